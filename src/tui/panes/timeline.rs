//! Timeline: events in date order, grouped by year, each date at its own precision and each
//! status with a symbol; quotes among them on request. An axis above the list shows
//! how many fall in each period, the selected one and the view's date (see [`super::axis`]).

use ratatui::text::Span;

use super::axis::{self, Axis, short_date};
use super::content::{Banner, Columns, Content, RowOptions};
use super::detail::{Builder, cite_list};
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{DateSpec, ItemRef, Library, QuoteKind};
use crate::tui::keymap::Keymap;
use crate::tui::text::{fit_named, pad_whole, width};
use crate::tui::theme::Theme;

/// The widest date column: longer dates (two full days "between") still fit, others wait.
const MAX_DATE: usize = 23;

/// The Timeline pane.
pub struct Timeline;

impl Content for Timeline {
    fn rows(&self, lib: &Library, _: &Keymap) -> Vec<Row> {
        rows(lib, false)
    }

    fn rows_with(&self, lib: &Library, _: &Keymap, options: &RowOptions) -> Vec<Row> {
        rows(lib, options.timeline_quotes)
    }

    fn columns(&self, lib: &Library, rows: &[Row]) -> Columns {
        Columns {
            date: axis::date_column(lib, rows, 7, MAX_DATE),
            ..Columns::default()
        }
    }

    fn row(&self, lib: &Library, item: ItemRef, theme: &Theme, width: usize) -> Vec<Span<'static>> {
        let columns = Columns {
            date: 12,
            ..Columns::default()
        };
        self.row_in(lib, item, theme, width, columns)
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
            ItemRef::Event(e) => event_row(lib, e, theme, columns.date),
            ItemRef::Quote(q) => quote_row(lib, q, theme, columns.date, width),
            _ => Vec::new(),
        }
    }

    fn detail(&self, b: &mut Builder<'_>, item: ItemRef) {
        match item {
            ItemRef::Event(e) => detail(b, e),
            ItemRef::Quote(_) => super::quotes::Quotes.detail(b, item),
            _ => {}
        }
    }

    fn citation(&self, lib: &Library, item: ItemRef) -> Option<String> {
        let ItemRef::Event(e) = item else {
            return super::quotes::Quotes.citation(lib, item);
        };
        let ev = &lib.events[e];
        Some(format!(
            "{} — {} [{}] ({})",
            ev.date,
            one_line(ev.title.safe()),
            ev.status,
            cite_list(lib, &ev.cite)
        ))
    }

    fn banner(&self, lib: &Library, rows: &[Row]) -> Option<Box<dyn Banner>> {
        Some(Box::new(Axis::new(lib, rows)))
    }
}

/// The events in scope, in timeline order (the library's timeline holds only those), with
/// the quotes in scope merged in when asked, each under its year; undated ones, events and
/// quotes alike, last, under "date unknown", as the format puts unknown dates. Built
/// straight into the rows, at their size: a list of the items and their dates beside the
/// rows took megabytes of a big library's start.
fn rows(lib: &Library, quotes: bool) -> Vec<Row> {
    // Events come first at a date.
    let quotes = if quotes {
        super::quotes::by_date(lib)
    } else {
        Vec::new()
    };
    let items = || merged(lib, &quotes);
    let mut years = 0;
    let mut group: Option<Option<u16>> = None;
    for (date, _) in items() {
        if group != Some(date.year()) {
            group = Some(date.year());
            years += 1;
        }
    }
    let mut out = Vec::with_capacity(lib.timeline.len() + quotes.len() + years);
    group = None;
    for (date, item) in items() {
        let year = date.year();
        if group != Some(year) {
            group = Some(year);
            out.push(Row::Header(
                year.map_or_else(|| "date unknown".to_owned(), |y| y.to_string())
                    .into(),
            ));
        }
        out.push(Row::Item(item));
    }
    out
}

/// The timeline's events merged with quotes sorted by (timeline key, index): at one key,
/// the events first.
fn merged<'a>(
    lib: &'a Library,
    quotes: &'a [(u64, usize)],
) -> impl Iterator<Item = (DateSpec, ItemRef)> + 'a {
    let mut events = lib
        .timeline
        .iter()
        .map(|&e| (lib.events[e].date, e))
        .peekable();
    let mut quotes = quotes.iter().peekable();
    std::iter::from_fn(move || {
        let event_first = match (events.peek(), quotes.peek()) {
            (Some((date, _)), Some(&&(key, _))) => date.timeline_key() <= key,
            (next, _) => next.is_some(),
        };
        if event_first {
            events.next().map(|(date, e)| (date, ItemRef::Event(e)))
        } else {
            quotes
                .next()
                .map(|&(_, q)| (lib.quotes[q].date, ItemRef::Quote(q)))
        }
    })
}

fn event_row(lib: &Library, e: usize, theme: &Theme, column: usize) -> Vec<Span<'static>> {
    let ev = &lib.events[e];
    vec![
        Span::styled(
            format!("{} ", pad_whole(&short_date(ev.date), column)),
            theme.dim,
        ),
        Span::styled(format!("{} ", ev.status.symbol()), theme.status(ev.status)),
        Span::raw(one_line(ev.title.safe()).into_owned()),
    ]
}

/// A quote on the timeline, in about `w` columns: its date, its mark, the speaker's short
/// name and its words. A speaker another actor shares a name with is followed by their id,
/// which stays whole where the row can hold it: the words give way to the speaker down to
/// a few, then to the id down to their `…`, and the name gives way to the id (see
/// [`fit_named`]).
fn quote_row(
    lib: &Library,
    q: usize,
    theme: &Theme,
    column: usize,
    w: usize,
) -> Vec<Span<'static>> {
    let quote = &lib.quotes[q];
    let (mark, style) = match quote.kind {
        QuoteKind::Direct => ("“ ", theme.quote),
        QuoteKind::Reported => ("≈ ", theme.reported),
    };
    let date = format!("{} ", pad_whole(&short_date(quote.date), column));
    let short = one_line(lib.actors[quote.speaker].short());
    let speaker = match lib.namesake_id(quote.speaker).map(one_line) {
        Some(id) => {
            // The room for the speaker and the words, after the date, the mark and ": ".
            let room = w.saturating_sub(width(&date) + 2 + 2);
            let keep = room
                .saturating_sub(super::quotes::FEW_WORDS)
                .max(width(&id).min(room.saturating_sub(1)));
            fit_named(&short, Some(&id), keep)
        }
        None => short.into_owned(),
    };
    vec![
        Span::styled(date, theme.dim),
        Span::styled(mark, style),
        Span::styled(format!("{speaker}: "), theme.title),
        Span::styled(one_line(quote.text.safe()).into_owned(), style),
    ]
}

fn detail(b: &mut Builder<'_>, i: usize) {
    let lib = b.lib;
    let ev = &lib.events[i];
    b.text(ev.title.safe(), b.theme.title);
    b.provenance(ev.briefing, ev.history().len(), ev.mark());
    b.field("date", &ev.date.to_string());
    if let Some(note) = &ev.date_note {
        b.field_styled("date note", note.safe(), b.theme.dim);
    }
    b.field_styled(
        "status",
        &format!("{} {}", ev.status.symbol(), ev.status.label()),
        b.theme.status(ev.status),
    );
    if let Some(summary) = &ev.summary {
        b.heading("Summary");
        b.text(summary.safe(), ratatui::style::Style::new());
    }
    b.links("Actors", &ev.actors, |b, p| {
        let mut spans = b.actor_spans(p.actor);
        if let Some(role) = &p.role {
            spans.push(Span::styled(
                format!(" — {}", one_line(role.safe())),
                b.theme.dim,
            ));
        }
        (ItemRef::Actor(p.actor), spans)
    });
    b.links("Quotes about it", &lib.event_quotes[i], |b, &q| {
        (ItemRef::Quote(q as usize), b.quote_spans(q as usize))
    });
    b.sources(&ev.cite);
    b.history(ItemRef::Event(i), &lib.event_history(i));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows as a stable sort of the events (in timeline order) and then the quotes (in
    /// library order) by date gives them, each under its year: what `rows` merges.
    fn sorted(lib: &Library, quotes: bool) -> Vec<Row> {
        let mut items: Vec<(DateSpec, ItemRef)> = lib
            .timeline
            .iter()
            .map(|&e| (lib.events[e].date, ItemRef::Event(e)))
            .collect();
        if quotes {
            items.extend(
                (0..lib.quotes.len())
                    .filter(|&q| lib.quotes[q].in_scope())
                    .map(|q| (lib.quotes[q].date, ItemRef::Quote(q))),
            );
            items.sort_by_cached_key(|(date, _)| date.timeline_key());
        }
        let mut out = Vec::new();
        let mut group = None;
        for (date, item) in items {
            if group != Some(date.year()) {
                group = Some(date.year());
                let year = date.year();
                out.push(Row::Header(
                    year.map_or_else(|| "date unknown".to_owned(), |y| y.to_string())
                        .into(),
                ));
            }
            out.push(Row::Item(item));
        }
        out
    }

    #[test]
    fn quotes_merge_in_by_date_after_the_events_of_their_date() {
        let (lib, _) = crate::synth::load(30, 4);
        let key = |d: DateSpec| d.timeline_key();
        let event_keys: std::collections::HashSet<u64> =
            lib.events.iter().map(|e| key(e.date)).collect();
        assert!(
            lib.quotes.iter().any(|q| event_keys.contains(&key(q.date))),
            "some quote shares its date with an event, so the order at a date is tested"
        );
        for quotes in [false, true] {
            let rows = rows(&lib, quotes);
            assert_eq!(rows, sorted(&lib, quotes), "quotes: {quotes}");
            assert_eq!(rows.capacity(), rows.len(), "built at their size");
        }
        assert!(rows(&lib, true).len() > rows(&lib, false).len());
    }
}
