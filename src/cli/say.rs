//! Messages on stderr: `error: …`, `warning: …`, `note: …`. A message can quote a file or
//! an argument (a serde or TOML error quotes the value it could not use, a bad date repeats
//! it), so each one is made display-safe here, where it is printed
//! ([`crate::model::text::safe_message`]).

use std::fmt::Display;
use std::path::Path;

use crate::model::text::{safe_line, safe_message};

/// `error: MESSAGE`.
pub fn error(message: impl Display) {
    line("error: ", &message);
}

/// `warning: MESSAGE`.
pub fn warning(message: impl Display) {
    line("warning: ", &message);
}

/// `note: MESSAGE`.
pub fn note(message: impl Display) {
    line("note: ", &message);
}

/// A message that carries its own `error:` prefix (or needs none).
pub fn plain(message: impl Display) {
    line("", &message);
}

fn line(prefix: &str, message: &dyn Display) {
    eprintln!("{prefix}{}", safe_message(&message.to_string()));
}

/// A path as one word of a POSIX shell command printed for the user to run: as it is when
/// each of its characters is one no shell reads specially (`A-Z a-z 0-9 _ . / : @ % + , =
/// -`), else between single quotes, with each `'` in it written `'\''`, so that the command
/// runs as printed when pasted. The quotes are chosen for the path as it is; the word is
/// then made display-safe as every path shown is
/// ([`display_path`](crate::model::diag::display_path)), so that a control character in
/// it is shown, never sent to the terminal.
pub fn shell_path(path: &Path) -> String {
    let raw = path.to_string_lossy();
    // A path that starts with `-` would be read as an option: `./-x.toml` is the same file.
    let raw = if raw.starts_with('-') {
        std::borrow::Cow::Owned(format!("./{raw}"))
    } else {
        raw
    };
    let plain = |c: char| c.is_ascii_alphanumeric() || "_./:@%+,=-".contains(c);
    if !raw.is_empty() && raw.chars().all(plain) {
        return raw.into_owned();
    }
    safe_line(&format!("'{}'", raw.replace('\'', r"'\''")))
}

/// The columns diagnostics are rendered for on stderr: the terminal's width when stderr is
/// one, so that a long source line is cut around its span rather than wrapped; otherwise
/// (a pipe, a file, CI) a fixed width, so that the output does not depend on where it ran.
pub fn stderr_columns() -> usize {
    use std::io::IsTerminal as _;
    let fixed = annotate_snippets::renderer::DEFAULT_TERM_WIDTH;
    if !std::io::stderr().is_terminal() {
        return fixed;
    }
    crossterm::terminal::size().map_or(fixed, |(w, _)| usize::from(w).max(MIN_COLUMNS))
}

/// The narrowest a diagnostic is rendered for: below it, cutting source lines hides more
/// than wrapping does.
const MIN_COLUMNS: usize = 40;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_quoted_for_the_shell_only_where_it_needs_it() {
        for (path, word) in [
            (
                "briefings/haiti-2025_05.toml",
                "briefings/haiti-2025_05.toml",
            ),
            ("/a/b:c@d%e+f,g=h.toml", "/a/b:c@d%e+f,g=h.toml"),
            ("tmp/Mérêva Flood.toml", "'tmp/Mérêva Flood.toml'"),
            ("it's.toml", r"'it'\''s.toml'"),
            ("''", r"''\'''\'''"),
            ("$HOME/*.toml", "'$HOME/*.toml'"),
            ("~/b.toml", "'~/b.toml'"),
            ("a!b", "'a!b'"),
            ("", "''"),
            ("a\u{1b}]0;x\u{7}.toml", "'a^[]0;x^G.toml'"),
            ("a\nb", "'a^Jb'"),
            ("a\u{202E}b", "'a⟨U+202E⟩b'"),
            // Not an option: the same file, after `./`.
            ("-x.toml", "./-x.toml"),
            ("--fix", "./--fix"),
            ("-a b.toml", "'./-a b.toml'"),
        ] {
            assert_eq!(shell_path(Path::new(path)), word, "{path:?}");
        }
    }
}
