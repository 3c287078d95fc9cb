//! The read timer: one thread that sends [`Action::ReadTick`] once the item watched for
//! reading has been on screen long enough. While nothing is watched it sleeps on its
//! channel, so there is no busy tick; a new watch replaces the old one.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use super::action::Action;

/// The handle the event loop keeps.
pub struct Timer {
    tx: Sender<Option<(u64, Duration)>>,
    current: Option<u64>,
}

impl Timer {
    /// Starts the thread; `send` delivers the tick to the event loop.
    pub fn start(send: impl Fn(Action) + Send + 'static) -> Self {
        let (tx, rx) = mpsc::channel::<Option<(u64, Duration)>>();
        std::thread::spawn(move || {
            let mut due: Option<(u64, Instant)> = None;
            loop {
                let next = match due {
                    None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                    Some((_, at)) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
                };
                match next {
                    Ok(watch) => due = watch.map(|(n, after)| (n, Instant::now() + after)),
                    Err(RecvTimeoutError::Timeout) => {
                        if let Some((n, _)) = due.take() {
                            send(Action::ReadTick(n));
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
        });
        Self { tx, current: None }
    }

    /// Watches this item (by its watch number) for this long, or nothing. Telling the
    /// thread again about the same watch does not restart it.
    pub fn watch(&mut self, watch: Option<(u64, Duration)>) {
        let n = watch.map(|(n, _)| n);
        if n != self.current {
            self.current = n;
            let _ = self.tx.send(watch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_watch_ticks() {
        let (tx, rx) = mpsc::channel();
        let mut timer = Timer::start(move |a| {
            let _ = tx.send(a);
        });
        timer.watch(Some((1, Duration::from_secs(3600))));
        timer.watch(Some((2, Duration::ZERO)));
        assert_eq!(rx.recv().unwrap(), Action::ReadTick(2));
        timer.watch(Some((3, Duration::from_secs(3600))));
        timer.watch(None);
        timer.watch(Some((4, Duration::ZERO)));
        assert_eq!(rx.recv().unwrap(), Action::ReadTick(4));
        // The same watch again is not a new one: no second tick.
        timer.watch(Some((4, Duration::ZERO)));
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
    }
}
