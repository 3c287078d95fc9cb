//! Live reload: the browser's side. What to reload and how a broken file falls back to its
//! last good version is `model::Loader`'s policy, and which changes matter is
//! `model::watch`'s; here a reloaded library is swapped in, keeping the view.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

use super::app::{App, Cursor, Focus, Location, Pane};
use super::panes::{self, Row, Scope};
use crate::model::{ItemRef, Library, Report};

/// Watches paths and calls `notify` (debounced) when a briefing under them changes.
///
/// # Errors
/// When the watcher cannot be set up.
pub fn watch(
    paths: &[PathBuf],
    notify: impl Fn() + Send + 'static,
) -> Result<crate::model::watch::Watcher, String> {
    crate::model::watch::watch(paths, notify)
}

/// Sends a message on a channel; used as the watcher callback.
pub fn send_on<T: Send + 'static>(tx: Sender<T>, make: fn() -> T) -> impl Fn() + Send + 'static {
    move || {
        let _ = tx.send(make());
    }
}

impl App {
    /// Swaps in a reloaded library, keeping the pane, scope, selections, detail lines and
    /// history by id. Items that no longer exist fall back to their pane with a notice.
    pub fn swap_library(&mut self, lib: Library, report: Report) {
        let old = std::mem::replace(&mut self.lib, lib);
        self.forget_details();
        self.report = report;
        let remap = |lib: &Library, item: ItemRef| lib.find(&old.id_of(item));
        self.scope = match self.scope {
            Scope::Briefing(b) => match self.lib.find(old.briefings[b].id.raw()) {
                Some(ItemRef::Briefing(nb)) => Scope::Briefing(nb),
                _ => Scope::All,
            },
            Scope::All => Scope::All,
        };
        if self.lib.briefings.len() == 1 {
            self.scope = Scope::Briefing(0);
        }
        let mut lost = None;
        let kept: Vec<(Option<ItemRef>, Option<ItemRef>, Cursor)> = self
            .panes
            .iter()
            .map(|p| {
                let before = p.selected_item();
                (before, before.and_then(|i| remap(&self.lib, i)), p.detail)
            })
            .collect();
        for (i, pane) in Pane::ALL.iter().enumerate() {
            self.panes[i].rows = super::panes::rows(&self.lib, *pane, self.scope);
            self.panes[i].items = self.panes[i]
                .rows
                .iter()
                .filter(|r| matches!(r, Row::Item(_)))
                .count();
            let (before, after, detail) = kept[i];
            let at = after.and_then(|item| {
                self.panes[i]
                    .rows
                    .iter()
                    .position(|r| *r == Row::Item(item))
            });
            match at {
                Some(at) => {
                    self.panes[i].list.selected = at;
                    self.panes[i].detail = detail;
                }
                None => {
                    self.panes[i].list = Cursor::default();
                    self.panes[i].detail = Cursor::default();
                    if let Some(gone) = before
                        && *pane == self.pane
                    {
                        lost = Some(old.label(gone));
                        self.focus = Focus::List;
                    }
                }
            }
            Self::skip_headers(&mut self.panes[i], true);
        }
        self.axis = panes::timeline::Axis::new(&self.lib, &self.panes[Pane::Timeline.index()].rows);
        let fix = |loc: &Location, lib: &Library| -> Option<Location> {
            let item = match loc.item {
                Some(item) => Some(lib.find(&old.id_of(item))?),
                None => None,
            };
            Some(Location {
                item,
                ..loc.clone()
            })
        };
        self.back = self.back.iter().filter_map(|l| fix(l, &self.lib)).collect();
        self.forward = self
            .forward
            .iter()
            .filter_map(|l| fix(l, &self.lib))
            .collect();
        self.search.rebuild(&self.lib);
        let problems = self.report.diagnostics.len();
        self.status = Some(match lost {
            Some(label) => format!(
                "reloaded: “{}” no longer exists; back to the {} list",
                crate::model::text::one_line(&label)
                    .chars()
                    .take(40)
                    .collect::<String>(),
                self.pane.title()
            ),
            None if problems > 0 => format!(
                "reloaded with {problems} problem{} (p shows them)",
                if problems == 1 { "" } else { "s" }
            ),
            None => "reloaded".to_owned(),
        });
    }
}
