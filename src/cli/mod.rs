//! Command-line parsing and the non-interactive commands: `check`, `search`, `export`,
//! `diff`, and `config`, `completions` and `man` for setting up.
//!
//! stdout carries data; stderr carries diagnostics. Exit codes: 0 success, 1 problems
//! found (errors, or no hits), 2 usage or I/O failure.
//!
//! Every command first reads the config file ([`crate::config`]): with no PATH, commands
//! open the configured library, or the bundled briefings.

mod atomic;
mod bookmarks;
mod check;
mod diff;
mod export;
mod fix;
mod json;
mod markdown;
mod new;
pub mod progress;
mod say;
mod schema;
mod search;
mod setup;

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{self, Config};
use crate::model::{self, Library, LoadOptions, Report};

/// The EXAMPLES section of `--help`.
const EXAMPLES: &str = "\
Examples:
  briefing                               open your library (the config's `library`), or the bundled briefings
  briefing ~/briefings/haiti             open a folder of briefings
  briefing --open kenya --as-of 2025-05  start on an item, as the library was known in May 2025
  briefing search 'type:quote aware'     ranked hits on stdout
  briefing check briefings/              validate; rustc-style diagnostics on stderr
  briefing export --format markdown --bookmarks -o report.md
  briefing diff old/ new/                what changed between two folders
  briefing config --default > ~/.config/briefing/config.toml
  briefing completions bash > ~/.local/share/bash-completion/completions/briefing
  briefing man > briefing.1";

#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version,
    about = "Browse situation briefings in the terminal: actors, timeline, quotes and fuzzy search.",
    long_about = "Browse situation briefings in the terminal: actors, timeline, quotes and fuzzy search.\n\n\
        With no PATH, opens the library named in the config file, or else the briefings compiled \
        into the binary. PATHs may be files or folders (searched recursively for *.toml).",
    after_help = EXAMPLES,
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Briefing files or folders (searched for *.toml) to open; none means the config's
    /// `library`, or else the bundled briefings.
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

    /// Keep no reading state this time: nothing is read from or written to the state dir.
    #[arg(long)]
    no_state: bool,

    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Clone, clap::Args)]
struct Common {
    /// When to use colour (`NO_COLOR` is honoured by `auto`) [default: the config's, or auto].
    #[arg(long, value_enum, global = true)]
    color: Option<ColorChoice>,

    /// Read this config file instead of `$XDG_CONFIG_HOME/briefing/config.toml` (also
    /// `BRIEFING_CONFIG`).
    #[arg(long, value_name = "PATH", global = true)]
    config: Option<PathBuf>,

    /// With no PATH, use the bundled briefings even if the config names a library.
    #[arg(long, global = true)]
    bundled: bool,

    /// Do not use the warm-start cache (see `BRIEFING_CACHE_DIR`).
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
    /// Validate briefings: diagnostics on stderr, a summary line, exit 1 on errors (and
    /// on warnings with `--deny-warnings`).
    Check {
        /// Briefing files or folders to check; none means your library.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// `human` (rustc-style) on stderr, or `json` on stdout.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Count what the library knew on DATE (every file is still checked).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Apply the fixes that are certain (misspelt keys and table names, a missing pair
        /// of quotes or brackets), show what changed, then check again. Never changes the
        /// text of a string.
        #[arg(long)]
        fix: bool,
        /// Exit 1 on warnings too, as on errors: for CI, where a misquote or a citation
        /// that points nowhere should stop a change.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Search: ranked hits on stdout (kind, id, text); exit 0 hits / 1 none / 2 error.
    #[command(long_about = crate::search::QUERY_HELP)]
    Search {
        /// The query, e.g. "kenya", "type:quote aware", "status:planned after:2025".
        query: String,
        /// Briefing files or folders to search; none means your library.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print a JSON array with fields and match positions.
        #[arg(long)]
        json: bool,
        /// Print at most N hits, N at least 1 (leave it out for every hit). The exit code
        /// says whether there were hits, as without it.
        #[arg(long, value_name = "N", value_parser = at_least_one)]
        limit: Option<usize>,
        /// Search the library as it was known on DATE.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Export the loaded library as JSON or Markdown, on stdout or to a file.
    Export {
        /// Briefing files or folders to export; none means your library.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum)]
        format: export::Format,
        /// Write to FILE instead of stdout. A file is replaced atomically; through a
        /// symlink, the file it names is, and the link kept. A device or FIFO (/dev/stdout,
        /// /dev/null) is written into, never replaced.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite FILE if it exists (without it, anything at FILE is refused, a link or
        /// /dev/stdout included).
        #[arg(long, requires = "output")]
        force: bool,
        /// Export the library as it was known on DATE.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Export only your bookmarked items (with their citations), for a report.
        #[arg(long)]
        bookmarks: bool,
    },
    /// Start a new briefing: a minimal, valid, commented file with one of each item and
    /// placeholders to replace. Never overwrites a file.
    New {
        /// The file to create, e.g. `briefings/gaza-2025-06.toml`. Its name gives the id,
        /// accents folded (`São Tomé.toml` → `sao-tome`); letters with no plain form
        /// (`日本.toml`) leave a short hash instead (`briefing-2c17fb`).
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// The briefing's title.
        #[arg(long)]
        title: String,
        /// The series (situation) it belongs to, e.g. "gaza".
        #[arg(long, value_name = "NAME")]
        series: Option<String>,
        /// The date it describes (YYYY, YYYY-MM or YYYY-MM-DD); today when left out.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Print the JSON Schema of the briefing format, for editors that use taplo.
    Schema,
    /// Print the briefing format's documentation (Markdown), e.g. `briefing format | less`.
    Format,
    /// Show what changed: `diff OLD NEW` (files or folders), or `diff --since DATE [PATH...]`.
    /// Exit 0 identical / 1 different / 2 trouble, like diff(1).
    Diff {
        /// OLD and NEW; with --since, the library to load (none means your library).
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
    /// Your config file: check it, print its path, or print a commented default.
    Config {
        /// Print a fully commented default config (every setting at its default).
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print the path the config is read from.
        #[arg(long)]
        path: bool,
    },
    /// Print a completion script for a shell, e.g. `briefing completions bash`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `briefing man > briefing.1`.
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

/// Loads the given paths, or the bundled briefings when there are none, working out what
/// `derived` asks for.
///
/// # Errors
/// A message when a path given on the command line cannot be used at all.
pub fn load(paths: &[PathBuf], derived: model::Derived) -> Result<(Library, Report), String> {
    if paths.is_empty() {
        return Ok(model::load_bundled());
    }
    load_by(paths, derived, model::load_paths_with)
}

/// Reads, checks and links the given paths as [`load`] does, and counts what the library
/// holds under the view of everything without making it (see
/// [`model::count_paths_with`], whose drafts come back too); with no paths, the bundled
/// briefings.
///
/// # Errors
/// As [`load`].
pub fn count(paths: &[PathBuf]) -> Result<(model::Counts, Report, Option<model::Drafts>), String> {
    if paths.is_empty() {
        let (library, report) = model::load_bundled();
        return Ok((library.counts(), report, None));
    }
    let ((counts, drafts), report) = load_by(paths, model::Derived::Counts, count_with)?;
    Ok((counts, report, Some(drafts)))
}

/// [`model::count_paths_with`] in the shape [`load_by`] takes.
fn count_with(
    paths: &[PathBuf],
    opts: LoadOptions,
    hooks: model::Hooks<'_>,
) -> Result<((model::Counts, model::Drafts), Report), String> {
    model::count_paths_with(paths, opts, hooks)
        .map(|(counts, report, drafts)| ((counts, drafts), report))
}

/// Loads the given paths with `load`, through the cache and with a progress line.
fn load_by<T>(
    paths: &[PathBuf],
    derived: model::Derived,
    load: impl FnOnce(&[PathBuf], LoadOptions, model::Hooks<'_>) -> Result<(T, Report), String>,
) -> Result<(T, Report), String> {
    let cache = cache();
    let line = progress::Line::on_stderr();
    let hooks = model::Hooks {
        cache: cache.as_ref(),
        progress: line.as_ref().map(progress::Line::progress),
    };
    // Looked at once and let go: the texts stay where the parser made them.
    let opts = LoadOptions {
        texts: model::Texts::AsParsed,
        derived,
        ..LoadOptions::default()
    };
    let loaded = load(paths, opts, hooks);
    drop(line);
    if let Some(cache) = &cache {
        if let Some(note) = cache.take_note() {
            say::note(crate::model::text::safe_line(&note));
        }
        // For people (and tests) who want to see the cache at work.
        if std::env::var_os("BRIEFING_CACHE_STATS").is_some()
            && let Ok((_, report)) = &loaded
        {
            let (hits, writes) = cache.stats();
            eprintln!(
                "note: cache: {hits} of {} from the cache, {writes} written",
                model::progress::files(report.files.len())
            );
        }
    }
    loaded
}

/// Keeps a command's library (or index) to the end of the process without freeing it: the
/// command exits next, and the system takes the memory back at once, where freeing a
/// library of 1,000 briefings item by item took 40–80 ms of `check`'s 0.6 s.
pub(crate) fn keep<T>(value: T) -> std::mem::ManuallyDrop<T> {
    std::mem::ManuallyDrop::new(value)
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
pub fn load_as_of(
    paths: &[PathBuf],
    as_of: Option<&str>,
    derived: model::Derived,
) -> Result<(Library, Report), String> {
    let view = as_of_view(as_of)?;
    let (mut lib, report) = load(paths, derived)?;
    if view != model::View::default() {
        match derived {
            model::Derived::All => lib.set_view(view),
            model::Derived::Counts => lib.set_scope(view),
        }
        note_none_known(&lib);
    }
    Ok((lib, report))
}

/// Says so when a view's date comes before every briefing: what it shows is empty, and
/// the reason is not the briefings' contents.
fn note_none_known(lib: &Library) {
    let Some(as_of) = lib.view().as_of else {
        return;
    };
    let earliest = lib
        .briefings
        .iter()
        .map(|b| b.as_of)
        .min_by_key(|&d| model::order_key(d));
    if let Some(earliest) = earliest
        && !lib.briefings.iter().any(model::Briefing::is_known)
    {
        say::note(format_args!(
            "no briefing is known as of {as_of}: the earliest is as of {earliest}"
        ));
    }
}

/// The clap command, for completions and the man page.
#[must_use]
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Runs the program and returns its exit code.
pub fn main() -> ExitCode {
    crate::model::init_parser_threads();
    let cli = Cli::parse();
    let _ = NO_CACHE.set(cli.common.no_cache);
    if cli.command.is_none() {
        setup::suggest_subcommand(&cli.paths);
    }
    match &cli.command {
        Some(Command::Completions { shell }) => return setup::completions(*shell),
        Some(Command::Man) => return setup::man(),
        Some(Command::Config { default: true, .. }) => return setup::print_default(),
        _ => {}
    }
    let source = config::locate(cli.common.config.as_deref());
    let (config, config_report) = config::load(&source);
    let color = cli
        .common
        .color
        .or(config.color.map(ColorChoice::from))
        .unwrap_or(ColorChoice::Auto);
    if let Some(Command::Config { path, .. }) = &cli.command {
        return setup::config(&source, &config_report, *path, color);
    }
    if !config_report.diagnostics.is_empty() {
        let on = color.enabled(std::io::stderr().is_terminal());
        eprint!(
            "{}",
            config_report.render_all_width(on, say::stderr_columns())
        );
    }
    // No PATH: the configured library, unless --bundled asks for the built-in one.
    let library = |paths: Vec<PathBuf>| {
        if paths.is_empty() && !cli.common.bundled {
            config.library.clone()
        } else {
            paths
        }
    };
    match cli.command {
        Some(command) => run_command(command, library, color),
        None => {
            let paths = library(cli.paths);
            let setup = Browse {
                open: cli.open.as_deref(),
                as_of: cli.as_of.as_deref(),
                watch: !cli.no_watch && config.watch,
                state: !cli.no_state && config.state,
                no_state_flag: cli.no_state,
            };
            browse(&paths, &setup, &config, &config_report, color)
        }
    }
}

/// Runs a subcommand once the config is read; `library` gives the paths a command opens
/// when it is given none.
fn run_command(
    command: Command,
    library: impl Fn(Vec<PathBuf>) -> Vec<PathBuf>,
    color: ColorChoice,
) -> ExitCode {
    match command {
        Command::Check {
            paths,
            format,
            as_of,
            fix,
            deny_warnings,
        } => check::run(
            &library(paths),
            as_of.as_deref(),
            &check::Options {
                json: format == CheckFormat::Json,
                fix,
                deny_warnings,
            },
            color,
        ),
        Command::Export {
            paths,
            format,
            output,
            force,
            as_of,
            bookmarks,
        } => run_export(
            &library(paths),
            as_of.as_deref(),
            format,
            &export::Target {
                output: output.as_deref(),
                force,
            },
            bookmarks,
        ),
        Command::Search {
            query,
            paths,
            json,
            limit,
            as_of,
        } => search::run(
            &query,
            &library(paths),
            as_of.as_deref(),
            json,
            limit,
            color,
        ),
        Command::Diff {
            paths,
            since,
            format,
            json,
        } => {
            let paths = if since.is_some() {
                library(paths)
            } else {
                paths
            };
            run_diff(
                paths,
                since,
                if json { diff::Format::Json } else { format },
                color,
            )
        }
        Command::New {
            path,
            title,
            series,
            as_of,
        } => new::run(
            &path,
            &new::Spec {
                title: &title,
                series: series.as_deref(),
                as_of: as_of.as_deref(),
            },
        ),
        Command::Schema => schema::run(),
        Command::Format => schema::run_format(),
        Command::Config { .. } | Command::Completions { .. } | Command::Man => ExitCode::SUCCESS,
    }
}

/// A count of at least 1 (`search --limit`): 0 would print nothing and exit 1, "no hits",
/// whatever was found. Clap says a value it refuses as a usage error, with exit code 2.
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("N is at least 1; leave out --limit to print every hit".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("{e}; N is a whole number, at least 1")),
    }
}

/// Exports the library at `paths`, or with `bookmarks` only the bookmarked items.
fn run_export(
    paths: &[PathBuf],
    as_of: Option<&str>,
    format: export::Format,
    target: &export::Target<'_>,
    bookmarks: bool,
) -> ExitCode {
    let marks = if bookmarks {
        match bookmarks::marks(paths) {
            Ok(marks) => Some(marks),
            Err(code) => return code,
        }
    } else {
        None
    };
    export::run(paths, as_of, format, target, marks.as_ref())
}

impl From<config::Color> for ColorChoice {
    fn from(c: config::Color) -> Self {
        match c {
            config::Color::Auto => Self::Auto,
            config::Color::Always => Self::Always,
            config::Color::Never => Self::Never,
        }
    }
}

/// How the browser starts, from the command line and the config.
struct Browse<'a> {
    open: Option<&'a str>,
    as_of: Option<&'a str>,
    watch: bool,
    state: bool,
    /// Reading state is off because of `--no-state` (not the config).
    no_state_flag: bool,
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
        (None, Err(paths)) => {
            eprintln!(
                "error: `briefing diff` needs OLD and NEW (two files or folders), or --since DATE; {}\n\
                 help: e.g. `briefing diff briefings/haiti-2025-05.toml briefings/haiti-2025-10.toml`, or `briefing diff --since 2025-05 PATH...` for the changes since a date in any number of paths",
                given_paths(&paths)
            );
            return ExitCode::from(2);
        }
    };
    diff::run(sides, format, color)
}

/// What was given instead of OLD and NEW, in words: "no path was given", "1 path was
/// given: `a.toml`", "3 paths were given: `a`, `b`, `c`" (the first few, display-safe).
fn given_paths(paths: &[PathBuf]) -> String {
    const SHOWN: usize = 4;
    let mut named: Vec<String> = paths
        .iter()
        .take(SHOWN)
        .map(|p| format!("`{}`", crate::model::diag::display_path(p)))
        .collect();
    if paths.len() > SHOWN {
        named.push(format!("and {} more", paths.len() - SHOWN));
    }
    match paths.len() {
        0 => "no path was given".to_owned(),
        1 => format!("1 path was given: {}", named[0]),
        n => format!("{n} paths were given: {}", named.join(", ")), // 2 or more: plural
    }
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

/// How long the browser waits on its way out for the cache writes of its first load.
const CACHE_WRITE_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

fn browse(
    paths: &[PathBuf],
    how: &Browse<'_>,
    config: &Config,
    config_report: &Report,
    color: ColorChoice,
) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "error: the browser needs a terminal, and stdin or stdout is not one\n\
             help: use `briefing check`, `briefing search QUERY` or `briefing export --format json|markdown` in scripts and pipes"
        );
        return ExitCode::from(2);
    }
    let view = match as_of_view(how.as_of) {
        Ok(view) => view,
        Err(e) => {
            say::error(e);
            return ExitCode::from(2);
        }
    };
    // A path that does not exist is said before the screen is taken.
    if let Err(e) = model::check_paths(paths) {
        say::error(e);
        return ExitCode::from(2);
    }
    let theme = config.theme(color.enabled(true));
    let cache = (!paths.is_empty())
        .then(cache)
        .flatten()
        .map(std::sync::Arc::new);
    let kept = cache.clone();
    let (mut app, reloader, job) = if paths.is_empty() {
        // The bundled briefings load in a millisecond: no loading screen.
        let (library, report) = model::load_bundled();
        (
            crate::tui::app::App::new(library, report, theme),
            None,
            None,
        )
    } else {
        let loader = || {
            let mut r = model::Loader::new(paths.to_vec());
            r.use_cache(cache.clone());
            // A start on unchanged files takes the whole library from the cache.
            r.use_snapshots(true);
            r
        };
        // Watching keeps each file's last good version, so the first load goes through it.
        let reloader = how.watch.then(loader);
        let mut own = (!how.watch).then(loader);
        let job: crate::tui::runtime::LoadJob = Box::new(move |reloader, progress| {
            hold_for_tests();
            let Some(loader) = reloader.or(own.as_mut()) else {
                return Err("no loader".to_owned());
            };
            // The search index kept with a snapshot of the library is read while the
            // library decodes.
            let (library, report, kept) = loader.load_beside(Some(progress), |key| {
                cache
                    .as_deref()
                    .and_then(|c| crate::search::SearchIndex::read_cached(c, key))
            })?;
            progress.phase(model::progress::Phase::Indexing);
            let index = crate::search::SearchIndex::cached_or_built(
                &library,
                cache.as_ref(),
                loader.whole_key(),
                kept,
            );
            let note = cache.as_deref().and_then(model::cache::Cache::take_note);
            let loaded = crate::tui::action::Loaded {
                library,
                report,
                index,
            };
            Ok((loaded, note))
        });
        (crate::tui::app::App::loading(theme), reloader, Some(job))
    };
    app.set_keys(config.keys.clone());
    app.set_split(config.split);
    if !config_report.diagnostics.is_empty() {
        app.add_problems(config_report);
    }
    let (store, session) = setup::reading_state(&mut app, paths, how, config);
    app.start(crate::tui::loading::Start {
        open: how.open.map(str::to_owned),
        session,
        as_of: view.as_of,
    });
    let ran = crate::tui::runtime::run_with_state(app, reloader, job, store);
    // What the first load is keeping for the next start (the whole library, its index) is
    // given a moment to be written, so that quitting at once still leaves a warm start.
    if let Some(cache) = kept {
        cache.wait_for_writes(CACHE_WRITE_WAIT);
    }
    match ran {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            say::error(format_args!("terminal: {e}"));
            ExitCode::from(2)
        }
    }
}
