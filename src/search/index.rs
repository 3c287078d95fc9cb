//! The search index: one haystack per item, built once per library.
//!
//! Each item's searchable fields are joined by a space into one haystack, so matching costs
//! one pass per item rather than one per field; the field boundaries are kept to tell a
//! match in the name from one in the summary. Two copies are kept: the display-safe text
//! (for case-sensitive terms) and a folded shadow copy (for everything else). All haystacks
//! live in two big strings, which keeps a million items to a few allocations.

use rayon::iter::{IntoParallelIterator as _, ParallelIterator as _};

use crate::model::{DateSpec, ItemRef, Library, Mark, Status};

use super::fields::{Label, fields_of};
use super::fold::{case_key, fold, mask_bit};
use super::tight::word_starts;

/// The kinds of searchable item, in the order ties are broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Actor = 0,
    Event = 1,
    Quote = 2,
    Source = 3,
}

/// One searchable item.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub(crate) words_start: usize,
    pub(crate) folded_start: usize,
    pub(crate) orig_start: usize,
    pub(crate) fields_start: usize,
    pub(crate) nfields: u16,
    pub(crate) nprimary: u16,
    pub(crate) mask: u64,
    pub(crate) kind: Kind,
    pub(crate) status: Option<Status>,
    /// Events and quotes: their date; sources: when published; actors: none.
    pub(crate) date: Option<DateSpec>,
    /// Position in the tie-break order: kind, then timeline order, then index.
    pub(crate) rank: u32,
    /// Whether the library's view shows the item: only those can match.
    pub(crate) in_view: bool,
    /// How the item changed in the latest briefing of its series.
    pub(crate) mark: Mark,
    /// The briefings that describe the item, as known in the view: a range of
    /// [`SearchIndex::entry_briefings`].
    pub(crate) briefings: (u32, u16),
}

/// A searchable index over one [`Library`]. Build it once; searching only reads it.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub(crate) folded: String,
    pub(crate) orig: String,
    pub(crate) entries: Vec<Entry>,
    /// Per field, in bytes from the start of its item's haystack: where it starts in the
    /// folded and in the original haystack, and what it is.
    pub(crate) field_folded: Vec<u32>,
    pub(crate) field_orig: Vec<u32>,
    pub(crate) field_label: Vec<Label>,
    /// Where each kind starts in `entries`: actors, events, quotes, sources, end.
    pub(crate) bounds: [usize; 5],
    /// Entry index by tie-break rank.
    pub(crate) by_rank: Vec<u32>,
    /// Word starts of each folded haystack, one bit per byte (see `tight::word_starts`),
    /// so fuzzy alignment need not find them again for every query.
    pub(crate) words: Vec<u64>,
    /// Briefing indices, in runs per entry (see [`Entry::briefings`]).
    pub(crate) entry_briefings: Vec<u32>,
    /// Per briefing: a hash of its id and of its series name, for `briefing:` and `series:`.
    pub(crate) briefing_hash: Vec<u64>,
    pub(crate) series_hash: Vec<u64>,
    /// How many entries the view shows.
    pub(crate) in_view: usize,
}

/// One haystack (folded, original or case-keyed) with its field starts in bytes. Fields
/// are separated by one space; the first `nprimary` form the primary group.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hay<'a> {
    pub(crate) text: &'a str,
    pub(crate) starts: &'a [u32],
    pub(crate) nprimary: usize,
    /// Word-start bits if known; empty means "compute when needed".
    pub(crate) words: &'a [u64],
}

impl Hay<'_> {
    /// The byte range of field `f`.
    pub(crate) fn field(&self, f: usize) -> std::ops::Range<usize> {
        let start = self.starts[f] as usize;
        let end = self
            .starts
            .get(f + 1)
            .map_or(self.text.len(), |&next| next as usize - 1);
        start..end
    }

    /// The field holding byte `pos`.
    pub(crate) fn field_at(&self, pos: usize) -> usize {
        self.starts
            .partition_point(|&s| s as usize <= pos)
            .saturating_sub(1)
    }

    /// Where the primary group ends, in bytes.
    pub(crate) fn primary_end(&self) -> usize {
        self.field(self.nprimary.max(1) - 1).end
    }
}

/// Items per part of a parallel build: small enough to share the work out evenly, large
/// enough that joining the parts costs little. Smaller libraries are built in one part.
const PART: usize = 8_192;

/// The part of the index one thread builds.
#[derive(Default)]
struct Part {
    folded: String,
    orig: String,
    entries: Vec<Entry>,
    field_folded: Vec<u32>,
    field_orig: Vec<u32>,
    field_label: Vec<Label>,
    words: Vec<u64>,
}

impl SearchIndex {
    /// Builds the index; a large library is built in parts on rayon's threads. The parts
    /// are joined in order, so the index does not depend on the thread count.
    pub fn build(lib: &Library) -> Self {
        let bounds = [
            0,
            lib.actors.len(),
            lib.actors.len() + lib.events.len(),
            lib.actors.len() + lib.events.len() + lib.quotes.len(),
            lib.item_count(),
        ];
        let mut index = Self {
            bounds,
            ..Self::default()
        };
        let total = bounds[4];
        let parts: Vec<Part> = if total < PART {
            vec![index.build_part(lib, 0..total)]
        } else {
            let me = &index;
            (0..total.div_ceil(PART))
                .into_par_iter()
                .map(|p| me.build_part(lib, p * PART..total.min((p + 1) * PART)))
                .collect()
        };
        for part in parts {
            let (fb, ob) = (index.folded.len(), index.orig.len());
            let (eb, wb) = (index.field_label.len(), index.words.len());
            index.folded.push_str(&part.folded);
            index.orig.push_str(&part.orig);
            index.field_folded.extend(part.field_folded);
            index.field_orig.extend(part.field_orig);
            index.field_label.extend(part.field_label);
            index.words.extend(part.words);
            index.entries.extend(part.entries.into_iter().map(|mut e| {
                e.folded_start += fb;
                e.orig_start += ob;
                e.fields_start += eb;
                e.words_start += wb;
                e
            }));
        }
        index.rank(lib);
        index.place_in_view(lib);
        index
    }

    /// Records what the library's view shows of each entry: whether it is in scope, its
    /// new/changed mark, and the briefings that describe it, for the view's qualifiers.
    fn place_in_view(&mut self, lib: &Library) {
        let hash = |s: &str| {
            use std::hash::{Hash as _, Hasher as _};
            let mut h = std::hash::DefaultHasher::new();
            s.hash(&mut h);
            h.finish()
        };
        self.briefing_hash = lib.briefings.iter().map(|b| hash(b.id.raw())).collect();
        self.series_hash = lib
            .briefings
            .iter()
            .map(|b| hash(b.series_name()))
            .collect();
        let mut runs = Vec::new();
        for ix in 0..self.entries.len() {
            let start = u32::try_from(runs.len()).unwrap_or(u32::MAX);
            let (in_view, mark) = match self.item_ref(ix) {
                ItemRef::Actor(i) => {
                    let a = &lib.actors[i];
                    runs.extend(a.history().iter().map(|v| v.briefing));
                    (a.in_scope(), a.mark())
                }
                ItemRef::Event(i) => {
                    let e = &lib.events[i];
                    runs.extend(e.history().iter().map(|v| v.briefing));
                    (e.in_scope(), e.mark())
                }
                ItemRef::Quote(i) => {
                    let q = &lib.quotes[i];
                    runs.extend(q.history().iter().map(|v| v.briefing));
                    (q.in_scope(), q.mark())
                }
                ItemRef::Source(i) => {
                    let b = lib.sources[i].briefing;
                    runs.push(b);
                    (lib.briefings[b].in_scope(), Mark::None)
                }
                ItemRef::Briefing(_) => (false, Mark::None),
            };
            let len = runs.len() - start as usize;
            let e = &mut self.entries[ix];
            e.in_view = in_view;
            e.mark = mark;
            e.briefings = (start, u16::try_from(len).unwrap_or(u16::MAX));
        }
        self.entry_briefings = runs
            .into_iter()
            .map(|b| u32::try_from(b).unwrap_or(u32::MAX))
            .collect();
        self.in_view = self.entries.iter().filter(|e| e.in_view).count();
    }

    /// The briefings that describe an entry's item.
    pub(crate) fn briefings_of(&self, e: &Entry) -> &[u32] {
        let (start, len) = (e.briefings.0 as usize, usize::from(e.briefings.1));
        &self.entry_briefings[start..start + len]
    }

    fn build_part(&self, lib: &Library, range: std::ops::Range<usize>) -> Part {
        let mut part = Part::default();
        let (mut buf, mut words) = (Vec::new(), Vec::new());
        for ix in range {
            let item = self.item_ref(ix);
            let nprimary = fields_of(lib, item, &mut buf);
            buf.truncate(usize::from(u16::MAX));
            let entry_start = (part.folded.len(), part.orig.len());
            let fields_start = part.field_label.len();
            let mut mask = 0;
            for (n, (label, text)) in buf.iter().enumerate() {
                if n > 0 {
                    part.folded.push(' ');
                    part.orig.push(' ');
                }
                part.field_label.push(*label);
                part.field_folded
                    .push(offset(part.folded.len() - entry_start.0));
                part.field_orig
                    .push(offset(part.orig.len() - entry_start.1));
                for c in text.chars() {
                    // Newlines become spaces so that words after them start words.
                    let c = if c == '\n' { ' ' } else { c };
                    let f = fold(c);
                    mask |= mask_bit(f);
                    part.folded.push(f);
                    part.orig.push(c);
                }
            }
            let (kind, status, date) = match item {
                ItemRef::Actor(_) | ItemRef::Briefing(_) => (Kind::Actor, None, None),
                ItemRef::Event(i) => {
                    let e = &lib.events[i];
                    (Kind::Event, Some(e.status), Some(e.date))
                }
                ItemRef::Quote(i) => (Kind::Quote, None, Some(lib.quotes[i].date)),
                ItemRef::Source(i) => (Kind::Source, None, Some(lib.sources[i].published)),
            };
            word_starts(&part.folded.as_bytes()[entry_start.0..], &mut words);
            let words_start = part.words.len();
            part.words.extend(&words);
            part.entries.push(Entry {
                words_start,
                folded_start: entry_start.0,
                orig_start: entry_start.1,
                fields_start,
                nfields: u16::try_from(buf.len()).unwrap_or(u16::MAX),
                nprimary: u16::try_from(nprimary).unwrap_or(u16::MAX),
                mask,
                kind,
                status,
                date,
                rank: 0,
                in_view: true,
                mark: Mark::None,
                briefings: (0, 0),
            });
        }
        part
    }

    /// Assigns the tie-break order: kind, then the timeline order of dates (events follow
    /// the library's timeline), then index.
    fn rank(&mut self, lib: &Library) {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        let mut event_pos = vec![0; lib.events.len()];
        for (pos, &e) in lib.timeline.iter().enumerate() {
            event_pos[e] = pos;
        }
        let entries = &self.entries;
        let bounds = self.bounds;
        order.sort_by(|&a, &b| {
            let (ea, eb) = (&entries[a], &entries[b]);
            ea.kind.cmp(&eb.kind).then_with(|| {
                let by_date = match ea.kind {
                    Kind::Event => event_pos[a - bounds[1]].cmp(&event_pos[b - bounds[1]]),
                    _ => match (ea.date, eb.date) {
                        (Some(x), Some(y)) => x.timeline_cmp(y),
                        _ => std::cmp::Ordering::Equal,
                    },
                };
                by_date.then(a.cmp(&b))
            })
        });
        for (rank, &ix) in order.iter().enumerate() {
            self.entries[ix].rank = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        self.by_rank = order
            .into_iter()
            .map(|ix| u32::try_from(ix).unwrap_or(u32::MAX))
            .collect();
    }

    /// The number of searchable items (M in "N of M").
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// How many items the library's view shows: what "N of M" counts.
    pub fn in_view(&self) -> usize {
        self.in_view
    }

    /// Whether the library has nothing to search.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn item_ref(&self, ix: usize) -> ItemRef {
        let b = self.bounds;
        if ix < b[1] {
            ItemRef::Actor(ix)
        } else if ix < b[2] {
            ItemRef::Event(ix - b[1])
        } else if ix < b[3] {
            ItemRef::Quote(ix - b[2])
        } else {
            ItemRef::Source(ix - b[3])
        }
    }

    pub(crate) fn ix_of(&self, item: ItemRef) -> Option<usize> {
        let (base, i) = match item {
            ItemRef::Actor(i) => (0, i),
            ItemRef::Event(i) => (1, i),
            ItemRef::Quote(i) => (2, i),
            ItemRef::Source(i) => (3, i),
            ItemRef::Briefing(_) => return None,
        };
        let ix = self.bounds[base] + i;
        (ix < self.bounds[base + 1]).then_some(ix)
    }

    /// The folded haystack of one item.
    pub(crate) fn folded(&self, ix: usize) -> Hay<'_> {
        let e = &self.entries[ix];
        let end = self
            .entries
            .get(ix + 1)
            .map_or(self.folded.len(), |n| n.folded_start);
        let words_end = self
            .entries
            .get(ix + 1)
            .map_or(self.words.len(), |n| n.words_start);
        Hay {
            text: &self.folded[e.folded_start..end],
            starts: &self.field_folded[e.fields_start..e.fields_start + usize::from(e.nfields)],
            nprimary: usize::from(e.nprimary),
            words: &self.words[e.words_start..words_end],
        }
    }

    /// The original (display-safe) haystack of one item, for case-sensitive terms. Kept
    /// apart from [`Self::folded`] so that most searches never touch its memory.
    pub(crate) fn orig(&self, ix: usize) -> Hay<'_> {
        let e = &self.entries[ix];
        let end = self
            .entries
            .get(ix + 1)
            .map_or(self.orig.len(), |n| n.orig_start);
        Hay {
            text: &self.orig[e.orig_start..end],
            starts: &self.field_orig[e.fields_start..e.fields_start + usize::from(e.nfields)],
            nprimary: usize::from(e.nprimary),
            words: &[],
        }
    }
}

/// Builds the case-keyed copy of an original haystack (accents and quotes folded, case
/// kept) for case-sensitive terms, with its own field starts: folding can change byte
/// lengths.
pub(crate) fn case_keyed(orig: &Hay<'_>, text: &mut String, starts: &mut Vec<u32>) {
    text.clear();
    starts.clear();
    for f in 0..orig.starts.len() {
        if f > 0 {
            text.push(' ');
        }
        starts.push(offset(text.len()));
        text.extend(orig.text[orig.field(f)].chars().map(case_key));
    }
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
