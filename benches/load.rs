//! Loading generated libraries from disk, side by side in one run on the same files and
//! threads:
//! - `toml_floor`: what the toml crate alone costs, each file read and parsed into
//!   `serde::de::IgnoredAny` on rayon's threads (the floor a cold load cannot beat);
//! - `count`: read, parse, check and link, without the cache, and count what the library
//!   holds without making it, as `check --no-cache` does;
//! - `cold`: read, parse, check and link into a library, without the cache, as `search`
//!   and `export` do (the texts left where the parser made them, see [`Texts`]);
//! - `cold_packed`: the same with every text copied into fresh memory, as the browser
//!   loads without a cache (a library kept for long);
//! - `cold_series`: the same number of briefings as up to 50 series over time (each
//!   briefing describes its series' items again, changed here and there), so linking merges
//!   versions by id and builds each item's history;
//! - `warm`: the same with every file in the warm-start cache;
//! - `warm_searchable`: a warm load plus the search index, what the browser needs before
//!   its screen is interactive and searchable.
//!
//! `cargo bench --bench load`; `LOAD_SIZES=1000,10000` picks the library sizes (default
//! 10 and 1,000 briefings). After criterion's figures it prints the cold / floor ratio.
//!
//! A load is timed until its library and report are ready; letting them go afterwards is
//! not loading (the browser keeps them to the end, the commands exit without freeing
//! them), so it is timed apart, and criterion drops them outside the timed region
//! (`iter_with_large_drop`).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use briefing::model::cache::Cache;
use briefing::model::{Hooks, LoadOptions, Texts, count_paths_with, load_paths, load_paths_with};
use briefing::search::SearchIndex;
use criterion::{BenchmarkId, Criterion};
use rayon::prelude::*;

/// The same allocator as the binary, so the figures match what users see.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Reads and parses every file into `IgnoredAny`, on rayon's threads.
fn toml_floor(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("readable");
            toml::from_str::<serde::de::IgnoredAny>(&text).map_or(0, |_| 1)
        })
        .sum()
}

/// How `check`, `search` and `export` load: the library is looked at once and let go.
fn as_check() -> LoadOptions {
    LoadOptions {
        texts: Texts::AsParsed,
        ..LoadOptions::default()
    }
}

/// Interleaved runs of the floor and the loads, for the ratios.
const RUNS: usize = 7;

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("synth"))
        .expect("the generated folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    files.sort();
    files
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Medians of interleaved runs: the floor; the count, the cold load and the packed one;
/// and letting the cold load go.
fn interleaved(files: &[PathBuf], paths: &[PathBuf]) -> (Duration, [Duration; 3], Duration) {
    let (mut floor, mut counted, mut cold, mut packed, mut drops) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        floor.push(median(1, || {
            black_box(toml_floor(files));
        }));
        let started = Instant::now();
        let count = black_box(count_paths_with(paths, as_check(), Hooks::default()));
        counted.push(started.elapsed());
        drop(count);
        let started = Instant::now();
        let loaded = black_box(load_paths(paths, as_check()).expect("loads"));
        cold.push(started.elapsed());
        let started = Instant::now();
        drop(loaded);
        drops.push(started.elapsed());
        let started = Instant::now();
        let loaded = black_box(load_paths(paths, LoadOptions::default()).expect("loads"));
        packed.push(started.elapsed());
        drop(loaded);
    }
    let mid = |mut v: Vec<Duration>| {
        v.sort();
        v[RUNS / 2]
    };
    (
        mid(floor),
        [mid(counted), mid(cold), mid(packed)],
        mid(drops),
    )
}

fn main() {
    let sizes: Vec<usize> = std::env::var("LOAD_SIZES").ok().map_or_else(
        || vec![10, 1_000],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    let mut criterion = Criterion::default().configure_from_args();
    let mut ratios = Vec::new();
    for briefings in sizes {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let bytes = briefing::synth::write(dir.path(), briefings, 42).expect("written");
        let paths = vec![dir.path().to_path_buf()];
        let files = files_under(dir.path());
        let series_dir = tempfile::tempdir().expect("a temporary folder");
        briefing::synth::write_series(series_dir.path(), briefings, briefings.min(50), 42)
            .expect("written");
        let series_paths = vec![series_dir.path().to_path_buf()];
        let cache_dir = tempfile::tempdir().expect("a cache folder");
        let cache = Cache::open(cache_dir.path());
        let warm = Hooks {
            cache: Some(&cache),
            progress: None,
        };
        let (lib, _) = load_paths_with(&paths, LoadOptions::default(), warm).expect("loads");
        eprintln!(
            "{briefings} briefings: {bytes} bytes of TOML, {} searchable items, {} threads",
            lib.item_count(),
            rayon::current_num_threads()
        );
        drop(lib);
        let mut group = criterion.benchmark_group(format!("load/{briefings}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(if briefings >= 1_000 { 20 } else { 5 }));
        group.bench_function(BenchmarkId::from_parameter("toml_floor"), |b| {
            b.iter(|| black_box(toml_floor(&files)));
        });
        group.bench_function(BenchmarkId::from_parameter("count"), |b| {
            b.iter_with_large_drop(|| {
                count_paths_with(&paths, as_check(), Hooks::default()).expect("loads")
            });
        });
        group.bench_function(BenchmarkId::from_parameter("cold"), |b| {
            b.iter_with_large_drop(|| load_paths(&paths, as_check()).expect("loads"));
        });
        group.bench_function(BenchmarkId::from_parameter("cold_packed"), |b| {
            b.iter_with_large_drop(|| load_paths(&paths, LoadOptions::default()).expect("loads"));
        });
        group.bench_function(BenchmarkId::from_parameter("cold_series"), |b| {
            b.iter_with_large_drop(|| load_paths(&series_paths, as_check()).expect("loads"));
        });
        group.bench_function(BenchmarkId::from_parameter("warm"), |b| {
            b.iter_with_large_drop(|| load_paths_with(&paths, LoadOptions::default(), warm));
        });
        group.bench_function(BenchmarkId::from_parameter("warm_searchable"), |b| {
            b.iter_with_large_drop(|| {
                let (lib, report) =
                    load_paths_with(&paths, LoadOptions::default(), warm).expect("loads");
                (SearchIndex::build(&lib), lib, report)
            });
        });
        group.finish();
        // The ratio the issue names, from interleaved runs so that a busy machine affects
        // both sides alike.
        let (floor, loads, freeing) = interleaved(&files, &paths);
        ratios.push((briefings, floor, loads, freeing));
    }
    criterion.final_summary();
    println!("\ncold load against the toml floor (interleaved, median of {RUNS}):");
    println!(
        "| briefings | toml IgnoredAny | counted (check) | ratio | cold load (search, export) | ratio | then freeing it | packed (browser, no cache) | ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (n, floor, [counted, cold, packed], freeing) in ratios {
        println!(
            "| {n} | {:.1} ms | {:.1} ms | {:.2}x | {:.1} ms | {:.2}x | {:.1} ms | {:.1} ms | {:.2}x |",
            ms(floor),
            ms(counted),
            ms(counted) / ms(floor),
            ms(cold),
            ms(cold) / ms(floor),
            ms(freeing),
            ms(packed),
            ms(packed) / ms(floor),
        );
    }
}
