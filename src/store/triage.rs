//! Read-only queries for triage, cheap enough for every thread of a large inbox: the
//! messages after our last human reply, the latest reply written in innbox per thread,
//! and the replies that failed or may not have arrived; and one snapshot to read them in.

use super::{OutboxEntry, Result, Store, StoreError};
use crate::domain::time::from_millis;
use crate::domain::triage::is_human_reply;
use crate::domain::{Direction, Message, ThreadKey, sort_oldest_first};
use jiff::Timestamp;
use rusqlite::{Connection, params};
use std::collections::HashMap;

impl Store {
    /// Runs `read` in one read transaction: every query in it sees the same moment even
    /// while a sync writes, and SQLite takes its locks once instead of once a query.
    pub fn read_snapshot<T, E: From<StoreError>>(
        &self,
        read: impl FnOnce(&Self) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.conn.unchecked_transaction().map_err(|e| E::from(e.into())).and_then(|snapshot| {
            let value = read(self)?;
            snapshot.commit().map_err(StoreError::from)?;
            Ok(value)
        })
    }

    /// What triage reads of a thread, oldest first: our newest human reply and every
    /// message after it (the whole thread when we never replied). Read from the newest
    /// message back, so a thread we answered costs a row or two however long it is.
    /// Only id, direction, body, sent_at and automatic are read; sender, status, kind
    /// and attachments are left empty.
    pub fn triage_tail(&self, key: &ThreadKey) -> Result<Vec<Message>> {
        read_tail(&self.conn, key)
    }

    /// When the latest reply written in innbox that has not failed was created, per
    /// thread (of one account, or all).
    pub fn local_replies(&self, account: Option<&str>) -> Result<HashMap<ThreadKey, Timestamp>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT account, thread_id, max(created_at) FROM outbox
             WHERE state != 'failed' AND (?1 IS NULL OR account = ?1) GROUP BY account, thread_id",
        )?;
        let rows = statement.query_map([account], |row| {
            Ok((ThreadKey::new(row.get::<_, String>(0)?, row.get::<_, String>(1)?), row.get::<_, i64>(2)?))
        })?;
        let mut replies = HashMap::new();
        for row in rows {
            let (key, created_at) = row?;
            replies.extend(from_millis(created_at).map(|at| (key, at)));
        }
        Ok(replies)
    }

    /// Replies that failed or whose outcome is unknown (of one account, or all), most
    /// recently changed first.
    pub fn troubled_replies(&self, account: Option<&str>) -> Result<Vec<OutboxEntry>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id FROM outbox WHERE state IN ('failed', 'unknown') AND (?1 IS NULL OR account = ?1)
             ORDER BY updated_at DESC, id DESC",
        )?;
        let ids =
            statement.query_map([account], |row| row.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
        ids.into_iter().map(|id| self.outbox_entry(id)).collect()
    }
}

/// [`Store::triage_tail`] on any connection (a writer's transaction too).
pub(super) fn read_tail(conn: &Connection, key: &ThreadKey) -> Result<Vec<Message>> {
    // Newest first by time alone, which the index gives without sorting; rows that
    // share our reply's time are all read, and the final sort puts ties in order.
    let mut statement = conn.prepare_cached(
        "SELECT id, direction, body, sent_at, automatic FROM messages
         WHERE account = ?1 AND thread_id = ?2 ORDER BY sent_at DESC",
    )?;
    let mut rows = statement.query(params![key.account, key.id])?;
    let mut tail = Vec::new();
    let mut reply_time: Option<Option<i64>> = None;
    while let Some(row) = rows.next()? {
        let sent_at: Option<i64> = row.get(3)?;
        if reply_time.is_some_and(|time| time != sent_at) {
            break;
        }
        let message = Message {
            id: row.get(0)?,
            direction: Direction::parse(&row.get::<_, String>(1)?).unwrap_or(Direction::System),
            sender: None,
            body: row.get(2)?,
            sent_at: sent_at.and_then(from_millis),
            status: None,
            automatic: row.get(4)?,
            kind: None,
            attachments: Vec::new(),
        };
        if reply_time.is_none() && is_human_reply(&message) {
            reply_time = Some(sent_at);
        }
        tail.push(message);
    }
    sort_oldest_first(&mut tail);
    Ok(tail)
}

/// When the latest reply to `key` written in innbox that has not failed was created.
pub(super) fn local_reply(conn: &Connection, key: &ThreadKey) -> Result<Option<Timestamp>> {
    let created_at: Option<i64> = conn
        .prepare_cached(
            "SELECT max(created_at) FROM outbox WHERE account = ?1 AND thread_id = ?2 AND state != 'failed'",
        )?
        .query_row(params![key.account, key.id], |row| row.get(0))?;
    Ok(created_at.and_then(from_millis))
}
