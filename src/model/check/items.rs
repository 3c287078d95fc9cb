//! One function per kind of item: each turns a raw table into a draft, reporting every
//! problem it can find (missing fields, wrong types, bad values, unknown sources,
//! duplicate ids) and going on with a placeholder, so one run reports them all.

use std::ops::Range;

use compact_str::CompactString;
use toml::Spanned;

use super::super::FastMap as HashMap;
use super::super::diag::{Applicability, Diagnostic, Location, Related};
use super::super::enums::{ActorKind, QuoteKind, RelationKind, SourceKind, Status};
use super::super::keys::IgnoredId;
use super::super::raw::{self, Cites};
use super::super::suggest::Suggester;
use super::super::{DateSpec, Text};
use super::values::{At, Checker, Value, vocab};
use super::{
    ActorDraft, EventDraft, LocalCite, MetaDraft, QuoteDraft, Ref, RelationDraft, SourceDraft,
};

/// What the items of one file share: its sources and the ids defined so far.
#[derive(Default)]
pub(super) struct Local {
    /// Keyed by the ids themselves, most of them short enough to need no allocation.
    sources: HashMap<CompactString, usize>,
    source_spans: Vec<Range<usize>>,
    /// Built on the first unknown source, then reused.
    suggester: Option<Suggester>,
    ids: HashMap<CompactString, (Range<usize>, &'static str)>,
    /// Ids defined in tables ignored for a near-miss name (`[[source]]`).
    ignored: Vec<IgnoredId>,
}

/// "an" before a kind that starts with a vowel, "a" before the others.
fn article(kind: &str) -> &'static str {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

impl Local {
    /// Knows the ids of tables ignored for a near-miss name, so that a citation of one of
    /// them says so.
    pub(super) fn new(ignored: Vec<IgnoredId>) -> Self {
        Self {
            ignored,
            ..Self::default()
        }
    }

    /// Makes room for `n` item ids.
    pub(super) fn expect_ids(&mut self, n: usize) {
        self.ids.reserve(n);
    }

    /// Records an actor, event or quote id (`kind` is "actor", "event" or "quote"); a second
    /// definition in the file is an error that names both kinds.
    fn unique(&mut self, ck: &mut Checker<'_>, id: &Text, span: Range<usize>, kind: &'static str) {
        if id.is_empty() {
            return;
        }
        if let Some((prev, first)) = self.ids.get(id.raw()) {
            let (prev, first) = (prev.clone(), *first);
            let what = if first == kind {
                format!("two {kind}s")
            } else {
                format!("{} {first} and {} {kind}", article(first), article(kind))
            };
            let d = ck.error(span, format!("duplicate id `{id}`: {what}"));
            d.label = Some(format!("defined again here, for {} {kind}", article(kind)));
            d.related.push(Related {
                at: Location {
                    file: 0,
                    span: prev,
                },
                label: format!("first defined here, for {} {first}", article(first)),
            });
            d.help = Some(if first == kind {
                format!(
                    "an id names one {kind} in a briefing: rename one of them, or make the two one {kind}"
                )
            } else {
                "actor, event and quote ids share one namespace; rename one of them".to_owned()
            });
        } else {
            self.ids.insert(id.raw().into(), (span, kind));
        }
    }

    /// A citation to add, naming the file's first source, or saying a source is needed.
    fn cite_example(&self) -> String {
        match self.sources.iter().find(|&(_, &i)| i == 0) {
            Some((id, _)) => format!("add e.g. cite = [{{ source = \"{id}\", locator = \"¶3\" }}]"),
            None => "add a [[sources]] table, then cite it: cite = [{ source = \"…\", locator = \"¶3\" }]".to_owned(),
        }
    }

    /// Resolves citations to this file's sources.
    fn cites(&mut self, ck: &mut Checker<'_>, cites: Cites, at: &At) -> Vec<LocalCite> {
        let Some(cites) = cites else {
            ck.missing("cite", at);
            return Vec::new();
        };
        if matches!(cites.get_ref(), raw::List::Ok(v) if v.is_empty()) {
            ck.error(
                cites.span(),
                "no citation: every item must cite at least one source",
            )
            .help = Some(self.cite_example());
        }
        let whole = cites.span();
        let entries = match cites.into_inner() {
            raw::List::Ok(entries) => entries,
            raw::List::Wrong(found) => {
                ck.not_list(whole, "cite", found);
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(entries.len());
        for (i, c) in entries.into_iter().enumerate() {
            let span = c.span();
            let c = match c.into_inner() {
                raw::Tab::Ok(c) => Spanned::new(span, c),
                raw::Tab::Wrong(found) => {
                    ck.not_table(span, "cite", found);
                    continue;
                }
            };
            let cat = at.child("cite", i, "citation", c.span());
            let cite_span = c.span();
            let mut c = c.into_inner();
            let source = ck.required(&mut c.source, "source", &cat);
            let locator = ck.required(&mut c.locator, "locator", &cat);
            if let Some(l) = &locator
                && l.get_ref().trim().is_empty()
            {
                ck.error(l.span(), "empty locator").help =
                    Some("say where in the source: a paragraph (¶3), page or timestamp".into());
            }
            let excerpt = ck.optional(&mut c.excerpt, "excerpt");
            let blank = excerpt.as_ref().filter(|e| e.get_ref().trim().is_empty());
            if let Some(e) = blank {
                ck.warn(
                    Diagnostic::warning("empty excerpt")
                        .at(0, e.span())
                        .label("nothing quoted here")
                        .help("copy a passage of the source, verbatim, or leave `excerpt` out"),
                );
            }
            let excerpt = (excerpt.filter(|e| !e.get_ref().trim().is_empty()))
                .map(|e| (Text::new(e.get_ref().trim()), e.span()));
            let Some(source) = source else { continue };
            let id = source.get_ref().trim();
            let locator_span = locator.as_ref().map_or(cite_span, Spanned::span);
            match self.sources.get(id) {
                Some(&ix) => out.push(LocalCite {
                    source: ix,
                    locator: locator.map_or_else(Text::default, |l| Text::new(l.get_ref().trim())),
                    locator_span,
                    excerpt,
                }),
                None => self.unknown_source(ck, id, source.span()),
            }
        }
        out
    }

    fn unknown_source(&mut self, ck: &mut Checker<'_>, source: &str, span: Range<usize>) {
        let sources = &self.sources;
        let suggester = self
            .suggester
            .get_or_insert_with(|| Suggester::new(sources.keys().map(CompactString::as_str)));
        let before = suggester.work;
        let sug = suggester.closest(source).map(str::to_owned);
        ck.work.suggestion_cells += suggester.work - before;
        let plain = ck.written(&span).starts_with('"');
        let mut d = Diagnostic::error(format!("unknown source `{}`", Text::new(source)))
            .at(0, span.clone())
            .label("not a source of this briefing");
        if let Some(ig) = self.ignored.iter().find(|ig| ig.id == source) {
            // The table's name is the mistake, and its own error has the fix.
            ck.push_error(d.help(format!(
                "`{}` is defined under `{}`, which is ignored: did you mean `{}`?",
                Text::new(source),
                ig.written,
                ig.meant
            )));
            return;
        }
        d = match sug {
            Some(s) => {
                let help = format!("did you mean `{}`?", Text::new(s.as_str()));
                let d = d.help(help);
                if plain {
                    d.fix(span, format!("\"{s}\""), Applicability::MaybeIncorrect)
                } else {
                    d
                }
            }
            None => d.help(sources_of_the_file(&self.sources)),
        };
        ck.push_error(d);
    }
}

/// How many of its sources the help for an unknown source names.
const SOURCES_NAMED: usize = 5;

/// The help for a citation of an unknown source with no id of the file close to it: the
/// file's sources, so that it names what may be written, the first few in the order of the
/// file and how many more.
fn sources_of_the_file(sources: &HashMap<CompactString, usize>) -> String {
    let mut ids: Vec<(usize, &str)> = sources.iter().map(|(id, &i)| (i, id.as_str())).collect();
    ids.sort_unstable();
    let named: Vec<String> = (ids.iter().take(SOURCES_NAMED))
        .map(|(_, id)| format!("`{}`", Text::new(*id)))
        .collect();
    match named.as_slice() {
        [] => "this file declares no sources: sources are declared in [[sources]] tables of the same file".into(),
        [only] => format!("the only source of this file is {only}"),
        [first @ .., last] if ids.len() <= SOURCES_NAMED => {
            format!("the sources of this file are {} and {last}", first.join(", "))
        }
        _ => format!(
            "the sources of this file are {} and {} more",
            named.join(", "),
            ids.len() - SOURCES_NAMED
        ),
    }
}

/// A reference to another item; an empty one is an error here and skipped when linking.
fn reference(ck: &mut Checker<'_>, v: Option<Value>, key: &str) -> Ref {
    match v {
        Some(v) => {
            if v.get_ref().trim().is_empty() {
                ck.error(v.span(), format!("`{key}` is empty")).label =
                    Some("write an id here".into());
            }
            Ref::new(v.get_ref(), v.span())
        }
        None => Ref::new("", 0..0),
    }
}

fn item_at(what: &'static str, table: &'static str, index: usize, span: Range<usize>) -> At {
    At {
        what,
        table,
        top: (table.trim_matches(['[', ']']), Some(index)),
        inner: None,
        span,
    }
}

pub(super) fn meta(ck: &mut Checker<'_>, m: Option<Spanned<raw::Meta>>) -> MetaDraft {
    let Some(m) = m else {
        // Already reported: the file has no [briefing] table to check.
        return MetaDraft {
            id: Text::default(),
            id_span: 0..0,
            title: Text::default(),
            as_of: DateSpec::Unknown,
            series: None,
            summary: Text::default(),
            key_points: Vec::new(),
            tags: Vec::new(),
        };
    };
    let (span, mut m) = (m.span(), m.into_inner());
    let at = At {
        what: "briefing",
        table: "[briefing]",
        top: ("briefing", None),
        inner: None,
        span,
    };
    let (id, id_span) = ck.id(&mut m.id, "briefing", &at);
    let title = ck.text(&mut m.title, "title", &at);
    let (as_of, as_of_span) = ck.req_date(&mut m.as_of, "as_of", &at);
    let series = ck.opt_text(&mut m.series, "series");
    let summary = ck.text(&mut m.summary, "summary", &at);
    let points_span = m.key_points.as_ref().map(Spanned::span);
    let key_points: Vec<Text> = ck
        .strings(&mut m.key_points, "key_points")
        .into_iter()
        .map(|k| {
            if k.get_ref().trim().is_empty() {
                ck.error(k.span(), "a key point is empty").label =
                    Some("write something here".into());
            }
            ck.note_placeholder("key_points", &k);
            Text::new(k.into_inner())
        })
        .collect();
    let tags = ck
        .strings(&mut m.tags, "tags")
        .into_iter()
        .map(|t| Text::new(t.into_inner()))
        .collect();
    let draft = MetaDraft {
        id,
        id_span,
        title,
        as_of,
        series,
        summary,
        key_points,
        tags,
    };
    super::odd::meta(ck, &draft, as_of_span, points_span);
    ck.flush_placeholders("briefing");
    draft
}

pub(super) fn source(
    ck: &mut Checker<'_>,
    i: usize,
    s: Spanned<raw::Source>,
    local: &mut Local,
    as_of: DateSpec,
) -> SourceDraft {
    let at = item_at("source", "[[sources]]", i, s.span());
    let mut s = s.into_inner();
    let (id, id_span) = ck.id(&mut s.id, "source", &at);
    if let Some(&prev) = local.sources.get(id.raw()) {
        let span = local.source_spans[prev].clone();
        ck.error(id_span.clone(), format!("duplicate source id `{id}`"))
            .related
            .push(Related {
                at: Location { file: 0, span },
                label: "first defined here".into(),
            });
    }
    let next = local.source_spans.len();
    local.sources.entry(id.raw().into()).or_insert(next);
    local.source_spans.push(id_span);
    let title = ck.text(&mut s.title, "title", &at);
    let kind = ck
        .required(&mut s.kind, "kind", &at)
        .map_or(SourceKind::Other, |k| {
            ck.vocab(&k, "source kind", &vocab!(SourceKind, SourceKind::Other))
        });
    let published = (ck.optional(&mut s.published, "published"))
        .and_then(|d| {
            let date = ck.date(&d)?;
            super::odd::after_as_of(ck, "source", date, true, as_of, d.span());
            Some(date)
        })
        .unwrap_or_default();
    let draft = SourceDraft {
        id,
        title,
        kind,
        published,
        publisher: ck.opt_text(&mut s.publisher, "publisher"),
        url: ck.opt_text(&mut s.url, "url"),
        note: ck.opt_text(&mut s.note, "note"),
        // Read and checked against the citations once the file's path is known (`passage`).
        text_file: ck
            .optional(&mut s.text_file, "text_file")
            .filter(|t| !t.get_ref().trim().is_empty())
            .map(|t| (t.get_ref().trim().to_owned(), t.span())),
        text: None,
    };
    ck.flush_placeholders("source");
    draft
}

pub(super) fn actor(
    ck: &mut Checker<'_>,
    i: usize,
    a: Spanned<raw::Actor>,
    local: &mut Local,
) -> ActorDraft {
    let at = item_at("actor", "[[actors]]", i, a.span());
    let mut a = a.into_inner();
    let (id, id_span) = ck.id(&mut a.id, "actor", &at);
    local.unique(ck, &id, id_span.clone(), "actor");
    let name = ck.text(&mut a.name, "name", &at);
    let kind = ck
        .required(&mut a.kind, "kind", &at)
        .map_or(ActorKind::Other, |k| {
            ck.vocab(&k, "actor kind", &vocab!(ActorKind, ActorKind::Other))
        });
    let role = ck.text(&mut a.role, "role", &at);
    let affiliations: Vec<Ref> = ck
        .strings(&mut a.affiliations, "affiliations")
        .into_iter()
        .map(|v| reference(ck, Some(v), "affiliations"))
        .collect();
    super::odd::affiliations(ck, &id, &affiliations);
    let draft = ActorDraft {
        id,
        id_span,
        kind,
        name,
        short_name: ck.opt_text(&mut a.short_name, "short_name"),
        aliases: ck
            .strings(&mut a.aliases, "aliases")
            .into_iter()
            .map(|v| Text::new(v.into_inner()))
            .collect(),
        role,
        affiliations,
        summary: ck.opt_text(&mut a.summary, "summary"),
        cite: local.cites(ck, a.cite, &at),
    };
    ck.flush_placeholders("actor");
    draft
}

pub(super) fn relation(
    ck: &mut Checker<'_>,
    i: usize,
    r: Spanned<raw::Relation>,
    local: &mut Local,
) -> RelationDraft {
    let at = item_at("relation", "[[relations]]", i, r.span());
    let mut r = r.into_inner();
    let from = ck.required(&mut r.from, "from", &at);
    let from = reference(ck, from, "from");
    let kind = ck
        .required(&mut r.kind, "kind", &at)
        .map_or(RelationKind::Other, |k| {
            ck.vocab(
                &k,
                "relation kind",
                &vocab!(RelationKind, RelationKind::Other),
            )
        });
    let to = ck.required(&mut r.to, "to", &at);
    let to = reference(ck, to, "to");
    super::odd::self_relation(ck, &from, &to);
    let draft = RelationDraft {
        kind,
        from,
        to,
        note: ck.opt_text(&mut r.note, "note"),
        cite: local.cites(ck, r.cite, &at),
    };
    ck.flush_placeholders("relation");
    draft
}

pub(super) fn event(
    ck: &mut Checker<'_>,
    i: usize,
    e: Spanned<raw::Event>,
    local: &mut Local,
    as_of: DateSpec,
) -> EventDraft {
    let at = item_at("event", "[[events]]", i, e.span());
    let mut e = e.into_inner();
    let (id, id_span) = ck.id(&mut e.id, "event", &at);
    local.unique(ck, &id, id_span.clone(), "event");
    let title = ck.text(&mut e.title, "title", &at);
    let (date, date_span) = ck.req_date(&mut e.date, "date", &at);
    let status = ck
        .required(&mut e.status, "status", &at)
        .map_or(Status::Reported, |s| {
            ck.vocab(&s, "status", &vocab!(Status, Status::Reported))
        });
    if let Some(span) = date_span {
        super::odd::after_as_of(ck, "event", date, status == Status::Occurred, as_of, span);
    }
    let participants = ck.tables(e.actors.take(), "actors");
    let mut actors = Vec::with_capacity(participants.len());
    for (j, p) in participants {
        let pat = at.child("actors", j, "participant", p.span());
        let mut p = p.into_inner();
        let actor = ck.required(&mut p.actor, "actor", &pat);
        let actor = reference(ck, actor, "actor");
        let role = ck.opt_text(&mut p.role, "role");
        actors.push((actor, role));
    }
    super::odd::participants(ck, &actors);
    let draft = EventDraft {
        id,
        id_span,
        status,
        title,
        date,
        date_note: ck.opt_text(&mut e.date_note, "date_note"),
        summary: ck.opt_text(&mut e.summary, "summary"),
        actors,
        cite: local.cites(ck, e.cite, &at),
    };
    ck.flush_placeholders("event");
    draft
}

pub(super) fn quote(
    ck: &mut Checker<'_>,
    i: usize,
    q: Spanned<raw::Quote>,
    local: &mut Local,
    as_of: DateSpec,
) -> QuoteDraft {
    let at = item_at("quote", "[[quotes]]", i, q.span());
    let mut q = q.into_inner();
    let (id, id_span) = ck.id(&mut q.id, "quote", &at);
    local.unique(ck, &id, id_span.clone(), "quote");
    let kind = ck
        .required(&mut q.kind, "kind", &at)
        .map_or(QuoteKind::Reported, |k| {
            ck.vocab(&k, "quote kind", &vocab!(QuoteKind, QuoteKind::Reported))
        });
    let text_span = q.text.as_ref().map(Spanned::span).unwrap_or_default();
    let text = ck.text(&mut q.text, "text", &at);
    if kind == QuoteKind::Direct
        && !text.is_empty()
        && !super::super::passage::direct::has_words(text.raw())
    {
        ck.warn(
            Diagnostic::warning("this direct quote has none of the speaker's words")
                .at(0, text_span.clone())
                .label("only cuts (…) and words in [ ]")
                .help("a direct quote gives the speaker's own words, verbatim; quote them, or write a paraphrase with `kind = \"reported\"`"),
        );
    }
    let speaker = ck.required(&mut q.speaker, "speaker", &at);
    let speaker = reference(ck, speaker, "speaker");
    let (date, date_span) = ck.req_date(&mut q.date, "date", &at);
    if let Some(span) = date_span {
        super::odd::after_as_of(ck, "quote", date, true, as_of, span);
    }
    let about = ck
        .strings(&mut q.about, "about")
        .into_iter()
        .map(|v| reference(ck, Some(v), "about"))
        .collect();
    let draft = QuoteDraft {
        id,
        id_span,
        kind,
        text,
        text_span,
        speaker,
        date,
        date_note: ck.opt_text(&mut q.date_note, "date_note"),
        context: ck.opt_text(&mut q.context, "context"),
        about,
        cite: local.cites(ck, q.cite, &at),
    };
    ck.flush_placeholders("quote");
    draft
}
