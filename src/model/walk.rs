//! Finding briefing files under the paths given on the command line.
//!
//! The rules, for any folder (including one reached through a symlink given as an argument):
//! - `*.toml` files are collected in sorted order; hidden entries (`.name`) are skipped.
//! - Symlinked folders are never followed, so a link loop or a link to `/` cannot trap the
//!   walk.
//! - A symlinked file is followed only if its target lies inside the folder given on the
//!   command line. A link that leaves it (to `/proc/self/environ`, a key, a credentials
//!   file) is reported and never read, so a shared repository cannot make `check` quote a
//!   secret.
//! - The walk is bounded: folders more than [`MAX_DEPTH`] levels below the argument are not
//!   entered, and a walk stops after [`MAX_ENTRIES`] entries. Both are reported.
//! - Nothing is skipped silently: a folder that cannot be listed (permissions, a path past
//!   the system's length limit) is reported by path, and so is any file that cannot be read.
//!
//! A path given on the command line is used as given: a file argument is read even when it
//! is a symlink, since the user named it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::diag::display_path;

/// Folders deeper than this below a command-line folder are not entered.
pub const MAX_DEPTH: usize = 32;

/// A walk of one command-line folder stops after this many entries (files and folders).
pub const MAX_ENTRIES: usize = 250_000;

/// Bounds on a folder walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub max_depth: usize,
    pub max_entries: usize,
}

impl Default for Bounds {
    fn default() -> Self {
        Self {
            max_depth: MAX_DEPTH,
            max_entries: MAX_ENTRIES,
        }
    }
}

/// What discovery found: a file to read, or a problem with a path.
pub(crate) enum Found {
    File(PathBuf),
    Problem(PathBuf, String),
}

/// Finds the files to load under `paths`, in a stable order.
///
/// # Errors
/// A message when a path given on the command line does not exist at all.
pub(crate) fn discover(paths: &[PathBuf], bounds: Bounds) -> Result<Vec<Found>, String> {
    let mut found = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, bounds, &mut found),
            Ok(_) => found.push(Found::File(path.clone())),
            Err(e) if fs::symlink_metadata(path).is_ok() => {
                found.push(Found::Problem(path.clone(), describe_io(&e)));
            }
            Err(e) => return Err(format!("{}: {}", display_path(path), describe_io(&e))),
        }
    }
    if paths.len() > 1 {
        once_each(&mut found);
    }
    Ok(found)
}

/// Keeps the first of the files found more than once: a file given twice, or given beside
/// a folder that holds it, is one briefing, not a briefing and its duplicate.
fn once_each(found: &mut Vec<Found>) {
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| match f {
        Found::File(path) => seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone())),
        Found::Problem(..) => true,
    });
}

/// Says what an I/O error means for a briefing file, in plain words.
pub(crate) fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file (or a symlink to nothing)".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ if e.raw_os_error() == Some(libc::ELOOP) => {
            "too many levels of symbolic links (a loop?)".into()
        }
        _ if e.raw_os_error() == Some(libc::ENAMETOOLONG) => {
            "its path is longer than the system allows (PATH_MAX)".into()
        }
        _ => e.to_string(),
    }
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// Collects `*.toml` under one command-line folder.
fn walk(root: &Path, bounds: Bounds, out: &mut Vec<Found>) {
    // Symlinked files must resolve inside the folder as the user named it.
    let inside = fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    let mut entries = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    let mut seen = 0usize;
    while let Some(next) = entries.next() {
        seen += 1;
        if seen > bounds.max_entries {
            out.push(Found::Problem(
                root.to_owned(),
                format!(
                    "stopped after {} entries: the rest of this folder is not searched; give a narrower folder",
                    bounds.max_entries
                ),
            ));
            return;
        }
        let entry = match next {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_owned();
                let why = e.io_error().map_or_else(|| e.to_string(), describe_io);
                out.push(Found::Problem(
                    path,
                    format!("cannot list this folder: {why}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let kind = entry.file_type();
        if kind.is_dir() {
            if is_toml(path) && entry.depth() > 0 {
                out.push(Found::Problem(
                    path.to_owned(),
                    "it is a directory, not a briefing file".into(),
                ));
            }
            if entry.depth() >= bounds.max_depth {
                out.push(Found::Problem(
                    path.to_owned(),
                    format!(
                        "this folder is more than {} levels below {}; its contents are not searched",
                        bounds.max_depth,
                        display_path(root)
                    ),
                ));
                entries.skip_current_dir();
            }
        } else if is_toml(path) {
            out.push(if kind.is_symlink() {
                follow(path, &inside)
            } else {
                Found::File(path.to_owned())
            });
        }
    }
}

/// Decides whether a symlinked `*.toml` found in a folder may be read.
fn follow(link: &Path, inside: &Path) -> Found {
    let problem = |why: String| Found::Problem(link.to_owned(), why);
    let target = match fs::canonicalize(link) {
        Ok(t) => t,
        Err(e) => return problem(describe_io(&e)),
    };
    if !target.starts_with(inside) {
        return problem(format!(
            "it is a symlink to a file outside {}; such links are not followed",
            display_path(inside)
        ));
    }
    match fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            problem("it is a symlink to a directory, not a briefing file".into())
        }
        _ => Found::File(link.to_owned()),
    }
}
