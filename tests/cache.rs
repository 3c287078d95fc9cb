//! The warm-start cache: a cached load is a cold load, byte for byte, whatever happens to
//! the cache folder; changed files are never served from it; two processes can share it;
//! an unwritable folder only costs the speed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use briefing::model::cache::Cache;
use briefing::model::{Hooks, Library, LoadOptions, Report, load_paths_with};
use common::loads::{assert_same, cold};

/// A library with clean files, a file with warnings, a file with errors of its own and a
/// file that fails to link, so every kind of outcome passes through the cache.
fn library(dir: &Path) -> PathBuf {
    briefing::synth::cases::write_mixed(dir, 6, 7).unwrap()
}

fn cached(root: &Path, cache: &Cache) -> (Library, Report) {
    let hooks = Hooks {
        cache: Some(cache),
        progress: None,
    };
    load_paths_with(&[root.to_path_buf()], LoadOptions::default(), hooks).unwrap()
}

/// A way to damage an entry's bytes.
type Damage = fn(&mut Vec<u8>);

fn entries(cache: &Cache) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(cache.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn a_warm_load_is_a_cold_load_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let want = cold(&root);
    assert!(want.1.error_count() >= 2 && want.1.warning_count() >= 1);
    let cache = Cache::open(&dir.path().join("cache"));
    assert_same(&cached(&root, &cache), &want);
    let files = want.1.files.len();
    assert_eq!(cache.stats(), (0, files), "every file was written once");
    let cache = Cache::open(&dir.path().join("cache"));
    assert_same(&cached(&root, &cache), &want);
    assert_eq!(cache.stats(), (files, 0), "every file came from the cache");
    assert!(
        entries(&cache)
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "bin"))
    );
}

/// A misquote is pointed at where it departs from its paragraph, inside a string written
/// with escapes, and a warm load says exactly what a cold one does: the place is found
/// from the file's text, which a file with text files keeps either way.
#[test]
fn a_misquote_points_at_its_departure_warm_or_cold() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    fs::create_dir(&root).unwrap();
    fs::write(
        root.join("t.txt"),
        "Heading\n“We are not turning off anyone’s taps. We are keeping a reservoir alive,” she said.\n",
    )
    .unwrap();
    let quote = r"We are \u006Eot turning off anyones taps.\u0020We are keeping a reservoir alive.";
    fs::write(
        root.join("b.toml"),
        format!(
            "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"S\"\n\n\
             [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\ntext_file = \"t.txt\"\n\n\
             [[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\nrole = \"r\"\ncite = [{{ source = \"s\", locator = \"¶2\" }}]\n\n\
             [[quotes]]\nid = \"q\"\nkind = \"direct\"\ntext = \"{quote}\"\nspeaker = \"a\"\ndate = \"2025\"\n\
             cite = [{{ source = \"s\", locator = \"¶2\" }}]\n"
        ),
    )
    .unwrap();
    let want = cold(&root);
    let d = &want.1.diagnostics[0];
    assert_eq!(d.message, "this direct quote is not in ¶2 of `t.txt`");
    let text = fs::read_to_string(root.join("b.toml")).unwrap();
    assert_eq!(&text[d.span.clone().unwrap()], "anyones");
    assert_eq!(
        d.label.as_deref(),
        Some("¶2 has “anyone’s taps. We are…” where the quote has “anyones taps.\u{20}We are…”")
    );
    let cache = Cache::open(&dir.path().join("cache"));
    assert_same(&cached(&root, &cache), &want);
    let cache = Cache::open(&dir.path().join("cache"));
    assert_same(&cached(&root, &cache), &want);
    assert_eq!(cache.stats().0, 1, "the briefing came from the cache");
}

#[test]
fn corrupt_truncated_or_foreign_entries_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let want = cold(&root);
    let cache_dir = dir.path().join("cache");
    cached(&root, &Cache::open(&cache_dir));
    let damages: [(&str, Damage); 5] = [
        ("a flipped payload byte", |b| {
            let i = b.len() * 2 / 3;
            b[i] ^= 0x5A;
        }),
        ("a flipped checksum byte", |b| b[33] ^= 1),
        ("a truncated payload", |b| b.truncate(b.len() - 7)),
        ("a truncated header", |b| b.truncate(10)),
        ("another format version", |b| b[4] = b[4].wrapping_add(1)),
    ];
    for (what, damage) in damages {
        let cache = Cache::open(&cache_dir);
        for path in entries(&cache) {
            let mut bytes = fs::read(&path).unwrap();
            damage(&mut bytes);
            fs::write(&path, bytes).unwrap();
        }
        assert_same(&cached(&root, &cache), &want);
        let n = want.1.files.len();
        assert_eq!(
            cache.stats(),
            (0, n),
            "{what}: nothing trusted, all rewritten"
        );
        // The rewritten entries are sound again.
        let again = Cache::open(&cache_dir);
        assert_same(&cached(&root, &again), &want);
        assert_eq!(again.stats().0, n, "{what}: rewritten entries are used");
    }
    // A foreign file under an entry's name, and another entry's bytes under it.
    let cache = Cache::open(&cache_dir);
    let all = entries(&cache);
    fs::write(&all[0], b"not a cache entry at all").unwrap();
    let other = fs::read(&all[2]).unwrap();
    fs::write(&all[1], other).unwrap();
    assert_same(&cached(&root, &cache), &want);
    assert_eq!(cache.stats().0, want.1.files.len() - 2);
}

#[test]
fn a_changed_file_is_never_served_from_the_cache_even_with_its_mtime_restored() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let cache_dir = dir.path().join("cache");
    cached(&root, &Cache::open(&cache_dir));
    let file = root.join("synth").join("b00003.toml");
    let before = fs::metadata(&file).unwrap().modified().unwrap();
    let text = fs::read_to_string(&file).unwrap();
    // Same length, same mtime: only the content tells.
    let title = text.lines().find(|l| l.starts_with("title = ")).unwrap();
    assert!(title.as_bytes()[9].is_ascii_alphabetic(), "{title}");
    let changed_title = format!("title = \"X{}", &title[10..]);
    let changed = text.replacen(title, &changed_title, 1);
    assert_eq!(changed.len(), text.len());
    fs::write(&file, &changed).unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(before)
        .unwrap();
    assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), before);
    let cache = Cache::open(&cache_dir);
    let got = cached(&root, &cache);
    assert_same(&got, &cold(&root));
    assert!(
        got.0
            .briefings
            .iter()
            .any(|b| b.title.raw().starts_with('X'))
    );
    assert_eq!(
        cache.stats().1,
        1,
        "only the changed file was parsed and written"
    );
}

#[test]
fn the_cache_stays_within_its_bound() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let cache_dir = dir.path().join("cache");
    let big = Cache::open(&cache_dir);
    cached(&root, &big);
    let sizes: u64 = entries(&big)
        .iter()
        .map(|p| fs::metadata(p).unwrap().len())
        .sum();
    // Age the entries so that a fresh one can be told apart, then write one more.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for p in entries(&big) {
        fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    fs::write(
        root.join("new.toml"),
        "[briefing]\nid = \"n\"\ntitle = \"N\"\nas_of = \"2025\"\nsummary = \"s\"\n\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n",
    )
    .unwrap();
    let bound = sizes / 2;
    let small = Cache::with_limit(&cache_dir.clone(), bound);
    assert_same(&cached(&root, &small), &cold(&root));
    let left: Vec<PathBuf> = entries(&small);
    let total: u64 = left.iter().map(|p| fs::metadata(p).unwrap().len()).sum();
    assert!(total <= bound, "{total} bytes left, bound {bound}");
    // The entry just written is the most recently used: it stays.
    let newest = left
        .iter()
        .max_by_key(|p| fs::metadata(p).unwrap().modified().unwrap())
        .unwrap();
    assert!(fs::metadata(newest).unwrap().modified().unwrap() > old);
    assert_eq!(small.clear().unwrap(), left.len());
    assert!(entries(&small).is_empty());
}

fn check(root: &Path, cache: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("check")
        .args(extra)
        .arg(root)
        .env("BRIEFING_CACHE_DIR", cache)
        .output()
        .unwrap()
}

#[test]
fn two_processes_warm_the_same_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let cache_dir = dir.path().join("cache");
    let want = check(&root, &cache_dir, &["--no-cache"]);
    assert!(!cache_dir.exists(), "--no-cache writes nothing");
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["check", "--format", "json"])
            .arg(&root)
            .env("BRIEFING_CACHE_DIR", &cache_dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.status.code(), Some(1));
    assert!(a.stderr.is_empty() && b.stderr.is_empty());
    // Every entry is whole, no temporary file is left, and a third run takes every file
    // from the cache and says what a cold one says.
    let cache = Cache::open(&cache_dir);
    let files = cold(&root).1.files.len();
    let listed = entries(&cache);
    assert_eq!(listed.len(), files, "{listed:?}");
    let warm = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("check")
        .arg(&root)
        .env("BRIEFING_CACHE_DIR", &cache_dir)
        .env("BRIEFING_CACHE_STATS", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(warm.stderr).unwrap();
    let stats = format!("note: cache: {files} of {files} files from the cache, 0 written");
    assert!(stderr.contains(&stats), "{stderr}");
    let rest: String = stderr
        .lines()
        .filter(|l| !l.starts_with("note: cache:"))
        .fold(String::new(), |out, l| out + l + "\n");
    assert_eq!(rest, String::from_utf8(want.stderr).unwrap());
    assert_eq!(warm.status.code(), want.status.code());
}

#[test]
fn an_unwritable_cache_folder_means_one_quiet_note() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    // A folder under a regular file can never be made, even by root.
    let blocker = dir.path().join("blocker");
    fs::write(&blocker, "a file").unwrap();
    let cache_dir = blocker.join("cache");
    let want = check(&root, &cache_dir, &["--no-cache"]);
    let got = check(&root, &cache_dir, &[]);
    assert_eq!(got.status.code(), want.status.code());
    let (got, want) = (
        String::from_utf8(got.stderr).unwrap(),
        String::from_utf8(want.stderr).unwrap(),
    );
    let notes: Vec<&str> = got.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(notes.len(), 1, "{got}");
    assert!(
        notes[0].contains("cannot be written") && notes[0].contains("without the warm-start cache"),
        "{}",
        notes[0]
    );
    let rest: Vec<&str> = got.lines().filter(|l| !l.starts_with("note: ")).collect();
    assert_eq!(rest, want.lines().collect::<Vec<_>>());
}

/// An entry's place taken by a FIFO or by a huge sparse file: the load neither waits on the
/// FIFO nor reads the huge file, and equals a cold load.
#[cfg(unix)]
#[test]
fn a_fifo_or_a_huge_file_in_place_of_an_entry_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let want = cold(&root);
    let cache_dir = dir.path().join("cache");
    cached(&root, &Cache::open(&cache_dir));
    let cache = Cache::open(&cache_dir);
    let all = entries(&cache);
    fs::remove_file(&all[0]).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(&all[0])
            .status()
            .unwrap()
            .success()
    );
    // Sparse: it takes no room on disk, but reading it would take all the memory there is.
    fs::File::options()
        .write(true)
        .open(&all[1])
        .unwrap()
        .set_len(1 << 40)
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let got = cached(&root, &cache);
        tx.send((got, cache.stats())).unwrap();
    });
    let (got, (hits, _)) = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the load does not wait on the FIFO");
    assert_same(&got, &want);
    assert_eq!(hits, want.1.files.len() - 2, "neither odd entry was used");
}

/// Whoever can write the cache folder can make an entry with a sound checksum say anything.
/// The author's text it holds is then believed, as a file's would be, but it is made
/// display-safe again: no entry can put escapes on a terminal.
#[test]
fn a_forged_entry_cannot_bring_escapes_to_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let cache_dir = dir.path().join("cache");
    let cache = Cache::open(&cache_dir);
    let (lib, _) = cached(&root, &cache);
    let title = lib.briefings[0].title.raw().to_owned();
    assert!(title.len() > 12, "{title}");
    let file = fs::read(&lib.briefings[0].path).unwrap();
    let entry = cache.dir().join(format!("{:032x}.bin", cache.key(&file)));
    let mut bytes = fs::read(&entry).unwrap();
    // The same length, so the encoding still holds together; then a checksum to match.
    let escape = "\x1b]0;PWNED\x07";
    let evil = format!("{escape}{}", "x".repeat(title.len() - escape.len()));
    let at = bytes
        .windows(title.len())
        .position(|w| w == title.as_bytes())
        .expect("the title is in the entry");
    bytes[at..at + title.len()].copy_from_slice(evil.as_bytes());
    let sum = xxhash_rust::xxh3::xxh3_64(&bytes[40..]);
    bytes[32..40].copy_from_slice(&sum.to_le_bytes());
    fs::write(&entry, &bytes).unwrap();
    let cache = Cache::open(&cache_dir);
    let (lib, _) = cached(&root, &cache);
    assert!(cache.stats().0 > 0, "the forged entry was read");
    let shown = lib
        .briefings
        .iter()
        .find(|b| b.title.raw() == evil)
        .expect("the forged title is believed");
    assert!(
        !shown.title.safe().contains('\x1b'),
        "{:?}",
        shown.title.safe()
    );
    assert!(
        shown.title.safe().contains("^["),
        "{:?}",
        shown.title.safe()
    );
}
