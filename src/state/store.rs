//! The state file on disk: `$XDG_STATE_HOME/briefing/state.json`, beside its lock file
//! `state.lock`.
//!
//! - Writes are atomic: a temporary file in the same folder, synced, then renamed over the
//!   old one.
//! - Every write happens under an exclusive lock on `state.lock`, and applies this
//!   browser's changes to the file as it is then, so two browsers open at once each keep
//!   the other's marks.
//! - A file that cannot be read as state, or that a newer program wrote, is moved aside
//!   (never deleted) with a warning, and the browser starts afresh.
//! - When the folder cannot be written, the browser runs and says once that its state will
//!   not be saved.

use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::file::{FORMAT, StateFile};
use super::{Change, Marks};
use crate::model::diag::display_path;

const FILE: &str = "state.json";
const LOCK: &str = "state.lock";

/// A state file larger than this is refused (and moved aside): read marks for a library of
/// 100,000 items take a few MiB.
const MAX_STATE_BYTES: u64 = 32 * 1024 * 1024;

/// The folder reading state lives in: `$XDG_STATE_HOME/briefing`, by default
/// `~/.local/state/briefing` (the platform's data folder where there is no state folder).
#[must_use]
pub fn state_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(
        base.state_dir()
            .unwrap_or_else(|| base.data_dir())
            .join("briefing"),
    )
}

/// A library's key in the state file, and its paths as people read them: the same set of
/// paths, in any order and however they were written, is the same library. No paths is
/// the bundled library.
#[must_use]
pub fn library_key(paths: &[PathBuf]) -> (String, Vec<String>) {
    if paths.is_empty() {
        return ("bundled".to_owned(), Vec::new());
    }
    let mut shown: Vec<String> = paths
        .iter()
        .map(|p| {
            let full = fs::canonicalize(p)
                .or_else(|_| std::path::absolute(p))
                .unwrap_or_else(|_| p.clone());
            full.to_string_lossy().into_owned()
        })
        .collect();
    shown.sort();
    shown.dedup();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in shown.join("\n").bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (format!("{h:016x}"), shown)
}

/// Where one library's reading state is kept, and whether it can be.
#[derive(Debug)]
pub struct Store {
    /// The folder; `None` when state is off.
    dir: Option<PathBuf>,
    key: String,
    paths: Vec<String>,
    writable: bool,
}

/// A store just opened: the library's marks, and what the user should hear about.
#[derive(Debug)]
pub struct Opened {
    /// The store, for saving.
    pub store: Store,
    /// The library's reading state.
    pub marks: Marks,
    /// Warnings: a file moved aside, state that will not be saved.
    pub warnings: Vec<String>,
}

impl Store {
    /// A store that reads and writes nothing (`--no-state`).
    #[must_use]
    pub fn off() -> Self {
        Self {
            dir: None,
            key: String::new(),
            paths: Vec::new(),
            writable: false,
        }
    }

    /// Whether changes are written to disk.
    #[must_use]
    pub fn is_saving(&self) -> bool {
        self.writable
    }

    /// The state file's path, if state is on.
    #[must_use]
    pub fn path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(FILE))
    }

    /// Opens the state of the library opened with `paths` (none: the bundled briefings) in
    /// `dir`, creating the folder if it can. Never fails: what went wrong is a warning.
    #[must_use]
    pub fn open(dir: Option<PathBuf>, paths: &[PathBuf]) -> Opened {
        let (key, shown) = library_key(paths);
        let mut warnings = Vec::new();
        let Some(dir) = dir else {
            warnings.push(
                "reading state will not be saved: there is no home folder to keep it in".into(),
            );
            return Opened {
                store: Self::off(),
                marks: Marks::default(),
                warnings,
            };
        };
        let mut store = Self {
            dir: Some(dir.clone()),
            key,
            paths: shown,
            writable: true,
        };
        let lock = match open_lock(&dir) {
            Ok(lock) => Some(lock),
            Err(e) => {
                store.writable = false;
                warnings.push(format!(
                    "reading state will not be saved: {} is not writable ({e})",
                    display_path(&dir)
                ));
                None
            }
        };
        let state = match &lock {
            Some(lock) => store.read_locked(lock, &mut warnings),
            None => read(&dir.join(FILE)).unwrap_or_default(),
        };
        let marks = state.marks(&store.key);
        Opened {
            store,
            marks,
            warnings,
        }
    }

    /// The marks kept for a library, without creating anything: for `export --bookmarks`.
    ///
    /// # Errors
    /// When the state file exists but cannot be read as state.
    pub fn peek(dir: &Path, paths: &[PathBuf]) -> Result<Marks, String> {
        let (key, _) = library_key(paths);
        match read(&dir.join(FILE)) {
            Ok(state) => Ok(state.marks(&key)),
            Err(Problem::Missing) => Ok(Marks::default()),
            Err(p) => Err(p.to_string()),
        }
    }

    /// Reads the file under the lock, moving it aside if it is not usable.
    fn read_locked(&mut self, lock: &File, warnings: &mut Vec<String>) -> StateFile {
        let Some(dir) = self.dir.clone() else {
            return StateFile::new();
        };
        if let Err(e) = lock.lock() {
            warnings.push(format!("the reading state could not be locked: {e}"));
        }
        let state = match read(&dir.join(FILE)) {
            Ok(state) => state,
            Err(Problem::Missing) => StateFile::new(),
            Err(problem) => {
                match move_aside(&dir, &problem) {
                    Ok(to) => warnings.push(format!(
                        "{problem}; it was moved to {} and reading state starts afresh",
                        display_path(&to)
                    )),
                    Err(e) => {
                        self.writable = false;
                        warnings.push(format!(
                            "{problem}, and it could not be moved aside ({e}); reading state will not be saved"
                        ));
                    }
                }
                StateFile::new()
            }
        };
        let _ = lock.unlock();
        state
    }

    /// Applies changes to the file on disk, under the lock, as they apply to the file as
    /// it is now. Does nothing when state is not saved.
    ///
    /// # Errors
    /// A message when the file cannot be written. A file that has become unreadable since
    /// it was opened is moved aside first, and that is said as an error too.
    pub fn save(&mut self, changes: &[Change]) -> Result<(), String> {
        let Some(dir) = self.dir.clone().filter(|_| self.writable) else {
            return Ok(());
        };
        if changes.is_empty() {
            return Ok(());
        }
        let lock = open_lock(&dir).map_err(|e| format!("cannot lock the reading state: {e}"))?;
        lock.lock()
            .map_err(|e| format!("cannot lock the reading state: {e}"))?;
        let mut note = None;
        let mut state = match read(&dir.join(FILE)) {
            Ok(state) => state,
            Err(Problem::Missing) => StateFile::new(),
            Err(problem) => {
                let to = move_aside(&dir, &problem).map_err(|e| format!("{problem}: {e}"))?;
                note = Some(format!("{problem}; it was moved to {}", display_path(&to)));
                StateFile::new()
            }
        };
        state.apply(&self.key, &self.paths, changes, super::now());
        let written = write_atomically(&dir, &state);
        let _ = lock.unlock();
        written.map_err(|e| format!("cannot save the reading state: {e}"))?;
        note.map_or(Ok(()), Err)
    }
}

/// Opens the lock file without blocking: a FIFO in its place cannot hang the browser, and
/// anything but a regular file is refused.
fn open_lock(dir: &Path) -> std::io::Result<File> {
    fs::create_dir_all(dir)?;
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Never through a link: one left in the state folder would have the lock made
        // wherever it points.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_NOFOLLOW);
    }
    let lock = options.open(dir.join(LOCK))?;
    if !lock.metadata()?.is_file() {
        return Err(std::io::Error::other(format!(
            "{LOCK} is not a regular file"
        )));
    }
    Ok(lock)
}

/// Why a state file could not be used.
#[derive(Debug)]
enum Problem {
    Missing,
    Unreadable(String),
    Corrupt(String),
    Newer(u64),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Missing => write!(f, "there is no reading state yet"),
            Problem::Unreadable(e) => write!(f, "the reading state file cannot be read ({e})"),
            Problem::Corrupt(e) => write!(f, "the reading state file is damaged ({e})"),
            Problem::Newer(v) => write!(
                f,
                "the reading state file is from a newer briefing (format {v}; this one reads {FORMAT})"
            ),
        }
    }
}

/// Reads the state file as briefing files are read: never blocking on a FIFO, never more
/// than [`MAX_STATE_BYTES`], only a regular file.
fn read(path: &Path) -> Result<StateFile, Problem> {
    let bytes = match crate::model::read_regular(path, MAX_STATE_BYTES, "reading state file") {
        Ok(bytes) => bytes,
        Err(e) if e.missing => return Err(Problem::Missing),
        Err(e) => return Err(Problem::Unreadable(e.reason)),
    };
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| Problem::Corrupt(e.to_string()))?;
    let format = value
        .get("format")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| Problem::Corrupt("it has no format number".into()))?;
    if format > u64::from(FORMAT) {
        return Err(Problem::Newer(format));
    }
    serde_json::from_value(value).map_err(|e| Problem::Corrupt(e.to_string()))
}

/// Renames the state file to `state.json.damaged-SECS` (or `.newer-SECS`), keeping it for
/// the user to look at.
fn move_aside(dir: &Path, problem: &Problem) -> std::io::Result<PathBuf> {
    let tag = match problem {
        Problem::Newer(_) => "newer",
        _ => "damaged",
    };
    let mut to = dir.join(format!("{FILE}.{tag}-{}", super::now()));
    let mut n = 1;
    while to.exists() {
        to = dir.join(format!("{FILE}.{tag}-{}-{n}", super::now()));
        n += 1;
    }
    fs::rename(dir.join(FILE), &to)?;
    Ok(to)
}

fn write_atomically(dir: &Path, state: &StateFile) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".state-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let json = serde_json::to_vec(state).map_err(std::io::Error::other)?;
    tmp.write_all(&json)?;
    tmp.as_file().sync_all()?;
    tmp.persist(dir.join(FILE)).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(all(test, unix))]
mod lock_tests {
    /// A link where the lock belongs is refused, and nothing is made where it points.
    #[test]
    fn the_lock_is_never_opened_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        let state = dir.path().join("state");
        std::fs::create_dir(&state).unwrap();
        std::os::unix::fs::symlink(&outside, state.join(super::LOCK)).unwrap();
        assert!(super::open_lock(&state).is_err());
        assert!(!outside.exists());
    }
}
