//! The interactive browser: terminal setup and teardown, the event loop, and the glue
//! between input, [`app::App::update`] and [`view::draw`].
//!
//! The terminal is restored on every way out: quit, error, panic, and SIGTERM, SIGHUP and
//! SIGINT. Ctrl-Z suspends and `fg` redraws. The loop redraws after events only; there is
//! no busy tick.

pub mod app;
pub mod detail;
pub mod keymap;
mod mouse;
mod overlay;
pub mod panes;
pub mod reload;
pub mod search;
pub mod text;
pub mod theme;
pub mod view;

use std::io::{self, Write as _};
use std::sync::mpsc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use app::{Action, App};
use keymap::Mode;

/// What wakes the event loop.
enum Wake {
    Input(Event),
    InputClosed,
    Signal(i32),
    /// Watched files changed.
    FilesChanged,
    /// Background search results.
    Search(search::Response),
    /// A background reload finished.
    Reloaded(Box<Result<(crate::model::Library, crate::model::Report), String>>),
}

/// Puts the terminal into browsing mode.
fn enter() -> io::Result<()> {
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

/// Maps a terminal event to an action, given the mode.
pub fn action_for(mode: Mode, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::lookup(mode, key).or_else(|| match key.code {
                KeyCode::Char(c)
                    if mode == Mode::Search
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
        _ => None,
    }
}

/// Runs the browser until the user quits. Returns the process exit code.
///
/// # Errors
/// When the terminal cannot be set up or written to.
pub fn run(mut app: App, reloader: Option<crate::model::Loader>) -> io::Result<u8> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    enter()?;
    let result = event_loop(&mut app, reloader);
    restore();
    result
}

fn spawn_input(tx: mpsc::Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Wake::Input(ev)).is_err() {
                        break;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Wake::InputClosed);
                    break;
                }
            }
        }
    });
}

fn spawn_signals(tx: mpsc::Sender<Wake>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if tx.send(Wake::Signal(sig)).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Leaves the screen, stops the process as the shell expects, and comes back on `fg`.
fn suspend<B: ratatui::backend::Backend>(terminal: &mut Terminal<B>) -> io::Result<()> {
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
fn full_redraw<B: ratatui::backend::Backend>(terminal: &mut Terminal<B>) -> io::Result<()> {
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    terminal.swap_buffers();
    Ok(())
}

fn event_loop(app: &mut App, reloader: Option<crate::model::Loader>) -> io::Result<u8> {
    let backend = CrosstermBackend::new(io::stdout());
    let mut terminal = Terminal::new(backend)?;
    full_redraw(&mut terminal)?;
    let (tx, rx) = mpsc::channel();
    spawn_input(tx.clone());
    spawn_signals(tx.clone())?;
    let reloader = reloader.map(|r| std::sync::Arc::new(std::sync::Mutex::new(r)));
    let _watcher = match &reloader {
        Some(r) => {
            let paths = r.lock().map(|r| r.paths().to_vec()).unwrap_or_default();
            match reload::watch(&paths, reload::send_on(tx.clone(), || Wake::FilesChanged)) {
                Ok(w) => Some(w),
                Err(e) => {
                    app.status = Some(format!("live reload is off: {e}"));
                    None
                }
            }
        }
        None => None,
    };
    let (mut reloading, mut dirty) = (false, false);
    let search_tx = tx.clone();
    app.search.start_worker(move |r| {
        let _ = search_tx.send(Wake::Search(r));
    });
    let test_panic = std::env::var_os("BRIEFING_TEST_PANIC").is_some();
    loop {
        terminal.draw(|f| view::draw(f, app))?;
        if test_panic {
            panic!("forced panic for testing (BRIEFING_TEST_PANIC is set)");
        }
        // While a background search runs, wake up now and then to show its progress.
        let first = if app.search.pending {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(wake) => wake,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
            }
        } else {
            let Ok(wake) = rx.recv() else { return Ok(0) };
            wake
        };
        let mut pending = vec![first];
        // Coalesce what has already arrived into one redraw.
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(0)) {
            pending.push(more);
        }
        for wake in pending {
            match wake {
                Wake::InputClosed => return Ok(0),
                Wake::Signal(sig) => match sig {
                    signal_hook::consts::SIGTSTP => suspend(&mut terminal)?,
                    signal_hook::consts::SIGCONT => {
                        enter()?;
                        full_redraw(&mut terminal)?;
                    }
                    other => return Ok(u8::try_from(128 + other).unwrap_or(1)),
                },
                Wake::Input(Event::Paste(text)) => {
                    if app.mode() == Mode::Search {
                        app.search.paste(&text);
                    }
                }
                Wake::Input(Event::Resize(..)) => terminal.autoresize()?,
                Wake::Search(response) => app.search.receive(response),
                Wake::FilesChanged => {
                    if reloading {
                        dirty = true;
                    } else if let Some(r) = &reloader {
                        reloading = true;
                        start_reload(r.clone(), tx.clone());
                    }
                }
                Wake::Reloaded(result) => {
                    reloading = false;
                    match *result {
                        Ok((lib, report)) => app.swap_library(lib, report),
                        Err(e) => app.status = Some(format!("reload failed: {e}")),
                    }
                    if std::mem::take(&mut dirty)
                        && let Some(r) = &reloader
                    {
                        reloading = true;
                        start_reload(r.clone(), tx.clone());
                    }
                }
                Wake::Input(ev) => {
                    if let Some(action) = action_for(app.mode(), &ev) {
                        app.update(action);
                    }
                }
            }
            if app.quit {
                return Ok(0);
            }
            if std::mem::take(&mut app.suspend) {
                suspend(&mut terminal)?;
            }
            if let Some(text) = app.clipboard.take() {
                let mut out = io::stdout().lock();
                out.write_all(osc52(&text).as_bytes())?;
                out.flush()?;
            }
        }
    }
}

/// Reloads on a worker thread and reports back on the event channel.
fn start_reload(
    reloader: std::sync::Arc<std::sync::Mutex<crate::model::Loader>>,
    tx: mpsc::Sender<Wake>,
) {
    std::thread::spawn(move || {
        let result = match reloader.lock() {
            Ok(mut r) => r.load(),
            Err(_) => Err("the reloader failed earlier".to_owned()),
        };
        let _ = tx.send(Wake::Reloaded(Box::new(result)));
    });
}

/// The OSC 52 sequence that puts `text` on the system clipboard, which works over SSH.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn osc52_encodes_exact_bytes() {
        assert_eq!(super::osc52("hi"), "\x1b]52;c;aGk=\x07");
        assert_eq!(super::osc52("“x”"), "\x1b]52;c;4oCceOKAnQ==\x07");
    }
}
