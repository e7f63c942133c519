//! Delivering the outbox safely (PROVIDERS.md, "Sending safely"): a reply is sent
//! only after it is committed; one whose outcome is unknown is settled by re-reading
//! its thread, never by sending it again.

use super::events::SyncEvent;
use super::worker::AccountWorker;
use crate::domain::{Direction, Message, ThreadKey};
use crate::providers::SendOutcome;
use crate::store::{Delivery, OutboxEntry, StoreError};
use jiff::{SignedDuration, Timestamp};

/// An unknown reply not found in its thread this long after the attempt is
/// declared undelivered (and can then be retried by the user).
const SETTLE_AFTER: SignedDuration = SignedDuration::from_mins(2);
/// Provider clocks drift; a message this much older than the reply can still be it.
const CLOCK_SLACK: SignedDuration = SignedDuration::from_mins(10);

impl AccountWorker {
    /// Settles unknown replies, then sends queued ones, each thread in order.
    pub async fn deliver(&self) {
        if let Err(e) = self.try_deliver().await {
            let message = format!("the outbox could not be processed: {e}");
            tracing::error!(account = %self.account(), "{message}");
            self.emit(SyncEvent::Warning { account: self.account().to_owned(), message }).await;
        }
    }

    async fn try_deliver(&self) -> Result<(), StoreError> {
        let account = self.account().to_owned();
        let now = Timestamp::now();
        let stale_before = now - SignedDuration::try_from(self.send_lease).unwrap_or(SignedDuration::MAX);
        let recovered =
            self.store.run(move |s| s.recover_interrupted_sends(&account, stale_before, now)).await?;
        for entry in recovered {
            self.emit(SyncEvent::Outbox(entry)).await;
        }
        self.settle_unknown().await?;
        loop {
            let account = self.account().to_owned();
            let Some(entry) = self.store.run(move |s| s.claim_next(&account, Timestamp::now())).await? else {
                return Ok(());
            };
            self.emit(SyncEvent::Outbox(entry.clone())).await;
            let delivery = self.send(&entry).await?;
            let requeued = matches!(delivery, Delivery::Requeue(_));
            let sent = matches!(delivery, Delivery::Sent { .. });
            let id = entry.id;
            let finished =
                self.store.run(move |s| s.finish_delivery(id, &delivery, Timestamp::now())).await?;
            self.emit(SyncEvent::Outbox(finished)).await;
            if sent {
                self.refresh_thread(&entry.key).await?;
            }
            if requeued {
                // The provider is unreachable or busy: try again at the next round.
                return Ok(());
            }
        }
    }

    async fn send(&self, entry: &OutboxEntry) -> Result<Delivery, StoreError> {
        let key = entry.key.clone();
        let thread = match self.store.run(move |s| s.thread(&key)).await {
            Ok(thread) => thread,
            Err(StoreError::UnknownThread(key)) => {
                return Ok(Delivery::Failed(format!("the thread {key} is no longer in the inbox")));
            }
            Err(e) => return Err(e),
        };
        Ok(match self.client.send(&thread, &entry.body).await {
            SendOutcome::Sent { provider_message_id } => Delivery::Sent { provider_message_id },
            SendOutcome::NotSent(reason) => Delivery::Requeue(reason),
            SendOutcome::Refused(reason) => Delivery::Failed(reason),
            SendOutcome::Unknown(reason) => Delivery::Unknown(reason),
        })
    }

    /// Re-reads the thread of each unknown reply and looks for our text in it.
    async fn settle_unknown(&self) -> Result<(), StoreError> {
        let account = self.account().to_owned();
        for entry in self.store.run(move |s| s.unknown_replies(&account)).await? {
            let Some(messages) = self.refresh_thread(&entry.key).await? else { continue };
            let now = Timestamp::now();
            let delivery = match find_reply(&messages, &entry) {
                Some(found) => Delivery::Sent { provider_message_id: Some(found.id.clone()) },
                None if now.duration_since(entry.updated_at) > SETTLE_AFTER => Delivery::Failed(
                    "not delivered: the provider never confirmed it and it is not in the thread; send it again if still needed"
                        .into(),
                ),
                None => continue,
            };
            let id = entry.id;
            let settled = self.store.run(move |s| s.finish_delivery(id, &delivery, now)).await?;
            self.emit(SyncEvent::Outbox(settled)).await;
        }
        Ok(())
    }

    /// Fetches one thread and stores it. Returns its messages, or None when the
    /// provider could not be asked (the error is logged; the next round retries).
    async fn refresh_thread(&self, key: &ThreadKey) -> Result<Option<Vec<Message>>, StoreError> {
        let stored_key = key.clone();
        let thread = self.store.run(move |s| s.thread(&stored_key)).await?;
        let update = match self.client.fetch_thread(&thread).await {
            Ok(update) => update,
            Err(e) => {
                tracing::warn!(account = %self.account(), thread = %key, "cannot re-read the thread: {e}");
                return Ok(None);
            }
        };
        let messages = update.messages.clone();
        let changed = self.store.run(move |s| s.apply_updates(&[update])).await?;
        if !changed.is_empty() {
            self.emit(SyncEvent::ThreadsChanged { account: self.account().to_owned(), threads: changed })
                .await;
        }
        Ok(Some(messages))
    }
}

/// Our reply in a re-read thread: an outbound message with the same text (whitespace
/// aside), not older than the reply.
fn find_reply<'a>(messages: &'a [Message], entry: &OutboxEntry) -> Option<&'a Message> {
    let wanted = squash(&entry.body);
    messages.iter().rev().find(|m| {
        m.direction == Direction::Outbound
            && m.sent_at.is_none_or(|at| at >= entry.created_at - CLOCK_SLACK)
            && squash(&m.body) == wanted
    })
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
