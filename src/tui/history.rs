//! Where the user has been: a browser-style back and forward stack of places.

use super::action::{Focus, Pane};
use crate::model::{ItemRef, View};

/// A place in the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The pane.
    pub pane: Pane,
    /// Its selected item.
    pub item: Option<ItemRef>,
    /// List or detail.
    pub focus: Focus,
    /// How far below the list's first visible row the selected row was, in rows: coming
    /// back shows the list as it was left (the same first row, where the rows are the
    /// same), not wherever the view has to scroll to show the item. `None` lets the view
    /// follow the selection as it does after any move.
    pub list_row: Option<usize>,
    /// The selected detail line.
    pub detail_line: usize,
    /// The detail view's scroll offset, in screen rows: coming back shows the line where
    /// it was on screen, not wherever the view has to scroll to show it.
    pub detail_offset: usize,
    /// The search overlay, when the place was a search: (query, selected result).
    pub search: Option<(String, usize)>,
    /// The network view of the place's actor, when it was open: its selected relation.
    pub network: Option<usize>,
    /// The view to show again on coming back, when leaving the place changed it (a
    /// History line shows an item as one briefing has it); `None` keeps the view.
    pub view: Option<View>,
}

/// The back and forward stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    back: Vec<Location>,
    forward: Vec<Location>,
}

impl History {
    /// Records `here` before going somewhere new; the forward stack is dropped.
    pub fn push(&mut self, here: Location) {
        self.back.push(here);
        self.forward.clear();
    }

    /// The place before `here`, which becomes the next place forward.
    pub fn back(&mut self, here: Location) -> Option<Location> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// The place after `here`, which becomes the next place back.
    pub fn forward(&mut self, here: Location) -> Option<Location> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// Whether going back (or forward) changes the view.
    #[must_use]
    pub fn changes_view(&self, forward: bool) -> bool {
        let next = if forward {
            self.forward.last()
        } else {
            self.back.last()
        };
        next.is_some_and(|l| l.view.is_some())
    }

    /// The places behind, oldest first.
    #[must_use]
    pub fn behind(&self) -> &[Location] {
        &self.back
    }

    /// The places ahead, the nearest last.
    #[must_use]
    pub fn ahead(&self) -> &[Location] {
        &self.forward
    }

    /// Maps every place's item (after a reload), dropping places whose item is gone.
    pub fn remap(&mut self, map: impl Fn(ItemRef) -> Option<ItemRef>) {
        let fix = |loc: &Location| -> Option<Location> {
            let item = match loc.item {
                Some(item) => Some(map(item)?),
                None => None,
            };
            // A view names briefings by index, which a reload may change: the place is
            // kept, in whatever view is shown then.
            Some(Location {
                item,
                view: None,
                ..loc.clone()
            })
        };
        self.back = self.back.iter().filter_map(fix).collect();
        self.forward = self.forward.iter().filter_map(fix).collect();
    }
}
