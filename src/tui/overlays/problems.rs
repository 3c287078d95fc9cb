//! The problems panel: the diagnostics of the last load, one per row, and the selected
//! one's source context (quoted line and caret) on demand.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListState, Paragraph};

use super::common::{Outcome, centered, overlay_box, title};
use crate::model::Report;
use crate::model::text::safe_line;
use crate::tui::action::{Action, Mode, View};
use crate::tui::keymap::Keymap;
use crate::tui::scroll::follow;
use crate::tui::text::{columns, fit, width, wrap};
use crate::tui::theme::Theme;

/// The panel's state: the selected problem, whether its context is shown, and the first
/// problem on screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    list: ListState,
    expanded: bool,
}

impl Problems {
    /// The selected problem.
    #[must_use]
    pub fn selected(&self) -> usize {
        self.list.selected().unwrap_or(0)
    }

    /// Whether the selected problem's context is shown.
    #[must_use]
    pub fn expanded(&self) -> bool {
        self.expanded
    }

    /// Handles an action, for a report with `count` problems, `page` rows of which the
    /// last frame showed.
    pub fn update(&mut self, action: &Action, count: usize, page: usize) -> Outcome {
        if let Some(to) = crate::tui::scroll::stepped(action, self.selected(), count, page) {
            self.list.select(Some(to));
            return Outcome::Stay;
        }
        match action {
            Action::Activate => self.expanded = !self.expanded,
            Action::CloseOverlay | Action::OpenProblems => return Outcome::Close,
            Action::Quit => return Outcome::Quit,
            _ => {}
        }
        Outcome::Stay
    }

    /// Keeps the selection on a problem that exists, after a reload.
    pub fn clamp(&mut self, count: usize) {
        self.list
            .select(Some(self.selected().min(count.saturating_sub(1))));
    }

    /// Takes the offset the last frame showed.
    pub fn drawn(&mut self, view: View) {
        *self.list.offset_mut() = view.offset;
    }

    /// Draws the panel.
    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        report: &Report,
        keys: &Keymap,
        theme: &Theme,
    ) -> View {
        let full = frame.area();
        let area = centered(
            full,
            full.width.saturating_sub(4).min(120),
            full.height.saturating_sub(2),
        );
        let n = report.diagnostics.len();
        let name = title(
            &format!("Problems {n}"),
            [
                keys.hint(Mode::Problems, &Action::Activate, "shows context"),
                keys.hint(Mode::Problems, &Action::CloseOverlay, "closes"),
            ],
        );
        let inner = overlay_box(frame, theme, area, &name);
        let w = usize::from(inner.width);
        if n == 0 {
            let none = Line::styled("No problems: every file loaded cleanly.", theme.dim);
            frame.render_widget(Paragraph::new(none), inner);
            return View {
                area: inner,
                offset: 0,
            };
        }
        // Only the rows on screen are built: a report may hold 10⁵ problems.
        let selected = self.selected().min(n - 1);
        let selected_rows = self.problem(report, selected, theme, w);
        let height = usize::from(inner.height);
        let offset = follow(self.list.offset().min(n - 1), selected, height, |i| {
            if i == selected {
                selected_rows.len()
            } else {
                1
            }
        });
        let mut visible: Vec<Line<'static>> = Vec::with_capacity(height);
        for i in offset..n {
            if visible.len() >= height {
                break;
            }
            if i == selected {
                visible.extend(selected_rows.iter().cloned());
            } else {
                visible.extend(self.problem(report, i, theme, w));
            }
        }
        visible.truncate(height);
        frame.render_widget(Paragraph::new(visible), inner);
        View {
            area: inner,
            offset,
        }
    }

    /// One problem's lines: its summary, and its context when selected and expanded.
    fn problem(&self, report: &Report, i: usize, t: &Theme, w: usize) -> Vec<Line<'static>> {
        let d = &report.diagnostics[i];
        let sel = i == self.selected();
        let (label, style) = if d.is_error() {
            ("error", t.error)
        } else {
            ("warning", t.warning)
        };
        let loc = report.location(d).unwrap_or_default();
        let row = fit(
            vec![
                Span::styled(format!("{label}: "), style),
                Span::raw(loc),
                Span::raw(": "),
                Span::raw(safe_line(&d.message)),
            ],
            w,
        );
        let mut lines = vec![if sel { row.style(t.selected) } else { row }];
        if sel && self.expanded {
            // The renderer cuts nothing: the panel cuts a block only where its text does
            // not fit, the same way for every line (see `context_lines`).
            let context = report.render_width(d, false, UNCUT);
            lines.extend(context_lines(&context, w).into_iter().map(Line::from));
        }
        lines
    }
}

/// A width no quoted line reaches, so that the renderer leaves the cutting to the panel.
const UNCUT: usize = 1 << 20;

/// Columns of a cut source line shown left of its span, when the line is cut on the left.
const LEAD: usize = 4;

/// A rendered diagnostic at a width. Messages wrap; the quoted source lines and their
/// carets never do: a block of them wider than the panel is cut to one window, the same
/// for every line so that the carets stay under the text, with `…` where text is hidden
/// and the `|` gutter kept.
fn context_lines(rendered: &str, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    for l in rendered.lines() {
        if let Some(g) = gutter(l) {
            block.push((g, l));
            continue;
        }
        out.extend(window(&block, w));
        block.clear();
        out.extend(wrap(l, w));
    }
    out.extend(window(&block, w));
    out
}

/// Where the text of a quoted source line or caret line starts: after its `NN | ` gutter.
fn gutter(line: &str) -> Option<usize> {
    let bar = line.find('|')?;
    if !line[..bar].chars().all(|c| c.is_ascii_digit() || c == ' ') {
        return None;
    }
    Some(if line[bar + 1..].starts_with(' ') {
        bar + 2
    } else {
        bar + 1
    })
}

/// A block of gutter lines cut to `w` columns at one offset.
fn window(block: &[(usize, &str)], w: usize) -> Vec<String> {
    let widest = block
        .iter()
        .map(|(g, l)| width(&l[..*g]) + width(&l[*g..]))
        .max()
        .unwrap_or(0);
    if widest <= w {
        return block.iter().map(|(_, l)| (*l).to_owned()).collect();
    }
    let carets: Vec<(usize, &str, &str)> = block
        .iter()
        .filter(|(g, l)| l[..*g].trim_start().starts_with('|'))
        .filter_map(|(g, l)| caret_parts(&l[*g..]))
        .collect();
    let span_start = carets.iter().map(|c| c.0).min().unwrap_or(0);
    let labels_end = carets
        .iter()
        .map(|(at, run, label)| at + width(run) + usize::from(!label.is_empty()) + width(label))
        .max()
        .unwrap_or(0);
    // Where the quoted text and the carets end, labels left out: what must be in view.
    let text_end = block
        .iter()
        .map(|(g, l)| {
            let text = &l[*g..];
            caret_parts(text).map_or_else(|| width(text.trim_end()), |(at, run, _)| at + width(run))
        })
        .max()
        .unwrap_or(0);
    let room = w.saturating_sub(
        block
            .iter()
            .map(|(g, l)| width(&l[..*g]))
            .max()
            .unwrap_or(0),
    );
    // A block whose text fits is not cut, only its labels moved; else show the labels'
    // end if that keeps the span's start in view, or start a little before the span.
    let from = if labels_end <= room || text_end <= room {
        0
    } else {
        (labels_end - room).min(span_start.saturating_sub(LEAD))
    };
    let mut out = Vec::new();
    for (g, l) in block {
        let (head, text) = l.split_at(*g);
        match caret_parts(text) {
            // Carets whose label runs out of the window: their label goes on a line of its
            // own under the start of the span, or wrapped from the gutter where it is
            // wider than that leaves.
            Some((at, run, label)) if !label.is_empty() && width(text) > from + room => {
                let carets = format!("{}{run}", " ".repeat(at));
                out.push(format!("{head}{}", cut(&carets, from, room).trim_end()));
                let col = at.saturating_sub(from);
                let col = if col + width(label) <= room { col } else { 0 };
                for part in wrap(label, room - col) {
                    out.push(format!("{head}{}{part}", " ".repeat(col)));
                }
            }
            _ => out.push(format!("{head}{}", cut(text, from, room).trim_end())),
        }
    }
    out
}

/// A caret line's text as (column of its first caret, its carets, its label).
fn caret_parts(text: &str) -> Option<(usize, &str, &str)> {
    let body = text.trim_start();
    if !body.starts_with(['^', '-']) {
        return None;
    }
    let run = body.find(|c| c != '^' && c != '-').unwrap_or(body.len());
    Some((width(text) - width(body), &body[..run], body[run..].trim()))
}

/// `text` from column `from`, in `room` columns, with `…` in the first or last column
/// where text is hidden there.
fn cut(text: &str, from: usize, room: usize) -> String {
    let more = width(text) > from + room;
    let lo = if from > 0 { from + 1 } else { 0 };
    let hi = (from + room).saturating_sub(usize::from(more));
    let (mid, before, after) = columns(text, lo, hi.max(lo));
    let mut out = String::new();
    if from > 0 {
        out.push(if before { '…' } else { ' ' });
    }
    out.push_str(&mid);
    if more {
        out.push(if after { '…' } else { ' ' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rendered diagnostic: a long source line, its carets at `at`, `n` long, a label.
    fn rendered(at: usize, n: usize) -> String {
        let source: String = (b'a'..=b'z').cycle().take(200).map(char::from).collect();
        format!(
            "warning: something\n  --> f.toml:7:{}\n   |\n 7 | {source}\n   | {}{} the label\n   |\nhelp: a hint",
            at + 1,
            " ".repeat(at),
            "^".repeat(n)
        )
    }

    fn check(at: usize, n: usize, w: usize) -> Vec<String> {
        let lines = context_lines(&rendered(at, n), w);
        let source = lines
            .iter()
            .find(|l| l.starts_with(" 7 | "))
            .expect("source");
        let carets = lines.iter().find(|l| l.contains('^')).expect("carets");
        for l in &lines {
            assert!(width(l) <= w, "{l:?} wider than {w}");
        }
        assert!(carets.starts_with("   | "), "{carets:?}");
        // The first caret sits under the first character of the span.
        let col = carets.chars().position(|c| c == '^').unwrap();
        let full = rendered(at, n);
        let want = full.lines().nth(3).unwrap()[5..].chars().nth(at).unwrap();
        assert_eq!(
            source.chars().nth(col),
            Some(want),
            "{source:?}\n{carets:?}"
        );
        assert!(lines.iter().any(|l| l.contains("the label")), "{lines:?}");
        lines
    }

    #[test]
    fn a_short_span_far_right_is_shown_with_context_on_both_sides() {
        for w in [40, 60, 100] {
            let lines = check(150, 3, w);
            let source = lines.iter().find(|l| l.starts_with(" 7 | ")).unwrap();
            assert!(source.starts_with(" 7 | …"), "{source:?}");
            assert!(source.ends_with('…'), "{source:?}");
        }
    }

    #[test]
    fn a_span_wider_than_the_panel_starts_in_view_and_its_label_moves_under_it() {
        for w in [40, 60, 100] {
            let lines = check(20, 170, w);
            let carets = lines.iter().find(|l| l.contains('^')).unwrap();
            assert!(carets.ends_with('…'), "{carets:?}");
            let label = lines.iter().find(|l| l.contains("the label")).unwrap();
            assert!(label.starts_with("   | "), "{label:?}");
        }
    }

    #[test]
    fn what_fits_is_left_as_it_is() {
        let short: String = rendered(3, 2)
            .lines()
            .map(|l| {
                if l.starts_with(" 7 |") {
                    " 7 | abcdefgh"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(context_lines(&short, 80), short.lines().collect::<Vec<_>>());
    }
}
