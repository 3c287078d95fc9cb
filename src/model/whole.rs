//! A whole library as a first load made it, kept in the warm-start cache under the key of
//! every input (see [`super::cache::Cache::key_of_all`]), so that a start on unchanged files
//! skips parsing, checking and linking altogether.
//!
//! The library is encoded in parts (the rest of the library, the report with the text files
//! read, and the actors, events and quotes a few thousand at a time) on rayon's threads,
//! and kept as the parts of one checksummed entry. A start reads and decodes a few parts at
//! a time, so it never holds the whole library encoded beside the library decoded.

use serde::{Deserialize, Serialize};

use super::cache::Parts;
use super::ids::Ids;
use super::passage::TextRead;
use super::{Actor, Briefing, Event, Library, Lists, Quote, Relation, Report, Source, View};

/// A library, its report, and the text files its load read.
pub(crate) struct Whole {
    pub library: Library,
    pub report: Report,
    pub texts: Vec<TextRead>,
}

/// Everything of a library but its items, by reference.
#[derive(Serialize)]
struct RestRef<'a> {
    briefings: &'a [Briefing],
    sources: &'a [Source],
    relations: &'a [Relation],
    timeline: &'a [usize],
    actor_relations: &'a Lists,
    actor_events: &'a Lists,
    actor_quotes: &'a Lists,
    event_quotes: &'a Lists,
    ids: &'a Ids,
    view: &'a View,
    bundled: bool,
}

/// [`RestRef`], owned.
#[derive(Deserialize)]
struct Rest {
    briefings: Vec<Briefing>,
    sources: Vec<Source>,
    relations: Vec<Relation>,
    timeline: Vec<usize>,
    actor_relations: Lists,
    actor_events: Lists,
    actor_quotes: Lists,
    event_quotes: Lists,
    ids: Ids,
    view: View,
    bundled: bool,
}

/// Items per part: each part is read and decoded alone, so a start never holds more of the
/// encoded library than a few parts.
const ITEMS_PER_PART: usize = 4096;

/// One part of a whole library in the cache: how many parts of each kind of item there
/// are and how many items, the rest of the library, the report with the text files read,
/// then the actors', events' and quotes' parts.
enum Job<'a> {
    Shape([u64; 6]),
    Rest(RestRef<'a>),
    Report(&'a Report, &'a [TextRead]),
    Actors(&'a [Actor]),
    Events(&'a [Event]),
    Quotes(&'a [Quote]),
}

/// The parts of a whole library, `per_part` items per part of items, in order.
fn jobs<'a>(
    library: &'a Library,
    report: &'a Report,
    texts: &'a [TextRead],
    per_part: usize,
) -> Vec<Job<'a>> {
    let rest = RestRef {
        briefings: &library.briefings,
        sources: &library.sources,
        relations: &library.relations,
        timeline: &library.timeline,
        actor_relations: &library.actor_relations,
        actor_events: &library.actor_events,
        actor_quotes: &library.actor_quotes,
        event_quotes: &library.event_quotes,
        ids: &library.ids,
        view: &library.view,
        bundled: library.bundled,
    };
    let (actors, events, quotes) = (
        library.actors.chunks(per_part),
        library.events.chunks(per_part),
        library.quotes.chunks(per_part),
    );
    let shape = [
        actors.len(),
        events.len(),
        quotes.len(),
        library.actors.len(),
        library.events.len(),
        library.quotes.len(),
    ]
    .map(|n| n as u64);
    let mut jobs = vec![
        Job::Shape(shape),
        Job::Rest(rest),
        Job::Report(report, texts),
    ];
    jobs.extend(actors.map(Job::Actors));
    jobs.extend(events.map(Job::Events));
    jobs.extend(quotes.map(Job::Quotes));
    jobs
}

fn encode_job(job: &Job<'_>) -> Option<Vec<u8>> {
    match job {
        Job::Shape(shape) => enc(shape),
        Job::Rest(rest) => enc(rest),
        Job::Report(report, texts) => enc(&(report, texts)),
        Job::Actors(run) => enc(run),
        Job::Events(run) => enc(run),
        Job::Quotes(run) => enc(run),
    }
}

/// Keeps a whole library in the cache under `key`, for [`decode`]. Its parts are encoded
/// a few at a time as they are written, so the library is never held encoded as a whole.
/// Returns whether it was kept.
pub(crate) fn keep(
    cache: &super::cache::Cache,
    key: super::cache::Key,
    library: &Library,
    report: &Report,
    texts: &[TextRead],
) -> bool {
    cache.put_parts_each(
        key,
        &jobs(library, report, texts, ITEMS_PER_PART),
        encode_job,
    )
}

/// The parts [`keep`] writes, with `per_part` items per part, all encoded at once.
#[cfg(test)]
fn encode_in(
    library: &Library,
    report: &Report,
    texts: &[TextRead],
    per_part: usize,
) -> Option<Vec<Vec<u8>>> {
    jobs(library, report, texts, per_part)
        .iter()
        .map(encode_job)
        .collect()
}

/// A whole library from the parts [`keep`] wrote, or `None` if they do not decode.
pub(crate) fn decode(parts: &Parts) -> Option<Whole> {
    let shape: [u64; 6] = parts.decode(0)?;
    let [na, ne, nq, la, le, lq] = shape.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    let (a, e) = (3, 3usize.checked_add(na)?);
    let q = e.checked_add(ne)?;
    if q.checked_add(nq)? != parts.len() {
        return None;
    }
    let ((rest, report), (actors, (events, quotes))) = rayon::join(
        || {
            rayon::join(
                || parts.decode::<Rest>(1),
                || parts.decode::<(Report, Vec<TextRead>)>(2),
            )
        },
        || {
            let actors = parts.decode_runs::<Actor>(a..e, la);
            let events = parts.decode_runs::<Event>(e..q, le);
            (actors, (events, parts.decode_runs::<Quote>(q..q + nq, lq)))
        },
    );
    let (rest, (report, texts)) = (rest?, report?);
    let library = Library {
        briefings: rest.briefings,
        sources: rest.sources,
        actors: actors?,
        relations: rest.relations,
        events: events?,
        quotes: quotes?,
        timeline: rest.timeline,
        actor_relations: rest.actor_relations,
        actor_events: rest.actor_events,
        actor_quotes: rest.actor_quotes,
        event_quotes: rest.event_quotes,
        ids: rest.ids,
        view: rest.view,
        bundled: rest.bundled,
        namesakes: super::Namesakes::default(),
    };
    Some(Whole {
        library,
        report,
        texts,
    })
}

fn enc<T: Serialize + ?Sized>(value: &T) -> Option<Vec<u8>> {
    postcard::to_stdvec(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cache::Cache;

    #[test]
    fn a_library_comes_back_whole_and_one_that_does_not_hold_together_is_refused() {
        let (lib, report) = crate::model::load_bundled();
        assert!(lib.is_sound());
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path());
        // Two items a part, so that every kind of item spans several parts.
        let parts = encode_in(&lib, &report, &[], 2).unwrap();
        assert!(parts.len() > 3 + lib.actors.len() / 2);
        let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        cache.put_parts(1, &parts);
        let back = cache.get_parts(1, decode).unwrap();
        // Written a part at a time, the entry is the same, byte for byte.
        let entry = |key: u128| {
            let name = format!("{key:032x}.bin");
            std::fs::read(cache.dir().join(name)).unwrap()
        };
        cache.put_parts_each(9, &jobs(&lib, &report, &[], 2), encode_job);
        let (one, each) = (entry(1), entry(9));
        assert_eq!(one.len(), each.len());
        // All but the key: magic and format, then length, checksum and payload.
        assert_eq!(one[..8], each[..8]);
        assert_eq!(
            one[24..],
            each[24..],
            "the length, the checksum and the payload"
        );
        assert!(back.library == lib, "the library comes back as it was");
        assert_eq!(back.report, report);
        // Parts that do not add up to what the first part says are refused: one part
        // missing, or the parts of two libraries.
        cache.put_parts(2, &parts[..parts.len() - 1]);
        assert!(cache.get_parts(2, decode).is_none(), "a part missing");
        let mut swapped = parts.clone();
        swapped.swap(3, parts.len() - 1);
        cache.put_parts(3, &swapped);
        assert!(
            cache.get_parts(3, decode).is_none(),
            "quotes where actors belong"
        );
        // A short entry fails its checksum.
        let path = std::fs::read_dir(cache.dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with("1.bin"))
            .unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert!(cache.get_parts(1, decode).is_none(), "a short entry");
        let tampered: [fn(&mut Library); 6] = [
            |l| l.timeline.push(usize::MAX),
            |l| l.actors[0].versions = Box::default(),
            |l| l.quotes[0].versions[0].speaker = 100_000,
            |l| l.events[0].versions[0].cite[0].source = 100_000,
            |l| l.actor_events = Lists::default(),
            |l| l.briefings[0].previous = Some(7),
        ];
        for (i, tamper) in tampered.into_iter().enumerate() {
            let mut bad = lib.clone();
            tamper(&mut bad);
            assert!(!bad.is_sound(), "tampering {i} goes unnoticed");
        }
    }
}
