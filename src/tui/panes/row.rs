//! A list row: an item, or a group header such as a year.

use crate::model::ItemRef;

/// One row of a pane's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// An item, selectable.
    Item(ItemRef),
    /// A group header, never selected.
    Header(String),
}
