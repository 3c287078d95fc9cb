//! The browser's state and the one place it changes: [`App::update`].
//!
//! `update` takes an [`Action`], does no I/O and draws nothing, so tests drive it directly.
//! Drawing reads the state and records where things landed on screen (for the mouse).

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::layout::{Position, Rect};

use super::detail::{self, DetailLine};
use super::keymap::Mode;
use super::panes::{self, Row, Scope};
use super::search::SearchState;
use super::theme::Theme;
use crate::model::{ItemRef, Library, Report};

/// The detail lines built for an item in a scope.
type CachedDetail = (ItemRef, Scope, Rc<Vec<DetailLine>>);

/// The four panes, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    Overview,
    Actors,
    Timeline,
    Quotes,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Overview, Pane::Actors, Pane::Timeline, Pane::Quotes];

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Overview => "Overview",
            Pane::Actors => "Actors",
            Pane::Timeline => "Timeline",
            Pane::Quotes => "Quotes",
        }
    }

    /// The pane an item lives in.
    pub fn of(item: ItemRef) -> Pane {
        match item {
            ItemRef::Briefing(_) | ItemRef::Source(_) => Pane::Overview,
            ItemRef::Actor(_) => Pane::Actors,
            ItemRef::Event(_) => Pane::Timeline,
            ItemRef::Quote(_) => Pane::Quotes,
        }
    }
}

/// Everything the user can ask for, from keys, mouse or the outside world.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    FocusPane(Pane),
    /// Enter: open the selected row, or follow the selected link.
    Activate,
    FocusDetail,
    FocusList,
    Back,
    Forward,
    ToggleHelp,
    CloseOverlay,
    OpenSearch,
    OpenProblems,
    Copy,
    Suspend,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    DeleteBack,
    DeleteWord,
    ClearQuery,
    /// A typed character (search overlay).
    Type(char),
    Click(u16, u16),
    ScrollUp(u16, u16),
    ScrollDown(u16, u16),
}

/// Whether the list or the detail view has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// A selection with its scroll offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Keeps the selection inside `height` rows from the offset.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

/// One pane's rows and where the user is in them.
#[derive(Clone, Debug, Default)]
pub struct PaneState {
    pub rows: Vec<Row>,
    /// How many rows are items (not headers); counted once per rebuild, not per frame.
    pub items: usize,
    pub list: Cursor,
    pub detail: Cursor,
}

impl PaneState {
    pub fn selected_item(&self) -> Option<ItemRef> {
        match self.rows.get(self.list.selected) {
            Some(Row::Item(item)) => Some(*item),
            _ => None,
        }
    }
}

/// A place in the browser, for the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub pane: Pane,
    pub item: Option<ItemRef>,
    pub focus: Focus,
    pub detail_line: usize,
    /// The search overlay, when the place was a search: (query, selected result).
    pub search: Option<(String, usize)>,
}

/// What is drawn over the panes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Search,
    Problems { selected: usize, expanded: bool },
}

/// Where the last frame put things, for mouse hit-testing and paging.
#[derive(Clone, Debug, Default)]
pub struct ScreenMap {
    pub tabs: Vec<(Rect, Pane)>,
    pub list: Rect,
    pub detail: Rect,
    pub overlay_list: Rect,
    pub overlay_offset: usize,
    pub cursor: Option<Position>,
}

pub struct App {
    pub lib: Library,
    pub report: Report,
    pub theme: Theme,
    pub scope: Scope,
    pub pane: Pane,
    pub focus: Focus,
    pub panes: [PaneState; 4],
    pub back: Vec<Location>,
    pub forward: Vec<Location>,
    pub overlay: Option<Overlay>,
    pub search: SearchState,
    pub status: Option<String>,
    pub quit: bool,
    pub suspend: bool,
    /// Text to put on the clipboard (the event loop writes the OSC 52 sequence).
    pub clipboard: Option<String>,
    pub screen: ScreenMap,
    /// Where the timeline's events fall, for the axis.
    pub axis: panes::timeline::Axis,
    detail_cache: RefCell<Option<CachedDetail>>,
}

impl App {
    pub fn new(lib: Library, report: Report, theme: Theme) -> Self {
        let mut app = Self {
            lib,
            report,
            theme,
            scope: Scope::All,
            pane: Pane::Overview,
            focus: Focus::List,
            panes: Default::default(),
            back: Vec::new(),
            forward: Vec::new(),
            overlay: None,
            search: SearchState::default(),
            status: None,
            quit: false,
            suspend: false,
            clipboard: None,
            screen: ScreenMap::default(),
            axis: panes::timeline::Axis::default(),
            detail_cache: RefCell::default(),
        };
        if app.lib.briefings.len() == 1 {
            app.scope = Scope::Briefing(0);
        }
        app.rebuild_rows();
        app.search.rebuild(&app.lib);
        app
    }

    /// Starts on an item by id, as `--open` asks. Returns false if there is no such item.
    pub fn open(&mut self, id: &str) -> bool {
        match self.lib.find(id) {
            Some(item) => {
                self.goto(item, Focus::Detail);
                true
            }
            None => {
                self.status = Some(format!(
                    "no item has the id `{}`",
                    crate::model::text::safe_line(id)
                ));
                false
            }
        }
    }

    pub fn mode(&self) -> Mode {
        match self.overlay {
            None => Mode::Browse,
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Search) => Mode::Search,
            Some(Overlay::Problems { .. }) => Mode::Problems,
        }
    }

    pub fn current(&self) -> &PaneState {
        &self.panes[self.pane.index()]
    }

    pub(super) fn current_mut(&mut self) -> &mut PaneState {
        &mut self.panes[self.pane.index()]
    }

    /// Rebuilds every pane's rows for the scope, keeping selections by item.
    pub fn rebuild_rows(&mut self) {
        for pane in Pane::ALL {
            let keep = self.panes[pane.index()].selected_item();
            let rows = panes::rows(&self.lib, pane, self.scope);
            let state = &mut self.panes[pane.index()];
            state.items = rows.iter().filter(|r| matches!(r, Row::Item(_))).count();
            state.rows = rows;
            let at = keep.and_then(|item| state.rows.iter().position(|r| *r == Row::Item(item)));
            state.list = Cursor {
                selected: at.unwrap_or(0),
                offset: 0,
            };
            if at.is_none() {
                state.detail = Cursor::default();
            }
            Self::skip_headers(state, true);
        }
        self.axis = panes::timeline::Axis::new(&self.lib, &self.panes[Pane::Timeline.index()].rows);
    }

    /// The detail lines of the selected item of the current pane.
    pub fn detail_lines(&self) -> Rc<Vec<DetailLine>> {
        let Some(item) = self.current().selected_item() else {
            return Rc::default();
        };
        let mut cache = self.detail_cache.borrow_mut();
        if let Some((i, scope, lines)) = cache.as_ref()
            && *i == item
            && *scope == self.scope
        {
            return lines.clone();
        }
        // Built once per selection, not per frame: a shared actor's detail can hold
        // hundreds of links.
        let lines = Rc::new(detail::build(&self.lib, item, &self.theme, self.scope));
        *cache = Some((item, self.scope, lines.clone()));
        lines
    }

    /// Forgets cached detail views, after the library changed.
    pub fn forget_details(&mut self) {
        self.detail_cache.get_mut().take();
    }

    /// Rows a page holds, from the last frame.
    fn page(&self) -> usize {
        let area = match self.focus {
            Focus::List => self.screen.list,
            Focus::Detail => self.screen.detail,
        };
        usize::from(area.height.saturating_sub(2)).max(1)
    }

    pub fn location(&self) -> Location {
        Location {
            pane: self.pane,
            item: self.current().selected_item(),
            focus: self.focus,
            detail_line: self.current().detail.selected,
            search: match self.overlay {
                Some(Overlay::Search) => Some((self.search.query.clone(), self.search.selected)),
                _ => None,
            },
        }
    }

    fn restore(&mut self, loc: Location) {
        self.pane = loc.pane;
        self.focus = loc.focus;
        if let Some(item) = loc.item {
            self.select(item);
        }
        self.current_mut().detail.selected = loc.detail_line;
        self.overlay = None;
        if let Some((query, selected)) = loc.search {
            self.search.set_query(query);
            self.search.selected = selected;
            self.overlay = Some(Overlay::Search);
        }
    }

    /// Selects an item in its pane, widening the scope if it is outside it.
    fn select(&mut self, item: ItemRef) {
        self.pane = Pane::of(item);
        let found = self
            .current()
            .rows
            .iter()
            .position(|r| *r == Row::Item(item));
        let at = match found {
            Some(at) => at,
            None => {
                self.scope = Scope::All;
                self.rebuild_rows();
                self.status = Some("showing all briefings: the item is in another briefing".into());
                match self
                    .current()
                    .rows
                    .iter()
                    .position(|r| *r == Row::Item(item))
                {
                    Some(at) => at,
                    None => return,
                }
            }
        };
        let state = self.current_mut();
        if state.list.selected != at {
            state.list.selected = at;
            state.detail = Cursor::default();
        }
    }

    /// Goes to an item without touching the history.
    fn goto(&mut self, item: ItemRef, focus: Focus) {
        self.select(item);
        self.focus = focus;
        self.overlay = None;
        if focus == Focus::Detail {
            self.first_link();
        }
    }

    /// Goes to an item and records where we were, like a browser's link.
    pub fn follow(&mut self, item: ItemRef) {
        let here = self.location();
        self.goto(item, Focus::Detail);
        if self.location() != here {
            self.back.push(here);
            self.forward.clear();
        }
    }

    fn first_link(&mut self) {
        let lines = self.detail_lines();
        let first = lines
            .iter()
            .position(|l| l.link.is_some())
            .or_else(|| lines.iter().position(DetailLine::selectable));
        self.current_mut().detail = Cursor {
            selected: first.unwrap_or(0),
            offset: 0,
        };
    }

    /// Moves past header rows in the direction of travel.
    pub(super) fn skip_headers(state: &mut PaneState, down: bool) {
        let n = state.rows.len();
        if n == 0 {
            return;
        }
        let mut i = state.list.selected.min(n - 1);
        while matches!(state.rows[i], Row::Header(_)) {
            if down && i + 1 < n {
                i += 1;
            } else if !down && i > 0 {
                i -= 1;
            } else {
                break;
            }
        }
        if matches!(state.rows[i], Row::Header(_)) {
            // Ran into the end: go the other way.
            while i + 1 < n && matches!(state.rows[i], Row::Header(_)) {
                i += 1;
            }
            while i > 0 && matches!(state.rows[i], Row::Header(_)) {
                i -= 1;
            }
        }
        state.list.selected = i;
    }

    fn move_list(&mut self, delta: isize) {
        let state = self.current_mut();
        let n = state.rows.len();
        if n == 0 {
            return;
        }
        let before = state.list.selected;
        let target = before.saturating_add_signed(delta).min(n - 1);
        state.list.selected = target;
        Self::skip_headers(state, delta >= 0);
        if state.list.selected != before {
            state.detail = Cursor::default();
        }
    }

    fn move_detail(&mut self, delta: isize) {
        let lines = self.detail_lines();
        let state = self.current_mut();
        let n = lines.len();
        if n == 0 {
            return;
        }
        let mut i = state.detail.selected.min(n - 1);
        let step = if delta < 0 { -1 } else { 1 };
        let mut remaining = delta.unsigned_abs();
        let mut last_ok = i;
        while remaining > 0 {
            let Some(next) = i.checked_add_signed(step).filter(|&j| j < n) else {
                break;
            };
            i = next;
            if lines[i].selectable() {
                last_ok = i;
                remaining -= 1;
            }
        }
        state.detail.selected = last_ok;
    }

    /// Applies one action. No I/O, no drawing.
    pub fn update(&mut self, action: Action) {
        if !matches!(
            action,
            Action::Click(..) | Action::ScrollUp(..) | Action::ScrollDown(..)
        ) {
            self.status = None;
        }
        match self.mode() {
            Mode::Help => self.update_help(action),
            Mode::Search => self.update_search(action),
            Mode::Problems => self.update_problems(action),
            Mode::Browse => self.update_browse(action),
        }
    }

    fn update_help(&mut self, action: Action) {
        let Some(Overlay::Help { scroll }) = &mut self.overlay else {
            return;
        };
        match action {
            Action::MoveDown | Action::ScrollDown(..) => *scroll += 1,
            Action::MoveUp | Action::ScrollUp(..) => *scroll = scroll.saturating_sub(1),
            Action::CloseOverlay | Action::ToggleHelp | Action::Click(..) => self.overlay = None,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn update_browse(&mut self, action: Action) {
        let page = isize::try_from(self.page()).unwrap_or(10);
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
            Action::MoveDown
            | Action::MoveUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => {
                let delta = match action {
                    Action::MoveDown => 1,
                    Action::MoveUp => -1,
                    Action::PageDown => page,
                    Action::PageUp => -page,
                    Action::Top => isize::MIN / 2,
                    _ => isize::MAX / 2,
                };
                match self.focus {
                    Focus::List => self.move_list(delta),
                    Focus::Detail => self.move_detail(delta),
                }
            }
            Action::NextPane | Action::PrevPane => {
                let i = self.pane.index();
                let next = if action == Action::NextPane {
                    (i + 1) % 4
                } else {
                    (i + 3) % 4
                };
                self.pane = Pane::ALL[next];
                self.focus = Focus::List;
            }
            Action::FocusPane(p) => {
                self.pane = p;
                self.focus = Focus::List;
            }
            Action::Activate => self.activate(),
            Action::FocusDetail
                if self.current().selected_item().is_some() && self.focus == Focus::List =>
            {
                self.focus = Focus::Detail;
                self.first_link();
            }
            Action::FocusList | Action::CloseOverlay => self.focus = Focus::List,
            Action::Back => match self.back.pop() {
                Some(loc) => {
                    self.forward.push(self.location());
                    self.restore(loc);
                }
                None => self.status = Some("nothing to go back to".into()),
            },
            Action::Forward => match self.forward.pop() {
                Some(loc) => {
                    self.back.push(self.location());
                    self.restore(loc);
                }
                None => self.status = Some("nothing to go forward to".into()),
            },
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::OpenSearch => self.overlay = Some(Overlay::Search),
            Action::OpenProblems => {
                self.overlay = Some(Overlay::Problems {
                    selected: 0,
                    expanded: false,
                })
            }
            Action::Copy => self.copy(),
            Action::Click(x, y) => self.click(x, y),
            Action::ScrollUp(x, y) => self.scroll(x, y, -3),
            Action::ScrollDown(x, y) => self.scroll(x, y, 3),
            _ => {}
        }
    }

    fn activate(&mut self) {
        match self.focus {
            Focus::List => match self.current().selected_item() {
                Some(ItemRef::Briefing(b)) if self.lib.briefings.len() > 1 => {
                    self.scope = Scope::Briefing(b);
                    self.rebuild_rows();
                    self.status = Some(format!("showing {}", self.lib.briefings[b].title.safe()));
                }
                Some(_) => {
                    self.focus = Focus::Detail;
                    self.first_link();
                }
                None if self.pane == Pane::Overview && self.lib.briefings.len() > 1 => {
                    self.scope = Scope::All;
                    self.rebuild_rows();
                    self.status = Some("showing all briefings".into());
                }
                None => {}
            },
            Focus::Detail => {
                let lines = self.detail_lines();
                match lines
                    .get(self.current().detail.selected)
                    .and_then(|l| l.link)
                {
                    Some(item) => self.follow(item),
                    None => {
                        self.status =
                            Some("not a link: move to a line marked → and press Enter".into())
                    }
                }
            }
        }
    }

    fn copy(&mut self) {
        let item = match self.focus {
            Focus::Detail => self
                .detail_lines()
                .get(self.current().detail.selected)
                .and_then(|l| l.link),
            Focus::List => None,
        }
        .or_else(|| self.current().selected_item());
        match item.and_then(|item| detail::citation(&self.lib, item)) {
            Some(text) => {
                let shown: String = text.chars().take(60).collect();
                self.status = Some(format!(
                    "copied: {shown}{}",
                    if text.chars().count() > 60 { "…" } else { "" }
                ));
                self.clipboard = Some(text);
            }
            None => {
                self.status = Some("nothing to copy here: select an actor, event or quote".into())
            }
        }
    }

    fn update_problems(&mut self, action: Action) {
        let count = self.report.diagnostics.len();
        let Some(Overlay::Problems { selected, expanded }) = &mut self.overlay else {
            return;
        };
        match action {
            Action::MoveDown | Action::ScrollDown(..) => {
                *selected = (*selected + 1).min(count.saturating_sub(1))
            }
            Action::MoveUp | Action::ScrollUp(..) => *selected = selected.saturating_sub(1),
            Action::Activate => *expanded = !*expanded,
            Action::CloseOverlay | Action::OpenProblems => self.overlay = None,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn update_search(&mut self, action: Action) {
        match action {
            Action::CloseOverlay => self.overlay = None,
            Action::Quit => self.quit = true,
            Action::Activate => {
                if let Some(item) = self.search.selected_item() {
                    // Record the search itself, so Back returns to it with its query.
                    let here = self.location();
                    self.goto(item, Focus::Detail);
                    self.back.push(here);
                    self.forward.clear();
                } else {
                    self.status = Some("no result to open".into());
                }
            }
            Action::MoveDown | Action::ScrollDown(..) => self.search.move_by(1),
            Action::MoveUp | Action::ScrollUp(..) => self.search.move_by(-1),
            Action::PageDown => self.search.move_by(10),
            Action::PageUp => self.search.move_by(-10),
            Action::Click(x, y) => {
                let r = self.screen.overlay_list;
                if r.contains(Position { x, y }) {
                    let row = self.screen.overlay_offset + usize::from(y - r.y) / 2;
                    self.search.select(row);
                }
            }
            other => self.search.edit(other),
        }
    }
}
