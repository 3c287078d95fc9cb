//! Running a query over the index: prefilter, narrowing, rayon's threads, cancellation,
//! and the final ranked order.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::Hit;
use super::index::{Entry, Hay, Kind, SearchIndex};
use super::matching::{self, Fuzzy};
use super::query::{Filter, Query, Term, TextTerm};
use crate::model::DateSpec;

/// Items per unit of work: between two units the search looks for cancellation.
const CHUNK: usize = 4096;
/// Below this many items one thread finishes in a few milliseconds, and handing work to
/// another costs more than it saves when the other cores are busy.
const MIN_ITEMS_FOR_HELPERS: usize = 4 * CHUNK;

/// A hit while sorting: the score (inverted, so that ascending is best first) above the
/// tie-break rank. One `u64` sorts several times faster than a tuple.
type Key = u64;

fn key(score: i64, rank: u32) -> Key {
    let score = u32::try_from(score.clamp(0, i64::from(u32::MAX))).unwrap_or(u32::MAX);
    (u64::from(u32::MAX - score) << 32) | u64::from(rank)
}

fn score_of(key: Key) -> i64 {
    i64::from(u32::MAX - u32::try_from(key >> 32).unwrap_or(u32::MAX))
}

/// What every thread of one search shares.
struct Job<'a> {
    index: &'a SearchIndex,
    query: &'a Query,
    /// Groups in the order that rejects items cheapest: qualifiers, then negations, then
    /// exact terms, then fuzzy ones.
    order: Vec<usize>,
    candidates: Option<Vec<u32>>,
    total: usize,
    next: AtomicUsize,
    done: AtomicUsize,
    stop: AtomicBool,
    /// Helpers still working, and the sorted keys of those that finished.
    helpers: AtomicUsize,
    parts: Mutex<Vec<Vec<Key>>>,
}

/// What only the calling thread may do: poll for cancellation and report progress.
struct Control<'a> {
    cancelled: &'a dyn Fn() -> bool,
    progress: &'a dyn Fn(usize, usize),
}

impl SearchIndex {
    /// Ranked hits for `q`, or `None` if `cancelled` turned true.
    ///
    /// `narrow_from` holds the complete hits of a previous query that `q` only narrows
    /// (see [`super::can_narrow`]): only those items are scored. `cancelled` is polled
    /// every few thousand items, so a stale search stops within milliseconds.
    pub fn search(
        &self,
        q: &Query,
        narrow_from: Option<&[Hit]>,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<Hit>> {
        self.search_with_progress(q, narrow_from, cancelled, &|_, _| {})
    }

    /// As [`Self::search`], also calling `progress(items done, items to do)` from the
    /// calling thread after each unit of work, for a "searching… 40%" line.
    pub fn search_with_progress(
        &self,
        q: &Query,
        narrow_from: Option<&[Hit]>,
        cancelled: &dyn Fn() -> bool,
        progress: &dyn Fn(usize, usize),
    ) -> Option<Vec<Hit>> {
        // Candidates in index order: hits come ranked, and visiting a large index in rank
        // order would jump all over memory.
        let candidates: Option<Vec<u32>> = narrow_from.map(|hits| {
            let mut ixs: Vec<u32> = hits
                .iter()
                .filter_map(|h| self.ix_of(h.item))
                .filter_map(|ix| u32::try_from(ix).ok())
                .collect();
            ixs.sort_unstable();
            ixs
        });
        let total = candidates.as_ref().map_or(self.len(), Vec::len);
        let job = Job {
            index: self,
            query: q,
            order: eval_order(q),
            candidates,
            total,
            next: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            helpers: AtomicUsize::new(0),
            parts: Mutex::new(Vec::new()),
        };
        let control = Control {
            cancelled,
            progress,
        };
        let helpers = if total < MIN_ITEMS_FOR_HELPERS {
            0
        } else {
            rayon::current_num_threads().saturating_sub(1)
        };
        let mine = if helpers == 0 {
            job.work(Some(&control))
        } else {
            job.run_with_helpers(helpers, &control)
        };
        if job.stop.load(Ordering::Relaxed) || cancelled() {
            return None;
        }
        let parts = job
            .parts
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let keys = parts.into_iter().fold(mine, |a, b| merge_keys(&a, &b));
        Some(keys.into_iter().map(|k| self.hit(k)).collect())
    }

    /// Whether an item's date is unknown: such an item matches every date qualifier, since
    /// its date could fall anywhere, and is counted apart ("12 + 9 undated").
    pub fn is_undated(&self, item: crate::model::ItemRef) -> bool {
        self.ix_of(item)
            .is_some_and(|ix| self.entries[ix].date == Some(DateSpec::Unknown))
    }

    fn hit(&self, k: Key) -> Hit {
        let rank = usize::try_from(k & u64::from(u32::MAX)).unwrap_or(0);
        Hit {
            item: self.item_ref(self.by_rank[rank] as usize),
            score: score_of(k),
        }
    }
}

/// Merges two sorted key lists.
fn merge_keys(a: &[Key], b: &[Key]) -> Vec<Key> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}
fn eval_order(q: &Query) -> Vec<usize> {
    let cost = |g: &Vec<Term>| {
        g.iter()
            .map(|t| match t {
                Term::Filter { .. } => 0,
                Term::Text(t) if t.negate => 1,
                Term::Text(t) if !t.fuzzy => 2,
                Term::Text(_) => 3,
            })
            .max()
            .unwrap_or(0)
    };
    let mut order: Vec<usize> = (0..q.groups.len()).collect();
    order.sort_by_key(|&g| cost(&q.groups[g]));
    order
}

/// Per-thread scratch: the case-keyed haystack of the current item, built only when a
/// case-sensitive term needs it.
#[derive(Default)]
struct Scratch {
    keyed_for: Option<usize>,
    text: String,
    starts: Vec<u32>,
}

impl<'a> Job<'a> {
    /// Shares the work with `helpers` tasks on rayon's pool while this thread works too
    /// and alone polls for cancellation and reports progress. Returns this thread's keys;
    /// the helpers' land in `parts`.
    fn run_with_helpers(&self, helpers: usize, control: &Control<'_>) -> Vec<Key> {
        self.helpers.store(helpers, Ordering::Release);
        let caller = std::thread::current();
        rayon::in_place_scope(|s| {
            for _ in 0..helpers {
                let caller = caller.clone();
                s.spawn(move |_| {
                    let keys = self.work(None);
                    if let Ok(mut parts) = self.parts.lock() {
                        parts.push(keys);
                    }
                    self.helpers.fetch_sub(1, Ordering::AcqRel);
                    caller.unpark();
                });
            }
            let mine = self.work(Some(control));
            // Keep answering cancellation while the helpers finish their last unit and
            // sort, which at a million items takes tens of milliseconds.
            while self.helpers.load(Ordering::Acquire) > 0 {
                if (control.cancelled)() {
                    self.stop.store(true, Ordering::Relaxed);
                    break;
                }
                std::thread::park_timeout(std::time::Duration::from_millis(1));
            }
            mine
        })
    }

    /// Takes units of work until none are left; returns this thread's keys, sorted.
    fn work(&self, control: Option<&Control<'_>>) -> Vec<Key> {
        let fuzzy = Fuzzy::for_search();
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        let chunks = self.total.div_ceil(CHUNK);
        loop {
            if self.stop.load(Ordering::Relaxed) {
                return out;
            }
            if let Some(c) = control
                && (c.cancelled)()
            {
                self.stop.store(true, Ordering::Relaxed);
                return out;
            }
            let chunk = self.next.fetch_add(1, Ordering::Relaxed);
            if chunk >= chunks {
                break;
            }
            let range = chunk * CHUNK..self.total.min((chunk + 1) * CHUNK);
            let len = range.len();
            for k in range {
                let ix = self.candidates.as_ref().map_or(k, |c| c[k] as usize);
                if let Some(score) = self.eval(ix, &fuzzy, &mut scratch) {
                    out.push(key(score, self.index.entries[ix].rank));
                }
            }
            let done = self.done.fetch_add(len, Ordering::Relaxed) + len;
            if let Some(c) = control {
                (c.progress)(done, self.total);
            }
        }
        // A cancelled search skips its sort, the longest step after the scan.
        if self.stop.load(Ordering::Relaxed) || control.is_some_and(|c| (c.cancelled)()) {
            self.stop.store(true, Ordering::Relaxed);
            return out;
        }
        out.sort_unstable();
        out
    }

    /// Scores one item against the whole query: every group must hold; a group scores
    /// its best alternative, and the item the sum. When several terms all match exactly
    /// somewhere, a bonus lifts the item above those where a term only matched fuzzily, so
    /// "oas troops" finds OAS troops before "officers anonymously … troops".
    fn eval(&self, ix: usize, fuzzy: &Fuzzy, scratch: &mut Scratch) -> Option<i64> {
        let entry = &self.index.entries[ix];
        if !entry.in_view
            || (entry.kind == Kind::Briefing && !self.query.briefings)
            || entry.mask() & self.query.mask != self.query.mask
        {
            return None;
        }
        // Built on first use: qualifiers reject most items without touching their text.
        let mut folded: Option<Hay<'_>> = None;
        let (mut total, mut text_groups, mut all_exact) = (0, 0, true);
        for &g in &self.order {
            let mut best: Option<(i64, bool)> = None;
            for term in &self.query.groups[g] {
                let scored = match term {
                    Term::Filter { negate, filter } => (keeps(filter, entry, self.index)
                        != *negate)
                        .then(|| (certainty(filter, entry, *negate), false)),
                    Term::Text(t) => self
                        .text(t, entry, ix, &mut folded, fuzzy, scratch)
                        .map(|s| (s, !t.negate)),
                };
                best = best.max(scored);
            }
            let (score, text) = best?;
            total += score;
            if text {
                text_groups += 1;
                all_exact &= matching::is_exact(score);
            }
        }
        if text_groups > 1 && all_exact {
            total += matching::ALL_EXACT;
        }
        Some(total)
    }

    /// Scores a text term; a negation scores 0 when its text is absent.
    ///
    /// A case-sensitive term must first match the folded haystack, which rejects most
    /// items before their case-keyed copy is built.
    fn text(
        &self,
        t: &TextTerm,
        entry: &Entry,
        ix: usize,
        folded: &mut Option<Hay<'a>>,
        fuzzy: &Fuzzy,
        scratch: &mut Scratch,
    ) -> Option<i64> {
        if t.negate {
            let folded = *folded.get_or_insert_with(|| self.index.folded(ix));
            let present = matching::occurs(t, &t.folded, &folded)
                && (!t.case_sensitive || matching::occurs(t, &t.keyed, &self.keyed(scratch, ix)));
            return (!present).then_some(0);
        }
        if entry.mask() & t.mask != t.mask {
            return None;
        }
        let folded = *folded.get_or_insert_with(|| self.index.folded(ix));
        let score = matching::score(t, &t.folded, &folded, fuzzy);
        if !t.case_sensitive {
            return score;
        }
        score?;
        matching::score(t, &t.keyed, &self.keyed(scratch, ix), fuzzy)
    }

    /// The case-keyed haystack of an item, built once per item into the scratch space.
    fn keyed<'s>(&self, scratch: &'s mut Scratch, ix: usize) -> Hay<'s> {
        if scratch.keyed_for != Some(ix) {
            self.index
                .case_keyed(ix, &mut scratch.text, &mut scratch.starts);
            scratch.keyed_for = Some(ix);
        }
        Hay {
            text: &scratch.text,
            starts: &scratch.starts,
            nprimary: usize::from(self.index.entries[ix].nprimary),
        }
    }
}

/// Whether a qualifier keeps an item. Only events have a status; actors have no date.
fn keeps(filter: &Filter, e: &Entry, index: &SearchIndex) -> bool {
    match *filter {
        Filter::Kind(bits) => bits & (1 << e.kind as u8) != 0,
        Filter::Status(bits) => e.status.is_some_and(|s| bits & (1 << s as u8) != 0),
        Filter::Date { from, to } => e.date.is_some_and(|d| d.could_overlap(from, to)),
        Filter::Briefing(h) => index
            .briefings_of(e)
            .iter()
            .any(|&b| index.briefing_hash[b as usize] == h),
        Filter::Series(h) => index
            .briefings_of(e)
            .iter()
            .any(|&b| index.series_hash[b as usize] == h),
        Filter::Tag(h) => index
            .briefings_of(e)
            .iter()
            .any(|&b| index.tags_of(b).contains(&h)),
        Filter::Mark(bits) => bits & (1 << e.mark as u8) != 0,
        Filter::Undated | Filter::Dated(false) => e.date == Some(DateSpec::Unknown),
        Filter::Dated(true) => e.date.is_some_and(DateSpec::is_known),
    }
}

/// A small bonus that orders the items a date qualifier keeps: dates sure to fall in its
/// range first, then dates known at a coarser precision (a month, for a day), then
/// bounded ones ("after 2024-06"), then unknown ones.
fn certainty(filter: &Filter, e: &Entry, negate: bool) -> i64 {
    match (*filter, e.date) {
        (Filter::Date { from, to }, Some(d)) if !negate => {
            let inside =
                d.earliest().is_some_and(|x| x >= from) && d.latest().is_some_and(|x| x <= to);
            match d {
                _ if inside => 3,
                DateSpec::On(_) => 2,
                DateSpec::Unknown => 0,
                _ => 1,
            }
        }
        _ => 0,
    }
}
