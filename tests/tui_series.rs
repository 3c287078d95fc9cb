//! The browser on a series as an outside author wrote it (`tests/fixtures/rio-seco`): the
//! network reads as sentences, the Changes pane opens the relations it lists, tab counts
//! follow a filter, and the header counts only the problems of briefings in view.

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;

use briefing::model::{ItemRef, LoadOptions, Mark, RelationKind, load_paths, load_sources};
use briefing::tui::action::{Action, Focus, Mode, Pane};
use briefing::tui::app::App;
use briefing::tui::overlays::Overlay;
use briefing::tui::overlays::network::edges;
use briefing::tui::panes::row::Row;
use briefing::tui::theme::Theme;
use common::drive::{act, draw, text, type_text};
use ratatui::buffer::CellWidth as _;
use unicode_width::UnicodeWidthStr;

fn rio_seco() -> App {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rio-seco");
    let (lib, report) = load_paths(&[dir], LoadOptions::default()).unwrap();
    assert_eq!(report.error_count(), 0);
    App::new(lib, report, Theme::new(false))
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    text(&draw(app, w, h))
}

fn actor(app: &App, id: &str) -> usize {
    match app.lib().find(id) {
        Some(ItemRef::Actor(a)) => a,
        other => panic!("{id}: {other:?}"),
    }
}

/// The relation `from kind to`, by actor ids.
fn relation(app: &App, from: &str, kind: RelationKind, to: &str) -> usize {
    let (from, to) = (actor(app, from), actor(app, to));
    let lib = app.lib();
    (0..lib.relations.len())
        .find(|&r| {
            (
                lib.relations[r].from,
                lib.relations[r].kind,
                lib.relations[r].to,
            ) == (from, kind, to)
        })
        .unwrap()
}

fn network_selected(app: &App) -> usize {
    match app.overlay() {
        Some(Overlay::Network(n)) => n.selected,
        other => panic!("no network: {other:?}"),
    }
}

#[test]
fn every_network_row_reads_as_a_sentence_and_talks_with_sits_on_the_right() {
    let mut app = rio_seco();
    let minagua = actor(&app, "minagua");
    // Four relations point at MinAgua, one goes from it, and one is "talks with".
    for e in edges(app.lib(), minagua) {
        let rel = &app.lib().relations[e.relation];
        let symmetric = rel.kind.is_symmetric();
        if e.left {
            assert!(rel.to == minagua && !symmetric, "{rel:?} on the left");
        } else {
            assert!(rel.from == minagua || symmetric, "{rel:?} on the right");
        }
    }
    assert!(app.open("minagua"));
    act(&mut app, Action::OpenNetwork);
    let s = screen(&mut app, 120, 40);
    for row in [
        "Quiroga ─leads──▶┤",
        "Misión técnica ─supports──▶┤",
        // No longer stated by the latest briefing, and said so beside the name.
        "Kaiyō (not restated) ─proposes──▶┤",
        "Cooperativa (not restated) ─opposes──▶┤",
        "├─part of──▶ Carmona",
        "├◀─talks with──▶ Cooperativa (not restated)",
    ] {
        assert!(s.contains(row), "{row}:\n{s}");
    }
    assert!(!s.contains("◀─supports"), "backwards on the right:\n{s}");
    // The file says "Cooperativa talks with MinAgua"; from either end it reads the same.
    act(&mut app, Action::CloseOverlay);
    assert!(app.open("cooperativa"));
    act(&mut app, Action::OpenNetwork);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("├◀─talks with──▶ MinAgua"), "{s}");
    assert!(s.contains("├─opposes──▶ MinAgua"), "{s}");
}

#[test]
fn the_network_caption_says_when_a_relation_is_no_longer_stated() {
    let mut app = rio_seco();
    let proposes = relation(&app, "kaiyo", RelationKind::Proposes, "minagua");
    let leads = relation(&app, "ines-quiroga", RelationKind::Leads, "minagua");
    assert!(app.open("minagua"));
    act(&mut app, Action::OpenNetwork);
    let center = actor(&app, "minagua");
    let relation_at = |app: &App| edges(app.lib(), center)[network_selected(app)].relation;
    assert_eq!(relation_at(&app), leads, "the first row");
    let s = screen(&mut app, 200, 40);
    let caption = s.lines().rev().nth(2).unwrap();
    assert!(!caption.contains("not restated"), "{s}");
    // The rows of relations no longer stated say so.
    assert!(s.contains("Kaiyō (not restated) ─proposes"), "{s}");
    while relation_at(&app) != proposes {
        act(&mut app, Action::MoveDown);
    }
    let s = screen(&mut app, 200, 40);
    let caption = s.lines().rev().nth(2).unwrap();
    assert!(caption.starts_with("│Kaiyō Engineering"), "{s}");
    assert!(
        caption.contains(
            ") proposes Ministerio del Agua y Riego — Kaiyō puts its desalination plan to the \
             ministry. · not restated since 2025-06 (rio-seco-2025-06)  [radio ¶6]"
        ),
        "{s}"
    );
}

#[test]
fn the_changes_pane_lists_relations_as_rows_that_enter_opens() {
    let mut app = rio_seco();
    act(&mut app, Action::FocusPane(Pane::Changes));
    let relations: Vec<usize> = app
        .current()
        .rows()
        .iter()
        .filter_map(|r| match r {
            Row::Relation(r) => Some(*r),
            _ => None,
        })
        .collect();
    // One changed in the latest briefing, listed with the changed items, and four no
    // longer stated, in a section of their own at the end.
    assert_eq!(relations.len(), 5, "{:?}", app.current().rows());
    assert_eq!(app.current().list.items(), 16 + 5, "items and relations");
    let lib = app.lib();
    assert_eq!(lib.relations[relations[0]].mark(), Mark::Changed);
    assert!(
        relations[1..]
            .iter()
            .all(|&r| lib.relations[r].not_restated_since().is_some())
    );
    // G reaches the last relation, and k steps through the others of its section.
    act(&mut app, Action::Bottom);
    assert_eq!(
        app.current().list.selected_relation(),
        relations.last().copied()
    );
    for want in relations[1..].iter().rev().skip(1) {
        act(&mut app, Action::MoveUp);
        assert_eq!(app.current().list.selected_relation(), Some(*want));
    }
    let opposes = relation(&app, "cooperativa", RelationKind::Opposes, "minagua");
    while app.current().list.selected_relation() != Some(opposes) {
        act(&mut app, Action::MoveDown);
    }
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("── ? not restated since 2025-06 (3)"), "{s}");
    assert!(
        s.contains("│▶   Cooperativa → opposes → MinAgua  "),
        "legible (both actors and the kind), selected, not a heading:\n{s}"
    );
    // Beside it, the relation's own detail.
    for line in [
        "┌ Cooperativa → opposes → MinAgua ─",
        "Cooperativa Agrícola Río Seco opposes Ministerio del Agua y Riego",
        "status      not restated since 2025-06 (rio-seco-2025-06), which",
        "note        The cooperative says the rationing leaves farms last.",
    ] {
        assert!(s.contains(line), "{line}:\n{s}");
    }
    // Enter: the actor it starts from, on the relation's line.
    act(&mut app, Action::Activate);
    assert_eq!((app.pane(), app.focus()), (Pane::Actors, Focus::Detail));
    assert_eq!(
        app.current().selected_item(),
        Some(ItemRef::Actor(actor(&app, "cooperativa")))
    );
    let line = &app.detail_lines()[app.current().detail_line()];
    assert_eq!(line.relation, Some(opposes));
    assert!(
        line.plain().contains("opposes Ministerio del Agua y Riego"),
        "{line:?}"
    );
    assert!(
        line.plain().contains("not restated since 2025-06"),
        "{line:?}"
    );
    // Back returns to the relation in the Changes pane.
    act(&mut app, Action::Back);
    assert_eq!(app.pane(), Pane::Changes);
    assert_eq!(app.current().list.selected_relation(), Some(opposes));
}

#[test]
fn unread_counts_on_the_tabs_count_what_a_filter_keeps() {
    let mut app = rio_seco();
    app.attach_reading(briefing::state::Marks::default(), None);
    act(&mut app, Action::FocusPane(Pane::Timeline));
    let all = app.current().list.items();
    assert_eq!(app.reading().unread_count(Pane::Timeline.index()), all);
    act(&mut app, Action::OpenFilter);
    type_text(&mut app, "status:occurred after:2025-04");
    act(&mut app, Action::Activate);
    assert_eq!(app.mode(), Mode::Browse);
    let kept = app.current().list.items();
    assert!(kept > 0 && kept < all, "{kept} of {all}");
    assert_eq!(app.reading().unread_count(Pane::Timeline.index()), kept);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains(&format!("[3 Timeline {kept} •{kept}]")), "{s}");
    // Esc clears the filter, and the count follows.
    act(&mut app, Action::FocusList);
    assert_eq!(app.reading().unread_count(Pane::Timeline.index()), all);
}

#[test]
fn the_header_counts_apart_the_problems_of_briefings_out_of_view() {
    let mut app = rio_seco();
    assert_eq!(
        app.report().diagnostics.len(),
        1,
        "the 2025-09 briefing's warning"
    );
    let header = |app: &mut App| screen(app, 120, 40).lines().next().unwrap().to_owned();
    assert!(header(&mut app).contains("⚠ 1 problem (p) as of 2025-09-15"));
    act(&mut app, Action::EarlierView);
    let h = header(&mut app);
    assert!(h.contains("⚠ 1 problem outside this view (p)"), "{h}");
    assert!(h.contains("(earlier view)"), "{h}");
    assert_eq!(app.problems_outside_view(), 1);
    act(&mut app, Action::LaterView);
    assert!(header(&mut app).contains("⚠ 1 problem (p)"));
    assert_eq!(app.problems_outside_view(), 0);
    // A narrower scope leaves the briefing out too.
    act(&mut app, Action::FocusPane(Pane::Overview));
    while app.current().selected_item() != app.lib().find("rio-seco-2025-03") {
        act(&mut app, Action::MoveDown);
    }
    act(&mut app, Action::Activate);
    assert!(header(&mut app).contains("⚠ 1 problem outside this view (p)"));
}

/// A relation the latest briefing of a series states for the first time is listed with the
/// new items, marked ✚, and one whose note changed with the changed items, marked ✎; both
/// are counted in their section's header.
#[test]
fn the_changes_pane_lists_new_and_changed_relations() {
    let briefing = |id: &str, as_of: &str, relations: &str| {
        format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"T\"\nas_of = \"{as_of}\"\nseries = \"s\"\nsummary = \"S\"\n\n\
             [[sources]]\nid = \"src\"\ntitle = \"S\"\nkind = \"report\"\n\n\
             [[actors]]\nid = \"a\"\nname = \"Alpha\"\nkind = \"person\"\nrole = \"r\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\n\
             [[actors]]\nid = \"b\"\nname = \"Beta\"\nkind = \"person\"\nrole = \"r\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n{relations}"
        )
    };
    let relation = |kind: &str, note: &str| {
        format!(
            "\n[[relations]]\nfrom = \"a\"\nkind = \"{kind}\"\nto = \"b\"\nnote = \"{note}\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n"
        )
    };
    let old = briefing("old", "2025-01", &relation("funds", "Some money."));
    let new = briefing(
        "new",
        "2025-02",
        &(relation("funds", "More money.") + &relation("opposes", "Over the port.")),
    );
    let inputs = [("old.toml", old), ("new.toml", new)]
        .into_iter()
        .map(|(path, text)| (PathBuf::from(path), Ok(text.into_bytes())))
        .collect();
    let (lib, report) = load_sources(inputs, LoadOptions::default());
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    let mut app = App::new(lib, report, Theme::new(false));
    act(&mut app, Action::FocusPane(Pane::Changes));
    let funds = relation_ix(&app, RelationKind::Funds);
    let opposes = relation_ix(&app, RelationKind::Opposes);
    let rows = app.current().rows();
    let at = |want: &Row| rows.iter().position(|r| r == want).unwrap();
    let changed = at(&Row::Header("✎ changed in the latest briefing (1)".into()));
    let new = at(&Row::Header("✚ new in the latest briefing (1)".into()));
    assert_eq!(at(&Row::Relation(funds)), changed + 1, "{rows:?}");
    assert_eq!(at(&Row::Relation(opposes)), new + 1, "{rows:?}");
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("✎ Alpha → funds → Beta"), "{s}");
    assert!(s.contains("✚ Alpha → opposes → Beta"), "{s}");
}

/// The only relation of a kind.
fn relation_ix(app: &App, kind: RelationKind) -> usize {
    let lib = app.lib();
    (0..lib.relations.len())
        .find(|&r| lib.relations[r].kind == kind)
        .unwrap()
}

/// Two series, one of a single briefing dated between the other's two: the scope picker
/// lists each series with its own briefings (the single one on its own, not under the
/// other's heading), and the header counts the series in view, not in the library.
#[test]
fn the_picker_groups_briefings_by_series_and_the_header_counts_series_in_view() {
    use briefing::model::{PartialDate, Scope, View};
    let file = |id: &str, series: &str, as_of: &str| {
        let text = format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"{id}\"\nas_of = \"{as_of}\"\nseries = \"{series}\"\nsummary = \"s\"\n\n[[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n"
        );
        (PathBuf::from(format!("{id}.toml")), Ok(text.into_bytes()))
    };
    let (mut lib, report) = load_sources(
        vec![
            file("a1", "a", "2025-01-10"),
            file("b1", "b", "2025-02-10"),
            file("a2", "a", "2025-03-10"),
        ],
        LoadOptions::default(),
    );
    assert_eq!(report.error_count(), 0);
    let ids: Vec<&str> = lib.briefings.iter().map(|b| b.id.raw()).collect();
    assert_eq!(ids, ["a1", "b1", "a2"]);
    assert_eq!(
        briefing::tui::scope::choices(&lib),
        [
            Scope::All,
            Scope::Series("a".into()),
            Scope::Briefing(0),
            Scope::Briefing(2),
            Scope::Briefing(1),
        ]
    );
    assert_eq!(
        briefing::tui::scope::label(&lib),
        "all 3 briefings · 2 series"
    );
    lib.set_view(View {
        as_of: Some(PartialDate::parse("2025-01").unwrap()),
        scope: Scope::All,
    });
    assert_eq!(briefing::tui::scope::label(&lib), "a series · 1 briefing");
}

/// A scope whose Changes pane has no item leaves the detail empty, not showing the item
/// selected before.
#[test]
fn a_changes_pane_with_nothing_to_select_shows_no_detail() {
    use briefing::model::{Scope, View};
    let (lib, report) = briefing::model::load_bundled();
    let mut app = App::new(lib, report, Theme::new(false));
    act(&mut app, Action::FocusPane(Pane::Changes));
    act(&mut app, Action::MoveDown);
    draw(&mut app, 120, 40);
    assert!(app.current().selected_item().is_some());
    assert!(!app.detail_lines().is_empty());
    app.set_view(View {
        as_of: None,
        scope: Scope::Briefing(0),
    });
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("no changes: the first briefing"), "{s}");
    assert!(app.detail_lines().is_empty(), "{s}");
}

/// What is drawn from the whole library on every frame (the list rows' briefing tags, the
/// header's title) is made once for a view, and made again when it changes: the same
/// values frame after frame, new ones for a new view.
#[test]
fn labels_made_once_per_view_are_kept_until_the_view_changes() {
    use briefing::model::{Scope, View};
    let (lib, report) = briefing::model::load_bundled();
    let mut app = App::new(lib, report, Theme::new(false));
    let (tags, title) = (app.briefing_tags(), app.scope_title());
    draw(&mut app, 120, 40);
    assert!(std::sync::Arc::ptr_eq(&tags, &app.briefing_tags()));
    assert!(std::sync::Arc::ptr_eq(&title, &app.scope_title()));
    assert_eq!(&*tags, ["@2025-05", "@2025-10"]);
    app.set_view(View {
        as_of: None,
        scope: Scope::Briefing(0),
    });
    assert!(!std::sync::Arc::ptr_eq(&tags, &app.briefing_tags()));
    let one = app.scope_title();
    assert_ne!(title, one, "a briefing's title, not the series'");
    assert_eq!(&*one, app.lib().briefings[0].title.safe());
    let shown = screen(&mut app, 160, 40);
    assert!(
        shown.contains(&*one),
        "the header shows the new title:\n{shown}"
    );
}

/// Two series interleaved in time: a: 2025-01, 2025-03; b: 2025-02, 2025-05.
fn two_series() -> App {
    let file = |id: &str, series: &str, as_of: &str| {
        let text = format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"{id} title\"\nas_of = \"{as_of}\"\nseries = \"{series}\"\nsummary = \"s\"\n\n[[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n"
        );
        (PathBuf::from(format!("{id}.toml")), Ok(text.into_bytes()))
    };
    let (lib, report) = load_sources(
        vec![
            file("a1", "a", "2025-01-10"),
            file("b1", "b", "2025-02-10"),
            file("a2", "a", "2025-03-10"),
            file("b2", "b", "2025-05-10"),
        ],
        LoadOptions::default(),
    );
    assert_eq!(report.error_count(), 0);
    App::new(lib, report, Theme::new(false))
}

fn as_of(app: &App) -> Option<String> {
    app.lib().view().as_of.map(|d| d.to_string())
}

/// `[` and `]` step through the dates of the briefings in scope: another series' dates
/// change nothing in view, and a briefing is not there before its own date.
#[test]
fn time_travel_steps_through_the_dates_in_scope() {
    use briefing::model::{Scope, View};
    let mut app = two_series();
    app.set_view(View {
        as_of: None,
        scope: Scope::Series("a".into()),
    });
    act(&mut app, Action::EarlierView);
    assert_eq!(
        as_of(&app).as_deref(),
        Some("2025-01-10"),
        "a's earlier date, not b's"
    );
    act(&mut app, Action::EarlierView);
    assert_eq!(as_of(&app).as_deref(), Some("2025-01-10"));
    let shown = screen(&mut app, 120, 30);
    assert!(shown.contains("earliest briefing date of"), "{shown}");
    act(&mut app, Action::LaterView);
    assert_eq!(as_of(&app), None, "a's latest date is now, for the series");

    let a2 = app
        .lib()
        .briefings
        .iter()
        .position(|b| b.id.raw() == "a2")
        .unwrap();
    app.set_view(View {
        as_of: None,
        scope: Scope::Briefing(a2),
    });
    act(&mut app, Action::EarlierView);
    assert_eq!(as_of(&app), None, "a briefing has no earlier state");
}

/// A change of scope to briefings the earlier view does not know yet moves the date to
/// their first briefing, rather than an empty view under their name.
#[test]
fn a_scope_the_earlier_view_does_not_know_moves_the_date_forward() {
    use briefing::model::{PartialDate, Scope, View};
    use briefing::tui::scope::as_of_for;
    let mut app = two_series();
    app.set_view(View {
        as_of: Some(PartialDate::parse("2025-02-10").unwrap()),
        scope: Scope::All,
    });
    let lib = app.lib();
    let ix = |id: &str| lib.briefings.iter().position(|b| b.id.raw() == id).unwrap();
    let (a2, b2) = (ix("a2"), ix("b2"));
    let day = |d: Option<PartialDate>| d.map(|d| d.to_string());
    // Known on the date: it stays.
    let (kept, moved) = as_of_for(lib, &Scope::Series("a".into()));
    assert_eq!((day(kept).as_deref(), moved), (Some("2025-02-10"), false));
    // a2 is dated later: its own date.
    let (to_a2, moved) = as_of_for(lib, &Scope::Briefing(a2));
    assert_eq!((day(to_a2).as_deref(), moved), (Some("2025-03-10"), true));
    // b2 is the library's latest: now.
    assert_eq!(as_of_for(lib, &Scope::Briefing(b2)), (None, true));

    // Through the picker: choose a2.
    let choice = briefing::tui::scope::choices(app.lib())
        .iter()
        .position(|s| *s == Scope::Briefing(a2))
        .unwrap();
    act(&mut app, Action::PickScope);
    for _ in 0..choice {
        act(&mut app, Action::MoveDown);
    }
    act(&mut app, Action::Activate);
    assert_eq!(app.lib().view().scope, Scope::Briefing(a2));
    assert_eq!(as_of(&app).as_deref(), Some("2025-03-10"));
    let shown = screen(&mut app, 120, 30);
    assert!(shown.contains("a2 title"), "{shown}");
    assert!(shown.contains("nothing in it is known earlier"), "{shown}");
}

/// A series whose titles are longer than the Overview's list is wide, one of them in wide
/// characters: at every screen size, each briefing row ends in its date, in full, and it is
/// the title that gives way (cut with `…`). In an earlier view, a later briefing keeps its
/// date too, and says it is after the view's date, or later, where the title keeps room
/// beside it.
#[test]
fn overview_rows_cut_the_title_never_the_date() {
    let briefings = [
        (
            "sella-2025-06-02",
            "Sella basin: drought strains the upstream–downstream water deal",
        ),
        (
            "sella-2025-06-23",
            "Sella basin: commission talks fail, farmers march",
        ),
        (
            "sella-2025-07-14",
            "Sella basin: 上流と下流の水協定が干ばつで揺らぐ",
        ),
    ];
    let files = briefings
        .iter()
        .map(|(id, title)| {
            let text = format!(
                "[briefing]\nid = \"{id}\"\ntitle = \"{title}\"\nas_of = \"{}\"\nseries = \"sella\"\nsummary = \"s\"\n\n[[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n",
                &id[6..]
            );
            (PathBuf::from(format!("{id}.toml")), Ok(text.into_bytes()))
        })
        .collect();
    let (lib, report) = load_sources(files, LoadOptions::default());
    assert_eq!(report.error_count(), 0);
    let mut app = App::new(lib, report, Theme::new(false));
    // The briefing rows of the Overview's list, from the mark to the list's border, less
    // the blank a wide character covers.
    let rows = |app: &mut App, w: u16, h: u16| -> Vec<String> {
        let terminal = draw(app, w, h);
        let buf = terminal.backend().buffer();
        (0..h)
            .filter_map(|y| {
                let mut row = String::new();
                for x in 0..w {
                    let s = buf[(x, y)].symbol();
                    if !(x > 0 && buf[(x - 1, y)].cell_width() == 2 && s == " ") {
                        row.push_str(s);
                    }
                }
                let at = row.find(['▣', '□'])?;
                Some(row[at..].split('│').next().unwrap().trim_end().to_owned())
            })
            .collect()
    };
    for (w, h) in [(160, 45), (120, 40), (100, 30), (80, 24), (60, 20)] {
        let shown = rows(&mut app, w, h);
        assert_eq!(shown.len(), briefings.len(), "{w}x{h}: {shown:?}");
        // The dates make one column at the list's right edge, short titles or long.
        let ends: Vec<usize> = shown
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r.as_str()))
            .collect();
        assert!(ends.iter().all(|&e| e == ends[0]), "{w}x{h}: {shown:?}");
        for (row, (id, title)) in shown.iter().zip(briefings) {
            let date = &id[6..];
            assert!(row.ends_with(&format!("  {date}")), "{w}x{h}: {row:?}");
            if !row.contains(title) {
                // Cut before a wide character, the title leaves a column to the spaces.
                let before = row.strip_suffix(date).unwrap().trim_end_matches(' ');
                assert!(before.ends_with('…'), "{w}x{h}: {row:?}");
            }
        }
    }
    // The user's screen: the first title is cut, not the date beside it.
    let shown = rows(&mut app, 160, 45);
    assert!(
        shown[0].starts_with("▣ Sella basin: drought strains the")
            && shown[0].ends_with("…  2025-06-02"),
        "{shown:?}"
    );
    act(&mut app, Action::EarlierView);
    for (w, h) in [(160, 45), (80, 24)] {
        let shown = rows(&mut app, w, h);
        assert!(shown[2].starts_with("□ "), "{w}x{h}: {shown:?}");
        assert!(
            shown[2].ends_with("  2025-07-14"),
            "the date, after the note: {w}x{h}: {shown:?}"
        );
    }
    let shown = rows(&mut app, 200, 45);
    assert!(
        shown[2].ends_with("…  (after the view's date)  2025-07-14"),
        "{shown:?}"
    );
    let shown = rows(&mut app, 160, 45);
    assert!(shown[2].ends_with("…  (later)  2025-07-14"), "{shown:?}");
}

/// In the Changes pane, the relations no longer stated are grouped under the date of the
/// briefing that stopped stating them, the latest first; at every width each row says who
/// relates to whom (both actors and the kind, short names or cut when the row is narrow).
#[test]
fn changes_rows_group_relations_by_the_date_they_were_last_stated() {
    let mut app = rio_seco();
    act(&mut app, Action::FocusPane(Pane::Changes));
    let dropped = app
        .current()
        .rows()
        .iter()
        .filter(|r| matches!(r, Row::Relation(r) if app.lib().relations[*r].not_restated_since().is_some()))
        .count();
    assert_eq!(dropped, 4);
    for (w, h) in [(160, 45), (120, 45), (100, 45), (80, 45), (60, 45)] {
        let s = screen(&mut app, w, h);
        let rows: Vec<&str> = s
            .lines()
            .filter_map(|l| Some(l.split('│').nth(1)?.trim_end()))
            .skip_while(|row| !row.contains("── ? not restated since"))
            .take_while(|row| !row.is_empty())
            .collect();
        // The date whole at every width; the count where there is room.
        let headers: Vec<&str> = rows.iter().copied().filter(|r| r.contains("── ")).collect();
        let want = [
            "  ── ? not restated since 2025-09-15 (1)",
            "  ── ? not restated since 2025-06 (3)",
        ];
        assert_eq!(headers.len(), want.len(), "{w}x{h}:\n{s}");
        for (got, want) in headers.iter().zip(want) {
            let date_end = want.rfind(" (").expect("a count");
            assert!(
                *got == want || (w < 120 && got.starts_with(&want[..date_end])),
                "{w}x{h}: {got:?}\n{s}"
            );
        }
        assert_eq!(rows.len(), 2 + dropped, "{w}x{h}:\n{s}");
        for row in rows.iter().filter(|r| !r.contains("── ")) {
            let parts: Vec<&str> = row.trim().split(" → ").collect();
            assert_eq!(parts.len(), 3, "{w}x{h}: {row:?}");
            assert!(
                parts.iter().all(|p| !p.trim().is_empty()),
                "{w}x{h}: {row:?}"
            );
        }
    }
}

/// A briefing file of series `series` as of `as_of`, whose one event has status `status`.
fn briefing_file(id: &str, series: &str, as_of: &str, status: &str) -> briefing::model::Input {
    let text = format!(
        "[briefing]\nid = \"{id}\"\ntitle = \"{id} title\"\nas_of = \"{as_of}\"\nseries = \"{series}\"\nsummary = \"s\"\n\n\
         [[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n\n\
         [[actors]]\nid = \"a-{id}\"\nname = \"A {id}\"\nkind = \"person\"\nrole = \"r\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\n\
         [[events]]\nid = \"e-{id}\"\ntitle = \"E\"\ndate = \"{as_of}\"\nstatus = \"{status}\"\n\
         actors = [{{ actor = \"a-{id}\" }}]\ncite = [{{ source = \"src\", locator = \"1\" }}]\n"
    );
    (PathBuf::from(format!("{id}.toml")), Ok(text.into_bytes()))
}

/// Two series, sella (three briefings) and rhone (one), all clean.
fn sella_and_rhone() -> Vec<briefing::model::Input> {
    vec![
        briefing_file("s-1", "sella", "2025-06-02", "occurred"),
        briefing_file("s-2", "sella", "2025-06-23", "occurred"),
        briefing_file("s-3", "sella", "2025-07-14", "occurred"),
        briefing_file("r-1", "rhone", "2025-06-10", "occurred"),
    ]
}

/// The header's line at the user's screen size.
fn header_line(app: &mut App) -> String {
    screen(app, 160, 45).lines().next().unwrap().to_owned()
}

/// Shows the library as of 2025-06-23, all briefings.
fn as_of_june_23(app: &mut App) {
    use briefing::model::{PartialDate, Scope, View};
    app.set_view(View {
        as_of: Some(PartialDate::parse("2025-06-23").unwrap()),
        scope: Scope::All,
    });
}

/// Loads `files` with `loader` and hands the app the result, as a live reload does.
fn reload(app: &mut App, loader: &mut briefing::model::Loader, files: &[briefing::model::Input]) {
    use briefing::tui::action::Loaded;
    let (lib, report) = loader.load_inputs(files.to_vec());
    act(
        app,
        Action::Reloaded(Box::new(Ok(Loaded::new(lib, report)))),
    );
}

/// The problems of a file that gives the library no briefing (here a misspelt status) are
/// placed where its `[briefing]` table puts it: saved during an earlier view with a later
/// date, it is counted apart after the live reload, whether the file is new or an existing
/// one shown as it last loaded; one dated before the view is counted in it. A file too
/// broken to read its table (a syntax error) cannot be placed, and counts in the view.
#[test]
fn a_later_broken_briefing_saved_in_an_earlier_view_is_counted_outside_it() {
    let mut loader = briefing::model::Loader::new(Vec::new());
    let (lib, report) = loader.load_inputs(sella_and_rhone());
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let mut app = App::new(lib, report, Theme::new(false));
    as_of_june_23(&mut app);
    let h = header_line(&mut app);
    assert!(h.contains("as of 2025-06-23 (earlier view)"), "{h}");

    // A new briefing, dated after the view and misspelt, gives no briefing.
    let mut files = sella_and_rhone();
    files.push(briefing_file("s-4", "sella", "2025-08-04", "occured"));
    reload(&mut app, &mut loader, &files);
    assert_eq!(
        app.report().error_count(),
        1,
        "{:?}",
        app.report().diagnostics
    );
    assert!(
        app.lib().find("s-4").is_none(),
        "the broken briefing is left out"
    );
    assert_eq!(app.problems_outside_view(), 1);
    let h = header_line(&mut app);
    assert!(h.contains("⚠ 1 problem outside this view (p)"), "{h}");
    assert_eq!(
        app.status(),
        Some("reloaded with 1 problem outside this view (p shows them)")
    );
    // Back to now, the briefing's date is in view, and so is its problem.
    act(&mut app, Action::LaterView);
    act(&mut app, Action::LaterView);
    assert_eq!(app.lib().view().as_of, None);
    let h = header_line(&mut app);
    assert!(h.contains("⚠ 1 problem (p)"), "{h}");

    // An existing later briefing broken too, shown as it last loaded: both outside.
    as_of_june_23(&mut app);
    files[2] = briefing_file("s-3", "sella", "2025-07-14", "occured");
    reload(&mut app, &mut loader, &files);
    assert_eq!(
        app.report().fallbacks.len(),
        1,
        "s-3 at its last good version"
    );
    let h = header_line(&mut app);
    assert!(h.contains("⚠ 2 problems outside this view (p)"), "{h}");
    // One dated before the view is in it.
    files.push(briefing_file("s-0", "sella", "2025-06-01", "occured"));
    reload(&mut app, &mut loader, &files);
    let h = header_line(&mut app);
    assert!(
        h.contains("⚠ 1 problem, 2 more outside this view (p)"),
        "{h}"
    );

    // A new file that does not parse cannot be dated: it counts in every view.
    files.pop();
    let syntax = b"[briefing\nas_of = \"2025-09-01\"\n".to_vec();
    files.push((PathBuf::from("s-5.toml"), Ok(syntax)));
    reload(&mut app, &mut loader, &files);
    let h = header_line(&mut app);
    assert!(
        h.contains("⚠ 1 problem, 2 more outside this view (p)"),
        "{h}"
    );
}

/// A narrower scope leaves out the broken briefing of another series, and counts it apart;
/// at the first load too, and for a file left out when linking (a reference to an actor no
/// briefing defines).
#[test]
fn a_broken_briefing_of_another_series_is_counted_outside_its_scope() {
    use briefing::model::{Scope, View};
    let mut files = sella_and_rhone();
    files.push(briefing_file("s-4", "sella", "2025-08-04", "occured"));
    let (path, text) = briefing_file("s-5", "sella", "2025-09-01", "occurred");
    let text = String::from_utf8(text.unwrap()).unwrap();
    let text = text.replace(
        "actors = [{ actor = \"a-s-5\" }]",
        "actors = [{ actor = \"nobody\" }]",
    );
    files.push((path, Ok(text.into_bytes())));
    let (lib, report) = load_sources(files, LoadOptions::default());
    assert_eq!(report.error_count(), 2, "{:?}", report.diagnostics);
    assert!(lib.find("s-5").is_none(), "left out when linking");
    let mut app = App::new(lib, report, Theme::new(false));
    let h = header_line(&mut app);
    assert!(h.contains("⚠ 2 problems (p)"), "{h}");
    for (scope, shown) in [
        ("rhone", "⚠ 2 problems outside this view (p)"),
        ("sella", "⚠ 2 problems (p)"),
    ] {
        app.set_view(View {
            as_of: None,
            scope: Scope::Series(scope.into()),
        });
        let h = header_line(&mut app);
        assert!(h.contains(shown), "{scope}: {h}");
    }
    // One briefing's scope leaves out every other file.
    act(&mut app, Action::FocusPane(Pane::Overview));
    while app.current().selected_item() != app.lib().find("s-3") {
        act(&mut app, Action::MoveDown);
    }
    act(&mut app, Action::Activate);
    let h = header_line(&mut app);
    assert!(h.contains("⚠ 2 problems outside this view (p)"), "{h}");
    as_of_june_23(&mut app);
    let h = header_line(&mut app);
    assert!(h.contains("⚠ 2 problems outside this view (p)"), "{h}");
}

/// Enter on a History line shows the item as that version's briefing has it: that briefing
/// alone in scope, on the item's detail. Back shows the view left again,
/// on the same line, and Forward the version again.
#[test]
fn a_history_line_opens_the_item_as_that_briefing_has_it_and_back_returns() {
    let mut app = rio_seco();
    let coop = ItemRef::Actor(actor(&app, "cooperativa"));
    assert!(app.open("cooperativa"));
    draw(&mut app, 120, 40);
    let before = app.lib().view().clone();
    let versions = app.lib().actors[actor(&app, "cooperativa")].versions.len();
    assert!(versions >= 2, "the fixture's actor has a history");
    let first = app.lib().actors[actor(&app, "cooperativa")].versions[0].briefing;
    // Down to the History line of the first version.
    let mut steps = 0;
    while app.detail_lines()[app.current().detail_line()].version != Some(first) {
        act(&mut app, Action::MoveDown);
        steps += 1;
        assert!(steps < 200, "no History line for the first version");
    }
    let line = app.current().detail_line();
    act(&mut app, Action::Activate);
    assert_eq!(app.current().selected_item(), Some(coop));
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(*app.scope(), briefing::model::Scope::Briefing(first));
    let s = screen(&mut app, 120, 40);
    let id = app.lib().briefings[first].id.raw().to_owned();
    assert!(
        s.contains(&format!("from        {id}")),
        "the first version:\n{s}"
    );
    // Back: the view left, on the History line.
    act(&mut app, Action::Back);
    assert_eq!(*app.lib().view(), before);
    assert_eq!(app.current().selected_item(), Some(coop));
    assert_eq!(app.current().detail_line(), line);
    // Forward: the version again.
    act(&mut app, Action::Forward);
    assert_eq!(*app.scope(), briefing::model::Scope::Briefing(first));
    act(&mut app, Action::Back);
    assert_eq!(*app.lib().view(), before);
}

/// Back from a History line's version shows the detail as it was left: the History line
/// selected where it was on screen, not the view scrolled anew to show it.
#[test]
fn back_from_a_history_line_restores_the_detail_scrolled_as_it_was() {
    let mut app = rio_seco();
    let coop = actor(&app, "cooperativa");
    assert!(app.open("cooperativa"));
    let first = app.lib().actors[coop].versions[0].briefing;
    // To the last line, the view following down, then up to the first version's line:
    // the view stays where it was, the line in the middle of the screen.
    act(&mut app, Action::Bottom);
    draw(&mut app, 80, 24);
    let mut steps = 0;
    while app.detail_lines()[app.current().detail_line()].version != Some(first) {
        act(&mut app, Action::MoveUp);
        draw(&mut app, 80, 24);
        steps += 1;
        assert!(steps < 200, "no History line for the first version");
    }
    let body = |s: &str| s.lines().skip(2).take(21).collect::<Vec<_>>().join("\n");
    let left = screen(&mut app, 80, 24);
    let line = app.current().detail_line();
    act(&mut app, Action::Activate);
    draw(&mut app, 80, 24);
    act(&mut app, Action::Back);
    assert_eq!(app.current().detail_line(), line);
    let back = screen(&mut app, 80, 24);
    assert_eq!(body(&back), body(&left), "left:\n{left}\nback:\n{back}");
}

/// A series whose two briefings each quote "We will not move.", by different speakers:
/// the two quote rows read alike but for their briefings' tags.
fn twice_quoted() -> App {
    let file = |id: &str, as_of: &str, quotes: &[(&str, &str, &str, &str)]| {
        let mut text = format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"{id} title\"\nas_of = \"{as_of}\"\nseries = \"port\"\nsummary = \"s\"\n\n\
             [[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n\n\
             [[actors]]\nid = \"mayor\"\nname = \"Mayor Ana Ruiz\"\nshort_name = \"Ruiz\"\nkind = \"person\"\nrole = \"mayor\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\n\
             [[actors]]\nid = \"union\"\nname = \"Dock Workers' Union\"\nshort_name = \"Dockers\"\nkind = \"group\"\nrole = \"the dockers\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n"
        );
        for (qid, speaker, date, words) in quotes {
            write!(
                text,
                "\n[[quotes]]\nid = \"{qid}\"\nkind = \"direct\"\ntext = \"{words}\"\nspeaker = \"{speaker}\"\ndate = \"{date}\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n"
            )
            .unwrap();
        }
        (PathBuf::from(format!("{id}.toml")), Ok(text.into_bytes()))
    };
    let (lib, report) = load_sources(
        vec![
            file(
                "port-1",
                "2025-01-10",
                &[
                    ("q1", "mayor", "2025-01-05", "We will not move."),
                    (
                        "q2",
                        "union",
                        "2025-01-06",
                        "The port stays closed until we are paid.",
                    ),
                ],
            ),
            file(
                "port-2",
                "2025-02-10",
                &[
                    ("q3", "union", "2025-02-01", "We will not move."),
                    (
                        "q4",
                        "mayor",
                        "between 2025-02-03 and 2025-02-04",
                        "Talks resume on Monday.",
                    ),
                ],
            ),
        ],
        LoadOptions::default(),
    );
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    App::new(lib, report, Theme::new(false))
}

/// The quotes' columns line up whatever the rows' tags: a row tagged with its briefing
/// (its words read like another row's) lays its speaker, date and words out in the same
/// columns as the untagged rows, the tag taking its room from the end of every row alike.
#[test]
fn quote_rows_line_up_whatever_their_tags() {
    let mut app = twice_quoted();
    act(&mut app, Action::FocusPane(Pane::Quotes));
    assert_eq!(app.current().list.items(), 4);
    let mut tagged = false;
    for w in 40..=200 {
        let s = screen(&mut app, w, 24);
        let rows: Vec<&str> = s
            .lines()
            .filter_map(|l| l.split('│').nth(1))
            .filter(|r| r.contains("2025-0"))
            .collect();
        assert_eq!(rows.len(), 4, "{w} columns:\n{s}");
        tagged |= rows.iter().any(|r| r.contains("@2025-01"));
        // The mark opening the words, where a row keeps it (a narrow list gives the words,
        // mark and all, to the dates).
        let mark: Vec<usize> = rows
            .iter()
            .filter_map(|r| Some(UnicodeWidthStr::width(&r[..r.find('“')?])))
            .collect();
        assert!(
            mark.iter().all(|&c| c == mark[0]),
            "{w} columns: {mark:?}\n{s}"
        );
        // The dates: a column of them, or each at its row's end.
        let dates = ["2025-01-05", "2025-01-06", "2025-02-01", "2025-02-03‥02-04"];
        let starts: Vec<usize> = rows
            .iter()
            .map(|r| {
                let date = dates.iter().find(|d| r.contains(*d)).unwrap();
                UnicodeWidthStr::width(&r[..r.find(date).unwrap()])
            })
            .collect();
        let ends: Vec<usize> = rows
            .iter()
            .zip(&starts)
            .map(|(r, start)| {
                let date = dates.iter().find(|d| r.contains(*d)).unwrap();
                start + UnicodeWidthStr::width(*date)
            })
            .collect();
        assert!(
            starts.iter().all(|&c| c == starts[0]) || ends.iter().all(|&c| c == ends[0]),
            "{w} columns: dates from {starts:?} to {ends:?}\n{s}"
        );
    }
    assert!(tagged, "no row was tagged");
}

/// Two briefings of a series, each naming two actors "Ahmad Nouri": the union leader
/// (`ahmad-nouri`, short name "Nouri") and a hydrologist (`ahmad-nouri-hydro`), each
/// quoted and each leading a group.
fn two_nouris() -> App {
    let file = |id: &str, as_of: &str| {
        let actor = |id: &str, short: &str, kind: &str, role: &str| {
            format!(
                "\n[[actors]]\nid = \"{id}\"\nname = \"Ahmad Nouri\"\nshort_name = \"{short}\"\nkind = \"{kind}\"\nrole = \"{role}\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n"
            )
        };
        let text = format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"{id} title\"\nas_of = \"{as_of}\"\nseries = \"delta\"\nsummary = \"s\"\n\n\
             [[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n{}{}\n\
             [[actors]]\nid = \"union\"\nname = \"Farmers' Union\"\nkind = \"group\"\nrole = \"farmers\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\n\
             [[relations]]\nfrom = \"ahmad-nouri\"\nkind = \"leads\"\nto = \"union\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\n\
             [[quotes]]\nid = \"q-{id}-1\"\nkind = \"direct\"\ntext = \"The harvest will fail.\"\nspeaker = \"ahmad-nouri\"\ndate = \"{as_of}\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\n\
             [[quotes]]\nid = \"q-{id}-2\"\nkind = \"direct\"\ntext = \"The dam holds.\"\nspeaker = \"ahmad-nouri-hydro\"\ndate = \"{as_of}\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n",
            actor(
                "ahmad-nouri",
                "Nouri",
                "person",
                "leader of the Farmers' Union"
            ),
            actor(
                "ahmad-nouri-hydro",
                "Nouri (hydrologist)",
                "person",
                "hydrologist at the dam"
            ),
        );
        (PathBuf::from(format!("{id}.toml")), Ok(text.into_bytes()))
    };
    let (lib, report) = load_sources(
        vec![file("delta-1", "2025-03-10"), file("delta-2", "2025-09-30")],
        LoadOptions::default(),
    );
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    App::new(lib, report, Theme::new(false))
}

/// Two actors of one name never read alike: wherever they are named, each is followed by
/// its id, or at the narrowest shown by its id, in the Actors list at every width, in one
/// briefing's scope and in all, in the Quotes list, in the detail's links and speakers, and
/// in the relation sentences.
#[test]
fn actors_of_one_name_are_told_apart_by_their_ids_everywhere() {
    let mut app = two_nouris();
    let [union_leader, hydrologist] =
        ["ahmad-nouri", "ahmad-nouri-hydro"].map(|id| actor(&app, id));
    assert!(app.lib().namesake(union_leader) && app.lib().namesake(hydrologist));
    assert!(!app.lib().namesake(actor(&app, "union")));
    let rows_of = |s: &str, needle: &str| -> Vec<String> {
        s.lines()
            .filter_map(|l| l.split('│').nth(1))
            .filter(|r| r.contains(needle))
            .map(|r| {
                r.trim_start_matches(['▶', ' ', '•', '✎', '✚'])
                    .trim_end()
                    .to_owned()
            })
            .collect()
    };
    let scopes = [
        briefing::model::Scope::Briefing(0),
        app.lib().view().scope.clone(),
    ];
    for scope in scopes {
        let view = briefing::model::View {
            scope,
            ..app.lib().view().clone()
        };
        app.set_view(view);
        act(&mut app, Action::FocusPane(Pane::Actors));
        for w in 40..=200 {
            let s = screen(&mut app, w, 24);
            let rows = rows_of(&s, "person");
            assert_eq!(rows.len(), 2, "{w} columns:\n{s}");
            assert_ne!(rows[0], rows[1], "{w} columns:\n{s}");
            assert!(
                rows[0].contains("ahmad-nouri") && rows[1].contains("ahmad-nouri-hydro"),
                "{w} columns:\n{s}"
            );
        }
        let s = screen(&mut app, 80, 24);
        assert!(s.contains("Ahmad Nouri (ahmad-nouri)     person"), "{s}");
        assert!(s.contains("Ahmad No… (ahmad-nouri-hydro) person"), "{s}");
        act(&mut app, Action::FocusPane(Pane::Quotes));
        let s = screen(&mut app, 80, 24);
        assert!(s.contains("Nouri (ahmad-nouri) "), "{s}");
        assert!(s.contains("ahmad-nouri-hydro"), "{s}");
    }
    // The detail: its title, and the speakers of its quotes.
    assert!(app.open("ahmad-nouri"));
    let s = screen(&mut app, 100, 40);
    assert!(s.contains("┌ Ahmad Nouri (ahmad-nouri) ─"), "{s}");
    assert!(
        s.contains("→ Nouri (ahmad-nouri): “The harvest will fail.”"),
        "{s}"
    );
    // The relation, from the union's side, and as the Changes pane's sentence.
    assert!(app.open("union"));
    let s = screen(&mut app, 100, 40);
    assert!(
        s.contains("→ led by Ahmad Nouri (ahmad-nouri)  person"),
        "{s}"
    );
    let lib = app.lib();
    let r = (0..lib.relations.len())
        .find(|&r| lib.relations[r].from == union_leader)
        .unwrap();
    let sentence: String =
        briefing::tui::panes::content::relation_sentence(lib, r, app.theme(), 80)
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
    assert_eq!(
        sentence,
        "Ahmad Nouri (ahmad-nouri) → leads → Farmers' Union"
    );
    // What `y` copies says which of them it is.
    assert_eq!(
        lib.label(ItemRef::Actor(hydrologist)),
        "Ahmad Nouri (ahmad-nouri-hydro)"
    );
}

/// Two briefings of a series naming the two Ahmad Nouris of [`two_nouris`], by a full name
/// too long for a narrow detail's title, each quoted once (the same quote in both
/// briefings), the union leader funding the union in the second only, so that the Changes
/// pane lists it.
fn two_nouris_quoted() -> App {
    let file = |id: &str, as_of: &str, funds: bool| {
        let cite = "cite = [{ source = \"src\", locator = \"1\" }]";
        let actor = |id: &str, short: &str, role: &str| {
            format!(
                "\n[[actors]]\nid = \"{id}\"\nname = \"Ahmad Nouri bin Abdullah al-Rashidi\"\nshort_name = \"{short}\"\nkind = \"person\"\nrole = \"{role}\"\n{cite}\n"
            )
        };
        let quote = |id: &str, speaker: &str, text: &str| {
            format!(
                "\n[[quotes]]\nid = \"{id}\"\nkind = \"direct\"\ntext = \"{text}\"\nspeaker = \"{speaker}\"\ndate = \"2025-03-10\"\n{cite}\n"
            )
        };
        let funds = if funds {
            format!(
                "\n[[relations]]\nfrom = \"ahmad-nouri\"\nkind = \"funds\"\nto = \"union\"\n{cite}\n"
            )
        } else {
            String::new()
        };
        let text = format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"{id} title\"\nas_of = \"{as_of}\"\nseries = \"delta\"\nsummary = \"s\"\n\n\
             [[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n{}{}\n\
             [[actors]]\nid = \"union\"\nname = \"Farmers' Union\"\nkind = \"group\"\nrole = \"farmers\"\n{cite}\n{funds}{}{}",
            actor("ahmad-nouri", "Nouri", "leader of the Farmers' Union"),
            actor(
                "ahmad-nouri-hydro",
                "Nouri (hydrologist)",
                "hydrologist at the dam"
            ),
            quote("harvest", "ahmad-nouri", "The harvest will fail."),
            quote("dam", "ahmad-nouri-hydro", "The dam holds."),
        );
        (PathBuf::from(format!("{id}.toml")), Ok(text.into_bytes()))
    };
    let (lib, report) = load_sources(
        vec![
            file("delta-1", "2025-03-10", false),
            file("delta-2", "2025-09-30", true),
        ],
        LoadOptions::default(),
    );
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    App::new(lib, report, Theme::new(false))
}

/// Whether a row that names an Ahmad Nouri shows one of their ids whole: `ahmad-nouri`
/// not followed by more of an id or a `…`, or `ahmad-nouri-hydro`.
fn names_a_whole_id(row: &str) -> bool {
    row.match_indices("ahmad-nouri").any(|(i, id)| {
        let rest = &row[i + id.len()..];
        rest.starts_with("-hydro") || !rest.starts_with(['-', '…'])
    })
}

/// A namesake's id is never cut where the row can hold it, down to the narrowest screen
/// (40 columns): where a row is too narrow for the name and the id, the name gives way
/// (`Ahmad… (ahmad-nouri-hydro)`), then goes, and the id stays whole. In the Actors list
/// (whose name column grows to hold the ids, the role and kind giving way), the Quotes
/// list (whose speakers' column does, the words giving way), the timeline's quotes, the
/// Changes pane's relations, the detail's title, and the search's speaker lines. The ids
/// used to be cut at the end of the row or column like any text (`ahmad-nouri-hyd…`,
/// `Nouri (hydrologist) (ahmad-no…`, `Nouri …`).
#[test]
fn a_namesakes_id_stays_whole_down_to_the_narrowest_screen() {
    let mut app = two_nouris_quoted();
    let h = 24;
    // Every width whose list is at least as wide as a 40-column screen's: from 90 columns
    // the list shares the screen, and below 99 it has fewer columns than that, too few
    // for a quote's date, its mark and `ahmad-nouri-hydro`.
    let widths = || (40..90).chain(99..=160);
    // The list's rows that name an Ahmad Nouri (the list is the screen's left column).
    let named_rows = |s: &str| -> Vec<String> {
        s.lines()
            .skip(2)
            .filter_map(|l| l.split('│').nth(1))
            .filter(|r| r.contains("Nouri") || r.contains("ahmad"))
            .map(str::to_owned)
            .collect()
    };
    let scopes = [
        briefing::model::Scope::Briefing(1),
        app.lib().view().scope.clone(),
    ];
    for scope in scopes {
        let view = briefing::model::View {
            scope: scope.clone(),
            ..app.lib().view().clone()
        };
        app.set_view(view);
        act(&mut app, Action::FocusPane(Pane::Timeline));
        act(&mut app, Action::ToggleTimelineQuotes);
        for (pane, rows) in [
            (Pane::Actors, 2),
            (Pane::Timeline, 2),
            (Pane::Quotes, 2),
            (Pane::Changes, 1),
        ] {
            act(&mut app, Action::FocusPane(pane));
            for w in widths() {
                let s = screen(&mut app, w, h);
                let named = named_rows(&s);
                assert_eq!(named.len(), rows, "{scope:?} {pane:?}, {w} columns:\n{s}");
                for row in named {
                    assert!(
                        names_a_whole_id(&row),
                        "{scope:?} {pane:?}, {w} columns: {row:?}\n{s}"
                    );
                }
            }
        }
        act(&mut app, Action::FocusPane(Pane::Timeline));
        act(&mut app, Action::ToggleTimelineQuotes);
    }
    // The detail's title, in the border above it.
    for id in ["ahmad-nouri", "ahmad-nouri-hydro"] {
        assert!(app.open(id));
        for w in 40..=160 {
            let s = screen(&mut app, w, h);
            let title = s.lines().nth(2).unwrap();
            assert!(
                title.contains(&format!("({id})")) || title.contains(&format!(" {id} ")),
                "{w} columns: {title:?}\n{s}"
            );
        }
    }
    // The search's second rows, which name each quote's speaker before its date.
    act(&mut app, Action::OpenSearch);
    type_text(&mut app, "type:quote nouri");
    let s = screen(&mut app, 60, h);
    let speakers: Vec<&str> = s.lines().filter(|l| l.contains("speaker:")).collect();
    assert_eq!(speakers.len(), 2, "{s}");
    for row in speakers {
        assert!(names_a_whole_id(row), "{row:?}\n{s}");
        assert!(row.contains("2025-03-10"), "{row:?}\n{s}");
    }
}

/// Two series whose second briefings, of one date, each stop stating a relation: each
/// dropped relation is under its own briefing's header, told apart by the briefing's id.
#[test]
fn relations_dropped_on_one_date_in_two_series_are_told_apart_by_briefing() {
    let file = |id: &str, series: &str, as_of: &str, relation: bool| {
        let head = format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"{id} title\"\nas_of = \"{as_of}\"\nseries = \"{series}\"\nsummary = \"s\"\n\n\
             [[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n\n\
             [[actors]]\nid = \"{series}-x\"\nname = \"X of {series}\"\nkind = \"person\"\nrole = \"r\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\n\
             [[actors]]\nid = \"{series}-y\"\nname = \"Y of {series}\"\nkind = \"person\"\nrole = \"r\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n"
        );
        let relation = if relation {
            format!(
                "\n[[relations]]\nfrom = \"{series}-x\"\nkind = \"opposes\"\nto = \"{series}-y\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n"
            )
        } else {
            String::new()
        };
        let text = head + &relation;
        (PathBuf::from(format!("{id}.toml")), Ok(text.into_bytes()))
    };
    let (lib, report) = load_sources(
        vec![
            file("north-1", "north", "2025-01-10", true),
            file("north-2", "north", "2025-02-10", false),
            file("south-1", "south", "2025-01-20", true),
            file("south-2", "south", "2025-02-10", false),
        ],
        LoadOptions::default(),
    );
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    let mut app = App::new(lib, report, Theme::new(false));
    act(&mut app, Action::FocusPane(Pane::Changes));
    let s = screen(&mut app, 160, 40);
    let rows: Vec<&str> = s
        .lines()
        .filter_map(|l| Some(l.split('│').nth(1)?.trim_start_matches('▶').trim()))
        .skip_while(|row| !row.contains("? not restated"))
        .take_while(|row| !row.is_empty())
        .collect();
    assert_eq!(
        rows,
        [
            "── ? not restated since 2025-02-10 · south-2 (1)",
            "X of south → opposes → Y of south",
            "── ? not restated since 2025-02-10 · north-2 (1)",
            "X of north → opposes → Y of north",
        ],
        "{s}"
    );
}
