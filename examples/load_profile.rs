//! Where a load's memory goes, phase by phase: reading, parsing and linking, building the
//! search index. A counting allocator reports the live heap after each phase and the peak
//! within it.
//!
//! ```text
//! cargo run --release --example load_profile -- DIR [CACHE_DIR]
//! ```
//!
//! With a `CACHE_DIR`, files are read through the warm-start cache there (run twice to see
//! a warm load).
//!
//! With `heaptrack`, this example also gives a full heap profile, since it uses the system
//! allocator (the binary's mimalloc is invisible to heaptrack).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use briefing::model::cache::Cache;
use briefing::model::{Hooks, LoadOptions, load_paths_with, load_sources, read_paths};
use briefing::search::SearchIndex;

/// The system allocator, counting live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);

#[allow(unsafe_code)] // reason: a global allocator is an unsafe trait; this one only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        COUNT.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        COUNT.fetch_sub(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mb(n: usize) -> f64 {
    n as f64 / 1e6
}

/// Prints the phase's peak and what is live after it, then starts a new phase.
fn phase(name: &str, started: Instant, toml: usize) {
    let (live, peak) = (LIVE.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed));
    eprintln!(
        "{name:<22} {:>8.2?}  live {:>7.1} MB ({:.2}x) in {} blocks  peak {:>7.1} MB ({:.2}x)",
        started.elapsed(),
        mb(live),
        live as f64 / toml as f64,
        COUNT.load(Ordering::Relaxed),
        mb(peak),
        peak as f64 / toml as f64
    );
    PEAK.store(live, Ordering::Relaxed);
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: load_profile DIR [CACHE_DIR]");
    let opts = LoadOptions::default();
    let started = Instant::now();
    if let Some(cache) = std::env::args().nth(2) {
        let cache = Cache::open(std::path::Path::new(&cache));
        let hooks = Hooks {
            cache: Some(&cache),
            progress: None,
        };
        let (lib, _report) = load_paths_with(&[dir.into()], opts, hooks).expect("loads");
        let toml = 1;
        phase("load (cache)", started, toml);
        eprintln!("cache: {:?} (hits, writes)", cache.stats());
        let index = SearchIndex::build(&lib);
        phase("search index", started, toml);
        drop((index, lib));
        return;
    }
    let inputs = read_paths(&[dir.into()], opts).expect("reads");
    let toml: usize = inputs
        .iter()
        .map(|(_, b)| b.as_ref().map_or(0, Vec::len))
        .sum();
    eprintln!("{} files, {:.1} MB of TOML", inputs.len(), mb(toml));
    phase("read", started, toml);
    let (lib, report) = load_sources(inputs, opts);
    phase("parse, check, link", started, toml);
    let index = SearchIndex::build(&lib);
    phase("search index", started, toml);
    drop(index);
    phase("index dropped", started, toml);
    drop(report);
    phase("report dropped", started, toml);
    drop(lib);
    phase("library dropped", started, toml);
}
