//! Whether a library read back from the cache holds together: every index in range and
//! every item with a version, so that no entry, however it came to be, can make the program
//! panic. The checksum already rules out corruption; this rules out a well-formed entry that
//! was never written by a load.

use super::item::{Item, ItemView, Subject, Version};
use super::{Citation, ItemRef, Library, Lists, Scope};

impl Library {
    /// Whether every cross-reference is in range (see the module documentation).
    pub(crate) fn is_sound(&self) -> bool {
        let (nb, ns, na, nr, ne, nq) = (
            self.briefings.len(),
            self.sources.len(),
            self.actors.len(),
            self.relations.len(),
            self.events.len(),
            self.quotes.len(),
        );
        let all_below = |v: &[usize], n: usize| v.iter().all(|&i| i < n);
        let cites = |c: &[Citation]| c.iter().all(|c| c.source < ns);
        let briefings = self.briefings.iter().all(|b| {
            b.previous.is_none_or(|p| p < nb)
                && all_below(&b.sources, ns)
                && all_below(&b.actors, na)
                && all_below(&b.relations, nr)
                && all_below(&b.events, ne)
                && all_below(&b.quotes, nq)
        });
        let sources = self.sources.iter().all(|s| s.briefing < nb);
        let actors = self.actors.iter().all(|a| {
            versions_sound(a, nb)
                && a.versions
                    .iter()
                    .all(|v| all_below(&v.affiliations, na) && cites(&v.cite))
        });
        let events = self.events.iter().all(|e| {
            versions_sound(e, nb)
                && e.versions
                    .iter()
                    .all(|v| v.actors.iter().all(|p| p.actor < na) && cites(&v.cite))
        });
        let quotes = self.quotes.iter().all(|q| {
            versions_sound(q, nb)
                && q.versions.iter().all(|v| {
                    v.speaker < na
                        && v.about.iter().all(|s| match *s {
                            Subject::Actor(a) => a < na,
                            Subject::Event(e) => e < ne,
                        })
                        && cites(&v.cite)
                })
        });
        let relations = self.relations.iter().all(|r| {
            r.from < na
                && r.to < na
                && r.not_restated.is_none_or(|b| b < nb)
                && view_sound(r.view, r.versions.len())
                && r.versions.iter().all(|v| v.briefing < nb && cites(&v.cite))
        });
        let per_actor = |v: &Lists, n: usize| v.len() == na && v.is_sound(n);
        let tables = all_below(&self.timeline, ne)
            && per_actor(&self.actor_relations, nr)
            && per_actor(&self.actor_events, ne)
            && per_actor(&self.actor_quotes, nq)
            && self.event_quotes.len() == ne
            && self.event_quotes.is_sound(nq);
        let ids = self.ids.items().all(|item| match item {
            Some(ItemRef::Briefing(i)) => i < nb,
            Some(ItemRef::Actor(i)) => i < na,
            Some(ItemRef::Event(i)) => i < ne,
            Some(ItemRef::Quote(i)) => i < nq,
            Some(ItemRef::Source(i)) => i < ns,
            None => false,
        });
        let view = match self.view.scope {
            Scope::Briefing(b) => b < nb,
            Scope::All | Scope::Series(_) => true,
        };
        briefings && sources && actors && events && quotes && relations && tables && ids && view
    }
}

/// An item has a version, every version names a briefing, and its view points at one.
fn versions_sound<V: Version>(item: &Item<V>, nb: usize) -> bool {
    view_sound(item.view, item.versions.len()) && item.versions.iter().all(|v| v.briefing() < nb)
}

fn view_sound(view: ItemView, versions: usize) -> bool {
    versions > 0 && (view.shown as usize) < versions && (view.known() as usize) <= versions
}
