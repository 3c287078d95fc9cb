//! Provenance in a detail view: the Sources section, where every citation shows the
//! passage it rests on (its excerpt, or the cited paragraphs of the source's text), dim,
//! wrapped under its locator. Enter on any of these lines opens the source reader there.

use ratatui::text::Span;

use super::detail::{Builder, DetailLine, LineKind};
use crate::model::text::{in_quotes, one_line};
use crate::model::{Citation, ItemRef, passage};
use crate::tui::text::width;

impl Builder<'_> {
    /// The Sources section: one link row per source with its locators, then one line per
    /// citation that has a passage to show.
    pub fn sources(&mut self, cites: &[Citation]) {
        let lib = self.lib;
        let groups = lib.cite_groups(cites);
        if groups.is_empty() {
            return;
        }
        self.heading(format!("Sources ({})", groups.len()));
        for (s, locs) in groups {
            let locs: Vec<&str> = locs.iter().map(|l| l.safe()).collect();
            let title = one_line(lib.sources[s].title.safe()).into_owned();
            self.link(
                ItemRef::Source(s),
                vec![
                    Span::styled(format!("{} ", locs.join(", ")), self.theme.key),
                    Span::raw(title),
                ],
            );
            if let Some(line) = self.lines.last_mut() {
                line.cite = cites.iter().find(|c| c.source == s).cloned();
            }
            for c in cites.iter().filter(|c| c.source == s) {
                self.passage(c);
            }
        }
    }

    /// The lines of one citation's passage: its excerpt, else the paragraphs it names in the
    /// source's text, else nothing (its locator is on the source's row).
    fn passage(&mut self, c: &Citation) {
        let src = &self.lib.sources[c.source];
        if let Some(excerpt) = &c.excerpt {
            let text = in_quotes(excerpt.safe());
            self.passage_line(c, c.locator.safe(), text);
            return;
        }
        let Some(paragraphs) = src.paragraphs_at(c.locator.raw()) else {
            return;
        };
        let first = passage::paragraph_range(c.locator.raw()).map_or(1, |r| *r.start());
        for (i, p) in paragraphs.iter().enumerate() {
            let label = format!("¶{}", first + i);
            self.passage_line(c, &label, p.text.safe().to_owned());
        }
    }

    fn passage_line(&mut self, c: &Citation, label: &str, text: String) {
        let indent = 2 + width(label) + 1;
        let mut line = DetailLine::new(
            vec![
                Span::raw("  "),
                Span::styled(format!("{label} "), self.theme.key),
                Span::styled(text, self.theme.dim),
            ],
            LineKind::Text,
        )
        .indented(indent)
        .linked(ItemRef::Source(c.source));
        line.cite = Some(Citation {
            locator: crate::model::Text::new(label),
            ..c.clone()
        });
        self.lines.push(line);
    }
}

/// What `y` copies on a cited passage: its words, then where they are from. `None` when
/// the citation has no passage to show.
#[must_use]
pub fn passage_citation(lib: &crate::model::Library, c: &Citation) -> Option<String> {
    let src = &lib.sources[c.source];
    let words = match &c.excerpt {
        Some(e) => e.safe().to_owned(),
        None => {
            let paragraphs = src.paragraphs_at(c.locator.raw())?;
            let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.safe()).collect();
            texts.join(" ")
        }
    };
    Some(format!(
        "{} ({}, {})",
        in_quotes(&one_line(&words)),
        one_line(src.title.safe()),
        one_line(c.locator.safe())
    ))
}
