//! Reading and parsing briefing files, in parallel, then handing them to `link`.
//!
//! One bad file never stops the others: every problem becomes a diagnostic naming its path,
//! and the files that are sound load. The result does not depend on the thread count.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::diag::{Diagnostic, Report, SourceFile, Work};
use super::walk::{self, Bounds, Found, describe_io};
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
    /// Bounds on walking a folder.
    pub walk: Bounds,
    /// Whether sources' `text_file`s are read (not for the compiled-in briefings, which
    /// have no folder).
    pub text_files: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            threads: 0,
            max_file_bytes: MAX_FILE_BYTES,
            walk: Bounds::default(),
            text_files: true,
        }
    }
}

/// Loads the bundled briefings.
pub fn load_bundled() -> (Library, Report) {
    let files = BUNDLED
        .iter()
        .map(|(path, text)| (PathBuf::from(path), Ok((*text).as_bytes().to_vec())))
        .collect();
    let opts = LoadOptions {
        text_files: false,
        ..LoadOptions::default()
    };
    let (mut lib, report) = load_sources(files, opts);
    lib.bundled = true;
    (lib, report)
}

/// Loads files and folders (recursively, `*.toml`, sorted; see `walk` for the rules).
///
/// # Errors
/// Only when a path given on the command line cannot be used at all, which is a usage or
/// I/O failure rather than a problem in a briefing.
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
    let found = walk::discover(paths, opts.walk)?;
    Ok(parallel_map(found, opts, |f| match f {
        Found::File(p) => {
            let bytes = read_capped(&p, opts.max_file_bytes);
            (p, bytes)
        }
        Found::Problem(p, why) => (p, Err(why)),
    }))
}

/// Loads already-read files: (path, bytes or the reason they could not be read).
pub fn load_sources(inputs: Vec<Input>, opts: LoadOptions) -> (Library, Report) {
    assemble(parse_all(inputs, opts))
}

/// One file after parsing and checking on its own.
pub(crate) struct ParsedFile {
    pub file: SourceFile,
    pub outcome: Parsed,
    pub work: Work,
}

pub(crate) enum Parsed {
    Ok(Box<check::Checked>),
    Failed(Vec<Diagnostic>),
}

impl ParsedFile {
    /// True when the file fails on its own, before any other file is considered.
    pub fn failed(&self) -> bool {
        match &self.outcome {
            Parsed::Failed(_) => true,
            Parsed::Ok(c) => c.broken,
        }
    }
}

/// Parses and checks every file on its own, in parallel, keeping the input order.
pub(crate) fn parse_all(inputs: Vec<Input>, opts: LoadOptions) -> Vec<ParsedFile> {
    parallel_map(inputs, opts, |(path, bytes)| {
        parse_one(&path, bytes, opts.text_files)
    })
}

/// Links parsed files into a library and a report with every diagnostic.
pub(crate) fn assemble(parsed: Vec<ParsedFile>) -> (Library, Report) {
    let mut report = Report::default();
    let mut checked = Vec::new();
    for (id, p) in parsed.into_iter().enumerate() {
        report.work += p.work;
        match p.outcome {
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
        report.files.push(p.file);
    }
    let library = link::link(checked, &mut report);
    keep_needed_text(&mut report);
    (library, report)
}

/// Keeps source text only for files that diagnostics point into.
pub(crate) fn keep_needed_text(report: &mut Report) {
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

/// Decodes, parses and checks one file on its own.
fn parse_one(path: &Path, bytes: Result<Vec<u8>, String>, text_files: bool) -> ParsedFile {
    let mut file = SourceFile::new(path);
    let done = |file, outcome, work| ParsedFile {
        file,
        outcome,
        work,
    };
    let fail = |d: Diagnostic| Parsed::Failed(vec![d.in_file(0)]);
    let bytes = match bytes {
        Ok(b) => b,
        Err(why) => {
            let d = Diagnostic::error(format!("cannot read this file: {why}"));
            return done(file, fail(d), Work::default());
        }
    };
    let text = match decode(&bytes) {
        Ok(bom) => {
            let mut bytes = bytes;
            bytes.drain(..bom);
            String::from_utf8(bytes).unwrap_or_default()
        }
        Err(d) => {
            // Keep the valid prefix for the line and column, but never quote it: a file that
            // is not UTF-8 text is not a briefing, and may hold anything.
            let at = d.span.as_ref().map_or(0, |s| s.start);
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            file.text = Some(Arc::from(valid));
            file.quote = false;
            return done(file, Parsed::Failed(vec![*d]), Work::default());
        }
    };
    let text: Arc<str> = Arc::from(text);
    file.text = Some(text.clone());
    if text.trim().is_empty() {
        let d = Diagnostic::error("this file is empty")
            .at(0, 0..0)
            .label("nothing here")
            .help("a briefing needs at least a [briefing] table; see briefings/README.md");
        return done(file, Parsed::Failed(vec![d]), Work::default());
    }
    if let Some(d) = nesting::check(&text) {
        return done(file, Parsed::Failed(vec![d]), Work::default());
    }
    match check::check_file(&text) {
        Ok(mut c) => {
            if text_files {
                super::passage::attach(&mut c, path);
            }
            let work = c.work;
            done(file, Parsed::Ok(Box::new(c)), work)
        }
        Err((diags, work)) => done(file, Parsed::Failed(diags), work),
    }
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

/// Reads a briefing file as the loader would: a regular file of at most
/// [`MAX_FILE_BYTES`], without blocking on a FIFO.
///
/// # Errors
/// Why it cannot be read, in plain words.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    read_capped(path, MAX_FILE_BYTES)
}

/// Reads a regular file of at most `cap` bytes.
///
/// The file is opened without blocking and its type is checked on the open handle, so a
/// path swapped for a FIFO or a device between the walk and the read cannot block the load
/// or be read.
pub(crate) fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    read_capped_flags(path, cap, 0)
}

/// As [`read_capped`], refusing a path whose last component is a symlink: for files found
/// by resolving symlinks first, so that one swapped in afterwards is not followed.
pub(crate) fn read_capped_nofollow(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    #[cfg(unix)]
    let flags = libc::O_NOFOLLOW;
    #[cfg(not(unix))]
    let flags = 0;
    read_capped_flags(path, cap, flags)
}

fn read_capped_flags(path: &Path, cap: u64, flags: i32) -> Result<Vec<u8>, String> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | flags);
    }
    #[cfg(not(unix))]
    let _ = flags;
    let file = options.open(path).map_err(|e| describe_io(&e))?;
    let meta = file.metadata().map_err(|e| describe_io(&e))?;
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

/// Maps `f` over `items` on rayon's workers, keeping the input order. `threads` of 1 runs
/// on the calling thread; another fixed count runs on a pool of that size.
pub(crate) fn parallel_map<T: Send, R: Send>(
    items: Vec<T>,
    opts: LoadOptions,
    f: impl Fn(T) -> R + Sync + Send,
) -> Vec<R> {
    match opts.threads {
        _ if items.len() <= 1 => items.into_iter().map(f).collect(),
        1 => items.into_iter().map(f).collect(),
        0 => items.into_par_iter().map(f).collect(),
        n => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(|| items.into_par_iter().map(f).collect()),
            Err(_) => items.into_iter().map(f).collect(),
        },
    }
}
