//! The source reader: a source's text as the briefing knows it, read like `less`, with the
//! passages an item cites marked and `n`/`N` between them.
//!
//! With a `text_file`, the reader shows the full text, paragraph by paragraph, `¶N` in the
//! margin; the paragraphs the item cites are marked, and their excerpts highlighted. Without
//! one (the bundled briefings carry no texts), it shows every passage the briefing quotes
//! from the source, in paragraph order, and every locator it cites without an excerpt, so
//! the reader sees exactly what there is to check against.

use std::collections::BTreeMap;

use super::common::Outcome;
use crate::model::text::in_quotes;
use crate::model::{Citation, ItemRef, Library, SourceIx, Version, passage};
use crate::tui::action::{Action, View};

/// One paragraph (or cited place) in the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// `¶5`, or the locator as written when it names no paragraph.
    pub label: String,
    /// The paragraph, from 1, for ordering; `usize::MAX` for other locators.
    pub paragraph: usize,
    /// The text: the paragraph, or the excerpts quoted from it (display-safe).
    pub text: String,
    /// Passages within `text` the item quotes, to highlight (display-safe).
    pub excerpts: Vec<String>,
    /// Whether the item cites it.
    pub cited: bool,
    /// Nothing of the text is known here: the briefing cites the place without an excerpt.
    pub missing: bool,
    /// Its line in the text file, for the editor.
    pub line: Option<usize>,
}

/// The reader's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader {
    /// The source.
    pub source: SourceIx,
    /// What the title and the first lines say.
    pub title: String,
    /// A line under the title: kind, date, publisher, file.
    pub about: String,
    /// The briefing's own note on the source (paywalled, a translation, …), if it has one.
    pub source_note: Option<String>,
    /// What the reader shows and what the marks mean.
    pub note: String,
    /// The paragraphs or cited places.
    pub blocks: Vec<Block>,
    /// Whether `blocks` are the full text.
    pub full_text: bool,
    /// The cited blocks, in order: what `n` and `N` step through.
    pub marked: Vec<usize>,
    /// The current cited block (an index into `marked`).
    pub current: Option<usize>,
    /// The first screen row shown.
    pub scroll: usize,
    /// A block to bring to the top at the next frame.
    pub anchor: Option<usize>,
    /// The ids it was opened with, to open it again after a reload.
    pub ids: (String, Option<String>),
    /// The text laid out at the last width, so a long text is wrapped once, not per frame.
    pub(super) laid_out: LayoutCache,
}

/// A text laid out at a width, no passage in it highlighted as the current one.
#[derive(Debug)]
pub struct Laid {
    /// Its screen lines.
    pub lines: Vec<ratatui::text::Line<'static>>,
    /// The row each block starts on.
    pub tops: Vec<usize>,
    /// How wide the column of labels (`¶12`) is.
    pub label_w: usize,
}

/// The text laid out at the last width, and the first row of the current passage, its
/// label highlighted, at that width: `n` and `N` lay out one passage, not the whole text.
/// Caches are equal whatever they hold: they never change what the reader is.
#[derive(Clone, Debug, Default)]
pub(super) struct LayoutCache {
    /// The width and the text laid out at it.
    pub(super) text: std::cell::RefCell<Option<(usize, std::sync::Arc<Laid>)>>,
    /// The width, the current block and its first row.
    pub(super) current: std::cell::RefCell<Option<(usize, usize, ratatui::text::Line<'static>)>>,
}

impl PartialEq for LayoutCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LayoutCache {}

impl Reader {
    /// Opens a source, marking what `from` cites (everything the briefing cites from it
    /// when `from` is `None`), at the place `at` names or the first mark.
    #[must_use]
    pub fn open(
        lib: &Library,
        source: SourceIx,
        at: Option<&Citation>,
        from: Option<ItemRef>,
    ) -> Self {
        let src = &lib.sources[source];
        let all = briefing_cites(lib, source);
        let own: Vec<Citation> = match from {
            Some(item) => item_cites(lib, item, source),
            None => all.clone(),
        };
        let full_text = src.text.is_some();
        let blocks = if full_text {
            text_blocks(lib, source, &own)
        } else {
            cited_blocks(&all, &own)
        };
        let marked: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].cited).collect();
        let target = at.and_then(|c| find_block(&blocks, c.locator.raw()));
        let current = match target {
            Some(b) => marked.iter().position(|&m| m == b),
            None => (!marked.is_empty() && from.is_some()).then_some(0),
        };
        let anchor = target.or_else(|| current.map(|c| marked[c]));
        let who = from.map(|f| crate::model::text::one_line(&lib.label(f)).into_owned());
        Self {
            source,
            title: crate::model::text::one_line(src.title.safe()).into_owned(),
            about: about(lib, source),
            source_note: (src.note.as_ref())
                .map(|n| crate::model::text::one_line(n.safe()).into_owned()),
            note: note(lib, source, &blocks, (marked.len(), &own), who.as_deref()),
            blocks,
            full_text,
            marked,
            current,
            scroll: 0,
            anchor,
            ids: (
                lib.id_of(ItemRef::Source(source)),
                from.map(|f| lib.id_of(f)),
            ),
            laid_out: LayoutCache::default(),
        }
    }

    /// Opens the same source in a reloaded library, if it is still there.
    #[must_use]
    pub fn reopen(&self, lib: &Library) -> Option<Self> {
        let Some(ItemRef::Source(source)) = lib.find(&self.ids.0) else {
            return None;
        };
        let from = self.ids.1.as_deref().and_then(|id| lib.find(id));
        let mut r = Self::open(lib, source, None, from);
        r.scroll = self.scroll;
        r.anchor = None;
        r.current = self.current.filter(|&c| c < r.marked.len());
        Some(r)
    }

    /// The cited block shown as current, if any.
    #[must_use]
    pub fn current_block(&self) -> Option<&Block> {
        self.current.map(|c| &self.blocks[self.marked[c]])
    }

    /// Handles an action; `view` is where the last frame drew the text.
    pub fn update(&mut self, action: &Action, view: Option<View>) -> Outcome {
        let page = view.map_or(10, |v| v.page());
        match action {
            Action::MoveDown | Action::ScrollDown(..) => self.scroll_by(1),
            Action::MoveUp | Action::ScrollUp(..) => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(page_rows(page)),
            Action::PageUp => self.scroll_by(-page_rows(page)),
            Action::HalfPageDown => self.scroll_by(page_rows(page / 2)),
            Action::HalfPageUp => self.scroll_by(-page_rows(page / 2)),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = usize::MAX / 2,
            Action::NextMatch => return self.step(true),
            Action::PrevMatch => return self.step(false),
            Action::CloseOverlay | Action::Back | Action::FocusList | Action::MoveLeft => {
                return Outcome::Close;
            }
            Action::Quit => return Outcome::Quit,
            _ => {}
        }
        Outcome::Stay
    }

    fn scroll_by(&mut self, delta: isize) {
        self.anchor = None;
        self.scroll = self.scroll.saturating_add_signed(delta);
    }

    /// `n` / `N`: the next or previous cited passage, wrapping around with a notice.
    fn step(&mut self, forward: bool) -> Outcome {
        let n = self.marked.len();
        if n == 0 {
            return Outcome::Status("nothing here is cited".into());
        }
        let (next, wrapped) = match (self.current, forward) {
            (None, true) => (0, false),
            (None, false) => (n - 1, false),
            (Some(c), true) if c + 1 < n => (c + 1, false),
            (Some(_), true) => (0, true),
            (Some(c), false) if c > 0 => (c - 1, false),
            (Some(_), false) => (n - 1, true),
        };
        self.current = Some(next);
        self.anchor = Some(self.marked[next]);
        if wrapped {
            let end = if forward { "first" } else { "last" };
            Outcome::Status(format!("wrapped around to the {end} cited passage"))
        } else {
            Outcome::Stay
        }
    }

    /// Takes the offset the last frame showed.
    pub fn drawn(&mut self, view: View) {
        self.scroll = view.offset;
        self.anchor = None;
    }
}

fn page_rows(rows: usize) -> isize {
    isize::try_from(rows.saturating_sub(1).max(1)).unwrap_or(1)
}

/// Every citation of the source by the items of its briefing.
fn briefing_cites(lib: &Library, source: SourceIx) -> Vec<Citation> {
    let b = lib.sources[source].briefing;
    let br = &lib.briefings[b];
    let mut out: Vec<Citation> = Vec::new();
    let mut add = |cites: &[Citation]| {
        out.extend(cites.iter().filter(|c| c.source == source).cloned());
    };
    for &a in &br.actors {
        lib.actors[a]
            .version_in(b)
            .into_iter()
            .for_each(|v| add(v.cite()));
    }
    for &r in &br.relations {
        lib.relations[r]
            .version_in(b)
            .into_iter()
            .for_each(|v| add(&v.cite));
    }
    for &e in &br.events {
        lib.events[e]
            .version_in(b)
            .into_iter()
            .for_each(|v| add(v.cite()));
    }
    for &q in &br.quotes {
        lib.quotes[q]
            .version_in(b)
            .into_iter()
            .for_each(|v| add(v.cite()));
    }
    out
}

/// What one item cites from the source: its version in the source's briefing.
fn item_cites(lib: &Library, item: ItemRef, source: SourceIx) -> Vec<Citation> {
    let b = lib.sources[source].briefing;
    let cites: &[Citation] = match item {
        ItemRef::Actor(i) => lib.actors[i].as_in(b).cite(),
        ItemRef::Event(i) => lib.events[i].as_in(b).cite(),
        ItemRef::Quote(i) => lib.quotes[i].as_in(b).cite(),
        ItemRef::Briefing(_) | ItemRef::Source(_) => return briefing_cites(lib, source),
    };
    cites
        .iter()
        .filter(|c| c.source == source)
        .cloned()
        .collect()
}

/// Whether a citation names paragraph `n` (from 1).
fn cites_paragraph(c: &Citation, n: usize) -> bool {
    passage::paragraph_range(c.locator.raw()).is_some_and(|r| r.contains(&n))
}

/// The full text, each paragraph marked when `own` cites it.
fn text_blocks(lib: &Library, source: SourceIx, own: &[Citation]) -> Vec<Block> {
    let Some(text) = &lib.sources[source].text else {
        return Vec::new();
    };
    let mut blocks: Vec<Block> = text
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let n = i + 1;
            let cites: Vec<&Citation> = own.iter().filter(|c| cites_paragraph(c, n)).collect();
            let mut excerpts: Vec<String> = cites
                .iter()
                .filter_map(|c| c.excerpt.as_ref().map(|e| e.safe()))
                .filter(|e| p.text.safe().contains(e))
                .map(str::to_owned)
                .collect();
            excerpts.dedup();
            Block {
                label: format!("¶{n}"),
                paragraph: n,
                text: p.text.safe().to_owned(),
                excerpts,
                cited: !cites.is_empty(),
                missing: false,
                line: Some(p.line),
            }
        })
        .collect();
    // An excerpt that runs from one paragraph of its range into the next: each paragraph's
    // part is highlighted in it.
    for c in own {
        let (Some(range), Some(e)) = (passage::paragraph_range(c.locator.raw()), &c.excerpt) else {
            continue;
        };
        let Some(range) = blocks.get(range.start() - 1..(*range.end()).min(blocks.len())) else {
            continue;
        };
        let start = range.first().map_or(0, |b| b.paragraph - 1);
        let texts: Vec<&str> = range.iter().map(|b| b.text.as_str()).collect();
        for (i, part) in passage::across(&texts, e.safe()).unwrap_or_default() {
            let b = &mut blocks[start + i];
            let part = b.text[part].to_owned();
            if !b.excerpts.contains(&part) {
                b.excerpts.push(part);
            }
        }
    }
    blocks
}

/// Without a text: one block per place the briefing cites, with the excerpts it quotes
/// there, marked when `own` cites it.
fn cited_blocks(all: &[Citation], own: &[Citation]) -> Vec<Block> {
    let mut places: BTreeMap<(usize, String), Vec<String>> = BTreeMap::new();
    for c in all {
        let key = (
            passage::paragraph_range(c.locator.raw()).map_or(usize::MAX, |r| *r.start()),
            c.locator.safe().to_owned(),
        );
        let excerpts = places.entry(key).or_default();
        if let Some(e) = &c.excerpt {
            let e = in_quotes(e.safe());
            if !excerpts.contains(&e) {
                excerpts.push(e);
            }
        }
    }
    places
        .into_iter()
        .map(|((paragraph, label), excerpts)| {
            let mine: Vec<&Citation> = own.iter().filter(|c| c.locator.safe() == label).collect();
            Block {
                cited: !mine.is_empty(),
                missing: excerpts.is_empty(),
                // Each passage on a line of its own: they may be far apart in the paragraph.
                text: if excerpts.is_empty() {
                    "(cited; no excerpt of it is given in the briefing)".to_owned()
                } else {
                    excerpts.join("\n")
                },
                excerpts: (mine.iter())
                    .filter_map(|c| c.excerpt.as_ref().map(|e| in_quotes(e.safe())))
                    .collect(),
                label,
                paragraph,
                line: None,
            }
        })
        .collect()
}

/// The block a locator names: the one holding its first paragraph, or the same label.
fn find_block(blocks: &[Block], locator: &str) -> Option<usize> {
    let first = passage::paragraph_range(locator).map(|r| *r.start());
    blocks
        .iter()
        .position(|b| Some(b.paragraph) == first || b.label == locator.trim())
}

fn about(lib: &Library, source: SourceIx) -> String {
    let s = &lib.sources[source];
    let mut parts = vec![
        s.kind.label().to_owned(),
        format!("published {}", s.published),
    ];
    if let Some(p) = &s.publisher {
        parts.push(crate::model::text::one_line(p.safe()).into_owned());
    }
    if let Some(u) = &s.url {
        parts.push(crate::model::text::one_line(u.safe()).into_owned());
    }
    parts.push(format!("in {}", lib.briefings[s.briefing].id.safe()));
    parts.join(" · ")
}

/// The line above the text: what it is, and what the marks show. `marked` is how many
/// places are marked, of the citations `own`; when a full text has none of the places they
/// name, the note names them, so that a locator the text does not have is never taken for
/// a source that cites nothing.
fn note(
    lib: &Library,
    source: SourceIx,
    blocks: &[Block],
    (marked, own): (usize, &[Citation]),
    who: Option<&str>,
) -> String {
    let s = &lib.sources[source];
    let whose = who.map_or_else(
        || "the briefing cites".to_owned(),
        |w| format!("“{w}” cites"),
    );
    match &s.text {
        Some(t) if marked == 0 && !own.is_empty() => {
            let places: Vec<String> = own
                .iter()
                .map(|c| crate::model::text::one_line(c.locator.safe()).into_owned())
                .collect();
            // Starting a sentence: a name in quotes, or "The briefing".
            let whose = who.map_or_else(
                || "The briefing cites".to_owned(),
                |w| format!("“{w}” cites"),
            );
            format!(
                "Full text from {} ({} paragraphs, ¶N = the Nth non-blank line). {whose} {}, which this text does not have.",
                crate::model::text::safe_line(&t.name),
                blocks.len(),
                places.join(", "),
            )
        }
        Some(t) => format!(
            "Full text from {} ({} paragraphs, ¶N = the Nth non-blank line). ▌ marks the {marked} paragraph{} {whose}.",
            crate::model::text::safe_line(&t.name),
            blocks.len(),
            if marked == 1 { "" } else { "s" },
        ),
        None => format!(
            "The briefing does not include this source's text. Shown: every place it cites, with the passages it quotes verbatim. ▌ marks the {marked} place{} {whose}.",
            if marked == 1 { "" } else { "s" },
        ),
    }
}
