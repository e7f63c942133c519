//! The outbox: every reply is committed here before any network call, then moves
//! queued → sending → sent | failed | unknown. One ordered queue per thread.

use super::{Result, Store};
use crate::domain::ThreadKey;
use crate::domain::time::{from_millis, to_millis};
use jiff::Timestamp;
use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};

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

    /// Records how an attempt ended and returns the updated entry.
    pub fn finish_delivery(&mut self, id: i64, delivery: &Delivery, now: Timestamp) -> Result<OutboxEntry> {
        let (state, provider_message_id, error) = match delivery {
            Delivery::Sent { provider_message_id } => {
                (OutboxState::Sent, provider_message_id.as_deref(), None)
            }
            Delivery::Requeue(reason) => (OutboxState::Queued, None, Some(reason.as_str())),
            Delivery::Failed(reason) => (OutboxState::Failed, None, Some(reason.as_str())),
            Delivery::Unknown(reason) => (OutboxState::Unknown, None, Some(reason.as_str())),
        };
        self.conn.execute(
            "UPDATE outbox SET state = ?2, provider_message_id = coalesce(?3, provider_message_id), error = ?4,
             updated_at = ?5 WHERE id = ?1",
            params![id, state.as_str(), provider_message_id, error, to_millis(now)],
        )?;
        self.outbox_entry(id)
    }

    /// The user asks to try a failed reply again.
    pub fn retry_reply(&mut self, id: i64, now: Timestamp) -> Result<Option<OutboxEntry>> {
        let updated = self.conn.execute(
            "UPDATE outbox SET state = 'queued', error = NULL, updated_at = ?2 WHERE id = ?1 AND state = 'failed'",
            params![id, to_millis(now)],
        )?;
        if updated == 0 { Ok(None) } else { self.outbox_entry(id).map(Some) }
    }

    /// A reply left `sending` since before `stale_before` belongs to a process that
    /// stopped mid-send (a live one finishes within its request timeout). It may have
    /// reached the provider, so it becomes `unknown` and is settled by a re-read.
    pub fn recover_interrupted_sends(
        &mut self,
        account: &str,
        stale_before: Timestamp,
        now: Timestamp,
    ) -> Result<Vec<OutboxEntry>> {
        let ids: Vec<i64> = {
            let mut statement =
                self.conn.prepare_cached("SELECT id FROM outbox WHERE account = ?1 AND state = 'sending' AND updated_at < ?2 ORDER BY id",
            )?;
            let rows = statement.query_map(params![account, to_millis(stale_before)], |row| row.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in &ids {
            let reason =
                "innbox stopped while this reply was being sent; checking the thread before any resend";
            self.finish_delivery(*id, &Delivery::Unknown(reason.into()), now)?;
        }
        ids.into_iter().map(|id| self.outbox_entry(id)).collect()
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
