//! Detail views as data: the selected item's full story as lines, some of which are links.
//!
//! Every referenced actor, event, quote or source is its own line with a link, so it can be
//! selected and followed. Each pane builds its items' lines with a [`Builder`]; the same
//! lines serve drawing and `update`, so what is drawn is what Enter follows.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::model::text::one_line;
use crate::model::{Citation, ItemRef, Library, QuoteKind};
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Keymap;
use crate::tui::text::wrap;
use crate::tui::theme::Theme;

/// At most this many links per section; the rest are summarised.
pub const SECTION_CAP: usize = 200;

/// One logical line of a detail view.
#[derive(Clone, Debug, PartialEq)]
pub struct DetailLine {
    /// What it shows.
    pub spans: Vec<Span<'static>>,
    /// The item Enter follows from it.
    pub link: Option<ItemRef>,
    /// How it is drawn and whether it can be selected.
    pub kind: LineKind,
}

/// How a detail line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A section heading: not selectable.
    Heading,
    /// Running text, wrapped to the width.
    Text,
    /// One row: a field or a link, cut with `…` if too wide.
    Row,
    /// Space between sections.
    Blank,
}

impl DetailLine {
    /// Whether the cursor can rest on it.
    #[must_use]
    pub fn selectable(&self) -> bool {
        matches!(self.kind, LineKind::Text | LineKind::Row)
    }

    /// How many screen rows this line takes at a width.
    #[must_use]
    pub fn height(&self, width: u16) -> usize {
        match self.kind {
            LineKind::Text => wrap(&self.plain(), usize::from(width)).len().max(1),
            _ => 1,
        }
    }

    /// Its text without styles.
    #[must_use]
    pub fn plain(&self) -> String {
        self.spans.iter().map(|s| s.content.as_ref()).collect()
    }
}

/// Accumulates lines for one detail view.
pub struct Builder<'a> {
    /// The library the item is in.
    pub lib: &'a Library,
    /// Styles for the lines.
    pub theme: &'a Theme,
    /// Keys, for hints inside the lines.
    pub keys: &'a Keymap,
    /// The lines so far.
    pub lines: Vec<DetailLine>,
}

impl<'a> Builder<'a> {
    /// An empty detail view.
    #[must_use]
    pub fn new(lib: &'a Library, theme: &'a Theme, keys: &'a Keymap) -> Self {
        Self {
            lib,
            theme,
            keys,
            lines: Vec::new(),
        }
    }

    /// A section heading, after a blank line unless it comes first.
    pub fn heading(&mut self, text: impl Into<String>) {
        if !self.lines.is_empty() {
            self.blank();
        }
        self.lines.push(DetailLine {
            spans: vec![Span::styled(text.into(), self.theme.heading)],
            link: None,
            kind: LineKind::Heading,
        });
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.lines.push(DetailLine {
            spans: Vec::new(),
            link: None,
            kind: LineKind::Blank,
        });
    }

    /// Running text, wrapped when drawn; nothing if it is blank.
    pub fn text(&mut self, text: &str, style: Style) {
        let text = text.trim_end();
        if !text.trim().is_empty() {
            self.lines.push(DetailLine {
                spans: vec![Span::styled(text.to_owned(), style)],
                link: None,
                kind: LineKind::Text,
            });
        }
    }

    /// A `label  value` row.
    pub fn field(&mut self, label: &str, value: &str) {
        self.lines.push(DetailLine {
            spans: vec![
                Span::styled(format!("{label:<12}"), self.theme.dim),
                Span::raw(one_line(value).into_owned()),
            ],
            link: None,
            kind: LineKind::Row,
        });
    }

    /// A link row: `→ label` plus extra spans.
    pub fn link(&mut self, item: ItemRef, mut spans: Vec<Span<'static>>) {
        let mut all = vec![Span::styled("→ ", self.theme.link)];
        all.append(&mut spans);
        self.lines.push(DetailLine {
            spans: all,
            link: Some(item),
            kind: LineKind::Row,
        });
    }

    /// Links for a list of items, capped, with a note about the rest.
    pub fn links<T>(
        &mut self,
        title: &str,
        items: &[T],
        mut line: impl FnMut(&Self, &T) -> (ItemRef, Vec<Span<'static>>),
    ) {
        if items.is_empty() {
            return;
        }
        self.heading(format!("{title} ({})", items.len()));
        for it in items.iter().take(SECTION_CAP) {
            let (item, spans) = line(self, it);
            self.link(item, spans);
        }
        if items.len() > SECTION_CAP {
            let more = items.len() - SECTION_CAP;
            let text = match self.keys.key(Mode::Browse, &Action::OpenSearch) {
                Some(key) => format!("… and {more} more: use {key} search to narrow them down"),
                None => format!("… and {more} more"),
            };
            self.lines.push(DetailLine {
                spans: vec![Span::styled(text, self.theme.dim)],
                link: None,
                kind: LineKind::Row,
            });
        }
    }

    /// The Sources section: one link per citation.
    pub fn sources(&mut self, cites: &[Citation]) {
        let groups = self.lib.cite_groups(cites);
        self.links("Sources", &groups, |b, (s, locs)| {
            let locs: Vec<&str> = locs.iter().map(|l| l.safe()).collect();
            let title = one_line(b.lib.sources[*s].title.safe()).into_owned();
            (
                ItemRef::Source(*s),
                vec![
                    Span::styled(format!("{} ", locs.join(", ")), b.theme.key),
                    Span::raw(title),
                ],
            )
        });
    }

    /// Spans naming an actor, for link rows.
    pub fn actor_spans(&self, a: usize) -> Vec<Span<'static>> {
        let actor = &self.lib.actors[a];
        vec![
            Span::raw(one_line(actor.name.safe()).into_owned()),
            Span::styled(format!("  {}", actor.kind.label()), self.theme.dim),
        ]
    }

    /// Spans naming an event: date, status symbol, title.
    pub fn event_spans(&self, e: usize) -> Vec<Span<'static>> {
        let ev = &self.lib.events[e];
        vec![
            Span::styled(format!("{} ", ev.date), self.theme.dim),
            Span::styled(
                format!("{} ", ev.status.symbol()),
                self.theme.status(ev.status),
            ),
            Span::raw(one_line(ev.title.safe()).into_owned()),
        ]
    }

    /// Spans naming a quote: its opening words and date.
    pub fn quote_spans(&self, q: usize) -> Vec<Span<'static>> {
        let quote = &self.lib.quotes[q];
        let text = one_line(quote.text.safe());
        let (open, style) = match quote.kind {
            QuoteKind::Direct => (format!("“{text}”"), self.theme.quote),
            QuoteKind::Reported => (format!("≈ {text}"), self.theme.reported),
        };
        vec![
            Span::styled(
                format!("{}: ", self.lib.actors[quote.speaker].short()),
                self.theme.dim,
            ),
            Span::styled(open, style),
            Span::styled(format!("  {}", quote.date), self.theme.dim),
        ]
    }
}

/// Citations in short: "article ¶1, ¶4; ap ¶2", by source id. Display-safe.
#[must_use]
pub fn cite_short(lib: &Library, cites: &[Citation]) -> String {
    let parts: Vec<String> = lib
        .cite_groups(cites)
        .into_iter()
        .map(|(s, locs)| {
            let locs: Vec<&str> = locs.into_iter().map(crate::model::Text::safe).collect();
            format!("{} {}", lib.sources[s].id.safe(), locs.join(", "))
        })
        .collect();
    parts.join("; ")
}

/// Citations as `y` copies them: "source title, locator; …". Display-safe.
#[must_use]
pub fn cite_list(lib: &Library, cites: &[Citation]) -> String {
    let parts: Vec<String> = cites
        .iter()
        .map(|c| {
            format!(
                "{}, {}",
                lib.sources[c.source].title.safe(),
                c.locator.safe()
            )
        })
        .collect();
    parts.join("; ")
}
