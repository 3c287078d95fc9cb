//! State tests: scripted actions into `App::update`, asserting where the user ends up.

use briefing::model::{ItemRef, load_bundled};
use briefing::tui::app::{Action, App, Focus, Overlay, Pane};
use briefing::tui::panes::{Row, Scope};
use briefing::tui::theme::Theme;

fn app() -> App {
    let (lib, report) = load_bundled();
    App::new(lib, report, Theme::new(false))
}

fn id(app: &App, item: Option<ItemRef>) -> String {
    item.map(|i| app.lib.id_of(i)).unwrap_or_default()
}

/// Moves the list selection down to the item with this id.
fn select_in_list(app: &mut App, want: &str) {
    app.update(Action::Top);
    for _ in 0..app.current().rows.len() {
        if id(app, app.current().selected_item()) == want {
            return;
        }
        app.update(Action::MoveDown);
    }
    panic!("`{want}` is not in the {:?} pane", app.pane);
}

/// Moves the detail selection down to the first link satisfying `pred`.
fn select_link(app: &mut App, pred: impl Fn(ItemRef) -> bool) -> ItemRef {
    for _ in 0..500 {
        let lines = app.detail_lines();
        if let Some(link) = lines[app.current().detail.selected].link
            && pred(link)
        {
            return link;
        }
        app.update(Action::MoveDown);
    }
    panic!("no such link in the detail view");
}

#[test]
fn follow_a_thread_and_come_back() {
    let mut app = app();
    app.update(Action::FocusPane(Pane::Actors));
    select_in_list(&mut app, "kenya");
    app.update(Action::Activate);
    assert_eq!(app.focus, Focus::Detail);
    let quote = select_link(&mut app, |l| matches!(l, ItemRef::Quote(_)));
    let kenya_detail_line = app.current().detail.selected;

    app.update(Action::Activate);
    assert_eq!(app.pane, Pane::Quotes);
    assert_eq!(app.current().selected_item(), Some(quote));
    let ItemRef::Quote(q) = quote else {
        unreachable!()
    };
    let speaker = ItemRef::Actor(app.lib.quotes[q].speaker);

    select_link(&mut app, |l| l == speaker);
    app.update(Action::Activate);
    assert_eq!(app.pane, Pane::Actors);
    assert_eq!(app.current().selected_item(), Some(speaker));
    assert_eq!(id(&app, Some(speaker)), "korir-singoei");

    app.update(Action::Back);
    assert_eq!(app.pane, Pane::Quotes);
    assert_eq!(app.current().selected_item(), Some(quote));

    app.update(Action::Back);
    assert_eq!(app.pane, Pane::Actors);
    assert_eq!(id(&app, app.current().selected_item()), "kenya");
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.current().detail.selected, kenya_detail_line);

    // Forward goes back to the quote; the history survives switching panes.
    app.update(Action::Forward);
    assert_eq!(app.current().selected_item(), Some(quote));
    app.update(Action::FocusPane(Pane::Timeline));
    app.update(Action::Back);
    assert_eq!(id(&app, app.current().selected_item()), "kenya");
}

#[test]
fn back_with_no_history_says_so() {
    let mut app = app();
    app.update(Action::Back);
    assert_eq!(app.status.as_deref(), Some("nothing to go back to"));
    assert_eq!(app.pane, Pane::Overview);
}

#[test]
fn open_starts_on_an_item() {
    let mut app = app();
    assert!(app.open("korir-singoei"));
    assert_eq!(app.pane, Pane::Actors);
    assert_eq!(id(&app, app.current().selected_item()), "korir-singoei");
    assert!(!app.open("no-such-id"));
    assert_eq!(
        app.status.as_deref(),
        Some("no item has the id `no-such-id`")
    );
}

#[test]
fn timeline_skips_year_headers_and_keeps_chronology() {
    let mut app = app();
    app.update(Action::FocusPane(Pane::Timeline));
    let mut seen = Vec::new();
    app.update(Action::Top);
    for _ in 0..app.current().rows.len() {
        let item = app
            .current()
            .selected_item()
            .expect("a header is never selected");
        if seen.last() != Some(&item) {
            seen.push(item);
        }
        app.update(Action::MoveDown);
    }
    assert_eq!(seen.len(), app.lib.events.len());
    assert_eq!(
        id(&app, seen.first().copied()),
        "jovenel-moise-assassinated"
    );
    let dates: Vec<_> = seen
        .iter()
        .map(|i| {
            if let ItemRef::Event(e) = i {
                app.lib.events[*e].date
            } else {
                unreachable!()
            }
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0].timeline_cmp(w[1]).is_le()));
}

#[test]
fn panes_cycle_with_tab_and_keep_their_selection() {
    let mut app = app();
    app.update(Action::FocusPane(Pane::Quotes));
    app.update(Action::MoveDown);
    let quote = app.current().selected_item();
    app.update(Action::NextPane);
    assert_eq!(app.pane, Pane::Overview);
    app.update(Action::PrevPane);
    assert_eq!(app.pane, Pane::Quotes);
    assert_eq!(app.current().selected_item(), quote);
}

#[test]
fn help_opens_and_closes() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    app.update(Action::MoveDown);
    app.update(Action::CloseOverlay);
    assert_eq!(app.overlay, None);
}

#[test]
fn copy_puts_a_citation_on_the_clipboard() {
    let mut app = app();
    assert!(app.open("korir-singoei"));
    app.update(Action::FocusList);
    app.update(Action::Copy);
    let text = app.clipboard.clone().expect("copied");
    assert!(text.starts_with("Korir Sing’oei — "), "{text}");
    assert!(text.contains("¶5"), "{text}");
    assert!(app.status.as_deref().unwrap().starts_with("copied: "));
}

fn two_briefings() -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let (lib, report) =
        briefing::model::load_paths(&[dir], briefing::model::LoadOptions::default()).unwrap();
    assert_eq!(report.error_count(), 0);
    App::new(lib, report, Theme::new(false))
}

#[test]
fn several_briefings_can_be_chosen_from_the_overview() {
    let mut app = two_briefings();
    assert_eq!(app.scope, Scope::All);
    assert_eq!(app.scope.label(&app.lib), "all 2 briefings");
    app.update(Action::FocusPane(Pane::Actors));
    assert_eq!(app.current().rows.len(), 2);
    app.update(Action::FocusPane(Pane::Overview));
    select_in_list(&mut app, "second");
    app.update(Action::Activate);
    assert_eq!(app.scope, Scope::Briefing(1));
    // The second briefing's actors include Alice, shared from the first file.
    app.update(Action::FocusPane(Pane::Actors));
    let ids: Vec<String> = app
        .current()
        .rows
        .iter()
        .map(|r| match r {
            Row::Item(i) => app.lib.id_of(*i),
            Row::Header(h) => h.clone(),
        })
        .collect();
    assert_eq!(ids, ["bob", "alice"]);
    // Following a link out of the scope widens it again, and says so.
    app.update(Action::FocusPane(Pane::Timeline));
    assert_eq!(
        app.current()
            .rows
            .iter()
            .filter(|r| matches!(r, Row::Item(_)))
            .count(),
        1
    );
    assert!(app.open("memo-written"));
    assert_eq!(app.scope, Scope::All);
    assert!(app.status.as_deref().unwrap().contains("another briefing"));
}

#[test]
fn mouse_clicks_select_and_the_wheel_only_scrolls() {
    let mut app = app();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 20)).unwrap();
    terminal
        .draw(|f| briefing::tui::view::draw(f, &mut app))
        .unwrap();
    // Click the Actors tab.
    let (tab, _) = *app
        .screen
        .tabs
        .iter()
        .find(|(_, p)| *p == Pane::Actors)
        .unwrap();
    app.update(Action::Click(tab.x + 1, tab.y));
    assert_eq!(app.pane, Pane::Actors);
    terminal
        .draw(|f| briefing::tui::view::draw(f, &mut app))
        .unwrap();
    // Click the third row of the list.
    let list = app.screen.list;
    app.update(Action::Click(list.x + 3, list.y + 3));
    assert_eq!(app.current().list.selected, 2);
    let selected = app.current().selected_item();
    // The wheel moves the view, not the selection, the pane or the history.
    app.update(Action::ScrollDown(list.x + 3, list.y + 3));
    assert_eq!(app.current().list.offset, 3);
    assert_eq!(app.current().selected_item(), selected);
    assert_eq!(app.pane, Pane::Actors);
    assert!(app.back.is_empty());
}

#[test]
fn a_reload_keeps_selection_by_id_and_falls_back_when_an_item_is_gone() {
    let mut app = two_briefings();
    assert!(app.open("bob"));
    assert!(app.open("alice"));
    app.update(Action::FocusPane(Pane::Actors));
    select_in_list(&mut app, "bob");
    // Reload with only the first briefing: Bob is gone, Alice stays.
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.toml");
    let (lib, report) =
        briefing::model::load_paths(&[dir], briefing::model::LoadOptions::default()).unwrap();
    app.swap_library(lib, report);
    assert_eq!(app.pane, Pane::Actors);
    assert_eq!(id(&app, app.current().selected_item()), "alice");
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("“Bob” no longer exists"),
        "{:?}",
        app.status
    );
    // History entries pointing at Bob are dropped; the rest are kept.
    assert!(
        app.back
            .iter()
            .all(|l| l.item.map(|i| app.lib.id_of(i)) != Some("bob".into()))
    );
}

#[test]
fn search_jumps_to_an_item_and_back_returns_to_the_query() {
    let mut app = app();
    app.update(Action::FocusPane(Pane::Timeline));
    app.update(Action::OpenSearch);
    for c in "aware".chars() {
        app.update(Action::Type(c));
    }
    assert_eq!(app.search.query, "aware");
    assert_eq!(id(&app, app.search.selected_item()), "singoei-aware");
    app.update(Action::MoveDown);
    app.update(Action::MoveUp);
    app.update(Action::Activate);
    assert_eq!(app.overlay, None);
    assert_eq!(app.pane, Pane::Quotes);
    assert_eq!(id(&app, app.current().selected_item()), "singoei-aware");
    app.update(Action::Back);
    assert_eq!(app.overlay, Some(Overlay::Search));
    assert_eq!(app.search.query, "aware");
    assert_eq!(id(&app, app.search.selected_item()), "singoei-aware");
    // Esc keeps the query; a bad query gets a message, not a panic.
    app.update(Action::CloseOverlay);
    app.update(Action::OpenSearch);
    assert_eq!(app.search.query, "aware");
    for c in " foo:bar".chars() {
        app.update(Action::Type(c));
    }
    assert!(
        app.search
            .error
            .as_deref()
            .unwrap()
            .contains("unknown qualifier `foo:`")
    );
}
