//! References written without quotes in a file that does not parse: `speaker = ana`,
//! `to = kenya`, `source = article`. Quoting makes a valid value only of an id that is
//! defined, and the file is rejected before linking, so the only ids known are the file's
//! own: those the parser read before and after its errors, and those written bare too
//! (`id = ana`, which the same `--fix` quotes). Quoting an id of the file, of a kind the
//! field refers to, is a certain fix. Any other word may name an id of another briefing,
//! or be a typo: it is quoted, or replaced by the closest id of the file, as a suggestion
//! only, and the help says that the file defines no such id.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::super::diag::{Applicability, Diagnostic};
use super::super::link::Kind;
use super::super::suggest::{IdSuggester, Suggester};
use super::super::text::safe_line;

/// What a reference field refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Refers {
    /// An item of one of these kinds, in any loaded briefing.
    Items(&'static [Kind]),
    /// A `[[sources]]` table of the same file.
    Source,
}

/// What `key` in a table written `table` (`[[quotes]]`) refers to, if it holds references.
pub(super) fn refers(table: &str, key: &str) -> Option<Refers> {
    const ACTOR: &[Kind] = &[Kind::Actor];
    const SUBJECT: &[Kind] = &[Kind::Event, Kind::Actor];
    Some(match (table, key) {
        ("[[quotes]]", "speaker")
        | ("[[relations]]", "from" | "to")
        | ("[[events]]", "actor")
        | ("[[actors]]", "affiliations") => Refers::Items(ACTOR),
        ("[[quotes]]", "about") => Refers::Items(SUBJECT),
        (_, "source") => Refers::Source,
        _ => return None,
    })
}

/// The ids a file defines, as far as they are known in a file that does not parse.
pub(super) struct Own<'a> {
    items: Vec<(&'a str, Kind)>,
    sources: Vec<&'a str>,
    suggester: Option<IdSuggester<'a>>,
    /// The sources' suggester, with its own budget: a file may have many bare sources.
    source_suggester: Option<Suggester>,
}

impl<'a> Own<'a> {
    /// The ids of the tables the parser recovered (`root`), and the ids written bare, as
    /// (table, id) pairs.
    pub(super) fn new(
        root: &'a DeTable<'_>,
        bare: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let mut own = Self {
            items: Vec::new(),
            sources: Vec::new(),
            suggester: None,
            source_suggester: None,
        };
        let mut add = |table: &str, id: &'a str| match table {
            "actors" => own.items.push((id, Kind::Actor)),
            "events" => own.items.push((id, Kind::Event)),
            "quotes" => own.items.push((id, Kind::Quote)),
            "sources" => own.sources.push(id),
            _ => {}
        };
        for table in ["actors", "events", "quotes", "sources"] {
            let Some(DeValue::Array(list)) = root.get(table).map(Spanned::get_ref) else {
                continue;
            };
            for item in list {
                if let DeValue::Table(t) = item.get_ref()
                    && let Some(DeValue::String(id)) = t.get("id").map(Spanned::get_ref)
                {
                    add(table, id.as_ref());
                }
            }
        }
        for (table, id) in bare {
            add(table.trim_matches(['[', ']']), id);
        }
        own
    }

    fn defines(&self, id: &str, refers: Refers) -> bool {
        match refers {
            Refers::Items(kinds) => self
                .items
                .iter()
                .any(|(own, kind)| *own == id && kinds.contains(kind)),
            Refers::Source => self.sources.contains(&id),
        }
    }

    /// The id of the file closest to `wrong`, of what the field refers to.
    fn closest(&mut self, wrong: &str, refers: Refers) -> Option<String> {
        let found = match refers {
            Refers::Items(kinds) => {
                let items = &self.items;
                self.suggester
                    .get_or_insert_with(|| IdSuggester::new(items.iter().copied()))
                    .suggest(wrong, kinds)
            }
            Refers::Source => {
                let sources = &self.sources;
                self.source_suggester
                    .get_or_insert_with(|| Suggester::new(sources.iter().copied()))
                    .closest(wrong)
            }
        };
        found.map(str::to_owned)
    }
}

/// A reference written without quotes at `span`, in `key`: quoting is certain only for an
/// id the file defines (see the module's documentation).
pub(super) fn unquoted_ref(
    key: &str,
    written: &str,
    span: Range<usize>,
    refers: Refers,
    own: &mut Own<'_>,
) -> Diagnostic {
    let d = Diagnostic::error("this text needs quotes")
        .at(0, span.clone())
        .label("written without quotes");
    if own.defines(written, refers) {
        return d
            .help(format!("ids are strings: write `{key} = \"{written}\"`"))
            .fix(
                span,
                format!("\"{written}\""),
                Applicability::MachineApplicable,
            );
    }
    let what = match refers {
        Refers::Items(kinds) => kinds
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(" or "),
        Refers::Source => "source".to_owned(),
    };
    let none = format!("this file defines no {what} `{}`", safe_line(written));
    match own.closest(written, refers) {
        Some(id) => d
            .help(format!(
                "ids are strings, in quotes, and {none}: did you mean `{key} = \"{id}\"`?"
            ))
            .fix(span, format!("\"{id}\""), Applicability::MaybeIncorrect),
        None => {
            let or = match refers {
                Refers::Items(_) => "quote it if another briefing defines it",
                Refers::Source => "define the source",
            };
            d.help(format!(
                "ids are strings, in quotes, but {none}: correct the id, or {or}"
            ))
            .fix(
                span,
                format!("\"{written}\""),
                Applicability::MaybeIncorrect,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::quote_bare_dates;
    use super::*;

    /// The ids of a file that does not parse are those the parser read, before and after
    /// its errors, and those written bare; a bare reference to one of them, of the right
    /// kind, is quoted as a certain fix, any other only suggested.
    #[test]
    fn a_bare_reference_is_certain_only_for_an_id_of_the_file() {
        let text = "[[sources]]\nid = \"article\"\n\
            [[actors]]\nid = \"ana\"\n\
            [[actors]]\nid = bo\n\
            [[events]]\nid = \"met\"\nactors = [{ actor = bo }, { actor = met }]\n\
            cite = [{ source = article }, { source = artcle }]\n\
            [[quotes]]\nid = \"q\"\nspeaker = ana\nabout = met\n\
            [[relations]]\nfrom = ana\nto = carla\n";
        let (root, errors) = DeTable::parse_recoverable(text);
        let mut out: Vec<Diagnostic> = errors
            .iter()
            .map(|e| super::super::toml_error(e, text))
            .collect();
        quote_bare_dates(text, root.get_ref(), &mut out);
        let got: Vec<(&str, &str, Applicability)> = out
            .iter()
            .filter_map(|d| {
                let fix = d.fix.as_ref()?;
                Some((
                    &text[d.span.clone()?],
                    fix.edits[0].replacement.as_str(),
                    fix.applicability,
                ))
            })
            .collect();
        let (sure, maybe) = (
            Applicability::MachineApplicable,
            Applicability::MaybeIncorrect,
        );
        assert_eq!(
            got,
            [
                ("bo", "\"bo\"", sure),
                ("bo", "\"bo\"", sure),
                ("met", "\"met\"", maybe),
                ("article", "\"article\"", sure),
                ("artcle", "\"article\"", maybe),
                ("ana", "\"ana\"", sure),
                ("met", "\"met\"", sure),
                ("ana", "\"ana\"", sure),
                ("carla", "\"carla\"", maybe),
            ]
        );
    }
}
