//! A pane's rows changing while browsing: its filter, and quotes on the timeline.

use std::sync::Arc;

use super::{Browser, Cx, Focus, Outcome};
use crate::tui::action::{Pane, SearchResults};
use crate::tui::panes::filter::PaneFilter;

impl Browser {
    /// Rebuilds one pane's rows (after its filter or options changed), keeping its
    /// selection if the item is still listed.
    pub fn rebuild_pane(&mut self, pane: Pane, cx: &Cx<'_>) {
        self.rows_generation += 1;
        let state = &mut self.panes[pane.index()];
        let before = state.selected_row().cloned();
        state.rebuild(pane, cx.lib, cx.keys, before.as_ref());
        if pane == self.pane && self.current().selected_row().is_none() {
            self.focus = Focus::List;
        }
        self.refresh(cx);
    }

    /// Sets or clears a pane's filter and rebuilds its rows.
    pub fn set_filter(&mut self, pane: Pane, filter: Option<PaneFilter>, cx: &Cx<'_>) {
        self.panes[pane.index()].filter = filter;
        self.rebuild_pane(pane, cx);
    }

    /// Takes a filter search's answer, if a pane's filter asked for it. Returns whether one
    /// did.
    pub fn filter_answer(&mut self, results: &SearchResults, cx: &Cx<'_>) -> bool {
        let Some(pane) = Pane::ALL.into_iter().find(|p| {
            self.panes[p.index()]
                .filter
                .as_ref()
                .is_some_and(|f| f.generation == results.generation)
        }) else {
            return false;
        };
        if let Some(f) = &mut self.panes[pane.index()].filter {
            match &results.hits {
                Ok(hits) => {
                    f.hits = Some(Arc::new(hits.iter().map(|h| h.item).collect()));
                    f.error = None;
                }
                Err(e) => f.error = Some(e.clone()),
            }
        }
        self.rebuild_pane(pane, cx);
        true
    }

    /// `"`: quotes with their dates on the timeline, or not.
    pub(super) fn toggle_timeline_quotes(&mut self, cx: &Cx<'_>) -> Outcome {
        let options = &mut self.panes[Pane::Timeline.index()].options;
        options.timeline_quotes = !options.timeline_quotes;
        let on = options.timeline_quotes;
        self.rebuild_pane(Pane::Timeline, cx);
        Outcome::Status(
            if on {
                "the timeline shows quotes too (“ and ≈ rows)"
            } else {
                "the timeline shows events only"
            }
            .into(),
        )
    }
}
