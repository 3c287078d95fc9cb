//! Actors: who is involved. Rows show name, kind and role; the detail shows aliases,
//! affiliations, relations both ways, the actor's quotes and events, and sources. A
//! relation's own detail (shown where the Changes pane lists it) lives here too.

use ratatui::text::Span;

use super::content::{Columns, Content};
use super::detail::{Builder, cite_list};
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{ItemRef, Library, RelationIx};
use crate::tui::keymap::Keymap;
use crate::tui::text::{fit, fit_named, fit_right, pad, width};
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
        let columns = Columns {
            kind: KIND_WIDTH,
            ..Columns::default()
        };
        self.row_in(lib, item, theme, width, columns)
    }

    fn columns(&self, lib: &Library, rows: &[Row]) -> Columns {
        Columns {
            kind: kind_column(lib, rows),
            id: id_column(lib, rows),
            ..Columns::default()
        }
    }

    fn row_in(
        &self,
        lib: &Library,
        item: ItemRef,
        theme: &Theme,
        width: usize,
        columns: Columns,
    ) -> Vec<Span<'static>> {
        match item {
            ItemRef::Actor(a) => row(lib, a, theme, width, columns),
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
            lib.with_id(a, &one_line(actor.name.safe())),
            one_line(actor.role.safe()),
            cite_list(lib, &actor.cite)
        ))
    }
}

/// The widest kind among the rows: a list of people gives the kind column's room to the
/// roles.
fn kind_column(lib: &Library, rows: &[Row]) -> usize {
    rows.iter()
        .filter_map(|row| match row {
            Row::Item(ItemRef::Actor(a)) => Some(width(lib.actors[*a].kind.label())),
            _ => None,
        })
        .max()
        .unwrap_or(KIND_WIDTH)
}

/// The widest id of the rows' actors whom another actor shares a name with (0 when none
/// does).
fn id_column(lib: &Library, rows: &[Row]) -> usize {
    rows.iter()
        .filter_map(|row| match row {
            Row::Item(ItemRef::Actor(a)) => lib.namesake_id(*a).map(|id| width(&one_line(id))),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// An actor's name, kind and role. Where the role has room, the three are columns, the
/// kind's as wide as the widest kind in the list, the name's as wide as the widest id of
/// an actor another shares a name with. Without the role, the kind ends the row, at its
/// right edge, and the name takes everything up to its own row's kind: a person's name is
/// not cut for another row's `organization`. A kind is cut only where the name would keep
/// fewer than [`MIN_NAME`] columns (or its id, if wider), and left out rather than shown as
/// a bare `…`.
fn row(lib: &Library, a: usize, theme: &Theme, width: usize, cols: Columns) -> Vec<Span<'static>> {
    let actor = &lib.actors[a];
    let kind_w = cols.kind;
    let name_w = (width * 2 / 5).clamp(MIN_NAME, 32).max(cols.id);
    if width < name_w + kind_w + 2 + MIN_ROLE_WIDTH {
        return kind_last(lib, a, theme, width);
    }
    vec![
        Span::raw(pad(&name(lib, a, name_w), name_w)),
        Span::styled(format!(" {}", pad(actor.kind.label(), kind_w)), theme.dim),
        Span::raw(format!(" {}", one_line(actor.role.safe()))),
    ]
}

/// A row too narrow for the role: the name, then the kind at the right edge.
fn kind_last(lib: &Library, a: usize, theme: &Theme, w: usize) -> Vec<Span<'static>> {
    let label = lib.actors[a].kind.label();
    let keep = lib
        .namesake_id(a)
        .map_or(MIN_NAME, |id| width(&one_line(id)).max(MIN_NAME));
    let kind_w = width(label).min(w.saturating_sub(keep + 1));
    if kind_w < width(label).min(NARROW_KIND_WIDTH) {
        return vec![Span::raw(name(lib, a, w))];
    }
    let kind = fit(vec![Span::styled(label, theme.dim)], kind_w).spans;
    let name = name(lib, a, w - kind_w - 1);
    fit_right(vec![Span::raw(name)], kind, 1, w).spans
}

/// The actor's full name where it fits in `room` columns, else the short name the author
/// gave, which says more than a cut one. An actor another shares a name with is followed
/// by its id, and where neither name fits with it, the full name gives way to the id (see
/// [`fit_named`]): two Ahmad Nouris never read alike.
fn name(lib: &Library, a: usize, room: usize) -> String {
    let actor = &lib.actors[a];
    let (full, short) = (one_line(actor.name.safe()), one_line(actor.short()));
    for name in [&full, &short] {
        let named = lib.with_id(a, name);
        if width(&named) <= room {
            return named;
        }
    }
    match lib.namesake_id(a) {
        Some(id) => fit_named(&full, Some(&one_line(id)), room),
        None => short.into_owned(),
    }
}

/// The kind column's widest: the longest kind, `organization`, in full.
const KIND_WIDTH: usize = 12;

/// The narrowest the kind column is shown in, `organiz…`; narrower, it is left out.
const NARROW_KIND_WIDTH: usize = 8;

/// The fewest columns a name keeps beside the kind.
const MIN_NAME: usize = 16;

/// The fewest columns the role is shown in.
const MIN_ROLE_WIDTH: usize = 6;

fn detail(b: &mut Builder<'_>, i: usize) {
    let lib = b.lib;
    let a = &lib.actors[i];
    b.text(&lib.with_id(i, a.name.safe()), b.theme.title);
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
    b.history(ItemRef::Actor(i), &lib.actor_history(i));
}

/// A relation's detail: the relation as a sentence, which briefing's statement it shows
/// and whether a later one no longer states it, its note, its two actors as links, its
/// sources, and every briefing that stated it, with what each changed.
pub fn relation_detail(b: &mut Builder<'_>, r: RelationIx) {
    let lib = b.lib;
    let rel = &lib.relations[r];
    let name = |a: usize| lib.with_id(a, &one_line(lib.actors[a].name.safe()));
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
    b.relation_history(&lib.relation_history(r));
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
