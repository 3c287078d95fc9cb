//! What changed from one version of an item to the next, field by field.
//!
//! Each kind of item lists its fields as plain values: text as the author wrote it, and
//! references as the ids they name, so that versions from different files (or different
//! libraries, for `briefing diff`) compare by meaning. Citations and the briefing are never
//! compared: each version cites its own briefing's sources, and that citation is the
//! evidence for the change.

use std::collections::{HashMap, HashSet};

use super::item::{ActorVersion, EventVersion, QuoteVersion, RelationVersion, Subject};
use super::{Library, Text};

/// One field's value, in the author's exact text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Not given.
    None,
    One(String),
    /// A list (aliases, affiliations, participants); compared as a list, shown as what was
    /// added and removed, and for participants whose role changed.
    Many(Vec<Entry>),
}

/// One item of a list field: an alias, or an id, and for an event's participant the role
/// given.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    pub text: String,
    pub role: Option<String>,
}

impl Entry {
    /// An entry without a role.
    #[must_use]
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            role: None,
        }
    }
}

/// `text`, or `text (role)`: how a list's item reads on one line, and how the JSON export
/// and the reading state's hash give it.
impl std::fmt::Display for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.role {
            Some(role) => write!(f, "{} ({role})", self.text),
            None => f.write_str(&self.text),
        }
    }
}

impl Value {
    fn opt(t: Option<&Text>) -> Self {
        t.map_or(Self::None, |t| Self::One(t.raw().to_owned()))
    }

    fn one(t: &Text) -> Self {
        Self::One(t.raw().to_owned())
    }

    /// A one-line rendering: lists joined with ", ", an empty list as "(none)", an absent
    /// value as "(not given)", as the detail views' History says it.
    pub fn render(&self) -> String {
        match self {
            Self::None => "(not given)".to_owned(),
            Self::One(s) => s.clone(),
            Self::Many(v) if v.is_empty() => "(none)".to_owned(),
            Self::Many(v) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A named field of a version.
pub type Field = (&'static str, Value);

/// The fields whose values are ids of items (an actor's affiliations, an event's
/// participants, a quote's speaker and what it is about): `diff` gives them as written, the
/// browser by the items' names.
pub const ID_FIELDS: [&str; 4] = ["affiliations", "actors", "speaker", "about"];

/// How one field changed between two versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Value,
    pub new: Value,
}

/// How a list field changed: the entries added (in the new list's order) and removed (in
/// the old list's order), and the items in both whose role changed, (old, new) in the new
/// list's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListChange<'a> {
    pub added: Vec<&'a Entry>,
    pub removed: Vec<&'a Entry>,
    pub roles: Vec<(&'a Entry, &'a Entry)>,
}

impl FieldChange {
    /// For list fields, what changed. An item in both lists with another role (a
    /// participant who took another part, or none) is one change of its role, not an item
    /// added and the same item removed. Linear: each list is looked up in a set of the
    /// other.
    pub fn list_change(&self) -> Option<ListChange<'_>> {
        let (Value::Many(old), Value::Many(new)) = (&self.old, &self.new) else {
            return None;
        };
        let added = missing(new, old);
        let removed = missing(old, new);
        // Each removed entry pairs with the first added entry of the same item, once.
        let mut gone: HashMap<&str, Vec<usize>, foldhash::fast::RandomState> = HashMap::default();
        for (i, e) in removed.iter().enumerate().rev() {
            gone.entry(e.text.as_str()).or_default().push(i);
        }
        let mut paired = vec![false; removed.len()];
        let mut out = ListChange {
            added: Vec::new(),
            removed: Vec::new(),
            roles: Vec::new(),
        };
        for e in added {
            match gone.get_mut(e.text.as_str()).and_then(Vec::pop) {
                Some(i) => {
                    paired[i] = true;
                    out.roles.push((removed[i], e));
                }
                None => out.added.push(e),
            }
        }
        out.removed = removed
            .into_iter()
            .zip(paired)
            .filter(|(_, p)| !p)
            .map(|(e, _)| e)
            .collect();
        Some(out)
    }
}

impl ListChange<'_> {
    /// The changes as lines: the items added and removed on one (`+item (role), -item`),
    /// then each item whose role changed on its own (`item: role "old" → "new"`, `none`
    /// where it has none). `name` gives an item (its id, or its name) and `text` an
    /// author's text (a role), as the caller shows them: `diff` and the browser word a
    /// change alike.
    pub fn lines(
        &self,
        name: impl Fn(&str) -> String,
        text: impl Fn(&str) -> String,
    ) -> Vec<String> {
        let entry = |e: &Entry| match &e.role {
            Some(role) => format!("{} ({})", name(&e.text), text(role)),
            None => name(&e.text),
        };
        let role = |e: &Entry| {
            e.role
                .as_deref()
                .map_or_else(|| "none".to_owned(), |r| format!("\"{}\"", text(r)))
        };
        let mut parts: Vec<String> = self
            .added
            .iter()
            .map(|e| format!("+{}", entry(e)))
            .collect();
        parts.extend(self.removed.iter().map(|e| format!("-{}", entry(e))));
        let mut out = Vec::with_capacity(1 + self.roles.len());
        if !parts.is_empty() {
            out.push(parts.join(", "));
        }
        out.extend(
            self.roles.iter().map(|(old, new)| {
                format!("{}: role {} → {}", name(&new.text), role(old), role(new))
            }),
        );
        out
    }
}

/// The items of `list` that `other` lacks, in `list`'s order.
fn missing<'a>(list: &'a [Entry], other: &[Entry]) -> Vec<&'a Entry> {
    let other: HashSet<&Entry, foldhash::fast::RandomState> = other.iter().collect();
    list.iter().filter(|x| !other.contains(x)).collect()
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
            Value::Many(v.aliases.iter().map(|a| Entry::plain(a.raw())).collect()),
        ),
        ("kind", Value::One(v.kind.as_str().to_owned())),
        ("role", Value::one(&v.role)),
        (
            "affiliations",
            Value::Many(
                v.affiliations
                    .iter()
                    .map(|&a| Entry::plain(lib.actors[a].id.raw()))
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
        .map(|p| Entry {
            text: lib.actors[p.actor].id.raw().to_owned(),
            role: p.role.as_ref().map(|r| r.raw().to_owned()),
        })
        .collect();
    vec![
        ("title", Value::one(&v.title)),
        ("date", Value::One(v.date.to_string())),
        ("date_note", Value::opt(v.date_note.as_deref())),
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
        .map(|s| {
            Entry::plain(match *s {
                Subject::Actor(a) => lib.actors[a].id.raw(),
                Subject::Event(e) => lib.events[e].id.raw(),
            })
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
        ("date_note", Value::opt(v.date_note.as_deref())),
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

/// Collects the names of the fields that differ, in field order.
#[derive(Default)]
struct Differ(Vec<&'static str>);

impl Differ {
    fn field(&mut self, name: &'static str, same: bool) -> &mut Self {
        if !same {
            self.0.push(name);
        }
        self
    }
}

/// The fields in which two actor versions differ (citations aside), in field order: the
/// names [`diff_fields`] gives for their [`actor_fields`], without copying any value.
/// Cheap enough to mark every item of a big library, or to list an item's changes on every
/// frame.
pub fn actor_changes(a: &ActorVersion, b: &ActorVersion) -> Vec<&'static str> {
    let mut d = Differ::default();
    d.field("name", same_text(&a.name, &b.name))
        .field(
            "short_name",
            same_opt(a.short_name.as_ref(), b.short_name.as_ref()),
        )
        .field("aliases", same_list(&a.aliases, &b.aliases))
        .field("kind", a.kind == b.kind)
        .field("role", same_text(&a.role, &b.role))
        .field("affiliations", a.affiliations == b.affiliations)
        .field("summary", same_opt(a.summary.as_ref(), b.summary.as_ref()));
    d.0
}

/// The fields in which two event versions differ (citations aside): see
/// [`actor_changes`].
pub fn event_changes(a: &EventVersion, b: &EventVersion) -> Vec<&'static str> {
    let mut d = Differ::default();
    d.field("title", same_text(&a.title, &b.title))
        .field("date", a.date == b.date)
        .field(
            "date_note",
            same_opt(a.date_note.as_deref(), b.date_note.as_deref()),
        )
        .field("status", a.status == b.status)
        .field("summary", same_opt(a.summary.as_ref(), b.summary.as_ref()))
        .field(
            "actors",
            a.actors.len() == b.actors.len()
                && a.actors
                    .iter()
                    .zip(&b.actors)
                    .all(|(x, y)| x.actor == y.actor && same_opt(x.role.as_ref(), y.role.as_ref())),
        );
    d.0
}

/// The fields in which two quote versions differ (citations aside): see
/// [`actor_changes`].
pub fn quote_changes(a: &QuoteVersion, b: &QuoteVersion) -> Vec<&'static str> {
    let mut d = Differ::default();
    d.field("kind", a.kind == b.kind)
        .field("text", same_text(&a.text, &b.text))
        .field("speaker", a.speaker == b.speaker)
        .field("date", a.date == b.date)
        .field(
            "date_note",
            same_opt(a.date_note.as_deref(), b.date_note.as_deref()),
        )
        .field("context", same_opt(a.context.as_ref(), b.context.as_ref()))
        .field("about", a.about == b.about);
    d.0
}

/// Whether two actor versions say the same thing (citations aside).
pub fn actor_same(a: &ActorVersion, b: &ActorVersion) -> bool {
    actor_changes(a, b).is_empty()
}

/// Whether two event versions say the same thing (citations aside).
pub fn event_same(a: &EventVersion, b: &EventVersion) -> bool {
    event_changes(a, b).is_empty()
}

/// Whether two quote versions say the same thing (citations aside).
pub fn quote_same(a: &QuoteVersion, b: &QuoteVersion) -> bool {
    quote_changes(a, b).is_empty()
}

/// One step of an item's history: the version, and what changed from the one before it
/// (empty for the first version, or when nothing changed).
#[derive(Clone, Debug)]
pub struct Step<'a, V> {
    pub version: &'a V,
    pub changes: Vec<FieldChange>,
}

impl Library {
    /// The fields the shown version of an item changed from the one before it, e.g.
    /// `["status", "date"]`: what its "changed" mark is judged on. With one briefing in
    /// scope, that is the briefing's version, whatever later briefings say. Empty for an
    /// item whose shown version is its first, a briefing or a source.
    pub fn last_changes(&self, item: super::ItemRef) -> Vec<&'static str> {
        fn shown_two<V>(
            item: &super::Item<V>,
            changes: fn(&V, &V) -> Vec<&'static str>,
        ) -> Vec<&'static str> {
            let shown = item.shown_index();
            match shown.checked_sub(1) {
                Some(before) if shown < item.history().len() => {
                    changes(&item.versions[before], &item.versions[shown])
                }
                _ => Vec::new(),
            }
        }
        match item {
            super::ItemRef::Actor(i) => shown_two(&self.actors[i], actor_changes),
            super::ItemRef::Event(i) => shown_two(&self.events[i], event_changes),
            super::ItemRef::Quote(i) => shown_two(&self.quotes[i], quote_changes),
            super::ItemRef::Briefing(_) | super::ItemRef::Source(_) => Vec::new(),
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn many(items: &[&str]) -> Value {
        Value::Many(items.iter().map(|&s| Entry::plain(s)).collect())
    }

    fn texts(entries: &[&Entry]) -> Vec<String> {
        entries.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn added_and_removed_keep_each_lists_order() {
        let c = FieldChange {
            field: "aliases",
            old: many(&["d", "a", "b", "a"]),
            new: many(&["c", "b", "e", "c"]),
        };
        let list = c.list_change().unwrap();
        assert_eq!(texts(&list.added), ["c", "e", "c"]);
        assert_eq!(texts(&list.removed), ["d", "a", "a"]);
        assert!(list.roles.is_empty());
        let one = FieldChange {
            field: "name",
            old: Value::One("a".into()),
            new: Value::One("b".into()),
        };
        assert_eq!(one.list_change(), None);
    }

    /// A participant in both versions whose role changed, or who gained or lost one, is a
    /// change of their role: never the same actor both added and removed.
    #[test]
    fn a_participant_in_both_versions_changes_role() {
        let part = |text: &str, role: Option<&str>| Entry {
            text: text.to_owned(),
            role: role.map(str::to_owned),
        };
        let c = FieldChange {
            field: "actors",
            old: Value::Many(vec![
                part("kasnia", None),
                part("kasnia-cpd", Some("sandbagging the breach")),
                part("eu", Some("proposed it")),
                part("mrc", None),
            ]),
            new: Value::Many(vec![
                part("mrc", Some("host")),
                part("kasnia", None),
                part("un-ocha", Some("co-chair")),
                part("eu", Some("convenes it")),
                part("kasnia-cpd", None),
            ]),
        };
        let list = c.list_change().unwrap();
        assert_eq!(texts(&list.added), ["un-ocha (co-chair)"]);
        assert!(list.removed.is_empty());
        assert_eq!(
            list.lines(str::to_owned, str::to_owned),
            [
                "+un-ocha (co-chair)",
                "mrc: role none → \"host\"",
                "eu: role \"proposed it\" → \"convenes it\"",
                "kasnia-cpd: role \"sandbagging the breach\" → none",
            ]
        );
        // Items are named, and texts shown, as the caller says.
        let named = list.lines(|id| format!("<{id}>"), str::to_uppercase);
        assert_eq!(named[0], "+<un-ocha> (CO-CHAIR)");
        assert_eq!(
            named[3],
            "<kasnia-cpd>: role \"SANDBAGGING THE BREACH\" → none"
        );
        // Added and removed share a line.
        let c = FieldChange {
            field: "actors",
            old: many(&["a", "b"]),
            new: many(&["c", "a"]),
        };
        assert_eq!(
            c.list_change().unwrap().lines(str::to_owned, str::to_owned),
            ["+c, -b"]
        );
    }

    /// Participants are given in the JSON export and hashed for read marks as they always
    /// were: `id (role)`.
    #[test]
    fn an_entry_reads_as_its_text_and_role() {
        let e = Entry {
            text: "eu".into(),
            role: Some("co-chair".into()),
        };
        assert_eq!(e.to_string(), "eu (co-chair)");
        assert_eq!(Entry::plain("eu").to_string(), "eu");
        let v = Value::Many(vec![e, Entry::plain("mrc")]);
        assert_eq!(v.render(), "eu (co-chair), mrc");
    }

    /// The changes compared in place name the same fields as the changes of the fields.
    #[test]
    fn last_changes_are_the_last_steps_changes() {
        fn last_step<V>(steps: &[Step<'_, V>]) -> Vec<&'static str> {
            let step = steps.last().unwrap();
            step.changes.iter().map(|c| c.field).collect()
        }
        let inputs = crate::synth::generate_series(60, 6, 3)
            .into_iter()
            .map(|(path, text)| (path, Ok(text.into_bytes())))
            .collect();
        let (lib, _) = crate::model::load_sources(inputs, crate::model::LoadOptions::default());
        let mut changed = 0;
        let items = (0..lib.actors.len())
            .map(|i| {
                (
                    crate::model::ItemRef::Actor(i),
                    last_step(&lib.actor_history(i)),
                )
            })
            .chain((0..lib.events.len()).map(|i| {
                (
                    crate::model::ItemRef::Event(i),
                    last_step(&lib.event_history(i)),
                )
            }))
            .chain((0..lib.quotes.len()).map(|i| {
                (
                    crate::model::ItemRef::Quote(i),
                    last_step(&lib.quote_history(i)),
                )
            }));
        for (item, names) in items {
            assert_eq!(lib.last_changes(item), names, "{item:?}");
            changed += usize::from(!names.is_empty());
        }
        assert!(changed > 20, "{changed} items changed");
    }
}
