//! Keybindings as data: one table of (mode, key, action, description).
//!
//! Every key hint on screen comes from here: the footer, the `?` help overlay, overlay
//! titles and the hints inside messages ("press Enter"), so none can drift from the keys
//! that really work. [`Keymap`] is a value, built from [`DEFAULTS`]; actions have stable
//! names ([`Action::name`]), so user overrides can later be merged into it by name.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action as A, Focus, Mode, Pane};

/// Whether a binding shows in the footer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Footer {
    /// Only in help.
    No,
    /// In the footer, with its description.
    Yes,
    /// In the footer while the list has the keyboard, with this shorter description.
    InList(&'static str),
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
    pub action: A,
    /// What the action does, as help shows it. Bindings with the same description are
    /// listed together.
    pub help: &'static str,
    /// Whether the footer shows it too.
    pub footer: Footer,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn bind(
    mode: Mode,
    code: KeyCode,
    mods: KeyModifiers,
    action: A,
    help: &'static str,
    footer: Footer,
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

/// The default bindings. Order matters only for display.
pub const DEFAULTS: &[Binding] = &[
    bind(Browse, Char('j'), NONE, A::MoveDown, "move", Footer::Yes),
    bind(Browse, Down, NONE, A::MoveDown, "move", Footer::No),
    bind(Browse, Char('k'), NONE, A::MoveUp, "move", Footer::Yes),
    bind(Browse, Up, NONE, A::MoveUp, "move", Footer::No),
    bind(Browse, PageDown, NONE, A::PageDown, "page down", Footer::No),
    bind(
        Browse,
        Char('d'),
        CTRL,
        A::PageDown,
        "page down",
        Footer::No,
    ),
    bind(Browse, PageUp, NONE, A::PageUp, "page up", Footer::No),
    bind(Browse, Char('u'), CTRL, A::PageUp, "page up", Footer::No),
    bind(Browse, Char('g'), NONE, A::Top, "first item", Footer::No),
    bind(Browse, Home, NONE, A::Top, "first item", Footer::No),
    bind(Browse, Char('G'), SHIFT, A::Bottom, "last item", Footer::No),
    bind(Browse, End, NONE, A::Bottom, "last item", Footer::No),
    bind(
        Browse,
        Enter,
        NONE,
        A::Activate,
        "open / follow link",
        Footer::Yes,
    ),
    bind(
        Browse,
        Char('l'),
        NONE,
        A::FocusDetail,
        "into detail",
        Footer::No,
    ),
    bind(
        Browse,
        Right,
        NONE,
        A::FocusDetail,
        "into detail",
        Footer::InList("detail"),
    ),
    bind(
        Browse,
        Char('h'),
        NONE,
        A::FocusList,
        "back to list",
        Footer::No,
    ),
    bind(Browse, Left, NONE, A::FocusList, "back to list", Footer::No),
    bind(Browse, Esc, NONE, A::FocusList, "back to list", Footer::No),
    bind(Browse, Backspace, NONE, A::Back, "back", Footer::Yes),
    bind(Browse, Left, ALT, A::Back, "back", Footer::No),
    bind(Browse, Right, ALT, A::Forward, "forward", Footer::No),
    bind(Browse, Tab, NONE, A::NextPane, "next pane", Footer::Yes),
    bind(
        Browse,
        BackTab,
        SHIFT,
        A::PrevPane,
        "previous pane",
        Footer::No,
    ),
    bind(
        Browse,
        Char('1'),
        NONE,
        A::FocusPane(Pane::Overview),
        "overview",
        Footer::No,
    ),
    bind(
        Browse,
        Char('2'),
        NONE,
        A::FocusPane(Pane::Actors),
        "actors",
        Footer::No,
    ),
    bind(
        Browse,
        Char('3'),
        NONE,
        A::FocusPane(Pane::Timeline),
        "timeline",
        Footer::No,
    ),
    bind(
        Browse,
        Char('4'),
        NONE,
        A::FocusPane(Pane::Quotes),
        "quotes",
        Footer::No,
    ),
    bind(
        Browse,
        Char('/'),
        NONE,
        A::OpenSearch,
        "search",
        Footer::Yes,
    ),
    bind(
        Browse,
        Char('y'),
        NONE,
        A::Copy,
        "copy with citation",
        Footer::No,
    ),
    bind(
        Browse,
        Char('p'),
        NONE,
        A::OpenProblems,
        "problems",
        Footer::No,
    ),
    bind(Browse, Char('?'), NONE, A::ToggleHelp, "help", Footer::Yes),
    bind(Browse, Char('z'), CTRL, A::Suspend, "suspend", Footer::No),
    bind(Browse, Char('q'), NONE, A::Quit, "quit", Footer::Yes),
    bind(Browse, Char('c'), CTRL, A::Quit, "quit", Footer::No),
    bind(Help, Esc, NONE, A::CloseOverlay, "close", Footer::Yes),
    bind(Help, Char('?'), NONE, A::CloseOverlay, "close", Footer::No),
    bind(Help, Char('q'), NONE, A::CloseOverlay, "close", Footer::No),
    bind(Help, Char('j'), NONE, A::MoveDown, "scroll", Footer::Yes),
    bind(Help, Down, NONE, A::MoveDown, "scroll", Footer::No),
    bind(Help, Char('k'), NONE, A::MoveUp, "scroll", Footer::No),
    bind(Help, Up, NONE, A::MoveUp, "scroll", Footer::No),
    bind(Help, Char('c'), CTRL, A::Quit, "quit", Footer::Yes),
    bind(
        Search,
        Esc,
        NONE,
        A::CloseOverlay,
        "close (keeps query)",
        Footer::Yes,
    ),
    bind(
        Search,
        Enter,
        NONE,
        A::Activate,
        "jump to item",
        Footer::Yes,
    ),
    bind(Search, Down, NONE, A::MoveDown, "next result", Footer::Yes),
    bind(
        Search,
        Char('n'),
        CTRL,
        A::MoveDown,
        "next result",
        Footer::No,
    ),
    bind(Search, Up, NONE, A::MoveUp, "previous result", Footer::No),
    bind(
        Search,
        Char('p'),
        CTRL,
        A::MoveUp,
        "previous result",
        Footer::No,
    ),
    bind(Search, PageDown, NONE, A::PageDown, "page down", Footer::No),
    bind(Search, PageUp, NONE, A::PageUp, "page up", Footer::No),
    bind(Search, Left, NONE, A::CursorLeft, "cursor left", Footer::No),
    bind(
        Search,
        Right,
        NONE,
        A::CursorRight,
        "cursor right",
        Footer::No,
    ),
    bind(
        Search,
        Home,
        NONE,
        A::CursorHome,
        "start of query",
        Footer::No,
    ),
    bind(
        Search,
        Char('a'),
        CTRL,
        A::CursorHome,
        "start of query",
        Footer::No,
    ),
    bind(Search, End, NONE, A::CursorEnd, "end of query", Footer::No),
    bind(
        Search,
        Char('e'),
        CTRL,
        A::CursorEnd,
        "end of query",
        Footer::No,
    ),
    bind(
        Search,
        Backspace,
        NONE,
        A::DeleteBack,
        "delete character",
        Footer::No,
    ),
    bind(
        Search,
        Char('w'),
        CTRL,
        A::DeleteWord,
        "delete word",
        Footer::No,
    ),
    bind(
        Search,
        Char('u'),
        CTRL,
        A::ClearQuery,
        "clear query",
        Footer::Yes,
    ),
    bind(Search, Char('c'), CTRL, A::Quit, "quit", Footer::No),
    bind(Problems, Esc, NONE, A::CloseOverlay, "close", Footer::Yes),
    bind(
        Problems,
        Char('q'),
        NONE,
        A::CloseOverlay,
        "close",
        Footer::No,
    ),
    bind(
        Problems,
        Char('p'),
        NONE,
        A::CloseOverlay,
        "close",
        Footer::No,
    ),
    bind(Problems, Char('j'), NONE, A::MoveDown, "move", Footer::Yes),
    bind(Problems, Down, NONE, A::MoveDown, "move", Footer::No),
    bind(Problems, Char('k'), NONE, A::MoveUp, "move", Footer::No),
    bind(Problems, Up, NONE, A::MoveUp, "move", Footer::No),
    bind(
        Problems,
        Enter,
        NONE,
        A::Activate,
        "show context",
        Footer::Yes,
    ),
    bind(Problems, Char('c'), CTRL, A::Quit, "quit", Footer::No),
];

/// The live bindings.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: DEFAULTS.to_vec(),
        }
    }
}

impl Keymap {
    /// Every binding, in display order.
    #[must_use]
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action bound to a key in a mode, if any.
    #[must_use]
    pub fn lookup(&self, mode: Mode, key: &KeyEvent) -> Option<A> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        self.bindings
            .iter()
            .find(|b| b.mode == mode && same_key(b, key))
            .map(|b| b.action.clone())
    }

    /// The first key bound to an action in a mode, as hints write it ("Enter", "p").
    #[must_use]
    pub fn key(&self, mode: Mode, action: &A) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.action == *action)
            .map(key_label)
    }

    /// A hint such as "Enter opens", or nothing if the action has no key.
    #[must_use]
    pub fn hint(&self, mode: Mode, action: &A, verb: &str) -> Option<String> {
        self.key(mode, action).map(|k| format!("{k} {verb}"))
    }

    /// Help entries for a mode: (keys, description), one per distinct description.
    #[must_use]
    pub fn help_entries(&self, mode: Mode) -> Vec<(String, &'static str)> {
        group(self.bindings.iter().filter(|b| b.mode == mode), |b| {
            Some(b.help)
        })
    }

    /// Footer hints for a mode, with the list or the detail view focused.
    #[must_use]
    pub fn footer_entries(&self, mode: Mode, focus: Focus) -> Vec<(String, &'static str)> {
        group(
            self.bindings.iter().filter(|b| b.mode == mode),
            |b| match b.footer {
                Footer::No => None,
                Footer::Yes => Some(b.help),
                Footer::InList(short) => (focus == Focus::List).then_some(short),
            },
        )
    }
}

/// Groups bindings by description, joining their keys with `/`.
fn group<'b>(
    bindings: impl Iterator<Item = &'b Binding>,
    describe: impl Fn(&Binding) -> Option<&'static str>,
) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for b in bindings {
        let Some(help) = describe(b) else { continue };
        let label = key_label(b);
        match out.iter_mut().find(|(_, h)| *h == help) {
            Some((keys, _)) => {
                keys.push('/');
                keys.push_str(&label);
            }
            None => out.push((label, help)),
        }
    }
    out
}

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

/// How a key is written in help and the footer.
#[must_use]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_bindings_collide_within_a_mode() {
        for (i, a) in DEFAULTS.iter().enumerate() {
            for b in &DEFAULTS[i + 1..] {
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
    fn every_mode_can_be_left_and_every_binding_is_nameable() {
        for mode in [Help, Search, Problems] {
            assert!(
                DEFAULTS
                    .iter()
                    .any(|b| b.mode == mode && b.action == A::CloseOverlay)
            );
        }
        assert!(
            DEFAULTS
                .iter()
                .any(|b| b.mode == Browse && b.action == A::Quit)
        );
        for b in DEFAULTS {
            assert!(b.action.name().is_some(), "{:?} has no name", b.action);
        }
    }

    #[test]
    fn help_groups_keys_by_description() {
        let keys = Keymap::default();
        let entries = keys.help_entries(Browse);
        let back = entries.iter().find(|(_, h)| *h == "back").unwrap();
        assert_eq!(back.0, "Backspace/Alt-←");
        assert_eq!(
            keys.lookup(Browse, &KeyEvent::new(Char('G'), NONE)),
            Some(A::Bottom)
        );
        assert_eq!(
            keys.lookup(Browse, &KeyEvent::new(Char('G'), SHIFT)),
            Some(A::Bottom)
        );
        assert_eq!(keys.key(Browse, &A::OpenProblems).as_deref(), Some("p"));
        assert_eq!(keys.key(Help, &A::OpenProblems), None);
    }

    #[test]
    fn the_footer_offers_the_detail_only_from_the_list() {
        let keys = Keymap::default();
        let list = keys.footer_entries(Browse, Focus::List);
        assert_eq!(list[2], ("→".to_owned(), "detail"));
        let detail = keys.footer_entries(Browse, Focus::Detail);
        assert!(detail.iter().all(|(_, h)| *h != "detail"));
        assert_eq!(list.len(), detail.len() + 1);
    }
}
