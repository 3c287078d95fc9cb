//! Screens rendered with `TestBackend` at fixed sizes, checked against readable snapshots.

mod common;

use briefing::model::load_bundled;
use briefing::tui::action::{Action, Pane};
use briefing::tui::app::App;
use briefing::tui::theme::Theme;
use briefing::tui::view::{MIN_HEIGHT, MIN_WIDTH};
use common::drive::{draw, text};

fn app() -> App {
    let (lib, report) = load_bundled();
    App::new(lib, report, Theme::new(false))
}

/// Renders the app and returns the screen as text, one line per row.
fn screen(app: &mut App, w: u16, h: u16) -> String {
    text(&draw(app, w, h))
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

/// Beside a detail on a 120-column screen, each quote row shows the quote's own date (a
/// day, a range, "undated"), not its briefing's tag; and where rows do show a briefing's
/// tag, it is marked `@`, so that it never reads as the item's date.
#[test]
fn at_120_columns_quotes_show_their_date_and_briefing_tags_are_marked() {
    let list_rows = |s: &str| -> Vec<String> {
        s.lines()
            .skip(3)
            .filter_map(|l| l.split('│').nth(1))
            // Without the scrollbar.
            .map(|r| r.trim_end_matches(['▲', '▼', '█', '║', ' ']).to_owned())
            .filter(|r| !r.trim().is_empty())
            .collect()
    };
    let quotes = pane_at(Pane::Quotes, 120, 40);
    let rows = list_rows(&quotes);
    assert!(
        rows[0].contains("Sing’oei") && rows[0].trim_end().ends_with("2025-05-21"),
        "{quotes}"
    );
    assert!(
        rows.iter()
            .any(|r| r.trim_end().ends_with("2025-09-30‥10-01")),
        "{quotes}"
    );
    assert!(
        rows.iter().all(|r| !r.contains('@')),
        "no tags here: {quotes}"
    );
    // Every row has its tag where the list is wide (200 columns, split); at 120 the list
    // has 48, and its titles the room.
    for pane in [Pane::Actors, Pane::Timeline] {
        let s = pane_at(pane, 200, 50);
        let rows = list_rows(&s);
        assert!(rows.len() > 10, "{s}");
        for r in rows.iter().filter(|r| !r.contains('─')) {
            let tag = r.split_whitespace().last().unwrap();
            assert!(tag == "@2025-05" || tag == "@2025-10", "{pane:?}: {r}");
        }
        let s = pane_at(pane, 120, 40);
        assert!(list_rows(&s).iter().all(|r| !r.contains('@')), "{s}");
    }
    let s = pane_at(Pane::Timeline, 120, 40);
    assert!(
        list_rows(&s)
            .iter()
            .any(|r| r.contains("● President Jovenel Moïse is")),
        "the title's room: {s}"
    );
}

#[test]
fn quote_detail_at_80x24_shows_the_detail_alone() {
    let mut app = app();
    assert!(app.open("singoei-aware"));
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
fn tiny_sizes_say_so_and_the_smallest_usable_size_draws_every_pane() {
    let mut app = app();
    for (w, h) in [(1, 1), (1, 40), (200, 1), (39, 9), (39, 40), (200, 9)] {
        let text = screen(&mut app, w, h);
        // The message wraps to the width: its first letters start the screen.
        let flat: String = text.split_whitespace().collect();
        assert!(
            "terminaltoosmall".starts_with(&flat[..flat.len().min(16)]) && !flat.is_empty(),
            "{w}x{h}: {text}"
        );
        assert!(!text.contains("Overview"), "{w}x{h} draws no pane");
    }
    for (w, h) in [(MIN_WIDTH, MIN_HEIGHT), (41, 11), (89, 12), (90, 12)] {
        for pane in Pane::ALL {
            app.update(Action::FocusPane(pane));
            let text = screen(&mut app, w, h);
            assert!(!text.contains("too small"), "{w}x{h}: {text}");
            let title = format!("┌ {}", pane.title());
            assert!(text.contains(&title), "{w}x{h} {pane:?}: {text}");
            assert!(text.lines().all(|l| unicode_width(l) <= usize::from(w)));
        }
    }
}

fn unicode_width(s: &str) -> usize {
    briefing::tui::text::width(s)
}

#[test]
fn changes_120x40() {
    insta::assert_snapshot!(pane_at(Pane::Changes, 120, 40));
}

/// The MSS's detail, scrolled to its History section: both versions, what changed and
/// each version's citations.
#[test]
fn history_section_of_the_mss_120x60() {
    let mut app = app();
    assert!(app.open("mss"));
    for _ in 0..60 {
        app.update(Action::MoveDown);
    }
    let s = screen(&mut app, 120, 60);
    assert!(s.contains("History (2 versions)"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn an_earlier_view_says_so_in_the_header_80x24() {
    let mut app = app();
    app.update(Action::FocusPane(Pane::Timeline));
    app.update(Action::EarlierView);
    let s = screen(&mut app, 80, 24);
    assert!(s.lines().next().unwrap().contains("(earlier view)"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn scope_picker_80x24() {
    let mut app = app();
    app.update(Action::PickScope);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn search_results_80x24() {
    let mut app = app();
    common::drive::act(&mut app, Action::OpenSearch);
    common::drive::type_text(&mut app, "gang");
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

/// Each dated result's second row ends with its date, whole, however long the context before
/// it (at 60 columns and more, where the longest date, a range, fits).
#[test]
fn search_results_keep_their_dates_whole_at_the_right_edge() {
    for w in [60, 70, 80, 120] {
        let mut app = app();
        common::drive::act(&mut app, Action::OpenSearch);
        common::drive::type_text(&mut app, "gang");
        let shown = screen(&mut app, w, 40);
        let rows: Vec<&str> = shown.lines().collect();
        let mut dated = 0;
        for (i, row) in rows.iter().enumerate() {
            let Some(badge) = ["quote ", "event "].into_iter().find(|b| row.contains(b)) else {
                continue;
            };
            // The overlay's cells: the widest run between borders.
            let context = rows[i + 1]
                .split('│')
                .max_by_key(|s| s.chars().count())
                .unwrap_or_default()
                .trim_end();
            assert!(
                context.ends_with("undated")
                    || context.rsplit(' ').next().is_some_and(|d| {
                        d.len() >= 4 && d.bytes().take(4).all(|b| b.is_ascii_digit())
                    }),
                "{badge}result at {w} columns has no whole date at the end of {context:?}:\n{shown}"
            );
            dated += 1;
        }
        assert!(dated >= 3, "too few dated results at {w} columns:\n{shown}");
    }
}
