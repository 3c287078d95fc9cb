//! Writing a file atomically: to a temporary file beside it, synced, then renamed over it
//! (or, for a new file, linked in only if the name is still free). An interrupted or failed
//! write never leaves a half-written file, and a failure is described in plain words,
//! without the name of the temporary file.

use std::io::Write as _;
use std::path::Path;

/// Whether the target may already exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Replace it (keeping its permissions) or create it.
    Replace,
    /// Create it; refuse if it exists, even if it appears while writing.
    CreateNew,
}

/// Writes `bytes` to `path` atomically.
///
/// # Errors
/// A plain description of what went wrong, naming the folder when it is missing.
pub fn write(path: &Path, bytes: &[u8], mode: Mode) -> Result<(), String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let describe = |e: &std::io::Error| describe(e, dir);
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut tmp = tempfile::Builder::new()
        .prefix(".briefing-")
        .tempfile_in(dir)
        .map_err(|e| describe(&e))?;
    if std::env::var_os("BRIEFING_TEST_FAIL_WRITE").is_some() {
        // Fault injection for tests: fail halfway through, as a full disk would.
        let _ = tmp.write_all(&bytes[..bytes.len() / 2]);
        return Err("simulated write failure (BRIEFING_TEST_FAIL_WRITE)".into());
    }
    tmp.write_all(bytes).map_err(|e| describe(&e))?;
    if let (Mode::Replace, Some(p)) = (mode, permissions) {
        tmp.as_file().set_permissions(p).map_err(|e| describe(&e))?;
    }
    tmp.as_file().sync_all().map_err(|e| describe(&e))?;
    match mode {
        Mode::Replace => tmp.persist(path).map(drop).map_err(|e| describe(&e.error)),
        Mode::CreateNew => tmp
            .persist_noclobber(path)
            .map(drop)
            .map_err(|e| describe(&e.error)),
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
}
