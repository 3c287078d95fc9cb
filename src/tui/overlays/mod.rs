//! What is drawn over the panes: help, search, problems, the scope picker, the bookmarks
//! list, the source reader, a pane's filter line and the network view. One overlay at a
//! time, each a module owning its state, its handling of actions and its drawing.
//!
//! Adding an overlay is a module, a variant of [`Overlay`] with its [`Mode`], and its arms
//! in [`Overlay::mode`] and the app's dispatch.

pub mod bookmarks;
pub mod common;
pub mod help;
pub mod network;
pub mod network_view;
pub mod problems;
pub mod reader;
pub mod reader_view;
pub mod scope;
pub mod search;
pub mod search_view;

use crate::tui::action::Mode;

/// The overlay that is open, with its state. The search overlay's state lives on while it
/// is closed (see [`search::SearchState`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Keys, syntax and symbols.
    Help(help::Help),
    /// The search query and results.
    Search,
    /// The diagnostics of the last load.
    Problems(problems::Problems),
    /// All briefings, a series, or one briefing.
    Scope(scope::ScopePicker),
    /// The bookmarked items.
    Bookmarks(bookmarks::BookmarkList),
    /// A source's text, with the cited passages marked.
    Reader(Box<reader::Reader>),
    /// The current pane's filter, being typed (the filter itself lives with the pane).
    Filter(crate::tui::line_editor::LineEditor),
    /// An actor's ego network.
    Network(network::Network),
}

impl Overlay {
    /// The keys that are live while it is open.
    #[must_use]
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Help(_) => Mode::Help,
            Overlay::Search => Mode::Search,
            Overlay::Problems(_) => Mode::Problems,
            Overlay::Scope(_) => Mode::Scope,
            Overlay::Bookmarks(_) => Mode::Bookmarks,
            Overlay::Reader(_) => Mode::Reader,
            Overlay::Filter(_) => Mode::Filter,
            Overlay::Network(_) => Mode::Network,
        }
    }
}
