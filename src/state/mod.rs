//! Reading state: which items the user has read, what they bookmarked, and where they were
//! in each library, kept in the XDG state dir between runs and never in a briefing folder.
//!
//! - [`Marks`] is the state of one library in memory: read marks (global, by item id and
//!   a hash of the version read), bookmarks and the last position (per library).
//! - [`Change`] is one thing the user did; the browser collects them and the [`Store`]
//!   applies them to the file on disk under a lock, so two browsers open at once lose
//!   nothing.
//! - [`version_hash`] says which version of an item was read, so an item that changed
//!   since is unread again.
//!
//! This layer knows the model, never the screen.

mod file;
mod hash;
mod store;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

pub use hash::version_hash;
pub use store::{Store, library_key, state_dir};

/// What kind of item a bookmark points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A briefing.
    Briefing,
    /// An actor.
    Actor,
    /// An event.
    Event,
    /// A quote.
    Quote,
    /// A source.
    Source,
}

impl Kind {
    /// The kind of an item.
    #[must_use]
    pub fn of(item: crate::model::ItemRef) -> Self {
        use crate::model::ItemRef;
        match item {
            ItemRef::Briefing(_) => Self::Briefing,
            ItemRef::Actor(_) => Self::Actor,
            ItemRef::Event(_) => Self::Event,
            ItemRef::Quote(_) => Self::Quote,
            ItemRef::Source(_) => Self::Source,
        }
    }

    /// The kind as lists and exports name it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Briefing => "briefing",
            Self::Actor => "actor",
            Self::Event => "event",
            Self::Quote => "quote",
            Self::Source => "source",
        }
    }
}

/// A bookmarked item: its id, and enough to show it when the item is gone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// The id a user would type (`briefing/source` for a source).
    pub id: String,
    /// What it was.
    pub kind: Kind,
    /// Its label when it was bookmarked, display-safe.
    pub label: String,
    /// When it was bookmarked, in seconds since the Unix epoch.
    pub added: u64,
}

/// The scope of a view, by name rather than by index, so it survives a restart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "lowercase")]
pub enum SavedScope {
    /// Every briefing.
    #[default]
    All,
    /// One series, by name.
    Series(String),
    /// One briefing, by id.
    Briefing(String),
}

/// Where the user was in a library when they left it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The pane, by its title (`Actors`).
    pub pane: String,
    /// The selected item's id.
    #[serde(default)]
    pub item: Option<String>,
    /// Whether the detail view had the keyboard.
    #[serde(default)]
    pub detail: bool,
    /// The scope.
    #[serde(default)]
    pub scope: SavedScope,
    /// The view's date, `YYYY[-MM[-DD]]`, or none for now.
    #[serde(default)]
    pub as_of: Option<String>,
}

/// One thing the user did that the state file keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// This version of an item was read.
    Read {
        /// The item's id.
        id: String,
        /// Its [`version_hash`].
        hash: u64,
    },
    /// This version of an item is unread again.
    Unread {
        /// The item's id.
        id: String,
        /// Its [`version_hash`].
        hash: u64,
    },
    /// A bookmark was added.
    Bookmark(Bookmark),
    /// The bookmark with this id was removed.
    Unbookmark(String),
    /// Where the user left the library.
    Session(Session),
}

/// The reading state of one library, in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// Item id → the version hashes read.
    read: HashMap<String, HashSet<u64>>,
    bookmarks: Vec<Bookmark>,
    /// The ids in `bookmarks`, so asking about one costs the same for a hundred thousand.
    bookmarked: HashSet<String>,
    session: Option<Session>,
}

impl Marks {
    /// Whether this version of an item was read.
    #[must_use]
    pub fn is_read(&self, id: &str, hash: u64) -> bool {
        self.read.get(id).is_some_and(|h| h.contains(&hash))
    }

    /// Whether any version of an item was read: a cheap test before hashing a version.
    #[must_use]
    pub fn read_any(&self, id: &str) -> bool {
        self.read.contains_key(id)
    }

    /// How many item versions are marked read.
    #[must_use]
    pub fn read_count(&self) -> usize {
        self.read.values().map(HashSet::len).sum()
    }

    /// The bookmarks, oldest first.
    #[must_use]
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    /// Whether an item is bookmarked.
    #[must_use]
    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarked.contains(id)
    }

    /// Where the user left the library last time.
    #[must_use]
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// Applies one change.
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::Read { id, hash } => {
                self.read.entry(id.clone()).or_default().insert(*hash);
            }
            Change::Unread { id, hash } => {
                if let Some(set) = self.read.get_mut(id) {
                    set.remove(hash);
                    if set.is_empty() {
                        self.read.remove(id);
                    }
                }
            }
            Change::Bookmark(b) => {
                if self.bookmarked.insert(b.id.clone()) {
                    self.bookmarks.push(b.clone());
                }
            }
            Change::Unbookmark(id) => {
                if self.bookmarked.remove(id) {
                    self.bookmarks.retain(|b| b.id != *id);
                }
            }
            Change::Session(s) => self.session = Some(s.clone()),
        }
    }
}

/// Seconds since the Unix epoch, for bookmark dates.
#[must_use]
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
