//! Mouse input: a click selects a tab or a row; the wheel scrolls the view and changes
//! nothing else.

use ratatui::layout::{Position, Rect};

use super::app::{App, Cursor, Focus};
use super::detail;
use super::panes::Row;

impl App {
    pub(super) fn click(&mut self, x: u16, y: u16) {
        let p = Position { x, y };
        if let Some((_, pane)) = self.screen.tabs.iter().find(|(r, _)| r.contains(p)) {
            self.pane = *pane;
            self.focus = Focus::List;
            return;
        }
        let inner = |r: Rect| r.height > 2 && r.contains(p) && y > r.y && y < r.y + r.height - 1;
        if inner(self.screen.list) {
            let row = self.current().list.offset + usize::from(y - self.screen.list.y - 1);
            if row < self.current().rows.len() && matches!(self.current().rows[row], Row::Item(_)) {
                let state = self.current_mut();
                if state.list.selected != row {
                    state.list.selected = row;
                    state.detail = Cursor::default();
                }
                self.focus = Focus::List;
            }
        } else if inner(self.screen.detail) {
            let lines = self.detail_lines();
            if let Some(line) = detail::line_at(
                &lines,
                self.current().detail.offset,
                usize::from(y - self.screen.detail.y - 1),
                self.screen.detail.width.saturating_sub(2),
            ) && lines[line].selectable()
            {
                self.focus = Focus::Detail;
                self.current_mut().detail.selected = line;
            }
        }
    }

    /// The wheel moves the view, never the selection, pane or history.
    pub(super) fn scroll(&mut self, x: u16, y: u16, delta: isize) {
        let p = Position { x, y };
        if self.screen.list.contains(p) {
            let n = self.current().rows.len();
            let height = usize::from(self.screen.list.height.saturating_sub(2));
            let state = self.current_mut();
            state.list.offset = state
                .list
                .offset
                .saturating_add_signed(delta)
                .min(n.saturating_sub(height));
        } else if self.screen.detail.contains(p) {
            let n = self.detail_lines().len();
            let state = self.current_mut();
            state.detail.offset = state
                .detail
                .offset
                .saturating_add_signed(delta)
                .min(n.saturating_sub(1));
        }
    }
}
