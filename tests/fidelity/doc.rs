//! A briefing as the fidelity checks see it: parsed with the `toml` crate into local structs
//! holding only the fields the checks read (unknown keys are ignored), so the checks do not
//! depend on the model's internals. `items` flattens it into one list of checkable items.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Doc {
    pub briefing: Meta,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

#[derive(Debug, Deserialize)]
pub struct Meta {
    pub summary: String,
    #[serde(default)]
    pub key_points: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Source {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Cite {
    pub source: String,
    pub locator: String,
    /// A passage quoted verbatim from the cited paragraph (#13).
    pub excerpt: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Actor {
    pub id: String,
    pub role: String,
    pub summary: Option<String>,
    #[serde(default)]
    pub cite: Vec<Cite>,
}

#[derive(Debug, Deserialize)]
pub struct Relation {
    pub from: String,
    pub kind: String,
    pub to: String,
    pub note: Option<String>,
    #[serde(default)]
    pub cite: Vec<Cite>,
}

#[derive(Debug, Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub status: String,
    pub date_note: Option<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub actors: Vec<Participant>,
    #[serde(default)]
    pub cite: Vec<Cite>,
}

#[derive(Debug, Deserialize)]
pub struct Participant {
    pub actor: String,
    pub role: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Quote {
    pub id: String,
    pub kind: String,
    pub text: String,
    pub context: Option<String>,
    pub date_note: Option<String>,
    #[serde(default)]
    pub cite: Vec<Cite>,
}

/// How a field's text may be checked for attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Prose in the author's words: must attribute any attributed claim it repeats.
    Prose,
    /// A title or a participant's role: a label, shown next to the item's status, so it is
    /// exempt when the item itself is marked reported.
    Label,
    /// A direct quote's text: the speaker's own words, checked for being verbatim instead.
    Verbatim,
    /// A reported quote's paraphrase: `kind = "reported"` and the speaker carry attribution.
    Paraphrase,
}

#[derive(Debug)]
pub struct Field<'a> {
    pub name: String,
    pub text: &'a str,
    pub kind: FieldKind,
}

/// One checkable item: an actor, relation, event, quote, key point or the summary.
#[derive(Debug)]
pub struct Item<'a> {
    pub label: String,
    /// The item's own id (actors, events, quotes), for excerpts to refer to.
    pub id: Option<&'a str>,
    pub cites: Vec<Cite>,
    /// Marked reported: an event with `status = "reported"` or any quote.
    pub reported: bool,
    pub fields: Vec<Field<'a>>,
}

impl Doc {
    pub fn parse(text: &str) -> Result<Doc, toml::de::Error> {
        toml::from_str(text)
    }

    /// Every item, with the key points' inline citations parsed (a key point whose citation
    /// cannot be parsed gets none; `checks::key_point_problems` reports it).
    pub fn items(&self) -> Vec<Item<'_>> {
        let default_source = self.sources.first().map_or("article", |s| s.id.as_str());
        let mut items = vec![Item {
            label: "briefing summary".into(),
            id: None,
            cites: Vec::new(),
            reported: false,
            fields: vec![prose("summary", &self.briefing.summary)],
        }];
        for (i, point) in self.briefing.key_points.iter().enumerate() {
            items.push(Item {
                label: format!("key point {}", i + 1),
                id: None,
                cites: key_point_cites(point, default_source).unwrap_or_default(),
                reported: false,
                fields: vec![prose("text", point)],
            });
        }
        items.extend(self.actors.iter().map(actor_item));
        items.extend(self.relations.iter().map(|r| Item {
            label: format!("relation {} {} {}", r.from, r.kind, r.to),
            id: None,
            cites: r.cite.clone(),
            reported: false,
            fields: r.note.iter().map(|n| prose("note", n)).collect(),
        }));
        items.extend(self.events.iter().map(event_item));
        items.extend(self.quotes.iter().map(quote_item));
        items
    }
}

fn prose<'a>(name: &str, text: &'a str) -> Field<'a> {
    Field {
        name: name.into(),
        text,
        kind: FieldKind::Prose,
    }
}

fn label<'a>(name: &str, text: &'a str) -> Field<'a> {
    Field {
        name: name.into(),
        text,
        kind: FieldKind::Label,
    }
}

fn actor_item(a: &Actor) -> Item<'_> {
    let mut fields = vec![prose("role", &a.role)];
    fields.extend(a.summary.iter().map(|s| prose("summary", s)));
    Item {
        label: format!("actor {}", a.id),
        id: Some(&a.id),
        cites: a.cite.clone(),
        reported: false,
        fields,
    }
}

fn event_item(e: &Event) -> Item<'_> {
    let mut fields = vec![label("title", &e.title)];
    fields.extend(e.summary.iter().map(|s| prose("summary", s)));
    fields.extend(e.date_note.iter().map(|s| prose("date_note", s)));
    for p in &e.actors {
        if let Some(role) = &p.role {
            fields.push(label(&format!("role of {}", p.actor), role));
        }
    }
    Item {
        label: format!("event {}", e.id),
        id: Some(&e.id),
        cites: e.cite.clone(),
        reported: e.status == "reported",
        fields,
    }
}

fn quote_item(q: &Quote) -> Item<'_> {
    let kind = if q.kind == "direct" {
        FieldKind::Verbatim
    } else {
        FieldKind::Paraphrase
    };
    let mut fields = vec![Field {
        name: "text".into(),
        text: &q.text,
        kind,
    }];
    fields.extend(q.context.iter().map(|s| prose("context", s)));
    fields.extend(q.date_note.iter().map(|s| prose("date_note", s)));
    Item {
        label: format!("quote {}", q.id),
        id: Some(&q.id),
        cites: q.cite.clone(),
        reported: true,
        fields,
    }
}

/// Parses a key point's trailing citation: `(¶1, ¶6)` for a one-source briefing, or
/// `(article ¶2, ¶3; ap ¶1)` naming sources. `None` when the point has no such ending.
pub fn key_point_cites(point: &str, default_source: &str) -> Option<Vec<Cite>> {
    let inner = point.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let mut cites = Vec::new();
    for group in inner[open + 1..].split(';') {
        let group = group.trim();
        let (source, rest) = match group.split_once(' ') {
            Some((s, rest)) if !s.starts_with('¶') => (s, rest),
            _ => (default_source, group),
        };
        for locator in rest.split(',') {
            let locator = locator.trim();
            if !locator.starts_with('¶') {
                return None;
            }
            cites.push(Cite {
                source: source.to_owned(),
                locator: locator.to_owned(),
                excerpt: None,
            });
        }
    }
    (!cites.is_empty()).then_some(cites)
}
