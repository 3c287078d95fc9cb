//! Memory per item (issue #10 case 10), counted by a counting allocator rather than read
//! from the process's RSS: the heap a load asks for, at its peak, per tiny item, and what a
//! reload keeps alive.

// A counting global allocator is an `unsafe impl` by nature.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use briefing::model::{LoadOptions, Loader, load_sources};
use briefing::synth::cases::tiny_actors;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The tests here measure the whole process's heap, so they take turns.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

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

fn opts() -> LoadOptions {
    LoadOptions {
        threads: 1,
        ..LoadOptions::default()
    }
}

/// Runs `f` and returns its result with the peak heap above the starting point.
fn peak_of<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let r = f();
    (r, PEAK.load(Relaxed).saturating_sub(base))
}

#[test]
fn a_load_peaks_under_a_kilobyte_and_a_half_per_tiny_item_beyond_its_text() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let n = 20_000;
    let text = tiny_actors(n);
    let bytes = text.len();
    let input = vec![(PathBuf::from("tiny.toml"), Ok(text.into_bytes()))];
    let base = LIVE.load(Relaxed);
    let ((lib, report), peak) = peak_of(|| load_sources(input, opts()));
    assert_eq!(lib.actors.len(), n, "{:?}", report.diagnostics.first());
    let kept = LIVE.load(Relaxed) - base;
    let per_item = peak.saturating_sub(bytes) / n;
    eprintln!(
        "peak {peak} B for {bytes} B of TOML: {per_item} B per item beyond the text; library {} B per item",
        kept / n
    );
    assert!(per_item <= 1_500, "{per_item} bytes per item at the peak");
    assert!(
        kept / n <= 700,
        "the library keeps {} bytes per item",
        kept / n
    );
}

#[test]
fn a_reload_holds_one_library_at_a_time() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let n = 5_000;
    let good = tiny_actors(n);
    // One actor near the end loses its closing quote.
    let at = good.rfind("role=\"r\"").unwrap();
    let broken = format!("{}role=\"r{}", &good[..at], &good[at + 8..]);
    let input = |t: &str| vec![(PathBuf::from("tiny.toml"), Ok(t.as_bytes().to_vec()))];
    let mut loader = Loader::with_options(Vec::new(), opts());
    let (first, fresh_peak) = peak_of(|| loader.load_inputs(input(&good)));
    // Broken now: the last good version is loaded instead, in the same memory.
    let ((lib, report), reload_peak) = peak_of(|| loader.load_inputs(input(&broken)));
    assert_eq!(report.fallbacks, vec![0]);
    assert_eq!(lib.actors.len(), n);
    drop(first);
    eprintln!("fresh load peak {fresh_peak} B, reload with fallback peak {reload_peak} B");
    assert!(
        reload_peak < fresh_peak * 3 / 2,
        "a reload with a fallback peaked at {reload_peak} B against {fresh_peak} B for a fresh load"
    );
}

#[test]
fn a_load_from_disk_holds_no_more_than_the_files_being_parsed() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let toml = usize::try_from(briefing::synth::write(dir.path(), 60, 7).unwrap()).unwrap();
    let paths = vec![dir.path().to_path_buf()];
    // `load_paths` reads each file on the worker that parses it; the loader behind live
    // reload used to read every file first and hold all of them until linking was done.
    let (streamed, streamed_peak) =
        peak_of(|| briefing::model::load_paths(&paths, opts()).unwrap());
    drop(streamed);
    let mut loader = Loader::with_options(paths, opts());
    let (loaded, loader_peak) = peak_of(|| loader.load().unwrap());
    assert_eq!(
        loaded.0.briefings.len(),
        60,
        "{:?}",
        loaded.1.diagnostics.first()
    );
    eprintln!(
        "{toml} B of TOML: load_paths peaked at {streamed_peak} B, the loader at {loader_peak} B"
    );
    // Without a cache, the loader keeps each good file compressed (its last good version):
    // about a quarter of its bytes, never all of them.
    assert!(
        loader_peak < streamed_peak + toml / 2,
        "the loader peaked {} B above a streamed load of {toml} B of TOML",
        loader_peak.saturating_sub(streamed_peak)
    );
}

/// A briefing with an actor `id` and a quote whose speaker is `speaker`, an id it lacks.
fn long_id_and_unknown_speaker(id: &str, speaker: &str) -> String {
    format!(
        "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"S\"\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n\n\
         [[actors]]\nid = \"{id}\"\nname = \"A\"\nkind = \"person\"\nrole = \"r\"\n\
         cite = [{{ source = \"s\", locator = \"1\" }}]\n\n\
         [[quotes]]\nid = \"q\"\nkind = \"reported\"\ntext = \"t\"\nspeaker = \"{speaker}\"\n\
         date = \"2025\"\ncite = [{{ source = \"s\", locator = \"1\" }}]\n"
    )
}

/// "Did you mean" for an unknown speaker used to index every form of each id with one letter
/// deleted: a gigabyte for a 32 KB file whose one actor has a 32,000-letter id, and a
/// 64,000-letter speaker was as costly in time. Either now costs about its file, and the
/// reference is reported as any unknown one is, with nothing to suggest.
#[test]
fn a_long_id_or_reference_costs_about_its_file_in_suggestions() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let letters = |n: usize| -> String {
        (0..n)
            .map(|i| char::from(b'a' + u8::try_from(i * 7 % 26).unwrap()))
            .collect()
    };
    for (id, speaker) in [
        (letters(32_000), "nosuchactor".to_owned()),
        ("a".to_owned(), letters(64_000)),
    ] {
        let text = long_id_and_unknown_speaker(&id, &speaker);
        let bytes = text.len();
        let input = vec![(PathBuf::from("long.toml"), Ok(text.into_bytes()))];
        let ((lib, report), peak) = peak_of(|| load_sources(input, opts()));
        assert_eq!(lib.briefings.len(), 0, "the file is left out");
        let unknown: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.message.starts_with("unknown actor"))
            .collect();
        assert_eq!(unknown.len(), 1, "{:?}", report.diagnostics);
        assert_eq!(
            unknown[0].message,
            format!("unknown actor `{speaker}` in speaker")
        );
        let help = unknown[0].help.as_deref().unwrap_or_default();
        assert!(
            help.starts_with(&format!("no briefing being loaded defines `{speaker}`")),
            "{help}"
        );
        eprintln!(
            "{bytes} B of TOML with an id of {} letters: peak {peak} B",
            id.len()
        );
        assert!(
            peak < 64 * bytes,
            "{peak} B at the peak for {bytes} B of TOML"
        );
    }
}
