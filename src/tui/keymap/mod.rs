//! Keybindings as data: one table of (mode, key, action, description).
//!
//! Every key hint on screen comes from here: the footer, the `?` help overlay, overlay
//! titles and the hints inside messages ("press Enter"), so none can drift from the keys
//! that really work. [`Keymap`] is a value, built from [`DEFAULTS`]; actions have stable
//! names ([`crate::tui::action::Action::name`]), so user overrides can later be merged
//! into it by name.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

mod binding;
mod defaults;

pub use binding::{Binding, Footer, key_label};
pub use defaults::DEFAULTS;

use crate::tui::action::{Action as A, Focus, Mode};

use KeyCode::{BackTab, Char};

const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

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
                Footer::ByFocus(list, detail) => Some(match focus {
                    Focus::List => list,
                    Focus::Detail => detail,
                }),
            },
        )
    }
}

impl Keymap {
    /// Footer hints as [`Keymap::footer_entries`] gives them, each marked essential when
    /// it is the way to help, out, or back from an overlay: a narrow footer drops the
    /// others first.
    #[must_use]
    pub fn footer_hints(&self, mode: Mode, focus: Focus) -> Vec<(String, &'static str, bool)> {
        let essential = |help: &str| {
            self.bindings.iter().any(|b| {
                b.mode == mode
                    && b.help == help
                    && matches!(b.action, A::ToggleHelp | A::Quit | A::CloseOverlay)
            })
        };
        self.footer_entries(mode, focus)
            .into_iter()
            .map(|(keys, help)| {
                let e = essential(help);
                (keys, help, e)
            })
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use Mode::{Browse, Help, Problems, Search};

    const NONE: KeyModifiers = KeyModifiers::NONE;

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
