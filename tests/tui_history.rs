//! The library over time in the browser's details: what each version of an item or a
//! relation changed, told in the History section, and details that stay legible when the
//! list takes most of the width.

mod common;

use std::path::PathBuf;

use briefing::model::{ItemRef, LoadOptions, RelationKind, load_sources};
use briefing::tui::action::{Action, Pane};
use briefing::tui::app::App;
use briefing::tui::panes::detail::DetailLine;
use briefing::tui::theme::Theme;
use common::drive::{act, draw, text};

/// A briefing of the series `s`: two sources, the actors, events and relations given.
fn briefing(id: &str, as_of: &str, body: &str) -> String {
    format!(
        "[briefing]\nid = \"{id}\"\ntitle = \"T\"\nas_of = \"{as_of}\"\nseries = \"s\"\nsummary = \"S\"\n\n\
         [[sources]]\nid = \"src\"\ntitle = \"S\"\nkind = \"report\"\n\n\
         [[actors]]\nid = \"alpha\"\nname = \"Alpha Agency\"\nkind = \"organization\"\nrole = \"r\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\n\
         [[actors]]\nid = \"beta\"\nname = \"Beta Board\"\nkind = \"organization\"\nrole = \"r\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\n\
         [[actors]]\nid = \"gamma-cpd\"\nname = \"Gamma Civil Protection\"\nshort_name = \"Civil Protection\"\nkind = \"organization\"\nrole = \"r\"\ncite = [{{ source = \"src\", locator = \"1\" }}]\n\
         {body}"
    )
}

fn relation(from: &str, kind: &str, to: &str, note: Option<&str>) -> String {
    let note = note.map_or(String::new(), |n| format!("note = \"{n}\"\n"));
    format!(
        "\n[[relations]]\nfrom = \"{from}\"\nkind = \"{kind}\"\nto = \"{to}\"\n{note}cite = [{{ source = \"src\", locator = \"¶6\" }}]\n"
    )
}

fn app_of(files: &[(&str, String)]) -> App {
    let inputs = files
        .iter()
        .map(|(path, text)| (PathBuf::from(path), Ok(text.clone().into_bytes())))
        .collect();
    let (lib, report) = load_sources(inputs, LoadOptions::default());
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    App::new(lib, report, Theme::new(false))
}

/// The relation `from kind to`, by actor ids.
fn relation_ix(app: &App, from: &str, kind: RelationKind, to: &str) -> usize {
    let lib = app.lib();
    let actor = |id: &str| match lib.find(id) {
        Some(ItemRef::Actor(a)) => a,
        other => panic!("{id}: {other:?}"),
    };
    let (from, to) = (actor(from), actor(to));
    (0..lib.relations.len())
        .find(|&r| {
            let rel = &lib.relations[r];
            (rel.from, rel.kind, rel.to) == (from, kind, to)
        })
        .unwrap()
}

/// Selects a relation in the Changes pane and returns the screen at 120×40.
fn changes_detail_of(app: &mut App, r: usize) -> String {
    act(app, Action::FocusPane(Pane::Changes));
    act(app, Action::Top);
    for _ in 0..app.current().list.items() {
        if app.current().list.selected_relation() == Some(r) {
            break;
        }
        act(app, Action::MoveDown);
    }
    assert_eq!(app.current().list.selected_relation(), Some(r));
    text(&draw(app, 120, 40))
}

/// A relation whose note changed, and one whose note was dropped: each statement in the
/// History says what it changed, as an actor's or an event's versions do, not only that
/// the relation was stated again.
#[test]
fn a_relations_history_says_how_its_note_changed() {
    let old = briefing(
        "s-03",
        "2025-03-18",
        &(relation(
            "alpha",
            "funds",
            "gamma-cpd",
            Some("€2.5 million for sandbags."),
        ) + &relation(
            "beta",
            "opposes",
            "alpha",
            Some("Blames the upstream release for flooding in the Nováky district."),
        )),
    );
    let new = briefing(
        "s-04",
        "2025-04-10",
        &(relation(
            "alpha",
            "funds",
            "gamma-cpd",
            Some("A second grant, €4 million."),
        ) + &relation("beta", "opposes", "alpha", None)),
    );
    let mut app = app_of(&[("s-03.toml", old), ("s-04.toml", new)]);

    let funds = relation_ix(&app, "alpha", RelationKind::Funds, "gamma-cpd");
    let s = changes_detail_of(&mut app, funds);
    for line in [
        "History (2 versions)",
        "→ 2025-03-18 s-03  first stated  src ¶6",
        "→ 2025-04-10 s-04  changed note  src ¶6",
        "    note: €2.5 million for sandbags. → A second grant, €4 million.",
    ] {
        assert!(s.contains(line), "{line}:\n{s}");
    }

    let opposes = relation_ix(&app, "beta", RelationKind::Opposes, "alpha");
    let s = changes_detail_of(&mut app, opposes);
    for line in [
        "→ 2025-04-10 s-04  changed note  src ¶6",
        // Too long for one line: the old and the new note on lines of their own.
        "    note was: Blames the upstream release for flooding in the Nováky",
        "    note now: (not given)",
    ] {
        assert!(s.contains(line), "{line}:\n{s}");
    }
    // Enter on a statement still opens the briefing that makes it.
    let line = app
        .detail_lines()
        .iter()
        .find(|l| l.plain().contains("s-04  changed note"))
        .unwrap();
    assert_eq!(line.link, Some(ItemRef::Briefing(1)));
}

/// Selects an item in its pane, the detail beside it.
fn select(app: &mut App, pane: Pane, item: ItemRef) {
    act(app, Action::FocusPane(pane));
    act(app, Action::Top);
    for _ in 0..app.current().list.items() {
        if app.current().selected_item() == Some(item) {
            return;
        }
        act(app, Action::MoveDown);
    }
    assert_eq!(app.current().selected_item(), Some(item));
}

fn event(id: &str, actors: &str) -> String {
    format!(
        "\n[[events]]\nid = \"{id}\"\ntitle = \"Left-bank levee gives way\"\ndate = \"2025-04-06\"\nstatus = \"occurred\"\nactors = [{actors}]\ncite = [{{ source = \"src\", locator = \"¶4\" }}]\n"
    )
}

fn delta(affiliations: &str) -> String {
    format!(
        "\n[[actors]]\nid = \"delta\"\nname = \"Delta Ministry\"\nkind = \"organization\"\nrole = \"r\"\naffiliations = [{affiliations}]\ncite = [{{ source = \"src\", locator = \"1\" }}]\n"
    )
}

/// A participant in both versions whose role changed is a change of their role, named as
/// the browser names actors; affiliations too are named, not given as ids.
#[test]
fn a_participants_new_role_reads_as_a_role_change_by_name() {
    let old = briefing(
        "s-04",
        "2025-04-10",
        &(delta(r#""gamma-cpd", "beta""#)
            + &event(
                "breach",
                r#"{ actor = "alpha" }, { actor = "gamma-cpd", role = "sandbagging the breach" }, { actor = "beta", role = "proposed it" }"#,
            )),
    );
    let new = briefing(
        "s-06",
        "2025-06",
        &(delta(r#""beta""#)
            + &event(
                "breach",
                r#"{ actor = "alpha" }, { actor = "gamma-cpd" }, { actor = "beta", role = "convenes it" }, { actor = "delta", role = "host" }"#,
            )),
    );
    let mut app = app_of(&[("s-04.toml", old), ("s-06.toml", new)]);
    let breach = app.lib().find("breach").unwrap();
    select(&mut app, Pane::Timeline, breach);
    let lines: Vec<String> = app.detail_lines().iter().map(DetailLine::plain).collect();
    // Each role changed on a line of its own.
    let want = "    actors: +Delta Ministry (host)\n\
                Civil Protection: role \"sandbagging the breach\" → none\n\
                Beta Board: role \"proposed it\" → \"convenes it\"";
    assert!(lines.iter().any(|l| l == want), "{want}:\n{lines:#?}");
    // Not the same participant both added and removed, nor an id.
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("gamma-cpd") || l.contains("-Civil")),
        "{lines:#?}"
    );
    let s = text(&draw(&mut app, 120, 40));
    for row in [
        "│    actors: +Delta Ministry (host)  ",
        "│            Civil Protection: role \"sandbagging the breach\" → none  ",
        "│            Beta Board: role \"proposed it\" → \"convenes it\"  ",
    ] {
        assert!(s.contains(row), "{row}:\n{s}");
    }

    let delta_ix = app.lib().find("delta").unwrap();
    select(&mut app, Pane::Actors, delta_ix);
    let lines: Vec<String> = app.detail_lines().iter().map(DetailLine::plain).collect();
    assert!(
        lines
            .iter()
            .any(|l| l == "    affiliations: -Civil Protection"),
        "{lines:#?}"
    );
}

/// The list at its widest (80%) leaves the detail 22 columns at 120: the labels go on
/// lines of their own, and a briefing id or a date is never split between lines.
#[test]
fn a_narrow_detail_puts_labels_above_their_values_and_keeps_tokens_whole() {
    let old = briefing(
        "mereva-2025-04",
        "2025-04-10",
        &event("breach", r#"{ actor = "alpha" }"#),
    );
    let new = briefing(
        "mereva-2025-06",
        "2025-06",
        &event("breach", r#"{ actor = "alpha", role = "host" }"#),
    );
    let mut app = app_of(&[("a.toml", old), ("b.toml", new)]);
    let breach = app.lib().find("breach").unwrap();
    select(&mut app, Pane::Timeline, breach);
    for _ in 0..8 {
        act(&mut app, Action::WidenList);
    }
    let s = text(&draw(&mut app, 120, 40));
    // The detail's rows, between its borders.
    let rows: Vec<&str> = s
        .lines()
        .filter_map(|l| l.split('│').nth(3))
        .map(str::trim_end)
        .collect();
    let at = |want: &str| {
        rows.iter()
            .position(|r| r.trim_end_matches([' ', '█', '║', '▲', '▼']).trim_end() == want)
            .unwrap_or_else(|| panic!("{want:?} in\n{}", rows.join("\n")))
    };
    let from = at("from");
    assert_eq!(at("  mereva-2025-06 · as"), from + 1);
    let date = at("date");
    assert_eq!(at("  2025-04-06"), date + 1);
    assert_eq!(at("  ● occurred"), at("status") + 1);
    // A History line's change too: its value under its label.
    act(&mut app, Action::Bottom);
    act(&mut app, Action::FocusDetail);
    act(&mut app, Action::Bottom);
    let s = text(&draw(&mut app, 120, 40));
    let rows: Vec<&str> = s.lines().filter_map(|l| l.split('│').nth(3)).collect();
    let actors = rows
        .iter()
        .position(|r| r.starts_with("    actors: "))
        .unwrap_or_else(|| panic!("{}", rows.join("\n")));
    assert!(
        rows[actors].trim_end_matches([' ', '█', '║', '▲', '▼']) == "    actors:"
            && rows[actors + 1].starts_with("      Alpha Agency:"),
        "{}",
        rows.join("\n")
    );
}

/// Every kind of detail (briefing, source, actor, event, quote, relation), at every narrow
/// width: a word that fits the width is never split between lines, and a `label  value`
/// row too narrow for its value stacks the label above it.
#[test]
fn no_detail_splits_a_word_that_fits_its_width() {
    use briefing::tui::keymap::Keymap;
    use briefing::tui::panes::{detail_lines, relation_detail_lines};
    use unicode_width::UnicodeWidthStr;

    let (bundled, _) = briefing::model::load_bundled();
    let series = app_of(&[
        (
            "a.toml",
            briefing(
                "mereva-2025-04",
                "2025-04-10",
                &(delta(r#""gamma-cpd""#)
                    + &event(
                        "breach",
                        r#"{ actor = "gamma-cpd", role = "sandbagging the breach" }"#,
                    )
                    + &relation(
                        "alpha",
                        "funds",
                        "gamma-cpd",
                        Some("€2.5 million for sandbags."),
                    )),
            ),
        ),
        (
            "b.toml",
            briefing(
                "mereva-2025-06",
                "2025-06",
                &(delta("")
                    + &event("breach", r#"{ actor = "gamma-cpd" }"#)
                    + &relation(
                        "alpha",
                        "funds",
                        "gamma-cpd",
                        Some("A second grant, €4 million."),
                    )),
            ),
        ),
    ]);
    let (theme, keys) = (Theme::new(false), Keymap::default());
    let mut checked = 0;
    for lib in [&bundled, series.lib()] {
        let items = (0..lib.briefings.len())
            .map(ItemRef::Briefing)
            .chain((0..lib.sources.len()).map(ItemRef::Source))
            .chain((0..lib.actors.len()).map(ItemRef::Actor))
            .chain((0..lib.events.len()).map(ItemRef::Event))
            .chain((0..lib.quotes.len()).map(ItemRef::Quote));
        let details = items
            .map(|item| (format!("{item:?}"), detail_lines(lib, item, &theme, &keys)))
            .chain((0..lib.relations.len()).map(|r| {
                (
                    format!("relation {r}"),
                    relation_detail_lines(lib, r, &theme, &keys),
                )
            }));
        for (what, lines) in details {
            for line in &lines {
                let plain = line.plain();
                for width in [12, 14, 16, 18, 21, 24, 27, 30, 34, 40, 47] {
                    let rows: Vec<String> = line
                        .lines(width)
                        .iter()
                        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                        .collect();
                    for word in plain.split_whitespace().filter(|w| w.width() <= width) {
                        assert!(
                            rows.iter().any(|r| r.contains(word)),
                            "{what} at {width}: `{word}` split:\n{}",
                            rows.join("\n")
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "{checked} words checked");
}
