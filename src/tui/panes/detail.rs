//! Detail views as data: the selected item's full story as lines, some of which are links.
//!
//! Every referenced actor, event, quote or source is its own line with a link, so it can be
//! selected and followed. Each pane builds its items' lines with a [`Builder`]; the same
//! lines serve drawing and `update`, so what is drawn is what Enter follows. Every line
//! wraps to the width, with a hanging indent: nothing in a detail is cut off.

use std::cell::RefCell;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::text::one_line;
use crate::model::{BriefingIx, Citation, ItemRef, Library, QuoteKind, RelationIx};
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Keymap;
use crate::tui::text::{width, wrap_spans};
use crate::tui::theme::Theme;

/// At most this many links per section; the rest are summarised.
pub const SECTION_CAP: usize = 200;

/// The width of a field's label column.
pub const LABEL: usize = 12;

/// The fewest columns a field's value is given beside its label (a day range such as
/// `2025-03-01‥03-10` whole); narrower, the label goes on a line of its own above it.
pub const MIN_VALUE: usize = 16;

/// How far a value under its label is indented.
const STACKED: usize = 2;

/// One logical line of a detail view.
#[derive(Clone, Debug, PartialEq)]
pub struct DetailLine {
    /// What it shows.
    pub spans: Vec<Span<'static>>,
    /// The item Enter follows from it.
    pub link: Option<ItemRef>,
    /// How it is drawn and whether it can be selected.
    pub kind: LineKind,
    /// Where wrapped lines start: the hanging indent, in columns.
    pub indent: usize,
    /// On a line showing a cited passage (or a source's citations): the citation, so Enter
    /// opens the source reader at its place.
    pub cite: Option<Citation>,
    /// On a line of an actor's Relations: the relation, so that a jump to the relation
    /// (from the Changes pane) lands on it.
    pub relation: Option<RelationIx>,
    /// On a History line: the briefing of that version, so that Enter shows the item as
    /// that briefing has it (`link` is the item itself).
    pub version: Option<BriefingIx>,
    /// A `label  value` row (or a History line's `    field: value`): its first span is
    /// the label, as wide as the hanging indent, which goes on a line of its own where the
    /// value has too little room beside it.
    pub field: bool,
    /// The line wrapped at the last width asked for.
    wrapped: Wrapped,
}

/// A line's screen lines at the last width asked for. Heights are asked for every frame,
/// and a line may be long (a History change of 50,000 aliases), so a line is wrapped once
/// per width rather than on every frame; a frame then copies only the rows it shows. Two
/// caches are equal whatever they hold.
#[derive(Clone, Debug, Default)]
struct Wrapped(RefCell<Option<(usize, Vec<Line<'static>>)>>);

impl PartialEq for Wrapped {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

thread_local! {
    static MEASURED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many times this thread has measured a detail line's height. A detail is measured
/// once per width (see [`super::detail_layout`]), so a test can check that moving and
/// drawing measure nothing again, without timing anything.
#[doc(hidden)]
#[must_use]
pub fn lines_measured() -> u64 {
    MEASURED.with(std::cell::Cell::get)
}

/// How a detail line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A section heading: not selectable.
    Heading,
    /// Running text.
    Text,
    /// A field or a link.
    Row,
    /// Space between sections.
    Blank,
}

impl DetailLine {
    /// A line of a kind, without a link or an indent.
    #[must_use]
    pub fn new(spans: Vec<Span<'static>>, kind: LineKind) -> Self {
        Self {
            spans,
            link: None,
            kind,
            indent: 0,
            cite: None,
            relation: None,
            version: None,
            field: false,
            wrapped: Wrapped::default(),
        }
    }

    /// The same line with a hanging indent.
    #[must_use]
    pub fn indented(mut self, indent: usize) -> Self {
        self.indent = indent;
        self
    }

    /// The same line as a `label  value` row, its first span the label.
    #[must_use]
    pub fn as_field(mut self) -> Self {
        self.field = true;
        self
    }

    /// The same line as a link.
    #[must_use]
    pub fn linked(mut self, item: ItemRef) -> Self {
        self.link = Some(item);
        self
    }

    /// The same line as a link to `item` as briefing `b` has it (a History line).
    #[must_use]
    pub fn version_of(mut self, item: ItemRef, b: BriefingIx) -> Self {
        self.link = Some(item);
        self.version = Some(b);
        self
    }

    /// Whether the cursor can rest on it.
    #[must_use]
    pub fn selectable(&self) -> bool {
        matches!(self.kind, LineKind::Text | LineKind::Row)
    }

    /// How many screen rows this line takes at a width.
    #[must_use]
    pub fn height(&self, width: u16) -> usize {
        MEASURED.with(|m| m.set(m.get() + 1));
        match self.kind {
            LineKind::Blank => 1,
            _ => self.with_wrapped(usize::from(width), |l| l.len().max(1)),
        }
    }

    /// The screen lines it takes at a width: wrapped, with its hanging indent.
    #[must_use]
    pub fn lines(&self, width: usize) -> Vec<Line<'static>> {
        self.rows(width, 0, usize::MAX)
    }

    /// `take` of its screen lines at a width, from the `skip`th.
    #[must_use]
    pub fn rows(&self, width: usize, skip: usize, take: usize) -> Vec<Line<'static>> {
        match self.kind {
            LineKind::Blank => std::iter::once(Line::default())
                .skip(skip)
                .take(take)
                .collect(),
            _ => self.with_wrapped(width, |l| l.iter().skip(skip).take(take).cloned().collect()),
        }
    }

    fn with_wrapped<R>(&self, width: usize, f: impl FnOnce(&[Line<'static>]) -> R) -> R {
        let mut cache = self.wrapped.0.borrow_mut();
        match &*cache {
            Some((w, lines)) if *w == width => f(lines),
            _ => {
                let lines = if self.stacks(width) {
                    self.stacked(width)
                } else {
                    wrap_spans(&self.spans, width, self.indent)
                };
                let r = f(&lines);
                *cache = Some((width, lines));
                r
            }
        }
    }

    /// Whether a field row puts its label above its value at a width: where the value's
    /// column beside the label is narrower than [`MIN_VALUE`], or than a word of the
    /// value (a date, an id), which would be split there.
    fn stacks(&self, cols: usize) -> bool {
        let [_, value @ ..] = &self.spans[..] else {
            return false;
        };
        if !self.field {
            return false;
        }
        let room = cols.saturating_sub(self.indent);
        let widest = value
            .iter()
            .flat_map(|s| s.content.split_whitespace())
            .map(width)
            .max();
        widest.is_some_and(|w| room < MIN_VALUE || w > room)
    }

    /// A field row as its label on a line of its own and its value under it, indented a
    /// little further than the label.
    fn stacked(&self, width: usize) -> Vec<Line<'static>> {
        let label = &self.spans[0];
        let text = label.content.trim_end();
        let indent = text.len() - text.trim_start_matches(' ').len() + STACKED;
        let mut lines = vec![Line::from(Span::styled(text.to_owned(), label.style))];
        let mut value = vec![Span::raw(" ".repeat(indent))];
        value.extend(self.spans[1..].iter().cloned());
        lines.extend(wrap_spans(&value, width, indent));
        lines
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
        self.lines.push(DetailLine::new(
            vec![Span::styled(text.into(), self.theme.heading)],
            LineKind::Heading,
        ));
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.lines
            .push(DetailLine::new(Vec::new(), LineKind::Blank));
    }

    /// Running text; nothing if it is blank.
    pub fn text(&mut self, text: &str, style: Style) {
        self.text_indented(text, style, 0);
    }

    /// Running text whose wrapped lines start `indent` columns in.
    pub fn text_indented(&mut self, text: &str, style: Style, indent: usize) {
        let text = text.trim_end();
        if !text.trim().is_empty() {
            self.lines.push(
                DetailLine::new(vec![Span::styled(text.to_owned(), style)], LineKind::Text)
                    .indented(indent),
            );
        }
    }

    /// A label and its value, both in a style, the value wrapping under itself (a History
    /// line's `    role: old → new`). Where it has too little room beside the label, the
    /// value goes under it, as a field's does.
    pub fn labelled(&mut self, label: &str, value: &str, style: Style) {
        self.lines.push(
            DetailLine::new(
                vec![
                    Span::styled(label.to_owned(), style),
                    Span::styled(value.trim_end().to_owned(), style),
                ],
                LineKind::Text,
            )
            .indented(width(label))
            .as_field(),
        );
    }

    /// A bullet point, wrapped under its first word.
    pub fn bullet(&mut self, text: &str) {
        self.text_indented(&format!("• {}", text.trim()), Style::new(), 2);
    }

    /// A `label  value` row; the value wraps under itself.
    pub fn field(&mut self, label: &str, value: &str) {
        self.field_styled(label, value, Style::new());
    }

    /// A `label  value` row with the value in a style; newlines in it are kept.
    pub fn field_styled(&mut self, label: &str, value: &str, style: Style) {
        self.lines.push(
            DetailLine::new(
                vec![
                    Span::styled(format!("{label:<LABEL$}"), self.theme.dim),
                    Span::styled(value.trim_end().to_owned(), style),
                ],
                LineKind::Row,
            )
            .indented(LABEL.max(width(label) + 1))
            .as_field(),
        );
    }

    /// A link row: `→ label` plus extra spans.
    pub fn link(&mut self, item: ItemRef, mut spans: Vec<Span<'static>>) {
        let mut all = vec![Span::styled("→ ", self.theme.link)];
        all.append(&mut spans);
        self.lines
            .push(DetailLine::new(all, LineKind::Row).indented(2).linked(item));
    }

    /// A link to `item` as briefing `b` has it.
    pub fn version_link(&mut self, item: ItemRef, b: BriefingIx, mut spans: Vec<Span<'static>>) {
        let mut all = vec![Span::styled("→ ", self.theme.link)];
        all.append(&mut spans);
        self.lines.push(
            DetailLine::new(all, LineKind::Row)
                .indented(2)
                .version_of(item, b),
        );
    }

    /// Links for a list of items, capped, with a note about the rest.
    pub fn links<T>(
        &mut self,
        title: &str,
        items: &[T],
        line: impl FnMut(&Self, &T) -> (ItemRef, Vec<Span<'static>>),
    ) {
        self.links_with(title, items, line, Self::link);
    }

    /// Links for a list of items, each to the item as briefing `b` has it (see
    /// [`Self::version_link`]), capped as [`Self::links`] are.
    pub fn version_links<T>(
        &mut self,
        title: &str,
        items: &[T],
        b: BriefingIx,
        line: impl FnMut(&Self, &T) -> (ItemRef, Vec<Span<'static>>),
    ) {
        self.links_with(title, items, line, |d, item, spans| {
            d.version_link(item, b, spans);
        });
    }

    /// A heading with the count, a row for each item (`line` names it, `push` adds its
    /// row), capped, with a note about the rest.
    fn links_with<T>(
        &mut self,
        title: &str,
        items: &[T],
        mut line: impl FnMut(&Self, &T) -> (ItemRef, Vec<Span<'static>>),
        mut push: impl FnMut(&mut Self, ItemRef, Vec<Span<'static>>),
    ) {
        if items.is_empty() {
            return;
        }
        self.heading(format!("{title} ({})", items.len()));
        for it in items.iter().take(SECTION_CAP) {
            let (item, spans) = line(self, it);
            push(self, item, spans);
        }
        if items.len() > SECTION_CAP {
            let more = items.len() - SECTION_CAP;
            let text = match self.keys.key(Mode::Browse, &Action::OpenSearch) {
                Some(key) => format!("… and {more} more: use {key} search to narrow them down"),
                None => format!("… and {more} more"),
            };
            self.lines.push(DetailLine::new(
                vec![Span::styled(text, self.theme.dim)],
                LineKind::Row,
            ));
        }
    }

    /// Spans naming an item, for link rows.
    pub fn item_spans(&self, item: ItemRef) -> Vec<Span<'static>> {
        match item {
            ItemRef::Actor(a) => self.actor_spans(a),
            ItemRef::Event(e) => self.event_spans(e),
            ItemRef::Quote(q) => self.quote_spans(q),
            ItemRef::Briefing(_) | ItemRef::Source(_) => vec![Span::raw(self.lib.label(item))],
        }
    }

    /// Spans naming an actor, for link rows.
    pub fn actor_spans(&self, a: usize) -> Vec<Span<'static>> {
        let actor = &self.lib.actors[a];
        vec![
            Span::raw(self.lib.with_id(a, &one_line(actor.name.safe()))),
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

    /// Spans naming a quote: its speaker, text and date.
    pub fn quote_spans(&self, q: usize) -> Vec<Span<'static>> {
        let quote = &self.lib.quotes[q];
        let text = one_line(quote.text.safe());
        let (open, style) = match quote.kind {
            QuoteKind::Direct => (format!("“{text}”"), self.theme.quote),
            QuoteKind::Reported => (format!("≈ {text}"), self.theme.reported),
        };
        vec![
            Span::styled(
                format!(
                    "{}: ",
                    self.lib
                        .with_id(quote.speaker, self.lib.actors[quote.speaker].short())
                ),
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
            let locs: Vec<_> = locs.into_iter().map(|l| one_line(l.safe())).collect();
            format!("{} {}", lib.sources[s].id.safe(), locs.join(", "))
        })
        .collect();
    parts.join("; ")
}

/// Citations as `y` copies them: each source's title once, then its locators: "title, ¶1,
/// ¶4; other title, ¶2". Display-safe.
#[must_use]
pub fn cite_list(lib: &Library, cites: &[Citation]) -> String {
    let parts: Vec<String> = lib
        .cite_groups(cites)
        .into_iter()
        .map(|(s, locs)| {
            let locs: Vec<_> = locs.into_iter().map(|l| one_line(l.safe())).collect();
            format!(
                "{}, {}",
                one_line(lib.sources[s].title.safe()),
                locs.join(", ")
            )
        })
        .collect();
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long line is wrapped once per width; a frame takes only the rows it shows, the same
    /// rows the whole wrapped line has there.
    #[test]
    fn a_long_line_gives_the_rows_a_frame_shows() {
        let text: Vec<String> = (0..5_000).map(|i| format!("+a{i}")).collect();
        let line = DetailLine::new(vec![Span::raw(text.join(", "))], LineKind::Text).indented(4);
        let all = line.lines(40);
        assert_eq!(line.height(40), all.len());
        assert!(all.len() > 1_000);
        assert_eq!(line.rows(40, 500, 20), all[500..520]);
        assert_eq!(line.rows(40, all.len() - 3, 20), all[all.len() - 3..]);
        // Another width wraps anew.
        assert_eq!(line.rows(60, 0, 2), line.lines(60)[..2]);
        assert!(line.height(60) < all.len());
        let blank = DetailLine::new(Vec::new(), LineKind::Blank);
        assert_eq!((blank.height(40), blank.rows(40, 0, 5).len()), (1, 1));
    }

    /// A field's label goes above its value where the value has fewer than `MIN_VALUE`
    /// columns beside it, or fewer than its widest word; elsewhere they share a line.
    #[test]
    fn a_field_stacks_its_label_where_its_value_has_too_little_room() {
        let field = |value: &str| {
            DetailLine::new(
                vec![
                    Span::raw(format!("{:<LABEL$}", "from")),
                    Span::raw(value.to_owned()),
                ],
                LineKind::Row,
            )
            .indented(LABEL)
            .as_field()
        };
        let text = |l: &DetailLine, w: usize| -> Vec<String> {
            l.lines(w)
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect()
        };
        let line = field("mereva-2025-06 · as of 2025-06");
        assert_eq!(
            text(&line, 40),
            ["from        mereva-2025-06 · as of", "            2025-06"]
        );
        assert_eq!(
            text(&line, 22),
            ["from", "  mereva-2025-06 · as", "  of 2025-06"]
        );
        assert_eq!(line.height(22), 3);
        // Room enough for most values, not for this word (30 columns beside 28).
        let long = field("at abcdefghijklmnopqrstuvwxyz1234");
        assert_eq!(
            text(&long, 40),
            ["from", "  at abcdefghijklmnopqrstuvwxyz1234"]
        );
        assert_eq!(
            text(&long, 50),
            ["from        at abcdefghijklmnopqrstuvwxyz1234"]
        );
    }
}
