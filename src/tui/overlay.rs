//! Overlays drawn over the panes: help, search and problems.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::App;
use super::keymap::{self, Mode};
use super::text::{fit, wrap};
use super::view::{centered, overlay_box};

pub fn render_help(frame: &mut Frame<'_>, app: &App, scroll: usize) {
    let area = centered(frame.area(), 76, frame.area().height.saturating_sub(2));
    let inner = overlay_box(frame, app, area, "Help · Esc closes");
    let t = &app.theme;
    let w = usize::from(inner.width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let section =
        |lines: &mut Vec<Line<'static>>, title: &str, entries: Vec<(String, &'static str)>| {
            lines.push(Line::styled(title.to_owned(), t.heading));
            for (keys, help) in entries {
                lines.push(fit(
                    vec![
                        Span::styled(format!("  {keys:<24}"), t.key),
                        Span::raw(help),
                    ],
                    w,
                ));
            }
            lines.push(Line::default());
        };
    section(&mut lines, "Browsing", keymap::help_entries(Mode::Browse));
    section(
        &mut lines,
        "Search overlay",
        keymap::help_entries(Mode::Search),
    );
    section(
        &mut lines,
        "Problems panel",
        keymap::help_entries(Mode::Problems),
    );
    lines.push(Line::styled("Search syntax", t.heading));
    for (syntax, meaning) in crate::search::SYNTAX {
        lines.push(fit(
            vec![
                Span::styled(format!("  {syntax:<24}"), t.key),
                Span::raw(*meaning),
            ],
            w,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Symbols", t.heading));
    for (sym, meaning) in [
        (
            "● ◌ ◇ ? ◐",
            "occurred · planned/scheduled · proposed · reported · ongoing",
        ),
        (
            "“ ≈",
            "direct quote (verbatim) · reported statement (paraphrase)",
        ),
        (
            "≥ ≤ ‥",
            "on or after · on or before · between (uncertain dates)",
        ),
        ("→", "a link: Enter follows it, Backspace comes back"),
    ] {
        lines.push(fit(
            vec![
                Span::styled(format!("  {sym:<24}"), t.key),
                Span::raw(meaning),
            ],
            w,
        ));
    }
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    let visible: Vec<Line<'static>> = lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

pub fn render_search(frame: &mut Frame<'_>, app: &mut App) {
    let full = frame.area();
    let area = centered(
        full,
        full.width.saturating_sub(4).min(110),
        full.height.saturating_sub(2),
    );
    let inner = overlay_box(frame, app, area, "Search · Enter opens · Esc closes");
    if inner.height < 3 {
        return;
    }
    let t = app.theme;
    let s = &app.search;
    let count = format!(" {} of {} ", s.results.len(), s.total);
    let w = usize::from(inner.width);
    let prompt_w = w.saturating_sub(count.chars().count() + 2);
    let query_line = fit(
        vec![Span::styled("/ ", t.key), Span::raw(s.query.clone())],
        prompt_w,
    );
    let mut top = query_line.spans.clone();
    let used: usize = top.iter().map(|x| super::text::width(&x.content)).sum();
    top.push(Span::raw(
        " ".repeat(w.saturating_sub(used + count.chars().count())),
    ));
    top.push(Span::styled(count, t.dim));
    frame.render_widget(Paragraph::new(Line::from(top)), Rect { height: 1, ..inner });
    let cursor_x = inner.x
        + 2
        + u16::try_from(super::text::width(
            &s.query.chars().take(s.cursor).collect::<String>(),
        ))
        .unwrap_or(0);
    app.screen.cursor = Some(Position {
        x: cursor_x.min(inner.x + inner.width.saturating_sub(1)),
        y: inner.y,
    });
    let status = match &s.error {
        Some(e) => Line::styled(format!("  {}", crate::model::text::one_line(e)), t.error),
        None if s.pending => Line::styled(
            format!(
                "  searching… {}%",
                s.progress.load(std::sync::atomic::Ordering::Relaxed) / 10
            ),
            t.dim,
        ),
        None if s.query.trim().is_empty() => {
            Line::styled("  type to search; ? in the browser lists the syntax", t.dim)
        }
        None if s.results.is_empty() => Line::styled("  no matches", t.dim),
        None => Line::default(),
    };
    frame.render_widget(
        Paragraph::new(fit(status.spans, w)).style(status.style),
        Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        },
    );
    let list = Rect {
        y: inner.y + 2,
        height: inner.height - 2,
        ..inner
    };
    app.screen.overlay_list = list;
    super::search::render_results(frame, app, list);
}

pub fn render_problems(frame: &mut Frame<'_>, app: &mut App, selected: usize, expanded: bool) {
    let full = frame.area();
    let area = centered(
        full,
        full.width.saturating_sub(4).min(120),
        full.height.saturating_sub(2),
    );
    let n = app.report.diagnostics.len();
    let inner = overlay_box(
        frame,
        app,
        area,
        &format!("Problems {n} · Enter shows context · Esc closes"),
    );
    let t = app.theme;
    let w = usize::from(inner.width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if n == 0 {
        lines.push(Line::styled(
            "No problems: every file loaded cleanly.",
            t.dim,
        ));
    }
    let mut selected_row = 0;
    for (i, d) in app.report.diagnostics.iter().enumerate() {
        let sel = i == selected;
        if sel {
            selected_row = lines.len();
        }
        let (label, style) = if d.is_error() {
            ("error", t.error)
        } else {
            ("warning", t.warning)
        };
        let loc = app.report.location(d).unwrap_or_default();
        let row = fit(
            vec![
                Span::styled(format!("{label}: "), style),
                Span::raw(loc),
                Span::raw(": "),
                Span::raw(crate::model::text::safe_line(&d.message)),
            ],
            w,
        );
        lines.push(if sel { row.style(t.selected) } else { row });
        if sel && expanded {
            for l in app.report.render(d, false).lines() {
                for part in wrap(l, w) {
                    lines.push(Line::styled(part, Style::new()));
                }
            }
        }
    }
    let height = usize::from(inner.height);
    let skip = selected_row
        .saturating_sub(height.saturating_sub(if expanded { 12 } else { 1 }).max(1) - 1)
        .min(lines.len().saturating_sub(1));
    let visible: Vec<Line<'static>> = lines.into_iter().skip(skip).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
