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
    Header(Heading),
}

// A big library's panes hold a row per item, a hundred thousand at 1,000 briefings, and
// only a few headers: a header's label behind one thin pointer keeps each row at 16 bytes
// rather than 24.
const _: () = assert!(std::mem::size_of::<Row>() == 16);

/// A group header's label.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(clippy::box_collection)] // reason: a thin pointer, so that a `Row` takes 16 bytes
pub struct Heading(Box<String>);

impl From<String> for Heading {
    fn from(label: String) -> Self {
        Self(Box::new(label))
    }
}

impl From<&str> for Heading {
    fn from(label: &str) -> Self {
        label.to_owned().into()
    }
}

impl std::fmt::Display for Heading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Row {
    /// Whether the selection can rest on it: anything but a header.
    #[must_use]
    pub fn is_selectable(&self) -> bool {
        !matches!(self, Self::Header(_))
    }
}
