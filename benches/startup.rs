//! Startup to first frame: spawn the release binary in a pseudo-terminal and time until the
//! bundled briefing's title is on screen. Prints median and p95 over several runs.

use std::io::{Read as _, Write as _};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TITLE: &str = "Haiti: US weighs an OAS-led force";

/// Runs with its home, config and state folders in `home`, never the user's.
fn one_run(home: &std::path::Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home);
    for (var, sub) in [
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ] {
        cmd.env(var, home.join(sub));
    }
    cmd.env_remove("BRIEFING_CONFIG");
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    let mut parser = vt100::Parser::new(40, 120, 0);
    let mut buf = [0u8; 16384];
    let elapsed = loop {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "the program exited before drawing");
        parser.process(&buf[..n]);
        if parser.screen().contents().contains(TITLE) {
            break start.elapsed();
        }
    };
    writer.write_all(b"q").unwrap();
    let _ = child.wait();
    elapsed
}

fn main() {
    // `cargo bench` passes filter arguments; a name that is not ours means skip.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"startup".contains(a.as_str()))
    {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let _ = one_run(home.path()); // warm the page cache
    let mut runs: Vec<Duration> = (0..30).map(|_| one_run(home.path())).collect();
    runs.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "startup to first frame (bundled briefing, 120x40 pty): median {:.2} ms, p95 {:.2} ms, min {:.2} ms over {} runs",
        ms(runs[runs.len() / 2]),
        ms(runs[runs.len() * 95 / 100]),
        ms(runs[0]),
        runs.len()
    );
}
