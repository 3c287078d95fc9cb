//! Drawing: header, tabs, the current pane's list and detail, footer, and the overlay.
//!
//! Drawing reads the app and changes nothing: it returns the frame's [`Geometry`] (click
//! targets, page sizes, the scroll offsets it showed), which the event loop hands back to
//! `update` as [`Action::Drawn`]. Only what is visible is built, so a frame costs the same
//! at a million items as at a hundred.

use std::io;

use ratatui::backend::Backend;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::{Frame, Terminal};

use super::action::{Action, Focus, Geometry, Mode, Pane};
use super::app::App;
use super::overlays::Overlay;
use super::overlays::network_view::{self, NetCx};
use super::overlays::{reader_view, search_view};
use super::panes::list::{ListCx, Tags};
use super::panes::row::Row;
use super::panes::{content, detail_view};
use super::scope;
use super::text::{fit, fit_named, width, wrap};
use crate::model::ItemRef;
use crate::model::text::{display_safe, one_line, safe_message};

/// Below this the screen says it is too small instead of drawing.
pub const MIN_WIDTH: u16 = 40;
/// Below this the screen says it is too small instead of drawing.
pub const MIN_HEIGHT: u16 = 10;
/// Below this width, list and detail share the screen in turns.
pub const SPLIT_WIDTH: u16 = super::browser::SPLIT_WIDTH;

/// The width from which every row of a list has its briefing's tag (see [`ListCx`]):
/// enough for a title of 35 columns or so beside a date range and the tag.
const WIDE_LIST: u16 = 72;

/// Draws a frame and hands its geometry to `update`: what the event loop does after
/// every batch of events, and what tests and benchmarks call to see the screen.
///
/// # Errors
/// When the terminal cannot be written to.
pub fn render<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> io::Result<()> {
    let mut geometry = Geometry::default();
    terminal
        .draw(|f| geometry = draw(f, app))
        .map_err(|e| io::Error::other(e.to_string()))?;
    let effects = app.update(Action::Drawn(geometry));
    debug_assert!(effects.is_empty(), "a frame's geometry causes no effects");
    Ok(())
}

/// Draws the whole screen and returns where things landed. Whatever was drawn over
/// what, no wide character is left half covered (see [`cells`](super::cells)).
pub fn draw(frame: &mut Frame<'_>, app: &App) -> Geometry {
    let geometry = draw_screen(frame, app);
    super::cells::mend(frame.buffer_mut());
    geometry
}

fn draw_screen(frame: &mut Frame<'_>, app: &App) -> Geometry {
    let area = frame.area();
    let mut geometry = Geometry::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!("terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT})");
        let lines: Vec<Line<'_>> = wrap(&msg, usize::from(area.width))
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return geometry;
    }
    if let Some(loading) = app.load_state() {
        loading.render(frame, area, app.keys(), app.theme());
        if let Some(Overlay::Help(help)) = app.overlay() {
            (geometry.help_scroll_max, geometry.help_page) =
                help.render(frame, app.keys(), app.theme());
        }
        return geometry;
    }
    let [header, tabs, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(frame, app, header);
    geometry.tabs = render_tabs(frame, app, tabs);
    let mut cursor = render_body(frame, app, body, &mut geometry);
    cursor = render_footer(frame, app, footer).or(cursor);
    let (keys, theme) = (app.keys(), app.theme());
    match app.overlay() {
        Some(Overlay::Help(help)) => {
            (geometry.help_scroll_max, geometry.help_page) = help.render(frame, keys, theme);
        }
        Some(Overlay::Search) => {
            let (results, at) = search_view::render(frame, app.search(), app.lib(), keys, theme);
            geometry.results = results;
            cursor = at.or(cursor);
        }
        Some(Overlay::Problems(problems)) => {
            geometry.problems = Some(problems.render(frame, app.report(), keys, theme));
        }
        Some(Overlay::Scope(picker)) => {
            geometry.picker = Some(picker.render(frame, app.lib(), keys, theme));
        }
        Some(Overlay::Bookmarks(list)) => {
            geometry.picker = Some(list.render(frame, &app.bookmark_entries(), keys, theme));
        }
        Some(Overlay::Reader(reader)) => {
            geometry.reader = Some(reader_view::render(frame, body, reader, keys, theme));
            cursor = None;
        }
        Some(Overlay::Network(net)) => {
            let cx = NetCx {
                lib: app.lib(),
                keys,
                theme,
                glyphs: network_view::glyphs(),
            };
            network_view::render(frame, body, net, &cx);
            cursor = None;
        }
        // Drawn in the footer.
        Some(Overlay::Filter(_)) | None => {}
    }
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
    geometry
}

fn render_header(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = app.theme();
    let (lib, report) = (app.lib(), app.report());
    let (as_of, earlier) = scope::as_of_label(lib);
    let problems = report.diagnostics.len();
    // An earlier view must never pass for the current state: it stands out.
    let mut right = vec![Span::styled(as_of, if earlier { t.warning } else { t.dim })];
    if problems > 0 {
        let style = if report.error_count() > 0 {
            t.error
        } else {
            t.warning
        };
        let key = app
            .keys()
            .key(Mode::Browse, &Action::OpenProblems)
            .map(|k| format!(" ({k})"))
            .unwrap_or_default();
        // Problems of briefings the view leaves out (a later one, in an earlier view) are
        // counted apart: the view shown has none of them.
        let text = app.problems_label().unwrap_or_default();
        right.insert(0, Span::styled(format!("⚠ {text}{key} "), style));
    }
    let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
    let title_w = usize::from(area.width).saturating_sub(right_w + 2);
    let mut spans = vec![Span::raw(" ")];
    let title = one_line(&app.scope_title()).into_owned();
    spans.extend(fit(vec![Span::styled(title, t.title)], title_w).spans);
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::raw(
        " ".repeat(usize::from(area.width).saturating_sub(used + right_w)),
    ));
    spans.extend(right);
    frame.render_widget(Paragraph::new(fit(spans, usize::from(area.width))), area);
}

/// A pane's unread count with the rows' unread mark (" •3"), or nothing when none is
/// unread or reading state is not kept: on its tab, and on its list's title.
fn unread_suffix(app: &App, pane: Pane) -> String {
    match app.reading().unread_count(pane.index()) {
        0 => String::new(),
        n => format!(" •{n}"),
    }
}

/// The tab labels, and the keys for search and help on the right. Returns the tabs'
/// click targets.
fn render_tabs(frame: &mut Frame<'_>, app: &App, area: Rect) -> Vec<(Rect, Pane)> {
    let t = app.theme();
    // Unread counts with the rows' unread mark ("Quotes 9 •3") when reading state is kept.
    let label = |pane: Pane, level: &TabLevel| {
        let n = pane.index() + 1;
        let others = if pane == app.pane() {
            Others::Counted
        } else {
            level.others
        };
        let name = if level.compact {
            &pane.title()[..3]
        } else {
            pane.title()
        };
        let new = if level.unread {
            unread_suffix(app, pane)
        } else {
            String::new()
        };
        match (pane, others) {
            (_, Others::Numbered) => format!("[{n}]"),
            (Pane::Overview, _) | (_, Others::Named) => format!("[{n} {name}]"),
            (_, Others::Counted) => {
                let count = app.browser().state(pane).list.items();
                format!("[{n} {name} {count}{new}]")
            }
        }
    };
    let hints: Vec<String> = [
        app.keys().hint(Mode::Browse, &Action::OpenSearch, "search"),
        app.keys().hint(Mode::Browse, &Action::ToggleHelp, "help"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let hint = format!("{} ", hints.join("  "));
    let tabs_width = |level: &TabLevel| {
        Pane::ALL
            .iter()
            .map(|p| width(&label(*p, level)) + 1)
            .sum::<usize>()
            + 1
    };
    // Full names with unread counts if they fit, even without the hint (the footer has
    // it too); then full names alone (the current pane's title keeps its unread count);
    // then short names, with unread counts if they fit. A name is worth more than the
    // hint: an 80-column terminal showed "[1 Ove] [2 Act 52]" beside "/ search  ? help".
    // Narrower still, the other tabs lose their counts, then their names: the current
    // tab is always shown, its name and count whole ("[1] [2] [3] [4] [5 Cha 21]").
    let level = |compact, unread, hint, others| TabLevel {
        compact,
        unread,
        hint,
        others,
    };
    let levels = [
        level(false, true, true, Others::Counted),
        level(false, true, false, Others::Counted),
        level(false, false, false, Others::Counted),
        level(true, true, false, Others::Counted),
        level(true, false, false, Others::Counted),
        level(true, false, false, Others::Named),
        level(true, false, false, Others::Numbered),
    ];
    let level = levels
        .iter()
        .find(|l| tabs_width(l) + if l.hint { width(&hint) } else { 0 } <= usize::from(area.width))
        .unwrap_or(&levels[levels.len() - 1]);
    // Too narrow for every tab even so: the ones furthest from the current tab give way.
    let widths: Vec<usize> = Pane::ALL.iter().map(|p| width(&label(*p, level))).collect();
    let shown = shown_tabs(&widths, app.pane().index(), usize::from(area.width));
    let mut targets = Vec::new();
    let mut x = area.x + 1;
    let mut spans = vec![Span::raw(" ")];
    for pane in &Pane::ALL[shown] {
        let pane = *pane;
        let label = label(pane, level);
        let w = u16::try_from(width(&label)).unwrap_or(0);
        if x + w > area.x + area.width {
            break;
        }
        targets.push((Rect::new(x, area.y, w, 1), pane));
        let style = if pane == app.pane() {
            t.tab_active
        } else {
            t.tab
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
        x += w + 1;
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let hint_w = width(&hint);
    if used + hint_w < usize::from(area.width) {
        spans.push(Span::raw(
            " ".repeat(usize::from(area.width) - used - hint_w),
        ));
        spans.push(Span::styled(hint, t.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    targets
}

/// The tabs shown in `room` columns, given their labels' widths: the current one, then one
/// more at a time, the nearer of the two beside those shown (the one before on a tie), or
/// else the other, while they fit.
fn shown_tabs(widths: &[usize], current: usize, room: usize) -> std::ops::Range<usize> {
    // A blank before the tabs and after each.
    let fits = |tabs: &std::ops::Range<usize>| {
        widths[tabs.clone()].iter().map(|w| w + 1).sum::<usize>() < room
    };
    let mut shown = current..current + 1;
    loop {
        let mut wider = [
            (shown.start > 0).then(|| (current - shown.start + 1, shown.start - 1..shown.end)),
            (shown.end < widths.len()).then(|| (shown.end - current, shown.start..shown.end + 1)),
        ];
        wider.sort_by_key(|w| w.as_ref().map_or(usize::MAX, |(away, _)| *away));
        let Some((_, next)) = wider.into_iter().flatten().find(|(_, r)| fits(r)) else {
            return shown;
        };
        shown = next;
    }
}

/// How much the tab labels say: one step of giving way to a narrow screen.
struct TabLevel {
    /// Panes' names in three letters ("Ove").
    compact: bool,
    /// Unread counts ("•3").
    unread: bool,
    /// The search and help keys on the right.
    hint: bool,
    /// What the tabs other than the current one say.
    others: Others,
}

/// What a tab other than the current one says.
#[derive(Clone, Copy)]
enum Others {
    /// Its name and count, as the current tab: `[2 Act 14]`.
    Counted,
    /// Its name: `[2 Act]`.
    Named,
    /// Its key: `[2]`.
    Numbered,
}

/// The list and the detail, side by side or in turns. Returns where the cursor goes.
fn render_body(
    frame: &mut Frame<'_>,
    app: &App,
    area: Rect,
    geometry: &mut Geometry,
) -> Option<Position> {
    let split = app.browser().split();
    if area.width < SPLIT_WIDTH || split.zoomed {
        match app.focus() {
            Focus::List => render_list(frame, app, area, geometry),
            Focus::Detail => render_detail(frame, app, area, geometry),
        }
    } else {
        let list_share = split.list_percent.min(100);
        let [list, detail] = Layout::horizontal([
            Constraint::Percentage(list_share),
            Constraint::Percentage(100 - list_share),
        ])
        .areas(area);
        let at_list = render_list(frame, app, list, geometry);
        let at_detail = render_detail(frame, app, detail, geometry);
        at_list.or(at_detail)
    }
}

fn block(app: &App, title: &str, focused: bool) -> Block<'static> {
    let t = app.theme();
    let style = if focused { t.border_focus } else { t.border };
    Block::bordered().border_style(style).title(Span::styled(
        format!(" {title} "),
        if focused { t.border_focus } else { t.title },
    ))
}

fn render_list(
    frame: &mut Frame<'_>,
    app: &App,
    area: Rect,
    geometry: &mut Geometry,
) -> Option<Position> {
    let pane = app.pane();
    let state = app.current();
    let focused = app.focus() == Focus::List && app.overlay().is_none();
    // As the tab says it, for when the tabs are too narrow to.
    let unread = unread_suffix(app, pane);
    let title = match &state.filter {
        Some(f) => format!("{} · {}", pane.title(), f.label()),
        None => format!("{} {}{unread}", pane.title(), state.list.items()),
    };
    let outer = block(app, &title, focused);
    let mut inner = outer.inner(area);
    frame.render_widget(outer, area);
    if let Some(banner) = &state.banner
        && inner.height > 3
    {
        let line = banner.line(
            app.lib(),
            state.selected_item(),
            usize::from(inner.width),
            app.theme(),
        );
        frame.render_widget(Paragraph::new(line), Rect { height: 1, ..inner });
        inner.y += 1;
        inner.height -= 1;
    }
    let lib = app.lib();
    let many = lib.briefings.iter().filter(|b| b.in_scope()).count() > 1;
    let cx = ListCx {
        lib,
        theme: app.theme(),
        content: content(pane),
        focused,
        follow: focused || app.overlay().is_none(),
        marks: pane != Pane::Changes,
        reading: app.reading().is_on().then(|| app.reading()),
        tags: Tags {
            many,
            names: if many {
                app.briefing_tags()
            } else {
                std::sync::Arc::default()
            },
            // Every change in the Changes pane is from a latest briefing, and a quote's
            // row needs the room for its own date: there, tags only where a label is
            // ambiguous. Elsewhere on every row of a wide screen's wide list: in a list of
            // 48 columns (120 split), a tag left a title ten characters ("Veltra Wa…").
            wide: frame.area().width >= 120
                && area.width >= WIDE_LIST
                && !matches!(pane, Pane::Changes | Pane::Quotes),
        },
    };
    let (view, cursor) = state.list.render(frame, area, inner, &cx);
    geometry.list = Some(view);
    cursor
}

fn render_detail(
    frame: &mut Frame<'_>,
    app: &App,
    area: Rect,
    geometry: &mut Geometry,
) -> Option<Position> {
    let focused = app.focus() == Focus::Detail && app.overlay().is_none();
    let lib = app.lib();
    let room = usize::from(area.width.saturating_sub(6));
    // An actor another shares a name with is named with its id, which stays whole where
    // the name has to give way.
    let id = |a: usize| lib.namesake_id(a).map(one_line);
    let title = match app.current().selected_row() {
        Some(Row::Item(ItemRef::Actor(a))) => fit_named(
            &one_line(lib.actors[*a].name.safe()),
            id(*a).as_deref(),
            room,
        ),
        Some(Row::Item(item)) => one_line(&lib.label(*item)).into_owned(),
        Some(Row::Relation(r)) => {
            let rel = &lib.relations[*r];
            let (from, to) = (id(rel.from), id(rel.to));
            let short = |a: usize| one_line(lib.actors[a].short()).into_owned();
            let kind = rel.kind.label();
            let [from, to] = content::share_names(
                &[
                    content::Named {
                        name: short(rel.from),
                        id: from.as_deref(),
                    },
                    content::Named {
                        name: short(rel.to),
                        id: to.as_deref(),
                    },
                ],
                room.saturating_sub(width(kind) + 6),
            );
            format!("{from} → {kind} → {to}")
        }
        Some(Row::Header(_)) | None => "Detail".to_owned(),
    };
    let title: String = fit(vec![Span::raw(title)], room)
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    let outer = block(app, &title, focused);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let (view, cursor) = detail_view::render(
        frame,
        area,
        inner,
        app.detail(),
        &app.current().detail,
        focused,
        app.theme(),
    );
    geometry.detail = Some(view);
    cursor
}

/// The footer: the filter line while it is typed, else the status, else key hints.
/// Returns where the cursor goes when the filter line is open.
fn render_footer(frame: &mut Frame<'_>, app: &App, area: Rect) -> Option<Position> {
    let t = app.theme();
    if let Some(Overlay::Filter(line)) = app.overlay() {
        return Some(render_filter_line(frame, app, line, area));
    }
    let line = if let Some(status) = app.status() {
        fit(
            // A status can quote a file (a state file's serde error): shown safely.
            vec![Span::styled(
                format!(" {}", one_line(&safe_message(status))),
                t.warning,
            )],
            usize::from(area.width),
        )
    } else {
        hint_line(app, usize::from(area.width))
    };
    frame.render_widget(Paragraph::new(line), area);
    None
}

/// Key hints that fit, whole: help and quit (or close) first, then the others in table
/// order while they fit, shown in table order.
fn hint_line(app: &App, width_total: usize) -> Line<'static> {
    let t = app.theme();
    let entries = app.keys().footer_hints(app.mode(), app.focus());
    let cost = |i: usize, (keys, help, _): &(String, &str, bool)| {
        let sep = if i > 0 { 3 } else { 0 };
        sep + width(keys) + 1 + width(help)
    };
    let mut keep = vec![false; entries.len()];
    let mut used = 1;
    for essential in [true, false] {
        for (i, e) in entries.iter().enumerate().filter(|(_, e)| e.2 == essential) {
            let w = cost(usize::from(used > 1), e);
            if used + w <= width_total {
                keep[i] = true;
                used += w;
            }
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for (keys, help, _) in entries
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(e, _)| e)
    {
        if spans.len() > 1 {
            spans.push(Span::styled(" · ", t.dim));
        }
        spans.push(Span::styled(keys, t.key));
        spans.push(Span::raw(format!(" {help}")));
    }
    Line::from(spans)
}

/// The filter being typed: its query, how many rows it keeps, and its keys.
fn render_filter_line(
    frame: &mut Frame<'_>,
    app: &App,
    line: &super::line_editor::LineEditor,
    area: Rect,
) -> Position {
    let t = app.theme();
    let state = app.current();
    let count = match &state.filter {
        Some(f) if f.error.is_some() => f.error.clone().unwrap_or_default(),
        Some(f) => f.label(),
        None => super::text::count(state.list.items(), "item", "items"),
    };
    let hints: Vec<String> = [
        app.keys().hint(Mode::Filter, &Action::Activate, "keeps"),
        app.keys()
            .hint(Mode::Filter, &Action::CloseOverlay, "clears"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let right = format!(" {} · {} ", one_line(&count), hints.join(" · "));
    let w = usize::from(area.width);
    let prompt = format!(" filter {} ", app.pane().title().to_lowercase());
    let room = w.saturating_sub(width(&right) + width(&prompt));
    // What is typed is shown as text from a file is: a character terminals measure
    // otherwise than ratatui does by number, so that none is left behind when erased.
    let query = fit(
        vec![Span::raw(display_safe(line.text()).into_owned())],
        room,
    );
    let mut spans = vec![Span::styled(prompt.clone(), t.key)];
    spans.extend(query.spans);
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::raw(
        " ".repeat(w.saturating_sub(used + width(&right))),
    ));
    spans.push(Span::styled(right, t.dim));
    frame.render_widget(Paragraph::new(fit(spans, w)), area);
    let before: String = line.text().chars().take(line.cursor()).collect();
    let x = width(&prompt) + width(&display_safe(&before));
    Position {
        x: area.x + u16::try_from(x.min(w.saturating_sub(1))).unwrap_or(0),
        y: area.y,
    }
}
