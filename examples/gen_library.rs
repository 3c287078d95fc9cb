//! Writes a synthetic briefing library for benchmarks and manual testing.
//!
//! ```text
//! cargo run --release --example gen_library -- DIR N [SEED]
//! ```
//!
//! Writes `N` briefings to `DIR/synth/` and prints the file count, total bytes and the time
//! taken. The same `SEED` (default 1) always writes the same files.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: gen_library DIR N [SEED]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
    match briefing::synth::write(&dir, n, seed) {
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
