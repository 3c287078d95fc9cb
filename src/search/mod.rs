//! Search: a library and a query become ranked hits, and match positions for the rows on
//! screen. Pure functions; nothing here knows about terminals.
//!
//! # Query syntax
//!
//! Like fzf, so habits carry over:
//!
//! | write | matches items that |
//! |---|---|
//! | `kenya oas` | match every term (AND); each term is fuzzy: its chars appear in order |
//! | `'aware` | contain the exact text `aware` |
//! | `"are aware"` | contain the exact phrase, spaces included |
//! | `^sing` | have a field starting with `sing` |
//! | `force$` | have a field ending with `force` |
//! | `^kenya$` | have a field that is exactly `kenya` |
//! | `!kenyan` | do not contain `kenyan` (exact, like fzf; also `!^x`, `!x$`, `!"a b"`) |
//! | `oas \| un` | match either term; `\|` binds tighter than AND |
//! | `type:quote` | are quotes (`actor`, `event`, `quote`, `source`; `type:actor,event`) |
//! | `status:planned` | are events with that status |
//! | `date:2025-05`, `after:2024-06`, `before:2025` | have a date that could fall then |
//!
//! Smart case: a term with an uppercase letter is case-sensitive. Accents on Latin letters,
//! curly quotes and dashes are folded, so `singoei` and `sing'oei` find "Sing’oei". A `!`
//! before a qualifier inverts it.

mod fold;
mod highlight;
mod index;
mod matching;
mod query;
mod run;
mod substring;
#[cfg(test)]
mod tests;
mod tight;

use std::borrow::Cow;

use crate::model::{ItemRef, Library};

pub use index::SearchIndex;
pub use query::{Query, QueryError, can_narrow};

/// One search result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
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
    index::fields_of(lib, item, &mut out);
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
