//! The one scroll rule every scrolled view uses, and its scrollbar.
//!
//! A view keeps its first visible row (its offset) until the selection leaves the screen,
//! then moves just far enough to show it again: lists, detail lines (which wrap to several
//! screen rows), search results (two rows each) and the problems panel alike.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::action::Action;

/// Where a move takes the selection of a list of `len` rows, `page` of which show at once,
/// staying on the list: a row (`MoveDown` or `ScrollDown`, `MoveUp` or `ScrollUp`), a page
/// or half of one, or to either end (`Top`, `Bottom`); `None` for any other action. The
/// overlays' lists (problems, bookmarks, scopes) move by it, so each takes the keys the
/// panes' lists take.
#[must_use]
pub fn stepped(action: &Action, selected: usize, len: usize, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let selected = selected.min(last);
    let (page, half) = (page.max(1), (page / 2).max(1));
    match action {
        Action::MoveDown | Action::ScrollDown(..) => Some((selected + 1).min(last)),
        Action::MoveUp | Action::ScrollUp(..) => Some(selected.saturating_sub(1)),
        Action::PageDown => Some((selected + page).min(last)),
        Action::PageUp => Some(selected.saturating_sub(page)),
        Action::HalfPageDown => Some((selected + half).min(last)),
        Action::HalfPageUp => Some(selected.saturating_sub(half)),
        Action::Top => Some(0),
        Action::Bottom => Some(last),
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
    fn a_list_steps_by_rows_pages_and_to_its_ends() {
        let at = |action: Action, from: usize| stepped(&action, from, 25, 10);
        assert_eq!(at(Action::MoveDown, 3), Some(4));
        assert_eq!(at(Action::MoveDown, 24), Some(24));
        assert_eq!(at(Action::MoveUp, 0), Some(0));
        assert_eq!(at(Action::PageDown, 3), Some(13));
        assert_eq!(at(Action::PageDown, 20), Some(24));
        assert_eq!(at(Action::PageUp, 13), Some(3));
        assert_eq!(at(Action::PageUp, 3), Some(0));
        assert_eq!(at(Action::HalfPageDown, 3), Some(8));
        assert_eq!(at(Action::HalfPageUp, 3), Some(0));
        assert_eq!(at(Action::Top, 17), Some(0));
        assert_eq!(at(Action::Bottom, 2), Some(24));
        assert_eq!(at(Action::Activate, 2), None);
        // An empty list stays at 0; a page of no rows moves by one.
        assert_eq!(stepped(&Action::Bottom, 0, 0, 10), Some(0));
        assert_eq!(stepped(&Action::PageDown, 0, 5, 0), Some(1));
    }

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
