//! Items as a library over time knows them.
//!
//! An id names one thing across the library. Every briefing that describes an item adds a
//! *version* of it; versions are kept oldest first, in briefing order (see
//! [`super::order`]). Which version is shown depends on the current [`super::View`]: the
//! latest version among the briefings in scope, as known on the view's date. An [`Item`]
//! dereferences to that version, so `lib.actors[i].name` reads what the view shows.

use std::ops::Deref;

use super::{
    ActorIx, ActorKind, BriefingIx, Citation, DateSpec, EventIx, QuoteKind, RelationKind, Status,
    Text,
};

/// What the current view makes of one item: the version shown, how many versions are
/// known, whether it is in scope and how it changed. Eight bytes: beside an item's id and
/// versions, twelve would pad every item to 56 bytes instead of 48 (0.8 MB at 1,000
/// briefings).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ItemView {
    /// The version shown: the latest known version from a briefing in scope, or the latest
    /// known version when none is in scope.
    pub(crate) shown: u32,
    /// How many versions are known on the view's date (a prefix of `versions`), in the low
    /// bits; then whether a briefing in scope describes the item ([`Self::IN_SCOPE`]); then
    /// how the item changed in the latest briefing of its series, as of the view (two bits).
    packed: u32,
}

impl ItemView {
    const IN_SCOPE: u32 = 1 << 29;
    const MARK_SHIFT: u32 = 30;
    /// More versions than any library has briefings.
    const MAX_KNOWN: u32 = Self::IN_SCOPE - 1;

    pub(crate) fn new(shown: u32, known: u32, in_scope: bool) -> Self {
        let scope = if in_scope { Self::IN_SCOPE } else { 0 };
        Self {
            shown,
            packed: known.min(Self::MAX_KNOWN) | scope,
        }
    }

    /// How many versions are known on the view's date.
    pub(crate) fn known(self) -> u32 {
        self.packed & Self::MAX_KNOWN
    }

    /// Whether a briefing in scope describes the item.
    pub(crate) fn in_scope(self) -> bool {
        self.packed & Self::IN_SCOPE != 0
    }

    /// How the item changed in the latest briefing of its series.
    pub(crate) fn mark(self) -> Mark {
        match self.packed >> Self::MARK_SHIFT {
            1 => Mark::New,
            2 => Mark::Changed,
            _ => Mark::None,
        }
    }

    pub(crate) fn with_mark(self, mark: Mark) -> Self {
        let bits = match mark {
            Mark::None => 0,
            Mark::New => 1,
            Mark::Changed => 2,
        };
        Self {
            shown: self.shown,
            packed: (self.packed & !(3 << Self::MARK_SHIFT)) | (bits << Self::MARK_SHIFT),
        }
    }
}

const _: () = assert!(std::mem::size_of::<Item<super::EventVersion>>() == 48);

/// How an item changed in the latest briefing of its series.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Mark {
    /// Unchanged, or the series has only one briefing so far.
    #[default]
    None,
    /// First described by the latest briefing of its series.
    New,
    /// Described before, and the latest briefing says something different.
    Changed,
}

impl Mark {
    /// A symbol for list rows, or a blank of the same width.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::None => " ",
            Self::New => "✚",
            Self::Changed => "✎",
        }
    }

    /// The same meaning without colour or symbols, for `NO_COLOR` and plain text.
    pub fn word(self) -> &'static str {
        match self {
            Self::None => "",
            Self::New => "new",
            Self::Changed => "changed",
        }
    }
}

/// An actor, event or quote: its id and every briefing's version of it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Item<V> {
    pub id: Text,
    /// Every version, oldest first. Never empty.
    pub versions: Box<[V]>,
    pub(crate) view: ItemView,
}

impl<V> Item<V> {
    /// An item with its versions, oldest first (never none).
    pub(crate) fn of_versions(id: Text, versions: Vec<V>) -> Self {
        debug_assert!(!versions.is_empty(), "an item has a version");
        Self {
            id,
            versions: versions.into_boxed_slice(),
            view: ItemView::default(),
        }
    }

    /// The version the current view shows.
    pub fn shown(&self) -> &V {
        &self.versions[self.view.shown as usize]
    }

    /// Index of the shown version in `versions`.
    pub fn shown_index(&self) -> usize {
        self.view.shown as usize
    }

    /// The versions known on the view's date, oldest first.
    pub fn history(&self) -> &[V] {
        &self.versions[..self.view.known() as usize]
    }

    /// Whether any briefing known on the view's date describes the item.
    pub fn is_known(&self) -> bool {
        self.view.known() > 0
    }

    /// Whether a briefing in the current scope describes the item. Items outside the scope
    /// can still be reached through links from items inside it.
    pub fn in_scope(&self) -> bool {
        self.view.in_scope()
    }

    /// How the item changed in the latest briefing of its series.
    pub fn mark(&self) -> Mark {
        self.view.mark()
    }
}

impl<V: Version> Item<V> {
    /// The version one briefing gives, if it describes the item.
    pub fn version_in(&self, b: BriefingIx) -> Option<&V> {
        self.versions.iter().find(|v| v.briefing() == b)
    }

    /// What one briefing says of the item: its own version, or the shown version when the
    /// briefing only refers to the item.
    pub fn as_in(&self, b: BriefingIx) -> &V {
        self.version_in(b).unwrap_or_else(|| self.shown())
    }

    /// What was known of the item when briefing `b` was written: its version in `b`, or
    /// else the latest version of an earlier briefing (briefings are indexed by date);
    /// none when only later briefings describe it. A quote's speaker is described as they
    /// were when the quote was given, not as a later briefing has them.
    pub fn known_in(&self, b: BriefingIx) -> Option<&V> {
        self.versions.iter().rev().find(|v| v.briefing() <= b)
    }
}

impl<V> Deref for Item<V> {
    type Target = V;

    fn deref(&self) -> &V {
        self.shown()
    }
}

/// A version of an item: the briefing that gives it and what that briefing cites.
pub trait Version {
    fn briefing(&self) -> BriefingIx;
    fn cite(&self) -> &[Citation];
}

macro_rules! version {
    ($($t:ty),+) => {$(
        impl Version for $t {
            fn briefing(&self) -> BriefingIx {
                self.briefing
            }
            fn cite(&self) -> &[Citation] {
                &self.cite
            }
        }
    )+};
}

version!(ActorVersion, EventVersion, QuoteVersion, RelationVersion);

/// One briefing's account of an actor.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActorVersion {
    pub briefing: BriefingIx,
    pub name: Text,
    pub short_name: Option<Text>,
    pub aliases: Box<[Text]>,
    pub kind: ActorKind,
    pub role: Text,
    pub affiliations: Box<[ActorIx]>,
    pub summary: Option<Text>,
    pub cite: Box<[Citation]>,
}

impl ActorVersion {
    /// The name to use where space is tight.
    pub fn short(&self) -> &str {
        self.short_name.as_ref().unwrap_or(&self.name).safe()
    }
}

/// An actor's part in an event.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Participant {
    pub actor: ActorIx,
    pub role: Option<Text>,
}

/// One briefing's account of an event.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventVersion {
    pub briefing: BriefingIx,
    pub title: Text,
    pub date: DateSpec,
    /// Boxed, as few dates have a note: see the sizes below.
    pub date_note: Option<Box<Text>>,
    pub status: Status,
    pub summary: Option<Text>,
    pub actors: Box<[Participant]>,
    pub cite: Box<[Citation]>,
}

/// What a quote is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Subject {
    Actor(ActorIx),
    Event(EventIx),
}

/// One briefing's account of a quote. Quotes are verbatim, so their text should not change
/// from one version to the next; the linker warns when it does.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QuoteVersion {
    pub briefing: BriefingIx,
    pub kind: QuoteKind,
    pub text: Text,
    pub speaker: ActorIx,
    pub date: DateSpec,
    /// Boxed, as few dates have a note: see the sizes below.
    pub date_note: Option<Box<Text>>,
    pub context: Option<Text>,
    pub about: Box<[Subject]>,
    pub cite: Box<[Citation]>,
}

// An item's versions are a block of their own, and mimalloc rounds a block up to its size
// classes (..., 96, 112, 128, 160, ...): with a date note of 24 bytes inline, an event's
// version took 128 bytes and a quote's 136 bytes, in a block of 160. A note behind a
// pointer (14% of the events and quotes of the generated libraries have one) puts them in
// the classes of 112 and 128 bytes: 1.6 MB less at 1,000 briefings.
const _: () = assert!(std::mem::size_of::<EventVersion>() <= 112);
const _: () = assert!(std::mem::size_of::<QuoteVersion>() <= 128);

/// One briefing's statement of a relation.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RelationVersion {
    pub briefing: BriefingIx,
    pub note: Option<Text>,
    pub cite: Box<[Citation]>,
}

/// A relation between two actors. Relations have no ids: they are the same relation when
/// they join the same actors with the same kind, `(from, kind, to)`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Relation {
    pub from: ActorIx,
    pub kind: RelationKind,
    pub to: ActorIx,
    /// Every briefing's statement of it, oldest first. Never empty.
    pub versions: Vec<RelationVersion>,
    pub(crate) view: ItemView,
    /// The first briefing after the latest statement that describes both actors without
    /// stating the relation again, as of the view.
    pub(crate) not_restated: Option<BriefingIx>,
}

impl Relation {
    /// The statement the current view shows.
    pub fn shown(&self) -> &RelationVersion {
        &self.versions[self.view.shown as usize]
    }

    /// The statements known on the view's date, oldest first.
    pub fn history(&self) -> &[RelationVersion] {
        &self.versions[..self.view.known() as usize]
    }

    pub fn is_known(&self) -> bool {
        self.view.known() > 0
    }

    pub fn in_scope(&self) -> bool {
        self.view.in_scope()
    }

    pub fn mark(&self) -> Mark {
        self.view.mark()
    }

    /// The statement one briefing makes, if it states the relation.
    pub fn version_in(&self, b: BriefingIx) -> Option<&RelationVersion> {
        self.versions.iter().find(|v| v.briefing == b)
    }

    /// The first later briefing that describes both actors but no longer states this
    /// relation, if any: the relation is "not restated since" that briefing's date.
    pub fn not_restated_since(&self) -> Option<BriefingIx> {
        self.not_restated
    }
}

impl Deref for Relation {
    type Target = RelationVersion;

    fn deref(&self) -> &RelationVersion {
        self.shown()
    }
}

pub type Actor = Item<ActorVersion>;
pub type Event = Item<EventVersion>;
pub type Quote = Item<QuoteVersion>;

#[cfg(test)]
mod tests {
    use super::{ItemView, Mark};

    #[test]
    fn a_view_keeps_each_of_its_packed_fields() {
        for known in [0, 1, 7, ItemView::MAX_KNOWN] {
            for in_scope in [false, true] {
                for mark in [Mark::None, Mark::New, Mark::Changed] {
                    let view = ItemView::new(3, known, in_scope).with_mark(mark);
                    assert_eq!(
                        (view.shown, view.known(), view.in_scope(), view.mark()),
                        (3, known, in_scope, mark)
                    );
                    // A later mark replaces the earlier one and nothing else.
                    let again = view.with_mark(Mark::New);
                    assert_eq!((again.known(), again.in_scope()), (known, in_scope));
                    assert_eq!(again.mark(), Mark::New);
                }
            }
        }
    }
}
