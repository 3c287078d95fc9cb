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

use super::detail_layout::{Detail, Layout};
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

/// The offsets that show a line (top `top`, `h` rows) in `rows` rows, lowest and highest:
/// a line that fits anywhere from the bottom row to the top one, a line taller than the
/// screen any part of it without leaving space after its end.
fn in_view(top: usize, h: usize, rows: usize) -> (usize, usize) {
    if h <= rows {
        ((top + h).saturating_sub(rows), top)
    } else {
        (top, top + h - rows)
    }
}

/// The offset that shows line `line` in `rows` rows, moving `offset` as little as possible.
fn keep_visible(layout: &Layout, line: usize, offset: usize, rows: usize) -> usize {
    let (lo, hi) = in_view(layout.top(line), layout.height(line), rows);
    offset.clamp(lo, hi)
}

/// One step down (`down`) or up: through a tall selected line a row at a time, else to
/// the next selectable line. Returns the new cursor and how many rows it moved.
fn step_one(
    detail: &Detail,
    layout: &Layout,
    page: Page,
    at: Cursor,
    down: bool,
) -> (Cursor, usize) {
    let n = detail.lines().len();
    if n == 0 {
        return (at, 0);
    }
    let line = at.line.min(n - 1);
    let top = layout.top(line);
    let h = layout.height(line);
    let (lo, hi) = in_view(top, h, page.height);
    let offset = at.offset.clamp(lo, hi);
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
        match detail.selectable_from(line + 1) {
            Some(next) => {
                let offset = keep_visible(layout, next, offset, page.height);
                (Cursor { line: next, offset }, layout.top(next) - top)
            }
            // Past the last selectable line, the rest still scrolls into view, as far as
            // the line stays in view.
            None if offset + page.height < layout.total() && offset < hi => (
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
        match detail.selectable_before(line) {
            Some(prev) => {
                let (prev_top, ph) = (layout.top(prev), layout.height(prev));
                // A tall line above is entered from its end.
                let end = (prev_top + ph).saturating_sub(page.height);
                let offset = keep_visible(layout, prev, offset.min(end.max(prev_top)), page.height);
                (Cursor { line: prev, offset }, top - prev_top)
            }
            // Before the first selectable line, the rest scrolls into view likewise.
            None if offset > lo => (
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

/// Moves `delta` steps (negative: up); see [`step_one`]. Each step costs a binary search:
/// the detail is measured once per width.
#[must_use]
pub fn step(detail: &Detail, page: Page, at: Cursor, delta: isize) -> Cursor {
    let layout = detail.layout(page.width);
    let mut at = at;
    for _ in 0..delta.unsigned_abs() {
        let (next, moved) = step_one(detail, &layout, page, at, delta > 0);
        at = next;
        if moved == 0 {
            break;
        }
    }
    at
}

/// The last selectable line (`down`) or the first, where stepping there would leave it:
/// scrolled to the end as far as the line stays in view, or to the top. Found at once,
/// not a line at a time: `G` in a detail of 80,000 lines is one jump.
#[must_use]
pub fn end(detail: &Detail, page: Page, at: Cursor, down: bool) -> Cursor {
    let n = detail.lines().len();
    if n == 0 {
        return at;
    }
    let end = if down {
        detail.last_selectable()
    } else {
        detail.first_selectable()
    };
    let line = end.unwrap_or(at.line.min(n - 1));
    let layout = detail.layout(page.width);
    let (lo, hi) = in_view(layout.top(line), layout.height(line), page.height);
    let offset = if down {
        layout.total().saturating_sub(page.height).clamp(lo, hi)
    } else {
        lo
    };
    Cursor { line, offset }
}

/// Scrolls the view by `rows` screen rows (negative: up), as a pager does for a page or
/// half a page, and puts the cursor on the first line that starts in view (or on the tall
/// line that fills it). At either end, the cursor goes to the first or last line.
#[must_use]
pub fn scroll_rows(detail: &Detail, page: Page, at: Cursor, rows: isize) -> Cursor {
    let (Some(first), Some(last)) = (detail.first_selectable(), detail.last_selectable()) else {
        return at;
    };
    let offset = follow(detail, page, at);
    let layout = detail.layout(page.width);
    let target = offset
        .saturating_add_signed(rows)
        .min(layout.total().saturating_sub(page.height));
    if target == offset {
        let line = if rows > 0 { last } else { first };
        return Cursor {
            line,
            offset: keep_visible(&layout, line, offset, page.height),
        };
    }
    let lines = detail.lines();
    // The line at the top row, when the cursor can rest on it.
    let under = layout.line_at(target).filter(|&i| lines[i].selectable());
    let starts_in_view = detail
        .selectable_from(layout.first_from(target))
        .filter(|&i| layout.top(i) < target + page.height);
    let line = under
        .filter(|&i| layout.height(i) > page.height)
        .or(starts_in_view)
        .or(under)
        .unwrap_or(at.line);
    Cursor {
        line,
        offset: target,
    }
}

/// The selectable line after (or before, `forward` false) `from` that is a link, wrapping
/// around; `None` when the view has no links.
#[must_use]
pub fn next_link(detail: &Detail, from: usize, forward: bool) -> Option<usize> {
    detail.next_link(from, forward)
}

/// Where the cursor starts in a detail view: its top, on the first selectable line.
#[must_use]
pub fn top(detail: &Detail) -> usize {
    detail.first_selectable().unwrap_or(0)
}

/// The offset that shows the cursor's line, as the next frame will draw it.
#[must_use]
pub fn follow(detail: &Detail, page: Page, at: Cursor) -> usize {
    if at.line >= detail.lines().len() {
        return 0;
    }
    let layout = detail.layout(page.width);
    let offset = keep_visible(&layout, at.line, at.offset, page.height);
    offset.min(layout.total().saturating_sub(page.height))
}

/// The largest offset that still fills the screen.
#[must_use]
pub fn max_offset(detail: &Detail, page: Page) -> usize {
    detail
        .layout(page.width)
        .total()
        .saturating_sub(page.height)
}

/// Which logical line is drawn at a screen row, given the scroll offset (in rows).
#[must_use]
pub fn line_at(detail: &Detail, offset: usize, row: usize, width: u16) -> Option<usize> {
    detail.layout(width).line_at(offset + row)
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
    detail: &Detail,
    state: &ListState,
    focused: bool,
    theme: &Theme,
) -> (View, Option<Position>) {
    let page = Page {
        width: text_width(area),
        height: usize::from(area.height),
    };
    let lines = detail.lines();
    let last = lines.len().saturating_sub(1);
    let selected = state.selected().unwrap_or(0).min(last);
    let at = Cursor {
        line: selected,
        offset: state.offset(),
    };
    let offset = if focused {
        follow(detail, page, at)
    } else {
        at.offset.min(max_offset(detail, page))
    };
    // Only the lines on screen are drawn: the first is found by binary search.
    let layout = detail.layout(page.width);
    let mut out: Vec<Line<'static>> = Vec::with_capacity(page.height);
    let mut cursor_row = None;
    let from = layout.line_at(offset).unwrap_or(lines.len());
    for (i, line) in lines.iter().enumerate().skip(from) {
        if out.len() >= page.height {
            break;
        }
        let is_sel = focused && i == selected;
        let style = match (is_sel, line.link.is_some()) {
            (true, true) => theme.link_selected,
            (true, false) => theme.selected,
            _ => Style::new(),
        };
        let skip = offset.saturating_sub(layout.top(i));
        if is_sel {
            cursor_row = Some(out.len());
        }
        let room = page.height - out.len();
        out.extend(
            line.rows(usize::from(page.width), skip, room)
                .into_iter()
                .map(|l| l.patch_style(style)),
        );
    }
    out.truncate(page.height);
    frame.render_widget(Paragraph::new(out), area);
    let max = layout.total().saturating_sub(page.height);
    if max > 0 {
        render_scrollbar(frame, outer, max + 1, offset);
    }
    let cursor = cursor_row.map(|row| Position {
        x: area.x,
        y: area.y + u16::try_from(row).unwrap_or(0),
    });
    (View { area, offset }, cursor)
}

#[cfg(test)]
mod tests {
    use ratatui::text::Span;

    use super::*;
    use crate::tui::panes::detail::{DetailLine, LineKind};
    use crate::tui::panes::detail_layout::tests::mixed;

    /// Details to move through: mixed ones, and ones that start and end with rows the
    /// cursor cannot rest on, around a line taller than a small screen.
    fn details() -> Vec<Detail> {
        let framed = |tall: bool| {
            let mut lines = vec![
                DetailLine::new(vec![Span::raw("Heading")], LineKind::Heading),
                DetailLine::new(Vec::new(), LineKind::Blank),
            ];
            let words = if tall { 40 } else { 1 };
            lines.push(DetailLine::new(
                vec![Span::raw("word ".repeat(words))],
                LineKind::Text,
            ));
            lines.extend([
                DetailLine::new(Vec::new(), LineKind::Blank),
                DetailLine::new(vec![Span::raw("Heading")], LineKind::Heading),
                DetailLine::new(Vec::new(), LineKind::Blank),
            ]);
            Detail::new(lines)
        };
        let mut out = vec![framed(false), framed(true)];
        out.extend([(1, 1), (3, 2), (30, 3), (60, 4), (60, 5)].map(|(n, seed)| mixed(n, seed)));
        out
    }

    fn pages() -> impl Iterator<Item = Page> {
        [4, 11, 30].into_iter().flat_map(|width| {
            [1, 2, 3, 5, 8, 40]
                .into_iter()
                .map(move |height| Page { width, height })
        })
    }

    /// Where stepping a line at a time ends, as `G` and `g` once went: it must end.
    fn stepped_to_the_end(d: &Detail, page: Page, at: Cursor, down: bool) -> Cursor {
        let layout = d.layout(page.width);
        let mut at = at;
        for _ in 0..100_000 {
            let (next, moved) = step_one(d, &layout, page, at, down);
            at = next;
            if moved == 0 {
                return at;
            }
        }
        panic!("stepping never ends")
    }

    #[test]
    fn g_jumps_where_stepping_a_line_at_a_time_ends() {
        for d in details() {
            let n = d.lines().len();
            for page in pages() {
                // The cursor rests on a selectable line, when there is one.
                let middle = d.selectable_from(n / 2).unwrap_or(top(&d));
                let last = d.last_selectable().unwrap_or(0);
                for line in [top(&d), middle, last] {
                    let at = Cursor { line, offset: 0 };
                    for down in [true, false] {
                        assert_eq!(
                            end(&d, page, at, down),
                            stepped_to_the_end(&d, page, at, down),
                            "{n} lines, {page:?}, from {at:?}, down {down}"
                        );
                    }
                }
            }
        }
    }

    /// [`scroll_rows`] as it was, scanning every line.
    fn scroll_rows_by_scan(d: &Detail, page: Page, at: Cursor, rows: isize) -> Cursor {
        let lines = d.lines();
        let h = |i: usize| lines[i].height(page.width);
        let tops: Vec<usize> = (0..lines.len()).map(|i| (0..i).map(h).sum()).collect();
        let total: usize = (0..lines.len()).map(h).sum();
        let Some(last) = lines.iter().rposition(DetailLine::selectable) else {
            return at;
        };
        let first = lines.iter().position(DetailLine::selectable).unwrap_or(0);
        let keep = |offset: usize, i: usize| {
            let (lo, hi) = in_view(tops[i], h(i), page.height);
            offset.clamp(lo, hi)
        };
        let offset = keep(at.offset, at.line).min(total.saturating_sub(page.height));
        let target = offset
            .saturating_add_signed(rows)
            .min(total.saturating_sub(page.height));
        if target == offset {
            let line = if rows > 0 { last } else { first };
            return Cursor {
                line,
                offset: keep(offset, line),
            };
        }
        let bottom = target + page.height;
        let starts_in_view =
            |i: usize| lines[i].selectable() && tops[i] >= target && tops[i] < bottom;
        let fills_view =
            |i: usize| lines[i].selectable() && tops[i] <= target && tops[i] + h(i) > target;
        let line = (0..lines.len())
            .find(|&i| fills_view(i) && h(i) > page.height)
            .or_else(|| (0..lines.len()).find(|&i| starts_in_view(i)))
            .or_else(|| (0..lines.len()).rev().find(|&i| fills_view(i)))
            .unwrap_or(at.line);
        Cursor {
            line,
            offset: target,
        }
    }

    #[test]
    fn pages_find_the_line_a_scan_of_every_line_finds() {
        for d in details() {
            for page in pages() {
                let mut at = Cursor {
                    line: top(&d),
                    offset: 0,
                };
                // Every place stepping reaches, down and back up.
                for down in [true, false] {
                    for _ in 0..d.lines().len() * 2 {
                        for rows in [-20, -7, -1, 1, 3, 20] {
                            assert_eq!(
                                scroll_rows(&d, page, at, rows),
                                scroll_rows_by_scan(&d, page, at, rows),
                                "{page:?}, from {at:?}, by {rows}"
                            );
                        }
                        at = step(&d, page, at, if down { 1 } else { -1 });
                    }
                }
            }
        }
    }
}
