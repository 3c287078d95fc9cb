//! What reading state costs on a big library: working out which items are unread (at start,
//! on every view change and reload), a frame with the read and bookmark marks, and saving
//! a state file that holds a read mark for every item.

use std::hint::black_box;
use std::time::Duration;

use briefing::model::ItemRef;
use briefing::state::{Change, Marks, Store, version_hash};
use briefing::tui::action::{Action, Pane};
use briefing::tui::app::App;
use briefing::tui::theme::Theme;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The same allocator as the binary, so the figures match what users see.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn reading(c: &mut Criterion) {
    let briefings = std::env::var("BRIEFING_BENCH_BRIEFINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    let (lib, report) = briefing::synth::load(briefings, 7);
    let items: Vec<ItemRef> = (0..lib.actors.len())
        .map(ItemRef::Actor)
        .chain((0..lib.events.len()).map(ItemRef::Event))
        .chain((0..lib.quotes.len()).map(ItemRef::Quote))
        .collect();
    eprintln!(
        "library: {briefings} briefings, {} items with read marks",
        items.len()
    );
    let all_read: Vec<Change> = items
        .iter()
        .map(|&i| Change::Read {
            id: lib.id_of(i),
            hash: version_hash(&lib, i).unwrap(),
        })
        .collect();
    let mut read = Marks::default();
    for c in &all_read {
        read.apply(c);
    }
    // The same library without reading state, to compare frames with and without marks.
    let mut bare = App::new(lib.clone(), report.clone(), Theme::new(true));
    bare.update(Action::FocusPane(Pane::Actors));
    let mut app = App::new(lib, report, Theme::new(true));
    let mut group = c.benchmark_group("reading");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("attach/nothing_read", |b| {
        b.iter(|| app.attach_reading(Marks::default(), None));
    });
    group.bench_function("attach/everything_read", |b| {
        b.iter(|| app.attach_reading(black_box(read.clone()), None));
    });
    app.attach_reading(Marks::default(), None);
    app.update(Action::FocusPane(Pane::Actors));
    app.update(Action::ToggleBookmark);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    group.bench_function("frame_200x50_without_marks", |b| {
        b.iter(|| {
            terminal.swap_buffers();
            briefing::tui::view::render(&mut terminal, black_box(&mut bare)).unwrap();
        });
    });
    group.bench_function("frame_200x50_with_marks", |b| {
        b.iter(|| {
            terminal.swap_buffers();
            briefing::tui::view::render(&mut terminal, black_box(&mut app)).unwrap();
        });
    });
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(Some(dir.path().to_owned()), &[]).store;
    store.save(&all_read).unwrap();
    let size = std::fs::metadata(dir.path().join("state.json"))
        .unwrap()
        .len();
    eprintln!("state file with every item read: {size} bytes");
    group.bench_function("save_one_mark_into_a_full_file", |b| {
        b.iter(|| store.save(black_box(&all_read[..1])).unwrap());
    });
    group.finish();
}

criterion_group!(benches, reading);
criterion_main!(benches);
