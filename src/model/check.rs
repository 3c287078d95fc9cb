//! Checks one parsed file on its own: types, required text, dates, vocabularies, local ids
//! and citations. What needs the whole library (references to actors, events and quotes in
//! any file) is left to `link`.
//!
//! Each kind of item has its own function; they share a [`Checker`], which collects every
//! problem so that one file reports all of them at once, and a [`Local`] context with the
//! file's sources and ids.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::diag::{Diagnostic, Location, Related, Work};
use super::enums::{ActorKind, QuoteKind, RelationKind, SourceKind, Status};
use super::raw::{self, S};
use super::suggest::{Suggester, closest};
use super::text::needs_escape;
use super::{DateSpec, Text};

pub use super::draft::{
    ActorDraft, Checked, EventDraft, LocalCite, MetaDraft, QuoteDraft, Ref, RelationDraft,
    SourceDraft,
};

/// Collects problems while converting.
struct Checker {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    work: Work,
}

impl Checker {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.errors.push(Diagnostic::error(message).at(0, span));
        self.errors.last_mut().expect("just pushed")
    }

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

    fn texts(v: &mut [S]) -> Vec<Text> {
        v.iter_mut()
            .map(|x| Text::new(std::mem::take(x.get_mut())))
            .collect()
    }

    fn date(&mut self, s: &S) -> DateSpec {
        DateSpec::parse(s.get_ref()).unwrap_or_else(|e| {
            self.error(s.span(), format!("invalid date: {e}"))
                .help = Some("dates look like \"2025\", \"2025-05\", \"2025-05-21\", \"after 2024-06\", \"before 2025-05-21\", \"between 2024-06 and 2025-05\" or \"unknown\"".into());
            DateSpec::Unknown
        })
    }

    /// An id. Ids are typed, linked and printed everywhere, so a control or invisible
    /// character in one is an error (it could only be an accident or an attack); other
    /// characters outside the plain set draw a warning.
    fn id(&mut self, s: &S, what: &str) -> Text {
        let id = s.get_ref();
        if id.trim().is_empty() {
            self.error(s.span(), format!("{what} id is empty"));
        } else if let Some(bad) = id.trim().chars().find(|&c| needs_escape(c)) {
            let d = self.error(
                s.span(),
                format!(
                    "{what} id `{}` contains a control or invisible character (U+{:04X})",
                    Text::new(id.as_str()),
                    u32::from(bad)
                ),
            );
            d.label = Some("not allowed in an id".into());
            d.help = Some("ids may use letters, digits, `-`, `_` and `.`".into());
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

    fn vocab<T: Copy>(&mut self, s: &S, what: &str, v: &Vocab<T>) -> T {
        (v.parse)(s.get_ref()).unwrap_or_else(|| {
            let value = Text::new(s.get_ref().as_str());
            let suggestion = closest(s.get_ref(), &mut (v.spellings)());
            let d = self.error(s.span(), format!("unknown {what} `{value}`"));
            d.label = Some(format!("expected one of {}", (v.expected)()));
            if let Some(sug) = suggestion {
                d.help = Some(format!("did you mean `{sug}`?"));
            }
            v.fallback
        })
    }
}

/// A closed vocabulary: how to parse it, what to say is expected, and a fallback.
struct Vocab<T> {
    parse: fn(&str) -> Option<T>,
    expected: fn() -> String,
    spellings: fn() -> Box<dyn Iterator<Item = &'static str>>,
    fallback: T,
}

macro_rules! vocab {
    ($t:ident, $fallback:expr) => {
        Vocab {
            parse: $t::parse,
            expected: $t::expected,
            spellings: || Box::new($t::all_spellings()),
            fallback: $fallback,
        }
    };
}

/// What the items of one file share: its sources and the ids defined so far.
struct Local {
    sources: HashMap<String, usize>,
    source_spans: Vec<Range<usize>>,
    /// Built on the first unknown source, then reused.
    suggester: Option<Suggester>,
    ids: HashMap<String, Range<usize>>,
}

impl Local {
    /// Records an actor, event or quote id; a second definition in the file is an error.
    fn unique(&mut self, ck: &mut Checker, id: &Text, span: Range<usize>) {
        if let Some(prev) = self.ids.get(id.raw()) {
            let prev = prev.clone();
            let d = ck.error(span, format!("duplicate id `{id}`"));
            d.label = Some("defined again here".into());
            d.related.push(Related {
                at: Location {
                    file: 0,
                    span: prev,
                },
                label: "first defined here".into(),
            });
            d.help =
                Some("actor, event and quote ids share one namespace; rename one of them".into());
        } else {
            self.ids.insert(id.raw().to_owned(), span);
        }
    }

    /// Resolves citations to this file's sources.
    fn cites(
        &mut self,
        ck: &mut Checker,
        cites: &Spanned<Vec<Spanned<raw::Cite>>>,
    ) -> Vec<LocalCite> {
        if cites.get_ref().is_empty() {
            ck.error(
                cites.span(),
                "no citation: every item must cite at least one source",
            )
            .help = Some("add e.g. cite = [{ source = \"article\", locator = \"¶3\" }]".into());
        }
        let mut out = Vec::with_capacity(cites.get_ref().len());
        for c in cites.get_ref() {
            let c = c.get_ref();
            if c.locator.get_ref().trim().is_empty() {
                ck.error(c.locator.span(), "empty locator").help =
                    Some("say where in the source: a paragraph (¶3), page or timestamp".into());
            }
            let source = c.source.get_ref().trim();
            let excerpt = (c.excerpt.as_ref())
                .filter(|e| !e.get_ref().trim().is_empty())
                .map(|e| (Text::new(e.get_ref().trim()), e.span()));
            match self.sources.get(source) {
                Some(&ix) => out.push(LocalCite {
                    source: ix,
                    locator: Text::new(c.locator.get_ref().trim()),
                    locator_span: c.locator.span(),
                    excerpt,
                }),
                None => self.unknown_source(ck, source, c.source.span()),
            }
        }
        out
    }

    fn unknown_source(&mut self, ck: &mut Checker, source: &str, span: Range<usize>) {
        let sources = &self.sources;
        let suggester = self
            .suggester
            .get_or_insert_with(|| Suggester::new(sources.keys().map(String::as_str)));
        let before = suggester.work;
        let sug = suggester.closest(source).map(str::to_owned);
        ck.work.suggestion_cells += suggester.work - before;
        let d = ck.error(span, format!("unknown source `{}`", Text::new(source)));
        d.label = Some("not a source of this briefing".into());
        d.help = Some(match sug {
            Some(s) => format!("did you mean `{}`?", Text::new(s)),
            None => "sources are declared in [[sources]] tables of the same file".into(),
        });
    }
}

fn meta(ck: &mut Checker, m: &mut raw::Meta) -> MetaDraft {
    MetaDraft {
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
        tags: Checker::texts(&mut m.tags),
    }
}

fn source(ck: &mut Checker, s: &mut raw::Source, local: &mut Local) -> SourceDraft {
    let id = ck.id(&s.id, "source");
    if let Some(&prev) = local.sources.get(id.raw()) {
        let span = local.source_spans[prev].clone();
        ck.error(s.id.span(), format!("duplicate source id `{id}`"))
            .related
            .push(Related {
                at: Location { file: 0, span },
                label: "first defined here".into(),
            });
    }
    let next = local.source_spans.len();
    local.sources.entry(id.raw().to_owned()).or_insert(next);
    local.source_spans.push(s.id.span());
    SourceDraft {
        id,
        title: ck.text(&mut s.title, "the source title"),
        kind: ck.vocab(
            &s.kind,
            "source kind",
            &vocab!(SourceKind, SourceKind::Other),
        ),
        published: s
            .published
            .as_ref()
            .map_or(DateSpec::Unknown, |d| ck.date(d)),
        publisher: Checker::opt_text(s.publisher.as_mut()),
        url: Checker::opt_text(s.url.as_mut()),
        note: Checker::opt_text(s.note.as_mut()),
        // Read and checked against the citations once the file's path is known (`passage`).
        text_file: (s.text_file.as_ref())
            .filter(|t| !t.get_ref().trim().is_empty())
            .map(|t| (t.get_ref().trim().to_owned(), t.span())),
        text: None,
    }
}

fn actor(ck: &mut Checker, a: &mut raw::Actor, local: &mut Local) -> ActorDraft {
    let id = ck.id(&a.id, "actor");
    local.unique(ck, &id, a.id.span());
    ActorDraft {
        id,
        id_span: a.id.span(),
        kind: ck.vocab(&a.kind, "actor kind", &vocab!(ActorKind, ActorKind::Other)),
        name: ck.text(&mut a.name, "the name"),
        short_name: Checker::opt_text(a.short_name.as_mut()),
        aliases: Checker::texts(&mut a.aliases),
        role: ck.text(&mut a.role, "the role"),
        affiliations: a.affiliations.iter().map(Ref::new).collect(),
        summary: Checker::opt_text(a.summary.as_mut()),
        cite: local.cites(ck, &a.cite),
    }
}

fn relation(ck: &mut Checker, r: &mut raw::Relation, local: &mut Local) -> RelationDraft {
    RelationDraft {
        kind: ck.vocab(
            &r.kind,
            "relation kind",
            &vocab!(RelationKind, RelationKind::Other),
        ),
        from: Ref::new(&r.from),
        to: Ref::new(&r.to),
        note: Checker::opt_text(r.note.as_mut()),
        cite: local.cites(ck, &r.cite),
    }
}

fn event(ck: &mut Checker, e: &mut raw::Event, local: &mut Local) -> EventDraft {
    let id = ck.id(&e.id, "event");
    local.unique(ck, &id, e.id.span());
    EventDraft {
        id,
        id_span: e.id.span(),
        status: ck.vocab(&e.status, "status", &vocab!(Status, Status::Reported)),
        title: ck.text(&mut e.title, "the title"),
        date: ck.date(&e.date),
        date_note: Checker::opt_text(e.date_note.as_mut()),
        summary: Checker::opt_text(e.summary.as_mut()),
        actors: e
            .actors
            .iter_mut()
            .map(|p| {
                let p = p.get_mut();
                (Ref::new(&p.actor), Checker::opt_text(p.role.as_mut()))
            })
            .collect(),
        cite: local.cites(ck, &e.cite),
    }
}

fn quote(ck: &mut Checker, q: &mut raw::Quote, local: &mut Local) -> QuoteDraft {
    let id = ck.id(&q.id, "quote");
    local.unique(ck, &id, q.id.span());
    QuoteDraft {
        id,
        id_span: q.id.span(),
        kind: ck.vocab(
            &q.kind,
            "quote kind",
            &vocab!(QuoteKind, QuoteKind::Reported),
        ),
        text: ck.text(&mut q.text, "the quote text"),
        speaker: Ref::new(&q.speaker),
        date: ck.date(&q.date),
        date_note: Checker::opt_text(q.date_note.as_mut()),
        context: Checker::opt_text(q.context.as_mut()),
        about: q.about.iter().map(Ref::new).collect(),
        cite: local.cites(ck, &q.cite),
    }
}

/// Parses and checks one file. Unknown keys become warnings with a suggestion.
///
/// # Errors
/// Every error in the file (with the warnings), sorted by position, and what it cost.
pub fn check_file(text: &str) -> Result<Checked, (Vec<Diagnostic>, Work)> {
    let parsed = super::parse::parse(text)?;
    let mut file = parsed.file;
    let mut ck = Checker {
        errors: Vec::new(),
        warnings: parsed.unknown,
        work: parsed.work,
    };
    let meta = meta(&mut ck, file.briefing.get_mut());
    let mut local = Local {
        sources: HashMap::new(),
        source_spans: Vec::new(),
        suggester: None,
        ids: HashMap::new(),
    };
    let sources: Vec<SourceDraft> = (file.sources.iter_mut())
        .map(|s| source(&mut ck, s.get_mut(), &mut local))
        .collect();
    if sources.is_empty() {
        ck.error(file.briefing.span(), "this briefing has no [[sources]]")
            .help =
            Some("every fact cites a source; declare at least one [[sources]] table".into());
    }
    let actors = (file.actors.iter_mut())
        .map(|a| actor(&mut ck, a.get_mut(), &mut local))
        .collect();
    let relations = (file.relations.iter_mut())
        .map(|r| relation(&mut ck, r.get_mut(), &mut local))
        .collect();
    let events = (file.events.iter_mut())
        .map(|e| event(&mut ck, e.get_mut(), &mut local))
        .collect();
    let quotes = (file.quotes.iter_mut())
        .map(|q| quote(&mut ck, q.get_mut(), &mut local))
        .collect();
    let by_position = |d: &Diagnostic| d.span.as_ref().map_or(0, |s| s.start);
    if !ck.errors.is_empty() {
        ck.errors.extend(ck.warnings);
        ck.errors.sort_by_key(by_position);
        return Err((ck.errors, ck.work));
    }
    ck.warnings.sort_by_key(by_position);
    Ok(Checked {
        file: 0,
        meta,
        sources,
        actors,
        relations,
        events,
        quotes,
        diagnostics: ck.warnings,
        work: ck.work,
    })
}

/// Turns a toml error into a diagnostic with its span and a plain message.
pub(crate) fn toml_error(e: &toml::de::Error, text: &str) -> Diagnostic {
    let message = e.message().trim().to_owned();
    let mut d = Diagnostic::error(first_line(&message)).in_file(0);
    if let Some(span) = e.span() {
        d.span = Some(span.start.min(text.len())..span.end.min(text.len()));
    }
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|m| m.split('`').next());
    match missing {
        Some("briefing") => {
            d.label = Some("this file has no [briefing] table".into());
            d.help = Some("start the file with a [briefing] table: id, title, as_of and summary; see briefings/README.md".into());
        }
        Some(field) => {
            d.label = Some(format!("this table needs `{field}`"));
            d.help = Some(format!(
                "add `{field} = …`; see briefings/README.md for the format"
            ));
        }
        None if message.starts_with("invalid type") => d.label = Some("wrong type".into()),
        None => {}
    }
    d
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_owned()
}
