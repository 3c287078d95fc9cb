//! Opening the user's editor at a file and line: which program, with which arguments.
//!
//! `$VISUAL` wins over `$EDITOR`, and `vi` is the fallback, as git does. The variable may
//! hold arguments (`code --wait`, `emacs -nw`); it is split on whitespace and run directly,
//! never through a shell, and the path is one argument of its own, so a crafted file name
//! cannot inject a command. The line goes first as `+LINE`, which vim, neovim, nano,
//! helix, kakoune, micro and emacs understand; VS Code and its relatives take
//! `--goto PATH:LINE` instead.

use std::ffi::{OsStr, OsString};
use std::path::Path;

/// The program and arguments to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The program, as `$VISUAL` or `$EDITOR` names it.
    pub program: OsString,
    /// Its arguments: the variable's own, then the place.
    pub args: Vec<OsString>,
}

/// Editors that take `--goto path:line`.
const GOTO: &[&str] = &[
    "code",
    "code-insiders",
    "codium",
    "vscodium",
    "cursor",
    "windsurf",
];

/// The command that opens `path` at `line` (from 1) with the editor the environment names.
#[must_use]
pub fn command(
    visual: Option<&OsStr>,
    editor: Option<&OsStr>,
    path: &Path,
    line: Option<usize>,
) -> Command {
    let chosen = [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.to_string_lossy().trim().is_empty());
    let mut words: Vec<OsString> = match chosen {
        Some(v) => split(v),
        None => vec![OsString::from("vi")],
    };
    let program = words.remove(0);
    let name = Path::new(&program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut args = words;
    if GOTO.contains(&name.as_str()) {
        let mut place = path.as_os_str().to_owned();
        if let Some(line) = line {
            place.push(format!(":{line}"));
        }
        args.push("--goto".into());
        args.push(place);
    } else {
        if let Some(line) = line {
            args.push(format!("+{line}").into());
        }
        // A path starting with `-` or `+` must not be taken for an option.
        args.push(guard(path));
    }
    Command { program, args }
}

/// The variable split on whitespace (at least one word).
fn split(v: &OsStr) -> Vec<OsString> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::{OsStrExt as _, OsStringExt as _};
        let words: Vec<OsString> = v
            .as_bytes()
            .split(u8::is_ascii_whitespace)
            .filter(|w| !w.is_empty())
            .map(|w| OsString::from_vec(w.to_vec()))
            .collect();
        if words.is_empty() {
            vec![v.to_owned()]
        } else {
            words
        }
    }
    #[cfg(not(unix))]
    {
        let s = v.to_string_lossy();
        let words: Vec<OsString> = s.split_whitespace().map(OsString::from).collect();
        if words.is_empty() {
            vec![v.to_owned()]
        } else {
            words
        }
    }
}

/// A relative path that could read as an option gets `./` in front.
fn guard(path: &Path) -> OsString {
    let s = path.as_os_str().to_string_lossy();
    if path.is_relative() && (s.starts_with('-') || s.starts_with('+')) {
        Path::new(".").join(path).into_os_string()
    } else {
        path.as_os_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn line_first_then_the_path_as_one_argument() {
        let c = command(
            None,
            Some(OsStr::new("nvim")),
            Path::new("b/x y;rm -rf ~.toml"),
            Some(12),
        );
        assert_eq!(c.program, "nvim");
        assert_eq!(c.args, os(&["+12", "b/x y;rm -rf ~.toml"]));
    }

    #[test]
    fn visual_wins_and_its_arguments_are_kept() {
        let c = command(
            Some(OsStr::new("emacs -nw")),
            Some(OsStr::new("nano")),
            Path::new("/a.toml"),
            Some(3),
        );
        assert_eq!(c.program, "emacs");
        assert_eq!(c.args, os(&["-nw", "+3", "/a.toml"]));
    }

    #[test]
    fn code_gets_goto_and_no_editor_means_vi() {
        let c = command(
            None,
            Some(OsStr::new("/usr/bin/code --wait")),
            Path::new("a.toml"),
            Some(7),
        );
        assert_eq!(c.args, os(&["--wait", "--goto", "a.toml:7"]));
        let c = command(Some(OsStr::new("  ")), None, Path::new("-x.toml"), None);
        assert_eq!(c.program, "vi");
        assert_eq!(c.args, os(&["./-x.toml"]));
    }
}
