//! Values of the wrong type, in plain words with what to write instead: "dates are
//! strings: write `date = "2024-12-01"`", "aliases is a list: write `aliases = ["Kigali"]`".
//! Where the fix is certain (quotes around a bare date, brackets around a lone string), it
//! comes as a machine-applicable suggestion; the text of a string is never changed.

use std::ops::Range;

use super::super::diag::{Applicability, Diagnostic};
use super::super::raw::Found;
use super::super::text::safe_line;
use super::fields;
use super::values::Checker;

impl Checker<'_> {
    /// A value where text belongs that is not text.
    pub(super) fn not_text(&mut self, span: Range<usize>, key: &str, found: Found) {
        let written = self.written(&span);
        let date = fields::is_date(key);
        let quoted = format!("\"{}\"", written.trim());
        let (message, help, fix) = match found {
            Found::Date | Found::Integer if date => (
                "this date needs quotes".to_owned(),
                format!("dates are strings: write `{key} = {quoted}`"),
                Some(Applicability::MachineApplicable),
            ),
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
