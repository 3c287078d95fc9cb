//! Hostile inputs that used to be superlinear (issue #10 case 3) and the memory of many tiny
//! items (case 10): times at n and 4n, and the peak heap of a load per item.
//!
//! The peak heap is measured by a counting allocator around the system allocator, so the
//! figure is the bytes the program asked for, independent of any allocator's caching.

// A counting global allocator is an `unsafe impl` by nature.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

use briefing::model::{LoadOptions, load_sources};
use briefing::synth::cases::{stray_keys, tiny_actors, unknown_cites, unknown_keys};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// Counts live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator and only adds bookkeeping.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        // SAFETY: the caller's layout is passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn load(text: &str) -> (briefing::model::Library, briefing::model::Report) {
    load_sources(
        vec![(PathBuf::from("x.toml"), Ok(text.as_bytes().to_vec()))],
        LoadOptions {
            threads: 1,
            ..LoadOptions::default()
        },
    )
}

/// Makes a hostile file of a given size.
type Make = fn(usize) -> String;

fn superlinear_cases(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    let cases: [(&str, Make, usize); 3] = [
        ("stray_keys", stray_keys, 1_000),
        ("unknown_keys", unknown_keys, 1_250),
        ("unknown_cites", unknown_cites, 1_000),
    ];
    for (name, make, n) in cases {
        for n in [n, 4 * n] {
            let text = make(n);
            group.bench_with_input(BenchmarkId::new(name, n), &text, |b, text| {
                b.iter(|| black_box(load(text)));
            });
        }
    }
    group.finish();
}

/// Peak heap while loading `n` tiny actors, per actor, beyond the file's own bytes.
fn peak_per_item(n: usize) -> (usize, usize) {
    let text = tiny_actors(n);
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let (lib, report) = load(&text);
    assert_eq!(lib.actors.len(), n, "{:?}", report.diagnostics.first());
    let peak = PEAK.load(Relaxed) - base;
    let kept = LIVE.load(Relaxed) - base;
    drop((lib, report));
    (peak.saturating_sub(text.len()) / n, kept / n)
}

fn memory(c: &mut Criterion) {
    for n in [10_000, 96_000] {
        let (peak, kept) = peak_per_item(n);
        eprintln!(
            "{n} tiny actors: peak heap {peak} bytes per actor beyond the text; library {kept} bytes per actor"
        );
    }
    // Criterion wants a measurement; time the big load once more.
    let text = tiny_actors(96_000);
    let mut group = c.benchmark_group("memory");
    group.sample_size(10);
    group.bench_function("tiny_actors_96000", |b| b.iter(|| black_box(load(&text))));
    group.finish();
}

criterion_group!(benches, superlinear_cases, memory);
criterion_main!(benches);
