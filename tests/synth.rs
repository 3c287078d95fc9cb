//! The synthetic library generator: the same seed gives the same bytes, the output is valid
//! and shaped like real briefings, and a library loads to the same result on 1 or 4 threads,
//! diagnostics included.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use briefing::model::{
    self, DateSpec, Library, LoadOptions, Precision, QuoteKind, Report, Status, Subject,
};
use briefing::synth;

#[test]
fn the_same_seed_gives_identical_files() {
    let a = synth::generate(12, 7);
    let b = synth::generate(12, 7);
    assert_eq!(a.len(), 12);
    assert_eq!(a[3].0, Path::new("synth/b00003.toml"));
    assert!(a == b, "two runs with seed 7 differ");
}

#[test]
fn different_seeds_give_different_files() {
    let a = synth::generate(5, 7);
    let b = synth::generate(5, 8);
    for ((path_a, text_a), (path_b, text_b)) in a.iter().zip(&b) {
        assert_eq!(path_a, path_b);
        assert_ne!(
            text_a,
            text_b,
            "{} is the same for seeds 7 and 8",
            path_a.display()
        );
    }
}

#[test]
fn a_small_library_is_a_prefix_of_a_larger_one() {
    let small = synth::generate(3, 7);
    let large = synth::generate(10, 7);
    assert!(small[..] == large[..3]);
}

#[test]
fn write_puts_exactly_the_generated_files_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = synth::write(dir.path(), 4, 7).unwrap();
    let generated = synth::generate(4, 7);
    let total: usize = generated.iter().map(|(_, text)| text.len()).sum();
    assert_eq!(bytes, total as u64);
    for (path, text) in generated {
        assert_eq!(fs::read_to_string(dir.path().join(&path)).unwrap(), text);
    }
    assert_eq!(fs::read_dir(dir.path().join("synth")).unwrap().count(), 4);
}

#[test]
fn a_generated_library_loads_cleanly_with_realistic_counts() {
    const N: usize = 30;
    let (lib, report) = synth::load(N, 42);
    assert_eq!(report.diagnostics, [], "{}", report.render_all(false));
    let c = lib.counts();
    assert_eq!(c.briefings, N);
    let shared = synth::shared_actor_ids().len();
    assert!((190..=230).contains(&shared), "{shared} shared actors");
    // Briefing b00000 defines the shared pool on top of its own actors. (Briefings are in
    // time order, so find it by its file.)
    let first = lib
        .briefings
        .iter()
        .find(|b| b.path.ends_with("b00000.toml"))
        .expect("b00000 is loaded");
    let own_in_first = first
        .actors
        .iter()
        .filter(|&&a| lib.actors[a].id.raw().starts_with("b0."))
        .count();
    assert_eq!(first.actors.len(), shared + own_in_first);
    let per_briefing = (lib.item_count() - shared) as f64 / N as f64;
    assert!(
        (90.0..=110.0).contains(&per_briefing),
        "{per_briefing} items per briefing"
    );
    assert!((2 * N..=3 * N).contains(&c.sources), "{c}");
    assert!((12 * N..=18 * N).contains(&c.relations), "{c}");
    assert!((30 * N..=40 * N).contains(&c.events), "{c}");
    assert!((30 * N..=40 * N).contains(&c.quotes), "{c}");
    let own_actors = c.actors - shared;
    assert!((20 * N..=30 * N).contains(&own_actors), "{c}");

    // Every status, every form of date, both kinds of quote.
    let statuses: BTreeSet<Status> = lib.events.iter().map(|e| e.status).collect();
    assert_eq!(statuses.len(), Status::ALL.len(), "{statuses:?}");
    let forms: BTreeSet<&str> = lib.events.iter().map(|e| date_form(e.date)).collect();
    assert_eq!(
        forms,
        BTreeSet::from([
            "after", "before", "between", "day", "month", "unknown", "year"
        ])
    );
    let direct = lib
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .count();
    let share = direct as f64 / c.quotes as f64;
    assert!(
        (0.45..=0.75).contains(&share),
        "{share} of quotes are direct"
    );

    for q in &lib.quotes {
        let len = q.text.raw().chars().count();
        assert!(
            (40..=300).contains(&len),
            "{len} characters: {}",
            q.text.raw()
        );
    }
    let with_about = lib.quotes.iter().filter(|q| !q.about.is_empty()).count();
    assert!(
        with_about * 3 > c.quotes,
        "{with_about} quotes have `about`"
    );
    let with_roles = lib
        .events
        .iter()
        .flat_map(|e| &e.actors)
        .filter(|p| p.role.is_some())
        .count();
    assert!(with_roles > c.events, "{with_roles} participant roles");
    assert!(lib.actors.iter().any(|a| !a.aliases.is_empty()));
    assert!(lib.actors.iter().any(|a| !a.affiliations.is_empty()));
    assert!(
        lib.events
            .iter()
            .flat_map(|e| &e.cite)
            .any(|c| !c.locator.is_empty())
    );
}

/// About a third of the items carry non-ASCII text: accents, curly quotes, dashes, CJK.
#[test]
fn about_a_third_of_the_items_are_not_ascii() {
    let (lib, _) = synth::load(20, 3);
    let texts = lib
        .actors
        .iter()
        .map(|a| a.name.raw())
        .chain(lib.events.iter().map(|e| e.title.raw()))
        .chain(lib.quotes.iter().map(|q| q.text.raw()))
        .chain(lib.sources.iter().map(|s| s.title.raw()));
    let (mut all, mut wide) = (0usize, 0usize);
    for t in texts {
        all += 1;
        wide += usize::from(!t.is_ascii());
    }
    let share = wide as f64 / all as f64;
    assert!(
        (0.25..=0.45).contains(&share),
        "{share} of items are non-ASCII"
    );
    let everything: String = lib.quotes.iter().map(|q| q.text.raw()).collect();
    for needle in ["“", "—", "’", "对话"] {
        assert!(everything.contains(needle), "no quote contains {needle}");
    }
}

#[test]
fn shared_actors_are_referenced_from_many_briefings() {
    const N: usize = 30;
    let (lib, report) = synth::load(N, 42);
    assert_eq!(report.error_count(), 0);
    let shared: BTreeSet<String> = synth::shared_actor_ids().into_iter().collect();
    // Briefings are in time order, so find the one from b00000.toml.
    let home = lib
        .briefings
        .iter()
        .position(|b| b.path.ends_with("b00000.toml"))
        .expect("b00000 is loaded");
    for id in &shared {
        let Some(model::ItemRef::Actor(a)) = lib.find(id) else {
            panic!("shared actor `{id}` is not loaded");
        };
        assert_eq!(
            lib.actors[a].briefing, home,
            "`{id}` is defined outside b00000"
        );
    }
    // For each shared actor, the other briefings that point at it.
    let mut users: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    let mut note = |actor: usize, briefing: usize| {
        let id = lib.actors[actor].id.raw();
        if briefing != home && shared.contains(id) {
            users.entry(id).or_default().insert(briefing);
        }
    };
    for a in &lib.actors {
        a.affiliations.iter().for_each(|&x| note(x, a.briefing));
    }
    for r in &lib.relations {
        note(r.from, r.briefing);
        note(r.to, r.briefing);
    }
    for e in &lib.events {
        e.actors.iter().for_each(|p| note(p.actor, e.briefing));
    }
    for q in &lib.quotes {
        note(q.speaker, q.briefing);
        for s in &q.about {
            if let Subject::Actor(a) = *s {
                note(a, q.briefing);
            }
        }
    }
    let in_three = users.values().filter(|b| b.len() >= 3).count();
    let widest = users.values().map(BTreeSet::len).max().unwrap_or(0);
    assert!(
        in_three >= 20,
        "{in_three} shared actors used by 3+ briefings"
    );
    assert!(
        widest >= 10,
        "the most used shared actor is in {widest} briefings"
    );
}

/// Deliberately broken files, named so that they sort among the generated ones.
fn broken_files() -> Vec<(PathBuf, String)> {
    let head = |id: &str| {
        format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"Broken on purpose\"\nas_of = \"2025-05\"\n\
             summary = \"A file for the loader tests.\"\n\n\
             [[sources]]\nid = \"article\"\ntitle = \"Article\"\nkind = \"news-article\"\n"
        )
    };
    let actor = |id: &str, extra: &str| {
        format!(
            "\n[[actors]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"group\"\nrole = \"test\"\n\
             {extra}cite = [{{ source = \"article\", locator = \"¶1\" }}]\n"
        )
    };
    let relation = |from: &str, to: &str| {
        format!(
            "\n[[relations]]\nfrom = \"{from}\"\nkind = \"supports\"\nto = \"{to}\"\n\
             cite = [{{ source = \"article\", locator = \"¶2\" }}]\n"
        )
    };
    let file = |name: &str, text: String| (PathBuf::from(format!("synth/{name}")), text);
    vec![
        // A TOML syntax error: the title string never closes.
        file(
            "b00001-syntax.toml",
            "[briefing]\nid = \"x-syntax\"\ntitle = \"Unclosed\nas_of = \"2025\"\n".into(),
        ),
        // Refers to an actor whose own file is dropped later in the load: caught on the
        // linker's second pass.
        file(
            "b00002-early.toml",
            head("x-early") + &actor("x-early-group", "") + &relation("x-early-group", "x-orphan"),
        ),
        // Names an actor `x-early`, which is b00002's briefing id: an id clash.
        file(
            "b00003-duplicate.toml",
            head("x-duplicate") + &actor("x-early", "") + &actor("x-dup-only", ""),
        ),
        // Points at `kenyaa`, which does not exist (did you mean `kenya`?).
        file(
            "b00004-unknown.toml",
            head("x-unknown") + &actor("x-orphan", "") + &relation("x-orphan", "kenyaa"),
        ),
        // Refers to an actor of a dropped file.
        file(
            "b00005-depends.toml",
            head("x-depends")
                + &actor("x-depends-group", "")
                + &relation("x-depends-group", "x-dup-only"),
        ),
        // Loads, with a warning: an unknown key with a suggestion.
        file(
            "b00006-warning.toml",
            head("x-warning") + &actor("x-warning-group", "summery = \"typo\"\n"),
        ),
    ]
}

/// A generated library with the broken files mixed in, in the loader's (sorted) order.
fn mixed_library() -> Vec<(PathBuf, String)> {
    let mut files = synth::generate(30, 11);
    files.extend(broken_files());
    files.sort();
    files
}

fn load_sources(files: &[(PathBuf, String)], base: &Path, threads: usize) -> (Library, Report) {
    let inputs = files
        .iter()
        .map(|(path, text)| (base.join(path), Ok(text.clone().into_bytes())))
        .collect();
    model::load_sources(
        inputs,
        LoadOptions {
            threads,
            ..Default::default()
        },
    )
}

fn load_paths(dir: &Path, threads: usize) -> (Library, Report) {
    let opts = LoadOptions {
        threads,
        ..Default::default()
    };
    model::load_paths(&[dir.to_owned()], opts).expect("the folder exists")
}

/// One line per diagnostic: severity, `path:line:col` relative to the library, message.
fn summary(report: &Report, base: &Path) -> Vec<String> {
    let base = format!("{}/", base.display());
    report
        .diagnostics
        .iter()
        .map(|d| {
            let at = report.location(d).unwrap_or_default();
            let at = at.strip_prefix(&base).unwrap_or(&at).to_owned();
            format!("{:?} {at}: {}", d.severity, d.message)
        })
        .collect()
}

#[test]
fn loading_gives_the_same_library_and_diagnostics_on_1_and_4_threads() {
    let files = mixed_library();
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in &files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    let (lib_1, report_1) = load_sources(&files, Path::new(""), 1);
    let (lib_4, report_4) = load_sources(&files, Path::new(""), 4);
    assert!(
        lib_1 == lib_4,
        "load_sources: the library depends on the thread count"
    );
    assert_eq!(
        summary(&report_1, Path::new("")),
        summary(&report_4, Path::new(""))
    );
    assert!(
        report_1 == report_4,
        "load_sources: the report depends on the thread count"
    );

    let (disk_1, disk_report_1) = load_paths(dir.path(), 1);
    let (disk_4, disk_report_4) = load_paths(dir.path(), 4);
    assert!(
        disk_1 == disk_4,
        "load_paths: the library depends on the thread count"
    );
    assert_eq!(
        summary(&disk_report_1, dir.path()),
        summary(&disk_report_4, dir.path())
    );
    assert!(disk_report_1 == disk_report_4);

    // Reading the folder finds the same files in the same order as the list above.
    let (abs, abs_report) = load_sources(&files, dir.path(), 4);
    assert!(abs == disk_1, "load_paths and load_sources disagree");
    assert!(abs_report == disk_report_1);

    // The diagnostics are the interesting ones, in file order, the same from disk.
    // Parse and check problems come first, in file order; then the linker's, in the order
    // it finds them: id clashes, then unresolved references in briefing order (as of, then
    // id), and a file whose reference lost its definition is looked at again last.
    let expected = [
        "Error synth/b00001-syntax.toml:3:18: invalid basic string, expected `\"`",
        "Warning synth/b00006-warning.toml:17:1: unknown key `summery`",
        "Error synth/b00003-duplicate.toml:13:6: actor id `x-early` is already used by a briefing",
        "Error synth/b00005-depends.toml:22:6: unknown actor `x-dup-only` in relation target (`to`)",
        "Error synth/b00004-unknown.toml:22:6: unknown actor `kenyaa` in relation target (`to`)",
        "Error synth/b00002-early.toml:22:6: unknown actor `x-orphan` in relation target (`to`)",
    ];
    assert_eq!(summary(&report_1, Path::new("")), expected);
    assert_eq!(summary(&disk_report_1, dir.path()), expected);
    let help: Vec<Option<&str>> = report_1
        .diagnostics
        .iter()
        .map(|d| d.help.as_deref())
        .collect();
    assert_eq!(help[1], Some("did you mean `summary`?"));
    assert_eq!(
        help[3],
        Some(
            "`x-dup-only` is defined in synth/b00003-duplicate.toml, which is left out (actor id `x-early` is already used by a briefing): fix that file and this resolves"
        )
    );
    assert_eq!(help[4], Some("did you mean `kenya`?"));
    assert_eq!(
        help[5],
        Some(
            "`x-orphan` is defined in synth/b00004-unknown.toml, which is left out (unknown actor `kenyaa` in relation target (`to`)): fix that file and this resolves"
        )
    );

    // Everything else loads: 30 generated briefings and the one with only a warning.
    assert_eq!(lib_1.briefings.len(), 31);
    assert!(lib_1.find("x-warning-group").is_some());
    assert!(lib_1.find("x-early-group").is_none());
}

fn date_form(d: DateSpec) -> &'static str {
    match d {
        DateSpec::Unknown => "unknown",
        DateSpec::After(_) => "after",
        DateSpec::Before(_) => "before",
        DateSpec::Between(..) => "between",
        DateSpec::On(p) => match p.precision() {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        },
    }
}

#[test]
fn a_generated_series_library_tells_a_story_over_time() {
    let files = synth::generate_series(40, 5, 7);
    assert_eq!(files, synth::generate_series(40, 5, 7), "deterministic");
    let inputs = files
        .into_iter()
        .map(|(path, text)| (path, Ok(text.into_bytes())))
        .collect();
    let (lib, report) = model::load_sources(inputs, LoadOptions::default());
    assert_eq!(report.error_count(), 0, "{}", report.render_all(false));
    assert_eq!(lib.briefings.len(), 40);
    assert_eq!(lib.series_names().len(), 5);
    let status_changes = (0..lib.events.len())
        .filter(|&e| {
            lib.event_history(e)
                .iter()
                .any(|s| s.changes.iter().any(|c| c.field == "status"))
        })
        .count();
    let sharper = (0..lib.events.len())
        .filter(|&e| {
            lib.event_history(e)
                .iter()
                .any(|s| s.changes.iter().any(|c| c.field == "date"))
        })
        .count();
    let roles = (0..lib.actors.len())
        .filter(|&a| {
            lib.actor_history(a)
                .iter()
                .any(|s| s.changes.iter().any(|c| c.field == "role"))
        })
        .count();
    let not_restated = lib
        .relations
        .iter()
        .filter(|r| r.not_restated_since().is_some())
        .count();
    let repeated_quotes = lib.quotes.iter().filter(|q| q.versions.len() > 1).count();
    let changed_quote_text = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("different text"))
        .count();
    let new = lib
        .events
        .iter()
        .filter(|e| e.mark() == model::Mark::New)
        .count();
    assert!(status_changes > 20, "{status_changes} status changes");
    assert!(sharper > 20, "{sharper} sharper dates");
    assert!(roles > 10, "{roles} role changes");
    assert!(not_restated > 5, "{not_restated} relations not restated");
    assert!(repeated_quotes > 50, "{repeated_quotes} quotes repeated");
    assert_eq!(changed_quote_text, 0, "quotes are repeated verbatim");
    assert!(new > 0, "{new} new events in the latest briefings");
}
