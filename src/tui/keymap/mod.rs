//! Keybindings as data: one table of (mode, key, action, description).
//!
//! Every key hint on screen comes from here: the footer, the `?` help overlay, overlay
//! titles and the hints inside messages ("press Enter"), so none can drift from the keys
//! that really work. [`Keymap`] is a value, built from [`DEFAULTS`] and the user's
//! overrides, merged by action name ([`crate::tui::action::Action::name`]) into the same
//! table, so the footer and help show the user's keys.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

mod binding;
mod defaults;
mod overrides;
mod spec;

use binding::same_key;
pub use binding::{Binding, Footer, key_label};
pub use defaults::DEFAULTS;
pub use overrides::{Collision, Override, mode_actions, mode_from_name, mode_name};
pub use spec::{Chord, KEY_NAMES, MODIFIER_NAMES, SpecError, key_spec, parse_key};

use crate::tui::action::{Action as A, Focus, Mode};

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
    /// The defaults with the user's overrides merged in. Overrides that would bind a key to
    /// two actions in one mode are left out, the later of two overrides first, and returned
    /// as collisions.
    #[must_use]
    pub fn with_overrides(overrides: &[Override]) -> (Keymap, Vec<Collision>) {
        let (bindings, collisions) = overrides::merged(overrides);
        (Keymap { bindings }, collisions)
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use Mode::{Browse, Help, Problems, Search};
    use ratatui::crossterm::event::KeyCode::Char;
    use ratatui::crossterm::event::KeyModifiers;

    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

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

#[cfg(test)]
mod override_tests {
    use super::*;
    use crate::tui::action::{Action, Focus};

    fn over(mode: Mode, action: Action, keys: &[&str]) -> Override {
        Override {
            mode,
            action,
            keys: keys.iter().map(|k| parse_key(k).unwrap()).collect(),
        }
    }

    #[test]
    fn an_override_replaces_the_keys_and_shows_in_footer_and_help() {
        let (keys, collisions) =
            Keymap::with_overrides(&[over(Mode::Browse, Action::Quit, &["x", "ctrl-q"])]);
        assert!(collisions.is_empty(), "{collisions:?}");
        let q = KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char('q'),
            ratatui::crossterm::event::KeyModifiers::NONE,
        );
        assert_eq!(keys.lookup(Mode::Browse, &q), None);
        let footer = keys.footer_entries(Mode::Browse, Focus::List);
        assert!(footer.contains(&("x".to_owned(), "quit")), "{footer:?}");
        let help = keys.help_entries(Mode::Browse);
        assert!(help.contains(&("x/Ctrl-q".to_owned(), "quit")), "{help:?}");
    }

    #[test]
    fn a_colliding_override_is_left_out_and_reported() {
        let overrides = [
            over(Mode::Browse, Action::Quit, &["x"]),
            over(Mode::Browse, Action::Copy, &["c", "/"]),
        ];
        let (keys, collisions) = Keymap::with_overrides(&overrides);
        assert_eq!(collisions.len(), 1, "{collisions:?}");
        let c = &collisions[0];
        assert_eq!((c.dropped, c.key.as_str(), c.key_index), (1, "/", 1));
        assert_eq!(c.other, Action::OpenSearch);
        assert_eq!(c.other_override, None);
        // Copy keeps its default key; quit has the user's.
        assert_eq!(keys.key(Mode::Browse, &Action::Copy).as_deref(), Some("y"));
        assert_eq!(keys.key(Mode::Browse, &Action::Quit).as_deref(), Some("x"));
    }

    #[test]
    fn freeing_a_key_first_lets_another_action_take_it() {
        let overrides = [
            over(Mode::Browse, Action::Copy, &["q"]),
            over(Mode::Browse, Action::Quit, &["x"]),
        ];
        let (keys, collisions) = Keymap::with_overrides(&overrides);
        assert!(collisions.is_empty(), "{collisions:?}");
        assert_eq!(keys.key(Mode::Browse, &Action::Copy).as_deref(), Some("q"));
    }

    #[test]
    fn an_empty_list_unbinds() {
        let (keys, _) = Keymap::with_overrides(&[over(Mode::Browse, Action::Copy, &[])]);
        assert_eq!(keys.key(Mode::Browse, &Action::Copy), None);
    }

    #[test]
    fn every_mode_has_a_name_that_reads_back() {
        for mode in Mode::ALL {
            assert_eq!(mode_from_name(mode_name(mode)), Some(mode));
            assert!(!mode_actions(mode).is_empty(), "{mode:?}");
        }
    }
}
