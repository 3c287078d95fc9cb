//! Reading (#13), on screens drawn with `TestBackend` and checked against snapshots: a
//! detail with excerpts, the source reader, a zoomed detail, the timeline's axis, and the
//! network view; and what the keys do, asserted on the app's state.

mod common;

use std::path::{Path, PathBuf};

use briefing::model::{LoadOptions, load_bundled, load_paths};
use briefing::tui::action::{Action, Effect, Focus, Mode, Pane};
use briefing::tui::app::App;
use briefing::tui::overlays::Overlay;
use briefing::tui::theme::Theme;
use common::drive::{act, acts, draw, text, type_text};

fn bundled() -> App {
    let (lib, report) = load_bundled();
    App::new(lib, report, Theme::new(false))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The reading fixture: an actor with 12 relations, a timeline with a between-date and a
/// busy month, and a source with its text file.
fn world() -> App {
    let (lib, report) =
        load_paths(&[fixture("reading/world.toml")], LoadOptions::default()).unwrap();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    App::new(lib, report, Theme::new(false))
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    text(&draw(app, w, h))
}

/// Moves the detail cursor down until its line satisfies `pred`.
fn detail_to(
    app: &mut App,
    w: u16,
    h: u16,
    pred: impl Fn(&briefing::tui::panes::detail::DetailLine) -> bool,
) {
    for _ in 0..200 {
        draw(app, w, h);
        if pred(&app.detail_lines()[app.current().detail_line()]) {
            return;
        }
        act(app, Action::MoveDown);
    }
    panic!("no such detail line");
}

/// Opens the detail of `id` at a size and moves to its first cited passage.
fn at_first_passage(app: &mut App, id: &str, w: u16, h: u16) {
    assert!(app.open(id));
    detail_to(app, w, h, |l| {
        l.cite.as_ref().is_some_and(|c| c.excerpt.is_some())
            && l.kind == briefing::tui::panes::detail::LineKind::Text
    });
}

#[test]
fn a_detail_shows_each_cited_passage_under_its_locator() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = bundled();
        at_first_passage(&mut app, "us-weighs-oas-force", w, h);
        let s = screen(&mut app, w, h);
        assert!(s.contains("¶1 “The United States is weighing plans"), "{s}");
        insta::assert_snapshot!(format!("detail_with_excerpts_{w}x{h}"), s);
        act(&mut app, Action::Bottom);
        let s = screen(&mut app, w, h);
        assert!(s.contains("¶6 “The new OAS-centered strategy"), "{s}");
    }
}

#[test]
fn the_source_reader_marks_what_the_item_cites() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = bundled();
        at_first_passage(&mut app, "us-weighs-oas-force", w, h);
        act(&mut app, Action::Activate);
        assert_eq!(app.mode(), Mode::Reader);
        let s = screen(&mut app, w, h);
        assert!(s.contains("cited passage 1 of 5"), "{s}");
        insta::assert_snapshot!(format!("source_reader_{w}x{h}"), s);
    }
}

#[test]
fn the_source_reader_shows_a_full_text_and_steps_between_cited_paragraphs() {
    let mut app = world();
    assert!(app.open("founding"));
    detail_to(&mut app, 80, 24, |l| l.cite.is_some());
    act(&mut app, Action::Activate);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Full text from"), "{s}");
    assert!(
        s.contains("▌ ¶3 The authority said the patrols would continue."),
        "{s}"
    );
    insta::assert_snapshot!("source_reader_full_text_80x24", s);
    // n past the only cited paragraph wraps around, and says so.
    act(&mut app, Action::NextMatch);
    assert!(
        app.status().unwrap().contains("wrapped"),
        "{:?}",
        app.status()
    );
    act(&mut app, Action::Back);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.focus(), Focus::Detail);
}

/// A locator the full text does not have is named above the text, rather than the reader
/// marking nothing and saying nothing of it.
#[test]
fn the_source_reader_names_a_locator_its_text_does_not_have() {
    let dir = tempfile::tempdir().unwrap();
    let world = std::fs::read_to_string(fixture("reading/world.toml")).unwrap();
    let moved = world.replacen(
        "locator = \"¶3\", excerpt = \"The authority said the patrols would continue.\"",
        "locator = \"¶99\"",
        1,
    );
    assert_ne!(moved, world);
    std::fs::write(dir.path().join("world.toml"), moved).unwrap();
    std::fs::copy(fixture("reading/wire.txt"), dir.path().join("wire.txt")).unwrap();
    let (lib, report) =
        load_paths(&[dir.path().join("world.toml")], LoadOptions::default()).unwrap();
    let mut app = App::new(lib, report, Theme::new(false));
    assert!(app.open("founding"));
    detail_to(&mut app, 120, 40, |l| l.cite.is_some());
    act(&mut app, Action::Activate);
    assert_eq!(app.mode(), Mode::Reader);
    let s = screen(&mut app, 120, 40);
    // The note wraps at the reader's width.
    assert!(
        s.contains("“The authority is founded” cites ¶99, which this")
            && s.contains("text does not have."),
        "{s}"
    );
    assert!(!s.contains("marks the 0"), "{s}");
}

#[test]
fn a_zoomed_detail_fills_the_screen_and_the_split_moves() {
    let mut app = bundled();
    act(&mut app, Action::FocusPane(Pane::Actors));
    let before = screen(&mut app, 120, 40);
    assert!(before.contains("┌ Actors 52"), "{before}");
    act(&mut app, Action::ToggleZoom);
    assert_eq!(app.focus(), Focus::Detail);
    let s = screen(&mut app, 120, 40);
    assert!(!s.contains("┌ Actors 52"), "the list is hidden:\n{s}");
    insta::assert_snapshot!("zoomed_detail_120x40", s);
    act(&mut app, Action::ToggleZoom);
    act(&mut app, Action::WidenList);
    act(&mut app, Action::WidenList);
    let wider = screen(&mut app, 120, 40);
    let list_w = |s: &str| s.lines().nth(2).unwrap().find("┐").unwrap();
    assert!(list_w(&wider) > list_w(&before), "{wider}");
    insta::assert_snapshot!("zoomed_detail_80x24", {
        let mut app = bundled();
        assert!(app.open("mss"));
        act(&mut app, Action::ToggleZoom);
        screen(&mut app, 80, 24)
    });
}

#[test]
fn the_timeline_fits_a_between_date_and_shows_density() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = world();
        act(&mut app, Action::FocusPane(Pane::Timeline));
        let s = screen(&mut app, w, h);
        assert!(s.contains("2024-06‥2024-12 ● Coastal survey runs"), "{s}");
        assert!(
            s.contains("│2021 "),
            "the axis starts at the first date's precision:\n{s}"
        );
        assert!(s.contains('█'), "the busy month is the tallest cell:\n{s}");
        insta::assert_snapshot!(format!("timeline_between_and_density_{w}x{h}"), s);
    }
}

#[test]
fn quotes_can_join_the_timeline() {
    let mut app = world();
    act(&mut app, Action::FocusPane(Pane::Timeline));
    let events = app.current().list.items();
    act(&mut app, Action::ToggleTimelineQuotes);
    assert_eq!(app.current().list.items(), events + 1);
    let s = screen(&mut app, 160, 30);
    assert!(
        s.contains("2025-05-01‥05-03 “ Ada Example: We are ready to talk."),
        "{s}"
    );
    act(&mut app, Action::ToggleTimelineQuotes);
    assert_eq!(app.current().list.items(), events);
}

#[test]
fn the_network_view_of_an_actor() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = bundled();
        assert!(app.open("united-states"));
        act(&mut app, Action::OpenNetwork);
        assert_eq!(app.mode(), Mode::Network);
        let s = screen(&mut app, w, h);
        assert!(s.contains("Network · US"), "{s}");
        insta::assert_snapshot!(format!("network_united_states_{w}x{h}"), s);
        let mut app = world();
        assert!(app.open("hub"));
        act(&mut app, Action::OpenNetwork);
        let s = screen(&mut app, w, h);
        for name in [
            "Northland",
            "Westreach",
            "Patrol Force",
            "Hill Militia",
            "Ada Example",
        ] {
            assert!(s.contains(name), "{name} at {w}x{h}:\n{s}");
        }
        insta::assert_snapshot!(format!("network_twelve_relations_{w}x{h}"), s);
    }
}

#[test]
fn in_the_network_arrows_move_enter_opens_and_back_returns() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = world();
    assert!(app.open("hub"));
    act(&mut app, Action::OpenNetwork);
    draw(&mut app, 80, 24);
    let selected = |app: &App| match app.overlay() {
        Some(Overlay::Network(n)) => n.selected,
        other => panic!("{other:?}"),
    };
    assert_eq!(selected(&app), 0);
    act(&mut app, Action::MoveDown);
    assert_eq!(selected(&app), 1);
    act(&mut app, Action::MoveRight);
    let right = selected(&app);
    assert!(right >= 6, "to the right side: {right}");
    act(&mut app, Action::MoveLeft);
    assert_eq!(selected(&app), 1);
    // G/End and g/Home: the last and first neighbour on the same side.
    let key = |app: &mut App, code: KeyCode, mods: KeyModifiers| {
        let action = app.keys().lookup(Mode::Network, &KeyEvent::new(code, mods));
        act(app, action.unwrap_or_else(|| panic!("{code:?} is bound")));
        selected(app)
    };
    let last = key(&mut app, KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert!(last > 1 && last < right, "the left side's last: {last}");
    assert_eq!(key(&mut app, KeyCode::Down, KeyModifiers::NONE), last);
    assert_eq!(key(&mut app, KeyCode::Char('g'), KeyModifiers::NONE), 0);
    assert_eq!(key(&mut app, KeyCode::End, KeyModifiers::NONE), last);
    assert_eq!(key(&mut app, KeyCode::Home, KeyModifiers::NONE), 0);
    act(&mut app, Action::MoveRight);
    let first_right = key(&mut app, KeyCode::Char('g'), KeyModifiers::NONE);
    assert!(first_right > last && first_right <= right, "{first_right}");
    acts(&mut app, [Action::MoveLeft, Action::Top, Action::MoveDown]);
    assert_eq!(selected(&app), 1);
    act(&mut app, Action::Activate);
    assert_eq!(app.mode(), Mode::Browse);
    let opened = app.current().selected_item();
    assert_eq!(opened.map(|i| app.lib().id_of(i)).as_deref(), Some("south"));
    act(&mut app, Action::Back);
    assert_eq!(app.mode(), Mode::Network);
    assert_eq!(selected(&app), 1);
    act(&mut app, Action::Back);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.current().selected_item(), app.lib().find("hub"));
}

#[test]
fn the_network_falls_back_to_ascii() {
    use briefing::tui::overlays::network_view::{ASCII, NetCx, render};
    let mut app = world();
    assert!(app.open("hub"));
    act(&mut app, Action::OpenNetwork);
    let Some(Overlay::Network(net)) = app.overlay().cloned() else {
        panic!()
    };
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 22)).unwrap();
    terminal
        .draw(|f| {
            let cx = NetCx {
                lib: app.lib(),
                keys: app.keys(),
                theme: app.theme(),
                glyphs: ASCII,
            };
            render(f, f.area(), &net, &cx);
        })
        .unwrap();
    let s = text(&terminal);
    let graph: String = s.lines().skip(1).take(15).collect();
    assert!(graph.contains("-member of-->"), "{s}");
    assert!(!graph.contains('─') && !graph.contains('▶'), "{s}");
}

#[test]
fn entering_a_detail_lands_at_its_top_and_tab_reaches_the_links() {
    let mut app = bundled();
    assert!(app.open("haiti-2025-05"));
    assert_eq!(
        app.current().detail_line(),
        0,
        "the title, not the first link"
    );
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Haiti: US weighs an OAS-led force"), "{s}");
    act(&mut app, Action::NextPane);
    let line = &app.detail_lines()[app.current().detail_line()];
    assert!(line.link.is_some(), "Tab goes to the first link");
    assert_eq!(
        app.pane(),
        Pane::Overview,
        "Tab in a detail stays in the pane"
    );
    act(&mut app, Action::PrevPane);
    act(&mut app, Action::PrevPane);
    assert!(
        app.detail_lines()[app.current().detail_line()]
            .link
            .is_some()
    );
}

#[test]
fn a_tall_line_is_read_row_by_row() {
    let mut app = bundled();
    assert!(app.open("haiti-2025-05"));
    // 40×12: the summary is far taller than the screen.
    let first = screen(&mut app, 40, 12);
    let mut seen = first.clone();
    for _ in 0..80 {
        act(&mut app, Action::MoveDown);
        seen.push_str(&screen(&mut app, 40, 12));
    }
    let flat: String = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    for word in ["Washington", "manoeuvring,", "substantially,", "worse."] {
        assert!(flat.contains(word), "{word} never shown");
    }
}

#[test]
fn half_pages_and_pages_move_by_rows() {
    let mut app = bundled();
    act(&mut app, Action::FocusPane(Pane::Actors));
    draw(&mut app, 80, 24);
    act(&mut app, Action::HalfPageDown);
    let half = app.current().list.selected();
    act(&mut app, Action::Top);
    act(&mut app, Action::PageDown);
    let page = app.current().list.selected();
    assert!((8..=10).contains(&half), "half a page of ~19 rows: {half}");
    assert!((17..=20).contains(&page), "a page: {page}");
}

#[test]
fn n_steps_through_the_last_search_from_any_pane() {
    let mut app = bundled();
    act(&mut app, Action::NextMatch);
    assert!(
        app.status().unwrap().starts_with("no search yet"),
        "{:?}",
        app.status()
    );
    act(&mut app, Action::OpenSearch);
    type_text(&mut app, "kenya");
    let n = app.search().results().len();
    assert!(n > 3);
    act(&mut app, Action::CloseOverlay);
    act(&mut app, Action::FocusPane(Pane::Quotes));
    act(&mut app, Action::NextMatch);
    let first = app.search().results()[0].item;
    assert_eq!(app.current().selected_item(), Some(first));
    assert_eq!(
        app.status(),
        Some(format!("result 1 of {n} for “kenya” · n next · N previous").as_str())
    );
    act(&mut app, Action::NextMatch);
    assert!(
        app.status()
            .unwrap()
            .starts_with(&format!("result 2 of {n}"))
    );
    act(&mut app, Action::PrevMatch);
    act(&mut app, Action::PrevMatch);
    assert!(
        app.status()
            .unwrap()
            .starts_with(&format!("result {n} of {n}")),
        "{:?}",
        app.status()
    );
    assert!(app.status().unwrap().contains("wrapped"));
    act(&mut app, Action::Back);
    assert_eq!(
        app.current().selected_item(),
        Some(first),
        "each step is in the history"
    );
}

#[test]
fn the_pane_filter_narrows_the_list_and_esc_clears_it() {
    let mut app = bundled();
    act(&mut app, Action::FocusPane(Pane::Actors));
    let all = app.current().list.items();
    act(&mut app, Action::OpenFilter);
    assert_eq!(app.mode(), Mode::Filter);
    type_text(&mut app, "kenya");
    let kept = app.current().list.items();
    assert!(kept > 0 && kept < all, "{kept} of {all}");
    let s = screen(&mut app, 100, 30);
    assert!(
        s.contains(&format!("Actors · filtered: {kept} of {all}")),
        "{s}"
    );
    assert!(s.contains("filter actors kenya"), "{s}");
    act(&mut app, Action::Activate);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.current().list.items(), kept, "Enter keeps the filter");
    act(&mut app, Action::OpenFilter);
    type_text(&mut app, " type:quote");
    assert_eq!(
        app.current().list.items(),
        0,
        "the query language works: no actor is a quote"
    );
    act(&mut app, Action::CloseOverlay);
    assert_eq!(app.current().list.items(), all, "Esc clears it");
    act(&mut app, Action::OpenFilter);
    type_text(&mut app, "kenya");
    act(&mut app, Action::Activate);
    act(&mut app, Action::FocusList);
    assert_eq!(
        app.current().list.items(),
        all,
        "Esc in the list clears it too"
    );
    assert_eq!(app.status(), Some("filter cleared"));
}

#[test]
fn ctrl_c_in_an_overlay_closes_it_instead_of_quitting() {
    for open in [
        Action::OpenSearch,
        Action::ToggleHelp,
        Action::OpenProblems,
        Action::OpenFilter,
    ] {
        let mut app = bundled();
        act(&mut app, open.clone());
        let mode = app.mode();
        let key = ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char('c'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        );
        let action = app.keys().lookup(mode, &key);
        assert_eq!(action, Some(Action::CloseOverlay), "{mode:?}");
        let effects = act(&mut app, action.unwrap());
        assert!(effects.iter().all(|e| !matches!(e, Effect::Quit)));
        assert_eq!(app.mode(), Mode::Browse, "{mode:?}");
    }
}

#[test]
fn e_asks_for_the_editor_at_the_item_and_the_bundled_briefings_say_why_not() {
    let mut app = bundled();
    assert!(app.open("kenya"));
    let effects = act(&mut app, Action::OpenEditor);
    assert!(effects.is_empty());
    assert!(
        app.status().unwrap().contains("compiled into the program"),
        "{:?}",
        app.status()
    );
    let mut app = world();
    assert!(app.open("minister"));
    let effects = act(&mut app, Action::OpenEditor);
    let [Effect::OpenEditor(req)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(req.path.ends_with("reading/world.toml"));
    assert_eq!(req.find, Some(("actors", "minister".to_owned())));
    let text = std::fs::read_to_string(&req.path).unwrap();
    let line = briefing::model::locate::line_of(&text, "actors", "minister").unwrap();
    assert_eq!(text.lines().nth(line - 1).unwrap(), "id = \"minister\"");
}

#[test]
fn e_in_the_reader_opens_the_text_file_at_the_cited_paragraph() {
    let mut app = world();
    assert!(app.open("founding"));
    detail_to(&mut app, 80, 24, |l| l.cite.is_some());
    act(&mut app, Action::Activate);
    assert_eq!(app.mode(), Mode::Reader);
    let effects = act(&mut app, Action::OpenEditor);
    let [Effect::OpenEditor(req)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(req.path.ends_with("reading/wire.txt"), "{req:?}");
    // ¶3 is the third non-blank line: line 4, after the title and a blank line.
    assert_eq!(req.line, Some(4));
}

#[test]
fn e_in_the_problems_panel_opens_the_problem_s_line() {
    let (lib, report) = load_paths(
        &[fixture("invalid/unknown_key.toml")],
        LoadOptions::default(),
    )
    .unwrap();
    let mut app = App::new(lib, report, Theme::new(false));
    act(&mut app, Action::OpenProblems);
    let effects = act(&mut app, Action::OpenEditor);
    let [Effect::OpenEditor(req)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(req.path.ends_with("invalid/unknown_key.toml"), "{req:?}");
    assert_eq!(req.line, Some(31), "the line `check` reports");
}

#[test]
fn y_names_each_source_once_with_all_its_locators() {
    let mut app = bundled();
    assert!(app.open("mss"));
    let effects = act(&mut app, Action::Copy);
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(text.matches("UNSC votes to deploy").count(), 1, "{text}");
    assert!(
        text.contains("Kenya's lead role, ¶1, ¶3, ¶5, ¶8, ¶9; AP report"),
        "{text}"
    );
    assert!(text.len() < 400, "{} bytes: {text}", text.len());
}

#[test]
fn y_on_a_cited_passage_copies_its_words_and_place() {
    let mut app = bundled();
    at_first_passage(&mut app, "us-weighs-oas-force", 80, 24);
    let effects = act(&mut app, Action::Copy);
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(
        text.starts_with("“The United States is weighing plans")
            && text.ends_with("strains in the Kenya-led MSS, ¶1)"),
        "{text}"
    );
}

#[test]
fn the_footer_keeps_help_and_quit_at_80_columns() {
    let mut app = bundled();
    act(&mut app, Action::FocusPane(Pane::Actors));
    let s = screen(&mut app, 80, 24);
    let footer = s.lines().nth(23).unwrap();
    assert!(footer.ends_with("? help · q quit"), "{footer}");
    acts(&mut app, [Action::FocusDetail]);
    let s = screen(&mut app, 80, 24);
    assert!(
        s.lines().nth(23).unwrap().ends_with("? help · q quit"),
        "{s}"
    );
    let s = screen(&mut app, 140, 24);
    assert!(s.lines().nth(23).unwrap().contains("Tab next link"), "{s}");
}

/// Everything the detail view shows of an item at a size, read to the end with `j`: the
/// text between the borders, one string, whitespace collapsed.
fn read_to_the_end(app: &mut App, w: u16, h: u16) -> String {
    let mut seen = String::new();
    let mut last = None;
    for _ in 0..2000 {
        let s = screen(app, w, h);
        for line in s.lines().skip(3).take(usize::from(h) - 5) {
            // Between the left border and the scrollbar column.
            let inner: String = line.chars().skip(1).take(usize::from(w) - 2).collect();
            seen.push_str(&inner);
            seen.push(' ');
        }
        let here = (app.current().detail_line(), app.current().detail.offset());
        if last == Some(here) {
            break;
        }
        last = Some(here);
        act(app, Action::MoveDown);
    }
    collapse(&seen)
}

fn collapse(s: &str) -> String {
    s.replace('⏎', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every text an item carries, as the screen shows it.
fn texts_of(lib: &briefing::model::Library, item: briefing::model::ItemRef) -> Vec<String> {
    use briefing::model::ItemRef;
    let t = |x: &briefing::model::Text| x.safe().to_owned();
    let o = |x: &Option<briefing::model::Text>| x.as_ref().map(t);
    let mut out: Vec<String> = Vec::new();
    match item {
        ItemRef::Briefing(b) => {
            let br = &lib.briefings[b];
            out.extend([t(&br.title), t(&br.summary)]);
            out.extend(br.key_points.iter().map(t));
        }
        ItemRef::Source(s) => {
            let src = &lib.sources[s];
            out.push(t(&src.title));
            out.extend(
                [o(&src.note), o(&src.publisher), o(&src.url)]
                    .into_iter()
                    .flatten(),
            );
        }
        ItemRef::Actor(a) => {
            let x = &lib.actors[a];
            out.extend([t(&x.name), t(&x.role)]);
            out.extend([o(&x.summary), o(&x.short_name)].into_iter().flatten());
            out.extend(x.aliases.iter().map(t));
            for &r in &lib.actor_relations[a] {
                out.extend(o(&lib.relations[r as usize].note));
            }
            out.extend(x.cite.iter().filter_map(|c| c.excerpt.as_deref().map(t)));
        }
        ItemRef::Event(e) => {
            let x = &lib.events[e];
            out.push(t(&x.title));
            out.extend(
                [o(&x.summary), x.date_note.as_deref().map(t)]
                    .into_iter()
                    .flatten(),
            );
            out.extend(x.actors.iter().filter_map(|p| o(&p.role)));
            out.extend(x.cite.iter().filter_map(|c| c.excerpt.as_deref().map(t)));
        }
        ItemRef::Quote(q) => {
            let x = &lib.quotes[q];
            out.push(t(&x.text));
            out.extend(
                [o(&x.context), x.date_note.as_deref().map(t)]
                    .into_iter()
                    .flatten(),
            );
            out.extend(x.cite.iter().filter_map(|c| c.excerpt.as_deref().map(t)));
        }
    }
    out.into_iter()
        .map(|s| collapse(&s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The acceptance check of #13 as a test: at 80×24, every text of every item of the
/// bundled briefings can be read in full from its detail view, by moving down through it.
#[test]
fn every_text_of_the_bundled_briefings_can_be_read_in_full_at_80x24() {
    let mut app = bundled();
    let lib = app.lib().clone();
    let items: Vec<briefing::model::ItemRef> = (0..lib.briefings.len())
        .map(briefing::model::ItemRef::Briefing)
        .chain((0..lib.sources.len()).map(briefing::model::ItemRef::Source))
        .chain((0..lib.actors.len()).map(briefing::model::ItemRef::Actor))
        .chain((0..lib.events.len()).map(briefing::model::ItemRef::Event))
        .chain((0..lib.quotes.len()).map(briefing::model::ItemRef::Quote))
        .collect();
    let mut checked = 0;
    for item in items {
        assert!(app.open(&lib.id_of(item)), "{item:?}");
        let seen = read_to_the_end(&mut app, 80, 24);
        // A word longer than a line (a url) is split over lines: compare without spaces.
        let bare = |s: &str| s.split_whitespace().collect::<String>();
        let seen_bare = bare(&seen);
        for text in texts_of(&lib, item) {
            assert!(
                seen.contains(&text) || seen_bare.contains(&bare(&text)),
                "{}: not readable in full at 80x24: “{text}”\nseen: {seen}",
                lib.id_of(item)
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} texts checked");
}

#[test]
fn a_date_search_counts_its_undated_results_apart() {
    let mut app = world();
    act(&mut app, Action::OpenSearch);
    type_text(&mut app, "type:event date:2025-09");
    let n = app.search().results().len();
    assert_eq!(app.search().undated(), 1, "the talks have no known date");
    let shown = screen(&mut app, 120, 30);
    assert!(
        shown.contains(&format!("{} dated + 1 undated", n - 1)),
        "{shown}"
    );
    // Without a date range nothing is counted apart.
    act(&mut app, Action::CloseOverlay);
    act(&mut app, Action::OpenSearch);
    acts(&mut app, (0..40).map(|_| Action::DeleteBack));
    type_text(&mut app, "talks");
    assert_eq!(app.search().undated(), 0);
    let shown = screen(&mut app, 120, 30);
    assert!(!shown.contains(" undated:"), "{shown}");
    assert!(!shown.contains("dated +"), "{shown}");
    // The undated result says so where a dated one shows its date.
    assert!(
        shown
            .lines()
            .any(|l| l.trim_end_matches(['│', ' ']).ends_with(" undated")),
        "{shown}"
    );
}

#[test]
fn an_excerpt_across_two_paragraphs_is_checked_and_highlighted_in_both() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("reading/wire.txt"), dir.path().join("wire.txt")).unwrap();
    let toml = std::fs::read_to_string(fixture("reading/world.toml")).unwrap()
        + r#"
[[events]]
id = "meeting"
title = "The members meet"
date = "2025-06-02"
status = "occurred"
actors = [{ actor = "hub", role = "host" }]
cite = [{ source = "wire", locator = "¶2–¶3", excerpt = "met on Monday. The authority said" }]
"#;
    let path = dir.path().join("world.toml");
    std::fs::write(&path, toml).unwrap();
    let (lib, report) = load_paths(&[path], LoadOptions::default()).unwrap();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let mut app = App::new(lib, report, Theme::new(false));
    assert!(app.open("meeting"));
    detail_to(&mut app, 80, 24, |l| l.cite.is_some());
    act(&mut app, Action::Activate);
    let Some(Overlay::Reader(r)) = app.overlay() else {
        panic!("no reader: {:?}", app.overlay());
    };
    let parts: Vec<(&str, &[String])> = (r.blocks.iter())
        .filter(|b| !b.excerpts.is_empty())
        .map(|b| (b.label.as_str(), b.excerpts.as_slice()))
        .collect();
    assert_eq!(
        parts,
        [
            ("¶2", &["met on Monday.".to_owned()][..]),
            ("¶3", &["The authority said".to_owned()][..]),
        ]
    );
}

/// `>` widens the list as far as the config's `split` may set it (80%), and says so there.
#[test]
fn the_keys_move_the_split_as_far_as_the_config_may_set_it() {
    let mut app = bundled();
    for _ in 0..20 {
        act(&mut app, Action::WidenList);
    }
    assert_eq!(app.split(), 80);
    assert!(
        app.status()
            .is_some_and(|s| s.contains("80% of the width already")),
        "{:?}",
        app.status()
    );
    app.set_split(80);
    assert_eq!(app.split(), 80, "a config's 80 is kept");
}

/// A source's detail lists what cites it, each with its locators, and a row opens the item
/// as the source's briefing gives it.
#[test]
fn a_source_lists_what_cites_it_and_a_row_opens_that_version() {
    let mut app = bundled();
    let lib = app.lib();
    let ap = (0..lib.sources.len())
        .find(|&s| lib.id_of(briefing::model::ItemRef::Source(s)) == "haiti-2025-10/ap")
        .expect("the AP source");
    let october = lib.sources[ap].briefing;
    let kenya = briefing::model::ItemRef::Actor(
        (0..lib.actors.len())
            .find(|&a| lib.actors[a].id.raw() == "kenya")
            .unwrap(),
    );
    // The source's row in the Overview's list, under its briefing.
    assert!(app.open("haiti-2025-10"));
    act(&mut app, Action::FocusList);
    for _ in 0..5 {
        screen(&mut app, 100, 60);
        if app.location().item == Some(briefing::model::ItemRef::Source(ap)) {
            break;
        }
        act(&mut app, Action::MoveDown);
    }
    assert_eq!(
        app.location().item,
        Some(briefing::model::ItemRef::Source(ap))
    );
    act(&mut app, Action::FocusDetail);
    let s = screen(&mut app, 100, 60);
    assert!(s.contains("Cited by (27)"), "{s}");
    assert!(s.contains("→ Kenya  country  ¶4, ¶6"), "{s}");
    assert!(s.contains("→ GSF opposes Gangs in Haiti  ¶9"), "{s}");
    detail_to(&mut app, 100, 60, |l| l.link == Some(kenya));
    assert_eq!(
        app.detail_lines()[app.current().detail_line()].version,
        Some(october)
    );
    act(&mut app, Action::Activate);
    assert_eq!(app.location().item, Some(kenya));
    assert_eq!(app.location().pane, Pane::Actors);
    // A relation's row opens its first actor on the relation's line.
    act(&mut app, Action::Back);
    detail_to(&mut app, 100, 60, |l| l.relation.is_some());
    let r = app.detail_lines()[app.current().detail_line()]
        .relation
        .unwrap();
    act(&mut app, Action::Activate);
    screen(&mut app, 100, 60);
    let from = briefing::model::ItemRef::Actor(app.lib().relations[r].from);
    assert_eq!(app.location().item, Some(from));
    let line = &app.detail_lines()[app.current().detail_line()];
    assert_eq!(line.relation, Some(r), "on the relation's line");
}

/// The Overview's filter finds briefings by their own words (title, summary, key points,
/// tags), where it kept only their sources: a briefing was never a search hit.
#[test]
fn the_overview_filter_finds_briefings_by_their_own_words() {
    let mut app = bundled();
    act(&mut app, Action::FocusPane(Pane::Overview));
    let all = app.current().list.items();
    act(&mut app, Action::OpenFilter);
    type_text(&mut app, "gang suppression");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("Haiti: the Security"), "{s}");
    assert!(!s.contains("Haiti: US weighs"), "{s}");
    let kept = app.current().list.items();
    assert!(kept >= 1 && kept < all, "{kept} of {all}");
    act(&mut app, Action::CloseOverlay);
    act(&mut app, Action::OpenFilter);
    type_text(&mut app, "tag:peacekeeping type:briefing");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("Haiti: US weighs"), "{s}");
    assert_eq!(app.current().list.items(), 1, "{s}");
}
