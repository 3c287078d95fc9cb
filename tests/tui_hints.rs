//! Every key hint on screen comes from the keymap: walk every mode, read the hints the
//! screen shows (footer, overlay titles, the tab line, the header, messages) and check that
//! each key is bound in that mode.

mod common;

use briefing::model::{LoadOptions, load_bundled, load_paths};
use briefing::tui::action::{Action, Mode};
use briefing::tui::app::App;
use briefing::tui::keymap::{Keymap, key_label};
use briefing::tui::theme::Theme;
use common::drive::{act, draw, text, type_text};

/// The labels of every key bound in a mode.
fn labels(keys: &Keymap, mode: Mode) -> Vec<String> {
    keys.bindings()
        .iter()
        .filter(|b| b.mode == mode)
        .map(key_label)
        .collect()
}

/// The keys in a hint's leading token: `j/k` is `j` and `k`; `/` is itself.
fn keys_of(token: &str) -> Vec<&str> {
    if token == "/" {
        vec!["/"]
    } else {
        token.split('/').collect()
    }
}

/// Checks each " · "-separated hint's first token against a mode's keys.
fn check_hints(screen: &str, what: &str, hints: &str, keys: &Keymap, mode: Mode, n: &mut usize) {
    let bound = labels(keys, mode);
    for hint in hints.split(" · ") {
        let token = hint.split_whitespace().next().unwrap_or_default();
        for key in keys_of(token) {
            assert!(
                bound.iter().any(|b| b == key),
                "{what}: `{key}` in “{hint}” is not bound in {mode:?}\n{screen}"
            );
            *n += 1;
        }
    }
}

/// Reads every hint on a screen drawn in `mode`; returns how many keys it checked.
fn check_screen(app: &mut App, w: u16, h: u16) -> usize {
    let mode = app.mode();
    let screen = text(&draw(app, w, h));
    let rows: Vec<&str> = screen.lines().collect();
    let keys = app.keys().clone();
    let mut n = 0;
    // The footer: hints for the mode, unless a message is showing.
    let footer = rows[rows.len() - 1].trim();
    if app.status().is_none() {
        assert!(!footer.is_empty(), "{mode:?} has a footer\n{screen}");
        check_hints(&screen, "footer", footer, &keys, mode, &mut n);
    }
    // The tab line's hints, "/ search  ? help", unless an overlay covers them; at 80
    // columns the tabs' full names take their room (the footer has them too).
    if mode == Mode::Browse {
        match rows[1].rsplit_once("   ") {
            Some((_, right)) => {
                for hint in right.split("  ") {
                    check_hints(&screen, "tab line", hint, &keys, Mode::Browse, &mut n);
                }
            }
            None => assert!(w < 100, "hints right of the tabs\n{screen}"),
        }
    }
    // The header's "⚠ N problems (p)".
    if let Some((_, problems)) = rows[0].split_once("⚠ ") {
        let key = problems
            .split_once('(')
            .unwrap()
            .1
            .split(')')
            .next()
            .unwrap();
        check_hints(&screen, "header", key, &keys, Mode::Browse, &mut n);
    }
    // An overlay's title: "Name · Enter opens · Esc closes".
    if mode != Mode::Browse {
        let title = rows
            .iter()
            .find_map(|r| {
                let start = r.find("┌ ")? + "┌ ".len();
                let rest = &r[start..];
                rest.contains(" · ")
                    .then(|| &rest[..rest.find(" ─").unwrap_or(rest.len())])
            })
            .unwrap_or_else(|| panic!("{mode:?} has a title with hints\n{screen}"));
        let hints = title.split_once(" · ").unwrap().1;
        check_hints(&screen, "title", hints, &keys, mode, &mut n);
    }
    n
}

fn bundled() -> App {
    let (lib, report) = load_bundled();
    App::new(lib, report, Theme::new(false))
}

#[test]
fn every_key_shown_in_every_mode_is_bound_there() {
    let mut app = bundled();
    let mut seen = 0;
    for (w, h) in [(120, 40), (80, 24)] {
        let mut checked = Vec::new();
        // Browsing, the list and the detail.
        checked.push(check_screen(&mut app, w, h));
        act(&mut app, Action::FocusDetail);
        checked.push(check_screen(&mut app, w, h));
        act(&mut app, Action::FocusList);
        // Help.
        act(&mut app, Action::ToggleHelp);
        checked.push(check_screen(&mut app, w, h));
        act(&mut app, Action::CloseOverlay);
        // Search, empty and with results.
        act(&mut app, Action::OpenSearch);
        checked.push(check_screen(&mut app, w, h));
        type_text(&mut app, "kenya");
        checked.push(check_screen(&mut app, w, h));
        act(&mut app, Action::CloseOverlay);
        // Problems, with none.
        act(&mut app, Action::OpenProblems);
        checked.push(check_screen(&mut app, w, h));
        act(&mut app, Action::CloseOverlay);
        assert!(checked.iter().all(|&n| n > 0), "{w}x{h}: {checked:?}");
        seen += checked.iter().sum::<usize>();
    }
    assert!(seen > 40, "{seen} keys checked");
}

#[test]
fn hints_with_problems_and_in_messages_name_bound_keys() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (lib, report) = load_paths(
        &[
            dir.join("valid/minimal.toml"),
            dir.join("invalid/unknown_key.toml"),
        ],
        LoadOptions::default(),
    )
    .unwrap();
    assert!(!report.diagnostics.is_empty());
    let mut app = App::new(lib, report, Theme::new(false));
    // The header names the problems key; the panel's title its keys.
    assert!(check_screen(&mut app, 120, 40) > 0);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(
        screen.lines().next().unwrap().contains("problems (p)"),
        "{screen}"
    );
    act(&mut app, Action::OpenProblems);
    assert!(check_screen(&mut app, 120, 40) > 0);
    act(&mut app, Action::CloseOverlay);
    // Enter on a detail line that is not a link says which key follows links.
    act(&mut app, Action::FocusDetail);
    act(&mut app, Action::Top);
    act(&mut app, Action::Activate);
    let status = app.status().unwrap().to_owned();
    let key = status.rsplit("press ").next().unwrap();
    assert!(status.starts_with("not a link"), "{status}");
    assert!(
        labels(app.keys(), Mode::Browse).iter().any(|l| l == key),
        "{status}"
    );
}
