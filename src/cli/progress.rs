//! A progress line on stderr for `check`, `search` and `export`: only on a terminal, and
//! only once a load has taken more than [`SHOW_AFTER`], so pipes, CI logs and quick runs
//! stay clean. The line is erased when the load ends.

use std::io::{IsTerminal as _, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::model::progress::{Phase, Progress, Snapshot};

/// Loads quicker than this show no progress.
pub const SHOW_AFTER: Duration = Duration::from_millis(200);

/// How often the line is redrawn.
const EVERY: Duration = Duration::from_millis(100);

/// Width of the bar, in cells.
const BAR: usize = 24;

/// A load's progress line, if stderr is a terminal.
pub struct Line {
    progress: Progress,
    shown: Arc<AtomicBool>,
}

impl Line {
    /// A progress line for a load, or `None` when stderr is not a terminal.
    pub fn on_stderr() -> Option<Self> {
        std::io::stderr().is_terminal().then(Self::forced)
    }

    /// A progress line whatever stderr is.
    fn forced() -> Self {
        let shown = Arc::new(AtomicBool::new(false));
        let flag = shown.clone();
        let after = show_after();
        let progress = Progress::new(EVERY, move |snap| {
            if snap.elapsed < after || snap.phase == Phase::Done {
                return;
            }
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K{}", render(&snap));
            let _ = err.flush();
            flag.store(true, Ordering::Relaxed);
        });
        Self { progress, shown }
    }

    /// The counter to hand to the loader.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Erases the line, if it was ever drawn.
    pub fn finish(&self) {
        if self.shown.swap(false, Ordering::Relaxed) {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        self.finish();
    }
}

/// [`SHOW_AFTER`], or `BRIEFING_PROGRESS_AFTER_MS` (for tests, which must not depend on
/// how fast the machine is).
fn show_after() -> Duration {
    std::env::var("BRIEFING_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(SHOW_AFTER, Duration::from_millis)
}

/// `━━━━━━━╸──────── loading 412 of 10,000 files · 3.1 s`
pub fn render(snap: &Snapshot) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=BAR
    let filled = ((snap.ratio().clamp(0.0, 1.0) * BAR as f64).round() as usize).min(BAR);
    let mut bar = "━".repeat(filled);
    if filled < BAR {
        bar.push('╸');
        bar.push_str(&"─".repeat(BAR - filled - 1));
    }
    format!("{bar} {}", snap.line())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_load() {
        let mut snap = Snapshot {
            phase: Phase::Reading,
            done: 500,
            total: 1000,
            elapsed: Duration::from_millis(1500),
        };
        let half = render(&snap);
        assert!(half.starts_with(&"━".repeat(11)), "{half}");
        assert!(
            half.ends_with("loading 500 of 1,000 files · 1.5 s"),
            "{half}"
        );
        snap.phase = Phase::Done;
        assert!(render(&snap).starts_with(&"━".repeat(BAR)));
    }
}
