//! Writes a synthetic briefing library for benchmarks and manual testing.
//!
//! ```text
//! cargo run --release --features synth --example gen_library -- DIR N [SEED] [--series S]
//! ```
//!
//! Writes `N` briefings to `DIR/synth/` and prints the file count, total bytes and the time
//! taken. The same `SEED` (default 1) always writes the same files. With `--series S` the
//! briefings form `S` series: the same ids described again over time.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: gen_library DIR N [SEED] [--series S]";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let series = match args.iter().position(|a| a == "--series") {
        Some(at) if at + 1 < args.len() => {
            let s = args.remove(at + 1);
            args.remove(at);
            match s.parse::<usize>() {
                Ok(s) if s > 0 => Some(s),
                _ => {
                    eprintln!("S must be a positive integer\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
        }
        Some(_) => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
        None => None,
    };
    let (dir, n, seed) = match args.as_slice() {
        [dir, n] => (dir, n.parse::<usize>(), Ok(1)),
        [dir, n, seed] => (dir, n.parse::<usize>(), seed.parse::<u64>()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (Ok(n), Ok(seed)) = (n, seed) else {
        eprintln!("N and SEED must be non-negative integers\n{USAGE}");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let start = Instant::now();
    let written = match series {
        Some(s) => briefing::synth::write_series(&dir, n, s, seed),
        None => briefing::synth::write(&dir, n, seed),
    };
    match written {
        Ok(bytes) => {
            println!(
                "wrote {n} files, {bytes} bytes, to {} in {:.2?} (seed {seed})",
                dir.join("synth").display(),
                start.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write to {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
