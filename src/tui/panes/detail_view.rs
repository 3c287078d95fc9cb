//! The detail view on screen: moving through its lines like a pager, finding the line under
//! a click, and drawing the rows that fit, wrapped.
//!
//! The cursor rests on a selectable logical line; the view's offset counts screen rows, so a
//! line taller than the screen (a long summary in a small terminal) is read by scrolling
//! through it: moving down scrolls it a row at a time until its end is on screen, then moves
//! on. Nothing is ever out of reach.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{ListState, Paragraph};

use super::detail::DetailLine;
use crate::tui::action::View;
use crate::tui::scroll::render_scrollbar;
use crate::tui::theme::Theme;

/// The size text is laid out in: columns of text and rows on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// Columns lines wrap to.
    pub width: u16,
    /// Rows on screen.
    pub height: usize,
}

impl Page {
    /// The page of a view drawn in the last frame.
    #[must_use]
    pub fn of(view: &View) -> Self {
        Self {
            width: text_width(view.area),
            height: usize::from(view.area.height).max(1),
        }
    }

    /// Before the first frame: wide, and one row per move.
    #[must_use]
    pub fn unknown() -> Self {
        Self {
            width: u16::MAX,
            height: usize::MAX / 4,
        }
    }
}

/// Where the cursor is and which row is at the top.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// The selected logical line.
    pub line: usize,
    /// The first screen row shown.
    pub offset: usize,
}

/// The first screen row of every line, and the total, at a width.
fn tops(lines: &[DetailLine], width: u16) -> (Vec<usize>, usize) {
    let mut tops = Vec::with_capacity(lines.len());
    let mut y = 0;
    for l in lines {
        tops.push(y);
        y += l.height(width);
    }
    (tops, y)
}

/// The offset that shows line `line` (top `top`, `h` rows) in `rows` rows, moving
/// `offset` as little as possible. A line taller than the screen keeps any offset that
/// shows part of it without leaving space after its end.
fn keep_visible(offset: usize, top: usize, h: usize, rows: usize) -> usize {
    if h <= rows {
        offset.clamp((top + h).saturating_sub(rows), top)
    } else {
        offset.clamp(top, top + h - rows)
    }
}

/// One step down (`down`) or up: through a tall selected line a row at a time, else to
/// the next selectable line. Returns the new cursor and how many rows it moved.
fn step_one(lines: &[DetailLine], page: Page, at: Cursor, down: bool) -> (Cursor, usize) {
    let (tops, total) = tops(lines, page.width);
    let n = lines.len();
    if n == 0 {
        return (at, 0);
    }
    let line = at.line.min(n - 1);
    let top = tops[line];
    let h = lines[line].height(page.width);
    let offset = keep_visible(at.offset, top, h, page.height);
    let tall = h > page.height;
    if down {
        if tall && offset + page.height < top + h {
            return (
                Cursor {
                    line,
                    offset: offset + 1,
                },
                1,
            );
        }
        match (line + 1..n).find(|&i| lines[i].selectable()) {
            Some(next) => {
                let nh = lines[next].height(page.width);
                let offset = keep_visible(offset, tops[next], nh, page.height);
                (Cursor { line: next, offset }, tops[next] - top)
            }
            // Past the last selectable line, the rest still scrolls into view.
            None if offset + page.height < total => (
                Cursor {
                    line,
                    offset: offset + 1,
                },
                1,
            ),
            None => (Cursor { line, offset }, 0),
        }
    } else {
        if tall && offset > top {
            return (
                Cursor {
                    line,
                    offset: offset - 1,
                },
                1,
            );
        }
        match (0..line).rev().find(|&i| lines[i].selectable()) {
            Some(prev) => {
                let ph = lines[prev].height(page.width);
                // A tall line above is entered from its end.
                let end = (tops[prev] + ph).saturating_sub(page.height);
                let offset =
                    keep_visible(offset.min(end.max(tops[prev])), tops[prev], ph, page.height);
                (Cursor { line: prev, offset }, top - tops[prev])
            }
            None if offset > 0 => (
                Cursor {
                    line,
                    offset: offset - 1,
                },
                1,
            ),
            None => (Cursor { line, offset }, 0),
        }
    }
}

/// Moves `delta` steps (negative: up); see [`step_one`].
#[must_use]
pub fn step(lines: &[DetailLine], page: Page, at: Cursor, delta: isize) -> Cursor {
    let mut at = at;
    for _ in 0..delta.unsigned_abs() {
        let (next, moved) = step_one(lines, page, at, delta > 0);
        at = next;
        if moved == 0 {
            break;
        }
    }
    at
}

/// Scrolls the view by `rows` screen rows (negative: up), as a pager does for a page or
/// half a page, and puts the cursor on the first line that starts in view (or on the tall
/// line that fills it). At either end, the cursor goes to the first or last line.
#[must_use]
pub fn scroll_rows(lines: &[DetailLine], page: Page, at: Cursor, rows: isize) -> Cursor {
    let (tops, total) = tops(lines, page.width);
    let Some(last) = lines.iter().rposition(DetailLine::selectable) else {
        return at;
    };
    let first = top(lines);
    let offset = follow(lines, page, at);
    let target = offset
        .saturating_add_signed(rows)
        .min(total.saturating_sub(page.height));
    if target == offset {
        let line = if rows > 0 { last } else { first };
        return Cursor {
            line,
            offset: keep_visible(
                offset,
                tops[line],
                lines[line].height(page.width),
                page.height,
            ),
        };
    }
    let bottom = target + page.height;
    let starts_in_view = |i: usize| lines[i].selectable() && tops[i] >= target && tops[i] < bottom;
    let fills_view = |i: usize| {
        lines[i].selectable() && tops[i] <= target && tops[i] + lines[i].height(page.width) > target
    };
    let line = (0..lines.len())
        .find(|&i| fills_view(i) && lines[i].height(page.width) > page.height)
        .or_else(|| (0..lines.len()).find(|&i| starts_in_view(i)))
        .or_else(|| (0..lines.len()).rev().find(|&i| fills_view(i)))
        .unwrap_or(at.line);
    Cursor {
        line,
        offset: target,
    }
}

/// The selectable line after (or before, `forward` false) `from` that is a link, wrapping
/// around; `None` when the view has no links.
#[must_use]
pub fn next_link(lines: &[DetailLine], from: usize, forward: bool) -> Option<usize> {
    let n = lines.len();
    (1..=n)
        .map(|k| {
            if forward {
                (from + k) % n
            } else {
                (from + n * 2 - k) % n
            }
        })
        .find(|&i| lines[i].link.is_some())
}

/// Where the cursor starts in a detail view: its top, on the first selectable line.
#[must_use]
pub fn top(lines: &[DetailLine]) -> usize {
    lines.iter().position(DetailLine::selectable).unwrap_or(0)
}

/// The offset that shows the cursor's line, as the next frame will draw it.
#[must_use]
pub fn follow(lines: &[DetailLine], page: Page, at: Cursor) -> usize {
    let Some(line) = lines.get(at.line) else {
        return 0;
    };
    let (tops, total) = tops(lines, page.width);
    let offset = keep_visible(
        at.offset,
        tops[at.line],
        line.height(page.width),
        page.height,
    );
    offset.min(total.saturating_sub(page.height))
}

/// The largest offset that still fills the screen.
#[must_use]
pub fn max_offset(lines: &[DetailLine], page: Page) -> usize {
    tops(lines, page.width).1.saturating_sub(page.height)
}

/// Which logical line is drawn at a screen row, given the scroll offset (in rows).
#[must_use]
pub fn line_at(lines: &[DetailLine], offset: usize, row: usize, width: u16) -> Option<usize> {
    let want = offset + row;
    let mut y = 0;
    for (i, line) in lines.iter().enumerate() {
        let h = line.height(width);
        if want < y + h {
            return Some(i);
        }
        y += h;
    }
    None
}

/// The width detail lines are wrapped to inside `area`: one column stays free before the
/// border.
#[must_use]
pub fn text_width(area: Rect) -> u16 {
    area.width.saturating_sub(1)
}

/// Draws the rows that fit in `area` (inside the border `outer`), the selected line
/// highlighted when `focused`. Returns the view and, when focused, where the cursor goes.
pub fn render(
    frame: &mut Frame<'_>,
    outer: Rect,
    area: Rect,
    lines: &[DetailLine],
    state: &ListState,
    focused: bool,
    theme: &Theme,
) -> (View, Option<Position>) {
    let page = Page {
        width: text_width(area),
        height: usize::from(area.height),
    };
    let last = lines.len().saturating_sub(1);
    let selected = state.selected().unwrap_or(0).min(last);
    let at = Cursor {
        line: selected,
        offset: state.offset(),
    };
    let offset = if focused {
        follow(lines, page, at)
    } else {
        at.offset.min(max_offset(lines, page))
    };
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut cursor_row = None;
    let mut y = 0;
    for (i, line) in lines.iter().enumerate() {
        if out.len() >= page.height {
            break;
        }
        let h = line.height(page.width);
        if y + h <= offset {
            y += h;
            continue;
        }
        let is_sel = focused && i == selected;
        let style = match (is_sel, line.link.is_some()) {
            (true, true) => theme.link_selected,
            (true, false) => theme.selected,
            _ => Style::new(),
        };
        let skip = offset.saturating_sub(y);
        if is_sel {
            cursor_row = Some(out.len());
        }
        let room = page.height - out.len();
        out.extend(
            line.rows(usize::from(page.width), skip, room)
                .into_iter()
                .map(|l| l.patch_style(style)),
        );
        y += h;
    }
    out.truncate(page.height);
    frame.render_widget(Paragraph::new(out), area);
    let max = max_offset(lines, page);
    if max > 0 {
        render_scrollbar(frame, outer, max + 1, offset);
    }
    let cursor = cursor_row.map(|row| Position {
        x: area.x,
        y: area.y + u16::try_from(row).unwrap_or(0),
    });
    (View { area, offset }, cursor)
}
