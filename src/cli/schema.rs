//! `briefing schema`: prints the JSON Schema of the briefing format, for editors (taplo
//! reads it from a `#:schema ./briefing.schema.json` line at the top of a briefing).

use std::io::Write as _;
use std::process::ExitCode;

/// The schema, as published in `briefings/briefing.schema.json`.
pub const SCHEMA: &str = include_str!("../../briefings/briefing.schema.json");

pub fn run() -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(SCHEMA.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            super::say::error(format_args!("cannot write the schema: {e}"));
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
