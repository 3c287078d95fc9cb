//! What is searched in each kind of item, and in which order: the primary text (a name and
//! its variants, a title, a quote's text) first, then the fields that give context.

use std::borrow::Cow;

use crate::model::{ItemRef, Library, Text};

/// What a field of an item is, as shown beside a second line of context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    Name,
    ShortName,
    Alias,
    Role,
    Summary,
    Title,
    Date,
    Actor,
    Text,
    Speaker,
    Context,
    Publisher,
    Kind,
    KeyPoint,
    Tag,
    Id,
}

impl Label {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::ShortName => "short name",
            Self::Alias => "alias",
            Self::Role => "role",
            Self::Summary => "summary",
            Self::Title => "title",
            Self::Date => "date",
            Self::Actor => "actor",
            Self::Text => "text",
            Self::Speaker => "speaker",
            Self::Context => "context",
            Self::Publisher => "publisher",
            Self::Kind => "kind",
            Self::KeyPoint => "key point",
            Self::Tag => "tag",
            Self::Id => "id",
        }
    }
}

/// An item's searchable fields, in haystack order: the primary group (name and its
/// variants, title, quote text) first, the id last (a term equal to it ranks the item
/// first, see [`super::matching`]). Returns how many fields form the primary group.
pub(crate) fn fields_of<'a>(
    lib: &'a Library,
    item: ItemRef,
    out: &mut Vec<(Label, Cow<'a, str>)>,
) -> usize {
    let safe = |label, t: &'a Text| (label, Cow::Borrowed(t.safe()));
    out.clear();
    match item {
        ItemRef::Actor(i) => {
            let a = &lib.actors[i];
            out.push(safe(Label::Name, &a.name));
            out.extend(a.short_name.iter().map(|s| safe(Label::ShortName, s)));
            out.extend(a.aliases.iter().map(|s| safe(Label::Alias, s)));
            let primary = out.len();
            out.push(safe(Label::Role, &a.role));
            out.extend(a.summary.iter().map(|s| safe(Label::Summary, s)));
            out.push(safe(Label::Id, &a.id));
            primary
        }
        ItemRef::Event(i) => {
            let e = &lib.events[i];
            out.push(safe(Label::Title, &e.title));
            out.extend(e.summary.iter().map(|s| safe(Label::Summary, s)));
            out.push((Label::Date, Cow::Owned(e.date.to_string())));
            let names = e.actors.iter().map(|p| &lib.actors[p.actor].name);
            out.extend(names.map(|n| safe(Label::Actor, n)));
            out.push(safe(Label::Id, &e.id));
            1
        }
        ItemRef::Quote(i) => {
            let q = &lib.quotes[i];
            out.push(safe(Label::Text, &q.text));
            out.push(safe(Label::Speaker, &lib.actors[q.speaker].name));
            out.extend(q.context.iter().map(|s| safe(Label::Context, s)));
            out.push((Label::Date, Cow::Owned(q.date.to_string())));
            out.push(safe(Label::Id, &q.id));
            1
        }
        ItemRef::Source(i) => {
            let s = &lib.sources[i];
            out.push(safe(Label::Title, &s.title));
            out.extend(s.publisher.iter().map(|p| safe(Label::Publisher, p)));
            out.push((Label::Kind, Cow::Borrowed(s.kind.label())));
            out.push(safe(Label::Id, &s.id));
            1
        }
        ItemRef::Briefing(i) => {
            let b = &lib.briefings[i];
            out.push(safe(Label::Title, &b.title));
            out.push(safe(Label::Summary, &b.summary));
            out.extend(b.key_points.iter().map(|k| safe(Label::KeyPoint, k)));
            out.extend(b.tags.iter().map(|t| safe(Label::Tag, t)));
            out.push(safe(Label::Id, &b.id));
            1
        }
    }
}
