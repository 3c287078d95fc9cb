//! Live reload under hostile timing (issue #10 case 7): what the browser shows after a reload
//! is what a fresh start would show, with broken files at their last good version; a folder
//! deleted and made anew is watched again.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use briefing::model::{Input, Library, LoadOptions, Loader, Report, load_sources};
use common::Pty;
use proptest::prelude::*;

const SOURCE: &str = "\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n";

/// What a file holds in one step.
#[derive(Clone, Debug)]
enum Content {
    Absent,
    Broken,
    /// Defines actors `own{file}` and `shared{n}`; if `cites` is set, a quote by that shared
    /// actor (which may be defined nowhere).
    Good {
        shared: u8,
        says: Option<u8>,
        rev: u8,
    },
}

fn text(file: usize, c: &Content) -> Option<String> {
    let actor = |id: &str| {
        format!(
            "\n[[actors]]\nid = \"{id}\"\nname = \"N\"\nkind = \"person\"\nrole = \"r\"\ncite = [{{ source = \"s\", locator = \"1\" }}]\n"
        )
    };
    match c {
        Content::Absent => None,
        Content::Broken => Some(format!("[briefing]\nid = \"b{file}\"\ntitle = \"broken\n")),
        Content::Good { shared, says, rev } => {
            let mut s = format!(
                "[briefing]\nid = \"b{file}\"\ntitle = \"T{rev}\"\nas_of = \"2025\"\nsummary = \"S\"\n{SOURCE}"
            );
            s += &actor(&format!("own{file}"));
            s += &actor(&format!("shared{shared}"));
            if let Some(who) = says {
                let _ = write!(
                    s,
                    "\n[[quotes]]\nid = \"q{file}\"\nkind = \"direct\"\ntext = \"x\"\nspeaker = \"shared{who}\"\ndate = \"2025\"\ncite = [{{ source = \"s\", locator = \"1\" }}]\n"
                );
            }
            Some(s)
        }
    }
}

fn inputs(step: &[Content]) -> Vec<Input> {
    step.iter()
        .enumerate()
        .filter_map(|(i, c)| {
            text(i, c).map(|t| (PathBuf::from(format!("f{i}.toml")), Ok(t.into_bytes())))
        })
        .collect()
}

fn errors_in(report: &Report, file: usize) -> bool {
    report
        .diagnostics
        .iter()
        .any(|d| d.is_error() && d.file == Some(file))
}

fn content() -> impl Strategy<Value = Content> {
    prop_oneof![
        Just(Content::Absent),
        Just(Content::Broken),
        (0u8..3, proptest::option::of(0u8..4), 0u8..3)
            .prop_map(|(shared, says, rev)| Content::Good { shared, says, rev }),
    ]
}

/// Checks one reload against a fresh load of the same files with the fallbacks applied.
fn check_step(
    inputs: &[Input],
    lib: &Library,
    report: &Report,
    last_good: &mut std::collections::HashMap<PathBuf, Vec<u8>>,
) {
    let opts = LoadOptions {
        threads: 1,
        ..LoadOptions::default()
    };
    // Fallbacks only for files that are broken now and had a different last good version.
    for &f in &report.fallbacks {
        let (path, bytes) = &inputs[f];
        assert!(
            errors_in(report, f),
            "{} fell back without a problem",
            path.display()
        );
        let good = last_good
            .get(path)
            .expect("a fallback has a last good version");
        assert_ne!(Some(good), bytes.as_ref().ok());
    }
    // The library is a fresh load of the files with the fallbacks replaced.
    let mixed: Vec<Input> = inputs
        .iter()
        .enumerate()
        .map(|(i, (p, b))| {
            if report.fallbacks.contains(&i) {
                (p.clone(), Ok(last_good[p].clone()))
            } else {
                (p.clone(), b.clone())
            }
        })
        .collect();
    let (fresh, fresh_report) = load_sources(mixed, opts);
    assert!(fresh == *lib, "the reload differs from a fresh start");
    // No file goes missing silently.
    for (i, (path, _)) in inputs.iter().enumerate() {
        let shown = lib.briefings.iter().any(|b| &b.path == path);
        assert!(
            shown || errors_in(report, i),
            "{} is missing silently",
            path.display()
        );
        // A broken file with another last good version has been tried at that version.
        if !report.fallbacks.contains(&i) && errors_in(&fresh_report, i) {
            let (p, b) = &inputs[i];
            assert!(
                last_good.get(p).is_none_or(|g| Some(g) == b.as_ref().ok()),
                "{} is broken but its last good version was not tried",
                p.display()
            );
        }
    }
    // The test's own record of last good versions, by the rule.
    last_good.retain(|p, _| inputs.iter().any(|(q, _)| q == p));
    for (i, (path, bytes)) in inputs.iter().enumerate() {
        if let Ok(b) = bytes
            && !report.fallbacks.contains(&i)
            && !errors_in(report, i)
        {
            last_good.insert(path.clone(), b.clone());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn a_reload_shows_what_a_fresh_start_on_the_fallen_back_files_shows(
        steps in proptest::collection::vec(proptest::collection::vec(content(), 4), 1..6)
    ) {
        let mut loader = Loader::with_options(Vec::new(), LoadOptions { threads: 1, ..LoadOptions::default() });
        let mut last_good = std::collections::HashMap::new();
        for step in &steps {
            let inputs = inputs(step);
            let (lib, report) = loader.load_inputs(inputs.clone());
            check_step(&inputs, &lib, &report, &mut last_good);
        }
    }
}

/// The files of one step, written into `dir` (an absent file removed), as a load from disk
/// reads them.
fn write_step(dir: &Path, step: &[Content]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for (i, c) in step.iter().enumerate() {
        let path = dir.join(format!("f{i}.toml"));
        match text(i, c) {
            Some(t) => {
                std::fs::write(&path, &t).unwrap();
                inputs.push((path, Ok(t.into_bytes())));
            }
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    inputs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// The same rule for the files on disk, as the browser loads them: each file is read and
    /// let go on its worker, so a later pass reads it again (or takes it from the cache).
    #[test]
    fn a_reload_from_disk_shows_what_a_fresh_start_on_the_fallen_back_files_shows(
        steps in proptest::collection::vec(proptest::collection::vec(content(), 4), 1..5),
        cached in proptest::bool::ANY,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("lib");
        std::fs::create_dir(&root).unwrap();
        let mut loader = Loader::with_options(vec![root.clone()], LoadOptions { threads: 1, ..LoadOptions::default() });
        if cached {
            loader.use_cache(Some(std::sync::Arc::new(briefing::model::cache::Cache::open(&dir.path().join("cache")))));
        }
        let mut last_good = std::collections::HashMap::new();
        for step in &steps {
            let inputs = write_step(&root, step);
            let (lib, report) = loader.load().unwrap();
            check_step(&inputs, &lib, &report, &mut last_good);
        }
    }
}

/// The case: a new file defines an id while the file that first defined it breaks.
/// The broken file stays at its last good version, and the new file loads beside it: the
/// shared id is one actor with a version from each (a library over time, issue #12).
#[test]
fn a_new_file_that_shares_an_id_with_a_last_good_version_loads_beside_it() {
    let mut loader = Loader::with_options(Vec::new(), LoadOptions::default());
    let good = |file| {
        text(
            file,
            &Content::Good {
                shared: 1,
                says: None,
                rev: 0,
            },
        )
        .unwrap()
    };
    let (lib, _) = loader.load_inputs(vec![(PathBuf::from("a.toml"), Ok(good(0).into_bytes()))]);
    assert_eq!(lib.briefings.len(), 1);
    let broken = text(0, &Content::Broken).unwrap();
    let (lib, report) = loader.load_inputs(vec![
        (PathBuf::from("a.toml"), Ok(broken.into_bytes())),
        (PathBuf::from("d.toml"), Ok(good(1).into_bytes())),
    ]);
    assert_eq!(report.fallbacks, vec![0]);
    assert_eq!(lib.briefings.len(), 2, "{}", report.render_all(false));
    assert!(
        !report.diagnostics.iter().any(|x| x.file == Some(1)),
        "d.toml loads cleanly: {:#?}",
        report.diagnostics
    );
    let Some(briefing::model::ItemRef::Actor(shared)) = lib.find("shared1") else {
        panic!("shared1 is loaded");
    };
    assert_eq!(lib.actors[shared].versions.len(), 2);
    // The broken file's problem is shown, and its last good version is listed.
    assert!(report.diagnostics.iter().any(|x| x.file == Some(0)));
    assert!(
        report
            .files
            .last()
            .unwrap()
            .display
            .ends_with("a.toml (last good version)")
    );
}

fn minimal_titled(title: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.toml"),
    )
    .unwrap()
    .replace("A minimal briefing", title)
}

/// A watched folder deleted and created again with new files: the view follows.
#[test]
fn a_folder_deleted_and_made_anew_is_reloaded() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("briefings");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.toml"), minimal_titled("Old content here")).unwrap();
    let mut pty = Pty::spawn(&[dir.to_str().unwrap()], 100, 30);
    pty.wait_for("Old content here");
    std::fs::remove_dir_all(&dir).unwrap();
    pty.wait_for("reload failed");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("b.toml"), minimal_titled("New content here")).unwrap();
    pty.wait_for("New content here");
    // And edits in the new folder are seen too.
    std::fs::write(
        dir.join("b.toml"),
        minimal_titled("Edited in the new folder"),
    )
    .unwrap();
    pty.wait_for("Edited in the new folder");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// A last good version known only from its cache entry has no text to quote: its
/// diagnostics name the file alone, never a made-up `:1:1`. And a last good version whose
/// entry is damaged is as if there were none, not an error with an empty reason.
#[test]
fn a_last_good_version_from_the_cache_names_its_file_and_a_damaged_one_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    std::fs::create_dir(&root).unwrap();
    let cache = std::sync::Arc::new(briefing::model::cache::Cache::open(&dir.path().join("c")));
    let good = text(
        0,
        &Content::Good {
            shared: 0,
            says: None,
            rev: 0,
        },
    )
    .unwrap()
    .replace("summary = \"S\"\n", "summary = \"S\"\nspeeker = 1\n");
    let path = root.join("f0.toml");
    std::fs::write(&path, &good).unwrap();
    let mut loader = Loader::with_options(vec![root.clone()], LoadOptions::default());
    loader.use_cache(Some(cache.clone()));
    let (_, report) = loader.load().unwrap();
    assert_eq!(report.warning_count(), 1, "{}", report.render_all(false));
    assert!(
        report
            .location(&report.diagnostics[0])
            .unwrap()
            .ends_with("f0.toml:6:1")
    );
    std::fs::write(&path, good.replace("title = \"T0\"", "title = \"T0")).unwrap();
    let (lib, report) = loader.load().unwrap();
    assert_eq!(report.fallbacks, vec![0]);
    assert_eq!(lib.briefings.len(), 1);
    let rendered = report.render_all(false);
    let old = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("speeker"))
        .unwrap_or_else(|| panic!("{rendered}"));
    let at = report.location(old).unwrap();
    assert!(
        at.ends_with("f0.toml (last good version)"),
        "{at}\n{rendered}"
    );
    assert!(!rendered.contains(":1:1"), "{rendered}");
    // The entry of the last good version damaged: the file is shown as it is, broken.
    let key = cache.key(good.as_bytes());
    let entry = cache.dir().join(format!("{key:032x}.bin"));
    let mut bytes = std::fs::read(&entry).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xFF;
    std::fs::write(&entry, bytes).unwrap();
    std::fs::write(&path, good.replace("title = \"T0\"", "title = \"T0 ")).unwrap();
    let (lib, report) = loader.load().unwrap();
    let rendered = report.render_all(false);
    assert!(report.fallbacks.is_empty(), "{rendered}");
    assert!(lib.briefings.is_empty());
    assert!(!rendered.contains("cannot read this file"), "{rendered}");
    assert_eq!(report.error_count(), 1, "{rendered}");
    // The same for a file that breaks only in the library: a quote by an actor no file
    // defines, with its last good version's entry damaged.
    std::fs::write(&path, &good).unwrap();
    let (lib, _) = loader.load().unwrap();
    assert_eq!(lib.briefings.len(), 1);
    let quote = "\n[[quotes]]\nid = \"q\"\nkind = \"direct\"\ntext = \"x\"\nspeaker = \"nobody\"\ndate = \"2025\"\ncite = [{ source = \"s\", locator = \"1\" }]\n";
    let entry = cache
        .dir()
        .join(format!("{:032x}.bin", cache.key(good.as_bytes())));
    let mut bytes = std::fs::read(&entry).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xFF;
    std::fs::write(&entry, bytes).unwrap();
    std::fs::write(&path, format!("{good}{quote}")).unwrap();
    let (lib, report) = loader.load().unwrap();
    let rendered = report.render_all(false);
    assert!(report.fallbacks.is_empty(), "{rendered}");
    assert!(lib.briefings.is_empty());
    assert!(rendered.contains("nobody"), "{rendered}");
    assert!(!rendered.contains("could not be read back"), "{rendered}");
}
