//! A library over time in the real binary, in a pseudo-terminal: what changed is on
//! screen, an earlier view says so, the scope narrows and widens, and a briefing added while
//! the browser runs joins the tabs and counts.

mod common;

use std::path::{Path, PathBuf};

use common::Pty;

fn series() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/series")
}

fn spawn(args: &[&str]) -> Pty {
    let dir = series();
    let mut all = vec![dir.to_str().unwrap(), "--no-watch"];
    all.extend_from_slice(args);
    Pty::spawn(&all, 120, 40)
}

fn quit(mut pty: Pty) {
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn the_series_shows_what_changed_with_history() {
    let mut pty = spawn(&["--open", "summit"]);
    pty.wait_for("testland series · 3 briefings");
    pty.wait_for("as of 2024-12-01");
    // The event whose status changed, with its history.
    pty.wait_for("status      ● occurred");
    pty.wait_for("History (3 versions)");
    pty.wait_for("status: scheduled → occurred");
    pty.wait_for("date: 2024-09 → 2024-09-12");
    // The actor whose role changed, and the relation a later briefing did not restate.
    pty.send("2");
    pty.wait_until(
        |s| s.lines().any(|l| l.contains('▶') && l.contains("Ana")),
        "Ana selected",
    );
    pty.wait_for("role: foreign minister → prime minister");
    pty.wait_for("not restated since 2024-12-01");
    // The Changes pane: changed items, the new one, and the relation.
    pty.send("5");
    pty.wait_for("✚ new in the latest briefing (1)");
    pty.wait_for("✚ event  Ceasefire agreed at the summit");
    pty.wait_for("✎ event  Regional summit in the capital");
    pty.wait_for("✎ actor  Ana Example  · role");
    // Under the date of the briefing that no longer states it, the whole sentence.
    pty.wait_for("? not restated since 2024-12-01 (1)");
    pty.wait_for("Ana Example → member of → ");
    quit(pty);
}

#[test]
fn as_of_the_middle_date_shows_the_middle_state() {
    let pty = spawn(&["--as-of", "2024-06-01", "--open", "summit"]);
    pty.wait_for("as of 2024-06-01 (earlier view)");
    pty.wait_for("testland series · 2 briefings");
    pty.wait_for("status      ◌ scheduled");
    pty.wait_for("History (2 versions)");
    pty.wait_until(|s| !s.contains("Ceasefire"), "no ceasefire yet");
    quit(pty);
}

#[test]
fn time_travel_keys_step_back_and_forward() {
    let mut pty = spawn(&["--open", "summit"]);
    pty.wait_for("status      ● occurred");
    pty.send("[");
    pty.wait_for("as of 2024-06-01 (earlier view)");
    pty.wait_for("status      ◌ scheduled");
    pty.send("[");
    pty.wait_for("as of 2024-01-15 (earlier view)");
    pty.send("[");
    pty.wait_for("this is the earliest briefing date");
    pty.send("]");
    pty.wait_for("as of 2024-06-01 (earlier view)");
    pty.send("]");
    pty.wait_until(
        |s| {
            s.lines()
                .next()
                .is_some_and(|l| l.ends_with("as of 2024-12-01"))
        },
        "back to now",
    );
    pty.wait_for("status      ● occurred");
    quit(pty);
}

/// Enter on a briefing in the Overview narrows to it; the scope key widens back to all.
#[test]
fn enter_narrows_and_the_scope_key_widens() {
    let mut pty = spawn(&[]);
    pty.wait_for("[2 Actors 2 ");
    pty.wait_until(
        |s| {
            s.lines()
                .any(|l| l.contains("▶    ▣ Testland: a summit is") && l.contains("…  2024-01-15"))
        },
        "the first briefing selected",
    );
    pty.send("\r");
    pty.wait_for("showing Testland: a summit is scheduled (2024-01-15)");
    pty.wait_until(
        |s| {
            s.lines()
                .next()
                .is_some_and(|l| l.contains("Testland: a summit is scheduled"))
        },
        "the header names the briefing",
    );
    pty.wait_for("[3 Timeline 1 ");
    pty.send("s");
    pty.wait_for("testland series · 3 briefings");
    pty.wait_for("[3 Timeline 2 ");
    quit(pty);
}

fn copy_series(to: &Path, names: &[&str]) {
    for name in names {
        std::fs::copy(series().join(name), to.join(name)).unwrap();
    }
}

#[test]
fn a_briefing_added_while_running_joins_tabs_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    copy_series(dir.path(), &["s1.toml", "s2.toml"]);
    let mut pty = Pty::spawn(&[dir.path().to_str().unwrap()], 120, 40);
    pty.wait_for("testland series · 2 briefings");
    pty.wait_for("[3 Timeline 1 ");
    pty.wait_for("[5 Changes 0]");
    copy_series(dir.path(), &["s3.toml"]);
    pty.wait_for("testland series · 3 briefings");
    pty.wait_for("[3 Timeline 2 ");
    // Two changed items, the new one, and the relation no longer stated.
    pty.wait_for("[5 Changes 4 ");
    std::fs::remove_file(dir.path().join("s3.toml")).unwrap();
    pty.wait_for("testland series · 2 briefings");
    pty.wait_for("[3 Timeline 1 ");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}
