//! Finding, reading and parsing briefing files, in parallel, then handing them to `link`.
//!
//! One bad file never stops the others: every problem becomes a diagnostic naming its path,
//! and the files that are sound load. The result does not depend on the thread count.

use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::diag::{Diagnostic, Report, SourceFile, display_path};
use super::{Library, check, link, nesting};

/// Files larger than this are refused: no real briefing comes close.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The briefings compiled into the binary, as (virtual path, contents).
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "briefings/haiti-2025-05.toml",
        include_str!("../../briefings/haiti-2025-05.toml"),
    ),
    (
        "briefings/haiti-2025-10.toml",
        include_str!("../../briefings/haiti-2025-10.toml"),
    ),
];

/// How to load.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    /// Worker threads for reading and parsing; 0 means one per core.
    pub threads: usize,
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            threads: 0,
            max_file_bytes: MAX_FILE_BYTES,
        }
    }
}

impl LoadOptions {
    fn worker_count(self, jobs: usize) -> usize {
        let wanted = if self.threads == 0 {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        } else {
            self.threads
        };
        wanted.clamp(1, jobs.max(1))
    }
}

/// Loads the bundled briefings.
pub fn load_bundled() -> (Library, Report) {
    let files = BUNDLED
        .iter()
        .map(|(path, text)| (PathBuf::from(path), Ok((*text).as_bytes().to_vec())))
        .collect();
    load_sources(files, LoadOptions::default())
}

/// What discovery found: a file to read, or a problem with a path.
enum Found {
    File(PathBuf),
    Problem(PathBuf, String),
}

/// Loads files and folders (recursively, `*.toml`, sorted).
///
/// Returns `Err` only when a path given on the command line cannot be used at all, which is
/// a usage or I/O failure rather than a problem in a briefing.
pub fn load_paths(paths: &[PathBuf], opts: LoadOptions) -> Result<(Library, Report), String> {
    Ok(load_sources(read_paths(paths, opts)?, opts))
}

/// A file's path and its bytes, or why they could not be read.
pub type Input = (PathBuf, Result<Vec<u8>, String>);

/// Finds and reads the files under `paths`, in parallel, in a stable order.
///
/// # Errors
/// A message when a path given on the command line cannot be used at all.
pub fn read_paths(paths: &[PathBuf], opts: LoadOptions) -> Result<Vec<Input>, String> {
    let mut found = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut found),
            Ok(_) => found.push(Found::File(path.clone())),
            Err(e) if fs::symlink_metadata(path).is_ok() => {
                found.push(Found::Problem(path.clone(), describe_io(&e)));
            }
            Err(e) => return Err(format!("{}: {}", display_path(path), describe_io(&e))),
        }
    }
    Ok(parallel_map(&found, opts, |f| match f {
        Found::File(p) => (p.clone(), read_capped(p, opts.max_file_bytes)),
        Found::Problem(p, why) => (p.clone(), Err(why.clone())),
    }))
}

/// Loads already-read files: (path, bytes or the reason they could not be read).
pub fn load_sources(inputs: Vec<Input>, opts: LoadOptions) -> (Library, Report) {
    // Each worker takes its input out of its slot, so a file's bytes are freed as soon as
    // the file is parsed rather than at the end.
    let slots: Vec<std::sync::Mutex<Option<Input>>> = inputs
        .into_iter()
        .map(|i| std::sync::Mutex::new(Some(i)))
        .collect();
    let parsed = parallel_map(&slots, opts, |slot| {
        let taken = slot.lock().map(|mut s| s.take()).ok().flatten();
        let (path, bytes) = taken.unwrap_or_else(|| (PathBuf::new(), Err("read twice".into())));
        parse_one(&path, bytes)
    });
    let mut report = Report::default();
    let mut checked = Vec::new();
    for (id, (file, outcome)) in parsed.into_iter().enumerate() {
        match outcome {
            Parsed::Failed(diags) => {
                report
                    .diagnostics
                    .extend(diags.into_iter().map(|d| renumber(d, id)));
            }
            Parsed::Ok(mut c) => {
                c.file = id;
                for d in std::mem::take(&mut c.diagnostics) {
                    report.diagnostics.push(renumber(d, id));
                }
                checked.push(*c);
            }
        }
        report.files.push(file);
    }
    let library = link::link(checked, &mut report);
    // Keep source text only for files that diagnostics point into.
    let mut needed = vec![false; report.files.len()];
    for d in &report.diagnostics {
        d.file
            .into_iter()
            .chain(d.related.iter().map(|r| r.at.file))
            .for_each(|f| needed[f] = true);
    }
    for (file, keep) in report.files.iter_mut().zip(needed) {
        if !keep {
            file.text = None;
        }
    }
    (library, report)
}

/// Diagnostics made while parsing one file use file 0; give them the real id.
fn renumber(mut d: Diagnostic, id: usize) -> Diagnostic {
    if d.file.is_some() {
        d.file = Some(id);
    }
    for r in &mut d.related {
        r.at.file = id;
    }
    d
}

enum Parsed {
    Ok(Box<check::Checked>),
    Failed(Vec<Diagnostic>),
}

/// Decodes, parses and checks one file on its own.
fn parse_one(path: &Path, bytes: Result<Vec<u8>, String>) -> (SourceFile, Parsed) {
    let mut file = SourceFile::new(path);
    let fail = |d: Diagnostic| Parsed::Failed(vec![d.in_file(0)]);
    let bytes = match bytes {
        Ok(b) => b,
        Err(why) => {
            return (
                file,
                fail(Diagnostic::error(format!("cannot read this file: {why}"))),
            );
        }
    };
    let text = match decode(&bytes) {
        Ok(bom) => {
            let mut bytes = bytes;
            bytes.drain(..bom);
            String::from_utf8(bytes).unwrap_or_default()
        }
        Err(d) => {
            // Keep the valid prefix so the position can be quoted.
            let at = d.span.as_ref().map_or(0, |s| s.start);
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            file.text = Some(Arc::from(valid));
            return (file, Parsed::Failed(vec![*d]));
        }
    };
    let text: Arc<str> = Arc::from(text);
    file.text = Some(text.clone());
    if text.trim().is_empty() {
        let d = Diagnostic::error("this file is empty")
            .at(0, 0..0)
            .label("nothing here")
            .help("a briefing needs at least a [briefing] table; see briefings/README.md");
        return (file, Parsed::Failed(vec![d]));
    }
    if let Some(d) = nesting::check(&text) {
        return (file, Parsed::Failed(vec![d]));
    }
    let outcome = match check::check_file(&text) {
        Ok(c) => Parsed::Ok(Box::new(c)),
        Err(diags) => Parsed::Failed(diags),
    };
    (file, outcome)
}

/// Checks that bytes are UTF-8 text and returns the length of a byte-order mark to skip, or
/// says why they are not, pointing at the offending byte.
fn decode(bytes: &[u8]) -> Result<usize, Box<Diagnostic>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let d = Diagnostic::error("this file is UTF-16, not UTF-8")
            .help("save it as UTF-8 (without a byte-order mark)");
        return Err(Box::new(d.at(0, 0..0)));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(_) => Ok(bytes.len() - body.len()),
        Err(e) => {
            let at = e.valid_up_to() + (bytes.len() - body.len());
            let d = Diagnostic::error(format!(
                "this file is not valid UTF-8 (bad byte 0x{:02X})",
                bytes[at]
            ))
            .label("invalid UTF-8 starts here")
            .help("briefing files must be UTF-8; re-save the file with that encoding");
            Err(Box::new(d.at(0, at..at)))
        }
    }
}

/// Reads a regular file of at most `cap` bytes. FIFOs, devices and folders are refused
/// before they are opened, so a FIFO cannot block the load.
fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| describe_io(&e))?;
    if meta.is_dir() {
        return Err("it is a directory, not a briefing file".into());
    }
    if !meta.is_file() {
        return Err("it is not a regular file (a FIFO, socket or device?)".into());
    }
    if meta.len() > cap {
        return Err(format!(
            "it is {} bytes, over the {} MiB limit for a briefing file",
            meta.len(),
            cap / (1024 * 1024)
        ));
    }
    let file = fs::File::open(path).map_err(|e| describe_io(&e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(&e))?;
    if bytes.len() as u64 > cap {
        return Err(format!(
            "it grew past the {} MiB limit while being read",
            cap / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file (or a symlink to nothing)".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ if e.raw_os_error() == Some(40) => "too many levels of symbolic links (a loop?)".into(),
        _ => e.to_string(),
    }
}

/// Collects `*.toml` under a folder, sorted, skipping hidden entries. Symlinked folders are
/// not followed, so a link loop cannot trap the walk.
fn walk(dir: &Path, out: &mut Vec<Found>) {
    let entries = match fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
            v.sort();
            v
        }
        Err(e) => {
            out.push(Found::Problem(
                dir.to_owned(),
                format!("cannot list this folder: {}", describe_io(&e)),
            ));
            return;
        }
    };
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        let Ok(lmeta) = fs::symlink_metadata(&path) else {
            if is_toml {
                out.push(Found::Problem(
                    path,
                    "it vanished while the folder was being read".into(),
                ));
            }
            continue;
        };
        if lmeta.is_dir() {
            if is_toml {
                out.push(Found::Problem(
                    path.clone(),
                    "it is a directory, not a briefing file".into(),
                ));
            }
            walk(&path, out);
        } else if is_toml {
            out.push(Found::File(path));
        }
    }
}

/// Maps `f` over `items` on worker threads, keeping the input order.
pub(crate) fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    opts: LoadOptions,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let workers = opts.worker_count(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            // A worker's panic is the caller's panic, whatever the thread count.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
