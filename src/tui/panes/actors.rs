//! Actors: who is involved. Rows show name, kind and role; the detail shows aliases,
//! affiliations, relations both ways, the actor's quotes and events, and sources. A
//! relation's own detail (shown where the Changes pane lists it) lives here too.

use ratatui::text::Span;

use super::content::Content;
use super::detail::{Builder, cite_list};
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{ItemRef, Library, RelationIx};
use crate::tui::keymap::Keymap;
use crate::tui::text::pad;
use crate::tui::theme::Theme;

/// The Actors pane.
pub struct Actors;

impl Content for Actors {
    fn rows(&self, lib: &Library, _: &Keymap) -> Vec<Row> {
        (0..lib.actors.len())
            .filter(|&a| lib.actors[a].in_scope())
            .map(|a| Row::Item(ItemRef::Actor(a)))
            .collect()
    }

    fn row(&self, lib: &Library, item: ItemRef, theme: &Theme, width: usize) -> Vec<Span<'static>> {
        match item {
            ItemRef::Actor(a) => row(lib, a, theme, width),
            _ => Vec::new(),
        }
    }

    fn detail(&self, b: &mut Builder<'_>, item: ItemRef) {
        if let ItemRef::Actor(a) = item {
            detail(b, a);
        }
    }

    fn citation(&self, lib: &Library, item: ItemRef) -> Option<String> {
        let ItemRef::Actor(a) = item else { return None };
        let actor = &lib.actors[a];
        Some(format!(
            "{} — {} ({})",
            one_line(actor.name.safe()),
            one_line(actor.role.safe()),
            cite_list(lib, &actor.cite)
        ))
    }
}

fn row(lib: &Library, a: usize, theme: &Theme, width: usize) -> Vec<Span<'static>> {
    let actor = &lib.actors[a];
    let mut name_w = (width * 2 / 5).clamp(16, 32);
    // A column left too narrow to say anything is left out rather than shown as `…`: the
    // role first (its room goes to the name), then the kind. With the role, the kind is
    // shown in full; without it, a narrow list gives its room to the name instead.
    let role = width >= name_w + KIND_WIDTH + 2 + MIN_ROLE_WIDTH;
    let kind_w = if role { KIND_WIDTH } else { NARROW_KIND_WIDTH } + 2;
    if !role {
        name_w = name_w.max(width.saturating_sub(kind_w).min(40));
    }
    // Where the full name does not fit, the short name the author gave says more.
    let full = one_line(actor.name.safe());
    let name = if crate::tui::text::width(&full) > name_w {
        one_line(actor.short())
    } else {
        full
    };
    let mut spans = vec![Span::raw(pad(&name, name_w))];
    if width >= name_w + kind_w {
        spans.push(Span::styled(
            format!(" {} ", pad(actor.kind.label(), kind_w - 2)),
            theme.dim,
        ));
    }
    if role {
        spans.push(Span::raw(one_line(actor.role.safe()).into_owned()));
    }
    spans
}

/// The kind column's width beside the role: the longest kind, `organization`, in full.
const KIND_WIDTH: usize = 12;

/// The kind column's width in a list too narrow for the role: `organiz…`.
const NARROW_KIND_WIDTH: usize = 8;

/// The fewest columns the role is shown in.
const MIN_ROLE_WIDTH: usize = 6;

fn detail(b: &mut Builder<'_>, i: usize) {
    let lib = b.lib;
    let a = &lib.actors[i];
    b.text(a.name.safe(), b.theme.title);
    b.provenance(a.briefing, a.history().len(), a.mark());
    b.field("kind", a.kind.label());
    b.field("role", a.role.safe());
    if let Some(short) = &a.short_name {
        b.field("short name", short.safe());
    }
    if !a.aliases.is_empty() {
        let aliases: Vec<&str> = a.aliases.iter().map(crate::model::Text::safe).collect();
        b.field("also known", &aliases.join(", "));
    }
    if let Some(summary) = &a.summary {
        b.heading("Summary");
        b.text(summary.safe(), ratatui::style::Style::new());
    }
    b.links("Affiliations", &a.affiliations, |b, &x| {
        (ItemRef::Actor(x), b.actor_spans(x))
    });
    let relations = &lib.actor_relations[i];
    let start = b.lines.len();
    b.links("Relations", relations, |b, &r| {
        let r = r as usize;
        let rel = &b.lib.relations[r];
        let (verb, other) = if rel.from == i {
            (rel.kind.label(), rel.to)
        } else {
            (rel.kind.inverse_label(), rel.from)
        };
        let mut spans = vec![Span::styled(format!("{verb} "), b.theme.dim)];
        spans.extend(b.actor_spans(other));
        if let Some(note) = &rel.note {
            spans.push(Span::styled(
                format!(" — {}", one_line(note.safe())),
                b.theme.dim,
            ));
        }
        if let Some(since) = rel.not_restated_since() {
            spans.push(Span::styled(
                format!(
                    " · not restated since {} ({})",
                    b.lib.briefings[since].as_of,
                    b.lib.briefings[since].id.safe()
                ),
                b.theme.warning,
            ));
        }
        (ItemRef::Actor(other), spans)
    });
    // Each link row of the section names one relation, in order.
    let rows = b.lines[start..].iter_mut().filter(|l| l.link.is_some());
    for (line, &r) in rows.zip(relations) {
        line.relation = Some(r as usize);
    }
    b.links("Quotes", &lib.actor_quotes[i], |b, &q| {
        (ItemRef::Quote(q as usize), b.quote_spans(q as usize))
    });
    b.links("Events", &lib.actor_events[i], |b, &e| {
        (ItemRef::Event(e as usize), b.event_spans(e as usize))
    });
    b.sources(&a.cite);
    b.history(&lib.actor_history(i));
}

/// A relation's detail: the relation as a sentence, which briefing's statement it shows
/// and whether a later one no longer states it, its note, its two actors as links, its
/// sources, and every briefing that stated it.
pub fn relation_detail(b: &mut Builder<'_>, r: RelationIx) {
    let lib = b.lib;
    let rel = &lib.relations[r];
    let name = |a: usize| one_line(lib.actors[a].name.safe()).into_owned();
    b.text(
        &format!("{} {} {}", name(rel.from), rel.kind.label(), name(rel.to)),
        b.theme.title,
    );
    b.provenance(rel.briefing, rel.history().len(), rel.mark());
    if let Some(since) = rel.not_restated_since() {
        let br = &lib.briefings[since];
        b.field_styled(
            "status",
            &format!(
                "not restated since {} ({}), which describes both actors",
                br.as_of,
                br.id.safe()
            ),
            b.theme.warning,
        );
    }
    if let Some(note) = &rel.note {
        b.field("note", note.safe());
    }
    b.links("Actors", &[rel.from, rel.to], |b, &a| {
        (ItemRef::Actor(a), b.actor_spans(a))
    });
    b.sources(&rel.cite);
    let history = rel.history();
    if lib.briefings.len() > 1 && !history.is_empty() {
        b.heading(format!(
            "History ({})",
            crate::tui::text::count(history.len(), "version", "versions")
        ));
        for v in history {
            let br = &lib.briefings[v.briefing];
            let cites = super::detail::cite_short(lib, &v.cite);
            b.link(
                ItemRef::Briefing(v.briefing),
                vec![
                    Span::styled(format!("{} ", br.as_of), b.theme.dim),
                    Span::raw(format!("{}  stated", one_line(br.id.safe()))),
                    Span::styled(format!("  {cites}"), b.theme.dim),
                ],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::KIND_WIDTH;
    use crate::model::ActorKind;

    #[test]
    fn every_kind_fits_its_column_in_full() {
        for kind in ActorKind::ALL {
            let w = crate::tui::text::width(kind.label());
            assert!(w <= KIND_WIDTH, "`{}` is cut", kind.label());
        }
        assert!(
            ActorKind::ALL
                .iter()
                .any(|k| crate::tui::text::width(k.label()) == KIND_WIDTH),
            "the column is no wider than the longest kind"
        );
    }
}
