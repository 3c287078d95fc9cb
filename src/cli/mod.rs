//! Command-line parsing and the non-interactive commands: `check`, `search`, `export`.
//!
//! stdout carries data; stderr carries diagnostics. Exit codes: 0 success, 1 problems
//! found (errors, or no hits), 2 usage or I/O failure.

mod check;
mod diff;
mod export;
mod json;
mod markdown;
pub mod progress;
mod search;

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::{self, Library, LoadOptions, Report};

#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version,
    about = "Browse situation briefings in the terminal: actors, timeline, quotes and fuzzy search.",
    long_about = "Browse situation briefings in the terminal: actors, timeline, quotes and fuzzy search.\n\n\
        With no PATH, opens the briefings compiled into the binary. PATHs may be files or folders \
        (searched recursively for *.toml).",
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Briefing files or folders to open; none means the bundled briefings.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Start on this item: an actor, event or quote id, or briefing/source.
    #[arg(long, value_name = "ID")]
    open: Option<String>,

    /// Do not reload when the files change.
    #[arg(long)]
    no_watch: bool,

    /// Open the library as it was known on DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,

    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Clone, clap::Args)]
struct Common {
    /// When to use colour (NO_COLOR is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,

    /// Do not use the warm-start cache (see BRIEFING_CACHE_DIR).
    #[arg(long, global = true)]
    no_cache: bool,
}

/// Whether `--no-cache` was given; set once by [`main`].
static NO_CACHE: OnceLock<bool> = OnceLock::new();

/// The warm-start cache, unless `--no-cache` was given or there is no cache folder.
pub fn cache() -> Option<model::cache::Cache> {
    if NO_CACHE.get().copied().unwrap_or(false) {
        None
    } else {
        model::cache::Cache::from_env()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream, given whether it is a terminal.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate briefings: diagnostics on stderr, a summary line, exit 1 on errors.
    Check {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// `human` (rustc-style) on stderr, or `json` on stdout.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Count what the library knew on DATE (every file is still checked).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Search: ranked hits on stdout (kind, id, text); exit 0 hits / 1 none / 2 error.
    Search {
        /// The query, e.g. "kenya", "type:quote aware", "status:planned after:2025".
        query: String,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print a JSON array with fields and match positions.
        #[arg(long)]
        json: bool,
        /// Print at most N hits.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Search the library as it was known on DATE.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Export the loaded library as JSON or Markdown, on stdout or to a file.
    Export {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum)]
        format: export::Format,
        /// Write to this file instead of stdout (atomically).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Export the library as it was known on DATE.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Show what changed: `diff OLD NEW` (files or folders), or `diff --since DATE [PATH...]`.
    /// Exit 0 identical / 1 different / 2 trouble, like diff(1).
    Diff {
        /// OLD and NEW; with --since, the library to load (none = the bundled briefings).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Compare the library as known on DATE with its latest state.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// `text` (git-diff-like), `json` or `markdown`.
        #[arg(long, value_enum, default_value_t = diff::Format::Text)]
        format: diff::Format,
        /// Same as `--format json`.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

/// Loads the given paths, or the bundled briefings when there are none.
///
/// # Errors
/// A message when a path given on the command line cannot be used at all.
pub fn load(paths: &[PathBuf]) -> Result<(Library, Report), String> {
    if paths.is_empty() {
        return Ok(model::load_bundled());
    }
    let cache = cache();
    let line = progress::Line::on_stderr();
    let hooks = model::Hooks {
        cache: cache.as_ref(),
        progress: line.as_ref().map(progress::Line::progress),
    };
    let loaded = model::load_paths_with(paths, LoadOptions::default(), hooks);
    drop(line);
    if let Some(cache) = &cache {
        if let Some(note) = cache.take_note() {
            eprintln!("note: {}", crate::model::text::safe_line(&note));
        }
        // For people (and tests) who want to see the cache at work.
        if std::env::var_os("BRIEFING_CACHE_STATS").is_some()
            && let Ok((_, report)) = &loaded
        {
            let (hits, writes) = cache.stats();
            eprintln!(
                "note: cache: {hits} of {} files from the cache, {writes} written",
                report.files.len()
            );
        }
    }
    loaded
}

/// Parses an `--as-of DATE` argument into a view.
///
/// # Errors
/// A message naming the option when the date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn as_of_view(as_of: Option<&str>) -> Result<model::View, String> {
    let as_of = as_of
        .map(|d| model::PartialDate::parse(d.trim()))
        .transpose()
        .map_err(|e| format!("--as-of: {e}"))?;
    Ok(model::View {
        as_of,
        ..model::View::default()
    })
}

/// Loads like [`load`] and applies `--as-of`.
///
/// # Errors
/// As [`load`] and [`as_of_view`].
pub fn load_as_of(paths: &[PathBuf], as_of: Option<&str>) -> Result<(Library, Report), String> {
    let view = as_of_view(as_of)?;
    let (mut lib, report) = load(paths)?;
    if view != model::View::default() {
        lib.set_view(view);
    }
    Ok((lib, report))
}

/// Runs the program and returns its exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.common.color;
    let _ = NO_CACHE.set(cli.common.no_cache);
    match cli.command {
        Some(Command::Check {
            paths,
            format,
            as_of,
        }) => check::run(&paths, as_of.as_deref(), format == CheckFormat::Json, color),
        Some(Command::Export {
            paths,
            format,
            output,
            force,
            as_of,
        }) => export::run(
            &paths,
            as_of.as_deref(),
            format,
            &export::Target {
                output: output.as_deref(),
                force,
            },
        ),
        Some(Command::Search {
            query,
            paths,
            json,
            limit,
            as_of,
        }) => search::run(&query, &paths, as_of.as_deref(), json, limit, color),
        Some(Command::Diff {
            paths,
            since,
            format,
            json,
        }) => run_diff(
            paths,
            since,
            if json { diff::Format::Json } else { format },
            color,
        ),
        None => browse(&cli.paths, cli.open.as_deref(), cli.no_watch, color),
    }
}

fn run_diff(
    paths: Vec<PathBuf>,
    since: Option<String>,
    format: diff::Format,
    color: ColorChoice,
) -> ExitCode {
    let sides = match (since, <[PathBuf; 2]>::try_from(paths)) {
        (Some(date), Ok(two)) => diff::Sides::Since {
            date,
            paths: two.to_vec(),
        },
        (Some(date), Err(paths)) => diff::Sides::Since { date, paths },
        (None, Ok([old, new])) => diff::Sides::Paths { old, new },
        (None, Err(_)) => {
            eprintln!(
                "error: `briefing diff` needs OLD and NEW (two files or folders), or --since DATE\n\
                 help: e.g. `briefing diff briefings/haiti-2025-05.toml briefings/haiti-2025-10.toml`"
            );
            return ExitCode::from(2);
        }
    };
    diff::run(sides, format, color)
}

/// Tests of the loading screen hold the first load until the file that
/// `BRIEFING_TEST_HOLD_LOAD` names exists, so that they can look at the screen while it
/// loads without depending on the machine's speed.
fn hold_for_tests() {
    if let Some(gate) = std::env::var_os("BRIEFING_TEST_HOLD_LOAD") {
        while !std::path::Path::new(&gate).exists() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

fn browse(paths: &[PathBuf], open: Option<&str>, no_watch: bool, color: ColorChoice) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "error: the browser needs a terminal, and stdin or stdout is not one\n\
             help: use `briefing check`, `briefing search QUERY` or `briefing export --format json|markdown` in scripts and pipes"
        );
        return ExitCode::from(2);
    }
    // A path that does not exist is said before the screen is taken.
    if let Err(e) = model::check_paths(paths) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let theme = crate::tui::theme::Theme::new(color.enabled(true));
    let ran = if paths.is_empty() {
        // The bundled briefings load in a millisecond: no loading screen.
        let (library, report) = model::load_bundled();
        let mut app = crate::tui::app::App::new(library, report, theme);
        if let Some(id) = open {
            app.open(id);
        }
        crate::tui::run(app, None, None)
    } else {
        let cache = cache().map(std::sync::Arc::new);
        // Watching keeps each file's last good version, so the first load goes through it.
        let reloader = (!no_watch).then(|| {
            let mut r = model::Loader::new(paths.to_vec());
            r.use_cache(cache.clone());
            r
        });
        let paths = paths.to_vec();
        let job: crate::tui::runtime::LoadJob = Box::new(move |reloader, progress| {
            hold_for_tests();
            let loaded = match reloader {
                Some(r) => r.load_with(Some(progress)),
                None => {
                    let hooks = model::Hooks {
                        cache: cache.as_deref(),
                        progress: Some(progress),
                    };
                    model::load_paths_with(&paths, LoadOptions::default(), hooks)
                }
            };
            let note = cache.as_deref().and_then(model::cache::Cache::take_note);
            loaded.map(|(library, report)| (library, report, note))
        });
        let app = crate::tui::app::App::loading(theme, open.map(str::to_owned));
        crate::tui::run(app, reloader, Some(job))
    };
    match ran {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: terminal: {e}");
            ExitCode::from(2)
        }
    }
}
