//! The one theme: named styles, no inline colours anywhere else.
//!
//! Meaning is carried by symbols and by bold/reverse/underline as well as by hue, so the
//! screen reads the same under `NO_COLOR` and on light terminals.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

/// Every style the screen uses, by what it is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Titles and names: bold.
    pub title: Style,
    /// Secondary text: dates, kinds, hints.
    pub dim: Style,
    /// A tab label.
    pub tab: Style,
    /// The current pane's tab.
    pub tab_active: Style,
    /// A border without focus.
    pub border: Style,
    /// The border, and title, of what has the keyboard.
    pub border_focus: Style,
    /// The selected row where the keyboard is.
    pub selected: Style,
    /// The selected row of a list without the keyboard.
    pub selected_unfocused: Style,
    /// Section headings.
    pub heading: Style,
    /// The `→` of a link.
    pub link: Style,
    /// A selected link.
    pub link_selected: Style,
    /// Key names in hints and help.
    pub key: Style,
    /// Characters a search matched.
    pub matched: Style,
    /// Kind badges of search results and briefings.
    pub badge: Style,
    /// Warnings and the status line.
    pub warning: Style,
    /// Errors.
    pub error: Style,
    /// A direct quote.
    pub quote: Style,
    /// A reported statement (a paraphrase).
    pub reported: Style,
    color: bool,
}

impl Theme {
    /// The theme, in colour or (for `NO_COLOR` and `--color never`) without.
    #[must_use]
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
