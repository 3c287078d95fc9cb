//! The terminal's modes: entering and leaving the browser's screen, suspending, redrawing
//! from scratch, and the clipboard escape.

use std::io::{self, Write as _};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{Command as _, cursor, execute};

/// Puts the terminal into browsing mode.
///
/// # Errors
/// When the terminal refuses.
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Show
    )
}

/// Undoes everything [`enter`] did. Safe to call more than once.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Leaves the screen, stops the process as the shell expects, and comes back on `fg`.
///
/// # Errors
/// When the terminal cannot be set up again.
pub fn suspend<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()> {
    restore();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    // Resumed by SIGCONT.
    enter()?;
    full_redraw(terminal)
}

/// Clears the screen and forgets what was drawn, so the next frame draws every cell.
///
/// (`Terminal::clear` would ask the terminal for the cursor position, which not every
/// terminal answers.)
///
/// # Errors
/// When the terminal cannot be written to.
pub fn full_redraw<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()> {
    execute!(io::stdout(), Clear(ClearType::All))?;
    terminal.swap_buffers();
    Ok(())
}

/// Puts text on the system clipboard through the terminal (OSC 52), which works over SSH.
///
/// # Errors
/// When the terminal cannot be written to.
pub fn copy(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

/// The OSC 52 sequence that puts `text` on the clipboard.
#[must_use]
pub fn osc52(text: &str) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut out);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn osc52_encodes_exact_bytes() {
        assert_eq!(super::osc52("hi"), "\x1b]52;c;aGk=\x1b\\");
        assert_eq!(super::osc52("“x”"), "\x1b]52;c;4oCceOKAnQ==\x1b\\");
    }
}
