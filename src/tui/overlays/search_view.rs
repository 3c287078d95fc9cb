//! Drawing the search overlay: the query line with "N of M", a status line, and the
//! results on screen, two rows each, with their matched characters highlighted.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{centered, overlay_box, title};
use super::search::SearchState;
use crate::model::text::{display_safe, one_line};
use crate::model::{DateSpec, ItemRef, Library};
use crate::tui::action::{Action, Mode, View};
use crate::tui::keymap::Keymap;
use crate::tui::scroll::follow;
use crate::tui::text::{MIN_NAME_BESIDE_ID, fit, fit_before, highlight, width, wrap_spans};
use crate::tui::theme::Theme;

/// Draws the overlay. Returns the results' view and where the cursor goes (neither when
/// there is no room).
pub fn render(
    frame: &mut Frame<'_>,
    s: &SearchState,
    lib: &Library,
    keys: &Keymap,
    t: &Theme,
) -> (Option<View>, Option<Position>) {
    let full = frame.area();
    let area = centered(
        full,
        full.width.saturating_sub(4).min(110),
        full.height.saturating_sub(2),
    );
    let name = title(
        "Search",
        [
            keys.hint(Mode::Search, &Action::Activate, "opens"),
            keys.hint(Mode::Search, &Action::CloseOverlay, "closes"),
        ],
    );
    let inner = overlay_box(frame, t, area, &name);
    if inner.height < 3 {
        return (None, None);
    }
    let cursor = Some(query_line(frame, s, t, inner));
    let w = usize::from(inner.width);
    let status: Vec<Line<'static>> = match s.error() {
        // An error is read whole: it wraps over up to three rows.
        Some(e) => {
            let mut spans = vec![Span::styled(format!("  {}", one_line(e)), t.error)];
            // The results kept under an error are an older query's: say whose.
            if !s.results().is_empty() {
                spans.push(Span::styled(
                    format!(
                        " · the list below is for `{}`",
                        crate::model::text::safe_line(s.results_for())
                    ),
                    t.dim,
                ));
            }
            wrap_spans(&spans, w, 2).into_iter().take(3).collect()
        }
        None => {
            let line = status_line(s, keys, t);
            vec![fit(line.spans, w).style(line.style)]
        }
    };
    let rows = u16::try_from(status.len())
        .unwrap_or(1)
        .clamp(1, inner.height - 2);
    frame.render_widget(
        Paragraph::new(status),
        Rect {
            y: inner.y + 1,
            height: rows,
            ..inner
        },
    );
    let list = Rect {
        y: inner.y + 1 + rows,
        height: inner.height - 1 - rows,
        ..inner
    };
    (Some(render_results(frame, s, lib, t, list)), cursor)
}

/// The query and the count on the first row; returns where the cursor goes.
fn query_line(frame: &mut Frame<'_>, s: &SearchState, t: &Theme, inner: Rect) -> Position {
    let count = format!(" {} of {} ", s.results().len(), s.total());
    let w = usize::from(inner.width);
    let prompt_w = w.saturating_sub(count.chars().count() + 2);
    let query_line = fit(
        vec![
            Span::styled("/ ", t.key),
            Span::raw(display_safe(s.query()).into_owned()),
        ],
        prompt_w,
    );
    let mut top = query_line.spans;
    let used: usize = top.iter().map(|x| width(&x.content)).sum();
    top.push(Span::raw(
        " ".repeat(w.saturating_sub(used + count.chars().count())),
    ));
    top.push(Span::styled(count, t.dim));
    frame.render_widget(Paragraph::new(Line::from(top)), Rect { height: 1, ..inner });
    let before: String = s.query().chars().take(s.line().cursor()).collect();
    let cursor_x = inner.x + 2 + u16::try_from(width(&display_safe(&before))).unwrap_or(0);
    Position {
        x: cursor_x.min(inner.x + inner.width.saturating_sub(1)),
        y: inner.y,
    }
}

/// The second row when there is no error: progress, a hint, "no matches", how many results
/// of a date range are undated, or nothing.
fn status_line(s: &SearchState, keys: &Keymap, t: &Theme) -> Line<'static> {
    if let Some(permille) = s.pending() {
        return Line::styled(format!("  searching… {}%", permille / 10), t.dim);
    }
    if s.query().trim().is_empty() {
        let hint = keys
            .key(Mode::Browse, &Action::ToggleHelp)
            .map(|k| format!("; {k} in the browser lists the syntax"))
            .unwrap_or_default();
        Line::styled(format!("  type to search{hint}"), t.dim)
    } else if s.results().is_empty() {
        Line::styled("  no matches", t.dim)
    } else if s.undated() > 0 {
        Line::styled(
            format!(
                "  {} dated + {} undated: an unknown date could fall in any range (dated:yes leaves them out)",
                s.results().len() - s.undated(),
                s.undated()
            ),
            t.dim,
        )
    } else {
        Line::default()
    }
}

/// Draws the visible results, two lines each: a kind badge and the text with its matched
/// characters highlighted, then a line of context. Match positions are computed for these
/// rows only.
fn render_results(
    frame: &mut Frame<'_>,
    s: &SearchState,
    lib: &Library,
    t: &Theme,
    area: Rect,
) -> View {
    let offset = follow(s.offset(), s.selected(), usize::from(area.height), |_| 2);
    let per_page = usize::from(area.height / 2).max(1);
    let w = usize::from(area.width);
    let mut lines = Vec::new();
    for (i, hit) in s.results().iter().enumerate().skip(offset).take(per_page) {
        let sel = i == s.selected();
        let rows = result_lines(s, lib, t, hit.item, sel);
        let first = row(rows.badge, rows.first, rows.first_id.as_deref(), None, t, w);
        lines.push(if sel { first.style(t.selected) } else { first });
        let date = result_date(lib, hit.item).map(|d| Span::styled(d, t.dim));
        let indent = vec![Span::raw(" ".repeat(INDENT))];
        lines.push(row(
            indent,
            rows.second,
            rows.second_id.as_deref(),
            date,
            t,
            w,
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
    View { area, offset }
}

/// The columns before a result's text: its mark and kind badge, `▶ quote  `.
const INDENT: usize = 9;

/// One row of a result in `w` columns: `lead` (the badge, or the second row's indent),
/// `text`, and when `id` is given (an actor another shares a name with) ` (id)` after it;
/// then `date`, if any, at the right edge, the dates of the rows on screen making one
/// column. The text gives way to the date, and then to the id as a name does in the lists
/// (see [`crate::tui::text::fit_named`]): a narrow row cuts the text, never the id.
fn row(
    lead: Vec<Span<'static>>,
    text: Vec<Span<'static>>,
    id: Option<&str>,
    date: Option<Span<'static>>,
    t: &Theme,
    w: usize,
) -> Line<'static> {
    let span_w = |spans: &[Span<'_>]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let room = w
        .saturating_sub(span_w(&lead))
        .saturating_sub(date.as_ref().map_or(0, |d| width(&d.content) + 2));
    let (text, mut tail) = match id {
        Some(id) => {
            let named = format!(" ({id})");
            if span_w(&text) + width(&named) > room && room < width(&named) + MIN_NAME_BESIDE_ID {
                // The id alone, cut only where the row has less room for it (the date
                // before it shows whole).
                let id = fit(vec![Span::styled(id.to_owned(), t.dim)], room.max(1));
                (Vec::new(), id.spans)
            } else {
                (text, vec![Span::styled(named, t.dim)])
            }
        }
        None => (text, Vec::new()),
    };
    if let Some(date) = date {
        let used = span_w(&lead) + span_w(&text) + span_w(&tail) + width(&date.content);
        tail.push(Span::raw(" ".repeat(w.saturating_sub(used).max(2))));
        tail.push(date);
    }
    let lead_w = span_w(&lead);
    let mut spans = lead;
    spans.extend(fit_before(text, tail, w.saturating_sub(lead_w)).spans);
    fit(spans, w)
}

/// When a result is from, where it has a date: an event's or a quote's, a briefing's
/// `as_of`, a source's publication date when it is known.
fn result_date(lib: &Library, item: ItemRef) -> Option<String> {
    let date = |d: DateSpec| {
        if d.is_known() {
            d.to_string()
        } else {
            "undated".to_owned()
        }
    };
    match item {
        ItemRef::Event(e) => Some(date(lib.events[e].date)),
        ItemRef::Quote(q) => Some(date(lib.quotes[q].date)),
        ItemRef::Briefing(b) => Some(format!("as of {}", lib.briefings[b].as_of)),
        ItemRef::Source(s) => {
            let published = lib.sources[s].published;
            published.is_known().then(|| published.to_string())
        }
        ItemRef::Actor(_) => None,
    }
}

/// The two rows of one result: the badge and the text, and the context. An actor another
/// shares a name with, as the first row's actor or the second row's speaker or
/// participant, has their id apart: a narrow row cuts the rest, never the id.
struct ResultLines {
    badge: Vec<Span<'static>>,
    first: Vec<Span<'static>>,
    first_id: Option<String>,
    second: Vec<Span<'static>>,
    second_id: Option<String>,
}

/// The two rows of one result.
fn result_lines(
    s: &SearchState,
    lib: &Library,
    t: &Theme,
    item: ItemRef,
    selected: bool,
) -> ResultLines {
    let (badge, fallback) = result_context(lib, item);
    let badge = vec![
        Span::styled(if selected { "▶ " } else { "  " }, t.key),
        Span::styled(format!("{badge:<6} "), t.badge),
    ];
    let (mut first, mut second) = (Vec::new(), Vec::new());
    let (mut first_id, mut second_id) = (None, None);
    let hl = match (s.index(), s.parsed()) {
        (Some(index), Some(q)) => Some(index.highlight(lib, item, q)),
        _ => None,
    };
    match hl {
        Some(h) => {
            first.extend(highlight(
                &h.primary,
                &h.primary_pos,
                Style::new(),
                t.matched,
            ));
            // An actor another shares a name with is told apart by its id, as in the lists.
            if let ItemRef::Actor(a) = item
                && let Some(id) = lib.namesake_id(a)
                && !h.primary.ends_with(&format!(" ({id})"))
            {
                first_id = Some(id.to_owned());
            }
            match h.secondary {
                Some((label, text, pos)) => {
                    second.push(Span::styled(format!("{label}: "), t.dim));
                    // A speaker or participant named with their id: the id apart.
                    let (at, id) = named_id_at(lib, item, &text).unwrap_or((text.len(), None));
                    let cut = text[..at].chars().count();
                    let pos: Vec<usize> = pos.into_iter().filter(|&p| p < cut).collect();
                    second.extend(highlight(&text[..at], &pos, t.dim, t.matched));
                    second_id = id;
                }
                None => second.push(Span::styled(fallback, t.dim)),
            }
        }
        None => {
            first.push(Span::raw(one_line(&lib.label(item)).into_owned()));
            second.push(Span::styled(fallback, t.dim));
        }
    }
    ResultLines {
        badge,
        first,
        first_id,
        second,
        second_id,
    }
}

/// Where the ` (id)` of an actor another shares a name with begins, and the id, when
/// `text` (a quote's speaker or an event's participant, as a result's second row names
/// them) ends with one.
fn named_id_at(lib: &Library, item: ItemRef, text: &str) -> Option<(usize, Option<String>)> {
    let actors: &mut dyn Iterator<Item = usize> = match item {
        ItemRef::Quote(q) => &mut std::iter::once(lib.quotes[q].speaker),
        ItemRef::Event(e) => &mut lib.events[e].actors.iter().map(|p| p.actor),
        _ => return None,
    };
    actors.filter_map(|a| lib.namesake_id(a)).find_map(|id| {
        let at = text.strip_suffix(&format!(" ({id})"))?.len();
        Some((at, Some(id.to_owned())))
    })
}

/// A kind badge and a line of context for a result row (its date is drawn apart, see
/// [`result_date`]).
#[must_use]
pub fn result_context(lib: &Library, item: ItemRef) -> (&'static str, String) {
    match item {
        ItemRef::Actor(a) => {
            let x = &lib.actors[a];
            (
                "actor",
                format!("{} · {}", x.kind.label(), one_line(x.role.safe())),
            )
        }
        ItemRef::Event(e) => {
            let x = &lib.events[e];
            (
                "event",
                format!("{} {}", x.status.symbol(), x.status.label()),
            )
        }
        ItemRef::Quote(q) => {
            let x = &lib.quotes[q];
            (
                "quote",
                format!(
                    "{} · {}",
                    lib.with_id(x.speaker, &one_line(lib.actors[x.speaker].name.safe())),
                    x.kind.label()
                ),
            )
        }
        ItemRef::Source(s) => ("source", lib.sources[s].kind.label().to_owned()),
        ItemRef::Briefing(b) => (
            "brief",
            lib.briefings[b]
                .series
                .as_ref()
                .map(|s| format!("series {}", one_line(s.safe())))
                .unwrap_or_default(),
        ),
    }
}
