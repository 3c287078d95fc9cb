//! The bookmarks list: every bookmarked item across the panes, oldest first. A bookmark
//! whose item is no longer in the library is kept and shown as missing, with the label it
//! had, until the user removes it.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{Outcome, centered, overlay_box, title};
use crate::model::ItemRef;
use crate::model::Library;
use crate::model::text::{one_line, safe_line};
use crate::state::Bookmark;
use crate::tui::action::{Action, Mode, View};
use crate::tui::keymap::Keymap;
use crate::tui::reading::Reading;
use crate::tui::scroll::follow;
use crate::tui::text::{fit, fit_named, pad};
use crate::tui::theme::Theme;

/// One bookmark as the list shows it: the bookmark, and its item if it still exists.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    /// The bookmark.
    pub bookmark: &'a Bookmark,
    /// Its item in the library, or `None` if it is missing.
    pub item: Option<ItemRef>,
    /// The item's current label, display-safe.
    pub label: Option<String>,
    /// The id that ends the label of an actor another shares a name with, which a narrow
    /// row keeps whole.
    pub namesake_id: Option<String>,
}

/// The bookmarks, each with its item if the library still has it.
#[must_use]
pub fn entries<'a>(lib: &Library, reading: &'a Reading) -> Vec<Entry<'a>> {
    reading
        .bookmarks()
        .iter()
        .map(|b| {
            let item = lib.find(&b.id);
            Entry {
                bookmark: b,
                item,
                label: item.map(|i| lib.label(i)),
                namesake_id: match item {
                    Some(ItemRef::Actor(a)) => lib.namesake_id(a).map(str::to_owned),
                    _ => None,
                },
            }
        })
        .collect()
}

/// The list's state: the selected bookmark.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookmarkList {
    selected: usize,
}

impl BookmarkList {
    /// The selected bookmark.
    #[must_use]
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Handles an action on the list of `entries`, `page` rows of which the last frame
    /// showed.
    pub fn update(&mut self, action: &Action, entries: &[Entry<'_>], page: usize) -> Outcome {
        self.selected = self.selected.min(entries.len().saturating_sub(1));
        if let Some(to) = crate::tui::scroll::stepped(action, self.selected, entries.len(), page) {
            self.selected = to;
            return Outcome::Stay;
        }
        match action {
            Action::Activate => {
                return match entries.get(self.selected) {
                    Some(Entry {
                        item: Some(item), ..
                    }) => Outcome::Open(*item),
                    Some(e) => Outcome::Status(format!(
                        "“{}” is no longer in the library",
                        safe_line(&e.bookmark.label)
                    )),
                    None => Outcome::Close,
                };
            }
            Action::ToggleBookmark => {
                if let Some(e) = entries.get(self.selected) {
                    return Outcome::Unbookmark(e.bookmark.id.clone());
                }
            }
            Action::CloseOverlay | Action::OpenBookmarks => return Outcome::Close,
            Action::Quit => return Outcome::Quit,
            _ => {}
        }
        Outcome::Stay
    }

    /// Draws the list; returns where its rows are.
    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        entries: &[Entry<'_>],
        keys: &Keymap,
        theme: &Theme,
    ) -> View {
        let full = frame.area();
        let rows = u16::try_from(entries.len().max(1)).unwrap_or(u16::MAX);
        let area = centered(
            full,
            90,
            rows.saturating_add(2).min(full.height.saturating_sub(2)),
        );
        let name = title(
            &format!("Bookmarks {}", entries.len()),
            [
                keys.hint(Mode::Bookmarks, &Action::Activate, "goes there"),
                keys.hint(Mode::Bookmarks, &Action::ToggleBookmark, "removes"),
                keys.hint(Mode::Bookmarks, &Action::CloseOverlay, "closes"),
            ],
        );
        let inner = overlay_box(frame, theme, area, &name);
        if entries.is_empty() {
            let hint = keys
                .hint(
                    Mode::Browse,
                    &Action::ToggleBookmark,
                    "on an item bookmarks it",
                )
                .unwrap_or_default();
            let line = Line::styled(format!("  No bookmarks yet. {hint}"), theme.dim);
            frame.render_widget(Paragraph::new(line), inner);
            return View {
                area: inner,
                offset: 0,
            };
        }
        let height = usize::from(inner.height);
        let selected = self.selected.min(entries.len() - 1);
        let offset = follow(0, selected, height, |_| 1);
        let w = usize::from(inner.width);
        let lines: Vec<Line<'static>> = entries
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, e)| {
                let line = fit(row(e, theme, w), w);
                if i == selected {
                    line.style(theme.selected)
                } else {
                    line
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        View {
            area: inner,
            offset,
        }
    }
}

/// One bookmark's row in about `w` columns: the label of an actor another shares a name
/// with gives way to its id (see [`fit_named`]).
fn row(e: &Entry<'_>, theme: &Theme, w: usize) -> Vec<Span<'static>> {
    let b = e.bookmark;
    let kind = pad(b.kind.label(), 9);
    match (e.item, &e.label) {
        (Some(_), Some(label)) => {
            let label = one_line(label);
            let id = e.namesake_id.as_deref().map(one_line);
            let named = id.as_deref().and_then(|id| {
                let name = label.strip_suffix(&format!(" ({id})"))?;
                Some(fit_named(name, Some(id), w.saturating_sub(11)))
            });
            vec![
                Span::styled("★ ", theme.bookmark),
                Span::styled(kind, theme.badge),
                Span::raw(named.unwrap_or_else(|| label.into_owned())),
            ]
        }
        _ => vec![
            Span::styled("✗ ", theme.warning),
            Span::styled(kind, theme.dim),
            Span::styled(safe_line(&b.label), theme.dim),
            Span::styled(
                format!("  missing: no item `{}` now", safe_line(&b.id)),
                theme.warning,
            ),
        ],
    }
}
