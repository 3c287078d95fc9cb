//! The briefing ids, series names and tags a query names (`briefing:`, `series:`, `tag:`), checked
//! against the library's: a name it does not have matches nothing, and silence would
//! leave a typo looking like an empty result.

use crate::model::suggest::closest;
use crate::model::text::safe_line;

use super::SearchIndex;
use super::query::{Named, Query};

/// Names listed whole when the library has no more than this many.
const LIST_ALL: usize = 6;
/// Names listed when several start with what was typed.
const LIST_STARTING: usize = 3;

impl SearchIndex {
    /// Why `q` names a briefing or series this library does not have, if it does: one
    /// line, with what was probably meant (a name it starts, a close spelling, or every
    /// name when there are few).
    #[must_use]
    pub fn unknown_name(&self, q: &Query) -> Option<String> {
        q.names.iter().find_map(|(named, name)| {
            let (what, known): (&str, &[String]) = match named {
                Named::Briefing => ("briefing", &self.briefing_ids),
                Named::Series => ("series", &self.series_names),
                Named::Tag => ("tag", &self.tag_names),
            };
            if known.iter().any(|k| k == name) {
                return None;
            }
            let mut line = format!("no {what} `{}` in these briefings", safe_line(name));
            line.push_str(&hint(what, name, known));
            Some(line)
        })
    }
}

/// What a mistyped name probably meant, as the end of a sentence.
fn hint(what: &str, name: &str, known: &[String]) -> String {
    let quoted = |names: &[&String]| {
        names
            .iter()
            .map(|n| format!("`{}`", safe_line(n)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if known.is_empty() {
        return match what {
            "tag" => ": none of them has a tag".to_owned(),
            _ => format!(": none of them names a {what}"),
        };
    }
    let lower = name.to_lowercase();
    let starting: Vec<&String> = known
        .iter()
        .filter(|k| k.to_lowercase().starts_with(&lower))
        .collect();
    match starting.len() {
        1 => return format!("; did you mean {}?", quoted(&starting)),
        n if n > 1 => {
            let more = n.saturating_sub(LIST_STARTING);
            let listed = quoted(&starting[..n.min(LIST_STARTING)]);
            return if more > 0 {
                format!(" ({n} start with it: {listed} and {more} more)") // plural: n > 1
            } else {
                format!(" ({n} start with it: {listed})") // plural: n > 1
            };
        }
        _ => {}
    }
    if let Some(near) = closest(name, &mut known.iter().map(String::as_str)) {
        // Every name as close as the closest: `lisbon-2025-07` is as near `-05` as `-06`.
        let distance = |k: &str| strsim::damerau_levenshtein(&lower, &k.to_lowercase());
        let best = distance(near);
        let tied: Vec<&String> = known.iter().filter(|k| distance(k) == best).collect();
        return match tied.as_slice() {
            [_, _, ..] if tied.len() <= LIST_STARTING => {
                format!("; did you mean one of {}?", quoted(&tied))
            }
            _ => format!("; did you mean `{}`?", safe_line(near)),
        };
    }
    if known.len() <= LIST_ALL {
        let all: Vec<&String> = known.iter().collect();
        let kind = if what == "series" {
            "series"
        } else {
            "briefings"
        };
        return format!(" (the {kind}: {})", quoted(&all));
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        let (lib, _) = crate::model::load_bundled();
        SearchIndex::build(&lib)
    }

    fn unknown(index: &SearchIndex, q: &str) -> Option<String> {
        index.unknown_name(&Query::parse(q).unwrap())
    }

    #[test]
    fn names_the_library_has_are_not_questioned() {
        let index = index();
        let id = index.briefing_ids[0].clone();
        let series = index.series_names[0].clone();
        for q in [
            format!("briefing:{id}"),
            format!("kenya series:{series}"),
            "oas".into(),
        ] {
            assert_eq!(unknown(&index, &q), None, "{q}");
        }
    }

    #[test]
    fn a_mistyped_briefing_or_series_says_what_was_meant() {
        let index = index();
        let id = index.briefing_ids[0].clone();
        let typo = format!("{}x", &id[..id.len() - 1]);
        let said = unknown(&index, &format!("briefing:{typo}")).unwrap();
        assert!(said.starts_with(&format!("no briefing `{typo}`")), "{said}");
        assert!(said.contains(&format!("did you mean `{id}`?")), "{said}");
        let series = &index.series_names[0];
        let said = unknown(&index, &format!("!series:{}", &series[..2])).unwrap();
        assert!(
            said.contains(&format!("did you mean `{series}`?")),
            "{said}"
        );
    }

    #[test]
    fn a_name_several_start_with_lists_them() {
        let index = index();
        assert!(index.briefing_ids.len() > 1);
        let common = &index.briefing_ids[0][..3];
        assert!(index.briefing_ids.iter().all(|b| b.starts_with(common)));
        let said = unknown(&index, &format!("briefing:{common}")).unwrap();
        let n = index.briefing_ids.len();
        assert!(said.contains(&format!("({n} start with it: `")), "{said}");
    }

    #[test]
    fn a_name_nothing_is_near_lists_the_few_there_are() {
        let index = index();
        let said = unknown(&index, "briefing:zzzzzzzzzzzz").unwrap();
        assert!(said.contains("(the briefings: `"), "{said}");
        for id in &index.briefing_ids {
            assert!(said.contains(&format!("`{id}`")), "{said}");
        }
    }

    #[test]
    fn names_as_close_as_each_other_are_all_offered() {
        let index = index();
        let ids = &index.briefing_ids;
        assert_eq!(ids.len(), 2);
        // Both ids are one substitution away from this one.
        let (a, b) = (ids[0].as_str(), ids[1].as_str());
        let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let typo = format!("{}zz", &a[..common]);
        let said = unknown(&index, &format!("briefing:{typo}")).unwrap();
        assert!(
            said.contains(&format!("did you mean one of `{a}`, `{b}`?")),
            "{said}"
        );
    }

    #[test]
    fn names_are_shown_escaped() {
        let index = index();
        let said = unknown(&index, "briefing:\u{1b}[31mred").unwrap();
        assert!(!said.contains('\u{1b}'), "{said:?}");
    }
}
