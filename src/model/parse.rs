//! Parsing one file into its raw tables, with every unknown key found.
//!
//! The TOML parser builds a document tree before serde sees anything, and that tree costs
//! about 2.5 KB per small table, several times the text. A large file is therefore parsed in
//! slices: it is cut before `[[actors]]`-style headers (outside strings and arrays), each
//! slice is parsed and converted on its own, and the slices' tables are joined. Only one
//! slice's tree is alive at a time.
//!
//! Slicing must never change the meaning of a file. Whatever a slice cannot decide alone (a
//! syntax error, a table defined in two slices, an array of tables continued from a table or
//! inline array in another slice, a subtable of an item in another slice) makes the whole
//! file be parsed at once instead, so that errors and their positions are exactly the
//! parser's.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, Deserializer};

use super::diag::{Diagnostic, Work};
use super::keys::{self, IgnoredId, Segment, Unknown};
use super::raw::{self, ARRAYS, Part, Shift as _, len_of};

/// Files smaller than this are parsed whole.
pub const SLICED_FROM: usize = 256 * 1024;

/// Slices are cut at the first array-of-tables header after this many bytes.
const SLICE_BYTES: usize = 64 * 1024;

/// A file's tables, its unknown keys, the ids of ignored near-miss tables, and what
/// parsing cost.
pub struct Parsed {
    pub file: raw::File,
    pub unknown: Vec<Unknown>,
    pub ignored: Vec<IgnoredId>,
    pub work: Work,
}

/// Parses a file: directly from the parser's events when it has the common shape (see
/// `direct`), else with [`general`].
///
/// # Errors
/// More values than a briefing holds, or nesting too deep for `toml` and serde to recurse
/// into (both checked before anything is built), or every syntax error the parser can find (it recovers after each), with its
/// position, and what parsing cost.
pub fn parse(text: &str) -> Result<Parsed, (Vec<Diagnostic>, Work)> {
    if let Some(d) = super::nesting::too_many_values(text) {
        return Err((vec![d], Work::default()));
    }
    let (headers, cuts) = slicing(text);
    if let Some(file) = super::direct::decode(text, &cuts) {
        return Ok(Parsed {
            file,
            unknown: Vec::new(),
            ignored: Vec::new(),
            work: Work {
                parses: cuts.len() as u64,
                ..Work::default()
            },
        });
    }
    general(text, &headers, &cuts)
}

/// Where a file is cut into slices: its headers and the slices' starts, or one slice from 0
/// when it is smaller than [`SLICED_FROM`].
pub(crate) fn slicing(text: &str) -> (Vec<(usize, &'static str)>, Vec<usize>) {
    let headers = if text.len() >= SLICED_FROM {
        headers(text)
    } else {
        Vec::new()
    };
    let cuts = cuts(&headers);
    (headers, cuts)
}

/// Parses a file with `toml`'s document tree and serde, in slices when it is large: the
/// path for every file, whatever it holds. [`parse`] tries the direct decoder first.
pub(crate) fn general(
    text: &str,
    headers: &[(usize, &'static str)],
    cuts: &[usize],
) -> Result<Parsed, (Vec<Diagnostic>, Work)> {
    let mut work = Work::default();
    if let Some(d) = super::nesting::check(text) {
        return Err((vec![d], work));
    }
    // Large files only have more than one cut.
    if cuts.len() > 1 {
        match sliced(text, cuts, headers, &mut work) {
            Ok(Some(mut parsed)) => {
                parsed.work = work;
                return Ok(parsed);
            }
            Err(d) => return Err((d, work)),
            Ok(None) => {}
        }
    }
    whole(text, work)
}

/// Parses the whole file at once.
fn whole(text: &str, mut work: Work) -> Result<Parsed, (Vec<Diagnostic>, Work)> {
    work.parses += 1;
    let de = Deserializer::parse(text).map_err(|_| (syntax_errors(text, &mut work), work))?;
    let mut paths: Vec<Vec<Segment>> = Vec::new();
    let part: Part = serde_ignored::deserialize(de, |path| paths.push(keys::segments(&path)))
        .map_err(|e| (vec![super::check::toml_error(&e, text)], work))?;
    let mut file = raw::File::default();
    file.extend(part);
    let (unknown, ignored) = if paths.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        // One more parse finds where every unknown key is.
        work.parses += 1;
        let root = DeTable::parse(text).ok();
        keys::unknown_keys(text, root.as_ref().map(Spanned::get_ref), paths)
    };
    Ok(Parsed {
        file,
        unknown,
        ignored,
        work,
    })
}

/// Every syntax error in a file that does not parse: the parser recovers after each one.
/// The first says that the rest of the file waits for the syntax to be fixed.
fn syntax_errors(text: &str, work: &mut Work) -> Vec<Diagnostic> {
    syntax_errors_at(text, 0, work)
}

/// The syntax errors of a text that starts `offset` bytes into its file.
fn syntax_errors_at(text: &str, offset: usize, work: &mut Work) -> Vec<Diagnostic> {
    work.parses += 1;
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut out: Vec<Diagnostic> = errors
        .iter()
        .map(|e| super::check::toml_error(e, text))
        .collect();
    out.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    out.dedup_by(|a, b| a.span == b.span);
    super::check::curly::curly_delimiters(text, &mut out);
    super::check::quote_bare_dates(text, root.get_ref(), &mut out);
    follow_unclosed(text, &mut out);
    let kept = super::check::values::MAX_KEPT;
    if out.len() > kept {
        let dropped = out.len() - kept;
        out.truncate(kept);
        let more = match dropped {
            1 => "1 more syntax error is not shown".to_owned(),
            n => format!("{n} more syntax errors are not shown"), // 2 or more: plural
        };
        out.push(Diagnostic::more_not_shown(
            more,
            format!(
                "only the first {kept} syntax errors of a file are shown; fix those and check again" // a thousand: plural
            ),
        ));
    }
    for d in &mut out {
        shift_diagnostic(d, offset);
    }
    if let Some(first) = out.first_mut() {
        const LATER: &str = "fields, values and references are checked once the file parses";
        let says_what_to_write =
            first.fix.is_some() || first.message == super::check::curly::MESSAGE;
        first.help = Some(match first.help.take() {
            // A bare date's or a curly-quoted value's help says what to write; the rest
            // waits all the same.
            Some(help) if says_what_to_write && help.ends_with('?') => {
                format!("{help} ({LATER})")
            }
            Some(help) if says_what_to_write => format!("{help}; {LATER}"),
            Some(help) => help,
            None => format!("fix the TOML syntax first: {LATER}"),
        });
    }
    out
}

/// When the first error comes after an array or inline table that an earlier line opened
/// and never closed, points at that bracket, and keeps that one error: the parser reads
/// every line after an unclosed `[` as its elements, so one missing `]` gave an error for
/// each of them (643 in a briefing of 300 lines), the first on the line after the real
/// mistake.
fn follow_unclosed(text: &str, out: &mut Vec<Diagnostic>) {
    let Some(at) = out.first().and_then(|d| d.span.as_ref()).map(|s| s.start) else {
        return;
    };
    let Some((open, square)) = unclosed_at(text, at) else {
        return;
    };
    let after = out.len() - 1;
    out.truncate(1);
    let (what, close) = if square {
        ("array", ']')
    } else {
        ("inline table", '}')
    };
    let first = &mut out[0];
    // The bracket is the mistake: it leads, and where the parser gave up follows it.
    let gave_up = first.span.replace(open);
    let original = std::mem::replace(&mut first.message, format!("this {what} is never closed"));
    first.label = Some(format!("`{close}` is missing for this one"));
    first.fix = None;
    if let Some(span) = gave_up {
        first.related.push(super::diag::Related {
            at: super::diag::Location {
                file: first.file.unwrap_or(0),
                span,
            },
            label: format!("so the parser read on to here: {original}"),
        });
    }
    let more = match after {
        0 => String::new(),
        1 => " (the one error that follows from it is not shown)".to_owned(),
        n => format!(" (the {n} errors that follow from it are not shown)"), // 2 or more: plural
    };
    first.help = Some(format!(
        "close the {what} with `{close}` after its last element{more}"
    ));
}

/// The innermost array or inline table open at byte `at` of `text` that is never closed,
/// when it was opened on a line before `at`'s: its bracket, and whether it is an array.
/// Lexed with `toml`'s own tokens, so that brackets in strings and comments do not count;
/// a `[` that starts a line outside every bracket starts a table header, not an array. A
/// bracket closed further on (a missing comma in a list of several lines) is not one.
fn unclosed_at(text: &str, at: usize) -> Option<(std::ops::Range<usize>, bool)> {
    use toml_parser::lexer::TokenKind;
    type Open = (std::ops::Range<usize>, TokenKind);
    let mut open: Vec<Open> = Vec::new();
    let mut innermost: Option<Option<Open>> = None;
    let (mut line_start, mut header) = (true, false);
    for token in toml_parser::Source::new(text).lex() {
        let span = token.span().start()..token.span().end();
        if innermost.is_none() && span.start >= at {
            innermost = Some(open.last().cloned());
        }
        match token.kind() {
            TokenKind::Newline => (line_start, header) = (true, false),
            TokenKind::Whitespace => {}
            kind => {
                if std::mem::take(&mut line_start)
                    && kind == TokenKind::LeftSquareBracket
                    && open.is_empty()
                {
                    header = true;
                }
                match kind {
                    _ if header => {}
                    TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                        open.push((span, kind));
                    }
                    TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                        open.pop();
                    }
                    _ => {}
                }
            }
        }
    }
    let (span, kind) = innermost.unwrap_or_else(|| open.last().cloned())?;
    let never_closed = open.iter().any(|(s, _)| *s == span);
    let line_of = |i: usize| text[..i].matches('\n').count();
    (never_closed && line_of(span.start) < line_of(at))
        .then_some((span, kind == TokenKind::LeftSquareBracket))
}

/// One slice, parsed: its tables (spans already in file offsets), its unknown keys, the
/// top-level unknown keys it defines, and the arrays it starts with a header.
struct Slice {
    part: Part,
    unknown: Vec<Unknown>,
    ignored: Vec<IgnoredId>,
    top_level: Vec<String>,
    headed: HashSet<&'static str>,
}

/// Parses slice by slice; `None` when the file must be parsed whole.
///
/// A slice starts at a header line outside any string or array, so the parser reads it in
/// the same state as in the whole file, and a syntax error in it is the file's own error at
/// the same place: the syntax errors of that slice are the file's (a large broken file is
/// never parsed whole, which would hold its whole tree). Conversion errors are not: a slice
/// may lack context it needs.
fn sliced(
    text: &str,
    cuts: &[usize],
    headers: &[(usize, &'static str)],
    work: &mut Work,
) -> Result<Option<Parsed>, Vec<Diagnostic>> {
    let mut slices = Vec::with_capacity(cuts.len());
    for (i, &start) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(text.len());
        let headed = headers
            .iter()
            .filter(|c| (start..end).contains(&c.0))
            .map(|c| c.1)
            .collect();
        match slice(text, start..end, headed, work) {
            Ok(Some(s)) => slices.push(s),
            Ok(None) => return Ok(None),
            // The file's first errors, unless a table defined before them in this slice or
            // an earlier one could clash with an earlier slice, which the whole parse would
            // report first.
            Err(d) => {
                let at = d
                    .first()
                    .and_then(|d| d.span.as_ref())
                    .map_or(end, |s| s.start);
                let clean = headers
                    .iter()
                    .filter(|h| (start..at).contains(&h.0))
                    .all(|h| h.1 != OTHER);
                return if slices.is_empty() || (clean && consistent(&slices)) {
                    Err(d)
                } else {
                    Ok(None)
                };
            }
        }
    }
    Ok(join(slices))
}

/// True when the slices could be joined without changing the file's meaning: no table or
/// unknown top-level key in two slices, and arrays continued across slices made of headers.
fn consistent(slices: &[Slice]) -> bool {
    let mut top_level = HashSet::new();
    let mut briefings = 0;
    for s in slices {
        if s.top_level.iter().any(|k| !top_level.insert(k.as_str())) {
            return false;
        }
        briefings += usize::from(s.part.briefing.is_some());
    }
    briefings <= 1
        && ARRAYS.iter().all(|name| {
            let holders: Vec<&Slice> = slices.iter().filter(|s| defines(&s.part, name)).collect();
            holders.len() <= 1 || holders.iter().all(|s| s.headed.contains(name))
        })
}

/// Parses one slice: `Err` with its syntax errors (the file's own), `Ok(None)` when it
/// cannot be converted alone.
fn slice(
    text: &str,
    range: Range<usize>,
    headed: HashSet<&'static str>,
    work: &mut Work,
) -> Result<Option<Slice>, Vec<Diagnostic>> {
    let (start, piece) = (range.start, &text[range]);
    work.parses += 1;
    let Ok(tree) = DeTable::parse(piece) else {
        return Err(syntax_errors_at(piece, start, work));
    };
    let mut paths: Vec<Vec<Segment>> = Vec::new();
    let Ok(part) = serde_ignored::deserialize(Deserializer::from(tree), |path| {
        paths.push(keys::segments(&path));
    }) else {
        return Ok(None);
    };
    let part: Part = part;
    let top_level = paths
        .iter()
        .filter_map(|p| match p.as_slice() {
            [Segment::Key(k)] => Some(k.clone()),
            _ => None,
        })
        .collect();
    let (mut unknown, mut ignored) = (Vec::new(), Vec::new());
    if !paths.is_empty() {
        work.parses += 1;
        let root = DeTable::parse(piece).ok();
        (unknown, ignored) = keys::unknown_keys(piece, root.as_ref().map(Spanned::get_ref), paths);
        for u in &mut unknown {
            shift_diagnostic(&mut u.diag, start);
        }
    }
    Ok(Some(Slice {
        part: part.shift(start),
        unknown,
        ignored,
        top_level,
        headed,
    }))
}

fn shift_diagnostic(d: &mut Diagnostic, by: usize) {
    d.span = d.span.take().map(|s| s.start + by..s.end + by);
    for r in &mut d.related {
        r.at.span = r.at.span.start + by..r.at.span.end + by;
    }
    if let Some(fix) = &mut d.fix {
        for e in &mut fix.edits {
            e.span = e.span.start + by..e.span.end + by;
        }
    }
}

/// Joins the slices' tables, or `None` when slicing could have changed the file's meaning.
/// Unknown keys inside items get the item's index in the whole file.
fn join(slices: Vec<Slice>) -> Option<Parsed> {
    if !consistent(&slices) {
        return None;
    }
    let mut file = raw::File::default();
    let (mut unknown, mut ignored) = (Vec::new(), Vec::new());
    let mut before = [0usize; ARRAYS.len()];
    for s in slices {
        for mut u in s.unknown {
            if let [Segment::Key(name), Segment::Index(i), ..] = u.path.as_mut_slice()
                && let Some(a) = ARRAYS.iter().position(|x| x == name)
            {
                *i += before[a];
            }
            unknown.push(u);
        }
        for (a, name) in ARRAYS.iter().enumerate() {
            before[a] += len_of(&s.part, name);
        }
        ignored.extend(s.ignored);
        file.extend(s.part);
    }
    Some(Parsed {
        file,
        unknown,
        ignored,
        work: Work::default(),
    })
}

/// Whether a part defines one of the arrays of tables at all (even empty, or as a value
/// of the wrong type).
fn defines(p: &Part, name: &str) -> bool {
    match name {
        "sources" => p.sources.is_some(),
        "actors" => p.actors.is_some(),
        "relations" => p.relations.is_some(),
        "events" => p.events.is_some(),
        _ => p.quotes.is_some(),
    }
}

/// Every table header at the start of a line, outside strings, comments and arrays, as
/// (start of its line, what it is: see [`header`]).
pub(crate) fn headers(text: &str) -> Vec<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut depth, mut i, mut line_start) = (0usize, 0usize, true);
    while i < bytes.len() {
        let b = bytes[i];
        if line_start && depth == 0 && b == b'[' {
            out.push((line_begin(bytes, i), header(&bytes[i..])));
        }
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => i = super::nesting::skip_string(bytes, i),
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        line_start = false;
        i += 1;
    }
    out
}

/// Where to cut: the start, then the first header after every [`SLICE_BYTES`].
pub(crate) fn cuts(headers: &[(usize, &'static str)]) -> Vec<usize> {
    let mut out = vec![0];
    for &(at, name) in headers {
        if ARRAYS.contains(&name) && at - out.last().copied().unwrap_or(0) >= SLICE_BYTES {
            out.push(at);
        }
    }
    out
}

/// The start of the line holding byte `i`.
fn line_begin(bytes: &[u8], i: usize) -> usize {
    bytes[..i]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1)
}

/// Headers that are neither ours nor nested in ours: `[table]`, `[[other]]`.
const OTHER: &str = "other";

/// Headers of tables nested in an item of ours, such as `[[events.actors]]`.
const NESTED: &str = "nested";

/// What the table header at the start of `bytes` is: the array name of a `[[name]]`
/// header of ours, [`NESTED`] or [`OTHER`].
fn header(bytes: &[u8]) -> &'static str {
    let Some(rest) = bytes.strip_prefix(b"[[") else {
        return OTHER;
    };
    let trimmed = rest.trim_ascii_start();
    let end = trimmed
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(trimmed.len());
    let (name, after) = trimmed.split_at(end);
    let Some(ours) = ARRAYS.iter().copied().find(|a| a.as_bytes() == name) else {
        return OTHER;
    };
    let after = after.trim_ascii_start();
    if after.starts_with(b"]]") {
        ours
    } else if after.starts_with(b".") {
        NESTED
    } else {
        OTHER
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    /// A file past [`SLICED_FROM`]: sources last, events with participant subtables, a
    /// multi-line string and a comment that look like headers, and stray keys.
    fn big(n: usize, extra: &str) -> String {
        let mut s = String::from(
            "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"\"\"\n[[actors]]\nnot a header\n\"\"\"\n",
        );
        for i in 0..n {
            let _ = write!(
                s,
                "\n# [[actors]] in a comment\n[[actors]]\nid = \"a{i}\"\nname = \"A {i}\"\nkind = \"person\"\nrole = \"r\"\nstray{} = 1\ncite = [{{ source = \"s\", locator = \"1\" }}]\n\n[[events]]\nid = \"e{i}\"\ntitle = \"E\"\ndate = \"2025\"\nstatus = \"occurred\"\ncite = [\n  {{ source = \"s\", locator = \"1\" }},\n]\n[[events.actors]]\nactor = \"a{i}\"\n",
                i % 3
            );
        }
        s.push_str(extra);
        s.push_str("\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n");
        s
    }

    fn syntax(text: &str) -> Vec<Diagnostic> {
        match parse(text) {
            Ok(_) => panic!("parses:\n{text}"),
            Err((d, _)) => d,
        }
    }

    /// One missing `]` or `}` is one error, at the first line it swallowed, that points
    /// at the bracket never closed, in a small file and a sliced one alike.
    #[test]
    fn an_unclosed_bracket_is_one_error_that_points_at_it() {
        let head = "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"s\"\n";
        for (line, what) in [
            ("tags = [\"a\", \"b\"\n", "array"),
            ("key_points = [\"a\",\n  \"b\"\n", "array"),
            ("tags = [{ a = \"x\"\n", "inline table"),
        ] {
            for text in [
                format!("{head}{line}\n[[sources]]\nid = \"s\"\ntitle = \"S\"\n"),
                big(300, &format!("\n[other]\n{line}")),
            ] {
                let d = syntax(&text);
                assert_eq!(d.len(), 1, "{what}: {d:#?}");
                let bracket = if what == "array" { '[' } else { '{' };
                let opener = text.rfind(line).unwrap() + line.find(bracket).unwrap();
                assert_eq!(d[0].span.as_ref().unwrap().start, opener, "{what}");
                assert_eq!(d[0].message, format!("this {what} is never closed"));
                assert!(
                    d[0].related[0]
                        .label
                        .starts_with("so the parser read on to here: "),
                    "{d:#?}"
                );
                assert!(
                    d[0].help
                        .as_deref()
                        .unwrap()
                        .contains("follow from it are not shown"),
                    "{d:#?}"
                );
            }
        }
        // Closed further on: a missing comma between the lines of a list is its own error.
        let text = format!("{head}tags = [\n  \"a\"\n  \"b\",\n]\n");
        let d = syntax(&text);
        assert!(d.iter().all(|d| d.related.is_empty()), "{d:#?}");
        assert_eq!(
            d[0].message,
            "missing comma between array elements, expected `,`"
        );
    }

    /// The outcome as comparable text: the tables and warnings, or the error.
    fn outcome(r: Result<Parsed, (Vec<Diagnostic>, Work)>) -> String {
        match r {
            Ok(p) => format!("{:?}\n{:?}", p.file, p.unknown),
            Err((d, _)) => format!("error {d:?}"),
        }
    }

    fn same_as_whole(text: &str) -> String {
        assert!(text.len() >= SLICED_FROM);
        let sliced = outcome(parse(text));
        let whole = outcome(whole(text, Work::default()));
        assert_eq!(sliced, whole);
        sliced
    }

    #[test]
    fn a_large_file_parses_in_slices_to_the_same_tables() {
        let text = big(1_500, "");
        assert!(cuts(&headers(&text)).len() > 3);
        let r = parse(&text).unwrap_or_else(|_| panic!("parses"));
        assert!(r.work.parses > 3, "parsed in slices: {:?}", r.work);
        assert_eq!(r.file.actors.len(), 1_500);
        let raw::Tab::Ok(last) = r.file.events[1_499].get_ref() else {
            panic!("a table")
        };
        assert_eq!(last.actors.as_ref().map(|a| a.get_ref().len()), Some(1));
        assert_eq!(r.unknown.len(), 1_500);
        let outcome = same_as_whole(&text);
        assert!(!outcome.starts_with("error"));
    }

    #[test]
    fn what_slices_cannot_decide_is_the_whole_parse() {
        for extra in [
            // A table defined twice, in different slices.
            "\n[briefing]\nid = \"again\"\n",
            // A subtable of an item in an earlier slice.
            "\n[[quotes]]\nid = \"q\"\n[events.actors]\nactor = \"x\"\n",
            // An unknown top-level table in two slices.
            "\n[extra]\nx = 1\n",
            // A syntax error late in the file.
            "\n[[quotes]]\nid = \"q\nkind = 1\n",
        ] {
            let text = format!("[extra]\ny = 2\n{}", big(1_500, extra));
            let outcome = same_as_whole(&text);
            assert!(outcome.starts_with("error"), "{extra:?}: {outcome}");
        }
        // A table defined twice mid-file, then a syntax error in a later slice: the error
        // shown is the first one, as in the whole parse.
        let mid = big(700, "\n[briefing]\nid = \"again\"\n");
        let text = format!("{mid}{}", big(700, "\n[[quotes]]\nid = \"q\nkind = 1\n"));
        let outcome = same_as_whole(&text);
        assert!(outcome.starts_with("error"), "{outcome}");
        // A value of the wrong type late in the file is no error of the parse: `check`
        // reports it, whole or sliced alike.
        let outcome = same_as_whole(&big(1_500, "\n[[quotes]]\nid = 5\n"));
        assert!(!outcome.starts_with("error"), "{outcome}");
        // An inline array continued by headers in a later slice.
        let text =
            big(1_500, "").replacen("[briefing]", "quotes = [{ id = \"q0\" }]\n[briefing]", 1)
                + "\n[[quotes]]\nid = \"q1\"\n";
        assert!(same_as_whole(&text).starts_with("error"));
    }
}
