//! The real binary in a real pseudo-terminal: keys in, screen out, terminal restored.

mod common;

use common::Pty;

#[test]
fn browse_follow_a_link_and_quit_cleanly() {
    let mut pty = Pty::spawn(&[], 120, 40);
    pty.wait_for("Haiti: US weighs an OAS-led force");
    pty.wait_for("[2 Actors 37]");
    pty.send("2");
    pty.wait_for("Korir Sing’oei");
    // Into Sing'oei's detail and along his first link.
    pty.send("jjjjjjjj");
    pty.wait_until(|s| s.contains("▶ Korir Sing’oei"), "Sing'oei selected");
    pty.send("\r");
    pty.wait_for("Kenya's Principal Secretary for Foreign Affairs");
    pty.send("?");
    pty.wait_for("Help · Esc closes");
    pty.send("\x1b");
    pty.wait_until(|s| !s.contains("Help · Esc closes"), "help closed");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn open_flag_starts_on_the_item() {
    let mut pty = Pty::spawn(&["--open", "mss-approved"], 120, 40);
    pty.wait_for("UN Security Council approves the MSS");
    pty.wait_for("status      ● occurred");
    pty.send("\x03"); // Ctrl-C quits too
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn without_a_terminal_the_browser_points_to_the_other_commands() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("briefing check"), "{stderr}");
}
