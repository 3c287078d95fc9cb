//! Setting up: `briefing config`, `briefing completions SHELL`, `briefing man`, the
//! "did you mean" for mistyped commands, and the browser's reading state.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::{Browse, ColorChoice};
use crate::config::{self, Config, Source};
use crate::model::Report;
use crate::state::{Marks, Session, Store, state_dir};
use crate::tui::action::Action;
use crate::tui::app::App;

/// The subcommands, for "did you mean".
const SUBCOMMANDS: [&str; 8] = [
    "check",
    "search",
    "export",
    "diff",
    "config",
    "completions",
    "man",
    "help",
];

/// `briefing serach kenya`: when the first PATH is no file but looks like a mistyped
/// command, says so as clap does and exits 2. A PATH that exists is always a path.
pub fn suggest_subcommand(paths: &[PathBuf]) {
    let Some(first) = paths.first() else { return };
    let Some(word) = first.to_str() else { return };
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    if !plain || first.exists() {
        return;
    }
    let Some(best) = SUBCOMMANDS
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1))
        .min()
        .map(|(_, c)| c)
    else {
        return;
    };
    let mut cmd = super::command();
    let usage = cmd.render_usage();
    let mut err = clap::Error::new(ErrorKind::InvalidSubcommand).with_cmd(&cmd);
    err.insert(
        ContextKind::InvalidSubcommand,
        ContextValue::String(word.to_owned()),
    );
    err.insert(
        ContextKind::SuggestedSubcommand,
        ContextValue::Strings(vec![best.to_owned()]),
    );
    err.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
    err.exit();
}

/// `briefing completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut cmd = super::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "briefing", &mut out);
    write_stdout(&out)
}

/// `briefing man`.
pub fn man() -> ExitCode {
    let mut out = Vec::new();
    match clap_mangen::Man::new(super::command()).render(&mut out) {
        Ok(()) => write_stdout(&out),
        Err(e) => {
            super::say::error(format_args!("cannot render the manual page: {e}"));
            ExitCode::from(2)
        }
    }
}

/// `briefing config --default`.
pub fn print_default() -> ExitCode {
    write_stdout(config::default_config().as_bytes())
}

/// `briefing config [--path]`: where the config is read from, or whether it is valid.
pub fn config(source: &Source, report: &Report, path_only: bool, color: ColorChoice) -> ExitCode {
    let Some(path) = source.path() else {
        eprintln!("error: there is no home folder, so there is no config file; use --config PATH");
        return ExitCode::from(2);
    };
    let shown = crate::model::diag::display_path(path);
    if path_only {
        println!("{shown}");
        if !path.exists() {
            eprintln!(
                "note: it does not exist yet ({}); the defaults are in use",
                source.reason()
            );
        }
        return ExitCode::SUCCESS;
    }
    let on = color.enabled(std::io::stderr().is_terminal());
    eprint!(
        "{}",
        report.render_all_width(on, super::say::stderr_columns())
    );
    let (errors, warnings) = (report.error_count(), report.warning_count());
    if !path.exists() && errors == 0 {
        eprintln!(
            "no config file at {shown} ({}): the defaults are in use\nhelp: `briefing config --default > {}` writes one to start from",
            source.reason(),
            super::say::shell_path(path)
        );
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "checked {shown}: {errors} error{}, {warnings} warning{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Opens the reading state the browser keeps (or says it is off) and attaches its marks to
/// the app; returns where to save it, and the session to go back to once the library is
/// loaded. Warnings are printed now, before the screen is taken, and the last one also
/// goes to the status line.
pub(super) fn reading_state(
    app: &mut App,
    paths: &[PathBuf],
    how: &Browse<'_>,
    config: &Config,
) -> (Store, Option<Session>) {
    if !how.state {
        app.attach_reading(Marks::default(), config.read_after);
        let why = if how.no_state_flag {
            "--no-state"
        } else {
            "state = false in the config"
        };
        let _ = app.update(Action::Notify(format!(
            "reading state is off ({why}): read marks and bookmarks will not be saved"
        )));
        return (Store::off(), None);
    }
    let opened = Store::open(state_dir(), paths);
    let session = opened.marks.session().cloned();
    app.attach_reading(opened.marks, config.read_after);
    for w in &opened.warnings {
        super::say::warning(w);
    }
    if let Some(last) = opened.warnings.last() {
        let _ = app.update(Action::Notify(last.clone()));
    }
    (opened.store, session)
}

fn write_stdout(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            super::say::error(format_args!("cannot write to stdout: {e}"));
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
