//! How far a load has come, for a progress bar or line.
//!
//! The loader's threads count files as they finish; a [`Progress`] turns the counts into
//! [`Snapshot`]s and hands them to a callback, at most every [`Progress::every`] and at every
//! change of phase, so a bar can follow a load of any size without a timer of its own.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What a load is doing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    /// Walking the folders for `*.toml` files.
    #[default]
    Finding,
    /// Reading, parsing and checking files (or taking them from the cache).
    Reading,
    /// Linking the files into one library.
    Linking,
    /// Keeping the library in the cache for the next start (the browser's first load).
    Keeping,
    /// Building the search index.
    Indexing,
    /// Finished.
    Done,
}

/// A load's progress at one moment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub phase: Phase,
    /// Files done, of `total`.
    pub done: usize,
    /// Files to load (known once the folders have been walked).
    pub total: usize,
    /// Time since the load started.
    pub elapsed: Duration,
}

impl Snapshot {
    /// The bar's fill, 0 to 1: reading is most of a load.
    pub fn ratio(&self) -> f64 {
        match self.phase {
            Phase::Reading if self.total > 0 => 0.95 * self.done as f64 / self.total as f64,
            Phase::Finding | Phase::Reading => 0.0,
            Phase::Linking => 0.95,
            Phase::Keeping => 0.96,
            Phase::Indexing => 0.98,
            Phase::Done => 1.0,
        }
    }

    /// One line: "loading 412 of 10,000 files · 3.1 s".
    pub fn line(&self) -> String {
        let what = match self.phase {
            Phase::Finding => "finding briefing files".to_owned(),
            Phase::Reading => format!("loading {} of {}", thousands(self.done), files(self.total)),
            Phase::Linking => format!("linking {}", files(self.total)),
            Phase::Keeping => "keeping the library for the next start".to_owned(),
            Phase::Indexing => "building the search index".to_owned(),
            Phase::Done => format!("loaded {}", files(self.total)),
        };
        format!("{what} · {:.1} s", self.elapsed.as_secs_f64())
    }
}

/// "1 file", "12,345 files".
pub fn files(n: usize) -> String {
    let noun = if n == 1 { "file" } else { "files" };
    format!("{} {noun}", thousands(n))
}

/// `12345` as `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

type Callback = Box<dyn Fn(Snapshot) + Send + Sync>;

/// Counts a load's progress and reports it, throttled, to a callback.
pub struct Progress {
    started: Instant,
    every: Duration,
    phase: Mutex<Phase>,
    done: AtomicUsize,
    total: AtomicUsize,
    /// Milliseconds after `started` of the last report.
    last: AtomicU64,
    report: Callback,
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("snapshot", &self.snapshot())
            .finish_non_exhaustive()
    }
}

impl Progress {
    /// Reports to `report` at most every `every`, and at every change of phase.
    pub fn new(every: Duration, report: impl Fn(Snapshot) + Send + Sync + 'static) -> Self {
        Self {
            started: Instant::now(),
            every,
            phase: Mutex::new(Phase::Finding),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            last: AtomicU64::new(0),
            report: Box::new(report),
        }
    }

    /// A progress that reports nothing.
    pub fn silent() -> Self {
        Self::new(Duration::MAX, |_| {})
    }

    /// The time between reports.
    pub fn every(&self) -> Duration {
        self.every
    }

    /// The state now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            phase: self.phase.lock().map_or(Phase::Done, |p| *p),
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            elapsed: self.started.elapsed(),
        }
    }

    /// Starts a phase, and reports it.
    pub fn phase(&self, phase: Phase) {
        if let Ok(mut p) = self.phase.lock() {
            *p = phase;
        }
        self.send();
    }

    /// Sets the number of files to load.
    pub fn total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more file done; reports if the last report is old enough.
    pub fn file_done(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        let now = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let every = u64::try_from(self.every.as_millis()).unwrap_or(u64::MAX);
        let last = self.last.load(Ordering::Relaxed);
        if now.saturating_sub(last) >= every
            && self
                .last
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            (self.report)(self.snapshot());
        }
    }

    fn send(&self) {
        let now = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(now, Ordering::Relaxed);
        (self.report)(self.snapshot());
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn lines_read_well() {
        let s = Snapshot {
            phase: Phase::Reading,
            done: 412,
            total: 10_000,
            elapsed: Duration::from_millis(3_140),
        };
        assert_eq!(s.line(), "loading 412 of 10,000 files · 3.1 s");
        assert!((s.ratio() - 0.95 * 0.0412).abs() < 1e-9);
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn reports_are_throttled_but_phases_always_reported() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        let p = Progress::new(Duration::from_secs(3600), move |snap| {
            s.lock().unwrap().push(snap.phase);
        });
        p.phase(Phase::Reading);
        p.total(1000);
        for _ in 0..1000 {
            p.file_done();
        }
        p.phase(Phase::Linking);
        assert_eq!(*seen.lock().unwrap(), vec![Phase::Reading, Phase::Linking]);
        assert_eq!(p.snapshot().done, 1000);
    }
}
