//! Quotes: who said what. Direct quotes and reported statements are told apart by symbol,
//! style and label.

use ratatui::text::Span;

use super::axis::{self, short_date};
use super::content::Content;
use super::detail::{Builder, cite_list};
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{ItemRef, Library, QuoteKind, Subject};
use crate::tui::keymap::Keymap;
use crate::tui::text::{fit, pad, width};
use crate::tui::theme::Theme;

/// The Quotes pane.
pub struct Quotes;

impl Content for Quotes {
    fn rows(&self, lib: &Library, _: &Keymap) -> Vec<Row> {
        rows(lib)
    }

    fn row(&self, lib: &Library, item: ItemRef, theme: &Theme, width: usize) -> Vec<Span<'static>> {
        self.row_in(lib, item, theme, width, 11)
    }

    fn column(&self, lib: &Library, rows: &[Row]) -> usize {
        axis::date_column(lib, rows, 7, 23)
    }

    fn row_in(
        &self,
        lib: &Library,
        item: ItemRef,
        theme: &Theme,
        width: usize,
        column: usize,
    ) -> Vec<Span<'static>> {
        match item {
            ItemRef::Quote(q) => row(lib, q, theme, width, column),
            _ => Vec::new(),
        }
    }

    fn detail(&self, b: &mut Builder<'_>, item: ItemRef) {
        if let ItemRef::Quote(q) = item {
            detail(b, q);
        }
    }

    fn citation(&self, lib: &Library, item: ItemRef) -> Option<String> {
        let ItemRef::Quote(q) = item else { return None };
        let quote = &lib.quotes[q];
        let speaker = &lib.actors[quote.speaker];
        let who = format!(
            "{}, {}",
            one_line(speaker.name.safe()),
            one_line(speaker.role.safe())
        );
        let cite = cite_list(lib, &quote.cite);
        let text = one_line(quote.text.safe());
        Some(match quote.kind {
            QuoteKind::Direct => format!("“{text}” — {who}, {} ({cite})", quote.date),
            QuoteKind::Reported => format!(
                "{text} (reported statement of {who}, {}) ({cite})",
                quote.date
            ),
        })
    }
}

fn rows(lib: &Library) -> Vec<Row> {
    by_date(lib, false)
        .into_iter()
        .map(|(_, q)| Row::Item(ItemRef::Quote(q)))
        .collect()
}

/// The quotes in scope (only those with a known date if `dated`) by date, each with its
/// timeline key: at one date in library order, as a stable sort by date would give them,
/// with one list beside the rows rather than a list and its keys.
pub(super) fn by_date(lib: &Library, dated: bool) -> Vec<(u64, usize)> {
    let mut quotes: Vec<(u64, usize)> = (0..lib.quotes.len())
        .filter(|&q| lib.quotes[q].in_scope() && (!dated || lib.quotes[q].date.is_known()))
        .map(|q| (lib.quotes[q].date.timeline_key(), q))
        .collect();
    quotes.sort_unstable();
    quotes
}

/// Enough of a quote to tell rows apart: the speaker's short name, the quote's own date
/// and the first words. With room, the dates form a column before the words; in a
/// narrower list (beside a detail on a 120-column screen) each date stands at the right
/// end of its row, where the words give way to it; only where even a few words would not
/// fit beside it is the date left to the detail.
fn row(lib: &Library, q: usize, theme: &Theme, w: usize, column: usize) -> Vec<Span<'static>> {
    let quote = &lib.quotes[q];
    let (mark, style) = match quote.kind {
        QuoteKind::Direct => ("“ ", theme.quote),
        QuoteKind::Reported => ("≈ ", theme.reported),
    };
    let speaker_w = if w >= 60 { 14 } else { 10 };
    let speaker = one_line(lib.actors[quote.speaker].short()).into_owned();
    let mut spans = vec![Span::styled(
        format!("{} ", pad(&speaker, speaker_w)),
        theme.title,
    )];
    let date = short_date(quote.date);
    // At the right end, every row's words end at the same column, whether its date is full
    // or shorter ("undated", "2025-03").
    let date_w = width(&date);
    let slot = date_w.max(DATE_SLOT);
    let words = one_line(quote.text.safe()).into_owned();
    let room = w.saturating_sub(speaker_w + 1 + 2);
    if room.saturating_sub(column + 1) >= COLUMN_WORDS {
        spans.push(Span::styled(format!("{} ", pad(&date, column)), theme.dim));
    } else if room.saturating_sub(slot + 2) >= FEW_WORDS {
        let words_w = room - slot - 2;
        let words = fit(vec![Span::raw(words)], words_w).spans;
        let used: usize = words.iter().map(|s| width(&s.content)).sum();
        spans.push(Span::styled(mark, style));
        spans.extend(words);
        spans.push(Span::raw(" ".repeat(words_w - used + 2 + slot - date_w)));
        spans.push(Span::styled(date, theme.dim));
        return spans;
    }
    spans.push(Span::styled(mark, style));
    spans.push(Span::raw(words));
    spans
}

/// The columns of words a row keeps when its date stands in a column before them.
const COLUMN_WORDS: usize = 28;

/// The columns a date at the right end of a row stands in: a full date's, `2025-03-13`.
const DATE_SLOT: usize = 10;

/// The fewest columns of words a row keeps beside its date at the right end.
const FEW_WORDS: usize = 6;

fn detail(b: &mut Builder<'_>, i: usize) {
    let lib = b.lib;
    let q = &lib.quotes[i];
    match q.kind {
        QuoteKind::Direct => {
            b.text("“ Direct quote (verbatim)", b.theme.heading);
            b.text(&format!("“{}”", q.text.safe()), b.theme.quote);
        }
        QuoteKind::Reported => {
            b.text(
                "≈ Reported statement (a paraphrase, not the speaker's words)",
                b.theme.heading,
            );
            b.text(q.text.safe(), b.theme.reported);
        }
    }
    b.provenance(q.briefing, q.history().len(), q.mark());
    b.field("date", &q.date.to_string());
    if let Some(note) = &q.date_note {
        b.field_styled("date note", note.safe(), b.theme.dim);
    }
    if let Some(context) = &q.context {
        b.heading("Context");
        b.text(context.safe(), ratatui::style::Style::new());
    }
    b.links("Speaker", &[q.speaker], |b, &a| {
        let mut spans = b.actor_spans(a);
        spans.push(Span::styled(
            format!(" · {}", one_line(b.lib.actors[a].role.safe())),
            b.theme.dim,
        ));
        (ItemRef::Actor(a), spans)
    });
    b.links("About", &q.about, |b, s| match *s {
        Subject::Actor(a) => (ItemRef::Actor(a), b.actor_spans(a)),
        Subject::Event(e) => (ItemRef::Event(e), b.event_spans(e)),
    });
    b.sources(&q.cite);
    b.history(&lib.quote_history(i));
}
