//! The outbox: every reply is committed here before any network call, then moves
//! queued → sending → sent | failed | unknown. One ordered queue per thread.

use super::{Result, Store};
use crate::domain::ThreadKey;
use crate::domain::time::{from_millis, to_millis};
use jiff::Timestamp;
use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxState {
    Queued,
    Sending,
    Sent,
    Failed,
    /// The request may have reached the provider; never resent before a re-read.
    Unknown,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "queued" => Self::Queued,
            "sending" => Self::Sending,
            "sent" => Self::Sent,
            "failed" => Self::Failed,
            _ => Self::Unknown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: i64,
    pub key: ThreadKey,
    pub body: String,
    pub state: OutboxState,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub attempts: u32,
    pub provider_message_id: Option<String>,
    /// Why it failed or why its outcome is unknown.
    pub error: Option<String>,
}

/// How a delivery attempt ended, as the outbox records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent {
        provider_message_id: Option<String>,
    },
    /// Certainly not delivered; back in the queue for the next drain.
    Requeue(String),
    Failed(String),
    Unknown(String),
}

const COLUMNS: &str =
    "id, account, thread_id, body, state, created_at, updated_at, attempts, provider_message_id, error";

impl Store {
    /// Commits a reply as `queued`. Nothing has touched the network yet.
    pub fn enqueue_reply(&mut self, key: &ThreadKey, body: &str, now: Timestamp) -> Result<OutboxEntry> {
        self.conn.execute(
            "INSERT INTO outbox (account, thread_id, body, state, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'queued', ?4, ?4)",
            params![key.account, key.id, body, to_millis(now)],
        )?;
        let id = self.conn.last_insert_rowid();
        self.retriage(key)?;
        self.outbox_entry(id)
    }

    pub fn outbox_entry(&self, id: i64) -> Result<OutboxEntry> {
        Ok(self.conn.query_row(
            &format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1"),
            [id],
            entry_from_row,
        )?)
    }

    /// Takes the next reply of `account` to send and marks it `sending`, atomically,
    /// so two innbox processes never send the same entry. A thread's replies go in
    /// order: one waits while an older one is queued, sending or unknown.
    pub fn claim_next(&mut self, account: &str, now: Timestamp) -> Result<Option<OutboxEntry>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM outbox AS o WHERE account = ?1 AND state = 'queued'
                 AND NOT EXISTS (SELECT 1 FROM outbox AS p WHERE p.account = o.account AND p.thread_id = o.thread_id
                                 AND p.id < o.id AND p.state IN ('queued', 'sending', 'unknown'))
                 ORDER BY id LIMIT 1",
                [account],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(id) = id {
            tx.execute(
                "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?2 WHERE id = ?1",
                params![id, to_millis(now)],
            )?;
        }
        tx.commit()?;
        id.map(|id| self.outbox_entry(id)).transpose()
    }

    /// Records how an attempt on `taken` ended and returns the updated entry; None
    /// when the row has moved on since it was taken (another process settled it).
    pub fn finish_delivery(
        &mut self,
        taken: &OutboxEntry,
        delivery: &Delivery,
        now: Timestamp,
    ) -> Result<Option<OutboxEntry>> {
        let (state, provider_message_id, error) = match delivery {
            Delivery::Sent { provider_message_id } => {
                (OutboxState::Sent, provider_message_id.as_deref(), None)
            }
            Delivery::Requeue(reason) => (OutboxState::Queued, None, Some(reason.as_str())),
            Delivery::Failed(reason) => (OutboxState::Failed, None, Some(reason.as_str())),
            Delivery::Unknown(reason) => (OutboxState::Unknown, None, Some(reason.as_str())),
        };
        let updated = self.conn.execute(
            "UPDATE outbox SET state = ?2, provider_message_id = coalesce(?3, provider_message_id), error = ?4,
             updated_at = ?5 WHERE id = ?1 AND state = ?6 AND attempts = ?7",
            params![
                taken.id,
                state.as_str(),
                provider_message_id,
                error,
                to_millis(now),
                taken.state.as_str(),
                taken.attempts
            ],
        )?;
        if updated == 0 {
            return Ok(None);
        }
        self.retriage(&taken.key)?;
        self.outbox_entry(taken.id).map(Some)
    }

    /// A sent reply whose send returned no id gets the id of the message it became,
    /// so it is matched exactly from then on.
    pub fn record_message_id(&mut self, id: i64, message_id: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE outbox SET provider_message_id = ?2 WHERE id = ?1 AND provider_message_id IS NULL",
            params![id, message_id],
        )?;
        Ok(())
    }

    /// The provider message ids the outbox of a thread has already accounted for,
    /// apart from reply `except`: a re-read must not mistake one of them for another reply.
    pub fn claimed_message_ids(&self, key: &ThreadKey, except: i64) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT provider_message_id FROM outbox
             WHERE account = ?1 AND thread_id = ?2 AND id != ?3 AND provider_message_id IS NOT NULL",
        )?;
        let rows = statement.query_map(params![key.account, key.id, except], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The user asks to try a failed reply again.
    pub fn retry_reply(&mut self, id: i64, now: Timestamp) -> Result<Option<OutboxEntry>> {
        let updated = self.conn.execute(
            "UPDATE outbox SET state = 'queued', error = NULL, updated_at = ?2 WHERE id = ?1 AND state = 'failed'",
            params![id, to_millis(now)],
        )?;
        if updated == 0 {
            return Ok(None);
        }
        let entry = self.outbox_entry(id)?;
        self.retriage(&entry.key)?;
        Ok(Some(entry))
    }

    /// Every reply of `account` left `sending` by an attempt that never recorded its
    /// outcome (the process was killed, or stopped mid-send). It may have reached the
    /// provider, so it becomes `unknown` and is settled by a re-read. Call it only
    /// while holding the account's delivery lock: then no live attempt can be under way.
    pub fn recover_interrupted_sends(&mut self, account: &str, now: Timestamp) -> Result<Vec<OutboxEntry>> {
        let interrupted = self.entries_where("state = 'sending' AND account = ?1", account)?;
        let reason = "innbox stopped while this reply was being sent; checking the thread before any resend";
        let mut recovered = Vec::new();
        for entry in interrupted {
            recovered.extend(self.finish_delivery(&entry, &Delivery::Unknown(reason.into()), now)?);
        }
        Ok(recovered)
    }

    /// The file whose lock a process holds while it delivers `account`'s outbox, next
    /// to the database; None for an in-memory store, which no other process can open.
    pub fn delivery_lock_path(&self, account: &str) -> Option<PathBuf> {
        let database = self.conn.path().filter(|path| !path.is_empty())?;
        Some(PathBuf::from(format!("{database}.outbox-{:016x}.lock", fnv1a(account))))
    }

    /// Replies of `account` whose outcome is unknown, oldest first.
    pub fn unknown_replies(&self, account: &str) -> Result<Vec<OutboxEntry>> {
        self.entries_where("state = 'unknown' AND account = ?1", account)
    }

    /// A thread's replies that the synced history does not show yet: everything not
    /// sent, and sent ones until their message arrives.
    pub fn pending_replies(&self, key: &ThreadKey) -> Result<Vec<OutboxEntry>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox AS o WHERE account = ?1 AND thread_id = ?2
             AND NOT (state = 'sent' AND EXISTS (
                 SELECT 1 FROM messages AS m WHERE m.account = o.account AND m.thread_id = o.thread_id
                 AND (m.id = o.provider_message_id
                      OR (o.provider_message_id IS NULL AND m.direction = 'outbound' AND m.body = o.body))))
             ORDER BY id"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params![key.account, key.id], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replies not yet delivered: queued, sending, unknown or failed.
    pub fn undelivered_count(&self) -> Result<usize> {
        let count: i64 =
            self.conn.query_row("SELECT count(*) FROM outbox WHERE state != 'sent'", [], |row| row.get(0))?;
        Ok(count as usize)
    }

    fn entries_where(&self, condition: &str, account: &str) -> Result<Vec<OutboxEntry>> {
        let mut statement = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM outbox WHERE {condition} ORDER BY id"))?;
        let rows = statement.query_map([account], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A hash that stays the same across builds and platforms, so every innbox version
/// picks the same lock file for an account (std's hasher makes no such promise).
pub(super) fn fnv1a(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<OutboxEntry> {
    let time = |index: usize| -> rusqlite::Result<Timestamp> {
        Ok(from_millis(row.get(index)?).unwrap_or(Timestamp::UNIX_EPOCH))
    };
    Ok(OutboxEntry {
        id: row.get(0)?,
        key: ThreadKey::new(row.get::<_, String>(1)?, row.get::<_, String>(2)?),
        body: row.get(3)?,
        state: OutboxState::parse(&row.get::<_, String>(4)?),
        created_at: time(5)?,
        updated_at: time(6)?,
        attempts: row.get(7)?,
        provider_message_id: row.get(8)?,
        error: row.get(9)?,
    })
}
