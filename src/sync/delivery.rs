//! Delivering the outbox safely (PROVIDERS.md, "Sending safely"): a reply is sent
//! only after it is committed, by the one process holding the account's delivery
//! lock; one whose outcome is unknown is settled by re-reading its thread before any
//! resend. A failed reply does not hold back the replies written after it; sent
//! again with R, it arrives after them.

use super::delivery_lock::DeliveryLock;
use super::events::SyncEvent;
use super::worker::AccountWorker;
use crate::domain::sanitize::{collapse_whitespace, sanitize_text};
use crate::domain::{Direction, Message, ThreadKey};
use crate::providers::{ProviderError, SendOutcome};
use crate::store::{Delivery, OutboxEntry, StoreError};
use jiff::{SignedDuration, Timestamp};

/// An unknown reply still not in its thread this long after its outcome became
/// unknown never arrived (a provider that got it has long shown it): it is sent
/// again. One whose thread cannot be re-read by then is declared failed, saying
/// so, so it stops holding back its thread.
const SETTLE_AFTER: SignedDuration = SignedDuration::from_mins(2);
/// Provider clocks drift; a message this much older than the reply can still be it.
const CLOCK_SLACK: SignedDuration = SignedDuration::from_mins(2);

impl AccountWorker {
    /// Settles unknown replies, then sends queued ones, each thread in order. Once
    /// the engine stops, no new reply is taken.
    pub async fn deliver(&self) {
        let result = match self.lock_delivery().await {
            Ok(Some(_lock)) => self.try_deliver().await.map_err(|e| e.to_string()),
            Ok(None) => Ok(()),
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            let message = format!("the outbox could not be processed: {e}");
            tracing::error!(account = %self.account(), "{message}");
            self.emit(SyncEvent::Warning { account: self.account().to_owned(), message });
        }
    }

    /// Waits for this account's delivery lock; None if the engine stops meanwhile.
    async fn lock_delivery(&self) -> Result<Option<DeliveryLock>, String> {
        let account = self.account().to_owned();
        let path =
            self.store.run(move |s| Ok(s.delivery_lock_path(&account))).await.map_err(|e| e.to_string())?;
        DeliveryLock::acquire(path.as_deref(), &self.stop)
            .await
            .map_err(|e| format!("cannot lock {}: {e}", path.unwrap_or_default().display()))
    }

    /// Runs while holding the delivery lock, so no other attempt is under way.
    async fn try_deliver(&self) -> Result<(), StoreError> {
        let account = self.account().to_owned();
        let now = Timestamp::now();
        let recovered = self.store.run(move |s| s.recover_interrupted_sends(&account, now)).await?;
        for entry in recovered {
            self.emit(SyncEvent::Outbox(entry));
        }
        self.settle_unknown().await?;
        while !self.stopping() {
            let account = self.account().to_owned();
            let Some(taken) = self.store.run(move |s| s.claim_next(&account, Timestamp::now())).await? else {
                return Ok(());
            };
            self.emit(SyncEvent::Outbox(taken.clone()));
            let delivery = self.send(&taken).await?;
            let requeued = matches!(delivery, Delivery::Requeue(_));
            let sent_id = match &delivery {
                Delivery::Sent { provider_message_id } => Some(provider_message_id.clone()),
                _ => None,
            };
            let finished = self.finish(&taken, delivery).await?;
            if let (Some(known_id), Some(finished)) = (sent_id, finished) {
                self.show_sent(&finished, known_id).await?;
            }
            if requeued {
                // The provider is unreachable or busy: try again at the next round.
                return Ok(());
            }
        }
        Ok(())
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

    /// Records the end of an attempt unless another process settled the reply first.
    async fn finish(
        &self,
        taken: &OutboxEntry,
        delivery: Delivery,
    ) -> Result<Option<OutboxEntry>, StoreError> {
        let row = taken.clone();
        let finished = self.store.run(move |s| s.finish_delivery(&row, &delivery, Timestamp::now())).await?;
        match &finished {
            Some(entry) => self.emit(SyncEvent::Outbox(entry.clone())),
            None => {
                tracing::warn!(account = %self.account(), reply = taken.id, "the reply was settled elsewhere");
            }
        }
        Ok(finished)
    }

    /// After a send: re-reads the thread so the real message shows, and when the send
    /// returned no id, records the id of the message the reply became.
    async fn show_sent(&self, entry: &OutboxEntry, known_id: Option<String>) -> Result<(), StoreError> {
        let Ok(messages) = self.refresh_thread(&entry.key).await? else { return Ok(()) };
        if known_id.is_some() {
            return Ok(());
        }
        if let Some(found) = self.find_reply(&messages, entry).await? {
            let (id, message_id) = (entry.id, found.id.clone());
            self.store.run(move |s| s.record_message_id(id, &message_id)).await?;
        }
        Ok(())
    }

    /// Re-reads the thread of each unknown reply and looks for our text in it.
    async fn settle_unknown(&self) -> Result<(), StoreError> {
        let account = self.account().to_owned();
        for entry in self.store.run(move |s| s.unknown_replies(&account)).await? {
            let overdue = Timestamp::now().duration_since(entry.updated_at) > SETTLE_AFTER;
            let delivery = match self.refresh_thread(&entry.key).await? {
                Ok(messages) => match self.find_reply(&messages, &entry).await? {
                    Some(found) => Delivery::Sent { provider_message_id: Some(found.id.clone()) },
                    None if overdue => Delivery::Requeue(
                        "it never arrived: the provider did not confirm it and the thread does not show it; sending it again"
                            .into(),
                    ),
                    None => continue,
                },
                Err(e) if overdue => Delivery::Failed(format!(
                    "not confirmed: the thread could not be read again ({e}); check it with the provider before sending again"
                )),
                Err(_) => continue,
            };
            self.finish(&entry, delivery).await?;
        }
        Ok(())
    }

    /// Our reply in a re-read thread: an outbound message with the same text
    /// (whitespace aside), not older than the reply, and not one another reply of
    /// this thread already accounts for.
    async fn find_reply<'a>(
        &self,
        messages: &'a [Message],
        entry: &OutboxEntry,
    ) -> Result<Option<&'a Message>, StoreError> {
        let (key, id) = (entry.key.clone(), entry.id);
        let claimed = self.store.run(move |s| s.claimed_message_ids(&key, id)).await?;
        let wanted = comparable(&entry.body);
        Ok(messages.iter().rev().find(|m| {
            m.direction == Direction::Outbound
                && !claimed.contains(&m.id)
                && m.sent_at.is_none_or(|at| at >= entry.created_at - CLOCK_SLACK)
                && comparable(&m.body) == wanted
        }))
    }

    /// Fetches one thread and stores it. The outer error is the store's; the inner
    /// one says why the provider could not be asked (the next round retries).
    async fn refresh_thread(
        &self,
        key: &ThreadKey,
    ) -> Result<Result<Vec<Message>, ProviderError>, StoreError> {
        let stored_key = key.clone();
        let thread = self.store.run(move |s| s.thread(&stored_key)).await?;
        let update = match self.client.fetch_thread(&thread).await {
            Ok(update) => update,
            Err(e) => {
                tracing::warn!(account = %self.account(), thread = %key, "cannot re-read the thread: {e}");
                return Ok(Err(e));
            }
        };
        for line in &update.skipped {
            tracing::warn!(account = %self.account(), thread = %key, "{line}");
        }
        let messages = update.messages.clone();
        let changed = self.store.run(move |s| s.apply_updates(&[update])).await?;
        if !changed.is_empty() {
            self.emit(SyncEvent::ThreadsChanged { account: self.account().to_owned(), threads: changed });
        }
        Ok(Ok(messages))
    }
}

/// What of a reply's text survives the trip: read back as innbox reads every message
/// (sanitized), without links (Booking.com removes unapproved ones, leaving the
/// punctuation around them), whitespace collapsed. A reply that is only a link keeps
/// it, or it would match any message.
fn comparable(body: &str) -> String {
    let clean = collapse_whitespace(&sanitize_text(body));
    let words: Vec<String> = clean.split(' ').map(without_link).filter(|word| !word.is_empty()).collect();
    if words.is_empty() { clean } else { words.join(" ") }
}

/// `(https://x.example/y).` → `().`; any other word as it is.
fn without_link(word: &str) -> String {
    const PUNCTUATION: &[char] = &['(', ')', '<', '>', '[', ']', '"', '\'', '.', ',', ';', ':', '!', '?'];
    let rest = word.trim_start_matches(PUNCTUATION);
    let lower = rest.to_ascii_lowercase();
    if !["http://", "https://", "www."].iter().any(|scheme| lower.starts_with(scheme)) {
        return word.to_owned();
    }
    let before = &word[..word.len() - rest.len()];
    let after = &rest[rest.trim_end_matches(PUNCTUATION).len()..];
    format!("{before}{after}")
}

#[cfg(test)]
mod tests {
    use super::comparable;

    #[test]
    fn a_reply_matches_its_copy_as_the_provider_keeps_it_and_innbox_reads_it() {
        let ours = "Directions: https://maps.example/x?y=1 (or www.example.com).\nSee you\u{202e} soon!";
        assert_eq!(comparable(ours), comparable("Directions:  (or ).\nSee you soon!"));
        assert_eq!(comparable(ours), comparable("Directions:\n(or\n).\r\nSee you soon!"));
        assert_ne!(comparable(ours), comparable("Directions: (or ). See you soon"), "the words still count");
        assert_eq!(comparable("https://example.com/only"), "https://example.com/only");
    }
}
