//! Running the binary as a script would: with pipes, not a terminal.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The crate's folder, where `briefings/` and `tests/fixtures/` are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The names of the files in `dir`, without their extension, sorted: the cases of a
/// fixture folder.
pub fn stems(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// The real binary, with the user's `NO_COLOR` left out so that output does not depend on
/// who runs the tests.
pub fn briefing() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefing"));
    cmd.env_remove("NO_COLOR");
    cmd
}

/// What `check --format json` prints for `paths`.
pub fn check_json(paths: &[&Path]) -> Value {
    let out = briefing()
        .args(["check", "--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("check --format json prints JSON")
}
