//! Dates written without quotes in a file that does not parse: `date = 2025-05`,
//! `as_of = after 2024-06`, `published = unknown`, `date = 03/04/2025`. TOML has no such
//! values, so the parser stops there and its complaint ("invalid date, expected `-`",
//! "string values must be quoted") says nothing of the fix. This finds every date key
//! whose value is written bare and reads as a briefing date (any form of
//! briefings/README.md, even an impossible day) or as a date `check` reads in another
//! spelling, and says so in place of the parser's errors on that value; other syntax
//! errors are left as the parser gives them. The quotes are a certain fix only for a valid
//! date: a date in another spelling that reads one way only (`21 May 2025`, a range the
//! wrong way round) gets its quoted standard spelling as a suggestion only, which `--fix`
//! leaves to the author, and one that reads both ways (`03/04/2025`) or is no date
//! (`31/02/2025`) is told why, with no fix. The bare forms that are TOML values (`2025`, `2025-06-01`) are found
//! too, so that one `check --fix` quotes them all; in a file that parses, the type check
//! reports those. Bare words are found too (`status = scheduled`): quoting them is certain
//! for free text, for a field of a closed vocabulary only if the word is one of its words
//! (see [`super::types::unquoted_word`]), and for a reference only if the word is an id
//! the file defines (see [`super::refs`]).

use std::ops::Range;

use toml::de::DeTable;

use super::super::date::{DateError, DateSpec};
use super::super::diag::{Applicability, Diagnostic};
use super::super::nesting::skip_string;
use super::{fields, refs};

/// A date or a word written without quotes: its key and the span of the value.
#[derive(Debug, PartialEq, Eq)]
struct Bare {
    key: String,
    span: Range<usize>,
    /// A date (of a date key), or other text, such as `status = scheduled`.
    date: bool,
    /// The table the key is in, as the format writes it (`[[events]]`), or empty.
    table: String,
}

/// Replaces the parser's errors on each bare date of `text` with "this date needs quotes",
/// and adds one for each bare date the parser accepted. `errors` are the parser's, with
/// spans in `text`, and `root` the tables it recovered, which hold the file's ids; the
/// result is in order of position.
pub(crate) fn quote_bare_dates(text: &str, root: &DeTable<'_>, errors: &mut Vec<Diagnostic>) {
    let bare = find(text);
    if bare.is_empty() {
        return;
    }
    // Ids written bare are quoted by the same `--fix` (they are free text).
    let mut own = None;
    let bare_ids = || {
        bare.iter()
            .filter(|b| b.key == "id")
            .map(|b| (b.table.as_str(), &text[b.span.clone()]))
    };
    errors.retain(|d| {
        let at = d.span.as_ref().map_or(usize::MAX, |s| s.start);
        !bare
            .iter()
            .any(|b| (b.span.start..=b.span.end).contains(&at))
    });
    for b in &bare {
        let span = b.span.clone();
        let written = &text[span.clone()];
        let d = if b.date {
            super::types::unquoted_date(&b.key, written, span).label("written without quotes")
        } else if let Some(words) = fields::words(&b.table, &b.key) {
            super::types::unquoted_word(&b.key, written, span, &words, "written without quotes")
        } else if let Some(refers) = refs::refers(&b.table, &b.key) {
            let own = own.get_or_insert_with(|| refs::Own::new(root, bare_ids()));
            refs::unquoted_ref(&b.key, written, span, refers, own)
        } else {
            let quoted = format!("\"{written}\"");
            Diagnostic::error("this text needs quotes")
                .at(0, span.clone())
                .help(format!("words are strings: write `{} = {quoted}`", b.key))
                .label("written without quotes")
                .fix(span, quoted, Applicability::MachineApplicable)
        };
        errors.push(d);
    }
    errors.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
}

/// Every value of a date key (`date`, `as_of`, `published`) in `text` that is written
/// bare and reads as a briefing date: in tables, in inline tables and in inline tables
/// inside arrays. Strings and comments are skipped, so nothing inside them is ever found.
fn find(text: &str) -> Vec<Bare> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // The open `{` and `[` around the current position.
    let mut open: Vec<u8> = Vec::new();
    // Where a key may start: a line at the top level, or after `{` or `,` in an inline table.
    let mut key_from = Some(0);
    // The table of the last header (`[[events]]`), and the key of the top-level value
    // being read (`quotes` in `quotes = [{ … }]`, a list of items written inline).
    let mut header = String::new();
    let mut top_key = "";
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => i = skip_string(bytes, i),
            b'\n' if open.is_empty() => key_from = Some(i + 1),
            b'{' => {
                open.push(b'{');
                key_from = Some(i + 1);
            }
            b'[' => {
                if open.is_empty() && key_from.is_some_and(|from| text[from..i].trim().is_empty()) {
                    header = table_header(text, i);
                }
                open.push(b'[');
            }
            b']' | b'}' => {
                open.pop();
            }
            b',' if open.last() == Some(&b'{') => key_from = Some(i + 1),
            b'=' => {
                if let Some(from) = key_from.take() {
                    if open.is_empty() {
                        top_key = text[from..i].trim();
                    }
                    if open.last().is_none_or(|&o| o == b'{')
                        && let Some(mut b) = bare_value(text, from, i, open.is_empty())
                    {
                        // Items written inline are lists of tables before the first header.
                        b.table = if open.is_empty() || !header.is_empty() {
                            header.clone()
                        } else {
                            format!("[[{top_key}]]")
                        };
                        out.push(b);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The bare date after the `=` at `eq`, if its key (from `key_from`) is a date key, or
/// the bare words (`status = scheduled`, `speaker = ana`) after any other key.
fn bare_value(text: &str, key_from: usize, eq: usize, top: bool) -> Option<Bare> {
    let key = text[key_from..eq].trim();
    let last = key.rsplit('.').next()?.trim().trim_matches(['"', '\'']);
    let date = fields::is_date(last);
    let rest = &text[eq + 1..];
    let start = eq + 1 + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    let ends: &[char] = if top {
        &['#', '\n', '\r']
    } else {
        &['#', '\n', '\r', ',', '}']
    };
    let value = &text[start..];
    let value = value[..value.find(ends).unwrap_or(value.len())].trim_end();
    let bare = if date {
        reads_as_date(value)
    } else {
        reads_as_words(value)
    };
    bare.then(|| Bare {
        key: last.to_owned(),
        span: start..start + value.len(),
        date,
        table: String::new(),
    })
}

/// The table of the header that starts at `at` as the format writes it: `[[events]]`,
/// `[briefing]`, spaces and a comment after it left out.
fn table_header(text: &str, at: usize) -> String {
    let line = &text[at..];
    let line = line[..line.find(['\n', '#']).unwrap_or(line.len())].trim_end();
    let name = line.trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace());
    if line.starts_with("[[") {
        format!("[[{name}]]")
    } else {
        format!("[{name}]")
    }
}

/// Whether a bare value is words that TOML has no value for: a letter first, then
/// letters, digits, spaces, `-`, `_`, `.`, `'` (`scheduled`, `news-article`, `Ana
/// Example`), and not one of TOML's own words (`true`, `false`, `inf`, `nan`).
fn reads_as_words(value: &str) -> bool {
    value.starts_with(|c: char| c.is_alphabetic())
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '\''))
        && !matches!(value, "true" | "false" | "inf" | "nan")
}

/// Whether a bare value is written as a briefing date, possibly an impossible one, or as
/// a date in another spelling that `check` reads: one way only (`21 May 2025`), either
/// way round (`03/04/2025`), or as no date (`31/02/2025`).
fn reads_as_date(value: &str) -> bool {
    !value.is_empty()
        && !value.starts_with(['"', '\'', '[', '{'])
        && (!matches!(DateSpec::parse(value), Err(DateError::Syntax(_)))
            || super::dates::advise(value).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, &str)> {
        find(text)
            .into_iter()
            .map(|b| (b.key, &text[b.span]))
            .collect()
    }

    /// Bare words after any key are found too, but for TOML's own values and arrays.
    #[test]
    fn bare_words_are_found_but_not_toml_values() {
        let text = "[[events]]\nstatus = scheduled\nkind = news-article # a comment\nok = true\n\
            n = 3\ns = \"quoted\"\nlist = [a]\nname = Ana Example\nactors = [{ actor = ana, role = \"x\" }]\n";
        let got: Vec<(String, &str, bool)> = find(text)
            .into_iter()
            .map(|b| (b.key, &text[b.span], b.date))
            .collect();
        assert_eq!(
            got,
            [
                ("status".to_owned(), "scheduled", false),
                ("kind".to_owned(), "news-article", false),
                ("name".to_owned(), "Ana Example", false),
                ("actor".to_owned(), "ana", false),
            ]
        );
    }

    /// Each bare value knows its table, under a header or in a list of items written
    /// inline before the first header, so a `kind` is read against the right vocabulary.
    #[test]
    fn bare_values_know_their_table() {
        let text = "quotes = [{ kind = verbatim }]\n[briefing]\nid = b\n\
            [[actors]] # people\nkind = persn\n  [[events]]\nstatus = soon\n\
            actors = [{ actor = ana }]\n";
        let got: Vec<(String, &str)> = find(text)
            .into_iter()
            .map(|b| (b.table, &text[b.span]))
            .collect();
        let row = |t: &str, v| (t.to_owned(), v);
        assert_eq!(
            got,
            [
                row("[[quotes]]", "verbatim"),
                row("[briefing]", "b"),
                row("[[actors]]", "persn"),
                row("[[events]]", "soon"),
                row("[[events]]", "ana"),
            ]
        );
    }

    #[test]
    fn every_bare_date_form_is_found_in_tables_and_inline_tables() {
        let text = "[briefing]\nas_of = 2025-05 # the month\n\
            [[sources]]\npublished = after 2024-06\n\
            [[events]]\ndate = between 2024-06 and 2025-05-21\n\
            events.x.date = before 2025\n\
            quotes = [\n  { id = \"q\", date = unknown, kind = \"direct\" },\n  {date=2025-02-30}\n]\n\
            \"date\" = 2025\n";
        assert_eq!(
            found(text),
            [
                ("as_of".to_owned(), "2025-05"),
                ("published".to_owned(), "after 2024-06"),
                ("date".to_owned(), "between 2024-06 and 2025-05-21"),
                ("date".to_owned(), "before 2025"),
                ("date".to_owned(), "unknown"),
                ("date".to_owned(), "2025-02-30"),
                ("date".to_owned(), "2025"),
            ]
        );
    }

    /// A bare date in another spelling is found too, and its fix, the format's spelling,
    /// is only a suggestion; a date in the format's spelling is quoted as it is.
    #[test]
    fn a_bare_date_in_another_spelling_gets_the_formats_spelling_as_a_suggestion() {
        let text = "as_of = 2025-6-5\npublished = 21 May 2025 # the wire\ndate = 2025-06\n";
        let mut errors = Vec::new();
        quote_bare_dates(
            text,
            DeTable::parse_recoverable(text).0.get_ref(),
            &mut errors,
        );
        let got: Vec<(&str, String, String, Applicability)> = errors
            .iter()
            .map(|d| {
                let fix = d.fix.as_ref().unwrap();
                (
                    &text[d.span.clone().unwrap()],
                    d.help.clone().unwrap(),
                    fix.edits[0].replacement.clone(),
                    fix.applicability,
                )
            })
            .collect();
        let row = |w, h: &str, r: &str, a| (w, h.to_owned(), r.to_owned(), a);
        assert_eq!(
            got,
            [
                row(
                    "2025-6-5",
                    "dates are strings: did you mean `as_of = \"2025-06-05\"`?",
                    "\"2025-06-05\"",
                    Applicability::MaybeIncorrect
                ),
                row(
                    "21 May 2025",
                    "dates are strings: did you mean `published = \"2025-05-21\"`?",
                    "\"2025-05-21\"",
                    Applicability::MaybeIncorrect
                ),
                row(
                    "2025-06",
                    "dates are strings: write `date = \"2025-06\"`",
                    "\"2025-06\"",
                    Applicability::MachineApplicable
                ),
            ]
        );
    }

    #[test]
    fn quoted_values_other_keys_strings_and_comments_are_left_alone() {
        let text = "date = \"2025-05\"\ntitle = 2025-05\n# date = 2025-05\n\
            summary = \"\"\"\ndate = 2025-05\n\"\"\"\nnote = 'date = 2025'\n\
            date = 2025-05-01T10:00\ndate = soon\ndate = [2025-05]\ndate = 2025-05, 2025-06\n";
        assert_eq!(found(text), []);
    }

    /// What a bare value's error says: the value, its help, and its fix and how sure.
    type Got<'a> = (&'a str, String, Option<(String, Applicability)>);

    /// A bare date that `check` reads but does not guess (`03/04/2025`, `5.6.25`), or
    /// reads as no date (`31/02/2025`), is told why in place of the parser's complaint,
    /// with no fix: quotes alone would not make a date of it. One that reads one way only,
    /// a range the wrong way round too, gets the format's spelling as a suggestion. The
    /// parser's error on another line is kept as it is.
    #[test]
    fn a_bare_date_not_guessed_says_why_and_is_not_quoted_as_sure() {
        let text = "date = 03/04/2025
as_of = 31/02/2025 # day first
published = 5.6.25
            x = { title = \"Été à Pétion-Ville\", date = between 17/03/2025 and 13/03/2025 }
            date = 17/03/2025
title = \"unterminated\n";
        let parser = |from: usize| Diagnostic::error("the parser's").at(0, from..from + 1);
        let at = |needle: &str| text.find(needle).unwrap();
        let mut errors = vec![
            parser(at("03/04")),
            parser(at("31/02") + 2),
            parser(at("6.25") + 2),
            parser(at("unterminated") - 1),
        ];
        quote_bare_dates(
            text,
            DeTable::parse_recoverable(text).0.get_ref(),
            &mut errors,
        );
        let got: Vec<Got<'_>> = errors
            .iter()
            .filter(|d| d.message != "the parser's")
            .map(|d| {
                (
                    &text[d.span.clone().unwrap()],
                    d.help.clone().unwrap(),
                    d.fix
                        .as_ref()
                        .map(|f| (f.edits[0].replacement.clone(), f.applicability)),
                )
            })
            .collect();
        let maybe = Applicability::MaybeIncorrect;
        let e = "dates are strings, in quotes: e.g. `date = \"2025-05-21\"`, `date = \"2025-05\"` or `date = \"unknown\"`";
        let with =
            |why: &str, key: &str| format!("{why}; {}", e.replace("date =", &format!("{key} =")));
        assert_eq!(
            got,
            [
                (
                    "03/04/2025",
                    with("`03/04/2025` could be read with the day first or the month first: write it as YYYY-MM-DD", "date"),
                    None
                ),
                (
                    "31/02/2025",
                    with("`31/02/2025` can be read only with the day first, and February 2025 has 28 days", "as_of"),
                    None
                ),
                (
                    "5.6.25",
                    with("`5.6.25` does not give the year in four digits: write it as YYYY-MM-DD", "published"),
                    None
                ),
                (
                    "between 17/03/2025 and 13/03/2025",
                    "dates are strings, and the range runs backwards: did you mean `date = \"between 2025-03-13 and 2025-03-17\"`?".to_owned(),
                    Some(("\"between 2025-03-13 and 2025-03-17\"".to_owned(), maybe))
                ),
                (
                    "17/03/2025",
                    "dates are strings: did you mean `date = \"2025-03-17\"`?".to_owned(),
                    Some(("\"2025-03-17\"".to_owned(), maybe))
                ),
            ]
        );
        assert_eq!(
            errors.last().and_then(|d| d.span.clone()),
            Some(at("unterminated") - 1..at("unterminated"))
        );
    }
}
