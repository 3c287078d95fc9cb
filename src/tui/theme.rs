//! The one theme: named styles, no inline colours anywhere else.
//!
//! Meaning is carried by symbols and by bold/reverse/underline as well as by hue, so the
//! screen reads the same under `NO_COLOR` and on light terminals. Three presets (`dark`,
//! `light`, `mono`) give every style; a config file can then set any style by its name
//! ([`STYLE_NAMES`]), written as words: `"bold yellow"`, `"reversed"`, `"cyan on black"`,
//! `"#ff8800 underlined"`.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

/// The built-in palettes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preset {
    /// Colours for a dark background (the default).
    #[default]
    Dark,
    /// Colours for a light background: no yellow or cyan text.
    Light,
    /// No colour at all: bold, dim, italic, underline and reverse only.
    Mono,
}

impl Preset {
    /// Every preset, by its config name.
    pub const NAMES: [(&'static str, Preset); 3] = [
        ("dark", Preset::Dark),
        ("light", Preset::Light),
        ("mono", Preset::Mono),
    ];

    /// The preset a config file names.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Preset> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| *p)
    }
}

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
    /// The mark of an unread item, and unread counts on the tabs.
    pub unread: Style,
    /// The mark of a bookmarked item.
    pub bookmark: Style,
    /// Event statuses, in the order of [`STATUS_NAMES`].
    statuses: [Style; 6],
    color: bool,
}

/// The names a config file gives styles, in the order the default config lists them.
/// `accent` sets the focused border, keys and links at once.
pub const STYLE_NAMES: [&str; 27] = [
    "accent",
    "title",
    "dim",
    "tab",
    "tab.active",
    "border",
    "border.focus",
    "selected",
    "selected.unfocused",
    "heading",
    "link",
    "link.selected",
    "key",
    "match",
    "badge",
    "warning",
    "error",
    "quote",
    "reported",
    "unread",
    "bookmark",
    "status.occurred",
    "status.planned",
    "status.scheduled",
    "status.proposed",
    "status.reported",
    "status.ongoing",
];

/// The statuses, by their style names' suffix.
const STATUS_NAMES: [(&str, Status); 6] = [
    ("occurred", Status::Occurred),
    ("planned", Status::Planned),
    ("scheduled", Status::Scheduled),
    ("proposed", Status::Proposed),
    ("reported", Status::Reported),
    ("ongoing", Status::Ongoing),
];

/// The colours a preset draws with.
struct Palette {
    dim: Color,
    accent: Color,
    heading: Color,
    matched: Color,
    badge: Color,
    warning: Color,
    error: Color,
    quote: Color,
    reported: Color,
    bookmark: Color,
    statuses: [Color; 6],
}

const DARK: Palette = Palette {
    dim: Color::DarkGray,
    accent: Color::Cyan,
    heading: Color::Yellow,
    matched: Color::Yellow,
    badge: Color::Magenta,
    warning: Color::Yellow,
    error: Color::Red,
    quote: Color::Green,
    reported: Color::Magenta,
    bookmark: Color::Yellow,
    statuses: [
        Color::Green,
        Color::Blue,
        Color::Blue,
        Color::Magenta,
        Color::Yellow,
        Color::Cyan,
    ],
};

const LIGHT: Palette = Palette {
    dim: Color::DarkGray,
    accent: Color::Blue,
    heading: Color::Magenta,
    matched: Color::Red,
    badge: Color::Magenta,
    warning: Color::Red,
    error: Color::Red,
    quote: Color::Green,
    reported: Color::Magenta,
    bookmark: Color::Red,
    statuses: [
        Color::Green,
        Color::Blue,
        Color::Blue,
        Color::Magenta,
        Color::Red,
        Color::Blue,
    ],
};

impl Theme {
    /// The dark theme in colour, or (for `NO_COLOR` and `--color never`) the mono one.
    #[must_use]
    pub fn new(color: bool) -> Self {
        Self::preset(Preset::Dark, color)
    }

    /// A preset; without colour, every preset is `mono`.
    #[must_use]
    pub fn preset(preset: Preset, color: bool) -> Self {
        match (preset, color) {
            (Preset::Dark, true) => Self::colored(&DARK),
            (Preset::Light, true) => Self::colored(&LIGHT),
            _ => Self::mono(),
        }
    }

    fn colored(p: &Palette) -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let mut statuses = [plain; 6];
        for (s, c) in statuses.iter_mut().zip(p.statuses) {
            *s = plain.fg(c);
        }
        Self {
            dim: plain.fg(p.dim),
            border: plain.fg(p.dim),
            border_focus: bold.fg(p.accent),
            heading: bold.fg(p.heading),
            link: plain.fg(p.accent),
            key: bold.fg(p.accent),
            matched: bold.fg(p.matched).add_modifier(Modifier::UNDERLINED),
            badge: bold.fg(p.badge),
            warning: bold.fg(p.warning),
            error: if p.error == p.warning {
                bold.fg(Color::White).bg(p.error)
            } else {
                bold.fg(p.error)
            },
            quote: plain.fg(p.quote),
            reported: plain.fg(p.reported).add_modifier(Modifier::ITALIC),
            unread: bold.fg(p.accent),
            bookmark: bold.fg(p.bookmark),
            statuses,
            color: true,
            ..Self::mono()
        }
    }

    fn mono() -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Self {
            title: bold,
            dim: plain.add_modifier(Modifier::DIM),
            tab: plain,
            tab_active: bold.add_modifier(Modifier::REVERSED),
            border: plain,
            border_focus: bold,
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            heading: bold,
            link: plain.add_modifier(Modifier::UNDERLINED),
            link_selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: bold,
            matched: bold.add_modifier(Modifier::UNDERLINED),
            badge: bold,
            warning: bold,
            error: bold.add_modifier(Modifier::REVERSED),
            quote: plain.add_modifier(Modifier::ITALIC),
            reported: plain.add_modifier(Modifier::ITALIC),
            unread: bold,
            bookmark: bold,
            statuses: [plain; 6],
            color: false,
        }
    }

    /// Whether the theme draws in colour.
    #[must_use]
    pub fn has_color(&self) -> bool {
        self.color
    }

    /// The style for a status; the symbol carries the meaning without it.
    #[must_use]
    pub fn status(&self, status: Status) -> Style {
        STATUS_NAMES
            .iter()
            .position(|(_, s)| *s == status)
            .map_or_else(Style::new, |i| self.statuses[i])
    }

    /// A style by its config name.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Style> {
        match name {
            "accent" => Some(self.border_focus),
            // One table of names serves reading and writing: read from a copy.
            _ => {
                let mut copy = *self;
                copy.slot_mut(name).map(|s| *s)
            }
        }
    }

    /// Sets a style by its config name; returns false for an unknown name. Without colour,
    /// only the style's modifiers are kept. `accent` sets the focused border, keys and
    /// links.
    pub fn set(&mut self, name: &str, mut style: Style) -> bool {
        if !self.color {
            style.fg = None;
            style.bg = None;
            style.underline_color = None;
        }
        if name == "accent" {
            for n in ["border.focus", "key", "link", "unread"] {
                self.set(n, style);
            }
            return true;
        }
        match self.slot_mut(name) {
            Some(slot) => {
                *slot = style;
                true
            }
            None => false,
        }
    }

    fn slot_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "title" => &mut self.title,
            "dim" => &mut self.dim,
            "tab" => &mut self.tab,
            "tab.active" => &mut self.tab_active,
            "border" => &mut self.border,
            "border.focus" => &mut self.border_focus,
            "selected" => &mut self.selected,
            "selected.unfocused" => &mut self.selected_unfocused,
            "heading" => &mut self.heading,
            "link" => &mut self.link,
            "link.selected" => &mut self.link_selected,
            "key" => &mut self.key,
            "match" => &mut self.matched,
            "badge" => &mut self.badge,
            "warning" => &mut self.warning,
            "error" => &mut self.error,
            "quote" => &mut self.quote,
            "reported" => &mut self.reported,
            "unread" => &mut self.unread,
            "bookmark" => &mut self.bookmark,
            other => {
                let status = other.strip_prefix("status.")?;
                let i = STATUS_NAMES.iter().position(|(n, _)| *n == status)?;
                &mut self.statuses[i]
            }
        })
    }
}

/// Why a style could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StyleError {
    /// A word that is neither a colour nor a modifier.
    #[error("`{0}` is neither a colour nor a modifier")]
    Unknown(String),
    /// Two foreground colours, or `on` twice.
    #[error("`{0}`: a style has one colour, and one more after `on`")]
    TwoColors(String),
    /// `on` without a colour after it.
    #[error("`on` needs a colour after it")]
    OnWithoutColor,
}

/// The modifiers a style may name.
pub const MODIFIER_WORDS: [(&str, Modifier); 9] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("underline", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("reverse", Modifier::REVERSED),
    ("crossed", Modifier::CROSSED_OUT),
    ("blink", Modifier::SLOW_BLINK),
];

/// The colour names a style may use besides `#rrggbb` and 0–255.
pub const COLOR_WORDS: [&str; 17] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
    "reset",
];

/// Reads a style written as words: modifiers, a colour, and `on` a background colour;
/// `plain` or `none` alone is no style.
///
/// # Errors
/// On a word that is neither a colour nor a modifier, or a second colour.
pub fn parse_style(spec: &str) -> Result<Style, StyleError> {
    let mut style = Style::new();
    let mut words = spec.split_whitespace();
    let mut fg = false;
    let mut bg = false;
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        if matches!(lower.as_str(), "plain" | "none" | "default") {
            continue;
        }
        if let Some((_, m)) = MODIFIER_WORDS.iter().find(|(n, _)| *n == lower) {
            style = style.add_modifier(*m);
            continue;
        }
        if lower == "on" {
            let color = words.next().ok_or(StyleError::OnWithoutColor)?;
            if bg {
                return Err(StyleError::TwoColors(color.to_owned()));
            }
            style = style.bg(color_of(color)?);
            bg = true;
            continue;
        }
        if fg {
            return Err(StyleError::TwoColors(word.to_owned()));
        }
        style = style.fg(color_of(word)?);
        fg = true;
    }
    Ok(style)
}

fn color_of(word: &str) -> Result<Color, StyleError> {
    word.parse::<Color>()
        .map_err(|_| StyleError::Unknown(word.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_read_as_words() {
        let bold_yellow = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
        assert_eq!(parse_style("bold yellow"), Ok(bold_yellow));
        assert_eq!(parse_style("Yellow BOLD"), Ok(bold_yellow));
        assert_eq!(
            parse_style("white on #203040"),
            Ok(Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(0x20, 0x30, 0x40)))
        );
        assert_eq!(parse_style("208"), Ok(Style::new().fg(Color::Indexed(208))));
        assert_eq!(parse_style("plain"), Ok(Style::new()));
        assert_eq!(
            parse_style("yelow"),
            Err(StyleError::Unknown("yelow".into()))
        );
        assert_eq!(
            parse_style("red blue"),
            Err(StyleError::TwoColors("blue".into()))
        );
        assert_eq!(parse_style("red on"), Err(StyleError::OnWithoutColor));
    }

    #[test]
    fn every_name_reads_and_writes_and_mono_drops_colour() {
        let mut t = Theme::preset(Preset::Light, true);
        let s = Style::new().fg(Color::Red).add_modifier(Modifier::ITALIC);
        for name in STYLE_NAMES {
            assert!(t.set(name, s), "{name}");
            assert_eq!(t.get(name), Some(s), "{name}");
        }
        assert_eq!(t.status(Status::Ongoing), s);
        assert!(!t.set("no.such", s));
        let mut mono = Theme::preset(Preset::Dark, false);
        mono.set("match", s);
        assert_eq!(mono.matched, Style::new().add_modifier(Modifier::ITALIC));
        assert_eq!(mono, {
            let mut m = Theme::preset(Preset::Mono, true);
            m.set("match", s);
            m
        });
    }

    #[test]
    fn accent_sets_the_focused_border_keys_and_links() {
        let mut t = Theme::new(true);
        let s = Style::new().fg(Color::Green);
        t.set("accent", s);
        assert_eq!((t.border_focus, t.key, t.link), (s, s, s));
    }
}
