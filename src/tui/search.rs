//! The search overlay's state: the query being edited, and the latest results.
//!
//! Small libraries are searched inline, which is faster than a frame. Large ones are
//! searched on a worker thread: every keystroke supersedes the search in flight, which
//! notices within milliseconds and gives up, and stale results are dropped on arrival.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use super::app::Action;
use crate::model::{ItemRef, Library};
use crate::search::{Hit, Query, SearchIndex, can_narrow};

/// Libraries up to this many searchable items are searched inline.
pub const INLINE_LIMIT: usize = 20_000;

/// A search for the worker.
struct Request {
    generation: u64,
    query: String,
    narrow: Option<Vec<Hit>>,
}

/// The worker's answer, delivered to the event loop.
pub struct Response {
    generation: u64,
    query: String,
    result: Result<Vec<Hit>, String>,
}

/// A background searcher that always works on the newest request.
struct Worker {
    tx: Sender<Request>,
    latest: Arc<AtomicU64>,
}

/// The query line and results of the search overlay.
#[derive(Default)]
pub struct SearchState {
    pub query: String,
    /// Cursor position in chars.
    pub cursor: usize,
    pub results: Vec<ItemRef>,
    hits: Vec<Hit>,
    /// The query the results belong to, parsed, for highlighting.
    pub parsed: Option<Query>,
    results_for: String,
    pub selected: usize,
    pub offset: usize,
    /// A malformed query's message.
    pub error: Option<String>,
    /// Searchable items in the library: the M of "N of M".
    pub total: usize,
    pub index: Option<Arc<SearchIndex>>,
    generation: u64,
    /// A search is running in the background; its progress in per mille.
    pub pending: bool,
    pub progress: Arc<AtomicUsize>,
    worker: Option<Worker>,
    /// The index the worker searches, swapped on reload.
    worker_index: Option<Arc<std::sync::Mutex<Option<Arc<SearchIndex>>>>>,
}

impl std::fmt::Debug for SearchState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchState")
            .field("query", &self.query)
            .field("results", &self.results.len())
            .finish_non_exhaustive()
    }
}

impl SearchState {
    /// Indexes a (new) library and reruns the current query on it.
    pub fn rebuild(&mut self, lib: &Library) {
        let index = Arc::new(SearchIndex::build(lib));
        self.total = index.len();
        self.index = Some(index);
        self.hits.clear();
        self.results_for.clear();
        self.submit();
    }

    /// Starts the background worker; results come back through `deliver`.
    pub fn start_worker(&mut self, deliver: impl Fn(Response) + Send + 'static) {
        let (tx, rx) = mpsc::channel::<Request>();
        let latest = Arc::new(AtomicU64::new(0));
        let index = self.index.clone();
        let (l2, progress) = (latest.clone(), self.progress.clone());
        let index_slot = Arc::new(std::sync::Mutex::new(index));
        let slot = index_slot.clone();
        std::thread::spawn(move || worker_loop(&rx, &slot, &l2, &progress, &deliver));
        self.worker = Some(Worker { tx, latest });
        self.worker_index = Some(index_slot);
    }

    /// Runs the current query: inline for small libraries, otherwise on the worker.
    pub fn submit(&mut self) {
        self.generation += 1;
        let Some(index) = self.index.clone() else {
            return;
        };
        let narrow = (!self.results_for.is_empty() && can_narrow(&self.results_for, &self.query))
            .then(|| self.hits.clone());
        match &self.worker {
            Some(w) if index.len() > INLINE_LIMIT => {
                if let Some(slot) = &self.worker_index
                    && let Ok(mut current) = slot.lock()
                    && !current.as_ref().is_some_and(|c| Arc::ptr_eq(c, &index))
                {
                    *current = Some(index.clone());
                }
                w.latest.store(self.generation, Ordering::Relaxed);
                self.progress.store(0, Ordering::Relaxed);
                self.pending = true;
                let _ = w.tx.send(Request {
                    generation: self.generation,
                    query: self.query.clone(),
                    narrow,
                });
            }
            _ => {
                let result = run(
                    &index,
                    &self.query,
                    narrow.as_deref(),
                    &|| false,
                    &|_, _| {},
                );
                self.accept(self.query.clone(), result.unwrap_or_else(|| Ok(Vec::new())));
            }
        }
    }

    /// Takes a worker's response, unless a newer request has superseded it.
    pub fn receive(&mut self, response: Response) {
        if response.generation == self.generation {
            self.pending = false;
            self.accept(response.query, response.result);
        }
    }

    fn accept(&mut self, query: String, result: Result<Vec<Hit>, String>) {
        match result {
            Ok(hits) => {
                self.error = None;
                self.parsed = Query::parse(&query).ok();
                self.results = hits.iter().map(|h| h.item).collect();
                self.hits = hits;
                self.results_for = query;
            }
            Err(e) => {
                // Keep the last good results on screen under the message.
                self.error = Some(e);
            }
        }
        self.selected = self.selected.min(self.results.len().saturating_sub(1));
    }

    pub fn set_query(&mut self, query: String) {
        self.cursor = query.chars().count();
        self.query = query;
        self.submit();
    }

    pub fn selected_item(&self) -> Option<ItemRef> {
        self.results.get(self.selected).copied()
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.results.is_empty() {
            return;
        }
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.results.len() - 1);
    }

    pub fn select(&mut self, row: usize) {
        if row < self.results.len() {
            self.selected = row;
        }
    }

    fn byte_at(&self, char_ix: usize) -> usize {
        self.query
            .char_indices()
            .nth(char_ix)
            .map_or(self.query.len(), |(i, _)| i)
    }

    /// Applies an editing action to the query line, and searches if the query changed.
    pub fn edit(&mut self, action: Action) {
        let before = self.query.clone();
        self.edit_line(action);
        if self.query != before {
            self.selected = 0;
            self.offset = 0;
            self.submit();
        }
    }

    fn edit_line(&mut self, action: Action) {
        let len = self.query.chars().count();
        match action {
            Action::Type(c) => {
                let at = self.byte_at(self.cursor);
                self.query.insert(at, c);
                self.cursor += 1;
            }
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(len),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = len,
            Action::DeleteBack if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.query.remove(at);
                self.cursor -= 1;
            }
            Action::DeleteWord => {
                let chars: Vec<char> = self.query.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
                self.query.replace_range(a..b, "");
                self.cursor = start;
            }
            Action::ClearQuery => {
                let b = self.byte_at(self.cursor);
                self.query.replace_range(..b, "");
                self.cursor = 0;
            }
            _ => {}
        }
    }

    /// Inserts pasted text as plain characters: controls become spaces, so a pasted escape
    /// sequence arrives as harmless text.
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.edit_line(Action::Type(c));
        }
        self.selected = 0;
        self.submit();
    }
}

/// Draws the visible results, two lines each: a kind badge and the text with its matched
/// characters highlighted, then a line of context. Match positions are computed for these
/// rows only.
pub fn render_results(
    frame: &mut ratatui::Frame<'_>,
    app: &mut super::app::App,
    area: ratatui::layout::Rect,
) {
    use ratatui::text::Span;

    use super::text::{fit, highlight};
    let per_page = usize::from(area.height / 2).max(1);
    let s = &mut app.search;
    if s.selected < s.offset {
        s.offset = s.selected;
    } else if s.selected >= s.offset + per_page {
        s.offset = s.selected + 1 - per_page;
    }
    app.screen.overlay_offset = s.offset;
    let t = app.theme;
    let w = usize::from(area.width);
    let s = &app.search;
    let mut lines = Vec::new();
    for (i, &item) in s.results.iter().enumerate().skip(s.offset).take(per_page) {
        let sel = i == s.selected;
        let (badge, fallback) = result_context(&app.lib, item);
        let hl = match (&s.index, &s.parsed) {
            (Some(index), Some(q)) => Some(index.highlight(&app.lib, item, q)),
            _ => None,
        };
        let mut first = vec![
            Span::styled(if sel { "▶ " } else { "  " }, t.key),
            Span::styled(format!("{badge:<6} "), t.badge),
        ];
        let mut second = vec![Span::raw("         ")];
        match hl {
            Some(h) => {
                first.extend(highlight(
                    &h.primary,
                    &h.primary_pos,
                    ratatui::style::Style::new(),
                    t.matched,
                ));
                match h.secondary {
                    Some((label, text, pos)) => {
                        second.push(Span::styled(format!("{label}: "), t.dim));
                        second.extend(highlight(&text, &pos, t.dim, t.matched));
                    }
                    None => second.push(Span::styled(fallback, t.dim)),
                }
            }
            None => {
                first.push(Span::raw(
                    crate::model::text::one_line(&app.lib.label(item)).into_owned(),
                ));
                second.push(Span::styled(fallback, t.dim));
            }
        }
        let first = fit(first, w);
        lines.push(if sel { first.style(t.selected) } else { first });
        lines.push(fit(second, w));
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
}

/// A kind badge and a line of context for a result row.
pub fn result_context(lib: &Library, item: ItemRef) -> (&'static str, String) {
    use crate::model::text::one_line;
    match item {
        ItemRef::Actor(a) => {
            let x = &lib.actors[a];
            (
                "actor",
                format!("{} · {}", x.kind.label(), one_line(x.role.safe())),
            )
        }
        ItemRef::Event(e) => {
            let x = &lib.events[e];
            (
                "event",
                format!("{} {} {}", x.date, x.status.symbol(), x.status.label()),
            )
        }
        ItemRef::Quote(q) => {
            let x = &lib.quotes[q];
            (
                "quote",
                format!(
                    "{} · {} · {}",
                    lib.actors[x.speaker].name.safe(),
                    x.date,
                    x.kind.label()
                ),
            )
        }
        ItemRef::Source(s) => ("source", lib.sources[s].kind.label().to_owned()),
        ItemRef::Briefing(_) => ("brief", String::new()),
    }
}

/// Parses and runs a query; `None` when cancelled.
fn run(
    index: &SearchIndex,
    query: &str,
    narrow: Option<&[Hit]>,
    cancelled: &dyn Fn() -> bool,
    progress: &dyn Fn(usize, usize),
) -> Option<Result<Vec<Hit>, String>> {
    if query.trim().is_empty() {
        return Some(Ok(Vec::new()));
    }
    match Query::parse(query) {
        Ok(q) => index
            .search_with_progress(&q, narrow, cancelled, progress)
            .map(Ok),
        Err(e) => Some(Err(e.to_string())),
    }
}

/// Serves requests, always skipping to the newest one.
fn worker_loop(
    rx: &Receiver<Request>,
    index: &std::sync::Mutex<Option<Arc<SearchIndex>>>,
    latest: &AtomicU64,
    progress: &AtomicUsize,
    deliver: &dyn Fn(Response),
) {
    while let Ok(mut req) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            req = newer;
        }
        let Some(index) = index.lock().ok().and_then(|i| i.clone()) else {
            continue;
        };
        let generation = req.generation;
        let cancelled = || latest.load(Ordering::Relaxed) != generation;
        let report = |done: usize, total: usize| {
            progress.store(done * 1000 / total.max(1), Ordering::Relaxed)
        };
        if let Some(result) = run(
            &index,
            &req.query,
            req.narrow.as_deref(),
            &cancelled,
            &report,
        ) {
            deliver(Response {
                generation,
                query: req.query,
                result,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_moves_by_characters_not_bytes() {
        let mut s = SearchState::default();
        s.paste("Sing’oei aware");
        assert_eq!(s.cursor, 14);
        s.edit(Action::DeleteWord);
        assert_eq!(s.query, "Sing’oei ");
        s.edit(Action::CursorLeft);
        s.edit(Action::CursorLeft);
        s.edit(Action::DeleteBack);
        assert_eq!(s.query, "Sing’oi ");
        s.edit(Action::ClearQuery);
        assert_eq!(s.query, "i ", "Ctrl-U deletes to the start, as in a shell");
    }

    #[test]
    fn pasted_escapes_become_plain_text() {
        let mut s = SearchState::default();
        s.paste("a\u{1b}[2Jb\nc");
        assert_eq!(s.query, "a [2Jb c");
    }
}
