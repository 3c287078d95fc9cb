//! `briefing check`: validate, print diagnostics and a summary.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use super::ColorChoice;

pub fn run(paths: &[PathBuf], as_of: Option<&str>, json: bool, color: ColorChoice) -> ExitCode {
    let (library, report) = match super::load_as_of(paths, as_of) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let errors = report.error_count();
    let warnings = report.warning_count();
    let counts = library.counts();
    let left_out = report.left_out();
    if json {
        let out = serde_json::json!({
            "diagnostics": report.to_json(),
            "counts": counts,
            "files": report.files.len(),
            "left_out": left_out.iter().map(|(f, d)| serde_json::json!({
                "file": report.files[*f].display,
                "reason": crate::model::text::safe_line(&d.message),
            })).collect::<Vec<_>>(),
            "errors": errors,
            "warnings": warnings,
        });
        print!("{}", super::json::to_string_pretty(&out));
    } else {
        let color = color.enabled(std::io::stderr().is_terminal());
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{}", report.render_all(color));
        // Every file left out, named, with its first error: the counts alone would hide it.
        for (f, d) in &left_out {
            let _ = writeln!(
                err,
                "left out: {} ({})",
                report.files[*f].display,
                crate::model::text::safe_line(&d.message)
            );
        }
        let files = report.files.len();
        let left = if left_out.is_empty() {
            String::new()
        } else {
            format!(", {} left out", left_out.len())
        };
        let _ = writeln!(
            err,
            "checked {files} file{}{left}: {counts}; {errors} error{}, {warnings} warning{}",
            if files == 1 { "" } else { "s" },
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        );
    }
    if report.files.is_empty() {
        eprintln!("error: no briefing files (*.toml) found");
        return ExitCode::from(2);
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
