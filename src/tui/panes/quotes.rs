//! Quotes: who said what. Direct quotes and reported statements are told apart by symbol,
//! style and label.

use ratatui::text::Span;

use super::axis::{self, short_date};
use super::content::{Columns, Content};
use super::detail::{Builder, cite_list};
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{ItemRef, Library, QuoteKind, Subject};
use crate::tui::keymap::Keymap;
use crate::tui::text::{fit_named, fit_right, pad, pad_whole, width};
use crate::tui::theme::Theme;

/// The Quotes pane.
pub struct Quotes;

impl Content for Quotes {
    fn rows(&self, lib: &Library, _: &Keymap) -> Vec<Row> {
        rows(lib)
    }

    fn row(&self, lib: &Library, item: ItemRef, theme: &Theme, width: usize) -> Vec<Span<'static>> {
        // Unmeasured, the row stands alone: its own date, its speaker at the fewest columns.
        self.row_in(lib, item, theme, width, Columns::default())
    }

    fn columns(&self, lib: &Library, rows: &[Row]) -> Columns {
        let (speaker, id) = speaker_column(lib, rows);
        Columns {
            date: axis::date_column(lib, rows, 7, 23),
            speaker,
            id,
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
            ItemRef::Quote(q) => row(lib, q, theme, width, columns),
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
        let who = speaker_as_quoted(lib, q);
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

/// "Name, role" of quote `q`'s speaker as they were when they spoke (see
/// [`Library::speaker_then`]); the shown name alone when only later briefings describe
/// them.
fn speaker_as_quoted(lib: &Library, q: usize) -> String {
    let speaker = lib.quotes[q].speaker;
    let actor = &lib.actors[speaker];
    match lib.speaker_then(q) {
        Some(then) => format!(
            "{}, {}",
            lib.with_id(speaker, &one_line(then.name.safe())),
            one_line(then.role.safe())
        ),
        None => lib.with_id(speaker, &one_line(actor.name.safe())),
    }
}

fn rows(lib: &Library) -> Vec<Row> {
    by_date(lib)
        .into_iter()
        .map(|(_, q)| Row::Item(ItemRef::Quote(q)))
        .collect()
}

/// The quotes in scope by date, each with its timeline key: at one date in library order,
/// as a stable sort by date would give them, with one list beside the rows rather than a
/// list and its keys. Undated quotes come last, as the format lists unknown dates.
pub(super) fn by_date(lib: &Library) -> Vec<(u64, usize)> {
    let mut quotes: Vec<(u64, usize)> = (0..lib.quotes.len())
        .filter(|&q| lib.quotes[q].in_scope())
        .map(|q| (lib.quotes[q].date.timeline_key(), q))
        .collect();
    quotes.sort_unstable();
    quotes
}

/// The widest short name of the quotes' speakers (with the id of one another shares a name
/// with), and the widest such id. Many quotes share a few speakers: each speaker is
/// measured once, in library order.
fn speaker_column(lib: &Library, rows: &[Row]) -> (usize, usize) {
    let mut seen = vec![false; lib.actors.len()];
    for row in rows {
        if let Row::Item(ItemRef::Quote(q)) = row {
            seen[lib.quotes[*q].speaker] = true;
        }
    }
    let speakers = || (0..lib.actors.len()).filter(|&a| seen[a]);
    let widest = speakers().map(|a| width(&speaker(lib, a))).max();
    let id = speakers()
        .filter_map(|a| lib.namesake_id(a).map(|id| width(&one_line(id))))
        .max();
    (widest.unwrap_or(0), id.unwrap_or(0))
}

/// A speaker as quote rows name them, whole: the short name, and the id of an actor another
/// shares a name with.
fn speaker(lib: &Library, a: usize) -> String {
    lib.with_id(a, &one_line(lib.actors[a].short()))
}

/// Enough of a quote to tell rows apart: the speaker's short name, the quote's own date
/// and the first words. The date always shows whole: where the list is wide, the dates
/// form a column before the words; narrower, each date stands at the right end of its
/// row, and the words give way to it, then the speaker, down to a few letters; but not
/// below the widest id of the speakers another actor shares a name with, for which the
/// words give way, on those speakers' rows, down to a bare `…`.
fn row(lib: &Library, q: usize, theme: &Theme, w: usize, cols: Columns) -> Vec<Span<'static>> {
    let quote = &lib.quotes[q];
    let (mark, style) = match quote.kind {
        QuoteKind::Direct => ("“ ", theme.quote),
        QuoteKind::Reported => ("≈ ", theme.reported),
    };
    let parts = Parts {
        speaker: one_line(lib.actors[quote.speaker].short()).into_owned(),
        speaker_id: lib
            .namesake_id(quote.speaker)
            .map(|id| one_line(id).into_owned()),
        mark: Span::styled(mark, style),
        words: Span::raw(one_line(quote.text.safe()).into_owned()),
        date: short_date(quote.date),
    };
    // The speakers' column: as wide as the widest of them, up to a third of the row; with
    // the dates in a column, at least as wide as their widest id, which tells namesakes
    // apart.
    let speaker_w = cols.speaker.min(w / 3).clamp(MIN_SPEAKER, MAX_SPEAKER);
    let words_w = w.saturating_sub(speaker_w.max(cols.id) + 1 + MARK + cols.date + 1);
    if words_w >= COLUMN_WORDS {
        parts.date_column(speaker_w.max(cols.id), cols.date, theme)
    } else {
        parts.date_at_end(speaker_w, w, cols, theme)
    }
}

/// What a quote row shows.
struct Parts {
    speaker: String,
    /// The speaker's id, when another actor shares a name with them.
    speaker_id: Option<String>,
    mark: Span<'static>,
    words: Span<'static>,
    date: String,
}

impl Parts {
    /// The speaker in exactly `w` columns, followed by their id if they have a namesake:
    /// the name gives way to the id, and at the narrowest the id stands alone (see
    /// [`fit_named`]).
    fn speaker_in(&self, w: usize) -> String {
        pad(&fit_named(&self.speaker, self.speaker_id.as_deref(), w), w)
    }

    /// Speaker, date in a column of `date_w`, mark, words.
    fn date_column(self, speaker_w: usize, date_w: usize, theme: &Theme) -> Vec<Span<'static>> {
        vec![
            Span::styled(format!("{} ", self.speaker_in(speaker_w)), theme.title),
            Span::styled(format!("{} ", pad_whole(&self.date, date_w)), theme.dim),
            self.mark,
            self.words,
        ]
    }

    /// Speaker, mark and words, then the date at the right end of `w` columns, the widest
    /// in the list `cols.date`. The words of every row with a date no wider than a day's end
    /// at one column (an undated quote's too); a wider date (a range, `≤2025-04-02`) takes
    /// its columns from its own row's words, not from every row's. The speaker gives way to
    /// the words, down to a few letters, as far as the widest date asks, so that the
    /// speakers make one column. The rows of speakers another actor shares a name with make
    /// a column of their own, as wide as the widest of their ids (`cols.id`) where the row
    /// holds it: there the words give way to the id, down to their `…`.
    fn date_at_end(
        self,
        speaker_w: usize,
        w: usize,
        cols: Columns,
        theme: &Theme,
    ) -> Vec<Span<'static>> {
        let widest = cols.date;
        let date_w = width(&self.date);
        let slot = date_w.max(DATE_SLOT.min(widest));
        let rest = GAP + widest.max(slot) + MARK + 1;
        let mut speaker_w = speaker_w
            .min(w.saturating_sub(rest + FEW_WORDS))
            .max(MIN_SPEAKER);
        if self.speaker_id.is_some() {
            speaker_w = speaker_w.max(cols.id.min(w.saturating_sub(rest + 1)));
        }
        let head = vec![
            Span::styled(format!("{} ", self.speaker_in(speaker_w)), theme.title),
            self.mark,
            self.words,
        ];
        let date = vec![Span::styled(self.date, theme.dim)];
        fit_right(head, date, GAP + slot - date_w, w).spans
    }
}

/// The columns a row keeps for its words when its date stands in a column before them.
const COLUMN_WORDS: usize = 28;

/// The columns a date at the right end of a row stands in, at least: a full day's,
/// `2025-03-13`.
const DATE_SLOT: usize = 10;

/// The columns between a row's words and its date at the right end.
const GAP: usize = 2;

/// The columns of a quote's mark, `“ ` or `≈ `.
const MARK: usize = 2;

/// The fewest columns a speaker's name is given: `Joaqu…`.
const MIN_SPEAKER: usize = 6;

/// The most columns a speaker's name is given, however wide the list: the words need them
/// more.
const MAX_SPEAKER: usize = 24;

/// The fewest columns of words a row keeps beside its date at the right end, where the
/// speaker can give them up.
pub(super) const FEW_WORDS: usize = 6;

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
    // The speaker's role when they spoke (see `Library::speaker_then`), and the role
    // the view shows where it has changed since.
    let then = lib.speaker_then(i);
    b.links("Speaker", &[q.speaker], |b, &a| {
        let mut spans = b.actor_spans(a);
        if let Some(then) = then {
            spans.push(Span::styled(
                format!(" · {}", one_line(then.role.safe())),
                b.theme.dim,
            ));
            let now = &b.lib.actors[a].role;
            if now.raw() != then.role.raw() {
                spans.push(Span::styled(
                    format!(" · now {}", one_line(now.safe())),
                    b.theme.dim,
                ));
            }
        }
        (ItemRef::Actor(a), spans)
    });
    b.links("About", &q.about, |b, s| match *s {
        Subject::Actor(a) => (ItemRef::Actor(a), b.actor_spans(a)),
        Subject::Event(e) => (ItemRef::Event(e), b.event_spans(e)),
    });
    b.sources(&q.cite);
    b.history(ItemRef::Quote(i), &lib.quote_history(i));
}
