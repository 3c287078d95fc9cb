//! Drawing the source reader: the source's title and what is shown, then its paragraphs
//! (or cited places) with `¶N` in a margin, the cited ones marked, the current one
//! highlighted, and a status row with the position and keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{overlay_box, title};
use super::reader::{Block, Laid, Reader};
use crate::tui::action::{Action, Mode, View};
use crate::tui::keymap::Keymap;
use crate::tui::scroll::render_scrollbar;
use crate::tui::text::{fit, width, wrap_spans};
use crate::tui::theme::Theme;

/// The reader's text at a width, laid out once per width and current passage.
fn laid_out(r: &Reader, w: usize, t: &Theme) -> Laid {
    let key = (w, r.current);
    let mut cache = r.laid_out.0.borrow_mut();
    if let Some((cw, cc, laid)) = cache.as_ref()
        && (*cw, *cc) == key
    {
        return laid.clone();
    }
    let laid = std::sync::Arc::new(layout(r, w, t));
    *cache = Some((key.0, key.1, laid.clone()));
    laid
}

/// The reader's text at a width, and the row each block starts on.
#[must_use]
pub fn layout(r: &Reader, w: usize, t: &Theme) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut lines: Vec<Line<'static>> = Vec::new();
    lines.extend(wrap_spans(&[Span::styled(r.title.clone(), t.title)], w, 0));
    lines.extend(wrap_spans(&[Span::styled(r.about.clone(), t.dim)], w, 0));
    if let Some(n) = &r.source_note {
        let spans = [Span::styled("Note: ", t.dim), Span::raw(n.clone())];
        lines.extend(wrap_spans(&spans, w, 0));
    }
    lines.extend(wrap_spans(&[Span::styled(r.note.clone(), t.dim)], w, 0));
    lines.push(Line::default());
    let label_w = r.blocks.iter().map(|b| width(&b.label)).max().unwrap_or(2);
    let current = r.current.map(|c| r.marked[c]);
    let mut tops = Vec::with_capacity(r.blocks.len());
    for (i, b) in r.blocks.iter().enumerate() {
        tops.push(lines.len());
        let mut spans = vec![
            Span::styled(if b.cited { "▌ " } else { "  " }, t.key),
            Span::styled(
                format!("{:<label_w$} ", b.label),
                match (Some(i) == current, b.cited) {
                    (true, _) => t.selected,
                    (false, true) => t.key,
                    (false, false) => t.dim,
                },
            ),
        ];
        spans.extend(block_text(b, t));
        lines.extend(wrap_spans(&spans, w, 2 + label_w + 1));
        lines.push(Line::default());
    }
    (lines, tops)
}

/// A block's text, its excerpts highlighted.
fn block_text(b: &Block, t: &Theme) -> Vec<Span<'static>> {
    let base = if b.missing {
        t.dim
    } else if b.cited || !b.text.is_empty() {
        Style::new()
    } else {
        t.dim
    };
    let mut marks: Vec<(usize, usize)> = b
        .excerpts
        .iter()
        .filter(|e| !e.is_empty())
        .flat_map(|e| {
            b.text
                .match_indices(e.as_str())
                .map(|(at, m)| (at, at + m.len()))
        })
        .collect();
    marks.sort_unstable();
    let mut spans = Vec::new();
    let mut at = 0;
    for (start, end) in marks {
        if start < at {
            continue;
        }
        spans.push(Span::styled(b.text[at..start].to_owned(), base));
        spans.push(Span::styled(b.text[start..end].to_owned(), t.matched));
        at = end;
    }
    spans.push(Span::styled(b.text[at..].to_owned(), base));
    spans
}

/// Draws the reader over `area` (the body of the screen, between header and footer).
/// Returns where its text is and the offset shown.
pub fn render(frame: &mut Frame<'_>, area: Rect, r: &Reader, keys: &Keymap, t: &Theme) -> View {
    let name = title(
        "Source",
        [
            keys.hint(Mode::Reader, &Action::NextMatch, "next cited"),
            keys.hint(Mode::Reader, &Action::Back, "back"),
        ],
    );
    let inner = overlay_box(frame, t, area, &name);
    let text = Rect {
        height: inner.height.saturating_sub(1),
        width: inner.width.saturating_sub(1),
        ..inner
    };
    let laid = laid_out(r, usize::from(text.width), t);
    let (lines, tops) = (&laid.0, &laid.1);
    let rows = usize::from(text.height);
    let max = lines.len().saturating_sub(rows);
    let offset = match r.anchor {
        // From the top when the passage is on the first screen; else with a line of what
        // comes before, so it is read in context.
        Some(b) => match (tops.get(b), tops.get(b + 1)) {
            (Some(_), Some(&next)) if next <= rows => 0,
            (Some(&y), _) => y.saturating_sub(1),
            _ => 0,
        },
        None => r.scroll,
    }
    .min(max);
    let shown: Vec<Line<'static>> = lines.iter().skip(offset).take(rows).cloned().collect();
    frame.render_widget(Paragraph::new(shown), text);
    if max > 0 {
        render_scrollbar(frame, area, max + 1, offset);
    }
    let status = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(status_line(r, t, usize::from(inner.width))),
        status,
    );
    View { area: text, offset }
}

/// Where the reader is among the cited passages (the keys are in the footer).
fn status_line(reader: &Reader, theme: &Theme, w: usize) -> Line<'static> {
    let count = reader.marked.len();
    let s = if count == 1 { "" } else { "s" };
    let place = match (reader.current_block(), reader.current) {
        (Some(block), Some(at)) => {
            format!(" {} · cited passage {} of {count}", block.label, at + 1)
        }
        _ if count == 0 => " nothing here is cited".to_owned(),
        _ => format!(" {count} cited passage{s}"),
    };
    fit(vec![Span::styled(place, theme.key)], w)
}
