//! One account's worker: full syncs on a timer, outbox deliveries when woken.

use super::events::{SyncEvent, SyncFailure, SyncReport};
use crate::providers::{Page, PageSink, ProviderClient, ProviderError};
use crate::store::{INDEX_CHUNK, SharedStore, StoreError};
use jiff::Timestamp;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, mpsc};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// Pages in flight between the provider and the store writer.
const PAGE_BUFFER: usize = 64;

pub struct AccountWorker {
    account: String,
    pub(super) client: ProviderClient,
    pub(super) store: SharedStore,
    events: mpsc::UnboundedSender<SyncEvent>,
    /// Set when the engine stops: syncs end at once, deliveries take no new reply.
    pub(super) stop: CancellationToken,
    wake: Notify,
}

impl AccountWorker {
    pub fn new(
        account: String,
        client: ProviderClient,
        store: SharedStore,
        events: mpsc::UnboundedSender<SyncEvent>,
        stop: CancellationToken,
    ) -> Self {
        Self { account, client, store, events, stop, wake: Notify::new() }
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    /// Asks the running worker to deliver the outbox and send tag changes now (a
    /// reply or a tag change was queued).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub(super) fn stopping(&self) -> bool {
        self.stop.is_cancelled()
    }

    pub(super) fn emit(&self, event: SyncEvent) {
        // A closed channel means nobody listens any more (the app is quitting).
        let _ = self.events.send(event);
    }

    /// Outbox first (replies matter most), then tag changes, then a full sync.
    pub async fn run_once(&self) -> Result<SyncReport, SyncFailure> {
        self.deliver().await;
        self.send_tags().await;
        self.sync().await
    }

    /// Syncs every `poll` and delivers the outbox whenever woken (and every `poll`),
    /// until the engine stops. The two run side by side: a reply never waits for a
    /// long sync. A send under way is allowed to finish, so quitting rarely leaves an
    /// outcome unknown; no new one starts.
    pub async fn run(self: Arc<Self>, poll: Duration) {
        let stop = &self.stop;
        let deliveries = async {
            loop {
                self.deliver().await;
                self.send_tags().await;
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = self.wake.notified() => {}
                    _ = tokio::time::sleep(poll) => {}
                }
            }
        };
        let syncs = async {
            loop {
                // A sync stops at once: every page it wrote is complete.
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = self.sync() => {}
                }
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = tokio::time::sleep(poll) => {}
                }
            }
        };
        tokio::join!(deliveries, syncs);
    }

    /// One full pass over the provider. Pages are written as they arrive.
    pub async fn sync(&self) -> Result<SyncReport, SyncFailure> {
        let started = Instant::now();
        let requests_before = self.client.requests();
        self.emit(SyncEvent::Started { account: self.account.clone() });
        for message in self.client.warnings(Timestamp::now()) {
            self.emit(SyncEvent::Warning { account: self.account.clone(), message });
        }
        let result = self.fetch_and_store().await;
        let at = Timestamp::now();
        let (error, outcome) = match result {
            Ok(mut report) => {
                report.requests = self.client.requests() - requests_before;
                report.elapsed = started.elapsed();
                (None, Ok(report))
            }
            Err(failure) => (Some(failure.short.clone()), Err(failure)),
        };
        let account = self.account.clone();
        let recorded = self.store.run(move |store| store.record_sync(&account, at, error.as_deref())).await;
        if let Err(e) = recorded {
            tracing::error!(account = %self.account, "cannot record the sync: {e}");
        }
        let event = match &outcome {
            Ok(report) => SyncEvent::Finished { account: self.account.clone(), at, report: report.clone() },
            Err(error) => SyncEvent::Failed { account: self.account.clone(), at, error: error.clone() },
        };
        match &outcome {
            Ok(report) => tracing::info!(account = %self.account, ?report, "sync finished"),
            Err(error) => tracing::warn!(account = %self.account, "sync failed: {}", error.message),
        }
        self.emit(event);
        outcome
    }

    async fn fetch_and_store(&self) -> Result<SyncReport, SyncFailure> {
        let (account, kind) = (self.account.clone(), self.client.kind());
        let known = self
            .store
            .run(move |store| {
                store.ensure_account(&account, kind)?;
                store.markers(&account)
            })
            .await
            .map_err(|e| self.store_failure(e))?;
        let (pages_in, mut pages_out) = mpsc::channel(PAGE_BUFFER);
        // The sink drops when `fetch` ends, which ends the writer loop below.
        let fetch = async {
            let sink = PageSink::new(pages_in);
            self.client.sync(&known, &sink).await.map_err(|e| self.provider_failure(&e))
        };
        let write = async {
            let mut report = SyncReport::default();
            while let Some(page) = next_batch(&mut pages_out).await {
                report.skipped += page.skipped.len();
                for line in &page.skipped {
                    tracing::warn!(account = %self.account, "{line}");
                }
                if !page.updates.is_empty() {
                    let changed = self
                        .store
                        .run(move |store| store.apply_updates(&page.updates))
                        .await
                        .map_err(|e| self.store_failure(e))?;
                    report.threads_changed += changed.len();
                    if !changed.is_empty() {
                        self.emit(SyncEvent::ThreadsChanged {
                            account: self.account.clone(),
                            threads: changed,
                        });
                    }
                }
                self.emit(SyncEvent::Progress { account: self.account.clone(), progress: page.progress });
                // Written pages become searchable while the next is on its way.
                while pages_out.is_empty() && self.index_some().await? > 0 {}
            }
            while self.index_some().await? > 0 {}
            Ok(report)
        };
        // Whichever fails first ends both: no fetching on after the store failed.
        let ((), report) = tokio::try_join!(fetch, write)?;
        if report.skipped > 0 {
            let message = format!(
                "{} items from the provider could not be read and were skipped; the log file names them",
                report.skipped
            );
            self.emit(SyncEvent::Warning { account: self.account.clone(), message });
        }
        Ok(report)
    }

    /// Makes a chunk of written messages searchable.
    async fn index_some(&self) -> Result<usize, SyncFailure> {
        self.store.run(|store| store.index_backlog(INDEX_CHUNK)).await.map_err(|e| self.store_failure(e))
    }

    pub(super) fn provider_failure(&self, error: &ProviderError) -> SyncFailure {
        SyncFailure { message: format!("account '{}': {error}", self.account), short: error.short() }
    }

    pub(super) fn store_failure(&self, error: StoreError) -> SyncFailure {
        SyncFailure { message: format!("account '{}': {error}", self.account), short: "store error".into() }
    }
}

/// The next page, merged with every page already waiting behind it: one
/// transaction (one disk sync) for all of them, so a store slower than the provider
/// writes bigger batches instead of holding the fetch back.
async fn next_batch(pages: &mut mpsc::Receiver<Page>) -> Option<Page> {
    let mut batch = pages.recv().await?;
    while let Ok(mut page) = pages.try_recv() {
        batch.updates.append(&mut page.updates);
        batch.skipped.append(&mut page.skipped);
        // Progress only grows; the latest page carries the furthest.
        batch.progress = page.progress;
    }
    Some(batch)
}
