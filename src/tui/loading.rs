//! The screen while the first load runs: a frame at once, whatever the library's size.
//!
//! It shows how far the load has come ("loading 412 of 10,000 files · 3.1 s") over a
//! gauge, and the keys that work meanwhile: quit, help and suspend. The load runs on a
//! thread; its progress arrives as [`crate::tui::action::Action::LoadProgress`] and its
//! end as [`crate::tui::action::Action::Loaded`].

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph, Wrap};

use super::action::{Action, Mode};
use super::keymap::Keymap;
use super::theme::Theme;
use crate::model::PartialDate;
use crate::model::progress::Snapshot;
use crate::model::text::safe_line;
use crate::state::Session;

/// The first load, while it runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loading {
    /// The latest progress report.
    pub progress: Snapshot,
    /// Where to go once loaded.
    pub start: Start,
    /// Why the load failed, if it did: the screen says so until the user quits.
    pub failed: Option<String>,
}

/// Where the browser goes once its library is there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Start {
    /// The item to open (`--open`).
    pub open: Option<String>,
    /// Where the user left this library last time, to go back to when no item is opened.
    pub session: Option<Session>,
    /// The date to view the library as of (`--as-of`), in the scope gone back to.
    pub as_of: Option<PartialDate>,
}

impl Loading {
    /// Whether a browse action does something while loading: leaving, help, suspending.
    #[must_use]
    pub fn allows(action: &Action) -> bool {
        matches!(
            action,
            Action::Quit | Action::ToggleHelp | Action::Suspend | Action::CloseOverlay
        )
    }

    /// Draws the loading screen in `area`.
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, keys: &Keymap, theme: &Theme) {
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(5),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(" briefing", theme.title))),
            header,
        );
        let width = body.width.saturating_sub(4).clamp(10, 72);
        let x = body.x + (body.width.saturating_sub(width)) / 2;
        let y = body.y + body.height.saturating_sub(5) / 2;
        let boxed = Rect::new(x, y, width, 5.min(body.height));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(" Loading briefings ", theme.heading));
        let inner = block.inner(boxed);
        frame.render_widget(block, boxed);
        match &self.failed {
            Some(why) => frame.render_widget(
                Paragraph::new(Line::from(Span::styled(
                    format!("cannot load: {}", safe_line(why)),
                    theme.error,
                )))
                .wrap(Wrap { trim: true }),
                inner,
            ),
            None => {
                let [line, gauge, _] = Layout::vertical([
                    Constraint::Length(1),
                    Constraint::Length(1),
                    Constraint::Min(0),
                ])
                .areas(inner);
                frame.render_widget(Paragraph::new(self.progress.line()), line);
                frame.render_widget(
                    Gauge::default()
                        .gauge_style(theme.selected)
                        .use_unicode(true)
                        .label(format!("{:.0}%", self.progress.ratio() * 100.0))
                        .ratio(self.progress.ratio().clamp(0.0, 1.0)),
                    gauge,
                );
            }
        }
        let hint = |action: &Action, what: &str| {
            keys.key(Mode::Browse, action)
                .map(|k| vec![Span::styled(k, theme.key), Span::raw(format!(" {what}  "))])
                .unwrap_or_default()
        };
        let mut spans = vec![Span::raw(" ")];
        spans.extend(hint(&Action::Quit, "quit"));
        spans.extend(hint(&Action::ToggleHelp, "help"));
        frame.render_widget(Paragraph::new(Line::from(spans)), footer);
    }
}
