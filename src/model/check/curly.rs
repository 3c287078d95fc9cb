//! Curly quotes written where a string's straight quotes belong: `title = “Sella: a note”`,
//! as a word processor or a phone's keyboard types them. TOML delimits strings with `"` and
//! `'` only, so the parser reads such a value as a bare word and says "string values must
//! be quoted, expected literal string", which does not say what is wrong. This says it, in
//! place of the parser's errors on that value.
//!
//! The fix is certain only on a line that is a plain `key = “…”` (a comment may follow),
//! with one closing quote where the value can end, and nothing inside that a string in
//! straight quotes would read otherwise (a `"`, a backslash, a control character): then
//! the two curly quotes become straight ones, and the text between them is kept as it is.

use std::ops::Range;

use super::super::diag::{Applicability, Diagnostic};

/// The message, which the first syntax error's help looks for (see `parse`).
pub(crate) const MESSAGE: &str = "curly quotes cannot delimit a TOML string";

/// The curly quotes a string may be written between, in families: a value opened with one
/// of a family is closed with one of the same family (typists and keyboards mix the opening
/// and closing forms).
const FAMILIES: [&[char]; 4] = [
    &['“', '”', '„', '‟'],
    &['‘', '’', '‚', '‛'],
    &['«', '»'],
    &['‹', '›'],
];

/// How far a key may stand before its value, and a value in a list or an inline table
/// may run to its closing quote, for that to be looked for: the parser may find thousands
/// of errors on one long line, and each is looked at in bounded time.
const REACH: usize = 4096;

/// Replaces the parser's errors on each value that starts with a curly quote with one that
/// says so, with straight quotes as a certain fix where they are one. `errors` are the
/// parser's, with spans in `text`, in order of position; they stay in that order.
pub(crate) fn curly_delimiters(text: &str, errors: &mut Vec<Diagnostic>) {
    let mut found: Vec<Diagnostic> = Vec::new();
    for d in errors.iter() {
        let Some(start) = d.span.as_ref().map(|s| s.start) else {
            continue;
        };
        // An error inside a value already found is one that follows from it.
        if found
            .last()
            .and_then(|f| f.span.as_ref())
            .is_some_and(|f| f.contains(&start))
        {
            continue;
        }
        if let Some(curly) = at(text, start) {
            found.push(curly);
        }
    }
    if found.is_empty() {
        return;
    }
    // Both are in order of position, and the values found do not overlap.
    let spans: Vec<Range<usize>> = found.iter().filter_map(|f| f.span.clone()).collect();
    let mut next = 0;
    errors.retain(|d| {
        let Some(at) = d.span.as_ref().map(|s| s.start) else {
            return true;
        };
        while spans.get(next).is_some_and(|s| s.end <= at) {
            next += 1;
        }
        !spans.get(next).is_some_and(|s| s.contains(&at))
    });
    errors.extend(found);
    errors.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
}

/// The diagnostic for a value opened with a curly quote at byte `start`, if it is one.
fn at(text: &str, start: usize) -> Option<Diagnostic> {
    let open = text.get(start..)?.chars().next()?;
    let family = FAMILIES.iter().find(|f| f.contains(&open))?;
    let body = start + open.len_utf8();
    let key = plain_key(line_before(text, start));
    let (span, ends) = match key {
        // The value is the line's only one: it runs to the last closing quote followed by
        // nothing but spaces and perhaps a comment, the line's end.
        Some(_) => {
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let line = text[body..line_end].trim_end_matches('\r');
            let ends: Vec<usize> = line
                .char_indices()
                .filter(|&(_, c)| family.contains(&c))
                .map(|(i, c)| i + c.len_utf8())
                .filter(|&end| {
                    let rest = line[end..].trim_start_matches([' ', '\t']);
                    rest.is_empty() || rest.starts_with('#')
                })
                .map(|end| body + end)
                .collect();
            (start..ends.last().copied().unwrap_or(body), ends.len())
        }
        // In a list or an inline table the value ends at its first closing quote.
        None => {
            let close = text[body..]
                .char_indices()
                .take_while(|&(i, c)| i < REACH && c != '\n')
                .find(|&(_, c)| family.contains(&c))
                .map(|(i, c)| body + i + c.len_utf8());
            (start..close.unwrap_or(body), 0)
        }
    };
    let mut d = Diagnostic::error(MESSAGE)
        .at(0, span.clone())
        .label("curly quotes");
    let inner = inner(text, &span, family);
    let awkward = |s: &str| s.chars().any(|c| c == '"' || c == '\\' || is_control(c));
    match (key, inner) {
        (Some(key), Some(inner)) if ends == 1 && !awkward(inner) => {
            let shown = if inner.chars().count() <= 40 {
                inner
            } else {
                "…"
            };
            d = d
                .help(format!(
                    "TOML strings are written between straight quotes: write `{key} = \"{shown}\"`"
                ))
                .fix(
                    span,
                    format!("\"{inner}\""),
                    // `“a” “b”` may be two values or one with quotes inside: a guess. An
                    // apostrophe inside (`‘Kenya’s plan’`) is no reason to doubt.
                    if inner.contains(open) {
                        Applicability::MaybeIncorrect
                    } else {
                        Applicability::MachineApplicable
                    },
                );
        }
        (_, Some(inner)) if awkward(inner) => {
            d = d.help(
                "TOML strings are written between straight quotes `\"`; inside them, write a `\"` as `\\\"` and a backslash as `\\\\`",
            );
        }
        _ => {
            d = d.help("TOML strings are written between straight quotes: `\"…\"`");
        }
    }
    Some(d)
}

/// What comes before byte `at` on its line, if the line starts at most [`REACH`] bytes
/// before it; else a text that is no key.
fn line_before(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..at];
    match window.rfind('\n') {
        Some(i) => &window[i + 1..],
        None if from == 0 => window,
        None => "\n",
    }
}

/// The text between a value's curly quotes, when the span holds both.
fn inner<'t>(text: &'t str, span: &Range<usize>, family: &[char]) -> Option<&'t str> {
    let value = &text[span.clone()];
    let mut chars = value.chars();
    let (open, close) = (chars.next()?, chars.next_back()?);
    (family.contains(&open) && family.contains(&close))
        .then(|| &value[open.len_utf8()..value.len() - close.len_utf8()])
}

/// The key of a line that is `key =` up to the value: a bare key, with nothing before it.
fn plain_key(before: &str) -> Option<&str> {
    let key = before.trim_end().strip_suffix('=')?.trim();
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    plain.then_some(key)
}

/// Characters a basic string cannot hold as they are.
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t') || c == '\u{7f}'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser's errors on `text`, as `check` first has them.
    fn parser_errors(text: &str) -> Vec<Diagnostic> {
        let (_, errors) = toml::de::DeTable::parse_recoverable(text);
        let mut out: Vec<Diagnostic> = errors
            .iter()
            .map(|e| super::super::toml_error(e, text))
            .collect();
        out.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        out.dedup_by(|a, b| a.span == b.span);
        out
    }

    fn curly(text: &str) -> Vec<(String, &str, Option<String>)> {
        let mut errors = parser_errors(text);
        curly_delimiters(text, &mut errors);
        errors
            .into_iter()
            .map(|d| {
                let span = d.span.clone().unwrap();
                let fix = d.fix.map(|f| {
                    assert_eq!(f.applicability, Applicability::MachineApplicable);
                    assert_eq!(f.edits[0].span, span);
                    f.edits[0].replacement.clone()
                });
                (d.message, &text[span], fix)
            })
            .collect()
    }

    #[test]
    fn a_value_between_curly_quotes_is_named_and_fixed_where_certain() {
        let text = "title = “Sella: a quick note” # a comment\n\
            summary = ‘A note, with “inner” quotes’\n\
            name = ”Valdora”\n\
            kind = «A wire»\n";
        let m = MESSAGE.to_owned();
        assert_eq!(
            curly(text),
            [
                (
                    m.clone(),
                    "“Sella: a quick note”",
                    Some("\"Sella: a quick note\"".into())
                ),
                (
                    m.clone(),
                    "‘A note, with “inner” quotes’",
                    Some("\"A note, with “inner” quotes\"".into())
                ),
                (m.clone(), "”Valdora”", Some("\"Valdora\"".into())),
                (m, "«A wire»", Some("\"A wire\"".into())),
            ]
        );
    }

    #[test]
    fn a_value_that_straight_quotes_would_read_otherwise_is_named_but_not_fixed() {
        let text = "role = “up \"stream\"”\n\
            path = “C:\\dir”\n\
            tags = [“water”, \"x\"]\n\
            cite = [{ source = “wire”, locator = \"¶1\" }]\n\
            note = “one” # or “two”\n\
            open = “never closed\n";
        let got: Vec<(&str, bool)> = curly(text)
            .into_iter()
            .map(|(m, span, fix)| {
                assert_eq!(m, MESSAGE, "{span}");
                (span, fix.is_some())
            })
            .collect();
        assert_eq!(
            got,
            [
                ("“up \"stream\"”", false),
                ("“C:\\dir”", false),
                ("“water”", false),
                ("“wire”", false),
                // Two places where the value may end: which one is not certain.
                ("“one” # or “two”", false),
                ("“", false),
            ]
        );
    }

    #[test]
    fn other_syntax_errors_are_left_as_they_are() {
        let text = "title = \"ok\"\nx = = 1\nname = Ana\n";
        let before = parser_errors(text);
        let mut after = before.clone();
        curly_delimiters(text, &mut after);
        assert_eq!(after, before);
    }
}
