//! Timeline: events in date order, grouped by year, each date at its own precision and each
//! status with a symbol. A compact axis shows where events fall and where the selected one is.

use ratatui::text::{Line, Span};

use super::content::{Banner, Content};
use super::detail::{Builder, DetailLine, LineKind, cite_list};
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{DateSpec, ItemRef, Library};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

/// The Timeline pane.
pub struct Timeline;

impl Content for Timeline {
    fn rows(&self, lib: &Library, _: &Keymap) -> Vec<Row> {
        rows(lib)
    }

    fn row(&self, lib: &Library, item: ItemRef, theme: &Theme, _: usize) -> Vec<Span<'static>> {
        match item {
            ItemRef::Event(e) => row(lib, e, theme),
            _ => Vec::new(),
        }
    }

    fn detail(&self, b: &mut Builder<'_>, item: ItemRef) {
        if let ItemRef::Event(e) = item {
            detail(b, e);
        }
    }

    fn citation(&self, lib: &Library, item: ItemRef) -> Option<String> {
        let ItemRef::Event(e) = item else { return None };
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

/// The events in scope, in timeline order (the library's timeline holds only those).
fn rows(lib: &Library) -> Vec<Row> {
    let mut out = Vec::new();
    let mut group: Option<Option<u16>> = None;
    for &e in &lib.timeline {
        let ev = &lib.events[e];
        let year = ev.date.year();
        if group != Some(year) {
            group = Some(year);
            out.push(Row::Header(
                year.map_or_else(|| "date unknown".to_owned(), |y| y.to_string()),
            ));
        }
        out.push(Row::Item(ItemRef::Event(e)));
    }
    out
}

/// A date as a row shows it: precise dates as written, bounds with ≥ / ≤.
fn short_date(d: DateSpec) -> String {
    match d {
        DateSpec::Unknown => "undated".into(),
        DateSpec::On(p) => p.to_string(),
        DateSpec::After(p) => format!("≥{p}"),
        DateSpec::Before(p) => format!("≤{p}"),
        DateSpec::Between(a, b) => format!("{a}‥{b}"),
    }
}

fn row(lib: &Library, e: usize, theme: &Theme) -> Vec<Span<'static>> {
    let ev = &lib.events[e];
    vec![
        Span::styled(format!("{:<12}", short_date(ev.date)), theme.dim),
        Span::styled(format!("{} ", ev.status.symbol()), theme.status(ev.status)),
        Span::raw(one_line(ev.title.safe()).into_owned()),
    ]
}

fn detail(b: &mut Builder<'_>, i: usize) {
    let lib = b.lib;
    let ev = &lib.events[i];
    b.text(ev.title.safe(), b.theme.title);
    b.provenance(ev.briefing, ev.history().len(), ev.mark());
    b.field("date", &ev.date.to_string());
    if let Some(note) = &ev.date_note {
        b.text(&format!("date note: {}", note.safe()), b.theme.dim);
    }
    b.lines.push(DetailLine {
        spans: vec![
            Span::styled(format!("{:<12}", "status"), b.theme.dim),
            Span::styled(
                format!("{} {}", ev.status.symbol(), ev.status.label()),
                b.theme.status(ev.status),
            ),
        ],
        link: None,
        kind: LineKind::Row,
    });
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
        (ItemRef::Quote(q), b.quote_spans(q))
    });
    b.sources(&ev.cite);
    b.history(&lib.event_history(i));
}

/// Event counts per month across the dated events of a scope, built once per scope.
#[derive(Clone, Debug, Default)]
pub struct Axis {
    /// Months since year 0 of the first and last bucket.
    first: u32,
    counts: Vec<u32>,
    undated: usize,
}

fn month_of(d: DateSpec) -> Option<u32> {
    let day = d.earliest().or(d.latest())?;
    Some(day / 10_000 * 12 + (day / 100 % 100).saturating_sub(1))
}

impl Banner for Axis {
    fn line(
        &self,
        lib: &Library,
        selected: Option<ItemRef>,
        width: usize,
        theme: &Theme,
    ) -> Line<'static> {
        let selected = match selected {
            Some(ItemRef::Event(e)) => Some(e),
            _ => None,
        };
        Line::from(self.render(lib, selected, width, theme))
    }
}

impl Axis {
    /// Counts the dated events among `rows`.
    #[must_use]
    pub fn new(lib: &Library, rows: &[Row]) -> Self {
        let months: Vec<Option<u32>> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Item(ItemRef::Event(e)) => Some(month_of(lib.events[*e].date)),
                _ => None,
            })
            .collect();
        let undated = months.iter().filter(|m| m.is_none()).count();
        let known = months.iter().flatten();
        let (Some(&first), Some(&last)) = (known.clone().min(), known.max()) else {
            return Self {
                undated,
                ..Self::default()
            };
        };
        let mut counts = vec![0; (last - first + 1) as usize];
        for m in months.into_iter().flatten() {
            counts[(m - first) as usize] += 1;
        }
        Self {
            first,
            counts,
            undated,
        }
    }

    fn label(month: u32) -> String {
        format!("{:04}-{:02}", month / 12, month % 12 + 1)
    }

    /// The axis in `width` columns, with the selected event's month marked.
    fn render(
        &self,
        lib: &Library,
        selected: Option<usize>,
        width: usize,
        theme: &Theme,
    ) -> Vec<Span<'static>> {
        if self.counts.is_empty() || width < 24 {
            return Vec::new();
        }
        let start = Self::label(self.first);
        let months = u32::try_from(self.counts.len()).unwrap_or(u32::MAX);
        let end = Self::label(self.first.saturating_add(months - 1));
        let undated = if self.undated > 0 {
            format!(" +{} undated", self.undated)
        } else {
            String::new()
        };
        let cols = width
            .saturating_sub(start.len() + end.len() + undated.chars().count() + 2)
            .max(4);
        let span = self.counts.len();
        let mut buckets = vec![0u32; cols];
        for (m, &c) in self.counts.iter().enumerate() {
            buckets[m * cols / span.max(1)] += c;
        }
        let marked = selected
            .and_then(|e| month_of(lib.events[e].date))
            .map(|m| (m - self.first) as usize * cols / span.max(1));
        let mut spans = vec![Span::styled(format!("{start} "), theme.dim)];
        for (i, &c) in buckets.iter().enumerate() {
            let ch = match c {
                0 => "─",
                1 => "•",
                _ => "●",
            };
            if Some(i) == marked {
                spans.push(Span::styled("▲", theme.selected));
            } else {
                spans.push(Span::styled(
                    ch,
                    if c == 0 { theme.dim } else { theme.title },
                ));
            }
        }
        spans.push(Span::styled(format!(" {end}{undated}"), theme.dim));
        spans
    }
}
