//! The detail view on screen: moving between its selectable lines, finding the line under
//! a click, and drawing the lines that fit, wrapped.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{ListState, Paragraph};

use super::detail::{DetailLine, LineKind};
use crate::tui::action::View;
use crate::tui::scroll::{follow, render_scrollbar};
use crate::tui::text::{fit, wrap};
use crate::tui::theme::Theme;

/// The selectable line `delta` selectable lines from `from`, stopping at either end.
#[must_use]
pub fn step(lines: &[DetailLine], from: usize, delta: isize) -> usize {
    let n = lines.len();
    if n == 0 {
        return 0;
    }
    let mut i = from.min(n - 1);
    let dir = if delta < 0 { -1 } else { 1 };
    let mut remaining = delta.unsigned_abs();
    let mut last_ok = i;
    while remaining > 0 {
        let Some(next) = i.checked_add_signed(dir).filter(|&j| j < n) else {
            break;
        };
        i = next;
        if lines[i].selectable() {
            last_ok = i;
            remaining -= 1;
        }
    }
    last_ok
}

/// Where the cursor starts in a detail view: the first link, else the first selectable
/// line.
#[must_use]
pub fn first_link(lines: &[DetailLine]) -> usize {
    lines
        .iter()
        .position(|l| l.link.is_some())
        .or_else(|| lines.iter().position(DetailLine::selectable))
        .unwrap_or(0)
}

/// Which logical line is drawn at a screen row, given the scroll offset and width.
#[must_use]
pub fn line_at(lines: &[DetailLine], offset: usize, row: usize, width: u16) -> Option<usize> {
    let mut y = 0;
    for (i, line) in lines.iter().enumerate().skip(offset) {
        let h = line.height(width);
        if row < y + h {
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

/// Draws the lines that fit in `area` (inside the border `outer`), the selected one
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
    let w = text_width(area);
    let height = usize::from(area.height);
    let last = lines.len().saturating_sub(1);
    let selected = state.selected().unwrap_or(0).min(last);
    let mut offset = state.offset();
    if focused {
        offset = follow(offset, selected, height, |i| {
            lines.get(i).map_or(1, |l| l.height(w))
        });
    }
    let offset = offset.min(last);
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut cursor_row = None;
    for (i, line) in lines.iter().enumerate().skip(offset) {
        if out.len() >= height {
            break;
        }
        let is_sel = focused && i == selected;
        if is_sel {
            cursor_row = Some(out.len());
        }
        let style = match (is_sel, line.link.is_some()) {
            (true, true) => theme.link_selected,
            (true, false) => theme.selected,
            _ => Style::new(),
        };
        out.extend(
            render_line(line, usize::from(w))
                .into_iter()
                .map(|l| l.patch_style(style)),
        );
    }
    out.truncate(height);
    frame.render_widget(Paragraph::new(out), area);
    // Only whether the lines overflow matters: stop counting wrapped rows once they do.
    let mut rows = 0;
    if lines.iter().any(|l| {
        rows += l.height(w);
        rows > height
    }) {
        render_scrollbar(frame, outer, lines.len(), offset);
    }
    let cursor = cursor_row.map(|row| Position {
        x: area.x,
        y: area.y + u16::try_from(row).unwrap_or(0),
    });
    (View { area, offset }, cursor)
}

/// One logical detail line as screen lines: running text wraps, rows are cut with `…`.
fn render_line(line: &DetailLine, w: usize) -> Vec<Line<'static>> {
    match line.kind {
        LineKind::Text => {
            let style = line.spans.first().map_or(Style::new(), |s| s.style);
            wrap(&line.plain(), w)
                .into_iter()
                .map(|l| Line::styled(l, style))
                .collect()
        }
        LineKind::Blank => vec![Line::default()],
        LineKind::Heading | LineKind::Row => vec![fit(line.spans.clone(), w)],
    }
}
