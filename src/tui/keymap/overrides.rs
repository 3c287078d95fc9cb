//! The user's keys merged into the one table: an override names a mode and an action and
//! replaces that action's keys there. The merged table is checked for collisions, as the
//! defaults are; an override that collides is left out (its action keeps its default keys)
//! and reported, so a mistake in the config never leaves a key doing two things.

use ratatui::crossterm::event::KeyEvent;

use super::binding::{Binding, Footer, key_label, same_key};
use super::defaults::DEFAULTS;
use super::spec::Chord;
use crate::tui::action::{Action, Mode};

/// The keys a user gives one action in one mode, replacing its default keys there. An empty
/// list unbinds the action.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    /// The mode.
    pub mode: Mode,
    /// The action.
    pub action: Action,
    /// Its keys, in the order the footer and help show them.
    pub keys: Vec<Chord>,
}

/// A key bound to two actions in one mode by the merged table.
#[derive(Clone, Debug, PartialEq)]
pub struct Collision {
    /// The override that was left out.
    pub dropped: usize,
    /// The key, as hints write it.
    pub key: String,
    /// Which key of the dropped override it is.
    pub key_index: usize,
    /// The other action the key is bound to.
    pub other: Action,
    /// The override that binds the other action, if the key is not its default.
    pub other_override: Option<usize>,
}

/// The name of a mode, as a config file writes it (`[keys.search]`).
#[must_use]
pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Browse => "browse",
        Mode::Help => "help",
        Mode::Search => "search",
        Mode::Problems => "problems",
        Mode::Scope => "scope",
        Mode::Bookmarks => "bookmarks",
        Mode::Reader => "reader",
        Mode::Filter => "filter",
        Mode::Network => "network",
    }
}

/// The mode a config file names.
#[must_use]
pub fn mode_from_name(name: &str) -> Option<Mode> {
    Mode::ALL.into_iter().find(|m| mode_name(*m) == name)
}

/// The actions that do something in a mode: those it has default keys for, in help order.
#[must_use]
pub fn mode_actions(mode: Mode) -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    for b in DEFAULTS.iter().filter(|b| b.mode == mode) {
        if !out.contains(&b.action) {
            out.push(b.action.clone());
        }
    }
    out
}

/// The defaults with the overrides merged in, and the collisions of those left out.
pub(super) fn merged(overrides: &[Override]) -> (Vec<Binding>, Vec<Collision>) {
    let mut active: Vec<bool> = vec![true; overrides.len()];
    let mut collisions = Vec::new();
    loop {
        let (map, origin) = merge(overrides, &active);
        match first_collision(&map, &origin) {
            Some(c) => {
                active[c.dropped] = false;
                collisions.push(c);
            }
            None => return (map, collisions),
        }
    }
}

/// Where a binding of the merged table came from: an override and which of its keys.
type Origin = Option<(usize, usize)>;

/// The merged table, and for each binding the override it came from. Overrides name each
/// (mode, action) at most once.
fn merge(overrides: &[Override], active: &[bool]) -> (Vec<Binding>, Vec<Origin>) {
    let mut bindings: Vec<Binding> = Vec::new();
    let mut origin: Vec<Origin> = Vec::new();
    let mut placed = vec![false; overrides.len()];
    let place = |i: usize, bindings: &mut Vec<Binding>, origin: &mut Vec<Origin>| {
        for (binding, k) in user_bindings(&overrides[i]) {
            bindings.push(binding);
            origin.push(Some((i, k)));
        }
    };
    for b in DEFAULTS {
        let replaced = (0..overrides.len())
            .find(|&i| active[i] && overrides[i].mode == b.mode && overrides[i].action == b.action);
        match replaced {
            None => {
                bindings.push(b.clone());
                origin.push(None);
            }
            Some(i) if !placed[i] => {
                placed[i] = true;
                place(i, &mut bindings, &mut origin);
            }
            Some(_) => {}
        }
    }
    // Overrides for actions without a default key in their mode go at the end.
    for i in 0..overrides.len() {
        if active[i] && !placed[i] {
            place(i, &mut bindings, &mut origin);
        }
    }
    (bindings, origin)
}

/// An override's bindings with the index of each key, described as the action's first
/// default binding in its mode is: its first key takes the footer place, if the action
/// has one. A key listed twice is bound once.
fn user_bindings(o: &Override) -> Vec<(Binding, usize)> {
    let defaults: Vec<&Binding> = DEFAULTS
        .iter()
        .filter(|b| b.mode == o.mode && b.action == o.action)
        .collect();
    let help = defaults
        .first()
        .map_or_else(|| o.action.name().unwrap_or("?"), |b| b.help);
    let footer = defaults
        .iter()
        .map(|b| b.footer)
        .find(|f| *f != Footer::No)
        .unwrap_or(Footer::No);
    // A default key the user keeps keeps its footer place; else the first key takes it.
    let kept = |chord: &Chord| {
        defaults
            .iter()
            .find(|b| b.code == chord.code && b.mods == chord.mods)
            .map(|b| b.footer)
    };
    let footer_kept = o
        .keys
        .iter()
        .any(|c| kept(c).is_some_and(|f| f != Footer::No));
    let mut out: Vec<(Binding, usize)> = Vec::new();
    for (k, chord) in o.keys.iter().enumerate() {
        if o.keys[..k].contains(chord) {
            continue;
        }
        let place = match kept(chord) {
            _ if footer_kept => kept(chord).unwrap_or(Footer::No),
            _ if out.is_empty() => footer,
            _ => Footer::No,
        };
        out.push((
            Binding {
                mode: o.mode,
                code: chord.code,
                mods: chord.mods,
                action: o.action.clone(),
                help,
                footer: place,
            },
            k,
        ));
    }
    out
}

/// The first key bound to two actions in a mode where an override is involved.
fn first_collision(b: &[Binding], origin: &[Origin]) -> Option<Collision> {
    for i in 0..b.len() {
        for j in i + 1..b.len() {
            let probe = KeyEvent::new(b[j].code, b[j].mods);
            if b[i].mode != b[j].mode || !same_key(&b[i], &probe) || b[i].action == b[j].action {
                continue;
            }
            // Leave out the later override; a default never collides with a default.
            let (drop, keep) = match (origin[i], origin[j]) {
                (Some((x, _)), Some((y, _))) if x > y => (i, j),
                (_, Some(_)) => (j, i),
                (Some(_), None) => (i, j),
                (None, None) => continue,
            };
            let (dropped, key_index) = origin[drop]?;
            return Some(Collision {
                dropped,
                key: key_label(&b[drop]),
                key_index,
                other: b[keep].action.clone(),
                other_override: origin[keep].map(|(o, _)| o),
            });
        }
    }
    None
}
