//! Detail views: the selected item's full story as lines, some of which are links.
//!
//! Every referenced actor, event, quote or source is its own line with a link, so it can be
//! selected and followed. The same builder serves drawing and `update`, so what is drawn is
//! what Enter follows.

use ratatui::style::Style;
use ratatui::text::Span;

use super::panes::Scope;
use super::text::wrap;
use super::theme::Theme;
use crate::model::text::one_line;
use crate::model::{Citation, ItemRef, Library, QuoteKind};

/// At most this many links per section; the rest are summarised.
pub const SECTION_CAP: usize = 200;

/// One logical line of a detail view.
#[derive(Clone, Debug)]
pub struct DetailLine {
    pub spans: Vec<Span<'static>>,
    pub link: Option<ItemRef>,
    pub kind: LineKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A section heading: not selectable.
    Heading,
    /// Running text, wrapped to the width.
    Text,
    /// One row: a field or a link, cut with `…` if too wide.
    Row,
    Blank,
}

impl DetailLine {
    pub fn selectable(&self) -> bool {
        matches!(self.kind, LineKind::Text | LineKind::Row)
    }

    /// How many screen rows this line takes at a width.
    pub fn height(&self, width: u16) -> usize {
        match self.kind {
            LineKind::Text => wrap(&self.plain(), usize::from(width)).len().max(1),
            _ => 1,
        }
    }

    pub fn plain(&self) -> String {
        self.spans.iter().map(|s| s.content.as_ref()).collect()
    }
}

/// Accumulates lines for one detail view.
pub struct Builder<'a> {
    pub lib: &'a Library,
    pub theme: &'a Theme,
    pub lines: Vec<DetailLine>,
}

impl<'a> Builder<'a> {
    pub fn new(lib: &'a Library, theme: &'a Theme) -> Self {
        Self {
            lib,
            theme,
            lines: Vec::new(),
        }
    }

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

    pub fn blank(&mut self) {
        self.lines.push(DetailLine {
            spans: Vec::new(),
            link: None,
            kind: LineKind::Blank,
        });
    }

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
            self.lines.push(DetailLine {
                spans: vec![Span::styled(
                    format!(
                        "… and {} more: use / search to narrow them down",
                        items.len() - SECTION_CAP
                    ),
                    self.theme.dim,
                )],
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

/// The detail view for any item.
pub fn build(lib: &Library, item: ItemRef, theme: &Theme, scope: Scope) -> Vec<DetailLine> {
    let mut b = Builder::new(lib, theme);
    match item {
        ItemRef::Briefing(i) => super::panes::overview::briefing_detail(&mut b, i, scope),
        ItemRef::Source(i) => super::panes::overview::source_detail(&mut b, i),
        ItemRef::Actor(i) => super::panes::actors::detail(&mut b, i),
        ItemRef::Event(i) => super::panes::timeline::detail(&mut b, i),
        ItemRef::Quote(i) => super::panes::quotes::detail(&mut b, i),
    }
    b.lines
}

/// Which logical line is drawn at a screen row, given the scroll offset and width.
pub fn line_at(lines: &[DetailLine], offset: usize, row: usize, width: u16) -> Option<usize> {
    let mut y = 0;
    for (i, line) in lines.iter().enumerate().skip(offset) {
        let h = line.height(width);
        if row < y + h {
            return Some(i);
        }
        y += h;
    }
    None
}

/// A citation-ready text for an item, as `y` copies it. Display-safe.
pub fn citation(lib: &Library, item: ItemRef) -> Option<String> {
    let cite = |c: &[Citation]| -> String {
        let parts: Vec<String> = c
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
    };
    match item {
        ItemRef::Quote(q) => {
            let quote = &lib.quotes[q];
            let speaker = &lib.actors[quote.speaker];
            let who = format!(
                "{}, {}",
                one_line(speaker.name.safe()),
                one_line(speaker.role.safe())
            );
            Some(match quote.kind {
                QuoteKind::Direct => format!(
                    "“{}” — {who}, {} ({})",
                    one_line(quote.text.safe()),
                    quote.date,
                    cite(&quote.cite)
                ),
                QuoteKind::Reported => format!(
                    "{} (reported statement of {who}, {}) ({})",
                    one_line(quote.text.safe()),
                    quote.date,
                    cite(&quote.cite)
                ),
            })
        }
        ItemRef::Event(e) => {
            let ev = &lib.events[e];
            Some(format!(
                "{} — {} [{}] ({})",
                ev.date,
                one_line(ev.title.safe()),
                ev.status,
                cite(&ev.cite)
            ))
        }
        ItemRef::Actor(a) => {
            let actor = &lib.actors[a];
            Some(format!(
                "{} — {} ({})",
                one_line(actor.name.safe()),
                one_line(actor.role.safe()),
                cite(&actor.cite)
            ))
        }
        ItemRef::Briefing(_) | ItemRef::Source(_) => None,
    }
}
