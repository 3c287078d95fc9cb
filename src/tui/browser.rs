//! The panes as the user moves through them: which pane and scope are shown, the list or
//! the detail view in focus, and what moving, opening and clicking do there.
//!
//! The browser knows nothing of the history or the overlays: following a link is an
//! [`Outcome`] that the app records before it asks the browser to go there.

use ratatui::layout::Position;
use ratatui::widgets::ListState;

mod moves;
mod rows;

use super::action::{Action, Focus, Geometry, Mode, Pane};
use super::history::Location;
use super::keymap::Keymap;
use super::panes::detail::{DetailLine, LineKind};
use super::panes::detail_layout::Detail;
use super::panes::detail_view::Page;
use super::panes::row::Row;
use super::panes::{PaneState, detail_lines, detail_view, relation_detail_lines};
use super::theme::Theme;
use crate::model::{BriefingIx, Citation, ItemRef, Library, RelationIx, Scope, SourceIx};
use rayon::iter::{
    IndexedParallelIterator as _, IntoParallelIterator as _, IntoParallelRefMutIterator as _,
    ParallelIterator as _,
};

/// What browsing needs from the app: the library, styles, keys and the last frame.
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    /// The library.
    pub lib: &'a Library,
    /// Styles, for detail lines.
    pub theme: &'a Theme,
    /// Keys, for hints.
    pub keys: &'a Keymap,
    /// Where the last frame put things.
    pub geometry: &'a Geometry,
}

/// What the app has to do after the browser handled an action.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing more.
    Done,
    /// Follow a link to this item, recording the way back.
    Follow(ItemRef),
    /// Go to a relation, recording the way back: the actor it starts from, with the
    /// relation's line selected.
    FollowRelation(RelationIx),
    /// Show an item as one briefing has it (a History line, a source's Cited by), recording
    /// the way back to this view; on the line of a relation of the item's, if one is named.
    FollowVersion(ItemRef, BriefingIx, Option<RelationIx>),
    /// Say this on the status line.
    Status(String),
    /// Show this scope.
    SetScope(Scope),
    /// Open the source reader on a source: at a citation's place, marking what `from`
    /// cites (everything the briefing cites when `from` is `None`).
    Read {
        /// The source.
        source: SourceIx,
        /// Where to open it.
        at: Option<Citation>,
        /// The item whose citations are marked.
        from: Option<ItemRef>,
    },
}

/// How the list and the detail share the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    /// The focused view fills the body.
    pub zoomed: bool,
    /// The list's share of the width, in per cent, side by side.
    pub list_percent: u16,
}

impl Default for Split {
    fn default() -> Self {
        Self {
            zoomed: false,
            list_percent: 40,
        }
    }
}

/// Below this width, list and detail share the screen in turns.
pub const SPLIT_WIDTH: u16 = 90;

/// How far `<` and `>` move the split, in per cent, and its bounds: the config's `split`
/// takes the same (see `config::read`), so a split set there is one the keys reach.
const SPLIT_STEP: u16 = 5;
const SPLIT_MIN: u16 = 20;
const SPLIT_MAX: u16 = 80;

/// The browser's state.
pub struct Browser {
    pane: Pane,
    focus: Focus,
    panes: [PaneState; 5],
    /// The detail lines of the selected row (an item or a relation), built once per
    /// selection and view, not per frame: a shared actor's detail can hold hundreds of links,
    /// a briefing tens of thousands of key points. Its rows are measured once per width.
    detail: (Option<Row>, Detail),
    split: Split,
    /// Bumped whenever any pane's rows are rebuilt, so that what is counted over the rows
    /// (the tabs' unread counts) can tell it is out of date.
    rows_generation: u64,
}

impl Browser {
    /// Shows a library from its start: the Overview, in the library's initial scope.
    #[must_use]
    pub fn new(cx: &Cx<'_>) -> Self {
        let mut browser = Self {
            pane: Pane::Overview,
            focus: Focus::List,
            panes: Default::default(),
            detail: (None, Detail::default()),
            split: Split::default(),
            rows_generation: 0,
        };
        browser.rebuild(cx, |row| Some(row.clone()));
        browser
    }

    /// The pane shown.
    #[must_use]
    pub fn pane(&self) -> Pane {
        self.pane
    }

    /// List or detail.
    #[must_use]
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// Sets the list's share of the width, within the split's bounds.
    pub fn set_split_percent(&mut self, percent: u16) {
        self.split.list_percent = percent.clamp(SPLIT_MIN, SPLIT_MAX);
    }

    /// How list and detail share the screen (kept while the program runs).
    #[must_use]
    pub fn split(&self) -> Split {
        self.split
    }

    /// Gives the list the keyboard.
    pub fn focus_list(&mut self) {
        self.focus = Focus::List;
    }

    /// The generation of the panes' rows: it changes whenever any pane's rows are rebuilt
    /// (a new view, a reload, a filter, quotes on the timeline).
    #[must_use]
    pub fn rows_generation(&self) -> u64 {
        self.rows_generation
    }

    /// A pane's state.
    #[must_use]
    pub fn state(&self, pane: Pane) -> &PaneState {
        &self.panes[pane.index()]
    }

    /// The current pane's state.
    #[must_use]
    pub fn current(&self) -> &PaneState {
        self.state(self.pane)
    }

    fn current_mut(&mut self) -> &mut PaneState {
        &mut self.panes[self.pane.index()]
    }

    /// The detail lines of the current pane's selected item.
    #[must_use]
    pub fn detail_lines(&self) -> &[DetailLine] {
        self.detail.1.lines()
    }

    /// The detail view of the current pane's selected item.
    #[must_use]
    pub fn detail(&self) -> &Detail {
        &self.detail.1
    }

    /// The item a copy takes: the selected link in the detail view, else the selected item.
    #[must_use]
    pub fn copy_target(&self) -> Option<ItemRef> {
        let link = match self.focus {
            Focus::Detail => self
                .detail_lines()
                .get(self.current().detail_line())
                .and_then(|l| l.link),
            Focus::List => None,
        };
        link.or_else(|| self.current().selected_item())
    }

    /// The citation on the selected detail line, when it shows a cited passage.
    #[must_use]
    pub fn selected_cite(&self) -> Option<crate::model::Citation> {
        match self.focus {
            Focus::Detail => {
                let line = self.detail_lines().get(self.current().detail_line())?;
                // The passage lines, not the source's row above them.
                (line.kind == LineKind::Text).then(|| line.cite.clone())?
            }
            Focus::List => None,
        }
    }

    /// Rebuilds every pane's rows, mapping each selected row (an item or a relation)
    /// through `keep` (after a reload, to the same one in the new library). Returns the
    /// current pane's item if it is gone.
    pub fn rebuild(
        &mut self,
        cx: &Cx<'_>,
        keep: impl Fn(&Row) -> Option<Row> + Sync,
    ) -> Option<ItemRef> {
        // The panes are independent: each is rebuilt on a thread of its own (the rows of a
        // big library take tens of milliseconds per pane).
        let keep = &keep;
        self.rows_generation += 1;
        let found: Vec<(Option<ItemRef>, bool)> = Pane::ALL
            .into_par_iter()
            .zip(self.panes.par_iter_mut())
            .map(|(pane, state)| {
                let before = state.selected_row().cloned();
                let kept = before.as_ref().and_then(keep);
                let found = state.rebuild(pane, cx.lib, cx.keys, kept.as_ref());
                let item = match before {
                    Some(Row::Item(item)) => Some(item),
                    _ => None,
                };
                (item, found)
            })
            .collect();
        let (before, found) = found[self.pane.index()];
        let lost = if found { None } else { before };
        if lost.is_some() {
            self.focus = Focus::List;
        }
        // Built again from nothing: a pane left with no item or relation selected shows an
        // empty detail, not the last one built.
        self.detail = (None, Detail::default());
        self.refresh(cx);
        lost
    }

    /// Rebuilds the detail lines if the selection moved, and keeps the detail cursor on a
    /// line that exists. Call after anything that can change the selection.
    pub fn refresh(&mut self, cx: &Cx<'_>) {
        let key = self.current().selected_row();
        if self.detail.0.as_ref() != key {
            let lines = match key {
                Some(Row::Item(item)) => detail_lines(cx.lib, *item, cx.theme, cx.keys),
                Some(Row::Relation(r)) => relation_detail_lines(cx.lib, *r, cx.theme, cx.keys),
                Some(Row::Header(_)) | None => Vec::new(),
            };
            self.detail = (key.cloned(), Detail::new(lines));
        }
        let last = self.detail_lines().len().saturating_sub(1);
        let detail = &mut self.current_mut().detail;
        detail.select(Some(detail.selected().unwrap_or(0).min(last)));
    }

    /// Where the user is, for the history.
    #[must_use]
    pub fn location(&self) -> Location {
        Location {
            pane: self.pane,
            item: self.current().selected_item(),
            focus: self.focus,
            list_row: Some(self.current().list.selected_row_on_screen()),
            detail_line: self.current().detail_line(),
            detail_offset: self.current().detail.offset(),
            search: None,
            network: None,
            view: None,
        }
    }

    /// Goes back to a recorded place (its search, if any, is the app's business).
    /// The app makes sure the item is in the current view before it comes back here.
    pub fn restore(&mut self, loc: &Location, cx: &Cx<'_>) {
        self.pane = loc.pane;
        self.focus = loc.focus;
        if let Some(item) = loc.item {
            self.select(item, cx);
            if let Some(row) = loc.list_row
                && self.current().selected_item() == Some(item)
            {
                self.current_mut().list.place_selected(row);
            }
        }
        let detail = &mut self.current_mut().detail;
        detail.select(Some(loc.detail_line));
        *detail.offset_mut() = loc.detail_offset;
        self.refresh(cx);
    }

    /// Goes to an item without touching the history: its pane, its row, and the detail
    /// view's first link if `focus` is the detail. The app makes sure the item is in the
    /// current view first.
    pub fn goto(&mut self, item: ItemRef, focus: Focus, cx: &Cx<'_>) {
        self.pane = Pane::of(item);
        self.select(item, cx);
        self.focus = focus;
        if focus == Focus::Detail {
            self.detail_top();
        }
    }

    /// Puts the detail cursor on the line that names a relation (an actor's Relations),
    /// if the detail shown has one.
    pub fn select_relation_line(&mut self, r: RelationIx) {
        if let Some(at) = self
            .detail_lines()
            .iter()
            .position(|l| l.relation == Some(r))
        {
            self.current_mut().detail.select(Some(at));
        }
    }

    /// Selects an item in the current pane, if it is listed there.
    fn select(&mut self, item: ItemRef, cx: &Cx<'_>) {
        if let Some(at) = self.current().list.position(item)
            && self.current_mut().list.select_row(at)
        {
            self.current_mut().detail = ListState::default();
        }
        self.refresh(cx);
    }

    /// Puts the detail cursor at the top of the detail view.
    fn detail_top(&mut self) {
        let top = detail_view::top(&self.detail.1);
        self.current_mut().detail = ListState::default().with_selected(Some(top));
    }

    /// Handles an action in browse mode. Actions for the app (history, overlays, copy,
    /// quit) are not handled here.
    pub fn update(&mut self, action: &Action, cx: &Cx<'_>) -> Outcome {
        let outcome = self.handle(action, cx);
        self.refresh(cx);
        outcome
    }

    fn handle(&mut self, action: &Action, cx: &Cx<'_>) -> Outcome {
        match action {
            Action::MoveDown => self.move_by(1, cx),
            Action::MoveUp => self.move_by(-1, cx),
            Action::PageDown => self.page_by(1, 1, cx),
            Action::PageUp => self.page_by(-1, 1, cx),
            Action::HalfPageDown => self.page_by(1, 2, cx),
            Action::HalfPageUp => self.page_by(-1, 2, cx),
            Action::Top => self.move_to_end(false, cx),
            Action::Bottom => self.move_to_end(true, cx),
            Action::ToggleZoom => return self.toggle_zoom(),
            Action::WidenList | Action::NarrowList => {
                return self.resize_split(*action == Action::WidenList, cx);
            }
            Action::NextPane | Action::PrevPane
                if self.focus == Focus::Detail && self.step_link(*action == Action::NextPane) => {}
            Action::NextPane | Action::PrevPane => {
                let n = Pane::ALL.len();
                let step = if *action == Action::NextPane {
                    1
                } else {
                    n - 1
                };
                self.pane = Pane::ALL[(self.pane.index() + step) % n];
                self.focus = Focus::List;
            }
            Action::FocusPane(p) => {
                self.pane = *p;
                self.focus = Focus::List;
            }
            Action::Activate => return self.activate(cx),
            Action::FocusDetail
                if self.current().selected_row().is_some() && self.focus == Focus::List =>
            {
                self.focus = Focus::Detail;
                self.detail_top();
            }
            // Esc on a filtered list clears the filter first.
            Action::FocusList if self.focus == Focus::List && self.current().filter.is_some() => {
                let pane = self.pane;
                self.set_filter(pane, None, cx);
                return Outcome::Status("filter cleared".into());
            }
            Action::ToggleTimelineQuotes => return self.toggle_timeline_quotes(cx),
            Action::FocusList | Action::CloseOverlay => self.focus = Focus::List,
            Action::Click(x, y) => self.click(Position { x: *x, y: *y }, cx),
            Action::ScrollUp(x, y) => self.scroll(Position { x: *x, y: *y }, -3, cx),
            Action::ScrollDown(x, y) => self.scroll(Position { x: *x, y: *y }, 3, cx),
            _ => {}
        }
        Outcome::Done
    }

    fn activate(&mut self, cx: &Cx<'_>) -> Outcome {
        let many = cx.lib.briefings.len() > 1;
        // A relation (listed by the Changes pane) lives with its actors: go there.
        if self.focus == Focus::List
            && let Some(r) = self.current().list.selected_relation()
        {
            return Outcome::FollowRelation(r);
        }
        match self.focus {
            Focus::List => match self.current().selected_item() {
                Some(ItemRef::Briefing(b)) if many => {
                    return Outcome::SetScope(Scope::Briefing(b));
                }
                // The Changes list points at items that live in other panes: go there.
                Some(item) if self.pane == Pane::Changes => return Outcome::Follow(item),
                Some(ItemRef::Source(source)) => {
                    return Outcome::Read {
                        source,
                        at: None,
                        from: None,
                    };
                }
                Some(_) => {
                    self.focus = Focus::Detail;
                    self.detail_top();
                }
                None if self.pane == Pane::Overview && many => {
                    return Outcome::SetScope(Scope::All);
                }
                None => {}
            },
            Focus::Detail => {
                let line = self.current().detail_line();
                let from = self.current().selected_item();
                let line = self.detail_lines().get(line);
                if let Some((item, b)) = line.and_then(|l| Some((l.link?, l.version?))) {
                    return Outcome::FollowVersion(item, b, line.and_then(|l| l.relation));
                }
                return match line.and_then(|l| l.link) {
                    Some(ItemRef::Source(source)) => Outcome::Read {
                        source,
                        at: line.and_then(|l| l.cite.clone()),
                        from: from
                            .filter(|f| !matches!(f, ItemRef::Source(_) | ItemRef::Briefing(_))),
                    },
                    Some(item) => Outcome::Follow(item),
                    None => Outcome::Status(match cx.keys.key(Mode::Browse, &Action::Activate) {
                        Some(key) => format!("not a link: move to a line marked → and press {key}"),
                        None => "not a link: move to a line marked →".to_owned(),
                    }),
                };
            }
        }
        Outcome::Done
    }

    /// A click selects a tab, a row or a detail line.
    fn click(&mut self, p: Position, cx: &Cx<'_>) {
        if let Some((_, pane)) = cx.geometry.tabs.iter().find(|(r, _)| r.contains(p)) {
            self.pane = *pane;
            self.focus = Focus::List;
            return;
        }
        if let Some(list) = cx.geometry.list.filter(|v| v.area.contains(p)) {
            let row = list.offset + usize::from(p.y - list.area.y);
            if self.current_mut().list.select_row(row) {
                self.current_mut().detail = ListState::default();
            }
            if self.current().list.selected() == row {
                self.focus = Focus::List;
            }
        } else if let Some(detail) = cx.geometry.detail.filter(|v| v.area.contains(p)) {
            let row = usize::from(p.y - detail.area.y);
            let width = detail_view::text_width(detail.area);
            if let Some(line) = detail_view::line_at(&self.detail.1, detail.offset, row, width)
                && self.detail_lines()[line].selectable()
            {
                self.focus = Focus::Detail;
                self.current_mut().detail.select(Some(line));
            }
        }
    }

    /// The wheel moves the view, never the selection, pane or history.
    fn scroll(&mut self, p: Position, delta: isize, cx: &Cx<'_>) {
        if let Some(list) = cx.geometry.list.filter(|v| v.area.contains(p)) {
            let state = self.current_mut();
            state.list.set_offset(list.offset);
            state.list.scroll(delta, list.page());
        } else if let Some(detail) = cx.geometry.detail.filter(|v| v.area.contains(p)) {
            let max = detail_view::max_offset(&self.detail.1, Page::of(&detail));
            let offset = detail.offset.saturating_add_signed(delta).min(max);
            *self.current_mut().detail.offset_mut() = offset;
        }
    }

    /// Takes the scroll offsets the last frame showed.
    pub fn drawn(&mut self, geometry: &Geometry) {
        let state = &mut self.panes[self.pane.index()];
        if let Some(list) = geometry.list {
            state.list.set_offset(list.offset);
        }
        if let Some(detail) = geometry.detail {
            *state.detail.offset_mut() = detail.offset;
        }
    }
}
