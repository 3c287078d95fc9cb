//! Keys as a config file writes them: `"q"`, `"ctrl-c"`, `"shift-tab"`, `"alt-left"`,
//! `"pgdn"`, `"f5"`. Modifier and key names are case-insensitive; a single character is
//! taken as typed, so `"G"` is Shift-g.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::binding::Binding;

/// A key with its modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chord {
    /// The key.
    pub code: KeyCode,
    /// Its modifiers.
    pub mods: KeyModifiers,
}

/// Why a key spec could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    /// Nothing, or only modifiers, was written.
    #[error("no key is named")]
    Empty,
    /// A word that names no key.
    #[error("unknown key `{0}`")]
    UnknownKey(String),
    /// A `word-` prefix that names no modifier.
    #[error("unknown modifier `{0}`")]
    UnknownModifier(String),
    /// A character that is not drawn as itself (a control, a joiner, a mark alone, a
    /// selector, a regional indicator), which help and the footer could not show.
    #[error("`{0}` cannot be a key: it is not drawn as a character of its own")]
    Unshowable(String),
}

/// Named keys, as a config file may write them; the first name of each is the one the
/// default config uses.
pub const KEY_NAMES: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("minus", KeyCode::Char('-')),
];

/// Modifier names, each followed by `-`.
pub const MODIFIER_NAMES: &[&str] = &["ctrl", "alt", "shift"];

/// Reads a key spec.
///
/// # Errors
/// When the spec names no key, an unknown key or an unknown modifier.
pub fn parse_key(spec: &str) -> Result<Chord, SpecError> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = spec.trim();
    // `-` alone, or a spec ending in `--` (`ctrl--`), is the minus key.
    while let Some(dash) = rest.find('-').filter(|&d| d + 1 < rest.len()) {
        let word = rest[..dash].to_ascii_lowercase();
        mods |= match word.as_str() {
            "ctrl" | "control" => KeyModifiers::CONTROL,
            "alt" | "meta" | "option" => KeyModifiers::ALT,
            "shift" => KeyModifiers::SHIFT,
            "" => return Err(SpecError::UnknownKey(spec.to_owned())),
            _ => return Err(SpecError::UnknownModifier(rest[..dash].to_owned())),
        };
        rest = &rest[dash + 1..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => return Err(SpecError::Empty),
        (Some(c), None) if showable(c) => KeyCode::Char(c),
        (Some(c), None) => {
            return Err(SpecError::Unshowable(
                crate::model::text::display_safe(&c.to_string()).into_owned(),
            ));
        }
        _ => named(rest).ok_or_else(|| SpecError::UnknownKey(rest.to_owned()))?,
    };
    Ok(normalise(code, mods))
}

/// Whether `c` is drawn as itself in one or two columns, so that the help and the footer
/// can show it as a key: not a control, a format character or a selector (which the
/// display-safe form shows as stand-ins), not a mark alone (no width), and not a regional
/// indicator (terminals disagree on its width).
fn showable(c: char) -> bool {
    let s = c.to_string();
    matches!(
        crate::model::text::display_safe(&s),
        std::borrow::Cow::Borrowed(_)
    ) && matches!(unicode_width::UnicodeWidthChar::width(c), Some(1 | 2))
        && !('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn named(word: &str) -> Option<KeyCode> {
    let lower = word.to_ascii_lowercase();
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
        && (1..=24).contains(&n)
    {
        return Some(KeyCode::F(n));
    }
    KEY_NAMES
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, code)| *code)
}

/// Puts a chord in the form the terminal reports: Shift with a letter is the capital
/// letter, Shift-Tab is `BackTab`, and with Ctrl or Alt a letter is written in either case
/// (`Ctrl-C` is `ctrl-c`; Shift is added only when named).
fn normalise(code: KeyCode, mut mods: KeyModifiers) -> Chord {
    let code = match code {
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        KeyCode::BackTab => {
            mods |= KeyModifiers::SHIFT;
            KeyCode::BackTab
        }
        KeyCode::Char(c) if c.is_ascii_alphabetic() => {
            if mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else if c.is_ascii_uppercase() || mods.contains(KeyModifiers::SHIFT) {
                mods |= KeyModifiers::SHIFT;
                KeyCode::Char(c.to_ascii_uppercase())
            } else {
                KeyCode::Char(c)
            }
        }
        // A typed symbol such as `?` or `G` carries whatever Shift it needs.
        KeyCode::Char(c) if !c.is_ascii_alphanumeric() => {
            mods -= KeyModifiers::SHIFT;
            KeyCode::Char(c)
        }
        other => other,
    };
    Chord { code, mods }
}

/// How the default config writes a binding's key: the inverse of [`parse_key`].
#[must_use]
pub fn key_spec(b: &Binding) -> String {
    let base = match b.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char('-') => "minus".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        KeyCode::BackTab => return "shift-tab".to_owned(),
        code => KEY_NAMES.iter().find(|(_, k)| *k == code).map_or_else(
            || format!("{code:?}").to_ascii_lowercase(),
            |(n, _)| (*n).to_owned(),
        ),
    };
    let mut out = String::new();
    if b.mods.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if b.mods.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    out + &base
}

#[cfg(test)]
mod tests {
    use super::*;
    use KeyCode::{BackTab, Char, Enter, F, Left, PageDown};

    #[allow(clippy::unnecessary_wraps)] // Compared with `parse_key`'s result.
    fn chord(code: KeyCode, mods: KeyModifiers) -> Result<Chord, SpecError> {
        Ok(Chord { code, mods })
    }

    #[test]
    fn specs_read_as_the_terminal_reports_keys() {
        let none = KeyModifiers::NONE;
        assert_eq!(parse_key("q"), chord(Char('q'), none));
        assert_eq!(parse_key("ctrl-c"), chord(Char('c'), KeyModifiers::CONTROL));
        assert_eq!(parse_key("Ctrl-C"), parse_key("ctrl-c"));
        assert_eq!(
            parse_key("ctrl-shift-c"),
            chord(Char('c'), KeyModifiers::CONTROL | KeyModifiers::SHIFT)
        );
        assert_eq!(parse_key("G"), chord(Char('G'), KeyModifiers::SHIFT));
        assert_eq!(parse_key("shift-g"), parse_key("G"));
        assert_eq!(parse_key("shift-tab"), chord(BackTab, KeyModifiers::SHIFT));
        assert_eq!(parse_key("alt-left"), chord(Left, KeyModifiers::ALT));
        assert_eq!(parse_key("PgDn"), chord(PageDown, none));
        assert_eq!(parse_key("RETURN"), chord(Enter, none));
        assert_eq!(parse_key("f5"), chord(F(5), none));
        assert_eq!(parse_key("-"), chord(Char('-'), none));
        assert_eq!(parse_key("ctrl--"), chord(Char('-'), KeyModifiers::CONTROL));
        assert_eq!(parse_key("?"), chord(Char('?'), none));
        assert_eq!(parse_key("space"), chord(Char(' '), none));
    }

    #[test]
    fn mistakes_say_what_is_wrong() {
        assert_eq!(parse_key(""), Err(SpecError::Empty));
        assert_eq!(
            parse_key("ctrl-entr"),
            Err(SpecError::UnknownKey("entr".into()))
        );
        assert_eq!(
            parse_key("hyper-x"),
            Err(SpecError::UnknownModifier("hyper".into()))
        );
        assert_eq!(parse_key("f99"), Err(SpecError::UnknownKey("f99".into())));
    }

    #[test]
    fn every_default_key_writes_as_a_spec_that_reads_back() {
        for b in super::super::defaults::DEFAULTS {
            let spec = key_spec(b);
            let back = parse_key(&spec).unwrap_or_else(|e| panic!("{spec}: {e}"));
            let probe = ratatui::crossterm::event::KeyEvent::new(back.code, back.mods);
            assert!(
                super::super::binding::same_key(b, &probe),
                "{spec} → {back:?}"
            );
        }
    }
}
