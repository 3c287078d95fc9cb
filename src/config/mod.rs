//! The user's config file: `$XDG_CONFIG_HOME/briefing/config.toml` (by default
//! `~/.config/briefing/config.toml`), or the file named by `--config PATH` or
//! `BRIEFING_CONFIG`.
//!
//! It names the library to open when no PATH is given, the keys (merged by action name into
//! the one keymap, so the footer and help show them), the theme (a preset and named
//! styles) and defaults for `--color`, live reload, the split and reading state.
//!
//! A config is checked with the same diagnostics as briefings: `path:line:col`, the line,
//! a caret and "did you mean". A broken config never stops the program: every setting that
//! cannot be used keeps its default, and the problems are shown on stderr and in the
//! problems panel. This layer sits above [`crate::tui`] (it builds its keymap and theme)
//! and below [`crate::cli`].

mod default;
mod keys;
mod read;

use std::path::{Path, PathBuf};
use std::time::Duration;

use ratatui::style::Style;

pub use default::default_config;

use crate::model::Report;
use crate::tui::keymap::Keymap;
use crate::tui::reading::READ_AFTER;
use crate::tui::theme::{Preset, Theme};

/// The environment variable that names a config file.
pub const ENV: &str = "BRIEFING_CONFIG";

/// A config larger than this is refused: a real one is a few KiB.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// `color = "auto" | "always" | "never"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Everything the config file sets, each setting at its default unless the file set it
/// validly.
#[derive(Clone, Debug)]
pub struct Config {
    /// The paths to open when none is given; empty: the bundled briefings.
    pub library: Vec<PathBuf>,
    /// The default for `--color`.
    pub color: Option<Color>,
    /// Whether the browser reloads when files change.
    pub watch: bool,
    /// The list's share of the width, in percent, beside the detail.
    pub split: u16,
    /// How long a detail stays on screen before its item counts as read; `None`: only the
    /// toggle key marks items read.
    pub read_after: Option<Duration>,
    /// Whether reading state is kept (`state = false` is `--no-state`).
    pub state: bool,
    /// The keys: the defaults with the user's overrides.
    pub keys: Keymap,
    /// The theme preset.
    pub preset: Preset,
    /// Styles set by name, in file order.
    pub styles: Vec<(String, Style)>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            library: Vec::new(),
            color: None,
            watch: true,
            split: 40,
            read_after: Some(READ_AFTER),
            state: true,
            keys: Keymap::default(),
            preset: Preset::Dark,
            styles: Vec::new(),
        }
    }
}

impl Config {
    /// The theme: the preset with the named styles on top; without colour, only their
    /// modifiers.
    #[must_use]
    pub fn theme(&self, color: bool) -> Theme {
        let mut theme = Theme::preset(self.preset, color);
        for (name, style) in &self.styles {
            theme.set(name, *style);
        }
        theme
    }
}

/// Where the config is read from, and why there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--config PATH`.
    Flag(PathBuf),
    /// `BRIEFING_CONFIG`.
    Env(PathBuf),
    /// The XDG location.
    Default(PathBuf),
    /// No home folder, so no default location.
    Nowhere,
}

impl Source {
    /// The path, if there is one.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Flag(p) | Source::Env(p) | Source::Default(p) => Some(p),
            Source::Nowhere => None,
        }
    }

    /// How the path was chosen, for `briefing config --path`.
    #[must_use]
    pub fn reason(&self) -> &'static str {
        match self {
            Source::Flag(_) => "from --config",
            Source::Env(_) => "from BRIEFING_CONFIG",
            Source::Default(_) => "the default location",
            Source::Nowhere => "there is no home folder",
        }
    }
}

/// The default location: `$XDG_CONFIG_HOME/briefing/config.toml`.
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("briefing").join("config.toml"))
}

/// Where the config is read from: `--config`, then `BRIEFING_CONFIG`, then the default.
#[must_use]
pub fn locate(flag: Option<&Path>) -> Source {
    if let Some(p) = flag {
        return Source::Flag(p.to_owned());
    }
    if let Some(p) = std::env::var_os(ENV).filter(|v| !v.is_empty()) {
        return Source::Env(PathBuf::from(p));
    }
    default_path().map_or(Source::Nowhere, Source::Default)
}

/// Reads the config. A missing file at the default location is no problem; a missing file
/// that was named, or one that cannot be read, is reported and the defaults are used.
#[must_use]
pub fn load(source: &Source) -> (Config, Report) {
    let Some(path) = source.path() else {
        return (Config::default(), Report::default());
    };
    match crate::model::read_regular(path, MAX_CONFIG_BYTES, "config file") {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, path),
            Err(_) => only(
                path,
                "the config file is not UTF-8 text; the defaults are used",
            ),
        },
        Err(e) if e.missing => match source {
            Source::Default(_) => (Config::default(), Report::default()),
            _ => only(
                path,
                &format!(
                    "no config file here ({}); the defaults are used",
                    source.reason()
                ),
            ),
        },
        Err(e) => only(
            path,
            &format!("the config file cannot be read ({e}); the defaults are used"),
        ),
    }
}

/// The defaults, and a warning about the config file that could not be used: the program
/// goes on, so it is not an error.
fn only(path: &Path, message: &str) -> (Config, Report) {
    let mut report = Report::default();
    report.files.push(crate::model::diag::SourceFile::new(path));
    report
        .diagnostics
        .push(crate::model::Diagnostic::warning(message).in_file(0));
    (Config::default(), report)
}

/// Reads config text; `path` locates the diagnostics and is where relative library paths
/// start from.
#[must_use]
pub fn parse(text: &str, path: &Path) -> (Config, Report) {
    read::read(text, path)
}

/// Expands a leading `~` to the home folder; other paths are relative to `base`.
#[must_use]
pub fn expand(path: &str, base: &Path) -> PathBuf {
    let home = || std::env::home_dir().unwrap_or_default();
    let p = if path == "~" {
        home()
    } else if let Some(rest) = path.strip_prefix("~/") {
        home().join(rest)
    } else {
        PathBuf::from(path)
    };
    if p.is_absolute() { p } else { base.join(p) }
}

/// The candidate closest to a mistyped word, if it is close enough to be a typo. A word
/// too long to be a typo is not compared: edit distance costs the product of the lengths.
fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if wrong.chars().count() > crate::model::suggest::MAX_WORD_CHARS {
        return None;
    }
    let wrong = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&wrong, &c.to_lowercase()), c))
        .filter(|(d, c)| *d > 0 && *d <= (c.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// "did you mean `x`?", if there is an `x`.
fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(wrong, candidates).map(|c| format!("did you mean `{c}`?"))
}
