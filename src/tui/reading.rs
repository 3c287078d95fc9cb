//! Reading state in the browser: which items are unread or bookmarked in the current view,
//! the unread counts on the tabs, the item watched for "read after a second", and the
//! changes waiting to be saved.
//!
//! Nothing here does I/O: marks come in from the [`crate::state`] store when the browser
//! starts, and changes go out as [`crate::tui::action::Effect::SaveState`].

use std::time::Duration;

use crate::model::{ItemRef, Library};
use crate::state::{Bookmark, Change, Kind, Marks, version_hash};

/// How long a detail stays on screen before its item counts as read, unless the config
/// says otherwise.
pub const READ_AFTER: Duration = Duration::from_secs(1);

/// The browser's reading state.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// Off: no marks are shown or kept (a bare browser, as tests build it).
    on: bool,
    marks: Marks,
    /// Per actor, event and quote: unread in the current view.
    unread: [Vec<bool>; 3],
    /// Unread items per pane, in the order of `Pane::ALL`, among the rows each pane shows.
    counts: Vec<usize>,
    /// The counts need recounting.
    stale: bool,
    /// The generation of the panes' rows the counts were taken from: a filter or a new
    /// view changes the rows, and the counts must follow what the tabs show.
    counted_rows: u64,
    pending: Vec<Change>,
    /// The item whose detail is shown and not yet read, with its watch number.
    watch: Option<(ItemRef, u64)>,
    next: u64,
    /// An item the user just marked unread: not read again while it stays shown.
    hold: Option<ItemRef>,
    read_after: Option<Duration>,
}

fn slot(item: ItemRef) -> Option<(usize, usize)> {
    match item {
        ItemRef::Actor(i) => Some((0, i)),
        ItemRef::Event(i) => Some((1, i)),
        ItemRef::Quote(i) => Some((2, i)),
        ItemRef::Briefing(_) | ItemRef::Source(_) => None,
    }
}

impl Reading {
    /// Reading state with these marks; `read_after` is how long a detail must be shown to
    /// count as read (`None`: only the toggle key marks items read).
    #[must_use]
    pub fn new(marks: Marks, read_after: Option<Duration>) -> Self {
        Self {
            on: true,
            marks,
            stale: true,
            read_after,
            ..Self::default()
        }
    }

    /// Whether reading state is kept and shown.
    #[must_use]
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// The marks, as they stand.
    #[must_use]
    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// Works out which items are unread in the library's current view. Call after the
    /// library or its view changed.
    pub fn refresh(&mut self, lib: &Library) {
        if !self.on {
            return;
        }
        let marks = &self.marks;
        let unread = |item: ItemRef, id: &str| {
            !(marks.read_any(id) && version_hash(lib, item).is_some_and(|h| marks.is_read(id, h)))
        };
        self.unread = [
            (0..lib.actors.len())
                .map(|i| unread(ItemRef::Actor(i), lib.actors[i].id.raw()))
                .collect(),
            (0..lib.events.len())
                .map(|i| unread(ItemRef::Event(i), lib.events[i].id.raw()))
                .collect(),
            (0..lib.quotes.len())
                .map(|i| unread(ItemRef::Quote(i), lib.quotes[i].id.raw()))
                .collect(),
        ];
        self.stale = true;
        self.watch = None;
        self.hold = None;
    }

    /// Whether an item is unread (never, when reading state is off or the item has no read
    /// mark).
    #[must_use]
    pub fn is_unread(&self, item: ItemRef) -> bool {
        slot(item).is_some_and(|(k, i)| self.unread[k].get(i).copied().unwrap_or(false))
    }

    /// Whether an item is bookmarked.
    #[must_use]
    pub fn is_bookmarked(&self, lib: &Library, item: ItemRef) -> bool {
        self.on && !self.marks.bookmarks().is_empty() && self.marks.is_bookmarked(&lib.id_of(item))
    }

    /// The bookmarks, oldest first.
    #[must_use]
    pub fn bookmarks(&self) -> &[Bookmark] {
        self.marks.bookmarks()
    }

    /// Whether the tab counts need recounting: marks changed, or the panes' rows are of
    /// another generation than the counts.
    #[must_use]
    pub fn is_stale(&self, rows: u64) -> bool {
        self.stale || self.counted_rows != rows
    }

    /// Takes the unread counts of each pane, in tab order, counted over the rows of
    /// generation `rows`.
    pub fn set_counts(&mut self, counts: Vec<usize>, rows: u64) {
        self.counts = counts;
        self.stale = false;
        self.counted_rows = rows;
    }

    /// Unread items in a pane, by its index in tab order.
    #[must_use]
    pub fn unread_count(&self, pane: usize) -> usize {
        self.counts.get(pane).copied().unwrap_or(0)
    }

    /// Marks an item read or unread. Returns whether anything changed.
    pub fn set_read(&mut self, lib: &Library, item: ItemRef, read: bool) -> bool {
        let (Some((k, i)), Some(hash)) = (slot(item), version_hash(lib, item)) else {
            return false;
        };
        if !self.on || self.unread[k].get(i).copied() != Some(read) {
            return false;
        }
        let id = lib.id_of(item);
        let change = if read {
            Change::Read { id, hash }
        } else {
            Change::Unread { id, hash }
        };
        self.marks.apply(&change);
        self.pending.push(change);
        self.unread[k][i] = !read;
        if !read {
            self.hold = Some(item);
        }
        self.stale = true;
        true
    }

    /// Marks every one of these items read. Returns how many were unread.
    pub fn mark_all(&mut self, lib: &Library, items: &[ItemRef]) -> usize {
        items
            .iter()
            .filter(|&&item| self.set_read(lib, item, true))
            .count()
    }

    /// Bookmarks an item, or removes its bookmark. Returns whether it is bookmarked now.
    pub fn toggle_bookmark(&mut self, lib: &Library, item: ItemRef) -> bool {
        let id = lib.id_of(item);
        let change = if self.marks.is_bookmarked(&id) {
            Change::Unbookmark(id)
        } else {
            let label = crate::model::text::one_line(&lib.label(item)).into_owned();
            Change::Bookmark(Bookmark {
                id,
                kind: Kind::of(item),
                label,
                added: crate::state::now(),
            })
        };
        let now = matches!(change, Change::Bookmark(_));
        self.marks.apply(&change);
        self.pending.push(change);
        now
    }

    /// Removes a bookmark by id.
    pub fn remove_bookmark(&mut self, id: &str) {
        let change = Change::Unbookmark(id.to_owned());
        self.marks.apply(&change);
        self.pending.push(change);
    }

    /// Watches the item whose detail is shown: if it is unread, it is read once it has
    /// been shown for [`READ_AFTER`] (the event loop sends a tick). `selected` is the
    /// selected item and `shown` whether its detail is on screen; an item marked unread by
    /// key is not watched again until the selection moves.
    pub fn watch(&mut self, selected: Option<ItemRef>, shown: bool) {
        if self.hold.is_some() && self.hold != selected {
            self.hold = None;
        }
        let shown = selected.filter(|i| {
            shown && self.read_after.is_some() && self.is_unread(*i) && self.hold != Some(*i)
        });
        if shown != self.watch.map(|(i, _)| i) {
            self.watch = shown.map(|item| {
                self.next += 1;
                (item, self.next)
            });
        }
    }

    /// The watch number of the item waiting to be read, and how long it must be shown.
    #[must_use]
    pub fn watching(&self) -> Option<(u64, Duration)> {
        self.watch.zip(self.read_after).map(|((_, n), d)| (n, d))
    }

    /// The tick for watch `n`: marks its item read if it is still the one watched.
    pub fn tick(&mut self, lib: &Library, n: u64) -> bool {
        match self.watch {
            Some((item, w)) if w == n => {
                self.watch = None;
                self.set_read(lib, item, true)
            }
            _ => false,
        }
    }

    /// Records where the user is, to be saved.
    pub fn record(&mut self, change: Change) {
        if self.on {
            self.marks.apply(&change);
            self.pending.push(change);
        }
    }

    /// The changes not yet handed out for saving.
    pub fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watched_item_is_read_on_its_own_tick_only() {
        let (lib, _) = crate::model::load_bundled();
        let mut r = Reading::new(Marks::default(), Some(READ_AFTER));
        r.refresh(&lib);
        let (a, b) = (ItemRef::Actor(0), ItemRef::Actor(1));
        r.watch(Some(a), true);
        let (first, _) = r.watching().unwrap();
        r.watch(Some(b), true);
        let (second, _) = r.watching().unwrap();
        assert!(!r.tick(&lib, first), "a stale tick marks nothing");
        assert!(r.is_unread(a));
        assert!(r.tick(&lib, second));
        assert!(!r.is_unread(b));
        assert_eq!(r.watching(), None);
        r.watch(Some(b), true);
        assert_eq!(r.watching(), None, "a read item is not watched");
        assert_eq!(r.take_changes().len(), 1);
    }

    #[test]
    fn off_shows_nothing_and_keeps_nothing() {
        let (lib, _) = crate::model::load_bundled();
        let mut r = Reading::default();
        r.refresh(&lib);
        assert!(!r.is_unread(ItemRef::Actor(0)));
        assert!(!r.set_read(&lib, ItemRef::Actor(0), true));
        r.watch(Some(ItemRef::Actor(0)), true);
        assert_eq!(r.watching(), None);
        assert!(r.take_changes().is_empty());
    }
}
