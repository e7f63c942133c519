//! Sending the user's tag changes (read, no reply needed) to the provider. Each is
//! committed to the store first (`Store::queue_tag`), so none is lost on quit or
//! crash; the account's worker sends them after a wake and every round, beside
//! its syncs. Tag requests are idempotent: a transient failure leaves the wish for
//! the next round, a permanent one drops it with a warning saying why.

use super::events::SyncEvent;
use super::worker::AccountWorker;
use crate::providers::{ErrorKind, ProviderError};
use crate::store::{PendingTag, StoreError};

impl AccountWorker {
    /// Sends every pending tag change of this account, oldest wish first, until
    /// one fails for a reason that may pass (the next round tries again).
    pub async fn send_tags(&self) {
        if let Err(e) = self.try_send_tags().await {
            let message = format!("tag changes could not be read from the inbox: {e}");
            tracing::error!(account = %self.account(), "{message}");
            self.emit(SyncEvent::Warning { account: self.account().to_owned(), message });
        }
    }

    async fn try_send_tags(&self) -> Result<(), StoreError> {
        let account = self.account().to_owned();
        for pending in self.store.run(move |s| s.pending_tags(&account)).await? {
            if self.stopping() {
                break;
            }
            let key = pending.key.clone();
            let thread = match self.store.run(move |s| s.thread(&key)).await {
                Ok(thread) => thread,
                // Gone from the inbox: nothing left to tag.
                Err(StoreError::UnknownThread(_)) => {
                    self.drop_wish(&pending).await?;
                    continue;
                }
                Err(e) => return Err(e),
            };
            match self.client.set_tag(&thread, pending.wish).await {
                Ok(unread_left) => {
                    self.drop_wish(&pending).await?;
                    if let Some(unread) = unread_left {
                        let key = pending.key.clone();
                        self.store.run(move |s| s.record_provider_unread(&key, unread)).await?;
                    }
                }
                Err(e) if may_pass(&e) => {
                    tracing::info!(account = %self.account(), thread = %pending.key, "tag change waits: {e}");
                    break;
                }
                Err(e) => {
                    let whose =
                        thread.guest.name.as_deref().map_or("the guest's".into(), |n| format!("{n}'s"));
                    let mut message = format!(
                        "could not {} at {}: {e}",
                        pending.wish.tag.describe(pending.wish.on, &whose),
                        thread.provider.display_name(),
                    );
                    if e.kind == (ErrorKind::Unauthorized { status: 403 }) {
                        message.push_str(
                            "; if this account syncs, its machine account may not change tags: check its permissions",
                        );
                    }
                    tracing::warn!(account = %self.account(), "{message}");
                    self.emit(SyncEvent::Warning { account: self.account().to_owned(), message });
                    self.drop_wish(&pending).await?;
                }
            }
        }
        Ok(())
    }

    async fn drop_wish(&self, pending: &PendingTag) -> Result<(), StoreError> {
        let done = pending.clone();
        self.store.run(move |s| s.finish_tag(&done)).await
    }
}

/// Whether sending the same request later may work: the network or the provider
/// was in the way, or something between answered instead (a Wi-Fi sign-in page).
fn may_pass(error: &ProviderError) -> bool {
    error.is_transient() || error.kind == ErrorKind::NotJson
}
