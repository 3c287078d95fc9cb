//! Finding an item by its id without a second copy of every id: the library keeps each id's
//! hash beside its item, sorted by hash, and a lookup compares the ids of the items with the
//! hash it looks for. A warm start decodes it as one flat vector, with no string to
//! allocate per item.

use serde::{Deserialize, Serialize};

use rayon::prelude::*;

use super::{ItemRef, Library};

/// Items by the hash of their id (see the module documentation).
///
/// Each item is one `u64`: the id's hash in the high 32 bits, the item in the low 32 (its
/// kind in three bits, its index in the rest), sorted. Eight bytes an item rather than the
/// 24 of a 64-bit hash beside an [`ItemRef`]: 1.6 MB at 1,000 briefings. A 32-bit hash is
/// shared by more ids than a 64-bit one, which costs a comparison of ids, not a wrong item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Ids {
    by_hash: Vec<u64>,
}

/// The hash an id is kept under: fixed, since it is kept in the warm-start cache.
fn hash(id: &str) -> u32 {
    // The high half of xxh3's 64 bits.
    (xxhash_rust::xxh3::xxh3_64(id.as_bytes()) >> 32) as u32
}

/// Bits of a packed item that hold its index.
const INDEX_BITS: u32 = 29;

/// An item in 32 bits, if its index fits in [`INDEX_BITS`] (half a billion items, more than
/// any library that fits in memory).
fn pack(item: ItemRef) -> Option<u32> {
    let (kind, ix) = match item {
        ItemRef::Briefing(i) => (0, i),
        ItemRef::Actor(i) => (1, i),
        ItemRef::Event(i) => (2, i),
        ItemRef::Quote(i) => (3, i),
        ItemRef::Source(i) => (4, i),
    };
    let ix = u32::try_from(ix).ok().filter(|&ix| ix < 1 << INDEX_BITS)?;
    Some(kind << INDEX_BITS | ix)
}

/// The item [`pack`] made, from the low 32 bits of `k`, or none for a kind no item has
/// (read from a damaged cache).
fn unpack(k: u64) -> Option<ItemRef> {
    let packed = k & u64::from(u32::MAX);
    let ix = usize::try_from(packed & ((1 << INDEX_BITS) - 1)).ok()?;
    Some(match packed >> INDEX_BITS {
        0 => ItemRef::Briefing(ix),
        1 => ItemRef::Actor(ix),
        2 => ItemRef::Event(ix),
        3 => ItemRef::Quote(ix),
        4 => ItemRef::Source(ix),
        _ => return None,
    })
}

impl Ids {
    /// The item whose id is `id`, where `is(item, id)` says whether an item's id is `id`.
    pub(crate) fn find(&self, id: &str, is: impl Fn(ItemRef, &str) -> bool) -> Option<ItemRef> {
        let h = u64::from(hash(id));
        let start = self.by_hash.partition_point(|&k| k >> 32 < h);
        self.by_hash[start..]
            .iter()
            .take_while(|&&k| k >> 32 == h)
            .filter_map(|&k| unpack(k))
            .find(|&item| is(item, id))
    }

    /// Every item listed; `None` for an entry that names no kind of item.
    pub(crate) fn items(&self) -> impl Iterator<Item = Option<ItemRef>> + '_ {
        self.by_hash.iter().map(|&k| unpack(k))
    }
}

impl Ids {
    /// Every briefing, actor, event, quote and source of `lib` by its id, hashed and sorted
    /// on rayon's workers. Ids are unique within a library, but an item's id may also read
    /// as a source's `briefing/source` (a `/` in an id is only a warning): both are listed,
    /// and [`Ids::find`] gives the item, the one its author named.
    pub(crate) fn of(lib: &Library) -> Self {
        fn keyed<'a, T: Sync + 'a>(
            items: &'a [T],
            item: fn(usize) -> ItemRef,
            id_hash: impl Fn(&T) -> u32 + Sync + Send + 'a,
        ) -> impl ParallelIterator<Item = u64> + 'a {
            items.par_iter().enumerate().filter_map(move |(i, t)| {
                Some(u64::from(id_hash(t)) << 32 | u64::from(pack(item(i))?))
            })
        }
        let mut by_hash =
            Vec::with_capacity(lib.briefings.len() + lib.item_count() + lib.sources.len());
        by_hash.par_extend(keyed(&lib.briefings, ItemRef::Briefing, |b| {
            hash(b.id.raw())
        }));
        by_hash.par_extend(keyed(&lib.actors, ItemRef::Actor, |a| hash(a.id.raw())));
        by_hash.par_extend(keyed(&lib.events, ItemRef::Event, |e| hash(e.id.raw())));
        by_hash.par_extend(keyed(&lib.quotes, ItemRef::Quote, |q| hash(q.id.raw())));
        by_hash.par_extend(keyed(&lib.sources, ItemRef::Source, |s| {
            hash_source(lib.briefings[s.briefing].id.raw(), s.id.raw())
        }));
        by_hash.par_sort_unstable();
        Self { by_hash }
    }
}

/// The [`hash`] of a source's id, `briefing/source`, without writing it out.
fn hash_source(briefing: &str, source: &str) -> u32 {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    h.update(briefing.as_bytes());
    h.update(b"/");
    h.update(source.as_bytes());
    (h.digest() >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_is_found_and_an_unknown_one_is_not() {
        let (lib, _) = crate::model::load_bundled();
        let items = (0..lib.briefings.len())
            .map(ItemRef::Briefing)
            .chain((0..lib.actors.len()).map(ItemRef::Actor))
            .chain((0..lib.events.len()).map(ItemRef::Event))
            .chain((0..lib.quotes.len()).map(ItemRef::Quote))
            .chain((0..lib.sources.len()).map(ItemRef::Source));
        for item in items {
            let id = lib.id_of(item);
            let found = lib.find(&id).unwrap_or_else(|| panic!("{id} is not found"));
            assert_eq!(lib.id_of(found), id, "{id} finds another item");
        }
        assert_eq!(lib.find("no-such-id"), None);
        let source = lib.id_of(ItemRef::Source(0));
        assert_eq!(
            lib.find(&source.replace('/', ":")),
            None,
            "a source needs its slash"
        );
    }

    #[test]
    fn a_source_id_hashes_as_it_is_written() {
        for (b, s) in [
            ("haiti-2025-05", "ap"),
            ("", ""),
            ("a", "b/c"),
            ("x".repeat(300).as_str(), "y"),
        ] {
            assert_eq!(hash_source(b, s), hash(&format!("{b}/{s}")), "{b}/{s}");
        }
    }

    #[test]
    fn an_item_whose_id_reads_as_a_source_is_found_before_the_source() {
        let (mut lib, _) = crate::model::load_bundled();
        let source = lib.id_of(ItemRef::Source(0));
        assert_eq!(lib.find(&source), Some(ItemRef::Source(0)));
        // An actor given the source's id: both are listed, and the id finds the actor.
        lib.actors[0].id = crate::model::Text::new(source.as_str());
        lib.ids = Ids::of(&lib);
        assert_eq!(lib.find(&source), Some(ItemRef::Actor(0)));
        assert_eq!(lib.ids.items().count(), {
            lib.briefings.len() + lib.item_count()
        });
    }

    #[test]
    fn items_sharing_a_hash_are_told_apart_by_their_ids() {
        let h = u64::from(hash("b"));
        let at = |h: u64, i| h << 32 | u64::from(pack(ItemRef::Actor(i)).unwrap());
        let ids = Ids {
            by_hash: vec![at(h - 1, 0), at(h, 1), at(h, 2), at(h + 1, 3)],
        };
        let names = ["a", "x", "b", "c"];
        let is = |item: ItemRef, id: &str| matches!(item, ItemRef::Actor(i) if names[i] == id);
        assert_eq!(ids.find("b", is), Some(ItemRef::Actor(2)));
        assert_eq!(ids.find("x", is), None, "x is listed under another hash");
    }

    #[test]
    fn an_item_packs_into_32_bits_and_back() {
        let last = (1 << INDEX_BITS) - 1;
        for item in [
            ItemRef::Briefing(0),
            ItemRef::Actor(7),
            ItemRef::Event(last),
            ItemRef::Quote(12_345),
            ItemRef::Source(3),
        ] {
            assert_eq!(unpack(u64::from(pack(item).unwrap())), Some(item));
        }
        assert_eq!(pack(ItemRef::Actor(last + 1)), None, "too big to pack");
        assert_eq!(unpack(5 << INDEX_BITS), None, "no kind of item");
        assert_eq!(unpack(u64::from(u32::MAX)), None);
        let hashed = 0xdead_beef << 32 | u64::from(pack(ItemRef::Quote(9)).unwrap());
        assert_eq!(
            unpack(hashed),
            Some(ItemRef::Quote(9)),
            "the hash is not the item"
        );
    }
}
