//! Links checked files into one library: global ids, references across files, and the
//! cross-references the browser follows.
//!
//! A file is loaded whole or not at all. A file with a duplicate id or an unresolved
//! reference is left out, and so is any file that depends on it, until what remains is
//! consistent.

use std::collections::HashMap;

use super::check::{Checked, LocalCite, Ref};
use super::diag::{Diagnostic, Report};
use super::suggest::closest;
use super::{
    Actor, Briefing, Citation, Event, ItemRef, Library, Participant, Quote, Relation, Source,
    Subject, Text,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Actor,
    Event,
    Quote,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Self::Actor => "actor",
            Self::Event => "event",
            Self::Quote => "quote",
        }
    }
}

/// Where an id is defined: its kind, the position of its file in `checked`, its index in
/// that file and its span.
#[derive(Clone, Copy)]
struct Def {
    kind: Kind,
    file: usize,
    local: usize,
    span: (usize, usize),
}

pub fn link(checked: Vec<Checked>, report: &mut Report) -> Library {
    let mut good = vec![true; checked.len()];
    let mut defs: HashMap<&str, Def> = HashMap::new();
    let mut briefing_ids: HashMap<&str, usize> = HashMap::new();
    let mut dropped = Vec::new();

    // Ids: the first definition wins, a later file that repeats one is left out.
    for (fi, c) in checked.iter().enumerate() {
        let mut clashes = Vec::new();
        if let Some(&prev) = briefing_ids.get(c.meta.id.raw()) {
            clashes.push(
                Diagnostic::error(format!("duplicate briefing id `{}`", c.meta.id))
                    .at(c.file, c.meta.id_span.clone())
                    .label("defined again here")
                    .related(
                        checked[prev].file,
                        checked[prev].meta.id_span.clone(),
                        "first defined here",
                    ),
            );
        }
        if let Some(prev) = defs.get(c.meta.id.raw()) {
            clashes.push(
                Diagnostic::error(format!("briefing id `{}` is already used by {} {}", c.meta.id, an(prev.kind), prev.kind.name()))
                    .at(c.file, c.meta.id_span.clone())
                    .label("briefing id")
                    .related(checked[prev.file].file, prev.span.0..prev.span.1, "defined here")
                    .help("briefing ids share the namespace of actors, events and quotes, so that `--open ID` is never ambiguous"),
            );
        }
        for (kind, local, id, span) in ids_of(c) {
            let clash_with_briefing = briefing_ids
                .get(id.raw())
                .copied()
                .or_else(|| (id.raw() == c.meta.id.raw()).then_some(fi));
            if let Some(b) = clash_with_briefing {
                clashes.push(
                    Diagnostic::error(format!("{} id `{id}` is already used by a briefing", kind.name()))
                        .at(c.file, span.clone())
                        .label(format!("{} id", kind.name()))
                        .related(checked[b].file, checked[b].meta.id_span.clone(), "briefing id")
                        .help("briefing ids share the namespace of actors, events and quotes; rename one of them"),
                );
            }
            if let Some(prev) = defs.get(id.raw()) {
                clashes.push(
                    Diagnostic::error(format!("duplicate id `{id}`: already used by {} {}", an(prev.kind), prev.kind.name()))
                        .at(c.file, span.clone())
                        .label(format!("{} defined again here", kind.name()))
                        .related(checked[prev.file].file, prev.span.0..prev.span.1, "first defined here")
                        .help("ids are unique across the whole library; rename one, or delete the copy and refer to the first"),
                );
            }
            let _ = local;
        }
        if clashes.is_empty() {
            briefing_ids.insert(c.meta.id.raw(), fi);
            for (kind, local, id, span) in ids_of(c) {
                defs.insert(
                    id.raw(),
                    Def {
                        kind,
                        file: fi,
                        local,
                        span: (span.start, span.end),
                    },
                );
            }
        } else {
            good[fi] = false;
            report.diagnostics.extend(clashes);
            dropped.push(fi);
        }
    }

    // References: drop files that point at nothing, until nothing changes. Ids of dropped
    // files are remembered, so a reference to one says why it does not resolve.
    let mut dropped_ids: HashMap<&str, usize> = HashMap::new();
    for fi in dropped {
        for (_, _, id, _) in ids_of(&checked[fi]) {
            if !defs.contains_key(id.raw()) {
                dropped_ids.insert(id.raw(), checked[fi].file);
            }
        }
    }
    loop {
        let mut changed = false;
        for (fi, c) in checked.iter().enumerate() {
            if !good[fi] {
                continue;
            }
            let problems = unresolved(c, &defs, &dropped_ids, &checked, report);
            if !problems.is_empty() {
                good[fi] = false;
                changed = true;
                report.diagnostics.extend(problems);
                for (_, _, id, _) in ids_of(c) {
                    defs.remove(id.raw());
                    dropped_ids.insert(id.raw(), c.file);
                }
            }
        }
        if !changed {
            break;
        }
    }

    let paths: Vec<std::path::PathBuf> = checked
        .iter()
        .map(|c| report.files[c.file].path.clone())
        .collect();
    let resolved = resolve(&checked, &good, &defs);
    drop(defs);
    drop(dropped_ids);
    drop(briefing_ids);
    build(checked, &good, resolved, paths)
}

fn an(kind: Kind) -> &'static str {
    if kind == Kind::Actor { "an" } else { "a" }
}

/// Every global id a file defines.
fn ids_of(c: &Checked) -> impl Iterator<Item = (Kind, usize, &Text, &std::ops::Range<usize>)> {
    let actors = c
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (Kind::Actor, i, &a.id, &a.id_span));
    let events = c
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (Kind::Event, i, &e.id, &e.id_span));
    let quotes = c
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| (Kind::Quote, i, &q.id, &q.id_span));
    actors.chain(events).chain(quotes)
}

/// Every reference a file makes, with the kinds it may point to.
fn refs_of(c: &Checked) -> Vec<(&Ref, &'static [Kind], &'static str)> {
    const ACTOR: &[Kind] = &[Kind::Actor];
    const SUBJECT: &[Kind] = &[Kind::Event, Kind::Actor];
    let mut refs = Vec::new();
    for a in &c.actors {
        refs.extend(a.affiliations.iter().map(|r| (r, ACTOR, "affiliation")));
    }
    for r in &c.relations {
        refs.push((&r.from, ACTOR, "relation"));
        refs.push((&r.to, ACTOR, "relation"));
    }
    for e in &c.events {
        refs.extend(
            e.actors
                .iter()
                .map(|(r, _)| (r, ACTOR, "event participant")),
        );
    }
    for q in &c.quotes {
        refs.push((&q.speaker, ACTOR, "speaker"));
        refs.extend(q.about.iter().map(|r| (r, SUBJECT, "`about` entry")));
    }
    refs
}

fn unresolved(
    c: &Checked,
    defs: &HashMap<&str, Def>,
    dropped: &HashMap<&str, usize>,
    checked: &[Checked],
    report: &Report,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (r, kinds, what) in refs_of(c) {
        let wanted = kinds
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(" or ");
        let id = Text::new(r.id.as_str());
        match defs.get(r.id.as_str()) {
            Some(def) if kinds.contains(&def.kind) => {}
            Some(def) => out.push(
                Diagnostic::error(format!(
                    "{what} `{id}` is {} {}, not {} {wanted}",
                    an(def.kind),
                    def.kind.name(),
                    an(kinds[0])
                ))
                .at(c.file, r.span.clone())
                .label(format!("expected {} {wanted} id", an(kinds[0])))
                .related(
                    checked[def.file].file,
                    def.span.0..def.span.1,
                    "defined here",
                ),
            ),
            None => {
                let mut d = Diagnostic::error(format!("unknown {wanted} `{id}` in {what}"))
                    .at(c.file, r.span.clone())
                    .label(format!("no {wanted} has this id"));
                if let Some(&file) = dropped.get(r.id.as_str()) {
                    d = d.help(format!(
                        "`{id}` is defined in {}, which has errors and was not loaded",
                        report.files[file].display
                    ));
                } else {
                    let candidates = defs
                        .iter()
                        .filter(|(_, d)| kinds.contains(&d.kind))
                        .map(|(k, _)| *k);
                    // Suggestions scan every id; skip them in huge libraries.
                    if defs.len() <= 200_000
                        && let Some(s) = closest(&r.id, &mut candidates.into_iter())
                    {
                        d = d.help(format!("did you mean `{s}`?"));
                    }
                }
                out.push(d);
            }
        }
    }
    out
}

/// The references of one file, resolved to global indices.
struct Resolved {
    affiliations: Vec<Vec<usize>>,
    relations: Vec<(usize, usize)>,
    participants: Vec<Vec<usize>>,
    speakers: Vec<usize>,
    about: Vec<Vec<Subject>>,
}

/// Resolves every reference of the files that survived.
fn resolve(checked: &[Checked], good: &[bool], defs: &HashMap<&str, Def>) -> Vec<Resolved> {
    // Global index of each file's first actor, event and quote.
    let mut base = vec![(0usize, 0usize, 0usize); checked.len()];
    let (mut na, mut ne, mut nq) = (0, 0, 0);
    for (fi, c) in checked.iter().enumerate() {
        if good[fi] {
            base[fi] = (na, ne, nq);
            na += c.actors.len();
            ne += c.events.len();
            nq += c.quotes.len();
        }
    }
    let global = |id: &str| -> Option<(Kind, usize)> {
        let d = defs.get(id)?;
        let (a, e, q) = base[d.file];
        Some((
            d.kind,
            match d.kind {
                Kind::Actor => a + d.local,
                Kind::Event => e + d.local,
                Kind::Quote => q + d.local,
            },
        ))
    };
    let actor = |r: &Ref| global(&r.id).map_or(0, |(_, i)| i);
    checked
        .iter()
        .zip(good)
        .filter(|(_, ok)| **ok)
        .map(|(c, _)| Resolved {
            affiliations: c
                .actors
                .iter()
                .map(|a| a.affiliations.iter().map(actor).collect())
                .collect(),
            relations: c
                .relations
                .iter()
                .map(|r| (actor(&r.from), actor(&r.to)))
                .collect(),
            participants: c
                .events
                .iter()
                .map(|e| e.actors.iter().map(|(r, _)| actor(r)).collect())
                .collect(),
            speakers: c.quotes.iter().map(|q| actor(&q.speaker)).collect(),
            about: c
                .quotes
                .iter()
                .map(|q| {
                    q.about
                        .iter()
                        .filter_map(|r| match global(&r.id) {
                            Some((Kind::Event, i)) => Some(Subject::Event(i)),
                            Some((Kind::Actor, i)) => Some(Subject::Actor(i)),
                            _ => None,
                        })
                        .collect()
                })
                .collect(),
        })
        .collect()
}

/// Builds the library from the files that survived, in file order.
fn build(
    checked: Vec<Checked>,
    good: &[bool],
    resolved: Vec<Resolved>,
    paths: Vec<std::path::PathBuf>,
) -> Library {
    let mut lib = Library::default();
    let files = checked
        .into_iter()
        .zip(paths)
        .zip(good)
        .filter(|(_, ok)| **ok)
        .map(|(f, _)| f);
    for ((mut c, path), r) in files.zip(resolved) {
        let Resolved {
            affiliations,
            relations: rel_ends,
            participants,
            speakers,
            about,
        } = r;
        let b = lib.briefings.len();
        let source_base = lib.sources.len();
        let cites = |v: &mut Vec<LocalCite>| -> Vec<Citation> {
            v.drain(..)
                .map(|c| Citation {
                    source: source_base + c.source,
                    locator: c.locator,
                })
                .collect()
        };
        let mut briefing = Briefing {
            id: std::mem::take(&mut c.meta.id),
            title: std::mem::take(&mut c.meta.title),
            as_of: c.meta.as_of,
            summary: std::mem::take(&mut c.meta.summary),
            key_points: std::mem::take(&mut c.meta.key_points),
            tags: std::mem::take(&mut c.meta.tags),
            path,
            sources: Vec::new(),
            actors: Vec::new(),
            relations: Vec::new(),
            events: Vec::new(),
            quotes: Vec::new(),
        };
        for s in c.sources.drain(..) {
            briefing.sources.push(lib.sources.len());
            lib.sources.push(Source {
                id: s.id,
                briefing: b,
                title: s.title,
                kind: s.kind,
                published: s.published,
                publisher: s.publisher,
                url: s.url,
                note: s.note,
            });
        }
        for (mut a, aff) in c.actors.drain(..).zip(affiliations) {
            briefing.actors.push(lib.actors.len());
            lib.actors.push(Actor {
                cite: cites(&mut a.cite),
                id: a.id,
                briefing: b,
                name: a.name,
                short_name: a.short_name,
                aliases: a.aliases,
                kind: a.kind,
                role: a.role,
                affiliations: aff,
                summary: a.summary,
            });
        }
        for (mut r, (from, to)) in c.relations.drain(..).zip(rel_ends) {
            briefing.relations.push(lib.relations.len());
            lib.relations.push(Relation {
                cite: cites(&mut r.cite),
                briefing: b,
                from,
                kind: r.kind,
                to,
                note: r.note,
            });
        }
        for (mut e, who) in c.events.drain(..).zip(participants) {
            briefing.events.push(lib.events.len());
            let actors = e
                .actors
                .drain(..)
                .zip(who)
                .map(|((_, role), actor)| Participant { actor, role })
                .collect();
            lib.events.push(Event {
                cite: cites(&mut e.cite),
                id: e.id,
                briefing: b,
                title: e.title,
                date: e.date,
                date_note: e.date_note,
                status: e.status,
                summary: e.summary,
                actors,
            });
        }
        for ((mut q, speaker), about) in c.quotes.drain(..).zip(speakers).zip(about) {
            briefing.quotes.push(lib.quotes.len());
            lib.quotes.push(Quote {
                cite: cites(&mut q.cite),
                id: q.id,
                briefing: b,
                kind: q.kind,
                text: q.text,
                speaker,
                date: q.date,
                date_note: q.date_note,
                context: q.context,
                about,
            });
        }
        lib.briefings.push(briefing);
    }
    cross_reference(&mut lib);
    lib
}

/// Fills the indexes the browser follows: per-actor relations, events and quotes, per-event
/// quotes, the timeline order and the id table.
fn cross_reference(lib: &mut Library) {
    let n = lib.actors.len();
    lib.actor_relations = vec![Vec::new(); n];
    lib.actor_events = vec![Vec::new(); n];
    lib.actor_quotes = vec![Vec::new(); n];
    lib.event_quotes = vec![Vec::new(); lib.events.len()];
    for (i, r) in lib.relations.iter().enumerate() {
        lib.actor_relations[r.from].push(i);
        if r.to != r.from {
            lib.actor_relations[r.to].push(i);
        }
    }
    for (i, e) in lib.events.iter().enumerate() {
        for p in &e.actors {
            let list = &mut lib.actor_events[p.actor];
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    for (i, q) in lib.quotes.iter().enumerate() {
        lib.actor_quotes[q.speaker].push(i);
        // What a minister says, their country says: list it under the affiliations too.
        for &a in &lib.actors[q.speaker].affiliations {
            lib.actor_quotes[a].push(i);
        }
        for s in &q.about {
            match *s {
                Subject::Actor(a) if a != q.speaker => lib.actor_quotes[a].push(i),
                Subject::Event(e) => lib.event_quotes[e].push(i),
                Subject::Actor(_) => {}
            }
        }
    }
    for list in lib
        .actor_quotes
        .iter_mut()
        .chain(lib.actor_events.iter_mut())
    {
        list.sort_unstable();
        list.dedup();
    }
    let mut timeline: Vec<usize> = (0..lib.events.len()).collect();
    timeline.sort_by(|&a, &b| lib.events[a].date.timeline_cmp(lib.events[b].date));
    for list in &mut lib.actor_events {
        list.sort_by(|&a, &b| lib.events[a].date.timeline_cmp(lib.events[b].date));
    }
    lib.timeline = timeline;

    let mut ids = HashMap::with_capacity(lib.item_count() + lib.briefings.len());
    for (i, b) in lib.briefings.iter().enumerate() {
        ids.insert(b.id.raw().into(), ItemRef::Briefing(i));
    }
    for (i, s) in lib.sources.iter().enumerate() {
        ids.insert(
            format!("{}/{}", lib.briefings[s.briefing].id.raw(), s.id.raw()).into(),
            ItemRef::Source(i),
        );
    }
    for (i, a) in lib.actors.iter().enumerate() {
        ids.insert(a.id.raw().into(), ItemRef::Actor(i));
    }
    for (i, e) in lib.events.iter().enumerate() {
        ids.insert(e.id.raw().into(), ItemRef::Event(i));
    }
    for (i, q) in lib.quotes.iter().enumerate() {
        ids.insert(q.id.raw().into(), ItemRef::Quote(i));
    }
    lib.ids = ids;
}
