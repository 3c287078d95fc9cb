//! Reading state and the config in the real binary, in a real pseudo-terminal, with the
//! home, config and state folders in a temporary folder: read marks and the last position
//! survive a restart, bookmarks reach the export, and a new user's first steps work.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Pty, home_env};

/// The environment pointing every folder the program uses into `home`.
fn env(home: &Path) -> Vec<(String, String)> {
    home_env(home)
}

fn spawn(home: &Path, args: &[&str]) -> Pty {
    let env = env(home);
    let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Pty::spawn_with(args, 120, 40, &pairs)
}

fn briefing(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .envs(env(home))
        .env_remove("BRIEFING_CONFIG")
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// The list's part of the selected row.
fn selected_row(screen: &str) -> String {
    let line = screen
        .lines()
        .find(|l| l.contains('▶'))
        .unwrap_or_else(|| panic!("no selected row:\n{screen}"));
    line.split('│').nth(1).unwrap_or_default().to_owned()
}

/// Every file under a folder, relative to it.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn reading_state_survives_a_restart() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = spawn(home.path(), &[]);
    pty.wait_for("[2 Actors 52 •52]");
    pty.send("2");
    pty.wait_for("┌ Actors 52");
    pty.send("jjj");
    // Resting on the fourth actor with its detail on screen reads it after a second.
    pty.wait_for("[2 Actors 52 •51]");
    // A frame reaches the terminal in pieces: the row's mark may change after the tab's.
    pty.wait_until(
        |s| {
            s.lines()
                .any(|l| l.contains('▶') && !selected_row(l).contains('•'))
        },
        "the read row without its unread mark",
    );
    let row = selected_row(&pty.screen());
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();

    let mut again = spawn(home.path(), &[]);
    again.wait_for("[2 Actors 52 •51]");
    again.wait_for("┌ Actors 52");
    // The same item is selected.
    again.wait_until(
        |s| s.lines().any(|l| l.contains('▶') && selected_row(l) == row),
        "the same item selected",
    );
    // The other actors are still unread.
    again.wait_until(
        |s| s.lines().filter(|l| l.contains("│  •")).count() > 5,
        "the other actors unread",
    );
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn bookmarks_are_kept_listed_and_exported() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = spawn(home.path(), &[]);
    pty.wait_for("[4 Quotes 15");
    pty.send("4");
    pty.wait_for("┌ Quotes 15");
    pty.send("m");
    pty.wait_for("bookmarked “");
    pty.send("B");
    pty.wait_for("Bookmarks 1");
    pty.send("\x1b");
    pty.wait_until(|s| !s.contains("Bookmarks 1"), "the list closed");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let out = briefing(
        home.path(),
        &["export", "--bookmarks", "--format", "markdown"],
    );
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# Bookmarks\n\n*1 bookmarked item*"), "{md}");
    assert!(md.contains("## Quotes\n\n- "), "{md}");
    // The quote comes with its speaker, date and citation, as `y` copies it.
    assert!(md.contains("¶"), "{md}");

    let mut again = spawn(home.path(), &[]);
    again.wait_for("┌ Quotes 15");
    assert!(
        selected_row(&again.screen()).contains('★'),
        "{}",
        again.screen()
    );
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_new_user_gets_the_bundled_briefings_and_only_state_is_written() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = spawn(home.path(), &[]);
    pty.wait_for("Haiti: US weighs an OAS-led force");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let written = files(home.path());
    assert!(!written.is_empty());
    for f in &written {
        assert!(
            f.starts_with(".local/state/briefing"),
            "wrote {} outside the state dir",
            f.display()
        );
    }
}

#[test]
fn the_default_config_with_a_library_opens_that_library_next_time() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("briefings");
    std::fs::create_dir_all(&lib).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.toml");
    std::fs::copy(fixture, lib.join("minimal.toml")).unwrap();
    let out = briefing(home.path(), &["config", "--default"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let path = briefing(home.path(), &["config", "--path"]);
    let path = PathBuf::from(String::from_utf8(path.stdout).unwrap().trim());
    assert_eq!(path, home.path().join(".config/briefing/config.toml"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = text.replace(
        "# library = [\"~/briefings\"]",
        "library = [\"~/briefings\"]",
    );
    std::fs::write(&path, text).unwrap();
    let check = briefing(home.path(), &["config"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let mut pty = spawn(home.path(), &[]);
    pty.wait_for("A minimal briefing");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    // --bundled opens the built-in briefings whatever the config says.
    let mut bundled = spawn(home.path(), &["--bundled"]);
    bundled.wait_for("Haiti: US weighs an OAS-led force");
    bundled.send("q");
    assert_eq!(bundled.wait_exit(), 0);
}

#[test]
fn a_broken_config_still_starts_and_shows_its_problems() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".config/briefing");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[keys]\nquit = [\"x\"]\ncopy = [\"ctrl-entr\"]\n",
    )
    .unwrap();
    let mut pty = spawn(home.path(), &[]);
    pty.wait_for("⚠ 1 problem (p)");
    pty.wait_for("x quit");
    pty.send("p");
    pty.wait_for("unknown key `entr` in `ctrl-entr`");
    pty.send("\x1b");
    pty.wait_until(|s| !s.contains("Problems 1"), "the panel closed");
    pty.send("x");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn no_state_and_an_unwritable_state_dir_each_say_so_once() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = spawn(home.path(), &["--no-state"]);
    pty.wait_for("reading state is off (--no-state)");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(files(home.path()).is_empty(), "{:?}", files(home.path()));

    // A state folder that cannot be made: a file stands where it would go.
    std::fs::create_dir_all(home.path().join(".local")).unwrap();
    std::fs::write(home.path().join(".local/state"), "").unwrap();
    let mut pty = spawn(home.path(), &[]);
    pty.wait_for("reading state will not be saved");
    pty.send("2");
    pty.wait_for("┌ Actors 52");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_damaged_state_file_is_moved_aside_and_the_browser_says_so() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".local/state/briefing");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("state.json"), "\u{0}\u{1}not json").unwrap();
    let mut pty = spawn(home.path(), &[]);
    pty.wait_for("the reading state file is damaged");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let names: Vec<String> = files(&dir)
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("state.json.damaged-")),
        "{names:?}"
    );
    // The new file is valid state: the last position was saved into it.
    let state = std::fs::read_to_string(dir.join("state.json")).unwrap();
    assert!(state.starts_with("{\"format\":1"), "{state}");
}
