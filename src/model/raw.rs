//! The file format as serde sees it: plain strings with their byte spans, before any
//! validation. `load` turns these into the model.

use serde::Deserialize;
use toml::Spanned;

pub type S = Spanned<String>;

#[derive(Debug, Deserialize)]
pub struct File {
    pub briefing: Spanned<Meta>,
    #[serde(default)]
    pub sources: Vec<Spanned<Source>>,
    #[serde(default)]
    pub actors: Vec<Spanned<Actor>>,
    #[serde(default)]
    pub relations: Vec<Spanned<Relation>>,
    #[serde(default)]
    pub events: Vec<Spanned<Event>>,
    #[serde(default)]
    pub quotes: Vec<Spanned<Quote>>,
}

/// A slice of a file parsed on its own: the same tables, none of them required. Large files
/// are parsed in such slices, so that the parser's document tree never holds a whole file.
#[derive(Debug, Default, Deserialize)]
pub struct Part {
    pub briefing: Option<Spanned<Meta>>,
    #[serde(default)]
    pub sources: Vec<Spanned<Source>>,
    #[serde(default)]
    pub actors: Vec<Spanned<Actor>>,
    #[serde(default)]
    pub relations: Vec<Spanned<Relation>>,
    #[serde(default)]
    pub events: Vec<Spanned<Event>>,
    #[serde(default)]
    pub quotes: Vec<Spanned<Quote>>,
}

/// The arrays of tables a file may split between (`[[actors]]` and so on).
pub const ARRAYS: &[&str] = &["sources", "actors", "relations", "events", "quotes"];

/// Moves every span by a number of bytes: a slice's spans become the file's.
pub trait Shift {
    #[must_use]
    fn shift(self, by: usize) -> Self;
}

impl Shift for String {
    fn shift(self, _: usize) -> Self {
        self
    }
}

impl<T: Shift> Shift for Spanned<T> {
    fn shift(self, by: usize) -> Self {
        let span = self.span();
        Spanned::new(span.start + by..span.end + by, self.into_inner().shift(by))
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(self, by: usize) -> Self {
        self.into_iter().map(|x| x.shift(by)).collect()
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(self, by: usize) -> Self {
        self.map(|x| x.shift(by))
    }
}

macro_rules! shift_fields {
    ($($t:ident { $($f:ident),* })*) => {$(
        impl Shift for $t {
            fn shift(self, by: usize) -> Self {
                Self { $($f: self.$f.shift(by)),* }
            }
        }
    )*};
}

shift_fields! {
    Part { briefing, sources, actors, relations, events, quotes }
    Meta { id, title, as_of, series, summary, key_points, tags }
    Source { id, title, kind, published, publisher, url, note, text_file }
    Cite { source, locator, excerpt }
    Actor { id, name, short_name, aliases, kind, role, affiliations, summary, cite }
    Relation { from, kind, to, note, cite }
    Participant { actor, role }
    Event { id, title, date, date_note, status, summary, actors, cite }
    Quote { id, kind, text, speaker, date, date_note, context, about, cite }
}

/// The top-level keys, for "did you mean" suggestions.
pub const FILE_KEYS: &[&str] = &[
    "briefing",
    "sources",
    "actors",
    "relations",
    "events",
    "quotes",
];

#[derive(Debug, Deserialize)]
pub struct Meta {
    pub id: S,
    pub title: S,
    pub as_of: S,
    pub series: Option<S>,
    pub summary: S,
    #[serde(default)]
    pub key_points: Vec<S>,
    #[serde(default)]
    pub tags: Vec<S>,
}

pub const META_KEYS: &[&str] = &[
    "id",
    "title",
    "as_of",
    "series",
    "summary",
    "key_points",
    "tags",
];

#[derive(Debug, Deserialize)]
pub struct Source {
    pub id: S,
    pub title: S,
    pub kind: S,
    pub published: Option<S>,
    pub publisher: Option<S>,
    pub url: Option<S>,
    pub note: Option<S>,
    /// A text file with the source's words, relative to the briefing's folder; locators
    /// `¶N` address its non-blank lines.
    pub text_file: Option<S>,
}

pub const SOURCE_KEYS: &[&str] = &[
    "id",
    "title",
    "kind",
    "published",
    "publisher",
    "url",
    "note",
    "text_file",
];

#[derive(Debug, Deserialize)]
pub struct Cite {
    pub source: S,
    pub locator: S,
    /// A short passage quoted verbatim from the cited place.
    pub excerpt: Option<S>,
}

pub const CITE_KEYS: &[&str] = &["source", "locator", "excerpt"];

#[derive(Debug, Deserialize)]
pub struct Actor {
    pub id: S,
    pub name: S,
    pub short_name: Option<S>,
    #[serde(default)]
    pub aliases: Vec<S>,
    pub kind: S,
    pub role: S,
    #[serde(default)]
    pub affiliations: Vec<S>,
    pub summary: Option<S>,
    pub cite: Spanned<Vec<Spanned<Cite>>>,
}

pub const ACTOR_KEYS: &[&str] = &[
    "id",
    "name",
    "short_name",
    "aliases",
    "kind",
    "role",
    "affiliations",
    "summary",
    "cite",
];

#[derive(Debug, Deserialize)]
pub struct Relation {
    pub from: S,
    pub kind: S,
    pub to: S,
    pub note: Option<S>,
    pub cite: Spanned<Vec<Spanned<Cite>>>,
}

pub const RELATION_KEYS: &[&str] = &["from", "kind", "to", "note", "cite"];

#[derive(Debug, Deserialize)]
pub struct Participant {
    pub actor: S,
    pub role: Option<S>,
}

pub const PARTICIPANT_KEYS: &[&str] = &["actor", "role"];

#[derive(Debug, Deserialize)]
pub struct Event {
    pub id: S,
    pub title: S,
    pub date: S,
    pub date_note: Option<S>,
    pub status: S,
    pub summary: Option<S>,
    #[serde(default)]
    pub actors: Vec<Spanned<Participant>>,
    pub cite: Spanned<Vec<Spanned<Cite>>>,
}

pub const EVENT_KEYS: &[&str] = &[
    "id",
    "title",
    "date",
    "date_note",
    "status",
    "summary",
    "actors",
    "cite",
];

#[derive(Debug, Deserialize)]
pub struct Quote {
    pub id: S,
    pub kind: S,
    pub text: S,
    pub speaker: S,
    pub date: S,
    pub date_note: Option<S>,
    pub context: Option<S>,
    #[serde(default)]
    pub about: Vec<S>,
    pub cite: Spanned<Vec<Spanned<Cite>>>,
}

pub const QUOTE_KEYS: &[&str] = &[
    "id",
    "kind",
    "text",
    "speaker",
    "date",
    "date_note",
    "context",
    "about",
    "cite",
];

/// The keys allowed at a path of table names, for unknown-key suggestions.
pub fn known_keys(path: &[&str]) -> &'static [&'static str] {
    match path {
        [] => FILE_KEYS,
        ["briefing"] => META_KEYS,
        ["sources"] => SOURCE_KEYS,
        ["actors"] => ACTOR_KEYS,
        ["relations"] => RELATION_KEYS,
        ["events"] => EVENT_KEYS,
        ["quotes"] => QUOTE_KEYS,
        ["events", "actors"] => PARTICIPANT_KEYS,
        [_, "cite"] => CITE_KEYS,
        _ => &[],
    }
}
