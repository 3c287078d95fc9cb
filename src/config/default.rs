//! `briefing config --default`: a config file that documents every setting, with every
//! setting commented out at its default value. It is written from the keymap table and the
//! theme, so it cannot drift from them, and a test uncomments every setting and checks
//! that the result reads back without a problem and changes nothing.

use std::fmt::Write as _;

use ratatui::style::{Color, Modifier, Style};

use crate::tui::action::Mode;
use crate::tui::keymap::{DEFAULTS, key_spec, mode_actions, mode_name};
use crate::tui::theme::{MODIFIER_WORDS, STYLE_NAMES, Theme};

const HEAD: &str = r#"# briefing's config file.
#
# briefing reads it from $XDG_CONFIG_HOME/briefing/config.toml (~/.config/briefing/config.toml
# by default), or from the file named by --config PATH or BRIEFING_CONFIG.
# `briefing config --path` says which file is read; `briefing config` checks it.
# Every setting below is commented out at its default: remove the `# ` to change it.
# A mistake here never stops briefing: the setting keeps its default and the problem is
# shown on stderr and in the problems panel (p).

# The briefings to open when no PATH is given: files or folders, `~` for your home folder,
# other relative paths from this file's folder. Empty: the briefings built into briefing
# (`briefing --bundled` opens those whatever this says).
# library = ["~/briefings"]

# Colour: "auto" (on a terminal, unless NO_COLOR is set), "always" or "never".
# --color overrides it.
# color = "auto"

# Reload the browser when the files change (--no-watch turns it off for one run).
# watch = true

# The list's share of the width, in percent, when list and detail are side by side.
# split = 40

# Seconds an item's detail stays on screen before the item counts as read; 0 marks items
# read only with the toggle key.
# read_after = 1.0

# Keep reading state (read marks, bookmarks, the last position) in
# $XDG_STATE_HOME/briefing. false is like --no-state.
# state = true
"#;

const KEYS_HEAD: &str = r#"
# Keys, per mode, by action name: `action = ["key", ...]` replaces that action's keys in
# the mode, and `action = []` unbinds it. The footer and help (?) show your keys.
# A key is one character ("q", "G", "?"), or a name: enter, esc, tab, backspace, space,
# up, down, left, right, home, end, pgup, pgdn, delete, insert, minus, f1 ... f24; with
# ctrl-, alt- or shift- in front ("ctrl-c", "shift-tab", "alt-left").
# A key bound to two actions in one mode is an error: that override is left out.
# Entries directly under [keys] are for browsing; each other mode has its own table.
[keys]
"#;

const THEME_HEAD: &str = r#"
# The theme: a preset, then any style by name. A style is words: modifiers (bold, dim,
# italic, underlined, reversed, crossed), a colour (a name such as yellow, darkgray or
# lightblue, #rrggbb, or 0-255) and `on` a background colour, e.g. "bold white on blue";
# "plain" is no style. Setting `accent` (to "green", say) sets border.focus, key, link
# and unread at once. Without colour (--color never, NO_COLOR) only modifiers are used.
[theme]
# preset = "dark"             # "dark", "light" or "mono"
"#;

/// The default config, fully commented.
#[must_use]
pub fn default_config() -> String {
    let mut out = String::from(HEAD);
    out.push_str(KEYS_HEAD);
    for mode in Mode::ALL {
        if mode != Mode::Browse {
            let _ = writeln!(out, "\n[keys.{}]", mode_name(mode));
        }
        for action in mode_actions(mode) {
            let bindings: Vec<_> = DEFAULTS
                .iter()
                .filter(|b| b.mode == mode && b.action == action)
                .collect();
            let keys: Vec<String> = bindings
                .iter()
                .map(|b| format!("{:?}", key_spec(b)))
                .collect();
            let line = format!("# {} = [{}]", action.name().unwrap_or("?"), keys.join(", "));
            let _ = writeln!(out, "{line:<40} # {}", bindings[0].help);
        }
    }
    out.push_str(THEME_HEAD);
    let theme = Theme::new(true);
    for name in STYLE_NAMES.iter().filter(|n| **n != "accent") {
        let style = theme.get(name).unwrap_or_default();
        let key = if name.contains('.') {
            format!("{name:?}")
        } else {
            (*name).to_owned()
        };
        let _ = writeln!(out, "# {key} = {:?}", style_words(style));
    }
    out
}

/// A style as words that [`crate::tui::theme::parse_style`] reads back.
fn style_words(style: Style) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut seen = Modifier::empty();
    for (name, m) in MODIFIER_WORDS {
        if style.add_modifier.contains(m) && !seen.contains(m) {
            seen |= m;
            words.push(name.to_owned());
        }
    }
    if let Some(fg) = style.fg {
        words.push(color_word(fg));
    }
    if let Some(bg) = style.bg {
        words.push(format!("on {}", color_word(bg)));
    }
    if words.is_empty() {
        "plain".to_owned()
    } else {
        words.join(" ")
    }
}

fn color_word(c: Color) -> String {
    match c {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        other => other.to_string().to_ascii_lowercase(),
    }
}
