//! The browser's vocabulary: what goes into [`crate::tui::app::App::update`] and what comes
//! out of it.
//!
//! Every input is an [`Action`]: a key, a click, a paste, a resize, a finished search or
//! reload, the geometry of the frame just drawn. `update` answers with [`Effect`]s, plain
//! data that the event loop carries out (search, copy, reload, suspend, quit).
//!
//! This module imports nothing from the rest of `tui`, so every other module can use it
//! without creating a cycle.

use std::sync::Arc;

use ratatui::layout::Rect;

use crate::model::progress::Snapshot;
use crate::model::{ItemRef, Library, Report};
use crate::search::{Hit, SearchIndex};

/// The panes, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The briefings, their summaries and sources.
    Overview,
    /// Who is involved.
    Actors,
    /// What happened when.
    Timeline,
    /// Who said what.
    Quotes,
    /// What is new or changed in the latest briefing of each series.
    Changes,
}

impl Pane {
    /// Every pane, in tab order.
    pub const ALL: [Pane; 5] = [
        Pane::Overview,
        Pane::Actors,
        Pane::Timeline,
        Pane::Quotes,
        Pane::Changes,
    ];

    /// The position of the pane in tab order.
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }

    /// The pane's name, as its tab and title show it.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Pane::Overview => "Overview",
            Pane::Actors => "Actors",
            Pane::Timeline => "Timeline",
            Pane::Quotes => "Quotes",
            Pane::Changes => "Changes",
        }
    }

    /// The pane an item lives in.
    #[must_use]
    pub fn of(item: ItemRef) -> Pane {
        match item {
            ItemRef::Briefing(_) | ItemRef::Source(_) => Pane::Overview,
            ItemRef::Actor(_) => Pane::Actors,
            ItemRef::Event(_) => Pane::Timeline,
            ItemRef::Quote(_) => Pane::Quotes,
        }
    }
}

/// Which bindings are live: browsing, or one of the overlays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Moving through a list or a detail view.
    Browse,
    /// The help overlay is open.
    Help,
    /// The search overlay is open: printable keys type.
    Search,
    /// The problems panel is open.
    Problems,
    /// The scope picker is open.
    Scope,
    /// The bookmarks list is open.
    Bookmarks,
    /// The source reader is open.
    Reader,
    /// The current pane's filter is being typed: printable keys type.
    Filter,
    /// The network view of an actor is open.
    Network,
}

impl Mode {
    /// Every mode, for tables and tests that walk them all.
    pub const ALL: [Mode; 9] = [
        Mode::Browse,
        Mode::Help,
        Mode::Search,
        Mode::Problems,
        Mode::Scope,
        Mode::Bookmarks,
        Mode::Reader,
        Mode::Filter,
        Mode::Network,
    ];

    /// Whether printable keys type text in this mode.
    #[must_use]
    pub fn types(self) -> bool {
        matches!(self, Mode::Search | Mode::Filter)
    }
}

/// Whether the list or the detail view has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Focus {
    /// The pane's list of items.
    List,
    /// The selected item's detail view.
    Detail,
}

/// Everything that can happen to the browser.
///
/// Actions with a [`name`](Action::name) can be bound to keys; the rest come from the
/// mouse, the terminal or the event loop.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Leave the browser.
    Quit,
    /// Up one row or line.
    MoveUp,
    /// Down one row or line.
    MoveDown,
    /// Up one page.
    PageUp,
    /// Down one page.
    PageDown,
    /// Up half a page.
    HalfPageUp,
    /// Down half a page.
    HalfPageDown,
    /// Left: in the network view, to the neighbour on the left.
    MoveLeft,
    /// Right: in the network view, to the neighbour on the right.
    MoveRight,
    /// The next search result from any pane; in the source reader, the next cited passage.
    NextMatch,
    /// The previous search result; in the source reader, the previous cited passage.
    PrevMatch,
    /// Filter the current pane's list with a query.
    OpenFilter,
    /// The focused view fills the body, or shares it again.
    ToggleZoom,
    /// Give the list more of the width.
    WidenList,
    /// Give the detail more of the width.
    NarrowList,
    /// Show quotes with their dates on the timeline, or not.
    ToggleTimelineQuotes,
    /// Open the selected item, problem or source text in `$VISUAL` / `$EDITOR`.
    OpenEditor,
    /// Show the selected actor's network: who it is tied to, and how.
    OpenNetwork,
    /// To the first row or line.
    Top,
    /// To the last row or line.
    Bottom,
    /// The next pane in tab order.
    NextPane,
    /// The previous pane in tab order.
    PrevPane,
    /// Straight to a pane.
    FocusPane(Pane),
    /// Enter: open the selected row, follow the selected link, or open a search result.
    Activate,
    /// Into the selected item's detail view.
    FocusDetail,
    /// Back to the list.
    FocusList,
    /// Back in the history of followed links.
    Back,
    /// Forward in the history.
    Forward,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Close the overlay that is open.
    CloseOverlay,
    /// Open the search overlay.
    OpenSearch,
    /// Open the problems panel.
    OpenProblems,
    /// Copy the selected item with its citation.
    Copy,
    /// Widen or narrow the scope: all briefings → the series → the briefing → all.
    CycleScope,
    /// Open the scope picker.
    PickScope,
    /// See the library as known on the previous briefing date.
    EarlierView,
    /// See the library as known on the next briefing date, or now.
    LaterView,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Mark the selected item read, or unread again.
    ToggleRead,
    /// Mark every item listed in the current pane read.
    MarkAllRead,
    /// Bookmark the selected item, or remove its bookmark.
    ToggleBookmark,
    /// Open the bookmarks list.
    OpenBookmarks,
    /// Query line: cursor one character left.
    CursorLeft,
    /// Query line: cursor one character right.
    CursorRight,
    /// Query line: cursor to the start.
    CursorHome,
    /// Query line: cursor to the end.
    CursorEnd,
    /// Query line: delete the character before the cursor.
    DeleteBack,
    /// Query line: delete the character under the cursor.
    DeleteForward,
    /// Query line: delete the word before the cursor.
    DeleteWord,
    /// Query line: delete everything before the cursor.
    ClearQuery,
    /// A typed character (search overlay).
    Type(char),
    /// Pasted text (bracketed paste).
    Paste(String),
    /// A left click at (column, row).
    Click(u16, u16),
    /// The wheel, up, at (column, row).
    ScrollUp(u16, u16),
    /// The wheel, down, at (column, row).
    ScrollDown(u16, u16),
    /// The terminal is now (columns, rows).
    Resize(u16, u16),
    /// A frame was drawn with this geometry.
    Drawn(Geometry),
    /// A search finished.
    SearchDone(SearchResults),
    /// A search on the worker is this far along, in per mille.
    SearchProgress {
        /// The search it is about.
        generation: u64,
        /// Done, out of 1000.
        permille: u16,
    },
    /// Watched files changed on disk.
    FilesChanged,
    /// A reload finished: the new library, or why it could not be loaded at all.
    Reloaded(Box<Result<Loaded, String>>),
    /// The first load has come this far.
    LoadProgress(Snapshot),
    /// The first load finished: the library to browse, or why it could not be loaded.
    Loaded(Box<Result<Loaded, String>>),
    /// Something the user should know, for the status line.
    Notify(String),
    /// The item watched for reading (see [`crate::tui::app::App::read_watch`]) has been
    /// shown for long enough: mark it read if it is still the one shown.
    ReadTick(u64),
}

/// Every action a key can be bound to, in the order help lists them.
pub const BINDABLE: [Action; 54] = [
    Action::MoveDown,
    Action::MoveUp,
    Action::PageDown,
    Action::PageUp,
    Action::HalfPageDown,
    Action::HalfPageUp,
    Action::MoveLeft,
    Action::MoveRight,
    Action::Top,
    Action::Bottom,
    Action::Activate,
    Action::FocusDetail,
    Action::FocusList,
    Action::Back,
    Action::Forward,
    Action::NextPane,
    Action::PrevPane,
    Action::FocusPane(Pane::Overview),
    Action::FocusPane(Pane::Actors),
    Action::FocusPane(Pane::Timeline),
    Action::FocusPane(Pane::Quotes),
    Action::FocusPane(Pane::Changes),
    Action::CycleScope,
    Action::PickScope,
    Action::EarlierView,
    Action::LaterView,
    Action::OpenSearch,
    Action::NextMatch,
    Action::PrevMatch,
    Action::OpenFilter,
    Action::ToggleZoom,
    Action::WidenList,
    Action::NarrowList,
    Action::ToggleTimelineQuotes,
    Action::OpenNetwork,
    Action::OpenEditor,
    Action::Copy,
    Action::ToggleRead,
    Action::MarkAllRead,
    Action::ToggleBookmark,
    Action::OpenBookmarks,
    Action::OpenProblems,
    Action::ToggleHelp,
    Action::CloseOverlay,
    Action::Suspend,
    Action::Quit,
    Action::CursorLeft,
    Action::CursorRight,
    Action::CursorHome,
    Action::CursorEnd,
    Action::DeleteBack,
    Action::DeleteForward,
    Action::DeleteWord,
    Action::ClearQuery,
];

impl Action {
    /// The stable `snake_case` name of a bindable action, as a config file names it; `None`
    /// for actions that carry data from the mouse, the terminal or the event loop.
    #[must_use]
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::MoveUp => "move_up",
            Action::MoveDown => "move_down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::HalfPageUp => "half_page_up",
            Action::HalfPageDown => "half_page_down",
            Action::MoveLeft => "move_left",
            Action::MoveRight => "move_right",
            Action::NextMatch => "next_match",
            Action::PrevMatch => "prev_match",
            Action::OpenFilter => "open_filter",
            Action::ToggleZoom => "toggle_zoom",
            Action::WidenList => "widen_list",
            Action::NarrowList => "narrow_list",
            Action::ToggleTimelineQuotes => "toggle_timeline_quotes",
            Action::OpenEditor => "open_editor",
            Action::OpenNetwork => "open_network",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::FocusPane(Pane::Overview) => "focus_overview",
            Action::FocusPane(Pane::Actors) => "focus_actors",
            Action::FocusPane(Pane::Timeline) => "focus_timeline",
            Action::FocusPane(Pane::Quotes) => "focus_quotes",
            Action::FocusPane(Pane::Changes) => "focus_changes",
            Action::CycleScope => "cycle_scope",
            Action::PickScope => "pick_scope",
            Action::EarlierView => "earlier_view",
            Action::LaterView => "later_view",
            Action::Activate => "activate",
            Action::FocusDetail => "focus_detail",
            Action::FocusList => "focus_list",
            Action::Back => "back",
            Action::Forward => "forward",
            Action::ToggleHelp => "toggle_help",
            Action::CloseOverlay => "close_overlay",
            Action::OpenSearch => "open_search",
            Action::OpenProblems => "open_problems",
            Action::Copy => "copy",
            Action::Suspend => "suspend",
            Action::ToggleRead => "toggle_read",
            Action::MarkAllRead => "mark_all_read",
            Action::ToggleBookmark => "toggle_bookmark",
            Action::OpenBookmarks => "open_bookmarks",
            Action::CursorLeft => "cursor_left",
            Action::CursorRight => "cursor_right",
            Action::CursorHome => "cursor_home",
            Action::CursorEnd => "cursor_end",
            Action::DeleteBack => "delete_back",
            Action::DeleteForward => "delete_forward",
            Action::DeleteWord => "delete_word",
            Action::ClearQuery => "clear_query",
            _ => return None,
        })
    }

    /// The bindable action with this name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE.iter().find(|a| a.name() == Some(name)).cloned()
    }

    /// Whether the user did this with the keyboard (or a paste). Such input clears the
    /// status line; the mouse and the outside world leave it alone.
    #[must_use]
    pub fn is_typed(&self) -> bool {
        self.name().is_some() || matches!(self, Action::Type(_) | Action::Paste(_))
    }
}

/// What `update` asks the outside world to do.
#[derive(Debug)]
pub enum Effect {
    /// Leave the browser.
    Quit,
    /// Suspend to the shell; the screen is redrawn on return.
    Suspend,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Run this search and answer with [`Action::SearchDone`]. Inline or on a worker is
    /// the event loop's choice.
    Search(SearchRequest),
    /// Reload the library from disk and answer with [`Action::Reloaded`].
    Reload,
    /// Write these changes to the reading state (in the background; a failure comes back
    /// as [`Action::Notify`]).
    SaveState(Vec<crate::state::Change>),
    /// Run a pane filter's search and answer with [`Action::SearchDone`] (its generation
    /// tells it apart). Inline for small libraries, else off the event loop.
    Filter(SearchRequest),
    /// Suspend the screen, run the editor on a file, and come back.
    OpenEditor(EditRequest),
}

/// A file to open in the user's editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditRequest {
    /// The file.
    pub path: std::path::PathBuf,
    /// The line to open it at, from 1, when known.
    pub line: Option<usize>,
    /// An item to find in the file when it is read: its table and id (see
    /// [`crate::model::locate`]), so the line is right even after edits.
    pub find: Option<(&'static str, String)>,
}

/// A search to run.
#[derive(Clone)]
pub struct SearchRequest {
    /// Increases with every request; results for an older one are dropped.
    pub generation: u64,
    /// The query as typed.
    pub query: String,
    /// The complete hits of a query that this one only narrows, to score only those.
    pub narrow: Option<Arc<[Hit]>>,
    /// The index to search.
    pub index: Arc<SearchIndex>,
    /// Whether briefings are searched too (see [`crate::search::Query::with_briefings`]):
    /// a pane's filter, as the Overview lists briefings.
    pub briefings: bool,
}

impl std::fmt::Debug for SearchRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchRequest")
            .field("generation", &self.generation)
            .field("query", &self.query)
            .field("narrow", &self.narrow.as_ref().map(|n| n.len()))
            .field("items", &self.index.len())
            .field("briefings", &self.briefings)
            .finish()
    }
}

/// The answer to a [`SearchRequest`].
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResults {
    /// The request's generation.
    pub generation: u64,
    /// The request's query.
    pub query: String,
    /// Ranked hits, or the message for a malformed query.
    pub hits: Result<Arc<[Hit]>, String>,
}

/// A library loaded from disk, with its search index built off the event loop.
#[derive(Clone)]
pub struct Loaded {
    /// The library.
    pub library: Library,
    /// What loading it found wrong.
    pub report: Report,
    /// Its search index.
    pub index: Arc<SearchIndex>,
}

impl Loaded {
    /// Builds the search index for a loaded library.
    #[must_use]
    pub fn new(library: Library, report: Report) -> Self {
        let index = Arc::new(SearchIndex::build(&library));
        Self {
            library,
            report,
            index,
        }
    }
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("briefings", &self.library.briefings.len())
            .field("problems", &self.report.diagnostics.len())
            .finish_non_exhaustive()
    }
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        self.library == other.library
            && self.report == other.report
            && Arc::ptr_eq(&self.index, &other.index)
    }
}

/// Where the last frame put things, as `update` needs them: click targets, how many rows
/// a page holds, and which row each scrolled view starts at. The draw records it; the
/// event loop hands it to `update` as [`Action::Drawn`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Geometry {
    /// The tab labels.
    pub tabs: Vec<(Rect, Pane)>,
    /// The current pane's list rows.
    pub list: Option<View>,
    /// The selected item's detail lines (its offset counts screen rows).
    pub detail: Option<View>,
    /// The search overlay's results, two screen rows each.
    pub results: Option<View>,
    /// The problems panel's rows.
    pub problems: Option<View>,
    /// The scope picker's or the bookmarks list's rows.
    pub picker: Option<View>,
    /// How far the help overlay can scroll.
    pub help_scroll_max: usize,
    /// How many of the help overlay's lines show at once.
    pub help_page: usize,
    /// The source reader's text (its offset counts screen rows).
    pub reader: Option<View>,
}

/// One scrolled view on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// Where its rows are drawn, inside any border.
    pub area: Rect,
    /// The first row (item or logical line) shown.
    pub offset: usize,
}

impl View {
    /// Screen rows in a page, at least one.
    #[must_use]
    pub fn page(&self) -> usize {
        usize::from(self.area.height).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindable_actions_have_unique_snake_case_names_that_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for action in &BINDABLE {
            let name = action.name().expect("a bindable action has a name");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
            assert!(seen.insert(name), "`{name}` is used twice");
            assert_eq!(Action::from_name(name).as_ref(), Some(action));
        }
        assert_eq!(Action::Type('x').name(), None);
        assert_eq!(Action::Click(1, 2).name(), None);
        assert_eq!(Action::from_name("no_such_action"), None);
    }
}
