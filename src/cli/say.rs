//! Messages on stderr: `error: …`, `warning: …`, `note: …`. A message can quote a file or
//! an argument (a serde or TOML error quotes the value it could not use, a bad date repeats
//! it), so each one is made display-safe here, where it is printed
//! ([`crate::model::text::safe_message`]).

use std::fmt::Display;

use crate::model::text::safe_message;

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
