//! What each required field is, in a few words, for the help of a "missing field" error,
//! and which fields hold dates, words of a closed vocabulary or lists of tables.

use super::super::enums::{ActorKind, QuoteKind, RelationKind, SourceKind, Status};

/// The help for a missing required field: what to add, with an example.
pub(super) fn help(table: &str, key: &str) -> String {
    let what = match (table, key) {
        ("[briefing]", "id") => {
            "a short lowercase id, unique in the library, e.g. `id = \"haiti-2025-05\"`"
        }
        ("[briefing]", "title") => "the headline, e.g. `title = \"Haiti: the MSS in May 2025\"`",
        ("[briefing]", "as_of") => "the date the briefing describes, e.g. `as_of = \"2025-05-21\"`",
        ("[briefing]", "summary") => "a paragraph in your own words: `summary = \"…\"`",
        ("[[sources]]", "id") => "an id for citations to use, e.g. `id = \"article\"`",
        ("[[sources]]", "title") => "the source's title: `title = \"…\"`",
        ("[[sources]]", "kind") => "what it is, e.g. `kind = \"news-article\"`",
        ("[[actors]]", "id") => "a short lowercase id, e.g. `id = \"kenya\"`",
        ("[[actors]]", "name") => "the name as the source gives it: `name = \"…\"`",
        ("[[actors]]", "kind") => "what it is, e.g. `kind = \"country\"`",
        ("[[actors]]", "role") => "one line on how it figures here: `role = \"…\"`",
        ("[[relations]]", "from") => {
            "the actor id the relation starts from, e.g. `from = \"kenya\"`"
        }
        ("[[relations]]", "kind") => "what joins them, e.g. `kind = \"leads\"`",
        ("[[relations]]", "to") => "the actor id the relation points to, e.g. `to = \"mss\"`",
        ("[[events]]", "id") => "a short lowercase id, e.g. `id = \"mss-approved\"`",
        ("[[events]]", "title") => "what happened, in one line: `title = \"…\"`",
        ("[[events]]", "date") => {
            "when, at the precision the source gives, e.g. `date = \"2023-10\"` or `date = \"unknown\"`"
        }
        ("[[events]]", "status") => {
            "e.g. `status = \"occurred\"` (or planned, scheduled, proposed, reported, ongoing)"
        }
        ("[[quotes]]", "id") => "a short lowercase id, e.g. `id = \"singoei-aware\"`",
        ("[[quotes]]", "kind") => {
            "`kind = \"direct\"` for verbatim words, `\"reported\"` for a paraphrase"
        }
        ("[[quotes]]", "text") => "the words, verbatim for a direct quote: `text = \"…\"`",
        ("[[quotes]]", "speaker") => {
            "the id of the actor who said it, as its [[actors]] table gives it: `speaker = \"…\"`"
        }
        ("[[quotes]]", "date") => {
            "when it was said, e.g. `date = \"2025-05-21\"` or `date = \"unknown\"`"
        }
        ("cite", "source") => {
            "the id of a [[sources]] table of this file, e.g. `source = \"article\"`"
        }
        ("cite", "locator") => "where in the source, e.g. `locator = \"¶3\"`",
        ("actors", "actor") => "the participant's actor id, e.g. `{ actor = \"kenya\" }`",
        (_, "cite") => {
            "at least one citation, e.g. `cite = [{ source = \"article\", locator = \"¶3\" }]`"
        }
        _ => return format!("add `{key} = …`; see `briefing format`"),
    };
    format!("add {what}")
}

/// A field whose value is one word of a closed vocabulary (`status`, the `kind` of an
/// actor): what its errors call it, and its words.
#[derive(Clone, Copy)]
pub(super) struct Words {
    /// "status", "actor kind": as in "unknown status `x`".
    pub what: &'static str,
    /// Whether a value is one of the words, in any accepted spelling.
    pub known: fn(&str) -> bool,
    /// The canonical words, for "expected one of" messages.
    pub expected: fn() -> String,
    /// Every accepted spelling, for suggestions.
    pub spellings: fn() -> Box<dyn Iterator<Item = &'static str>>,
}

macro_rules! words {
    ($what:literal, $t:ident) => {
        Words {
            what: $what,
            known: |s| $t::parse(s).is_some(),
            expected: $t::expected,
            spellings: || Box::new($t::all_spellings()),
        }
    };
}

/// The vocabulary of `key` in a table written `table` (`[[events]]`, `cite`), if the field
/// holds one: every field of the format with a fixed set of values is here.
pub(super) fn words(table: &str, key: &str) -> Option<Words> {
    Some(match (table, key) {
        ("[[sources]]", "kind") => words!("source kind", SourceKind),
        ("[[actors]]", "kind") => words!("actor kind", ActorKind),
        ("[[relations]]", "kind") => words!("relation kind", RelationKind),
        ("[[events]]", "status") => words!("status", Status),
        ("[[quotes]]", "kind") => words!("quote kind", QuoteKind),
        _ => return None,
    })
}

/// Fields that hold dates.
pub(super) fn is_date(key: &str) -> bool {
    matches!(key, "date" | "as_of" | "published")
}

/// Fields that hold lists of tables.
pub(super) fn is_table_list(key: &str) -> bool {
    matches!(
        key,
        "cite" | "actors" | "sources" | "relations" | "events" | "quotes"
    )
}

/// How to write a list of tables.
pub(super) fn tables_help(key: &str) -> String {
    match key {
        "cite" => "write `cite = [{ source = \"…\", locator = \"…\" }]`".into(),
        "actors" => "write `actors = [{ actor = \"…\", role = \"…\" }]` in an event, or `[[actors]]` tables at the top level".into(),
        _ => format!("write each one as a `[[{key}]]` table"),
    }
}

/// How to write one entry of a list of tables.
pub(super) fn entry_help(key: &str, written: &str) -> String {
    match key {
        "cite" => "write `{ source = \"…\", locator = \"…\" }`".into(),
        "actors" => format!("write `{{ actor = {written} }}`, with an optional `role`"),
        _ => format!("write each one as a `[[{key}]]` table"),
    }
}
