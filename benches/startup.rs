//! Startup, the release binary in a pseudo-terminal:
//! - the bundled briefing: time until its title is on screen;
//! - generated libraries (`STARTUP_SIZES`, default 1,000 and 10,000 briefings): time until
//!   the first frame (the loading screen), and until the library is interactive and
//!   searchable (its header is on screen), cold (an empty cache) and warm; and the
//!   process's peak RSS, against the TOML's size.
//!
//! Prints medians and p95 over several runs.

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TITLE: &str = "Haiti: US weighs an OAS-led force";

/// The home folder every run shares.
static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();

/// What one start of the browser showed, and when.
struct Run {
    first_frame: Duration,
    ready: Duration,
    /// Peak resident memory, in bytes.
    peak_rss: u64,
}

/// Starts the browser with `args` and waits for `ready` on screen.
fn one_run(args: &[&str], env: &[(&str, &Path)], ready: &str) -> Run {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    // Its home, config and state folders are its own, never the user's.
    let home = HOME.get_or_init(|| tempfile::tempdir().unwrap());
    cmd.env("HOME", home.path());
    for (var, sub) in [
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ] {
        cmd.env(var, home.path().join(sub));
    }
    cmd.env_remove("BRIEFING_CONFIG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    let mut parser = vt100::Parser::new(40, 120, 0);
    let mut buf = [0u8; 16384];
    let mut first_frame = None;
    let ready = loop {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "the program exited before drawing");
        parser.process(&buf[..n]);
        let screen = parser.screen().contents();
        if first_frame.is_none() && !screen.trim().is_empty() {
            first_frame = Some(start.elapsed());
        }
        if screen.contains(ready) {
            break start.elapsed();
        }
    };
    let peak_rss = child.process_id().map_or(0, peak_rss);
    writer.write_all(b"q").unwrap();
    let _ = child.wait();
    Run {
        first_frame: first_frame.unwrap_or(ready),
        ready,
        peak_rss,
    }
}

/// `VmHWM` of a process, from /proc (Linux; 0 elsewhere).
fn peak_rss(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// (median, p95) of some durations.
fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let p95 = v[(v.len() * 95).div_ceil(100).saturating_sub(1)];
    (ms(v[v.len() / 2]), ms(p95))
}

fn bundled() {
    let _ = one_run(&[], &[], TITLE); // warm the page cache
    let runs: Vec<Duration> = (0..30).map(|_| one_run(&[], &[], TITLE).ready).collect();
    let (p50, p95) = stats(runs);
    println!(
        "startup to first frame (bundled briefing, 120x40 pty): median {p50:.2} ms, p95 {p95:.2} ms over 30 runs"
    );
}

fn generated(briefings: usize) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = briefing::synth::write(dir.path(), briefings, 42).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let lib = dir.path().to_str().unwrap();
    let env = [("BRIEFING_CACHE_DIR", cache.path())];
    let ready = format!("all {briefings} briefings");
    let cold = one_run(&[lib], &env, &ready);
    let runs: Vec<Run> = (0..if briefings >= 10_000 { 3 } else { 7 })
        .map(|_| one_run(&[lib], &env, &ready))
        .collect();
    let (first, first95) = stats(runs.iter().map(|r| r.first_frame).collect());
    let (warm, warm95) = stats(runs.iter().map(|r| r.ready).collect());
    let rss = runs.iter().map(|r| r.peak_rss).max().unwrap_or(0);
    let toml = bytes as f64;
    println!(
        "{briefings} briefings ({:.1} MB of TOML), 120x40 pty, {} warm runs:\n  \
         first frame: median {first:.1} ms, p95 {first95:.1} ms (cold start: {:.1} ms)\n  \
         interactive and searchable: cold {:.0} ms; warm median {warm:.0} ms, p95 {warm95:.0} ms\n  \
         peak RSS: cold {:.0} MB ({:.2}x the TOML), warm {:.0} MB ({:.2}x)",
        toml / 1e6,
        runs.len(),
        ms(cold.first_frame),
        ms(cold.ready),
        cold.peak_rss as f64 / 1e6,
        cold.peak_rss as f64 / toml,
        rss as f64 / 1e6,
        rss as f64 / toml,
    );
}

fn main() {
    // `cargo bench` passes filter arguments; a name that is not ours means skip.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"startup".contains(a.as_str()))
    {
        return;
    }
    bundled();
    let sizes: Vec<usize> = std::env::var("STARTUP_SIZES").ok().map_or_else(
        || vec![1_000, 10_000],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    for n in sizes {
        generated(n);
    }
}
