//! Which briefings the panes show: all of them, or one.

use crate::model::Library;

/// Which briefings the Actors, Timeline and Quotes panes show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every briefing in the library.
    All,
    /// One briefing, by index.
    Briefing(usize),
}

impl Scope {
    /// The scope a library opens in: its only briefing, or all of them.
    #[must_use]
    pub fn initial(lib: &Library) -> Self {
        if lib.briefings.len() == 1 {
            Scope::Briefing(0)
        } else {
            Scope::All
        }
    }

    /// What the header calls it.
    #[must_use]
    pub fn label(self, lib: &Library) -> String {
        match self {
            Scope::All if lib.briefings.len() == 1 => lib.briefings[0].title.safe().to_owned(),
            Scope::All => format!("all {} briefings", lib.briefings.len()),
            Scope::Briefing(b) => lib.briefings[b].title.safe().to_owned(),
        }
    }
}
