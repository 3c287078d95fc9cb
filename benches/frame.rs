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

criterion_group!(benches, frames);
criterion_main!(benches);
