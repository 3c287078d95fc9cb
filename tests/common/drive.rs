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

/// The screen with its styles: each row of text, then under it a row of letters naming
/// each cell's style (a space for no style), then a legend of the letters. Readable in a
/// snapshot diff, so a theme change shows where and how the screen changed.
pub fn styled(terminal: &Terminal<TestBackend>) -> String {
    use std::fmt::Write as _;
    let buf = terminal.backend().buffer();
    let mut styles: Vec<ratatui::style::Style> = Vec::new();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let (mut text, mut mask) = (String::new(), String::new());
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            text.push_str(cell.symbol());
            // The terminal's own colours (`Reset`) are no colour.
            let mut style = cell.style();
            for c in [&mut style.fg, &mut style.bg, &mut style.underline_color] {
                if *c == Some(ratatui::style::Color::Reset) {
                    *c = None;
                }
            }
            let letter = if style == ratatui::style::Style::default() {
                ' '
            } else {
                let i = styles.iter().position(|s| *s == style).unwrap_or_else(|| {
                    styles.push(style);
                    styles.len() - 1
                });
                char::from_u32(u32::try_from(i).unwrap() + u32::from(b'A')).unwrap_or('?')
            };
            mask.push(letter);
        }
        let _ = writeln!(out, "{}", text.trim_end());
        let _ = writeln!(out, "{}", mask.trim_end());
    }
    out.push_str("legend:\n");
    for (i, s) in styles.iter().enumerate() {
        let letter = char::from_u32(u32::try_from(i).unwrap() + u32::from(b'A')).unwrap_or('?');
        let _ = writeln!(
            out,
            "  {letter} = fg {:?}, bg {:?}, {:?}",
            s.fg, s.bg, s.add_modifier
        );
    }
    out
}
