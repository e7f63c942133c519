//! Where providers put finished pages. The sync worker drains it into the store,
//! one transaction per page, while the provider goes on fetching.

use super::{ErrorKind, ProviderError, ThreadUpdate};
use futures::{Stream, StreamExt};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::mpsc;

/// How far one account's sync has come. Units are the provider's listing units
/// (threads, or reservations for Calry); `total` is None until known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: Option<usize>,
}

#[derive(Debug)]
pub struct Page {
    pub updates: Vec<ThreadUpdate>,
    pub progress: Progress,
    /// One line per item the provider sent that could not be read.
    pub skipped: Vec<String>,
}

pub struct PageSink {
    tx: mpsc::Sender<Page>,
    done: AtomicUsize,
    /// 0 while unknown.
    total: AtomicUsize,
}

impl PageSink {
    pub fn new(tx: mpsc::Sender<Page>) -> Self {
        Self { tx, done: AtomicUsize::new(0), total: AtomicUsize::new(0) }
    }

    /// Adds to the expected total as listing pages reveal it.
    pub fn add_total(&self, more: usize) {
        self.total.fetch_add(more, Ordering::Relaxed);
    }

    /// Hands over one page. `seen` counts the listing units it covers, unchanged ones included.
    /// A thread with unreadable parts keeps no marker, so the next sync reads it again
    /// rather than keep it without them until it next changes.
    pub async fn emit(&self, mut updates: Vec<ThreadUpdate>, seen: usize, mut skipped: Vec<String>) {
        for update in updates.iter_mut().filter(|u| !u.skipped.is_empty()) {
            update.marker = None;
            let thread = &update.thread.id;
            skipped.extend(update.skipped.drain(..).map(|line| format!("thread {thread}: {line}")));
        }
        let done = self.done.fetch_add(seen, Ordering::Relaxed) + seen;
        let total = Some(self.total.load(Ordering::Relaxed)).filter(|t| *t > 0);
        let progress = Progress { done, total: total.map(|t| t.max(done)) };
        // A closed receiver means the worker stopped; the fetch result is simply dropped.
        let _ = self.tx.send(Page { updates, progress, skipped }).await;
    }

    /// Runs `fetch` for each item a few at a time, emitting each result as a page.
    /// A failure that concerns one thread only (it vanished, the provider refused
    /// it, or sent something unreadable) skips that thread, which keeps no cursor
    /// and is tried again next sync; failures of the account stop the pass.
    pub async fn fetch_each<T, F, Fut>(
        &self,
        items: Vec<T>,
        label: impl Fn(&T) -> String,
        fetch: F,
    ) -> Result<(), ProviderError>
    where
        F: Fn(T) -> Fut,
        Fut: Future<Output = Result<Vec<ThreadUpdate>, ProviderError>>,
    {
        let results = futures::stream::iter(items.into_iter().map(|item| {
            let name = label(&item);
            let future = fetch(item);
            async move { (name, future.await) }
        }));
        self.drain(results.buffer_unordered(super::DETAIL_CONCURRENCY)).await
    }

    async fn drain(
        &self,
        mut results: impl Stream<Item = (String, Result<Vec<ThreadUpdate>, ProviderError>)> + Unpin,
    ) -> Result<(), ProviderError> {
        while let Some((name, result)) = results.next().await {
            match result {
                Ok(updates) => self.emit(updates, 1, Vec::new()).await,
                Err(e)
                    if matches!(
                        e.kind,
                        ErrorKind::NotFound
                            | ErrorKind::Rejected { .. }
                            | ErrorKind::Decode
                            | ErrorKind::NotJson
                    ) =>
                {
                    self.emit(Vec::new(), 1, vec![format!("skipped {name}: {e}")]).await;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}
