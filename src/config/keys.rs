//! `[keys]`: per-mode overrides by action name, merged into the one keymap. Entries directly
//! under `[keys]` are for browsing; `[keys.search]`, `[keys.help]` and the other modes
//! have tables of their own. A key bound to two actions in a mode is an error, and the
//! override that caused it is left out.

use std::ops::Range;

use toml::de::DeValue;

use super::did_you_mean;
use super::read::{Reader, Value, kind};
use crate::model::text::safe_line;
use crate::tui::action::{Action, BINDABLE, Mode};
use crate::tui::keymap::{
    DEFAULTS, KEY_NAMES, Keymap, MODIFIER_NAMES, Override, SpecError, key_label, mode_actions,
    mode_from_name, mode_name, parse_key,
};

/// An override with where its parts are in the file.
struct Placed {
    over: Override,
    keys: Vec<Range<usize>>,
}

/// Reads `[keys]` into the keymap.
pub(super) fn read(r: &mut Reader<'_>, v: &Value<'_>) -> Keymap {
    let Some(table) = v.get_ref().as_table() else {
        r.error(
            v.span(),
            "`keys` must be a table".into(),
            &format!("this is {}", kind(v)),
            Some("write it as [keys]".into()),
        );
        return Keymap::default();
    };
    let mut placed: Vec<Placed> = Vec::new();
    for (key, v) in table {
        let name = key.get_ref().as_ref();
        match (v.get_ref(), mode_from_name(name)) {
            (DeValue::Table(t), Some(mode)) => {
                for (k, v) in t {
                    entry(r, &mut placed, mode, k.get_ref(), k.span(), v);
                }
            }
            (DeValue::Table(_), None) => {
                let modes = Mode::ALL.map(mode_name);
                r.warning(
                    key.span(),
                    format!("unknown mode `{}`", safe_line(name)),
                    "not a mode; its keys are ignored",
                    did_you_mean(name, modes)
                        .or_else(|| Some(format!("the modes are {}", modes.join(", ")))),
                );
            }
            _ => entry(r, &mut placed, Mode::Browse, name, key.span(), v),
        }
    }
    let overrides: Vec<Override> = placed.iter().map(|p| p.over.clone()).collect();
    let (keymap, collisions) = Keymap::with_overrides(&overrides);
    for c in collisions {
        let p = &placed[c.dropped];
        let (mode, action) = (p.over.mode, p.over.action.name().unwrap_or("?"));
        let other = c.other.name().unwrap_or("?");
        let defaults: Vec<String> = DEFAULTS
            .iter()
            .filter(|b| b.mode == mode && b.action == p.over.action)
            .map(key_label)
            .collect();
        let keeps = if defaults.is_empty() {
            format!("`{action}` has no key until then")
        } else {
            format!(
                "`{action}` keeps its default keys ({}) until then",
                defaults.join(", ")
            )
        };
        let whose = if c.other_override.is_some() {
            "your"
        } else {
            "the default"
        };
        r.error(
            p.keys[c.key_index].clone(),
            format!(
                "`{}` is bound to both `{action}` and `{other}` in {} mode",
                c.key,
                mode_name(mode)
            ),
            &format!("{whose} key for `{other}` too"),
            Some(format!("give one of them another key; {keeps}")),
        );
    }
    keymap
}

/// One `action = ["key", …]` line.
fn entry(
    r: &mut Reader<'_>,
    placed: &mut Vec<Placed>,
    mode: Mode,
    name: &str,
    span: Range<usize>,
    v: &Value<'_>,
) {
    let in_mode = mode_actions(mode);
    let Some(action) = Action::from_name(name) else {
        let help = did_you_mean(name, in_mode.iter().filter_map(Action::name))
            .or_else(|| did_you_mean(name, BINDABLE.iter().filter_map(Action::name)));
        r.error(
            span,
            format!("unknown action `{}`", safe_line(name)),
            "not an action; this line is ignored",
            help,
        );
        return;
    };
    if !in_mode.contains(&action) {
        let names: Vec<&str> = in_mode.iter().filter_map(Action::name).collect();
        r.error(
            span,
            format!("`{name}` does nothing in {} mode", mode_name(mode)),
            "",
            Some(format!(
                "the actions of {} mode are {}",
                mode_name(mode),
                names.join(", ")
            )),
        );
        return;
    }
    let mut keys = Vec::new();
    let mut spans = Vec::new();
    for (spec, at) in r.strings(name, v) {
        match parse_key(spec) {
            Ok(chord) => {
                keys.push(chord);
                spans.push(at);
            }
            Err(e) => key_error(r, at, spec, &e),
        }
    }
    // Only `[]` unbinds: keys that were all refused, or a value that is not keys
    // (`move_down = 3`), keep the defaults, as any broken setting does.
    let unbinds = matches!(v.get_ref(), DeValue::Array(items) if items.is_empty());
    if keys.is_empty() && !unbinds {
        return;
    }
    // A config that leaves no way out would trap whoever runs it.
    if keys.is_empty() && action == Action::Quit {
        r.error(
            span,
            format!("`{name}` needs a key"),
            "this line is ignored: the default keys are kept",
            Some("without a key for quit the browser cannot be left; give at least one".into()),
        );
        return;
    }
    let over = Override { mode, action, keys };
    if let Some(old) = placed
        .iter_mut()
        .find(|p| p.over.mode == mode && p.over.action == over.action)
    {
        r.warning(
            span,
            format!("`{name}` is set twice for {} mode", mode_name(mode)),
            "this one is used",
            Some(
                "entries directly under [keys] and under [keys.browse] are both for browsing"
                    .into(),
            ),
        );
        *old = Placed { over, keys: spans };
    } else {
        placed.push(Placed { over, keys: spans });
    }
}

fn key_error(r: &mut Reader<'_>, at: Range<usize>, spec: &str, e: &SpecError) {
    let names = KEY_NAMES.iter().map(|(n, _)| *n);
    let (span, help) = match e {
        SpecError::UnknownKey(word) => (
            r.word_span(at, word),
            did_you_mean(word, names).or_else(|| {
                Some("a key is one character, or a name such as enter, esc, tab, space, up, pgdn or f5".into())
            }),
        ),
        SpecError::UnknownModifier(word) => (
            r.word_span(at, word),
            did_you_mean(word, MODIFIER_NAMES.iter().copied()).or_else(|| Some("the modifiers are ctrl-, alt- and shift-".into())),
        ),
        SpecError::Empty => (at, None),
        SpecError::Unshowable(_) => (
            at,
            Some("a key is a letter, digit or sign you can see, or a name such as enter, esc, tab, space, up, pgdn or f5".into()),
        ),
    };
    r.error(
        span,
        format!("{} in `{}`", safe_line(&e.to_string()), safe_line(spec)),
        "",
        help,
    );
}
