//! A detail view's lines, and where each falls on screen at a width.
//!
//! Moving through a detail and drawing it ask where a line starts, which line is at a
//! row, and which line is the next that can be selected. A detail may hold tens of
//! thousands of lines (a briefing's key points, an actor's History), so its rows are
//! measured once per width and kept as running sums, and its selectable lines and links
//! are listed once; binary searches answer the questions. A move or a frame then costs
//! the rows on screen, not the lines above them. The lines never change: another item's
//! detail is another [`Detail`].

use std::cell::RefCell;
use std::sync::Arc;

use super::detail::DetailLine;

/// The lines of one detail view, with what moving through them needs.
#[derive(Debug, Default)]
pub struct Detail {
    lines: Vec<DetailLine>,
    /// The lines the cursor can rest on, in order.
    selectable: Vec<usize>,
    /// The lines that are links, in order.
    links: Vec<usize>,
    /// The width last measured at, and the first row of every line at it, then the total.
    tops: RefCell<Option<(u16, Arc<[usize]>)>>,
}

/// A detail measured at a width.
pub struct Layout {
    /// The first row of each line, then the total: one more entry than lines.
    tops: Arc<[usize]>,
}

impl Detail {
    /// A detail of these lines.
    #[must_use]
    pub fn new(lines: Vec<DetailLine>) -> Self {
        let which = |keep: fn(&DetailLine) -> bool| -> Vec<usize> {
            (0..lines.len()).filter(|&i| keep(&lines[i])).collect()
        };
        Self {
            selectable: which(DetailLine::selectable),
            links: which(|l| l.link.is_some()),
            lines,
            tops: RefCell::default(),
        }
    }

    /// Its lines.
    #[must_use]
    pub fn lines(&self) -> &[DetailLine] {
        &self.lines
    }

    /// The first line the cursor can rest on.
    #[must_use]
    pub fn first_selectable(&self) -> Option<usize> {
        self.selectable.first().copied()
    }

    /// The last line the cursor can rest on.
    #[must_use]
    pub fn last_selectable(&self) -> Option<usize> {
        self.selectable.last().copied()
    }

    /// The first selectable line at `line` or after it.
    #[must_use]
    pub fn selectable_from(&self, line: usize) -> Option<usize> {
        let at = self.selectable.partition_point(|&i| i < line);
        self.selectable.get(at).copied()
    }

    /// The last selectable line before `line`.
    #[must_use]
    pub fn selectable_before(&self, line: usize) -> Option<usize> {
        let at = self.selectable.partition_point(|&i| i < line);
        at.checked_sub(1).map(|at| self.selectable[at])
    }

    /// The link after (or before, `forward` false) line `from`, wrapping around; `from`
    /// itself when it is the only one, `None` when there are none.
    #[must_use]
    pub fn next_link(&self, from: usize, forward: bool) -> Option<usize> {
        let links = &self.links;
        if forward {
            let at = links.partition_point(|&i| i <= from);
            links.get(at).or(links.first()).copied()
        } else {
            let at = links.partition_point(|&i| i < from);
            at.checked_sub(1)
                .map(|at| links[at])
                .or(links.last().copied())
        }
    }

    /// The detail at a width: each line is measured the first time a width is asked for,
    /// and again only when another width is.
    #[must_use]
    pub fn layout(&self, width: u16) -> Layout {
        let mut cache = self.tops.borrow_mut();
        if let Some((w, tops)) = &*cache
            && *w == width
        {
            return Layout { tops: tops.clone() };
        }
        let mut tops = Vec::with_capacity(self.lines.len() + 1);
        let mut y = 0;
        tops.push(y);
        for line in &self.lines {
            y += line.height(width);
            tops.push(y);
        }
        let tops: Arc<[usize]> = tops.into();
        *cache = Some((width, tops.clone()));
        Layout { tops }
    }
}

impl Layout {
    /// The first row of a line.
    #[must_use]
    pub fn top(&self, line: usize) -> usize {
        self.tops[line]
    }

    /// How many rows a line takes.
    #[must_use]
    pub fn height(&self, line: usize) -> usize {
        self.tops[line + 1] - self.tops[line]
    }

    /// How many rows all the lines take.
    #[must_use]
    pub fn total(&self) -> usize {
        self.tops[self.tops.len() - 1]
    }

    /// The line drawn at a row, `None` below the last.
    #[must_use]
    pub fn line_at(&self, row: usize) -> Option<usize> {
        let after = self.tops.partition_point(|&top| top <= row);
        // `tops[0]` is 0, so `after` is at least 1; past the total it names no line.
        (after < self.tops.len()).then(|| after - 1)
    }

    /// The first line that starts at `row` or below it (the number of lines if none does).
    #[must_use]
    pub fn first_from(&self, row: usize) -> usize {
        self.tops[..self.tops.len() - 1].partition_point(|&top| top < row)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use ratatui::text::Span;

    use super::*;
    use crate::model::ItemRef;
    use crate::tui::panes::detail::LineKind;

    /// A detail of `n` lines of every kind and of many lengths, some of them links, from a
    /// seed.
    pub(in crate::tui::panes) fn mixed(n: usize, seed: u64) -> Detail {
        let mut x = seed;
        let lines = (0..n)
            .map(|i| {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let r = usize::try_from(x >> 33).unwrap();
                let kind = [
                    LineKind::Text,
                    LineKind::Row,
                    LineKind::Heading,
                    LineKind::Blank,
                ][r % 4];
                let line = DetailLine::new(vec![Span::raw("word ".repeat(r % 23))], kind);
                if r % 3 == 0 {
                    line.linked(ItemRef::Briefing(i))
                } else {
                    line
                }
            })
            .collect();
        Detail::new(lines)
    }

    #[test]
    fn searches_find_what_a_scan_of_the_lines_finds() {
        for (n, seed) in [(0, 1), (1, 2), (2, 3), (40, 4), (97, 5)] {
            let d = mixed(n, seed);
            let lines = d.lines();
            for width in [4, 11, 30, 200] {
                let layout = d.layout(width);
                let mut tops = vec![0];
                for l in lines {
                    tops.push(tops.last().unwrap() + l.height(width));
                }
                assert_eq!(layout.total(), tops[n]);
                for row in 0..tops[n] + 3 {
                    let scanned = (0..n).find(|&i| tops[i] <= row && row < tops[i + 1]);
                    assert_eq!(layout.line_at(row), scanned, "{n} lines, row {row}");
                    let from = (0..n).find(|&i| tops[i] >= row).unwrap_or(n);
                    assert_eq!(layout.first_from(row), from, "{n} lines, row {row}");
                }
            }
            let selectable = |i: &usize| lines[*i].selectable();
            for at in 0..n + 2 {
                assert_eq!(d.selectable_from(at), (at..n).find(selectable));
                assert_eq!(
                    d.selectable_before(at),
                    (0..at.min(n)).rev().find(selectable)
                );
            }
            for at in 0..n {
                for forward in [true, false] {
                    // Every line from the next, all the way round to `at` itself.
                    let scanned = (1..=n)
                        .map(|k| {
                            if forward {
                                (at + k) % n
                            } else {
                                (at + n * 2 - k) % n
                            }
                        })
                        .find(|&i| lines[i].link.is_some());
                    assert_eq!(d.next_link(at, forward), scanned, "{n} lines, at {at}");
                }
            }
        }
    }

    #[test]
    fn a_width_is_measured_once_until_another_is_asked_for() {
        let d = mixed(50, 9);
        let before = crate::tui::panes::detail::lines_measured();
        let measured = || crate::tui::panes::detail::lines_measured() - before;
        let _ = d.layout(30);
        let _ = d.layout(30);
        assert_eq!(measured(), 50);
        let _ = d.layout(31);
        let _ = d.layout(31);
        assert_eq!(measured(), 100);
    }
}
