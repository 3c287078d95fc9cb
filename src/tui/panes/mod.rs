//! The list panes: the registry of what each pane shows, and each pane's state.
//!
//! A pane is a module with a [`Content`] (its rows, how a row looks, an item's detail and
//! citation) registered in [`PANES`]. Everything they share, the list, the detail view
//! and their cursors, is [`PaneState`], built from the content once per scope or library
//! change; drawing builds only the rows on screen.

pub mod actors;
pub mod axis;
pub mod changes;
pub mod content;
pub mod detail;
pub mod detail_layout;
pub mod detail_view;
pub mod filter;
pub mod list;
pub mod overview;
pub mod passages;
pub mod quotes;
pub mod row;
pub mod timeline;
pub mod versions;

use ratatui::widgets::ListState;

use self::content::{Banner, Content, RowOptions};
use self::detail::{Builder, DetailLine};
use self::filter::PaneFilter;
use self::list::ItemList;
use self::row::Row;
use crate::model::{ItemRef, Library};
use crate::tui::action::Pane;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

/// What each pane shows, in the order of [`Pane::ALL`]. Adding a pane is a module, a line
/// here and its name in [`Pane`].
pub const PANES: [&dyn Content; 5] = [
    &overview::Overview,
    &actors::Actors,
    &timeline::Timeline,
    &quotes::Quotes,
    &changes::Changes,
];

/// The content of a pane.
#[must_use]
pub fn content(pane: Pane) -> &'static dyn Content {
    PANES[pane.index()]
}

/// The detail lines of any item, built by the pane it lives in.
#[must_use]
pub fn detail_lines(lib: &Library, item: ItemRef, theme: &Theme, keys: &Keymap) -> Vec<DetailLine> {
    let mut b = Builder::new(lib, theme, keys);
    content(Pane::of(item)).detail(&mut b, item);
    b.lines
}

/// The detail lines of a relation: the relation as a sentence, its two actors and sources.
#[must_use]
pub fn relation_detail_lines(
    lib: &Library,
    r: crate::model::RelationIx,
    theme: &Theme,
    keys: &Keymap,
) -> Vec<DetailLine> {
    let mut b = Builder::new(lib, theme, keys);
    actors::relation_detail(&mut b, r);
    b.lines
}

/// The citation `y` copies for an item, if it has one.
#[must_use]
pub fn citation(lib: &Library, item: ItemRef) -> Option<String> {
    content(Pane::of(item)).citation(lib, item)
}

/// One pane's rows and where the user is in them.
#[derive(Default)]
pub struct PaneState {
    /// The rows and the selected one.
    pub list: ItemList,
    /// The selected item's detail view: the selected line and the first screen row shown.
    pub detail: ListState,
    /// The line above the list, if the pane has one.
    pub banner: Option<Box<dyn Banner>>,
    /// What the rows include (quotes on the timeline).
    pub options: RowOptions,
    /// The pane's filter, if one is set.
    pub filter: Option<PaneFilter>,
}

impl PaneState {
    /// Rebuilds the rows for the library's view, keeping the row `keep` (an item or a
    /// relation) selected, with its detail cursor, if it is still there. Returns whether it
    /// was.
    pub fn rebuild(
        &mut self,
        pane: Pane,
        lib: &Library,
        keys: &Keymap,
        keep: Option<&Row>,
    ) -> bool {
        let content = content(pane);
        let mut rows = content.rows_with(lib, keys, &self.options);
        if let Some(f) = &mut self.filter {
            rows = f.apply(rows, lib);
        }
        let found = self.list.replace(rows, keep);
        self.list.columns = content.columns(lib, self.list.rows());
        if !found {
            self.detail = ListState::default();
        }
        self.banner = content.banner(lib, self.list.rows());
        found
    }

    /// The selected item.
    #[must_use]
    pub fn selected_item(&self) -> Option<ItemRef> {
        self.list.selected_item()
    }

    /// The selected row, if it is an item or a relation: what the detail view shows.
    #[must_use]
    pub fn selected_row(&self) -> Option<&Row> {
        self.list.selected_row()
    }

    /// The selected detail line.
    #[must_use]
    pub fn detail_line(&self) -> usize {
        self.detail.selected().unwrap_or(0)
    }

    /// The rows.
    #[must_use]
    pub fn rows(&self) -> &[Row] {
        self.list.rows()
    }
}
