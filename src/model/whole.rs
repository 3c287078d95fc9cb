//! A whole library as a first load made it, kept in the warm-start cache under the key of
//! every input (see [`super::cache::Cache::key_of_all`]), so that a start on unchanged files
//! skips parsing, checking and linking altogether.
//!
//! The library is encoded in parts (actors, events, quotes, the rest, and the report with
//! the text files read), each on a thread of its own, and decoded the same way. The parts
//! are framed as a count, their lengths, then their bytes, inside one checksummed entry.

use serde::{Deserialize, Serialize};

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

/// The parts of a whole library, encoded: the frame first, then the parts, to be written
/// one after the other.
pub(crate) fn encode(
    library: &Library,
    report: &Report,
    texts: &[TextRead],
) -> Option<Vec<Vec<u8>>> {
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
    let (rest, (actors, (events, (quotes, report)))) = rayon::join(
        || enc(&rest),
        || {
            rayon::join(
                || enc(&library.actors),
                || {
                    rayon::join(
                        || enc(&library.events),
                        || rayon::join(|| enc(&library.quotes), || enc(&(report, texts))),
                    )
                },
            )
        },
    );
    let parts = [rest?, actors?, events?, quotes?, report?];
    let mut frame = Vec::with_capacity(8 * (parts.len() + 1));
    frame.extend_from_slice(&(parts.len() as u64).to_le_bytes());
    for p in &parts {
        frame.extend_from_slice(&(p.len() as u64).to_le_bytes());
    }
    let mut out = vec![frame];
    out.extend(parts);
    Some(out)
}

/// A whole library from the parts [`encode`] wrote, or `None` if they do not decode.
pub(crate) fn decode(payload: &[u8]) -> Option<Whole> {
    let word = |at: usize| -> Option<usize> {
        let b = payload.get(at..at + 8)?;
        usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok()
    };
    if word(0)? != 5 {
        return None;
    }
    let mut at: usize = 8 * 6;
    let mut parts = Vec::with_capacity(5);
    for i in 0..5 {
        let len = word(8 * (i + 1))?;
        parts.push(payload.get(at..at.checked_add(len)?)?);
        at += len;
    }
    if at != payload.len() {
        return None;
    }
    let (rest, (actors, (events, (quotes, report)))) = rayon::join(
        || postcard::from_bytes::<Rest>(parts[0]).ok(),
        || {
            rayon::join(
                || postcard::from_bytes::<Vec<Actor>>(parts[1]).ok(),
                || {
                    rayon::join(
                        || postcard::from_bytes::<Vec<Event>>(parts[2]).ok(),
                        || {
                            rayon::join(
                                || postcard::from_bytes::<Vec<Quote>>(parts[3]).ok(),
                                || postcard::from_bytes::<(Report, Vec<TextRead>)>(parts[4]).ok(),
                            )
                        },
                    )
                },
            )
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

    #[test]
    fn a_library_comes_back_whole_and_one_that_does_not_hold_together_is_refused() {
        let (lib, report) = crate::model::load_bundled();
        assert!(lib.is_sound());
        let payload = encode(&lib, &report, &[]).unwrap().concat();
        let back = decode(&payload).unwrap();
        assert!(back.library == lib, "the library comes back as it was");
        assert_eq!(back.report, report);
        assert!(
            decode(&payload[..payload.len() - 1]).is_none(),
            "a short payload"
        );
        let tampered: [fn(&mut Library); 6] = [
            |l| l.timeline.push(usize::MAX),
            |l| l.actors[0].versions.clear(),
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
