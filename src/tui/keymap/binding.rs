//! One binding: a key in a mode, the action it asks for, and how hints describe it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::action::{Action, Mode};

use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Whether a binding shows in the footer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Footer {
    /// Only in help.
    No,
    /// In the footer, with its description.
    Yes,
    /// In the footer while the list has the keyboard, with this shorter description.
    InList(&'static str),
    /// In the footer, described one way while the list has the keyboard and another while
    /// the detail view has it.
    ByFocus(&'static str, &'static str),
}

/// One key in one mode.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    /// Where the key works.
    pub mode: Mode,
    /// The key.
    pub code: KeyCode,
    /// Its modifiers.
    pub mods: KeyModifiers,
    /// What it does.
    pub action: Action,
    /// What the action does, as help shows it. Bindings with the same description are
    /// listed together.
    pub help: &'static str,
    /// Whether the footer shows it too.
    pub footer: Footer,
}

/// How a key is written in help and the footer.
#[must_use]
pub fn key_label(b: &Binding) -> String {
    let base = match b.code {
        Char(' ') => "Space".to_owned(),
        Char('\\') => "\\".to_owned(),
        Char(c) => c.to_string(),
        Down => "↓".into(),
        Up => "↑".into(),
        Left => "←".into(),
        Right => "→".into(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        Backspace => "Backspace".into(),
        PageDown => "PgDn".into(),
        PageUp => "PgUp".into(),
        Home => "Home".into(),
        End => "End".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        other => format!("{other:?}"),
    };
    if b.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else if b.mods.contains(KeyModifiers::ALT) {
        format!("Alt-{base}")
    } else {
        base
    }
}

/// Normalises modifiers so that `G` matches with or without a reported Shift.
pub(super) fn same_key(b: &Binding, key: &KeyEvent) -> bool {
    if b.code != key.code {
        return false;
    }
    let strip = |m: KeyModifiers| match b.code {
        KeyCode::Char(c) if !c.is_ascii_lowercase() => m - KeyModifiers::SHIFT,
        KeyCode::BackTab => m - KeyModifiers::SHIFT,
        _ => m,
    };
    strip(b.mods) == strip(key.modifiers)
}
