//! The cache folder as files: reading an entry, writing one atomically, and keeping the
//! folder within its size bound.

use std::fs;
use std::io::{self, Read as _, Write as _};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// An entry read is marked as used (its modification time set to now) at most this often,
/// which keeps warm starts from rewriting metadata of every entry every time.
const TOUCH_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Temporary files of writers that died are removed after this long.
const STALE_TEMP: Duration = Duration::from_secs(60 * 60);

/// The bytes of an entry, or `None` if there is none or it cannot be read (see [`open`]).
pub(super) fn read(path: &Path, max: u64) -> Option<Vec<u8>> {
    let mut file = open(path, max)?;
    let mut bytes = Vec::with_capacity(usize::try_from(file.metadata().ok()?.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// An entry opened for reading, or `None` if there is none, or it is not a plain file (a
/// FIFO put there is never waited on), or it is larger than `max` (the cache's bound: no
/// entry that size could have been kept). An entry opened is marked as used (see
/// [`TOUCH_AFTER`]).
pub(super) fn open(path: &Path, max: u64) -> Option<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > max {
        return None;
    }
    let now = SystemTime::now();
    if meta
        .modified()
        .ok()
        .and_then(|m| now.duration_since(m).ok())
        .is_some_and(|age| age > TOUCH_AFTER)
    {
        // Least recently used is judged by this time; failing to set it costs nothing.
        let _ = file.set_modified(now);
    }
    Some(file)
}

/// Writes an entry so that readers see all of it or nothing: a temporary file in the same
/// folder, renamed over the entry. Two processes writing the same entry write the same
/// bytes, and the last rename wins.
pub(super) fn write_atomic(dir: &Path, path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .suffix(".part")
        .tempfile_in(dir)?;
    for part in parts {
        tmp.write_all(part)?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes an entry with `write`, as [`write_atomic`] does: a temporary file (opened for
/// reading too) renamed over the entry, unless `write` says it could not make the entry.
/// Returns whether the entry was made.
pub(super) fn write_atomic_with(
    dir: &Path,
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<bool>,
) -> io::Result<bool> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .suffix(".part")
        .tempfile_in(dir)?;
    let made = write(tmp.as_file_mut())?;
    if made {
        tmp.persist(path).map_err(|e| e.error)?;
    }
    Ok(made)
}

/// Removes the least recently used entries while the folder holds more than `max` bytes,
/// down to three quarters of it, and temporary files left by writers that died. Another
/// process may be removing the same files; what is already gone is skipped. Returns the
/// bytes removed.
pub(super) fn trim(dir: &Path, max: u64) -> u64 {
    let Ok(listing) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut entries = Vec::new();
    let mut total = 0u64;
    let mut removed = 0u64;
    for e in listing.flatten() {
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let modified = meta.modified().unwrap_or(now);
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".tmp-") {
            let age = now.duration_since(modified).unwrap_or_default();
            if age > STALE_TEMP && fs::remove_file(e.path()).is_ok() {
                removed += meta.len();
            }
            continue;
        }
        if name.ends_with(".bin") {
            total += meta.len();
            entries.push((modified, meta.len(), e.path()));
        }
    }
    if total <= max {
        return removed;
    }
    entries.sort_by_key(|(modified, _, _)| *modified);
    let target = max / 4 * 3;
    for (_, len, path) in entries {
        if total <= target {
            break;
        }
        if fs::remove_file(&path).is_ok() {
            removed += len;
        }
        total = total.saturating_sub(len);
    }
    removed
}

/// Removes every entry and temporary file in the folder.
pub(super) fn clear(dir: &Path) -> io::Result<usize> {
    let listing = match fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut n = 0;
    for e in listing.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if (name.ends_with(".bin") || name.starts_with(".tmp-"))
            && fs::remove_file(e.path()).is_ok()
        {
            n += 1;
        }
    }
    Ok(n)
}
