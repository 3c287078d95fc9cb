//! The app's reading habits: the source reader, the network view, a pane's filter, `n`/`N`
//! through the last search's results, and opening the editor. Each opens an overlay or
//! asks the world for an effect; none does I/O.

use std::sync::Arc;

use super::App;
use crate::model::text::one_line;
use crate::model::{Citation, ItemRef, Library, SourceIx};
use crate::search::SearchIndex;
use crate::tui::action::{Action, EditRequest, Effect, Focus, Mode, Pane, SearchRequest};
use crate::tui::browser::Cx;
use crate::tui::line_editor::LineEditor;
use crate::tui::overlays::Overlay;
use crate::tui::overlays::network::Network;
use crate::tui::overlays::reader::Reader;
use crate::tui::panes::filter::{FIRST_GENERATION, PaneFilter};

/// What `e` says for the briefings compiled into the program.
pub const BUNDLED_NOT_EDITABLE: &str = "the bundled briefings are compiled into the program and cannot be edited here: copy briefings/ somewhere, then run `briefing FOLDER` and press e again";

impl App {
    /// Opens the source reader.
    pub(super) fn open_reader(
        &mut self,
        source: SourceIx,
        at: Option<&Citation>,
        from: Option<ItemRef>,
    ) {
        let reader = Reader::open(&self.lib, source, at, from);
        self.overlay = Some(Overlay::Reader(Box::new(reader)));
    }

    /// Opens the network of the selected actor (or of the actor the selected link names),
    /// recording the way back like a followed link.
    pub(super) fn open_network(&mut self) {
        let Some(ItemRef::Actor(actor)) = self.browser.copy_target() else {
            self.status = Some("select an actor, or a link to one, to see its network".into());
            return;
        };
        let here = self.location();
        if self.browser.current().selected_item() != Some(ItemRef::Actor(actor)) {
            self.goto(ItemRef::Actor(actor), Focus::Detail);
        }
        self.overlay = Some(Overlay::Network(Network::new(actor)));
        self.history.push(here);
    }

    /// Opens the current pane's filter line, with its query if it has one.
    pub(super) fn open_filter(&mut self) {
        let mut line = LineEditor::default();
        if let Some(f) = &self.browser.current().filter {
            line.set(f.query.clone());
        }
        self.browser.focus_list();
        self.overlay = Some(Overlay::Filter(line));
    }

    /// Keys while the filter line is open: typing filters, Enter keeps the filter, Esc
    /// clears it; moving still moves through the list.
    pub(super) fn filter_input(&mut self, action: &Action) {
        let pane = self.pane();
        let Some(Overlay::Filter(line)) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Activate => {
                self.overlay = None;
                if let Some(f) = &self.browser.current().filter {
                    self.status = Some(f.label());
                }
            }
            Action::CloseOverlay | Action::Quit => {
                self.overlay = None;
                if self.browser.current().filter.is_some() {
                    self.browser.set_filter(pane, None, &cx!(self));
                    self.status = Some("filter cleared".into());
                }
            }
            Action::MoveDown
            | Action::MoveUp
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::ScrollUp(..)
            | Action::ScrollDown(..) => {
                let _ = self.browser.update(action, &cx!(self));
            }
            other => {
                if line.edit(other) {
                    let query = line.text().to_owned();
                    self.submit_filter(pane, query);
                }
            }
        }
    }

    /// Sets a pane's filter query and asks for its search; an empty query clears it.
    fn submit_filter(&mut self, pane: Pane, query: String) {
        if query.trim().is_empty() {
            self.browser.set_filter(pane, None, &cx!(self));
            return;
        }
        self.filters += 1;
        let generation = FIRST_GENERATION + self.filters;
        let before = self.browser.state(pane).filter.clone().unwrap_or_default();
        let filter = PaneFilter {
            query: query.clone(),
            generation,
            error: None,
            ..before
        };
        self.browser.set_filter(pane, Some(filter), &cx!(self));
        if let Some(index) = self.search.index_arc() {
            self.effects.push(Effect::Filter(SearchRequest {
                generation,
                query,
                narrow: None,
                index,
                briefings: true,
            }));
        }
    }

    /// Every pane's filter searched again: the library or its view changed. Old hits point
    /// into the old library, so they go at once.
    pub(super) fn refilter(&mut self) {
        for pane in Pane::ALL {
            let Some(f) = self.browser.state(pane).filter.clone() else {
                continue;
            };
            let stale = PaneFilter {
                hits: None,
                ..f.clone()
            };
            self.browser.set_filter(pane, Some(stale), &cx!(self));
            self.submit_filter(pane, f.query);
        }
    }

    /// What a reload changes here: the reader and the network follow their items by id, and
    /// the filters search the new library.
    pub(super) fn after_reload(&mut self, old: &Library, _index: &Arc<SearchIndex>) {
        match &self.overlay {
            Some(Overlay::Reader(r)) => {
                self.overlay = r.reopen(&self.lib).map(|r| Overlay::Reader(Box::new(r)));
            }
            Some(Overlay::Network(n)) => {
                let center = self.lib.find(&old.id_of(ItemRef::Actor(n.center)));
                self.overlay = match center {
                    Some(ItemRef::Actor(center)) => Some(Overlay::Network(Network {
                        center,
                        selected: n.selected,
                    })),
                    _ => None,
                };
            }
            _ => {}
        }
        self.refilter();
    }

    /// `n` / `N`: the next or previous result of the last search, from any pane. The first
    /// press goes to the result selected in the search list, if the view is not on it.
    pub(super) fn step_search(&mut self, forward: bool) {
        let n = self.search.results().len();
        if n == 0 {
            let key = self.keys.key(Mode::Browse, &Action::OpenSearch);
            self.status = Some(match (self.search.query().trim().is_empty(), key) {
                (true, Some(k)) => {
                    format!("no search yet: {k} searches, then n and N step through the results")
                }
                (true, None) => "no search yet".to_owned(),
                (false, _) => format!("no results for “{}”", one_line(self.search.query())),
            });
            return;
        }
        let current = self.search.selected().min(n - 1);
        let on_it =
            self.browser.current().selected_item() == Some(self.search.results()[current].item);
        let next = match (on_it, forward) {
            (false, _) => current,
            (true, true) => (current + 1) % n,
            (true, false) => (current + n - 1) % n,
        };
        let wrapped = on_it && ((forward && next == 0) || (!forward && next == n - 1));
        self.search.select(next);
        let item = self.search.results()[next].item;
        self.follow(item);
        let keys = [
            self.keys.hint(Mode::Browse, &Action::NextMatch, "next"),
            self.keys.hint(Mode::Browse, &Action::PrevMatch, "previous"),
        ];
        let hints: Vec<String> = keys.into_iter().flatten().collect();
        let wrap = if wrapped { " (wrapped around)" } else { "" };
        self.status = Some(format!(
            "result {} of {n} for “{}”{wrap} · {}",
            next + 1,
            one_line(self.search.query()),
            hints.join(" · ")
        ));
    }

    /// `e`: the selected problem, the source text in the reader, or the selected item, in
    /// the user's editor at its line.
    pub(super) fn edit(&mut self) {
        if self.lib.is_bundled() {
            self.status = Some(BUNDLED_NOT_EDITABLE.into());
            return;
        }
        let request = match &self.overlay {
            Some(Overlay::Problems(p)) => self.problem_file(p.selected()),
            Some(Overlay::Reader(r)) => Ok(self.source_file(r)),
            _ => self.item_file(),
        };
        match request {
            Ok(r) => self.effects.push(Effect::OpenEditor(r)),
            Err(message) => self.status = Some(message),
        }
    }

    fn problem_file(&self, i: usize) -> Result<EditRequest, String> {
        let d = (self.report.diagnostics.get(i)).ok_or("no problem selected")?;
        let file = d.file.ok_or("this problem is not about one file")?;
        let f = &self.report.files[file];
        Ok(EditRequest {
            path: f.path.clone(),
            line: d
                .span
                .as_ref()
                .and_then(|s| f.line_col(s.start))
                .map(|(line, _)| line),
            find: None,
        })
    }

    fn source_file(&self, r: &Reader) -> EditRequest {
        let src = &self.lib.sources[r.source];
        let shown = r.current_block().or_else(|| r.blocks.first());
        match (&src.text, shown.and_then(|b| b.line)) {
            (Some(text), line) => EditRequest {
                path: text.path.clone(),
                line,
                find: None,
            },
            (None, _) => EditRequest {
                path: self.lib.briefings[src.briefing].path.clone(),
                line: None,
                find: Some(("sources", src.id.raw().to_owned())),
            },
        }
    }

    fn item_file(&self) -> Result<EditRequest, String> {
        let item = self
            .browser
            .current()
            .selected_item()
            .ok_or("select an item to edit its briefing")?;
        let lib = &self.lib;
        let (briefing, table, id) = match item {
            ItemRef::Briefing(b) => (b, "briefing", lib.briefings[b].id.raw()),
            ItemRef::Source(s) => (lib.sources[s].briefing, "sources", lib.sources[s].id.raw()),
            ItemRef::Actor(a) => (lib.actors[a].briefing, "actors", lib.actors[a].id.raw()),
            ItemRef::Event(e) => (lib.events[e].briefing, "events", lib.events[e].id.raw()),
            ItemRef::Quote(q) => (lib.quotes[q].briefing, "quotes", lib.quotes[q].id.raw()),
        };
        Ok(EditRequest {
            path: lib.briefings[briefing].path.clone(),
            line: None,
            find: Some((table, id.to_owned())),
        })
    }
}
