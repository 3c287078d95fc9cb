//! Drawing: header, tabs, the current pane's list and detail, footer, and the overlay.
//!
//! Only what is visible is built: list rows come from the visible window of the pane's
//! rows, so a frame costs the same at a million items as at a hundred.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::app::{App, Focus, Overlay, Pane};
use super::detail::{DetailLine, LineKind};
use super::keymap::{self, Mode};
use super::panes::{self, Row};
use super::text::{fit, width, wrap};

/// Below this the screen says it is too small instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Below this width, list and detail share the screen in turns.
pub const SPLIT_WIDTH: u16 = 90;

pub fn draw(frame: &mut Frame<'_>, app: &mut App) {
    let area = frame.area();
    app.screen = super::app::ScreenMap::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!("terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT})");
        let lines: Vec<Line<'_>> = wrap(&msg, usize::from(area.width))
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let [header, tabs, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(frame, app, header);
    render_tabs(frame, app, tabs);
    render_body(frame, app, body);
    render_footer(frame, app, footer);
    match app.overlay.clone() {
        Some(Overlay::Help { scroll }) => super::overlay::render_help(frame, app, scroll),
        Some(Overlay::Search) => super::overlay::render_search(frame, app),
        Some(Overlay::Problems { selected, expanded }) => {
            super::overlay::render_problems(frame, app, selected, expanded)
        }
        None => {}
    }
    if let Some(pos) = app.screen.cursor {
        frame.set_cursor_position(pos);
    }
}

fn render_header(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.theme;
    let as_of = match app.scope {
        panes::Scope::Briefing(b) => format!("as of {}", app.lib.briefings[b].as_of),
        panes::Scope::All => String::new(),
    };
    let problems = app.report.diagnostics.len();
    let mut right = vec![Span::styled(as_of, t.dim)];
    if problems > 0 {
        let style = if app.report.error_count() > 0 {
            t.error
        } else {
            t.warning
        };
        right.insert(
            0,
            Span::styled(
                format!(
                    "⚠ {problems} problem{} (p) ",
                    if problems == 1 { "" } else { "s" }
                ),
                style,
            ),
        );
    }
    let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
    let title_w = usize::from(area.width).saturating_sub(right_w + 2);
    let mut spans = vec![Span::raw(" ")];
    spans.extend(
        fit(
            vec![Span::styled(
                crate::model::text::one_line(&app.scope.label(&app.lib)).into_owned(),
                t.title,
            )],
            title_w,
        )
        .spans,
    );
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::raw(
        " ".repeat(usize::from(area.width).saturating_sub(used + right_w)),
    ));
    spans.extend(right);
    frame.render_widget(Paragraph::new(fit(spans, usize::from(area.width))), area);
}

fn render_tabs(frame: &mut Frame<'_>, app: &mut App, area: Rect) {
    let t = app.theme;
    let label = |pane: Pane, compact: bool| {
        let name = if compact {
            &pane.title()[..3]
        } else {
            pane.title()
        };
        match pane {
            Pane::Overview => format!("[{} {name}]", pane.index() + 1),
            _ => {
                let n = app.panes[pane.index()].items;
                format!("[{} {name} {n}]", pane.index() + 1)
            }
        }
    };
    let hint = "/ search  ? help ";
    let full: usize = Pane::ALL
        .iter()
        .map(|p| width(&label(*p, false)) + 1)
        .sum::<usize>()
        + 1;
    let compact = full + hint.len() > usize::from(area.width);
    let labels: Vec<(Pane, String)> = Pane::ALL.iter().map(|p| (*p, label(*p, compact))).collect();
    let mut x = area.x + 1;
    let mut spans = vec![Span::raw(" ")];
    for (pane, label) in labels {
        let w = u16::try_from(width(&label)).unwrap_or(0);
        if x + w > area.x + area.width {
            break;
        }
        app.screen.tabs.push((Rect::new(x, area.y, w, 1), pane));
        spans.push(Span::styled(
            label,
            if pane == app.pane {
                t.tab_active
            } else {
                t.tab
            },
        ));
        spans.push(Span::raw(" "));
        x += w + 1;
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used + hint.len() < usize::from(area.width) {
        spans.push(Span::raw(
            " ".repeat(usize::from(area.width) - used - hint.len()),
        ));
        spans.push(Span::styled(hint, t.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_body(frame: &mut Frame<'_>, app: &mut App, area: Rect) {
    if area.width < SPLIT_WIDTH {
        match app.focus {
            Focus::List => render_list(frame, app, area),
            Focus::Detail => render_detail(frame, app, area),
        }
    } else {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
                .areas(area);
        render_list(frame, app, list);
        render_detail(frame, app, detail);
    }
}

fn block(app: &App, title: String, focused: bool) -> Block<'static> {
    let t = &app.theme;
    Block::bordered()
        .border_style(if focused { t.border_focus } else { t.border })
        .title(Span::styled(
            format!(" {title} "),
            if focused { t.border_focus } else { t.title },
        ))
}

fn render_list(frame: &mut Frame<'_>, app: &mut App, area: Rect) {
    app.screen.list = area;
    let pane = app.pane;
    let focused = app.focus == Focus::List && app.overlay.is_none();
    let items = app.current().items;
    let title = format!("{} {items}", pane.title());
    let outer = block(app, title, focused);
    let mut inner = outer.inner(area);
    frame.render_widget(outer, area);
    if pane == Pane::Timeline && inner.height > 3 {
        let selected = match app.current().selected_item() {
            Some(crate::model::ItemRef::Event(e)) => Some(e),
            _ => None,
        };
        let axis = app
            .axis
            .render(&app.lib, selected, usize::from(inner.width), &app.theme);
        frame.render_widget(
            Paragraph::new(Line::from(axis)),
            Rect { height: 1, ..inner },
        );
        inner.y += 1;
        inner.height -= 1;
        app.screen.list.y += 1;
        app.screen.list.height -= 1;
    }
    let height = usize::from(inner.height);
    let w = usize::from(inner.width.saturating_sub(1));
    let state = &mut app.panes[pane.index()];
    let n = state.rows.len();
    state.list.offset = state.list.offset.min(n.saturating_sub(1));
    if focused || app.overlay.is_none() {
        state.list.scroll_into_view(height);
    }
    let (selected, offset) = (state.list.selected, state.list.offset);
    let t = app.theme;
    let mut lines = Vec::with_capacity(height);
    for (i, row) in app
        .current()
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
    {
        let mut spans = panes::row_spans(&app.lib, row, &t, w);
        let is_sel = i == selected && matches!(row, Row::Item(_));
        let style = if !is_sel {
            Style::new()
        } else if focused {
            t.selected
        } else {
            t.selected_unfocused
        };
        if is_sel {
            spans.insert(0, Span::raw("▶ "));
        } else {
            spans.insert(0, Span::raw("  "));
        }
        lines.push(fit(spans, w).style(style));
    }
    if n == 0 {
        lines.push(Line::styled("  (nothing here)", t.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if n > height {
        render_scrollbar(frame, area, n.saturating_sub(height), offset);
    }
    if focused && selected >= offset && selected < offset + height {
        app.screen.cursor = Some(Position {
            x: inner.x,
            y: inner.y + u16::try_from(selected - offset).unwrap_or(0),
        });
    }
}

fn render_detail(frame: &mut Frame<'_>, app: &mut App, area: Rect) {
    app.screen.detail = area;
    let focused = app.focus == Focus::Detail && app.overlay.is_none();
    let lines = app.detail_lines();
    let title = match app.current().selected_item() {
        Some(item) => crate::model::text::one_line(&app.lib.label(item)).into_owned(),
        None => "Detail".to_owned(),
    };
    let title = fit(
        vec![Span::raw(title)],
        usize::from(area.width.saturating_sub(6)),
    )
    .spans
    .iter()
    .map(|s| s.content.to_string())
    .collect::<String>();
    let outer = block(app, title, focused);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let w = inner.width.saturating_sub(1);
    let height = usize::from(inner.height);
    let t = app.theme;
    let pane = app.pane.index();
    let cursor = &mut app.panes[pane].detail;
    cursor.selected = cursor.selected.min(lines.len().saturating_sub(1));
    // Keep the selected line on screen (by rows, since lines wrap).
    if focused {
        if cursor.selected < cursor.offset {
            cursor.offset = cursor.selected;
        }
        while cursor.offset < cursor.selected
            && rows_between(&lines, cursor.offset, cursor.selected + 1, w) > height
        {
            cursor.offset += 1;
        }
    }
    cursor.offset = cursor.offset.min(lines.len().saturating_sub(1));
    let (selected, offset) = (cursor.selected, cursor.offset);
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
            (true, true) => t.link_selected,
            (true, false) => t.selected,
            _ => Style::new(),
        };
        out.extend(
            render_line(line, usize::from(w))
                .into_iter()
                .map(|l| l.patch_style(style)),
        );
    }
    out.truncate(height);
    frame.render_widget(Paragraph::new(out), inner);
    // Only whether the lines overflow matters: stop counting wrapped rows once they do.
    let mut rows = 0;
    if lines.iter().any(|l| {
        rows += l.height(w);
        rows > height
    }) {
        render_scrollbar(frame, area, lines.len(), offset);
    }
    if let Some(row) = cursor_row {
        app.screen.cursor = Some(Position {
            x: inner.x,
            y: inner.y + u16::try_from(row).unwrap_or(0),
        });
    }
}

/// A scrollbar on the right border of a bordered area.
fn render_scrollbar(frame: &mut Frame<'_>, area: Rect, len: usize, offset: usize) {
    let mut state = ScrollbarState::new(len).position(offset);
    let track = area.inner(ratatui::layout::Margin {
        vertical: 1,
        horizontal: 0,
    });
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight),
        track,
        &mut state,
    );
}

fn rows_between(lines: &[DetailLine], from: usize, to: usize, w: u16) -> usize {
    lines[from.min(lines.len())..to.min(lines.len())]
        .iter()
        .map(|l| l.height(w))
        .sum()
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

fn render_footer(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.theme;
    let line = if let Some(status) = &app.status {
        fit(
            vec![Span::styled(
                format!(" {}", crate::model::text::one_line(status)),
                t.warning,
            )],
            usize::from(area.width),
        )
    } else {
        let mode = app.mode();
        let mut entries = keymap::footer_entries(mode);
        if mode == Mode::Browse && app.focus == Focus::List {
            entries.insert(2, ("→".to_owned(), "detail"));
        }
        // Add hints while they fit, rather than cutting one in half.
        let mut spans = vec![Span::raw(" ")];
        let mut used = 1;
        for (i, (keys, help)) in entries.into_iter().enumerate() {
            let sep = if i > 0 { " · " } else { "" };
            let w = width(sep) + width(&keys) + 1 + width(help);
            if used + w > usize::from(area.width) {
                break;
            }
            used += w;
            spans.push(Span::styled(sep, t.dim));
            spans.push(Span::styled(keys, t.key));
            spans.push(Span::raw(format!(" {help}")));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// A centred rectangle for overlays.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clears an area and draws a bordered overlay box, returning its inner area.
pub fn overlay_box(frame: &mut Frame<'_>, app: &App, area: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, area);
    let b = Block::bordered()
        .border_style(app.theme.border_focus)
        .title(Span::styled(format!(" {title} "), app.theme.border_focus));
    let inner = b.inner(area);
    frame.render_widget(b, area);
    inner
}
