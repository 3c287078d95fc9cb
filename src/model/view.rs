//! Views of a library over time: which briefings count (as of a date), which are in scope
//! (all, one series, one briefing), and what that makes each item show.
//!
//! The rules, also written down in briefings/README.md:
//! - **Briefing order.** Briefings are ordered by their `as_of` date, read as its upper
//!   bound: "2025-05" counts as the end of May, "before 2025-06" as the end of June,
//!   "between A and B" as the end of B. An `after` date has no upper bound and counts as its
//!   lower bound. An `unknown` date comes before every known one. Ties are broken by the
//!   briefing id, in byte order.
//! - **As of.** Viewed as of a date, a briefing counts when its place in that order is on
//!   or before the date's last day.
//! - **Latest wins.** An item shows the latest version among the briefings in scope; every
//!   version known on the view's date is kept as its history.
//! - **Series.** The briefings of a series are the ones that name it; briefings that name
//!   none form one unnamed series together.

use std::collections::HashMap;

use rayon::prelude::*;

use super::item::{Item, ItemView, Mark, Version};
use super::{BriefingIx, DateSpec, Derived, Library, PartialDate, date::DayKey};

/// What part of the library a view shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Scope {
    /// Every briefing.
    #[default]
    All,
    /// The briefings of one series, by name; the empty name is the unnamed series.
    Series(Box<str>),
    /// One briefing.
    Briefing(BriefingIx),
}

impl Scope {
    /// Whether the scope takes in briefing `ix` (whatever the date).
    pub fn holds(&self, ix: BriefingIx, briefing: &super::Briefing) -> bool {
        self.takes_in(Some(ix), briefing.series_name())
    }

    /// Whether the scope takes in a briefing of series `series` (`""` for none) that is
    /// briefing `ix` of the library, or, for `None`, one the library does not have (a file
    /// too broken to load): one briefing's scope takes in only that briefing.
    pub(crate) fn takes_in(&self, ix: Option<BriefingIx>, series: &str) -> bool {
        match self {
            Self::All => true,
            Self::Series(name) => series == &**name,
            Self::Briefing(only) => ix == Some(*only),
        }
    }
}

/// A way of looking at a library: as known on a date, and within a scope.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct View {
    /// Only briefings whose `as_of` falls on or before this date count; `None` is "now",
    /// every briefing.
    pub as_of: Option<PartialDate>,
    pub scope: Scope,
}

impl View {
    /// Whether a briefing dated `as_of` is known on the view's date.
    pub(crate) fn knows(&self, as_of: DateSpec) -> bool {
        self.as_of.is_none_or(|d| order_key(as_of) <= d.last_day())
    }
}

/// A briefing's place in time, as a sortable day: see the module documentation.
pub fn order_key(as_of: DateSpec) -> DayKey {
    as_of.latest().or_else(|| as_of.earliest()).unwrap_or(0)
}

/// The view date that shows the library as known at a briefing's `as_of`: a date whose
/// last day is the briefing's place in time ([`order_key`]), written as the briefing gives
/// it. `"2025-06"` stays `2025-06` (never `2025-06-30`); `before` and a range give their
/// end. An `after` date counts as its first day, so a coarser one becomes that day, the
/// only date that ends there. `None` for an unknown date.
#[must_use]
pub fn view_date(as_of: DateSpec) -> Option<PartialDate> {
    match as_of {
        DateSpec::On(d) | DateSpec::Before(d) | DateSpec::Between(_, d) => Some(d),
        DateSpec::After(d) => PartialDate::from_day_key(d.first_day()),
        DateSpec::Unknown => None,
    }
}

/// What the current view makes of one briefing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct BriefingView {
    pub(crate) known: bool,
    pub(crate) in_scope: bool,
}

impl Library {
    /// The current view.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// Whether the view looks at an earlier date than the latest briefing: the reader must
    /// never mistake such a view for the current state.
    pub fn is_earlier_view(&self) -> bool {
        self.view.as_of.is_some() && self.briefings.iter().any(|b| !b.view.known)
    }

    /// The series names in the library, in order of their first briefing; the unnamed
    /// series is `""`.
    pub fn series_names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for b in &self.briefings {
            let name = b.series_name();
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// The distinct places in time of all briefings, in order: the dates a reader steps
    /// through to see the library as it was known, each at the precision its briefing's
    /// `as_of` gives (see [`view_date`]). Two briefings in the same place (`2025-06` and
    /// `2025-06-30`) are one step, named by the first.
    pub fn briefing_dates(&self) -> Vec<PartialDate> {
        self.briefing_dates_in(&Scope::All)
    }

    /// The dates of the briefings a scope takes in, as [`Library::briefing_dates`] gives
    /// them: the states of that part of the library that time travel steps through.
    pub fn briefing_dates_in(&self, scope: &Scope) -> Vec<PartialDate> {
        let mut out: Vec<PartialDate> = Vec::new();
        let held = self
            .briefings
            .iter()
            .enumerate()
            .filter(|(i, b)| scope.holds(*i, b))
            .map(|(_, b)| b);
        for b in held {
            if let Some(d) = view_date(b.as_of)
                && out.last().map(|l| l.last_day()) != Some(d.last_day())
            {
                out.push(d);
            }
        }
        out
    }

    /// Works out, for a library just linked, what [`Derived`] asks for, under the view
    /// that shows everything.
    pub(crate) fn derive(&mut self, derived: Derived) {
        match derived {
            Derived::All => {
                self.ids = super::ids::Ids::of(self);
                self.set_view(View::default());
            }
            Derived::Counts => self.set_scope(View::default()),
        }
    }

    /// Applies a view: decides what every briefing, item and relation shows, and rebuilds
    /// the cross-references and the timeline for it.
    pub fn set_view(&mut self, view: View) {
        let bv = self.briefing_views(view);
        let horizon = self.horizon(&bv);
        let latest = self.latest_in_series(&horizon);
        view_items(&mut self.actors, &bv, &latest, super::history::actor_same);
        view_items(&mut self.events, &bv, &latest, super::history::event_same);
        view_items(&mut self.quotes, &bv, &latest, super::history::quote_same);
        let mut relations = std::mem::take(&mut self.relations);
        let lib = &*self;
        relations
            .par_iter_mut()
            .with_min_len(ITEMS_PER_TASK)
            .for_each(|r| {
                let view = item_view(&r.versions, &bv);
                r.view = view.with_mark(mark(&r.versions, view, &latest, |x, y| x.note == y.note));
                r.not_restated = lib.not_restated(r, &horizon);
            });
        self.relations = relations;
        super::build::cross_reference(self);
    }

    /// Applies a view as far as counting goes ([`Derived::Counts`]): what every briefing,
    /// item and relation shows and whether it is in scope, as [`Self::set_view`] decides
    /// them, leaving out what each item changed, the relations not restated, the
    /// cross-references and the timeline.
    pub fn set_scope(&mut self, view: View) {
        let bv = self.briefing_views(view);
        scope_items(&mut self.actors, &bv, |a| (&a.versions, &mut a.view));
        scope_items(&mut self.events, &bv, |e| (&e.versions, &mut e.view));
        scope_items(&mut self.quotes, &bv, |q| (&q.versions, &mut q.view));
        scope_items(&mut self.relations, &bv, |r| (&r.versions, &mut r.view));
    }

    /// Sets the view and decides which briefings it knows and takes in; gives them by
    /// briefing.
    fn briefing_views(&mut self, view: View) -> Vec<BriefingView> {
        for (i, b) in self.briefings.iter_mut().enumerate() {
            let known = view.knows(b.as_of);
            b.view.known = known;
            b.view.in_scope = known && view.scope.holds(i, b);
        }
        self.view = view;
        self.briefings.iter().map(|b| b.view).collect()
    }

    /// Per briefing, whether it counts for what changed (new and changed marks, relations
    /// not restated): the known briefings, but for those after the one briefing in scope in
    /// its series. Scoped to one briefing, the marks say what it changed since the
    /// briefing before it, as they say for the latest briefing of a series otherwise.
    fn horizon(&self, bv: &[BriefingView]) -> Vec<bool> {
        let only = match self.view.scope {
            Scope::Briefing(only) if bv.get(only).is_some_and(|b| b.known) => Some(only),
            _ => None,
        };
        let series = only.map(|only| self.briefings[only].series_name());
        (0..self.briefings.len())
            .map(|i| {
                bv[i].known
                    && only.is_none_or(|only| {
                        i <= only || Some(self.briefings[i].series_name()) != series
                    })
            })
            .collect()
    }

    /// For each briefing, the latest briefing of its series that counts for changes (see
    /// [`Library::horizon`]), when the series has an earlier one before it.
    fn latest_in_series(&self, counts: &[bool]) -> Vec<Option<BriefingIx>> {
        let mut latest: HashMap<&str, (BriefingIx, usize)> = HashMap::new();
        for (i, b) in self.briefings.iter().enumerate() {
            if counts[i] {
                let e = latest.entry(b.series_name()).or_insert((i, 0));
                e.0 = i;
                e.1 += 1;
            }
        }
        self.briefings
            .iter()
            .map(|b| {
                latest
                    .get(b.series_name())
                    .filter(|(_, count)| *count > 1)
                    .map(|(l, _)| *l)
            })
            .collect()
    }

    /// The first briefing after a relation's latest statement, in the same series, that
    /// describes both of its actors without stating it, among the briefings that count for
    /// changes (see [`Library::horizon`]). Only the briefings that give a version of the
    /// `from` actor are looked at, so the cost follows that actor's history rather than
    /// the size of the library.
    fn not_restated(&self, r: &super::Relation, counts: &[bool]) -> Option<BriefingIx> {
        let last = r
            .versions
            .iter()
            .rev()
            .find(|v| counts[v.briefing])?
            .briefing;
        let series = self.briefings[last].series_name();
        let to = &self.actors[r.to].versions;
        self.actors[r.from]
            .versions
            .iter()
            .map(|v| v.briefing)
            .filter(|&b| b > last)
            .find(|&b| {
                counts[b]
                    && self.briefings[b].series_name() == series
                    && to.binary_search_by_key(&b, |v| v.briefing).is_ok()
            })
    }
}

/// Applies the view to every item of one kind, on rayon's workers: each item is looked at
/// alone, and a library's items are too many to look at on one thread while a load or a
/// change of view waits.
fn view_items<V: Version + Send>(
    items: &mut [Item<V>],
    bv: &[BriefingView],
    latest: &[Option<BriefingIx>],
    same: fn(&V, &V) -> bool,
) {
    items
        .par_iter_mut()
        .with_min_len(ITEMS_PER_TASK)
        .for_each(|item| {
            let view = item_view(&item.versions, bv);
            item.view = view.with_mark(mark(&item.versions, view, latest, same));
        });
}

/// Which version of each item shows and whether it is in scope, with no mark; `parts`
/// gives an item's versions and view.
fn scope_items<T: Send, V: Version>(
    items: &mut [T],
    bv: &[BriefingView],
    parts: for<'a> fn(&'a mut T) -> (&'a [V], &'a mut ItemView),
) {
    items
        .par_iter_mut()
        .with_min_len(ITEMS_PER_TASK)
        .for_each(|item| {
            let (versions, view) = parts(item);
            *view = item_view(versions, bv);
        });
}

/// The fewest items a worker is given at once when views are applied: each takes a few
/// comparisons.
const ITEMS_PER_TASK: usize = 4096;

/// Which versions are known, which one is shown, and whether the item is in scope.
fn item_view<V: Version>(versions: &[V], bv: &[BriefingView]) -> ItemView {
    let known = versions.partition_point(|v| bv[v.briefing()].known);
    let in_scope = versions[..known]
        .iter()
        .rposition(|v| bv[v.briefing()].in_scope);
    ItemView::new(
        u32::try_from(in_scope.unwrap_or(known.saturating_sub(1))).unwrap_or(0),
        u32::try_from(known).unwrap_or(u32::MAX),
        in_scope.is_some(),
    )
}

/// New or changed in the latest briefing of its series, judged on the shown version.
fn mark<V: Version>(
    versions: &[V],
    view: ItemView,
    latest: &[Option<BriefingIx>],
    same: impl Fn(&V, &V) -> bool,
) -> Mark {
    if view.known() == 0 {
        return Mark::None;
    }
    let shown = view.shown as usize;
    let b = versions[shown].briefing();
    if latest[b] != Some(b) {
        return Mark::None;
    }
    match shown.checked_sub(1) {
        None => Mark::New,
        Some(prev) if !same(&versions[prev], &versions[shown]) => Mark::Changed,
        Some(_) => Mark::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form of `as_of` at every precision: the view date keeps the precision given
    /// (but for a coarse `after`, which only its first day stands for), and its last day is
    /// always the briefing's place in the order, so viewing as of it counts that briefing.
    #[test]
    fn a_view_date_keeps_the_as_of_precision_and_its_place_in_the_order() {
        let dates = [
            "2024",
            "2025-02",
            "2025-06",
            "2024-02-29",
            "2025-12-31",
            "2025-06-30",
        ];
        let mut forms = vec!["unknown".to_owned()];
        for d in dates {
            forms.extend([d.to_owned(), format!("after {d}"), format!("before {d}")]);
            forms.push(format!("between 2023-11 and {d}"));
        }
        for form in &forms {
            let as_of = DateSpec::parse(form).unwrap();
            let Some(view) = view_date(as_of) else {
                assert_eq!(as_of, DateSpec::Unknown);
                continue;
            };
            assert_eq!(view.last_day(), order_key(as_of), "{form}");
            let shown = view.to_string();
            let given = form.rsplit(' ').next().unwrap();
            if form.starts_with("after ")
                && view.precision() != PartialDate::parse(given).unwrap().precision()
            {
                assert_eq!(view.precision(), super::super::Precision::Day, "{form}");
            } else {
                assert_eq!(shown, given, "{form}: the date as written");
            }
        }
        let month = view_date(DateSpec::parse("2025-06").unwrap()).unwrap();
        assert_eq!(month.to_string(), "2025-06", "never 2025-06-30");
    }
}
