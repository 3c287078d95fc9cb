//! Watching the loaded paths for changes that should trigger a reload.
//!
//! Only changes to what a load would read count: a briefing file's content, a creation, a
//! deletion or a rename of a `*.toml` file or a folder under a watched folder. Reading a file
//! (`cat`, `grep`, an editor opening it), metadata changes and hidden files (editor swap
//! files) do not. Files are watched through their folder, since editors often save by
//! renaming a new file over the old one, and each folder through its parent too, so that a
//! folder deleted and created again is watched again.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use super::diag::display_path;

/// Changes closer together than this are one reload.
const QUIET: Duration = Duration::from_millis(120);

/// A running watch; dropping it stops watching.
pub struct Watcher {
    _inner: Arc<Mutex<RecommendedWatcher>>,
}

/// One path given on the command line.
struct Root {
    path: PathBuf,
    folder: bool,
    /// The folder's identity when it was last watched, to notice it was made anew.
    identity: Option<(u64, u64)>,
}

/// Watches `paths` and calls `notify` (debounced) when a change that matters happens.
///
/// # Errors
/// When the watcher cannot be set up.
pub fn watch(paths: &[PathBuf], notify: impl Fn() + Send + 'static) -> Result<Watcher, String> {
    let (tx, rx) = mpsc::channel();
    let inner = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| e.to_string())?;
    let inner = Arc::new(Mutex::new(inner));
    // notify reports absolute paths (it joins a relative watch to the working folder), so
    // roots are made absolute too, or `briefing .` would never match an event.
    let mut roots: Vec<Root> = paths
        .iter()
        .map(|p| Root {
            path: std::path::absolute(p).unwrap_or_else(|_| p.clone()),
            folder: p.is_dir(),
            identity: None,
        })
        .collect();
    {
        let mut w = inner.lock().map_err(|e| e.to_string())?;
        for root in &mut roots {
            let parent = parent_of(&root.path);
            w.watch(&parent, RecursiveMode::NonRecursive)
                .map_err(|e| format!("cannot watch {}: {e}", display_path(&parent)))?;
            if root.folder {
                w.watch(&root.path, RecursiveMode::Recursive)
                    .map_err(|e| format!("cannot watch {}: {e}", display_path(&root.path)))?;
                root.identity = identity(&root.path);
            }
        }
    }
    let weak = Arc::downgrade(&inner);
    std::thread::spawn(move || run(&rx, &weak, &mut roots, &notify));
    Ok(Watcher { _inner: inner })
}

/// Waits for a change that matters, lets the burst settle, watches again any folder that was
/// made anew, then calls `notify`. Ends when the watcher is dropped.
fn run(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    watcher: &Weak<Mutex<RecommendedWatcher>>,
    roots: &mut [Root],
    notify: &dyn Fn(),
) {
    while let Ok(event) = rx.recv() {
        let Ok(event) = event else { continue };
        if !matters(&event, roots) {
            continue;
        }
        loop {
            match rx.recv_timeout(QUIET) {
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let Some(watcher) = watcher.upgrade() else {
            return;
        };
        if let Ok(mut w) = watcher.lock() {
            rearm(&mut w, roots);
        }
        notify();
    }
}

/// Watches again each folder that was deleted and created anew since it was last watched.
fn rearm(w: &mut RecommendedWatcher, roots: &mut [Root]) {
    for root in roots.iter_mut().filter(|r| r.folder) {
        let now = identity(&root.path);
        if now.is_some() && now != root.identity {
            let _ = w.unwatch(&root.path);
            if w.watch(&root.path, RecursiveMode::Recursive).is_ok() {
                root.identity = now;
            }
        } else if now.is_none() {
            root.identity = None;
        }
    }
}

/// True when an event could change what a load reads.
fn matters(event: &notify::Event, roots: &[Root]) -> bool {
    let kind_matters = match event.kind {
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Any
        | EventKind::Create(_)
        | EventKind::Remove(_)
        | EventKind::Modify(_)
        | EventKind::Other => true,
    };
    kind_matters
        && event
            .paths
            .iter()
            .any(|p| roots.iter().any(|r| concerns(r, p)))
}

/// True when a changed path is the root itself, or a non-hidden `*.toml` file or a folder
/// (or something that was one) under a root folder.
fn concerns(root: &Root, path: &Path) -> bool {
    if path == root.path {
        return true;
    }
    if !root.folder {
        return false;
    }
    let Ok(rest) = path.strip_prefix(&root.path) else {
        return false;
    };
    let hidden = rest
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    !hidden && (path.extension().is_none_or(|e| e == "toml") || path.is_dir())
}

fn parent_of(path: &Path) -> PathBuf {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|_| (0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, MetadataKind};

    fn event(kind: EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn only_changes_to_briefings_matter() {
        let roots = [
            Root {
                path: PathBuf::from("/b"),
                folder: true,
                identity: None,
            },
            Root {
                path: PathBuf::from("/x/one.toml"),
                folder: false,
                identity: None,
            },
        ];
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        let attrib = EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any));
        assert!(matters(&event(data, "/b/a.toml"), &roots));
        assert!(matters(&event(data, "/b/sub/a.toml"), &roots));
        assert!(matters(
            &event(EventKind::Create(CreateKind::Folder), "/b"),
            &roots
        ));
        assert!(matters(&event(data, "/x/one.toml"), &roots));
        assert!(!matters(&event(read, "/b/a.toml"), &roots));
        assert!(!matters(&event(open, "/x/one.toml"), &roots));
        assert!(!matters(&event(attrib, "/b/a.toml"), &roots));
        assert!(!matters(&event(data, "/b/.a.toml.swp"), &roots));
        assert!(!matters(&event(data, "/b/notes.txt"), &roots));
        assert!(!matters(&event(data, "/x/two.toml"), &roots));
        assert!(!matters(&event(data, "/elsewhere/a.toml"), &roots));
    }

    /// The events the system really sends when a file is only read (`cat`, an editor
    /// opening it) are all ignored; a write that follows is not.
    #[test]
    fn reading_a_file_does_not_matter_but_writing_does() {
        let dir = tempfile::tempdir().unwrap();
        let dir_path = std::fs::canonicalize(dir.path()).unwrap();
        let file = dir_path.join("a.toml");
        std::fs::write(&file, "x = 1\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let mut w = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })
        .unwrap();
        w.watch(&dir_path, RecursiveMode::Recursive).unwrap();
        for _ in 0..5 {
            let _ = std::fs::read(&file).unwrap();
        }
        // Events from one watch arrive in order: everything before the marker is a read.
        std::fs::write(dir_path.join("marker.txt"), "m").unwrap();
        let roots = [Root {
            path: dir_path.clone(),
            folder: true,
            identity: None,
        }];
        let mut reads = 0;
        loop {
            let e = rx.recv_timeout(Duration::from_secs(20)).unwrap().unwrap();
            if e.paths.iter().any(|p| p.ends_with("marker.txt")) {
                break;
            }
            reads += 1;
            assert!(!matters(&e, &roots), "{e:?}");
        }
        // The kernel merges repeated identical events, so five reads may arrive as one.
        assert!(reads >= 1, "the reads were seen");
        std::fs::write(&file, "x = 2\n").unwrap();
        let write = loop {
            let e = rx.recv_timeout(Duration::from_secs(20)).unwrap().unwrap();
            if e.paths.contains(&file) && matters(&e, &roots) {
                break e;
            }
        };
        assert!(write.paths.contains(&file));
    }
}
