//! Drawing the network view with box-drawing characters, or plain ASCII where the
//! terminal's locale is not UTF-8: the centre actor in a box, one row per relation on each
//! side with its kind on the edge and an arrow for its direction (every row reads left to
//! right), and the selected relation spelled out underneath.

use std::sync::OnceLock;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{overlay_box, title};
use super::network::{Edge, Network, edges, rows};
use crate::model::Library;
use crate::model::text::one_line;
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Keymap;
use crate::tui::text::{fit, fit_named, pad, width, wrap_spans};
use crate::tui::theme::Theme;

/// The characters the picture is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glyphs {
    line: &'static str,
    bar: &'static str,
    corners: [&'static str; 4],
    tee_left: &'static str,
    tee_right: &'static str,
    right: &'static str,
    left: &'static str,
}

/// Box drawing and arrows.
pub const UNICODE: Glyphs = Glyphs {
    line: "─",
    bar: "│",
    corners: ["┌", "┐", "└", "┘"],
    tee_left: "┤",
    tee_right: "├",
    right: "▶",
    left: "◀",
};

/// For terminals that cannot draw them.
pub const ASCII: Glyphs = Glyphs {
    line: "-",
    bar: "|",
    corners: ["+", "+", "+", "+"],
    tee_left: "+",
    tee_right: "+",
    right: ">",
    left: "<",
};

/// The glyphs for this terminal: ASCII when the locale (`LC_ALL`, `LC_CTYPE` or `LANG`,
/// the first that is set) is not UTF-8.
pub fn glyphs() -> Glyphs {
    static ASCII_ONLY: OnceLock<bool> = OnceLock::new();
    let ascii = *ASCII_ONLY.get_or_init(|| {
        ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                !(v.contains("utf-8") || v.contains("utf8"))
            })
    });
    if ascii { ASCII } else { UNICODE }
}

/// What drawing the network needs.
pub struct NetCx<'a> {
    /// The library.
    pub lib: &'a Library,
    /// The keys, for the title's hints.
    pub keys: &'a Keymap,
    /// Styles.
    pub theme: &'a Theme,
    /// Characters.
    pub glyphs: Glyphs,
}

/// Draws the network over `area` (the body of the screen).
pub fn render(frame: &mut Frame<'_>, area: Rect, net: &Network, cx: &NetCx<'_>) {
    let (lib, t) = (cx.lib, cx.theme);
    let center = &lib.actors[net.center];
    // The centre's id (an actor another shares a name with) stays whole in the title where
    // the name has to give way; the hints after it give way first.
    let room = usize::from(area.width).saturating_sub(4 + width("Network · "));
    let name = title(
        &format!(
            "Network · {}",
            fit_named(
                &one_line(center.short()),
                id_of(lib, net.center).as_deref(),
                room
            )
        ),
        [
            cx.keys.hint(Mode::Network, &Action::Activate, "opens"),
            cx.keys.hint(Mode::Network, &Action::Back, "back"),
        ],
    );
    let inner = overlay_box(frame, t, area, &name);
    let edges = edges(lib, net.center);
    if edges.is_empty() {
        let msg = format!(
            "{} has no relations in this view.",
            lib.with_id(net.center, &one_line(center.name.safe()))
        );
        frame.render_widget(Paragraph::new(Line::styled(msg, t.dim)), inner);
        return;
    }
    let selected = net.selected.min(edges.len() - 1);
    let info = info_lines(lib, &edges[selected], t, usize::from(inner.width));
    let info_h = u16::try_from(info.len())
        .unwrap_or(u16::MAX)
        .min(inner.height / 3)
        .max(1);
    let graph = Rect {
        height: inner.height.saturating_sub(info_h + 1),
        ..inner
    };
    draw_graph(frame.buffer_mut(), graph, &edges, selected, net, cx);
    let info_area = Rect {
        y: inner.y + inner.height - info_h,
        height: info_h,
        ..inner
    };
    let mut info = info;
    if info.len() > usize::from(info_h) {
        info.truncate(usize::from(info_h));
        if let Some(last) = info.last_mut() {
            *last = fit(
                last.spans.clone(),
                usize::from(inner.width).saturating_sub(1),
            );
            last.spans.push(Span::styled("…", t.dim));
        }
    }
    frame.render_widget(Paragraph::new(info), info_area);
}

/// The selected relation as a sentence (a symmetric one from the centre, as its row
/// reads), its note, whether a later briefing no longer states it, and its citation.
fn info_lines(lib: &Library, e: &Edge, t: &Theme, w: usize) -> Vec<Line<'static>> {
    let rel = &lib.relations[e.relation];
    let name = |a: usize| lib.with_id(a, &one_line(lib.actors[a].name.safe()));
    let (first, second) = if e.mutual && !e.outgoing {
        (rel.to, rel.from)
    } else {
        (rel.from, rel.to)
    };
    let mut spans = vec![
        Span::styled(name(first), t.title),
        Span::styled(format!(" {} ", rel.kind.label()), t.key),
        Span::styled(name(second), t.title),
    ];
    if let Some(note) = &rel.note {
        spans.push(Span::raw(format!(" — {}", one_line(note.safe()))));
    }
    if let Some(since) = rel.not_restated_since() {
        let b = &lib.briefings[since];
        spans.push(Span::styled(
            format!(" · not restated since {} ({})", b.as_of, b.id.safe()),
            t.warning,
        ));
    }
    let cites = crate::tui::panes::detail::cite_short(lib, &rel.cite);
    spans.push(Span::styled(format!("  [{cites}]"), t.dim));
    wrap_spans(&spans, w, 2)
}

/// Where the picture goes: the centre box and the rows of neighbours.
struct Placement {
    area: Rect,
    /// The first neighbour row shown, on both sides.
    first: usize,
    /// How many rows are shown.
    visible: usize,
    /// Rows between neighbours.
    gap: usize,
    /// The centre box.
    center: Rect,
    /// The screen row of the first neighbour row.
    top: u16,
}

impl Placement {
    /// Lays out `rows` rows per side (at most) in `area`, keeping `selected_row` visible;
    /// the centre box is `center_w` wide inside, `center_h` rows tall at least.
    ///
    /// Across, the box goes where the widest neighbour on each side (`needs`: left, right,
    /// in columns) fits beside it: centred when both fit; when not, the side that needs
    /// less gets what it needs, as long as the other keeps a third of the room; else
    /// centred. A box centred regardless cut off a long name on one side while the
    /// other side stood empty.
    fn new(
        area: Rect,
        rows: usize,
        selected_row: usize,
        (center_w, center_h): (usize, usize),
        (left_need, right_need): (usize, usize),
    ) -> Self {
        let h = usize::from(area.height.saturating_sub(2)).max(1);
        // Rows between neighbours when there is room; a window around the selection when not.
        let gap = if 2 * rows > h { 1 } else { 2 };
        let visible = h.div_ceil(gap).min(rows).max(1);
        let first = selected_row
            .saturating_sub(visible - 1)
            .min(rows.saturating_sub(visible));
        let used = (visible - 1) * gap + 1;
        let w = usize::from(area.width);
        let box_w = (center_w + 2).min(w);
        let box_h = (used.max(center_h) + 2).min(usize::from(area.height));
        let free = w - box_w;
        // The least either side keeps when the other is given what it needs.
        let keep = free / 3;
        let left = if left_need + right_need <= free {
            left_need + (free - left_need - right_need) / 2
        } else if right_need <= left_need && right_need <= free - keep {
            free - right_need
        } else if left_need < right_need && left_need <= free - keep {
            left_need
        } else {
            free / 2
        };
        let x = area.x + to_u16(left);
        let y = area.y + to_u16((usize::from(area.height) - box_h) / 2);
        let top = y + 1 + to_u16((box_h - 2).saturating_sub(used) / 2);
        Self {
            area,
            first,
            visible,
            gap,
            center: Rect::new(x, y, to_u16(box_w), to_u16(box_h)),
            top,
        }
    }

    /// The screen row of a neighbour row, if it is shown.
    fn y(&self, row: usize) -> Option<u16> {
        (row >= self.first && row < self.first + self.visible)
            .then(|| self.top + to_u16((row - self.first) * self.gap))
    }
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Places the centre box and every edge row in `area`.
fn draw_graph(
    buf: &mut Buffer,
    area: Rect,
    edges: &[Edge],
    selected: usize,
    net: &Network,
    cx: &NetCx<'_>,
) {
    let (lib, theme) = (cx.lib, cx.theme);
    let (left_n, right_n, at) = rows(edges);
    let rows = left_n.max(right_n);
    let center = &lib.actors[net.center];
    // The centre's name wraps inside its box, which stays narrow so the edges' labels fit,
    // but holds the id of an actor another shares a name with on a line of its own, where
    // a third of the area can.
    let id = id_of(lib, net.center).map(|id| format!("({id})"));
    let inner_w = (usize::from(area.width) / 4).clamp(10, 22).max(
        id.as_deref()
            .map_or(0, width)
            .min(usize::from(area.width) / 3),
    );
    let mut name = wrap_spans(
        &[Span::raw(one_line(center.name.safe()).into_owned())],
        inner_w,
        0,
    );
    let name_lines = name.len();
    if let Some(id) = id {
        name.extend(wrap_spans(&[Span::raw(id)], inner_w, 0));
    }
    let used_w = name
        .iter()
        .map(line_width)
        .max()
        .unwrap_or(0)
        .max(width(center.kind.label()));
    let mut lines: Vec<(String, Style)> = name
        .iter()
        .map(|l| {
            (
                l.spans.iter().map(|s| s.content.as_ref()).collect(),
                theme.title,
            )
        })
        .collect();
    lines.push((center.kind.label().to_owned(), theme.dim));
    let place = Placement::new(
        area,
        rows,
        at[selected],
        (used_w.max(8) + 2, lines.len()),
        needs(lib, edges),
    );
    // A box too short for every line keeps the id and the kind: the name's last lines give
    // way, the last one kept ending in `…`.
    let inner_h = usize::from(place.center.height.saturating_sub(2));
    let mut kept = name_lines;
    while lines.len() > inner_h && kept > 1 {
        kept -= 1;
        lines.remove(kept);
        let last = &mut lines[kept - 1].0;
        *last = fit(vec![Span::raw(format!("{last}…"))], inner_w)
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
    }
    draw_center(buf, &place, &lines, cx);
    for (i, e) in edges.iter().enumerate() {
        if let Some(y) = place.y(at[i]) {
            draw_edge(buf, &place, y, e, i == selected, cx);
        }
    }
    let more = |n: usize, up: bool| {
        if up {
            format!("↑ {n} more")
        } else {
            format!("↓ {n} more")
        }
    };
    if place.first > 0 {
        buf.set_string(area.x, area.y, more(place.first, true), theme.dim);
    }
    if place.first + place.visible < rows {
        let y = area.y + area.height.saturating_sub(1);
        let hidden = rows - place.first - place.visible;
        buf.set_string(area.x, y, more(hidden, false), theme.dim);
    }
}

/// The centre box with the actor's name and kind, centred in it.
fn draw_center(buf: &mut Buffer, place: &Placement, lines: &[(String, Style)], cx: &NetCx<'_>) {
    let b = place.center;
    draw_box(buf, b, cx.glyphs, cx.theme);
    let inner_w = usize::from(b.width.saturating_sub(2));
    let inner_h = usize::from(b.height.saturating_sub(2));
    let top = b.y + 1 + to_u16(inner_h.saturating_sub(lines.len()) / 2);
    for (i, (text, style)) in lines.iter().enumerate().take(inner_h) {
        buf.set_stringn(
            b.x + 1,
            top + to_u16(i),
            pad_center(text, inner_w),
            inner_w,
            *style,
        );
    }
}

/// The columns the widest neighbour row takes on the left and on the right of the centre
/// box, each with its edge, as [`draw_edge`] draws them uncut.
fn needs(lib: &Library, edges: &[Edge]) -> (usize, usize) {
    let mut need = (0, 0);
    for e in edges {
        let stale = lib.relations[e.relation].not_restated_since().is_some();
        let name = width(&lib.with_id(e.other, &one_line(lib.actors[e.other].short())))
            + if stale { 15 } else { 0 };
        let edge = width(kind_label(lib, e)) + 4;
        if e.left {
            need.0 = need.0.max(name + 1 + edge + 1);
        } else {
            need.1 = need.1.max(edge + usize::from(e.mutual) + 1 + name);
        }
    }
    need
}

/// One neighbour row: its name, and the labelled edge to the centre box.
fn draw_edge(
    buf: &mut Buffer,
    place: &Placement,
    y: u16,
    e: &Edge,
    selected: bool,
    cx: &NetCx<'_>,
) {
    let (lib, theme, glyphs) = (cx.lib, cx.theme, cx.glyphs);
    let (area, b) = (place.area, place.center);
    // A relation a later briefing no longer states is drawn dim and says so, in words as
    // well as in colour.
    let stale = lib.relations[e.relation].not_restated_since().is_some();
    let name_style = match (selected, stale) {
        (true, _) => theme.selected,
        (false, true) => theme.dim,
        (false, false) => Style::new(),
    };
    let edge_style = if selected { theme.selected } else { theme.dim };
    // The name gives way to the id of an actor another shares a name with, and the note
    // of a relation no longer stated gives way to both.
    let named = |room: usize| {
        let short = one_line(lib.actors[e.other].short());
        let mut name = vec![Span::raw(fit_named(
            &short,
            id_of(lib, e.other).as_deref(),
            room,
        ))];
        if stale {
            name.push(Span::styled(" (not restated)", theme.dim));
        }
        fit(name, room)
    };
    let label = kind_label(lib, e);
    if e.left {
        let edge_w = (width(label) + 4).min(usize::from(b.x - area.x).saturating_sub(7));
        let x0 = b.x - to_u16(edge_w);
        // The relation points at the centre: the arrow does too.
        let text = edge_text(label, edge_w, false, glyphs);
        buf.set_stringn(x0, y, &text, edge_w, edge_style);
        let room = usize::from(x0 - area.x).saturating_sub(1);
        let name = named(room).style(name_style);
        let nx = x0 - 1 - to_u16(line_width(&name));
        buf.set_line(nx, y, &name, to_u16(room));
        buf.set_string(b.x, y, glyphs.tee_left, theme.border_focus);
    } else {
        let x0 = b.x + b.width;
        let right_room = usize::from(area.x + area.width - x0);
        let edge_w = (width(label) + 4 + usize::from(e.mutual)).min(right_room.saturating_sub(7));
        let text = edge_text(label, edge_w, e.mutual, glyphs);
        buf.set_stringn(x0, y, &text, edge_w, edge_style);
        let room = right_room.saturating_sub(edge_w + 1);
        let name = named(room).style(name_style);
        buf.set_line(x0 + to_u16(edge_w + 1), y, &name, to_u16(room));
        buf.set_string(x0 - 1, y, glyphs.tee_right, theme.border_focus);
    }
}

/// The id of an actor another shares a name with, on one line.
fn id_of(lib: &Library, a: usize) -> Option<String> {
    lib.namesake_id(a).map(|id| one_line(id).into_owned())
}

/// An edge's label: its kind, read from the actor on the left to the one on the right.
fn kind_label<'a>(lib: &'a Library, e: &Edge) -> &'a str {
    lib.relations[e.relation].kind.label()
}

/// An edge of `w` columns with its label and an arrow pointing right, at the actor the
/// sentence ends with; with `both`, at the start too (a symmetric relation).
fn edge_text(label: &str, w: usize, both: bool, g: Glyphs) -> String {
    // A label that does not fit is cut, never dropped: the kind is the edge's meaning.
    let start = if both { g.left } else { g.line };
    let room = w.saturating_sub(4 + usize::from(both));
    let label: String = fit(vec![Span::raw(label.to_owned())], room)
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    let rest = g
        .line
        .repeat(w.saturating_sub(width(&label) + 3 + usize::from(both)));
    if both {
        format!("{start}{}{label}{rest}{}{}", g.line, g.line, g.right)
    } else {
        format!("{start}{label}{rest}{}{}", g.line, g.right)
    }
}

fn draw_box(buf: &mut Buffer, r: Rect, g: Glyphs, t: &Theme) {
    if r.width < 2 || r.height < 2 {
        return;
    }
    let right = r.x + r.width - 1;
    let bottom = r.y + r.height - 1;
    let inner = usize::from(r.width - 2);
    let style = t.border_focus;
    buf.set_string(
        r.x,
        r.y,
        format!("{}{}{}", g.corners[0], g.line.repeat(inner), g.corners[1]),
        style,
    );
    buf.set_string(
        r.x,
        bottom,
        format!("{}{}{}", g.corners[2], g.line.repeat(inner), g.corners[3]),
        style,
    );
    for y in r.y + 1..bottom {
        buf.set_string(r.x, y, g.bar, style);
        buf.set_string(right, y, g.bar, style);
    }
}

fn pad_center(s: &str, w: usize) -> String {
    let sw = width(s).min(w);
    let left = (w - sw) / 2;
    let text = pad(s, w - left);
    format!("{}{text}", " ".repeat(left))
}

fn line_width(line: &Line<'_>) -> usize {
    line.spans.iter().map(|s| width(&s.content)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The columns left of the box and right of it.
    fn sides(w: u16, needs: (usize, usize)) -> (usize, usize) {
        let p = Placement::new(Rect::new(0, 0, w, 20), 3, 0, (21, 3), needs);
        let left = usize::from(p.center.x);
        (left, usize::from(w) - left - usize::from(p.center.width))
    }

    #[test]
    fn the_box_stands_where_both_sides_fit() {
        // A short name on the left, a long one on the right: both whole, the slack shared.
        let (left, right) = sides(100, (20, 45));
        assert!(left >= 20 && right >= 45, "{left} / {right}");
        assert!(left.abs_diff(20) <= 10, "{left}");
        // Too little room: the side that needs less than half gets all it needs.
        assert_eq!(sides(80, (60, 30)).1, 30);
        assert_eq!(sides(80, (20, 60)).0, 20);
        // Neither fits in half: centred, as before.
        let (left, right) = sides(80, (70, 70));
        assert!(left.abs_diff(right) <= 1, "{left} / {right}");
        // No neighbours on one side: the other side has the room.
        assert!(sides(80, (0, 50)).1 >= 50);
    }
}
