//! Cited passages: a source's own words, read from the `text_file` a briefing names, and the
//! checks that every locator names one of its paragraphs, that every excerpt occurs in
//! the paragraph it cites, and that every direct quote does (`direct.rs`).
//!
//! **The paragraph rule.** `¶N` is the Nth non-blank line of the text file, counting from 1,
//! headings included: a line holding only whitespace is blank and is not counted, and a
//! paragraph is its line without leading and trailing whitespace. This is how the bundled
//! briefings count (see `briefings/CONTRIBUTING.md`). A locator may name a range, `¶5–¶7`
//! (or `¶5-7`).
//!
//! **A text file is untrusted input, like the briefing.** It is read only when it lies inside
//! the briefing's folder once every symlink is resolved (an absolute path, a `..` that leaves
//! the folder or a symlink pointing out of it is refused, so a shared briefing cannot make
//! `check` or the browser show `~/.ssh/id_rsa`); only a regular file of at most
//! [`MAX_TEXT_BYTES`] is read, without blocking on a FIFO; it must be UTF-8 without NUL bytes,
//! and a file that is not text is never quoted. Every paragraph becomes a display-safe
//! [`Text`]. A text file that cannot be used is a warning: the briefing still loads.

mod depart;
pub(crate) mod direct;
mod written;

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::ops::{Range, RangeInclusive};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use super::check::{Checked, LocalCite};
use super::diag::{Applicability, Diagnostic};
use super::draft::SourceDraft;
use super::enums::QuoteKind;
use super::text::safe_line;
use super::walk::describe_io;
use super::{Paragraph, SourceText, Text};

/// Text files larger than this are refused.
pub const MAX_TEXT_BYTES: u64 = 4 * 1024 * 1024;

/// The most text one briefing's `text_file`s may add up to: the files after it are not read.
/// A file named by several sources is read once and counts once.
pub const MAX_BRIEFING_TEXT_BYTES: u64 = 4 * MAX_TEXT_BYTES;

/// The paragraphs of a text: its non-blank lines, trimmed, with their line numbers.
#[must_use]
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    text.split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| Paragraph {
            line: i + 1,
            text: Text::new(line.trim()),
        })
        .collect()
}

/// The paragraphs a locator names, from 1: `¶5` → 5..=5, `¶5–¶7` or `¶5-7` → 5..=7. `None`
/// for a locator that does not name paragraphs (a page, a timestamp) or names ¶0.
#[must_use]
pub fn paragraph_range(locator: &str) -> Option<RangeInclusive<usize>> {
    let rest = locator.trim().strip_prefix('¶')?;
    let (start, rest) = leading_number(rest)?;
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(start..=start);
    }
    let rest = rest.strip_prefix(['–', '—', '-'])?.trim_start();
    let (end, rest) = leading_number(rest.strip_prefix('¶').unwrap_or(rest))?;
    (rest.trim().is_empty() && end >= start).then_some(start..=end)
}

/// The two ends of a range written from its last paragraph (`¶9–¶8`), if it is one.
fn backwards(locator: &str) -> Option<(usize, usize)> {
    let rest = locator.trim().strip_prefix('¶')?;
    let (start, rest) = leading_number(rest)?;
    let rest = rest.trim().strip_prefix(['–', '—', '-'])?.trim_start();
    let (end, rest) = leading_number(rest.strip_prefix('¶').unwrap_or(rest))?;
    (rest.trim().is_empty() && end < start && end > 0).then_some((start, end))
}

/// Where an excerpt lies in the paragraphs of a range, when it runs from one into the next:
/// the paragraphs are read as one text with a space at each break. Returns each paragraph's
/// part of the excerpt (the paragraph's index in `paragraphs`, the part's bytes in it), or
/// `None` when the excerpt is not in the joined text or lies within a single paragraph.
#[must_use]
pub fn across<S: AsRef<str>>(
    paragraphs: &[S],
    excerpt: &str,
) -> Option<Vec<(usize, Range<usize>)>> {
    if paragraphs.len() < 2 || excerpt.is_empty() {
        return None;
    }
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        if !joined.is_empty() {
            joined.push(' ');
        }
        starts.push(joined.len());
        joined.push_str(p.as_ref());
    }
    let at = joined.find(excerpt)?;
    let end = at + excerpt.len();
    let parts: Vec<(usize, Range<usize>)> = (starts.iter().zip(paragraphs).enumerate())
        .filter_map(|(i, (&start, p))| {
            let (from, to) = (at.max(start), end.min(start + p.as_ref().len()));
            (from < to).then(|| (i, from - start..to - start))
        })
        .collect();
    (parts.len() > 1).then_some(parts)
}

/// Whether `needle` is in one of `paragraphs`, or runs across them ([`across`]).
fn in_paragraphs<S: AsRef<str>>(paragraphs: &[S], needle: &str) -> bool {
    paragraphs.iter().any(|p| p.as_ref().contains(needle)) || across(paragraphs, needle).is_some()
}

/// A number of at least 1 at the start of `s` (after spaces), and what follows it.
fn leading_number(s: &str) -> Option<(usize, &str)> {
    let s = s.trim_start();
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let n = s[..digits].parse().ok().filter(|&n| n > 0)?;
    Some((n, &s[digits..]))
}

/// Reads each source's text file (relative to the briefing at `briefing`) and checks the
/// file's citations against the texts read. Problems become warnings of the file; one about
/// part of a string points at that part when the briefing's `text` is at hand (it is
/// whenever the file's diagnostics can be shown). Returns what was read, so that a cached
/// library can tell whether its texts changed.
pub(crate) fn attach(c: &mut Checked, briefing: &Path, text: Option<&str>) -> Vec<TextRead> {
    let folder = match briefing.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut warnings = Vec::new();
    let reads = read_texts(&mut c.sources, &folder, &mut warnings);
    check_against_texts(c, text, &mut warnings);
    if !warnings.is_empty() {
        c.diagnostics.extend(warnings);
        c.diagnostics
            .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    }
    reads
}

/// Gives each source the text of its text file in `folder`: each file read once, however
/// many sources name it, and none past the briefing's total. A file that cannot be used is
/// a warning. Returns what was read.
fn read_texts(
    sources: &mut [SourceDraft],
    folder: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<TextRead> {
    let mut reads = Vec::new();
    let mut texts: HashMap<String, Option<Arc<SourceText>>> = HashMap::new();
    let mut total = 0u64;
    for s in sources {
        let Some((rel, span)) = &s.text_file else {
            continue;
        };
        if let Some(text) = texts.get(rel) {
            s.text.clone_from(text);
            continue;
        }
        let read = if total >= MAX_BRIEFING_TEXT_BYTES {
            Err(format!(
                "this briefing's text files already come to {} MiB, the most one briefing may use",
                MAX_BRIEFING_TEXT_BYTES / (1024 * 1024)
            ))
        } else {
            read_text(folder, rel)
        };
        reads.push(TextRead {
            folder: folder.to_owned(),
            name: rel.clone(),
            seen: fingerprint(&read),
        });
        match read {
            Ok((path, text)) => {
                total += text.len() as u64;
                s.text = Some(shared(path, rel, &text));
            }
            Err(why) => warnings.push(
                Diagnostic::warning(format!("cannot use text_file `{}`: {why}", safe_line(rel)))
                    .at(0, span.clone())
                    .label("not read")
                    .help("give a path to a UTF-8 text file inside the briefing's folder, relative to the briefing"),
            ),
        }
        texts.insert(rel.clone(), s.text.clone());
    }
    reads
}

/// Checks the file's citations, then its direct quotes, against the texts of the sources
/// they cite, with one set of forms per text, shared by the sources that name it, and one
/// budget; then says of each text whose excerpts were not all checked.
fn check_against_texts(c: &Checked, file: Option<&str>, warnings: &mut Vec<Diagnostic>) {
    let budgets = Budgets::default();
    let mut against: Vec<Against<'_>> = Vec::new();
    let mut of_text: HashMap<*const SourceText, usize> = HashMap::new();
    let of_source: Vec<Option<usize>> = (c.sources.iter())
        .map(|s| {
            let (text, (name, _)) = (s.text.as_deref()?, s.text_file.as_ref()?);
            Some(*of_text.entry(std::ptr::from_ref(text)).or_insert_with(|| {
                against.push(Against::new(text, name, &budgets).in_file(file));
                against.len() - 1
            }))
        })
        .collect();
    let cites = (c.actors.iter().flat_map(|a| &a.cite))
        .chain(c.relations.iter().flat_map(|r| &r.cite))
        .chain(c.events.iter().flat_map(|e| &e.cite))
        .chain(c.quotes.iter().flat_map(|q| &q.cite));
    for cite in cites {
        if let Some(&Some(at)) = of_source.get(cite.source) {
            warnings.extend(check_cite(cite, &mut against[at]));
        }
    }
    for q in c.quotes.iter().filter(|q| q.kind == QuoteKind::Direct) {
        let cited: Vec<(&LocalCite, usize)> = (q.cite.iter())
            .filter_map(|cite| Some((cite, (*of_source.get(cite.source)?)?)))
            .collect();
        warnings.extend(direct::check(q, &cited, &mut against));
    }
    tell_skipped(&c.sources, &of_source, &against, warnings);
}

/// A warning for each text whose excerpts or direct quotes were not all checked once its
/// budget was spent, at the first source that names it. `of_source` gives each source's
/// text in `against`.
fn tell_skipped(
    sources: &[SourceDraft],
    of_source: &[Option<usize>],
    against: &[Against<'_>],
    warnings: &mut Vec<Diagnostic>,
) {
    let mut told = vec![false; against.len()];
    for (s, at) in sources.iter().zip(of_source) {
        let (Some(at), Some((_, span))) = (*at, &s.text_file) else {
            continue;
        };
        let against = &against[at];
        let (excerpts, quotes) = (against.skipped, against.skipped_quotes);
        if std::mem::replace(&mut told[at], true) || excerpts + quotes == 0 {
            continue;
        }
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what}")),
            n => Some(format!("{n} {what}s")), // plural: n > 1
        };
        let what = [count(excerpts, "excerpt"), count(quotes, "direct quote")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" and ");
        let verb = if excerpts + quotes == 1 {
            "was"
        } else {
            "were"
        };
        warnings.push(
            Diagnostic::warning(format!(
                "{what} {verb} not checked against `{}`: checking every one would take too long",
                safe_line(against.name)
            ))
            .at(0, span.clone())
            .label("not every excerpt checked")
            .help("cite fewer, shorter excerpts, or split the text file"),
        );
    }
}

/// Every text this process holds, by file, name and content, so that a text file many
/// briefings name is held once, not once per briefing (a thousand briefings naming one
/// file of 4 MiB held 4 GB). Entries whose text is gone are swept as the table grows.
type Shared = HashMap<(PathBuf, String, u128), Weak<SourceText>>;
static SHARED: Mutex<Option<Shared>> = Mutex::new(None);

/// The text read from `path` (named `name` by its briefing), as one `SourceText` for every
/// briefing that reads the same.
fn shared(path: PathBuf, name: &str, text: &str) -> Arc<SourceText> {
    let key = (
        path,
        name.to_owned(),
        xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
    );
    let held = |key: &(PathBuf, String, u128)| {
        let table = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        table.as_ref()?.get(key).and_then(Weak::upgrade)
    };
    if let Some(text) = held(&key) {
        return text;
    }
    // Made without the lock: another thread may make the same meanwhile, and then one of
    // the two is kept.
    let made = Arc::new(SourceText {
        path: key.0.clone(),
        name: key.1.clone(),
        paragraphs: paragraphs(text),
    });
    let mut table = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    let table = table.get_or_insert_with(HashMap::new);
    if let Some(text) = table.get(&key).and_then(Weak::upgrade) {
        return text;
    }
    if table.len() >= 64 && table.len().is_power_of_two() {
        table.retain(|_, text| text.strong_count() > 0);
    }
    table.insert(key, Arc::downgrade(&made));
    made
}

/// One attempt to read a source's text file, and what it gave, for telling later whether
/// reading it again would give the same.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct TextRead {
    folder: PathBuf,
    name: String,
    /// The xxh3 of what the read gave: the text and where it was found, or why it failed.
    seen: u64,
}

impl TextRead {
    /// Whether reading the file again gives what it gave then.
    pub(crate) fn unchanged(&self) -> bool {
        fingerprint(&read_text(&self.folder, &self.name)) == self.seen
    }
}

fn fingerprint(read: &Result<(PathBuf, String), String>) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    match read {
        Ok((path, text)) => {
            h.update(b"ok\0");
            h.update(path.as_os_str().as_encoded_bytes());
            h.update(b"\0");
            h.update(text.as_bytes());
        }
        Err(why) => {
            h.update(b"err\0");
            h.update(why.as_bytes());
        }
    }
    h.digest()
}

/// How many bytes of cited paragraphs may be searched for the excerpts one briefing cites,
/// and how many bytes of whole texts for the paragraph an excerpt is really in (a hint),
/// whatever the number of its sources and text files: together a fifth of a second or so. Thousands of excerpts that are nowhere in a
/// text of megabytes would otherwise take minutes, since each was looked for in the whole
/// text.
const CHECK_BUDGET: usize = 128 * 1024 * 1024;
const HINT_BUDGET: usize = 32 * 1024 * 1024;
/// How many bytes may be searched for where passages depart from their paragraphs: a
/// budget of its own, so that pointing at a few misquotes in a long text never costs the
/// later ones the hint that says which paragraph they are in.
const DEPARTURE_BUDGET: usize = 32 * 1024 * 1024;

/// What is left of one briefing's [`CHECK_BUDGET`], [`HINT_BUDGET`] and
/// [`DEPARTURE_BUDGET`].
struct Budgets {
    checks: Cell<usize>,
    hints: Cell<usize>,
    departures: Cell<usize>,
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            checks: Cell::new(CHECK_BUDGET),
            hints: Cell::new(HINT_BUDGET),
            departures: Cell::new(DEPARTURE_BUDGET),
        }
    }
}

/// One text file as excerpts are checked against it: its paragraphs in each form an excerpt
/// is compared in, each made once rather than once per excerpt, and what is left of the
/// [`CHECK_BUDGET`] and the [`HINT_BUDGET`].
struct Against<'a> {
    text: &'a SourceText,
    name: &'a str,
    /// Per paragraph: typography and spacing folded ([`normalise`]), lower case, and both.
    normalised: OnceCell<Vec<String>>,
    lower: OnceCell<Vec<String>>,
    folded: OnceCell<Vec<String>>,
    /// Per paragraph, made when a direct quote first cites it: its [`direct::plain`] form.
    plain: Vec<OnceCell<String>>,
    /// What is left of the briefing's budgets, shared by the texts of its sources.
    checks: &'a Cell<usize>,
    hints: &'a Cell<usize>,
    departures: &'a Cell<usize>,
    /// The text's length in bytes: what one search of all of it costs.
    size: usize,
    /// Where each paragraph ends, counting the bytes of the ones before it (from a 0 for
    /// none): the size of any range of paragraphs at once, before a budget is spent on
    /// it, whatever its length.
    ends: Vec<usize>,
    /// Citations whose excerpt was not checked once the budget was spent.
    skipped: usize,
    /// Direct quotes not checked, likewise.
    skipped_quotes: usize,
    /// The text of the briefing that cites it, to point a warning at part of a string;
    /// `None` when it is not at hand.
    file: Option<&'a str>,
}

impl<'a> Against<'a> {
    fn new(text: &'a SourceText, name: &'a str, budgets: &'a Budgets) -> Self {
        Self {
            text,
            name,
            normalised: OnceCell::new(),
            lower: OnceCell::new(),
            folded: OnceCell::new(),
            plain: Vec::new(),
            checks: &budgets.checks,
            hints: &budgets.hints,
            departures: &budgets.departures,
            size: (text.paragraphs.iter()).map(|p| p.text.raw().len()).sum(),
            ends: std::iter::once(0)
                .chain(text.paragraphs.iter().scan(0, |end, p| {
                    *end += p.text.raw().len();
                    Some(*end)
                }))
                .collect(),
            skipped: 0,
            skipped_quotes: 0,
            file: None,
        }
    }

    /// How many bytes the paragraphs `cited` (from 0) hold.
    fn bytes(&self, cited: &Range<usize>) -> usize {
        self.ends[cited.end] - self.ends[cited.start]
    }

    /// The same, for passages written in the briefing text `file`.
    fn in_file(self, file: Option<&'a str>) -> Self {
        Self { file, ..self }
    }

    /// Where `passage` departs from the paragraphs `cited` (from 0), compared as written
    /// or `loose`ly (see [`depart`]); none when the departure budget has too little left.
    fn departures(
        &mut self,
        cited: &Range<usize>,
        passage: &str,
        kind: depart::Passage,
        loose: bool,
    ) -> Vec<depart::Departure> {
        let size = self.bytes(cited) + cited.len();
        if !spend_on_departures(self.departures, size, passage) {
            return Vec::new();
        }
        let raw: Vec<&str> = cited.clone().map(|i| self.raw(i)).collect();
        depart::departures(passage, &raw.join(" "), kind, loose)
    }

    /// `d`, about the passage written at `span`, pointed at where it first departs from its
    /// text, with what each has there, and at each later departure as a related place; as
    /// it is without a departure. `place` names the cited paragraphs, `what` the passage.
    fn point(
        &self,
        d: Diagnostic,
        departures: Vec<depart::Departure>,
        (passage, span): (&str, &Range<usize>),
        place: &str,
        what: &str,
    ) -> Diagnostic {
        let mut departures = departures.into_iter();
        let Some(first) = departures.next() else {
            return d;
        };
        let at = |departure: &depart::Departure| {
            self.file
                .and_then(|file| {
                    super::string_span::span_within(file, span, passage, &departure.at)
                })
                .unwrap_or_else(|| span.clone())
        };
        let mut d = d.label(first.label(place, what));
        d.span = Some(at(&first));
        let file = d.file;
        for later in departures {
            if let Some(file) = file {
                d = d.related(file, at(&later), later.label(place, what));
            }
        }
        d
    }

    fn raw(&self, i: usize) -> &str {
        self.text.paragraphs[i].text.raw()
    }

    /// The paragraphs `cited` (from 0) in their [`direct::plain`] form, joined by one space
    /// (a quote may run on from one paragraph into the next). Each paragraph is made plain
    /// once, however many quotes cite it.
    fn plain_joined(&mut self, cited: &Range<usize>) -> String {
        if self.plain.is_empty() {
            self.plain = (0..self.text.paragraphs.len())
                .map(|_| OnceCell::new())
                .collect();
        }
        let parts: Vec<&str> = (cited.clone())
            .map(|i| {
                self.plain[i]
                    .get_or_init(|| direct::plain(self.text.paragraphs[i].text.raw()))
                    .as_str()
            })
            .collect();
        parts.join(" ")
    }

    fn normalised(&self) -> &[String] {
        self.normalised.get_or_init(|| self.each(normalise))
    }

    fn lower(&self) -> &[String] {
        self.lower.get_or_init(|| self.each(str::to_lowercase))
    }

    fn folded(&self) -> &[String] {
        self.folded
            .get_or_init(|| self.lower().iter().map(|p| normalise(p)).collect())
    }

    fn each(&self, f: impl Fn(&str) -> String) -> Vec<String> {
        (self.text.paragraphs.iter())
            .map(|p| f(p.text.raw()))
            .collect()
    }

    /// Takes `bytes` from a budget, if that much is left.
    fn spend(budget: &Cell<usize>, bytes: usize) -> bool {
        let left = budget.get().checked_sub(bytes);
        budget.set(left.unwrap_or(0));
        left.is_some()
    }

    /// The first paragraph (from 1) where an excerpt occurs, exactly or once normalised;
    /// none once the budget is spent.
    fn find_anywhere(&mut self, excerpt: &str) -> Option<usize> {
        if !Self::spend(self.hints, 2 * self.size) {
            return None;
        }
        let loose = normalise(excerpt);
        let normalised = self.normalised();
        (0..normalised.len())
            .position(|i| self.raw(i).contains(excerpt) || normalised[i].contains(&loose))
            .map(|i| i + 1)
    }
}

/// Takes from `budget` what looking for where `passage` departs from a text of `size`
/// bytes may cost, if that much is left and neither is too large to look in.
fn spend_on_departures(budget: &Cell<usize>, size: usize, passage: &str) -> bool {
    if size > depart::LARGEST || passage.len() > depart::LARGEST {
        return false;
    }
    // A search of the text for each halving of the passage, and making both forms; a
    // piece after a cut may search the rest of the text once more; and after each
    // departure, a search of a window a little longer than the passage.
    let halvings = usize::BITS as usize - passage.len().leading_zeros() as usize;
    let pieces = 1 + passage.matches(['…', '[']).count() + passage.matches("...").count();
    let cost = (halvings + 4 + pieces) * (size + passage.len())
        + depart::MOST * halvings * (depart::RESYNC + 2 * passage.len());
    // A search too costly for what is left is skipped; a cheaper one may still fit.
    match budget.get().checked_sub(cost) {
        Some(left) => {
            budget.set(left);
            true
        }
        None => false,
    }
}

/// What a library may spend on [`changed`] in all, as one briefing may on departures.
pub(crate) const CHANGED_BUDGET: usize = DEPARTURE_BUDGET;

/// Where the `later` text of a quote departs from its `earlier` text, for the warning that
/// a quote's text changed between briefings: the bytes of `later` where it departs and the
/// label that says what each has there, as a misquoted excerpt is pointed at
/// ([`depart`]). Compared as written where the two differ only in typography, spacing or
/// letter case, so that the first character that differs is pointed at; otherwise loosely,
/// word by word. None when `budget` has too little left, or when the later text is all in
/// the earlier one (words were only left out at its ends).
pub(crate) fn changed(
    earlier: &str,
    later: &str,
    budget: &Cell<usize>,
) -> Vec<(Range<usize>, String)> {
    if !spend_on_departures(budget, earlier.len(), later) {
        return Vec::new();
    }
    let folded = |s: &str| normalise(&s.to_lowercase());
    let loose = folded(earlier) != folded(later);
    depart::departures(later, earlier, depart::Passage::Excerpt, loose)
        .into_iter()
        .map(|d| {
            let label = d.label("the earlier version", "this version");
            (d.at, label)
        })
        .collect()
}

/// Checks one citation against its source's text.
fn check_cite(cite: &LocalCite, against: &mut Against<'_>) -> Option<Diagnostic> {
    let text = against.text;
    let name = safe_line(against.name);
    let count = text.paragraphs.len();
    let locator = cite.locator.safe();
    let excerpt = cite.excerpt.as_ref();
    // A citation without a locator has its own error.
    if cite.locator.raw().trim().is_empty() {
        return None;
    }
    let Some(range) = paragraph_range(cite.locator.raw()) else {
        if let Some((first, last)) = backwards(cite.locator.raw()) {
            return Some(
                Diagnostic::warning(format!("locator `{locator}` runs backwards"))
                    .at(0, cite.locator_span.clone())
                    .label("the first paragraph is after the last")
                    .help(format!(
                        "write the range from its first paragraph: `¶{last}–¶{first}`"
                    )),
            );
        }
        let d = Diagnostic::warning(format!(
            "locator `{locator}` does not name a paragraph of `{name}`"
        ))
        .at(0, cite.locator_span.clone())
        .label("not a paragraph");
        return Some(not_a_paragraph(d, cite, against));
    };
    if *range.end() > count {
        let found = excerpt.and_then(|(e, _)| against.find_anywhere(e.raw()));
        return Some(
            Diagnostic::warning(format!(
                "`{locator}` is not in `{name}`, which has {count} paragraph{}",
                if count == 1 { "" } else { "s" }
            ))
            .at(0, cite.locator_span.clone())
            .label("no such paragraph")
            .help(match found {
                Some(n) => format!("the excerpt is in ¶{n}"),
                None => "¶N is the Nth non-blank line of the text file, headings included".into(),
            }),
        );
    }
    let (excerpt, span) = excerpt?;
    let cited = range.start() - 1..*range.end();
    let size = against.bytes(&cited);
    // Each form of the cited paragraphs is searched at most once.
    if !Against::spend(against.checks, 4 * size) {
        against.skipped += 1;
        return None;
    }
    let e = excerpt.raw();
    let raw: Vec<&str> = cited.clone().map(|i| against.raw(i)).collect();
    if in_paragraphs(&raw, e) {
        return None;
    }
    let (loose, lower) = (normalise(e), e.to_lowercase());
    let [(_, spacing), (_, case), (_, both)] = LOOSER;
    // A passage that is there in a looser form is pointed at its first character that
    // differs as written; one that is not, at the first word that differs loosely.
    let differs = |against: &mut Against<'_>, how: &str, help: &str| {
        let d = not_verbatim(
            format!("the excerpt differs from {locator} of `{name}` {how}"),
            span.clone(),
            help,
        );
        let departures = against.departures(&cited, e, depart::Passage::Excerpt, false);
        Some(against.point(d, departures, (e, span), locator, "the excerpt"))
    };
    if in_paragraphs(&against.normalised()[cited.clone()], &loose) {
        return differs(
            against,
            spacing,
            "excerpts are verbatim: copy the passage exactly as the text file has it",
        );
    }
    let what = if in_paragraphs(&against.lower()[cited.clone()], &lower) {
        case
    } else {
        both
    };
    let folded = normalise(&lower);
    if in_paragraphs(&against.folded()[cited.clone()], &folded) {
        return differs(
            against,
            what,
            "excerpts are verbatim: copy the passage exactly as the text file has it, capitals included",
        );
    }
    let (help, nowhere) = not_found_help(against, &cited, e);
    let d = Diagnostic::warning(format!("the excerpt is not in {locator} of `{name}`"))
        .at(0, span.clone())
        .label("not found in the cited paragraph")
        .help(help);
    // Only an excerpt that is nowhere else has a closest place in the cited paragraphs.
    let departures = if nowhere {
        against.departures(&cited, e, depart::Passage::Excerpt, true)
    } else {
        Vec::new()
    };
    Some(against.point(d, departures, (e, span), locator, "the excerpt"))
}

/// `d`, the warning for a locator that names no paragraph, with its help: where the locator
/// names paragraphs in words (`para 6`), their `¶` form; where it may name a page (`p. 6`),
/// or names paragraphs its excerpt is not in, the paragraph the excerpt is in, if it is in
/// one. Each is only suggested: `check --fix` never changes the text of a string.
fn not_a_paragraph(d: Diagnostic, cite: &LocalCite, against: &mut Against<'_>) -> Diagnostic {
    const RULE: &str =
        "with a text_file, locators are ¶N (the Nth non-blank line of the file) or a range ¶N–¶M";
    let Some(named) = written::named(cite.locator.raw()) else {
        return d.help(RULE);
    };
    let found = (cite.excerpt.as_ref()).and_then(|(e, _)| against.find_anywhere(e.raw()));
    let count = against.text.paragraphs.len();
    let (help, want) = match (named, found) {
        (written::Named::Paragraphs(range), found)
            if *range.end() <= count && found.is_none_or(|n| range.contains(&n)) =>
        {
            let want = written::pilcrow(&range);
            let help = format!(
                "did you mean `{want}`? With a text_file, ¶N is the Nth non-blank line of the file"
            );
            (help, want)
        }
        (_, Some(n)) => (
            format!(
                "the excerpt is in ¶{n}: cite `¶{n}` (with a text_file, ¶N is the Nth non-blank line of the file)"
            ),
            format!("¶{n}"),
        ),
        _ => return d.help(RULE),
    };
    let span = cite.locator_span.clone();
    d.help(help)
        .fix(span, format!("\"{want}\""), Applicability::MaybeIncorrect)
}

/// The warning for a passage that is in the text it cites only in a looser form (see
/// [`LOOSER`]): `message` says which.
fn not_verbatim(message: String, span: Range<usize>, help: &str) -> Diagnostic {
    Diagnostic::warning(message)
        .at(0, span)
        .label("not verbatim")
        .help(help)
}

/// What to do about an excerpt that is not in the paragraphs `cited` (from 0): the range
/// or the paragraph it is in, else how an excerpt is written; and whether it is in none
/// of them.
fn not_found_help(
    against: &mut Against<'_>,
    cited: &Range<usize>,
    excerpt: &str,
) -> (String, bool) {
    match (widened(against, cited, excerpt), against.find_anywhere(excerpt)) {
        (Some((from, to)), _) => (
            format!("it runs across ¶{from}–¶{to}: cite that range"),
            false,
        ),
        (None, Some(n)) => (format!("it is in ¶{n}: cite that paragraph"), false),
        (None, None) if excerpt.contains('…') || excerpt.contains("...") => (
            "an excerpt is one passage, never shortened with …: copy it whole, or cite each part as an excerpt of its own".into(),
            true,
        ),
        (None, None) => (
            "excerpts are verbatim: copy a passage of the cited paragraph".into(),
            true,
        ),
    }
}

/// The cited paragraphs (from 0) with the one before or after them, from 1, when an
/// excerpt runs across them that way: the range the citation meant. Paid for from the
/// same budget as the other hints.
fn widened(
    against: &mut Against<'_>,
    cited: &Range<usize>,
    excerpt: &str,
) -> Option<(usize, usize)> {
    let count = against.text.paragraphs.len();
    [
        cited.start.saturating_sub(1)..cited.end,
        cited.start..(cited.end + 1).min(count),
    ]
    .into_iter()
    .filter(|r| r.len() > cited.len())
    .find(|r| {
        let size = against.bytes(r);
        if !Against::spend(against.hints, size) {
            return false;
        }
        let raw: Vec<&str> = r.clone().map(|i| against.raw(i)).collect();
        across(&raw, excerpt).is_some()
    })
    .map(|r| (r.start + 1, r.end))
}

/// One way of writing a text for comparison.
type Form = fn(&str) -> String;

/// The forms a passage is compared in when it is not in the text as written, from the
/// least forgiving, each with what differed when the passage matches in it: typography and
/// spacing ([`normalise`]), letter case, both. Excerpts and direct quotes say the same.
const LOOSER: [(Form, &str); 3] = [
    (normalise, "in quotes, apostrophes, dashes or spacing"),
    (lowercase, "only in letter case (capitals)"),
    (
        lowercase_normalised,
        "in letter case (capitals) and in quotes, apostrophes, dashes or spacing",
    ),
];

fn lowercase(s: &str) -> String {
    s.to_lowercase()
}

fn lowercase_normalised(s: &str) -> String {
    normalise(&s.to_lowercase())
}

/// Typographic quotes, apostrophes and dashes folded, runs of whitespace made one space.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = normalise_char(c);
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// One character as [`normalise`] folds it: a typographic quote, apostrophe or dash as its
/// plain form, whitespace as a space.
fn normalise_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
        '“' | '”' | '„' | '‟' | '″' => '"',
        '–' | '—' | '‒' | '―' | '−' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Reads a text file named relative to `folder`, under the rules in the module docs.
/// Returns the path read and its text.
fn read_text(folder: &Path, rel: &str) -> Result<(PathBuf, String), String> {
    let relative = Path::new(rel);
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| matches!(c, Component::Prefix(_)))
    {
        return Err("it is an absolute path; give a path relative to the briefing's folder".into());
    }
    let inside = std::fs::canonicalize(folder).map_err(|e| describe_io(&e))?;
    let target = std::fs::canonicalize(folder.join(relative)).map_err(|e| describe_io(&e))?;
    if !target.starts_with(&inside) {
        return Err(
            "it leads outside the briefing's folder (through `..` or a symlink), and is not read"
                .into(),
        );
    }
    let bytes = super::load::read_text_capped(&target, MAX_TEXT_BYTES)?;
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
    let text = std::str::from_utf8(body).map_err(|e| {
        format!(
            "it is not UTF-8 text (bad byte at offset {}), so it is not shown",
            e.valid_up_to()
        )
    })?;
    if text.contains('\0') {
        return Err("it holds NUL bytes: a binary file, not text, so it is not shown".into());
    }
    Ok((target, text.to_owned()))
}

/// Where a span is, for tests.
#[cfg(test)]
fn span_of(d: &Diagnostic) -> std::ops::Range<usize> {
    d.span.clone().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_written_backwards_is_told_apart() {
        assert_eq!(backwards("¶9–¶8"), Some((9, 8)));
        assert_eq!(backwards("¶9-8"), Some((9, 8)));
        assert_eq!(backwards("¶8–¶9"), None);
        assert_eq!(backwards("p. 9-8"), None);
        assert_eq!(paragraph_range("¶9–¶8"), None);
    }

    #[test]
    fn paragraphs_are_non_blank_lines_with_their_line_numbers() {
        let p = paragraphs("Title\n\n  First para.  \r\n \t \nSecond\n");
        let got: Vec<(usize, &str)> = p.iter().map(|p| (p.line, p.text.raw())).collect();
        assert_eq!(got, [(1, "Title"), (3, "First para."), (5, "Second")]);
    }

    #[test]
    fn locators_name_paragraphs_and_ranges() {
        assert_eq!(paragraph_range("¶5"), Some(5..=5));
        assert_eq!(paragraph_range(" ¶ 12 "), Some(12..=12));
        assert_eq!(paragraph_range("¶14–¶15"), Some(14..=15));
        assert_eq!(paragraph_range("¶14-15"), Some(14..=15));
        assert_eq!(paragraph_range("¶0"), None);
        assert_eq!(paragraph_range("¶7–¶3"), None);
        assert_eq!(paragraph_range("p. 4"), None);
        assert_eq!(paragraph_range("¶5 and more"), None);
        assert_eq!(paragraph_range("¶"), None);
    }

    #[test]
    fn normalising_folds_typography_and_spacing() {
        assert_eq!(
            normalise("Sing’oei  said “yes” —\n ok "),
            "Sing'oei said \"yes\" - ok"
        );
    }

    fn cite(locator: &str, excerpt: Option<&str>) -> LocalCite {
        LocalCite {
            source: 0,
            locator: Text::new(locator),
            locator_span: 10..12,
            excerpt: excerpt.map(|e| (Text::new(e), 20..30)),
        }
    }

    #[test]
    fn citations_are_checked_against_the_text() {
        let text = SourceText {
            path: PathBuf::from("a.txt"),
            name: "a.txt".into(),
            paragraphs: paragraphs("Heading\nKenya’s officers say “no”.\nThird one."),
        };
        assert!(
            check_cite(
                &cite("¶2", Some("officers say “no”")),
                &mut Against::new(&text, "a.txt", &Budgets::default())
            )
            .is_none()
        );
        assert!(
            check_cite(
                &cite("¶1–¶3", Some("Third")),
                &mut Against::new(&text, "a.txt", &Budgets::default())
            )
            .is_none()
        );
        let d = check_cite(
            &cite("¶4", None),
            &mut Against::new(&text, "a.txt", &Budgets::default()),
        )
        .unwrap();
        assert_eq!(d.message, "`¶4` is not in `a.txt`, which has 3 paragraphs");
        assert_eq!(span_of(&d), 10..12);
        let d = check_cite(
            &cite("¶3", Some("Kenya’s officers")),
            &mut Against::new(&text, "a.txt", &Budgets::default()),
        )
        .unwrap();
        assert_eq!(d.message, "the excerpt is not in ¶3 of `a.txt`");
        assert_eq!(d.help.as_deref(), Some("it is in ¶2: cite that paragraph"));
        assert_eq!(span_of(&d), 20..30);
        let d = check_cite(
            &cite("¶2", Some("Kenya's officers")),
            &mut Against::new(&text, "a.txt", &Budgets::default()),
        )
        .unwrap();
        assert!(d.message.contains("differs"), "{}", d.message);
        // Letter case alone, and letter case with typography, are said as such.
        let d = check_cite(
            &cite("¶2", Some("kenya’s Officers")),
            &mut Against::new(&text, "a.txt", &Budgets::default()),
        )
        .unwrap();
        assert_eq!(
            d.message,
            "the excerpt differs from ¶2 of `a.txt` only in letter case (capitals)"
        );
        assert_eq!(d.label.as_deref(), Some("not verbatim"));
        let d = check_cite(
            &cite("¶2", Some("KENYA'S  officers")),
            &mut Against::new(&text, "a.txt", &Budgets::default()),
        )
        .unwrap();
        assert_eq!(
            d.message,
            "the excerpt differs from ¶2 of `a.txt` in letter case (capitals) and in quotes, apostrophes, dashes or spacing"
        );
        let d = check_cite(
            &cite("page 4", None),
            &mut Against::new(&text, "a.txt", &Budgets::default()),
        )
        .unwrap();
        assert!(d.message.contains("does not name a paragraph"));
    }

    #[test]
    fn an_excerpt_may_run_across_the_paragraphs_of_a_range() {
        let text = SourceText {
            path: PathBuf::from("a.txt"),
            name: "a.txt".into(),
            paragraphs: paragraphs(
                "Talks ended on 14 January.\n\nDunmark has asked for more.\nLast.",
            ),
        };
        let check = |locator, excerpt| {
            check_cite(
                &cite(locator, Some(excerpt)),
                &mut Against::new(&text, "a.txt", &Budgets::default()),
            )
            .map(|d| d.message)
        };
        assert_eq!(check("¶1–¶2", "on 14 January. Dunmark has asked"), None);
        assert_eq!(check("¶1-¶3", "for more. Last"), None);
        // Only within the range, and a break is one space, not none.
        assert_eq!(
            check("¶1–¶1", "January. Dunmark").as_deref(),
            Some("the excerpt is not in ¶1–¶1 of `a.txt`")
        );
        assert!(check("¶1–¶2", "January.Dunmark").is_some());
        assert_eq!(
            check("¶1–¶2", "14  January.  Dunmark").as_deref(),
            Some(
                "the excerpt differs from ¶1–¶2 of `a.txt` in quotes, apostrophes, dashes or spacing"
            )
        );
        // The parts of each paragraph, for the reader's highlight.
        let paras = ["Talks ended on 14 January.", "Dunmark has asked for more."];
        assert_eq!(
            across(&paras, "January. Dunmark"),
            Some(vec![(0, 18..26), (1, 0..7)])
        );
        assert_eq!(across(&paras, "Dunmark"), None);
        // Citing one of the paragraphs it runs across names the range to cite.
        for locator in ["¶1", "¶2"] {
            let d = check_cite(
                &cite(locator, Some("on 14 January. Dunmark has asked")),
                &mut Against::new(&text, "a.txt", &Budgets::default()),
            )
            .unwrap();
            assert_eq!(
                d.help.as_deref(),
                Some("it runs across ¶1–¶2: cite that range"),
                "{locator}"
            );
        }
    }
}
