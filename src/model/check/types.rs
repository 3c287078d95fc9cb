//! Values of the wrong type, in plain words with what to write instead: "dates are
//! strings: write `date = "2024-12-01"`", "aliases is a list: write `aliases = ["Kigali"]`".
//! Where the fix is certain (quotes around free text or around a valid bare date, brackets
//! around a lone string), it comes as a machine-applicable suggestion; quotes that would
//! only make an invalid value (`status = 3`, `date = 3`) are never offered as certain. The
//! text of a string is never changed.

use std::ops::Range;

use super::super::date::{DateError, DateSpec};
use super::super::diag::{Applicability, Diagnostic};
use super::super::raw::Found;
use super::super::text::safe_line;
use super::fields;
use super::values::Checker;

impl Checker<'_> {
    /// A value where text belongs that is not text: `key` in a table written `table`
    /// (`[[events]]`). Quoting is a certain fix only where it makes a valid value: always
    /// for free text, for a date only if the quoted text is one, for a word of a closed
    /// vocabulary (`status`) only if it is one of the words.
    pub(super) fn not_text(&mut self, span: Range<usize>, key: &str, table: &str, found: Found) {
        let written = self.written(&span);
        let scalar = matches!(
            found,
            Found::Integer | Found::Float | Found::Boolean | Found::Date | Found::Datetime
        );
        if scalar && let Some(words) = fields::words(table, key) {
            let d = unquoted_word(key, &written, span, &words, found.a());
            self.push_error(d);
            return;
        }
        let date = fields::is_date(key);
        if date && matches!(found, Found::Integer | Found::Float | Found::Date) {
            let d = unquoted_date(key, &written, span).label(found.a());
            self.push_error(d);
            return;
        }
        let quoted = format!("\"{}\"", written.trim());
        let (message, help, fix) = match found {
            Found::Datetime if date => (
                "a date has no time of day here".to_owned(),
                format!(
                    "dates are strings, at most a day: write `{key} = \"{}\"`",
                    written.get(..10).unwrap_or(&written)
                ),
                None,
            ),
            Found::Integer | Found::Float | Found::Date | Found::Datetime => (
                format!("`{key}` is text and needs quotes"),
                format!("write `{key} = {quoted}`"),
                Some(Applicability::MachineApplicable),
            ),
            Found::Boolean => (
                format!("`{key}` is text, not `{}`", written.trim()),
                format!("write `{key} = \"…\"`"),
                None,
            ),
            Found::Array => (
                format!("`{key}` is one piece of text, not a list"),
                format!("write `{key} = \"…\"`"),
                None,
            ),
            Found::Table | Found::String => (
                format!("`{key}` is text, not a table"),
                format!("write `{key} = \"…\"`"),
                None,
            ),
        };
        let mut d = Diagnostic::error(message)
            .at(0, span.clone())
            .label(found.a())
            .help(help);
        if let Some(a) = fix {
            d = d.fix(span, quoted, a);
        }
        self.push_error(d);
    }

    /// A value where a list belongs that is not a list.
    pub(super) fn not_list(&mut self, span: Range<usize>, key: &str, found: Found) {
        let written = self.written(&span);
        let tables = fields::is_table_list(key);
        let mut d = match found {
            Found::String if !tables => Diagnostic::error(format!("`{key}` is a list"))
                .label("a single string")
                .help(format!(
                    "{key} is a list: write `{key} = [{}]`",
                    written.trim()
                ))
                .fix(
                    span.clone(),
                    format!("[{}]", written.trim()),
                    Applicability::MachineApplicable,
                ),
            Found::Table if tables && written.starts_with('{') => {
                Diagnostic::error(format!("`{key}` is a list of tables"))
                    .label("a single table")
                    .help(format!("write `{key} = [{{ … }}]`, with the brackets"))
                    .fix(
                        span.clone(),
                        format!("[{}]", written.trim()),
                        Applicability::MachineApplicable,
                    )
            }
            Found::Table if tables && written.starts_with('[') && !written.starts_with("[[") => {
                let name = written.trim_matches(['[', ']', ' ']);
                let want = format!("[[{name}]]");
                Diagnostic::error(format!(
                    "`{}` is a single table, but {key} are a list of tables",
                    safe_line(&written)
                ))
                .label("one table")
                .help(format!("write `{want}` above each one"))
                .fix(
                    span.clone(),
                    want,
                    if name == key {
                        Applicability::MachineApplicable
                    } else {
                        Applicability::MaybeIncorrect
                    },
                )
            }
            _ if tables => Diagnostic::error(format!("`{key}` is a list of tables"))
                .label(found.a())
                .help(fields::tables_help(key)),
            _ => Diagnostic::error(format!("`{key}` is a list of strings"))
                .label(found.a())
                .help(format!("write `{key} = [\"…\", \"…\"]`")),
        };
        d = d.at(0, span);
        self.push_error(d);
    }

    /// An entry of a list of tables that is not a table.
    pub(super) fn not_table(&mut self, span: Range<usize>, key: &str, found: Found) {
        let written = self.written(&span);
        let mut d = Diagnostic::error(format!("each entry of `{key}` is a table"))
            .at(0, span.clone())
            .label(found.a())
            .help(fields::entry_help(key, written.trim()));
        if key == "actors" && found == Found::String {
            d = d.fix(
                span,
                format!("{{ actor = {} }}", written.trim()),
                Applicability::MachineApplicable,
            );
        }
        self.push_error(d);
    }
}

/// A date written without quotes (`date = 2025-05`, `date = 3`), at `span`. Quoting is the
/// certain fix only when the quoted text is a valid date; a date in another spelling that
/// reads one way only (`21 May 2025`) gets the format's spelling as a suggestion; anything
/// else is told why it is not a date, with no fix, since quoting it would only make an
/// invalid date of it.
pub(super) fn unquoted_date(key: &str, written: &str, span: Range<usize>) -> Diagnostic {
    let written = written.trim();
    let Err(error) = DateSpec::parse(written) else {
        return Diagnostic::error("this date needs quotes")
            .at(0, span.clone())
            .help(format!("dates are strings: write `{key} = \"{written}\"`"))
            .fix(
                span,
                format!("\"{written}\""),
                Applicability::MachineApplicable,
            );
    };
    let advice = matches!(error, DateError::Syntax(_))
        .then(|| super::dates::advise(written))
        .flatten();
    if let Some(super::dates::Advice {
        why,
        meant: Some(meant),
    }) = &advice
    {
        // Quoting is certain, the spelling is the author's to accept.
        let why = why
            .as_ref()
            .map(|why| format!(", and {why}"))
            .unwrap_or_default();
        return Diagnostic::error("this date needs quotes")
            .at(0, span.clone())
            .help(format!(
                "dates are strings{why}: did you mean `{key} = \"{meant}\"`?"
            ))
            .fix(span, format!("\"{meant}\""), Applicability::MaybeIncorrect);
    }
    let why = match (error, advice) {
        (_, Some(super::dates::Advice { why: Some(why), .. })) => why,
        (DateError::Syntax(_), _) => "write YYYY, YYYY-MM or YYYY-MM-DD".to_owned(),
        (other, _) => other.to_string(),
    };
    Diagnostic::error(format!("`{}` is not a date", safe_line(written)))
        .at(0, span)
        .help(format!(
            "{why}; dates are strings, in quotes: e.g. `{key} = \"2025-05-21\"`, `{key} = \"2025-05\"` or `{key} = \"unknown\"`"
        ))
}

/// A value of a closed vocabulary (`status`, a `kind`) written without quotes, at `span`,
/// where `found` says what it is instead ("a number"). Quoting is the certain fix only
/// when the value is one of the words (`status = scheduled`); any other value is unknown
/// once quoted, so it is told as unknown, with the words allowed, and the closest word is
/// only a suggestion.
pub(super) fn unquoted_word(
    key: &str,
    written: &str,
    span: Range<usize>,
    words: &fields::Words,
    found: &str,
) -> Diagnostic {
    let written = written.trim();
    if (words.known)(written) {
        return Diagnostic::error(format!("`{key}` is text and needs quotes"))
            .at(0, span.clone())
            .label(found)
            .help(format!("write `{key} = \"{written}\"`"))
            .fix(
                span,
                format!("\"{written}\""),
                Applicability::MachineApplicable,
            );
    }
    let d = Diagnostic::error(format!("unknown {} `{}`", words.what, safe_line(written)))
        .at(0, span.clone())
        .label(format!("{found}; expected one of {}", (words.expected)()));
    match super::values::suggest_word(written, words.spellings) {
        Some(word) => d
            .help(format!(
                "did you mean `{word}`? write it in quotes: `{key} = \"{word}\"`"
            ))
            .fix(span, format!("\"{word}\""), Applicability::MaybeIncorrect),
        None => d.help(format!(
            "`{key}` is one of these words, in quotes: e.g. `{key} = \"{}\"`",
            (words.spellings)().next().unwrap_or_default()
        )),
    }
}
