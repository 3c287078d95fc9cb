//! Drawing one frame at 100 items and at about a million: the cost must not grow with the
//! library, because only visible rows are built.

use std::hint::black_box;

use briefing::tui::action::{Action, Pane};
use briefing::tui::app::App;
use briefing::tui::theme::Theme;
/// The same allocator as the binary, so the figures match what users see.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_with(briefings: usize) -> App {
    let (lib, report) = briefing::synth::load(briefings, 7);
    eprintln!(
        "library: {} briefings, {} searchable items",
        lib.briefings.len(),
        lib.item_count()
    );
    App::new(lib, report, Theme::new(true))
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_200x50");
    group.sample_size(50);
    let size = std::env::var("BRIEFING_BENCH_BIG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    for (label, briefings) in [("100_items", 1), ("1M_items", size)] {
        let mut app = app_with(briefings);
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
        for pane in [Pane::Actors, Pane::Timeline, Pane::Quotes] {
            app.update(Action::FocusPane(pane));
            app.update(Action::PageDown);
            group.bench_function(format!("{label}/{pane:?}"), |b| {
                b.iter(|| {
                    // Invalidate the back buffer so every frame does the full work.
                    terminal.swap_buffers();
                    briefing::tui::view::render(&mut terminal, black_box(&mut app)).unwrap();
                });
            });
        }
    }
    group.finish();
}

/// Reading (#13): a long detail drawn at its end, where every line above is laid out to
/// find the offset, and the source reader on a 2 MB text, at 80×24.
fn reading(c: &mut Criterion) {
    let mut group = c.benchmark_group("reading_80x24");
    group.sample_size(50);
    let (lib, report) = briefing::model::load_bundled();
    let mut app = App::new(lib, report, Theme::new(true));
    assert!(app.open("mss"));
    app.update(Action::Bottom);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    group.bench_function("detail_of_the_mss_at_its_end", |b| {
        b.iter(|| {
            terminal.swap_buffers();
            briefing::tui::view::render(&mut terminal, black_box(&mut app)).unwrap();
        });
    });
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "A paragraph of the source, long enough to wrap over two or three lines of an eighty-column terminal, as news copy does.\n";
    std::fs::write(dir.path().join("text.txt"), paragraph.repeat(16_000)).unwrap();
    std::fs::write(
        dir.path().join("b.toml"),
        "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"s\"\n\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\ntext_file = \"text.txt\"\n\n[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\nrole = \"r\"\ncite = [{ source = \"s\", locator = \"¶8000\" }]\n",
    )
    .unwrap();
    let (lib, report) = briefing::model::load_paths(
        &[dir.path().to_owned()],
        briefing::model::LoadOptions::default(),
    )
    .unwrap();
    assert!(lib.sources[0].text.is_some());
    let mut app = App::new(lib, report, Theme::new(true));
    assert!(app.open("a"));
    app.update(Action::Bottom);
    app.update(Action::Activate);
    assert_eq!(app.mode(), briefing::tui::action::Mode::Reader);
    group.bench_function("reader_on_a_2mb_text", |b| {
        b.iter(|| {
            terminal.swap_buffers();
            briefing::tui::view::render(&mut terminal, black_box(&mut app)).unwrap();
        });
    });
    group.finish();
}

criterion_group!(benches, frames, reading);
criterion_main!(benches);
