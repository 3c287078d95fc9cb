//! What makes one list pane different from another: its rows, how a row looks, an item's
//! detail view and citation, and an optional line above the list.

use ratatui::text::{Line, Span};

use super::detail::Builder;
use super::row::Row;
use crate::model::{ItemRef, Library};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

/// A list pane's content. Implementations are stateless; each pane's state (its rows,
/// selection and detail cursor) is a [`super::PaneState`].
pub trait Content: Sync {
    /// The rows for the library's view (only items in scope), headers included. Built once
    /// per view or library change.
    fn rows(&self, lib: &Library, keys: &Keymap) -> Vec<Row>;

    /// One item row's spans, about `width` columns wide (the caller cuts with `…`).
    fn row(&self, lib: &Library, item: ItemRef, theme: &Theme, width: usize) -> Vec<Span<'static>>;

    /// The detail view of one of the pane's items.
    fn detail(&self, b: &mut Builder<'_>, item: ItemRef);

    /// The display-safe text `y` copies for one of the pane's items, with its citation.
    fn citation(&self, _lib: &Library, _item: ItemRef) -> Option<String> {
        None
    }

    /// A line drawn above the list, built with the rows (the timeline's axis).
    fn banner(&self, _lib: &Library, _rows: &[Row]) -> Option<Box<dyn Banner>> {
        None
    }
}

/// A line above a pane's list that follows the selection.
pub trait Banner: Send + Sync {
    /// The line at a width, marking the selected item.
    fn line(
        &self,
        lib: &Library,
        selected: Option<ItemRef>,
        width: usize,
        theme: &Theme,
    ) -> Line<'static>;
}
