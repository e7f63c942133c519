//! Tag changes waiting to reach the provider (see `sync::tags`): committed here
//! first so quitting or a crash loses none, one row per thread and tag holding
//! the latest wish.

use super::{Result, Store};
use crate::domain::time::{from_millis, to_millis};
use crate::domain::{ProviderKind, Tag, TagWish, ThreadKey};
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingTag {
    pub key: ThreadKey,
    pub wish: TagWish,
    pub created_at: Timestamp,
    /// Which wish this is; a newer one for the same thread and tag replaces it.
    pub revision: i64,
}

impl Store {
    /// Queues `wish` if the thread's provider keeps tags; whether it did. A wish
    /// replaces any earlier one for the same thread and tag.
    pub fn queue_tag(&mut self, key: &ThreadKey, wish: TagWish, now: Timestamp) -> Result<bool> {
        let provider: Option<String> = self
            .conn
            .query_row(
                "SELECT provider FROM threads WHERE account = ?1 AND id = ?2",
                [&key.account, &key.id],
                |row| row.get(0),
            )
            .optional()?;
        if !provider.as_deref().and_then(ProviderKind::parse).is_some_and(ProviderKind::keeps_tags) {
            return Ok(false);
        }
        self.conn.execute(
            "INSERT INTO pending_tags (account, thread_id, tag, is_set, up_to, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (account, thread_id, tag) DO UPDATE SET
                is_set = excluded.is_set, up_to = excluded.up_to, created_at = excluded.created_at,
                revision = revision + 1",
            params![
                key.account,
                key.id,
                wish.tag.as_str(),
                wish.on,
                wish.up_to.map(to_millis),
                to_millis(now)
            ],
        )?;
        Ok(true)
    }

    /// After the thread was opened and marked read here: queues the read mark for
    /// the provider, up to the newest message shown, if the provider counts any of
    /// its messages unread. Whether it did.
    pub fn queue_read_mark(&mut self, key: &ThreadKey, now: Timestamp) -> Result<bool> {
        let shown: Option<(u32, Option<i64>)> = self
            .conn
            .query_row(
                "SELECT unread, read_up_to FROM threads WHERE account = ?1 AND id = ?2",
                [&key.account, &key.id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        match shown {
            Some((unread, read_up_to)) if unread > 0 => {
                let up_to = read_up_to.and_then(from_millis);
                self.queue_tag(key, TagWish { tag: Tag::Read, on: true, up_to }, now)
            }
            _ => Ok(false),
        }
    }

    /// The tag changes of `account` not yet sent, oldest wish first.
    pub fn pending_tags(&self, account: &str) -> Result<Vec<PendingTag>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT thread_id, tag, is_set, up_to, created_at, revision FROM pending_tags
             WHERE account = ?1 ORDER BY created_at, thread_id, tag",
        )?;
        let rows = statement.query_map([account], |row| {
            let tag: String = row.get(1)?;
            Ok((row.get::<_, String>(0)?, tag, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
        })?;
        let mut pending = Vec::new();
        for row in rows {
            let (thread_id, tag, on, up_to, created_at, revision): (_, _, _, Option<i64>, i64, _) = row?;
            // A tag this innbox does not know came from a newer one: leave it be.
            let Some(tag) = Tag::parse(&tag) else { continue };
            pending.push(PendingTag {
                key: ThreadKey::new(account, thread_id),
                wish: TagWish { tag, on, up_to: up_to.and_then(from_millis) },
                created_at: from_millis(created_at).unwrap_or(Timestamp::UNIX_EPOCH),
                revision,
            });
        }
        Ok(pending)
    }

    /// The provider has it, or refused it for good: removes the wish, unless a
    /// newer one replaced it meanwhile.
    pub fn finish_tag(&mut self, pending: &PendingTag) -> Result<()> {
        self.conn.execute(
            "DELETE FROM pending_tags WHERE account = ?1 AND thread_id = ?2 AND tag = ?3 AND revision = ?4",
            params![pending.key.account, pending.key.id, pending.wish.tag.as_str(), pending.revision],
        )?;
        Ok(())
    }

    /// What the provider counts unread now that it was told: until the next sync
    /// re-reads the thread, the store would otherwise keep the old count.
    pub fn record_provider_unread(&mut self, key: &ThreadKey, unread: u32) -> Result<()> {
        self.conn.execute(
            "UPDATE threads SET unread = ?3 WHERE account = ?1 AND id = ?2",
            params![key.account, key.id, unread],
        )?;
        Ok(())
    }
}
