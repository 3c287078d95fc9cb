//! The app's side of reading state: marking items read (after a second in view, or by
//! key), bookmarks, the unread counts, and the last position saved and restored per
//! library. The marks themselves are [`Reading`]'s; saving is an effect.

use std::time::Duration;

use super::App;
use crate::model::{ItemRef, PartialDate, Report, Scope, View};
use crate::state::{Marks, SavedScope, Session};
use crate::tui::action::{Action, Effect, Focus, Mode, Pane};
use crate::tui::browser::Cx;
use crate::tui::history::Location;
use crate::tui::keymap::Keymap;
use crate::tui::overlays::Overlay;
use crate::tui::overlays::bookmarks::{BookmarkList, Entry, entries};
use crate::tui::panes::row::Row;
use crate::tui::reading::Reading;

impl App {
    /// Keeps reading state from now on, starting from these marks; an item counts as read
    /// once its detail has been shown for `read_after` (`None`: only by key).
    pub fn attach_reading(&mut self, marks: Marks, read_after: Option<Duration>) {
        self.reading = Reading::new(marks, read_after);
        self.reading.refresh(&self.lib);
        self.after_update();
    }

    /// The reading state.
    #[must_use]
    pub fn reading(&self) -> &Reading {
        &self.reading
    }

    /// Uses these keys (the defaults with the user's overrides).
    pub fn set_keys(&mut self, keys: Keymap) {
        self.keys = keys;
        // Some rows name keys ("Enter shows one").
        self.browser.rebuild(&cx!(self), |row| Some(row.clone()));
    }

    /// The list's share of the width, in percent, when list and detail are side by side.
    #[must_use]
    pub fn split(&self) -> u16 {
        self.browser.split().list_percent
    }

    /// Sets the list's share of the width, as the config file asks (the browser keeps it
    /// within its bounds; `<` and `>` move it from there).
    pub fn set_split(&mut self, percent: u16) {
        self.browser.set_split_percent(percent);
    }

    /// Adds problems found outside the library, such as in the config file, to the
    /// problems panel; they stay there across reloads.
    pub fn add_problems(&mut self, extra: &Report) {
        let report = std::mem::take(&mut self.report);
        self.report = merge_reports(report, extra);
        self.extra_problems = merge_reports(std::mem::take(&mut self.extra_problems), extra);
        self.recount_problems();
    }

    /// The item waiting to be marked read, and how long it must stay shown: the event loop
    /// sends [`Action::ReadTick`] with this number when the time is up.
    #[must_use]
    pub fn read_watch(&self) -> Option<(u64, Duration)> {
        self.reading.watching()
    }

    /// The bookmarks, each with its item if it still exists.
    #[must_use]
    pub fn bookmark_entries(&self) -> Vec<Entry<'_>> {
        entries(&self.lib, &self.reading)
    }

    /// A freshly loaded library's report with the problems found outside it added.
    pub(super) fn with_extra_problems(&self, report: Report) -> Report {
        merge_reports(report, &self.extra_problems)
    }

    /// Where the user is, to be restored next time.
    #[must_use]
    pub fn session(&self) -> Session {
        let lib = &self.lib;
        Session {
            pane: self.pane().title().to_owned(),
            item: self.current().selected_item().map(|i| lib.id_of(i)),
            detail: self.focus() == Focus::Detail,
            scope: match &lib.view().scope {
                Scope::All => SavedScope::All,
                Scope::Series(name) => SavedScope::Series(name.to_string()),
                Scope::Briefing(b) => SavedScope::Briefing(lib.briefings[*b].id.raw().to_owned()),
            },
            as_of: lib.view().as_of.map(|d| d.to_string()),
        }
    }

    /// Goes back to where a session left the library, as far as it still exists: the view
    /// (scope and date), the pane, the selected item and the focus.
    pub fn restore_session(&mut self, s: &Session) {
        let lib = &self.lib;
        let scope = match &s.scope {
            SavedScope::Series(name) if lib.series_names().contains(&name.as_str()) => {
                Scope::Series(name.as_str().into())
            }
            SavedScope::Briefing(id) => match lib.find(id) {
                Some(ItemRef::Briefing(b)) => Scope::Briefing(b),
                _ => Scope::All,
            },
            SavedScope::All | SavedScope::Series(_) => Scope::All,
        };
        let as_of = s.as_of.as_deref().and_then(|d| PartialDate::parse(d).ok());
        self.set_view(View { as_of, scope });
        // An earlier view comes back with the session: say so, and how to leave it, so
        // that a start showing less than the library is never a puzzle.
        if self.lib.view().as_of.is_some() {
            self.status = Some(format!("as you left it: {}", self.view_message()));
        }
        let pane = Pane::ALL
            .into_iter()
            .find(|p| p.title() == s.pane)
            .unwrap_or(Pane::Overview);
        let item = s.item.as_deref().and_then(|id| self.lib.find(id));
        let focus = if s.detail && item.is_some() {
            Focus::Detail
        } else {
            Focus::List
        };
        let to = Location {
            pane,
            item,
            focus,
            list_row: None,
            detail_line: 0,
            detail_offset: 0,
            search: None,
            network: None,
            view: None,
        };
        self.browser.restore(&to, &cx!(self));
        self.after_update();
    }

    /// What every update ends with: watch the item shown for reading, recount the tabs,
    /// hand out changes to save.
    pub(super) fn after_update(&mut self) {
        let shown = self.overlay.is_none()
            && (self.focus() == Focus::Detail || self.geometry.detail.is_some());
        self.reading.watch(self.current().selected_item(), shown);
        let rows = self.browser.rows_generation();
        if self.reading.is_on() && self.reading.is_stale(rows) {
            let counts = Pane::ALL
                .iter()
                .map(|p| {
                    self.browser
                        .state(*p)
                        .rows()
                        .iter()
                        .filter(|r| matches!(r, Row::Item(i) if self.reading.is_unread(*i)))
                        .count()
                })
                .collect();
            self.reading.set_counts(counts, rows);
        }
        let changes = self.reading.take_changes();
        if !changes.is_empty() {
            self.effects.push(Effect::SaveState(changes));
        }
    }

    /// `toggle_read`, `mark_all_read` and `toggle_bookmark`.
    pub(super) fn reading_action(&mut self, action: &Action) {
        if !self.reading.is_on() {
            self.status = Some("reading state is off".into());
            return;
        }
        let selected = self.current().selected_item();
        self.status = Some(match (action, selected) {
            (Action::MarkAllRead, _) => {
                let items: Vec<ItemRef> = self
                    .current()
                    .list
                    .rows()
                    .iter()
                    .filter_map(|r| match r {
                        Row::Item(i) => Some(*i),
                        Row::Relation(_) | Row::Header(_) => None,
                    })
                    .collect();
                match self.reading.mark_all(&self.lib, &items) {
                    0 => format!("everything in {} was read already", self.pane().title()),
                    n => format!(
                        "marked {} read",
                        crate::tui::text::count(n, "item", "items")
                    ),
                }
            }
            (_, None) => "nothing selected".to_owned(),
            (Action::ToggleRead, Some(item)) => {
                let read = self.reading.is_unread(item);
                if self.reading.set_read(&self.lib, item, read) {
                    (if read { "marked read" } else { "marked unread" }).to_owned()
                } else {
                    "briefings and sources have no read marks".to_owned()
                }
            }
            (_, Some(item)) => {
                let label = crate::model::text::one_line(&self.lib.label(item)).into_owned();
                let label = if label.chars().count() > 40 {
                    label.chars().take(39).chain(['…']).collect()
                } else {
                    label
                };
                if self.reading.toggle_bookmark(&self.lib, item) {
                    let hint = self
                        .keys
                        .hint(Mode::Browse, &Action::OpenBookmarks, "lists bookmarks")
                        .map(|h| format!(" ({h})"))
                        .unwrap_or_default();
                    format!("bookmarked “{label}”{hint}")
                } else {
                    format!("removed the bookmark on “{label}”")
                }
            }
        });
    }

    /// Opens the bookmarks list.
    pub(super) fn open_bookmarks(&mut self) {
        if self.reading.is_on() {
            self.overlay = Some(Overlay::Bookmarks(BookmarkList::default()));
        } else {
            self.status = Some("reading state is off: there are no bookmarks".into());
        }
    }

    /// Removes a bookmark from the bookmarks list.
    pub(super) fn unbookmark(&mut self, id: &str) {
        self.reading.remove_bookmark(id);
        self.status = Some("bookmark removed".into());
    }
}

/// One report after another: the second's files and diagnostics renumbered after the
/// first's.
fn merge_reports(mut base: Report, extra: &Report) -> Report {
    let offset = base.files.len();
    base.files.extend(extra.files.iter().cloned());
    base.diagnostics
        .extend(extra.diagnostics.iter().cloned().map(|mut d| {
            d.file = d.file.map(|f| f + offset);
            for r in &mut d.related {
                r.at.file += offset;
            }
            d
        }));
    base
}
