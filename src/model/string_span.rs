//! Where a part of a string value is written in its file. A diagnostic about part of a
//! string (the word where a quote departs from its source) points at that part, not the
//! whole value; but the string as the program has it is decoded, and an escape (`\"`,
//! `\u00e9`, a line-ending backslash in a `"""` string) makes the written text longer or
//! shorter than the decoded one. This reads the written string again, escape by escape,
//! and keeps where each decoded byte was written.
//!
//! It is only used to place a diagnostic, never to read a value: when the text written
//! there does not decode to the value the checks saw (the file changed, or a form this
//! does not know), it says so with `None`, and the diagnostic keeps the whole value.

use std::ops::Range;

use super::diag::Report;

/// Points each diagnostic of `report` that has places inside a string value
/// ([`Report::within`]) at them, where its file's text is at hand and decodes there as it
/// did; the others keep the whole value. Leaves no places pending.
pub(crate) fn place_within(report: &mut Report) {
    for w in std::mem::take(&mut report.within) {
        let Some(d) = report.diagnostics.get_mut(w.diagnostic) else {
            continue;
        };
        let Some(file) = d.file else { continue };
        let Some(text) = report.files.get(file).and_then(|f| f.text.clone()) else {
            continue;
        };
        let mut places = w.places.into_iter();
        // The diagnostic's label is the first place's already.
        let Some((first, _)) = places.next() else {
            continue;
        };
        let Some(span) = span_within(&text, &w.value, &w.decoded, &first) else {
            continue;
        };
        d.span = Some(span);
        for (part, label) in places {
            if let Some(span) = span_within(&text, &w.value, &w.decoded, &part) {
                d.related.push(super::diag::Related {
                    at: super::diag::Location { file, span },
                    label,
                });
            }
        }
    }
}

/// The span in `file` of the bytes `part` of the string `decoded`, which is written at
/// `value` (delimiters included); `None` when the text there does not decode to `decoded`
/// or `part` is not within it.
pub(crate) fn span_within(
    file: &str,
    value: &Range<usize>,
    decoded: &str,
    part: &Range<usize>,
) -> Option<Range<usize>> {
    if part.start > part.end || part.end > decoded.len() {
        return None;
    }
    let written = file.get(value.clone())?;
    let (text, from) = decode(written)?;
    if text != decoded {
        return None;
    }
    let start = if part.start == from.len() {
        from.last().map_or(0, |r| r.end)
    } else {
        from[part.start].start
    };
    let end = if part.is_empty() {
        start
    } else {
        from[part.end - 1].end
    };
    Some(value.start + start..value.start + end)
}

/// A written TOML string (delimiters included) decoded, with where each decoded byte was
/// written (relative to the start of `written`).
fn decode(written: &str) -> Option<(String, Vec<Range<usize>>)> {
    let (delimiter, multi) = if written.starts_with("\"\"\"") {
        ('"', true)
    } else if written.starts_with("'''") {
        ('\'', true)
    } else if written.starts_with('"') {
        ('"', false)
    } else if written.starts_with('\'') {
        ('\'', false)
    } else {
        return None;
    };
    let width = if multi { 3 } else { 1 };
    if written.len() < 2 * width || !written.ends_with(delimiter) {
        return None;
    }
    let mut at = width;
    let end = written.len() - width;
    if multi {
        // A newline right after the opening delimiter is not part of the string.
        if written[at..end].starts_with("\r\n") {
            at += 2;
        } else if written[at..end].starts_with('\n') {
            at += 1;
        }
    }
    let mut out = String::with_capacity(end - at);
    let mut from = Vec::with_capacity(end - at);
    let push = |out: &mut String, from: &mut Vec<Range<usize>>, c: char, src: Range<usize>| {
        out.push(c);
        from.extend(std::iter::repeat_n(src, c.len_utf8()));
    };
    let body = &written[..end];
    while at < end {
        let c = body[at..].chars().next()?;
        if c != '\\' || delimiter == '\'' {
            push(&mut out, &mut from, c, at..at + c.len_utf8());
            at += c.len_utf8();
            continue;
        }
        let escape = body[at + 1..].chars().next()?;
        let simple = match escape {
            'b' => Some('\u{8}'),
            't' => Some('\t'),
            'n' => Some('\n'),
            'f' => Some('\u{c}'),
            'r' => Some('\r'),
            'e' => Some('\u{1b}'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            _ => None,
        };
        if let Some(s) = simple {
            push(&mut out, &mut from, s, at..at + 2);
            at += 2;
            continue;
        }
        let digits = match escape {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        if digits > 0 {
            let hex = body.get(at + 2..at + 2 + digits)?;
            let code = u32::from_str_radix(hex, 16).ok()?;
            push(
                &mut out,
                &mut from,
                char::from_u32(code)?,
                at..at + 2 + digits,
            );
            at += 2 + digits;
            continue;
        }
        // A line-ending backslash in a multi-line string: it and the whitespace after it,
        // newlines included, are not part of the string.
        let rest = &body[at + 1..];
        let blank = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if !multi || !rest[blank..].starts_with(['\n', '\r']) {
            return None;
        }
        let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
        at += 1 + skipped;
    }
    Some((out, from))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file text under `part` of the value `key = …` in `file`, found with `find` in
    /// the value as TOML decodes it.
    fn written(file: &str, find: &str) -> Option<String> {
        let table: toml::Spanned<toml::Table> = toml::from_str(file).unwrap();
        let de = toml::de::DeTable::parse(file).unwrap();
        let value = de.get_ref().get("a").unwrap().span();
        let decoded = table.get_ref()["a"].as_str().unwrap().to_owned();
        let at = decoded.find(find)?;
        let span = span_within(file, &value, &decoded, &(at..at + find.len()))?;
        Some(file[span].to_owned())
    }

    #[test]
    fn a_part_is_found_where_it_is_written_whatever_the_escapes() {
        let cases = [
            ("a = \"plain words here\"\n", "words", "words"),
            ("a = \"say \\\"no\\\" twice\"\n", "\"no\"", "\\\"no\\\""),
            ("a = \"caf\\u00e9 au lait\"\n", "é au", "\\u00e9 au"),
            ("a = \"tab\\there\"\n", "here", "here"),
            ("a = \"\\U0001F600 smile\"\n", "smile", "smile"),
            ("a = \"\\e\\x41B\"\n", "AB", "\\x41B"),
            ("a = 'C:\\dir\\file'\n", "file", "file"),
            ("a = \"\"\"\nfirst\nsecond line\"\"\"\n", "second", "second"),
            ("a = \"\"\"\r\nfirst\r\nsecond\"\"\"\n", "second", "second"),
            (
                "a = \"\"\"one \\\n    two\"\"\"\n",
                "one two",
                "one \\\n    two",
            ),
            ("a = '''\nraw \\ text'''\n", "text", "text"),
            ("a = \"\"\"\"quoted\"\"\"\"\n", "quoted\"", "quoted\""),
        ];
        for (file, find, want) in cases {
            assert_eq!(written(file, find).as_deref(), Some(want), "{file:?}");
        }
    }

    #[test]
    fn text_that_does_not_decode_to_the_value_gives_nothing() {
        let file = "a = \"one\"\n";
        assert_eq!(span_within(file, &(4..9), "one", &(0..3)), Some(5..8));
        assert_eq!(span_within(file, &(4..9), "two", &(0..3)), None);
        assert_eq!(span_within(file, &(4..9), "one", &(2..4)), None);
        assert_eq!(span_within(file, &(0..3), "one", &(0..1)), None);
        assert_eq!(span_within(file, &(4..99), "one", &(0..1)), None);
        // An empty part is a place: before the byte it names, or at the end.
        assert_eq!(span_within(file, &(4..9), "one", &(1..1)), Some(6..6));
        assert_eq!(span_within(file, &(4..9), "one", &(3..3)), Some(8..8));
    }
}
