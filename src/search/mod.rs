//! Search: a library and a query become ranked hits, and match positions for the rows on
//! screen. Pure functions; nothing here knows about terminals.
//!
//! # Query syntax
//!
//! Like fzf, so habits carry over. Every space-separated term must match.
//!
//! | write | finds items that |
//! |---|---|
//! | `kenya` | match fuzzily: the letters in order, aligned like an abbreviation (`kny`) |
//! | `'aware` | contain `aware` exactly |
//! | `"are aware"` | contain the phrase exactly, spaces included |
//! | `^sing` / `force$` / `^kenya$` | have a field that starts with / ends with / is it |
//! | `!kenyan` | do not contain it (exact; also `!^x`, `!x$`, `!"a b"`, `!type:quote`) |
//! | `oas \| un` | match either; `\|` binds tighter than the spaces |
//! | `type:quote` | are quotes (`actor`, `event`, `quote`, `source`; `type:actor,event`) |
//! | `status:planned` | are events with that status |
//! | `date:2025-05`, `after:2024-06`, `before:2025` | have a date that could fall then |
//! | `date:unknown`, `dated:yes` | have an unknown date / a known one |
//!
//! - Smart case: a term with an uppercase letter is case-sensitive. Accents and strokes on
//!   Latin letters, curly quotes and dashes are folded: `sing'oei` finds "Sing’oei", `lodz`
//!   finds "Łódź".
//! - Fields: actors by name, short name, aliases, role and summary; events by title,
//!   summary, date and the names of their actors; quotes by text, speaker, context and
//!   date; sources by title, publisher and kind. `^` and `$` anchor to any one field.
//! - Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, inclusive at their precision. An item
//!   matches wherever its date could fall: "2025-05" matches `date:2025-05-21`, "after
//!   2024-06" matches `after:2030`, and an unknown date matches every date qualifier
//!   (`briefing search` counts those hits apart; `dated:yes` leaves them out).
//!   Events and quotes use their date, sources their publication date; actors have none,
//!   so date qualifiers leave them out.
//! - Ranking: exact matches in the name, title or quote text, then fuzzy ones there, then
//!   exact matches in other fields, then fuzzy ones. Ties: actors, events, quotes,
//!   sources, then timeline order. Among the items a date qualifier keeps, those whose date
//!   surely falls in it come first, then those dated more coarsely (a month, for a day),
//!   then those with a bound ("before 2025-06"), then the undated: so a query of dates alone
//!   can list a source before a quote.
//! - Errors: an unknown `word:` qualifier or an impossible date is a one-line error;
//!   `'foo:bar` searches for the text. An unclosed `"` runs to the end of the query.
//!
//! [`SYNTAX`] has the same as rows for a help screen.

mod fields;
mod fold;
mod highlight;
mod index;
mod matching;
mod names;
mod query;
mod run;
mod substring;
#[cfg(test)]
mod tests;
mod tight;

use std::borrow::Cow;

use crate::model::{ItemRef, Library};

/// The fold search matches by, for whatever else must read `Łódź` as `lodz` (an id made
/// from a file name, by `briefing new`).
pub(crate) use fold::fold;
pub use index::SearchIndex;
pub use query::{QUERY_HELP, Query, QueryError, SYNTAX, can_narrow};

/// One search result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The item found.
    pub item: ItemRef,
    /// Higher is better. Only the order is meaningful.
    pub score: i64,
}

/// What to draw for one result row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// The name, title or quote text: display-safe, on one line.
    pub primary: String,
    /// Matched char indices into `primary`, strictly increasing.
    pub primary_pos: Vec<usize>,
    /// A second line of context: (field label, display-safe one-line text, matched char
    /// indices). Labels: "short name", "alias", "role", "summary", "date", "actor",
    /// "speaker", "context", "publisher", "kind".
    pub secondary: Option<(&'static str, String, Vec<usize>)>,
}

/// The searchable fields of an item as (label, display-safe text), the primary text first.
/// Labels are those of [`Highlight::secondary`] plus "name", "title" and "text".
pub fn fields(lib: &Library, item: ItemRef) -> Vec<(&'static str, Cow<'_, str>)> {
    let mut out = Vec::new();
    fields::fields_of(lib, item, &mut out);
    out.into_iter().map(|(l, t)| (l.as_str(), t)).collect()
}

/// The kind of an item as a lowercase word: "actor", "event", "quote", "source" or
/// "briefing".
pub fn kind_name(item: ItemRef) -> &'static str {
    match item {
        ItemRef::Actor(_) => "actor",
        ItemRef::Event(_) => "event",
        ItemRef::Quote(_) => "quote",
        ItemRef::Source(_) => "source",
        ItemRef::Briefing(_) => "briefing",
    }
}
