//! The search index: one haystack per item, built once per library.
//!
//! Each item's searchable fields are joined by a space into one haystack, so matching costs
//! one pass per item rather than one per field; the field boundaries are kept to tell a
//! match in the name from one in the summary. Only the folded text is kept. Case-sensitive
//! terms, which are rare, need the case-keyed text (accents folded, case kept): it is made
//! again for the items whose folded text matched, from one bit per byte saying "this char
//! was the upper case of its folded form" and a short list of the chars that are neither.
//! The haystacks live in a few big strings, one per part of [`PART`] items built on one
//! thread; the parts are kept apart rather than copied into one, so building never holds
//! the index twice.

use rayon::iter::{IndexedParallelIterator as _, IntoParallelIterator as _, ParallelIterator as _};
use rayon::slice::ParallelSliceMut as _;
use serde::{Deserialize, Serialize};

use std::borrow::Cow;
use std::sync::Arc;

use crate::model::cache::{Cache, Key};
use crate::model::{DateSpec, ItemRef, Library, Mark, Status};

use super::fields::fields_of;
use super::fold::{case_key, fold, mask_bit};
use super::query::{name_hash, tag_name};

/// The kinds of searchable item, in the order ties are broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Kind {
    Actor = 0,
    Event = 1,
    Quote = 2,
    Source = 3,
    /// Searched only when asked for (see [`super::Query::briefings`]).
    Briefing = 4,
}

/// One searchable item. Its offsets are into its part (item `ix` is in part `ix / PART`).
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) folded_start: u32,
    pub(crate) fields_start: u32,
    pub(crate) nfields: u16,
    pub(crate) nprimary: u16,
    /// The prefilter mask (see [`mask_bit`]), as two halves: a `u64` would align the
    /// entry to eight bytes and pad it by four.
    mask: [u32; 2],
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
    /// [`SearchIndex::entry_briefings`], from here, `briefings_len` long. Two fields
    /// rather than a pair, which would take eight bytes: the entry fits in 48.
    pub(crate) briefings_start: u32,
    pub(crate) briefings_len: u16,
}

// A million entries at 10,000 briefings: four bytes more each would be 4 MB.
const _: () = assert!(std::mem::size_of::<Entry>() <= 44);

impl Entry {
    /// What an entry holds before it is built.
    const PLACEHOLDER: Self = Self {
        folded_start: 0,
        fields_start: 0,
        nfields: 0,
        nprimary: 0,
        mask: [0; 2],
        kind: Kind::Actor,
        status: None,
        date: None,
        rank: 0,
        in_view: false,
        mark: Mark::None,
        briefings_start: 0,
        briefings_len: 0,
    };

    /// Which letters the item's haystack holds (see [`mask_bit`]).
    pub(crate) fn mask(&self) -> u64 {
        u64::from(self.mask[0]) | (u64::from(self.mask[1]) << 32)
    }

    fn halves(mask: u64) -> [u32; 2] {
        let low = u32::try_from(mask & u64::from(u32::MAX)).unwrap_or_default();
        let high = u32::try_from(mask >> 32).unwrap_or_default();
        [low, high]
    }
}

/// A searchable index over one [`Library`]. Build it once; searching only reads it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SearchIndex {
    /// Kept in the cache as parts of their own (see [`SearchIndex::read_cached`]).
    #[serde(skip)]
    pub(crate) entries: Vec<Entry>,
    /// The haystacks, [`PART`] items per part. Kept in the cache as parts of their own
    /// (see [`SearchIndex::read_cached`]).
    #[serde(skip)]
    parts: Vec<Part>,
    /// Where each kind starts in `entries`: actors, events, quotes, sources, briefings,
    /// end.
    pub(crate) bounds: [usize; 6],
    /// Entry index by tie-break rank.
    #[serde(with = "le32")]
    pub(crate) by_rank: Vec<u32>,
    /// Briefing indices, in runs per entry (see [`Entry::briefings_start`]).
    #[serde(with = "le32")]
    pub(crate) entry_briefings: Vec<u32>,
    /// Per briefing: a hash of its id and of its series name, for `briefing:` and `series:`.
    #[serde(with = "le64")]
    pub(crate) briefing_hash: Vec<u64>,
    #[serde(with = "le64")]
    pub(crate) series_hash: Vec<u64>,
    /// Every briefing's id, in library order, and the series names, sorted: what a
    /// query's `briefing:` and `series:` can name (see [`SearchIndex::unknown_name`]).
    pub(crate) briefing_ids: Vec<String>,
    pub(crate) series_names: Vec<String>,
    /// Per briefing, the hashes of its tags (for `tag:`): briefing `b`'s are
    /// `tag_hash[tag_starts[b]..tag_starts[b + 1]]`.
    #[serde(with = "le64")]
    pub(crate) tag_hash: Vec<u64>,
    #[serde(with = "le32")]
    pub(crate) tag_starts: Vec<u32>,
    /// Every tag, sorted: what a query's `tag:` can name.
    pub(crate) tag_names: Vec<String>,
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

/// Vectors of numbers in the cache as little-endian bytes: read back at memory speed rather
/// than number by number.
macro_rules! le_bytes {
    ($name:ident, $t:ty) => {
        mod $name {
            use serde::{Deserializer, Serializer};

            const SIZE: usize = std::mem::size_of::<$t>();

            pub(super) fn serialize<S: Serializer>(v: &[$t], s: S) -> Result<S::Ok, S::Error> {
                // A little-endian machine holds the numbers as they are kept: their bytes
                // are written as they are, without a copy of megabytes.
                #[cfg(target_endian = "little")]
                return s.serialize_bytes(zerocopy::IntoBytes::as_bytes(v));
                #[cfg(not(target_endian = "little"))]
                {
                    let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
                    s.serialize_bytes(&bytes)
                }
            }

            pub(super) fn deserialize<'de, D: Deserializer<'de>>(
                d: D,
            ) -> Result<Vec<$t>, D::Error> {
                d.deserialize_bytes(Visitor)
            }

            struct Visitor;

            impl serde::de::Visitor<'_> for Visitor {
                type Value = Vec<$t>;

                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("little-endian numbers")
                }

                fn visit_bytes<E: serde::de::Error>(self, b: &[u8]) -> Result<Self::Value, E> {
                    if b.len() % SIZE != 0 {
                        return Err(E::custom("a partial number"));
                    }
                    Ok(b.chunks_exact(SIZE)
                        .map(|c| <$t>::from_le_bytes(c.try_into().unwrap_or_default()))
                        .collect())
                }
            }
        }
    };
}
le_bytes!(le32, u32);
le_bytes!(le64, u64);

/// Entries per part of the index in the cache.
const ENTRIES_PER_PART: usize = 16_384;

/// Mixed into a load's key to name its search index in the cache.
const INDEX_KEY: Key = 0x5345_4152_4348_2049_4e44_4558_0000_0002;

/// The haystacks of [`PART`] items (the last part may hold fewer), built on one thread.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Part {
    /// The folded haystacks, one after the other. Kept in the cache as a part of its own,
    /// its bytes as they are: a start reads them straight into this string, where decoding
    /// them would hold them twice (see [`SearchIndex::read_cached`]).
    #[serde(skip)]
    folded: String,
    /// Per field, in bytes from the start of its item's haystack.
    #[serde(with = "le32")]
    field_folded: Vec<u32>,
    /// One bit per byte of `folded`: the original char there is the upper case of the
    /// folded one.
    #[serde(with = "le64")]
    upper: Vec<u64>,
    /// (byte in `folded`, case-keyed char) where the case-keyed char is neither the
    /// folded char nor its upper case, in byte order.
    unusual: Vec<(u32, char)>,
}

/// Keeps at most as many fields as an entry counts (`u16`), the id always last: an event
/// with 70,000 actors loses the names past that, never its id (see
/// [`super::fields::fields_of`]).
fn keep_fields<T>(fields: &mut Vec<T>) {
    let max = usize::from(u16::MAX);
    if fields.len() > max {
        let id = fields.pop();
        fields.truncate(max - 1);
        fields.extend(id);
    }
}

impl SearchIndex {
    /// Builds the index; a large library is built in parts on rayon's threads. The parts
    /// are kept in order, so the index does not depend on the thread count.
    pub fn build(lib: &Library) -> Self {
        let bounds = [
            0,
            lib.actors.len(),
            lib.actors.len() + lib.events.len(),
            lib.actors.len() + lib.events.len() + lib.quotes.len(),
            lib.item_count(),
            lib.item_count() + lib.briefings.len(),
        ];
        let mut index = Self {
            bounds,
            ..Self::default()
        };
        let total = bounds[5];
        // Each part fills its own run of the entries in place: entries made apart and
        // joined would be held twice (50 MB at 10,000 briefings).
        let mut entries = vec![Entry::PLACEHOLDER; total];
        let me = &index;
        index.parts = entries
            .par_chunks_mut(PART)
            .enumerate()
            .map(|(p, run)| me.build_part(lib, p * PART, run))
            .collect();
        index.entries = entries;
        index.rank(lib);
        index.place_in_view(lib);
        index
    }

    /// Records what the library's view shows of each entry: whether it is in scope, its
    /// new/changed mark, and the briefings that describe it, for the view's qualifiers.
    fn place_in_view(&mut self, lib: &Library) {
        self.briefing_hash = lib
            .briefings
            .iter()
            .map(|b| name_hash(b.id.raw()))
            .collect();
        self.series_hash = lib
            .briefings
            .iter()
            .map(|b| name_hash(b.series_name()))
            .collect();
        self.briefing_ids = lib
            .briefings
            .iter()
            .map(|b| b.id.raw().to_owned())
            .collect();
        let mut series: Vec<String> = lib
            .briefings
            .iter()
            .map(|b| b.series_name().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        series.sort_unstable();
        series.dedup();
        self.series_names = series;
        self.tag_starts = vec![0];
        self.tag_hash.clear();
        for b in &lib.briefings {
            self.tag_hash
                .extend(b.tags.iter().map(|t| name_hash(tag_name(t.raw()))));
            self.tag_starts.push(offset(self.tag_hash.len()));
        }
        let mut tags: Vec<String> = lib
            .briefings
            .iter()
            .flat_map(|b| b.tags.iter().map(|t| tag_name(t.raw()).to_owned()))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        self.tag_names = tags;
        let mut runs: Vec<u32> = Vec::new();
        for ix in 0..self.entries.len() {
            let start = offset(runs.len());
            let (in_view, mark) = match self.item_ref(ix) {
                ItemRef::Actor(i) => {
                    let a = &lib.actors[i];
                    runs.extend(a.history().iter().map(|v| offset(v.briefing)));
                    (a.in_scope(), a.mark())
                }
                ItemRef::Event(i) => {
                    let e = &lib.events[i];
                    runs.extend(e.history().iter().map(|v| offset(v.briefing)));
                    (e.in_scope(), e.mark())
                }
                ItemRef::Quote(i) => {
                    let q = &lib.quotes[i];
                    runs.extend(q.history().iter().map(|v| offset(v.briefing)));
                    (q.in_scope(), q.mark())
                }
                ItemRef::Source(i) => {
                    let b = lib.sources[i].briefing;
                    runs.push(offset(b));
                    (lib.briefings[b].in_scope(), Mark::None)
                }
                ItemRef::Briefing(b) => {
                    runs.push(offset(b));
                    (lib.briefings[b].in_scope(), Mark::None)
                }
            };
            let len = runs.len() - start as usize;
            let e = &mut self.entries[ix];
            e.in_view = in_view;
            e.mark = mark;
            e.briefings_start = start;
            e.briefings_len = u16::try_from(len).unwrap_or(u16::MAX);
        }
        runs.shrink_to_fit();
        self.entry_briefings = runs;
        // The items the view shows: briefings are searched only when asked for.
        self.in_view = self
            .entries
            .iter()
            .filter(|e| e.in_view && e.kind != Kind::Briefing)
            .count();
    }

    /// The briefings that describe an entry's item.
    /// The hashes of briefing `b`'s tags.
    pub(crate) fn tags_of(&self, b: u32) -> &[u64] {
        let b = b as usize;
        &self.tag_hash[self.tag_starts[b] as usize..self.tag_starts[b + 1] as usize]
    }

    pub(crate) fn briefings_of(&self, e: &Entry) -> &[u32] {
        let (start, len) = (e.briefings_start as usize, usize::from(e.briefings_len));
        &self.entry_briefings[start..start + len]
    }

    /// Builds the haystacks of the items from `first` on, one per entry of `entries`,
    /// and fills the entries.
    fn build_part(&self, lib: &Library, first: usize, entries: &mut [Entry]) -> Part {
        let mut buf = Vec::new();
        let mut part = self.sized_part(lib, first, entries.len(), &mut buf);
        for (ix, slot) in (first..).zip(entries.iter_mut()) {
            let item = self.item_ref(ix);
            let nprimary = fields_of(lib, item, &mut buf);
            keep_fields(&mut buf);
            let entry_start = part.folded.len();
            let fields_start = part.field_folded.len();
            let mut mask = 0;
            for (n, (_, text)) in buf.iter().enumerate() {
                if n > 0 {
                    part.folded.push(' ');
                }
                part.field_folded
                    .push(offset(part.folded.len() - entry_start));
                mask |= fold_into(&mut part, text);
            }
            let (kind, status, date) = match item {
                ItemRef::Actor(_) => (Kind::Actor, None, None),
                ItemRef::Briefing(b) => (Kind::Briefing, None, Some(lib.briefings[b].as_of)),
                ItemRef::Event(i) => {
                    let e = &lib.events[i];
                    (Kind::Event, Some(e.status), Some(e.date))
                }
                ItemRef::Quote(i) => (Kind::Quote, None, Some(lib.quotes[i].date)),
                ItemRef::Source(i) => (Kind::Source, None, Some(lib.sources[i].published)),
            };
            *slot = Entry {
                folded_start: offset(entry_start),
                fields_start: offset(fields_start),
                nfields: u16::try_from(buf.len()).unwrap_or(u16::MAX),
                nprimary: u16::try_from(nprimary).unwrap_or(u16::MAX),
                mask: Entry::halves(mask),
                kind,
                status,
                date,
                rank: 0,
                in_view: true,
                mark: Mark::None,
                briefings_start: 0,
                briefings_len: 0,
            };
        }
        part.folded.shrink_to_fit();
        part.field_folded.shrink_to_fit();
        part.upper.resize(part.folded.len().div_ceil(64), 0);
        part.upper.shrink_to_fit();
        part.unusual.shrink_to_fit();
        part
    }

    /// A part with room for the haystacks of `n` items from `first` on. Folding keeps the
    /// length of ASCII text, so the room is what they take but for a few bytes of other
    /// text. Grown as they were written, the haystacks left their earlier, smaller blocks
    /// behind, and a growth's spare room: 4 MiB of a cold start at 1,000 briefings.
    fn sized_part<'a>(
        &self,
        lib: &'a Library,
        first: usize,
        n: usize,
        buf: &mut Vec<(super::fields::Label, Cow<'a, str>)>,
    ) -> Part {
        let (mut bytes, mut fields) = (0, 0);
        for ix in first..first + n {
            fields_of(lib, self.item_ref(ix), buf);
            keep_fields(buf);
            let len = buf.iter().map(|(_, t)| t.len() + 1).sum::<usize>();
            bytes += len;
            fields += buf.len();
        }
        Part {
            folded: String::with_capacity(bytes),
            field_folded: Vec::with_capacity(fields),
            upper: Vec::with_capacity(bytes.div_ceil(64)),
            unusual: Vec::new(),
        }
    }

    /// Assigns the tie-break order: kind, then the timeline order of dates (events follow
    /// the library's timeline), then index.
    fn rank(&mut self, lib: &Library) {
        // In 32 bits, as the index keeps it: a million entries are sorted at 10,000
        // briefings.
        let mut order: Vec<u32> = (0..offset(self.entries.len())).collect();
        let mut event_pos = vec![0u32; lib.events.len()];
        for (pos, &e) in lib.timeline.iter().enumerate() {
            event_pos[e] = offset(pos);
        }
        let entries = &self.entries;
        let bounds = self.bounds;
        order.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
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
            self.entries[ix as usize].rank = offset(rank);
        }
        self.by_rank = order;
    }

    /// The number of searchable items (M in "N of M").
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The index kept in the cache for the load of `key`, as it was written: nothing is
    /// checked yet, so it is only for [`SearchIndex::cached_or_built`], which checks that it
    /// fits the library. Read while the library itself decodes (see
    /// [`crate::model::Loader::load_beside`]).
    #[must_use]
    pub fn read_cached(cache: &Cache, key: Key) -> Option<Self> {
        // Another key than the library's own entry, derived from it. The first part is the
        // index but its entries and haystacks, with how many parts of entries follow; then
        // the entries, a run at a time, then two parts per part of haystacks: all but its
        // text, then its text. They are decoded on rayon's threads a few at a time, so the
        // index is never held encoded as a whole.
        cache.get_parts(key ^ INDEX_KEY, |parts| {
            let (runs, len, mut index): (usize, usize, Self) = parts.decode(0)?;
            let hay = runs.checked_add(1)?;
            index.entries = parts.decode_runs(1..hay, len)?;
            let left = parts.len().checked_sub(hay)?;
            if left % 2 != 0 {
                return None;
            }
            index.parts = (0..left / 2)
                .into_par_iter()
                .map(|p| {
                    let mut part: Part = parts.decode(hay + 2 * p)?;
                    // Checked as text here, and each haystack's bounds by `is_sound`.
                    part.folded = String::from_utf8(parts.get(hay + 2 * p + 1)?).ok()?;
                    Some(part)
                })
                .collect::<Option<_>>()?;
            Some(index)
        })
    }

    /// Keeps the index in the cache for the load of `key`, for [`SearchIndex::read_cached`].
    fn keep(&self, cache: &Cache, key: Key) {
        /// One part of the index in the cache.
        enum Job<'a> {
            Head(usize, &'a SearchIndex),
            Entries(&'a [Entry]),
            Hay(&'a Part),
            Folded(&'a Part),
        }
        let runs = self.entries.chunks(ENTRIES_PER_PART);
        let mut jobs = vec![Job::Head(runs.len(), self)];
        jobs.extend(runs.map(Job::Entries));
        jobs.extend(
            self.parts
                .iter()
                .flat_map(|p| [Job::Hay(p), Job::Folded(p)]),
        );
        // Each part is encoded straight into the entry as it is written, on this thread
        // (the cache's writer, off the screen's path): the index is never held encoded,
        // not even a part of it, beside itself. A part's text is written as it is.
        cache.put_parts_streamed(key ^ INDEX_KEY, &jobs, |job, out| {
            let encoded = match job {
                Job::Head(runs, index) => postcard::to_io(&(runs, index.entries.len(), index), out),
                Job::Entries(run) => postcard::to_io(run, out),
                Job::Hay(part) => postcard::to_io(part, out),
                Job::Folded(part) => return out.write_all(part.folded.as_bytes()),
            };
            encoded.map(drop).map_err(std::io::Error::other)
        });
    }

    /// The index of a library the first load of `key` gave (see
    /// [`crate::model::Loader::whole_key`]): `kept` (from [`SearchIndex::read_cached`]) if
    /// it is sound for `lib`, else the index built afresh, and kept in the cache under `key`
    /// by a thread of its own. Without a key or a cache, just built.
    #[must_use]
    pub fn cached_or_built(
        lib: &Library,
        cache: Option<&Arc<Cache>>,
        key: Option<Key>,
        kept: Option<Self>,
    ) -> Arc<Self> {
        if let Some(index) = kept
            && index.is_sound(lib)
        {
            return Arc::new(index);
        }
        let index = Arc::new(Self::build(lib));
        if let (Some(cache), Some(key)) = (cache, key) {
            let kept = index.clone();
            cache.write_later(move |cache| kept.keep(cache, key));
        }
        index
    }

    /// Whether an index read back from the cache fits `lib` and holds together: every
    /// offset in range, so that searching it cannot go out of bounds.
    fn is_sound(&self, lib: &Library) -> bool {
        let nb = lib.briefings.len();
        let items = lib.item_count();
        let total = items + nb;
        let (na, ne, nq) = (lib.actors.len(), lib.events.len(), lib.quotes.len());
        let shape = self.bounds == [0, na, na + ne, na + ne + nq, items, total]
            && self.entries.len() == total
            && self.parts.len() == total.div_ceil(PART)
            && self.by_rank.len() == total
            && self.by_rank.iter().all(|&i| (i as usize) < total)
            && self.briefing_hash.len() == nb
            && self.briefing_ids.len() == nb
            && self.series_hash.len() == nb
            && self.tag_starts.len() == nb + 1
            && self.tag_starts.first() == Some(&0)
            && self.tag_starts.windows(2).all(|w| w[0] <= w[1])
            && self
                .tag_starts
                .last()
                .is_some_and(|&l| l as usize == self.tag_hash.len())
            && self.entry_briefings.iter().all(|&b| (b as usize) < nb)
            && self.in_view <= total;
        shape
            && self.parts.iter().all(|p| {
                p.upper.len() >= p.folded.len().div_ceil(64)
                    && p.unusual
                        .iter()
                        .all(|&(at, _)| (at as usize) < p.folded.len())
            })
            && (0..total).all(|ix| self.entry_sound(ix))
    }

    fn entry_sound(&self, ix: usize) -> bool {
        let e = &self.entries[ix];
        // In range: the shape was checked first.
        let (part, folded_end) = self.part_of(ix);
        let start = e.folded_start as usize;
        let fields = e.fields_start as usize..e.fields_start as usize + usize::from(e.nfields);
        if fields.end > part.field_folded.len() {
            return false;
        }
        let len = folded_end.saturating_sub(start);
        start <= folded_end
            && folded_end <= part.folded.len()
            && part.folded.is_char_boundary(start)
            && part.folded.is_char_boundary(folded_end)
            && part.field_folded[fields.clone()].is_sorted()
            && part.field_folded[fields.clone()]
                .iter()
                .all(|&f| (f as usize) <= len && part.folded.is_char_boundary(start + f as usize))
            && e.nprimary <= e.nfields
            && (e.rank as usize) < self.entries.len()
            && (e.briefings_start as usize + usize::from(e.briefings_len))
                <= self.entry_briefings.len()
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
        } else if ix < b[4] {
            ItemRef::Source(ix - b[3])
        } else {
            ItemRef::Briefing(ix - b[4])
        }
    }

    pub(crate) fn ix_of(&self, item: ItemRef) -> Option<usize> {
        let (base, i) = match item {
            ItemRef::Actor(i) => (0, i),
            ItemRef::Event(i) => (1, i),
            ItemRef::Quote(i) => (2, i),
            ItemRef::Source(i) => (3, i),
            ItemRef::Briefing(i) => (4, i),
        };
        let ix = self.bounds[base] + i;
        (ix < self.bounds[base + 1]).then_some(ix)
    }

    /// The part holding item `ix`, and where the item's haystack ends in it.
    fn part_of(&self, ix: usize) -> (&Part, usize) {
        let part = &self.parts[ix / PART];
        let next = ix + 1;
        let same_part = next < self.entries.len() && !next.is_multiple_of(PART);
        let folded_end = if same_part {
            self.entries[next].folded_start as usize
        } else {
            part.folded.len()
        };
        (part, folded_end)
    }

    /// The folded haystack of one item.
    pub(crate) fn folded(&self, ix: usize) -> Hay<'_> {
        let e = &self.entries[ix];
        let (part, end) = self.part_of(ix);
        let fields = e.fields_start as usize;
        Hay {
            text: &part.folded[e.folded_start as usize..end],
            starts: &part.field_folded[fields..fields + usize::from(e.nfields)],
            nprimary: usize::from(e.nprimary),
        }
    }

    /// Makes the case-keyed haystack of one item (accents and quotes folded, case kept)
    /// into `text`, with its own field starts in `starts`: case can change byte lengths.
    pub(crate) fn case_keyed(&self, ix: usize, text: &mut String, starts: &mut Vec<u32>) {
        let e = &self.entries[ix];
        let (part, end) = self.part_of(ix);
        let begin = e.folded_start as usize;
        let fields = e.fields_start as usize;
        let field_starts = &part.field_folded[fields..fields + usize::from(e.nfields)];
        text.clear();
        starts.clear();
        let mut unusual = part.unusual[part.unusual.partition_point(|u| (u.0 as usize) < begin)..]
            .iter()
            .peekable();
        let mut field = 0;
        for (i, f) in part.folded[begin..end].char_indices() {
            while field < field_starts.len() && field_starts[field] as usize == i {
                starts.push(offset(text.len()));
                field += 1;
            }
            let at = begin + i;
            let keyed = match unusual.peek() {
                Some(&&(u, k)) if u as usize == at => {
                    unusual.next();
                    k
                }
                _ if bit(&part.upper, at) => upper(f).unwrap_or(f),
                _ => f,
            };
            text.push(keyed);
        }
        // Empty fields at the end.
        while starts.len() < field_starts.len() {
            starts.push(offset(text.len()));
        }
    }
}

/// The upper case of a folded char, when it is one char.
fn upper(f: char) -> Option<char> {
    if f.is_ascii() {
        return Some(f.to_ascii_uppercase());
    }
    let mut u = f.to_uppercase();
    match (u.next(), u.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Appends the folded form of `text` to a part, recording where case differs, and returns
/// its prefilter mask. Runs of ASCII, most of most texts, take a fast path that gives the
/// same result as the char-by-char one.
fn fold_into(part: &mut Part, text: &str) -> u64 {
    let mut mask = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii() || b == b'\n')
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        if !run.is_empty() {
            let at = part.folded.len();
            part.folded.push_str(run);
            part.folded[at..].make_ascii_lowercase();
            for (k, b) in run.bytes().enumerate() {
                mask |= mask_bit(char::from(b.to_ascii_lowercase()));
                if b.is_ascii_uppercase() {
                    set_bit(&mut part.upper, at + k);
                }
            }
        }
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            mask |= mask_bit(fold_char(part, c));
        }
        rest = chars.as_str();
    }
    mask
}

/// Appends one char's folded form to a part, recording where case differs, and returns
/// it: the char-by-char path of [`fold_into`].
fn fold_char(part: &mut Part, c: char) -> char {
    // Newlines become spaces so that words after them start words.
    let c = if c == '\n' { ' ' } else { c };
    let f = fold(c);
    let at = part.folded.len();
    part.folded.push(f);
    let keyed = case_key(c);
    if keyed != f {
        if upper(f) == Some(keyed) {
            set_bit(&mut part.upper, at);
        } else {
            part.unusual.push((offset(at), keyed));
        }
    }
    f
}

fn set_bit(bits: &mut Vec<u64>, at: usize) {
    if bits.len() <= at / 64 {
        bits.resize(at / 64 + 1, 0);
    }
    bits[at / 64] |= 1 << (at % 64);
}

fn bit(bits: &[u64], at: usize) -> bool {
    bits.get(at / 64).is_some_and(|b| b & (1 << (at % 64)) != 0)
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn too_many_fields_keep_the_id_last() {
        let mut fields: Vec<u32> = (0..70_000).collect();
        keep_fields(&mut fields);
        assert_eq!(fields.len(), usize::from(u16::MAX));
        assert_eq!(fields.last(), Some(&69_999));
        assert_eq!(fields[fields.len() - 2], 65_533);
        let mut few = vec![1, 2, 3];
        keep_fields(&mut few);
        assert_eq!(few, [1, 2, 3]);
    }
    use crate::search::fold::case_key_str;

    #[test]
    fn an_index_from_the_cache_must_fit_its_library() {
        let (lib, _) = crate::model::load_bundled();
        let index = SearchIndex::build(&lib);
        assert!(index.is_sound(&lib));
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path());
        index.keep(&cache, 7);
        let back = || SearchIndex::read_cached(&cache, 7).unwrap();
        assert!(back().is_sound(&lib));
        assert_eq!(back().parts.len(), index.parts.len());
        assert_eq!(back().parts[0].folded, index.parts[0].folded);
        let tampered: [fn(&mut SearchIndex); 5] = [
            |i| i.entries[0].folded_start = u32::MAX,
            |i| i.entries[3].nfields = u16::MAX,
            |i| i.entries[1].fields_start = u32::MAX,
            |i| i.by_rank.truncate(i.by_rank.len() - 1),
            |i| i.parts[0].folded.truncate(10),
        ];
        for (n, tamper) in tampered.into_iter().enumerate() {
            let mut bad = back();
            tamper(&mut bad);
            assert!(!bad.is_sound(&lib), "tampering {n} goes unnoticed");
        }
        let mut other = lib.clone();
        other.actors.pop();
        assert!(!index.is_sound(&other), "an index of another library");
    }

    /// A part is sized before it is built, so that its haystacks never grow: room for all
    /// of them, and not much more (folding shortens a few chars, such as curly quotes).
    #[test]
    fn a_part_has_room_for_its_haystacks_before_it_is_built() {
        let (lib, _) = crate::synth::load(120, 9);
        let index = SearchIndex::build(&lib);
        assert!(index.parts.len() > 1, "several parts");
        let mut buf = Vec::new();
        for (p, built) in index.parts.iter().enumerate() {
            let first = p * PART;
            let n = PART.min(index.len() - first);
            let sized = index.sized_part(&lib, first, n, &mut buf);
            let room = [
                (sized.folded.capacity(), built.folded.len()),
                (sized.field_folded.capacity(), built.field_folded.len()),
                (sized.upper.capacity(), built.upper.len()),
            ];
            for (what, (capacity, len)) in room.into_iter().enumerate() {
                assert!(capacity >= len, "part {p}, list {what}: {capacity} < {len}");
                assert!(
                    capacity <= len + len / 50 + 64,
                    "part {p}, list {what}: {capacity} for {len}"
                );
            }
        }
    }

    /// The char-by-char fold that `fold_into`'s ASCII fast path must agree with.
    fn fold_slowly(text: &str) -> Part {
        let mut part = Part::default();
        for c in text.chars() {
            fold_char(&mut part, c);
        }
        part
    }

    proptest::proptest! {
        /// The fast path gives the same haystack, case bits, unusual chars and mask as
        /// folding char by char, whatever the mix of ASCII and other text.
        #[test]
        fn folding_fast_is_folding_slowly(
            text in "([A-Za-z0-9 .,'\\n-]{0,12}|[ÉéÀàßİıΣσςЖж’“”—\u{00A0}]{0,4}){0,8}"
        ) {
            let mut fast = Part::default();
            let mask = fold_into(&mut fast, &text);
            let slow = fold_slowly(&text);
            proptest::prop_assert_eq!(&fast.folded, &slow.folded);
            let trim = |v: &[u64]| v.iter().rposition(|&w| w != 0).map_or(&v[..0], |i| &v[..=i]).to_vec();
            proptest::prop_assert_eq!(trim(&fast.upper), trim(&slow.upper));
            proptest::prop_assert_eq!(&fast.unusual, &slow.unusual);
            proptest::prop_assert_eq!(mask, slow.folded.chars().fold(0, |m, c| m | mask_bit(c)));
        }
    }

    /// The case-keyed haystack made from the folded text and the case bits is the one made
    /// from the original text, for cased, caseless and unusual letters alike.
    #[test]
    fn case_keyed_text_is_made_again_exactly() {
        let names = [
            "Sing’oei ÉTÉ",
            "ẞTRASSE Straße",
            "ΣΟΦΊΑ σοφίας ς",
            "İstanbul ǅemal ﬁnance",
            "Kelvin \u{212A} Ångström",
            "東京 Ωmega\tTab\nLine",
            "",
        ];
        let mut toml = String::from(
            "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"s\"\n\n[[sources]]\nid = \"s\"\ntitle = \"Ünïcode Source\"\nkind = \"report\"\n",
        );
        for (i, name) in names.iter().enumerate() {
            let name = name.replace('\n', "\\n").replace('\t', "\\t");
            let _ = write!(
                toml,
                "\n[[actors]]\nid = \"a{i}\"\nname = \"{name}x\"\nkind = \"person\"\nrole = \"Rôle {name}\"\naliases = [\"\", \"{name}\"]\ncite = [{{ source = \"s\", locator = \"1\" }}]\n"
            );
        }
        let (lib, report) = crate::model::load_sources(
            vec![(PathBuf::from("t.toml"), Ok(toml.into_bytes()))],
            crate::model::LoadOptions::default(),
        );
        assert_eq!(report.error_count(), 0, "{:?}", report.diagnostics);
        let index = SearchIndex::build(&lib);
        let (mut text, mut starts) = (String::new(), Vec::new());
        for ix in 0..index.len() {
            let fields = crate::search::fields(&lib, index.item_ref(ix));
            let mut want = String::new();
            let mut want_starts = Vec::new();
            for (n, (_, t)) in fields.iter().enumerate() {
                if n > 0 {
                    want.push(' ');
                }
                want_starts.push(offset(want.len()));
                want.push_str(&case_key_str(&t.replace('\n', " ")));
            }
            index.case_keyed(ix, &mut text, &mut starts);
            assert_eq!(text, want);
            assert_eq!(starts, want_starts, "{want:?}");
        }
    }
}
