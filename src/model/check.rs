//! Checks one parsed file on its own: types, required text, dates, vocabularies, local ids
//! and citations. What needs the whole library (references to actors, events and quotes in
//! any file) is left to `link`.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::diag::Diagnostic;
use super::enums::{ActorKind, QuoteKind, RelationKind, SourceKind, Status};
use super::raw::{self, S};
use super::{DateSpec, Text};
use crate::model::suggest::closest;

/// A reference to an item by id, resolved later.
#[derive(Clone, Debug)]
pub struct Ref {
    pub id: String,
    pub span: Range<usize>,
}

impl Ref {
    fn new(s: &S) -> Self {
        Self {
            id: s.get_ref().trim().to_owned(),
            span: s.span(),
        }
    }
}

/// A citation, with its source already resolved within the file.
#[derive(Clone, Debug)]
pub struct LocalCite {
    pub source: usize,
    pub locator: Text,
}

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

pub struct SourceDraft {
    pub id: Text,
    pub title: Text,
    pub kind: SourceKind,
    pub published: DateSpec,
    pub publisher: Option<Text>,
    pub url: Option<Text>,
    pub note: Option<Text>,
}

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

pub struct RelationDraft {
    pub from: Ref,
    pub kind: RelationKind,
    pub to: Ref,
    pub note: Option<Text>,
    pub cite: Vec<LocalCite>,
}

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

pub struct QuoteDraft {
    pub id: Text,
    pub id_span: Range<usize>,
    pub kind: QuoteKind,
    pub text: Text,
    pub speaker: Ref,
    pub date: DateSpec,
    pub date_note: Option<Text>,
    pub context: Option<Text>,
    pub about: Vec<Ref>,
    pub cite: Vec<LocalCite>,
}

/// One file, checked on its own. Diagnostics here are warnings only: errors fail the file.
pub struct Checked {
    pub file: usize,
    pub meta: MetaDraft,
    pub sources: Vec<SourceDraft>,
    pub actors: Vec<ActorDraft>,
    pub relations: Vec<RelationDraft>,
    pub events: Vec<EventDraft>,
    pub quotes: Vec<QuoteDraft>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Collects errors while converting, so that one file reports all of its problems at once.
struct Checker {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Checker {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.errors.push(Diagnostic::error(message).at(0, span));
        self.errors.last_mut().expect("just pushed")
    }

    /// Required text: must not be blank.
    /// Required text: must not be blank. The string is moved out of the parsed file.
    fn text(&mut self, s: &mut S, what: &str) -> Text {
        if s.get_ref().trim().is_empty() {
            self.error(s.span(), format!("{what} is empty")).label =
                Some("write something here".into());
        }
        Text::new(std::mem::take(s.get_mut()))
    }

    fn opt_text(s: Option<&mut S>) -> Option<Text> {
        s.filter(|s| !s.get_ref().trim().is_empty())
            .map(|s| Text::new(std::mem::take(s.get_mut())))
    }

    fn date(&mut self, s: &S) -> DateSpec {
        DateSpec::parse(s.get_ref()).unwrap_or_else(|e| {
            self.error(s.span(), format!("invalid date: {e}"))
                .help = Some("dates look like \"2025\", \"2025-05\", \"2025-05-21\", \"after 2024-06\", \"before 2025-05-21\", \"between 2024-06 and 2025-05\" or \"unknown\"".into());
            DateSpec::Unknown
        })
    }

    fn id(&mut self, s: &S, what: &str) -> Text {
        let id = s.get_ref();
        if id.trim().is_empty() {
            self.error(s.span(), format!("{what} id is empty"));
        } else if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
        {
            self.warnings.push(
                Diagnostic::warning(format!(
                    "{what} id `{}` has characters outside a-z, 0-9, `-`, `_` and `.`",
                    Text::new(id.as_str())
                ))
                .at(0, s.span())
                .help("plain ids are easier to type in `--open` and search"),
            );
        }
        Text::new(id.trim())
    }

    fn vocab<T: Copy>(
        &mut self,
        s: &S,
        what: &str,
        parse: fn(&str) -> Option<T>,
        expected: String,
        spellings: &mut dyn Iterator<Item = &'static str>,
        fallback: T,
    ) -> T {
        parse(s.get_ref()).unwrap_or_else(|| {
            let value = Text::new(s.get_ref().as_str());
            let suggestion = closest(s.get_ref(), spellings);
            let d = self.error(s.span(), format!("unknown {what} `{value}`"));
            d.label = Some(format!("expected one of {expected}"));
            if let Some(sug) = suggestion {
                d.help = Some(format!("did you mean `{sug}`?"));
            }
            fallback
        })
    }

    fn cites(
        &mut self,
        cites: &Spanned<Vec<Spanned<raw::Cite>>>,
        sources: &HashMap<String, usize>,
    ) -> Vec<LocalCite> {
        if cites.get_ref().is_empty() {
            self.error(
                cites.span(),
                "no citation: every item must cite at least one source",
            )
            .help = Some("add e.g. cite = [{ source = \"article\", locator = \"¶3\" }]".into());
        }
        let mut out = Vec::with_capacity(cites.get_ref().len());
        for c in cites.get_ref() {
            let c = c.get_ref();
            let source = c.source.get_ref().trim();
            if c.locator.get_ref().trim().is_empty() {
                self.error(c.locator.span(), "empty locator").help =
                    Some("say where in the source: a paragraph (¶3), page or timestamp".into());
            }
            match sources.get(source) {
                Some(&ix) => out.push(LocalCite {
                    source: ix,
                    locator: Text::new(c.locator.get_ref().trim()),
                }),
                None => {
                    let sug = closest(source, &mut sources.keys().map(String::as_str));
                    let d = self.error(
                        c.source.span(),
                        format!("unknown source `{}`", Text::new(source)),
                    );
                    d.label = Some("not a source of this briefing".into());
                    d.help = Some(match sug {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => {
                            "sources are declared in [[sources]] tables of the same file".into()
                        }
                    });
                }
            }
        }
        out
    }
}

/// Parses and checks one file. Unknown keys become warnings with a suggestion.
pub fn check_file(text: &str) -> Result<Checked, Vec<Diagnostic>> {
    let de = toml::de::Deserializer::parse(text).map_err(|e| vec![toml_error(&e, text)])?;
    let mut unknown = Vec::new();
    let mut file: raw::File = serde_ignored::deserialize(de, |path| unknown.push(path.to_string()))
        .map_err(|e| vec![toml_error(&e, text)])?;
    let mut ck = Checker {
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    for path in unknown {
        ck.warnings.push(super::keys::unknown_key(text, &path));
    }

    let m = file.briefing.get_mut();
    let meta = MetaDraft {
        id: ck.id(&m.id, "briefing"),
        id_span: m.id.span(),
        title: ck.text(&mut m.title, "the title"),
        as_of: ck.date(&m.as_of),
        series: Checker::opt_text(m.series.as_mut()),
        summary: ck.text(&mut m.summary, "the summary"),
        key_points: m
            .key_points
            .iter_mut()
            .map(|k| ck.text(k, "a key point"))
            .collect(),
        tags: m
            .tags
            .iter_mut()
            .map(|t| Text::new(std::mem::take(t.get_mut())))
            .collect(),
    };

    let mut source_ids: HashMap<String, usize> = HashMap::new();
    let mut source_spans: Vec<Range<usize>> = Vec::new();
    let mut sources = Vec::with_capacity(file.sources.len());
    for s in &mut file.sources {
        let s = s.get_mut();
        let id = ck.id(&s.id, "source");
        if let Some(&prev) = source_ids.get(id.raw()) {
            let span = source_spans[prev].clone();
            ck.error(s.id.span(), format!("duplicate source id `{id}`"))
                .related
                .push(super::diag::Related {
                    at: super::diag::Location { file: 0, span },
                    label: "first defined here".into(),
                });
        }
        source_ids
            .entry(id.raw().to_owned())
            .or_insert(sources.len());
        source_spans.push(s.id.span());
        let kind = ck.vocab(
            &s.kind,
            "source kind",
            SourceKind::parse,
            SourceKind::expected(),
            &mut SourceKind::all_spellings(),
            SourceKind::Other,
        );
        sources.push(SourceDraft {
            id,
            title: ck.text(&mut s.title, "the source title"),
            kind,
            published: s
                .published
                .as_ref()
                .map_or(DateSpec::Unknown, |d| ck.date(d)),
            publisher: Checker::opt_text(s.publisher.as_mut()),
            url: Checker::opt_text(s.url.as_mut()),
            note: Checker::opt_text(s.note.as_mut()),
        });
    }
    if sources.is_empty() {
        ck.error(file.briefing.span(), "this briefing has no [[sources]]")
            .help =
            Some("every fact cites a source; declare at least one [[sources]] table".into());
    }

    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    let mut unique = |ck: &mut Checker, id: &Text, span: Range<usize>| {
        if let Some(prev) = seen.get(id.raw()) {
            let prev = prev.clone();
            let d = ck.error(span, format!("duplicate id `{id}`"));
            d.label = Some("defined again here".into());
            d.related.push(super::diag::Related {
                at: super::diag::Location {
                    file: 0,
                    span: prev,
                },
                label: "first defined here".into(),
            });
            d.help =
                Some("actor, event and quote ids share one namespace; rename one of them".into());
        } else {
            seen.insert(id.raw().to_owned(), span);
        }
    };

    let mut actors = Vec::with_capacity(file.actors.len());
    for a in &mut file.actors {
        let a = a.get_mut();
        let id = ck.id(&a.id, "actor");
        unique(&mut ck, &id, a.id.span());
        let kind = ck.vocab(
            &a.kind,
            "actor kind",
            ActorKind::parse,
            ActorKind::expected(),
            &mut ActorKind::all_spellings(),
            ActorKind::Other,
        );
        actors.push(ActorDraft {
            id,
            id_span: a.id.span(),
            name: ck.text(&mut a.name, "the name"),
            short_name: Checker::opt_text(a.short_name.as_mut()),
            aliases: a
                .aliases
                .iter_mut()
                .map(|x| Text::new(std::mem::take(x.get_mut())))
                .collect(),
            kind,
            role: ck.text(&mut a.role, "the role"),
            affiliations: a.affiliations.iter().map(Ref::new).collect(),
            summary: Checker::opt_text(a.summary.as_mut()),
            cite: ck.cites(&a.cite, &source_ids),
        });
    }

    let mut relations = Vec::with_capacity(file.relations.len());
    for r in &mut file.relations {
        let r = r.get_mut();
        let kind = ck.vocab(
            &r.kind,
            "relation kind",
            RelationKind::parse,
            RelationKind::expected(),
            &mut RelationKind::all_spellings(),
            RelationKind::Other,
        );
        relations.push(RelationDraft {
            from: Ref::new(&r.from),
            kind,
            to: Ref::new(&r.to),
            note: Checker::opt_text(r.note.as_mut()),
            cite: ck.cites(&r.cite, &source_ids),
        });
    }

    let mut events = Vec::with_capacity(file.events.len());
    for e in &mut file.events {
        let e = e.get_mut();
        let id = ck.id(&e.id, "event");
        unique(&mut ck, &id, e.id.span());
        let status = ck.vocab(
            &e.status,
            "status",
            Status::parse,
            Status::expected(),
            &mut Status::all_spellings(),
            Status::Reported,
        );
        events.push(EventDraft {
            id,
            id_span: e.id.span(),
            title: ck.text(&mut e.title, "the title"),
            date: ck.date(&e.date),
            date_note: Checker::opt_text(e.date_note.as_mut()),
            status,
            summary: Checker::opt_text(e.summary.as_mut()),
            actors: e
                .actors
                .iter_mut()
                .map(|p| {
                    (
                        Ref::new(&p.get_ref().actor),
                        Checker::opt_text(p.get_mut().role.as_mut()),
                    )
                })
                .collect(),
            cite: ck.cites(&e.cite, &source_ids),
        });
    }

    let mut quotes = Vec::with_capacity(file.quotes.len());
    for q in &mut file.quotes {
        let q = q.get_mut();
        let id = ck.id(&q.id, "quote");
        unique(&mut ck, &id, q.id.span());
        let kind = ck.vocab(
            &q.kind,
            "quote kind",
            QuoteKind::parse,
            QuoteKind::expected(),
            &mut QuoteKind::all_spellings(),
            QuoteKind::Reported,
        );
        quotes.push(QuoteDraft {
            id,
            id_span: q.id.span(),
            kind,
            text: ck.text(&mut q.text, "the quote text"),
            speaker: Ref::new(&q.speaker),
            date: ck.date(&q.date),
            date_note: Checker::opt_text(q.date_note.as_mut()),
            context: Checker::opt_text(q.context.as_mut()),
            about: q.about.iter().map(Ref::new).collect(),
            cite: ck.cites(&q.cite, &source_ids),
        });
    }

    if !ck.errors.is_empty() {
        ck.errors.extend(ck.warnings);
        ck.errors
            .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        return Err(ck.errors);
    }
    ck.warnings
        .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    Ok(Checked {
        file: 0,
        meta,
        sources,
        actors,
        relations,
        events,
        quotes,
        diagnostics: ck.warnings,
    })
}

/// Turns a toml error into a diagnostic with its span and a plain message.
fn toml_error(e: &toml::de::Error, text: &str) -> Diagnostic {
    let message = e.message().trim().to_owned();
    let mut d = Diagnostic::error(first_line(&message)).in_file(0);
    if let Some(span) = e.span() {
        d.span = Some(span.start.min(text.len())..span.end.min(text.len()));
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.split('`').next())
    {
        d.label = Some(format!("this table needs `{field}`"));
        d.help = Some(format!(
            "add `{field} = …`; see briefings/README.md for the format"
        ));
    } else if message.starts_with("invalid type") {
        d.label = Some("wrong type".into());
    } else if message.contains("missing field `briefing`") {
        d.help = Some("start the file with a [briefing] table".into());
    }
    d
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_owned()
}
