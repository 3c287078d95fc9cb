//! Drawing the source reader: the source's title and what is shown, then its paragraphs
//! (or cited places) with `¶N` in a margin, the cited ones marked, the current one
//! highlighted, and a status row with the position and keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{overlay_box, title};
use std::sync::Arc;

use super::reader::{Block, Laid, Reader};
use crate::tui::action::{Action, Mode, View};
use crate::tui::keymap::Keymap;
use crate::tui::scroll::render_scrollbar;
use crate::tui::text::{fit, width, wrap_spans};
use crate::tui::theme::Theme;

/// The reader's text at a width, laid out once per width.
fn laid_out(r: &Reader, w: usize, t: &Theme) -> Arc<Laid> {
    let mut cache = r.laid_out.text.borrow_mut();
    if let Some((cw, laid)) = cache.as_ref()
        && *cw == w
    {
        return laid.clone();
    }
    let laid = Arc::new(layout(r, w, t));
    *cache = Some((w, laid.clone()));
    laid
}

/// The first row of block `b`, its label highlighted as the current passage's, at a width:
/// laid out once per width and passage.
fn current_row(r: &Reader, b: usize, laid: &Laid, w: usize, t: &Theme) -> Line<'static> {
    let mut cache = r.laid_out.current.borrow_mut();
    if let Some((cw, cb, row)) = cache.as_ref()
        && (*cw, *cb) == (w, b)
    {
        return row.clone();
    }
    let row = block_lines(&r.blocks[b], laid.label_w, true, w, t)
        .into_iter()
        .next()
        .unwrap_or_default();
    *cache = Some((w, b, row.clone()));
    row
}

/// The reader's text at a width, and the row each block starts on. No passage is
/// highlighted as the current one: [`render`] puts that one's first row in.
#[must_use]
pub fn layout(r: &Reader, w: usize, t: &Theme) -> Laid {
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
    let mut tops = Vec::with_capacity(r.blocks.len());
    for b in &r.blocks {
        tops.push(lines.len());
        lines.extend(block_lines(b, label_w, false, w, t));
        lines.push(Line::default());
    }
    Laid {
        lines,
        tops,
        label_w,
    }
}

/// A block's lines: its mark, its label (highlighted when it is the `current` passage) and
/// its text, wrapped under itself.
fn block_lines(
    b: &Block,
    label_w: usize,
    current: bool,
    w: usize,
    t: &Theme,
) -> Vec<Line<'static>> {
    let mut spans = vec![
        Span::styled(if b.cited { "▌ " } else { "  " }, t.key),
        Span::styled(
            format!("{:<label_w$} ", b.label),
            match (current, b.cited) {
                (true, _) => t.selected,
                (false, true) => t.key,
                (false, false) => t.dim,
            },
        ),
    ];
    spans.extend(block_text(b, t));
    wrap_spans(&spans, w, 2 + label_w + 1)
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
    let cols = usize::from(text.width);
    let laid = laid_out(r, cols, t);
    let (lines, tops) = (&laid.lines, &laid.tops);
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
    let mut shown: Vec<Line<'static>> = lines.iter().skip(offset).take(rows).cloned().collect();
    // The current passage's label, highlighted, where its first row is on screen.
    if let Some(block) = r.current.map(|c| r.marked[c])
        && let Some(row) = tops.get(block).and_then(|&top| top.checked_sub(offset))
        && row < shown.len()
    {
        shown[row] = current_row(r, block, &laid, cols, t);
    }
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

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Modifier;

    use super::*;
    use crate::model::load_bundled;

    /// The text the reader laid out last.
    fn text(r: &Reader) -> Arc<Laid> {
        r.laid_out
            .text
            .borrow()
            .as_ref()
            .expect("laid out")
            .1
            .clone()
    }

    #[test]
    fn n_highlights_the_passage_it_reaches_without_laying_out_the_text_again() {
        let (lib, _) = load_bundled();
        let open = |s: usize| Reader::open(&lib, s, None, None);
        let source = (0..lib.sources.len())
            .max_by_key(|&s| open(s).marked.len())
            .unwrap();
        let mut r = open(source);
        assert!(r.marked.len() >= 3, "{} cited passages", r.marked.len());
        let (keys, theme) = (Keymap::default(), Theme::new(false));
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let mut draw = |r: &Reader| {
            terminal
                .draw(|f| {
                    render(f, f.area(), r, &keys, &theme);
                })
                .unwrap();
            // The rows with a highlighted cell.
            let buf = terminal.backend().buffer();
            (0..buf.area.height)
                .filter(|&y| {
                    (0..buf.area.width).any(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED))
                })
                .map(|y| {
                    (0..buf.area.width)
                        .map(|x| buf[(x, y)].symbol())
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(&r), Vec::<String>::new(), "no passage is current yet");
        let laid = text(&r);
        for _ in 0..r.marked.len() {
            r.update(&Action::NextMatch, None);
            let lit = draw(&r);
            let label = &r.current_block().unwrap().label;
            assert_eq!(lit.len(), 1, "{lit:#?}");
            assert!(lit[0].contains(&format!("▌ {label} ")), "{label}: {lit:#?}");
            assert!(Arc::ptr_eq(&laid, &text(&r)), "the text was laid out again");
        }
    }
}
