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
