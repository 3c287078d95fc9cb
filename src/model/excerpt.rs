//! The source line a rendered diagnostic quotes: display-safe, with the span remapped into
//! it, and on a long line only a window around the span, so that each diagnostic costs the
//! same however long its line is. Thousands of diagnostics on one 60 KB line would
//! otherwise each make the whole line safe and hand it to the renderer: quadratic.

use std::ops::Range;

use super::diag::{SourceFile, floor_char_boundary};
use super::text::{is_base, is_presentation_selector, safe_line};

/// Lines up to this many bytes are quoted whole, as before; the renderer fits them to the
/// terminal's width itself.
const LONG_LINE: usize = 1024;

/// On a longer line: how many bytes of the span are quoted, and how many bytes of context
/// on each side of them. More than the renderer shows of a line, so that what it shows is
/// the same.
const WINDOW: usize = 256;

/// Marks where a quoted window cuts a long line.
const CUT: &str = "…";

/// One quoted source line of a rendered diagnostic.
pub struct Excerpt {
    pub text: String,
    pub line: usize,
    pub column: usize,
    pub span: Range<usize>,
    pub label: String,
    pub path: String,
}

impl Excerpt {
    /// The display-safe first line under a span, or a window of it, with the span remapped
    /// into it; `None` when the file may not be quoted.
    pub fn of(f: &SourceFile, span: Range<usize>, label: &str) -> Option<Self> {
        let text = f.text.as_deref().filter(|_| f.quote)?;
        let index = f.index(text);
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let (_, range) = index.line(text, start);
        let line = text[range.clone()].trim_end_matches('\r');
        // The header gives the true position; the caret stays inside the shown line, even
        // when the span starts on a stripped `\r`.
        let (line_no, column) = index.line_col(text, start);
        let start = start.min(range.start + line.len()) - range.start;
        let end = span
            .end
            .saturating_sub(range.start)
            .clamp(start, line.len());
        let end = floor_char_boundary(line, end).max(start);
        let (from, to) = window(line, start, end);
        let (mut safe, map) = safe_with_map(&line[from..to]);
        let before = if from > 0 { CUT } else { "" };
        let lo = before.len() + map(start - from);
        let mut hi = before.len() + map(end.min(to) - from);
        safe.insert_str(0, before);
        if to < line.len() {
            safe.push_str(CUT);
        }
        if hi <= lo {
            // Point at one character (or the line end) rather than nothing.
            hi = safe[lo..].chars().next().map_or(lo, |c| lo + c.len_utf8());
        }
        Some(Self {
            text: safe,
            line: line_no,
            column,
            span: lo..hi,
            label: safe_line(label),
            path: f.display.clone(),
        })
    }
}

/// The byte range of `line` to quote for the span `start..end`: the whole line when it is
/// short, else up to [`WINDOW`] bytes of the span and [`WINDOW`] bytes either side,
/// on character boundaries.
fn window(line: &str, start: usize, end: usize) -> (usize, usize) {
    if line.len() <= LONG_LINE {
        return (0, line.len());
    }
    let mut from = start.saturating_sub(WINDOW);
    while !line.is_char_boundary(from) {
        from += 1;
    }
    let shown = end.min(start + WINDOW);
    let to = floor_char_boundary(line, (shown + WINDOW).min(line.len()));
    (from, to)
}

/// Makes one source line display-safe and returns a byte-offset map from the original line
/// into the safe one.
fn safe_with_map(line: &str) -> (String, impl Fn(usize) -> usize) {
    let mut safe = String::with_capacity(line.len());
    let mut offsets = Vec::with_capacity(line.len() + 1);
    // As display-safe text, a presentation selector right after the character it selects
    // for is let go (`⚠️` is shown `⚠`).
    let mut after_base = false;
    for (i, c) in line.char_indices() {
        while offsets.len() <= i {
            offsets.push(safe.len());
        }
        if is_presentation_selector(c) && after_base {
            after_base = false;
            continue;
        }
        after_base = is_base(c);
        if c == '\t' {
            safe.push_str("    ");
        } else if c == ' ' || c.is_ascii_graphic() {
            safe.push(c);
        } else {
            safe.push_str(&safe_line(c.encode_utf8(&mut [0; 4])));
        }
    }
    while offsets.len() <= line.len() {
        offsets.push(safe.len());
    }
    (safe, move |i: usize| offsets[i.min(offsets.len() - 1)])
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;

    fn file(text: &str) -> SourceFile {
        let mut f = SourceFile::new(Path::new("x.toml"));
        f.text = Some(Arc::from(text));
        f
    }

    #[test]
    fn a_presentation_selector_is_let_go_in_a_quoted_line_as_in_text() {
        let f = file("title = \"\u{26A0}\u{FE0F} x\" oops\n");
        let at = f.text.as_deref().unwrap().find("oops").unwrap();
        let x = Excerpt::of(&f, at..at + 4, "here").unwrap();
        assert_eq!(x.text, "title = \"\u{26A0} x\" oops");
        assert_eq!(&x.text[x.span.clone()], "oops");
    }

    #[test]
    fn a_short_line_is_quoted_whole() {
        let f = file("a = 1\nname = \"Sing’oei\" x\n");
        let at = f.text.as_deref().unwrap().find(" x").unwrap() + 1;
        let x = Excerpt::of(&f, at..at + 1, "here").unwrap();
        assert_eq!(x.text, "name = \"Sing’oei\" x");
        assert_eq!((x.line, x.column), (2, 19));
        assert_eq!(&x.text[x.span], "x");
    }

    #[test]
    fn a_long_line_is_quoted_in_a_window_around_the_span() {
        let line = format!("k = [{}]", "é, ".repeat(10_000));
        let f = file(&format!("a = 1\n{line}\nb = 2\n"));
        let text = f.text.clone().unwrap();
        let at = text.len() / 2;
        let at = floor_char_boundary(&text, at);
        let x = Excerpt::of(&f, at..at + 2, "here").unwrap();
        assert!(
            x.text.starts_with(CUT) && x.text.ends_with(CUT),
            "{}",
            x.text
        );
        assert!(
            x.text.len() <= 2 * WINDOW + 2 * CUT.len() + 2,
            "{}",
            x.text.len()
        );
        assert_eq!(&x.text[x.span.clone()], &text[at..at + 2]);
        // The column is the true one, counted in characters.
        assert_eq!(x.line, 2);
        assert_eq!(x.column, text[..at].chars().count() - "a = 1\n".len() + 1);
        // A span longer than the window is quoted up to the window's end.
        let x = Excerpt::of(&f, 6..text.len() - 7, "").unwrap();
        assert!(
            x.text.starts_with("k = [") && x.text.ends_with(CUT),
            "{}",
            x.text
        );
        assert_eq!(x.span.start, 0);
        assert_eq!(x.span.end, x.text.len() - CUT.len());
    }
}
