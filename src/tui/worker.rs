//! Running searches: at once on the calling thread, or on a background worker that always
//! works on the newest request, gives up on a superseded one within milliseconds, and
//! reports its progress.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use super::action::{Action, SearchRequest, SearchResults};
use crate::search::Query;

/// How often the worker reports progress.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Parses and runs a request; `None` when cancelled.
pub fn run(
    req: &SearchRequest,
    cancelled: &dyn Fn() -> bool,
    progress: &dyn Fn(usize, usize),
) -> Option<SearchResults> {
    let hits = if req.query.trim().is_empty() {
        Ok(Arc::default())
    } else {
        match Query::parse(&req.query).map(|q| if req.briefings { q.with_briefings() } else { q }) {
            Ok(q) => match req.index.unknown_name(&q) {
                Some(unknown) => Err(unknown),
                None => Ok(req
                    .index
                    .search_with_progress(&q, req.narrow.as_deref(), cancelled, progress)?
                    .into()),
            },
            Err(e) => Err(e.to_string()),
        }
    };
    Some(SearchResults {
        generation: req.generation,
        query: req.query.clone(),
        hits,
    })
}

/// Runs a request to the end on this thread.
#[must_use]
pub fn run_now(req: &SearchRequest) -> SearchResults {
    run(req, &|| false, &|_, _| {}).unwrap_or_else(|| SearchResults {
        generation: req.generation,
        query: req.query.clone(),
        hits: Ok(Arc::default()),
    })
}

/// A background searcher.
pub struct Worker {
    tx: Sender<SearchRequest>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the worker thread; its answers and progress reports go to `deliver` as
    /// [`Action::SearchDone`] and [`Action::SearchProgress`].
    pub fn start(deliver: impl Fn(Action) + Send + 'static) -> Self {
        let (tx, rx) = mpsc::channel::<SearchRequest>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = latest.clone();
        std::thread::spawn(move || serve(&rx, &newest, &deliver));
        Self { tx, latest }
    }

    /// Hands a request over; any search in flight gives up.
    pub fn submit(&self, req: SearchRequest) {
        self.latest.store(req.generation, Ordering::Relaxed);
        let _ = self.tx.send(req);
    }
}

/// Serves requests, always skipping to the newest one.
fn serve(rx: &Receiver<SearchRequest>, latest: &AtomicU64, deliver: &dyn Fn(Action)) {
    while let Ok(mut req) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            req = newer;
        }
        let generation = req.generation;
        let cancelled = || latest.load(Ordering::Relaxed) != generation;
        let last = std::cell::Cell::new(Instant::now());
        let report = |done: usize, total: usize| {
            if last.get().elapsed() >= PROGRESS_EVERY {
                last.set(Instant::now());
                let permille = u16::try_from(done * 1000 / total.max(1)).unwrap_or(1000);
                deliver(Action::SearchProgress {
                    generation,
                    permille,
                });
            }
        };
        if let Some(results) = run(&req, &cancelled, &report) {
            deliver(Action::SearchDone(results));
        }
    }
}
