//! Driving `App::update` without a terminal: searches run inline, as the event loop runs
//! them for small libraries, and frames are drawn on a test backend.

use briefing::tui::action::{Action, Effect};
use briefing::tui::app::App;
use briefing::tui::{view, worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Applies an action, runs any search it asks for and applies the results; returns the
/// other effects.
pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let mut out = Vec::new();
    let mut queue = vec![action];
    while let Some(action) = queue.pop() {
        for effect in app.update(action) {
            match effect {
                Effect::Search(req) | Effect::Filter(req) => {
                    queue.push(Action::SearchDone(worker::run_now(&req)));
                }
                other => out.push(other),
            }
        }
    }
    out
}

/// Applies actions one after the other, ignoring their effects.
pub fn acts(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        act(app, action);
    }
}

/// Types text into the search overlay, key by key.
pub fn type_text(app: &mut App, text: &str) {
    acts(app, text.chars().map(Action::Type));
}

/// Draws a frame at a size and hands its geometry to the app.
pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    view::render(&mut terminal, app).unwrap();
    terminal
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
