//! Scale properties that need no timing: drawing touches only what is visible.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use briefing::model::{LoadOptions, load_sources};
use briefing::tui::action::{Action, Pane};
use briefing::tui::app::App;
use briefing::tui::panes::list::ROWS_BUILT;
use briefing::tui::theme::Theme;

/// One briefing with `n` actors, events and quotes.
fn big_briefing(n: usize) -> String {
    let mut s = String::from(
        "[briefing]\nid = \"big\"\ntitle = \"Big\"\nas_of = \"2025\"\nsummary = \"Many items.\"\n\n[[sources]]\nid = \"s\"\ntitle = \"Source\"\nkind = \"report\"\n",
    );
    for i in 0..n {
        let _ = write!(
            s,
            "\n[[actors]]\nid = \"a{i}\"\nname = \"Actor {i}\"\nkind = \"person\"\nrole = \"role {i}\"\ncite = [{{ source = \"s\", locator = \"¶{i}\" }}]\n\
             \n[[events]]\nid = \"e{i}\"\ntitle = \"Event {i}\"\ndate = \"{}-{:02}\"\nstatus = \"occurred\"\nactors = [{{ actor = \"a{i}\" }}]\ncite = [{{ source = \"s\", locator = \"¶{i}\" }}]\n\
             \n[[quotes]]\nid = \"q{i}\"\nkind = \"reported\"\ntext = \"Statement number {i}.\"\nspeaker = \"a{i}\"\ndate = \"unknown\"\ncite = [{{ source = \"s\", locator = \"¶{i}\" }}]\n",
            1990 + i % 35,
            1 + i % 12
        );
    }
    s
}

#[test]
fn a_frame_builds_only_the_visible_rows() {
    let n = 3_000;
    let (lib, report) = load_sources(
        vec![(PathBuf::from("big.toml"), Ok(big_briefing(n).into_bytes()))],
        LoadOptions::default(),
    );
    assert_eq!(report.error_count(), 0);
    assert_eq!(lib.actors.len(), n);
    let mut app = App::new(lib, report, Theme::new(false));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    for pane in [Pane::Actors, Pane::Timeline, Pane::Quotes] {
        app.update(Action::FocusPane(pane));
        app.update(Action::PageDown);
        let before = ROWS_BUILT.load(Ordering::Relaxed);
        briefing::tui::view::render(&mut terminal, &mut app).unwrap();
        let built = ROWS_BUILT.load(Ordering::Relaxed) - before;
        assert!(
            built > 0 && built <= 40,
            "{pane:?}: built {built} rows for a 40-row screen"
        );
    }
}
