//! Screens rendered with `TestBackend` at fixed sizes, checked against readable snapshots.

use briefing::model::load_bundled;
use briefing::tui::app::{Action, App, Pane};
use briefing::tui::theme::Theme;
use briefing::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let (lib, report) = load_bundled();
    App::new(lib, report, Theme::new(false))
}

/// Renders the app and returns the screen as text, one line per row.
fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn pane_at(pane: Pane, w: u16, h: u16) -> String {
    let mut app = app();
    app.update(Action::FocusPane(pane));
    screen(&mut app, w, h)
}

#[test]
fn overview_80x24() {
    insta::assert_snapshot!(pane_at(Pane::Overview, 80, 24));
}

#[test]
fn overview_120x40() {
    insta::assert_snapshot!(pane_at(Pane::Overview, 120, 40));
}

#[test]
fn actors_80x24() {
    insta::assert_snapshot!(pane_at(Pane::Actors, 80, 24));
}

#[test]
fn actors_120x40() {
    insta::assert_snapshot!(pane_at(Pane::Actors, 120, 40));
}

#[test]
fn timeline_80x24() {
    insta::assert_snapshot!(pane_at(Pane::Timeline, 80, 24));
}

#[test]
fn timeline_120x40() {
    insta::assert_snapshot!(pane_at(Pane::Timeline, 120, 40));
}

#[test]
fn quotes_80x24() {
    insta::assert_snapshot!(pane_at(Pane::Quotes, 80, 24));
}

#[test]
fn quotes_120x40() {
    insta::assert_snapshot!(pane_at(Pane::Quotes, 120, 40));
}

#[test]
fn quote_detail_at_80x24_shows_the_detail_alone() {
    let mut app = app();
    assert!(
        app.open("singoei-aware") || app.open(&app.lib.id_of(briefing::model::ItemRef::Quote(0)))
    );
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn help_overlay_120x40() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn too_small() {
    let mut app = app();
    insta::assert_snapshot!(screen(&mut app, 30, 8));
}

#[test]
fn never_panics_at_tiny_sizes() {
    let mut app = app();
    for (w, h) in [
        (1, 1),
        (0, 0),
        (1, 40),
        (200, 1),
        (39, 9),
        (40, 10),
        (41, 11),
        (89, 12),
        (90, 12),
    ] {
        for pane in Pane::ALL {
            app.update(Action::FocusPane(pane));
            let text = screen(&mut app, w.max(1), h.max(1));
            assert!(text.lines().count() == usize::from(h.max(1)));
        }
    }
    let text = screen(&mut app, 20, 3);
    assert!(text.contains("terminal too small"), "{text}");
}
