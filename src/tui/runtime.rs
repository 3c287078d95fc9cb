//! The event loop: turns terminal events, signals, search answers and file changes into
//! actions for [`App::update`], carries out the effects it returns, and redraws.
//!
//! The terminal is restored on every way out: quit, error, panic, and SIGTERM, SIGHUP and
//! SIGINT. Ctrl-Z suspends and `fg` redraws. The loop redraws after events only; there is
//! no busy tick: a long search reports its progress as actions of its own.
//!
//! A library given by paths is loaded on a thread while the loading screen shows, so the
//! first frame never waits for the load: the load reports its progress (throttled) as
//! [`Action::LoadProgress`] and its end as [`Action::Loaded`]. A load that ends within
//! [`FIRST_FRAME_WAIT`] is shown at once, without a loading screen in between.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};

use super::action::{Action, Effect, Loaded};
use super::app::App;
use super::input::action_for;
use super::reload::{self, Reloader};
use super::terminal::{self, enter, full_redraw, restore, suspend};
use super::view;
use super::worker::{self, Worker};
use crate::model::progress::{Phase, Progress};
use crate::model::{Library, Report};

/// How long the first frame waits for a load that may finish at once (a few files), so
/// that small libraries never flash a loading screen. Well inside the 50 ms budget.
pub const FIRST_FRAME_WAIT: Duration = Duration::from_millis(25);

/// How often the first load reports its progress.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// The first load, run on a thread while the loading screen shows. It gets the reloader
/// (when watching, the first load goes through it so that it knows each file's last good
/// version) and a progress counter, and returns the library.
pub type LoadJob = Box<dyn FnOnce(Option<&mut Reloader>, &Progress) -> LoadResult + Send>;

/// What the first load gives: the library and its report, with a note for the status line
/// (such as a cache that could not be used), or why nothing could be loaded.
pub type LoadResult = Result<(Library, Report, Option<String>), String>;

/// Libraries up to this many searchable items are searched inline: faster than a frame.
/// Larger ones are searched on the worker, so typing never waits.
pub const INLINE_LIMIT: usize = 20_000;

/// What wakes the event loop.
enum Wake {
    Input(Event),
    InputClosed,
    Signal(i32),
    /// An action from another thread: search results, file changes, a finished reload.
    Action(Action),
    /// The file watcher is set up (it walks the folders, so it is set up on a thread).
    Watching(Result<reload::Watcher, String>),
}

/// Runs the browser until the user quits. Returns the process exit code. With a `load`,
/// the app should be [`App::loading`]: the load runs on a thread and its library arrives
/// as [`Action::Loaded`].
///
/// # Errors
/// When the terminal cannot be set up or written to.
pub fn run(mut app: App, reloader: Option<Reloader>, load: Option<LoadJob>) -> io::Result<u8> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    enter()?;
    let result = event_loop(&mut app, reloader, load);
    restore();
    result
}

/// The threads and handles that carry effects out.
struct World {
    tx: Sender<Wake>,
    worker: Worker,
    reloader: Option<Arc<Mutex<Reloader>>>,
}

fn event_loop(app: &mut App, reloader: Option<Reloader>, load: Option<LoadJob>) -> io::Result<u8> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    full_redraw(&mut terminal)?;
    let (tx, rx) = mpsc::channel();
    spawn_input(tx.clone());
    spawn_signals(tx.clone())?;
    let search_tx = tx.clone();
    let world = World {
        worker: Worker::start(move |a| {
            let _ = search_tx.send(Wake::Action(a));
        }),
        reloader: reloader.map(|r| Arc::new(Mutex::new(r))),
        tx,
    };
    // Setting up the watcher walks the folders, which takes a while for a big library: it
    // runs on a thread, started before the load so that it misses no change the load could.
    // The first load locks the reloader, so the paths are taken first.
    let watch_paths = world
        .reloader
        .as_ref()
        .and_then(|r| r.lock().ok().map(|r| r.paths().to_vec()));
    let mut _watcher = None;
    let mut watching = match watch_paths {
        Some(paths) => {
            watch_in_background(paths, world.tx.clone());
            false
        }
        None => true,
    };
    if let Some(job) = load {
        load_in_background(job, world.reloader.clone(), world.tx.clone());
    }
    let test_panic = std::env::var_os("BRIEFING_TEST_PANIC").is_some();
    // Until this passes or the load ends, the first frame waits.
    let mut hold = app.is_loading().then(|| Instant::now() + FIRST_FRAME_WAIT);
    loop {
        if hold.is_none() {
            view::render(&mut terminal, app)?;
            assert!(
                !test_panic,
                "forced panic for testing (BRIEFING_TEST_PANIC is set)"
            );
        }
        let first = match hold {
            Some(until) => match rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok(wake) => wake,
                Err(RecvTimeoutError::Timeout) => {
                    hold = None;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(0),
            },
            None => match rx.recv() {
                Ok(wake) => wake,
                Err(_) => return Ok(0),
            },
        };
        // Coalesce what has already arrived into one redraw.
        for wake in std::iter::once(first).chain(rx.try_iter()) {
            let action = match wake {
                Wake::InputClosed => return Ok(0),
                Wake::Signal(sig) => {
                    match sig {
                        signal_hook::consts::SIGTSTP => suspend(&mut terminal)?,
                        signal_hook::consts::SIGCONT => {
                            enter()?;
                            full_redraw(&mut terminal)?;
                        }
                        other => return Ok(u8::try_from(128 + other).unwrap_or(1)),
                    }
                    continue;
                }
                Wake::Input(ev) => {
                    if let Event::Resize(..) = ev {
                        terminal
                            .autoresize()
                            .map_err(|e| io::Error::other(e.to_string()))?;
                    }
                    match action_for(app.keys(), app.mode(), &ev) {
                        Some(action) => action,
                        None => continue,
                    }
                }
                Wake::Action(action) => action,
                Wake::Watching(Ok(w)) => {
                    _watcher = Some(w);
                    watching = true;
                    continue;
                }
                Wake::Watching(Err(e)) => {
                    watching = true;
                    Action::Notify(format!("live reload is off: {e}"))
                }
            };
            if let Some(code) = carry_out(app, action, &mut terminal, &world)? {
                return Ok(code);
            }
        }
        // The first frame waits for a quick load and the watcher, within its deadline.
        if !app.is_loading() && watching {
            hold = None;
        }
    }
}

/// Runs the first load on a thread, reporting progress and then [`Action::Loaded`]. The
/// search index is built there too, so the library arrives searchable.
fn load_in_background(job: LoadJob, reloader: Option<Arc<Mutex<Reloader>>>, tx: Sender<Wake>) {
    std::thread::spawn(move || {
        let progress_tx = tx.clone();
        let progress = Progress::new(PROGRESS_EVERY, move |snap| {
            let _ = progress_tx.send(Wake::Action(Action::LoadProgress(snap)));
        });
        let loaded = match &reloader {
            Some(r) => match r.lock() {
                Ok(mut r) => job(Some(&mut r), &progress),
                Err(_) => Err("the loader failed".to_owned()),
            },
            None => job(None, &progress),
        };
        let mut note = None;
        let result = loaded.map(|(library, report, n)| {
            note = n;
            progress.phase(Phase::Indexing);
            Loaded::new(library, report)
        });
        let _ = tx.send(Wake::Action(Action::Loaded(Box::new(result))));
        if let Some(note) = note {
            let _ = tx.send(Wake::Action(Action::Notify(note)));
        }
    });
}

/// Applies an action and carries out the effects, feeding inline search results straight
/// back. Returns the exit code when the app quits.
fn carry_out(
    app: &mut App,
    action: Action,
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    world: &World,
) -> io::Result<Option<u8>> {
    let mut queue = VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in app.update(action) {
            match effect {
                Effect::Quit => return Ok(Some(0)),
                Effect::Suspend => suspend(terminal)?,
                Effect::Copy(text) => terminal::copy(&text)?,
                Effect::Search(req) if req.index.len() <= INLINE_LIMIT => {
                    queue.push_back(Action::SearchDone(worker::run_now(&req)));
                }
                Effect::Search(req) => world.worker.submit(req),
                Effect::Reload => {
                    if let Some(reloader) = &world.reloader {
                        reload_in_background(reloader.clone(), world.tx.clone());
                    }
                }
            }
        }
    }
    Ok(None)
}

/// Sets up a watcher of `paths` on a thread and hands it over as [`Wake::Watching`]; a
/// change then arrives as [`Action::FilesChanged`].
fn watch_in_background(paths: Vec<PathBuf>, tx: Sender<Wake>) {
    std::thread::spawn(move || {
        let notify = reload::send_on(tx.clone(), || Wake::Action(Action::FilesChanged));
        let _ = tx.send(Wake::Watching(reload::watch(&paths, notify)));
    });
}

/// Reloads on a worker thread, builds the new search index there too, and reports back
/// as [`Action::Reloaded`].
fn reload_in_background(reloader: Arc<Mutex<Reloader>>, tx: Sender<Wake>) {
    std::thread::spawn(move || {
        let loaded = match reloader.lock() {
            Ok(mut r) => r.load(),
            Err(_) => Err("the reloader failed earlier".to_owned()),
        };
        let result = loaded.map(|(library, report)| Loaded::new(library, report));
        let _ = tx.send(Wake::Action(Action::Reloaded(Box::new(result))));
    });
}

fn spawn_input(tx: Sender<Wake>) {
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

fn spawn_signals(tx: Sender<Wake>) -> io::Result<()> {
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
