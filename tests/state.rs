//! Reading state: the store on disk (atomic, merged under a lock, damaged files moved
//! aside, unwritable folders survived) and the browser's read marks, bookmarks and last
//! position, driven through `App::update`.

mod common;

use std::path::PathBuf;
use std::process::Command;

use briefing::model::history::{actor_fields, event_fields, quote_fields};
use briefing::model::{BUNDLED, ItemRef, Library, LoadOptions, PartialDate, View, load_bundled};
use briefing::state::{Change, Kind, Store, library_key, version_hash};
use briefing::tui::action::{Action, Effect, Focus, Loaded, Pane};
use briefing::tui::app::App;
use briefing::tui::theme::Theme;
use common::drive::{act, acts, draw, text};

fn read(id: &str, hash: u64) -> Change {
    Change::Read {
        id: id.to_owned(),
        hash,
    }
}

#[test]
fn saved_changes_are_there_when_the_store_is_opened_again() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("briefing");
    let mut opened = Store::open(Some(state.clone()), &[]);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert!(opened.store.is_saving());
    opened.store.save(&[read("kenya", 7)]).unwrap();
    let again = Store::open(Some(state.clone()), &[]);
    assert!(again.marks.is_read("kenya", 7));
    assert!(!again.marks.is_read("kenya", 8));
    // The file is JSON written whole: no temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(&state)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, ["state.json", "state.lock"], "{names:?}");
}

#[test]
fn a_damaged_state_file_is_moved_aside_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("state.json"),
        "{\"format\": 1, \"read\": [tru",
    )
    .unwrap();
    let mut opened = Store::open(Some(dir.path().to_owned()), &[]);
    assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
    let warning = &opened.warnings[0];
    assert!(
        warning.contains("the reading state file is damaged"),
        "{warning}"
    );
    assert!(warning.contains("state.json.damaged-"), "{warning}");
    assert!(opened.marks.bookmarks().is_empty());
    let aside: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&aside[0]).unwrap(),
        "{\"format\": 1, \"read\": [tru",
        "the damaged file is kept as it was"
    );
    // Saving starts a fresh, valid file.
    opened.store.save(&[read("a", 1)]).unwrap();
    assert!(
        Store::open(Some(dir.path().to_owned()), &[])
            .marks
            .is_read("a", 1)
    );
}

#[test]
fn a_state_file_from_a_newer_briefing_is_moved_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("state.json"), "{\"format\": 99, \"x\": 1}").unwrap();
    let opened = Store::open(Some(dir.path().to_owned()), &[]);
    assert_eq!(opened.warnings.len(), 1);
    assert!(
        opened.warnings[0].contains("from a newer briefing (format 99"),
        "{}",
        opened.warnings[0]
    );
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".newer-"))
        .expect("moved aside");
    assert_eq!(
        std::fs::read_to_string(kept).unwrap(),
        "{\"format\": 99, \"x\": 1}"
    );
}

#[test]
fn an_unwritable_state_folder_is_survived_and_said_once() {
    let dir = tempfile::tempdir().unwrap();
    // A folder cannot be made inside a file, whoever runs the test (root included).
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "").unwrap();
    let mut opened = Store::open(Some(file.join("briefing")), &[]);
    assert!(!opened.store.is_saving());
    assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
    assert!(
        opened.warnings[0].starts_with("reading state will not be saved:"),
        "{}",
        opened.warnings[0]
    );
    assert_eq!(
        opened.store.save(&[read("a", 1)]),
        Ok(()),
        "saving is a quiet no-op"
    );
}

#[test]
fn a_library_is_the_same_set_of_paths_however_written() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let (k1, paths) = library_key(&[a.clone(), b.clone()]);
    let (k2, _) = library_key(&[b.clone(), a.join("."), a.clone()]);
    assert_eq!(k1, k2);
    assert_eq!(paths.len(), 2);
    assert_ne!(library_key(&[a]).0, k1);
    assert_eq!(library_key(&[]).0, "bundled");
}

/// The child side of the two-process test: marks `BRIEFING_TEST_MARKS` items read and
/// bookmarks some, one save (one lock) each.
#[test]
fn child_marks_items() {
    let Ok(spec) = std::env::var("BRIEFING_TEST_MARKS") else {
        return;
    };
    let (dir, prefix) = spec.split_once('|').unwrap();
    let mut store = Store::open(Some(PathBuf::from(dir)), &[]).store;
    for i in 0..150_u64 {
        let id = format!("{prefix}-{i}");
        let mut changes = vec![read(&id, i)];
        if i % 10 == 0 {
            changes.push(Change::Bookmark(briefing::state::Bookmark {
                id: id.clone(),
                kind: Kind::Actor,
                label: id.clone(),
                added: i,
            }));
        }
        store.save(&changes).unwrap();
    }
}

#[test]
fn two_processes_marking_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let spawn = |prefix: &str| {
        Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "child_marks_items", "--test-threads=1"])
            .env(
                "BRIEFING_TEST_MARKS",
                format!("{}|{prefix}", dir.path().display()),
            )
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn("a"), spawn("b"));
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let marks = Store::open(Some(dir.path().to_owned()), &[]).marks;
    for prefix in ["a", "b"] {
        for i in 0..150_u64 {
            assert!(
                marks.is_read(&format!("{prefix}-{i}"), i),
                "{prefix}-{i} lost"
            );
        }
    }
    assert_eq!(marks.read_count(), 300);
    assert_eq!(marks.bookmarks().len(), 30);
}

// The browser's side.

fn app() -> App {
    let (lib, report) = load_bundled();
    let mut app = App::new(lib, report, Theme::new(false));
    app.attach_reading(
        briefing::state::Marks::default(),
        Some(std::time::Duration::from_secs(1)),
    );
    app
}

fn saved(effects: Vec<Effect>) -> Vec<Change> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::SaveState(c) => Some(c),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn an_item_is_read_after_its_detail_was_shown_for_a_tick() {
    let mut app = app();
    acts(&mut app, [Action::FocusPane(Pane::Actors)]);
    let item = app.current().selected_item().unwrap();
    assert!(app.reading().is_unread(item));
    // Nothing is watched until a frame shows the detail.
    assert_eq!(app.read_watch(), None);
    draw(&mut app, 120, 40);
    let (n, after) = app.read_watch().expect("the detail is on screen");
    assert_eq!(after, std::time::Duration::from_secs(1));
    // Moving on before the tick leaves the first item unread.
    act(&mut app, Action::MoveDown);
    assert!(saved(act(&mut app, Action::ReadTick(n))).is_empty());
    assert!(app.reading().is_unread(item));
    let next = app.current().selected_item().unwrap();
    let (m, _) = app.read_watch().unwrap();
    let changes = saved(act(&mut app, Action::ReadTick(m)));
    let id = app.lib().id_of(next);
    assert_eq!(changes, [read(&id, version_hash(app.lib(), next).unwrap())]);
    assert!(!app.reading().is_unread(next));
    assert_eq!(app.read_watch(), None, "a read item is not watched");
}

#[test]
fn at_80_columns_only_the_open_detail_counts() {
    let mut app = app();
    acts(&mut app, [Action::FocusPane(Pane::Quotes)]);
    draw(&mut app, 80, 24);
    assert_eq!(app.read_watch(), None, "the list alone shows no detail");
    acts(&mut app, [Action::FocusDetail]);
    assert!(app.read_watch().is_some());
    acts(&mut app, [Action::OpenSearch]);
    assert_eq!(app.read_watch(), None, "an overlay covers the detail");
}

#[test]
fn keys_mark_read_and_unread_and_everything_in_a_pane() {
    let mut app = app();
    acts(&mut app, [Action::FocusPane(Pane::Quotes)]);
    let item = app.current().selected_item().unwrap();
    act(&mut app, Action::ToggleRead);
    assert!(!app.reading().is_unread(item));
    assert_eq!(app.status(), Some("marked read"));
    act(&mut app, Action::ToggleRead);
    assert!(app.reading().is_unread(item));
    // Marked unread while on screen, it is not read again by the timer.
    draw(&mut app, 120, 40);
    assert_eq!(app.read_watch(), None);
    let n = app.current().list.items();
    let changes = saved(act(&mut app, Action::MarkAllRead));
    assert_eq!(changes.len(), n);
    assert_eq!(
        app.status(),
        Some(format!("marked {n} items read").as_str())
    );
    let screen = text(&draw(&mut app, 200, 50));
    assert!(screen.contains(&format!("[4 Quotes {n}]")), "{screen}");
    assert!(screen.contains("[2 Actors 52 •52]"), "{screen}");
}

/// At 80 columns the tabs keep their full names and let the unread counts go (the hint
/// went first: the footer has it); the current pane's title still says how many of its
/// rows are unread. Narrower, the names shorten.
#[test]
fn at_80_columns_tabs_keep_their_names_and_the_pane_title_its_unread_count() {
    let mut app = app();
    acts(&mut app, [Action::FocusPane(Pane::Actors)]);
    let screen = text(&draw(&mut app, 80, 24));
    let tabs = screen.lines().nth(1).unwrap();
    assert_eq!(
        tabs.trim_end(),
        " [1 Overview] [2 Actors 52] [3 Timeline 22] [4 Quotes 15] [5 Changes 66]",
        "{screen}"
    );
    assert!(screen.contains("┌ Actors 52 •52 ─"), "{screen}");
    let wide = text(&draw(&mut app, 120, 40));
    assert!(wide.contains("[2 Actors 52 •52]"), "{wide}");
    assert!(wide.contains("/ search"), "{wide}");
    let narrow = text(&draw(&mut app, 60, 20));
    let tabs = narrow.lines().nth(1).unwrap();
    assert!(tabs.starts_with(" [1 Ove] [2 Act 52]"), "{narrow}");
}

/// However narrow the screen, the current pane's tab is shown whole, its name and count:
/// the other tabs lose their counts, then their names.
#[test]
fn the_current_tab_is_shown_whole_at_every_width() {
    let mut app = app();
    acts(&mut app, [Action::FocusPane(Pane::Changes)]);
    let screen = text(&draw(&mut app, 40, 10));
    let tabs = screen.lines().nth(1).unwrap();
    assert_eq!(tabs.trim_end(), " [1] [2] [3] [4] [5 Cha 66]", "{screen}");
    let screen = text(&draw(&mut app, 50, 10));
    let tabs = screen.lines().nth(1).unwrap();
    assert_eq!(
        tabs.trim_end(),
        " [1 Ove] [2 Act] [3 Tim] [4 Quo] [5 Cha 66]",
        "{screen}"
    );
    for pane in Pane::ALL {
        acts(&mut app, [Action::FocusPane(pane)]);
        let name = &pane.title()[..3];
        let count = match pane {
            Pane::Overview => String::new(),
            _ => format!(" {}", app.current().list.items()),
        };
        // 40 columns is the smallest screen drawn.
        for w in 40..=100 {
            let screen = text(&draw(&mut app, w, 10));
            let tabs = screen.lines().nth(1).unwrap();
            let at = tabs.find(&format!("[{} {name}", pane.index() + 1));
            let label = at.map(|at| &tabs[at..=at + tabs[at..].find(']').unwrap()]);
            assert!(
                label.is_some_and(
                    |l| l.ends_with(&format!("{count}]")) || l.contains(&format!("{count} •"))
                ),
                "{w} columns, {name}: {tabs:?}"
            );
            // Every tab shown is whole.
            let whole = tabs.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                whole.split("] [").count() == whole.matches('[').count(),
                "{w} columns: {tabs:?}"
            );
        }
    }
}

/// Actors whose shown version differs from an earlier one, and ones a later briefing only
/// repeats.
fn changed_and_repeated(lib: &Library) -> (Vec<usize>, Vec<usize>) {
    let (mut changed, mut repeated) = (Vec::new(), Vec::new());
    for (i, a) in lib.actors.iter().enumerate() {
        if a.versions.len() == 2 {
            let (old, new) = (&a.versions[0], &a.versions[1]);
            if actor_fields(lib, old) == actor_fields(lib, new) {
                repeated.push(i);
            } else {
                changed.push(i);
            }
        }
    }
    (changed, repeated)
}

#[test]
fn an_item_that_changed_since_it_was_read_is_unread_again() {
    let mut app = app();
    let (changed, repeated) = changed_and_repeated(app.lib());
    assert!(!changed.is_empty() && !repeated.is_empty());
    // Read everything as the library was known in May 2025.
    let may = View {
        as_of: Some(PartialDate::parse("2025-05").unwrap()),
        ..View::default()
    };
    app.set_view(may);
    acts(
        &mut app,
        [Action::FocusPane(Pane::Actors), Action::MarkAllRead],
    );
    for &a in changed.iter().chain(&repeated) {
        assert!(!app.reading().is_unread(ItemRef::Actor(a)));
    }
    // Now: the October briefing changed some of them.
    app.set_view(View::default());
    for &a in &changed {
        assert!(
            app.reading().is_unread(ItemRef::Actor(a)),
            "{}",
            app.lib().actors[a].id.raw()
        );
    }
    for &a in &repeated {
        assert!(
            !app.reading().is_unread(ItemRef::Actor(a)),
            "{}",
            app.lib().actors[a].id.raw()
        );
    }
    // Events and quotes hash their own fields too.
    let (lib, _) = load_bundled();
    assert!(!event_fields(&lib, lib.events[0].shown()).is_empty());
    assert!(!quote_fields(&lib, lib.quotes[0].shown()).is_empty());
}

fn may_only() -> (Library, briefing::model::Report) {
    let (path, text) = BUNDLED[0];
    briefing::model::load_sources(
        vec![(PathBuf::from(path), Ok(text.as_bytes().to_vec()))],
        LoadOptions::default(),
    )
}

#[test]
fn a_bookmark_whose_item_disappears_is_kept_and_shown_as_missing() {
    let mut app = app();
    let (may, _) = may_only();
    // An actor only the October briefing describes.
    let gone = (0..app.lib().actors.len())
        .find(|&a| may.find(app.lib().actors[a].id.raw()).is_none())
        .unwrap();
    let id = app.lib().actors[gone].id.raw().to_owned();
    assert!(app.open(&id));
    acts(&mut app, [Action::FocusList]);
    let changes = saved(act(&mut app, Action::ToggleBookmark));
    assert!(matches!(&changes[..], [Change::Bookmark(b)] if b.id == id && b.kind == Kind::Actor));
    let (lib, report) = may_only();
    act(
        &mut app,
        Action::Reloaded(Box::new(Ok(Loaded::new(lib, report)))),
    );
    let entries = app.bookmark_entries();
    assert_eq!(entries.len(), 1, "the bookmark is kept");
    assert_eq!(entries[0].item, None);
    act(&mut app, Action::OpenBookmarks);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("Bookmarks 1"), "{screen}");
    assert!(
        screen.contains(&format!("missing: no item `{id}` now")),
        "{screen}"
    );
    // Enter on it explains; m removes it.
    act(&mut app, Action::Activate);
    assert!(
        app.status()
            .unwrap()
            .contains("is no longer in the library")
    );
    let changes = saved(act(&mut app, Action::ToggleBookmark));
    assert_eq!(changes, [Change::Unbookmark(id)]);
    assert!(app.bookmark_entries().is_empty());
}

#[test]
fn the_bookmarks_list_goes_to_an_item_and_back_comes_back() {
    let mut app = app();
    acts(
        &mut app,
        [Action::FocusPane(Pane::Quotes), Action::MoveDown],
    );
    let quote = app.current().selected_item().unwrap();
    act(&mut app, Action::ToggleBookmark);
    // A long label is cut with an ellipsis, not mid-word.
    let status = app.status().unwrap().to_owned();
    assert!(status.starts_with("bookmarked “"), "{status}");
    assert!(status.contains("…”"), "{status}");
    act(&mut app, Action::FocusPane(Pane::Actors));
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("[4 Quotes 15 •15]"), "{screen}");
    acts(&mut app, [Action::OpenBookmarks, Action::Activate]);
    assert_eq!((app.pane(), app.focus()), (Pane::Quotes, Focus::Detail));
    assert_eq!(app.current().selected_item(), Some(quote));
    act(&mut app, Action::Back);
    assert_eq!(app.pane(), Pane::Actors);
    // The row shows its bookmark.
    acts(&mut app, [Action::FocusPane(Pane::Quotes)]);
    let screen = text(&draw(&mut app, 120, 40));
    let row = screen.lines().find(|l| l.contains('▶')).unwrap();
    assert!(row.contains('★'), "{row}");
}

#[test]
fn the_last_position_is_saved_and_restored() {
    let mut app = app();
    acts(
        &mut app,
        [
            Action::FocusPane(Pane::Timeline),
            Action::MoveDown,
            Action::MoveDown,
            Action::FocusDetail,
            Action::CycleScope,
        ],
    );
    let session = app.session();
    assert_eq!(session.pane, "Timeline");
    assert!(session.detail);
    let item = app.current().selected_item();
    let scope = app.scope().clone();
    let mut again = self::app();
    again.restore_session(&session);
    assert_eq!(again.pane(), Pane::Timeline);
    assert_eq!(again.focus(), Focus::Detail);
    assert_eq!(again.current().selected_item(), item);
    assert_eq!(again.scope(), &scope);
    // A session from an older library falls back to what still exists.
    let mut old = session.clone();
    old.item = Some("no-such-item".into());
    old.scope = briefing::state::SavedScope::Briefing("no-such-briefing".into());
    let mut third = self::app();
    third.restore_session(&old);
    assert_eq!((third.pane(), third.focus()), (Pane::Timeline, Focus::List));
    assert_eq!(third.scope(), &briefing::model::Scope::All);
}

/// A session left in an earlier view comes back in it, and the status line says so and
/// how to get back to now; a session at now says nothing of it.
#[test]
fn an_earlier_view_restored_with_the_session_is_said() {
    let mut app = app();
    acts(&mut app, [Action::EarlierView]);
    let session = app.session();
    assert!(session.as_of.is_some());
    let mut again = self::app();
    again.restore_session(&session);
    let status = again.status().unwrap_or_default().to_owned();
    assert!(status.starts_with("as you left it: as of "), "{status}");
    assert!(status.contains("] moves forward to now"), "{status}");
    let mut now = self::app();
    now.restore_session(&self::app().session());
    assert!(
        !now.status().unwrap_or_default().contains("as you left it"),
        "{:?}",
        now.status()
    );
}
