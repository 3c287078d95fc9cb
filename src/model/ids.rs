//! Finding an item by its id without a second copy of every id: the library keeps each id's
//! hash beside its item, sorted by hash, and a lookup compares the ids of the items with the
//! hash it looks for. A warm start decodes it as one flat vector, with no string to
//! allocate per item.

use serde::{Deserialize, Serialize};

use super::{FastMap, ItemRef};

/// Items by the hash of their id (see the module documentation).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Ids {
    by_hash: Vec<(u64, ItemRef)>,
}

/// The hash an id is kept under: fixed, since it is kept in the warm-start cache.
fn hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

impl Ids {
    /// The item whose id is `id`, where `is(item, id)` says whether an item's id is `id`.
    pub(crate) fn find(&self, id: &str, is: impl Fn(ItemRef, &str) -> bool) -> Option<ItemRef> {
        let h = hash(id);
        let start = self.by_hash.partition_point(|&(k, _)| k < h);
        self.by_hash[start..]
            .iter()
            .take_while(|&&(k, _)| k == h)
            .map(|&(_, item)| item)
            .find(|&item| is(item, id))
    }

    /// Every item listed.
    pub(crate) fn items(&self) -> impl Iterator<Item = ItemRef> + '_ {
        self.by_hash.iter().map(|&(_, item)| item)
    }
}

impl From<FastMap<Box<str>, ItemRef>> for Ids {
    fn from(map: FastMap<Box<str>, ItemRef>) -> Self {
        let mut by_hash: Vec<(u64, ItemRef)> =
            map.iter().map(|(id, &item)| (hash(id), item)).collect();
        by_hash.sort_unstable();
        Self { by_hash }
    }
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
    fn items_sharing_a_hash_are_told_apart_by_their_ids() {
        let h = hash("b");
        let ids = Ids {
            by_hash: vec![
                (h - 1, ItemRef::Actor(0)),
                (h, ItemRef::Actor(1)),
                (h, ItemRef::Actor(2)),
                (h + 1, ItemRef::Actor(3)),
            ],
        };
        let names = ["a", "x", "b", "c"];
        let is = |item: ItemRef, id: &str| matches!(item, ItemRef::Actor(i) if names[i] == id);
        assert_eq!(ids.find("b", is), Some(ItemRef::Actor(2)));
        assert_eq!(ids.find("x", is), None, "x is listed under another hash");
    }
}
