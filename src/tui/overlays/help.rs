//! The help overlay: every key of every mode from the keymap, the search syntax and the
//! symbols, scrolled as a whole.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{Outcome, centered, overlay_box, title};
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Keymap;
use crate::tui::text::fit;
use crate::tui::theme::Theme;

/// The help overlay's state: how far it is scrolled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Help {
    scroll: usize,
}

impl Help {
    /// How far it is scrolled, in lines.
    #[must_use]
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Handles an action; `max` is how far the last frame could scroll.
    pub fn update(&mut self, action: &Action, max: usize) -> Outcome {
        match action {
            Action::MoveDown | Action::ScrollDown(..) => self.scroll = (self.scroll + 1).min(max),
            Action::MoveUp | Action::ScrollUp(..) => self.scroll = self.scroll.saturating_sub(1),
            Action::CloseOverlay | Action::ToggleHelp | Action::Click(..) => return Outcome::Close,
            Action::Quit => return Outcome::Quit,
            _ => {}
        }
        Outcome::Stay
    }

    /// Draws the overlay; returns how far it can scroll at this size.
    pub fn render(&self, frame: &mut Frame<'_>, keys: &Keymap, theme: &Theme) -> usize {
        let full = frame.area();
        let area = centered(full, 76, full.height.saturating_sub(2));
        let name = title(
            "Help",
            [keys.hint(Mode::Help, &Action::CloseOverlay, "closes")],
        );
        let inner = overlay_box(frame, theme, area, &name);
        let lines = lines(keys, theme, usize::from(inner.width));
        let max = lines.len().saturating_sub(usize::from(inner.height));
        let visible: Vec<Line<'static>> = lines
            .into_iter()
            .skip(self.scroll.min(max))
            .take(usize::from(inner.height))
            .collect();
        frame.render_widget(Paragraph::new(visible), inner);
        max
    }
}

/// Every line of help, at a width.
fn lines(keys: &Keymap, t: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut section = |title: &str, entries: Vec<(String, String)>| {
        lines.push(Line::styled(title.to_owned(), t.heading));
        for (keys, help) in entries {
            lines.push(fit(
                vec![
                    Span::styled(format!("  {keys:<24}"), t.key),
                    Span::raw(help),
                ],
                w,
            ));
        }
        lines.push(Line::default());
    };
    let owned = |mode| -> Vec<(String, String)> {
        keys.help_entries(mode)
            .into_iter()
            .map(|(k, h)| (k, h.to_owned()))
            .collect()
    };
    section("Browsing", owned(Mode::Browse));
    section("Search overlay", owned(Mode::Search));
    section("Problems panel", owned(Mode::Problems));
    section("Bookmarks list", owned(Mode::Bookmarks));
    section("Source reader", owned(Mode::Reader));
    section("Network view", owned(Mode::Network));
    section("Filter line", owned(Mode::Filter));
    let syntax = crate::search::SYNTAX
        .iter()
        .map(|(s, m)| ((*s).to_owned(), (*m).to_owned()))
        .collect();
    section("Search syntax", syntax);
    let mut symbols: Vec<(String, String)> = [
        (
            "● ◌ ◇ ? ◐",
            "occurred · planned/scheduled · proposed · reported · ongoing",
        ),
        (
            "“ ≈",
            "direct quote (verbatim) · reported statement (paraphrase)",
        ),
        (
            "≥ ≤ ‥",
            "on or after · on or before · between (uncertain dates)",
        ),
        ("• ★", "unread (or changed since read) · bookmarked"),
        (
            "@2025-06",
            "the briefing a row's version comes from (its date, or its id), not the item's date",
        ),
    ]
    .iter()
    .map(|(s, m)| ((*s).to_owned(), (*m).to_owned()))
    .collect();
    let follow = keys.hint(Mode::Browse, &Action::Activate, "follows it");
    let back = keys.hint(Mode::Browse, &Action::Back, "comes back");
    let link = [follow, back].into_iter().flatten().collect::<Vec<_>>();
    symbols.push(("→".to_owned(), format!("a link: {}", link.join(", "))));
    section("Symbols", symbols);
    lines.pop();
    lines
}
