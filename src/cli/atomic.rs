//! Writing a file atomically: to a temporary file beside it, synced, then renamed over it
//! (or, for a new file, linked in only if the name is still free). An interrupted or failed
//! write never leaves a half-written file, and a failure is described in plain words,
//! without the name of the temporary file.
//!
//! Only a regular file is ever renamed over. A symlink is followed: the file it names is
//! replaced (or, for a link to nothing, made) beside that file, and the link stays a link.
//! A device, FIFO or socket (`/dev/null`, `/dev/stdout`) is never replaced: a rename over
//! `/dev/null` made it a regular file for every program. [`Mode::ReplaceOrWriteInto`]
//! writes into it, as a shell's `>` does; the other modes refuse it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// Whether the target may already exist, and what it may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Replace a regular file (keeping its permissions) or create it; refuse anything else.
    Replace,
    /// As `Replace`, but write into a device, FIFO or socket rather than refuse it: for an
    /// output the user names (`export -o /dev/stdout --force`).
    ReplaceOrWriteInto,
    /// Create it; refuse if it exists, even if it appears while writing.
    CreateNew,
}

/// Writes `bytes` to `path` atomically, as `mode` allows.
///
/// # Errors
/// A plain description of what went wrong, naming the folder when it is missing.
pub fn write(path: &Path, bytes: &[u8], mode: Mode) -> Result<(), String> {
    if mode == Mode::CreateNew {
        return create(path, bytes);
    }
    if mode == Mode::ReplaceOrWriteInto
        && let Some(mut stream) = standard_stream(path)
    {
        // Whatever the stream is (a terminal, a pipe, a file opened with `>>`), written
        // into as the shell opened it: never renamed over, never rewound.
        return match stream.write_all(bytes).and_then(|()| stream.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
            _ => Ok(()),
        };
    }
    // Through symlinks, as opening it would go.
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => {
            // The file itself, so that the temporary file is made in its folder and the
            // rename replaces it rather than a link to it.
            let file = std::fs::canonicalize(path).map_err(|e| describe(&e, folder_of(path)))?;
            replace(&file, bytes, m.permissions())
        }
        Ok(m) if m.is_dir() => Err("it is a folder".into()),
        Ok(_) if mode == Mode::ReplaceOrWriteInto => write_into(path, bytes),
        Ok(_) => Err(NOT_REGULAR.into()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // Nothing there, or a link to nothing: the file is made where the link points.
            let end = follow_links(path).map_err(|e| describe(&e, folder_of(path)))?;
            create(&end, bytes)
        }
        Err(e) => Err(describe(&e, folder_of(path))),
    }
}

/// The process's own stdout or stderr, when `path` is the very file it is (`/dev/stdout`,
/// a link to `/proc/self/fd/1`, or the file the shell redirected it to, by device and
/// inode): resolved and renamed over, that file would be replaced, and opened afresh,
/// written from its start.
#[cfg(unix)]
fn standard_stream(path: &Path) -> Option<Box<dyn std::io::Write>> {
    use std::os::fd::{AsFd as _, BorrowedFd};
    use std::os::unix::fs::MetadataExt as _;
    let target = std::fs::metadata(path).ok()?;
    let is_target = |fd: BorrowedFd<'_>| {
        let stream = std::fs::File::from(fd.try_clone_to_owned().ok()?);
        let m = stream.metadata().ok()?;
        Some((m.dev(), m.ino()) == (target.dev(), target.ino()))
    };
    if is_target(std::io::stdout().as_fd()) == Some(true) {
        Some(Box::new(std::io::stdout()))
    } else if is_target(std::io::stderr().as_fd()) == Some(true) {
        Some(Box::new(std::io::stderr()))
    } else {
        None
    }
}

#[cfg(not(unix))]
fn standard_stream(_: &Path) -> Option<Box<dyn std::io::Write>> {
    None
}

const NOT_REGULAR: &str = "it is not a regular file (a FIFO, socket or device?)";

/// Replaces the regular file `file` (no link) with one of `permissions`.
fn replace(file: &Path, bytes: &[u8], permissions: std::fs::Permissions) -> Result<(), String> {
    let dir = folder_of(file);
    let tmp = write_temporary(dir, bytes, Some(permissions))?;
    // Looked at again just before the rename: something other than a regular file put there
    // while the temporary file was written is left as it is.
    if file.symlink_metadata().is_ok_and(|m| !m.is_file()) {
        return Err("it is no longer a regular file, and was left as it is".into());
    }
    tmp.persist(file)
        .map(drop)
        .map_err(|e| describe(&e.error, dir))
}

/// Creates `path`, refusing if anything is there, even if it appears while writing.
fn create(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = folder_of(path);
    write_temporary(dir, bytes, None)?
        .persist_noclobber(path)
        .map(drop)
        .map_err(|e| describe(&e.error, dir))
}

/// A synced temporary file in `dir` holding `bytes`.
fn write_temporary(
    dir: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<NamedTempFile, String> {
    let describe = |e: &std::io::Error| describe(e, dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".briefing-");
    #[cfg(unix)]
    if permissions.is_none() {
        // A new file is made as any program makes one, readable as the umask allows
        // (tempfile's own 0600 is for secrets, and an export or a briefing is not one).
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| describe(&e))?;
    if std::env::var_os("BRIEFING_TEST_FAIL_WRITE").is_some() {
        // Fault injection for tests: fail halfway through, as a full disk would.
        let _ = tmp.write_all(&bytes[..bytes.len() / 2]);
        return Err("simulated write failure (BRIEFING_TEST_FAIL_WRITE)".into());
    }
    tmp.write_all(bytes).map_err(|e| describe(&e))?;
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p).map_err(|e| describe(&e))?;
    }
    tmp.as_file().sync_all().map_err(|e| describe(&e))?;
    Ok(tmp)
}

/// Writes into a device, FIFO or socket, as a shell's `>` does, without creating or
/// truncating anything. A FIFO waits for its reader.
fn write_into(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let describe = |e: &std::io::Error| match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => describe(e, folder_of(path)),
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOCTTY);
    }
    let mut file = options.open(path).map_err(|e| describe(&e))?;
    // Its type again, on the open handle: a regular file put there since would be written
    // over in place, not replaced.
    let m = file.metadata().map_err(|e| describe(&e))?;
    if m.is_file() || m.is_dir() {
        return Err("it changed while it was being written; nothing was written".into());
    }
    match file.write_all(bytes).and_then(|()| file.flush()) {
        // A reader that stopped early, as `export` on stdout allows.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(describe(&e)),
        _ => Ok(()),
    }
}

/// Where the chain of symlinks at `path` ends, when it ends at nothing: the path a file
/// made through the link would have.
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut end = path.to_path_buf();
    // As many links as Linux follows.
    for _ in 0..40 {
        match std::fs::read_link(&end) {
            Ok(to) => end = folder_of(&end).join(to),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::InvalidInput
                ) =>
            {
                return Ok(end);
            }
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// The folder `path` is in.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// An I/O error in plain words, without the temporary file's name that tempfile adds.
fn describe(e: &std::io::Error, dir: &Path) -> String {
    let folder = crate::model::diag::display_path(dir);
    match e.kind() {
        std::io::ErrorKind::NotFound => format!("the folder {folder} does not exist"),
        std::io::ErrorKind::PermissionDenied => {
            format!("permission denied (cannot write in {folder})")
        }
        std::io::ErrorKind::AlreadyExists => "it already exists".into(),
        _ => match e.raw_os_error() {
            Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
            None => e.kind().to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_named_and_the_temporary_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("nope/x.json");
        let e = write(&target, b"{}", Mode::Replace).unwrap_err();
        assert!(e.starts_with("the folder "), "{e}");
        assert!(e.ends_with("nope does not exist"), "{e}");
        assert!(!e.contains(".briefing-"), "{e}");
    }

    /// A new file gets the umask's permissions, as `touch` or a shell's `>` would give it.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_new_file_is_made_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt as _;
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let mask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|m| u32::from_str_radix(m.trim(), 8).unwrap())
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new.md");
        write(&target, b"x", Mode::CreateNew).unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !mask);
        if mask & 0o066 != 0o066 {
            assert_ne!(mode, 0o600, "not tempfile's own mode (umask {mask:o})");
        }
    }

    #[test]
    fn create_new_refuses_an_existing_file_and_replace_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.toml");
        write(&target, b"one", Mode::CreateNew).unwrap();
        assert_eq!(
            write(&target, b"two", Mode::CreateNew).unwrap_err(),
            "it already exists"
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"one");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&target, b"three", Mode::Replace).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"three");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let names = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(names, 1, "no temporary file is left behind");
    }

    /// The names in `dir`.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Through a symlink in another folder, the file it names is replaced, in its own
    /// folder, and the link stays; a link to nothing gets its file made where it points.
    #[cfg(unix)]
    #[test]
    fn replace_goes_through_a_link_and_keeps_it() {
        let (links, files) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (link, file) = (links.path().join("out.md"), files.path().join("real.md"));
        std::fs::write(&file, "old").unwrap();
        std::os::unix::fs::symlink(&file, &link).unwrap();
        write(&link, b"new", Mode::Replace).unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&file).unwrap(), b"new");
        assert_eq!(names(links.path()), ["out.md"]);
        assert_eq!(names(files.path()), ["real.md"]);

        // A relative link to nothing, through another link.
        std::fs::remove_file(&file).unwrap();
        let hop = files.path().join("hop.md");
        std::os::unix::fs::symlink("real.md", &hop).unwrap();
        std::fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink(&hop, &link).unwrap();
        write(&link, b"made", Mode::ReplaceOrWriteInto).unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert!(hop.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&file).unwrap(), b"made");
    }

    /// `Replace`, as `check --fix` uses it, never writes to or replaces a FIFO or a folder.
    #[cfg(unix)]
    #[test]
    fn replace_refuses_what_is_not_a_regular_file() {
        use std::os::unix::fs::FileTypeExt as _;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("a.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert_eq!(
            write(&fifo, b"x", Mode::Replace).unwrap_err(),
            "it is not a regular file (a FIFO, socket or device?)"
        );
        assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());
        assert_eq!(
            write(dir.path(), b"x", Mode::ReplaceOrWriteInto).unwrap_err(),
            "it is a folder"
        );
        assert_eq!(names(dir.path()), ["a.toml"]);
    }
}
