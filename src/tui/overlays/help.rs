//! The help overlay: every key of every mode from the keymap, the search syntax and the
//! symbols, scrolled as a whole.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthChar;

use super::common::{Outcome, centered, overlay_box, title};
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Keymap;
use crate::tui::text::{fit, pad, width, wrap};
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

    /// Handles an action; `max` is how far the last frame could scroll, and `page` how many
    /// lines it showed.
    pub fn update(&mut self, action: &Action, max: usize, page: usize) -> Outcome {
        let (page, half) = (page.max(1), (page / 2).max(1));
        let down = |by: usize| (self.scroll + by).min(max);
        match action {
            Action::MoveDown | Action::ScrollDown(..) => self.scroll = down(1),
            Action::MoveUp | Action::ScrollUp(..) => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll = down(page),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::HalfPageDown => self.scroll = down(half),
            Action::HalfPageUp => self.scroll = self.scroll.saturating_sub(half),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = max,
            Action::CloseOverlay | Action::ToggleHelp | Action::Click(..) => return Outcome::Close,
            Action::Quit => return Outcome::Quit,
            _ => {}
        }
        Outcome::Stay
    }

    /// Draws the overlay; returns how far it can scroll at this size, and how many lines
    /// show at once.
    pub fn render(&self, frame: &mut Frame<'_>, keys: &Keymap, theme: &Theme) -> (usize, usize) {
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
        (max, usize::from(inner.height))
    }
}

/// Columns before the key column.
const INDENT: usize = 2;
/// Columns between the key column and the descriptions, always blank.
const GAP: usize = 2;
/// The room descriptions keep before the key column narrows and long key lists wrap.
const DESCRIPTION: usize = 36;

/// How wide the key column is at a width: as wide as the widest key list, unless that
/// leaves descriptions less than [`DESCRIPTION`] columns (and never more than what leaves
/// them a third).
fn key_column(widest: usize, w: usize) -> usize {
    let room = w.saturating_sub(INDENT + GAP);
    widest
        .min(room.saturating_sub(DESCRIPTION).max(room / 3))
        .max(1)
}

/// A key list cut into rows of at most `max` columns, after a `/` where it can be, else
/// between characters.
fn key_rows(keys: &str, max: usize) -> Vec<String> {
    let mut rows = vec![String::new()];
    for piece in keys.split_inclusive('/') {
        let row = rows.last_mut().expect("a row");
        if !row.is_empty() && width(row) + width(piece) > max {
            rows.push(String::new());
        }
        for c in piece.chars() {
            let row = rows.last_mut().expect("a row");
            if !row.is_empty() && width(row) + c.width().unwrap_or(0) > max {
                rows.push(String::new());
            }
            rows.last_mut().expect("a row").push(c);
        }
    }
    rows
}

/// One entry: its key list in the key column (wrapped when wider), then its description,
/// wrapped beside it.
fn entry(keys: &str, help: &str, key_w: usize, w: usize, t: &Theme) -> Vec<Line<'static>> {
    let keys = key_rows(keys, key_w);
    let help = wrap(help, w.saturating_sub(INDENT + key_w + GAP).max(1));
    (0..keys.len().max(help.len()))
        .map(|i| {
            let key = keys.get(i).map_or("", String::as_str);
            let mut spans = vec![Span::styled(
                format!(
                    "{}{}{}",
                    " ".repeat(INDENT),
                    pad(key, key_w),
                    " ".repeat(GAP)
                ),
                t.key,
            )];
            if let Some(h) = help.get(i) {
                spans.push(Span::raw(h.clone()));
            }
            fit(spans, w)
        })
        .collect()
}

/// Every line of help, at a width. Each section's key column is as wide as its own keys.
fn lines(keys: &Keymap, t: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (title, entries) in sections(keys) {
        let widest = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
        let key_w = key_column(widest, w);
        lines.push(Line::styled(title.to_owned(), t.heading));
        for (k, h) in entries {
            lines.extend(entry(&k, &h, key_w, w, t));
        }
        lines.push(Line::default());
    }
    lines.pop();
    lines
}

/// Every mode's keys have a section, in this order, under these titles.
const MODES: [(&str, Mode); Mode::ALL.len()] = [
    ("Browsing", Mode::Browse),
    ("Search overlay", Mode::Search),
    ("Problems panel", Mode::Problems),
    ("Bookmarks list", Mode::Bookmarks),
    ("Scope picker", Mode::Scope),
    ("Source reader", Mode::Reader),
    ("Network view", Mode::Network),
    ("Filter line", Mode::Filter),
    ("This help", Mode::Help),
];

/// The sections of help, each a title and its (keys, description) entries.
fn sections(keys: &Keymap) -> Vec<(&'static str, Vec<(String, String)>)> {
    let owned = |mode| -> Vec<(String, String)> {
        keys.help_entries(mode)
            .into_iter()
            .map(|(k, h)| (k, h.to_owned()))
            .collect()
    };
    let mut sections: Vec<(&'static str, Vec<(String, String)>)> = MODES
        .iter()
        .map(|&(title, mode)| (title, owned(mode)))
        .collect();
    let syntax = crate::search::SYNTAX
        .iter()
        .map(|(s, m)| ((*s).to_owned(), (*m).to_owned()))
        .collect();
    sections.push(("Search syntax", syntax));
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
    sections.push(("Symbols", symbols));
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn every_mode_has_its_keys_in_help() {
        for mode in Mode::ALL {
            assert!(
                MODES.iter().any(|&(_, m)| m == mode),
                "{mode:?} has no section"
            );
        }
        // The scope picker's list moves as the panes' lists do, and help says so.
        let keys = Keymap::default();
        let all: Vec<String> = lines(&keys, &Theme::new(false), 74)
            .iter()
            .map(text)
            .collect();
        let at = all
            .iter()
            .position(|l| l == "Scope picker")
            .expect("a section");
        let section = &all[at..];
        for (k, h) in [
            ("g/Home", "first item"),
            ("G/End", "last item"),
            ("PgDn/Space", "page down"),
        ] {
            assert!(
                section
                    .iter()
                    .take_while(|l| !l.is_empty())
                    .any(|l| l.trim_start().starts_with(k) && l.trim_end().ends_with(h)),
                "{k} {h} in:\n{}",
                section.join("\n")
            );
        }
    }

    #[test]
    fn long_key_lists_wrap_after_a_slash() {
        let rows = key_rows("↓/Ctrl-n/Ctrl-j/↑/Ctrl-p/Ctrl-k", 12);
        assert_eq!(rows, ["↓/Ctrl-n/", "Ctrl-j/↑/", "Ctrl-p/", "Ctrl-k"]);
        // A key wider than the column is cut between characters; nothing is lost.
        assert_eq!(key_rows("Shift-Tab/x", 4), ["Shif", "t-Ta", "b/x"]);
        assert_eq!(key_rows("/", 4), ["/"]);
    }

    #[test]
    fn the_key_column_always_leaves_a_gap_before_the_description() {
        let keys = Keymap::default();
        let theme = Theme::new(false);
        let widest = sections(&keys)
            .iter()
            .flat_map(|(_, e)| e.iter().map(|(k, _)| width(k)))
            .max()
            .unwrap_or(0);
        for w in 20..=120 {
            let key_w = key_column(widest, w);
            assert!(INDENT + key_w + GAP < w, "no room for descriptions at {w}");
            for (k, h) in sections(&keys).iter().flat_map(|(_, e)| e) {
                let lines = entry(k, h, key_w, w, &theme);
                let (mut shown_keys, mut shown_help) = (String::new(), Vec::new());
                for line in &lines {
                    assert!(width(&text(line)) <= w, "{:?} at {w}", text(line));
                    let key = &line.spans[0].content;
                    assert_eq!(width(key), INDENT + key_w + GAP, "{key:?} at {w}");
                    assert!(key.ends_with(&" ".repeat(GAP)), "{key:?} at {w}");
                    shown_keys.push_str(key.trim());
                    shown_help.extend(line.spans.iter().skip(1).map(|s| s.content.to_string()));
                }
                // Nothing of the keys or the description is cut off.
                let letters = |s: &str| s.split_whitespace().collect::<String>();
                assert_eq!(letters(&shown_keys), letters(k), "at {w}");
                assert_eq!(letters(&shown_help.concat()), letters(h), "at {w}");
            }
        }
    }

    #[test]
    fn the_help_box_fits_the_widest_key_list_and_separates_the_rest() {
        let keys = Keymap::default();
        let all: Vec<String> = lines(&keys, &Theme::new(false), 74)
            .iter()
            .map(text)
            .collect();
        for (k, h) in [
            ("↑/Ctrl-k/Shift-Tab/Ctrl-p", "previous result"),
            ("↓/Ctrl-n/Ctrl-j/↑/Ctrl-p/Ctrl-k", "move"),
        ] {
            let line = all
                .iter()
                .find(|l| l.trim_start().starts_with(k))
                .unwrap_or_else(|| panic!("{k} in help:\n{}", all.join("\n")));
            let rest = &line.trim_start()[k.len()..];
            assert!(rest.starts_with("  "), "{line:?}");
            assert_eq!(rest.trim(), h, "{line:?}");
        }
    }
}
