//! Overview: the briefings (to choose a scope from) and their sources.

use ratatui::text::Span;

use super::content::Content;
use super::detail::Builder;
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{Citer, ItemRef, Library};
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Keymap;
use crate::tui::text;
use crate::tui::theme::Theme;

/// The Overview pane: choosing a briefing here sets the scope of the others.
pub struct Overview;

impl Content for Overview {
    fn rows(&self, lib: &Library, keys: &Keymap) -> Vec<Row> {
        rows(lib, keys)
    }

    fn row(&self, lib: &Library, item: ItemRef, theme: &Theme, width: usize) -> Vec<Span<'static>> {
        match item {
            ItemRef::Briefing(b) => briefing_row(lib, b, theme, width),
            ItemRef::Source(s) => source_row(lib, s, theme, width),
            _ => Vec::new(),
        }
    }

    fn detail(&self, b: &mut Builder<'_>, item: ItemRef) {
        match item {
            ItemRef::Briefing(i) => briefing_detail(b, i),
            ItemRef::Source(i) => source_detail(b, i),
            _ => {}
        }
    }
}

/// Every briefing (in time order, grouped by series when there are several) with its
/// sources; the header names the keys that narrow and widen the scope.
fn rows(lib: &Library, keys: &Keymap) -> Vec<Row> {
    let mut rows = Vec::new();
    let series = lib.series_names();
    if lib.briefings.len() > 1 {
        let n = lib.briefings.len();
        let hints: Vec<String> = [
            keys.hint(Mode::Browse, &Action::Activate, "shows one"),
            keys.hint(Mode::Browse, &Action::CycleScope, "widens"),
            keys.hint(Mode::Browse, &Action::PickScope, "chooses"),
        ]
        .into_iter()
        .flatten()
        .collect();
        rows.push(Row::Header(
            if hints.is_empty() {
                format!("{n} briefings")
            } else {
                format!("{n} briefings · {}", hints.join(" · "))
            }
            .into(),
        ));
    }
    for name in &series {
        if series.len() > 1 {
            rows.push(Row::Header(
                if name.is_empty() {
                    "no series".to_owned()
                } else {
                    format!("series {}", crate::model::text::safe_line(name))
                }
                .into(),
            ));
        }
        for (i, b) in lib.briefings.iter().enumerate() {
            if b.series_name() == *name {
                rows.push(Row::Item(ItemRef::Briefing(i)));
                rows.extend(b.sources.iter().map(|&s| Row::Item(ItemRef::Source(s))));
            }
        }
    }
    rows
}

/// A briefing: ▣ when it is in scope, □ when not, and dim when the view is earlier than
/// its date. In `width` columns, the mark and the date always show (in a series, the date
/// is what tells briefings apart) and the title gives way to them. A later briefing says
/// so, "(after the view's date)" or "(later)", while the title keeps some words beside it;
/// the dim □ says it too.
fn briefing_row(lib: &Library, b: usize, theme: &Theme, width: usize) -> Vec<Span<'static>> {
    let br = &lib.briefings[b];
    let (mark, style) = match (br.in_scope(), br.is_known()) {
        (true, _) => ("▣ ", theme.title),
        (false, true) => ("□ ", ratatui::style::Style::new()),
        (false, false) => ("□ ", theme.dim),
    };
    let date = format!("  {}", br.as_of);
    let room = width.saturating_sub(text::width(mark) + text::width(&date));
    let later = (!br.is_known())
        .then(|| {
            [AFTER_THE_VIEW, LATER]
                .into_iter()
                .find(|l| room >= text::width(l) + MIN_TITLE)
        })
        .flatten();
    let title = one_line(br.title.safe()).into_owned();
    // The dates make one column at the right edge, where a short title leaves room.
    let room = width.saturating_sub(text::width(mark));
    let mut tail: Vec<Span<'static>> = later
        .map(|l| Span::styled(l, theme.dim))
        .into_iter()
        .collect();
    tail.push(Span::styled(date, theme.dim));
    let mut spans = vec![Span::styled(mark, theme.badge)];
    spans.extend(text::fit_right(vec![Span::styled(title, style)], tail, 0, room).spans);
    spans
}

/// What a briefing row says of a briefing after the view's date, and in short.
const AFTER_THE_VIEW: &str = "  (after the view's date)";
const LATER: &str = "  (later)";

/// The fewest columns of title a briefing row keeps beside [`AFTER_THE_VIEW`] or
/// [`LATER`]; with less, it says the shorter or nothing.
const MIN_TITLE: usize = 24;

/// A briefing's source, under it: its title, and its publication date, when known, at the
/// right edge in the briefings' date column. The date shows whole at every width, in the
/// timeline's short form (`≥2025-05-21`, `2025-03-08‥03-09`), and the title gives way.
fn source_row(lib: &Library, s: usize, theme: &Theme, width: usize) -> Vec<Span<'static>> {
    let src = &lib.sources[s];
    let mark = "   ⧉ ";
    let title = vec![Span::raw(one_line(src.title.safe()).into_owned())];
    let room = width.saturating_sub(text::width(mark));
    let mut spans = vec![Span::styled(mark, theme.dim)];
    if src.published.is_known() {
        let date = format!("  {}", super::axis::short_date(src.published));
        let tail = vec![Span::styled(date, theme.dim)];
        spans.extend(text::fit_right(title, tail, 0, room).spans);
    } else {
        spans.extend(text::fit(title, room).spans);
    }
    spans
}

fn briefing_detail(b: &mut Builder<'_>, i: usize) {
    let lib = b.lib;
    let br = &lib.briefings[i];
    b.text(br.title.safe(), b.theme.title);
    b.field("id", br.id.safe());
    b.field("as of", &br.as_of.to_string());
    if let Some(series) = &br.series {
        b.field("series", series.safe());
    }
    b.field("file", &crate::model::diag::display_path(&br.path));
    if lib.briefings.len() > 1 {
        let only = lib.view().scope == crate::model::Scope::Briefing(i);
        let key = b.keys.key(Mode::Browse, &Action::Activate);
        let widen = b.keys.key(Mode::Browse, &Action::CycleScope);
        let showing = match (only, key, widen) {
            (true, _, Some(w)) => format!("only this briefing ({w} widens the scope)"),
            (true, _, None) => "only this briefing".to_owned(),
            (false, Some(key), _) => format!("press {key} in the list to show only this briefing"),
            (false, None, _) => "all briefings".to_owned(),
        };
        b.field("panes", &showing);
    }
    let count = crate::tui::text::count;
    b.field(
        "describes",
        &[
            count(br.actors.len(), "actor", "actors"),
            count(br.events.len(), "event", "events"),
            count(br.quotes.len(), "quote", "quotes"),
            count(br.relations.len(), "relation", "relations"),
        ]
        .join(" · "),
    );
    if !br.tags.is_empty() {
        let tags: Vec<String> = br
            .tags
            .iter()
            .map(|t| format!("#{}", one_line(t.safe())))
            .collect();
        b.field("tags", &tags.join(" "));
    }
    b.heading("Summary");
    b.text(br.summary.safe(), ratatui::style::Style::new());
    if !br.key_points.is_empty() {
        b.heading("Key points");
        for k in &br.key_points {
            b.bullet(k.safe());
        }
    }
    if let Some(prev) = br.previous {
        b.links("Previous in the series", &[prev], |b, &p| {
            let pb = &b.lib.briefings[p];
            (
                ItemRef::Briefing(p),
                vec![
                    Span::raw(one_line(pb.title.safe()).into_owned()),
                    Span::styled(format!("  {}", pb.as_of), b.theme.dim),
                ],
            )
        });
    }
    b.links("Sources", &br.sources, |b, &s| {
        let src = &b.lib.sources[s];
        (
            ItemRef::Source(s),
            vec![
                Span::raw(one_line(src.title.safe()).into_owned()),
                Span::styled(format!("  {}", src.kind.label()), b.theme.dim),
            ],
        )
    });
}

fn source_detail(b: &mut Builder<'_>, i: usize) {
    let lib = b.lib;
    let s = &lib.sources[i];
    b.text(s.title.safe(), b.theme.title);
    b.field("id", &lib.id_of(ItemRef::Source(i)));
    b.field("kind", s.kind.label());
    b.field("published", &s.published.to_string());
    b.field(
        "publisher",
        s.publisher.as_ref().map_or("not given", |p| p.safe()),
    );
    b.field("url", s.url.as_ref().map_or("not given", |u| u.safe()));
    if let Some(note) = &s.note {
        b.heading("Note");
        b.text(note.safe(), ratatui::style::Style::new());
    }
    let read = match &s.text {
        Some(t) => format!(
            "the full text: {}, {} paragraphs",
            crate::model::text::safe_line(&t.name),
            t.paragraphs.len()
        ),
        None => "the passages the briefing quotes (no full text is included)".to_owned(),
    };
    b.heading("Text");
    b.link(ItemRef::Source(i), vec![Span::raw(format!("read {read}"))]);
    // What the briefing rests on this source for, each as the briefing gives it.
    let cited_by = lib.cited_by(i);
    let start = b.lines.len();
    b.version_links("Cited by", &cited_by, s.briefing, |b, (by, locators)| {
        let (item, mut spans) = match *by {
            Citer::Item(item) => (item, b.item_spans(item)),
            Citer::Relation(r) => {
                let rel = &b.lib.relations[r];
                let name = |a: usize| b.lib.with_id(a, b.lib.actors[a].short());
                let spans = vec![
                    Span::raw(name(rel.from)),
                    Span::styled(format!(" {} ", rel.kind.label()), b.theme.dim),
                    Span::raw(name(rel.to)),
                ];
                (ItemRef::Actor(rel.from), spans)
            }
        };
        let locators: Vec<_> = locators.iter().map(|l| one_line(l.safe())).collect();
        spans.push(Span::styled(
            format!("  {}", locators.join(", ")),
            b.theme.dim,
        ));
        (item, spans)
    });
    // A relation's row lands on the relation in its first actor's detail.
    let rows = b.lines[start..].iter_mut().filter(|l| l.link.is_some());
    for (line, (by, _)) in rows.zip(&cited_by) {
        if let Citer::Relation(r) = *by {
            line.relation = Some(r);
        }
    }
    b.links("Briefing", &[s.briefing], |b, &br| {
        (
            ItemRef::Briefing(br),
            vec![Span::raw(
                one_line(b.lib.briefings[br].title.safe()).into_owned(),
            )],
        )
    });
}
