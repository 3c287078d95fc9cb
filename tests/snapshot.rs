//! The whole library in the warm-start cache: the browser's first load keeps the library it
//! made (and its search index) under the key of every input, and a start on the same inputs
//! takes it from there. Such a start is a cold load, byte for byte; a changed briefing or
//! text file, or a damaged entry, means loading as before.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod common;
use briefing::model::cache::Cache;
use briefing::model::{Library, Loader, Report};
use briefing::search::{Query, SearchIndex};
use common::loads::{assert_same, cold};

/// Generated briefings, a file with warnings, one with errors of its own, one that fails
/// to link, and one whose source has a text file its citation is checked against.
fn library(dir: &Path) -> PathBuf {
    let root = briefing::synth::cases::write_mixed(dir, 5, 3).unwrap();
    fs::write(
        root.join("texts.toml"),
        "[briefing]\nid = \"t\"\ntitle = \"T\"\nas_of = \"2025-02\"\nsummary = \"s\"\n\n[[sources]]\nid = \"art\"\ntitle = \"An article\"\nkind = \"news\"\ntext_file = \"article.txt\"\n\n[[actors]]\nid = \"writer\"\nname = \"A writer\"\nkind = \"person\"\nrole = \"writes\"\ncite = [{ source = \"art\", locator = \"¶1\", excerpt = \"first words\" }]\n",
    )
    .unwrap();
    fs::write(root.join("article.txt"), "The first words of it.\n").unwrap();
    root
}

/// A loader as the browser makes one: with the cache and the whole library in it.
fn browser_loader(root: &Path, cache: &Arc<Cache>) -> Loader {
    let mut loader = Loader::new(vec![root.to_path_buf()]);
    loader.use_cache(Some(cache.clone()));
    loader.use_snapshots(true);
    loader
}

/// A first load as the browser makes it, and the key of its inputs.
fn first_load(root: &Path, cache: &Arc<Cache>) -> ((Library, Report), Option<u128>) {
    let mut loader = browser_loader(root, cache);
    let loaded = loader.load_with(None).unwrap();
    (loaded, loader.whole_key())
}

/// The whole-library entries (written on threads of their own), once there are `n`.
fn blobs(cache: &Cache, n: usize) -> Vec<PathBuf> {
    let started = Instant::now();
    loop {
        let found: Vec<PathBuf> = fs::read_dir(cache.dir())
            .map(|d| d.map(|e| e.unwrap().path()).collect::<Vec<PathBuf>>())
            .unwrap_or_default()
            .into_iter()
            .filter(|p: &PathBuf| fs::read(p).is_ok_and(|b| b.starts_with(b"BRFB")))
            .collect();
        if found.len() >= n {
            return found;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} of {n} whole-library entries written",
            found.len()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The index of a load as the browser gets it: the one kept in the cache under `key` if it
/// fits, else built (and kept).
fn index_for(lib: &Library, cache: &Arc<Cache>, key: Option<u128>) -> Arc<SearchIndex> {
    let kept = key.and_then(|k| SearchIndex::read_cached(cache, k));
    SearchIndex::cached_or_built(lib, Some(cache), key, kept)
}

/// Searching `index` gives what searching a freshly built index of `lib` gives.
fn searches_alike(index: &SearchIndex, lib: &Library) {
    let fresh = SearchIndex::build(lib);
    for q in ["a", "writer", "type:quote", "oas troops", "date:2025", "zq"] {
        let q = Query::parse(q).unwrap();
        let run = |i: &SearchIndex| i.search(&q, None, &|| false);
        assert_eq!(run(index), run(&fresh), "{q:?}");
    }
}

#[test]
fn a_start_from_the_whole_library_is_a_cold_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let want = cold(&root);
    assert!(want.1.error_count() >= 2 && want.1.warning_count() >= 1);
    let at = dir.path().join("cache");
    let cache = Arc::new(Cache::open(&at));
    let (got, key) = first_load(&root, &cache);
    assert_same(&got, &want);
    let index = index_for(&got.0, &cache, key);
    searches_alike(&index, &got.0);
    blobs(&cache, 2);

    let cache = Arc::new(Cache::open(&at));
    let (got, key) = first_load(&root, &cache);
    assert_eq!(cache.stats().0, 1, "one entry read: the whole library");
    assert_same(&got, &want);
    let text = got.0.sources.iter().find_map(|s| s.text.as_ref()).unwrap();
    assert_eq!(text.paragraphs[0].text.raw(), "The first words of it.");
    let index = index_for(&got.0, &cache, key);
    assert_eq!(cache.stats().0, 2, "the index came from the cache too");
    searches_alike(&index, &got.0);
}

#[test]
fn the_index_read_beside_the_library_is_the_one_kept_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let at = dir.path().join("cache");
    let cache = Arc::new(Cache::open(&at));
    // A first start: nothing kept yet, so nothing is read beside the library.
    let mut loader = browser_loader(&root, &cache);
    let (lib, _, kept) = loader
        .load_beside(None, |key| SearchIndex::read_cached(&cache, key))
        .unwrap();
    assert!(kept.is_none(), "an index read before any was kept");
    let built = SearchIndex::cached_or_built(&lib, Some(&cache), loader.whole_key(), kept);
    blobs(&cache, 2);

    // The next start reads both at once, and the index is the one built before.
    let cache = Arc::new(Cache::open(&at));
    let mut loader = browser_loader(&root, &cache);
    let mut asked = None;
    let (lib, _, kept) = loader
        .load_beside(None, |key| {
            asked = Some(key);
            SearchIndex::read_cached(&cache, key)
        })
        .unwrap();
    assert_eq!(
        asked,
        loader.whole_key(),
        "beside gets the key of the whole load"
    );
    assert_eq!(
        cache.stats().0,
        2,
        "the library and the index, one entry each"
    );
    let kept = kept.expect("the index kept with the library");
    assert_eq!(kept.len(), built.len());
    let index = SearchIndex::cached_or_built(&lib, Some(&cache), loader.whole_key(), Some(kept));
    searches_alike(&index, &lib);

    // Without snapshots there is no key, and nothing is read beside.
    let mut loader = Loader::new(vec![dir.path().join("lib")]);
    loader.use_cache(Some(cache.clone()));
    let (_, _, kept) = loader.load_beside(None, |_| Some(())).unwrap();
    assert!(kept.is_none(), "beside ran without a key");
}

#[test]
fn a_start_from_the_whole_library_still_falls_back_to_last_good_versions() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let at = dir.path().join("cache");
    let cache = Arc::new(Cache::open(&at));
    let (before, _) = first_load(&root, &cache);
    blobs(&cache, 1);

    let cache = Arc::new(Cache::open(&at));
    let mut loader = browser_loader(&root, &cache);
    let started = loader.load_with(None).unwrap();
    assert_eq!(cache.stats().0, 1, "a start from the whole library");
    assert!(started.0 == before.0);

    // A good file breaks: the reload keeps its last good version, read after the start
    // (on a thread, which is waited for first: a file changed before it is read has none).
    loader.settle();
    let good = started
        .1
        .files
        .iter()
        .position(|f| f.path.ends_with("b00000.toml"))
        .unwrap();
    assert!(
        !started.1.diagnostics.iter().any(|d| d.file == Some(good)),
        "the file is good"
    );
    let path = started.1.files[good].path.clone();
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}\n[[[ broken")).unwrap();
    let (library, report) = loader.load_with(None).unwrap();
    assert_eq!(report.fallbacks, vec![good], "{:?}", report.fallbacks);
    assert!(
        library == before.0,
        "the library is built from the last good version"
    );
    assert_eq!(loader.whole_key(), None, "a reload is never a snapshot");

    // Last good versions are the files' cache entries, not bytes held in memory: one that
    // is gone (trimmed, or removed by another process) cannot be fallen back to, and the
    // file is shown broken, as one that never loaded would be.
    for entry in fs::read_dir(cache.dir()).unwrap() {
        let entry = entry.unwrap().path();
        if fs::read(&entry).unwrap().starts_with(b"BRFC") {
            fs::remove_file(entry).unwrap();
        }
    }
    let other = started
        .1
        .files
        .iter()
        .position(|f| f.path.ends_with("b00001.toml"))
        .unwrap();
    let path = &started.1.files[other].path;
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, format!("{text}\n[[[ broken")).unwrap();
    let (_, report) = loader.load_with(None).unwrap();
    assert!(!report.fallbacks.contains(&other), "{:?}", report.fallbacks);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.file == Some(other) && d.is_error())
    );
}

#[test]
fn a_changed_briefing_or_text_file_is_never_served_from_the_whole_library() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let at = dir.path().join("cache");
    let cache = Arc::new(Cache::open(&at));
    let _ = first_load(&root, &cache);
    blobs(&cache, 1);

    // The same length and the old modification time: only the content tells.
    let file = root.join("warn.toml");
    let before = fs::metadata(&file).unwrap().modified().unwrap();
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("title = \"W\"", "title = \"V\"");
    fs::write(&file, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let cache = Arc::new(Cache::open(&at));
    let (got, _) = first_load(&root, &cache);
    assert!(
        cache.stats().0 > 1,
        "the files came one by one, not as a whole"
    );
    assert_same(&got, &cold(&root));
    assert!(got.0.briefings.iter().any(|b| b.title.raw() == "V"));
    blobs(&cache, 2);

    // The briefings are as they were when the last whole library was kept; its text is not.
    fs::write(root.join("article.txt"), "Other words now.\n").unwrap();
    let cache = Arc::new(Cache::open(&at));
    let (got, _) = first_load(&root, &cache);
    assert!(
        cache.stats().0 > 1,
        "the files came one by one, not as a whole"
    );
    let want = cold(&root);
    assert_same(&got, &want);
    let text = got.0.sources.iter().find_map(|s| s.text.as_ref()).unwrap();
    assert_eq!(text.paragraphs[0].text.raw(), "Other words now.");
    assert!(
        want.1.render_all(false).contains("first words"),
        "the excerpt no longer found is a warning"
    );
}

#[test]
fn a_damaged_whole_library_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let want = cold(&root);
    let at = dir.path().join("cache");
    let damages: [fn(&mut Vec<u8>); 3] = [
        |b| {
            let mid = b.len() / 2;
            b[mid] ^= 0x40;
        },
        |b| b.truncate(b.len() / 3),
        |b| b[4] ^= 0xFF,
    ];
    for damage in damages {
        let _ = fs::remove_dir_all(&at);
        let cache = Arc::new(Cache::open(&at));
        let (got, key) = first_load(&root, &cache);
        let _ = index_for(&got.0, &cache, key);
        for blob in blobs(&cache, 2) {
            let mut bytes = fs::read(&blob).unwrap();
            damage(&mut bytes);
            fs::write(&blob, bytes).unwrap();
        }
        let cache = Arc::new(Cache::open(&at));
        let (got, key) = first_load(&root, &cache);
        assert_same(&got, &want);
        let index = index_for(&got.0, &cache, key);
        searches_alike(&index, &got.0);
    }
}

#[test]
fn a_first_load_hands_on_the_library_read_back_from_what_it_kept() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let want = cold(&root);
    let cache = Arc::new(Cache::open(&dir.path().join("cache")));
    let (got, key) = first_load(&root, &cache);
    assert!(key.is_some());
    // Nothing was in the cache: the one entry read is the whole library just kept, decoded
    // into memory of its own in place of the load that made it.
    assert_eq!(cache.stats().0, 1);
    assert_same(&got, &want);
}

#[test]
fn a_kept_library_that_cannot_be_read_back_means_loading_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = library(dir.path());
    let want = cold(&root);
    // Entries are written, but none this large is ever read.
    let cache = Arc::new(Cache::with_limit(&dir.path().join("cache"), 64));
    let (got, key) = first_load(&root, &cache);
    assert_eq!(key, None, "a load made again is kept under no key");
    assert_eq!(cache.stats().0, 0);
    assert_same(&got, &want);
}
