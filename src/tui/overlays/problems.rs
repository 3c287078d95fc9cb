//! The problems panel: the diagnostics of the last load, one per row, and the selected
//! one's source context (quoted line and caret) on demand.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListState, Paragraph};

use super::common::{Outcome, centered, overlay_box, title};
use crate::model::Report;
use crate::model::text::safe_line;
use crate::tui::action::{Action, Mode, View};
use crate::tui::keymap::Keymap;
use crate::tui::scroll::follow;
use crate::tui::text::{fit, wrap};
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

    /// Handles an action, for a report with `count` problems.
    pub fn update(&mut self, action: &Action, count: usize) -> Outcome {
        if let Some(to) = crate::tui::scroll::stepped(action, self.selected(), count) {
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
            for l in report.render(d, false).lines() {
                for part in wrap(l, w) {
                    lines.push(Line::styled(part, Style::new()));
                }
            }
        }
        lines
    }
}
