//! What the overlays share: what handling an action can lead to, and the box they are
//! drawn in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Block;

use crate::model::ItemRef;
use crate::tui::action::Effect;
use crate::tui::theme::Theme;

/// What the app has to do after an overlay handled an action.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing more; the overlay stays open.
    Stay,
    /// Close the overlay.
    Close,
    /// Leave the browser.
    Quit,
    /// Close the overlay and go to this item, recording the way back.
    Open(ItemRef),
    /// Say this on the status line.
    Status(String),
    /// Carry out this effect; the overlay stays open.
    Effect(Effect),
    /// Close the overlay and show this scope.
    Scope(crate::model::Scope),
    /// Remove the bookmark with this id; the overlay stays open.
    Unbookmark(String),
    /// Go back in the history, as Backspace does while browsing.
    Back,
}

/// A centred rectangle of at most `w` × `h` in `area`.
#[must_use]
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clears an area and draws a bordered overlay box, returning its inner area. A wide
/// character of the pane below that reaches into the box gives way to it.
pub fn overlay_box(frame: &mut Frame<'_>, theme: &Theme, area: Rect, title: &str) -> Rect {
    crate::tui::cells::clear(frame.buffer_mut(), area);
    let b = Block::bordered()
        .border_style(theme.border_focus)
        .title(Span::styled(format!(" {title} "), theme.border_focus));
    let inner = b.inner(area);
    frame.render_widget(b, area);
    inner
}

/// An overlay title: a name, then hints such as "Enter opens", each only if its key
/// exists, joined with " · ".
#[must_use]
pub fn title(name: &str, hints: impl IntoIterator<Item = Option<String>>) -> String {
    let mut out = name.to_owned();
    for hint in hints.into_iter().flatten() {
        out.push_str(" · ");
        out.push_str(&hint);
    }
    out
}
