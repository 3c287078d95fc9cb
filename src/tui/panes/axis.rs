//! The timeline's axis: one line above the list that shows where the dated rows fall, as
//! a sparkline of how many fall in each period, with the selected row's period marked ▲
//! and the view's as-of date ┃, in a column of its own after its month's period; the axis
//! reaches that date when it lies before or after every row. Its end labels keep the
//! precision of the dates they name: a year-only first event reads `2021`, not `2021-01`.

use std::fmt::Write as _;

use ratatui::text::{Line, Span};

use super::content::Banner;
use super::row::Row;
use crate::model::{DateSpec, ItemRef, Library, PartialDate};
use crate::tui::text::width;
use crate::tui::theme::Theme;

/// Heights of a sparkline cell, from one item to the busiest period.
const LEVELS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// Counts per month over the dated rows of a list, built once per rebuild.
#[derive(Clone, Debug, Default)]
pub struct Axis {
    /// Months since year 0 of the first bucket.
    first: u32,
    counts: Vec<u32>,
    undated: usize,
    /// The first and last dates, as written.
    first_label: String,
    last_label: String,
    /// The month of the view's date; the axis always reaches it.
    as_of: Option<u32>,
}

/// The widest date of the dated rows (events and quotes) as rows show it
/// ([`short_date`]), within `min..=max` (`min` when there are none).
///
/// A big pane holds thousands of distinct dates but only a handful of shapes (see
/// [`shape`]), and the width depends on the shape alone: each shape is measured once.
#[must_use]
pub fn date_column(lib: &Library, rows: &[Row], min: usize, max: usize) -> usize {
    let mut measured: Vec<(Shape, usize)> = Vec::new();
    let mut widest = None;
    for d in Dated::of(lib, rows).dates(lib) {
        let s = shape(d);
        let w = match measured.iter().find(|(k, _)| *k == s) {
            Some(&(_, w)) => w,
            None => {
                let w = width(&short_date(d));
                measured.push((s, w));
                w
            }
        };
        widest = widest.max(Some(w));
    }
    widest.unwrap_or(min).clamp(min, max)
}

/// What the width of a date as [`short_date`] writes it depends on: its form, the
/// precision of its ends, whether a year needs more than four digits, and whether a range's
/// ends share a year.
type Shape = (u8, u8, u8, bool, bool);

fn shape(d: DateSpec) -> Shape {
    let part = |p: PartialDate| (p.precision() as u8, p.year() > 9999);
    let (form, a, b) = match d {
        DateSpec::Unknown => return (0, 0, 0, false, false),
        DateSpec::On(p) => (1, part(p), (0, false)),
        DateSpec::After(p) => (2, part(p), (0, false)),
        DateSpec::Before(p) => (3, part(p), (0, false)),
        DateSpec::Between(x, y) => (4 + u8::from(x.year() == y.year()), part(x), part(y)),
    };
    (form, a.0, b.0, a.1, b.1)
}

/// Which events and quotes a pane's rows hold, one bit each. Their dates are read in
/// library order, not row order: rows are sorted by date, and reaching each item's version
/// in that order misses the cache on nearly every row of a big pane. Bits rather than a
/// sorted list of the items: a list beside a big pane's rows took megabytes while it was
/// built, at the moment a start peaks.
struct Dated {
    events: Vec<u64>,
    quotes: Vec<u64>,
}

impl Dated {
    fn of(lib: &Library, rows: &[Row]) -> Self {
        let mut dated = Self {
            events: vec![0; lib.events.len().div_ceil(64)],
            quotes: vec![0; lib.quotes.len().div_ceil(64)],
        };
        for row in rows {
            let (bits, i) = match row {
                Row::Item(ItemRef::Event(e)) => (&mut dated.events, *e),
                Row::Item(ItemRef::Quote(q)) => (&mut dated.quotes, *q),
                _ => continue,
            };
            bits[i / 64] |= 1 << (i % 64);
        }
        dated
    }

    /// The dates of the events, then of the quotes, each in library order.
    fn dates<'a>(&'a self, lib: &'a Library) -> impl Iterator<Item = DateSpec> + 'a {
        let events = ones(&self.events).map(|e| lib.events[e].date);
        events.chain(ones(&self.quotes).map(|q| lib.quotes[q].date))
    }
}

/// The positions of the set bits, in order.
fn ones(bits: &[u64]) -> impl Iterator<Item = usize> + '_ {
    bits.iter().enumerate().flat_map(|(w, &word)| {
        let mut left = word;
        std::iter::from_fn(move || {
            let bit = (left != 0).then(|| left.trailing_zeros() as usize)?;
            left &= left - 1;
            Some(w * 64 + bit)
        })
    })
}

/// A date as a row shows it: precise dates as written, bounds with ≥ / ≤, ranges with ‥.
#[must_use]
pub fn short_date(d: DateSpec) -> String {
    match d {
        DateSpec::Unknown => "undated".into(),
        DateSpec::On(p) => p.to_string(),
        DateSpec::After(p) => format!("≥{p}"),
        DateSpec::Before(p) => format!("≤{p}"),
        // Two days of one year: the second without its year, "2025-09-30‥10-01".
        DateSpec::Between(a, b)
            if a.year() == b.year()
                && a.precision() == crate::model::Precision::Day
                && b.precision() == crate::model::Precision::Day =>
        {
            let b = b.to_string();
            let month_day = b.split_once('-').map_or(b.as_str(), |(_, md)| md);
            format!("{a}‥{month_day}")
        }
        DateSpec::Between(a, b) => format!("{a}‥{b}"),
    }
}

/// The date a row is drawn at: the day it most plausibly anchors on.
#[must_use]
pub fn anchor(d: DateSpec) -> Option<PartialDate> {
    match d {
        DateSpec::On(p) | DateSpec::After(p) | DateSpec::Before(p) | DateSpec::Between(p, _) => {
            Some(p)
        }
        DateSpec::Unknown => None,
    }
}

fn month(p: PartialDate) -> u32 {
    let day = p.first_day();
    day / 10_000 * 12 + (day / 100 % 100).saturating_sub(1)
}

/// The view's date: the one asked for, else the latest briefing in scope.
fn view_date(lib: &Library) -> Option<PartialDate> {
    lib.view().as_of.or_else(|| {
        let latest = lib.briefings.iter().rev().find(|b| b.in_scope())?;
        anchor(latest.as_of)
    })
}

impl Axis {
    /// Counts the dated rows among `rows`.
    #[must_use]
    pub fn new(lib: &Library, rows: &[Row]) -> Self {
        let dated = Dated::of(lib, rows);
        // The earliest and latest, coarser first on a tie of months, as the timeline sorts
        // them, then by day: the first event of March is the 9th, whichever row says it.
        // Found in the same pass that counts the undated rows.
        let early = |p: PartialDate| (month(p), p.precision(), p.first_day());
        let late = |p: PartialDate| (month(p), std::cmp::Reverse(p.precision()), p.first_day());
        let (mut undated, mut lo, mut hi) = (0, None, None);
        for d in dated.dates(lib) {
            let Some(p) = anchor(d) else {
                undated += 1;
                continue;
            };
            if lo.is_none_or(|l| early(p) < early(l)) {
                lo = Some(p);
            }
            if hi.is_none_or(|h| late(p) >= late(h)) {
                hi = Some(p);
            }
        }
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Self {
                undated,
                ..Self::default()
            };
        };
        let view = view_date(lib);
        let as_of = view.map(month);
        // The axis reaches the view's date when that is earlier or later than every row.
        let first = month(lo).min(as_of.unwrap_or(u32::MAX));
        let last = month(hi).max(as_of.unwrap_or(0));
        let (first_label, last_label) = match view {
            Some(v) if month(v) < month(lo) => (v.to_string(), hi.to_string()),
            Some(v) if month(v) > month(hi) => (lo.to_string(), v.to_string()),
            _ => (lo.to_string(), hi.to_string()),
        };
        let mut counts = vec![0; (last - first + 1) as usize];
        for p in dated.dates(lib).filter_map(anchor) {
            counts[(month(p) - first) as usize] += 1;
        }
        Self {
            first,
            counts,
            undated,
            first_label,
            last_label,
            as_of,
        }
    }

    /// The axis in `width` columns.
    fn render(
        &self,
        lib: &Library,
        selected: Option<ItemRef>,
        w: usize,
        t: &Theme,
    ) -> Vec<Span<'static>> {
        if self.counts.is_empty() || w < 24 {
            return Vec::new();
        }
        let peak = self.counts.iter().copied().max().unwrap_or(0);
        let mut tail = format!(" {}", self.last_label);
        if peak > 1 {
            let _ = write!(tail, " · peak {peak}");
        }
        if self.undated > 0 {
            let _ = write!(tail, " · +{} undated", self.undated);
        }
        let head = format!("{} ", self.first_label);
        if width(&head) + width(&tail) + 8 > w {
            tail = format!(" {}", self.last_label);
        }
        // The view's date takes a column of its own, after its month's: it never hides a
        // count, and the selected row's ▲ never hides it.
        let mark = usize::from(self.as_of.is_some());
        let cols = w.saturating_sub(width(&head) + width(&tail) + mark).max(4);
        let span = self.counts.len();
        let cell = |m: u32| (m - self.first) as usize * cols / span.max(1);
        let mut buckets = vec![0u32; cols];
        for (m, &c) in self.counts.iter().enumerate() {
            buckets[m * cols / span.max(1)] += c;
        }
        let top = buckets.iter().copied().max().unwrap_or(1).max(1);
        let marked = match selected {
            Some(ItemRef::Event(e)) => anchor(lib.events[e].date).map(|p| cell(month(p))),
            Some(ItemRef::Quote(q)) => anchor(lib.quotes[q].date).map(|p| cell(month(p))),
            _ => None,
        };
        let as_of = self.as_of.map(cell);
        let mut spans = vec![Span::styled(head, t.dim)];
        for (i, &c) in buckets.iter().enumerate() {
            spans.push(if Some(i) == marked {
                Span::styled("▲", t.selected)
            } else if c == 0 {
                Span::styled("─", t.dim)
            } else {
                let level = (c as usize * LEVELS.len())
                    .div_ceil(top as usize)
                    .clamp(1, LEVELS.len());
                Span::styled(LEVELS[level - 1], t.title)
            });
            if Some(i) == as_of {
                spans.push(Span::styled("┃", t.warning));
            }
        }
        spans.push(Span::styled(tail, t.dim));
        spans
    }
}

impl Banner for Axis {
    fn line(
        &self,
        lib: &Library,
        selected: Option<ItemRef>,
        width: usize,
        theme: &Theme,
    ) -> Line<'static> {
        Line::from(self.render(lib, selected, width, theme))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_bits_are_found_in_order_across_words() {
        let bits = [0b1001, 0, 1 << 63, u64::MAX];
        let found: Vec<usize> = ones(&bits).collect();
        let mut want = vec![0, 3, 191];
        want.extend(192..256);
        assert_eq!(found, want);
    }

    /// The axis starts at the earliest day of its first month and ends at the latest of
    /// its last, whatever order the file lists the events in.
    #[test]
    fn the_ends_are_the_earliest_and_latest_days() {
        let event = |id: &str, date: &str| {
            format!(
                "\n[[events]]\nid = \"{id}\"\ntitle = \"T\"\ndate = \"{date}\"\nstatus = \"occurred\"\ncite = [{{ source = \"s\", locator = \"1\" }}]\n"
            )
        };
        let text = "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2026-05-20\"\nsummary = \"S\"\n\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n".to_owned()
            + &event("e1", "2026-03-14")
            + &event("e2", "2026-03-09")
            + &event("e3", "2026-05-02")
            + &event("e4", "2026-05-11");
        let (lib, report) = crate::model::load_sources(
            vec![("b.toml".into(), Ok(text.into_bytes()))],
            crate::model::LoadOptions::default(),
        );
        assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
        let rows: Vec<Row> = (0..lib.events.len())
            .map(|e| Row::Item(ItemRef::Event(e)))
            .collect();
        let axis = Axis::new(&lib, &rows);
        assert_eq!(
            (axis.first_label.as_str(), axis.last_label.as_str()),
            ("2026-03-09", "2026-05-11")
        );
        let axis = Axis::new(&lib, &rows[..3]);
        assert_eq!(
            (axis.first_label.as_str(), axis.last_label.as_str()),
            ("2026-03-09", "2026-05-02")
        );
    }

    #[test]
    fn months_count_from_year_zero() {
        let p = PartialDate::parse("2021").unwrap();
        assert_eq!(month(p), 2021 * 12);
        let p = PartialDate::parse("2025-10-02").unwrap();
        assert_eq!(month(p), 2025 * 12 + 9);
    }

    #[test]
    fn dates_of_one_shape_are_as_wide_as_each_other() {
        let parts = [
            "0001",
            "2025",
            "9999",
            "2025-01",
            "2025-12",
            "0999-10",
            "2025-01-01",
            "2025-12-31",
            "2024-02-29",
        ];
        let mut dates = vec![DateSpec::Unknown];
        for a in parts {
            for form in ["", "after ", "before "] {
                dates.push(DateSpec::parse(&format!("{form}{a}")).unwrap());
            }
            for b in parts {
                if let Ok(d) = DateSpec::parse(&format!("between {a} and {b}")) {
                    dates.push(d);
                }
            }
        }
        let mut widths: Vec<(Shape, usize)> = Vec::new();
        for d in &dates {
            let w = width(&short_date(*d));
            match widths.iter().find(|(s, _)| *s == shape(*d)) {
                Some((_, seen)) => assert_eq!(*seen, w, "{d} is {w} wide, unlike its shape"),
                None => widths.push((shape(*d), w)),
            }
        }
        assert!(widths.len() > 10, "the dates cover many shapes");
    }
}
