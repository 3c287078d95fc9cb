//! Live reload: the browser's side. What to reload and how a broken file falls back to its
//! last good version is [`crate::model::Loader`]'s policy, and which changes matter is
//! [`crate::model::watch`]'s. The app swaps the result in
//! ([`crate::tui::action::Action::Reloaded`]); the event loop runs the load on a thread.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

/// Loads the paths given on the command line, with each file's last good version.
pub type Reloader = crate::model::Loader;

/// A running watcher; dropping it stops watching.
pub type Watcher = crate::model::watch::Watcher;

/// Watches paths and calls `notify` (debounced) when a briefing under them changes.
///
/// # Errors
/// When the watcher cannot be set up.
pub fn watch(paths: &[PathBuf], notify: impl Fn() + Send + 'static) -> Result<Watcher, String> {
    crate::model::watch::watch(paths, notify)
}

/// Sends a message on a channel; used as the watcher callback.
pub fn send_on<T: Send + 'static>(tx: Sender<T>, make: fn() -> T) -> impl Fn() + Send + 'static {
    move || {
        let _ = tx.send(make());
    }
}
