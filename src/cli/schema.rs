//! `briefing schema`: prints the JSON Schema of the briefing format, for editors (taplo
//! reads it from a `#:schema ./briefing.schema.json` line at the top of a briefing).
//! `briefing format`: prints the format's documentation, so that an author with only the
//! binary has it.

use std::io::Write as _;
use std::process::ExitCode;

/// The schema, as published in `briefings/briefing.schema.json`.
pub const SCHEMA: &str = include_str!("../../briefings/briefing.schema.json");

/// The format's documentation, as published in `briefings/README.md`.
pub const FORMAT: &str = include_str!("../../briefings/README.md");

/// Prints the schema.
pub fn run() -> ExitCode {
    print(SCHEMA, "the schema")
}

/// Prints the format's documentation.
pub fn run_format() -> ExitCode {
    print(FORMAT, "the format")
}

fn print(text: &str, what: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            super::say::error(format_args!("cannot write {what}: {e}"));
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
