//! Loading that never loses the last good view: the policy behind live reload.
//!
//! A [`Loader`] remembers the last good bytes of every file (compressed, see [`Good`]). When a file breaks, the library
//! is built from its last good version instead, while the report describes the file as it is
//! now. The rule, which a property test checks:
//!
//! > The library after a load equals a fresh load of the same files, with each broken file
//! > replaced by its last good bytes if it has them.
//!
//! A file is broken when it has an error in that load, whether on its own (syntax, types) or
//! in the library (a reference to nothing, a clashing id). Replacing one file can break
//! another, so the replacement repeats until no broken file has a last good version left to
//! try. Each file is replaced at most once, so this ends.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::cache::{Cache, Key};
use super::diag::{Diagnostic, FileId, Report, SourceFile};
use super::load::{Derived, Hashed, Hooks, ParsedFile, assemble_with, hash_paths, parse_all};
use super::one_file::parse_one;
use super::passage::TextRead;
use super::progress::{Phase, Progress};
use super::whole;
use super::{Input, Library, LoadOptions, Texts};

/// Loads a set of paths, remembering each file's last good bytes.
pub struct Loader {
    paths: Vec<PathBuf>,
    opts: LoadOptions,
    last_good: HashMap<PathBuf, Good>,
    /// The warm-start cache every load uses, if any.
    cache: Option<Arc<Cache>>,
    /// Whether the first load keeps (and looks for) the whole library in the cache.
    snapshots: bool,
    /// The key of the whole first load, when it went through the cache.
    whole_key: Option<Key>,
    /// The last good versions of a start from a snapshot, being read on a thread.
    filling: Option<std::thread::JoinHandle<HashMap<PathBuf, Good>>>,
    /// Whether a load has run: only the first can start from a snapshot.
    loaded: bool,
}

/// One file as a load holds it while the load runs.
type Current = (PathBuf, Result<Held, String>);

/// A file's bytes as a load holds them. A load from disk lets each file's bytes go once
/// they are parsed, keeping what a last good version keeps instead (its cache entry, or
/// the bytes compressed): holding every file's bytes until linking was done would cost as
/// much memory again as the TOML.
enum Held {
    /// Bytes given by the caller ([`Loader::load_inputs`]).
    Bytes(Arc<Vec<u8>>),
    /// Bytes read from disk, parsed and let go.
    Kept(Good),
}

impl Held {
    /// The content hash of the bytes (see [`super::cache::content_hash`]).
    fn hash(&self) -> u128 {
        match self {
            Self::Bytes(b) => super::cache::content_hash(b),
            Self::Kept(good) => good.hash,
        }
    }

    /// The bytes: as given, unpacked, or read again from `path` if they still hash the
    /// same. `None` when they cannot be had this way (the file changed since).
    fn bytes(&self, path: &std::path::Path, cap: u64) -> Option<Vec<u8>> {
        match self {
            Self::Bytes(b) => Some(b.to_vec()),
            Self::Kept(good) => good.bytes().or_else(|| {
                let bytes = super::load::read_capped(path, cap).ok()?;
                good.holds(&bytes).then_some(bytes)
            }),
        }
    }

    /// What is kept of the bytes as their last good version.
    fn good(&self, cache: Option<&Cache>) -> Good {
        match self {
            Self::Bytes(b) => Good::keep(b, cache),
            Self::Kept(good) => good.clone(),
        }
    }
}

/// What a replaced file looks like now: its source and its current problems.
struct Now {
    file: SourceFile,
    diagnostics: Vec<Diagnostic>,
}

impl Loader {
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Self::with_options(paths, LoadOptions::default())
    }

    pub fn with_options(paths: Vec<PathBuf>, opts: LoadOptions) -> Self {
        Self {
            paths,
            opts,
            last_good: HashMap::new(),
            cache: None,
            snapshots: false,
            whole_key: None,
            filling: None,
            loaded: false,
        }
    }

    /// Keeps the whole library of the first load in the cache, and starts from it when no
    /// input has changed (the browser's warm start). Needs a cache ([`Loader::use_cache`]).
    pub fn use_snapshots(&mut self, on: bool) {
        self.snapshots = on;
    }

    /// The key of the whole first load, when it went through the cache with snapshots on:
    /// what else depends on exactly these inputs (the search index) can be kept under it.
    pub fn whole_key(&self) -> Option<Key> {
        self.whole_key
    }

    /// Uses a warm-start cache for every load from now on.
    pub fn use_cache(&mut self, cache: Option<Arc<Cache>>) {
        self.cache = cache;
    }

    /// The paths this loader loads, as given.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Reads and loads the files as they are now.
    ///
    /// # Errors
    /// When a path given on the command line cannot be used at all.
    pub fn load(&mut self) -> Result<(Library, Report), String> {
        self.load_with(None)
    }

    /// Reads and loads the files as they are now, reporting progress.
    ///
    /// # Errors
    /// When a path given on the command line cannot be used at all.
    pub fn load_with(&mut self, progress: Option<&Progress>) -> Result<(Library, Report), String> {
        self.load_beside(progress, |_| None::<()>)
            .map(|(library, report, _)| (library, report))
    }

    /// As [`Loader::load_with`], also running `beside` with the key of the whole load (see
    /// [`Loader::whole_key`]) while a snapshot of the library is read and decoded: what
    /// else was kept under that key (the search index) is then read at the same time, on
    /// the other cores. `beside` runs only when there is a key, and its answer is `None`
    /// otherwise; whoever uses it checks that it fits the library.
    ///
    /// # Errors
    /// When a path given on the command line cannot be used at all.
    pub fn load_beside<T: Send>(
        &mut self,
        progress: Option<&Progress>,
        beside: impl FnOnce(Key) -> Option<T> + Send,
    ) -> Result<(Library, Report, Option<T>), String> {
        progress.inspect(|p| p.phase(Phase::Finding));
        self.settle();
        let first = !std::mem::replace(&mut self.loaded, true);
        // Only a first load can be a snapshot: later ones may fall back to last good bytes.
        let cache = match &self.cache {
            Some(cache) if self.snapshots && first => cache.clone(),
            _ => {
                self.whole_key = None;
                let (library, report, _) = self.load_cold(progress, None)?;
                return Ok((library, report, None));
            }
        };
        // The files are hashed, not kept: a start from the snapshot needs only their
        // hashes, and reads their bytes (the last good versions) afterwards.
        let hashed = hash_paths(&self.paths, self.opts)?;
        let key = key_of(
            &cache,
            hashed
                .iter()
                .map(|(p, h)| (p.as_path(), h.as_ref().map(|h| *h).map_err(String::as_str))),
            self.opts,
            &self.paths,
        );
        let (whole, besides) = rayon::join(
            || {
                cache
                    .get_parts(key, whole::decode)
                    .filter(|w| w.library.is_sound() && report_sound(&w.report))
                    .filter(|w| w.texts.iter().all(TextRead::unchanged))
            },
            || beside(key),
        );
        if let Some(whole) = whole {
            self.whole_key = Some(key);
            self.remember_later(hashed, &whole.report);
            return Ok((whole.library, whole.report, besides));
        }
        // The files are read now, and the load is kept under the key of what was read: a
        // file may have changed since it was hashed.
        let (library, report, read) = self.load_cold(progress, Some(&cache))?;
        self.whole_key = read;
        let besides = besides.filter(|_| read == Some(key));
        Ok((library, report, besides))
    }

    /// After a start from a snapshot, reads the files that were good on a thread of its own,
    /// keeping each as its last good version if it still has the bytes that were hashed.
    /// The next load waits for it ([`Loader::settle`]). A file changed in between has no
    /// last good version, as if it had never loaded.
    fn remember_later(&mut self, hashed: Vec<Hashed>, report: &Report) {
        let broken = broken_files(report);
        let good: Vec<(PathBuf, u128)> = hashed
            .into_iter()
            .enumerate()
            .filter(|(i, _)| broken.binary_search(i).is_err())
            .filter_map(|(_, (path, hash))| Some((path, hash.ok()?)))
            .collect();
        let cap = self.opts.max_file_bytes;
        let cache = self.cache.clone();
        self.filling = Some(std::thread::spawn(move || {
            good.into_iter()
                .filter_map(|(path, hash)| {
                    let bytes = super::load::read_capped(&path, cap).ok()?;
                    (super::cache::content_hash(&bytes) == hash)
                        .then(|| (path, Good::keep(&bytes, cache.as_deref())))
                })
                .collect()
        }));
    }

    /// Waits for the last good versions being read after a start from a snapshot (see
    /// [`Loader::load_beside`]); every load does so first.
    pub fn settle(&mut self) {
        if let Some(filling) = self.filling.take()
            && let Ok(good) = filling.join()
        {
            self.last_good = good;
        }
    }

    /// Reads and loads the files through the per-file cache (if any). With `snapshot`, the
    /// whole library is kept in that cache under the key of the files as read, when it is a
    /// plain load of them; that key is returned.
    fn load_cold(
        &mut self,
        progress: Option<&Progress>,
        snapshot: Option<&Arc<Cache>>,
    ) -> Result<(Library, Report, Option<Key>), String> {
        let cache = self.cache.clone();
        let hooks = Hooks {
            cache: cache.as_deref(),
            progress,
        };
        let (current, parsed) = read_and_parse(&self.paths, self.opts, hooks)?;
        let key = snapshot.map(|cache| {
            key_of(
                cache,
                current.iter().map(|(p, held)| {
                    (
                        p.as_path(),
                        held.as_ref().map(Held::hash).map_err(String::as_str),
                    )
                }),
                self.opts,
                &self.paths,
            )
        });
        // A library kept whole in the cache is read back from it, packed (see
        // [`compacted`]): its texts need not be copied as it is built. Should that fail,
        // the library is kept as built, a few MiB larger.
        let built = if snapshot.is_some() {
            Texts::AsParsed
        } else {
            self.opts.texts
        };
        let (mut loaded, texts) = self.load_parsed(&current, parsed, hooks, built);
        // What is kept of each file goes before the library is kept.
        drop(current);
        // The drafts are gone: their memory serves the search index instead.
        super::load::release_memory();
        if let (Some(cache), Some(key), Some(texts)) = (snapshot, key, texts) {
            progress.inspect(|p| p.phase(Phase::Keeping));
            // Written before the library is handed on, as it is encoded: encoding it whole
            // for a thread to write later held it twice, with its search index built.
            if whole::keep(cache, key, &loaded.0, &loaded.1, &texts) {
                loaded = match compacted(cache, key, loaded) {
                    Some(loaded) => loaded,
                    // The entry just written cannot be read back (another process may
                    // have trimmed it): loaded again, without a snapshot.
                    None => return self.load_cold(progress, None),
                };
            }
        }
        if let Some(cache) = cache {
            cache.trim();
        }
        let (library, report) = loaded;
        Ok((library, report, key))
    }

    /// Loads already-read files under the last-good policy. The report lists every file as it
    /// is now, and also, as extra files, the last good versions the library was built from
    /// (see [`Report::fallbacks`]).
    pub fn load_inputs(&mut self, inputs: Vec<Input>) -> (Library, Report) {
        self.settle();
        self.loaded = true;
        let current: Vec<Current> = inputs
            .into_iter()
            .map(|(p, b)| (p, b.map(|b| Held::Bytes(Arc::new(b)))))
            .collect();
        let none: Vec<Option<Now>> = current.iter().map(|_| None).collect();
        let parsed = self.parse(&current, &none, Hooks::default());
        self.load_parsed(&current, parsed, Hooks::default(), self.opts.texts)
            .0
    }

    /// Loads parsed files under the last-good policy; also returns the text files read,
    /// when the library is a plain load of the files (no file fell back to its last good
    /// version). `parsed` is the first pass over `current`.
    fn load_parsed(
        &mut self,
        current: &[Current],
        parsed: Vec<ParsedFile>,
        hooks: Hooks<'_>,
        built: Texts,
    ) -> ((Library, Report), Option<Vec<TextRead>>) {
        let mut replaced: Vec<Option<Now>> = current.iter().map(|_| None).collect();
        // Files whose last good version turned out not to be had.
        let mut unavailable = vec![false; current.len()];
        let mut first = Some(parsed);
        let mut texts;
        let (library, report) = loop {
            // Progress is for the first pass; the cache serves every pass.
            let pass = Hooks {
                progress: None,
                ..hooks
            };
            let mut parsed = match first.take() {
                Some(parsed) => parsed,
                None => self.parse(current, &replaced, pass),
            };
            texts = parsed
                .iter()
                .flat_map(|p| p.texts.iter().cloned())
                .collect();
            // Files broken on their own are replaced before linking.
            for i in 0..parsed.len() {
                if parsed[i].failed() && replaced[i].is_none() && self.has_other(&current[i]) {
                    // A version that cannot be had after all (its cache entry damaged) is as
                    // if there were none.
                    match self.parse_last_good(&current[i]) {
                        Some(good) => {
                            let now = std::mem::replace(&mut parsed[i], good);
                            replaced[i] = Some(Now::from_parsed(now, i));
                        }
                        None => unavailable[i] = true,
                    }
                }
            }
            hooks.progress.inspect(|p| p.phase(Phase::Linking));
            // Texts let go while parsing come back from the bytes this pass parsed.
            let cap = self.opts.max_file_bytes;
            let parsed_bytes = |i: usize, _: &std::path::Path| {
                let (path, held) = &current[i];
                match (&replaced[i], self.last_good.get(path)) {
                    (Some(_), Some(good)) => good.bytes(),
                    _ => held.as_ref().ok()?.bytes(path, cap),
                }
            };
            let (library, report) =
                assemble_with(parsed, &parsed_bytes, built, Derived::All, &self.paths);
            let broken = broken_files(&report);
            let mut newly: Vec<FileId> = Vec::new();
            for i in broken {
                if replaced[i].is_none() && !unavailable[i] && self.has_other(&current[i]) {
                    // Tried now, so that a version that cannot be had (its cache entry
                    // damaged) is as if there were none, as for a file broken on its own.
                    if self.parse_last_good(&current[i]).is_some() {
                        newly.push(i);
                    } else {
                        unavailable[i] = true;
                    }
                }
            }
            if newly.is_empty() {
                break (library, report);
            }
            drop(library);
            for i in newly {
                replaced[i] = Some(Now::from_report(&report, i));
            }
        };
        self.remember(current, &replaced, &report);
        let plain = replaced.iter().all(Option::is_none);
        (
            (library, merge_reports(report, replaced)),
            plain.then_some(texts),
        )
    }

    /// True when the file has a last good version, still to be had, that differs from what
    /// it holds now.
    fn has_other(&self, (path, held): &Current) -> bool {
        self.last_good.get(path).is_some_and(|good| {
            held.as_ref().map_or(true, |h| h.hash() != good.hash)
                && good.at_hand(self.cache.as_deref())
        })
    }

    /// Parses the files again (a later pass of a load), each at its last good version if
    /// it is replaced, else at the bytes the load holds.
    fn parse(
        &self,
        current: &[Current],
        replaced: &[Option<Now>],
        hooks: Hooks<'_>,
    ) -> Vec<ParsedFile> {
        let cap = self.opts.max_file_bytes;
        let cache = self.cache.as_deref();
        // Each file's bytes are copied (or read again) on the worker that parses it, so a
        // pass never holds a second copy of every file.
        let inputs: Vec<(usize, &Current)> = current.iter().enumerate().collect();
        let mut parsed = super::load::parallel_map(inputs, self.opts, |(i, (path, held))| {
            if replaced[i].is_some() {
                return None;
            }
            let parsed = match held {
                Ok(h) => match (h.bytes(path, cap), h, cache) {
                    (Some(bytes), _, _) => {
                        parse_one(path, Ok(bytes), hooks.cache, false, self.opts.text_files)
                    }
                    // Changed on disk since this load read it: the checked result of the
                    // bytes read, from the cache.
                    (None, Held::Kept(good), Some(cache)) => good
                        .parsed_from_cache(path, cache, self.opts.text_files)
                        .unwrap_or_else(|| failed(path, CHANGED)),
                    (None, _, _) => failed(path, CHANGED),
                },
                Err(why) => failed(path, why),
            };
            Some(parsed)
        });
        current
            .iter()
            .zip(parsed.iter_mut())
            .map(|(c, p)| {
                p.take()
                    .or_else(|| self.parse_last_good(c))
                    .unwrap_or_else(|| failed(&c.0, LOST))
            })
            .collect()
    }

    /// A file at its last good version: its checked result from the cache, or its bytes
    /// parsed again.
    fn parse_last_good(&self, (path, _): &Current) -> Option<ParsedFile> {
        let good = self.last_good.get(path)?;
        if let Some(cache) = &self.cache
            && let Some(parsed) = good.parsed_from_cache(path, cache, self.opts.text_files)
        {
            return Some(parsed);
        }
        let input = (path.clone(), Ok(good.bytes()?));
        parse_all(vec![input], self.opts).pop()
    }

    /// Files shown as they are now and without errors become the new last good versions;
    /// files that are gone are forgotten.
    fn remember(&mut self, current: &[Current], replaced: &[Option<Now>], report: &Report) {
        use rayon::iter::{
            IndexedParallelIterator as _, IntoParallelRefIterator as _, ParallelIterator as _,
        };
        let broken = broken_files(report);
        let last = &self.last_good;
        let cache = self.cache.as_deref();
        let next: Vec<(PathBuf, Good)> = current
            .par_iter()
            .enumerate()
            .filter_map(|(i, (path, held))| {
                let kept = last.get(path);
                let good = match (&replaced[i], held) {
                    (None, Ok(h)) if broken.binary_search(&i).is_err() => match kept {
                        // Unchanged files keep what is already kept.
                        Some(good) if good.hash == h.hash() => good.clone(),
                        _ => h.good(cache),
                    },
                    _ => kept?.clone(),
                };
                Some((path.clone(), good))
            })
            .collect();
        self.last_good = next.into_iter().collect();
    }
}

/// Finds the files under `paths`, and reads, parses and checks each on a worker, which
/// lets its bytes go once it has kept what a last good version keeps (see [`Held`]).
fn read_and_parse(
    paths: &[PathBuf],
    opts: LoadOptions,
    hooks: Hooks<'_>,
) -> Result<(Vec<Current>, Vec<ParsedFile>), String> {
    let done = super::load::read_each(paths, opts, hooks.progress, |path, bytes| {
        // A copy for as long as the file is parsed: what is kept of it depends on whether
        // parsing left its checked result in the cache.
        let copy = bytes.clone();
        let parsed = parse_one(&path, bytes, hooks.cache, false, opts.text_files);
        let held = copy.map(|b| Held::Kept(Good::keep(&b, hooks.cache)));
        ((path, held), parsed)
    })?;
    Ok(done.into_iter().unzip())
}

/// A file that fails in a later pass of a load, and why: it could not be read, its bytes
/// changed on disk since the load read them, or its last good version's cache entry was
/// damaged or removed in the meantime.
fn failed(path: &std::path::Path, why: &str) -> ParsedFile {
    parse_one(path, Err(why.to_owned()), None, false, false)
}

/// Why a file changed on disk during a load fails in a later pass.
const CHANGED: &str = "it changed while it was being loaded";

/// Why a file whose last good version was lost fails in a later pass.
const LOST: &str = "its last good version could not be read back from the cache";

/// The key of a whole load of files with these hashes (or reasons they could not be read)
/// with `opts`: see [`Cache::key_of_all`].
fn key_of<'a>(
    cache: &Cache,
    files: impl IntoIterator<Item = (&'a std::path::Path, Result<u128, &'a str>)>,
    opts: LoadOptions,
    given: &[PathBuf],
) -> Key {
    // The paths as given too: the same files named one by one or found in a folder are
    // told differently of references no loaded file defines (see `assemble_with`).
    let extra = format!(
        "text_files={} max={} given={given:?}",
        opts.text_files, opts.max_file_bytes
    );
    cache.key_of_all(files, extra.as_bytes())
}

/// Whether a report read back from the cache only names files it lists.
fn report_sound(report: &Report) -> bool {
    let n = report.files.len();
    report.fallbacks.iter().all(|&f| f < n)
        && report
            .diagnostics
            .iter()
            .all(|d| d.file.is_none_or(|f| f < n) && d.related.iter().all(|r| r.at.file < n))
}

/// A first load as the snapshot just kept under `key` gives it back, or `None` if that
/// cannot be read. A cold load leaves the library's blocks spread over pages among those
/// of the parse trees and drafts it made and let go, which stay partly used for as long as
/// the library lives; the same library decoded into freed memory packs them: a browser
/// started cold on 1,000 generated briefings then holds about 7 MiB less, as much as a warm
/// start, for the price of a warm start's decoding (about 80 ms). The first library is let
/// go before the second is made, so the two are never held at once.
fn compacted(cache: &Cache, key: Key, loaded: (Library, Report)) -> Option<(Library, Report)> {
    drop(loaded);
    super::load::release_memory();
    // Checked as a warm start checks it: the folder is shared with other processes.
    let whole = cache
        .get_parts(key, whole::decode)
        .filter(|w| w.library.is_sound() && report_sound(&w.report))?;
    Some((whole.library, whole.report))
}

/// Files with an error of their own in a report, sorted.
fn broken_files(report: &Report) -> Vec<FileId> {
    let mut v: Vec<FileId> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.file)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Now {
    /// A file that failed on its own: its diagnostics still use file 0.
    fn from_parsed(parsed: ParsedFile, id: FileId) -> Self {
        let diagnostics = match parsed.outcome {
            super::load::Parsed::Failed(d) => d,
            super::load::Parsed::Ok(c) => c.diagnostics,
        };
        let diagnostics = diagnostics
            .into_iter()
            .map(|mut d| {
                d.file = d.file.map(|_| id);
                d.related.iter_mut().for_each(|r| r.at.file = id);
                d
            })
            .collect();
        Self {
            file: parsed.file,
            diagnostics,
        }
    }

    /// A file that failed in the library: its diagnostics from that load. Places they point
    /// to in other files are dropped, since those files may be shown at another version.
    fn from_report(report: &Report, id: FileId) -> Self {
        let diagnostics = report
            .diagnostics
            .iter()
            .filter(|d| d.file == Some(id))
            .map(|d| {
                let mut d = d.clone();
                d.related.retain(|r| r.at.file == id);
                d
            })
            .collect();
        Self {
            file: report.files[id].clone(),
            diagnostics,
        }
    }
}

/// The report of the load that built the library, with each replaced file shown as it is
/// now and its last good version added as an extra file.
fn merge_reports(mut report: Report, replaced: Vec<Option<Now>>) -> Report {
    let mut extra: HashMap<FileId, FileId> = HashMap::new();
    for (i, r) in replaced.iter().enumerate() {
        if r.is_some() {
            let mut good = report.files[i].clone();
            good.display = format!("{} (last good version)", good.display);
            extra.insert(i, report.files.len());
            report.files.push(good);
        }
    }
    let remap = |f: FileId| extra.get(&f).copied().unwrap_or(f);
    for d in &mut report.diagnostics {
        d.file = d.file.map(remap);
        d.related
            .iter_mut()
            .for_each(|r| r.at.file = remap(r.at.file));
    }
    let mut now_diagnostics = Vec::new();
    for (i, r) in replaced.into_iter().enumerate() {
        if let Some(now) = r {
            report.files[i] = now.file;
            now_diagnostics.extend(now.diagnostics);
            report.fallbacks.push(i);
        }
    }
    now_diagnostics.append(&mut report.diagnostics);
    report.diagnostics = now_diagnostics;
    super::load::keep_needed_text(&mut report);
    report
}

/// A file's last good version. It is needed only when the file breaks, and holding every
/// file as it is would cost as much memory again as the library's TOML. So with a cache, it
/// is the file's entry there (its checked result, kept under its content); without one, or
/// when the entry could not be written, the bytes compressed (LZ4, about a quarter of the
/// TOML).
#[derive(Clone)]
struct Good {
    /// The content hash of the bytes (see [`super::cache::content_hash`]).
    hash: u128,
    kept: Kept,
}

#[derive(Clone)]
enum Kept {
    /// The cache entry under this key.
    Cached(Key),
    /// The bytes, LZ4-compressed with their size first.
    Packed(Arc<[u8]>),
}

impl Good {
    /// The version in `bytes`: its cache entry if `cache` holds one, else the bytes.
    fn keep(bytes: &[u8], cache: Option<&Cache>) -> Self {
        let key = cache
            .map(|c| c.key(bytes))
            .filter(|&k| cache.is_some_and(|c| c.holds(k)));
        Self {
            hash: super::cache::content_hash(bytes),
            kept: match key {
                Some(key) => Kept::Cached(key),
                None => Kept::Packed(lz4_flex::compress_prepend_size(bytes).into()),
            },
        }
    }

    /// Whether `bytes` are this version.
    fn holds(&self, bytes: &[u8]) -> bool {
        super::cache::content_hash(bytes) == self.hash
    }

    /// Whether the version can still be had: a cache entry may have been removed since
    /// (by trimming, or by another process).
    fn at_hand(&self, cache: Option<&Cache>) -> bool {
        match &self.kept {
            Kept::Cached(key) => cache.is_some_and(|c| c.holds(*key)),
            Kept::Packed(_) => true,
        }
    }

    /// The bytes, when they are kept.
    fn bytes(&self) -> Option<Vec<u8>> {
        match &self.kept {
            Kept::Cached(_) => None,
            Kept::Packed(packed) => lz4_flex::decompress_size_prepended(packed).ok(),
        }
    }

    /// The version parsed, from its cache entry (with no text to quote: its diagnostics,
    /// if any, name the file alone).
    fn parsed_from_cache(
        &self,
        path: &std::path::Path,
        cache: &Cache,
        text_files: bool,
    ) -> Option<ParsedFile> {
        match &self.kept {
            Kept::Cached(key) => super::one_file::from_entry(path, *key, cache, text_files),
            Kept::Packed(_) => None,
        }
    }
}
