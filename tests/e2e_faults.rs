//! Terminal faults, each in a real pseudo-terminal: panics, signals, suspend, resize storms
//! and a vanished terminal all leave a working terminal behind.

mod common;

use common::Pty;

fn kill(pid: i32, sig: &str) {
    let ok = std::process::Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(ok.success());
}

fn started(args: &[&str]) -> Pty {
    let pty = Pty::spawn(args, 100, 30);
    pty.wait_for("[2 Act");
    pty
}

#[test]
fn a_forced_panic_restores_the_terminal_and_exits_101() {
    let mut pty = Pty::spawn_with(&[], 100, 30, &[("BRIEFING_TEST_PANIC", "1")]);
    assert_eq!(pty.wait_exit(), 101);
    pty.assert_restored();
    pty.wait_for("forced panic for testing");
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal() {
    for (sig, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let mut pty = started(&[]);
        kill(pty.pid(), sig);
        assert_eq!(pty.wait_exit(), code, "SIG{sig}");
        pty.assert_restored();
    }
}

#[test]
fn ctrl_c_quits_cleanly() {
    let mut pty = started(&[]);
    pty.send("\x03");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn ctrl_z_then_sigcont_redraws_fully() {
    let mut pty = started(&[]);
    pty.send("\x1a");
    pty.wait_until(|s| !s.contains("[2 Act"), "the main screen while suspended");
    {
        let parser = pty.parser.lock().unwrap();
        assert!(
            !parser.screen().alternate_screen(),
            "suspended on the alternate screen"
        );
    }
    kill(pty.pid(), "CONT");
    pty.wait_for("[2 Act");
    pty.wait_for("Overview");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn a_resize_storm_down_to_one_cell_does_not_panic() {
    let mut pty = started(&[]);
    for (cols, rows) in [
        (80, 24),
        (1, 1),
        (0, 0),
        (200, 50),
        (10, 0),
        (0, 10),
        (39, 9),
        (120, 40),
        (2, 1),
        (100, 30),
    ] {
        pty.resize(cols, rows);
    }
    // One more size change forces a full redraw, in case the emulator had to be reset:
    // the program handles resizes in order, so its last frame is a whole screen. A program
    // that read the new size (it asks for the size when it draws) while still handling an
    // earlier event would see no change, and draw only a difference from a frame the
    // emulator, resized in between, never kept: on a busy machine the storm can take longer
    // to settle than any fixed pause, so the size changes again until a whole frame shows.
    let whole_frame = (0..20).any(|n| {
        std::thread::sleep(std::time::Duration::from_millis(200));
        pty.resize(101 + n % 2, 30);
        pty.shows_within("[2 Act", std::time::Duration::from_secs(1))
    });
    assert!(
        whole_frame,
        "no whole frame after the storm:\n{}",
        pty.screen()
    );
    pty.send("q");
    assert_eq!(
        pty.wait_exit(),
        0,
        "the program survived the storm and quit normally"
    );
}

#[test]
fn a_closed_terminal_ends_the_program() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read as _;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("Overview") {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "the program ended before drawing");
        seen.extend_from_slice(&buf[..n]);
    }
    // Close every handle on the terminal's master side.
    drop(reader);
    drop(pair.master);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still running after its terminal closed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
