//! Builds the library from the files that survived linking: briefings in order, every
//! item once with one version per briefing that describes it, and the cross-references the
//! browser follows.

use super::FastMap as HashMap;
use std::ops::Range;
use std::path::PathBuf;

use compact_str::CompactString;
use rayon::prelude::*;

use super::check::{Checked, LocalCite, Ref};
use super::diag::{Diagnostic, FileId, Report, Within};
use super::draft::{ActorDraft, EventDraft, QuoteDraft, RelationDraft, SourceDraft};
use super::item::{ActorVersion, EventVersion, Item, QuoteVersion, RelationVersion, Version};
use super::link::{EVENT, FIRST, Kind, Resolved};
use super::lists::{Lists, pair};
use super::load::Texts;
use super::view::BriefingView;
use super::{
    ActorIx, Briefing, BriefingIx, Citation, Counts, Library, Participant, Relation, RelationKind,
    Source, Subject,
};

/// How many times building gives the drafts' memory back (see [`build`]), and the fewest
/// files between two times: each costs a few milliseconds. Four rather than sixteen made
/// `check --no-cache` 10 ms faster at 1,000 briefings, for 2 MB more at its peak (and the
/// browser's peak the same).
const RELEASES: usize = 4;
const RELEASE_MIN_FILES: usize = 64;

/// Builds the library from the good files, taken in briefing order.
///
/// The files are added in the order they were parsed, which is not briefing order: each
/// parser thread made its drafts one file after another, so letting them go in that order
/// frees the parsers' memory a page at a time, and the library can grow into it. Taken in
/// briefing order, every page of drafts would stay in use until the last file, and the
/// library would grow on top of all of them. What depends on briefing order is fixed
/// first (indices, series, relations: the [`Plan`]) or after ([`Builder::finish`]), so the
/// library is the same either way.
///
/// Each file's drafts are made into its part of the library on rayon's workers, a batch of
/// files at a time, and the parts are put in place on this thread in parse order: making
/// them (copying every text into fresh memory, resolving references) was most of linking,
/// and linking runs after every file is parsed, when nothing else is left to run.
pub(crate) fn build(
    checked: Vec<Checked>,
    order: &[usize],
    good: &[bool],
    plan: Plan,
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
    place_left_out(slots.iter().flatten().map(|(c, _)| c), report);
    drop(slots);
    let mut b = Builder::new(files.len(), plan.relation_keys.len(), plan.counts, report);
    let mut parsed: Vec<(BriefingIx, (Checked, PathBuf))> = files.into_iter().enumerate().collect();
    parsed.sort_unstable_by_key(|(_, (c, _))| c.file);
    let release_every = parsed.len().div_ceil(RELEASES).max(RELEASE_MIN_FILES);
    let mut parsed = parsed.into_iter();
    // Each batch's parts are put in place while the workers make the next batch's.
    let mut made: Vec<Made> = Vec::new();
    loop {
        let batch: Vec<_> = parsed.by_ref().take(release_every).collect();
        let full = batch.len() == release_every;
        if batch.is_empty() {
            break;
        }
        let placing = std::mem::take(&mut made);
        made = rayon::join(
            || {
                batch
                    .into_par_iter()
                    .map(|(briefing, (c, path))| plan.make(briefing, c, path))
                    .collect()
            },
            || {
                for m in placing {
                    b.place(m);
                }
            },
        )
        .0;
        if full {
            super::load::release_memory();
        }
    }
    for m in made {
        b.place(m);
    }
    drop(plan);
    let mut lib = b.finish();
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
    lib
}

/// The files left out keep where their briefing would be, so that their problems are
/// placed in a view as it would be.
fn place_left_out<'c>(left_out: impl Iterator<Item = &'c Checked>, report: &mut Report) {
    for c in left_out {
        report.files[c.file].placement = c.meta.placement();
    }
}

/// What [`build`] would make of the files, counted under the view of everything, with the
/// warnings it would give, without making it: all `check` reports of a library. At
/// 10,000 briefings making the library is half of linking.
pub(crate) fn count(
    checked: &[Checked],
    order: &[usize],
    good: &[bool],
    plan: &Plan,
    report: &mut Report,
) -> Counts {
    place_left_out(
        checked
            .iter()
            .zip(good)
            .filter(|(_, g)| !**g)
            .map(|(c, _)| c),
        report,
    );
    let files: Vec<&Checked> = order
        .iter()
        .filter(|&&fi| good[fi])
        .map(|&fi| &checked[fi])
        .collect();
    // Each quote where its file gives it, as making the library sees it.
    let mut seen = Vec::new();
    let mut given = vec![0_u32; plan.counts[Kind::Quote as usize]];
    for (b, c) in files.iter().enumerate() {
        let own = &plan.own[b][c.actors.len() + c.events.len()..];
        for (nth, (q, &ix)) in c.quotes.iter().zip(own).enumerate() {
            let ix = (ix & !FIRST) as usize;
            given[ix] += 1;
            seen.push(QuoteSeen {
                ix,
                briefing: b,
                nth,
                file: c.file,
                text_span: q.text_span.clone(),
            });
        }
    }
    let draft = |s: &QuoteSeen| &files[s.briefing].quotes[s.nth];
    let warnings = quote_warnings(
        seen,
        |ix| given[ix] as usize,
        |s| &draft(s).id,
        |s, _| draft(s).text.raw(),
    );
    push_quote_warnings(report, warnings);
    let [actors, events, quotes] = plan.counts;
    Counts {
        briefings: files.len(),
        actors,
        relations: plan.relation_keys.len(),
        events,
        quotes,
        sources: files.iter().map(|c| c.sources.len()).sum(),
    }
}

/// Adds the warnings that compare a quote's versions to the report.
fn push_quote_warnings(report: &mut Report, warnings: Vec<(Diagnostic, Option<Within>)>) {
    for (d, within) in warnings {
        if let Some(mut within) = within {
            within.diagnostic = report.diagnostics.len();
            report.within.push(within);
        }
        report.diagnostics.push(d);
    }
}

/// A quote version as it was added, for the "text changed" warnings made once every
/// version is in briefing order.
struct QuoteSeen {
    ix: usize,
    briefing: BriefingIx,
    /// Its place among the file's quotes.
    nth: usize,
    file: FileId,
    /// Where its text is written.
    text_span: Range<usize>,
}

/// What is fixed, from the files in briefing order, before any file is added: every id's
/// index, each briefing's place in its series and first source, and each relation's index.
/// Read by every worker that makes a file's part of the library.
pub(crate) struct Plan {
    /// Per briefing, in briefing order: the indexes of its actors, events and quotes, in
    /// the order its file gives them, so that making its part looks none of them up; each
    /// marked [`FIRST`] where the file is the first to define the item.
    own: Vec<Box<[u32]>>,
    /// Per briefing, in briefing order: what each of its references points to, in the
    /// order [`refs_of`](super::link::refs_of) gives them (see [`Targets`]).
    targets: Vec<Box<[u32]>>,
    /// Per briefing, in briefing order: the briefing before it in its series, and the
    /// index of its first source.
    previous: Vec<Option<BriefingIx>>,
    source_base: Vec<usize>,
    /// Relations by what they relate, indexed in order of first statement.
    relation_keys: HashMap<RelationKey, usize>,
    /// How many actors, events and quotes there are.
    counts: [usize; 3],
    /// Whether the texts are copied into fresh memory.
    texts: Texts,
}

/// What a relation relates: from, kind, to.
type RelationKey = (ActorIx, RelationKind, ActorIx);

/// One file's part of the library, made from its drafts: its briefing (whose lists of
/// actors, events, quotes and relations name the items of the versions here, in the same
/// order), its sources, and its versions.
struct Made {
    /// The ids of the items this file is the first to define: kind, index, id.
    ids: Vec<(Kind, usize, CompactString)>,
    briefing_ix: BriefingIx,
    briefing: Briefing,
    sources: Vec<Source>,
    actors: Vec<Vec<ActorVersion>>,
    relations: Vec<(RelationKey, RelationVersion)>,
    events: Vec<Vec<EventVersion>>,
    quotes: Vec<Vec<QuoteVersion>>,
    quotes_seen: Vec<QuoteSeen>,
}

/// A file's references' targets, read in the order [`refs_of`](super::link::refs_of)
/// gives the references: that is the order a file's part is made in (actors'
/// affiliations, relations, events' participants, quotes' speakers and subjects).
struct Targets<'p>(std::slice::Iter<'p, u32>);

impl Targets<'_> {
    /// What `r` points to, or nothing for an empty reference (which
    /// [`refs_of`](super::link::refs_of) skips).
    fn next(&mut self, r: &Ref) -> Option<Subject> {
        if r.id.is_empty() {
            return None;
        }
        let t = *self
            .0
            .next()
            .unwrap_or_else(|| unreachable!("a target for each reference"));
        Some(if t & EVENT == 0 {
            Subject::Actor(t as usize)
        } else {
            Subject::Event((t & !EVENT) as usize)
        })
    }

    /// The actor `r` points to.
    fn actor(&mut self, r: &Ref) -> ActorIx {
        match self.next(r) {
            Some(Subject::Actor(i)) => i,
            _ => unreachable!("linking resolved every actor reference"),
        }
    }
}

impl Plan {
    /// The plan for the files that are loaded, in briefing order, each with what linking
    /// found its ids and references to be; `counts` says how many actors, events and quotes
    /// there are.
    pub(crate) fn new(files: Vec<(&Checked, Resolved)>, counts: [usize; 3], texts: Texts) -> Self {
        let mut plan = Self {
            own: Vec::with_capacity(files.len()),
            targets: Vec::with_capacity(files.len()),
            previous: Vec::with_capacity(files.len()),
            source_base: Vec::with_capacity(files.len()),
            relation_keys: HashMap::default(),
            counts,
            texts,
        };
        let mut last_in_series: HashMap<&str, BriefingIx> = HashMap::default();
        let mut sources = 0;
        for (i, (c, resolved)) in files.into_iter().enumerate() {
            let series = c.meta.series.as_ref().map_or("", |s| s.raw());
            plan.previous.push(last_in_series.insert(series, i));
            plan.source_base.push(sources);
            sources += c.sources.len();
            for &key in &resolved.relations {
                let next = plan.relation_keys.len();
                plan.relation_keys.entry(key).or_insert(next);
            }
            plan.own.push(resolved.own);
            plan.targets.push(resolved.targets);
        }
        plan
    }

    /// Makes briefing `b`'s part of the library (`b` is its place in briefing order) from
    /// its file, every text in fresh memory if the plan says so.
    fn make(&self, b: BriefingIx, mut c: Checked, path: PathBuf) -> Made {
        let source_base = self.source_base[b];
        let mut own = Own {
            indexes: self.own[b].iter(),
            ids: Vec::new(),
        };
        let mut targets = Targets(self.targets[b].iter());
        let texts = self.texts;
        let mut briefing = self.briefing(b, &mut c, path);
        let sources = sources(b, c.sources, texts);
        briefing.sources = (source_base..source_base + sources.len()).collect();
        let cites = |v: Vec<LocalCite>| -> Box<[Citation]> {
            exact(v.into_iter().map(|c| Citation {
                source: source_base + c.source,
                locator: texts.one(c.locator),
                excerpt: c.excerpt.map(|(e, _)| Box::new(texts.one(e))),
            }))
        };
        let mut part = Part {
            b,
            briefing: &mut briefing,
            own: &mut own,
            targets: &mut targets,
            texts,
        };
        let actors = part.actors(c.actors, cites);
        let relations = part.relations(&self.relation_keys, c.relations, cites);
        let events = part.events(c.events, cites);
        let (quotes, quotes_seen) = part.quotes(c.file, c.quotes, cites);
        debug_assert!(own.indexes.next().is_none() && targets.0.next().is_none());
        Made {
            ids: own.ids,
            briefing_ix: b,
            briefing,
            sources,
            actors,
            relations,
            events,
            quotes,
            quotes_seen,
        }
    }

    /// Briefing `b` from its file's metadata, with room for its items and its lists of
    /// them still to fill.
    fn briefing(&self, b: BriefingIx, c: &mut Checked, path: PathBuf) -> Briefing {
        Briefing {
            id: self.texts.one(std::mem::take(&mut c.meta.id)),
            title: self.texts.one(std::mem::take(&mut c.meta.title)),
            as_of: c.meta.as_of,
            series: self.texts.opt(c.meta.series.take()),
            previous: self.previous[b],
            summary: self.texts.one(std::mem::take(&mut c.meta.summary)),
            key_points: self
                .texts
                .all(std::mem::take(&mut c.meta.key_points))
                .into_vec(),
            tags: self.texts.all(std::mem::take(&mut c.meta.tags)).into_vec(),
            path,
            sources: Vec::new(),
            actors: Vec::with_capacity(c.actors.len()),
            relations: Vec::new(),
            events: Vec::with_capacity(c.events.len()),
            quotes: Vec::with_capacity(c.quotes.len()),
            view: BriefingView::default(),
        }
    }
}

/// The items of one file, in the order it gives them: their indexes, and the ids of those
/// it is the first to define.
struct Own<'p> {
    indexes: std::slice::Iter<'p, u32>,
    ids: Vec<(Kind, usize, CompactString)>,
}

impl Own<'_> {
    /// The index of the next item, of kind `kind` and with id `id`.
    fn next(&mut self, kind: Kind, id: &super::Text) -> usize {
        let ix = *self
            .indexes
            .next()
            .unwrap_or_else(|| unreachable!("an index for each item"));
        let at = (ix & !FIRST) as usize;
        if ix & FIRST != 0 {
            self.ids.push((kind, at, CompactString::new(id.raw())));
        }
        at
    }
}

/// A file's part of the library as it is made: its briefing `b`, and where its items'
/// indexes and references' targets are read from.
struct Part<'a, 'p> {
    b: BriefingIx,
    briefing: &'a mut Briefing,
    own: &'a mut Own<'p>,
    targets: &'a mut Targets<'p>,
    texts: Texts,
}

impl Part<'_, '_> {
    /// A file's actors as one version each, their indexes listed in the briefing.
    fn actors(
        &mut self,
        drafts: Vec<ActorDraft>,
        cites: impl Fn(Vec<LocalCite>) -> Box<[Citation]>,
    ) -> Vec<Vec<ActorVersion>> {
        let b = self.b;
        exact(drafts.into_iter().map(|a| {
            let ix = self.own.next(Kind::Actor, &a.id);
            self.briefing.actors.push(ix);
            vec![ActorVersion {
                briefing: b,
                name: self.texts.one(a.name),
                short_name: self.texts.opt(a.short_name),
                aliases: self.texts.all(a.aliases),
                kind: a.kind,
                role: self.texts.one(a.role),
                affiliations: exact(a.affiliations.iter().map(|r| self.targets.actor(r))),
                summary: self.texts.opt(a.summary),
                cite: cites(a.cite),
            }]
        }))
        .into_vec()
    }

    /// A file's events as one version each, their indexes listed in the briefing.
    fn events(
        &mut self,
        drafts: Vec<EventDraft>,
        cites: impl Fn(Vec<LocalCite>) -> Box<[Citation]>,
    ) -> Vec<Vec<EventVersion>> {
        let b = self.b;
        exact(drafts.into_iter().map(|e| {
            let ix = self.own.next(Kind::Event, &e.id);
            self.briefing.events.push(ix);
            vec![EventVersion {
                briefing: b,
                title: self.texts.one(e.title),
                date: e.date,
                date_note: self.texts.opt(e.date_note).map(Box::new),
                status: e.status,
                summary: self.texts.opt(e.summary),
                actors: exact(e.actors.into_iter().map(|(r, role)| Participant {
                    actor: self.targets.actor(&r),
                    role: self.texts.opt(role),
                })),
                cite: cites(e.cite),
            }]
        }))
        .into_vec()
    }

    /// A file's quotes as one version each, their indexes listed in the briefing; and each
    /// as seen, for the warnings that compare a quote's versions.
    fn quotes(
        &mut self,
        file: FileId,
        drafts: Vec<QuoteDraft>,
        cites: impl Fn(Vec<LocalCite>) -> Box<[Citation]>,
    ) -> (Vec<Vec<QuoteVersion>>, Vec<QuoteSeen>) {
        let b = self.b;
        let mut quotes_seen = Vec::with_capacity(drafts.len());
        let quotes = exact(drafts.into_iter().enumerate().map(|(nth, q)| {
            let ix = self.own.next(Kind::Quote, &q.id);
            // The speaker's target comes before the subjects', as `refs_of` lists them.
            let speaker = self.targets.actor(&q.speaker);
            let about = exact(q.about.iter().filter_map(|r| self.targets.next(r)));
            quotes_seen.push(QuoteSeen {
                ix,
                briefing: b,
                nth,
                file,
                text_span: q.text_span.clone(),
            });
            self.briefing.quotes.push(ix);
            vec![QuoteVersion {
                briefing: b,
                kind: q.kind,
                text: self.texts.one(q.text),
                speaker,
                date: q.date,
                date_note: self.texts.opt(q.date_note).map(Box::new),
                context: self.texts.opt(q.context),
                about,
                cite: cites(q.cite),
            }]
        }))
        .into_vec();
        (quotes, quotes_seen)
    }

    /// A file's relation statements as one version per relation, its index listed in the
    /// briefing. The same relation stated twice in one briefing is one statement: its notes
    /// are joined and its citations combined, so nothing is lost.
    fn relations(
        &mut self,
        keys: &HashMap<RelationKey, usize>,
        drafts: Vec<RelationDraft>,
        cites: impl Fn(Vec<LocalCite>) -> Box<[Citation]>,
    ) -> Vec<(RelationKey, RelationVersion)> {
        let b = self.b;
        let mut made: Vec<(RelationKey, RelationVersion)> = Vec::with_capacity(drafts.len());
        // Where each relation's version is in `made`; and the notes of those stated more
        // than once, joined as they come and made display-safe once at the end: joining
        // them into a new `Text` at each repetition made 60,000 repetitions take 22 s.
        let mut at: HashMap<usize, usize> = HashMap::default();
        let mut notes: HashMap<usize, Option<String>> = HashMap::default();
        // Their later citations, added once at the end for the same reason: growing the
        // first statement's list at each repetition made 100,000 repetitions take 33 s.
        let mut more_cites: HashMap<usize, Vec<Citation>> = HashMap::default();
        for r in drafts {
            let key = (
                self.targets.actor(&r.from),
                r.kind,
                self.targets.actor(&r.to),
            );
            let Some(&ix) = keys.get(&key) else {
                unreachable!("every relation was given its index")
            };
            let v = RelationVersion {
                briefing: b,
                note: self.texts.opt(r.note),
                cite: cites(r.cite),
            };
            let Some(&i) = at.get(&ix) else {
                at.insert(ix, made.len());
                self.briefing.relations.push(ix);
                made.push((key, v));
                continue;
            };
            // Rare: a relation stated again in the same briefing.
            let first = &mut made[i].1;
            let note = notes
                .entry(i)
                .or_insert_with(|| first.note.as_ref().map(|t| t.raw().to_owned()));
            match (note.as_mut(), v.note) {
                (Some(joined), Some(more)) if joined != more.raw() => {
                    joined.push('\n');
                    joined.push_str(more.raw());
                }
                (None, Some(more)) => *note = Some(more.raw().to_owned()),
                _ => {}
            }
            more_cites.entry(i).or_default().extend(v.cite);
        }
        for (i, note) in notes {
            made[i].1.note = note.map(super::Text::new);
        }
        for (i, more) in more_cites {
            let first = &mut made[i].1;
            let mut cite = std::mem::take(&mut first.cite).into_vec();
            cite.extend(more);
            // The same citation given again adds nothing.
            let mut seen = std::collections::HashSet::new();
            cite.retain(|c| {
                seen.insert((
                    c.source,
                    c.locator.raw().to_owned(),
                    c.excerpt.as_ref().map(|e| e.raw().to_owned()),
                ))
            });
            first.cite = cite.into_boxed_slice();
        }
        made
    }
}

/// A file's sources, as briefing `b`'s, their texts as `texts` says.
fn sources(b: BriefingIx, drafts: Vec<SourceDraft>, texts: Texts) -> Vec<Source> {
    exact(drafts.into_iter().map(|s| Source {
        id: texts.one(s.id),
        briefing: b,
        title: texts.one(s.title),
        kind: s.kind,
        published: s.published,
        publisher: texts.opt(s.publisher),
        url: texts.opt(s.url),
        note: texts.opt(s.note),
        text: s.text,
    }))
    .into_vec()
}

/// The library as it is built, a briefing at a time in any order: each slot is filled by
/// the briefing that gives it (see [`build`]).
struct Builder<'r> {
    briefings: Vec<Option<Briefing>>,
    sources: Vec<Vec<Source>>,
    /// Per item, its versions as they come; the items are made at the end, so that an
    /// item waiting for its versions takes 24 bytes, not 64, while every draft is held.
    actors: Vec<Vec<ActorVersion>>,
    events: Vec<Vec<EventVersion>>,
    quotes: Vec<Vec<QuoteVersion>>,
    relations: Vec<Option<Relation>>,
    quotes_seen: Vec<QuoteSeen>,
    /// The ids of the actors, events and quotes, by index.
    ids: [Vec<CompactString>; 3],
    report: &'r mut Report,
}

impl<'r> Builder<'r> {
    /// Room for `briefings` briefings, `relations` relations and the `items` (actors,
    /// events, quotes) of the [`Plan`].
    fn new(briefings: usize, relations: usize, items: [usize; 3], report: &'r mut Report) -> Self {
        let [na, ne, nq] = items;
        let mut b = Self {
            briefings: Vec::new(),
            sources: Vec::new(),
            actors: Vec::new(),
            events: Vec::new(),
            quotes: Vec::new(),
            relations: Vec::new(),
            quotes_seen: Vec::new(),
            ids: items.map(|n| vec![CompactString::default(); n]),
            report,
        };
        b.briefings.resize_with(briefings, || None);
        b.sources.resize_with(briefings, Vec::new);
        b.relations.resize_with(relations, || None);
        b.actors.resize_with(na, Vec::new);
        b.events.resize_with(ne, Vec::new);
        b.quotes.resize_with(nq, Vec::new);
        b
    }

    /// Puts a file's part in place. The versions of other briefings may be in already,
    /// in any order; [`Builder::finish`] puts them in briefing order.
    fn place(&mut self, m: Made) {
        for (kind, ix, id) in m.ids {
            self.ids[kind as usize][ix] = id;
        }
        for (&ix, v) in m.briefing.actors.iter().zip(m.actors) {
            add_versions(&mut self.actors[ix], v);
        }
        for (&ix, (key, v)) in m.briefing.relations.iter().zip(m.relations) {
            match &mut self.relations[ix] {
                Some(relation) => relation.versions.push(v),
                None => {
                    self.relations[ix] = Some(Relation {
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
        for (&ix, v) in m.briefing.events.iter().zip(m.events) {
            add_versions(&mut self.events[ix], v);
        }
        for (&ix, v) in m.briefing.quotes.iter().zip(m.quotes) {
            add_versions(&mut self.quotes[ix], v);
        }
        self.quotes_seen.extend(m.quotes_seen);
        self.sources[m.briefing_ix] = m.sources;
        self.briefings[m.briefing_ix] = Some(m.briefing);
    }

    /// The library once every briefing is in (`ids` names the items): versions in briefing
    /// order, and the warnings that compare a quote's versions.
    fn finish(self) -> Library {
        let [actors, events, quotes] = self.ids;
        let mut lib = Library {
            briefings: self.briefings.into_iter().flatten().collect(),
            sources: self.sources.into_iter().flatten().collect(),
            actors: in_order(self.actors, actors),
            events: in_order(self.events, events),
            quotes: in_order(self.quotes, quotes),
            relations: self.relations.into_iter().flatten().collect(),
            ..Library::default()
        };
        for r in &mut lib.relations {
            r.versions.sort_by_key(|v| v.briefing);
        }
        let warnings = quote_warnings(
            self.quotes_seen,
            |ix| lib.quotes[ix].versions.len(),
            |s| &lib.quotes[s.ix].id,
            |s, k| lib.quotes[s.ix].versions[k].text.raw(),
        );
        push_quote_warnings(self.report, warnings);
        lib
    }
}

/// Quotes are verbatim: a version whose text differs from the one before it is a warning,
/// given in the order the briefings were, each at the text of the later version. It says
/// where that text departs from the earlier one, with what each has there, as a misquoted
/// excerpt does, and points there once the file's text is at hand (the [`Within`]).
///
/// `given` says how many times the quote with an index is given; `id` and `text` give a
/// place's quote id and the text it gives there (the `k`th version of its quote).
fn quote_warnings<'a>(
    mut seen: Vec<QuoteSeen>,
    given: impl Fn(usize) -> usize,
    id: impl Fn(&QuoteSeen) -> &'a super::Text,
    text: impl Fn(&QuoteSeen, usize) -> &'a str,
) -> Vec<(Diagnostic, Option<Within>)> {
    // Only a quote given more than once has versions to compare: most quotes are given
    // once, and sorting every one of them cost a cold load a few milliseconds.
    seen.retain(|s| given(s.ix) > 1);
    // In the order of the versions: by quote, then briefing (a file that gives a quote
    // twice gives it twice in one briefing, in its own order).
    seen.sort_unstable_by_key(|s| (s.ix, s.briefing, s.nth));
    let budget = std::cell::Cell::new(super::passage::CHANGED_BUDGET);
    let mut found = Vec::new();
    for places in seen.chunk_by(|a, b| a.ix == b.ix) {
        debug_assert_eq!(places.len(), given(places[0].ix));
        for (k, pair) in places.windows(2).enumerate() {
            let [pe, pl] = pair else {
                continue;
            };
            let (before, now) = (text(pe, k), text(pl, k + 1));
            if before == now {
                continue;
            }
            let departures = super::passage::changed(before, now, &budget);
            let mut d = Diagnostic::warning(format!("quote `{}` has different text than in an earlier briefing", id(pl)))
                .at(pl.file, pl.text_span.clone())
                .label("the text differs")
                .related(pe.file, pe.text_span.clone(), "earlier version")
                .help("quotes are verbatim and should not change; if the speaker said something new, give it a new id");
            let within = match departures.first() {
                Some((_, label)) => {
                    d.label = Some(label.clone());
                    Some(Within {
                        diagnostic: 0,
                        value: pl.text_span.clone(),
                        decoded: now.to_owned(),
                        places: departures,
                    })
                }
                None => None,
            };
            found.push((pl.briefing, pl.nth, d, within));
        }
    }
    found.sort_by_key(|(briefing, nth, _, _)| (*briefing, *nth));
    found.into_iter().map(|(_, _, d, w)| (d, w)).collect()
}

/// Collects into a new slice that holds no spare room. Collecting in place (a vector of
/// drafts into a vector of smaller versions) keeps the drafts' allocation, twice the size
/// or more, made on a parser's thread, and every version would hold that for as long as
/// the library lives (see [`super::Text::fresh`]).
fn exact<T>(items: impl IntoIterator<Item = T>) -> Box<[T]> {
    let items = items.into_iter();
    let mut v = Vec::with_capacity(items.size_hint().0);
    v.extend(items);
    v.into_boxed_slice()
}

impl Texts {
    /// A text from a draft, in fresh memory if the library's texts are packed.
    fn one(self, text: super::Text) -> super::Text {
        match self {
            Self::Packed => text.fresh(),
            Self::AsParsed => text,
        }
    }

    /// An optional text from a draft (see [`Texts::one`]).
    fn opt(self, text: Option<super::Text>) -> Option<super::Text> {
        text.map(|t| self.one(t))
    }

    /// A list of texts from a draft (see [`Texts::one`]).
    fn all(self, texts: Vec<super::Text>) -> Box<[super::Text]> {
        exact(texts.into_iter().map(|t| self.one(t)))
    }
}

/// Gives back the spare room of the lists that grew one item at a time while building
/// (the items; an item's versions are a boxed slice, with none).
fn fit_capacities(lib: &mut Library) {
    lib.actors.shrink_to_fit();
    lib.events.shrink_to_fit();
    lib.quotes.shrink_to_fit();
    lib.relations.shrink_to_fit();
    for r in &mut lib.relations {
        r.versions.shrink_to_fit();
    }
    lib.sources.shrink_to_fit();
    lib.briefings.shrink_to_fit();
}

/// Adds versions to an item's list: an item's first versions are the list (each version is
/// made in a list of its own, on the worker that made it, so that most items, which have
/// one version, are never copied).
fn add_versions<V>(versions: &mut Vec<V>, mut more: Vec<V>) {
    if versions.is_empty() {
        *versions = more;
    } else {
        versions.append(&mut more);
    }
}

/// The items of one kind from their versions (in the order files were added) and ids
/// (by index): each item's versions in briefing order.
fn in_order<V: Version + Send>(versions: Vec<Vec<V>>, ids: Vec<CompactString>) -> Vec<Item<V>> {
    versions
        .into_par_iter()
        .zip(ids)
        .map(|(mut versions, id)| {
            // Stable: a briefing that gives an item twice keeps its own order.
            versions.sort_by_key(Version::briefing);
            Item::of_versions(super::Text::new(id), versions)
        })
        .collect()
}

/// Fills the indexes the browser follows, over the items in scope: per-actor relations,
/// events and quotes, per-event quotes, and the timeline order.
pub(crate) fn cross_reference(lib: &mut Library) {
    // The three kinds of item are looked at side by side, each once and in order, its
    // lists made from (list, value) pairs.
    let ((actor_relations, (actor_events, timeline)), (actor_quotes, event_quotes)) = rayon::join(
        || rayon::join(|| relation_lists(lib), || event_lists(lib)),
        || quote_lists(lib),
    );
    lib.actor_relations = actor_relations;
    lib.actor_events = actor_events;
    lib.actor_quotes = actor_quotes;
    lib.event_quotes = event_quotes;
    lib.timeline = timeline;
}

/// Each actor's relations in scope.
fn relation_lists(lib: &Library) -> Lists {
    let mut pairs = Vec::new();
    for (i, r) in lib
        .relations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.in_scope())
    {
        pairs.push(pair(r.from, i));
        if r.to != r.from {
            pairs.push(pair(r.to, i));
        }
    }
    Lists::from_pairs(lib.actors.len(), &pairs)
}

/// Each actor's events in scope, in timeline order, and the timeline itself.
fn event_lists(lib: &Library) -> (Lists, Vec<usize>) {
    let mut pairs = Vec::new();
    for (i, e) in lib.events.iter().enumerate().filter(|(_, e)| e.in_scope()) {
        pairs.extend(e.actors.iter().map(|p| pair(p.actor, i)));
    }
    let mut actor_events = Lists::from_pairs(lib.actors.len(), &pairs);
    drop(pairs);
    actor_events.dedup_each();
    // Each event's key once: an actor of many events would work it out at every comparison.
    let keys: Vec<u64> = lib.events.iter().map(|e| e.date.timeline_key()).collect();
    let mut timeline: Vec<usize> = (0..keys.len())
        .filter(|&e| lib.events[e].in_scope())
        .collect();
    timeline.sort_by_key(|&e| keys[e]);
    actor_events.sort_each_by_key(|e| keys[e as usize]);
    (actor_events, timeline)
}

/// The quotes in scope by actor (the speaker, the speaker's affiliations and the actors
/// they are about) and by event.
fn quote_lists(lib: &Library) -> (Lists, Lists) {
    let (mut pairs, mut event_pairs) = (Vec::new(), Vec::new());
    for (i, q) in lib.quotes.iter().enumerate().filter(|(_, q)| q.in_scope()) {
        pairs.push(pair(q.speaker, i));
        // What a minister says, their country says: list it under the affiliations too.
        pairs.extend(
            lib.actors[q.speaker]
                .affiliations
                .iter()
                .map(|&a| pair(a, i)),
        );
        for s in &q.about {
            match *s {
                Subject::Actor(a) if a != q.speaker => pairs.push(pair(a, i)),
                Subject::Event(e) => event_pairs.push(pair(e, i)),
                Subject::Actor(_) => {}
            }
        }
    }
    let mut actor_quotes = Lists::from_pairs(lib.actors.len(), &pairs);
    drop(pairs);
    actor_quotes.dedup_each();
    (
        actor_quotes,
        Lists::from_pairs(lib.events.len(), &event_pairs),
    )
}
