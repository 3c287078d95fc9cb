//! Reading habits in the real binary, in a pseudo-terminal (#13): `n`/`N` after a search,
//! the pane filter and Esc, and `e` handing the terminal to an editor and taking it back.

mod common;

use std::path::Path;

use common::Pty;

#[test]
fn n_and_n_step_through_the_search_results_from_any_pane() {
    let mut pty = Pty::spawn(&[], 120, 40);
    pty.wait_for("[2 Actors 52");
    pty.send("/kenya");
    pty.wait_until(
        |s| s.contains("/ kenya") && s.lines().any(|l| l.contains(" of ") && l.contains("kenya")),
        "results for kenya",
    );
    pty.send("\r");
    pty.wait_until(|s| !s.contains("/ kenya"), "the search closed");
    pty.send("n");
    pty.wait_for("result 2 of");
    pty.send("N");
    pty.wait_for("result 1 of");
    // From another pane, n goes to the search's current result first.
    pty.send("4");
    pty.wait_for("┌ Quotes 15");
    pty.send("n");
    pty.wait_for("result 1 of");
    pty.send("n");
    pty.wait_for("result 2 of");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn the_pane_filter_narrows_the_list_and_esc_clears_it() {
    let mut pty = Pty::spawn(&[], 120, 40);
    pty.wait_for("[2 Actors 52");
    pty.send("2");
    pty.wait_for("┌ Actors 52");
    pty.send("f");
    pty.wait_for("filter actors");
    pty.send("kenya");
    // Each key filters at once; the screen that shows the whole word shows its result.
    pty.wait_until(
        |s| {
            s.contains("Actors · filtered: ")
                && s.contains(" of 52")
                && s.contains("filter actors kenya")
        },
        "the filtered list",
    );
    let screen = pty.screen();
    assert!(!screen.contains("Venezuela"), "{screen}");
    pty.send("\r");
    pty.wait_until(|s| !s.contains("filter actors"), "the filter line closed");
    assert!(pty.screen().contains("Actors · filtered: "));
    pty.send("\x1b");
    pty.wait_for("┌ Actors 52");
    pty.wait_for("filter cleared");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

/// A copy of the reading fixture in a folder of its own, and an editor script that records
/// its arguments and a line typed into it.
fn editable() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reading");
    for name in ["world.toml", "wire.txt"] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
    }
    let out = dir.path().join("editor-args.txt");
    let script = dir.path().join("editor.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nprintf 'EDITOR RUNNING\\n'\nread line\nprintf '%s\\n' \"$line\" >> '{}'\n",
            out.display(),
            out.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    (dir, script, out)
}

#[test]
#[cfg(unix)]
fn e_opens_the_editor_at_the_item_and_the_screen_comes_back() {
    let (dir, script, out) = editable();
    let folder = dir.path().to_str().unwrap().to_owned();
    let mut pty = Pty::spawn_with(
        &[&folder, "--open", "minister"],
        100,
        30,
        &[("EDITOR", script.to_str().unwrap()), ("VISUAL", "")],
    );
    pty.wait_for("Ada Example");
    pty.send("e");
    // The editor has the terminal: the browser's screen is gone, and keys reach it.
    pty.wait_for("EDITOR RUNNING");
    assert!(!pty.parser.lock().unwrap().screen().alternate_screen());
    pty.send("typed in the editor\r");
    pty.wait_for("back from");
    pty.wait_for("Ada Example");
    {
        let parser = pty.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(screen.alternate_screen(), "the browser's screen is back");
        assert!(!screen.contents().contains("EDITOR RUNNING"));
    }
    let args = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = args.lines().collect();
    let toml = std::fs::read_to_string(dir.path().join("world.toml")).unwrap();
    let line = toml.lines().position(|l| l == "id = \"minister\"").unwrap() + 1;
    assert_eq!(lines[0], format!("+{line}"), "{args}");
    assert!(
        Path::new(lines[1]).ends_with("world.toml"),
        "the path is one argument: {args}"
    );
    assert_eq!(lines[2], "typed in the editor", "keys went to the editor");
    // Still browsing: keys reach the browser again.
    pty.send("2");
    pty.wait_for("┌ Actors 13");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn e_on_the_bundled_briefings_says_why_it_cannot_edit() {
    let mut pty = Pty::spawn_with(&["--open", "kenya"], 100, 30, &[("EDITOR", "/bin/false")]);
    pty.wait_for("lead nation of the MSS");
    pty.send("e");
    pty.wait_for("compiled into the program");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}
