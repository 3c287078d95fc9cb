//! What one file holds after it has been checked on its own: drafts of every item, with
//! references to other items still as ids (resolved across files by `link`) and citations
//! resolved to the file's own sources.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::diag::Diagnostic;
use super::enums::{ActorKind, QuoteKind, RelationKind, SourceKind, Status};
use super::keys::IgnoredId;
use super::{DateSpec, Text};

/// A reference to an item by id, resolved later.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Ref {
    /// Inline when short, as ids are: a file's references need no allocation each.
    pub id: compact_str::CompactString,
    pub span: Range<usize>,
}

impl Ref {
    pub(crate) fn new(id: &str, span: Range<usize>) -> Self {
        Self {
            id: id.trim().into(),
            span,
        }
    }
}

/// A citation, with its source already resolved within the file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LocalCite {
    pub source: usize,
    pub locator: Text,
    pub locator_span: Range<usize>,
    /// A passage quoted verbatim from the cited place, and where it is written.
    pub excerpt: Option<(Text, Range<usize>)>,
}

#[derive(Serialize, Deserialize)]
pub struct MetaDraft {
    pub id: Text,
    pub id_span: Range<usize>,
    pub title: Text,
    pub as_of: DateSpec,
    pub series: Option<Text>,
    pub summary: Text,
    pub key_points: Vec<Text>,
    pub tags: Vec<Text>,
}

#[derive(Serialize, Deserialize)]
pub struct SourceDraft {
    pub id: Text,
    pub title: Text,
    pub kind: SourceKind,
    pub published: DateSpec,
    pub publisher: Option<Text>,
    pub url: Option<Text>,
    pub note: Option<Text>,
    /// The `text_file` as written, and where.
    pub text_file: Option<(String, Range<usize>)>,
    /// Its paragraphs, once read (see `passage`): never cached, since the text file can
    /// change while the briefing does not.
    #[serde(skip)]
    pub text: Option<std::sync::Arc<super::SourceText>>,
}

#[derive(Serialize, Deserialize)]
pub struct ActorDraft {
    pub id: Text,
    pub id_span: Range<usize>,
    pub name: Text,
    pub short_name: Option<Text>,
    pub aliases: Vec<Text>,
    pub kind: ActorKind,
    pub role: Text,
    pub affiliations: Vec<Ref>,
    pub summary: Option<Text>,
    pub cite: Vec<LocalCite>,
}

#[derive(Serialize, Deserialize)]
pub struct RelationDraft {
    pub from: Ref,
    pub kind: RelationKind,
    pub to: Ref,
    pub note: Option<Text>,
    pub cite: Vec<LocalCite>,
}

#[derive(Serialize, Deserialize)]
pub struct EventDraft {
    pub id: Text,
    pub id_span: Range<usize>,
    pub title: Text,
    pub date: DateSpec,
    pub date_note: Option<Text>,
    pub status: Status,
    pub summary: Option<Text>,
    pub actors: Vec<(Ref, Option<Text>)>,
    pub cite: Vec<LocalCite>,
}

#[derive(Serialize, Deserialize)]
pub struct QuoteDraft {
    pub id: Text,
    pub id_span: Range<usize>,
    pub kind: QuoteKind,
    pub text: Text,
    /// Where the text is written, for the check that a direct quote is in its source.
    pub text_span: Range<usize>,
    pub speaker: Ref,
    pub date: DateSpec,
    pub date_note: Option<Text>,
    pub context: Option<Text>,
    pub about: Vec<Ref>,
    pub cite: Vec<LocalCite>,
}

/// One file, checked on its own. A file with errors is `broken`: it is not loaded, but its
/// references are still checked against the library, so one run reports everything.
#[derive(Serialize, Deserialize)]
pub struct Checked {
    #[serde(skip)]
    pub file: usize,
    pub meta: MetaDraft,
    pub sources: Vec<SourceDraft>,
    pub actors: Vec<ActorDraft>,
    pub relations: Vec<RelationDraft>,
    pub events: Vec<EventDraft>,
    pub quotes: Vec<QuoteDraft>,
    /// Its errors and warnings, by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether any diagnostic is an error.
    pub broken: bool,
    /// Whether its references cannot be checked yet (items of a table are lost).
    pub skip_references: bool,
    /// Ids defined in tables that are ignored because of a near-miss name (`[[actor]]`).
    pub ignored: Vec<IgnoredId>,
    /// What checking cost, for the load's totals.
    pub work: super::diag::Work,
}

impl MetaDraft {
    /// Where the briefing belongs in views, if its `[briefing]` table could be read (an
    /// id, a date or a series of it): a file without one cannot be placed.
    pub(crate) fn placement(&self) -> Option<Box<super::diag::Placement>> {
        let read = !self.id.raw().is_empty() || self.as_of.is_known() || self.series.is_some();
        read.then(|| {
            Box::new(super::diag::Placement {
                as_of: self.as_of,
                series: self.series.as_ref().map_or("", Text::raw).into(),
            })
        })
    }
}

impl Checked {
    /// How many actor, event and quote ids the file defines (a repeated one counts twice).
    pub(crate) fn defined_ids(&self) -> usize {
        self.actors.len() + self.events.len() + self.quotes.len()
    }

    /// Gives back the spare room of every list. A file's drafts wait for every other file
    /// to be parsed before linking, so spare room counts once per file of the library; and
    /// lists collected in place from the parsed tables keep the tables' larger allocation.
    pub(crate) fn fit(&mut self) {
        self.meta.key_points.shrink_to_fit();
        self.meta.tags.shrink_to_fit();
        self.sources.shrink_to_fit();
        self.actors.shrink_to_fit();
        for a in &mut self.actors {
            a.aliases.shrink_to_fit();
            a.affiliations.shrink_to_fit();
            a.cite.shrink_to_fit();
        }
        self.relations.shrink_to_fit();
        for r in &mut self.relations {
            r.cite.shrink_to_fit();
        }
        self.events.shrink_to_fit();
        for e in &mut self.events {
            e.actors.shrink_to_fit();
            e.cite.shrink_to_fit();
        }
        self.quotes.shrink_to_fit();
        for q in &mut self.quotes {
            q.about.shrink_to_fit();
            q.cite.shrink_to_fit();
        }
        self.diagnostics.shrink_to_fit();
        self.ignored.shrink_to_fit();
    }
}
