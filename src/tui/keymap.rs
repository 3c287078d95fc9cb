//! Keybindings as data: one table of (mode, key, action, description).
//!
//! The footer hints and the `?` help overlay are both generated from [`BINDINGS`], so they
//! cannot drift from the keys that really work.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::{Action, Pane};

/// Which bindings are live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Moving through a list or a detail view.
    Browse,
    /// The help overlay is open.
    Help,
    /// The search overlay is open: printable keys type.
    Search,
    /// The problems panel is open.
    Problems,
}

/// One key in one mode.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub mode: Mode,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    /// What the action does, as help and footer show it. Bindings with the same
    /// description are listed together.
    pub help: &'static str,
    /// Shown in the footer as well as in help.
    pub footer: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn bind(
    mode: Mode,
    code: KeyCode,
    mods: KeyModifiers,
    action: Action,
    help: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        mode,
        code,
        mods,
        action,
        help,
        footer,
    }
}

use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Mode::{Browse, Help, Problems, Search};

/// Every binding. Order matters only for display.
pub const BINDINGS: &[Binding] = &[
    bind(Browse, Char('j'), NONE, Action::MoveDown, "move", true),
    bind(Browse, Down, NONE, Action::MoveDown, "move", false),
    bind(Browse, Char('k'), NONE, Action::MoveUp, "move", true),
    bind(Browse, Up, NONE, Action::MoveUp, "move", false),
    bind(Browse, PageDown, NONE, Action::PageDown, "page down", false),
    bind(
        Browse,
        Char('d'),
        CTRL,
        Action::PageDown,
        "page down",
        false,
    ),
    bind(Browse, PageUp, NONE, Action::PageUp, "page up", false),
    bind(Browse, Char('u'), CTRL, Action::PageUp, "page up", false),
    bind(Browse, Char('g'), NONE, Action::Top, "first item", false),
    bind(Browse, Home, NONE, Action::Top, "first item", false),
    bind(Browse, Char('G'), SHIFT, Action::Bottom, "last item", false),
    bind(Browse, End, NONE, Action::Bottom, "last item", false),
    bind(
        Browse,
        Enter,
        NONE,
        Action::Activate,
        "open / follow link",
        true,
    ),
    bind(
        Browse,
        Char('l'),
        NONE,
        Action::FocusDetail,
        "into detail",
        false,
    ),
    bind(
        Browse,
        Right,
        NONE,
        Action::FocusDetail,
        "into detail",
        false,
    ),
    bind(
        Browse,
        Char('h'),
        NONE,
        Action::FocusList,
        "back to list",
        false,
    ),
    bind(Browse, Left, NONE, Action::FocusList, "back to list", false),
    bind(Browse, Esc, NONE, Action::FocusList, "back to list", false),
    bind(Browse, Backspace, NONE, Action::Back, "back", true),
    bind(Browse, Left, ALT, Action::Back, "back", false),
    bind(Browse, Right, ALT, Action::Forward, "forward", false),
    bind(Browse, Tab, NONE, Action::NextPane, "next pane", true),
    bind(
        Browse,
        BackTab,
        SHIFT,
        Action::PrevPane,
        "previous pane",
        false,
    ),
    bind(
        Browse,
        Char('1'),
        NONE,
        Action::FocusPane(Pane::Overview),
        "overview",
        false,
    ),
    bind(
        Browse,
        Char('2'),
        NONE,
        Action::FocusPane(Pane::Actors),
        "actors",
        false,
    ),
    bind(
        Browse,
        Char('3'),
        NONE,
        Action::FocusPane(Pane::Timeline),
        "timeline",
        false,
    ),
    bind(
        Browse,
        Char('4'),
        NONE,
        Action::FocusPane(Pane::Quotes),
        "quotes",
        false,
    ),
    bind(Browse, Char('/'), NONE, Action::OpenSearch, "search", true),
    bind(
        Browse,
        Char('y'),
        NONE,
        Action::Copy,
        "copy with citation",
        false,
    ),
    bind(
        Browse,
        Char('p'),
        NONE,
        Action::OpenProblems,
        "problems",
        false,
    ),
    bind(Browse, Char('?'), NONE, Action::ToggleHelp, "help", true),
    bind(Browse, Char('z'), CTRL, Action::Suspend, "suspend", false),
    bind(Browse, Char('q'), NONE, Action::Quit, "quit", true),
    bind(Browse, Char('c'), CTRL, Action::Quit, "quit", false),
    bind(Help, Esc, NONE, Action::CloseOverlay, "close", true),
    bind(Help, Char('?'), NONE, Action::CloseOverlay, "close", false),
    bind(Help, Char('q'), NONE, Action::CloseOverlay, "close", false),
    bind(Help, Char('j'), NONE, Action::MoveDown, "scroll", true),
    bind(Help, Down, NONE, Action::MoveDown, "scroll", false),
    bind(Help, Char('k'), NONE, Action::MoveUp, "scroll", false),
    bind(Help, Up, NONE, Action::MoveUp, "scroll", false),
    bind(Help, Char('c'), CTRL, Action::Quit, "quit", true),
    bind(
        Search,
        Esc,
        NONE,
        Action::CloseOverlay,
        "close (keeps query)",
        true,
    ),
    bind(Search, Enter, NONE, Action::Activate, "jump to item", true),
    bind(Search, Down, NONE, Action::MoveDown, "next result", true),
    bind(
        Search,
        Char('n'),
        CTRL,
        Action::MoveDown,
        "next result",
        false,
    ),
    bind(Search, Up, NONE, Action::MoveUp, "previous result", false),
    bind(
        Search,
        Char('p'),
        CTRL,
        Action::MoveUp,
        "previous result",
        false,
    ),
    bind(Search, PageDown, NONE, Action::PageDown, "page down", false),
    bind(Search, PageUp, NONE, Action::PageUp, "page up", false),
    bind(Search, Left, NONE, Action::CursorLeft, "cursor left", false),
    bind(
        Search,
        Right,
        NONE,
        Action::CursorRight,
        "cursor right",
        false,
    ),
    bind(
        Search,
        Home,
        NONE,
        Action::CursorHome,
        "start of query",
        false,
    ),
    bind(
        Search,
        Char('a'),
        CTRL,
        Action::CursorHome,
        "start of query",
        false,
    ),
    bind(Search, End, NONE, Action::CursorEnd, "end of query", false),
    bind(
        Search,
        Char('e'),
        CTRL,
        Action::CursorEnd,
        "end of query",
        false,
    ),
    bind(
        Search,
        Backspace,
        NONE,
        Action::DeleteBack,
        "delete character",
        false,
    ),
    bind(
        Search,
        Char('w'),
        CTRL,
        Action::DeleteWord,
        "delete word",
        false,
    ),
    bind(
        Search,
        Char('u'),
        CTRL,
        Action::ClearQuery,
        "clear query",
        true,
    ),
    bind(Search, Char('c'), CTRL, Action::Quit, "quit", false),
    bind(Problems, Esc, NONE, Action::CloseOverlay, "close", true),
    bind(
        Problems,
        Char('q'),
        NONE,
        Action::CloseOverlay,
        "close",
        false,
    ),
    bind(
        Problems,
        Char('p'),
        NONE,
        Action::CloseOverlay,
        "close",
        false,
    ),
    bind(Problems, Char('j'), NONE, Action::MoveDown, "move", true),
    bind(Problems, Down, NONE, Action::MoveDown, "move", false),
    bind(Problems, Char('k'), NONE, Action::MoveUp, "move", false),
    bind(Problems, Up, NONE, Action::MoveUp, "move", false),
    bind(
        Problems,
        Enter,
        NONE,
        Action::Activate,
        "show context",
        true,
    ),
    bind(Problems, Char('c'), CTRL, Action::Quit, "quit", false),
];

/// Normalises modifiers so that `G` matches with or without a reported Shift.
fn same_key(b: &Binding, key: &KeyEvent) -> bool {
    if b.code != key.code {
        return false;
    }
    let strip = |m: KeyModifiers| match b.code {
        Char(c) if !c.is_ascii_lowercase() => m - SHIFT,
        BackTab => m - SHIFT,
        _ => m,
    };
    strip(b.mods) == strip(key.modifiers)
}

/// The action bound to a key in a mode, if any.
pub fn lookup(mode: Mode, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    BINDINGS
        .iter()
        .find(|b| b.mode == mode && same_key(b, key))
        .map(|b| b.action)
}

/// How a key is written in help and the footer.
pub fn key_label(b: &Binding) -> String {
    let base = match b.code {
        Char(' ') => "Space".to_owned(),
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
        other => format!("{other:?}"),
    };
    if b.mods.contains(CTRL) {
        format!("Ctrl-{base}")
    } else if b.mods.contains(ALT) {
        format!("Alt-{base}")
    } else {
        base
    }
}

/// Help entries for a mode: (keys, description), one per distinct description.
pub fn help_entries(mode: Mode) -> Vec<(String, &'static str)> {
    entries(mode, false)
}

/// Footer hints for a mode: the bindings marked `footer`, grouped the same way.
pub fn footer_entries(mode: Mode) -> Vec<(String, &'static str)> {
    entries(mode, true)
}

/// Groups a mode's bindings by description, joining their keys with `/`.
fn entries(mode: Mode, footer_only: bool) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for b in BINDINGS
        .iter()
        .filter(|b| b.mode == mode && (b.footer || !footer_only))
    {
        let label = key_label(b);
        match out.iter_mut().find(|(_, h)| *h == b.help) {
            Some((keys, _)) => {
                keys.push('/');
                keys.push_str(&label);
            }
            None => out.push((label, b.help)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_bindings_collide_within_a_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let probe = KeyEvent::new(b.code, b.mods);
                assert!(
                    !(a.mode == b.mode && same_key(a, &probe)),
                    "{:?}: {} is bound to both {:?} and {:?}",
                    a.mode,
                    key_label(a),
                    a.action,
                    b.action
                );
            }
        }
    }

    #[test]
    fn every_mode_can_be_left() {
        for mode in [Help, Search, Problems] {
            assert!(
                BINDINGS
                    .iter()
                    .any(|b| b.mode == mode && b.action == Action::CloseOverlay)
            );
        }
        assert!(
            BINDINGS
                .iter()
                .any(|b| b.mode == Browse && b.action == Action::Quit)
        );
    }

    #[test]
    fn help_groups_keys_by_description() {
        let entries = help_entries(Browse);
        let back = entries.iter().find(|(_, h)| *h == "back").unwrap();
        assert_eq!(back.0, "Backspace/Alt-←");
        assert_eq!(
            lookup(Browse, &KeyEvent::new(Char('G'), NONE)),
            Some(Action::Bottom)
        );
        assert_eq!(
            lookup(Browse, &KeyEvent::new(Char('G'), SHIFT)),
            Some(Action::Bottom)
        );
    }
}
