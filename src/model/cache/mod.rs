//! The warm-start cache: each file's parsed and checked result, keyed by its content.
//!
//! Parsing TOML is most of a cold load. Files rarely change between two starts, so the
//! result of checking each file on its own (its drafts, its warnings or errors, and what
//! checking cost) is kept on disk and reused when a file with the same bytes is loaded again.
//! Linking still runs over every file, so the library and its diagnostics are exactly a cold
//! load's.
//!
//! - **Where**: `$BRIEFING_CACHE_DIR`, else `$XDG_CACHE_HOME/briefing`, else
//!   `~/.cache/briefing` (see [`default_dir`]); never inside a briefing folder.
//! - **Key**: the xxh3-128 hash of the file's bytes, seeded with the cache format, the
//!   program's version and the identity of the running executable, so a changed file, a
//!   new format or a rebuilt program never meets an old entry. Modification times play no
//!   part.
//! - **Entries** (see [`entry`]) carry a header with the key and an xxh3 checksum of the
//!   payload: a corrupt, truncated or foreign file is ignored and rewritten, never trusted.
//! - **Writes** go to a temporary file in the same folder and are renamed into place, so a
//!   reader sees a whole entry or none, and two processes can share the cache.
//! - **Size** is bounded ([`DEFAULT_MAX_BYTES`], or `BRIEFING_CACHE_MAX_MB`): after a load
//!   that wrote entries, the least recently used ones are removed.
//! - A folder that cannot be written means running without the cache, with one note.
//! - **Blobs**: the browser also keeps its whole first load (see `whole`) and the search
//!   index under keys made of every input ([`Cache::key_of_all`]), in entries of their own
//!   kind; whoever reads one checks that it holds together before using it.

mod entry;
mod store;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use xxhash_rust::xxh3::{xxh3_64, xxh3_128_with_seed};

pub(crate) use entry::{Outcome, Parts};

/// Bump when the cached types or their encoding change.
pub const FORMAT: u32 = 6;

/// The cache's size bound unless `BRIEFING_CACHE_MAX_MB` says otherwise: room for a
/// library of 10,000 generated briefings and then some.
pub const DEFAULT_MAX_BYTES: u64 = 1024 * 1024 * 1024;

/// A content key: the seeded xxh3-128 of a file's bytes.
pub type Key = u128;

/// An open cache folder. Shared by the loader's threads.
#[derive(Debug)]
pub struct Cache {
    /// The entries' folder: the cache folder's `v{FORMAT}` subfolder.
    dir: PathBuf,
    seed: u64,
    max_bytes: u64,
    /// Cleared when a write fails: the rest of the run goes without writing.
    writable: AtomicBool,
    /// Whether the folder has been created in this run.
    created: AtomicBool,
    /// The one note about a cache that cannot be used, until it is taken.
    note: Mutex<Option<String>>,
    /// Entries read and written in this run.
    hits: AtomicUsize,
    writes: AtomicUsize,
    /// Writes running on threads of their own (see [`Cache::write_later`]).
    pending: (Mutex<usize>, std::sync::Condvar),
}

impl Cache {
    /// A cache in `dir`, which is created on the first write.
    pub fn open(dir: &Path) -> Self {
        Self::with_limit(dir, max_bytes_from_env())
    }

    /// A cache in `dir` bounded to `max_bytes`.
    pub fn with_limit(dir: &Path, max_bytes: u64) -> Self {
        Self {
            dir: dir.join(format!("v{FORMAT}")),
            seed: seed(),
            max_bytes,
            writable: AtomicBool::new(true),
            created: AtomicBool::new(false),
            note: Mutex::new(None),
            hits: AtomicUsize::new(0),
            writes: AtomicUsize::new(0),
            pending: (Mutex::new(0), std::sync::Condvar::new()),
        }
    }

    /// Runs `write` on a thread of its own, so that what it keeps (the whole library, the
    /// search index) does not hold up the caller; [`Cache::wait_for_writes`] waits for it.
    pub fn write_later(self: &std::sync::Arc<Self>, write: impl FnOnce(&Self) + Send + 'static) {
        if let Ok(mut n) = self.pending.0.lock() {
            *n += 1;
        }
        let cache = self.clone();
        std::thread::spawn(move || {
            write(&cache);
            // What encoding made and let go goes back to the system.
            super::load::release_memory();
            if let Ok(mut n) = cache.pending.0.lock() {
                *n -= 1;
                cache.pending.1.notify_all();
            }
        });
    }

    /// Waits until the writes started with [`Cache::write_later`] are done, or `limit` has
    /// passed. Returns whether they are done. A program about to exit calls it, so that the
    /// next start finds what this one kept; a write cut short leaves only a temporary file,
    /// which trimming removes.
    pub fn wait_for_writes(&self, limit: std::time::Duration) -> bool {
        let Ok(n) = self.pending.0.lock() else {
            return false;
        };
        self.pending
            .1
            .wait_timeout_while(n, limit, |n| *n > 0)
            .is_ok_and(|(n, _)| *n == 0)
    }

    /// The cache in its usual place (see [`default_dir`]), or `None` when there is none.
    pub fn from_env() -> Option<Self> {
        default_dir(|k| std::env::var_os(k)).map(|dir| Self::open(&dir))
    }

    /// The folder entries are kept in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of a file's bytes.
    pub fn key(&self, bytes: &[u8]) -> Key {
        xxh3_128_with_seed(bytes, self.seed)
    }

    /// Entries used and written so far in this run.
    pub fn stats(&self) -> (usize, usize) {
        (
            self.hits.load(Ordering::Relaxed),
            self.writes.load(Ordering::Relaxed),
        )
    }

    /// The note to show once if the cache could not be used, e.g. an unwritable folder.
    pub fn take_note(&self) -> Option<String> {
        self.note.lock().ok()?.take()
    }

    /// The cached outcome of a file with this key, if a sound entry exists.
    pub(crate) fn get(&self, key: Key) -> Option<Outcome> {
        self.read(key, |bytes| entry::decode(bytes, key))
    }

    /// Whether a sound-looking entry is kept under `key` (a plain file of a plausible size;
    /// its checksum is verified when it is read). Marks it as used, so that trimming keeps
    /// it.
    pub(crate) fn holds(&self, key: Key) -> bool {
        store::open(&self.path_of(key), self.max_bytes).is_some()
    }

    /// Stores a file's outcome. Failures turn writing off for the rest of the run and leave
    /// one note.
    pub(crate) fn put(&self, key: Key, outcome: &Outcome) {
        if let Some([header, payload]) = entry::encode(outcome, key) {
            self.write(key, &[&header, &payload]);
        }
    }

    /// A value kept with [`Cache::put_blob`] under `key`, if a sound entry exists and
    /// decodes.
    pub fn get_blob<T: serde::de::DeserializeOwned>(&self, key: Key) -> Option<T> {
        self.get_parts(key, |parts| (parts.len() == 1).then(|| parts.decode(0))?)
    }

    /// Keeps a value under `key` in a blob entry of one part (see [`Cache::put_parts`]).
    pub fn put_blob<T: serde::Serialize>(&self, key: Key, value: &T) {
        if let Ok(payload) = postcard::to_stdvec(value) {
            self.put_parts(key, &[&payload]);
        }
    }

    /// Opens the entry kept under `key` with [`Cache::put_parts`], if a sound one exists
    /// (header and checksum), and makes something of its parts, which are read one at a
    /// time.
    pub(crate) fn get_parts<T>(
        &self,
        key: Key,
        make: impl FnOnce(&entry::Parts) -> Option<T>,
    ) -> Option<T> {
        let parts = entry::Parts::open(store::open(&self.path_of(key), self.max_bytes)?, key)?;
        let value = make(&parts)?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(value)
    }

    /// Keeps `parts` under `key` in one blob entry (header, checksum, atomic write), framed
    /// so that each can be read back alone.
    pub fn put_parts(&self, key: Key, parts: &[&[u8]]) {
        let [header, frame] = entry::blob_start(parts, key);
        let mut all = vec![header.as_slice(), frame.as_slice()];
        all.extend_from_slice(parts);
        self.write(key, &all);
    }

    /// Keeps parts under `key` as [`Cache::put_parts`] does, one part per job, made by
    /// `encode` a few at a time while they are written: a whole library or index is never
    /// held encoded. A job that cannot be encoded abandons the entry. Returns whether the
    /// entry was written.
    pub(crate) fn put_parts_each<J: Sync, B: AsRef<[u8]> + Send>(
        &self,
        key: Key,
        jobs: &[J],
        encode: impl Fn(&J) -> Option<B> + Sync,
    ) -> bool {
        self.write_blob_with(key, |file| entry::write_blob(file, key, jobs, encode))
    }

    /// Keeps parts under `key` as [`Cache::put_parts_each`] does, each job's part written
    /// by `write` straight into the entry, one after the other on this thread: nothing is
    /// held encoded. For writers off the screen's path. Returns whether the entry was
    /// written.
    pub(crate) fn put_parts_streamed<J>(
        &self,
        key: Key,
        jobs: &[J],
        write: impl Fn(&J, &mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> bool {
        self.write_blob_with(key, |file| {
            entry::write_blob_streamed(file, key, jobs, write)
        })
    }

    /// Writes a blob entry under `key` atomically with `write`, which says whether it made
    /// one; a failure turns writing off for the rest of the run and leaves one note.
    fn write_blob_with(
        &self,
        key: Key,
        write: impl FnOnce(&mut std::fs::File) -> std::io::Result<bool>,
    ) -> bool {
        if !self.writable.load(Ordering::Relaxed) {
            return false;
        }
        let written = self
            .ensure_dir()
            .and_then(|()| store::write_atomic_with(&self.dir, &self.path_of(key), write));
        match written {
            Ok(made) => {
                if made {
                    self.writes.fetch_add(1, Ordering::Relaxed);
                }
                made
            }
            Err(e) => {
                self.disable(&e);
                false
            }
        }
    }

    /// The entry under `key` made into something, counted as a hit if it could be.
    fn read<T>(&self, key: Key, make: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        let bytes = store::read(&self.path_of(key), self.max_bytes)?;
        let value = make(&bytes)?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(value)
    }

    /// Writes the entry under `key` as `parts`, one after the other; a failure turns writing
    /// off for the rest of the run and leaves one note.
    fn write(&self, key: Key, parts: &[&[u8]]) {
        if !self.writable.load(Ordering::Relaxed) {
            return;
        }
        let written = self
            .ensure_dir()
            .and_then(|()| store::write_atomic(&self.dir, &self.path_of(key), parts));
        match written {
            Ok(()) => {
                self.writes.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => self.disable(&e),
        }
    }

    /// The key of a whole load: every input's path and content hash (see [`content_hash`])
    /// or why it could not be read, in order, and what else the load depends on (`extra`).
    /// Any change to any of them gives another key.
    pub fn key_of_all<'a>(
        &self,
        inputs: impl IntoIterator<Item = (&'a Path, Result<u128, &'a str>)>,
        extra: &[u8],
    ) -> Key {
        let mut h = xxhash_rust::xxh3::Xxh3::with_seed(self.seed);
        h.update(b"a whole load\0");
        h.update(extra);
        for (path, bytes) in inputs {
            let path = path.as_os_str().as_encoded_bytes();
            h.update(&(path.len() as u64).to_le_bytes());
            h.update(path);
            match bytes {
                Ok(hash) => {
                    h.update(b"+");
                    h.update(&hash.to_le_bytes());
                }
                Err(why) => {
                    h.update(b"-");
                    h.update(&(why.len() as u64).to_le_bytes());
                    h.update(why.as_bytes());
                }
            }
        }
        h.digest128()
    }

    /// Removes the least recently used entries while the cache is over its bound, if this
    /// run wrote anything. Returns the bytes removed.
    pub fn trim(&self) -> u64 {
        if self.writes.load(Ordering::Relaxed) == 0 {
            return 0;
        }
        store::trim(&self.dir, self.max_bytes)
    }

    /// Removes every entry of this format. Returns how many were removed.
    ///
    /// # Errors
    /// When the folder exists but cannot be emptied.
    pub fn clear(&self) -> std::io::Result<usize> {
        store::clear(&self.dir)
    }

    fn path_of(&self, key: Key) -> PathBuf {
        self.dir.join(format!("{key:032x}.bin"))
    }

    fn ensure_dir(&self) -> std::io::Result<()> {
        if !self.created.load(Ordering::Relaxed) {
            std::fs::create_dir_all(&self.dir)?;
            self.created.store(true, Ordering::Relaxed);
            if let Some(root) = self.dir.parent() {
                remove_older_formats(root);
            }
        }
        Ok(())
    }

    fn disable(&self, e: &std::io::Error) {
        if self.writable.swap(false, Ordering::Relaxed)
            && let Ok(mut note) = self.note.lock()
        {
            *note = Some(format!(
                "the cache folder {} cannot be written ({}); running without the warm-start cache",
                super::diag::display_path(&self.dir),
                super::walk::describe_io(e)
            ));
        }
    }
}

/// The hash of a file's bytes that [`Cache::key_of_all`] takes.
pub fn content_hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Where the cache lives: `$BRIEFING_CACHE_DIR` if set, else `$XDG_CACHE_HOME/briefing` if
/// that is an absolute path (as the XDG base directory spec asks), else
/// `$HOME/.cache/briefing`; `None` without any of them. `var` reads the environment.
pub fn default_dir(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let set = |k: &str| var(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set("BRIEFING_CACHE_DIR") {
        return Some(dir);
    }
    if let Some(xdg) = set("XDG_CACHE_HOME").filter(|p| p.is_absolute()) {
        return Some(xdg.join("briefing"));
    }
    set("HOME")
        .filter(|p| p.is_absolute())
        .map(|home| home.join(".cache").join("briefing"))
}

/// `BRIEFING_CACHE_MAX_MB`, or the default bound.
fn max_bytes_from_env() -> u64 {
    std::env::var("BRIEFING_CACHE_MAX_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(DEFAULT_MAX_BYTES, |mb| mb.saturating_mul(1024 * 1024))
}

/// Removes the folders of older cache formats (`v3/` beside `v4/`): no build of this
/// program reads them, and trimming only bounds the current format's folder, so they would
/// stay forever. A newer format's folder is left to the newer program that may be using
/// it, and anything that is not a real folder named `v` and a number is left alone (a
/// symbolic link is not followed). Best effort: what cannot be removed stays.
fn remove_older_formats(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let older = name
            .to_str()
            .and_then(|n| n.strip_prefix('v'))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n < FORMAT);
        if older && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The key's seed: the format, the program's version, and the running executable's size
/// and modification time, so that a rebuilt program (whose checks may differ) never reads
/// an older build's entries.
fn seed() -> u64 {
    use std::fmt::Write as _;
    let mut id = format!("briefing {FORMAT} {}", env!("CARGO_PKG_VERSION"));
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
    {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let _ = write!(id, " {} {modified}", meta.len());
    }
    xxh3_64(id.as_bytes())
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |k| {
            vars.iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_folder_follows_the_xdg_rule() {
        let dir = |vars: &[(&str, &str)]| default_dir(env(vars));
        assert_eq!(
            dir(&[("BRIEFING_CACHE_DIR", "/c"), ("XDG_CACHE_HOME", "/x")]),
            Some(PathBuf::from("/c"))
        );
        assert_eq!(
            dir(&[("XDG_CACHE_HOME", "/x"), ("HOME", "/h")]),
            Some(PathBuf::from("/x/briefing"))
        );
        // A relative XDG_CACHE_HOME is invalid and ignored, as the spec says; so is an
        // empty one.
        assert_eq!(
            dir(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")]),
            Some(PathBuf::from("/h/.cache/briefing"))
        );
        assert_eq!(
            dir(&[("BRIEFING_CACHE_DIR", ""), ("HOME", "/h")]),
            Some(PathBuf::from("/h/.cache/briefing"))
        );
        assert_eq!(dir(&[]), None);
    }

    #[test]
    fn keys_depend_on_every_byte() {
        let cache = Cache::with_limit(Path::new("/nonexistent"), 0);
        let a = cache.key(b"[briefing]\nid = \"a\"\n");
        assert_eq!(a, cache.key(b"[briefing]\nid = \"a\"\n"));
        assert_ne!(a, cache.key(b"[briefing]\nid = \"b\"\n"));
        assert_ne!(a, cache.key(b"[briefing]\nid = \"a\"\n "));
    }

    #[test]
    fn writes_on_threads_of_their_own_can_be_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let cache = std::sync::Arc::new(Cache::open(dir.path()));
        let gate = std::sync::Arc::new(std::sync::Barrier::new(2));
        let opened = gate.clone();
        cache.write_later(move |c| {
            opened.wait();
            c.put_blob(7, &"kept".to_owned());
        });
        assert!(
            !cache.wait_for_writes(std::time::Duration::from_millis(50)),
            "a write still held back is not done"
        );
        gate.wait();
        assert!(cache.wait_for_writes(std::time::Duration::from_secs(20)));
        assert_eq!(cache.get_blob::<String>(7).as_deref(), Some("kept"));
        assert!(
            cache.wait_for_writes(std::time::Duration::ZERO),
            "nothing left"
        );
    }

    #[test]
    fn the_first_write_removes_older_formats_and_nothing_else() {
        let root = tempfile::tempdir().unwrap();
        let older = root.path().join(format!("v{}", FORMAT - 1));
        std::fs::create_dir_all(&older).unwrap();
        std::fs::write(older.join("0.bin"), b"old entry").unwrap();
        let newer = root.path().join(format!("v{}", FORMAT + 1));
        std::fs::create_dir_all(&newer).unwrap();
        let mine = root.path().join("v2-notes");
        std::fs::create_dir_all(&mine).unwrap();
        std::fs::write(root.path().join("v1"), b"a file, not a format").unwrap();
        // A link named like an older format: neither it nor what it points to is removed.
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("keep"), b"not the cache's").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(elsewhere.path(), root.path().join("v0")).unwrap();
        let cache = Cache::open(root.path());
        assert!(cache.get_blob::<String>(7).is_none());
        assert!(older.exists(), "reading removes nothing");
        cache.put_blob(7, &"kept".to_owned());
        assert!(!older.exists(), "the older format's folder is gone");
        assert!(newer.exists(), "a newer format's folder stays");
        assert!(mine.exists(), "a folder that only looks like one stays");
        assert!(root.path().join("v1").is_file(), "a file stays");
        assert!(
            elsewhere.path().join("keep").exists(),
            "a link is not followed"
        );
        assert_eq!(cache.get_blob::<String>(7).as_deref(), Some("kept"));
    }
}
