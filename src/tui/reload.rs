//! Live reload: watch the loaded paths, reload in the background, and never lose the last
//! good view. A file that stops parsing or validating is replaced by its last good version
//! while its new problems are reported.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use super::app::{App, Cursor, Focus, Location, Pane};
use super::panes::{self, Row, Scope};
use crate::model::{Input, ItemRef, Library, LoadOptions, Report, load_sources, read_paths};

/// Loads a set of paths, remembering each file's last good bytes.
pub struct Reloader {
    paths: Vec<PathBuf>,
    last_good: HashMap<PathBuf, Vec<u8>>,
}

impl Reloader {
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Self {
            paths,
            last_good: HashMap::new(),
        }
    }

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
pub fn watch(
    paths: &[PathBuf],
    notify: impl Fn() + Send + 'static,
) -> Result<Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>, String> {
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

impl App {
    /// Swaps in a reloaded library, keeping the pane, scope, selections, detail lines and
    /// history by id. Items that no longer exist fall back to their pane with a notice.
    pub fn swap_library(&mut self, lib: Library, report: Report) {
        let old = std::mem::replace(&mut self.lib, lib);
        self.forget_details();
        self.report = report;
        let remap = |lib: &Library, item: ItemRef| lib.find(&old.id_of(item));
        self.scope = match self.scope {
            Scope::Briefing(b) => match self.lib.find(old.briefings[b].id.raw()) {
                Some(ItemRef::Briefing(nb)) => Scope::Briefing(nb),
                _ => Scope::All,
            },
            Scope::All => Scope::All,
        };
        if self.lib.briefings.len() == 1 {
            self.scope = Scope::Briefing(0);
        }
        let mut lost = None;
        let kept: Vec<(Option<ItemRef>, Option<ItemRef>, Cursor)> = self
            .panes
            .iter()
            .map(|p| {
                let before = p.selected_item();
                (before, before.and_then(|i| remap(&self.lib, i)), p.detail)
            })
            .collect();
        for (i, pane) in Pane::ALL.iter().enumerate() {
            self.panes[i].rows = super::panes::rows(&self.lib, *pane, self.scope);
            self.panes[i].items = self.panes[i]
                .rows
                .iter()
                .filter(|r| matches!(r, Row::Item(_)))
                .count();
            let (before, after, detail) = kept[i];
            let at = after.and_then(|item| {
                self.panes[i]
                    .rows
                    .iter()
                    .position(|r| *r == Row::Item(item))
            });
            match at {
                Some(at) => {
                    self.panes[i].list.selected = at;
                    self.panes[i].detail = detail;
                }
                None => {
                    self.panes[i].list = Cursor::default();
                    self.panes[i].detail = Cursor::default();
                    if let Some(gone) = before
                        && *pane == self.pane
                    {
                        lost = Some(old.label(gone));
                        self.focus = Focus::List;
                    }
                }
            }
            Self::skip_headers(&mut self.panes[i], true);
        }
        self.axis = panes::timeline::Axis::new(&self.lib, &self.panes[Pane::Timeline.index()].rows);
        let fix = |loc: &Location, lib: &Library| -> Option<Location> {
            let item = match loc.item {
                Some(item) => Some(lib.find(&old.id_of(item))?),
                None => None,
            };
            Some(Location {
                item,
                ..loc.clone()
            })
        };
        self.back = self.back.iter().filter_map(|l| fix(l, &self.lib)).collect();
        self.forward = self
            .forward
            .iter()
            .filter_map(|l| fix(l, &self.lib))
            .collect();
        self.search.rebuild(&self.lib);
        let problems = self.report.diagnostics.len();
        self.status = Some(match lost {
            Some(label) => format!(
                "reloaded: “{}” no longer exists; back to the {} list",
                crate::model::text::one_line(&label)
                    .chars()
                    .take(40)
                    .collect::<String>(),
                self.pane.title()
            ),
            None if problems > 0 => format!(
                "reloaded with {problems} problem{} (p shows them)",
                if problems == 1 { "" } else { "s" }
            ),
            None => "reloaded".to_owned(),
        });
    }
}
