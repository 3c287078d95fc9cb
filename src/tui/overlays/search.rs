//! The search overlay's state: the query being edited and the results of the latest
//! search, kept while the overlay is closed so Esc and Back return to them.
//!
//! Editing the query asks for a search as an [`Effect`]; the event loop runs it inline or
//! on a worker and answers with [`Action::SearchDone`]. Every request has a generation:
//! results for an older one are dropped on arrival, so they may come in any order.

use std::sync::Arc;

use ratatui::layout::Position;
use ratatui::widgets::ListState;

use super::common::Outcome;
use crate::model::ItemRef;
use crate::search::{Hit, Query, SearchIndex, can_narrow};
use crate::tui::action::{Action, Effect, SearchRequest, SearchResults, View};
use crate::tui::line_editor::LineEditor;

/// How far `PageUp` and `PageDown` move through the results.
const PAGE: isize = 10;

/// The query line and results of the search overlay.
#[derive(Default)]
pub struct SearchState {
    line: LineEditor,
    results: Arc<[Hit]>,
    /// The query the results belong to, as typed and parsed (for highlighting).
    results_for: String,
    parsed: Option<Query>,
    /// The selected result and the first one on screen.
    list: ListState,
    /// A malformed query's message.
    error: Option<String>,
    index: Option<Arc<SearchIndex>>,
    generation: u64,
    /// A search is in flight; how far along it is, in per mille.
    pending: Option<u16>,
    /// Of the results of a query with a date range, how many have an unknown date (which
    /// matches every range): counted apart, as `briefing search` does.
    undated: usize,
}

impl std::fmt::Debug for SearchState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchState")
            .field("query", &self.line.text())
            .field("results", &self.results.len())
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

impl SearchState {
    /// An empty search over an index.
    #[must_use]
    pub fn new(index: Arc<SearchIndex>) -> Self {
        Self {
            index: Some(index),
            ..Self::default()
        }
    }

    /// The query line.
    #[must_use]
    pub fn line(&self) -> &LineEditor {
        &self.line
    }

    /// The query as typed.
    #[must_use]
    pub fn query(&self) -> &str {
        self.line.text()
    }

    /// The results shown, best first.
    #[must_use]
    pub fn results(&self) -> &[Hit] {
        &self.results
    }

    /// The parsed query the results belong to, for highlighting.
    #[must_use]
    pub fn parsed(&self) -> Option<&Query> {
        self.parsed.as_ref()
    }

    /// The selected result's position.
    #[must_use]
    pub fn selected(&self) -> usize {
        self.list.selected().unwrap_or(0)
    }

    /// The first result on screen in the last frame.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.list.offset()
    }

    /// The selected result.
    #[must_use]
    pub fn selected_item(&self) -> Option<ItemRef> {
        self.results.get(self.selected()).map(|h| h.item)
    }

    /// A malformed query's message.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The query the results shown are for: under an error, an older one.
    #[must_use]
    pub fn results_for(&self) -> &str {
        &self.results_for
    }

    /// The index searched.
    #[must_use]
    pub fn index(&self) -> Option<&SearchIndex> {
        self.index.as_deref()
    }

    /// The index searched, to share with other searches (a pane's filter).
    #[must_use]
    pub fn index_arc(&self) -> Option<Arc<SearchIndex>> {
        self.index.clone()
    }

    /// Selects a result (`n` and `N` from the panes).
    pub fn select(&mut self, i: usize) {
        if i < self.results.len() {
            self.list.select(Some(i));
        }
    }

    /// Of the results of a query with a date range, how many have an unknown date.
    #[must_use]
    pub fn undated(&self) -> usize {
        self.undated
    }

    /// Searchable items: the M of "N of M".
    #[must_use]
    pub fn total(&self) -> usize {
        self.index.as_ref().map_or(0, |i| i.in_view())
    }

    /// How far the search in flight is, in per mille; `None` when none is.
    #[must_use]
    pub fn pending(&self) -> Option<u16> {
        self.pending
    }

    /// Searches a new index (after a reload) for the same query. The old results point into
    /// the old library, so they go at once.
    pub fn set_index(&mut self, index: Arc<SearchIndex>) -> Option<Effect> {
        self.index = Some(index);
        self.results = Arc::default();
        self.undated = 0;
        self.results_for.clear();
        self.parsed = None;
        self.submit()
    }

    /// Restores a query and its selected result (going back to a search).
    pub fn restore(&mut self, query: String, selected: usize) -> Option<Effect> {
        self.line.set(query);
        self.list = ListState::default().with_selected(Some(selected));
        self.submit()
    }

    /// Handles an action while the overlay is open.
    pub fn update(&mut self, action: &Action, results: Option<View>) -> Outcome {
        match action {
            Action::CloseOverlay => return Outcome::Close,
            Action::Quit => return Outcome::Quit,
            Action::Activate => {
                // The list under an error is an older query's: not what was asked.
                if self.error.is_some() {
                    return Outcome::Status(
                        "the query has an error: fix it to open a result".into(),
                    );
                }
                return match self.selected_item() {
                    Some(item) => Outcome::Open(item),
                    None => Outcome::Status("no result to open".into()),
                };
            }
            Action::MoveDown | Action::ScrollDown(..) => self.move_by(1),
            Action::MoveUp | Action::ScrollUp(..) => self.move_by(-1),
            Action::PageDown => self.move_by(PAGE),
            Action::PageUp => self.move_by(-PAGE),
            Action::Click(x, y) => {
                if let Some(view) = results.filter(|v| v.area.contains(Position::new(*x, *y))) {
                    let row = view.offset + usize::from(y - view.area.y) / 2;
                    if row < self.results.len() {
                        self.list.select(Some(row));
                    }
                }
            }
            other => {
                if self.line.edit(other) {
                    self.list = ListState::default().with_selected(Some(0));
                    if let Some(effect) = self.submit() {
                        return Outcome::Effect(effect);
                    }
                }
            }
        }
        Outcome::Stay
    }

    fn move_by(&mut self, delta: isize) {
        if let Some(last) = self.results.len().checked_sub(1) {
            let to = self.selected().saturating_add_signed(delta).min(last);
            self.list.select(Some(to));
        }
    }

    /// Asks for the current query to be searched. An empty query is answered at once.
    fn submit(&mut self) -> Option<Effect> {
        self.generation += 1;
        let index = self.index.clone()?;
        let query = self.line.text().to_owned();
        if query.trim().is_empty() {
            self.pending = None;
            self.accept(query, Ok(Arc::default()));
            return None;
        }
        let narrow = (!self.results_for.is_empty() && can_narrow(&self.results_for, &query))
            .then(|| self.results.clone());
        self.pending = Some(0);
        Some(Effect::Search(SearchRequest {
            generation: self.generation,
            query,
            narrow,
            index,
            briefings: false,
        }))
    }

    /// Takes a search's results, unless a newer request has superseded it. Returns whether
    /// they were taken.
    pub fn receive(&mut self, results: SearchResults) -> bool {
        if results.generation != self.generation {
            return false;
        }
        self.pending = None;
        self.accept(results.query, results.hits);
        true
    }

    /// Notes how far the search in flight is.
    pub fn progress(&mut self, generation: u64, permille: u16) {
        if generation == self.generation && self.pending.is_some() {
            self.pending = Some(permille);
        }
    }

    fn accept(&mut self, query: String, hits: Result<Arc<[Hit]>, String>) {
        match hits {
            Ok(hits) => {
                self.error = None;
                self.parsed = Query::parse(&query).ok();
                self.undated = match (&self.parsed, &self.index) {
                    (Some(q), Some(index)) if q.has_date_range() => {
                        hits.iter().filter(|h| index.is_undated(h.item)).count()
                    }
                    _ => 0,
                };
                self.results = hits;
                self.results_for = query;
            }
            // Keep the last good results on screen under the message.
            Err(e) => self.error = Some(e),
        }
        let last = self.results.len().saturating_sub(1);
        self.list.select(Some(self.selected().min(last)));
    }

    /// Takes the offset the last frame showed.
    pub fn drawn(&mut self, view: View) {
        *self.list.offset_mut() = view.offset;
    }
}
