//! The state file's format: one JSON document holding the read marks of every library
//! and, per library, its bookmarks and last position.
//!
//! ```json
//! { "format": 1,
//!   "read": { "kenya": ["9f0c…"] },
//!   "libraries": { "3be1…": { "paths": ["/home/a/briefings"], "used": 1764000000,
//!                             "bookmarks": [ … ], "session": { … } } } }
//! ```

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use super::{Bookmark, Change, Marks, Session};

/// The format this program writes; a file with a larger number is from a newer program.
pub const FORMAT: u32 = 1;

/// Libraries without bookmarks that were not opened for this long are forgotten.
const FORGET_AFTER_SECS: u64 = 180 * 24 * 3600;

/// The whole state file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateFile {
    pub format: u32,
    /// Item id → hashes of the versions read, as 16 hex digits.
    #[serde(default)]
    pub read: BTreeMap<String, BTreeSet<Hex>>,
    /// Library key → what is kept for it.
    #[serde(default)]
    pub libraries: BTreeMap<String, LibraryState>,
}

/// What is kept for one library.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryState {
    /// The paths it was opened with, for people reading the file.
    #[serde(default)]
    pub paths: Vec<String>,
    /// When it was last opened, in seconds since the Unix epoch.
    #[serde(default)]
    pub used: u64,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    #[serde(default)]
    pub session: Option<Session>,
}

/// A version hash written as 16 hex digits (JSON numbers lose precision above 2^53 in
/// many readers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hex(pub u64);

impl Serialize for Hex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:016x}", self.0))
    }
}

impl<'de> Deserialize<'de> for Hex {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        u64::from_str_radix(&s, 16)
            .map(Hex)
            .map_err(|_| serde::de::Error::custom(format!("`{s}` is not a version hash")))
    }
}

impl StateFile {
    /// An empty state of the current format.
    pub fn new() -> Self {
        Self {
            format: FORMAT,
            ..Self::default()
        }
    }

    /// Applies changes made in one library.
    pub fn apply(&mut self, library: &str, paths: &[String], changes: &[Change], now: u64) {
        let lib = self.libraries.entry(library.to_owned()).or_default();
        lib.paths = paths.to_vec();
        lib.used = lib.used.max(now);
        // The library's bookmarked ids, gathered at the first bookmark made.
        let mut kept: Option<HashSet<String>> = None;
        for change in changes {
            match change {
                Change::Read { id, hash } => {
                    self.read.entry(id.clone()).or_default().insert(Hex(*hash));
                }
                Change::Unread { id, hash } => {
                    if let Some(set) = self.read.get_mut(id) {
                        set.remove(&Hex(*hash));
                        if set.is_empty() {
                            self.read.remove(id);
                        }
                    }
                }
                Change::Bookmark(b) => {
                    let lib = self.libraries.entry(library.to_owned()).or_default();
                    let ids = kept.get_or_insert_with(|| {
                        lib.bookmarks.iter().map(|x| x.id.clone()).collect()
                    });
                    if ids.insert(b.id.clone()) {
                        lib.bookmarks.push(b.clone());
                    }
                }
                Change::Unbookmark(id) => {
                    let lib = self.libraries.entry(library.to_owned()).or_default();
                    lib.bookmarks.retain(|b| b.id != *id);
                    if let Some(ids) = &mut kept {
                        ids.remove(id);
                    }
                }
                Change::Session(s) => {
                    let lib = self.libraries.entry(library.to_owned()).or_default();
                    lib.session = Some(s.clone());
                }
            }
        }
        self.libraries.retain(|key, l| {
            key == library
                || !l.bookmarks.is_empty()
                || now.saturating_sub(l.used) < FORGET_AFTER_SECS
        });
    }

    /// What one library sees of the state.
    pub fn marks(&self, library: &str) -> Marks {
        let mut marks = Marks::default();
        for (id, hashes) in &self.read {
            for h in hashes {
                marks.apply(&Change::Read {
                    id: id.clone(),
                    hash: h.0,
                });
            }
        }
        if let Some(lib) = self.libraries.get(library) {
            for b in &lib.bookmarks {
                marks.apply(&Change::Bookmark(b.clone()));
            }
            if let Some(s) = &lib.session {
                marks.apply(&Change::Session(s.clone()));
            }
        }
        marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Kind;

    #[test]
    fn changes_round_trip_through_json() {
        let mut f = StateFile::new();
        let bm = Bookmark {
            id: "kenya".into(),
            kind: Kind::Actor,
            label: "Kenya".into(),
            added: 5,
        };
        f.apply(
            "lib",
            &["/x".into()],
            &[
                Change::Read {
                    id: "kenya".into(),
                    hash: u64::MAX,
                },
                Change::Bookmark(bm.clone()),
                Change::Session(Session {
                    pane: "Actors".into(),
                    ..Session::default()
                }),
            ],
            10,
        );
        let json = serde_json::to_string(&f).unwrap();
        assert!(json.contains("\"ffffffffffffffff\""), "{json}");
        let back: StateFile = serde_json::from_str(&json).unwrap();
        assert_eq!(back, f);
        let marks = back.marks("lib");
        assert!(marks.is_read("kenya", u64::MAX));
        assert_eq!(marks.bookmarks(), [bm]);
        assert_eq!(marks.session().unwrap().pane, "Actors");
        // Another library shares the read marks but not the bookmarks.
        let other = back.marks("other");
        assert!(other.is_read("kenya", u64::MAX));
        assert!(other.bookmarks().is_empty());
    }

    #[test]
    fn old_libraries_without_bookmarks_are_forgotten() {
        let mut f = StateFile::new();
        f.apply("old", &[], &[], 1);
        f.apply("new", &[], &[], FORGET_AFTER_SECS + 2);
        assert!(!f.libraries.contains_key("old"));
        assert!(f.libraries.contains_key("new"));
    }

    fn bookmark(id: &str) -> Bookmark {
        Bookmark {
            id: id.into(),
            kind: Kind::Event,
            label: id.to_uppercase(),
            added: 1,
        }
    }

    #[test]
    fn a_bookmark_is_kept_once_however_often_it_is_written_or_made() {
        let mut f = StateFile::new();
        // A hand-edited file may list an id twice; the second is not another bookmark.
        f.libraries.entry("lib".into()).or_default().bookmarks =
            vec![bookmark("a"), bookmark("b"), bookmark("a")];
        let marks = f.marks("lib");
        let ids: Vec<&str> = marks.bookmarks().iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert!(marks.is_bookmarked("b"));
        assert!(!marks.is_bookmarked("c"));
        f.apply(
            "lib",
            &[],
            &[
                Change::Bookmark(bookmark("b")),
                Change::Bookmark(bookmark("c")),
                Change::Unbookmark("c".into()),
                Change::Bookmark(bookmark("c")),
                Change::Bookmark(bookmark("c")),
            ],
            2,
        );
        let ids: Vec<&str> = f.libraries["lib"]
            .bookmarks
            .iter()
            .map(|b| b.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b", "a", "c"]);
        let mut marks = f.marks("lib");
        marks.apply(&Change::Unbookmark("a".into()));
        assert!(!marks.is_bookmarked("a"));
        assert_eq!(marks.bookmarks().len(), 2);
        marks.apply(&Change::Bookmark(bookmark("a")));
        assert!(marks.is_bookmarked("a"));
        assert_eq!(marks.bookmarks().last().unwrap().id, "a");
    }
}
