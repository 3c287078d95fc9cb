//! The one theme: named styles, no inline colours anywhere else.
//!
//! Meaning is carried by symbols and by bold/reverse/underline as well as by hue, so the
//! screen reads the same under `NO_COLOR` and on light terminals.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub dim: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub border: Style,
    pub border_focus: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub heading: Style,
    pub link: Style,
    pub link_selected: Style,
    pub key: Style,
    pub matched: Style,
    pub badge: Style,
    pub warning: Style,
    pub error: Style,
    pub quote: Style,
    pub reported: Style,
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let fg = |c: Color| if color { plain.fg(c) } else { plain };
        Self {
            title: bold,
            dim: if color {
                fg(Color::DarkGray)
            } else {
                plain.add_modifier(Modifier::DIM)
            },
            tab: plain,
            tab_active: bold.add_modifier(Modifier::REVERSED),
            border: fg(Color::DarkGray),
            border_focus: if color { bold.fg(Color::Cyan) } else { bold },
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            heading: if color { bold.fg(Color::Yellow) } else { bold },
            link: if color {
                fg(Color::Cyan)
            } else {
                plain.add_modifier(Modifier::UNDERLINED)
            },
            link_selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: if color { bold.fg(Color::Cyan) } else { bold },
            matched: if color {
                bold.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED)
            } else {
                bold.add_modifier(Modifier::UNDERLINED)
            },
            badge: if color { bold.fg(Color::Magenta) } else { bold },
            warning: if color { bold.fg(Color::Yellow) } else { bold },
            error: if color {
                bold.fg(Color::Red)
            } else {
                bold.add_modifier(Modifier::REVERSED)
            },
            quote: if color {
                fg(Color::Green)
            } else {
                plain.add_modifier(Modifier::ITALIC)
            },
            reported: if color {
                fg(Color::Magenta).add_modifier(Modifier::ITALIC)
            } else {
                plain.add_modifier(Modifier::ITALIC)
            },
            color,
        }
    }

    /// The colour for a status; the symbol carries the meaning without it.
    pub fn status(&self, status: Status) -> Style {
        if !self.color {
            return Style::new();
        }
        Style::new().fg(match status {
            Status::Occurred => Color::Green,
            Status::Planned | Status::Scheduled => Color::Blue,
            Status::Proposed => Color::Magenta,
            Status::Reported => Color::Yellow,
            Status::Ongoing => Color::Cyan,
        })
    }
}
