//! `briefing check`: validate, print diagnostics and a summary; with `--fix`, first apply
//! the certain fixes and say what changed.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use super::ColorChoice;
use crate::model::diag::LineIndex;
use crate::model::{Counts, Derived, Drafts, Library, PartialDate, Report};

/// How to check.
pub struct Options {
    /// JSON on stdout instead of rustc-style text on stderr.
    pub json: bool,
    /// Apply machine-applicable fixes first.
    pub fix: bool,
    /// Fail on warnings as on errors.
    pub deny_warnings: bool,
}

/// How many times `--fix` fixes and checks again at most.
const FIX_ROUNDS: usize = 4;

pub fn run(paths: &[PathBuf], as_of: Option<&str>, opts: &Options, color: ColorChoice) -> ExitCode {
    if opts.fix && paths.is_empty() {
        eprintln!(
            "error: --fix needs the files or folders to fix\nhelp: the bundled briefings are compiled into the program and cannot be changed"
        );
        return ExitCode::from(2);
    }
    let (mut counted, mut report) = match load(paths, as_of) {
        Ok(loaded) => loaded,
        Err(e) => {
            super::say::error(e);
            return ExitCode::from(2);
        }
    };
    let mut fixed = Vec::new();
    // A file the parser stopped in (a bare date) is checked no further, so its other
    // fixable mistakes show only once that is fixed: fix and check again while fixes
    // apply, a few rounds at most.
    let rounds = if opts.fix { FIX_ROUNDS } else { 0 };
    for _ in 0..rounds {
        let (done, failed) = super::fix::fix_files(&report);
        for e in &failed {
            super::say::error(e);
        }
        if done.is_empty() {
            break;
        }
        // Check again: the rest is what a person must look at.
        (counted, report) = match load(paths, as_of) {
            Ok(loaded) => loaded,
            Err(e) => {
                super::say::error(e);
                return ExitCode::from(2);
            }
        };
        fixed.extend(done);
    }
    let counted = super::keep(counted);
    report.sort_by_position();
    if opts.json {
        print_json(&counted, &report, &fixed);
    } else {
        print_human(&counted, &report, &fixed, paths, color);
    }
    if report.files.is_empty() {
        eprintln!("error: no briefing files (*.toml) found");
        return ExitCode::from(2);
    }
    let (errors, warnings) = (report.error_count(), report.warning_count());
    if errors == 0 && warnings > 0 && opts.deny_warnings {
        if !opts.json {
            eprintln!(
                "error: {}, and --deny-warnings fails on warnings",
                plural(warnings, "warning")
            );
        }
        ExitCode::from(1)
    } else if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What `check` reports of a library besides its problems: the date it is viewed as of,
/// and how many of each thing it holds then.
struct Counted {
    as_of: Option<PartialDate>,
    counts: Counts,
    /// What the counts were made from: let go of when a check fixes and checks again, and
    /// kept to the end of the process otherwise (see [`super::keep`]).
    _from: CountedFrom,
}

/// What a check's counts were made from, held only to be let go of.
enum CountedFrom {
    /// The checked files (none for the bundled briefings).
    Drafts { _drafts: Option<Drafts> },
    /// The library, made as far as counting goes (`--as-of`).
    Library { _library: Box<Library> },
}

/// Loads the paths for a check. Without `--as-of`, the library is counted without being
/// made ([`super::count`]); with it, made only as far as counting goes.
fn load(paths: &[PathBuf], as_of: Option<&str>) -> Result<(Counted, Report), String> {
    if as_of.is_none() {
        let (counts, report, drafts) = super::count(paths)?;
        let counted = Counted {
            as_of: None,
            counts,
            _from: CountedFrom::Drafts { _drafts: drafts },
        };
        return Ok((counted, report));
    }
    let (library, report) = super::load_as_of(paths, as_of, Derived::Counts)?;
    let counted = Counted {
        as_of: library.view().as_of,
        counts: library.counts(),
        _from: CountedFrom::Library {
            _library: Box::new(library),
        },
    };
    Ok((counted, report))
}

fn print_json(counted: &Counted, report: &Report, fixed: &[super::fix::FileFixes]) {
    let fixed: Vec<serde_json::Value> = fixed
        .iter()
        .flat_map(|f| {
            let index = LineIndex::new(&f.text);
            f.applied.iter().map(move |a| {
                let (line, column) = index.line_col(&f.text, a.span.start);
                serde_json::json!({
                    "file": f.display,
                    "line": line,
                    "column": column,
                    "before": a.before,
                    "after": a.after,
                })
            })
        })
        .collect();
    let out = serde_json::json!({
        "diagnostics": report.to_json(),
        "as_of": counted.as_of.map(|d| d.to_string()),
        "counts": counted.counts,
        "files": report.files.len(),
        "errors": report.error_count(),
        "warnings": report.warning_count(),
        "left_out": report.left_out().iter().map(|(f, d)| serde_json::json!({
            "file": report.files[*f].display,
            "reason": crate::model::text::safe_line(&d.message),
        })).collect::<Vec<_>>(),
        "fixable": report.diagnostics.iter().filter(|d| d.is_fixable()).count(),
        "fixed": fixed,
    });
    print!("{}", super::json::to_string_pretty(&out));
}

fn print_human(
    counted: &Counted,
    report: &Report,
    fixed: &[super::fix::FileFixes],
    paths: &[PathBuf],
    color: ColorChoice,
) {
    let color = color.enabled(std::io::stderr().is_terminal());
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{}", super::fix::describe(fixed));
    let _ = report.write_all(&mut err, color, super::say::stderr_columns());
    let files = report.files.len();
    let (errors, warnings) = (report.error_count(), report.warning_count());
    // Every file left out, named, with its first error: the counts alone would hide it.
    let left = report.left_out();
    for (f, d) in &left {
        let _ = writeln!(
            err,
            "left out: {} ({})",
            report.files[*f].display,
            crate::model::text::safe_line(&d.message)
        );
    }
    let left_out = match left.len() {
        0 => String::new(),
        n => format!(", {n} left out"),
    };
    // The counts are of the library as known on the view's date; say which date.
    let as_of = counted
        .as_of
        .map(|d| format!(" (as of {d})"))
        .unwrap_or_default();
    let _ = writeln!(
        err,
        "checked {}{left_out}: {}{as_of}; {}, {}",
        plural(files, "file"),
        counted.counts,
        plural(errors, "error"),
        plural(warnings, "warning"),
    );
    let fixable = report.diagnostics.iter().filter(|d| d.is_fixable()).count();
    if fixable > 0 {
        let _ = writeln!(
            err,
            "help: {} can fix {} of these for you",
            fix_command(paths),
            if fixable == 1 {
                "one".to_owned()
            } else {
                fixable.to_string()
            }
        );
    }
}

/// How many paths the `--fix` hint names; with more, it says "on the same paths".
const FIX_PATHS_NAMED: usize = 4;

/// The command that fixes what `check` found in `paths`, to run as printed: `--fix` needs
/// the paths, each quoted for the shell where it must be.
fn fix_command(paths: &[PathBuf]) -> String {
    if paths.len() > FIX_PATHS_NAMED {
        return "`briefing check --fix` on the same paths".into();
    }
    let mut command = "briefing check --fix".to_owned();
    for p in paths {
        command.push(' ');
        command.push_str(&super::say::shell_path(p));
    }
    format!("`{command}`")
}

/// "1 file", "2 files".
fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}
