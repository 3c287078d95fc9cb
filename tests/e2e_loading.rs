//! Loading in a real pseudo-terminal: the browser draws a loading screen at once and
//! answers quit, help and resizes while it loads; `check` shows progress on a terminal and
//! never on a pipe.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::Pty;

/// A generated library of `n` small briefings, each with its own source and actor.
fn small_library(dir: &Path, n: usize) {
    for i in 0..n {
        let mut s = String::new();
        let _ = write!(
            s,
            "[briefing]\nid = \"brief-{i}\"\ntitle = \"Briefing number {i}\"\nas_of = \"2025-05\"\nsummary = \"Generated for a loading test.\"\n\n[[sources]]\nid = \"src\"\ntitle = \"Source {i}\"\nkind = \"report\"\n\n[[actors]]\nid = \"actor-{i}\"\nname = \"Actor {i}\"\nkind = \"person\"\nrole = \"someone\"\ncite = [{{ source = \"src\", locator = \"¶1\" }}]\n"
        );
        std::fs::write(dir.join(format!("b{i:05}.toml")), s).unwrap();
    }
}

#[test]
fn check_shows_progress_on_a_terminal_and_never_on_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    small_library(dir.path(), 2_000);
    let path = dir.path().to_str().unwrap();
    // The delay before progress shows is set to nothing, so the test does not depend on
    // how fast this machine loads 2,000 files.
    let env = [("BRIEFING_PROGRESS_AFTER_MS", "0")];
    let mut pty = Pty::spawn_with(&["check", "--no-cache", path], 120, 40, &env);
    assert_eq!(pty.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&pty.raw.lock().unwrap()).into_owned();
    assert!(raw.contains(" of 2,000 files · "), "{raw}");
    assert!(raw.contains('━'), "a bar is drawn: {raw}");
    // The line is erased: the screen ends with the summary alone.
    let screen = pty.screen();
    assert!(screen.contains("checked 2000 files"), "{screen}");
    assert!(!screen.contains(" of 2,000 files"), "{screen}");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["check", "--no-cache", path])
        .env("BRIEFING_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "checked 2000 files: 2000 briefings, 2000 actors, 0 relations, 0 events, 0 quotes, 2000 sources; 0 errors, 0 warnings\n"
    );
}

#[test]
fn the_browser_draws_at_once_and_answers_help_resize_and_quit_while_loading() {
    let dir = tempfile::tempdir().unwrap();
    small_library(dir.path(), 20);
    let gate = dir.path().join("gate");
    let cache = dir.path().join("cache");
    let env = [
        ("BRIEFING_TEST_HOLD_LOAD", gate.to_str().unwrap()),
        ("BRIEFING_CACHE_DIR", cache.to_str().unwrap()),
    ];
    let lib = dir.path().to_str().unwrap();
    let mut pty = Pty::spawn_with(&[lib, "--no-watch"], 100, 30, &env);
    pty.wait_for("Loading briefings");
    pty.wait_for("finding briefing files");
    pty.send("?");
    pty.wait_for("Help · Esc closes");
    pty.send("\x1b");
    pty.wait_until(|s| !s.contains("Help · Esc closes"), "help closed");
    pty.resize(60, 20);
    // The emulator shrinks at once; the box closes within 60 columns only once the program
    // has drawn for the new size, and keys sent before that could meet the old frame.
    pty.wait_until(
        |s| {
            s.lines()
                .any(|l| l.contains("Loading briefings") && l.trim_end().ends_with('┐'))
                && s.lines().all(|l| l.trim_end().chars().count() <= 60)
        },
        "the loading screen redrawn at 60 columns",
    );
    // Keys that need a library do nothing yet. Input is handled in order, so once the help
    // that follows them is on screen, they were handled while loading.
    pty.send("2/?");
    pty.wait_for("Help · Esc closes");
    pty.send("\x1b");
    pty.wait_until(|s| !s.contains("Help · Esc closes"), "help closed");
    assert!(pty.screen().contains("Loading briefings"));
    std::fs::write(&gate, "").unwrap();
    pty.wait_for("Briefing number");
    let screen = pty.screen();
    assert!(
        !screen.contains("Loading briefings") && !screen.contains("Search"),
        "{screen}"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn quitting_during_the_load_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    small_library(dir.path(), 3);
    let gate = dir.path().join("never");
    let cache = dir.path().join("cache");
    let env = [
        ("BRIEFING_TEST_HOLD_LOAD", gate.to_str().unwrap()),
        ("BRIEFING_CACHE_DIR", cache.to_str().unwrap()),
    ];
    let mut pty = Pty::spawn_with(&[dir.path().to_str().unwrap()], 80, 24, &env);
    pty.wait_for("Loading briefings");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn a_path_that_does_not_exist_is_said_before_the_screen_is_taken() {
    let mut pty = Pty::spawn(&["/definitely/not/here"], 80, 24);
    assert_eq!(pty.wait_exit(), 2);
    assert!(pty.screen().contains("/definitely/not/here: no such file"));
    pty.assert_restored();
}

/// `check` on a terminal renders its diagnostics for the terminal's width: a source line
/// longer than the screen is cut around its span (`...`), where a pipe gets the fixed
/// width, so that what a script reads does not depend on the terminal it ran in.
#[test]
fn check_cuts_long_source_lines_to_the_terminal_width_and_not_on_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.toml");
    let comment = "c".repeat(70);
    std::fs::write(
        &file,
        format!(
            "[briefing]\nid = \"wide\"\ntitle = \"Wide\"\nas_of = \"2025-01-01\"\nsummary = \"s\"\n\n\
             [[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n\n\
             [[events]]\nid = \"e\"\ntitle = \"E\"\ndate = \"2025-01-01\"\nstatus = \"ocurred\"  # {comment}\n\
             cite = [{{ source = \"src\", locator = \"1\" }}]\n"
        ),
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let mut pty = Pty::spawn(&["check", "--no-cache", path], 60, 40);
    assert_eq!(pty.wait_exit(), 1);
    let screen = pty.screen();
    let quoted = screen
        .lines()
        .find(|l| l.contains("status = \"ocurred\""))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(quoted.trim_end().ends_with("..."), "{screen}");
    assert!(!screen.contains(&comment), "{screen}");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["check", "--no-cache", path])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("# {comment}\n")), "{stderr}");
}

/// A span wider than the terminal is cut too, keeping its start and its end with `…`
/// between them: on an 80- and a 50-column terminal neither the quoted line nor its
/// carets wrap (they wrapped over three rows), while on a pipe a span that fits the fixed
/// width is quoted whole as before.
#[test]
fn check_cuts_a_span_wider_than_the_terminal_and_keeps_its_ends() {
    use unicode_width::UnicodeWidthStr as _;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.toml");
    let name = format!("start-{}-end", "x".repeat(80));
    std::fs::write(
        &file,
        format!(
            "[briefing]\nid = \"wide\"\ntitle = \"Wide\"\nas_of = \"2025-01-01\"\nsummary = \"s\"\n\n\
             [[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\ntext_file = \"{name}.txt\"\n"
        ),
    )
    .unwrap();
    let path = file.to_str().unwrap();
    for cols in [80, 50] {
        let mut pty = Pty::spawn(&["check", "--no-cache", path], cols, 40);
        assert_eq!(pty.wait_exit(), 0);
        let screen = pty.screen();
        let lines: Vec<&str> = screen.lines().collect();
        let quoted = lines
            .iter()
            .position(|l| l.contains("text_file = \"start-"))
            .unwrap_or_else(|| panic!("{screen}"));
        let (source, carets) = (lines[quoted], lines[quoted + 1]);
        assert!(source.width() <= usize::from(cols), "{cols}:\n{screen}");
        assert!(
            source.contains('…') && source.contains("-end.txt\""),
            "{cols}:\n{screen}"
        );
        assert!(
            carets.trim_end().ends_with("^ not read"),
            "{cols}:\n{screen}"
        );
        let first = carets.find('^').unwrap();
        assert_eq!(&source[first..first + 8], "\"start-x", "{cols}:\n{screen}");
    }

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["check", "--no-cache", path])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("text_file = \"{name}.txt\"\n")),
        "{stderr}"
    );
}
