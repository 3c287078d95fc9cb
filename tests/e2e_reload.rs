//! Live reload in a real pseudo-terminal: edits appear, a broken save keeps the last good
//! view and shows its problem, a fix clears it, and the selection survives throughout.

mod common;

use std::path::Path;

use common::Pty;

const ROLE: &str = "role = \"lead nation of the MSS\"";

#[test]
fn three_reloads_keep_the_view_and_report_problems() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("haiti.toml");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/haiti-2025-05.toml"),
    )
    .unwrap();
    assert!(original.contains(ROLE));
    std::fs::write(&file, &original).unwrap();

    let dir_arg = dir.path().to_str().unwrap();
    let mut pty = Pty::spawn(&["--open", "kenya", dir_arg], 120, 40);
    pty.wait_for("lead nation of the MSS");
    // Select the list so that the selection is visible as a row.
    pty.send("h");
    pty.wait_until(|s| common::selected_is(s, "Kenya "), "Kenya selected");

    // 1. An edit appears.
    let edited = original.replace(ROLE, "role = \"lead nation of the MSS, edited live\"");
    std::fs::write(&file, &edited).unwrap();
    pty.wait_for("lead nation of the MSS, edited live");

    // 2. A broken save keeps the last good content and shows the problem.
    let line = edited
        .lines()
        .position(|l| l.contains("edited live"))
        .unwrap()
        + 1;
    let broken = edited.replace(
        "role = \"lead nation of the MSS, edited live\"",
        "role = \"lead nation of the MSS, edited live",
    );
    std::fs::write(&file, &broken).unwrap();
    pty.wait_for("⚠ 1 problem");
    // The status line says the screen shows the file as it last loaded.
    pty.wait_for("haiti.toml is shown as it last loaded");
    assert!(pty.screen().contains("lead nation of the MSS, edited live"));
    assert!(common::selected_is(&pty.screen(), "Kenya "));
    pty.send("p");
    pty.wait_for(&format!("haiti.toml:{line}:"));
    pty.send("\r");
    pty.wait_for("^");
    pty.send("\x1b");

    // 3. The fix clears the marker and the selection is still Kenya.
    std::fs::write(&file, &edited).unwrap();
    pty.wait_until(|s| !s.contains("⚠"), "the problems marker to clear");
    assert!(common::selected_is(&pty.screen(), "Kenya "));

    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// A second browser on the same folder, watching, is the control: once it shows the edit,
/// the change has reached every watcher, so the one started with `--no-watch` would have
/// reloaded too if it were watching.
#[test]
fn no_watch_turns_reload_off() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("haiti.toml");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/haiti-2025-05.toml"),
    )
    .unwrap();
    std::fs::write(&file, &original).unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let mut off = Pty::spawn(&["--no-watch", "--open", "kenya", dir_arg], 120, 40);
    let mut on = Pty::spawn(&["--open", "kenya", dir_arg], 120, 40);
    off.wait_for("lead nation of the MSS");
    on.wait_for("lead nation of the MSS");
    std::fs::write(
        &file,
        original.replace(ROLE, "role = \"changed by an edit\""),
    )
    .unwrap();
    on.wait_for("changed by an edit");
    // The unwatched browser draws again after that, and still shows the old text.
    off.send("h");
    off.wait_until(|s| common::selected_is(s, "Kenya "), "Kenya selected");
    let screen = off.screen();
    assert!(screen.contains("lead nation of the MSS"), "{screen}");
    assert!(!screen.contains("changed by an edit"), "{screen}");
    for pty in [&mut off, &mut on] {
        pty.send("q");
        assert_eq!(pty.wait_exit(), 0);
    }
}

/// Paths given relative to the working folder (`briefing .`, `briefing haiti.toml`) reload
/// too: the watcher reports absolute paths, and they must still match.
#[test]
fn relative_paths_reload() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("haiti.toml");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/haiti-2025-05.toml"),
    )
    .unwrap();
    std::fs::write(&file, &original).unwrap();
    let mut folder = Pty::spawn_in(dir.path(), &["--open", "kenya", "."], (120, 40), &[]);
    let mut one = Pty::spawn_in(
        dir.path(),
        &["--open", "kenya", "haiti.toml"],
        (120, 40),
        &[],
    );
    folder.wait_for("lead nation of the MSS");
    one.wait_for("lead nation of the MSS");
    std::fs::write(
        &file,
        original.replace(ROLE, "role = \"changed by an edit\""),
    )
    .unwrap();
    folder.wait_for("changed by an edit");
    one.wait_for("changed by an edit");
    for pty in [&mut folder, &mut one] {
        pty.send("q");
        assert_eq!(pty.wait_exit(), 0);
    }
}
