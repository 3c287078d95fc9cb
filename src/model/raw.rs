//! The file format as serde sees it, before any validation: every field optional and
//! every value lenient (see [`super::lenient`]), with its byte span. `check` turns these
//! into drafts, reporting every missing field and every value of the wrong type at once.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

pub use super::lenient::{Found, List, Str, Tab};

pub type S = Spanned<Str>;

/// A list of tables, each with its span (its header, or the inline table).
pub type Tables<T> = Spanned<List<Spanned<Tab<T>>>>;

/// A file, or a slice of one parsed on its own (see `parse`): every table optional. Large
/// files are parsed in such slices, so that the parser's document tree never holds a whole
/// file.
#[derive(Debug, Default, Deserialize)]
pub struct Part {
    pub briefing: Option<Spanned<Tab<Meta>>>,
    pub sources: Option<Tables<Source>>,
    pub actors: Option<Tables<Actor>>,
    pub relations: Option<Tables<Relation>>,
    pub events: Option<Tables<Event>>,
    pub quotes: Option<Tables<Quote>>,
}

/// A top-level list that was not a list of tables (`[actors]`, `sources = "x"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongList {
    pub name: &'static str,
    pub span: Range<usize>,
    pub found: Found,
}

/// A whole file: its parts joined, the arrays of tables as plain lists.
#[derive(Debug, Default)]
pub struct File {
    pub briefing: Option<Spanned<Tab<Meta>>>,
    pub sources: Vec<Spanned<Tab<Source>>>,
    pub actors: Vec<Spanned<Tab<Actor>>>,
    pub relations: Vec<Spanned<Tab<Relation>>>,
    pub events: Vec<Spanned<Tab<Event>>>,
    pub quotes: Vec<Spanned<Tab<Quote>>>,
    pub wrong: Vec<WrongList>,
}

impl File {
    /// Appends a part's tables (already shifted to file offsets). A second `[briefing]`
    /// cannot happen: the parser rejects it, and slicing falls back to a whole parse.
    pub fn extend(&mut self, p: Part) {
        if p.briefing.is_some() {
            self.briefing = p.briefing;
        }
        take(&mut self.sources, p.sources, "sources", &mut self.wrong);
        take(&mut self.actors, p.actors, "actors", &mut self.wrong);
        take(
            &mut self.relations,
            p.relations,
            "relations",
            &mut self.wrong,
        );
        take(&mut self.events, p.events, "events", &mut self.wrong);
        take(&mut self.quotes, p.quotes, "quotes", &mut self.wrong);
    }
}

fn take<T>(
    into: &mut Vec<Spanned<Tab<T>>>,
    list: Option<Tables<T>>,
    name: &'static str,
    wrong: &mut Vec<WrongList>,
) {
    let Some(list) = list else { return };
    let span = list.span();
    match list.into_inner() {
        List::Ok(items) if into.is_empty() => *into = items,
        List::Ok(items) => into.extend(items),
        List::Wrong(found) => wrong.push(WrongList { name, span, found }),
    }
}

/// The length of one of a part's arrays of tables.
pub fn len_of(p: &Part, name: &str) -> usize {
    fn len<T>(l: Option<&Tables<T>>) -> usize {
        l.map_or(0, |l| l.get_ref().len())
    }
    match name {
        "sources" => len(p.sources.as_ref()),
        "actors" => len(p.actors.as_ref()),
        "relations" => len(p.relations.as_ref()),
        "events" => len(p.events.as_ref()),
        "quotes" => len(p.quotes.as_ref()),
        _ => 0,
    }
}

/// The arrays of tables a file may split between (`[[actors]]` and so on).
pub const ARRAYS: &[&str] = &["sources", "actors", "relations", "events", "quotes"];

/// Moves every span by a number of bytes: a slice's spans become the file's.
pub trait Shift {
    #[must_use]
    fn shift(self, by: usize) -> Self;
}

impl Shift for Str {
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

impl<T: Shift> Shift for Option<T> {
    fn shift(self, by: usize) -> Self {
        self.map(|x| x.shift(by))
    }
}

impl<T: Shift> Shift for List<T> {
    fn shift(self, by: usize) -> Self {
        match self {
            Self::Ok(v) => Self::Ok(v.into_iter().map(|x| x.shift(by)).collect()),
            wrong @ Self::Wrong(_) => wrong,
        }
    }
}

impl<T: Shift> Shift for Tab<T> {
    fn shift(self, by: usize) -> Self {
        match self {
            Self::Ok(t) => Self::Ok(t.shift(by)),
            wrong @ Self::Wrong(_) => wrong,
        }
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

#[derive(Debug, Default, Deserialize)]
pub struct Meta {
    pub id: Option<S>,
    pub title: Option<S>,
    pub as_of: Option<S>,
    pub series: Option<S>,
    pub summary: Option<S>,
    pub key_points: Option<Spanned<List<S>>>,
    pub tags: Option<Spanned<List<S>>>,
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

#[derive(Debug, Default, Deserialize)]
pub struct Source {
    pub id: Option<S>,
    pub title: Option<S>,
    pub kind: Option<S>,
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

#[derive(Debug, Default, Deserialize)]
pub struct Cite {
    pub source: Option<S>,
    pub locator: Option<S>,
    /// A short passage quoted verbatim from the cited place.
    pub excerpt: Option<S>,
}

pub const CITE_KEYS: &[&str] = &["source", "locator", "excerpt"];

/// Citations, as items write them: `cite = [{ source = "…", locator = "…" }]`.
pub type Cites = Option<Tables<Cite>>;

#[derive(Debug, Default, Deserialize)]
pub struct Actor {
    pub id: Option<S>,
    pub name: Option<S>,
    pub short_name: Option<S>,
    pub aliases: Option<Spanned<List<S>>>,
    pub kind: Option<S>,
    pub role: Option<S>,
    pub affiliations: Option<Spanned<List<S>>>,
    pub summary: Option<S>,
    pub cite: Cites,
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

#[derive(Debug, Default, Deserialize)]
pub struct Relation {
    pub from: Option<S>,
    pub kind: Option<S>,
    pub to: Option<S>,
    pub note: Option<S>,
    pub cite: Cites,
}

pub const RELATION_KEYS: &[&str] = &["from", "kind", "to", "note", "cite"];

#[derive(Debug, Default, Deserialize)]
pub struct Participant {
    pub actor: Option<S>,
    pub role: Option<S>,
}

pub const PARTICIPANT_KEYS: &[&str] = &["actor", "role"];

#[derive(Debug, Default, Deserialize)]
pub struct Event {
    pub id: Option<S>,
    pub title: Option<S>,
    pub date: Option<S>,
    pub date_note: Option<S>,
    pub status: Option<S>,
    pub summary: Option<S>,
    pub actors: Option<Tables<Participant>>,
    pub cite: Cites,
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

#[derive(Debug, Default, Deserialize)]
pub struct Quote {
    pub id: Option<S>,
    pub kind: Option<S>,
    pub text: Option<S>,
    pub speaker: Option<S>,
    pub date: Option<S>,
    pub date_note: Option<S>,
    pub context: Option<S>,
    pub about: Option<Spanned<List<S>>>,
    pub cite: Cites,
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

/// Every table of the format with the keys the loader accepts in it: `""` is the top level,
/// `cite` a citation, `participant` an entry of an event's `actors`. The JSON Schema's sync
/// test reads this list, so a key added here must be added to the schema too.
pub const FORMAT: &[(&str, &[&str])] = &[
    ("", FILE_KEYS),
    ("briefing", META_KEYS),
    ("sources", SOURCE_KEYS),
    ("actors", ACTOR_KEYS),
    ("relations", RELATION_KEYS),
    ("events", EVENT_KEYS),
    ("quotes", QUOTE_KEYS),
    ("cite", CITE_KEYS),
    ("participant", PARTICIPANT_KEYS),
];

#[cfg(test)]
mod tests {
    use std::fmt;

    use serde::de::{self, Deserializer, Visitor};

    use super::*;

    /// A deserializer that only records the field names serde's derive asks for.
    struct Probe<'a>(&'a mut Vec<&'static str>);

    #[derive(Debug)]
    struct Stop;

    impl fmt::Display for Stop {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("stop")
        }
    }

    impl std::error::Error for Stop {}

    impl de::Error for Stop {
        fn custom<T: fmt::Display>(_: T) -> Self {
            Self
        }
    }

    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = Stop;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0.extend_from_slice(fields);
            Err(Stop)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    fn fields<T: for<'de> Deserialize<'de>>() -> Vec<&'static str> {
        let mut out = Vec::new();
        let _ = T::deserialize(Probe(&mut out));
        out
    }

    /// The key lists that suggestions, the schema test and the docs use are exactly the
    /// fields serde accepts.
    #[test]
    fn key_lists_are_the_fields_the_loader_accepts() {
        assert_eq!(fields::<Part>(), FILE_KEYS);
        assert_eq!(fields::<Meta>(), META_KEYS);
        assert_eq!(fields::<Source>(), SOURCE_KEYS);
        assert_eq!(fields::<Cite>(), CITE_KEYS);
        assert_eq!(fields::<Actor>(), ACTOR_KEYS);
        assert_eq!(fields::<Relation>(), RELATION_KEYS);
        assert_eq!(fields::<Participant>(), PARTICIPANT_KEYS);
        assert_eq!(fields::<Event>(), EVENT_KEYS);
        assert_eq!(fields::<Quote>(), QUOTE_KEYS);
    }
}
