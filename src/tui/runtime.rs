//! The event loop: turns terminal events, signals, search answers and file changes into
//! actions for [`App::update`], carries out the effects it returns, and redraws.
//!
//! The terminal is restored on every way out: quit, error, panic, and SIGTERM, SIGHUP and
//! SIGINT. Ctrl-Z suspends and `fg` redraws. The loop redraws after events only; there is
//! no busy tick: a long search reports its progress as actions of its own, and the read
//! timer ticks only while an unread item's detail is on screen.
//!
//! A library given by paths is loaded on a thread while the loading screen shows, so the
//! first frame never waits for the load: the load reports its progress (throttled) as
//! [`Action::LoadProgress`] and its end as [`Action::Loaded`]. A load that ends within
//! [`FIRST_FRAME_WAIT`] is shown at once, without a loading screen in between.
//!
//! Reading state is saved on a thread of its own as the app hands out changes, and the
//! last position once more on the way out, however the loop ended.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};

use super::action::{Action, EditRequest, Effect, Loaded};
use super::app::App;
use super::input::action_for;
use super::reload::{self, Reloader};
use super::terminal::{self, enter, full_redraw, restore, suspend};
use super::timer::Timer;
use super::view;
use super::worker::{self, Worker};
use crate::model::progress::Progress;
use crate::state::{Change, Store};

/// How long the first frame waits for a load that may finish at once (a few files), so
/// that small libraries never flash a loading screen. Well inside the 50 ms budget.
pub const FIRST_FRAME_WAIT: Duration = Duration::from_millis(25);

/// How often the first load reports its progress.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// The first load, run on a thread while the loading screen shows. It gets the reloader
/// (when watching, the first load goes through it so that it knows each file's last good
/// version) and a progress counter, and returns the library.
pub type LoadJob = Box<dyn FnOnce(Option<&mut Reloader>, &Progress) -> LoadResult + Send>;

/// What the first load gives: the library, its report and its search index, with a note
/// for the status line (such as a cache that could not be used), or why nothing could be
/// loaded.
pub type LoadResult = Result<(Loaded, Option<String>), String>;

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
pub fn run(app: App, reloader: Option<Reloader>, load: Option<LoadJob>) -> io::Result<u8> {
    run_with_state(app, reloader, load, Store::off())
}

/// Runs the browser like [`run`], saving reading state to `store` as it changes and the
/// last position when the browser closes.
///
/// # Errors
/// When the terminal cannot be set up or written to.
pub fn run_with_state(
    mut app: App,
    reloader: Option<Reloader>,
    load: Option<LoadJob>,
    store: Store,
) -> io::Result<u8> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    enter()?;
    let (tx, rx) = mpsc::channel();
    let notify = tx.clone();
    let (saver, saved) = spawn_saver(store, move |message| {
        let _ = notify.send(Wake::Action(Action::Notify(message)));
    });
    let result = event_loop(&mut app, (reloader, load), &saver, (tx, rx));
    restore();
    // Quitting before the library is there leaves the last position as it was.
    if app.reading().is_on() && !app.is_loading() {
        let _ = saver.send(vec![Change::Session(app.session())]);
    }
    drop(saver);
    if let Ok(Some(message)) = saved.join() {
        eprintln!("warning: {}", crate::model::text::safe_message(&message));
    }
    result
}

/// Saves batches of changes on a thread of its own, so a slow disk never stalls the
/// screen. The first failure is reported on the status line (and returned when the thread
/// ends, for stderr); later ones are not repeated.
fn spawn_saver(
    mut store: Store,
    notify: impl Fn(String) + Send + 'static,
) -> (Sender<Vec<Change>>, std::thread::JoinHandle<Option<String>>) {
    let (tx, rx) = mpsc::channel::<Vec<Change>>();
    let handle = std::thread::spawn(move || {
        let mut failed: Option<String> = None;
        while let Ok(mut batch) = rx.recv() {
            batch.extend(rx.try_iter().flatten());
            if let Err(e) = store.save(&batch)
                && failed.is_none()
            {
                notify(format!("reading state: {e}"));
                failed = Some(e);
            }
        }
        failed
    });
    (tx, handle)
}

/// The threads and handles that carry effects out.
struct World {
    tx: Sender<Wake>,
    worker: Worker,
    reloader: Option<Arc<Mutex<Reloader>>>,
    saver: Sender<Vec<Change>>,
    /// Stops the input thread from reading the terminal while an editor runs.
    gate: Arc<Gate>,
    /// An editor has the terminal: Ctrl-C and Ctrl-Z are its, not ours.
    child: Arc<AtomicBool>,
}
/// Lets the event loop pause the input thread, so that a program it runs in the terminal
/// gets every key.
#[derive(Default)]
struct Gate {
    /// (a pause is wanted, the input thread has stopped reading)
    state: Mutex<(bool, bool)>,
    changed: Condvar,
}

impl Gate {
    /// Asks the input thread to stop reading, and waits until it has (it looks every
    /// [`INPUT_POLL`]).
    fn pause(&self) {
        let Ok(mut s) = self.state.lock() else { return };
        *s = (true, false);
        let _ = self
            .changed
            .wait_timeout_while(s, Duration::from_secs(1), |s| !s.1);
    }

    fn resume(&self) {
        if let Ok(mut s) = self.state.lock() {
            *s = (false, false);
        }
        self.changed.notify_all();
    }

    /// The input thread's stop: waits here while a pause is wanted.
    fn checkpoint(&self) {
        let Ok(mut s) = self.state.lock() else { return };
        if s.0 {
            s.1 = true;
            self.changed.notify_all();
            while s.0 {
                s = match self.changed.wait(s) {
                    Ok(s) => s,
                    Err(_) => return,
                };
            }
        }
    }
}

/// How long the input thread waits for a key before it looks at the gate again.
const INPUT_POLL: Duration = Duration::from_millis(50);

fn event_loop(
    app: &mut App,
    (reloader, load): (Option<Reloader>, Option<LoadJob>),
    saver: &Sender<Vec<Change>>,
    (tx, rx): (Sender<Wake>, mpsc::Receiver<Wake>),
) -> io::Result<u8> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    full_redraw(&mut terminal)?;
    let world = start_world(reloader, saver, tx)?;
    let timer_tx = world.tx.clone();
    let mut timer = Timer::start(move |a| {
        let _ = timer_tx.send(Wake::Action(a));
    });
    let mut _watcher = None;
    let mut watching = start_watching(&world);
    if let Some(job) = load {
        load_in_background(job, world.reloader.clone(), world.tx.clone());
    }
    let test_panic = std::env::var_os("BRIEFING_TEST_PANIC").is_some();
    // Until this passes or the load ends, the first frame waits.
    let mut hold = app.is_loading().then(|| Instant::now() + FIRST_FRAME_WAIT);
    loop {
        if hold.is_none() {
            view::render(&mut terminal, app)?;
            timer.watch(app.read_watch());
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
                    if let Some(code) = on_signal(sig, &mut terminal)? {
                        return Ok(code);
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

/// Starts the threads that wake the loop (input, signals, the search worker) and gathers
/// the handles that carry effects out.
fn start_world(
    reloader: Option<Reloader>,
    saver: &Sender<Vec<Change>>,
    tx: Sender<Wake>,
) -> io::Result<World> {
    let gate = Arc::new(Gate::default());
    let child = Arc::new(AtomicBool::new(false));
    spawn_input(tx.clone(), gate.clone());
    spawn_signals(tx.clone(), child.clone())?;
    let search_tx = tx.clone();
    Ok(World {
        worker: Worker::start(move |a| {
            let _ = search_tx.send(Wake::Action(a));
        }),
        reloader: reloader.map(|r| Arc::new(Mutex::new(r))),
        saver: saver.clone(),
        tx,
        gate,
        child,
    })
}

/// Starts setting up the file watcher when there is a reloader. Returns whether the loop
/// is as good as watching already: true when there is nothing to watch.
fn start_watching(world: &World) -> bool {
    // Setting up the watcher walks the folders, which takes a while for a big library: it
    // runs on a thread, started before the load so that it misses no change the load could.
    // The first load locks the reloader, so the paths are taken first.
    let watch_paths = world
        .reloader
        .as_ref()
        .and_then(|r| r.lock().ok().map(|r| r.paths().to_vec()));
    match watch_paths {
        Some(paths) => {
            watch_in_background(paths, world.tx.clone());
            false
        }
        None => true,
    }
}

/// Suspends on Ctrl-Z and redraws on `fg`; any other signal ends the loop, and the exit
/// code it should end with (128 and the signal's number) is returned.
fn on_signal(
    sig: i32,
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
) -> io::Result<Option<u8>> {
    match sig {
        signal_hook::consts::SIGTSTP => suspend(terminal)?,
        signal_hook::consts::SIGCONT => {
            enter()?;
            full_redraw(terminal)?;
        }
        other => return Ok(Some(u8::try_from(128 + other).unwrap_or(1))),
    }
    Ok(None)
}

/// How long after handing the first load over its thread waits before it gives the
/// memory the load freed back to the system: long enough for the first frame.
const RELEASE_AFTER: Duration = Duration::from_millis(250);

/// Runs the first load on a thread, reporting progress and then [`Action::Loaded`]. The
/// search index is built there too, so the library arrives searchable.
fn load_in_background(job: LoadJob, reloader: Option<Arc<Mutex<Reloader>>>, tx: Sender<Wake>) {
    crate::model::spawn_parser(move || {
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
        let result = loaded.map(|(loaded, n)| {
            note = n;
            loaded
        });
        let _ = tx.send(Wake::Action(Action::Loaded(Box::new(result))));
        if let Some(note) = note {
            let _ = tx.send(Wake::Action(Action::Notify(note)));
        }
        // Once the library is on screen: what building it freed goes back to the system.
        // The first frame is drawn first, on cores this would otherwise take.
        std::thread::sleep(RELEASE_AFTER);
        crate::model::release_memory();
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
                Effect::Search(req) | Effect::Filter(req) if req.index.len() <= INLINE_LIMIT => {
                    queue.push_back(Action::SearchDone(worker::run_now(&req)));
                }
                Effect::Search(req) => world.worker.submit(req),
                Effect::SaveState(changes) => {
                    let _ = world.saver.send(changes);
                }
                Effect::Reload => {
                    if let Some(reloader) = &world.reloader {
                        reload_in_background(reloader.clone(), world.tx.clone());
                    }
                }
                Effect::Filter(req) => {
                    // Off the loop; an answer for a superseded query is dropped on arrival.
                    let tx = world.tx.clone();
                    std::thread::spawn(move || {
                        let results = worker::run_now(&req);
                        let _ = tx.send(Wake::Action(Action::SearchDone(results)));
                    });
                }
                Effect::OpenEditor(req) => {
                    let message = run_editor(&req, terminal, world)?;
                    queue.push_back(Action::Notify(message));
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
    crate::model::spawn_parser(move || {
        let loaded = match reloader.lock() {
            Ok(mut r) => r.load(),
            Err(_) => Err("the reloader failed earlier".to_owned()),
        };
        let result = loaded.map(|(library, report)| Loaded::new(library, report));
        let _ = tx.send(Wake::Action(Action::Reloaded(Box::new(result))));
        crate::model::release_memory();
    });
}

/// Runs the user's editor on a file, with the terminal handed over to it and taken back
/// after. Returns what the status line should say.
fn run_editor(
    req: &EditRequest,
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    world: &World,
) -> io::Result<String> {
    let line = req.line.or_else(|| {
        let (table, id) = req.find.as_ref()?;
        let bytes = crate::model::read_file(&req.path).ok()?;
        crate::model::locate::line_of(std::str::from_utf8(&bytes).ok()?, table, id)
    });
    let cmd = super::editor::command(
        std::env::var_os("VISUAL").as_deref(),
        std::env::var_os("EDITOR").as_deref(),
        &req.path,
        line,
    );
    world.gate.pause();
    world.child.store(true, Ordering::SeqCst);
    restore();
    let status = std::process::Command::new(&cmd.program)
        .args(&cmd.args)
        .status();
    let back = enter().and_then(|()| full_redraw(terminal));
    world.child.store(false, Ordering::SeqCst);
    world.gate.resume();
    back?;
    let program = crate::model::text::safe_line(&cmd.program.to_string_lossy());
    let place = format!(
        "{}{}",
        crate::model::diag::display_path(&req.path),
        line.map(|l| format!(":{l}")).unwrap_or_default()
    );
    Ok(match status {
        Ok(s) if s.success() => format!("back from {program} ({place})"),
        Ok(s) => format!("{program} exited with {s} ({place})"),
        Err(e) => format!("cannot run the editor `{program}`: {e} (set $VISUAL or $EDITOR)"),
    })
}

fn spawn_input(tx: Sender<Wake>, gate: Arc<Gate>) {
    std::thread::spawn(move || {
        loop {
            gate.checkpoint();
            match event::poll(INPUT_POLL).and_then(|ready| ready.then(event::read).transpose()) {
                Ok(None) => {}
                Ok(Some(ev)) => {
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

fn spawn_signals(tx: Sender<Wake>, child: Arc<AtomicBool>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            // Keys the editor's user presses reach our process group too: they are its.
            if child.load(Ordering::SeqCst) && [SIGINT, SIGTSTP, SIGCONT].contains(&sig) {
                continue;
            }
            if tx.send(Wake::Signal(sig)).is_err() {
                break;
            }
        }
    });
    Ok(())
}
