//! A pane's rows changing while browsing: its filter, and quotes on the timeline.

use std::sync::Arc;

use super::{Browser, Cx, Focus, Outcome};
use crate::model::{ItemRef, Library};
use crate::tui::action::{Pane, SearchResults};
use crate::tui::panes::filter::PaneFilter;
use crate::tui::panes::row::Row;

impl Browser {
    /// Rebuilds one pane's rows (after its filter or options changed), keeping its
    /// selection if the item is still listed.
    pub fn rebuild_pane(&mut self, pane: Pane, cx: &Cx<'_>) {
        let before = self.panes[pane.index()].selected_row().cloned();
        self.rebuild_pane_keeping(pane, before.as_ref(), cx);
    }

    /// Rebuilds one pane's rows, selecting `keep` if it is still listed.
    fn rebuild_pane_keeping(&mut self, pane: Pane, keep: Option<&Row>, cx: &Cx<'_>) {
        self.rows_generation += 1;
        let state = &mut self.panes[pane.index()];
        state.rebuild(pane, cx.lib, cx.keys, keep);
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

    /// `"`: quotes with their dates on the timeline, or not. A quote selected when they go
    /// gives way to the event nearest to it on the timeline, not to the first row.
    pub(super) fn toggle_timeline_quotes(&mut self, cx: &Cx<'_>) -> Outcome {
        let state = &mut self.panes[Pane::Timeline.index()];
        let keep = match state.selected_row() {
            Some(Row::Item(ItemRef::Quote(_))) => {
                nearest_event(cx.lib, state.rows(), state.list.selected())
            }
            row => row.cloned(),
        };
        let options = &mut state.options;
        options.timeline_quotes = !options.timeline_quotes;
        let on = options.timeline_quotes;
        self.rebuild_pane_keeping(Pane::Timeline, keep.as_ref(), cx);
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

/// The event nearest in date to the item at row `at` (the rows are in date order): the
/// nearest event above or below it, the one above on a tie, so that a quote gives way to
/// an event of its own day (events come first at a date).
fn nearest_event(lib: &Library, rows: &[Row], at: usize) -> Option<Row> {
    let day = |i: usize| {
        let date = match rows.get(i)? {
            Row::Item(ItemRef::Event(e)) => lib.events[*e].date,
            Row::Item(ItemRef::Quote(q)) => lib.quotes[*q].date,
            _ => return None,
        };
        // The timeline's key without its precision and kind: known, then the day.
        Some(date.timeline_key() >> 16)
    };
    let is_event = |i: &usize| matches!(rows[*i], Row::Item(ItemRef::Event(_)));
    let here = day(at)?;
    let above = (0..at.min(rows.len())).rev().find(is_event);
    let below = (at + 1..rows.len()).find(is_event);
    let away = |i: usize| day(i).map_or(u64::MAX, |d| d.abs_diff(here));
    let nearest = match (above, below) {
        (Some(a), Some(b)) => Some(if away(b) < away(a) { b } else { a }),
        (a, b) => a.or(b),
    };
    nearest.map(|i| rows[i].clone())
}
