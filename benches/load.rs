//! Loading generated libraries from disk: read, parse and check on every core, then link.

use std::hint::black_box;
use std::time::Duration;

use briefing::model::{LoadOptions, load_paths};
/// The same allocator as the binary, so the figures match what users see.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.measurement_time(Duration::from_secs(10));
    for briefings in [10usize, 1_000] {
        let dir = tempfile::tempdir().unwrap();
        let bytes = briefing::synth::write(dir.path(), briefings, 42).unwrap();
        let (lib, _) = load_paths(&[dir.path().to_path_buf()], LoadOptions::default()).unwrap();
        eprintln!(
            "{briefings} briefings: {bytes} bytes of TOML, {} searchable items",
            lib.item_count()
        );
        group.sample_size(if briefings >= 1_000 { 10 } else { 50 });
        for threads in [1usize, 0] {
            let opts = LoadOptions {
                threads,
                ..LoadOptions::default()
            };
            let label = if threads == 0 {
                "all_cores"
            } else {
                "1_thread"
            };
            group.bench_with_input(BenchmarkId::new(label, briefings), &opts, |b, opts| {
                b.iter(|| black_box(load_paths(&[dir.path().to_path_buf()], *opts).unwrap()));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, loading);
criterion_main!(benches);
