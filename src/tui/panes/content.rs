//! What makes one list pane different from another: its rows, how a row looks, an item's
//! detail view and citation, and an optional line above the list.

use ratatui::text::{Line, Span};

use super::detail::Builder;
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{ItemRef, Library, RelationIx};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

/// A list pane's content. Implementations are stateless; each pane's state (its rows,
/// selection and detail cursor) is a [`super::PaneState`].
pub trait Content: Sync {
    /// The rows for the library's view (only items in scope), headers included. Built once
    /// per view or library change.
    fn rows(&self, lib: &Library, keys: &Keymap) -> Vec<Row>;

    /// The rows, with the pane's options (quotes on the timeline). Panes without options
    /// list [`Content::rows`].
    fn rows_with(&self, lib: &Library, keys: &Keymap, _options: &RowOptions) -> Vec<Row> {
        self.rows(lib, keys)
    }

    /// One item row's spans, about `width` columns wide (the caller cuts with `…`).
    fn row(&self, lib: &Library, item: ItemRef, theme: &Theme, width: usize) -> Vec<Span<'static>>;

    /// One relation row's spans, about `width` columns wide: the relation as a sentence,
    /// "from → kind → to", with the actors' short names when their full names do not fit.
    fn relation_row(
        &self,
        lib: &Library,
        r: RelationIx,
        theme: &Theme,
        width: usize,
    ) -> Vec<Span<'static>> {
        relation_sentence(lib, r, theme, width)
    }

    /// The widths of the rows' columns (dates, speakers, kinds), measured over all rows once
    /// per rebuild so that every row lines up.
    fn columns(&self, _lib: &Library, _rows: &[Row]) -> Columns {
        Columns::default()
    }

    /// One item row's spans with the measured columns (see [`Content::columns`]).
    fn row_in(
        &self,
        lib: &Library,
        item: ItemRef,
        theme: &Theme,
        width: usize,
        _columns: Columns,
    ) -> Vec<Span<'static>> {
        self.row(lib, item, theme, width)
    }

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

/// The widths of a pane's columns, each the widest of its rows' values: a row laid out by
/// them lines up with every other, whichever of them are on screen. 0 for a column the pane
/// does not have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// The widest date, as rows write it (the timeline's and the quotes').
    pub date: usize,
    /// The widest speaker's short name (the quotes').
    pub speaker: usize,
    /// The widest kind (the actors').
    pub kind: usize,
}

/// What a pane's rows include beyond its own items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowOptions {
    /// The timeline lists dated quotes among the events.
    pub timeline_quotes: bool,
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

/// A relation as "from → kind → to" in about `width` columns: full names if they fit,
/// else the short names.
#[must_use]
pub fn relation_sentence(
    lib: &Library,
    r: RelationIx,
    theme: &Theme,
    width: usize,
) -> Vec<Span<'static>> {
    let rel = &lib.relations[r];
    let (from, to) = (&lib.actors[rel.from], &lib.actors[rel.to]);
    let kind = rel.kind.label();
    let full = [one_line(from.name.safe()), one_line(to.name.safe())];
    let fits = full
        .iter()
        .map(|n| crate::tui::text::width(n))
        .sum::<usize>()
        + crate::tui::text::width(kind)
        + 6
        <= width;
    let [from, to] = if fits {
        full
    } else {
        [one_line(from.short()), one_line(to.short())]
    };
    vec![
        Span::raw(from.into_owned()),
        Span::styled(" → ", theme.dim),
        Span::raw(kind.to_owned()),
        Span::styled(" → ", theme.dim),
        Span::raw(to.into_owned()),
    ]
}
