//! What changed from one version of an item to the next, field by field.
//!
//! Each kind of item lists its fields as plain values: text as the author wrote it, and
//! references as the ids they name, so that versions from different files (or different
//! libraries, for `briefing diff`) compare by meaning. Citations and the briefing are never
//! compared: each version cites its own briefing's sources, and that citation is the
//! evidence for the change.

use super::item::{ActorVersion, EventVersion, QuoteVersion, RelationVersion, Subject};
use super::{Library, Text};

/// One field's value, in the author's exact text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Not given.
    None,
    One(String),
    /// A list (aliases, affiliations, participants); compared as a list, shown as what was
    /// added and removed.
    Many(Vec<String>),
}

impl Value {
    fn opt(t: Option<&Text>) -> Self {
        t.map_or(Self::None, |t| Self::One(t.raw().to_owned()))
    }

    fn one(t: &Text) -> Self {
        Self::One(t.raw().to_owned())
    }

    /// A one-line rendering: lists joined with ", ", absent values as "(none)".
    pub fn render(&self) -> String {
        match self {
            Self::None => "(none)".to_owned(),
            Self::One(s) => s.clone(),
            Self::Many(v) if v.is_empty() => "(none)".to_owned(),
            Self::Many(v) => v.join(", "),
        }
    }
}

/// A named field of a version.
pub type Field = (&'static str, Value);

/// How one field changed between two versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Value,
    pub new: Value,
}

impl FieldChange {
    /// For list fields: what was added and what was removed.
    pub fn added_removed(&self) -> Option<(Vec<&str>, Vec<&str>)> {
        let (Value::Many(old), Value::Many(new)) = (&self.old, &self.new) else {
            return None;
        };
        let added = new.iter().filter(|x| !old.contains(x)).map(String::as_str);
        let removed = old.iter().filter(|x| !new.contains(x)).map(String::as_str);
        Some((added.collect(), removed.collect()))
    }
}

/// The changes from `old` to `new`, in field order.
pub fn diff_fields(old: &[Field], new: &[Field]) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for (name, value) in new {
        let before = old
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&Value::None, |(_, v)| v);
        if before != value {
            out.push(FieldChange {
                field: name,
                old: before.clone(),
                new: value.clone(),
            });
        }
    }
    out
}

/// The fields of an actor version.
pub fn actor_fields(lib: &Library, v: &ActorVersion) -> Vec<Field> {
    vec![
        ("name", Value::one(&v.name)),
        ("short_name", Value::opt(v.short_name.as_ref())),
        (
            "aliases",
            Value::Many(v.aliases.iter().map(|a| a.raw().to_owned()).collect()),
        ),
        ("kind", Value::One(v.kind.as_str().to_owned())),
        ("role", Value::one(&v.role)),
        (
            "affiliations",
            Value::Many(
                v.affiliations
                    .iter()
                    .map(|&a| lib.actors[a].id.raw().to_owned())
                    .collect(),
            ),
        ),
        ("summary", Value::opt(v.summary.as_ref())),
    ]
}

/// The fields of an event version.
pub fn event_fields(lib: &Library, v: &EventVersion) -> Vec<Field> {
    let actors = v
        .actors
        .iter()
        .map(|p| {
            let id = lib.actors[p.actor].id.raw();
            match &p.role {
                Some(role) => format!("{id} ({})", role.raw()),
                None => id.to_owned(),
            }
        })
        .collect();
    vec![
        ("title", Value::one(&v.title)),
        ("date", Value::One(v.date.to_string())),
        ("date_note", Value::opt(v.date_note.as_ref())),
        ("status", Value::One(v.status.as_str().to_owned())),
        ("summary", Value::opt(v.summary.as_ref())),
        ("actors", Value::Many(actors)),
    ]
}

/// The fields of a quote version.
pub fn quote_fields(lib: &Library, v: &QuoteVersion) -> Vec<Field> {
    let about = v
        .about
        .iter()
        .map(|s| match *s {
            Subject::Actor(a) => lib.actors[a].id.raw().to_owned(),
            Subject::Event(e) => lib.events[e].id.raw().to_owned(),
        })
        .collect();
    vec![
        ("kind", Value::One(v.kind.as_str().to_owned())),
        ("text", Value::one(&v.text)),
        (
            "speaker",
            Value::One(lib.actors[v.speaker].id.raw().to_owned()),
        ),
        ("date", Value::One(v.date.to_string())),
        ("date_note", Value::opt(v.date_note.as_ref())),
        ("context", Value::opt(v.context.as_ref())),
        ("about", Value::Many(about)),
    ]
}

/// The fields of a relation statement.
pub fn relation_fields(v: &RelationVersion) -> Vec<Field> {
    vec![("note", Value::opt(v.note.as_ref()))]
}

fn same_text(a: &Text, b: &Text) -> bool {
    a.raw() == b.raw()
}

fn same_opt(a: Option<&Text>, b: Option<&Text>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_text(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn same_list(a: &[Text], b: &[Text]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_text(x, y))
}

/// Whether two actor versions say the same thing (citations aside). Cheaper than
/// comparing their fields, for marking every item of a big library.
pub fn actor_same(a: &ActorVersion, b: &ActorVersion) -> bool {
    same_text(&a.name, &b.name)
        && same_opt(a.short_name.as_ref(), b.short_name.as_ref())
        && same_list(&a.aliases, &b.aliases)
        && a.kind == b.kind
        && same_text(&a.role, &b.role)
        && a.affiliations == b.affiliations
        && same_opt(a.summary.as_ref(), b.summary.as_ref())
}

/// Whether two event versions say the same thing (citations aside).
pub fn event_same(a: &EventVersion, b: &EventVersion) -> bool {
    same_text(&a.title, &b.title)
        && a.date == b.date
        && same_opt(a.date_note.as_ref(), b.date_note.as_ref())
        && a.status == b.status
        && same_opt(a.summary.as_ref(), b.summary.as_ref())
        && a.actors.len() == b.actors.len()
        && a.actors
            .iter()
            .zip(&b.actors)
            .all(|(x, y)| x.actor == y.actor && same_opt(x.role.as_ref(), y.role.as_ref()))
}

/// Whether two quote versions say the same thing (citations aside).
pub fn quote_same(a: &QuoteVersion, b: &QuoteVersion) -> bool {
    a.kind == b.kind
        && same_text(&a.text, &b.text)
        && a.speaker == b.speaker
        && a.date == b.date
        && same_opt(a.date_note.as_ref(), b.date_note.as_ref())
        && same_opt(a.context.as_ref(), b.context.as_ref())
        && a.about == b.about
}

/// One step of an item's history: the version, and what changed from the one before it
/// (empty for the first version, or when nothing changed).
#[derive(Clone, Debug)]
pub struct Step<'a, V> {
    pub version: &'a V,
    pub changes: Vec<FieldChange>,
}

impl Library {
    /// The known history of an actor, step by step.
    pub fn actor_history(&self, i: super::ActorIx) -> Vec<Step<'_, ActorVersion>> {
        steps(self.actors[i].history(), |v| actor_fields(self, v))
    }

    /// The known history of an event, step by step.
    pub fn event_history(&self, i: super::EventIx) -> Vec<Step<'_, EventVersion>> {
        steps(self.events[i].history(), |v| event_fields(self, v))
    }

    /// The known history of a quote, step by step.
    pub fn quote_history(&self, i: super::QuoteIx) -> Vec<Step<'_, QuoteVersion>> {
        steps(self.quotes[i].history(), |v| quote_fields(self, v))
    }

    /// The known history of a relation, statement by statement.
    pub fn relation_history(&self, i: super::RelationIx) -> Vec<Step<'_, RelationVersion>> {
        steps(self.relations[i].history(), relation_fields)
    }
}

fn steps<V>(versions: &[V], fields: impl Fn(&V) -> Vec<Field>) -> Vec<Step<'_, V>> {
    let mut out = Vec::with_capacity(versions.len());
    let mut prev: Option<Vec<Field>> = None;
    for v in versions {
        let now = fields(v);
        let changes = prev
            .as_ref()
            .map(|p| diff_fields(p, &now))
            .unwrap_or_default();
        out.push(Step {
            version: v,
            changes,
        });
        prev = Some(now);
    }
    out
}
