//! Builds the library from the files that survived linking: briefings in order, every
//! item once with one version per briefing that describes it, and the cross-references the
//! browser follows.

use super::FastMap as HashMap;
use std::ops::Range;
use std::path::PathBuf;

use super::check::{Checked, LocalCite, Ref};
use super::diag::{Diagnostic, FileId, Report};
use super::item::{ActorVersion, EventVersion, Item, QuoteVersion, RelationVersion};
use super::view::BriefingView;
use super::{
    ActorIx, Briefing, BriefingIx, Citation, ItemRef, Library, Participant, Relation, RelationKind,
    Source, Subject, View,
};

/// Builds the library from the good files, taken in briefing order.
pub(crate) fn build(
    checked: Vec<Checked>,
    order: &[usize],
    good: &[bool],
    paths: Vec<PathBuf>,
    report: &mut Report,
) -> Library {
    let mut slots: Vec<Option<(Checked, PathBuf)>> =
        checked.into_iter().zip(paths).map(Some).collect();
    let files: Vec<(Checked, PathBuf)> = order
        .iter()
        .filter(|&&fi| good[fi])
        .filter_map(|&fi| slots[fi].take())
        .collect();
    drop(slots);
    let mut b = Builder {
        lib: Library::default(),
        ids: assign_ids(&files),
        relation_keys: HashMap::default(),
        quote_origin: Vec::new(),
        last_in_series: HashMap::default(),
        report,
    };
    for (c, path) in files {
        b.add_file(c, path);
    }
    let mut lib = b.lib;
    for br in &mut lib.briefings {
        for list in [
            &mut br.actors,
            &mut br.events,
            &mut br.quotes,
            &mut br.relations,
        ] {
            list.sort_unstable();
            list.dedup();
            list.shrink_to_fit();
        }
        br.sources.shrink_to_fit();
    }
    fit_capacities(&mut lib);
    let mut ids = b.ids;
    for (i, br) in lib.briefings.iter().enumerate() {
        ids.insert(br.id.raw().into(), ItemRef::Briefing(i));
    }
    for (i, s) in lib.sources.iter().enumerate() {
        let key = format!("{}/{}", lib.briefings[s.briefing].id.raw(), s.id.raw());
        ids.insert(key.into(), ItemRef::Source(i));
    }
    lib.ids = ids.into();
    lib.set_view(View::default());
    lib
}

/// Gives every actor, event and quote id its index, in order of first appearance.
fn assign_ids(files: &[(Checked, PathBuf)]) -> HashMap<Box<str>, ItemRef> {
    let mut ids: HashMap<Box<str>, ItemRef> = HashMap::default();
    let (mut na, mut ne, mut nq) = (0, 0, 0);
    for (c, _) in files {
        for a in &c.actors {
            ids.entry(a.id.raw().into()).or_insert_with(|| {
                na += 1;
                ItemRef::Actor(na - 1)
            });
        }
        for e in &c.events {
            ids.entry(e.id.raw().into()).or_insert_with(|| {
                ne += 1;
                ItemRef::Event(ne - 1)
            });
        }
        for q in &c.quotes {
            ids.entry(q.id.raw().into()).or_insert_with(|| {
                nq += 1;
                ItemRef::Quote(nq - 1)
            });
        }
    }
    ids
}

struct Builder<'r> {
    lib: Library,
    ids: HashMap<Box<str>, ItemRef>,
    relation_keys: HashMap<(ActorIx, RelationKind, ActorIx), usize>,
    /// Per quote: where its latest version's id is, for "the text changed" warnings.
    quote_origin: Vec<(FileId, Range<usize>)>,
    last_in_series: HashMap<Box<str>, BriefingIx>,
    report: &'r mut Report,
}

impl Builder<'_> {
    fn actor(&self, r: &Ref) -> ActorIx {
        self.actor_id(&r.id)
    }

    fn actor_id(&self, id: &str) -> ActorIx {
        match self.ids.get(id) {
            Some(ItemRef::Actor(i)) => *i,
            _ => unreachable!("linking resolved every actor reference"),
        }
    }

    fn add_file(&mut self, mut c: Checked, path: PathBuf) {
        let b = self.lib.briefings.len();
        let series_key: Box<str> = c.meta.series.as_ref().map_or("", |s| s.raw()).into();
        let previous = self.last_in_series.insert(series_key, b);
        let source_base = self.lib.sources.len();
        let mut briefing = Briefing {
            id: std::mem::take(&mut c.meta.id),
            title: std::mem::take(&mut c.meta.title),
            as_of: c.meta.as_of,
            series: c.meta.series.take(),
            previous,
            summary: std::mem::take(&mut c.meta.summary),
            key_points: std::mem::take(&mut c.meta.key_points),
            tags: std::mem::take(&mut c.meta.tags),
            path,
            sources: Vec::new(),
            actors: Vec::new(),
            relations: Vec::new(),
            events: Vec::new(),
            quotes: Vec::new(),
            view: BriefingView::default(),
        };
        for s in c.sources.drain(..) {
            briefing.sources.push(self.lib.sources.len());
            self.lib.sources.push(Source {
                id: s.id,
                briefing: b,
                title: s.title,
                kind: s.kind,
                published: s.published,
                publisher: s.publisher,
                url: s.url,
                note: s.note,
                text: s.text,
            });
        }
        let cites = |v: Vec<LocalCite>| -> Vec<Citation> {
            exact(v.into_iter().map(|c| Citation {
                source: source_base + c.source,
                locator: c.locator,
                excerpt: c.excerpt.map(|(e, _)| e),
            }))
        };
        for a in c.actors.drain(..) {
            let ix = self.actor_id(a.id.raw());
            let v = ActorVersion {
                briefing: b,
                name: a.name,
                short_name: a.short_name,
                aliases: exact(a.aliases),
                kind: a.kind,
                role: a.role,
                affiliations: exact(a.affiliations.iter().map(|r| self.actor(r))),
                summary: a.summary,
                cite: cites(a.cite),
            };
            briefing.actors.push(ix);
            push_version(&mut self.lib.actors, ix, a.id, v);
        }
        // The notes of relations this briefing states more than once, joined as they come
        // and made display-safe once at the end: joining them into a new `Text` at each
        // repetition made 60,000 repetitions take 22 s.
        let mut notes: HashMap<usize, Option<String>> = HashMap::default();
        for r in c.relations.drain(..) {
            let key = (self.actor(&r.from), r.kind, self.actor(&r.to));
            let v = RelationVersion {
                briefing: b,
                note: r.note,
                cite: cites(r.cite),
            };
            self.add_relation(&mut briefing, key, v, &mut notes);
        }
        for (ix, note) in notes {
            if let Some(last) = self.lib.relations[ix].versions.last_mut() {
                last.note = note.map(super::Text::new);
            }
        }
        for e in c.events.drain(..) {
            let Some(&ItemRef::Event(ix)) = self.ids.get(e.id.raw()) else {
                unreachable!("every event id was assigned")
            };
            let actors = exact(e.actors.into_iter().map(|(r, role)| Participant {
                actor: self.actor(&r),
                role,
            }));
            let v = EventVersion {
                briefing: b,
                title: e.title,
                date: e.date,
                date_note: e.date_note,
                status: e.status,
                summary: e.summary,
                actors,
                cite: cites(e.cite),
            };
            briefing.events.push(ix);
            push_version(&mut self.lib.events, ix, e.id, v);
        }
        for q in c.quotes.drain(..) {
            let Some(&ItemRef::Quote(ix)) = self.ids.get(q.id.raw()) else {
                unreachable!("every quote id was assigned")
            };
            let about = exact(
                q.about
                    .iter()
                    .filter_map(|r| match self.ids.get(r.id.as_str()) {
                        Some(ItemRef::Event(i)) => Some(Subject::Event(*i)),
                        Some(ItemRef::Actor(i)) => Some(Subject::Actor(*i)),
                        _ => None,
                    }),
            );
            let v = QuoteVersion {
                briefing: b,
                kind: q.kind,
                text: q.text,
                speaker: self.actor(&q.speaker),
                date: q.date,
                date_note: q.date_note,
                context: q.context,
                about,
                cite: cites(q.cite),
            };
            self.check_quote_text(ix, &v, c.file, &q.id_span);
            briefing.quotes.push(ix);
            push_version(&mut self.lib.quotes, ix, q.id, v);
        }
        self.lib.briefings.push(briefing);
    }

    /// Adds a relation statement. The same relation stated twice in one briefing is one
    /// statement: its notes are joined (in `notes`, by relation, for the caller to set) and
    /// its citations combined, so nothing is lost.
    fn add_relation(
        &mut self,
        briefing: &mut Briefing,
        key: (ActorIx, RelationKind, ActorIx),
        v: RelationVersion,
        notes: &mut HashMap<usize, Option<String>>,
    ) {
        match self.relation_keys.get(&key) {
            Some(&ix) => {
                let versions = &mut self.lib.relations[ix].versions;
                match versions.last_mut() {
                    Some(last) if last.briefing == v.briefing => {
                        let note = notes
                            .entry(ix)
                            .or_insert_with(|| last.note.as_ref().map(|t| t.raw().to_owned()));
                        match (note.as_mut(), v.note) {
                            (Some(a), Some(b)) if a != b.raw() => {
                                a.push('\n');
                                a.push_str(b.raw());
                            }
                            (None, Some(b)) => *note = Some(b.raw().to_owned()),
                            _ => {}
                        }
                        last.cite.extend(v.cite);
                    }
                    _ => {
                        briefing.relations.push(ix);
                        versions.push(v);
                    }
                }
            }
            None => {
                let ix = self.lib.relations.len();
                self.relation_keys.insert(key, ix);
                briefing.relations.push(ix);
                self.lib.relations.push(Relation {
                    from: key.0,
                    kind: key.1,
                    to: key.2,
                    versions: vec![v],
                    view: super::item::ItemView::default(),
                    not_restated: None,
                });
            }
        }
    }

    /// Quotes are verbatim: a later version with other text is a warning.
    fn check_quote_text(&mut self, ix: usize, v: &QuoteVersion, file: FileId, span: &Range<usize>) {
        if let Some(prev) = self.lib.quotes.get(ix).and_then(|q| q.versions.last())
            && prev.text.raw() != v.text.raw()
        {
            let (pfile, pspan) = self.quote_origin[ix].clone();
            self.report.diagnostics.push(
                Diagnostic::warning(format!("quote `{}` has different text than in an earlier briefing", self.lib.quotes[ix].id))
                    .at(file, span.clone())
                    .label("the text differs")
                    .related(pfile, pspan, "earlier version")
                    .help("quotes are verbatim and should not change; if the speaker said something new, give it a new id"),
            );
        }
        if ix < self.quote_origin.len() {
            self.quote_origin[ix] = (file, span.clone());
        } else {
            self.quote_origin.push((file, span.clone()));
        }
    }
}

/// Collects into a vector that holds no spare room. Collecting in place (a vector of
/// drafts into a vector of smaller versions) keeps the drafts' allocation, twice the size
/// or more, and every version would hold that for as long as the library lives.
fn exact<T>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = items.into_iter().collect();
    v.shrink_to_fit();
    v
}

/// Gives back the spare room of the lists that grew one item at a time while building
/// (the items, and each item's versions).
fn fit_capacities(lib: &mut Library) {
    fn fit<V>(items: &mut Vec<Item<V>>) {
        items.shrink_to_fit();
        for item in items {
            item.versions.shrink_to_fit();
        }
    }
    fit(&mut lib.actors);
    fit(&mut lib.events);
    fit(&mut lib.quotes);
    lib.relations.shrink_to_fit();
    for r in &mut lib.relations {
        r.versions.shrink_to_fit();
        for v in &mut r.versions {
            // A statement repeated in one briefing extends the first one's citations.
            v.cite.shrink_to_fit();
        }
    }
    lib.sources.shrink_to_fit();
    lib.briefings.shrink_to_fit();
}

/// Appends a version to item `ix`, creating the item on its first version. Items are
/// created in the order their indices were assigned.
fn push_version<V>(items: &mut Vec<Item<V>>, ix: usize, id: super::Text, v: V) {
    if ix < items.len() {
        items[ix].versions.push(v);
    } else {
        debug_assert_eq!(ix, items.len(), "ids are assigned in creation order");
        items.push(Item::new(id, v));
    }
}

/// Fills the indexes the browser follows, over the items in scope: per-actor relations,
/// events and quotes, per-event quotes, and the timeline order.
pub(crate) fn cross_reference(lib: &mut Library) {
    let n = lib.actors.len();
    let mut actor_relations = vec![Vec::new(); n];
    let mut actor_events: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut actor_quotes: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut event_quotes = vec![Vec::new(); lib.events.len()];
    for (i, r) in lib
        .relations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.in_scope())
    {
        actor_relations[r.from].push(i);
        if r.to != r.from {
            actor_relations[r.to].push(i);
        }
    }
    for (i, e) in lib.events.iter().enumerate().filter(|(_, e)| e.in_scope()) {
        for p in &e.actors {
            actor_events[p.actor].push(i);
        }
    }
    for (i, q) in lib.quotes.iter().enumerate().filter(|(_, q)| q.in_scope()) {
        actor_quotes[q.speaker].push(i);
        // What a minister says, their country says: list it under the affiliations too.
        for &a in &lib.actors[q.speaker].affiliations {
            actor_quotes[a].push(i);
        }
        for s in &q.about {
            match *s {
                Subject::Actor(a) if a != q.speaker => actor_quotes[a].push(i),
                Subject::Event(e) => event_quotes[e].push(i),
                Subject::Actor(_) => {}
            }
        }
    }
    for list in actor_quotes.iter_mut().chain(actor_events.iter_mut()) {
        list.sort_unstable();
        list.dedup();
    }
    let events = &lib.events;
    let mut timeline: Vec<usize> = (0..events.len())
        .filter(|&e| events[e].in_scope())
        .collect();
    timeline.sort_by_cached_key(|&e| events[e].date.timeline_key());
    for list in &mut actor_events {
        list.sort_by_key(|&e| events[e].date.timeline_key());
    }
    lib.actor_relations = actor_relations.into();
    lib.actor_events = actor_events.into();
    lib.actor_quotes = actor_quotes.into();
    lib.event_quotes = event_quotes.into();
    lib.timeline = timeline;
}
