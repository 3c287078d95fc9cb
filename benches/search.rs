//! Search benchmark: time per query and keystroke-to-results at 10k, 100k and 1M items.
//!
//! Run with `cargo bench --bench search`. `BENCH_SIZES=10000,100000` limits the sizes;
//! `BENCH_PROFILE="some query"` only repeats that query for a profiler;
//! `BENCH_DUMP=file` writes each item's searchable text as one line, for `fzf --filter`.
//! Besides criterion's figures, it prints p50/p95 from keystroke to the complete ranked
//! result while typing queries one char at a time, narrowing from the previous result the
//! way the browser does.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use briefing::model::Library;
use briefing::search::{Hit, Query, SearchIndex, can_narrow};
use briefing::synth;
use criterion::{BenchmarkId, Criterion, SamplingMode};

/// (label, query): 1-, 3-, 6- and 12-char queries that match many items or few.
const QUERIES: &[(&str, &str)] = &[
    ("1 common", "e"),
    ("3 common", "ion"),
    ("6 common", "govern"),
    ("12 common", "negotiations"),
    ("1 rare", "京"),
    ("3 rare", "yat"),
    ("6 rare", "kenyat"),
    ("12 rare", "jomokenyatta"),
    ("2 terms", "security talks"),
    ("qualified", "type:event status:planned after:2024-06"),
];

/// Queries typed one char at a time.
const TYPED: &[&str] = &["kenyatta", "government", "sing'oei", "peacekeeping force"];

/// A generated library of about `items` searchable items (the project's one generator,
/// seed 42, as the README's figures use).
fn corpus(items: usize) -> Library {
    let (lib, report) = synth::load(items.div_ceil(synth::ITEMS_PER_BRIEFING), 42);
    assert_eq!(
        report.error_count(),
        0,
        "the generator writes valid briefings"
    );
    lib
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES").ok().map_or_else(
        || vec![10_000, 100_000, 1_000_000],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    let mut criterion = Criterion::default().configure_from_args();
    let mut summary = Vec::new();
    for &size in &sizes {
        let started = Instant::now();
        let lib = corpus(size);
        let loaded = started.elapsed();
        let started = Instant::now();
        let index = SearchIndex::build(&lib);
        let built = started.elapsed();
        eprintln!(
            "corpus {size}: {} items, generated and loaded in {loaded:.2?}, index built in {built:.2?}",
            index.len()
        );
        if let Some(path) = std::env::var_os("BENCH_DUMP") {
            dump(&lib, &index, std::path::Path::new(&path));
            continue;
        }
        if let Ok(text) = std::env::var("BENCH_PROFILE") {
            profile(&index, &text);
            continue;
        }
        if std::env::var_os("BENCH_KEYS").is_some() {
            for text in TYPED {
                let mut line = format!("{size} {text:?}:");
                type_query(&index, text, |d| {
                    let _ = write!(line, " {:.1}", d.as_secs_f64() * 1e3);
                });
                eprintln!("{line}");
            }
            continue;
        }
        bench_queries(&mut criterion, size, &index);
        bench_typing(&mut criterion, size, &index);
        summary.push((size, keystrokes(size, &index), cancel_latency(&index)));
    }
    criterion.final_summary();
    println!("\nkeystroke to complete ranked result (typing {TYPED:?}, narrowing):");
    println!("| items | keystrokes | p50 | p95 | max |");
    println!("|---|---|---|---|---|");
    for (size, stats, _) in &summary {
        println!(
            "| {size} | {} | {:.2} ms | {:.2} ms | {:.2} ms |",
            stats.count, stats.p50, stats.p95, stats.max
        );
    }
    println!("\ncancelling a running search (\"{SLOW}\"), from the flag to the return:");
    println!("| items | full search | cancelled after 5 ms, returns in (max of 5) |");
    println!("|---|---|---|");
    for (size, _, (full, cancel)) in &summary {
        println!("| {size} | {full:.1} ms | {cancel:.2} ms |");
    }
}

/// (samples, measurement time, flat sampling) per size: a million items take hundreds
/// of milliseconds per search, so fewer samples and flat sampling keep the run short.
fn group_settings(size: usize) -> (usize, Duration, SamplingMode) {
    if size >= 1_000_000 {
        (10, Duration::from_secs(8), SamplingMode::Flat)
    } else if size >= 100_000 {
        (20, Duration::from_secs(6), SamplingMode::Auto)
    } else {
        (50, Duration::from_secs(3), SamplingMode::Auto)
    }
}

fn bench_queries(c: &mut Criterion, size: usize, index: &SearchIndex) {
    let mut group = c.benchmark_group(format!("query/{size}"));
    let (samples, time, mode) = group_settings(size);
    group
        .sample_size(samples)
        .measurement_time(time)
        .sampling_mode(mode)
        .warm_up_time(Duration::from_millis(500));
    for (label, text) in QUERIES {
        let q = Query::parse(text).expect("benchmark queries parse");
        let hits = index.search(&q, None, &|| false).map_or(0, |h| h.len());
        eprintln!("  {size} {label:>10} {text:?}: {hits} hits");
        group.bench_with_input(BenchmarkId::from_parameter(label), &q, |b, q| {
            b.iter(|| black_box(index.search(q, None, &|| false)));
        });
    }
    group.finish();
}

/// One whole typed query, keystroke by keystroke, with narrowing.
fn bench_typing(c: &mut Criterion, size: usize, index: &SearchIndex) {
    let mut group = c.benchmark_group(format!("typing/{size}"));
    let (samples, time, mode) = group_settings(size);
    group
        .sample_size(samples)
        .measurement_time(time)
        .sampling_mode(mode)
        .warm_up_time(Duration::from_millis(500));
    for text in TYPED {
        group.bench_with_input(BenchmarkId::from_parameter(text), text, |b, text| {
            b.iter(|| type_query(index, text, |_| {}));
        });
    }
    group.finish();
}

/// Types `text` one char at a time, calling `each` with the time each keystroke took.
fn type_query(index: &SearchIndex, text: &str, mut each: impl FnMut(Duration)) {
    let mut prev: Option<(String, Vec<Hit>)> = None;
    let mut typed = String::new();
    for c in text.chars() {
        typed.push(c);
        let started = Instant::now();
        let Ok(q) = Query::parse(&typed) else {
            continue;
        };
        let narrow = prev
            .as_ref()
            .filter(|(old, _)| can_narrow(old, &typed))
            .map(|(_, hits)| hits.as_slice());
        let hits = index.search(&q, narrow, &|| false).unwrap_or_default();
        each(started.elapsed());
        prev = Some((typed.clone(), hits));
    }
}

struct Stats {
    count: usize,
    p50: f64,
    p95: f64,
    max: f64,
}

/// Keystroke latencies over several rounds of typing every query.
fn keystrokes(size: usize, index: &SearchIndex) -> Stats {
    let rounds = if size >= 1_000_000 { 2 } else { 10 };
    let mut times = Vec::new();
    for _ in 0..rounds {
        for text in TYPED {
            type_query(index, text, |d| times.push(d.as_secs_f64() * 1000.0));
        }
    }
    times.sort_by(f64::total_cmp);
    // The nearest-rank percentile.
    let at = |percent: usize| times[(times.len() * percent).div_ceil(100).saturating_sub(1)];
    Stats {
        count: times.len(),
        p50: at(50),
        p95: at(95),
        max: times[times.len() - 1],
    }
}

/// Repeats one query for about five seconds, for `perf record`.
fn profile(index: &SearchIndex, text: &str) {
    let q = Query::parse(text).expect("the profiled query parses");
    if let Some(hits) = index.search(&q, None, &|| false) {
        let tiers = hits.iter().fold([0; 5], |mut t, h| {
            t[usize::try_from((h.score + 5_000) / 10_000)
                .unwrap_or(0)
                .min(4)] += 1;
            t
        });
        eprintln!(
            "{text:?}: {} hits; by tier (none, other fuzzy, other exact, primary fuzzy, primary exact): {tiers:?}",
            hits.len()
        );
    }
    let (started, cpu) = (Instant::now(), cpu_ms());
    let mut runs = 0u32;
    while started.elapsed() < Duration::from_secs(5) {
        black_box(index.search(&q, None, &|| false));
        runs += 1;
    }
    eprintln!(
        "{text:?}: {runs} runs, {:.2?} wall and {:.2} ms CPU each",
        started.elapsed() / runs,
        (cpu_ms() - cpu) / f64::from(runs)
    );
}

/// CPU time this process has used, from /proc (Linux only; 0 elsewhere). On a shared
/// machine it says what a search costs better than wall time does.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15; after the `)` they are the 12th and 13th.
    (ticks(11) + ticks(12)) * 10.0
}

/// A slow query for the cancellation test.
const SLOW: &str = "security talks";

/// (time for a whole search, worst time from setting the cancel flag to the search
/// returning) over five tries.
fn cancel_latency(index: &SearchIndex) -> (f64, f64) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let q = Query::parse(SLOW).expect("parses");
    let started = Instant::now();
    black_box(index.search(&q, None, &|| false));
    let full = started.elapsed().as_secs_f64() * 1e3;
    let mut worst: f64 = 0.0;
    for _ in 0..5 {
        let flag = AtomicBool::new(false);
        let latency = std::thread::scope(|s| {
            let search = s.spawn(|| {
                let result = index.search(&q, None, &|| flag.load(Ordering::Relaxed));
                (result.is_none(), Instant::now())
            });
            std::thread::sleep(Duration::from_millis(5));
            let cancelled_at = Instant::now();
            flag.store(true, Ordering::Relaxed);
            let (was_cancelled, returned_at) = search.join().expect("the search returns");
            if was_cancelled {
                returned_at.duration_since(cancelled_at).as_secs_f64() * 1e3
            } else {
                0.0 // it finished before the flag was set
            }
        });
        worst = worst.max(latency);
    }
    (full, worst)
}

/// Writes every item's searchable fields, space-separated, one item per line.
fn dump(lib: &briefing::model::Library, index: &SearchIndex, path: &std::path::Path) {
    use std::io::Write as _;
    let hits = index
        .search(&Query::default(), None, &|| false)
        .unwrap_or_default();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("dump file"));
    for hit in hits {
        let fields: Vec<String> = briefing::search::fields(lib, hit.item)
            .into_iter()
            .map(|(_, text)| text.replace('\n', " "))
            .collect();
        writeln!(out, "{}", fields.join(" ")).expect("write dump");
    }
}
