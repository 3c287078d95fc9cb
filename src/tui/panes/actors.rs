//! Actors: who is involved. Rows show name, kind and role; the detail shows aliases,
//! affiliations, relations both ways, the actor's quotes and events, and sources.

use ratatui::text::Span;

use super::content::Content;
use super::detail::{Builder, cite_list};
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{ItemRef, Library};
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
    let name_w = (width * 2 / 5).clamp(16, 32);
    // Where the full name does not fit, the short name the author gave says more.
    let full = one_line(actor.name.safe());
    let name = if crate::tui::text::width(&full) > name_w {
        one_line(actor.short())
    } else {
        full
    };
    vec![
        Span::raw(pad(&name, name_w)),
        Span::styled(format!(" {:<8} ", actor.kind.label()), theme.dim),
        Span::raw(one_line(actor.role.safe()).into_owned()),
    ]
}

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
    b.links("Relations", &lib.actor_relations[i], |b, &r| {
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
    b.links("Quotes", &lib.actor_quotes[i], |b, &q| {
        (ItemRef::Quote(q), b.quote_spans(q))
    });
    b.links("Events", &lib.actor_events[i], |b, &e| {
        (ItemRef::Event(e), b.event_spans(e))
    });
    b.sources(&a.cite);
    b.history(&lib.actor_history(i));
}
