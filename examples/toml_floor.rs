//! The toml floor as a whole process: every `*.toml` file under DIR read and parsed into
//! `serde::de::IgnoredAny` on rayon's threads, with the binary's allocator. What
//! `benches/whole-process.sh` times beside `briefing check --no-cache` on the same files.
//!
//! ```text
//! cargo run --release --example toml_floor -- DIR
//! ```

use std::path::{Path, PathBuf};

use rayon::prelude::*;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn tomls(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            tomls(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: toml_floor DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    tomls(Path::new(&dir), &mut files);
    let parsed: usize = files
        .par_iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .ok()
                .and_then(|text| toml::from_str::<serde::de::IgnoredAny>(&text).ok())
                .map_or(0, |_| 1)
        })
        .sum();
    println!("{parsed} of {} files parsed", files.len());
}
