//! The one scroll rule every scrolled view uses, and its scrollbar.
//!
//! A view keeps its first visible row (its offset) until the selection leaves the screen,
//! then moves just far enough to show it again: lists, detail lines (which wrap to several
//! screen rows), search results (two rows each) and the problems panel alike.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::action::Action;

/// Where a one-row move (`MoveDown` or `ScrollDown`, `MoveUp` or `ScrollUp`) takes the
/// selection of a list of `len` rows, staying on the list; `None` for any other action.
/// The overlays' lists (problems, bookmarks, scopes) move by it.
#[must_use]
pub fn stepped(action: &Action, selected: usize, len: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    match action {
        Action::MoveDown | Action::ScrollDown(..) => Some((selected + 1).min(last)),
        Action::MoveUp | Action::ScrollUp(..) => Some(selected.min(last).saturating_sub(1)),
        _ => None,
    }
}

/// The offset that shows row `selected` in `rows` screen rows, moving `offset` as little as
/// possible. `height(i)` is how many screen rows row `i` takes. A selection taller than the
/// screen is shown from its first row.
#[must_use]
pub fn follow(
    offset: usize,
    selected: usize,
    rows: usize,
    height: impl Fn(usize) -> usize,
) -> usize {
    if selected < offset {
        return selected;
    }
    let mut offset = offset;
    let mut used: usize = (offset..=selected).map(&height).sum();
    while offset < selected && used > rows {
        used -= height(offset);
        offset += 1;
    }
    offset
}

/// The largest offset that still fills `rows` screen rows with `len` rows of height one.
#[must_use]
pub fn max_offset(len: usize, rows: usize) -> usize {
    len.saturating_sub(rows)
}

/// A scrollbar on the right border of a bordered area, for `len` positions at `position`.
pub fn render_scrollbar(frame: &mut Frame<'_>, area: Rect, len: usize, position: usize) {
    let mut state = ScrollbarState::new(len).position(position);
    let track = area.inner(Margin {
        vertical: 1,
        horizontal: 0,
    });
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight),
        track,
        &mut state,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follow_moves_only_when_the_selection_leaves_the_screen() {
        let one = |_| 1;
        assert_eq!(follow(0, 5, 10, one), 0);
        assert_eq!(follow(0, 10, 10, one), 1);
        assert_eq!(follow(4, 2, 10, one), 2);
        assert_eq!(follow(7, 9, 10, one), 7);
        // Two rows per item, as search results: 5 fit in 10 rows.
        assert_eq!(follow(0, 5, 10, |_| 2), 1);
        // A tall selection is shown from its top.
        assert_eq!(follow(0, 3, 4, |i| if i == 3 { 9 } else { 1 }), 3);
    }
}
