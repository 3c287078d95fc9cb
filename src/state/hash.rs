//! Which version of an item was read: a hash of the fields the reader sees, the same fields
//! the item's history compares ([`crate::model::history`]), so an item that changed since
//! it was read counts as unread again, and one that a later briefing merely repeats does
//! not.
//!
//! The hash is FNV-1a over a fixed encoding of the author's text, so it is the same from
//! one run, machine or program version to the next (the standard library's hasher promises
//! none of that).

use crate::model::history::{self, Field, Value};
use crate::model::{ItemRef, Library};

/// The hash of the version of an item the library's view shows, for the items that have
/// read marks (actors, events and quotes); `None` for briefings and sources.
#[must_use]
pub fn version_hash(lib: &Library, item: ItemRef) -> Option<u64> {
    let fields = match item {
        ItemRef::Actor(i) => history::actor_fields(lib, lib.actors[i].shown()),
        ItemRef::Event(i) => history::event_fields(lib, lib.events[i].shown()),
        ItemRef::Quote(i) => history::quote_fields(lib, lib.quotes[i].shown()),
        ItemRef::Briefing(_) | ItemRef::Source(_) => return None,
    };
    Some(hash_fields(&fields))
}

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

struct Fnv(u64);

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }

    /// A string with its length first, so no two lists of strings encode alike.
    fn text(&mut self, s: &str) {
        self.bytes(&(s.len() as u64).to_le_bytes());
        self.bytes(s.as_bytes());
    }
}

fn hash_fields(fields: &[Field]) -> u64 {
    let mut h = Fnv(OFFSET);
    for (name, value) in fields {
        h.text(name);
        match value {
            Value::None => h.bytes(&[0]),
            Value::One(s) => {
                h.bytes(&[1]);
                h.text(s);
            }
            Value::Many(items) => {
                h.bytes(&[2]);
                h.bytes(&(items.len() as u64).to_le_bytes());
                // An entry as it reads, `id (role)`: the encoding read marks were saved
                // with before entries had parts.
                for e in items {
                    h.text(&e.to_string());
                }
            }
        }
    }
    h.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::history::Entry;

    #[test]
    fn the_hash_is_fixed_and_sees_every_field() {
        let a = [
            ("name", Value::One("Kenya".into())),
            ("summary", Value::None),
        ];
        // A fixed value: the same on every machine and in every later version.
        assert_eq!(hash_fields(&a), hash_fields(&a));
        assert_eq!(format!("{:016x}", hash_fields(&[])), "cbf29ce484222325");
        let b = [
            ("name", Value::One("Kenya".into())),
            ("summary", Value::One(String::new())),
        ];
        assert_ne!(hash_fields(&a), hash_fields(&b));
        let c = [(
            "aliases",
            Value::Many(vec![Entry::plain("ab"), Entry::plain("c")]),
        )];
        let d = [(
            "aliases",
            Value::Many(vec![Entry::plain("a"), Entry::plain("bc")]),
        )];
        assert_ne!(hash_fields(&c), hash_fields(&d));
    }

    /// A participant with a role hashes as the text `id (role)`, as read marks saved by
    /// earlier versions have it: a new version does not make every event unread.
    #[test]
    fn a_participant_hashes_as_its_id_and_role() {
        let fields = [(
            "actors",
            Value::Many(vec![
                Entry {
                    text: "eu".into(),
                    role: Some("co-chair".into()),
                },
                Entry::plain("mrc"),
            ]),
        )];
        let mut h = Fnv(OFFSET);
        h.text("actors");
        h.bytes(&[2]);
        h.bytes(&2u64.to_le_bytes());
        h.text("eu (co-chair)");
        h.text("mrc");
        assert_eq!(hash_fields(&fields), h.0);
    }

    #[test]
    fn briefings_and_sources_have_no_read_mark() {
        let (lib, _) = crate::model::load_bundled();
        assert_eq!(version_hash(&lib, ItemRef::Briefing(0)), None);
        assert!(version_hash(&lib, ItemRef::Actor(0)).is_some());
        assert_ne!(
            version_hash(&lib, ItemRef::Actor(0)),
            version_hash(&lib, ItemRef::Actor(1))
        );
    }
}
