//! Moving in the browser: through the list or the detail view (a line, a page, half a
//! page, like a pager), from link to link, and how list and detail share the screen.

use ratatui::widgets::ListState;

use super::{Browser, Cx, Focus, Outcome, SPLIT_MAX, SPLIT_MIN, SPLIT_STEP};
use crate::tui::panes::detail_view::{self, Cursor, Page};

impl Browser {
    /// Rows in a page of the focused view, from the last frame.
    pub(super) fn page(&self, cx: &Cx<'_>) -> isize {
        let view = match self.focus {
            Focus::List => cx.geometry.list,
            Focus::Detail => cx.geometry.detail,
        };
        isize::try_from(view.map_or(1, |v| v.page())).unwrap_or(1)
    }

    /// The detail view's page in the last frame.
    pub(super) fn detail_page(cx: &Cx<'_>) -> Page {
        cx.geometry
            .detail
            .as_ref()
            .map_or(Page::unknown(), Page::of)
    }

    pub(super) fn detail_cursor(&self) -> Cursor {
        Cursor {
            line: self.current().detail_line(),
            offset: self.current().detail.offset(),
        }
    }

    pub(super) fn set_detail_cursor(&mut self, at: Cursor) {
        let detail = &mut self.current_mut().detail;
        detail.select(Some(at.line));
        *detail.offset_mut() = at.offset;
    }

    pub(super) fn move_by(&mut self, delta: isize, cx: &Cx<'_>) {
        match self.focus {
            Focus::List => {
                if self.current_mut().list.move_by(delta) {
                    self.current_mut().detail = ListState::default();
                }
            }
            Focus::Detail => {
                let page = Self::detail_page(cx);
                let at = detail_view::step(&self.detail.1, page, self.detail_cursor(), delta);
                self.set_detail_cursor(at);
            }
        }
    }

    /// `G` (`down`) or `g`: the list's last or first row, or the detail's last or first
    /// line, in one jump.
    pub(super) fn move_to_end(&mut self, down: bool, cx: &Cx<'_>) {
        match self.focus {
            Focus::List => self.move_by(if down { isize::MAX / 2 } else { isize::MIN / 2 }, cx),
            Focus::Detail => {
                let page = Self::detail_page(cx);
                let at = detail_view::end(&self.detail.1, page, self.detail_cursor(), down);
                self.set_detail_cursor(at);
            }
        }
    }

    /// A page (`parts` 1) or half a page (2) down (`dir` 1) or up (-1), as a pager moves.
    pub(super) fn page_by(&mut self, dir: isize, parts: isize, cx: &Cx<'_>) {
        let rows = (self.page(cx) / parts).max(1);
        match self.focus {
            Focus::List => self.move_by(dir * rows, cx),
            Focus::Detail => {
                let page = Self::detail_page(cx);
                let at = self.detail_cursor();
                let at = detail_view::scroll_rows(&self.detail.1, page, at, dir * rows);
                self.set_detail_cursor(at);
            }
        }
    }

    /// Tab in a detail view: the next (or previous) link. False when it has none.
    pub(super) fn step_link(&mut self, forward: bool) -> bool {
        let from = self.current().detail_line();
        match detail_view::next_link(&self.detail.1, from, forward) {
            Some(line) => {
                self.current_mut().detail.select(Some(line));
                true
            }
            None => false,
        }
    }

    /// `z`: the focused view fills the body, or shares it again. Zooming from the list
    /// zooms the selected item's detail.
    pub(super) fn toggle_zoom(&mut self) -> Outcome {
        self.split.zoomed = !self.split.zoomed;
        if self.split.zoomed
            && self.focus == Focus::List
            && self.current().selected_item().is_some()
        {
            self.focus = Focus::Detail;
            self.detail_top();
        }
        Outcome::Done
    }

    /// `<` and `>`: move the split between list and detail.
    pub(super) fn resize_split(&mut self, wider: bool, cx: &Cx<'_>) -> Outcome {
        let p = self.split.list_percent;
        let next = if wider {
            (p + SPLIT_STEP).min(SPLIT_MAX)
        } else {
            p.saturating_sub(SPLIT_STEP).max(SPLIT_MIN)
        };
        self.split.zoomed = false;
        if next == p {
            return Outcome::Status(format!(
                "the list takes {p}% of the width already, the most or least it can"
            ));
        }
        self.split.list_percent = next;
        // Below the split width list and detail take turns: say when the change shows.
        let side_by_side = cx.geometry.list.is_some() && cx.geometry.detail.is_some();
        if side_by_side || cx.geometry.list.is_none() && cx.geometry.detail.is_none() {
            Outcome::Status(format!("the list takes {next}% of the width"))
        } else {
            Outcome::Status(format!(
                "the list will take {next}% of the width from {} columns; here list and detail take turns",
                super::SPLIT_WIDTH
            ))
        }
    }
}
