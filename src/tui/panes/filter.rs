//! A pane's filter: a query in the search language that narrows the pane's list to the
//! items it matches, as lazygit's `/` narrows a panel. The search runs like any other (an
//! effect, answered with its hits); until the answer arrives, the last hits stay.

use std::collections::HashSet;
use std::sync::Arc;

use super::row::Row;
use crate::model::{ItemRef, Library};

/// Generations of filter searches start here, so their answers are never taken for the
/// search overlay's.
pub const FIRST_GENERATION: u64 = 1 << 62;

/// One pane's filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaneFilter {
    /// The query as typed.
    pub query: String,
    /// The generation of the search in flight or last answered.
    pub generation: u64,
    /// The items the query matched, once a search answered.
    pub hits: Option<Arc<HashSet<ItemRef>>>,
    /// A malformed query's message.
    pub error: Option<String>,
    /// Items in the pane before filtering: the M of "filtered: N of M".
    pub total: usize,
    /// Items it kept: the N.
    pub kept: usize,
}

impl PaneFilter {
    /// Whether a search for the current query is still to answer.
    #[must_use]
    pub fn pending(&self) -> bool {
        self.hits.is_none() && self.error.is_none()
    }

    /// Keeps the item rows the query matched, the relations between actors it matched
    /// (either end), and each header that still has rows under it. Until the first answer,
    /// every row stays. `lib` is the library the rows point into.
    pub fn apply(&mut self, rows: Vec<Row>, lib: &Library) -> Vec<Row> {
        self.total = rows.iter().filter(|r| r.is_selectable()).count();
        let Some(hits) = &self.hits else {
            self.kept = self.total;
            return rows;
        };
        let mut out: Vec<Row> = Vec::with_capacity(rows.len().min(hits.len() * 2));
        let mut header: Option<Row> = None;
        for row in rows {
            match row {
                Row::Header(_) => header = Some(row),
                Row::Item(item) if hits.contains(&item) => {
                    out.extend(header.take());
                    out.push(row);
                }
                Row::Relation(r)
                    if [lib.relations[r].from, lib.relations[r].to]
                        .iter()
                        .any(|&a| hits.contains(&ItemRef::Actor(a))) =>
                {
                    out.extend(header.take());
                    out.push(row);
                }
                Row::Item(_) | Row::Relation(_) => {}
            }
        }
        self.kept = out.iter().filter(|r| r.is_selectable()).count();
        out
    }

    /// "filtered: 3 of 52", or what the filter is waiting for.
    #[must_use]
    pub fn label(&self) -> String {
        if self.hits.is_none() {
            return "filtering…".to_owned();
        }
        format!("filtered: {} of {}", self.kept, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_stay_only_above_kept_items() {
        let rows = vec![
            Row::Header("2024".into()),
            Row::Item(ItemRef::Event(0)),
            Row::Header("2025".into()),
            Row::Item(ItemRef::Event(1)),
            Row::Item(ItemRef::Event(2)),
        ];
        let lib = Library::default();
        let mut f = PaneFilter::default();
        assert_eq!(
            f.apply(rows.clone(), &lib),
            rows,
            "no answer yet: nothing hidden"
        );
        f.hits = Some(Arc::new(HashSet::from([ItemRef::Event(2)])));
        let kept = f.apply(rows, &lib);
        assert_eq!(
            kept,
            [Row::Header("2025".into()), Row::Item(ItemRef::Event(2))]
        );
        assert_eq!(f.label(), "filtered: 1 of 3");
    }
}
