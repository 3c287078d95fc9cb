//! What makes one list pane different from another: its rows, how a row looks, an item's
//! detail view and citation, and an optional line above the list.

use ratatui::text::{Line, Span};

use super::detail::Builder;
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{ItemRef, Library, RelationIx};
use crate::tui::keymap::Keymap;
use crate::tui::text::{fit_named, width as width_of};
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
    /// The widest id of an actor named in the rows whom another actor shares a name with
    /// (the actors' and the quotes' speakers): the column that names them is kept at least
    /// this wide where the row has the room, so that the id, which tells them apart, shows
    /// whole.
    pub id: usize,
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
    let ids = [rel.from, rel.to].map(|a| lib.namesake_id(a).map(one_line));
    let named = |i: usize, name: &str| Named {
        name: one_line(name).into_owned(),
        id: ids[i].as_deref(),
    };
    let full = [named(0, from.name.safe()), named(1, to.name.safe())];
    let fits = full.iter().map(Named::width).sum::<usize>() + width_of(kind) + 6 <= width;
    let names = if fits {
        full
    } else {
        [named(0, from.short()), named(1, to.short())]
    };
    let [from, to] = share_names(&names, width.saturating_sub(width_of(kind) + 6));
    vec![
        Span::raw(from),
        Span::styled(" → ", theme.dim),
        Span::raw(kind.to_owned()),
        Span::styled(" → ", theme.dim),
        Span::raw(to),
    ]
}

/// An actor's name as a sentence names it: with the actor's id when another actor shares
/// the name.
pub struct Named<'a> {
    /// The name, on one line.
    pub name: String,
    /// The id, for an actor another shares a name with.
    pub id: Option<&'a str>,
}

impl Named<'_> {
    /// The name and its id, whole: `Ahmad Nouri (ahmad-nouri)`.
    #[must_use]
    pub fn whole(&self) -> String {
        match self.id {
            Some(id) => format!("{} ({id})", self.name),
            None => self.name.clone(),
        }
    }

    /// The columns of [`Named::whole`].
    #[must_use]
    pub fn width(&self) -> usize {
        width_of(&self.name) + self.id.map_or(0, |id| width_of(id) + 3)
    }

    /// The fewest columns the name keeps when it shares a row: a few, or its whole id.
    fn least(&self) -> usize {
        self.id
            .map_or(MIN_NAME, |id| width_of(id).max(MIN_NAME))
            .min(self.width())
    }
}

/// Two names in `room` columns: whole when they fit; else each cut with `…` to a share of
/// the room, the shorter one whole when it takes less than half, so that a narrow row
/// still says who relates to whom (`Unión Ñ… → talks with → Port a…`) rather than losing
/// the kind and the second actor to one cut at the end. A name with an id (an actor
/// another shares a name with) gives way to its id, and its share is widened to hold the
/// id where the other name can spare the room (see [`fit_named`]). Too little room for a
/// few columns each leaves them whole, for the caller to cut.
pub fn share_names(names: &[Named<'_>; 2], room: usize) -> [String; 2] {
    let w = [names[0].width(), names[1].width()];
    if w[0] + w[1] <= room || room < 2 * MIN_NAME {
        return [names[0].whole(), names[1].whole()];
    }
    let half = room / 2;
    let (mut a, mut b) = if w[0] <= half {
        (w[0], room - w[0])
    } else if w[1] <= half {
        (room - w[1], w[1])
    } else {
        (room - half, half)
    };
    // An id takes what the other name can spare beyond its own least.
    let least = [names[0].least(), names[1].least()];
    if a < least[0] {
        let give = (least[0] - a).min(b.saturating_sub(least[1]));
        (a, b) = (a + give, b - give);
    }
    if b < least[1] {
        let give = (least[1] - b).min(a.saturating_sub(least[0]));
        (a, b) = (a - give, b + give);
    }
    let fit = |n: &Named<'_>, share: usize| fit_named(&n.name, n.id, share);
    [fit(&names[0], a), fit(&names[1], b)]
}

/// The fewest columns a name cut to share a row keeps, its `…` included.
const MIN_NAME: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(names: [&str; 2]) -> [Named<'static>; 2] {
        names.map(|name| Named {
            name: name.to_owned(),
            id: None,
        })
    }

    #[test]
    fn two_names_share_a_narrow_row() {
        let names = ["Unión Ñandú", "Port authority"];
        assert_eq!(share_names(&plain(names), 40), names.map(str::to_owned));
        // The shorter one whole when it takes less than half; the other cut to the rest.
        assert_eq!(
            share_names(&plain(["Ñúñez", "Unión Ñandú"]), 12),
            ["Ñúñez", "Unión …"]
        );
        // Both long: half each, each ending in `…`.
        assert_eq!(share_names(&plain(names), 16), ["Unión Ñ…", "Port au…"]);
        // Too narrow for a few columns each: left whole, for the row to cut.
        assert_eq!(share_names(&plain(names), 7), names.map(str::to_owned));
    }

    /// A name followed by its id (an actor another shares a name with) keeps the id whole:
    /// the name gives way to it, and its share takes what the other name can spare.
    #[test]
    fn a_namesakes_id_stays_whole_when_names_share_a_row() {
        let names = || {
            [
                Named {
                    name: "Nouri (hydrologist)".to_owned(),
                    id: Some("ahmad-nouri-hydro"),
                },
                Named {
                    name: "Farmers' Union".to_owned(),
                    id: None,
                },
            ]
        };
        assert_eq!(
            share_names(&names(), 60),
            ["Nouri (hydrologist) (ahmad-nouri-hydro)", "Farmers' Union"]
        );
        // The name gives way to the id, then leaves the id alone.
        assert_eq!(
            share_names(&names(), 40),
            ["Nouri… (ahmad-nouri-hydro)", "Farmers' Union"]
        );
        assert_eq!(
            share_names(&names(), 32),
            ["ahmad-nouri-hydro", "Farmers' Union"]
        );
        // Half of 24 each would cut the id: it takes what the union can spare.
        assert_eq!(share_names(&names(), 24), ["ahmad-nouri-hydro", "Farmer…"]);
        // The union keeps its few columns; then the id is cut.
        assert_eq!(share_names(&names(), 20), ["ahmad-nouri-hyd…", "Far…"]);
    }
}
