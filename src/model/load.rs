//! Reading and parsing briefing files, in parallel, then handing them to `link`.
//!
//! One bad file never stops the others: every problem becomes a diagnostic naming its path,
//! and the files that are sound load. The result does not depend on the thread count.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::Cache;
use super::check::Checked;
use super::diag::{Diagnostic, Report};
pub(crate) use super::one_file::{Parsed, ParsedFile};
use super::one_file::{decode, parse_one};
use super::progress::{Phase, Progress};
use super::walk::{self, Bounds, Found, describe_io};
use super::{Counts, Library, link};

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

/// The stack of every thread that parses briefings: a main thread's 8 MiB rather than the
/// 2 MiB a spawned thread gets. The nesting guard bounds how deep parsing recurses; this is
/// a margin beyond it, not what keeps a hostile file from overflowing the stack.
pub const PARSER_STACK: usize = 8 * 1024 * 1024;

/// Makes rayon's global pool, which parses files, with [`PARSER_STACK`]-sized stacks. Call
/// it before anything uses rayon; once the pool exists, this changes nothing.
pub fn init_parser_threads() {
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(PARSER_STACK)
        .build_global();
}

/// Starts a thread that may parse briefings, with a [`PARSER_STACK`]-sized stack.
///
/// # Panics
/// If the thread cannot be made, as `std::thread::spawn` does.
pub fn spawn_parser<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> std::thread::JoinHandle<T> {
    std::thread::Builder::new()
        .stack_size(PARSER_STACK)
        .spawn(f)
        .expect("failed to spawn a thread")
}

/// What gives memory freed by a load back to the system, set by the program (see
/// [`set_memory_release`]).
static RELEASE: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets what gives freed memory back to the system, run on every one of rayon's threads
/// and the calling one after a load has let go of what it made on the way. Allocators that
/// keep what one thread frees of another's (mimalloc) otherwise hold a load's drafts, made
/// on rayon's threads and dropped by the linking one, until those threads allocate again.
/// Only the first call counts.
pub fn set_memory_release(release: fn()) {
    let _ = RELEASE.set(release);
}

/// Gives memory freed so far back to the system, if the program said how, and lets go of
/// the parser's scratch lists on every thread.
pub fn release_memory() {
    let release = RELEASE.get().copied();
    let each = || {
        super::direct::let_go_of_scratch();
        if let Some(release) = release {
            release();
        }
    };
    rayon::broadcast(|_| each());
    each();
}

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
    /// Where the library keeps its texts.
    pub texts: Texts,
    /// What is worked out beyond the items.
    pub derived: Derived,
}

/// Where a library built from parsed files keeps its texts.
///
/// A load parses on rayon's threads, among the parser's short-lived allocations; a library
/// kept for long that left its strings where they were made would keep most of the
/// parser's memory pages in use, each for a few strings (see [`super::Text::fresh`]).
/// Copying every text costs a cold load at 1,000 briefings about 5% of its time, for
/// nothing when the library is looked at once and let go (`check`, `search`, `export`),
/// or encoded into the cache and read back packed (a browser's cold start).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Texts {
    /// Each text copied into fresh memory as the library is built: for a library kept
    /// for long.
    #[default]
    Packed,
    /// Each text left where its file's parser made it.
    AsParsed,
}

/// What a load works out from the items beyond the items themselves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Derived {
    /// Everything a screen or an export reads: the id table, each actor's events, quotes
    /// and relations, the timeline, and what each item changed in its series.
    #[default]
    All,
    /// Only which briefings and items the view takes in and which version each shows:
    /// enough to count them ([`Library::counts`]), all `check --as-of` reports of a
    /// library (without a date, `check` does not make one: see [`count_paths_with`]). At
    /// 10,000 briefings the rest is a sixth of linking. [`Library::set_view`] works out
    /// the rest but the id table, which only a load makes.
    Counts,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            threads: 0,
            max_file_bytes: MAX_FILE_BYTES,
            walk: Bounds::default(),
            text_files: true,
            texts: Texts::Packed,
            derived: Derived::All,
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
    load_paths_with(paths, opts, Hooks::default())
}

/// Checks that every path given on the command line exists, as a load would, without
/// reading anything: the browser says so before it takes the screen.
///
/// # Errors
/// The message a load would give for the first path that does not exist.
pub fn check_paths(paths: &[PathBuf]) -> Result<(), String> {
    for path in paths {
        if let Err(e) = fs::metadata(path)
            && fs::symlink_metadata(path).is_err()
        {
            return Err(format!(
                "{}: {}",
                super::diag::display_path(path),
                describe_io(&e)
            ));
        }
    }
    Ok(())
}

/// What a load may use besides its options: a warm-start cache, and a counter to report
/// its progress to.
#[derive(Clone, Copy, Debug, Default)]
pub struct Hooks<'a> {
    pub cache: Option<&'a Cache>,
    pub progress: Option<&'a Progress>,
}

/// Loads files and folders like [`load_paths`], taking each file's checked result from the
/// cache when its bytes are unchanged, and reporting progress.
///
/// Each file is read, parsed and checked in one step, and its text is let go as soon as
/// it has no diagnostics: should linking find a problem in it, the file is read again and
/// used only if its bytes are still the same (see [`restore_texts`]).
///
/// # Errors
/// As [`load_paths`].
pub fn load_paths_with(
    paths: &[PathBuf],
    opts: LoadOptions,
    hooks: Hooks<'_>,
) -> Result<(Library, Report), String> {
    read_and_link(paths, opts, hooks, |parsed| {
        assemble(parsed, opts.texts, opts.derived, paths)
    })
}

/// Reads, parses and links files and folders as [`load_paths_with`] does, with the same
/// report, and counts what the library holds under the view of everything without making
/// it: all `check` needs of a library it reports on. The checked files come back too (see
/// [`Drafts`]).
///
/// # Errors
/// As [`load_paths`].
pub fn count_paths_with(
    paths: &[PathBuf],
    opts: LoadOptions,
    hooks: Hooks<'_>,
) -> Result<(Counts, Report, Drafts), String> {
    read_and_link(paths, opts, hooks, |parsed| {
        let ((counts, drafts), report) = assemble_by(
            parsed,
            &|_, path| read_capped(path, MAX_FILE_BYTES).ok(),
            paths,
            |checked, report, named| {
                (
                    link::count(&checked, report, named),
                    Drafts { _files: checked },
                )
            },
        );
        (counts, report, drafts)
    })
}

/// The checked files a count was made from ([`count_paths_with`]). Letting go of them
/// takes a while (a quarter of a second at 10,000 briefings, a tenth of the whole count),
/// so it is the caller's to do: a command that exits once it has reported can keep them,
/// and the system takes the memory back at once.
pub struct Drafts {
    _files: Vec<Checked>,
}

/// Reads and parses the files under `paths` (see [`load_paths_with`]) and hands them to
/// `link`.
fn read_and_link<T>(
    paths: &[PathBuf],
    opts: LoadOptions,
    hooks: Hooks<'_>,
    link: impl FnOnce(Vec<ParsedFile>) -> T,
) -> Result<T, String> {
    let progress = hooks.progress;
    progress.inspect(|p| p.phase(Phase::Finding));
    let parsed = read_each(paths, opts, progress, |path, bytes| {
        parse_one(&path, bytes, hooks.cache, false, opts.text_files)
    })?;
    progress.inspect(|p| p.phase(Phase::Linking));
    let linked = link(parsed);
    release_memory();
    if let Some(cache) = hooks.cache {
        cache.trim();
    }
    Ok(linked)
}

/// Finds the files under `paths` and reads each on a worker, which hands its path and
/// bytes (or why they could not be had) to `f`; the results come in a stable order. Each
/// file's bytes live only as long as `f` runs, and each file counts as done in `progress`.
pub(crate) fn read_each<R: Send>(
    paths: &[PathBuf],
    opts: LoadOptions,
    progress: Option<&Progress>,
    f: impl Fn(PathBuf, Result<Vec<u8>, String>) -> R + Sync + Send,
) -> Result<Vec<R>, String> {
    let found = walk::discover(paths, opts.walk)?;
    if let Some(p) = progress {
        p.total(found.len());
        p.phase(Phase::Reading);
    }
    Ok(parallel_map(found, opts, |found| {
        let made = match found {
            Found::File(path) => {
                let bytes = read_capped(&path, opts.max_file_bytes);
                f(path, bytes)
            }
            Found::Problem(path, why) => f(path, Err(why)),
        };
        progress.inspect(|p| p.file_done());
        made
    }))
}

/// A file's path and its bytes, or why they could not be read.
pub type Input = (PathBuf, Result<Vec<u8>, String>);

/// Finds and reads the files under `paths`, in parallel, in a stable order.
///
/// # Errors
/// A message when a path given on the command line cannot be used at all.
pub fn read_paths(paths: &[PathBuf], opts: LoadOptions) -> Result<Vec<Input>, String> {
    each_file(paths, opts, |p| read_capped(p, opts.max_file_bytes))
}

/// A file's path and something made of it (its bytes, their hash), or why it could not be.
pub(crate) type Each<T> = (PathBuf, Result<T, String>);

/// A file's path and the hash of its bytes, or why they could not be read.
pub(crate) type Hashed = Each<u128>;

/// Finds the files under `paths` as [`read_paths`] does and hashes each (see
/// [`hash_capped`]), in parallel, in the same order, keeping none of them.
///
/// # Errors
/// As [`read_paths`].
pub(crate) fn hash_paths(paths: &[PathBuf], opts: LoadOptions) -> Result<Vec<Hashed>, String> {
    each_file(paths, opts, |p| hash_capped(p, opts.max_file_bytes))
}

/// Finds the files under `paths` and makes something of each with `f`, in parallel, in a
/// stable order; a file the walk could not use keeps the walk's reason.
fn each_file<T: Send>(
    paths: &[PathBuf],
    opts: LoadOptions,
    f: impl Fn(&Path) -> Result<T, String> + Sync + Send,
) -> Result<Vec<Each<T>>, String> {
    let found = walk::discover(paths, opts.walk)?;
    Ok(parallel_map(found, opts, |found| match found {
        Found::File(p) => {
            let made = f(&p);
            (p, made)
        }
        Found::Problem(p, why) => (p, Err(why)),
    }))
}

/// Loads already-read files: (path, bytes or the reason they could not be read).
/// They are the whole library, as a folder's files are (see [`assemble_with`]).
pub fn load_sources(inputs: Vec<Input>, opts: LoadOptions) -> (Library, Report) {
    assemble(parse_all(inputs, opts), opts.texts, opts.derived, &[])
}

/// Parses and checks every file on its own, in parallel, keeping the input order.
pub(crate) fn parse_all(inputs: Vec<Input>, opts: LoadOptions) -> Vec<ParsedFile> {
    parallel_map(inputs, opts, |(path, bytes)| {
        parse_one(&path, bytes, None, true, opts.text_files)
    })
}

/// Links parsed files into a library and a report with every diagnostic. A file whose
/// text was let go is read again from disk if a diagnostic needs it. `given` are the
/// paths as given (see [`assemble_with`]).
pub(crate) fn assemble(
    parsed: Vec<ParsedFile>,
    texts: Texts,
    derived: Derived,
    given: &[PathBuf],
) -> (Library, Report) {
    assemble_with(
        parsed,
        &|_, path| read_capped(path, MAX_FILE_BYTES).ok(),
        texts,
        derived,
        given,
    )
}

/// As [`assemble`], getting the bytes of file `i` (at `path`) from `bytes` when its text
/// was let go and a diagnostic needs it. They are used only if they hash as the bytes that
/// were checked.
///
/// `given` are the paths the load was given: a file among them was named on its own, not
/// found in a folder, and only such a file's unknown references suggest loading other
/// briefings with it (a folder's briefings are all loaded already).
pub(crate) fn assemble_with(
    parsed: Vec<ParsedFile>,
    bytes: &dyn Fn(usize, &Path) -> Option<Vec<u8>>,
    texts: Texts,
    derived: Derived,
    given: &[PathBuf],
) -> (Library, Report) {
    assemble_by(parsed, bytes, given, |checked, report, named| {
        let mut library = link::link(checked, report, texts, named);
        library.derive(derived);
        library
    })
}

/// As [`assemble_with`], linking the checked files with `link`, which is given them in
/// file order, the report, and by file whether it was named on its own.
fn assemble_by<T>(
    parsed: Vec<ParsedFile>,
    bytes: &dyn Fn(usize, &Path) -> Option<Vec<u8>>,
    given: &[PathBuf],
    link: impl FnOnce(Vec<Checked>, &mut Report, &[bool]) -> T,
) -> (T, Report) {
    let mut report = Report::default();
    // Sized once: each file's drafts are a few hundred bytes, and a list grown one file at
    // a time is copied, into pages new to the process, every time it doubles.
    let mut checked = Vec::with_capacity(parsed.len());
    report.files.reserve_exact(parsed.len());
    let mut rereads = Vec::with_capacity(parsed.len());
    for (id, p) in parsed.into_iter().enumerate() {
        report.work += p.work;
        rereads.push(p.reread);
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
    let given: std::collections::HashSet<&Path> = given.iter().map(PathBuf::as_path).collect();
    let named: Vec<bool> = report
        .files
        .iter()
        .map(|f| given.contains(f.path.as_path()))
        .collect();
    let linked = link(checked, &mut report, &named);
    keep_needed_text(&mut report);
    restore_texts(&mut report, &rereads, bytes);
    super::string_span::place_within(&mut report);
    (linked, report)
}

/// Reads again the files whose text was let go and that a diagnostic now points into,
/// keeping a text only if its bytes are the ones that were checked. A file changed in the
/// meantime is not quoted: its diagnostics name the file alone.
fn restore_texts(
    report: &mut Report,
    rereads: &[Option<u64>],
    source: &dyn Fn(usize, &Path) -> Option<Vec<u8>>,
) {
    let needed = files_quoted(report);
    for (i, ((file, hash), needed)) in report.files.iter_mut().zip(rereads).zip(needed).enumerate()
    {
        let Some(hash) = hash.filter(|_| needed && file.text.is_none()) else {
            continue;
        };
        let bytes = source(i, &file.path);
        let text = bytes
            .filter(|b| xxhash_rust::xxh3::xxh3_64(b) == hash)
            .and_then(|b| decode(&b).ok().map(|bom| b[bom..].to_vec()))
            .and_then(|b| String::from_utf8(b).ok());
        match text {
            Some(text) => file.text = Some(Arc::from(text)),
            None => file.quote = false,
        }
    }
}

/// Per file of the report: whether a diagnostic points into it, and so quotes its text.
fn files_quoted(report: &Report) -> Vec<bool> {
    let mut quoted = vec![false; report.files.len()];
    for d in &report.diagnostics {
        d.file
            .into_iter()
            .chain(d.related.iter().map(|r| r.at.file))
            .for_each(|f| quoted[f] = true);
    }
    quoted
}

/// Keeps source text only for files that diagnostics point into.
pub(crate) fn keep_needed_text(report: &mut Report) {
    let needed = files_quoted(report);
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
    read_capped_flags(path, cap, 0, BRIEFING_FILE)
}

/// As [`read_capped`], for a source's text file, refusing a path whose last component is a
/// symlink: text files are found by resolving symlinks first, so that one swapped in
/// afterwards is not followed.
pub(crate) fn read_text_capped(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    #[cfg(unix)]
    let flags = libc::O_NOFOLLOW;
    #[cfg(not(unix))]
    let flags = 0;
    read_capped_flags(path, cap, flags, "text file")
}

fn read_capped_flags(path: &Path, cap: u64, flags: i32, what: &str) -> Result<Vec<u8>, String> {
    let (file, len) = open_capped(path, cap, flags, what)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    read_within(file, cap, &mut bytes)?;
    Ok(bytes)
}

/// The content hash ([`super::cache::content_hash`]) of the file [`read_capped`] would
/// read, or why it could not be read (in the same words): the file is streamed through a
/// small buffer and not kept.
pub(crate) fn hash_capped(path: &Path, cap: u64) -> Result<u128, String> {
    thread_local! {
        /// Each worker reads every file into the same buffer.
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let (file, _) = open_capped(path, cap, 0, BRIEFING_FILE)?;
    BUF.with_borrow_mut(|buf| {
        buf.clear();
        read_within(file, cap, buf)?;
        let hash = super::cache::content_hash(buf);
        // A rare big file does not keep its memory for the rest of the run.
        if buf.capacity() > 1024 * 1024 {
            *buf = Vec::new();
        }
        Ok(hash)
    })
}

/// Reads an opened file to its end into `buf`, failing if it holds more than `cap` bytes
/// (it may have grown since it was opened).
fn read_within(file: fs::File, cap: u64, buf: &mut Vec<u8>) -> Result<(), String> {
    file.take(cap + 1)
        .read_to_end(buf)
        .map_err(|e| describe_io(&e))?;
    if buf.len() as u64 > cap {
        return Err(format!(
            "it grew past the {} MiB limit while being read",
            cap / (1024 * 1024)
        ));
    }
    Ok(())
}

/// Opens a regular file of at most `cap` bytes without blocking, and its length.
/// What the files read by [`read_capped`] are, in messages ("it is a directory, not a …").
const BRIEFING_FILE: &str = "briefing file";

fn open_capped(path: &Path, cap: u64, flags: i32, what: &str) -> Result<(fs::File, u64), String> {
    open_regular(path, cap, flags, what).map_err(|e| e.reason)
}

/// Why [`read_regular`] could not read a file.
#[derive(Debug)]
pub struct ReadError {
    /// Nothing is there (or a symlink to nothing): for files that may be absent.
    pub missing: bool,
    /// Why, in plain words ("it is not a regular file …").
    pub reason: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

/// Reads a file the user or the program keeps (config, reading state) as briefing files are
/// read: opened without blocking, refused unless it is a regular file of at most `cap`
/// bytes, and never read past `cap`, so a FIFO cannot hang the program and a link to
/// `/dev/zero` cannot fill its memory. `what` names the file in the reasons ("config
/// file").
///
/// # Errors
/// Why it cannot be read, and whether it is simply missing.
pub fn read_regular(path: &Path, cap: u64, what: &str) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path, cap, 0, what)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    read_within(file, cap, &mut bytes).map_err(|reason| ReadError {
        missing: false,
        reason,
    })?;
    Ok(bytes)
}

/// Opens a regular file of at most `cap` bytes without blocking, and its length. The type
/// is checked on the open handle, so a path swapped for a FIFO or a device is not read.
fn open_regular(
    path: &Path,
    cap: u64,
    flags: i32,
    what: &str,
) -> Result<(fs::File, u64), ReadError> {
    let refuse = |reason: String| ReadError {
        missing: false,
        reason,
    };
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | flags);
    }
    #[cfg(not(unix))]
    let _ = flags;
    let file = options.open(path).map_err(|e| ReadError {
        missing: e.kind() == std::io::ErrorKind::NotFound,
        reason: describe_io(&e),
    })?;
    let meta = file.metadata().map_err(|e| refuse(describe_io(&e)))?;
    if meta.is_dir() {
        return Err(refuse(format!("it is a directory, not a {what}")));
    }
    if !meta.is_file() {
        return Err(refuse(
            "it is not a regular file (a FIFO, socket or device?)".into(),
        ));
    }
    if meta.len() > cap {
        return Err(refuse(format!(
            "it is {} bytes, over the {} MiB limit for a {what}",
            meta.len(),
            cap / (1024 * 1024)
        )));
    }
    Ok((file, meta.len()))
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
        n => match rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .stack_size(PARSER_STACK)
            .build()
        {
            Ok(pool) => pool.install(|| items.into_par_iter().map(f).collect()),
            Err(_) => items.into_iter().map(f).collect(),
        },
    }
}
