//! Sync: one worker per account, all running at once. Workers drive a provider
//! client, write each page to the store in one transaction, deliver the outbox,
//! send the user's tag changes (Booking.com read marks), and report everything as
//! `SyncEvent`s on a channel.

mod delivery;
mod delivery_lock;
mod events;
mod tags;
mod worker;

pub use events::{SyncEvent, SyncFailure, SyncReport};
pub use worker::AccountWorker;

use crate::config::Config;
use crate::providers::{ProviderClient, RetryPolicy, shared_client};
use crate::store::SharedStore;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// Every account's worker, sharing one HTTP client and one store.
pub struct SyncEngine {
    workers: Vec<Arc<AccountWorker>>,
    stop: CancellationToken,
}

impl SyncEngine {
    /// Events are unbounded: a worker must never stall because nobody reads them
    /// (`innbox send` does not); they are small and a sync emits a bounded number.
    pub fn new(
        config: &Config,
        store: SharedStore,
        retry: RetryPolicy,
    ) -> (Self, mpsc::UnboundedReceiver<SyncEvent>) {
        let (events, receiver) = mpsc::unbounded_channel();
        let http = shared_client(config.request_timeout);
        let stop = CancellationToken::new();
        let workers = config
            .accounts
            .iter()
            .map(|account| {
                let client = ProviderClient::new(account, http.clone(), retry.clone());
                let name = account.name.clone();
                Arc::new(AccountWorker::new(name, client, store.clone(), events.clone(), stop.clone()))
            })
            .collect();
        (Self { workers, stop }, receiver)
    }

    pub fn worker(&self, account: &str) -> Option<&Arc<AccountWorker>> {
        self.workers.iter().find(|w| w.account() == account)
    }

    /// One full round for every account at once: settle and deliver the outbox,
    /// then sync. Returns each account's outcome; one failing never stops the others.
    pub async fn run_once(&self) -> Vec<(String, Result<SyncReport, SyncFailure>)> {
        let rounds = self.workers.iter().map(|worker| async move {
            let result = worker.run_once().await;
            (worker.account().to_owned(), result)
        });
        futures::future::join_all(rounds).await
    }

    /// Keeps every account syncing every `poll` until [`SyncEngine::stop`], delivering
    /// replies as soon as a worker is woken (see [`AccountWorker::wake`]).
    pub fn spawn(&self, poll: Duration) -> Vec<tokio::task::JoinHandle<()>> {
        self.workers.iter().map(|worker| tokio::spawn(worker.clone().run(poll))).collect()
    }

    /// Ends syncs at once; sends under way finish, and no new one starts.
    pub fn stop(&self) {
        self.stop.cancel();
    }
}

/// Why a reply cannot be queued.
#[derive(Debug, thiserror::Error)]
pub enum ReplyError {
    #[error("the reply is empty")]
    Empty,
    #[error("{thread} cannot be answered from innbox: {reason}")]
    CannotReply { thread: crate::domain::ThreadKey, reason: String },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Commits a reply to the outbox (sanitized, trimmed) after checking the thread can
/// be answered. Nothing touches the network here; wake the account's worker next.
pub async fn queue_reply(
    store: &SharedStore,
    key: crate::domain::ThreadKey,
    body: &str,
) -> Result<crate::store::OutboxEntry, ReplyError> {
    let body = crate::domain::sanitize::sanitize_text(body).trim().to_owned();
    if body.is_empty() {
        return Err(ReplyError::Empty);
    }
    store
        .run(move |store| {
            let thread = store.thread(&key)?;
            if let Some(reason) = thread.reply.blocked_reason() {
                return Ok(Err(ReplyError::CannotReply { thread: key, reason: reason.to_owned() }));
            }
            store.enqueue_reply(&key, &body, jiff::Timestamp::now()).map(Ok)
        })
        .await?
}
