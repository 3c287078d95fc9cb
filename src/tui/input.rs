//! Terminal events as actions: keys through the keymap, typing in the search overlay, the
//! mouse, pastes and resizes.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::action::{Action, Mode};
use super::keymap::Keymap;

/// The action a terminal event asks for in a mode, if any.
#[must_use]
pub fn action_for(keys: &Keymap, mode: Mode, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keys.lookup(mode, key).or_else(|| match key.code {
                KeyCode::Char(c)
                    if mode.types()
                        && !key
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::Type(c))
                }
                _ => None,
            })
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown(m.column, m.row)),
            _ => None,
        },
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}
