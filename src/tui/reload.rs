//! Live reload: watch the loaded paths and load them again, never losing the last good
//! view. A file that stops parsing or validating is replaced by its last good version
//! while its new problems are reported. The app swaps the result in
//! ([`crate::tui::action::Action::Reloaded`]); the event loop runs the load on a thread.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use crate::model::{Input, Library, LoadOptions, Report, load_sources, read_paths};

/// A running watcher; dropping it stops watching.
pub type Watcher = Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>;

/// Loads a set of paths, remembering each file's last good bytes.
pub struct Reloader {
    paths: Vec<PathBuf>,
    last_good: HashMap<PathBuf, Vec<u8>>,
}

impl Reloader {
    /// A reloader for the paths given on the command line.
    #[must_use]
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Self {
            paths,
            last_good: HashMap::new(),
        }
    }

    /// The paths it loads.
    #[must_use]
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Loads the current files. Files with errors fall back to their last good version (if
    /// there is one); the report describes the files as they are now.
    ///
    /// # Errors
    /// When a path given on the command line cannot be used at all.
    pub fn load(&mut self) -> Result<(Library, Report), String> {
        let opts = LoadOptions::default();
        let inputs = read_paths(&self.paths, opts)?;
        let (library, report) = load_sources(inputs.clone(), opts);
        let mut bad: Vec<&Path> = report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .filter_map(|d| d.file.map(|f| report.files[f].path.as_path()))
            .collect();
        bad.sort_unstable();
        bad.dedup();
        for (path, bytes) in &inputs {
            if let Ok(bytes) = bytes
                && bad.binary_search(&path.as_path()).is_err()
            {
                self.last_good.insert(path.clone(), bytes.clone());
            }
        }
        if bad.is_empty() || !bad.iter().any(|p| self.last_good.contains_key(*p)) {
            return Ok((library, report));
        }
        let mixed: Vec<Input> = inputs
            .into_iter()
            .map(|(path, bytes)| match self.last_good.get(&path) {
                Some(good) if bad.binary_search(&path.as_path()).is_ok() => {
                    (path, Ok(good.clone()))
                }
                _ => (path, bytes),
            })
            .collect();
        let (library, _) = load_sources(mixed, opts);
        Ok((library, report))
    }
}

/// Watches paths and calls `notify` (debounced) when anything under them changes.
///
/// Files are watched through their folder, since editors often save by renaming a new file
/// over the old one.
///
/// # Errors
/// When the watcher cannot be set up.
pub fn watch(paths: &[PathBuf], notify: impl Fn() + Send + 'static) -> Result<Watcher, String> {
    let mut debouncer = new_debouncer(
        Duration::from_millis(120),
        move |res: DebounceEventResult| {
            if res.is_ok_and(|events| !events.is_empty()) {
                notify();
            }
        },
    )
    .map_err(|e| e.to_string())?;
    for path in paths {
        let (target, mode) = if path.is_dir() {
            (path.clone(), RecursiveMode::Recursive)
        } else {
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            (parent.to_path_buf(), RecursiveMode::NonRecursive)
        };
        debouncer.watcher().watch(&target, mode).map_err(|e| {
            format!(
                "cannot watch {}: {e}",
                crate::model::diag::display_path(&target)
            )
        })?;
    }
    Ok(debouncer)
}

/// Sends a message on a channel; used as the watcher callback.
pub fn send_on<T: Send + 'static>(tx: Sender<T>, make: fn() -> T) -> impl Fn() + Send + 'static {
    move || {
        let _ = tx.send(make());
    }
}
