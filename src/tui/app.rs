//! The browser's state and the one place it changes: [`App::update`].
//!
//! `update` takes an [`Action`], does no I/O and draws nothing, and returns the
//! [`Effect`]s the event loop should carry out, so tests drive it directly. It hands
//! browsing to the [`Browser`] and the open overlay to its module, and keeps what spans
//! them: the history, the status line, copying and reloading. Reading state (read marks,
//! bookmarks, the last position) is handled in [`marks`].

/// Borrows the parts of an app that browsing reads, leaving the rest free to change.
macro_rules! cx {
    ($app:expr) => {
        Cx {
            lib: &$app.lib,
            theme: &$app.theme,
            keys: &$app.keys,
            geometry: &$app.geometry,
        }
    };
}

// After the macro, so that these modules can use it too.
mod marks;
mod reading;

use std::sync::Arc;

use super::action::{Action, Effect, Focus, Geometry, Loaded, Mode, Pane};
use super::browser::{Browser, Cx, Outcome as Browsed};
use super::history::{History, Location};
use super::keymap::Keymap;
use super::loading::{Loading, Start};
use super::overlays::Overlay;
use super::overlays::bookmarks::entries;
use super::overlays::common::Outcome;
use super::overlays::help::Help;
use super::overlays::problems::Problems;
use super::overlays::scope::ScopePicker;
use super::overlays::search::SearchState;
use super::panes::detail::DetailLine;
use super::panes::detail_layout::Detail;
use super::panes::passages::passage_citation;
use super::panes::row::Row;
use super::panes::{PaneState, citation};
use super::reading::Reading;
use super::scope;
use super::theme::Theme;
use crate::model::text::{one_line, safe_line, safe_message};
use crate::model::{BriefingIx, ItemRef, Library, RelationIx, Report, Scope, View};
use crate::search::SearchIndex;

/// Whether a reload is running, and whether files changed again meanwhile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Reloading {
    running: bool,
    again: bool,
}

/// The most a copy sends to the terminal's clipboard: terminals and tmux take about this
/// much in one OSC 52 sequence and drop the rest, or all of it. A citation list of 200,000
/// places was one write of 1.35 MB.
const MAX_COPY_BYTES: usize = 64 * 1024;

/// Everything the browser shows and remembers.
pub struct App {
    lib: Library,
    report: Report,
    theme: Theme,
    keys: Keymap,
    browser: Browser,
    history: History,
    overlay: Option<Overlay>,
    search: SearchState,
    status: Option<String>,
    geometry: Geometry,
    reloading: Reloading,
    /// The first load, while it runs: the loading screen shows instead of the panes.
    loading: Option<Loading>,
    effects: Vec<Effect>,
    reading: Reading,
    /// Problems found outside the library (the config file), kept across reloads.
    extra_problems: Report,
    /// Filter searches asked for so far, for their generations.
    filters: u64,
    /// How many of the report's problems are about briefings outside the view: the header
    /// counts them apart. Recounted when the report or the view changes.
    problems_outside: usize,
    /// Each briefing's tag for list rows, and what it was made for (see
    /// [`App::briefing_tags`]).
    tags: std::sync::Mutex<Option<(MadeFor, Arc<[String]>)>>,
    /// The header's title for the scope, and what it was made for (see
    /// [`App::scope_title`]).
    title: std::sync::Mutex<Option<(MadeFor, Arc<str>)>>,
}

/// What the labels made once per view (briefing tags, the scope's title) depend on: the
/// rows' generation, the library's briefings (where they are and how many), and its view.
#[derive(Clone, Debug, PartialEq)]
struct MadeFor {
    rows: u64,
    briefings: (usize, usize),
    view: View,
}

impl App {
    /// Opens a library on the Overview, building its search index.
    #[must_use]
    pub fn new(lib: Library, report: Report, theme: Theme) -> Self {
        let index = Arc::new(SearchIndex::build(&lib));
        Self::with_index(lib, report, index, theme)
    }

    /// Opens a library whose search index is already built.
    #[must_use]
    pub fn with_index(lib: Library, report: Report, index: Arc<SearchIndex>, theme: Theme) -> Self {
        let keys = Keymap::default();
        let geometry = Geometry::default();
        let browser = Browser::new(&Cx {
            lib: &lib,
            theme: &theme,
            keys: &keys,
            geometry: &geometry,
        });
        let problems_outside = lib.diagnostics_outside_view(&report);
        Self {
            lib,
            report,
            theme,
            keys,
            browser,
            history: History::default(),
            overlay: None,
            search: SearchState::new(index),
            status: None,
            geometry,
            reloading: Reloading::default(),
            loading: None,
            effects: Vec::new(),
            reading: Reading::default(),
            extra_problems: Report::default(),
            filters: 0,
            problems_outside,
            tags: std::sync::Mutex::new(None),
            title: std::sync::Mutex::new(None),
        }
    }

    /// Each briefing's tag for list rows (see [`scope::tags`]), made once for a library and
    /// view rather than on every frame: making them formats every briefing's date, 4 ms a
    /// frame at 10,000 briefings.
    #[must_use]
    pub fn briefing_tags(&self) -> Arc<[String]> {
        self.made_for_view(&self.tags, || scope::tags(&self.lib).into())
    }

    /// The header's title for the scope (see [`scope::label`]), made once for a library and
    /// view: it looks at every briefing's series, a millisecond a frame at 10,000 briefings.
    #[must_use]
    pub fn scope_title(&self) -> Arc<str> {
        self.made_for_view(&self.title, || scope::label(&self.lib).into())
    }

    /// What `slot` holds if it was made for the library and view shown, else `make`'s
    /// value, kept there.
    fn made_for_view<T: Clone>(
        &self,
        slot: &std::sync::Mutex<Option<(MadeFor, T)>>,
        make: impl FnOnce() -> T,
    ) -> T {
        let now = MadeFor {
            rows: self.browser.rows_generation(),
            briefings: (
                self.lib.briefings.as_ptr() as usize,
                self.lib.briefings.len(),
            ),
            view: self.lib.view().clone(),
        };
        let mut cache = slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((made_for, value)) = &*cache
            && *made_for == now
        {
            return value.clone();
        }
        let value = make();
        *cache = Some((now, value.clone()));
        value
    }

    /// An app whose library is still loading: it draws the loading screen, answers quit,
    /// help and resizes, and becomes the browser on [`Action::Loaded`], then goes where
    /// [`App::start`] says.
    #[must_use]
    pub fn loading(theme: Theme) -> Self {
        let mut app = Self::with_index(
            Library::default(),
            Report::default(),
            Arc::new(SearchIndex::default()),
            theme,
        );
        app.loading = Some(Loading::default());
        app
    }

    /// The first load, while it runs.
    #[must_use]
    pub fn load_state(&self) -> Option<&Loading> {
        self.loading.as_ref()
    }

    /// Whether the first load is still running (or failed).
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Starts on an item by id, as `--open` asks. Returns false if there is no such item.
    pub fn open(&mut self, id: &str) -> bool {
        match self.lib.find(id) {
            Some(item) => {
                self.goto(item, Focus::Detail);
                true
            }
            None => {
                let mut starting = self.lib.ids_starting_with(id, 5);
                let more = if starting.len() > 4 { ", …" } else { "" };
                starting.truncate(4);
                let meant = match (self.lib.suggest_id(id), &starting[..]) {
                    (Some(m), _) => format!(": did you mean `{}`?", safe_line(m)),
                    (None, []) => String::new(),
                    (None, [one]) => format!(": did you mean `{}`?", safe_line(one)),
                    (None, several) => format!(
                        ": ids that start so: {}{more}",
                        several
                            .iter()
                            .map(|m| format!("`{}`", safe_line(m)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.status = Some(format!("no item has the id `{}`{meant}", safe_line(id)));
                false
            }
        }
    }

    /// The library shown.
    #[must_use]
    pub fn lib(&self) -> &Library {
        &self.lib
    }

    /// What loading it found wrong.
    #[must_use]
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// How many of the report's problems are about briefings outside the view (a later
    /// briefing than an earlier view's date, or one out of its scope).
    #[must_use]
    pub fn problems_outside_view(&self) -> usize {
        self.problems_outside
    }

    /// The report's problems as the header counts them: those of briefings outside the
    /// view apart ("1 problem, 2 more outside this view"); `None` when there are none.
    #[must_use]
    pub fn problems_label(&self) -> Option<String> {
        let problems = self.report.diagnostics.len();
        let outside = self.problems_outside.min(problems);
        let count = |n: usize| super::text::count(n, "problem", "problems");
        match (problems - outside, outside) {
            (0, 0) => None,
            (_, 0) => Some(count(problems)),
            (0, _) => Some(format!("{} outside this view", count(outside))),
            (inside, _) => Some(format!(
                "{}, {outside} more outside this view",
                count(inside)
            )),
        }
    }

    /// Counts the problems outside the view again, after the report or the view changed.
    fn recount_problems(&mut self) {
        self.problems_outside = self.lib.diagnostics_outside_view(&self.report);
    }

    /// The styles.
    #[must_use]
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The keys.
    #[must_use]
    pub fn keys(&self) -> &Keymap {
        &self.keys
    }

    /// The panes and where the user is in them.
    #[must_use]
    pub fn browser(&self) -> &Browser {
        &self.browser
    }

    /// The pane shown.
    #[must_use]
    pub fn pane(&self) -> Pane {
        self.browser.pane()
    }

    /// List or detail.
    #[must_use]
    pub fn focus(&self) -> Focus {
        self.browser.focus()
    }

    /// The scope shown.
    #[must_use]
    pub fn scope(&self) -> &Scope {
        &self.lib.view().scope
    }

    /// Shows the library as another view sees it (scope and date), keeping the selections
    /// of items still in view; the search index follows, since an earlier view shows
    /// other versions.
    pub fn set_view(&mut self, view: View) {
        if *self.lib.view() == view {
            return;
        }
        self.lib.set_view(view);
        self.recount_problems();
        let index = Arc::new(SearchIndex::build(&self.lib));
        self.effects.extend(self.search.set_index(index));
        self.browser.rebuild(&cx!(self), |row| Some(row.clone()));
        self.reading.refresh(&self.lib);
        self.refilter();
    }

    /// Goes to an item, first widening the view if the item is not in it.
    fn goto(&mut self, item: ItemRef, focus: Focus) {
        if let Some(view) = scope::reach(&self.lib, item) {
            let known = view.as_of == self.lib.view().as_of;
            self.set_view(view);
            self.status = Some(if known {
                "showing all briefings: the item is outside the scope".to_owned()
            } else {
                "showing all briefings now: the item is described after the view's date".to_owned()
            });
        }
        self.browser.goto(item, focus, &cx!(self));
    }

    /// The current pane's state.
    #[must_use]
    pub fn current(&self) -> &PaneState {
        self.browser.current()
    }

    /// The detail lines of the current pane's selected item.
    #[must_use]
    pub fn detail_lines(&self) -> &[DetailLine] {
        self.browser.detail_lines()
    }

    /// The detail view of the current pane's selected item.
    #[must_use]
    pub fn detail(&self) -> &Detail {
        self.browser.detail()
    }

    /// The back and forward stacks.
    #[must_use]
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The open overlay.
    #[must_use]
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The search query and results (kept while the overlay is closed).
    #[must_use]
    pub fn search(&self) -> &SearchState {
        &self.search
    }

    /// The status line's message.
    #[must_use]
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Where the last frame put things.
    #[must_use]
    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    /// Which keys are live.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.overlay.as_ref().map_or(Mode::Browse, Overlay::mode)
    }

    /// Where the user is, for the history: the search too, if it is open.
    #[must_use]
    pub fn location(&self) -> Location {
        Location {
            search: matches!(self.overlay, Some(Overlay::Search))
                .then(|| (self.search.query().to_owned(), self.search.selected())),
            network: match &self.overlay {
                Some(Overlay::Network(n)) => Some(n.selected),
                _ => None,
            },
            ..self.browser.location()
        }
    }

    /// Applies one action and returns what the world should do. No I/O, no drawing.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if action.is_typed() {
            self.status = None;
        }
        match action {
            Action::Drawn(geometry) => self.drawn(geometry),
            // Click targets and page sizes are stale until the next frame.
            Action::Resize(..) => self.geometry = Geometry::default(),
            Action::SearchDone(results) => {
                if !self.browser.filter_answer(&results, &cx!(self)) {
                    self.search.receive(results);
                }
            }
            Action::SearchProgress {
                generation,
                permille,
            } => self.search.progress(generation, permille),
            Action::FilesChanged => self.files_changed(),
            Action::Reloaded(result) => self.reloaded(*result),
            Action::LoadProgress(progress) => {
                if let Some(loading) = &mut self.loading {
                    loading.progress = progress;
                }
            }
            Action::Loaded(result) => self.loaded(*result),
            Action::Notify(message) => self.status = Some(message),
            Action::ReadTick(n) => {
                self.reading.tick(&self.lib, n);
            }
            input => self.input(&input),
        }
        self.after_update();
        std::mem::take(&mut self.effects)
    }

    /// Keys and the mouse: the open overlay's, or the browser's.
    fn input(&mut self, action: &Action) {
        let outcome = match &mut self.overlay {
            None => return self.browse(action),
            Some(Overlay::Help(help)) => help.update(
                action,
                self.geometry.help_scroll_max,
                self.geometry.help_page,
            ),
            Some(Overlay::Reader(_) | Overlay::Problems(_)) if *action == Action::OpenEditor => {
                return self.edit();
            }
            Some(Overlay::Problems(problems)) => {
                let page = self.geometry.problems.map_or(1, |v| v.page());
                problems.update(action, self.report.diagnostics.len(), page)
            }
            Some(Overlay::Search) => self.search.update(action, self.geometry.results),
            Some(Overlay::Scope(picker)) => {
                picker.update(action, self.geometry.picker.map_or(1, |v| v.page()))
            }
            Some(Overlay::Bookmarks(list)) => {
                let entries = entries(&self.lib, &self.reading);
                list.update(
                    action,
                    &entries,
                    self.geometry.picker.map_or(1, |v| v.page()),
                )
            }
            Some(Overlay::Reader(reader)) => reader.update(action, self.geometry.reader),
            Some(Overlay::Network(net)) => net.update(action, &self.lib),
            Some(Overlay::Filter(_)) => return self.filter_input(action),
        };
        match outcome {
            Outcome::Stay => {}
            Outcome::Close => self.overlay = None,
            Outcome::Quit => self.effects.push(Effect::Quit),
            Outcome::Status(message) => self.status = Some(message),
            Outcome::Effect(effect) => self.effects.push(effect),
            Outcome::Open(item) => {
                // Record the search itself, so Back returns to it with its query.
                let here = self.location();
                self.goto(item, Focus::Detail);
                self.overlay = None;
                self.history.push(here);
            }
            Outcome::Scope(scope) => {
                self.overlay = None;
                self.change_scope(scope);
            }
            Outcome::Unbookmark(id) => self.unbookmark(&id),
            Outcome::Back => self.back(),
        }
    }

    fn browse(&mut self, action: &Action) {
        if self.loading.is_some() && !Loading::allows(action) {
            return;
        }
        match action {
            Action::Quit => self.effects.push(Effect::Quit),
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Back => self.back(),
            Action::Forward => match self.history.forward(self.here(true)) {
                Some(to) => self.restore(to),
                None => self.status = Some("nothing to go forward to".into()),
            },
            Action::ToggleHelp => self.overlay = Some(Overlay::Help(Help::default())),
            Action::OpenSearch => self.overlay = Some(Overlay::Search),
            Action::OpenProblems => self.overlay = Some(Overlay::Problems(Problems::default())),
            Action::PickScope => self.overlay = Some(Overlay::Scope(ScopePicker::new(&self.lib))),
            Action::CycleScope => {
                let anchor = scope::anchor(&self.lib, self.browser.current().selected_item());
                self.change_scope(scope::cycle(&self.lib, anchor));
            }
            Action::EarlierView | Action::LaterView => {
                match scope::step(&self.lib, *action == Action::EarlierView) {
                    Ok(view) => {
                        self.set_view(view);
                        self.status = Some(self.view_message());
                    }
                    Err(message) => self.status = Some(message),
                }
            }
            Action::Copy => self.copy(),
            Action::ToggleRead | Action::MarkAllRead | Action::ToggleBookmark => {
                self.reading_action(action);
            }
            Action::OpenBookmarks => self.open_bookmarks(),
            Action::NextMatch | Action::PrevMatch => {
                self.step_search(*action == Action::NextMatch);
            }
            Action::OpenFilter => self.open_filter(),
            Action::OpenEditor => self.edit(),
            Action::OpenNetwork => self.open_network(),
            other => match self.browser.update(other, &cx!(self)) {
                Browsed::Done => {}
                Browsed::Status(message) => self.status = Some(message),
                Browsed::Follow(item) => self.follow(item),
                Browsed::FollowRelation(r) => self.follow_relation(r),
                Browsed::FollowVersion(item, b, relation) => {
                    self.follow_version(item, b);
                    if let Some(r) = relation {
                        self.browser.select_relation_line(r);
                    }
                }
                Browsed::SetScope(scope) => self.change_scope(scope),
                Browsed::Read { source, at, from } => self.open_reader(source, at.as_ref(), from),
            },
        }
    }

    /// Shows another scope at the same date, and says so.
    fn change_scope(&mut self, scope: Scope) {
        let (as_of, moved) = scope::as_of_for(&self.lib, &scope);
        self.set_view(View { as_of, scope });
        let name = scope::scope_name(&self.lib, &self.lib.view().scope);
        let showing = format!("showing {}", one_line(&name));
        self.status = Some(if moved {
            // The earlier view had none of it yet: the date moved to its first briefing.
            format!(
                "{showing}, {}: nothing in it is known earlier",
                scope::as_of_label(&self.lib).0
            )
        } else {
            showing
        });
    }

    /// What the status line says after time travel.
    fn view_message(&self) -> String {
        let (label, earlier) = scope::as_of_label(&self.lib);
        let back = self.keys.key(Mode::Browse, &Action::LaterView);
        match (earlier, back) {
            (true, Some(key)) => format!("{label}; {key} moves forward to now"),
            (true, None) => label,
            (false, _) => format!("back to the latest state ({label})"),
        }
    }

    /// Goes to an item and records where we were, like a browser's link.
    pub fn follow(&mut self, item: ItemRef) {
        let here = self.location();
        self.goto(item, Focus::Detail);
        self.overlay = None;
        if self.location() != here {
            self.history.push(here);
        }
    }

    /// Goes to a relation and records where we were: the detail of the actor it starts
    /// from, on the relation's line.
    fn follow_relation(&mut self, r: RelationIx) {
        let here = self.location();
        self.goto(ItemRef::Actor(self.lib.relations[r].from), Focus::Detail);
        self.browser.select_relation_line(r);
        self.overlay = None;
        if self.location() != here {
            self.history.push(here);
        }
    }

    /// Shows an item as briefing `b` has it: that briefing alone in scope (as the scope
    /// picker sets it), and the item's detail. Back shows the view left again.
    fn follow_version(&mut self, item: ItemRef, b: BriefingIx) {
        let here = Location {
            view: Some(self.lib.view().clone()),
            ..self.location()
        };
        self.change_scope(Scope::Briefing(b));
        self.goto(item, Focus::Detail);
        self.overlay = None;
        self.history.push(here);
    }

    /// This place, to come back to from the next place back (or forward): with this view
    /// when going there changes the view, so that coming back shows this one again.
    fn here(&self, forward: bool) -> Location {
        Location {
            view: self
                .history
                .changes_view(forward)
                .then(|| self.lib.view().clone()),
            ..self.location()
        }
    }

    fn back(&mut self) {
        match self.history.back(self.here(false)) {
            Some(to) => self.restore(to),
            None => self.status = Some("nothing to go back to".into()),
        }
    }

    fn restore(&mut self, to: Location) {
        if let Some(view) = to.view.clone() {
            self.set_view(view);
            let name = scope::scope_name(&self.lib, &self.lib.view().scope);
            self.status = Some(format!(
                "showing {}, {}",
                one_line(&name),
                scope::as_of_label(&self.lib).0
            ));
        } else if let Some(view) = to.item.and_then(|item| scope::reach(&self.lib, item)) {
            self.set_view(view);
            self.status = Some("showing all briefings: the place is outside the scope".into());
        }
        self.browser.restore(&to, &cx!(self));
        self.overlay = None;
        if let Some((query, selected)) = to.search {
            self.effects.extend(self.search.restore(query, selected));
            self.overlay = Some(Overlay::Search);
        }
        if let (Some(selected), Some(ItemRef::Actor(center))) = (to.network, to.item) {
            self.overlay = Some(Overlay::Network(super::overlays::network::Network {
                center,
                selected,
            }));
        }
    }

    /// Copies the selected passage's or item's citation through the terminal (OSC 52).
    fn copy(&mut self) {
        let passage = self
            .browser
            .selected_cite()
            .and_then(|c| passage_citation(&self.lib, &c));
        match passage.or_else(|| {
            self.browser
                .copy_target()
                .and_then(|item| citation(&self.lib, item))
        }) {
            Some(text) => {
                // One line of display-safe text, however it was built: a line break or a
                // control character pasted from the clipboard into a shell would act.
                let text = one_line(&safe_message(&text)).into_owned();
                if text.len() > MAX_COPY_BYTES {
                    self.status = Some(format!(
                        "not copied: {} KiB is more than a terminal's clipboard takes ({} KiB)",
                        text.len() / 1024,
                        MAX_COPY_BYTES / 1024
                    ));
                    return;
                }
                let shown: String = text.chars().take(60).collect();
                let more = if text.chars().count() > 60 { "…" } else { "" };
                self.status = Some(format!("copied: {shown}{more}"));
                // The clipboard is no screen: a character shown by number for its width
                // alone (Bengali's `া`) is copied as itself.
                self.effects.push(Effect::Copy(
                    crate::model::text::for_stream(&text).into_owned(),
                ));
            }
            None => {
                self.status = Some("nothing to copy here: select an actor, event or quote".into());
            }
        }
    }

    /// Takes the geometry of the frame just drawn, with the scroll offsets it showed.
    fn drawn(&mut self, geometry: Geometry) {
        self.browser.drawn(&geometry);
        if let Some(view) = geometry.results {
            self.search.drawn(view);
        }
        if let (Some(Overlay::Problems(p)), Some(view)) = (&mut self.overlay, geometry.problems) {
            p.drawn(view);
        }
        if let (Some(Overlay::Reader(r)), Some(view)) = (&mut self.overlay, geometry.reader) {
            r.drawn(view);
        }
        self.geometry = geometry;
    }

    /// Goes where a fresh start should: back to the last session (unless an item is to be
    /// opened), to the `--as-of` date in that scope, then to the item to open. While the
    /// library loads, it goes there once loaded.
    pub fn start(&mut self, then: Start) {
        if let Some(loading) = &mut self.loading {
            loading.start = then;
            return;
        }
        if let (Some(s), None) = (&then.session, &then.open) {
            self.restore_session(s);
        }
        if then.as_of.is_some() {
            let scope = self.scope().clone();
            self.set_view(View {
                as_of: then.as_of,
                scope,
            });
            self.status = Some(self.view_message());
        }
        if let Some(id) = then.open {
            self.open(&id);
        }
    }

    /// The first load finished: show the library, or say why there is none.
    fn loaded(&mut self, result: Result<Loaded, String>) {
        let Some(loading) = &mut self.loading else {
            return;
        };
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(why) => {
                loading.failed = Some(why);
                return;
            }
        };
        let start = std::mem::take(&mut loading.start);
        self.loading = None;
        self.lib = loaded.library;
        self.report = self.with_extra_problems(loaded.report);
        self.search = SearchState::new(loaded.index);
        self.recount_problems();
        let split = self.split();
        self.browser = Browser::new(&cx!(self));
        self.set_split(split);
        self.reading.refresh(&self.lib);
        self.after_update();
        self.start(start);
        // Files that changed during the first load are loaded again now.
        if std::mem::take(&mut self.reloading.again) {
            self.reloading.running = true;
            self.effects.push(Effect::Reload);
        }
    }

    fn files_changed(&mut self) {
        if self.reloading.running || self.loading.is_some() {
            self.reloading.again = true;
        } else {
            self.reloading.running = true;
            self.effects.push(Effect::Reload);
        }
    }

    fn reloaded(&mut self, result: Result<Loaded, String>) {
        self.reloading.running = false;
        match result {
            Ok(loaded) => self.replace_library(loaded),
            Err(e) => self.status = Some(format!("reload failed: {e}")),
        }
        if std::mem::take(&mut self.reloading.again) {
            self.reloading.running = true;
            self.effects.push(Effect::Reload);
        }
    }

    /// Swaps in a reloaded library, keeping the pane, scope, selections, detail lines,
    /// history and search by id. Items that no longer exist fall back to their pane with a
    /// notice.
    fn replace_library(&mut self, loaded: Loaded) {
        let old = std::mem::replace(&mut self.lib, loaded.library);
        self.report = self.with_extra_problems(loaded.report);
        // The same view of the new library: a briefing by its id, a series by its name.
        let scope = match &old.view().scope {
            Scope::Briefing(b) => match self.lib.find(old.briefings[*b].id.raw()) {
                Some(ItemRef::Briefing(nb)) => Scope::Briefing(nb),
                _ => Scope::All,
            },
            other => other.clone(),
        };
        let view = View {
            scope,
            as_of: old.view().as_of,
        };
        let mut index = loaded.index;
        if view != View::default() {
            self.lib.set_view(view);
            index = Arc::new(SearchIndex::build(&self.lib));
        }
        let lib = &self.lib;
        let remap = |item: ItemRef| lib.find(&old.id_of(item));
        // A relation is the same one when it joins the same actors with the same kind.
        let remap_relation = |r: RelationIx| {
            let rel = &old.relations[r];
            let (Some(ItemRef::Actor(from)), Some(ItemRef::Actor(to))) = (
                remap(ItemRef::Actor(rel.from)),
                remap(ItemRef::Actor(rel.to)),
            ) else {
                return None;
            };
            lib.actor_relations[from]
                .iter()
                .map(|&n| n as usize)
                .find(|&n| {
                    let new = &lib.relations[n];
                    (new.from, new.kind, new.to) == (from, rel.kind, to)
                })
        };
        let remap_row = |row: &Row| match row {
            Row::Item(item) => remap(*item).map(Row::Item),
            Row::Relation(r) => remap_relation(*r).map(Row::Relation),
            Row::Header(_) => None,
        };
        let cx = Cx {
            lib,
            theme: &self.theme,
            keys: &self.keys,
            geometry: &self.geometry,
        };
        let lost = self.browser.rebuild(&cx, remap_row);
        self.history.remap(remap);
        if let Some(Overlay::Problems(p)) = &mut self.overlay {
            p.clamp(self.report.diagnostics.len());
        }
        self.effects.extend(self.search.set_index(index.clone()));
        self.reading.refresh(&self.lib);
        self.recount_problems();
        self.after_reload(&old, &index);
        self.status = Some(self.reload_message(lost.map(|item| old.label(item))));
    }

    fn reload_message(&self, lost: Option<String>) -> String {
        let problems = self.report.diagnostics.len();
        match lost {
            Some(label) => format!(
                "reloaded: “{}” no longer exists; back to the {} list",
                one_line(&label).chars().take(40).collect::<String>(),
                self.pane().title()
            ),
            None if problems > 0 => {
                let hint = self
                    .keys
                    .key(Mode::Browse, &Action::OpenProblems)
                    .map(|k| format!(" ({k} shows them)"))
                    .unwrap_or_default();
                // A broken file is shown as it last loaded: say so, or the screen looks
                // current when it is not.
                let stale = match self.report.fallbacks.as_slice() {
                    [] => String::new(),
                    [f] => format!(
                        ": {} is shown as it last loaded",
                        self.report
                            .files
                            .get(*f)
                            .map_or("a file", |f| f.display.as_str())
                    ),
                    many => format!(": {} files are shown as they last loaded", many.len()), // two or more: plural
                };
                // Counted as the header counts them: a problem outside the view is not
                // the view's.
                let counted = self.problems_label().unwrap_or_default();
                format!("reloaded with {counted}{}{hint}", safe_line(&stale))
            }
            None => "reloaded".to_owned(),
        }
    }
}
