//! The four panes: which rows each shows for a scope, and how a row is drawn.
//!
//! Rows are built once per scope change; drawing builds only the rows on screen.

pub mod actors;
pub mod overview;
pub mod quotes;
pub mod timeline;

use ratatui::text::Span;

use super::app::Pane;
use super::theme::Theme;
use crate::model::{ItemRef, Library};

/// Which briefings the Actors, Timeline and Quotes panes show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Briefing(usize),
}

impl Scope {
    pub fn label(self, lib: &Library) -> String {
        match self {
            Scope::All if lib.briefings.len() == 1 => lib.briefings[0].title.safe().to_owned(),
            Scope::All => format!("all {} briefings", lib.briefings.len()),
            Scope::Briefing(b) => lib.briefings[b].title.safe().to_owned(),
        }
    }
}

/// A list row: an item, or a group header such as a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Item(ItemRef),
    Header(String),
}

/// The rows of a pane for a scope.
pub fn rows(lib: &Library, pane: Pane, scope: Scope) -> Vec<Row> {
    match pane {
        Pane::Overview => overview::rows(lib),
        Pane::Actors => actors::rows(lib, scope),
        Pane::Timeline => timeline::rows(lib, scope),
        Pane::Quotes => quotes::rows(lib, scope),
    }
}

/// How many list rows have been built, ever: lets a test prove that a frame builds only
/// the visible rows, without timing anything.
pub static ROWS_BUILT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The spans of one row, at most `width` columns wide (the caller cuts with `…`).
pub fn row_spans(lib: &Library, row: &Row, theme: &Theme, width: usize) -> Vec<Span<'static>> {
    ROWS_BUILT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    match row {
        Row::Header(label) => vec![Span::styled(format!("── {label} "), theme.heading)],
        Row::Item(ItemRef::Briefing(b)) => overview::briefing_row(lib, *b, theme),
        Row::Item(ItemRef::Source(s)) => overview::source_row(lib, *s, theme),
        Row::Item(ItemRef::Actor(a)) => actors::row(lib, *a, theme, width),
        Row::Item(ItemRef::Event(e)) => timeline::row(lib, *e, theme),
        Row::Item(ItemRef::Quote(q)) => quotes::row(lib, *q, theme),
    }
}
