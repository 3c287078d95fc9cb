//! A list row: an item, a relation, or a group header such as a year.

use crate::model::{ItemRef, RelationIx};

/// One row of a pane's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// An item, selectable.
    Item(ItemRef),
    /// A relation, selectable: the Changes pane lists the relations a later briefing no
    /// longer states. Relations have no pane of their own, nor read marks.
    Relation(RelationIx),
    /// A group header, never selected.
    Header(String),
}

impl Row {
    /// Whether the selection can rest on it: anything but a header.
    #[must_use]
    pub fn is_selectable(&self) -> bool {
        !matches!(self, Self::Header(_))
    }
}
