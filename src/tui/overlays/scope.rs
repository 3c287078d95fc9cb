//! The scope picker: all briefings, each series, or one briefing, chosen from a list.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{Outcome, centered, overlay_box, title};
use crate::model::{Library, Scope};
use crate::tui::action::{Action, Mode, View};
use crate::tui::keymap::Keymap;
use crate::tui::scope::{choices, scope_parts};
use crate::tui::scroll::follow;
use crate::tui::text::{fit, width};
use crate::tui::theme::Theme;

/// The picker's state: the choices when it opened and the selected one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopePicker {
    choices: Vec<Scope>,
    selected: usize,
}

impl ScopePicker {
    /// Opens on the current scope.
    #[must_use]
    pub fn new(lib: &Library) -> Self {
        let choices = choices(lib);
        let selected = choices
            .iter()
            .position(|c| *c == lib.view().scope)
            .unwrap_or(0);
        Self { choices, selected }
    }

    /// The selected choice.
    #[must_use]
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Handles an action; `page` is how many choices the last frame showed.
    pub fn update(&mut self, action: &Action, page: usize) -> Outcome {
        let n = self.choices.len();
        if let Some(to) = crate::tui::scroll::stepped(action, self.selected, n, page) {
            self.selected = to;
            return Outcome::Stay;
        }
        match action {
            Action::Activate => {
                return self
                    .choices
                    .get(self.selected)
                    .map_or(Outcome::Close, |s| Outcome::Scope(s.clone()));
            }
            Action::CloseOverlay | Action::PickScope => return Outcome::Close,
            Action::Quit => return Outcome::Quit,
            _ => {}
        }
        Outcome::Stay
    }

    /// Draws the picker; returns where its rows are.
    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        lib: &Library,
        keys: &Keymap,
        theme: &Theme,
    ) -> View {
        let full = frame.area();
        let rows = u16::try_from(self.choices.len()).unwrap_or(u16::MAX);
        let area = centered(
            full,
            80,
            rows.saturating_add(2).min(full.height.saturating_sub(2)),
        );
        let name = title(
            "Scope",
            [
                keys.hint(Mode::Scope, &Action::Activate, "shows it"),
                keys.hint(Mode::Scope, &Action::CloseOverlay, "closes"),
            ],
        );
        let inner = overlay_box(frame, theme, area, &name);
        let height = usize::from(inner.height);
        let offset = follow(0, self.selected, height, |_| 1);
        let w = usize::from(inner.width);
        let lines: Vec<Line<'static>> = self
            .choices
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, scope)| {
                let current = *scope == lib.view().scope;
                let (name, date) = scope_parts(lib, scope);
                // The marks, the date and "(shown)" always show; a long name is cut.
                // A briefing is set under its series' heading, when its series has one:
                // when the briefing before or after it is of the same series.
                let under = match scope {
                    Scope::Briefing(b) => {
                        let series = lib.briefings[*b].series_name();
                        let same = |c: Option<&Scope>| {
                            matches!(c, Some(Scope::Briefing(o)) if lib.briefings[*o].series_name() == series)
                                || matches!(c, Some(Scope::Series(name)) if **name == *series)
                        };
                        same(i.checked_sub(1).and_then(|p| self.choices.get(p)))
                            || same(self.choices.get(i + 1))
                    }
                    _ => false,
                };
                let lead = match (i == self.selected, under) {
                    (true, true) => "▶    ",
                    (true, false) => "▶ ",
                    (false, true) => "     ",
                    (false, false) => "  ",
                };
                let date = date.map(|d| format!(" ({d})")).unwrap_or_default();
                let shown = if current { "  (shown)" } else { "" };
                let room = w.saturating_sub(width(lead) + width(&date) + width(shown));
                let name_style = if current {
                    theme.title
                } else {
                    ratatui::style::Style::new()
                };
                let mut spans = vec![Span::raw(lead)];
                spans.extend(fit(vec![Span::styled(name, name_style)], room).spans);
                spans.push(Span::styled(date, name_style));
                spans.push(Span::styled(shown, theme.dim));
                // Narrower than the marks themselves: cut the whole row.
                let line = fit(spans, w);
                if i == self.selected {
                    line.style(theme.selected)
                } else {
                    line
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        View {
            area: inner,
            offset,
        }
    }
}
