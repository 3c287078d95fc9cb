//! Changes: what the latest briefing of each series in view changed since the briefing
//! before it. Items come first, changed then new; relations a later briefing no longer
//! states are listed after them, as sentences (`Cooperativa → opposes → MinAgua`). Enter
//! jumps to the item in its own pane, where its history shows every version; on a
//! relation, to the actor it starts from, with the relation's line selected.

use ratatui::text::Span;

use super::content::{Content, relation_sentence};
use super::detail::Builder;
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{BriefingIx, ItemRef, Library, Mark, RelationIx, Scope};
use crate::tui::keymap::Keymap;
use crate::tui::text::{fit, fit_named};
use crate::tui::theme::Theme;

/// The Changes pane.
pub struct Changes;

impl Content for Changes {
    fn rows(&self, lib: &Library, _: &Keymap) -> Vec<Row> {
        rows(lib)
    }

    fn row(&self, lib: &Library, item: ItemRef, theme: &Theme, width: usize) -> Vec<Span<'static>> {
        row(lib, item, theme, width)
    }

    /// "from → kind → to". A relation new or changed in the latest briefing has its mark
    /// (✚ or ✎) where an item row has it; one no longer stated is blank there, and its
    /// section's header has the `?` and the date it was last stated.
    fn relation_row(
        &self,
        lib: &Library,
        r: RelationIx,
        theme: &Theme,
        width: usize,
    ) -> Vec<Span<'static>> {
        let mut spans = vec![Span::styled(
            format!("{} ", lib.relations[r].mark().symbol()),
            theme.badge,
        )];
        let room = width.saturating_sub(2);
        spans.extend(fit(relation_sentence(lib, r, theme, room), room).spans);
        spans
    }

    fn detail(&self, b: &mut Builder<'_>, item: ItemRef) {
        owner(item).detail(b, item);
    }

    fn citation(&self, lib: &Library, item: ItemRef) -> Option<String> {
        owner(item).citation(lib, item)
    }
}

/// The pane an item lives in, which draws its detail here too.
fn owner(item: ItemRef) -> &'static dyn Content {
    match item {
        ItemRef::Actor(_) => &super::actors::Actors,
        ItemRef::Event(_) => &super::timeline::Timeline,
        ItemRef::Quote(_) => &super::quotes::Quotes,
        ItemRef::Briefing(_) | ItemRef::Source(_) => &super::overview::Overview,
    }
}

/// The items of one mark, in kind order: actors, events, quotes.
fn marked(lib: &Library, mark: Mark) -> Vec<ItemRef> {
    let actors = (0..lib.actors.len())
        .filter(|&i| lib.actors[i].in_scope() && lib.actors[i].mark() == mark)
        .map(ItemRef::Actor);
    let events = lib
        .timeline
        .iter()
        .copied()
        .filter(|&i| lib.events[i].mark() == mark)
        .map(ItemRef::Event);
    let quotes = (0..lib.quotes.len())
        .filter(|&i| lib.quotes[i].in_scope() && lib.quotes[i].mark() == mark)
        .map(ItemRef::Quote);
    actors.chain(events).chain(quotes).collect()
}

/// The relations in scope of one mark, in library order (by the actor they start from).
fn marked_relations(lib: &Library, mark: Mark) -> Vec<RelationIx> {
    (0..lib.relations.len())
        .filter(|&r| lib.relations[r].in_scope() && lib.relations[r].mark() == mark)
        .collect()
}

fn rows(lib: &Library) -> Vec<Row> {
    let mut out = Vec::new();
    let which = super::versions::marked_in(lib);
    for (mark, what) in [(Mark::Changed, "changed"), (Mark::New, "new")] {
        let title = format!("{what} in {which}");
        let items = marked(lib, mark);
        let relations = marked_relations(lib, mark);
        if !items.is_empty() || !relations.is_empty() {
            out.push(Row::Header(
                format!(
                    "{} {title} ({})",
                    mark.symbol(),
                    items.len() + relations.len()
                )
                .into(),
            ));
            out.extend(items.into_iter().map(Row::Item));
            out.extend(relations.into_iter().map(Row::Relation));
        }
    }
    // The relations that a briefing in scope no longer states: in one briefing's scope,
    // those it dropped, which are not in scope themselves. One section per briefing that
    // dropped some, the latest first, its date in the header: a row has the whole width
    // for who relates to whom.
    let mut dropped: Vec<(BriefingIx, RelationIx)> = (0..lib.relations.len())
        .filter_map(|r| {
            let b = lib.relations[r].not_restated_since()?;
            lib.briefings[b].in_scope().then_some((b, r))
        })
        .collect();
    dropped.sort_by_key(|&(b, r)| (std::cmp::Reverse(b), r));
    for group in dropped.chunk_by(|x, y| x.0 == y.0) {
        let b = group[0].0;
        let as_of = lib.briefings[b].as_of;
        // Two series' briefings of one date are told apart by id.
        let shared = dropped
            .iter()
            .any(|&(o, _)| o != b && lib.briefings[o].as_of == as_of);
        let which = if shared {
            format!(" · {}", lib.briefings[b].id.safe())
        } else {
            String::new()
        };
        out.push(Row::Header(
            format!("? not restated since {as_of}{which} ({})", group.len()).into(),
        ));
        out.extend(group.iter().map(|&(_, r)| Row::Relation(r)));
    }
    if out.is_empty() {
        let why = match lib.view().scope {
            Scope::Briefing(b) => match lib.briefings[b].previous {
                Some(p) => format!("none since {}, the briefing before it", lib.briefings[p].id),
                None => "the first briefing of its series".to_owned(),
            },
            _ => "no series in view has a briefing before its latest".to_owned(),
        };
        out.push(Row::Header(format!("no changes: {why}").into()));
    }
    out
}

/// The fields that changed in an item's shown version, e.g. "status, date". Drawn for
/// every changed row on screen, so it compares in place rather than building the fields.
fn changed_fields(lib: &Library, item: ItemRef) -> String {
    lib.last_changes(item).join(", ").replace('_', " ")
}

/// An item's row in about `w` columns: its mark, its kind and its label, and what changed.
/// An actor another shares a name with keeps its id whole where the name has to give way
/// (see [`fit_named`]).
fn row(lib: &Library, item: ItemRef, theme: &Theme, w: usize) -> Vec<Span<'static>> {
    let (kind, mark) = match item {
        ItemRef::Actor(i) => ("actor", lib.actors[i].mark()),
        ItemRef::Event(i) => ("event", lib.events[i].mark()),
        ItemRef::Quote(i) => ("quote", lib.quotes[i].mark()),
        ItemRef::Briefing(_) | ItemRef::Source(_) => ("", Mark::None),
    };
    let label = match item {
        ItemRef::Actor(a) => match lib.namesake_id(a) {
            Some(id) => fit_named(
                &one_line(lib.label_str(item)),
                Some(&one_line(id)),
                w.saturating_sub(2 + 7),
            ),
            None => one_line(lib.label_str(item)).into_owned(),
        },
        _ => one_line(&lib.label(item)).into_owned(),
    };
    let mut spans = vec![
        Span::styled(format!("{} ", mark.symbol()), theme.badge),
        Span::styled(format!("{kind:<6} "), theme.dim),
        Span::raw(label),
    ];
    if mark == Mark::Changed {
        spans.push(Span::styled(
            format!("  · {}", changed_fields(lib, item)),
            theme.dim,
        ));
    }
    spans
}
