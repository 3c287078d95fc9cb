//! The briefing model: TOML files become a typed, validated, cross-referenced [`Library`].
//!
//! Nothing here knows about terminals. Every string from a file is a [`Text`], which carries
//! the author's exact text for export and a display-safe form for everything else.

mod build;
pub mod cache;
mod check;
pub mod date;
pub mod diag;
pub mod diff;
mod direct;
mod draft;
mod enums;
mod excerpt;
pub mod history;
mod ids;
mod item;
mod keys;
mod lenient;
mod link;
mod lists;
mod load;
pub mod locate;
pub(crate) mod nesting;
mod newer;
mod one_file;
mod parse;
pub mod passage;
pub mod progress;
mod raw;
mod reload;
mod sound;
pub(crate) mod string_span;
pub(crate) mod suggest;
pub mod text;
mod view;
mod walk;
pub mod watch;
mod whole;

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

pub(crate) use check::toml_error;
pub use date::{DateSpec, PartialDate, Precision};
pub use diag::{Diagnostic, Report, Severity, Work};
pub use enums::{ActorKind, QuoteKind, RelationKind, SourceKind, Status};
pub use item::{
    Actor, ActorVersion, Event, EventVersion, Item, Mark, Participant, Quote, QuoteVersion,
    Relation, RelationVersion, Subject, Version,
};
#[doc(hidden)]
pub use link::link_work;
pub use lists::Lists;
pub use load::{
    BUNDLED, Derived, Drafts, Hooks, Input, LoadOptions, MAX_FILE_BYTES, PARSER_STACK, ReadError,
    Texts, check_paths, count_paths_with, init_parser_threads, load_bundled, load_paths,
    load_paths_with, load_sources, read_file, read_paths, read_regular, release_memory,
    set_memory_release, spawn_parser,
};
#[doc(hidden)]
pub use raw::FORMAT as FORMAT_KEYS;
pub use reload::Loader;
pub use text::Text;
pub use view::{Scope, View, order_key, view_date};
pub use walk::{Bounds, MAX_DEPTH, MAX_ENTRIES};

/// The hash map of the loader's id tables: foldhash, seeded per process, is several
/// times faster than `SipHash` on short ids.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

pub type BriefingIx = usize;
pub type SourceIx = usize;
pub type ActorIx = usize;
pub type RelationIx = usize;
pub type EventIx = usize;
pub type QuoteIx = usize;

/// Where a fact comes from: a source of the same briefing and a place in it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Citation {
    pub source: SourceIx,
    pub locator: Text,
    /// A short passage quoted verbatim from that place, if the author gave one. Boxed:
    /// most citations have none, and a library has a citation for nearly every fact (a
    /// million at 10,000 briefings), so this keeps each 16 bytes smaller.
    pub excerpt: Option<Box<Text>>,
}

/// One briefing: a snapshot of what was known about a situation on its `as_of` date.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Briefing {
    pub id: Text,
    pub title: Text,
    pub as_of: DateSpec,
    /// The situation this briefing belongs to, if the author named one.
    pub series: Option<Text>,
    /// The latest earlier briefing of the same series.
    pub previous: Option<BriefingIx>,
    pub summary: Text,
    pub key_points: Vec<Text>,
    pub tags: Vec<Text>,
    /// The file it came from (a virtual path for bundled briefings).
    pub path: PathBuf,
    pub sources: Vec<SourceIx>,
    /// The items this briefing gives a version of, in ascending index order.
    pub actors: Vec<ActorIx>,
    pub relations: Vec<RelationIx>,
    pub events: Vec<EventIx>,
    pub quotes: Vec<QuoteIx>,
    pub(crate) view: view::BriefingView,
}

impl Briefing {
    /// The series name, or `""` for the unnamed series.
    pub fn series_name(&self) -> &str {
        self.series.as_ref().map_or("", Text::raw)
    }

    /// Whether the briefing counts on the view's date.
    pub fn is_known(&self) -> bool {
        self.view.known
    }

    /// Whether the briefing is in the view's scope (and known on its date).
    pub fn in_scope(&self) -> bool {
        self.view.in_scope
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    pub id: Text,
    pub briefing: BriefingIx,
    pub title: Text,
    pub kind: SourceKind,
    pub published: DateSpec,
    pub publisher: Option<Text>,
    pub url: Option<Text>,
    pub note: Option<Text>,
    /// The source's own words, when the briefing names a `text_file` that could be read.
    pub text: Option<Arc<SourceText>>,
}

impl Source {
    /// The paragraphs a locator such as `¶5` or `¶5–¶7` names, when the source's text is
    /// loaded and has them.
    pub fn paragraphs_at(&self, locator: &str) -> Option<&[Paragraph]> {
        let text = self.text.as_ref()?;
        let range = passage::paragraph_range(locator)?;
        text.paragraphs.get(range.start() - 1..*range.end())
    }
}

/// A source's text, read from its `text_file`: its paragraphs, `¶1` first (see
/// [`passage`] for the paragraph rule).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceText {
    /// The file, as found from the briefing's folder.
    pub path: PathBuf,
    /// Its name as the briefing gives it (relative to the briefing's folder).
    pub name: String,
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph of a source text: a non-blank line.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Paragraph {
    /// Its line in the file, from 1.
    pub line: usize,
    pub text: Text,
}

/// A reference to any item in the library.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum ItemRef {
    Briefing(BriefingIx),
    Actor(ActorIx),
    Event(EventIx),
    Quote(QuoteIx),
    Source(SourceIx),
}

/// What cites a source (see [`Library::cited_by`]): an item, or a relation, which has no
/// detail of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Citer {
    Item(ItemRef),
    Relation(RelationIx),
}

/// Everything loaded, validated and cross-referenced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Library {
    pub briefings: Vec<Briefing>,
    pub sources: Vec<Source>,
    pub actors: Vec<Actor>,
    pub relations: Vec<Relation>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    /// Events in timeline order.
    pub timeline: Vec<EventIx>,
    /// Per actor: relations in either direction, events they take part in, and quotes they
    /// said, that their members said (speakers affiliated with them), or that are about them.
    pub actor_relations: Lists,
    pub actor_events: Lists,
    pub actor_quotes: Lists,
    /// Per event: quotes about it.
    pub event_quotes: Lists,
    pub(crate) ids: ids::Ids,
    pub(crate) view: View,
    /// The briefings compiled into the program: there is no file to edit.
    pub(crate) bundled: bool,
    /// Per actor, whether another actor goes by one of its names (see
    /// [`Library::namesake`]): worked out on first use, not kept in the cache.
    pub(crate) namesakes: Namesakes,
}

/// Per actor, whether another actor goes by one of its names: worked out from the items, so
/// two libraries of the same items are equal whether or not either has worked it out.
#[derive(Clone, Debug, Default)]
pub(crate) struct Namesakes(std::sync::OnceLock<Box<[bool]>>);

impl PartialEq for Namesakes {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Namesakes {}

impl Library {
    /// Looks up an actor, event or quote by id, or a source as `briefing/source` or a
    /// briefing by its id.
    pub fn find(&self, id: &str) -> Option<ItemRef> {
        self.ids.find(id, |item, id| self.has_id(item, id))
    }

    /// The actor, event or quote id closest to `id`, when `id` names no item and looks like a
    /// typo of one: what `--open` suggests.
    #[must_use]
    pub fn suggest_id(&self, id: &str) -> Option<&str> {
        use link::Kind;
        suggest::IdSuggester::new(self.item_ids())
            .suggest(id, &[Kind::Actor, Kind::Event, Kind::Quote])
    }

    /// Every actor, event and quote id, with its kind: the ids `--open` takes.
    fn item_ids(&self) -> impl Iterator<Item = (&str, link::Kind)> {
        use link::Kind;
        (self.actors.iter().map(|a| (a.id.raw(), Kind::Actor)))
            .chain(self.events.iter().map(|e| (e.id.raw(), Kind::Event)))
            .chain(self.quotes.iter().map(|q| (q.id.raw(), Kind::Quote)))
    }

    /// The ids of actors, events and quotes that begin with `word` and a `-` or `_` (the
    /// word a user remembers of `rafiqul-islam`), sorted, at most `max` of them.
    pub fn ids_starting_with(&self, word: &str, max: usize) -> Vec<&str> {
        let starts = |id: &str| {
            id.len() > word.len()
                && id.starts_with(word)
                && matches!(id.as_bytes()[word.len()], b'-' | b'_')
        };
        let mut found: Vec<&str> = self
            .item_ids()
            .map(|(id, _)| id)
            .filter(|id| !word.is_empty() && starts(id))
            .collect();
        found.sort_unstable();
        found.dedup();
        found.truncate(max);
        found
    }

    /// Whether `id` is an item's id as [`Library::id_of`] writes it, without writing it.
    fn has_id(&self, item: ItemRef, id: &str) -> bool {
        match item {
            ItemRef::Briefing(i) => self.briefings[i].id.raw() == id,
            ItemRef::Actor(i) => self.actors[i].id.raw() == id,
            ItemRef::Event(i) => self.events[i].id.raw() == id,
            ItemRef::Quote(i) => self.quotes[i].id.raw() == id,
            ItemRef::Source(i) => {
                let s = &self.sources[i];
                let (b, s) = (self.briefings[s.briefing].id.raw(), s.id.raw());
                id.len() == b.len() + 1 + s.len()
                    && id.starts_with(b)
                    && id[b.len()..].starts_with('/')
                    && id.ends_with(s)
            }
        }
    }

    /// Whether these are the briefings compiled into the program rather than files.
    pub fn is_bundled(&self) -> bool {
        self.bundled
    }

    /// The id a user would type to reach an item.
    pub fn id_of(&self, item: ItemRef) -> String {
        match item {
            ItemRef::Briefing(i) => self.briefings[i].id.raw().to_owned(),
            ItemRef::Actor(i) => self.actors[i].id.raw().to_owned(),
            ItemRef::Event(i) => self.events[i].id.raw().to_owned(),
            ItemRef::Quote(i) => self.quotes[i].id.raw().to_owned(),
            ItemRef::Source(i) => {
                let s = &self.sources[i];
                format!("{}/{}", self.briefings[s.briefing].id.raw(), s.id.raw())
            }
        }
    }

    /// The id of an item as it may be shown: display-safe, on one line.
    pub fn display_id(&self, item: ItemRef) -> String {
        text::safe_line(&self.id_of(item))
    }

    /// The number of actors, events, quotes and sources: the items a user can search.
    pub fn item_count(&self) -> usize {
        self.actors.len() + self.events.len() + self.quotes.len() + self.sources.len()
    }

    /// How many of each item the view shows, as `check` prints them: with `--as-of`, only
    /// what the briefings known then describe, the same items `export` writes.
    pub fn counts(&self) -> Counts {
        Counts {
            briefings: self.briefings.iter().filter(|b| b.in_scope()).count(),
            actors: self.actors.iter().filter(|a| a.in_scope()).count(),
            relations: self.relations.iter().filter(|r| r.in_scope()).count(),
            events: self.events.iter().filter(|e| e.in_scope()).count(),
            quotes: self.quotes.iter().filter(|q| q.in_scope()).count(),
            sources: self
                .sources
                .iter()
                .filter(|s| self.briefings[s.briefing].in_scope())
                .count(),
        }
    }

    /// The actors a briefing involves: its own, then the actors from other files that its
    /// own versions of relations, events and quotes refer to, each once.
    ///
    /// Only this briefing's versions are read, never the shown ones: a later briefing that
    /// adds a participant to a shared event does not make that actor part of this one.
    pub fn actors_in(&self, b: BriefingIx) -> Vec<ActorIx> {
        let br = &self.briefings[b];
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        let mut add = |a: ActorIx| {
            if seen.insert(a) {
                out.push(a);
            }
        };
        br.actors.iter().for_each(|&a| add(a));
        for &r in &br.relations {
            add(self.relations[r].from);
            add(self.relations[r].to);
        }
        for e in br
            .events
            .iter()
            .filter_map(|&e| self.events[e].version_in(b))
        {
            e.actors.iter().for_each(|p| add(p.actor));
        }
        for q in br
            .quotes
            .iter()
            .filter_map(|&q| self.quotes[q].version_in(b))
        {
            add(q.speaker);
        }
        out
    }

    /// How many of a report's diagnostics are about briefings outside the view: not known
    /// on its date, or out of its scope. A file that gave the library no briefing (broken,
    /// or left out when linking) is placed where its `[briefing]` table puts it (see
    /// [`diag::Placement`]). A diagnostic of a file that nothing places (one that does not
    /// parse, the config) is never counted.
    pub fn diagnostics_outside_view(&self, report: &Report) -> usize {
        if self.view == View::default() || report.diagnostics.is_empty() {
            return 0;
        }
        let shown: std::collections::HashMap<&std::path::Path, bool> = self
            .briefings
            .iter()
            .map(|b| (b.path.as_path(), b.in_scope()))
            .collect();
        let outside: Vec<bool> = report
            .files
            .iter()
            .map(|f| match shown.get(f.path.as_path()) {
                Some(&in_scope) => !in_scope,
                None => f.placement.as_deref().is_some_and(|p| !self.places(p)),
            })
            .collect();
        report
            .diagnostics
            .iter()
            .filter(|d| d.file.and_then(|f| outside.get(f)) == Some(&true))
            .count()
    }

    /// Whether the view takes in a briefing the library does not have, placed as `p` says:
    /// known on the view's date, and in its scope (one briefing's scope takes in only that
    /// briefing, which the library has).
    fn places(&self, p: &diag::Placement) -> bool {
        self.view.knows(p.as_of) && self.view.scope.takes_in(None, &p.series)
    }

    /// Citations grouped by source, in first-cited order: `(source, [¶1, ¶4])`.
    pub fn cite_groups<'a>(&self, cites: &'a [Citation]) -> Vec<(SourceIx, Vec<&'a Text>)> {
        let mut groups: Vec<(SourceIx, Vec<&Text>)> = Vec::new();
        for c in cites {
            match groups.iter_mut().find(|(s, _)| *s == c.source) {
                Some((_, locs)) => locs.push(&c.locator),
                None => groups.push((c.source, vec![&c.locator])),
            }
        }
        groups
    }

    /// What cites a source: each actor, relation, event and quote of the source's briefing
    /// whose version there cites it, in that order (each kind in library order), with the
    /// locators that version gives, in its order. A source belongs to one briefing, so no
    /// other briefing's version can cite it.
    #[must_use]
    pub fn cited_by(&self, source: SourceIx) -> Vec<(Citer, Vec<&Text>)> {
        fn locators(cites: &[Citation], source: SourceIx) -> Vec<&Text> {
            cites
                .iter()
                .filter(|c| c.source == source)
                .map(|c| &c.locator)
                .collect()
        }
        let b = self.sources[source].briefing;
        let br = &self.briefings[b];
        let actors = br.actors.iter().filter_map(|&a| {
            let v = self.actors[a].version_in(b)?;
            Some((Citer::Item(ItemRef::Actor(a)), locators(&v.cite, source)))
        });
        let relations = br.relations.iter().filter_map(|&r| {
            let v = self.relations[r].version_in(b)?;
            Some((Citer::Relation(r), locators(&v.cite, source)))
        });
        let events = br.events.iter().filter_map(|&e| {
            let v = self.events[e].version_in(b)?;
            Some((Citer::Item(ItemRef::Event(e)), locators(&v.cite, source)))
        });
        let quotes = br.quotes.iter().filter_map(|&q| {
            let v = self.quotes[q].version_in(b)?;
            Some((Citer::Item(ItemRef::Quote(q)), locators(&v.cite, source)))
        });
        actors
            .chain(relations)
            .chain(events)
            .chain(quotes)
            .filter(|(_, locators)| !locators.is_empty())
            .collect()
    }

    /// Formats a citation as `source title ¶5`.
    pub fn cite_label(&self, c: &Citation) -> String {
        format!("{} {}", self.sources[c.source].id.safe(), c.locator.safe())
    }

    /// Short, safe text naming any item, for link rows and status lines: an actor another
    /// actor shares a name with is told apart by its id (`Ahmad Nouri (ahmad-nouri)`).
    pub fn label(&self, item: ItemRef) -> String {
        let label = self.label_str(item);
        match item {
            ItemRef::Actor(a) => self.with_id(a, label),
            _ => label.to_owned(),
        }
    }

    /// Whether another actor goes by a name or short name of the actor's, in any briefing:
    /// rows naming either would read alike. Names are compared as written, in every version,
    /// so that an actor is told apart the same way in every view.
    #[must_use]
    pub fn namesake(&self, a: ActorIx) -> bool {
        let namesakes = self.namesakes.0.get_or_init(|| {
            let mut out = vec![false; self.actors.len()];
            let mut first: std::collections::HashMap<&str, ActorIx> =
                std::collections::HashMap::new();
            for (i, actor) in self.actors.iter().enumerate() {
                let mut names: Vec<&str> = actor
                    .versions
                    .iter()
                    .flat_map(|v| {
                        std::iter::once(v.name.safe()).chain(v.short_name.as_ref().map(Text::safe))
                    })
                    .collect();
                names.sort_unstable();
                names.dedup();
                for name in names {
                    let one = *first.entry(name).or_insert(i);
                    if one != i {
                        out[one] = true;
                        out[i] = true;
                    }
                }
            }
            out.into_boxed_slice()
        });
        namesakes.get(a).copied().unwrap_or(false)
    }

    /// `name` (one of the actor's), followed by the actor's id where another actor goes by
    /// the same name (see [`Library::namesake`]).
    #[must_use]
    pub fn with_id(&self, a: ActorIx, name: &str) -> String {
        match self.namesake_id(a) {
            Some(id) => format!("{name} ({id})"),
            None => name.to_owned(),
        }
    }

    /// The actor's id where another actor goes by one of its names (see
    /// [`Library::namesake`]): what [`Library::with_id`] adds, for a narrow screen to keep
    /// whole when the name has to give way.
    #[must_use]
    pub fn namesake_id(&self, a: ActorIx) -> Option<&str> {
        self.namesake(a).then(|| self.actors[a].id.safe())
    }

    /// Quote `q`'s speaker as described when they spoke: the first briefing to describe
    /// them on or after the quote's date, if it is not later than the first briefing to
    /// give the quote; otherwise what that briefing knew of them (see
    /// [`Item::known_in`]). `None` when only later briefings describe the speaker. A
    /// quote given again verbatim by a later briefing keeps the role the speaker had: an
    /// interior minister's words of March are not an acting prime minister's of June.
    #[must_use]
    pub fn speaker_then(&self, q: QuoteIx) -> Option<&ActorVersion> {
        let quote = &self.quotes[q];
        let first = quote.versions[0].briefing;
        let actor = &self.actors[quote.speaker];
        let after = quote.date.earliest().and_then(|said| {
            actor
                .versions
                .iter()
                .take_while(|v| v.briefing <= first)
                .find(|v| order_key(self.briefings[v.briefing].as_of) >= said)
        });
        after.or_else(|| actor.known_in(first))
    }

    /// As [`Library::label`], borrowed.
    pub fn label_str(&self, item: ItemRef) -> &str {
        match item {
            ItemRef::Briefing(i) => self.briefings[i].title.safe(),
            ItemRef::Actor(i) => self.actors[i].name.safe(),
            ItemRef::Event(i) => self.events[i].title.safe(),
            ItemRef::Quote(i) => self.quotes[i].text.safe(),
            ItemRef::Source(i) => self.sources[i].title.safe(),
        }
    }
}

/// How many of each item a library holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub briefings: usize,
    pub actors: usize,
    pub relations: usize,
    pub events: usize,
    pub quotes: usize,
    pub sources: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "{}, {}, {}, {}, {}, {}",
            plural(self.briefings, "briefing", "briefings"),
            plural(self.actors, "actor", "actors"),
            plural(self.relations, "relation", "relations"),
            plural(self.events, "event", "events"),
            plural(self.quotes, "quote", "quotes"),
            plural(self.sources, "source", "sources"),
        )
    }
}
