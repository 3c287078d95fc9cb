//! One payload through every output (issue #10 acceptance): a fixture whose every id, key,
//! value and file name carries an injection payload goes through `search` (text and JSON),
//! `check` (human and JSON), `export` and the browser, each in a real pseudo-terminal, and the
//! window title never changes.

mod common;
mod hostile_offence;

use std::path::{Path, PathBuf};

use common::Pty;
use hostile_offence::offence;

/// A payload for file names: a title change, a C1 CSI and a bidi override.
const NAME_PAYLOAD: &str = "\u{1b}]0;pwned-name\u{7}\u{9b}31m\u{202e}";

/// A folder holding the payload fixture (which fails on its ids) and the injection fixture
/// (which loads, so its values reach every output), both under hostile file names.
fn payload_folder() -> tempfile::TempDir {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let dir = tempfile::tempdir().unwrap();
    for (name, target) in [("payload.toml", "pay"), ("injection.toml", "inj")] {
        let to = dir.path().join(format!("{target}{NAME_PAYLOAD}.toml"));
        std::fs::copy(fixtures.join(name), to).unwrap();
    }
    dir
}

/// Runs the binary in a pty until it exits, and checks what reached the terminal.
fn run_clean(args: &[&str]) -> String {
    let mut pty = Pty::spawn(args, 200, 60);
    let code = pty.wait_exit();
    let raw = pty.raw.lock().unwrap().clone();
    assert_eq!(
        offence(&raw),
        None,
        "{args:?}: {}",
        String::from_utf8_lossy(&raw)
    );
    assert!(
        pty.parser.lock().unwrap().callbacks().0.is_empty(),
        "{args:?} changed the window title"
    );
    assert!(code <= 1, "{args:?} exited {code}");
    String::from_utf8_lossy(&raw).into_owned()
}

#[test]
fn every_command_passes_the_payload_and_keeps_the_title() {
    let dir = payload_folder();
    let d = dir.path().to_str().unwrap();
    let search = run_clean(&["search", "payload | hostile | evil", d]);
    assert!(search.contains("^[]0;pwned-title^G"), "{search}");
    let json = run_clean(&["search", "--json", "evil", d]);
    assert!(json.contains("^[]0;pwned-title^G"), "{json}");
    let check = run_clean(&["check", d]);
    assert!(
        check.contains("pay^[]0;pwned-name^G⟨U+009B⟩31m⟨U+202E⟩.toml"),
        "{check}"
    );
    assert!(check.contains("actor id `actor^[[2J"), "{check}");
    assert!(check.contains("unknown key `\"key\\u001b"), "{check}");
    let check_json = run_clean(&["check", "--format", "json", d]);
    assert!(check_json.contains("\"severity\""), "{check_json}");
    let export = run_clean(&["export", "--format", "json", d]);
    assert!(export.contains("\\u202E"), "{export}");
    let markdown = run_clean(&["export", "--format", "markdown", d]);
    assert!(markdown.contains("⟨U+202E⟩"), "{markdown}");
}

#[test]
fn the_browser_passes_the_payload_and_keeps_the_title() {
    let dir = payload_folder();
    let path: PathBuf = dir.path().to_path_buf();
    let mut pty = Pty::spawn(&[path.to_str().unwrap()], 120, 40);
    pty.wait_for("Hostile");
    for (keys, expect) in [
        ("2", "Actors"),
        ("l", "Evil"),
        ("3", "Timeline"),
        ("l", "Attack"),
        ("4", "Quotes"),
        ("l", "Quote"),
        ("1", "Overview"),
        ("p", "Enter shows context"),
    ] {
        pty.send(keys);
        pty.wait_for(expect);
    }
    pty.send("\x1b");
    pty.wait_until(
        |s| !s.contains("Enter shows context"),
        "the problems overlay to close",
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let raw = pty.raw.lock().unwrap().clone();
    assert_eq!(offence(&raw), None);
    assert!(
        pty.parser.lock().unwrap().callbacks().0.is_empty(),
        "the window title was changed"
    );
    pty.assert_restored();
}
