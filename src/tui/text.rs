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

/// Cuts `head` with `…` so that `tail` shows in full after it, in at most `max` columns: a
/// row's title gives way to its date. Only where the tail alone is wider than `max` is it
/// cut too. A head cut before a wide character, which leaves a column free, is padded, so
/// that the tails of cut rows end at the same column.
pub fn fit_before(head: Vec<Span<'static>>, tail: Vec<Span<'static>>, max: usize) -> Line<'static> {
    let span_width = |spans: &[Span<'_>]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let room = max.saturating_sub(span_width(&tail));
    let cut = span_width(&head) > room;
    let mut spans = fit(head, room).spans;
    if cut {
        let free = room.saturating_sub(span_width(&spans));
        spans.push(Span::raw(" ".repeat(free)));
    }
    spans.extend(tail);
    fit(spans, max)
}

/// A name in at most `room` columns, followed by ` (id)` when `id` is given (an actor
/// another shares a name with, see [`crate::model::Library::namesake_id`]). Where the two do
/// not fit, the name gives way to the id (`Ahmad No… (ahmad-nouri-hydro)`), and where a few
/// letters of the name no longer fit beside it, the id stands alone: the id is what tells
/// the two apart, so it is cut only where `room` is narrower than the id itself.
#[must_use]
pub fn fit_named(name: &str, id: Option<&str>, room: usize) -> String {
    let text = |line: Line<'static>| line.spans.iter().map(|s| s.content.as_ref()).collect();
    let Some(id) = id else {
        return text(fit(vec![Span::raw(name.to_owned())], room));
    };
    let tail = format!(" ({id})");
    if width(name) + width(&tail) > room && room < width(&tail) + MIN_NAME_BESIDE_ID {
        return text(fit(vec![Span::raw(id.to_owned())], room));
    }
    text(fit_before(
        vec![Span::raw(name.to_owned())],
        vec![Span::raw(tail)],
        room,
    ))
}

/// The fewest columns a name cut to make room for its actor's id keeps, its `…` included.
pub const MIN_NAME_BESIDE_ID: usize = 4;

/// `head`, then `tail` ending at column `max` and at least `gap` columns after the head:
/// the tails of rows line up at the right edge (a date column), and a head too long for
/// its row gives way to its tail as in [`fit_before`].
pub fn fit_right(
    head: Vec<Span<'static>>,
    tail: Vec<Span<'static>>,
    gap: usize,
    max: usize,
) -> Line<'static> {
    let used: usize = head.iter().chain(&tail).map(|s| width(&s.content)).sum();
    let mut padded = vec![Span::raw(" ".repeat(max.saturating_sub(used).max(gap)))];
    padded.extend(tail);
    fit_before(head, padded, max)
}

/// Splits `text` into spans, with the chars at `positions` (char indices, ascending) in
/// `hit` style and runs of them merged into one span. A character of no width (a virama,
/// an accent) stays in the span of the character it marks: ratatui draws each span's
/// graphemes apart and drops one that is a mark alone.
pub fn highlight(text: &str, positions: &[usize], base: Style, hit: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    let mut next = positions.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        let mut is_hit = next.peek().is_some_and(|&&p| p == i);
        if is_hit {
            next.next();
        }
        if c.width() == Some(0) && !run.is_empty() {
            is_hit = run_hit;
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

/// Pads a string with spaces to at least `w` columns. Unlike [`pad`], it never cuts: a
/// date wider than its column stays whole, and only its own row's text moves over.
pub fn pad_whole(s: &str, w: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// The part of `s` in display columns `from..to`, a wide character cut by either end
/// shown as spaces; and whether anything but spaces lies before `from`, and from `to` on.
#[must_use]
pub fn columns(s: &str, from: usize, to: usize) -> (String, bool, bool) {
    let (mut out, mut before, mut after) = (String::new(), false, false);
    let mut col = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        let (start, end) = (col, col + w);
        col = end;
        if w == 0 {
            // A combining mark goes with the character before it, if that was kept.
            if start > from && start <= to && !out.is_empty() {
                out.push(c);
            }
            continue;
        }
        if end <= from {
            before |= c != ' ';
        } else if start >= to {
            after |= c != ' ';
        } else if start >= from && end <= to {
            out.push(c);
        } else {
            // Cut by an edge: its visible columns blank, and something hidden.
            out.extend(std::iter::repeat_n(' ', end.min(to) - start.max(from)));
            before |= start < from;
            after |= end > to;
        }
    }
    (out, before, after)
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

/// Wraps styled spans to `w` columns by words, keeping each character's style. Lines after
/// the first start `indent` columns in (a hanging indent), unless that leaves too little
/// room; a word too wide for the room after the indent starts a line at the left edge
/// instead, whole, and only a word wider than the whole width is split between
/// characters; `\n` starts a new line.
/// Spaces at a break are dropped. Each line of the text (after a `\n`, or the first) keeps
/// its leading spaces, and when it wraps its continuation lines start under its first
/// word, or under the text after a list marker (`•`, `-`, `1.`): an indented list reads
/// as one.
#[must_use]
pub fn wrap_spans(spans: &[Span<'_>], w: usize, indent: usize) -> Vec<Line<'static>> {
    let w = w.max(1);
    let indent = if indent + ROOM <= w { indent } else { 0 };
    let mut out = Wrapper {
        lines: Vec::new(),
        line: Vec::new(),
        used: 0,
        w,
        indent,
        hang: indent,
        start: 0,
        fresh: true,
    };
    // Words and the spaces before them, as (char, style) runs.
    let mut word: Vec<(char, Style)> = Vec::new();
    let mut gap: Vec<(char, Style)> = Vec::new();
    for span in spans {
        for c in span.content.chars() {
            match c {
                '\n' => {
                    out.word(&gap, &word);
                    gap.clear();
                    word.clear();
                    out.paragraph();
                }
                ' ' => {
                    if !word.is_empty() {
                        out.word(&gap, &word);
                        gap.clear();
                        word.clear();
                    }
                    gap.push((c, span.style));
                }
                _ => word.push((c, span.style)),
            }
        }
    }
    out.word(&gap, &word);
    out.finish()
}

/// The columns a wrapped line keeps for its text, at least: an indent that leaves less is
/// not applied.
const ROOM: usize = 8;

/// Whether a word opens a list item: a bullet, or a number with `.` or `)`.
fn is_marker(word: &[(char, Style)]) -> bool {
    match word {
        [(c, _)] => matches!(c, '•' | '◦' | '‣' | '▪' | '-' | '*' | '–' | '·'),
        [digits @ .., (end, _)] if digits.len() <= 3 => {
            matches!(end, '.' | ')') && digits.iter().all(|(c, _)| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// The state of [`wrap_spans`].
struct Wrapper {
    lines: Vec<Line<'static>>,
    line: Vec<(char, Style)>,
    used: usize,
    w: usize,
    /// The hanging indent of the whole text, where each of its lines starts.
    indent: usize,
    /// Where the continuation lines of the current line of text start.
    hang: usize,
    /// Where the text of the current screen line starts.
    start: usize,
    /// No word of the current line of text is placed yet.
    fresh: bool,
}

impl Wrapper {
    fn char_w(c: char) -> usize {
        c.width().unwrap_or(0)
    }

    fn run_w(run: &[(char, Style)]) -> usize {
        run.iter().map(|&(c, _)| Self::char_w(c)).sum()
    }

    /// Places a word after its spaces, breaking the line first if it does not fit.
    fn word(&mut self, gap: &[(char, Style)], word: &[(char, Style)]) {
        let (gw, ww) = (Self::run_w(gap), Self::run_w(word));
        if self.fresh {
            // The first word of a line of text: its leading spaces are kept, and set where
            // its continuation lines start.
            if word.is_empty() {
                return;
            }
            if self.used + gw + ROOM <= self.w {
                self.push(gap);
            }
            let hang = if is_marker(word) {
                self.used + ww + 1
            } else {
                self.used
            };
            if hang.max(self.indent) + ROOM <= self.w {
                self.hang = hang.max(self.indent);
            }
            self.fresh = false;
        } else if self.used > self.start {
            // A word wider than any line is split wherever it starts.
            let too_wide = ww > self.w;
            if self.used + gw + ww <= self.w || (too_wide && self.used + gw < self.w) {
                self.push(gap);
            } else if word.is_empty() {
                return;
            } else if ww > self.w - self.hang {
                // Too wide for a line after the hanging indent, not for the width: a
                // line of its own from the left edge keeps it whole.
                self.break_at(0);
            } else {
                self.newline();
            }
        }
        if self.used + ww <= self.w {
            self.push(word);
            return;
        }
        if ww <= self.w && self.line.iter().all(|&(c, _)| c == ' ') {
            // Only an indent before it: the word starts at the left edge instead.
            self.line.clear();
            self.used = 0;
            self.start = 0;
            self.push(word);
            return;
        }
        for &(c, style) in word {
            if self.used + Self::char_w(c) > self.w && self.used > self.start {
                self.newline();
            }
            self.push(&[(c, style)]);
        }
    }

    fn push(&mut self, run: &[(char, Style)]) {
        self.used += Self::run_w(run);
        self.line.extend_from_slice(run);
    }

    /// Ends the screen line and starts another `at` columns in.
    fn break_at(&mut self, at: usize) {
        let line = std::mem::take(&mut self.line);
        self.lines.push(to_line(&line));
        self.line = vec![(' ', Style::new()); at];
        self.used = at;
        self.start = at;
    }

    /// A wrapped line's continuation.
    fn newline(&mut self) {
        self.break_at(self.hang);
    }

    /// A new line of text, after a `\n`.
    fn paragraph(&mut self) {
        self.break_at(self.indent);
        self.hang = self.indent;
        self.fresh = true;
    }

    fn finish(mut self) -> Vec<Line<'static>> {
        if self.used > self.start || self.lines.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.lines.push(to_line(&line));
        }
        self.lines
    }
}

/// Styled characters as a line, runs of one style merged into one span.
fn to_line(chars: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut style = None;
    for &(c, s) in chars {
        if style != Some(s) && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                style.unwrap_or_default(),
            ));
        }
        style = Some(s);
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style.unwrap_or_default()));
    }
    Line::from(spans)
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
    fn a_tail_ends_at_the_right_edge_and_the_head_gives_way() {
        let row = |head: &str, max| {
            let line = fit_right(
                vec![Span::raw(head.to_owned())],
                vec![Span::raw("2025")],
                2,
                max,
            );
            text(&line)
        };
        assert_eq!(row("Kenya", 14), "Kenya     2025");
        // Too long: cut, the gap kept before the tail.
        assert_eq!(row("Kenya deploys", 14), "Kenya d…  2025");
    }

    #[test]
    fn a_namesakes_name_gives_way_to_its_id() {
        let named = |room| fit_named("Ahmad Nouri", Some("ahmad-nouri-hydro"), room);
        assert_eq!(named(40), "Ahmad Nouri (ahmad-nouri-hydro)");
        assert_eq!(named(28), "Ahmad N… (ahmad-nouri-hydro)");
        // The fewest letters of the name beside the id, then the id alone, whole.
        assert_eq!(named(24), "Ahm… (ahmad-nouri-hydro)");
        assert_eq!(named(23), "ahmad-nouri-hydro");
        assert_eq!(named(17), "ahmad-nouri-hydro");
        // Only a room narrower than the id cuts it.
        assert_eq!(named(16), "ahmad-nouri-hyd…");
        // A name without a namesake is cut as any text.
        assert_eq!(fit_named("Ahmad Nouri", None, 8), "Ahmad N…");
        assert_eq!(fit_named("Ahmad Nouri", None, 20), "Ahmad Nouri");
    }

    #[test]
    fn padding_a_date_to_its_column_never_cuts_it() {
        assert_eq!(pad_whole("2025-03", 10), "2025-03   ");
        assert_eq!(pad_whole("日本", 5), "日本 ");
        assert_eq!(
            pad_whole("2025-03-08‥2026-04-09", 7),
            "2025-03-08‥2026-04-09"
        );
    }

    #[test]
    fn the_tail_shows_in_full_and_the_head_gives_way() {
        let row = |max| {
            let line = fit_before(
                vec![Span::raw("Sella basin: 水の分配")],
                vec![Span::raw("  2025-06-02")],
                max,
            );
            assert!(width(&text(&line)) <= max, "{max}");
            text(&line)
        };
        assert_eq!(row(40), "Sella basin: 水の分配  2025-06-02");
        assert_eq!(row(30), "Sella basin: 水の…  2025-06-02");
        // A wide character that would cross the room is left out whole, its column given
        // to the spaces, so that the tail ends at the edge as on every other cut row.
        assert_eq!(row(29), "Sella basin: 水…   2025-06-02");
        assert_eq!(width(&row(29)), 29);
        assert_eq!(row(27), "Sella basin: …   2025-06-02");
        assert_eq!(row(13), "…  2025-06-02");
        assert_eq!(row(12), "  2025-06-02");
        // Narrower than the tail itself: the whole row is cut.
        assert_eq!(row(8), "  2025-…");
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
    fn a_mark_stays_with_the_character_it_marks_whichever_is_highlighted() {
        let hit = Style::new().bold();
        // মুহাম্মদ: the virama (U+09CD, 6th char) after the second ম, which is a hit.
        let spans = highlight("মুহাম্মদ", &[0, 4], Style::new(), hit);
        let contents: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == hit))
            .collect();
        assert_eq!(
            contents,
            [("মু", true), ("হা", false), ("ম্", true), ("মদ", false)]
        );
        // No span starts with a character of no width.
        assert!(
            spans
                .iter()
                .all(|s| s.content.chars().next().and_then(UnicodeWidthChar::width) != Some(0))
        );
    }

    #[test]
    fn styled_wrapping_keeps_styles_and_hangs_its_indent() {
        let bold = Style::new().bold();
        let spans = [
            Span::styled("label       ", bold),
            Span::raw("one two three four five six seven"),
        ];
        let lines: Vec<String> = wrap_spans(&spans, 24, 12).iter().map(text).collect();
        assert_eq!(
            lines,
            [
                "label       one two",
                "            three four",
                "            five six",
                "            seven"
            ]
        );
        let first = &wrap_spans(&spans, 24, 12)[0];
        assert_eq!(first.spans[0].style, bold);
        assert_eq!(first.spans[0].content, "label       ");
        // A word wider than the line is split; newlines start lines; nothing is lost.
        let lines: Vec<String> = wrap_spans(&[Span::raw("• abcdefghijklmnop\nq r")], 10, 2)
            .iter()
            .map(text)
            .collect();
        assert_eq!(lines, ["• abcdefgh", "  ijklmnop", "  q r"]);
        for w in 1..30 {
            let all: String = wrap_spans(&[Span::raw("Kenya’s 日本語 officers say no.")], w, 3)
                .iter()
                .map(text)
                .collect::<Vec<_>>()
                .join(" ");
            let words: Vec<&str> = all.split_whitespace().collect();
            assert_eq!(words.concat(), "Kenya’s日本語officerssayno.", "width {w}");
        }
    }

    #[test]
    fn indented_lines_keep_their_indent_and_wrap_under_it() {
        let summary = "Rationing in three tiers:\n  • towns: water 6 hours a day, mornings only;\n    \
                       - trucks come twice a week from the coast\n  2. farms: none";
        let lines: Vec<String> = wrap_spans(&[Span::raw(summary)], 30, 0)
            .iter()
            .map(text)
            .collect();
        assert_eq!(
            lines,
            [
                "Rationing in three tiers:",
                "  • towns: water 6 hours a",
                "    day, mornings only;",
                "    - trucks come twice a week",
                "      from the coast",
                "  2. farms: none",
            ]
        );
        // Under a hanging indent (a field's value), the line's own indent comes on top.
        let spans = [
            Span::raw("summary   "),
            Span::raw("first line\n  second line wraps here"),
        ];
        let lines: Vec<String> = wrap_spans(&spans, 30, 10).iter().map(text).collect();
        assert_eq!(
            lines,
            [
                "summary   first line",
                "            second line wraps",
                "            here",
            ]
        );
        // An indent that leaves too little room is not applied; nothing is lost.
        let lines: Vec<String> = wrap_spans(&[Span::raw("a\n          b c d e f g")], 12, 0)
            .iter()
            .map(text)
            .collect();
        assert_eq!(lines, ["a", "b c d e f g"]);
    }

    /// A word too wide for the room after the hanging indent, but not for the width (an id,
    /// a date), starts a line at the left edge whole; the next lines hang again.
    #[test]
    fn a_word_that_fits_the_width_is_never_split() {
        let spans = [
            Span::raw("from        "),
            Span::raw("as of mereva-2025-06 · 3 versions"),
        ];
        let lines: Vec<String> = wrap_spans(&spans, 22, 12).iter().map(text).collect();
        assert_eq!(
            lines,
            [
                "from        as of",
                "mereva-2025-06 · 3",
                "            versions"
            ]
        );
        // After a line break, under the indent.
        let lines: Vec<String> = wrap_spans(&[Span::raw("• a\nmereva-2025-06")], 16, 4)
            .iter()
            .map(text)
            .collect();
        assert_eq!(lines, ["• a", "mereva-2025-06"]);
        // Wider than the width, it is split where it starts, as before; nothing is lost.
        let lines: Vec<String> = wrap_spans(&spans, 12, 4).iter().map(text).collect();
        assert_eq!(lines[1], "    as of me", "{lines:?}");
        assert_eq!(
            lines.concat().replace(' ', ""),
            "fromasofmereva-2025-06·3versions"
        );
    }

    #[test]
    fn columns_cut_wide_characters_at_either_end_into_spaces() {
        assert_eq!(
            columns("ab海水cd", 0, 8),
            ("ab海水cd".to_owned(), false, false)
        );
        assert_eq!(columns("ab海水cd", 3, 7), (" 水c".to_owned(), true, true));
        assert_eq!(columns("ab海水cd", 1, 5), ("b海 ".to_owned(), true, true));
        assert_eq!(columns("ab海水cd", 2, 4), ("海".to_owned(), true, true));
        assert_eq!(columns("  x  ", 2, 3), ("x".to_owned(), false, false));
        assert_eq!(columns("  x  y", 2, 3), ("x".to_owned(), false, true));
    }

    #[test]
    fn wrapping_respects_width_for_cjk() {
        for line in wrap("中文文本中文文本中文文本 and words", 6) {
            assert!(width(&line) <= 6, "{line}");
        }
    }
}
