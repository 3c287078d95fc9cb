//! Diagnostics for briefing authors, in the style of rustc and cargo: `path:line:col`, the
//! source line, a caret under the span and a hint. Everything printed is display-safe.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::{Deserialize, Serialize};

use super::excerpt::Excerpt;
use super::text::safe_line;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Index of a file in a [`Report`].
pub type FileId = usize;

/// A place in a file that a diagnostic points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: FileId,
    pub span: Range<usize>,
}

/// A second place that explains the first, such as an earlier definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub at: Location,
    pub label: String,
}

/// One problem found while loading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, when the problem belongs to one.
    pub file: Option<FileId>,
    /// The byte span in the file, when known.
    pub span: Option<Range<usize>>,
    pub message: String,
    /// A short label shown next to the caret.
    pub label: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Related>,
    /// A suggested edit, for editors and `briefing check --fix`.
    pub fix: Option<Fix>,
}

/// How many of a diagnostic's related places are quoted; the rest are counted in a note.
pub const PLACES_QUOTED: usize = 3;

/// One error per problem: errors that say the same thing of one file (the same message,
/// label and help, as every use of one unknown id does) become the first of them, with the
/// places of the others as related places, "also here". Their fixes are one fix that
/// makes every edit any of them had, as sure as the least sure of them. Warnings, and
/// errors without a place, are kept as they are.
///
/// A typo in one `[[sources]]` header had made every citation of the file an error of its
/// own, 170 of them in the bundled briefing.
pub(crate) fn merge_repeats(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    type Key = (Option<FileId>, String, Option<String>, Option<String>);
    if diags.iter().filter(|d| d.is_error()).nth(1).is_none() {
        return diags;
    }
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    let mut first: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for d in diags {
        let (Some(file), Some(span), true) = (d.file, d.span.clone(), d.is_error()) else {
            out.push(d);
            continue;
        };
        let key = (d.file, d.message.clone(), d.label.clone(), d.help.clone());
        let Some(&at) = first.get(&key) else {
            first.insert(key, out.len());
            out.push(d);
            continue;
        };
        let kept = &mut out[at];
        kept.related.push(Related {
            at: Location { file, span },
            label: "also here".into(),
        });
        if let Some(fix) = d.fix {
            match kept.fix.as_mut() {
                None => kept.fix = Some(fix),
                Some(kept) => {
                    // As sure as the least sure of them.
                    if fix.applicability == Applicability::MaybeIncorrect {
                        kept.applicability = Applicability::MaybeIncorrect;
                    }
                    kept.edits.extend(fix.edits);
                }
            }
        }
    }
    out
}

/// How sure a suggested edit is, in rustc's terms: only machine-applicable edits are applied
/// by `briefing check --fix`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Applicability {
    /// Certainly what was meant, and safe to apply unseen.
    MachineApplicable,
    /// Probably what was meant; a person should look first.
    MaybeIncorrect,
}

/// One replacement of a byte span of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

/// A suggested change: edits to the diagnostic's file, applied together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: None,
            span: None,
            message: message.into(),
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    /// The note that `message` says of a file's other diagnostics: how many more of them
    /// are not shown. A warning with no place in the file, which
    /// [`Report::sort_by_position`] keeps after them.
    pub(crate) fn more_not_shown(message: String, help: String) -> Self {
        Self::warning(message).in_file(0).help(help)
    }

    #[must_use]
    pub fn in_file(mut self, file: FileId) -> Self {
        self.file = Some(file);
        self
    }

    #[must_use]
    pub fn at(mut self, file: FileId, span: Range<usize>) -> Self {
        self.file = Some(file);
        self.span = Some(span);
        self
    }

    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn related(mut self, file: FileId, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related.push(Related {
            at: Location { file, span },
            label: label.into(),
        });
        self
    }

    /// Attaches a suggested edit of one span.
    #[must_use]
    pub fn fix(
        mut self,
        span: Range<usize>,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.fix = Some(Fix {
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            applicability,
        });
        self
    }

    /// Whether `briefing check --fix` may apply this diagnostic's suggestion.
    pub fn is_fixable(&self) -> bool {
        self.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::MachineApplicable)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A file that was looked at, with its text kept only while a diagnostic needs it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path made display-safe (escapes and non-UTF-8 bytes shown visibly).
    pub display: String,
    pub text: Option<Arc<str>>,
    /// Whether diagnostics may quote the text. Files that are not UTF-8 text keep their
    /// text only for line and column numbers.
    pub quote: bool,
    /// Where each line of `text` starts, found once when first needed, so that locating
    /// many diagnostics in one file costs a search each rather than a scan.
    #[serde(skip)]
    index: LazyIndex,
    /// Where the file's briefing belongs, for a file that gave the library no briefing
    /// (broken, or left out when linking) but whose `[briefing]` table could be read: its
    /// problems are then placed in a view as its briefing would be.
    pub placement: Option<Box<Placement>>,
}

/// A briefing's place in views, as its file's `[briefing]` table gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    /// Its `as_of`; unknown when not written or not readable, as for a briefing that
    /// loads: then it counts on every date.
    pub as_of: super::DateSpec,
    /// Its series; `""` for none.
    pub series: Box<str>,
}

/// A [`LineIndex`] made when first needed; two of the same text are equal whatever they
/// hold.
#[derive(Clone, Debug, Default)]
struct LazyIndex(std::sync::OnceLock<LineIndex>);

impl PartialEq for LazyIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LazyIndex {}

impl SourceFile {
    pub fn new(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
            display: display_path(path),
            text: None,
            quote: true,
            index: LazyIndex::default(),
            placement: None,
        }
    }

    /// 1-based line and character column of a byte offset, or `None` when the text is not
    /// at hand: a file that changed after it was checked, or a last good version known only
    /// from its cache entry. Its diagnostics then name the file alone, never a made-up line.
    pub fn line_col(&self, offset: usize) -> Option<(usize, usize)> {
        let text = self.text.as_deref()?;
        Some(self.index(text).line_col(text, offset))
    }

    pub(crate) fn index(&self, text: &str) -> &LineIndex {
        self.index.0.get_or_init(|| LineIndex::new(text))
    }
}

/// Bytes per block of [`LineIndex`]'s character counts.
const BLOCK: usize = 256;

/// Where each line of a text starts, and how many characters come before each block of
/// [`BLOCK`] bytes: a line and column cost a binary search and a scan of at most one block,
/// however long the line, so that many diagnostics on one long line cost linear time.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    chars: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut before = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            chars.push(before);
            before += count_chars(block);
        }
        chars.push(before);
        Self { starts, chars }
    }

    /// 1-based line and character column of a byte offset of `text`, the text indexed.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, range) = self.line(text, offset);
        let offset = floor_char_boundary(text, offset.min(range.end));
        (
            line,
            self.chars_before(text, offset) - self.chars_before(text, range.start) + 1,
        )
    }

    /// The 1-based number of the line holding a byte offset of `text`, and its byte range
    /// without the `\n` that ends it.
    pub fn line(&self, text: &str, offset: usize) -> (usize, Range<usize>) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        (line, start..end)
    }

    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.chars[block] + count_chars(&text.as_bytes()[block * BLOCK..offset])
    }
}

/// Stands in for a space of a quoted line's indent while it is rendered. A private-use
/// character: display-safe text never holds one (it shows them escaped), so every one in
/// the rendered text is a stand-in, and the renderer counts it one column wide.
const INDENT: char = '\u{E000}';

/// Keeps the indent of a quoted line that fits in `room` columns. The renderer, as rustc,
/// trims an indent of more than 26 columns to `...` even from a line that fits; a line is
/// to be cut only where it does not fit. Its spaces are given as stand-ins the renderer
/// does not take for space, and made spaces again after (see [`INDENT`]).
fn hold_indent(x: &mut Excerpt, room: usize) {
    use unicode_width::UnicodeWidthStr as _;
    let n = x.text.len() - x.text.trim_start_matches(' ').len();
    if n == 0 || x.text.width() > room {
        return;
    }
    let wider = INDENT.len_utf8() - 1;
    let at = |i: usize| i + wider * i.min(n);
    x.text = INDENT.to_string().repeat(n) + &x.text[n..];
    x.span = at(x.span.start)..at(x.span.end);
}

/// Columns the renderer keeps free on each side of a span when it fits a line to the
/// width (its `ELLIPSIS_PASSING`): a span narrower than the room less these on both sides
/// is shown whole.
const SPAN_MARGIN: usize = 6;

/// The fewest columns a cut span keeps so that its label can stay on the caret row.
const SPAN_BESIDE_LABEL: usize = 20;

/// Cuts a span too wide for `room` columns, on a line too long for them, to its start and
/// its end with `…` between them, so that the renderer shows what is left of it, carets
/// and all, without wrapping. The renderer, as rustc, elides the middle of a span itself
/// only when the span is more than twice as wide as the room, and otherwise shows it whole
/// for the terminal to wrap over several rows. Where enough of the span is left, its label
/// gets room on the caret row too.
fn fit_span(x: &mut Excerpt, room: usize) {
    use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};
    let fits = room.saturating_sub(2 * SPAN_MARGIN);
    let span = &x.text[x.span.clone()];
    if x.text.width() <= room || span.width() <= fits {
        return;
    }
    let beside_label = fits.saturating_sub(x.label.width() + 1);
    let keep = if beside_label >= SPAN_BESIDE_LABEL {
        beside_label
    } else {
        fits
    }
    .max(3);
    if span.width() <= keep {
        return; // a span this short is cut no shorter (a narrow terminal wraps it)
    }
    // Columns for each end, less one for the `…`.
    let head_cols = (keep - 1) / 2;
    let tail_cols = keep - 1 - head_cols;
    let mut head = 0;
    let mut cols = 0;
    for (i, c) in span.char_indices() {
        let w = c.width().unwrap_or(0);
        if cols + w > head_cols {
            break;
        }
        cols += w;
        head = i + c.len_utf8();
    }
    let mut tail = span.len();
    cols = 0;
    for (i, c) in span.char_indices().rev() {
        let w = c.width().unwrap_or(0);
        if cols + w > tail_cols {
            break;
        }
        cols += w;
        tail = i;
    }
    // A combining mark goes with its character, which was cut.
    while let Some(c) = span[tail..].chars().next().filter(|c| c.width() == Some(0)) {
        tail += c.len_utf8();
    }
    let start = x.span.start;
    let cut = format!("{}…{}", &span[..head], &span[tail..]);
    x.text.replace_range(x.span.clone(), &cut);
    x.span = start..start + cut.len();
}

/// Characters in UTF-8 bytes: those that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// A path as it may be shown: lossy UTF-8, with control characters made visible.
pub fn display_path(path: &Path) -> String {
    safe_line(&path.to_string_lossy())
}

/// 1-based line and column of a byte offset; columns count characters, not bytes.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Work a load did, counted rather than timed, so that tests can check how it scales.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    /// Full TOML parses of a file: by `toml`'s document builder, or by the direct decoder
    /// when it gave the file's tables (one per slice).
    pub parses: u64,
    /// Edit-distance cells computed for "did you mean" suggestions.
    pub suggestion_cells: u64,
}

impl std::ops::AddAssign for Work {
    fn add_assign(&mut self, other: Self) {
        self.parses += other.parses;
        self.suggestion_cells += other.suggestion_cells;
    }
}

/// Everything a load found wrong, plus the files it refers to.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the load cost.
    pub work: Work,
    /// Files that are broken now and were loaded at their last good version instead (live
    /// reload only); that version is listed among the files too, after the others.
    pub fallbacks: Vec<FileId>,
    /// Places inside string values that diagnostics are to point at once the files' texts
    /// are at hand again; none once a load is done (see [`Within`]).
    #[serde(skip)]
    pub(crate) within: Vec<Within>,
}

/// Places inside one string value for a diagnostic made when its file's text may have
/// been let go (a check across the library, after the files were read and the text of a
/// clean file dropped): until the text is at hand, the diagnostic points at the whole
/// value. [`super::string_span::place_within`] then points it at the first place, and
/// makes each later one a related place of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Within {
    /// The diagnostic, by its index in the report's list.
    pub diagnostic: usize,
    /// Where the value is written (delimiters included), and what it decodes to.
    pub value: Range<usize>,
    pub decoded: String,
    /// Bytes of `decoded`, each with its label: the diagnostic's own place first (its
    /// label is the diagnostic's already).
    pub places: Vec<(Range<usize>, String)>,
}

/// A diagnostic as JSON for editors and CI.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: Severity,
    message: String,
    label: Option<String>,
    help: Option<String>,
    /// The suggested edit, as rustc gives it: each replacement with its place, and how
    /// sure it is.
    suggestion: Option<JsonFix>,
    /// Other places of the problem, each with its label ("first defined here", "also
    /// here"): every one, where the terminal quotes only the first few.
    related: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    label: String,
}

#[derive(Serialize)]
struct JsonFix {
    applicability: Applicability,
    edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
struct JsonEdit {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    replacement: String,
}

impl Report {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// The files left out of the library, each with the first error that explains why, in
    /// file order. A file is loaded whole or not at all, so any error leaves it out.
    pub fn left_out(&self) -> Vec<(FileId, &Diagnostic)> {
        let mut out: Vec<(FileId, &Diagnostic)> = Vec::new();
        let mut seen = vec![false; self.files.len()];
        for d in self.diagnostics.iter().filter(|d| d.is_error()) {
            if let Some(f) = d.file {
                if f >= seen.len() {
                    seen.resize(f + 1, false);
                }
                if std::mem::replace(&mut seen[f], true) {
                    continue;
                }
                out.push((f, d));
            }
        }
        out.sort_by_key(|(f, _)| *f);
        out
    }

    /// Puts the diagnostics in file order and, within a file, in the order of their places
    /// in it (line, then column), whatever stage found them and in whatever order: a reader
    /// goes down a file once. Diagnostics at one place keep their order, and one merged
    /// from many places ("also here") stands at its first. Of those with no place in a
    /// file, an error (it cannot be read) comes first in it, and a warning (the note of how
    /// many more are not shown, see [`Diagnostic::more_not_shown`]) last.
    pub fn sort_by_position(&mut self) {
        self.diagnostics.sort_by_key(|d| {
            let place = match &d.span {
                Some(span) => (1, span.start),
                None if d.is_error() => (0, 0),
                None => (2, 0),
            };
            (d.file, place)
        });
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// `path:line:col` of a diagnostic, as its header shows it.
    pub fn location(&self, d: &Diagnostic) -> Option<String> {
        let file = &self.files[d.file?];
        Some(match d.span.as_ref().and_then(|s| file.line_col(s.start)) {
            Some((line, col)) => format!("{}:{line}:{col}", file.display),
            None => file.display.clone(),
        })
    }

    /// Renders one diagnostic as rustc would, with or without colour.
    pub fn render(&self, d: &Diagnostic, color: bool) -> String {
        self.render_width(d, color, annotate_snippets::renderer::DEFAULT_TERM_WIDTH)
    }

    /// Renders one diagnostic for a terminal `term_width` columns wide: a long source
    /// line is cut around its span, as rustc cuts it, and a span too wide for the
    /// terminal keeps its two ends (see [`fit_span`]).
    pub fn render_width(&self, d: &Diagnostic, color: bool, term_width: usize) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
        .term_width(term_width);
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = safe_line(&d.message);
        let mut places: Vec<Excerpt> = Vec::new();
        if let (Some(file), Some(span)) = (d.file, d.span.clone()) {
            places.extend(Excerpt::of(
                &self.files[file],
                span,
                d.label.as_deref().unwrap_or_default(),
            ));
        }
        for r in d.related.iter().take(PLACES_QUOTED) {
            places.extend(Excerpt::of(
                &self.files[r.at.file],
                r.at.span.clone(),
                &r.label,
            ));
        }
        let line_numbers = places.iter().map(|x| x.line.to_string().len()).max();
        let room = term_width.saturating_sub(3 + line_numbers.unwrap_or(1));
        for x in &mut places {
            fit_span(x, room);
            hold_indent(x, room);
        }
        let mut group = Group::with_title(level.primary_title(message.as_str()));
        if let Some(file) = d.file.filter(|_| places.is_empty()) {
            // A place in a file that may not be quoted: its position alone, if known.
            let file = &self.files[file];
            let origin = Origin::path(file.display.as_str());
            group = group.element(match d.span.as_ref().and_then(|s| file.line_col(s.start)) {
                Some((line, column)) => origin.line(line).char_column(column),
                None => origin,
            });
        }
        for (i, x) in places.iter().enumerate() {
            // The header gives the true column in the file; the excerpt may have been
            // widened by making it display-safe.
            group = group.element(
                Origin::path(x.path.as_str())
                    .line(x.line)
                    .char_column(x.column),
            );
            let kind = if i == 0 {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            group = group.element(
                Snippet::source(x.text.as_str())
                    .line_start(x.line)
                    .annotation(kind.span(x.span.clone()).label(x.label.as_str())),
            );
        }
        let help = d.help.as_deref().map(safe_line);
        let mut report = vec![group];
        let unquoted = match d.related.len().saturating_sub(PLACES_QUOTED) {
            0 => None,
            1 => Some("and 1 more place".to_owned()),
            n => Some(format!("and {n} more places")),
        };
        if let Some(unquoted) = &unquoted {
            report.push(Group::with_title(
                Level::NOTE.secondary_title(unquoted.as_str()),
            ));
        }
        if let Some(help) = &help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        // A snippet without a path of its own draws an empty `:::` origin line; the
        // `Origin` above it already names the place.
        let rendered = renderer.render(&report).replace(INDENT, " ");
        rendered
            .lines()
            .filter(|l| l.trim() != ":::" && !l.trim_end().ends_with("::: \u{1b}[0m"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Renders every diagnostic, then nothing else.
    pub fn render_all(&self, color: bool) -> String {
        self.render_all_width(color, annotate_snippets::renderer::DEFAULT_TERM_WIDTH)
    }

    /// Renders every diagnostic for a terminal `term_width` columns wide, as
    /// [`Report::render_width`] does.
    pub fn render_all_width(&self, color: bool, term_width: usize) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            let _ = writeln!(out, "{}", self.render_width(d, color, term_width));
        }
        out
    }

    /// Writes every diagnostic as [`Report::render_all_width`] renders them, one at a time.
    ///
    /// # Errors
    /// When writing fails.
    pub fn write_all(
        &self,
        out: &mut dyn std::io::Write,
        color: bool,
        term_width: usize,
    ) -> std::io::Result<()> {
        for d in &self.diagnostics {
            writeln!(out, "{}", self.render_width(d, color, term_width))?;
        }
        Ok(())
    }

    /// The diagnostics as a JSON array.
    pub fn to_json(&self) -> serde_json::Value {
        let items: Vec<JsonDiagnostic<'_>> = self
            .diagnostics
            .iter()
            .map(|d| {
                let file = d.file.map(|f| &self.files[f]);
                let start = d
                    .span
                    .as_ref()
                    .and_then(|s| file.and_then(|f| f.line_col(s.start)));
                let end = d
                    .span
                    .as_ref()
                    .and_then(|s| file.and_then(|f| f.line_col(s.end)));
                JsonDiagnostic {
                    file: file.map(|f| f.display.as_str()),
                    line: start.map(|p| p.0),
                    column: start.map(|p| p.1),
                    end_line: end.map(|p| p.0),
                    end_column: end.map(|p| p.1),
                    severity: d.severity,
                    message: safe_line(&d.message),
                    label: d.label.as_deref().map(safe_line),
                    help: d.help.as_deref().map(safe_line),
                    // Only where the text is at hand: its edits are places in it.
                    suggestion: d.fix.as_ref().zip(file).and_then(|(fix, f)| {
                        let edits = fix
                            .edits
                            .iter()
                            .map(|e| {
                                let (line, column) = f.line_col(e.span.start)?;
                                let (end_line, end_column) = f.line_col(e.span.end)?;
                                Some(JsonEdit {
                                    line,
                                    column,
                                    end_line,
                                    end_column,
                                    byte_start: e.span.start,
                                    byte_end: e.span.end,
                                    replacement: e.replacement.clone(),
                                })
                            })
                            .collect::<Option<Vec<_>>>()?;
                        Some(JsonFix {
                            applicability: fix.applicability,
                            edits,
                        })
                    }),
                    related: d
                        .related
                        .iter()
                        .filter_map(|r| {
                            let f = self.files.get(r.at.file)?;
                            let start = f.line_col(r.at.span.start);
                            let end = f.line_col(r.at.span.end);
                            Some(JsonPlace {
                                file: f.display.as_str(),
                                line: start.map(|p| p.0),
                                column: start.map(|p| p.1),
                                end_line: end.map(|p| p.0),
                                end_column: end.map(|p| p.1),
                                label: safe_line(&r.label),
                            })
                        })
                        .collect(),
                }
            })
            .collect();
        serde_json::to_value(items).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_that_say_the_same_thing_are_one_error_with_every_place() {
        let unknown = |at: usize| {
            Diagnostic::error("unknown source `article`")
                .at(0, at..at + 9)
                .label("not a source of this briefing")
                .help("did you mean `articles`?")
                .fix(at..at + 9, "\"articles\"", Applicability::MaybeIncorrect)
        };
        let other_file = unknown(50).in_file(1);
        // One written another way has no fix of its own; the merged fix keeps the others'.
        let mut unfixed = unknown(5);
        unfixed.fix = None;
        let diags = vec![
            unfixed,
            unknown(10),
            Diagnostic::warning("empty excerpt").at(0, 15..16),
            unknown(20),
            Diagnostic::error("unknown source `press`").at(0, 25..32),
            unknown(30),
            other_file,
            Diagnostic::warning("empty excerpt").at(0, 35..36),
        ];
        let merged = merge_repeats(diags);
        assert_eq!(merged.len(), 5, "{merged:#?}");
        let first = &merged[0];
        assert_eq!(first.span, Some(5..14));
        let places: Vec<_> = first
            .related
            .iter()
            .map(|r| (r.at.file, r.at.span.clone()))
            .collect();
        assert_eq!(places, [(0, 10..19), (0, 20..29), (0, 30..39)]);
        assert!(first.related.iter().all(|r| r.label == "also here"));
        let edits: Vec<_> = first
            .fix
            .as_ref()
            .unwrap()
            .edits
            .iter()
            .map(|e| e.span.start)
            .collect();
        assert_eq!(edits, [10, 20, 30], "one fix edits every place");
        // Warnings stay one per place; another id, and another file, are other errors.
        assert_eq!(merged.iter().filter(|d| !d.is_error()).count(), 2);
        assert_eq!(merged[2].message, "unknown source `press`");
        assert_eq!(merged[3].file, Some(1));
    }

    #[test]
    fn a_diagnostic_quotes_a_few_places_and_counts_the_rest() {
        let mut text = String::new();
        for i in 0..10 {
            let _ = writeln!(text, "source = \"article\" # {i}");
        }
        let mut file = SourceFile::new(Path::new("a.toml"));
        file.text = Some(Arc::from(text.as_str()));
        let line = text.find('\n').unwrap() + 1;
        let d = merge_repeats(
            (0..10)
                .map(|i| {
                    Diagnostic::error("unknown source `article`").at(0, i * line + 9..i * line + 18)
                })
                .collect(),
        );
        assert_eq!(d.len(), 1);
        let report = Report {
            files: vec![file],
            diagnostics: d,
            ..Report::default()
        };
        let shown = report.render(&report.diagnostics[0], false);
        assert_eq!(shown.matches("also here").count(), PLACES_QUOTED, "{shown}");
        assert!(shown.contains("note: and 6 more places"), "{shown}");
    }

    #[test]
    fn columns_count_characters() {
        let text = "a = 1\nname = \"Sing’oei\" x";
        let offset = text.find(" x").unwrap() + 1;
        assert_eq!(line_col(text, offset), (2, 19));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    /// The index finds every line and column a scan would, across blocks and characters
    /// of every length, on long lines and short.
    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let text: String = (0..3_000)
            .map(|i| match i % 4 {
                _ if i % 700 == 0 => "\n",
                _ if i % 1_100 == 0 => "\r\n",
                0 => "é",
                1 => "€",
                2 => "𝄞",
                _ => "ab",
            })
            .collect();
        let index = LineIndex::new(&text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_col(&text, offset),
                line_col(&text, offset),
                "{offset}"
            );
        }
    }

    /// A quoted line is cut only where it does not fit: a long indent is kept on a line
    /// that fits (the renderer had made it `...`), with the carets under the span, and a
    /// private-use character of the file is still shown escaped, not taken for a space.
    #[test]
    fn a_long_indent_of_a_line_that_fits_is_kept() {
        let indent = " ".repeat(34);
        let text: Arc<str> = Arc::from(format!(
            "cite = [\n{indent}{{ source = \"nosuch\", locator = \"\u{E000}\" }},\n]\n"
        ));
        let mut file = SourceFile::new(Path::new("x.toml"));
        file.text = Some(text.clone());
        let at = text.find("\"nosuch\"").unwrap();
        let report = Report {
            files: vec![file],
            diagnostics: vec![Diagnostic::error("unknown source `nosuch`").at(0, at..at + 8)],
            ..Report::default()
        };
        for width in [90, 140] {
            let out = report.render_width(&report.diagnostics[0], false, width);
            let source = out.lines().find(|l| l.starts_with("2 |")).expect(&out);
            assert_eq!(
                source,
                format!("2 | {indent}{{ source = \"nosuch\", locator = \"⟨U+E000⟩\" }},"),
                "{out}"
            );
            let carets = out.lines().find(|l| l.contains('^')).expect(&out);
            assert_eq!(carets.find('^'), source.find("\"nosuch\""), "{out}");
        }
        // Where the line does not fit, it is cut as before.
        let out = report.render_width(&report.diagnostics[0], false, 50);
        assert!(out.contains("..."), "{out}");
    }

    /// A span wider than the terminal is cut too: its start and its end are kept with `…`
    /// between them, and the carets shortened to match, so that neither the quoted line
    /// nor its carets wrap. The label stays on the caret row where the span leaves it room.
    #[test]
    fn a_span_narrower_than_its_ends_is_not_written_twice() {
        let text: Arc<str> =
            Arc::from(format!("x = [{}Q{}]\n", "1, ".repeat(40), ", 2".repeat(40)));
        let mut file = SourceFile::new(Path::new("t.toml"));
        file.text = Some(text.clone());
        let at = text.find('Q').unwrap();
        let report = Report {
            files: vec![file],
            diagnostics: vec![
                Diagnostic::error("no Q here")
                    .at(0, at..at + 1)
                    .label("this"),
            ],
            ..Report::default()
        };
        for width in [8, 12, 20] {
            let out = report.render_width(&report.diagnostics[0], false, width);
            let source = out.lines().find(|l| l.starts_with("1 |")).expect(&out);
            assert_eq!(source.matches('Q').count(), 1, "{width}:\n{out}");
        }
    }

    #[test]
    fn a_span_wider_than_the_terminal_keeps_its_ends_and_fits() {
        use unicode_width::UnicodeWidthStr as _;
        let excerpt = "the Velorian operator began a controlled release from Stará Hráz at the \
                       request of the Commission, to protect the dam's spillway. Downstream";
        let text: Arc<str> = Arc::from(format!(
            "[[actors]]\ncite = [{{ source = \"b\", locator = \"¶5\", excerpt = \"{excerpt}\" }}]\n"
        ));
        let mut file = SourceFile::new(Path::new("t.toml"));
        file.text = Some(text.clone());
        let at = text.find("\"the Velorian").unwrap();
        let label = "not found in the cited paragraph";
        let report = Report {
            files: vec![file],
            diagnostics: vec![
                Diagnostic::warning("the excerpt is not in ¶5")
                    .at(0, at..at + excerpt.len() + 2)
                    .label(label),
            ],
            ..Report::default()
        };
        for width in [80, 50] {
            let out = report.render_width(&report.diagnostics[0], false, width);
            let source = out.lines().find(|l| l.starts_with("2 |")).expect(&out);
            let carets = out.lines().find(|l| l.contains('^')).expect(&out);
            assert!(source.width() <= width, "{width}:\n{out}");
            // Every character here is one column wide: columns are characters.
            let from = carets.chars().position(|c| c == '^').unwrap();
            let n = carets.chars().filter(|&c| c == '^').count();
            assert!(from + n <= width, "{width}:\n{out}");
            let under: String = source.chars().skip(from).take(n).collect();
            assert!(under.starts_with("\"the Vel"), "{width}: {under}\n{out}");
            assert!(under.ends_with("Downstream\""), "{width}: {under}\n{out}");
            assert_eq!(under.matches('…').count(), 1, "{width}: {under}\n{out}");
        }
        // At 80 columns the label stays on the caret row.
        let out = report.render_width(&report.diagnostics[0], false, 80);
        let carets = out.lines().find(|l| l.contains('^')).expect(&out);
        assert!(carets.ends_with(label) && carets.width() <= 80, "{out}");
    }

    #[test]
    fn rendered_source_lines_are_display_safe() {
        let text: Arc<str> = Arc::from("title = \"\u{1b}]0;pwned\u{7}\" oops\n");
        let mut file = SourceFile::new(Path::new("x\u{1b}.toml"));
        file.text = Some(text.clone());
        let at = text.find("oops").unwrap();
        let report = Report {
            files: vec![file],
            diagnostics: vec![Diagnostic::error("bad").at(0, at..at + 4).label("here")],
            ..Report::default()
        };
        let out = report.render(&report.diagnostics[0], false);
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(out.contains("^[]0;pwned^G"), "{out}");
        assert!(out.contains("x^[.toml:1:"), "{out}");
        assert!(out.contains("^^^^"), "{out}");
    }
}

#[cfg(test)]
mod regression {
    use super::*;

    /// Found by the arbitrary-bytes property test: a span starting on the `\r` of a CRLF
    /// line end made the excerpt's bounds cross.
    #[test]
    fn a_span_on_a_stripped_carriage_return_renders() {
        let text: Arc<str> = Arc::from("a = \"x\r\nb");
        let mut file = SourceFile::new(Path::new("crlf.toml"));
        file.text = Some(text.clone());
        assert_eq!(file.line_col(9), Some((2, 2)));
        let report = Report {
            files: vec![file],
            diagnostics: vec![Diagnostic::error("bad").at(0, 7..8)],
            ..Report::default()
        };
        let out = report.render(&report.diagnostics[0], false);
        assert!(out.contains("crlf.toml:1:8"), "{out}");
    }
}
