//! What changed between two states of a library: items added, removed and changed field by
//! field, and relations no longer restated, each with the citation of its newer version.
//!
//! Items are matched by id, relations by their two actors' ids and their kind, so the two
//! states may come from different files, different folders or different views of one
//! library (`--since`).

use serde::Serialize;

use super::history::{self, FieldChange, Value};
use super::item::Version;
use super::{BriefingIx, Citation, ItemRef, Library};

/// The kind of a changed item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Actor,
    Event,
    Quote,
    Relation,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Actor => "actor",
            Self::Event => "event",
            Self::Quote => "quote",
            Self::Relation => "relation",
        }
    }
}

/// What happened to an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed(Vec<FieldChange>),
    /// A relation the newer state describes both actors of, without stating it again.
    NotRestated,
}

impl ChangeKind {
    /// `+`, `-`, `~` or `?`, as the text layout shows it.
    pub fn sign(&self) -> char {
        match self {
            Self::Added => '+',
            Self::Removed => '-',
            Self::Changed(_) => '~',
            Self::NotRestated => '?',
        }
    }

    pub fn word(&self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Changed(_) => "changed",
            Self::NotRestated => "not restated",
        }
    }
}

/// The briefing behind a change, for its citation line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BriefingRef {
    pub id: String,
    pub as_of: String,
}

/// One changed item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ItemKind,
    /// The id, or `from kind to` for a relation: the author's exact text.
    pub id: String,
    /// The name, title or quote text, or `From → kind → To`: the author's exact text.
    pub label: String,
    pub change: ChangeKind,
    /// The briefing whose version the change rests on: the newer one, the older one for a
    /// removal, and the last that stated a relation for "not restated".
    pub briefing: Option<BriefingRef>,
    /// For a relation no longer stated (a "not restated" change, or one added or changed
    /// before): the first later briefing that describes both actors without stating it.
    pub since: Option<BriefingRef>,
    /// Its citations, grouped by source (e.g. `article ¶3, ¶5`).
    pub cite: Vec<String>,
    /// The item in the newer library, to jump to (a relation's `from` actor).
    pub item: Option<ItemRef>,
    /// An added item's fields as the newer state gives them, a removed one's as the older
    /// gave them, the ones given only; empty for other changes.
    pub content: Vec<history::Field>,
}

impl Change {
    /// What says at a glance what an added or removed item is, beside its label: an
    /// actor's kind and role, an event's date and status, a quote's speaker and date, a
    /// relation's note.
    pub fn headline(&self) -> Vec<&history::Field> {
        let names: &[&str] = match self.kind {
            ItemKind::Actor => &["kind", "role"],
            ItemKind::Event => &["date", "status"],
            ItemKind::Quote => &["speaker", "date"],
            ItemKind::Relation => &["note"],
        };
        names
            .iter()
            .filter_map(|n| self.content.iter().find(|(f, _)| f == n))
            .collect()
    }
}

/// A comparison of two states of a library.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    pub changes: Vec<Change>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes of each kind: added, removed, changed, not restated.
    pub fn tally(&self) -> [usize; 4] {
        let mut t = [0; 4];
        for c in &self.changes {
            t[match c.change {
                ChangeKind::Added => 0,
                ChangeKind::Removed => 1,
                ChangeKind::Changed(_) => 2,
                ChangeKind::NotRestated => 3,
            }] += 1;
        }
        t
    }
}

fn briefing_ref(lib: &Library, b: BriefingIx) -> BriefingRef {
    let br = &lib.briefings[b];
    BriefingRef {
        id: br.id.raw().to_owned(),
        as_of: br.as_of.to_string(),
    }
}

/// Citations grouped by source: `["article ¶1, ¶3", "ap ¶2"]`.
fn cites(lib: &Library, cite: &[Citation]) -> Vec<String> {
    lib.cite_groups(cite)
        .into_iter()
        .map(|(s, locs)| {
            let locs: Vec<&str> = locs.into_iter().map(super::Text::raw).collect();
            format!("{} {}", lib.sources[s].id.raw(), locs.join(", "))
        })
        .collect()
}

/// One side of a comparison, per item: (kind, id) → (label, fields, version's briefing and
/// citations, item).
struct Entry {
    kind: ItemKind,
    id: String,
    label: String,
    fields: Vec<history::Field>,
    briefing: BriefingIx,
    cite: Vec<String>,
    item: ItemRef,
}

fn entries(lib: &Library) -> Vec<Entry> {
    let mut out = Vec::new();
    for (i, a) in lib.actors.iter().enumerate().filter(|(_, a)| a.in_scope()) {
        out.push(Entry {
            kind: ItemKind::Actor,
            id: a.id.raw().to_owned(),
            label: a.name.raw().to_owned(),
            fields: history::actor_fields(lib, a),
            briefing: a.briefing,
            cite: cites(lib, &a.cite),
            item: ItemRef::Actor(i),
        });
    }
    for (i, e) in lib.events.iter().enumerate().filter(|(_, e)| e.in_scope()) {
        out.push(Entry {
            kind: ItemKind::Event,
            id: e.id.raw().to_owned(),
            label: e.title.raw().to_owned(),
            fields: history::event_fields(lib, e),
            briefing: e.briefing,
            cite: cites(lib, &e.cite),
            item: ItemRef::Event(i),
        });
    }
    for (i, q) in lib.quotes.iter().enumerate().filter(|(_, q)| q.in_scope()) {
        out.push(Entry {
            kind: ItemKind::Quote,
            id: q.id.raw().to_owned(),
            label: q.text.raw().to_owned(),
            fields: history::quote_fields(lib, q),
            briefing: q.briefing,
            cite: cites(lib, &q.cite),
            item: ItemRef::Quote(i),
        });
    }
    for r in lib.relations.iter().filter(|r| r.in_scope()) {
        out.push(Entry {
            kind: ItemKind::Relation,
            id: relation_id(lib, r),
            label: relation_label(lib, r),
            fields: history::relation_fields(r),
            briefing: r.briefing(),
            cite: cites(lib, &r.cite),
            item: ItemRef::Actor(r.from),
        });
    }
    out
}

/// Compares two states: what `new` shows against what `old` shows, within each one's view.
pub fn compare(old: &Library, new: &Library) -> Diff {
    let before = entries(old);
    let after = entries(new);
    let index: std::collections::HashMap<(ItemKind, &str), &Entry> = before
        .iter()
        .map(|e| ((e.kind, e.id.as_str()), e))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut changes = Vec::new();
    for e in &after {
        let change = match index.get(&(e.kind, e.id.as_str())) {
            None => ChangeKind::Added,
            Some(prev) => {
                seen.insert((prev.kind, prev.id.as_str()));
                let fields = history::diff_fields(&prev.fields, &e.fields);
                if fields.is_empty() {
                    continue;
                }
                ChangeKind::Changed(fields)
            }
        };
        changes.push(Change {
            kind: e.kind,
            id: e.id.clone(),
            label: e.label.clone(),
            briefing: Some(briefing_ref(new, e.briefing)),
            since: None,
            cite: e.cite.clone(),
            item: Some(e.item),
            content: given(&change, &e.fields),
            change,
        });
    }
    // Relations the older state already showed as not restated, by their actors' ids.
    let already: std::collections::HashSet<(&str, _, &str)> = old
        .relations
        .iter()
        .filter(|o| o.not_restated_since().is_some() && o.in_scope())
        .map(|o| {
            (
                old.actors[o.from].id.raw(),
                o.kind,
                old.actors[o.to].id.raw(),
            )
        })
        .collect();
    // A relation added or changed and then no longer stated is one change, which says both.
    let listed = relations_listed(&changes);
    for r in &new.relations {
        let Some(b) = r.not_restated_since().filter(|_| r.in_scope()) else {
            continue;
        };
        let (from, to) = (new.actors[r.from].id.raw(), new.actors[r.to].id.raw());
        if !already.contains(&(from, r.kind, to)) {
            let id = relation_id(new, r);
            match listed.get(&id) {
                Some(&i) => changes[i].since = Some(briefing_ref(new, b)),
                None => changes.push(not_restated(new, r, id, b)),
            }
        }
    }
    stated_again(old, new, &mut changes);
    let present: std::collections::HashSet<(ItemKind, &str)> =
        after.iter().map(|e| (e.kind, e.id.as_str())).collect();
    for e in before
        .iter()
        .filter(|e| !seen.contains(&(e.kind, e.id.as_str())))
    {
        if present.contains(&(e.kind, e.id.as_str())) {
            continue;
        }
        changes.push(Change {
            kind: e.kind,
            id: e.id.clone(),
            label: e.label.clone(),
            change: ChangeKind::Removed,
            briefing: Some(briefing_ref(old, e.briefing)),
            since: None,
            cite: e.cite.clone(),
            item: None,
            content: given(&ChangeKind::Removed, &e.fields),
        });
    }
    changes.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.id.cmp(&b.id)));
    Diff { changes }
}

/// The fields given, for an added or removed item.
fn given(change: &ChangeKind, fields: &[history::Field]) -> Vec<history::Field> {
    if !matches!(change, ChangeKind::Added | ChangeKind::Removed) {
        return Vec::new();
    }
    fields
        .iter()
        .filter(|(_, v)| match v {
            Value::None => false,
            Value::One(s) => !s.is_empty(),
            Value::Many(list) => !list.is_empty(),
        })
        .cloned()
        .collect()
}

/// Where each relation already listed is in `changes`, by its id.
fn relations_listed(changes: &[Change]) -> std::collections::HashMap<String, usize> {
    changes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == ItemKind::Relation)
        .map(|(i, c)| (c.id.clone(), i))
        .collect()
}

/// Relations the older state showed as not restated that the newer one states again: a
/// change of the relation, on a field of its own, so that a diff and its reverse tell the
/// same story.
fn stated_again(old: &Library, new: &Library, changes: &mut Vec<Change>) {
    let stale: std::collections::HashMap<String, BriefingIx> = old
        .relations
        .iter()
        .filter(|r| r.in_scope())
        .filter_map(|r| r.not_restated_since().map(|b| (relation_id(old, r), b)))
        .collect();
    if stale.is_empty() {
        return;
    }
    let listed = relations_listed(changes);
    for r in new.relations.iter().filter(|r| r.in_scope()) {
        if r.not_restated_since().is_some() {
            continue;
        }
        let rid = relation_id(new, r);
        let Some(&since) = stale.get(&rid) else {
            continue;
        };
        let last = r.history().last().map_or(r.briefing(), |v| v.briefing);
        let (was, now) = (&old.briefings[since], &new.briefings[last]);
        let field = history::FieldChange {
            field: "stated",
            old: history::Value::One(format!(
                "not restated since {} ({})",
                was.as_of,
                was.id.raw()
            )),
            new: history::Value::One(format!(
                "stated again as of {} ({})",
                now.as_of,
                now.id.raw()
            )),
        };
        if let Some(&i) = listed.get(&rid) {
            if let ChangeKind::Changed(fields) = &mut changes[i].change {
                fields.push(field);
            }
            continue;
        }
        changes.push(Change {
            kind: ItemKind::Relation,
            id: rid,
            label: relation_label(new, r),
            change: ChangeKind::Changed(vec![field]),
            briefing: Some(briefing_ref(new, last)),
            since: None,
            cite: cites(new, &r.cite),
            item: Some(ItemRef::Actor(r.from)),
            content: Vec::new(),
        });
    }
}

/// A relation's id in a diff: `from kind to`, by the actors' ids.
fn relation_id(lib: &Library, r: &super::Relation) -> String {
    format!(
        "{} {} {}",
        lib.actors[r.from].id.raw(),
        r.kind.as_str(),
        lib.actors[r.to].id.raw()
    )
}

/// A relation's label in a diff: `From → kind → To`, by the actors' names.
fn relation_label(lib: &Library, r: &super::Relation) -> String {
    format!(
        "{} → {} → {}",
        lib.actors[r.from].name.raw(),
        r.kind.label(),
        lib.actors[r.to].name.raw()
    )
}

fn not_restated(lib: &Library, r: &super::Relation, id: String, b: BriefingIx) -> Change {
    Change {
        kind: ItemKind::Relation,
        id,
        label: relation_label(lib, r),
        change: ChangeKind::NotRestated,
        briefing: Some(briefing_ref(
            lib,
            r.history().last().map_or(b, |v| v.briefing),
        )),
        since: Some(briefing_ref(lib, b)),
        cite: cites(lib, &r.cite),
        item: Some(ItemRef::Actor(r.from)),
        content: Vec::new(),
    }
}

/// Renders a value for one line of text: lists as their items, long text in full.
pub fn render_value(v: &Value) -> String {
    v.render()
}
