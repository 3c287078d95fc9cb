//! Width-aware text for the screen: truncation with `…` that never splits a character, and
//! highlighting by char index that survives truncation.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Display width of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cuts spans to at most `max` columns, ending in `…` when something was cut.
pub fn fit(spans: Vec<Span<'static>>, max: usize) -> Line<'static> {
    let total: usize = spans.iter().map(|s| width(&s.content)).sum();
    if total <= max {
        return Line::from(spans);
    }
    if max == 0 {
        return Line::default();
    }
    let budget = max - 1; // room for the ellipsis
    let mut used = 0;
    let mut out = Vec::new();
    for span in spans {
        let mut kept = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > budget {
                break;
            }
            used += w;
            kept.push(c);
        }
        let full = kept.len() == span.content.len();
        if !kept.is_empty() {
            out.push(Span::styled(kept, span.style));
        }
        if !full {
            break;
        }
    }
    out.push(Span::raw("…"));
    Line::from(out)
}

/// Splits `text` into spans, with the chars at `positions` (char indices, ascending) in
/// `hit` style and runs of them merged into one span.
pub fn highlight(text: &str, positions: &[usize], base: Style, hit: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    let mut next = positions.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        let is_hit = next.peek().is_some_and(|&&p| p == i);
        if is_hit {
            next.next();
        }
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hit { hit } else { base },
            ));
        }
        run_hit = is_hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { hit } else { base }));
    }
    spans
}

/// Pads or cuts a string to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let line = fit(vec![Span::raw(s.to_owned())], w);
    let mut out: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// Wraps text to `w` columns, by words, never splitting a character.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut out = Vec::new();
    for para in s.split('\n') {
        if para.is_empty() {
            out.push(String::new());
            continue;
        }
        out.extend(
            textwrap::wrap(para, textwrap::Options::new(w).break_words(true))
                .into_iter()
                .map(std::borrow::Cow::into_owned),
        );
    }
    out
}

/// "1 actor", "3 actors".
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn truncation_never_splits_wide_characters() {
        let line = fit(vec![Span::raw("日本語のテキスト")], 7);
        assert_eq!(text(&line), "日本語…");
        assert!(width(&text(&line)) <= 7);
        let line = fit(vec![Span::raw("Sing’oei")], 8);
        assert_eq!(text(&line), "Sing’oei");
        let line = fit(vec![Span::raw("Sing’oei")], 5);
        assert_eq!(text(&line), "Sing…");
    }

    #[test]
    fn highlights_survive_truncation_on_the_right_characters() {
        let hit = Style::new().bold();
        let spans = highlight("Korir Sing’oei", &[6, 7, 8, 9, 10, 11], Style::new(), hit);
        let line = fit(spans, 12);
        let marked: String = line
            .spans
            .iter()
            .filter(|s| s.style == hit)
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, "Sing’");
        assert_eq!(text(&line), "Korir Sing’…");
    }

    #[test]
    fn wrapping_respects_width_for_cjk() {
        for line in wrap("中文文本中文文本中文文本 and words", 6) {
            assert!(width(&line) <= 6, "{line}");
        }
    }
}
