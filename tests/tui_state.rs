//! State tests: scripted actions into `App::update`, asserting where the user ends up and
//! what the world is asked to do.

mod common;

use std::sync::Arc;

use briefing::model::Scope;
use briefing::model::{ItemRef, LoadOptions, load_bundled, load_paths};
use briefing::tui::action::{Action, Effect, Focus, Loaded, Mode, Pane, SearchResults};
use briefing::tui::app::App;
use briefing::tui::panes::row::Row;
use briefing::tui::theme::Theme;
use common::drive::{act, acts, draw, text, type_text};

fn app() -> App {
    let (lib, report) = load_bundled();
    App::new(lib, report, Theme::new(false))
}

fn id(app: &App, item: Option<ItemRef>) -> String {
    item.map(|i| app.lib().id_of(i)).unwrap_or_default()
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Moves the list selection down to the item with this id.
/// The current pane's rows: items by id, relations by index, headers by their label.
fn row_ids(app: &App) -> Vec<String> {
    app.current()
        .rows()
        .iter()
        .map(|r| match r {
            Row::Item(i) => app.lib().id_of(*i),
            Row::Relation(r) => format!("relation {r}"),
            Row::Header(h) => h.to_string(),
        })
        .collect()
}

/// Enter on a briefing in the Overview: it alone is in scope.
fn open_briefing(app: &mut App, id: &str) {
    act(app, Action::FocusPane(Pane::Overview));
    select_in_list(app, id);
    act(app, Action::Activate);
}

fn select_in_list(app: &mut App, want: &str) {
    act(app, Action::Top);
    for _ in 0..app.current().rows().len() {
        if id(app, app.current().selected_item()) == want {
            return;
        }
        act(app, Action::MoveDown);
    }
    panic!("`{want}` is not in the {:?} pane", app.pane());
}

/// Moves the detail selection down to the first link satisfying `pred`.
fn select_link(app: &mut App, pred: impl Fn(ItemRef) -> bool) -> ItemRef {
    for _ in 0..500 {
        if let Some(link) = app.detail_lines()[app.current().detail_line()].link
            && pred(link)
        {
            return link;
        }
        act(app, Action::MoveDown);
    }
    panic!("no such link in the detail view");
}

#[test]
fn follow_a_thread_and_come_back() {
    let mut app = app();
    act(&mut app, Action::FocusPane(Pane::Actors));
    select_in_list(&mut app, "kenya");
    act(&mut app, Action::Activate);
    assert_eq!(app.focus(), Focus::Detail);
    let quote = select_link(&mut app, |l| matches!(l, ItemRef::Quote(_)));
    let kenya_detail_line = app.current().detail_line();

    act(&mut app, Action::Activate);
    assert_eq!(app.pane(), Pane::Quotes);
    assert_eq!(app.current().selected_item(), Some(quote));
    let ItemRef::Quote(q) = quote else {
        unreachable!()
    };
    let speaker = ItemRef::Actor(app.lib().quotes[q].speaker);

    select_link(&mut app, |l| l == speaker);
    act(&mut app, Action::Activate);
    assert_eq!(app.pane(), Pane::Actors);
    assert_eq!(app.current().selected_item(), Some(speaker));
    assert_eq!(id(&app, Some(speaker)), "korir-singoei");

    act(&mut app, Action::Back);
    assert_eq!(app.pane(), Pane::Quotes);
    assert_eq!(app.current().selected_item(), Some(quote));

    act(&mut app, Action::Back);
    assert_eq!(app.pane(), Pane::Actors);
    assert_eq!(id(&app, app.current().selected_item()), "kenya");
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.current().detail_line(), kenya_detail_line);

    // Forward goes back to the quote; the history survives switching panes.
    act(&mut app, Action::Forward);
    assert_eq!(app.current().selected_item(), Some(quote));
    act(&mut app, Action::FocusPane(Pane::Timeline));
    act(&mut app, Action::Back);
    assert_eq!(id(&app, app.current().selected_item()), "kenya");
}

/// Back puts the list as it was left: the same item selected on the same screen row, the
/// same first row shown, after a link moved the list's view elsewhere. It used to keep the
/// view the link left, scrolled just enough to show the item, so the item came back at
/// another place on screen. A list changed in between (a filter) keeps the item in view.
#[test]
fn back_restores_the_lists_scroll_as_it_was() {
    let mut app = app();
    let (w, h) = (100, 30);
    act(&mut app, Action::FocusPane(Pane::Actors));
    // Down past a screenful and up again, drawing as the event loop does: the list
    // scrolled, the selection in the middle of the screen.
    for action in
        std::iter::repeat_n(Action::MoveDown, 30).chain(std::iter::repeat_n(Action::MoveUp, 12))
    {
        act(&mut app, action);
        draw(&mut app, w, h);
    }
    let left = text(&draw(&mut app, w, h));
    let (item, offset) = (app.current().selected_item(), app.current().list.offset());
    let row = app.current().list.selected() - offset;
    assert!(
        offset > 0 && row > 5,
        "offset {offset}, row {row}:
{left}"
    );
    // Into the detail and along a link to an actor listed above the first row shown.
    act(&mut app, Action::Activate);
    let above: Vec<Row> = app.current().rows()[..offset].to_vec();
    let to = {
        let mut found = None;
        for _ in 0..500 {
            let link = app.detail_lines()[app.current().detail_line()].link;
            if let Some(link) = link.filter(|&l| above.contains(&Row::Item(l))) {
                found = Some(link);
                break;
            }
            act(&mut app, Action::MoveDown);
        }
        found.expect("a link to an actor above the view")
    };
    act(&mut app, Action::Activate);
    draw(&mut app, w, h);
    assert_eq!(app.current().selected_item(), Some(to));
    assert_ne!(
        app.current().list.offset(),
        offset,
        "the link moved the view"
    );
    act(&mut app, Action::FocusList);
    act(&mut app, Action::Back);
    let back = text(&draw(&mut app, w, h));
    assert_eq!(app.current().selected_item(), item);
    assert_eq!(
        app.current().list.offset(),
        offset,
        "left:\n{left}\nback:\n{back}"
    );
    let list = |s: &str| -> Vec<String> {
        s.lines()
            .skip(2)
            .take(usize::from(h) - 3)
            .map(|l| l.split("││").next().unwrap_or(l).to_owned())
            .collect()
    };
    assert_eq!(list(&back), list(&left), "left:\n{left}\nback:\n{back}");

    // Forward and back again with the list filtered in between, down to fewer rows than
    // the item's place on screen: the item is selected and in view, the view not scrolled
    // past the list's end.
    act(&mut app, Action::Forward);
    let name = app.lib().label(item.unwrap());
    act(&mut app, Action::OpenFilter);
    type_text(&mut app, &name);
    act(&mut app, Action::Activate);
    let kept = app.current().list.rows().len();
    assert!(kept > 0 && kept <= row, "{kept} rows for {name:?}");
    act(&mut app, Action::Back);
    let back = text(&draw(&mut app, w, h));
    assert_eq!(app.current().selected_item(), item);
    assert_eq!(app.current().list.offset(), 0, "{back}");
    assert!(
        back.lines()
            .any(|l| l.starts_with("│▶") && l.contains(name.as_str())),
        "{back}"
    );
}

#[test]
fn back_with_no_history_says_so() {
    let mut app = app();
    act(&mut app, Action::Back);
    assert_eq!(app.status(), Some("nothing to go back to"));
    assert_eq!(app.pane(), Pane::Overview);
}

#[test]
fn open_starts_on_an_item() {
    let mut app = app();
    assert!(app.open("korir-singoei"));
    assert_eq!(app.pane(), Pane::Actors);
    assert_eq!(id(&app, app.current().selected_item()), "korir-singoei");
    assert!(!app.open("no-such-id"));
    assert_eq!(app.status(), Some("no item has the id `no-such-id`"));
    // A typo of an id suggests it.
    assert!(!app.open("korir-singoie"));
    assert_eq!(
        app.status(),
        Some("no item has the id `korir-singoie`: did you mean `korir-singoei`?")
    );
    // The first word of an id suggests the ids it starts.
    assert!(!app.open("korir"));
    assert_eq!(
        app.status(),
        Some("no item has the id `korir`: did you mean `korir-singoei`?")
    );
    assert!(!app.open("kenyan-officers"));
    let status = app.status().unwrap();
    assert!(
        status.starts_with(
            "no item has the id `kenyan-officers`: ids that start so: `kenyan-officers-"
        ),
        "{status}"
    );
    assert!(status.contains("`kenyan-officers-anonymous`"), "{status}");
}

#[test]
fn timeline_skips_year_headers_and_keeps_chronology() {
    let mut app = app();
    act(&mut app, Action::FocusPane(Pane::Timeline));
    let mut seen = Vec::new();
    act(&mut app, Action::Top);
    for _ in 0..app.current().rows().len() {
        let item = app
            .current()
            .selected_item()
            .expect("a header is never selected");
        if seen.last() != Some(&item) {
            seen.push(item);
        }
        act(&mut app, Action::MoveDown);
    }
    assert_eq!(seen.len(), app.lib().events.len());
    assert_eq!(
        id(&app, seen.first().copied()),
        "jovenel-moise-assassinated"
    );
    let dates: Vec<_> = seen
        .iter()
        .map(|i| {
            if let ItemRef::Event(e) = i {
                app.lib().events[*e].date
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
    act(&mut app, Action::FocusPane(Pane::Quotes));
    act(&mut app, Action::MoveDown);
    let quote = app.current().selected_item();
    act(&mut app, Action::NextPane);
    assert_eq!(app.pane(), Pane::Changes);
    act(&mut app, Action::NextPane);
    assert_eq!(app.pane(), Pane::Overview);
    act(&mut app, Action::PrevPane);
    act(&mut app, Action::PrevPane);
    assert_eq!(app.pane(), Pane::Quotes);
    assert_eq!(app.current().selected_item(), quote);
}

#[test]
fn help_opens_scrolls_within_its_length_and_closes() {
    let mut app = app();
    act(&mut app, Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Help);
    draw(&mut app, 120, 40);
    let max = app.geometry().help_scroll_max;
    assert!(max > 0, "help is longer than a 40-row screen");
    acts(&mut app, (0..max + 20).map(|_| Action::MoveDown));
    act(&mut app, Action::MoveUp);
    let Some(briefing::tui::overlays::Overlay::Help(help)) = app.overlay() else {
        panic!("help is open");
    };
    assert_eq!(
        help.scroll(),
        max - 1,
        "one step up from the end, however far j went"
    );
    act(&mut app, Action::CloseOverlay);
    assert_eq!(app.overlay(), None);
}

/// The help is long: its keys page through it as the source reader's do, by the keys
/// bound in its mode (`G`, `End`, `PgDn`, `Space`, `g`, `Home`, `PgUp`, `b`).
#[test]
fn help_pages_and_jumps_to_its_ends() {
    use briefing::tui::keymap::Keymap;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let scroll = |app: &App| match app.overlay() {
        Some(briefing::tui::overlays::Overlay::Help(help)) => help.scroll(),
        other => panic!("help is open: {other:?}"),
    };
    let key = |app: &mut App, code: KeyCode, mods: KeyModifiers| {
        let action = Keymap::default()
            .lookup(Mode::Help, &KeyEvent::new(code, mods))
            .unwrap_or_else(|| panic!("{code:?} is bound in help"));
        act(app, action);
        draw(app, 120, 40);
    };
    let mut app = app();
    act(&mut app, Action::ToggleHelp);
    draw(&mut app, 120, 40);
    let (max, page) = (app.geometry().help_scroll_max, app.geometry().help_page);
    assert!(
        max > page && page > 10,
        "{max} lines to scroll, {page} shown"
    );
    key(&mut app, KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(scroll(&app), max);
    key(&mut app, KeyCode::Char('g'), KeyModifiers::NONE);
    assert_eq!(scroll(&app), 0);
    key(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(scroll(&app), page);
    key(&mut app, KeyCode::Char(' '), KeyModifiers::NONE);
    assert_eq!(scroll(&app), (2 * page).min(max));
    key(&mut app, KeyCode::Char('b'), KeyModifiers::NONE);
    assert_eq!(scroll(&app), (2 * page).min(max) - page);
    key(&mut app, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(scroll(&app), max);
    key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    assert_eq!(scroll(&app), 0);
}

#[test]
fn copy_asks_for_a_citation_on_the_clipboard() {
    let mut app = app();
    assert!(app.open("korir-singoei"));
    act(&mut app, Action::FocusList);
    let effects = act(&mut app, Action::Copy);
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("one copy effect, not {effects:?}");
    };
    assert!(text.starts_with("Korir Sing’oei — "), "{text}");
    assert!(text.contains("¶5"), "{text}");
    assert!(app.status().unwrap().starts_with("copied: "));
    // Nothing to copy on a briefing: a message, and no effect.
    act(&mut app, Action::FocusPane(Pane::Overview));
    assert!(act(&mut app, Action::Copy).is_empty());
    assert!(app.status().unwrap().starts_with("nothing to copy"));
}

#[test]
fn quit_and_suspend_are_effects_not_state() {
    let mut app = app();
    assert!(matches!(act(&mut app, Action::Quit)[..], [Effect::Quit]));
    assert!(matches!(
        act(&mut app, Action::Suspend)[..],
        [Effect::Suspend]
    ));
    act(&mut app, Action::OpenSearch);
    assert!(matches!(act(&mut app, Action::Quit)[..], [Effect::Quit]));
}

fn two_briefings() -> App {
    let (lib, report) = load_paths(&[fixture("valid")], LoadOptions::default()).unwrap();
    assert_eq!(report.error_count(), 0);
    App::new(lib, report, Theme::new(false))
}

/// Stepping back to a briefing dated `"2024-06"` shows it as of `2024-06`, the precision
/// its author gave, in the header and the status line; never an invented `2024-06-30`. The
/// view still counts exactly the briefings up to the end of June.
#[test]
fn stepping_through_time_shows_each_date_as_its_briefing_gives_it() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["s1", "s2", "s3"] {
        let text = std::fs::read_to_string(fixture(&format!("series/{name}.toml"))).unwrap();
        let text = text.replace("as_of = \"2024-06-01\"", "as_of = \"2024-06\"");
        std::fs::write(dir.path().join(format!("{name}.toml")), text).unwrap();
    }
    let (lib, report) = load_paths(&[dir.path().to_owned()], LoadOptions::default()).unwrap();
    assert_eq!(report.error_count(), 0);
    let mut app = App::new(lib, report, Theme::new(false));
    let header = |app: &mut App| text(&draw(app, 100, 24)).lines().next().unwrap().to_owned();
    act(&mut app, Action::EarlierView);
    let known: Vec<bool> = app
        .lib()
        .briefings
        .iter()
        .map(briefing::model::Briefing::is_known)
        .collect();
    assert_eq!(
        known,
        [true, true, false],
        "the view counts s1 and s2, not s3"
    );
    assert!(
        header(&mut app).ends_with("as of 2024-06 (earlier view)"),
        "{}",
        header(&mut app)
    );
    let status = app.status().unwrap().to_owned();
    assert!(
        status.starts_with("as of 2024-06 (earlier view);"),
        "{status}"
    );
    act(&mut app, Action::EarlierView);
    assert!(header(&mut app).ends_with("as of 2024-01-15 (earlier view)"));
    act(&mut app, Action::LaterView);
    assert!(header(&mut app).ends_with("as of 2024-06 (earlier view)"));
    assert!(!app.status().unwrap().contains("2024-06-30"));
}

/// The Changes pane of one briefing lists what it changed since the one before it: none
/// for the first of a series; for the latest, its changes and the relations it no longer
/// states (which, stated only before it, are not in its scope themselves).
#[test]
fn the_changes_pane_of_one_briefing_lists_what_it_changed() {
    let mut app = app();
    act(&mut app, Action::FocusPane(Pane::Changes));
    let all = row_ids(&app);
    open_briefing(&mut app, "haiti-2025-05");
    assert_eq!(*app.scope(), Scope::Briefing(0));
    act(&mut app, Action::FocusPane(Pane::Changes));
    assert_eq!(
        row_ids(&app),
        ["no changes: the first briefing of its series"],
        "the May briefing"
    );
    while *app.scope() != Scope::All {
        act(&mut app, Action::CycleScope);
    }
    open_briefing(&mut app, "haiti-2025-10");
    assert_eq!(*app.scope(), Scope::Briefing(1));
    act(&mut app, Action::FocusPane(Pane::Changes));
    let october = row_ids(&app);
    let dropped = october
        .iter()
        .position(|r| r.contains("? not restated since 2025-10-01"));
    assert!(
        dropped.is_some_and(|at| october.len() - at - 1 == 3),
        "{october:?}"
    );
    assert!(
        october[0].contains("changed in this briefing"),
        "{october:?}"
    );
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("✎ changed in this briefing"), "{screen}");
    // The same rows as with every briefing in view, October being the latest, but for the
    // headers' wording.
    let unworded = |rows: &[String]| -> Vec<String> {
        rows.iter()
            .map(|r| r.replace("the latest", "this"))
            .collect()
    };
    assert_eq!(unworded(&october), unworded(&all));
}

#[test]
fn several_briefings_can_be_chosen_from_the_overview() {
    let mut app = two_briefings();
    assert_eq!(*app.scope(), Scope::All);
    assert_eq!(briefing::tui::scope::label(app.lib()), "all 2 briefings");
    act(&mut app, Action::FocusPane(Pane::Actors));
    assert_eq!(app.current().rows().len(), 2);
    open_briefing(&mut app, "second");
    assert_eq!(*app.scope(), Scope::Briefing(1));
    // The second briefing describes Bob; Alice, whom it only refers to, is a link away.
    act(&mut app, Action::FocusPane(Pane::Actors));
    let ids = row_ids(&app);
    assert_eq!(ids, ["bob"]);
    // Following a link out of the scope widens it again, and says so.
    act(&mut app, Action::FocusPane(Pane::Timeline));
    assert_eq!(app.current().list.items(), 1);
    assert!(app.open("memo-written"));
    assert_eq!(*app.scope(), Scope::All);
    assert!(app.status().unwrap().contains("outside the scope"));
    // The scope key narrows again, around the selected item's briefing, and widens back.
    act(&mut app, Action::CycleScope);
    assert_eq!(*app.scope(), Scope::Briefing(0));
    act(&mut app, Action::CycleScope);
    assert_eq!(*app.scope(), Scope::All);
}

#[test]
fn mouse_clicks_select_and_the_wheel_only_scrolls() {
    let mut app = app();
    draw(&mut app, 120, 20);
    // Click the Actors tab.
    let (tab, _) = *app
        .geometry()
        .tabs
        .iter()
        .find(|(_, p)| *p == Pane::Actors)
        .unwrap();
    act(&mut app, Action::Click(tab.x + 1, tab.y));
    assert_eq!(app.pane(), Pane::Actors);
    draw(&mut app, 120, 20);
    // Click the third row of the list.
    let list = app.geometry().list.unwrap().area;
    act(&mut app, Action::Click(list.x + 3, list.y + 2));
    assert_eq!(app.current().list.selected(), 2);
    let selected = app.current().selected_item();
    // The wheel moves the view, not the selection, the pane or the history.
    act(&mut app, Action::ScrollDown(list.x + 3, list.y + 2));
    assert_eq!(app.current().list.offset(), 3);
    assert_eq!(app.current().selected_item(), selected);
    assert_eq!(app.pane(), Pane::Actors);
    assert!(app.history().behind().is_empty());
    // A click on a detail line selects it and gives the detail the keyboard.
    draw(&mut app, 120, 20);
    let detail = app.geometry().detail.unwrap().area;
    act(&mut app, Action::Click(detail.x + 2, detail.y + 1));
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.current().detail_line(), 1);
}

#[test]
fn a_resize_drops_the_old_frames_click_targets_until_the_next_frame() {
    let mut app = app();
    draw(&mut app, 120, 40);
    let (tab, _) = *app
        .geometry()
        .tabs
        .iter()
        .find(|(_, p)| *p == Pane::Quotes)
        .unwrap();
    act(&mut app, Action::Resize(60, 20));
    // Where the Quotes tab was, nothing is known until the screen is drawn again.
    act(&mut app, Action::Click(tab.x + 1, tab.y));
    assert_eq!(app.pane(), Pane::Overview);
    let before = app.current().list.selected();
    act(&mut app, Action::PageDown);
    assert_eq!(
        app.current().list.selected(),
        before + 1,
        "a page is one row until drawn"
    );
    draw(&mut app, 60, 20);
    let (tab, _) = *app
        .geometry()
        .tabs
        .iter()
        .find(|(_, p)| *p == Pane::Quotes)
        .unwrap();
    act(&mut app, Action::Click(tab.x + 1, tab.y));
    assert_eq!(app.pane(), Pane::Quotes);
}

#[test]
fn a_reload_keeps_selection_by_id_and_falls_back_when_an_item_is_gone() {
    let mut app = two_briefings();
    // Jump to Bob, then from Bob to Alice: the history holds the start and Bob.
    for name in ["bob", "alice"] {
        act(&mut app, Action::OpenSearch);
        act(&mut app, Action::ClearQuery);
        type_text(&mut app, name);
        act(&mut app, Action::Activate);
        assert_eq!(id(&app, app.current().selected_item()), name);
    }
    assert_eq!(app.history().behind().len(), 2);
    act(&mut app, Action::FocusPane(Pane::Actors));
    select_in_list(&mut app, "bob");
    // Reload with only the first briefing: Bob is gone, Alice stays.
    let (lib, report) =
        load_paths(&[fixture("valid/minimal.toml")], LoadOptions::default()).unwrap();
    let effects = act(
        &mut app,
        Action::Reloaded(Box::new(Ok(Loaded::new(lib, report)))),
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.pane(), Pane::Actors);
    assert_eq!(id(&app, app.current().selected_item()), "alice");
    assert!(
        app.status().unwrap().contains("“Bob” no longer exists"),
        "{:?}",
        app.status()
    );
    // The history entry at Bob is dropped; the one at the start is kept.
    let behind = app.history().behind();
    assert_eq!(behind.len(), 1, "{behind:?}");
    assert_eq!(behind[0].pane, Pane::Overview);
}

#[test]
fn file_changes_during_a_reload_ask_for_one_more_reload_after_it() {
    let mut app = app();
    assert!(matches!(
        act(&mut app, Action::FilesChanged)[..],
        [Effect::Reload]
    ));
    // Two more changes while loading: no second load at once, one after.
    assert!(act(&mut app, Action::FilesChanged).is_empty());
    assert!(act(&mut app, Action::FilesChanged).is_empty());
    let effects = act(&mut app, Action::Reloaded(Box::new(Err("gone".into()))));
    assert!(matches!(effects[..], [Effect::Reload]), "{effects:?}");
    assert_eq!(app.status(), Some("reload failed: gone"));
    let (lib, report) = load_bundled();
    let effects = act(
        &mut app,
        Action::Reloaded(Box::new(Ok(Loaded::new(lib, report)))),
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.status(), Some("reloaded"));
}

#[test]
fn search_jumps_to_an_item_and_back_returns_to_the_query() {
    let mut app = app();
    act(&mut app, Action::FocusPane(Pane::Timeline));
    act(&mut app, Action::OpenSearch);
    type_text(&mut app, "aware");
    assert_eq!(app.search().query(), "aware");
    assert_eq!(id(&app, app.search().selected_item()), "singoei-aware");
    act(&mut app, Action::MoveDown);
    act(&mut app, Action::MoveUp);
    act(&mut app, Action::Activate);
    assert_eq!(app.overlay(), None);
    assert_eq!(app.pane(), Pane::Quotes);
    assert_eq!(id(&app, app.current().selected_item()), "singoei-aware");
    act(&mut app, Action::Back);
    assert_eq!(app.mode(), Mode::Search);
    assert_eq!(app.search().query(), "aware");
    assert_eq!(id(&app, app.search().selected_item()), "singoei-aware");
    // Esc keeps the query; a bad query gets a message, not a panic.
    act(&mut app, Action::CloseOverlay);
    act(&mut app, Action::OpenSearch);
    assert_eq!(app.search().query(), "aware");
    type_text(&mut app, " foo:bar");
    assert!(
        app.search()
            .error()
            .unwrap()
            .contains("unknown qualifier `foo:`")
    );
}

#[test]
fn typing_asks_for_a_search_instead_of_running_one() {
    let mut app = app();
    act(&mut app, Action::OpenSearch);
    let effects = app.update(Action::Type('k'));
    let [Effect::Search(req)] = effects.as_slice() else {
        panic!("one search, not {effects:?}");
    };
    assert_eq!(req.query, "k");
    assert!(
        app.search().results().is_empty(),
        "nothing until the answer"
    );
    assert_eq!(app.search().pending(), Some(0));
    act(
        &mut app,
        Action::SearchDone(briefing::tui::worker::run_now(req)),
    );
    assert!(!app.search().results().is_empty());
    assert_eq!(app.search().pending(), None);
}

#[test]
fn paste_types_plain_text_into_the_search_and_nowhere_else() {
    let mut app = app();
    // While browsing, a paste does nothing.
    act(&mut app, Action::Paste("2q".into()));
    assert_eq!(app.pane(), Pane::Overview);
    assert_eq!(app.search().query(), "");
    act(&mut app, Action::OpenSearch);
    type_text(&mut app, "sing");
    act(&mut app, Action::CursorHome);
    let effects = app.update(Action::Paste("korir\u{1b}[2J\n".into()));
    assert!(matches!(effects[..], [Effect::Search(_)]), "{effects:?}");
    assert_eq!(app.search().query(), "korir [2J sing");
    assert_eq!(app.search().line().cursor(), 10, "after the pasted text");
    // An empty paste changes nothing and searches nothing.
    assert!(app.update(Action::Paste(String::new())).is_empty());
}

#[test]
fn search_results_arriving_out_of_order_keep_the_newest() {
    let mut app = app();
    act(&mut app, Action::OpenSearch);
    let first = app.update(Action::Type('k'));
    let second = app.update(Action::Type('z'));
    let (Effect::Search(old), Effect::Search(new)) = (&first[0], &second[0]) else {
        panic!("two searches");
    };
    assert!(new.generation > old.generation);
    let old_results = briefing::tui::worker::run_now(old);
    let new_results = briefing::tui::worker::run_now(new);
    assert_ne!(old_results.hits, new_results.hits);
    // The newer answer comes first; the older one, arriving late, is dropped.
    act(&mut app, Action::SearchDone(new_results.clone()));
    act(&mut app, Action::SearchDone(old_results.clone()));
    assert_eq!(
        app.search().results(),
        &new_results.hits.clone().unwrap()[..]
    );
    // Progress for an old search does not show either.
    act(
        &mut app,
        Action::SearchProgress {
            generation: old.generation,
            permille: 500,
        },
    );
    assert_eq!(app.search().pending(), None);
    // An answer for a request superseded before either arrived is dropped too.
    let third = app.update(Action::DeleteBack);
    let Effect::Search(kept) = &third[0] else {
        panic!("a search");
    };
    act(&mut app, Action::SearchDone(new_results));
    assert_eq!(app.search().pending(), Some(0));
    let answer = SearchResults {
        hits: Ok(Arc::from(Vec::new())),
        ..briefing::tui::worker::run_now(kept)
    };
    act(&mut app, Action::SearchDone(answer));
    assert!(app.search().results().is_empty());
    assert_eq!(app.search().pending(), None);
}

#[test]
fn a_reload_with_the_search_open_searches_the_new_library_for_the_same_query() {
    let mut app = app();
    act(&mut app, Action::OpenSearch);
    type_text(&mut app, "aware");
    act(&mut app, Action::MoveDown);
    let before = app.search().results().len();
    assert!(before > 1);
    // A search still in flight from before the reload.
    let stale = app.update(Action::Type('x'));
    let Effect::Search(stale) = &stale[0] else {
        panic!("a search");
    };
    let stale = briefing::tui::worker::run_now(stale);
    act(&mut app, Action::DeleteBack);
    let (lib, report) = load_bundled();
    let effects = app.update(Action::Reloaded(Box::new(Ok(Loaded::new(lib, report)))));
    let [Effect::Search(req)] = effects.as_slice() else {
        panic!("the query is searched again, not {effects:?}");
    };
    assert_eq!(req.query, "aware");
    // The overlay stays open with its query; the old results (from the old library) are
    // gone until the new ones arrive.
    assert_eq!(app.mode(), Mode::Search);
    assert_eq!(app.search().query(), "aware");
    assert!(app.search().results().is_empty());
    act(&mut app, Action::SearchDone(stale));
    assert!(
        app.search().results().is_empty(),
        "the stale answer is dropped"
    );
    act(
        &mut app,
        Action::SearchDone(briefing::tui::worker::run_now(req)),
    );
    assert_eq!(app.search().results().len(), before);
    assert_eq!(app.search().selected(), 0);
    assert_eq!(app.status(), Some("reloaded"));
}

#[test]
fn a_search_error_is_shown_whole_at_80_columns() {
    let (lib, report) = load_bundled();
    let mut app = App::new(lib, report, Theme::new(false));
    act(&mut app, Action::OpenSearch);
    type_text(&mut app, "after:2025-13");
    let error = (app.search().error())
        .expect("a bad date is an error")
        .to_owned();
    assert!(error.len() > 60, "{error}");
    let screen = text(&draw(&mut app, 80, 24));
    // The rows inside the overlay's border, joined: from the query's column to the border.
    let left = (screen.lines())
        .find_map(|l| l.find("/ after").map(|at| l[..at].chars().count()))
        .expect("the query row");
    let inside: Vec<String> = (screen.lines())
        .map(|l| {
            l.chars()
                .skip(left)
                .take_while(|&c| c != '│')
                .collect::<String>()
        })
        .map(|l| l.trim().to_owned())
        .collect();
    let joined = inside.join(" ");
    assert!(joined.contains(&error), "{error}\n{screen}");
}

/// Under an error, the list is the last good query's: the overlay says whose, and Enter
/// opens nothing until the query is fixed.
#[test]
fn results_under_a_query_error_are_named_and_not_opened() {
    let (lib, report) = load_bundled();
    let mut app = App::new(lib, report, Theme::new(false));
    act(&mut app, Action::OpenSearch);
    type_text(&mut app, "oas date:2025-13");
    assert!(app.search().error().is_some());
    assert!(
        !app.search().results().is_empty(),
        "the last good results stay"
    );
    assert_eq!(app.search().results_for(), "oas date:2025");
    let screen = text(&draw(&mut app, 200, 40));
    assert!(screen.contains("· the list below is for `oas"), "{screen}");
    act(&mut app, Action::Activate);
    assert_eq!(app.mode(), Mode::Search, "nothing opened");
    assert_eq!(
        app.status(),
        Some("the query has an error: fix it to open a result")
    );
}

/// A library of 30 briefings of one series, each with an actor, and 30 files with an
/// error each: long enough lists for every overlay to page through.
fn long_lists() -> App {
    let file = |id: String, as_of: String, status: &str| {
        let text = format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"{id} title\"\nas_of = \"{as_of}\"\nseries = \"s\"\nsummary = \"s\"\n\n\
             [[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n\n\
             [[actors]]\nid = \"a-{id}\"\nname = \"A {id}\"\nkind = \"person\"\nrole = \"r\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\n\
             [[events]]\nid = \"e-{id}\"\ntitle = \"E\"\ndate = \"{as_of}\"\nstatus = \"{status}\"\n\
             actors = [{{ actor = \"a-{id}\" }}]\ncite = [{{ source = \"src\", locator = \"1\" }}]\n"
        );
        (
            std::path::PathBuf::from(format!("{id}.toml")),
            Ok(text.into_bytes()),
        )
    };
    let good = (1..=30).map(|d| file(format!("b-{d:02}"), format!("2025-01-{d:02}"), "occurred"));
    let bad = (1..=30).map(|d| file(format!("x-{d:02}"), format!("2025-02-{d:02}"), "occured"));
    let (lib, report) =
        briefing::model::load_sources(good.chain(bad).collect(), LoadOptions::default());
    assert_eq!(lib.briefings.len(), 30);
    assert!(report.diagnostics.len() >= 30, "{:?}", report.diagnostics);
    let mut app = App::new(lib, report, Theme::new(false));
    app.attach_reading(
        briefing::state::Marks::default(),
        Some(std::time::Duration::from_secs(1)),
    );
    act(&mut app, Action::FocusPane(Pane::Actors));
    for _ in 0..30 {
        acts(&mut app, [Action::ToggleBookmark, Action::MoveDown]);
    }
    assert_eq!(app.bookmark_entries().len(), 30);
    app
}

/// The scope picker, the bookmarks list and the problems panel take the keys the panes'
/// lists take, as help lists them: j/k and the arrows a row, g/Home and G/End to the ends,
/// PgDn/Space and PgUp/b a page (as many rows as the overlay shows), Ctrl-d and Ctrl-u half
/// of one. Each key is looked up in the overlay's own mode, as the event loop does.
#[test]
fn every_list_overlay_moves_by_the_keys_the_lists_take() {
    use briefing::tui::overlays::Overlay;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let selected = |app: &App| match app.overlay() {
        Some(Overlay::Scope(p)) => p.selected(),
        Some(Overlay::Bookmarks(b)) => b.selected(),
        Some(Overlay::Problems(p)) => p.selected(),
        other => panic!("a list overlay: {other:?}"),
    };
    let page = |app: &App| match app.overlay() {
        Some(Overlay::Problems(_)) => app.geometry().problems.unwrap().page(),
        _ => app.geometry().picker.unwrap().page(),
    };
    let key = |app: &mut App, code: KeyCode, mods: KeyModifiers| {
        let mode = app.mode();
        let action = app
            .keys()
            .lookup(mode, &KeyEvent::new(code, mods))
            .unwrap_or_else(|| panic!("{code:?} is bound in {mode:?}"));
        act(app, action);
        draw(app, 80, 24);
        selected(app)
    };
    let (none, shift, ctrl) = (
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
    );
    let mut app = long_lists();
    let problems = app.report().diagnostics.len();
    // The picker: all briefings, the series, and each briefing.
    let last_problem = app.report().diagnostics[problems - 1].message.clone();
    for (open, len, last) in [
        (Action::PickScope, 32, "b-30 title (2025-01-30)"),
        (Action::OpenBookmarks, 30, "A b-30"),
        (Action::OpenProblems, problems, last_problem.as_str()),
    ] {
        act(&mut app, open.clone());
        draw(&mut app, 80, 24);
        let mode = app.mode();
        let page = page(&app);
        assert!(
            page > 4 && page < len,
            "{mode:?}: {page} rows of {len} show"
        );
        key(&mut app, KeyCode::Char('g'), none);
        assert_eq!(selected(&app), 0, "{mode:?}");
        assert_eq!(
            key(&mut app, KeyCode::Char('G'), shift),
            len - 1,
            "{mode:?}"
        );
        assert_eq!(key(&mut app, KeyCode::Home, none), 0, "{mode:?}");
        assert_eq!(key(&mut app, KeyCode::End, none), len - 1, "{mode:?}");
        assert_eq!(key(&mut app, KeyCode::Char('g'), none), 0, "{mode:?}");
        assert_eq!(key(&mut app, KeyCode::PageDown, none), page, "{mode:?}");
        let two = (2 * page).min(len - 1);
        assert_eq!(key(&mut app, KeyCode::Char(' '), none), two, "{mode:?}");
        assert_eq!(
            key(&mut app, KeyCode::Char('b'), none),
            two - page,
            "{mode:?}"
        );
        assert_eq!(key(&mut app, KeyCode::PageUp, none), 0, "{mode:?}");
        assert_eq!(
            key(&mut app, KeyCode::Char('d'), ctrl),
            page / 2,
            "{mode:?}"
        );
        assert_eq!(
            key(&mut app, KeyCode::Char('j'), none),
            page / 2 + 1,
            "{mode:?}"
        );
        assert_eq!(key(&mut app, KeyCode::Down, none), page / 2 + 2, "{mode:?}");
        assert_eq!(
            key(&mut app, KeyCode::Char('k'), none),
            page / 2 + 1,
            "{mode:?}"
        );
        assert_eq!(key(&mut app, KeyCode::Up, none), page / 2, "{mode:?}");
        assert_eq!(key(&mut app, KeyCode::Char('u'), ctrl), 0, "{mode:?}");
        // At the end, the last row is on screen.
        key(&mut app, KeyCode::End, none);
        let screen = text(&draw(&mut app, 80, 24));
        assert!(screen.contains(last), "{mode:?}: {last}\n{screen}");
        act(&mut app, Action::CloseOverlay);
        assert_eq!(app.mode(), Mode::Browse);
    }
}
