//! A library over time: the same id in several briefings is one item with a history;
//! views as of a date and within a scope; diffs; and the linker's work stays linear.

use std::path::{Path, PathBuf};

use briefing::model::{
    self, ItemRef, Library, LoadOptions, Mark, PartialDate, Report, Scope, Status, View,
};
use serde_json::Value;

mod common;
use common::cli::briefing;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(paths: &[PathBuf]) -> (Library, Report) {
    model::load_paths(paths, LoadOptions::default()).expect("paths exist")
}

fn from_texts(files: &[(&str, String)]) -> (Library, Report) {
    let inputs = files
        .iter()
        .map(|(p, t)| (PathBuf::from(p), Ok(t.clone().into_bytes())))
        .collect();
    model::load_sources(inputs, LoadOptions::default())
}

fn bundled_may() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/haiti-2025-05.toml"),
    )
    .unwrap()
}

#[test]
fn a_copy_under_a_new_id_merges_with_the_original() {
    let may = bundled_may();
    let copy = may
        .replacen("id = \"haiti-2025-05\"", "id = \"haiti-2025-06\"", 1)
        .replacen("as_of = \"2025-05-21\"", "as_of = \"2025-06-30\"", 1);
    assert_ne!(copy, may, "the copy has a new id and date");
    let (alone, _) = from_texts(&[("may.toml", may.clone())]);
    let (both, report) = from_texts(&[("may.toml", may), ("june.toml", copy)]);
    assert_eq!(report.error_count(), 0, "{}", report.render_all(false));
    assert_eq!(both.briefings.len(), 2);
    assert_eq!(both.actors.len(), alone.actors.len());
    assert_eq!(both.events.len(), alone.events.len());
    assert_eq!(both.relations.len(), alone.relations.len());
    for i in 0..both.actors.len() {
        let steps = both.actor_history(i);
        assert_eq!(steps.len(), 2, "{}", both.actors[i].id);
        assert!(steps.iter().all(|s| s.changes.is_empty()), "no changes");
        assert_eq!(both.actors[i].mark(), Mark::None);
        assert_eq!(
            both.briefings[both.actors[i].briefing].id.raw(),
            "haiti-2025-06"
        );
    }
}

fn series() -> (Library, Report) {
    load(&[fixture("series")])
}

fn event<'a>(lib: &'a Library, id: &str) -> &'a model::Event {
    match lib.find(id) {
        Some(ItemRef::Event(i)) => &lib.events[i],
        other => panic!("{id}: {other:?}"),
    }
}

fn actor_ix(lib: &Library, id: &str) -> usize {
    match lib.find(id) {
        Some(ItemRef::Actor(i)) => i,
        other => panic!("{id}: {other:?}"),
    }
}

#[test]
fn the_latest_briefing_wins_and_history_records_each_change() {
    let (lib, report) = series();
    assert_eq!(report.diagnostics, [], "{}", report.render_all(false));
    let ids: Vec<&str> = lib.briefings.iter().map(|b| b.id.raw()).collect();
    assert_eq!(ids, ["testland-1", "testland-2", "testland-3"]);
    assert_eq!(lib.briefings[2].previous, Some(1));
    let summit = event(&lib, "summit");
    assert_eq!(summit.status, Status::Occurred);
    assert_eq!(summit.date.to_string(), "2024-09-12");
    assert_eq!(summit.mark(), Mark::Changed);
    let Some(ItemRef::Event(s)) = lib.find("summit") else {
        unreachable!()
    };
    let steps = lib.event_history(s);
    assert_eq!(steps.len(), 3);
    assert!(steps[1].changes.is_empty(), "s2 restates s1");
    let fields: Vec<(&str, String, String)> = steps[2]
        .changes
        .iter()
        .map(|c| (c.field, c.old.render(), c.new.render()))
        .collect();
    assert_eq!(
        fields,
        [
            ("date", "2024-09".into(), "2024-09-12".into()),
            ("status", "scheduled".into(), "occurred".into()),
        ]
    );
    let ana = actor_ix(&lib, "ana");
    assert_eq!(lib.actors[ana].role.raw(), "prime minister");
    assert_eq!(lib.actors[ana].mark(), Mark::Changed);
    assert_eq!(event(&lib, "ceasefire").mark(), Mark::New);
    let party = actor_ix(&lib, "party");
    assert_eq!(
        lib.actors[party].mark(),
        Mark::None,
        "only its citation moved"
    );
    let rel = &lib.relations[0];
    assert_eq!(rel.history().len(), 2);
    assert_eq!(rel.not_restated_since(), Some(2));
}

#[test]
fn as_of_the_middle_date_shows_the_middle_state() {
    let (mut lib, _) = series();
    lib.set_view(View {
        as_of: Some(PartialDate::parse("2024-06").unwrap()),
        scope: Scope::All,
    });
    assert!(lib.is_earlier_view());
    let summit = event(&lib, "summit");
    assert_eq!(summit.status, Status::Scheduled);
    assert_eq!(summit.history().len(), 2);
    assert!(!event(&lib, "ceasefire").is_known());
    assert!(!event(&lib, "ceasefire").in_scope());
    assert_eq!(lib.timeline.len(), 1, "only the summit is on the timeline");
    assert_eq!(
        lib.actors[actor_ix(&lib, "ana")].role.raw(),
        "foreign minister"
    );
    assert_eq!(lib.relations[0].not_restated_since(), None);
    // Back to now.
    lib.set_view(View::default());
    assert!(!lib.is_earlier_view());
    assert_eq!(event(&lib, "summit").status, Status::Occurred);
}

#[test]
fn a_scope_of_one_briefing_shows_its_version() {
    let (mut lib, _) = series();
    lib.set_view(View {
        as_of: None,
        scope: Scope::Briefing(0),
    });
    let summit = event(&lib, "summit");
    assert_eq!(summit.status, Status::Scheduled);
    assert_eq!(
        summit.history().len(),
        3,
        "history keeps every known version"
    );
    assert!(!event(&lib, "ceasefire").in_scope());
    assert!(
        event(&lib, "ceasefire").is_known(),
        "still reachable by a link"
    );
    lib.set_view(View {
        as_of: None,
        scope: Scope::Series("testland".into()),
    });
    assert!(event(&lib, "ceasefire").in_scope());
    lib.set_view(View {
        as_of: None,
        scope: Scope::Series("elsewhere".into()),
    });
    assert!(lib.actors.iter().all(|a| !a.in_scope()));
}

/// Scoped to one briefing, what changed is what that briefing changed since the one
/// before it in its series: a later briefing's changes, and the relations it no longer
/// states, do not show there.
#[test]
fn a_scope_of_one_briefing_marks_what_it_changed() {
    let (mut lib, _) = series();
    let (ana, party) = (actor_ix(&lib, "ana"), actor_ix(&lib, "party"));
    // testland-2 restates testland-1; testland-3 drops the relation.
    for b in [0, 1] {
        lib.set_view(View {
            as_of: None,
            scope: Scope::Briefing(b),
        });
        assert_eq!(event(&lib, "summit").mark(), Mark::None, "briefing {b}");
        assert_eq!(lib.actors[ana].mark(), Mark::None, "briefing {b}");
        assert_eq!(
            lib.relations[0].not_restated_since(),
            None,
            "testland-3 is after briefing {b}"
        );
    }
    lib.set_view(View {
        as_of: None,
        scope: Scope::Briefing(2),
    });
    assert_eq!(event(&lib, "summit").mark(), Mark::Changed);
    assert_eq!(event(&lib, "ceasefire").mark(), Mark::New);
    assert_eq!(lib.actors[ana].mark(), Mark::Changed);
    assert_eq!(lib.actors[party].mark(), Mark::None);
    assert_eq!(lib.relations[0].not_restated_since(), Some(2));

    // A middle briefing that changes something: its marks, not the latest's.
    let s2 = std::fs::read_to_string(fixture("series/s2.toml")).unwrap();
    let changed = s2.replacen(
        "role = \"foreign minister\"",
        "role = \"deputy prime minister\"",
        1,
    );
    assert_ne!(changed, s2);
    let files = [
        (
            "s1.toml",
            std::fs::read_to_string(fixture("series/s1.toml")).unwrap(),
        ),
        ("s2.toml", changed),
        (
            "s3.toml",
            std::fs::read_to_string(fixture("series/s3.toml")).unwrap(),
        ),
    ];
    let (mut lib, report) = from_texts(&files);
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        report.render_all(false)
    );
    let ana = actor_ix(&lib, "ana");
    assert_eq!(lib.actors[ana].mark(), Mark::Changed, "in testland-3");
    lib.set_view(View {
        as_of: None,
        scope: Scope::Briefing(1),
    });
    assert_eq!(lib.actors[ana].role.raw(), "deputy prime minister");
    assert_eq!(lib.actors[ana].mark(), Mark::Changed, "in testland-2");
    assert_eq!(event(&lib, "summit").mark(), Mark::None);
    assert_eq!(event(&lib, "ceasefire").mark(), Mark::None);
}

/// A relation the old side shows as not restated and the new side states again is a
/// change in the diff, as its reverse is a relation not restated.
#[test]
fn a_relation_stated_again_is_a_change() {
    let read = |name: &str| std::fs::read_to_string(fixture(name)).unwrap();
    let s3 = read("series/s3.toml");
    let restated = s3.replacen(
        "[[events]]",
        "[[relations]]\nfrom = \"ana\"\nkind = \"member-of\"\nto = \"party\"\ncite = [{ source = \"wire\", locator = \"¶1\" }]\n\n[[events]]",
        1,
    );
    assert_ne!(restated, s3);
    let side = |last: String| {
        from_texts(&[
            ("s1.toml", read("series/s1.toml")),
            ("s2.toml", read("series/s2.toml")),
            ("s3.toml", last),
        ])
    };
    let (old, _) = side(s3);
    let (new, report) = side(restated);
    assert_eq!(report.error_count(), 0, "{}", report.render_all(false));
    let forward = briefing::model::diff::compare(&old, &new);
    let change = forward
        .changes
        .iter()
        .find(|c| c.id == "ana member-of party")
        .expect("the relation stated again is listed");
    let briefing::model::diff::ChangeKind::Changed(fields) = &change.change else {
        panic!("{change:?}");
    };
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].field, "stated");
    assert_eq!(
        fields[0].new.render(),
        "stated again as of 2024-12-01 (testland-3)"
    );
    let backward = briefing::model::diff::compare(&new, &old);
    assert!(
        backward
            .changes
            .iter()
            .any(|c| c.id == "ana member-of party"
                && c.change == briefing::model::diff::ChangeKind::NotRestated),
        "{backward:?}"
    );
}

/// With one briefing in scope, a changed item names the fields that briefing changed, not
/// those of a later one: the fields its mark is judged on.
#[test]
fn a_changed_item_names_the_fields_of_the_briefing_in_scope() {
    let with_series = |id: &str, month: &str, role: &str, aliases: &str| {
        head(id)
            .replace("2025-01", month)
            .replace("[briefing]\n", "[briefing]\nseries = \"s\"\n")
            + &format!(
                "\n[[actors]]\nid = \"x\"\nname = \"X\"\nkind = \"group\"\nrole = \"{role}\"\naliases = [{aliases}]\ncite = [{{ source = \"src\", locator = \"¶1\" }}]\n"
            )
    };
    let files = [
        ("a.toml", with_series("a", "2025-01", "first", "")),
        ("b.toml", with_series("b", "2025-02", "first", "\"Ex\"")),
        ("c.toml", with_series("c", "2025-03", "second", "\"Ex\"")),
    ];
    let (mut lib, report) = from_texts(&files);
    assert_eq!(report.error_count(), 0, "{}", report.render_all(false));
    let x = ItemRef::Actor(0);
    assert_eq!(lib.last_changes(x), ["role"], "the latest briefing's");
    lib.set_view(View {
        as_of: None,
        scope: Scope::Briefing(1),
    });
    assert_eq!(lib.actors[0].mark(), Mark::Changed);
    assert_eq!(lib.last_changes(x), ["aliases"], "b's, not c's");
    lib.set_view(View {
        as_of: None,
        scope: Scope::Briefing(0),
    });
    assert!(lib.last_changes(x).is_empty(), "a's is the first version");
}

/// NEW older than OLD reads backwards: the diff says so, on stderr. Read after October,
/// May's relations that October does not state are added and then not restated: the
/// summary counts them with the added, and says so, next to its count of relations not
/// restated.
#[test]
fn a_diff_from_newer_to_older_says_it_reads_backwards() {
    let diff = |old: &str, new: &str| {
        let out = briefing()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["diff", old, new])
            .output()
            .unwrap();
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (may, october) = (
        "briefings/haiti-2025-05.toml",
        "briefings/haiti-2025-10.toml",
    );
    let (out, err) = diff(october, may);
    assert!(
        err.contains("warning: briefings/haiti-2025-05.toml (as of 2025-05-21) is older than briefings/haiti-2025-10.toml (as of 2025-10-01)"),
        "{err}"
    );
    let later = out.matches("  not restated since").count();
    assert!(later > 0, "{out}");
    assert!(
        out.ends_with(&format!(
            " 0 not restated ({later} added or changed, then not restated)\n"
        )),
        "{out}"
    );
    let (out, err) = diff(may, october);
    assert!(err.is_empty(), "{err}");
    assert!(!out.contains("then not restated"), "{out}");
}

/// A relation a later briefing adds and a still later one no longer states is one change
/// in a diff, which says both, and counts once.
#[test]
fn a_relation_added_then_not_restated_is_one_change() {
    let read = |name: &str| std::fs::read_to_string(fixture(name)).unwrap();
    let s2 = read("series/s2.toml").replacen(
        "[[events]]",
        "[[relations]]\nfrom = \"party\"\nkind = \"leads\"\nto = \"ana\"\ncite = [{ source = \"wire\", locator = \"¶4\" }]\n\n[[events]]",
        1,
    );
    let (old, _) = from_texts(&[("s1.toml", read("series/s1.toml"))]);
    let (new, report) = from_texts(&[
        ("s1.toml", read("series/s1.toml")),
        ("s2.toml", s2),
        ("s3.toml", read("series/s3.toml")),
    ]);
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        report.render_all(false)
    );
    let diff = briefing::model::diff::compare(&old, &new);
    let leads: Vec<_> = diff
        .changes
        .iter()
        .filter(|c| c.id == "party leads ana")
        .collect();
    assert_eq!(leads.len(), 1, "{leads:#?}");
    assert_eq!(leads[0].change, briefing::model::diff::ChangeKind::Added);
    assert_eq!(
        leads[0].since.as_ref().map(|b| b.id.as_str()),
        Some("testland-3")
    );
    assert_eq!(
        diff.tally(),
        [1 + 1, 0, 2, 1],
        "ceasefire and the relation added; summit and ana changed; ana member-of party not restated"
    );
}

fn run(args: &[&str], paths: &[PathBuf]) -> (i32, String) {
    let out = briefing().args(args).args(paths).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn diff_between_the_first_and_last_lists_exactly_the_changes() {
    let (code, out) = run(
        &["diff", "--json"],
        &[fixture("series/s1.toml"), fixture("series/s3.toml")],
    );
    assert_eq!(code, 1, "different: exit 1");
    let v: Value = serde_json::from_str(&out).unwrap();
    let changes: Vec<(String, String, String)> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["change"].as_str().unwrap().to_owned(),
                c["kind"].as_str().unwrap().to_owned(),
                c["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("changed", "actor", "ana"),
        ("added", "event", "ceasefire"),
        ("changed", "event", "summit"),
        ("not restated", "relation", "ana member-of party"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| ((*a).into(), (*b).into(), (*c).into()))
        .collect();
    assert_eq!(changes, expected);
    assert_eq!(v["changes"][0]["fields"][0]["old"], "foreign minister");
    assert_eq!(v["changes"][0]["cite"][0], "wire ¶1");
    // The added event gives every field it has, as new values.
    let added: Vec<(&str, &Value, &Value)> = v["changes"][1]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), &f["old"], &f["new"]))
        .collect();
    assert!(added.iter().all(|(_, old, _)| old.is_null()), "{added:?}");
    let fields: Vec<&str> = added.iter().map(|(f, _, _)| *f).collect();
    assert!(fields.starts_with(&["title", "date"]), "{fields:?}");
    assert!(fields.contains(&"status"), "{fields:?}");
    assert!(
        added
            .iter()
            .any(|(f, _, new)| *f == "date" && *new == "2024-09-12"),
        "{added:?}"
    );
    // A later version of the same briefing without it: removed, with its old values.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("series/s3.toml")).unwrap();
    let cut = text.find("[[events]]\nid = \"ceasefire\"").unwrap();
    let end = cut + text[cut..].find("\n\n").map_or(text.len() - cut, |n| n + 2);
    let without = dir.path().join("s3-without.toml");
    std::fs::write(&without, format!("{}{}", &text[..cut], &text[end..])).unwrap();
    let (_, back) = run(&["diff", "--json"], &[fixture("series/s3.toml"), without]);
    let back: Value = serde_json::from_str(&back).unwrap();
    let removed = back["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "ceasefire")
        .unwrap_or_else(|| panic!("{back}"));
    assert_eq!(removed["change"], "removed");
    assert_eq!(removed["fields"][1]["field"], "date");
    assert_eq!(removed["fields"][1]["old"], "2024-09-12");
    assert!(removed["fields"][1]["new"].is_null());

    let (code, _) = run(
        &["diff"],
        &[fixture("series/s1.toml"), fixture("series/s1.toml")],
    );
    assert_eq!(code, 0, "identical: exit 0");
    let (code, _) = run(&["diff"], &[fixture("series/s1.toml")]);
    assert_eq!(code, 2, "one side only: a usage error");
}

/// A `diff` given other than two paths says how many it was given, and which.
#[test]
fn diff_with_other_than_two_paths_says_what_it_was_given() {
    let err = |paths: &[&str]| {
        let out = briefing().arg("diff").args(paths).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{paths:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        err.lines().next().unwrap().to_owned()
    };
    let needs =
        "error: `briefing diff` needs OLD and NEW (two files or folders), or --since DATE; ";
    assert_eq!(err(&[]), format!("{needs}no path was given"));
    assert_eq!(
        err(&["a.toml"]),
        format!("{needs}1 path was given: `a.toml`")
    );
    assert_eq!(
        err(&["a", "b", "c\u{1b}[31m"]),
        format!("{needs}3 paths were given: `a`, `b`, `c^[[31m`")
    );
    assert_eq!(
        err(&["1", "2", "3", "4", "5", "6"]),
        format!("{needs}6 paths were given: `1`, `2`, `3`, `4`, and 2 more")
    );
}

#[test]
fn diff_since_a_date_compares_with_the_latest_state() {
    let (code, out) = run(&["diff", "--since", "2024-06"], &[fixture("series")]);
    assert_eq!(code, 1);
    assert!(out.contains("~ event summit"), "{out}");
    assert!(out.contains("    status: scheduled → occurred"), "{out}");
    assert!(
        out.contains("not restated since 2024-12-01 (testland-3)"),
        "{out}"
    );
    assert!(
        out.ends_with("2 changed, 1 added, 0 removed, 1 not restated\n"),
        "{out}"
    );
    let (code, out) = run(
        &["diff", "--since", "2025", "--format", "markdown"],
        &[fixture("series")],
    );
    assert_eq!(code, 0, "nothing after the latest briefing: {out}");
    assert!(out.contains("no changes"));
}

/// As of a day inside a briefing's month, the briefing counts as its month's last day, so
/// it is not on the old side: the side's header says it is left out and why.
#[test]
fn diff_since_a_day_names_a_briefing_of_that_month_as_left_out() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["s1.toml", "s2.toml", "s3.toml"] {
        let text = std::fs::read_to_string(fixture(&format!("series/{f}"))).unwrap();
        std::fs::write(
            dir.path().join(f),
            text.replace("as_of = \"2024-06-01\"", "as_of = \"2024-06\""),
        )
        .unwrap();
    }
    let (_, out) = run(&["diff", "--since", "2024-06-10"], &[dir.path().to_owned()]);
    let head = out.lines().next().unwrap();
    assert_eq!(
        head,
        "--- as of 2024-06-10 (as of 2024-01-15: testland-1); left out, as it may be later than 2024-06-10: testland-2 (as of 2024-06)",
        "{out}"
    );
    let (_, out) = run(&["diff", "--since", "2024-06-30"], &[dir.path().to_owned()]);
    assert!(!out.lines().next().unwrap().contains("left out"), "{out}");
}

#[test]
fn export_gives_each_item_once_with_its_history() {
    let (code, out) = run(&["export", "--format", "json"], &[fixture("series")]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "each event once");
    let summit = events.iter().find(|e| e["id"] == "summit").unwrap();
    assert_eq!(summit["briefing"], "testland-3");
    assert_eq!(summit["status"], "occurred");
    assert_eq!(summit["mark"], "changed");
    let history = summit["history"].as_array().unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[2]["changes"][1]["field"], "status");
    assert_eq!(history[2]["changes"][1]["old"], "scheduled");
    assert_eq!(history[2]["cite"][0]["source"], "testland-3/wire");
    let rel = &v["relations"][0];
    assert_eq!(rel["not_restated_since"]["briefing"], "testland-3");
    let ceasefire = events.iter().find(|e| e["id"] == "ceasefire").unwrap();
    assert_eq!(ceasefire["mark"], "new");

    let (_, out) = run(
        &["export", "--format", "json", "--as-of", "2024-06-01"],
        &[fixture("series")],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["briefings"].as_array().unwrap().len(), 2);
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
    assert_eq!(v["events"][0]["status"], "scheduled");
    assert_eq!(v["relations"][0]["not_restated_since"], Value::Null);
    let (code, _) = run(
        &["export", "--format", "json", "--as-of", "2024-13"],
        &[fixture("series")],
    );
    assert_eq!(code, 2, "a bad date is a usage error");
}

const HEAD: &str = "[briefing]\nid = \"ID\"\ntitle = \"t\"\nas_of = \"2025-01\"\nsummary = \"s\"\n\n[[sources]]\nid = \"src\"\ntitle = \"t\"\nkind = \"report\"\n";

fn head(id: &str) -> String {
    HEAD.replace("ID", id)
}

fn actor(id: &str) -> String {
    format!(
        "\n[[actors]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"group\"\nrole = \"r\"\ncite = [{{ source = \"src\", locator = \"¶1\" }}]\n"
    )
}

fn relation(from: &str, to: &str) -> String {
    format!(
        "\n[[relations]]\nfrom = \"{from}\"\nkind = \"supports\"\nto = \"{to}\"\ncite = [{{ source = \"src\", locator = \"¶2\" }}]\n"
    )
}

#[test]
fn one_id_for_two_kinds_names_both_places() {
    let a = head("a") + &actor("unsc");
    let b = head("b").replace("2025-01", "2025-02")
        + "\n[[events]]\nid = \"unsc\"\ntitle = \"t\"\ndate = \"2025\"\nstatus = \"occurred\"\ncite = [{ source = \"src\", locator = \"¶1\" }]\n";
    let (lib, report) = from_texts(&[("a.toml", a), ("b.toml", b)]);
    assert_eq!(lib.briefings.len(), 1);
    let d = &report.diagnostics[0];
    assert_eq!(
        d.message,
        "id `unsc` names an event here but an actor elsewhere"
    );
    assert_eq!(report.files[d.file.unwrap()].display, "b.toml");
    assert_eq!(report.files[d.related[0].at.file].display, "a.toml");
}

#[test]
fn a_file_left_out_for_a_clash_has_its_references_checked_too() {
    // `b` clashes with `a` on `unsc` (an event there, an actor here), and `c` reuses `a`'s
    // briefing id: both are left out for that, and their references are still checked,
    // each reported once, whatever order the files come in.
    let event = |id: &str| {
        format!(
            "\n[[events]]\nid = \"{id}\"\ntitle = \"t\"\ndate = \"2025\"\nstatus = \"occurred\"\ncite = [{{ source = \"src\", locator = \"¶1\" }}]\n"
        )
    };
    let quote = |speaker: &str| {
        format!(
            "\n[[quotes]]\nid = \"q-{speaker}\"\nkind = \"reported\"\ntext = \"t\"\nspeaker = \"{speaker}\"\ndate = \"2025\"\ncite = [{{ source = \"src\", locator = \"¶3\" }}]\n"
        )
    };
    let dated = |id: &str, month: &str| head(id).replace("2025-01", month);
    let files = [
        ("a.toml", head("a") + &actor("unsc") + &event("vote")),
        (
            "b.toml",
            dated("b", "2025-02") + &event("unsc") + &quote("nobody") + &relation("unsc", "vote"),
        ),
        (
            "c.toml",
            dated("a", "2025-03") + &actor("cee") + &relation("cee", "ghost"),
        ),
    ];
    let messages = |files: &[(&str, String)]| {
        let (lib, report) = from_texts(files);
        let loaded: Vec<String> = lib
            .briefings
            .iter()
            .map(|b| b.id.raw().to_owned())
            .collect();
        assert_eq!(loaded, ["a"], "{}", report.render_all(false));
        let got: Vec<(String, String)> = report
            .diagnostics
            .iter()
            .map(|d| {
                (
                    report.files[d.file.unwrap()].display.clone(),
                    d.message.clone(),
                )
            })
            .collect();
        got
    };
    let got = messages(&files);
    let expected = [
        (
            "b.toml",
            "id `unsc` names an event here but an actor elsewhere",
        ),
        ("c.toml", "duplicate briefing id `a`"),
        (
            "b.toml",
            "relation target (`to`) `vote` is an event, not an actor",
        ),
        ("b.toml", "unknown actor `nobody` in speaker"),
        ("c.toml", "unknown actor `ghost` in relation target (`to`)"),
    ];
    let mut sorted = got.clone();
    // The clashes come first, then the references, file by file.
    sorted[..2].sort_unstable();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(f, m)| ((*f).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(sorted, expected);
    // The earlier briefing sets the kind of `unsc` whatever order the files come in. (`b`
    // may use `unsc` as an actor: the library defines it so, and the clash is reported.)
    let (a, b) = (files[0].clone(), files[1].clone());
    let of_b: Vec<(String, String)> = got.iter().filter(|(f, _)| f == "b.toml").cloned().collect();
    assert_eq!(messages(&[b, a]), of_b);
}

#[test]
fn a_left_out_file_told_of_an_id_another_left_out_file_defines_names_that_file() {
    // `b` clashes with `a` and is the only file to define `bee`; `c` has an error of its
    // own and refers to `bee`.
    let b = head("b").replace("2025-01", "2025-02") + &actor("a") + &actor("bee");
    let c = head("c").replace("title = \"t\"\n", "") + &actor("cee") + &relation("cee", "bee");
    let (_, report) = from_texts(&[("a.toml", head("a")), ("b.toml", b), ("c.toml", c)]);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.message == "unknown actor `bee` in relation target (`to`)")
        .expect("c's reference is checked");
    assert_eq!(
        d.help.as_deref(),
        Some(
            "`bee` is defined in b.toml, which is left out (actor id `a` is already used by a briefing): fix that file and this resolves"
        )
    );
}

#[test]
fn a_file_left_out_for_a_clash_defines_none_of_its_ids() {
    // `b` defines `shared` again and `fresh` first, then clashes on `unsc`: neither counts,
    // so once `a` is left out too (its relation names no actor), `shared` and `fresh` are
    // defined nowhere and the files that use them are left out in turn.
    let event = |id: &str| {
        format!(
            "\n[[events]]\nid = \"{id}\"\ntitle = \"t\"\ndate = \"2025\"\nstatus = \"occurred\"\ncite = [{{ source = \"src\", locator = \"¶1\" }}]\n"
        )
    };
    let dated = |id: &str, month: &str| head(id).replace("2025-01", month);
    let files = [
        (
            "a.toml",
            head("a") + &actor("unsc") + &actor("shared") + &relation("shared", "ghost"),
        ),
        (
            "b.toml",
            dated("b", "2025-02") + &actor("shared") + &actor("fresh") + &event("unsc"),
        ),
        (
            "c.toml",
            dated("c", "2025-03") + &actor("cee") + &relation("cee", "shared"),
        ),
        (
            "d.toml",
            dated("d", "2025-04") + &actor("dee") + &relation("dee", "fresh"),
        ),
        ("e.toml", dated("e", "2025-05") + &actor("eee")),
    ];
    let (lib, report) = from_texts(&files);
    let loaded: Vec<&str> = lib.briefings.iter().map(|b| b.id.raw()).collect();
    assert_eq!(loaded, ["e"]);
    let actors: Vec<&str> = lib.actors.iter().map(|a| a.id.raw()).collect();
    assert_eq!(actors, ["eee"]);
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.contains(&"id `unsc` names an event here but an actor elsewhere"),
        "{messages:?}"
    );
    for id in ["ghost", "shared", "fresh"] {
        assert!(
            messages.iter().any(|m| m.contains(&format!("`{id}`"))),
            "a reference to `{id}` is reported: {messages:?}"
        );
    }
}

#[test]
fn ids_first_defined_by_a_file_left_out_belong_to_the_files_that_load() {
    // `a` comes first and defines `x` and `only_a`, then is left out for a reference to
    // nothing: the items are those of `b` and `c`, in the order `b` gives them, with no
    // trace of `a`'s.
    let dated = |id: &str, month: &str| head(id).replace("2025-01", month);
    let files = [
        (
            "a.toml",
            head("a") + &actor("x") + &actor("only_a") + &relation("x", "ghost"),
        ),
        (
            "b.toml",
            dated("b", "2025-02") + &actor("y") + &actor("x") + &relation("y", "x"),
        ),
        (
            "c.toml",
            dated("c", "2025-03") + &actor("x") + &relation("x", "y"),
        ),
    ];
    let (lib, _) = from_texts(&files);
    let loaded: Vec<&str> = lib.briefings.iter().map(|b| b.id.raw()).collect();
    assert_eq!(loaded, ["b", "c"]);
    let actors: Vec<(&str, usize)> = lib
        .actors
        .iter()
        .map(|a| (a.id.raw(), a.versions.len()))
        .collect();
    assert_eq!(actors, [("y", 1), ("x", 2)]);
    let relations: Vec<(&str, &str)> = lib
        .relations
        .iter()
        .map(|r| (lib.actors[r.from].id.raw(), lib.actors[r.to].id.raw()))
        .collect();
    assert_eq!(relations, [("y", "x"), ("x", "y")]);
}

/// Only a file named on its own may refer to a briefing that is not being loaded: its
/// unknown reference suggests loading the two together, with a suggestion or without one.
/// A folder's briefings are all loaded already, so there the same reference does not, nor
/// does a file of a folder named beside it.
#[test]
fn only_a_file_named_alone_suggests_loading_other_briefings_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let b = head("b") + &actor("ana") + &relation("ana", "unsc") + &relation("ana", "anna");
    let b_path = dir.path().join("b.toml");
    std::fs::write(&b_path, &b).unwrap();
    let c_dir = dir.path().join("c");
    std::fs::create_dir(&c_dir).unwrap();
    std::fs::write(
        c_dir.join("c.toml"),
        head("c") + &actor("cid") + &relation("cid", "unsc"),
    )
    .unwrap();
    let helps = |paths: &[PathBuf]| -> Vec<(String, String)> {
        let (_, report) = model::load_paths(paths, LoadOptions::default()).unwrap();
        report
            .diagnostics
            .iter()
            .map(|d| {
                let file = report.files[d.file.unwrap()].path.file_name().unwrap();
                (file.to_string_lossy().into_owned(), d.help.clone().unwrap())
            })
            .collect()
    };
    let together = "no briefing being loaded defines `unsc`; if another briefing of your library does, load them together (e.g. `briefing check FOLDER`)";
    let not_here = "no briefing being loaded defines `unsc`: correct the id here, or define it";
    let near_alone = "did you mean `ana`? If another briefing of your library defines `anna`, check the two together.";
    let row = |f: &str, h: &str| (f.to_owned(), h.to_owned());
    assert_eq!(
        helps(&[b_path.clone(), c_dir.clone()]),
        [
            row("b.toml", together),
            row("b.toml", near_alone),
            row("c.toml", not_here)
        ]
    );
    assert_eq!(
        helps(&[dir.path().to_owned()]),
        [
            row("b.toml", not_here),
            row("b.toml", "did you mean `ana`?"),
            row("c.toml", not_here)
        ]
    );
    let a = head("a") + &actor("unsc") + &actor("anna");
    std::fs::write(dir.path().join("a.toml"), a).unwrap();
    assert_eq!(helps(&[dir.path().to_owned()]), Vec::new());
}

#[test]
fn a_changed_quote_text_is_a_warning() {
    let quote = |text: &str| {
        format!(
            "\n[[quotes]]\nid = \"q\"\nkind = \"direct\"\ntext = \"{text}\"\nspeaker = \"ana\"\ndate = \"2025\"\ncite = [{{ source = \"src\", locator = \"¶3\" }}]\n"
        )
    };
    let a = head("a") + &actor("ana") + &quote("We will go.");
    let b = head("b").replace("2025-01", "2025-02") + &actor("ana") + &quote("We will stay.");
    let (lib, report) = from_texts(&[("a.toml", a), ("b.toml", b)]);
    assert_eq!(lib.briefings.len(), 2, "a warning does not drop the file");
    let d = &report.diagnostics[0];
    assert!(!d.is_error());
    assert_eq!(
        d.message,
        "quote `q` has different text than in an earlier briefing"
    );
    assert_eq!(report.files[d.related[0].at.file].display, "a.toml");
}

/// The library is built from the files in the order they were parsed, not briefing order
/// (it frees the parsers' memory sooner), so the order files come in must change nothing:
/// not the items, their versions or indices, not the series, not how a relation stated twice
/// in one briefing is joined, and not the order of the warnings that compare versions.
#[test]
fn the_library_does_not_depend_on_the_order_its_files_come_in() {
    let quote = |text: &str| {
        format!(
            "\n[[quotes]]\nid = \"q\"\nkind = \"direct\"\ntext = \"{text}\"\nspeaker = \"ana\"\ndate = \"2025\"\ncite = [{{ source = \"src\", locator = \"¶3\" }}]\n"
        )
    };
    let noted = |note: &str| {
        relation("ana", "bob").replace("kind =", &format!("note = \"{note}\"\nkind ="))
    };
    let month = |m: &str, id: &str| head(id).replace("2025-01", m);
    let mut files: Vec<(String, String)> = vec![
        (
            "a.toml".into(),
            head("a") + &actor("ana") + &actor("bob") + &quote("We will go.") + &noted("first"),
        ),
        (
            "b.toml".into(),
            month("2025-02", "b")
                + &actor("ana")
                + &actor("bob")
                + &quote("We will stay.")
                + &noted("one")
                + &noted("two"),
        ),
        (
            "c.toml".into(),
            month("2025-03", "c") + &actor("ana") + &quote("We will go."),
        ),
    ];
    files.extend(
        briefing::synth::generate_series(18, 3, 7)
            .into_iter()
            .map(|(p, t)| (p.display().to_string(), t)),
    );
    let load = |files: &[(String, String)]| {
        let texts: Vec<(&str, String)> =
            files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
        let (lib, report) = from_texts(&texts);
        let all: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{} {:?} {}",
                    report.location(d).unwrap_or_default(),
                    d.span,
                    d.message
                )
            })
            .collect();
        // Each file's own diagnostics come in file order; those that compare versions, in
        // briefing order.
        let (mut warnings, mut others): (Vec<String>, Vec<String>) =
            all.into_iter().partition(|d| d.contains("different text"));
        others.sort();
        warnings.extend(others);
        (lib, warnings)
    };
    let (lib, warnings) = load(&files);
    assert_eq!(lib.briefings.len(), files.len());
    let quotes = warnings.iter().filter(|w| w.contains("different text"));
    assert_eq!(
        quotes.map(|w| &w[..6]).collect::<Vec<_>>(),
        ["b.toml", "c.toml"],
        "{warnings:#?}"
    );
    let ana_bob = lib
        .relations
        .iter()
        .find(|r| lib.actors[r.from].id.raw() == "ana")
        .expect("the relation loads");
    let notes: Vec<_> = ana_bob
        .versions
        .iter()
        .map(|v| v.note.as_ref().map(|n| n.raw().to_owned()))
        .collect();
    assert_eq!(notes, [Some("first".into()), Some("one\ntwo".into())]);
    let mut reversed = files.clone();
    reversed.reverse();
    let mut interleaved: Vec<_> = files.iter().step_by(2).cloned().collect();
    interleaved.extend(files.iter().skip(1).step_by(2).cloned());
    for other in [reversed, interleaved] {
        let (other_lib, other_warnings) = load(&other);
        assert!(
            other_lib == lib,
            "the library changed with the order of its files"
        );
        assert_eq!(other_warnings, warnings);
    }
}

/// A chain of files, each referring to an actor of the next; the last one is broken, so
/// every file is left out, one after another.
fn chain(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let mut text = head(&format!("f{i}")) + &actor(&format!("x{i}"));
            text += &relation(&format!("x{i}"), &format!("x{}", i + 1));
            (format!("f{i:05}.toml"), text)
        })
        .collect()
}

fn work_to_link(files: &[(String, String)]) -> u64 {
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let before = model::link_work();
    let (lib, _) = from_texts(&files);
    std::hint::black_box(lib);
    model::link_work() - before
}

#[test]
fn leaving_out_a_chain_of_files_is_linear() {
    let small = work_to_link(&chain(200));
    let large = work_to_link(&chain(800));
    assert!(small > 0);
    assert!(
        large <= small * 9 / 2,
        "4× the files took {large} units against {small}"
    );
}

/// One file: n actors and n references that each miss an actor by one letter.
fn near_misses(n: usize) -> Vec<(String, String)> {
    let mut text = head("near") + &actor("hub");
    for i in 0..n {
        text += &actor(&format!("actor-{i:06}"));
        text += &relation("hub", &format!("actor-{i:06}x"));
    }
    vec![("near.toml".to_owned(), text)]
}

#[test]
fn did_you_mean_for_unknown_references_is_linear() {
    let small = work_to_link(&near_misses(500));
    let large = work_to_link(&near_misses(2000));
    assert!(small > 0);
    assert!(
        large <= small * 9 / 2,
        "4× the references took {large} units against {small}"
    );
}

#[test]
fn diff_text_and_markdown_of_the_bundled_series() {
    // Relative paths, from the crate's folder, so the snapshot is the same in any clone.
    let run = |args: &[&str]| {
        let out = briefing()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .args([
                "briefings/haiti-2025-05.toml",
                "briefings/haiti-2025-10.toml",
            ])
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    let (code, text) = run(&["diff", "--color", "never"]);
    assert_eq!(code, 1);
    assert!(text.contains("~ event mss-scheduled-end"), "{text}");
    assert!(
        text.starts_with("--- briefings/haiti-2025-05.toml"),
        "{text}"
    );
    insta::assert_snapshot!("diff_text_may_to_october", text);
    // Labels in full, but for quotes' text: relations end with their actor's name.
    assert!(
        text.contains("United States → funds → Multinational Security Support Mission\n"),
        "{text}"
    );
    let (code, md) = run(&["diff", "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(md.starts_with("# What changed\n"), "{md}");
    insta::assert_snapshot!("diff_markdown_may_to_october", md);
}

/// `briefing search ARGS` on the bundled briefings: its exit code, stdout and stderr.
fn search_said(args: &[&str]) -> (Option<i32>, String, String) {
    let out = briefing().arg("search").args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn search_ids(args: &[&str]) -> Vec<String> {
    let (code, out) = run(&[&["search", "--json"], args].concat(), &[]);
    assert!(code == 0 || code == 1, "{out}");
    if code == 1 {
        return Vec::new();
    }
    let v: Value = serde_json::from_str(&out).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn search_knows_briefings_series_and_what_changed() {
    let october = search_ids(&["type:actor briefing:haiti-2025-10"]);
    assert!(october.contains(&"gsf".to_owned()));
    assert!(october.contains(&"kenya".to_owned()), "described by both");
    assert!(!october.contains(&"korir-singoei".to_owned()), "May only");
    let may = search_ids(&["type:actor briefing:haiti-2025-05"]);
    assert!(may.contains(&"korir-singoei".to_owned()));
    assert!(!may.contains(&"gsf".to_owned()));
    assert_eq!(search_ids(&["series:haiti kenya"])[0], "kenya");
    // A series the library does not have is a mistake to say, not an empty result.
    let (code, stdout, stderr) = search_said(&["series:haitti kenya"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("no series `haitti` in these briefings; did you mean `haiti`?"),
        "{stderr}"
    );
    assert!(stdout.is_empty());
    // A briefing the library has, dated after `--as-of`: nothing found, and why.
    let (code, _, stderr) = search_said(&["--as-of", "2025-06", "briefing:haiti-2025-10"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("briefing `haiti-2025-10` is as of 2025-10-01, after --as-of 2025-06"),
        "{stderr}"
    );
    let new = search_ids(&["is:new type:actor"]);
    assert!(new.contains(&"gsf".to_owned()));
    assert!(!new.contains(&"kenya".to_owned()));
    let changed = search_ids(&["is:changed type:event"]);
    assert!(
        changed.contains(&"mss-scheduled-end".to_owned()),
        "{changed:?}"
    );
    // As of May, the October briefing's items are not searched, and the MSS's end is
    // still the May version: due in October 2025, month precision.
    let (_, out) = run(&["search", "--json", "--as-of", "2025-05-21", "gsf"], &[]);
    assert!(!out.contains("\"gsf\""), "{out}");
    let may_end = search_ids(&["--as-of", "2025-06", "date:2025-10-15 type:event"]);
    assert!(
        may_end.contains(&"mss-scheduled-end".to_owned()),
        "{may_end:?}"
    );
    let oct_end = search_ids(&["date:2025-10-15 type:event"]);
    assert!(
        !oct_end.contains(&"mss-scheduled-end".to_owned()),
        "sharpened to 2 October"
    );
}

#[test]
fn a_narrowed_scope_searches_only_its_items() {
    use briefing::search::{Query, SearchIndex};
    let (mut lib, _) = model::load_bundled();
    let hits = |lib: &Library, q: &str| {
        let index = SearchIndex::build(lib);
        let hits = index
            .search(&Query::parse(q).unwrap(), None, &|| false)
            .unwrap();
        (hits.len(), index.in_view())
    };
    let (all, total) = hits(&lib, "'suppression");
    assert!(all > 0);
    assert_eq!(total, lib.item_count());
    let may = lib
        .briefings
        .iter()
        .position(|b| b.id.raw() == "haiti-2025-05")
        .unwrap();
    lib.set_view(View {
        as_of: None,
        scope: Scope::Briefing(may),
    });
    let (narrowed, in_view) = hits(&lib, "'suppression");
    assert_eq!(narrowed, 0, "the Gang Suppression Force is October's");
    assert!(in_view < total);
}

#[test]
fn check_names_every_file_left_out_and_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["minimal.toml", "second.toml"] {
        std::fs::copy(fixture(&format!("valid/{name}")), dir.path().join(name)).unwrap();
    }
    std::fs::copy(
        fixture("invalid/bad_status.toml"),
        dir.path().join("bad.toml"),
    )
    .unwrap();
    let out = briefing().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.toml (unknown status `ocurred`)") && err.contains("left out: "),
        "{err}"
    );
    assert!(
        err.contains("checked 3 files, 1 left out: 2 briefings"),
        "{err}"
    );
    let out = briefing()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["left_out"].as_array().unwrap().len(), 1);
    assert_eq!(v["left_out"][0]["reason"], "unknown status `ocurred`");
}

/// A relation stated twice in one briefing has its notes joined by a line break; `diff`
/// shows it as `⏎`, as the browser and the Markdown export do, not as `^J`, the caret form
/// of a control character the author never wrote.
#[test]
fn diff_shows_joined_notes_on_one_line_with_a_return_sign() {
    let dir = tempfile::tempdir().unwrap();
    let noted =
        |note: &str| relation("a", "b").replace("cite =", &format!("note = \"{note}\"\ncite ="));
    let old = head("old") + &actor("a") + &actor("b") + &noted("Over the port.");
    let new = head("new").replace("2025-01", "2025-02")
        + &actor("a")
        + &actor("b")
        + &noted("Over the port.")
        + &noted("And over damages.");
    let (old_path, new_path) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    std::fs::write(&old_path, old).unwrap();
    std::fs::write(&new_path, new).unwrap();
    let (code, out) = run(&["diff"], &[old_path, new_path]);
    assert_eq!(code, 1, "a difference: {out}");
    assert!(out.contains("Over the port. ⏎ And over damages."), "{out}");
    assert!(!out.contains("^J"), "{out}");
}

/// A participant in both versions whose role changed is one change of their role, by id,
/// on a line of its own: never the same id added and removed. The JSON gives both lists
/// as they were, `id (role)`.
#[test]
fn diff_shows_a_participants_new_role_as_a_role_change() {
    let dir = tempfile::tempdir().unwrap();
    let event = |actors: &str| {
        format!(
            "\n[[events]]\nid = \"breach\"\ntitle = \"t\"\ndate = \"2025\"\nstatus = \"occurred\"\nactors = [{actors}]\ncite = [{{ source = \"src\", locator = \"¶1\" }}]\n"
        )
    };
    let cast = actor("a") + &actor("b") + &actor("c");
    let old = head("old")
        + &cast
        + &event(r#"{ actor = "a" }, { actor = "b", role = "sandbagging" }, { actor = "c" }"#);
    let new = head("new").replace("2025-01", "2025-02")
        + &cast
        + &event(r#"{ actor = "b" }, { actor = "a", role = "host" }"#);
    let (old_path, new_path) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    std::fs::write(&old_path, old).unwrap();
    std::fs::write(&new_path, new).unwrap();
    let (code, out) = run(
        &["diff", "--color", "never"],
        &[old_path.clone(), new_path.clone()],
    );
    assert_eq!(code, 1, "a difference: {out}");
    let want = "    actors: -c\n            b: role \"sandbagging\" → none\n            a: role none → \"host\"\n";
    assert!(out.contains(want), "{want}\n{out}");
    let (_, md) = run(
        &["diff", "--format", "markdown"],
        &[old_path.clone(), new_path.clone()],
    );
    assert!(
        md.contains("  - actors: -c\n    - b: role \"sandbagging\" → none\n"),
        "{md}"
    );
    let (_, json) = run(&["diff", "--json"], &[old_path, new_path]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let field = &v["changes"][0]["fields"][0];
    assert_eq!(field["field"], "actors");
    assert_eq!(
        field["old"],
        serde_json::json!(["a", "b (sandbagging)", "c"])
    );
    assert_eq!(field["new"], serde_json::json!(["b", "a (host)"]));
}

/// A view's date before every briefing shows nothing, and says why; a date after one says
/// nothing. A diff side that does not exist is an error, said as one.
#[test]
fn a_date_before_every_briefing_is_noted_and_a_missing_diff_side_is_an_error() {
    let stderr = |args: &[&str], paths: &[PathBuf]| {
        let out = briefing().args(args).args(paths).output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    for args in [
        &["export", "--format", "json", "--as-of", "2023"][..],
        &["check", "--as-of", "2023-12"],
    ] {
        let (code, err) = stderr(args, &[fixture("series")]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("note: no briefing is known as of 2023"),
            "{args:?}: {err}"
        );
        assert!(err.contains("the earliest is as of 2024-01-15"), "{err}");
    }
    let (_, err) = stderr(
        &["export", "--format", "json", "--as-of", "2024-02"],
        &[fixture("series")],
    );
    assert!(!err.contains("no briefing is known"), "{err}");
    let (code, err) = stderr(
        &["diff"],
        &[fixture("series/s1.toml"), fixture("series/nowhere.toml")],
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("nowhere.toml"), "{err}");
}

/// What each item shows under a view, and whether it is in scope: all `check` counts.
fn scopes(lib: &Library) -> Vec<(bool, usize, usize)> {
    let actors = lib
        .actors
        .iter()
        .map(|a| (a.in_scope(), a.shown_index(), a.history().len()));
    let events = lib
        .events
        .iter()
        .map(|e| (e.in_scope(), e.shown_index(), e.history().len()));
    let quotes = lib
        .quotes
        .iter()
        .map(|q| (q.in_scope(), q.shown_index(), q.history().len()));
    let relations = lib.relations.iter().map(|r| {
        let shown = r.versions.iter().position(|v| std::ptr::eq(v, r.shown()));
        (r.in_scope(), shown.unwrap(), r.history().len())
    });
    actors
        .chain(events)
        .chain(quotes)
        .chain(relations)
        .collect()
}

/// A library loaded only to be counted (`check`) shows, counts and reports under every view
/// what the whole library does, and makes the rest when a view is set in full.
#[test]
fn a_library_made_for_counting_counts_as_the_whole_one_under_every_view() {
    let files: Vec<(String, String)> = briefing::synth::generate_series(24, 3, 7)
        .into_iter()
        .map(|(p, t)| (p.display().to_string(), t))
        .collect();
    let load = |derived| {
        let inputs = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), Ok(t.clone().into_bytes())))
            .collect();
        model::load_sources(
            inputs,
            LoadOptions {
                derived,
                ..LoadOptions::default()
            },
        )
    };
    let (mut whole, whole_report) = load(model::Derived::All);
    let (mut counted, counted_report) = load(model::Derived::Counts);
    assert_eq!(
        counted_report.render_all(false),
        whole_report.render_all(false)
    );
    assert!(whole.relations.len() > 10 && whole.briefings.len() == 24);
    // The parts a screen reads are not made for counting.
    assert!(whole.timeline.len() > 10);
    assert!(counted.timeline.is_empty());
    let series = whole.briefings[5].series_name().to_owned();
    let mut views = vec![
        View::default(),
        View {
            scope: Scope::Series(series.into()),
            ..View::default()
        },
        View {
            scope: Scope::Briefing(7),
            ..View::default()
        },
    ];
    for date in whole.briefing_dates().into_iter().step_by(3) {
        views.push(View {
            as_of: Some(date),
            ..View::default()
        });
    }
    views.push(View {
        as_of: Some(PartialDate::parse("1990").unwrap()),
        ..View::default()
    });
    let mut shown_some_but_not_all = false;
    for view in views {
        whole.set_view(view.clone());
        counted.set_scope(view.clone());
        assert_eq!(counted.counts(), whole.counts(), "{view:?}");
        assert_eq!(scopes(&counted), scopes(&whole), "{view:?}");
        let in_scope = scopes(&whole).iter().filter(|s| s.0).count();
        shown_some_but_not_all |= in_scope > 0 && in_scope < scopes(&whole).len();
    }
    assert!(shown_some_but_not_all, "the views tell items apart");
    // Set in full, the counted library is the whole one.
    let latest = View {
        as_of: whole.briefing_dates().last().copied(),
        ..View::default()
    };
    whole.set_view(latest.clone());
    counted.set_view(latest);
    assert_eq!(counted.timeline, whole.timeline);
    let marks = |lib: &Library| lib.actors.iter().map(model::Item::mark).collect::<Vec<_>>();
    assert_eq!(marks(&counted), marks(&whole));
    assert!(marks(&whole).iter().any(|m| *m != Mark::None));
}

/// Counts and report of `paths` loaded whole and counted without a library (`check`'s
/// load), which must agree.
fn same_whole_and_counted(paths: &[PathBuf]) -> Report {
    let hooks = model::Hooks::default();
    let opts = LoadOptions {
        texts: model::Texts::AsParsed,
        ..LoadOptions::default()
    };
    let (lib, whole) = model::load_paths_with(paths, opts, hooks).unwrap();
    let (counts, counted, _) = model::count_paths_with(paths, opts, hooks).unwrap();
    let shown = |r: &Report| (r.render_all(false), format!("{:?}", r.diagnostics));
    assert_eq!(shown(&counted), shown(&whole), "{paths:?}");
    assert_eq!(counts, lib.counts(), "{paths:?}");
    let placed = |r: &Report| {
        r.files
            .iter()
            .map(|f| f.placement.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(placed(&counted), placed(&whole), "{paths:?}");
    whole
}

/// `check` counts a library without making it: every fixture folder and file, a library
/// with every kind of outcome, and one whose quotes change text, give the same report and
/// counts as the library made whole.
#[test]
fn counting_a_library_reports_and_counts_as_making_it_does() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut folders = vec![fixtures.clone()];
    let mut files = 0;
    while let Some(dir) = folders.pop() {
        same_whole_and_counted(std::slice::from_ref(&dir));
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|x| x == "toml") {
                same_whole_and_counted(&[path]);
                files += 1;
            }
        }
    }
    assert!(files > 50, "{files} fixture files");
    let dir = tempfile::tempdir().unwrap();
    let mixed = briefing::synth::cases::write_mixed(dir.path(), 30, 5).unwrap();
    let report = same_whole_and_counted(&[mixed]);
    assert!(report.error_count() > 0 && report.warning_count() > 0);
    assert!(!report.left_out().is_empty());
    // Quotes given again with other words, in a series, and a file left out for a clash.
    let series = dir.path().join("series");
    briefing::synth::write_series(&series, 24, 3, 7).unwrap();
    let quote = |id: &str, month: &str, text: &str| {
        format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"T\"\nas_of = \"{month}\"\nsummary = \"s\"\n\n\
             [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n\n\
             [[actors]]\nid = \"ana\"\nname = \"Ana\"\nkind = \"person\"\nrole = \"r\"\n\
             cite = [{{ source = \"s\", locator = \"1\" }}]\n\n\
             [[quotes]]\nid = \"q-said\"\nkind = \"direct\"\ntext = \"{text}\"\nspeaker = \"ana\"\n\
             date = \"2025\"\ncite = [{{ source = \"s\", locator = \"1\" }}]\n"
        )
    };
    for (id, month, text) in [
        ("zz-1", "2025-01", "We will stay."),
        ("zz-2", "2025-02", "We will stay here."),
        ("zz-3", "2025-03", "We will go."),
    ] {
        std::fs::write(series.join(format!("{id}.toml")), quote(id, month, text)).unwrap();
    }
    std::fs::write(
        series.join("zz-clash.toml"),
        quote("zz-4", "2025-04", "x")
            .replace("id = \"ana\"", "id = \"q-said\"")
            .replace("speaker = \"ana\"", "speaker = \"q-said\"")
            .replacen(
                "[[quotes]]\nid = \"q-said\"",
                "[[quotes]]\nid = \"q-other\"",
                1,
            ),
    )
    .unwrap();
    let report = same_whole_and_counted(&[series]);
    let changed = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("different text"))
        .count();
    assert_eq!(changed, 2, "{}", report.render_all(false));
    assert_eq!(report.left_out().len(), 1, "{}", report.render_all(false));
}

/// What cites a source is every actor, relation, event and quote whose version in the
/// source's briefing cites it, with exactly the locators that version gives it.
#[test]
fn a_source_is_cited_by_each_version_of_its_briefing_that_cites_it() {
    use model::Citer::{Item, Relation};
    let (lib, _) = model::load_bundled();
    let mut total = 0;
    for s in 0..lib.sources.len() {
        let b = lib.sources[s].briefing;
        let of = |cites: &[model::Citation]| -> Vec<String> {
            cites
                .iter()
                .filter(|c| c.source == s)
                .map(|c| c.locator.raw().to_owned())
                .collect()
        };
        // Every actor, relation, event and quote with a version in the briefing, in that
        // order, that cites the source.
        let mut expected = Vec::new();
        let mut add = |by, cites: Option<&[model::Citation]>| {
            if let Some(locators) = cites.map(of).filter(|l| !l.is_empty()) {
                expected.push((by, locators));
            }
        };
        for (i, a) in lib.actors.iter().enumerate() {
            add(Item(ItemRef::Actor(i)), a.version_in(b).map(|v| &*v.cite));
        }
        for (i, r) in lib.relations.iter().enumerate() {
            add(Relation(i), r.version_in(b).map(|v| &*v.cite));
        }
        for (i, e) in lib.events.iter().enumerate() {
            add(Item(ItemRef::Event(i)), e.version_in(b).map(|v| &*v.cite));
        }
        for (i, q) in lib.quotes.iter().enumerate() {
            add(Item(ItemRef::Quote(i)), q.version_in(b).map(|v| &*v.cite));
        }
        let cited: Vec<(model::Citer, Vec<String>)> = lib
            .cited_by(s)
            .into_iter()
            .map(|(by, l)| (by, l.iter().map(|t| t.raw().to_owned()).collect()))
            .collect();
        assert_eq!(cited, expected, "{}", lib.sources[s].id);
        total += cited.len();
    }
    // The May article is cited by its whole briefing; October's two sources split theirs.
    assert!(total > 130, "{total}");
}
