//! Threads and messages: written a page per transaction by sync, read by the list,
//! the history pane and export.

use super::triage_state::{ThreadTriage, summarize_and_triage, triage_columns};
use super::{Result, Store, StoreError, same_guest, search};
use crate::domain::time::{from_millis, to_millis};
use crate::domain::{
    Attachment, Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Reservation,
    ReservationStatus, Thread, ThreadKey,
};
use crate::providers::ThreadUpdate;
use jiff::Timestamp;
use rusqlite::{OptionalExtension, Row, ToSql, Transaction, params, params_from_iter};
use std::borrow::Cow;

/// A thread with what the list shows about its latest message.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadSummary {
    pub thread: Thread,
    pub last_message_at: Option<Timestamp>,
    /// The start of the latest message, as stored (may hold newlines).
    pub preview: Option<String>,
    pub last_direction: Option<Direction>,
    pub message_count: u32,
    pub triage: ThreadTriage,
}

impl ThreadSummary {
    /// What the list sorts on: the latest message, else the provider's update time.
    pub fn activity(&self) -> Option<Timestamp> {
        self.last_message_at.or(self.thread.updated_at)
    }
}

macro_rules! thread_columns {
    () => {
        "account, id, provider, channel, guest_name, guest_email, guest_phone, property_id, \
         property_name, reservation_id, check_in, check_out, subject, unread, reply_blocked, updated_at, \
         reservation_status"
    };
}
const THREAD_COLUMNS: &str = thread_columns!();

/// What a list row needs, its preview cut to `?3` characters. The unread count is
/// as shown: the provider's, unless innbox has shown everything up to the newest
/// message since.
const SUMMARY_COLUMNS: &str = concat!(
    thread_columns!(),
    ", last_message_at, substr(last_preview, 1, ?3), last_direction, message_count, \
     CASE WHEN read_up_to >= last_message_at THEN 0 ELSE unread END, ",
    triage_columns!()
);

/// How much of the latest message the store keeps for the list.
const STORED_PREVIEW_CHARS: usize = 400;
/// How much of it the inbox holds per thread: a row shows one line of it in a list
/// at most 90 columns wide (`ui::layout`), and at 100k threads every character
/// kept costs 100 kB.
const LISTED_PREVIEW_CHARS: usize = 100;

const MESSAGE_COLUMNS: &str = "id, direction, sender, body, sent_at, status, automatic, kind, attachments";

impl Store {
    /// Writes one page of sync results in one transaction and returns the threads
    /// whose stored content changed. Re-applying the same page changes nothing.
    pub fn apply_updates(&mut self, updates: &[ThreadUpdate]) -> Result<Vec<ThreadKey>> {
        let tx = self.conn.transaction()?;
        // The page's messages oldest first, whatever thread they are in: rows then
        // land in seq order, which B-trees and FTS5 both take best.
        let mut messages: Vec<(usize, &Message)> = (updates.iter().enumerate())
            .flat_map(|(index, update)| update.messages.iter().map(move |message| (index, message)))
            .collect();
        messages.sort_by_key(|(_, message)| message.sent_at);
        let mut messages_changed = vec![false; updates.len()];
        let mut to_index = Vec::new();
        for (index, message) in messages {
            if let Some(seq) = upsert_message(&tx, &updates[index].thread, message)? {
                to_index.push(seq);
                messages_changed[index] = true;
            }
        }
        let mut changed = Vec::new();
        for (update, messages_changed) in updates.iter().zip(messages_changed) {
            let changed_row = upsert_thread(&tx, &update.thread)?;
            if let Some(seq) = changed_row {
                same_guest::write_guest_keys(&tx, seq, &update.thread.guest)?;
            }
            let thread_changed = changed_row.is_some();
            if messages_changed {
                let (account, id) = (&update.thread.account, &update.thread.id);
                summarize_and_triage(&tx, &self.triager, account, id, STORED_PREVIEW_CHARS)?;
            }
            match &update.marker {
                Some(marker) => tx
                    .prepare_cached(
                        "INSERT INTO sync_cursors (account, thread_id, marker) VALUES (?1, ?2, ?3)
                         ON CONFLICT (account, thread_id) DO UPDATE SET marker = excluded.marker",
                    )?
                    .execute(params![update.thread.account, update.thread.id, marker])?,
                None => tx
                    .prepare_cached("DELETE FROM sync_cursors WHERE account = ?1 AND thread_id = ?2")?
                    .execute(params![update.thread.account, update.thread.id])?,
            };
            if thread_changed || messages_changed {
                changed.push(update.thread.key());
            }
        }
        search::add_to_backlog(&tx, to_index)?;
        tx.commit()?;
        Ok(changed)
    }

    /// Every thread (optionally of one account), newest activity first.
    pub fn thread_summaries(&self, account: Option<&str>) -> Result<Vec<ThreadSummary>> {
        self.summaries(account, None, STORED_PREVIEW_CHARS)
    }

    /// What the inbox lists: the `limit` newest threads (all without one), each
    /// with only as much of its latest message as a list row can show. Each is boxed
    /// as it is read, as the list holds them: boxing a finished list would hold it
    /// twice for a moment, 50 MB more at 100k threads.
    pub fn inbox_threads(&self, limit: Option<usize>) -> Result<Vec<Box<ThreadSummary>>> {
        self.summaries(None, limit, LISTED_PREVIEW_CHARS)
    }

    /// The inbox's summaries of the threads `keys` names, as [`Store::inbox_threads`]
    /// lists them: what a sync page changed, without reading the other 100k.
    pub fn inbox_threads_by_key(&self, keys: &[ThreadKey]) -> Result<Vec<ThreadSummary>> {
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM threads WHERE account = ?1 AND id = ?2");
        let mut statement = self.conn.prepare_cached(&sql)?;
        let mut summaries = Vec::with_capacity(keys.len());
        for key in keys {
            let params = params![key.account, key.id, LISTED_PREVIEW_CHARS as i64];
            summaries.extend(statement.query_row(params, summary_from_row).optional()?);
        }
        Ok(summaries)
    }

    fn summaries<Summary: From<ThreadSummary>>(
        &self,
        account: Option<&str>,
        limit: Option<usize>,
        preview_chars: usize,
    ) -> Result<Vec<Summary>> {
        // The ORDER BY matches the threads_by_recency index, so a limit reads only its rows.
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}
             FROM threads
             WHERE ?1 IS NULL OR account = ?1
             ORDER BY coalesce(last_message_at, updated_at) DESC, account, id
             LIMIT ?2"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let limit = limit.map_or(-1, |limit| limit as i64);
        let rows = statement.query_map(params![account, limit, preview_chars as i64], |row| {
            summary_from_row(row).map(Summary::from)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn thread(&self, key: &ThreadKey) -> Result<Thread> {
        let sql = format!("SELECT {THREAD_COLUMNS} FROM threads WHERE account = ?1 AND id = ?2");
        self.conn
            .query_row(&sql, params![key.account, key.id], thread_from_row)
            .optional()?
            .ok_or_else(|| StoreError::UnknownThread(key.to_string()))
    }

    /// A thread's messages, oldest first.
    pub fn messages(&self, key: &ThreadKey) -> Result<Vec<Message>> {
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE account = ?1 AND thread_id = ?2
             ORDER BY sent_at, seq"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params![key.account, key.id], message_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that the user has seen `key` up to its newest message.
    pub fn mark_read(&mut self, key: &ThreadKey) -> Result<()> {
        self.conn.execute(
            "UPDATE threads SET read_up_to = last_message_at WHERE account = ?1 AND id = ?2",
            params![key.account, key.id],
        )?;
        Ok(())
    }

    /// The sync cursors of one account: thread id → marker.
    pub fn markers(&self, account: &str) -> Result<crate::providers::KnownMarkers> {
        let mut statement =
            self.conn.prepare_cached("SELECT thread_id, marker FROM sync_cursors WHERE account = ?1")?;
        let rows = statement.query_map([account], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Inserts or updates a thread's row; returns its seq if it is new or changed.
fn upsert_thread(tx: &Transaction<'_>, thread: &Thread) -> Result<Option<i64>> {
    let reservation = thread.reservation.as_ref();
    let changed = tx.prepare_cached(
        &format!(
            "INSERT INTO threads ({THREAD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
             ON CONFLICT (account, id) DO UPDATE SET
                provider = excluded.provider, channel = excluded.channel, guest_name = excluded.guest_name,
                guest_email = excluded.guest_email, guest_phone = excluded.guest_phone,
                property_id = excluded.property_id, property_name = excluded.property_name,
                reservation_id = excluded.reservation_id, check_in = excluded.check_in, check_out = excluded.check_out,
                subject = excluded.subject, unread = excluded.unread, reply_blocked = excluded.reply_blocked,
                updated_at = excluded.updated_at, reservation_status = excluded.reservation_status
             WHERE (provider, channel, guest_name, guest_email, guest_phone, property_id, property_name,
                    reservation_id, check_in, check_out, subject, unread, reply_blocked, updated_at,
                    reservation_status)
                IS NOT (excluded.provider, excluded.channel, excluded.guest_name, excluded.guest_email,
                    excluded.guest_phone, excluded.property_id, excluded.property_name, excluded.reservation_id,
                    excluded.check_in, excluded.check_out, excluded.subject, excluded.unread,
                    excluded.reply_blocked, excluded.updated_at, excluded.reservation_status)
             RETURNING seq"
        ),
    )?
    .query_row(params![
            thread.account,
            thread.id,
            thread.provider.as_str(),
            thread.channel.as_ref().map(Channel::as_str),
            thread.guest.name,
            thread.guest.email,
            thread.guest.phone,
            thread.property_id,
            thread.property_name,
            reservation.map(|r| &r.id),
            reservation.and_then(|r| r.check_in).map(|d| d.to_string()),
            reservation.and_then(|r| r.check_out).map(|d| d.to_string()),
            thread.subject,
            thread.unread,
            thread.reply.blocked_reason(),
            thread.updated_at.map(to_millis),
            reservation.and_then(|r| r.status.as_ref()).map(ReservationStatus::as_str),
    ], |row| row.get(0))
    .optional()?;
    Ok(changed)
}

/// Inserts or updates one message. Returns its seq if it is new or changed, for
/// the search index to take its text.
fn upsert_message(tx: &Transaction<'_>, thread: &Thread, message: &Message) -> Result<Option<i64>> {
    let attachments = serde_json::to_string(&message.attachments).unwrap_or_else(|_| "[]".into());
    let values = params![
        thread.account,
        thread.id,
        message.id,
        message.direction.as_str(),
        message.sender,
        message.body,
        message.sent_at.map(to_millis),
        message.status,
        message.automatic,
        message.kind,
        attachments,
    ];
    // A new message, the common case in a sync, costs one statement.
    let mut insert = tx.prepare_cached(&format!(
        "INSERT INTO messages (account, thread_id, {MESSAGE_COLUMNS}, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (account, thread_id, id) DO NOTHING"
    ))?;
    // Most messages are the first of their millisecond, so its first seq is tried
    // before asking which are taken: one statement where there were two. A message
    // already stored is found by its id before its seq is checked.
    let first = search::first_seq(message.sent_at);
    let mut seq = first;
    let inserted = loop {
        match insert.execute(params_from_iter(values.iter().copied().chain([&seq as &dyn ToSql]))) {
            Err(e) if search::is_taken_seq(&e) => {
                seq = if seq == first {
                    search::seq_for(tx, message.sent_at)?
                } else {
                    search::seq_after_all(tx)?
                }
            }
            result => break result?,
        }
    };
    if inserted > 0 {
        return Ok(Some(seq));
    }
    let updated = tx
        .prepare_cached(
            "UPDATE messages SET
                direction = ?4, sender = ?5, body = ?6, sent_at = ?7, status = ?8, automatic = ?9,
                kind = ?10, attachments = ?11
             WHERE account = ?1 AND thread_id = ?2 AND id = ?3
               AND (direction, sender, body, sent_at, status, automatic, kind, attachments)
                   IS NOT (?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             RETURNING seq",
        )?
        .query_row(values, |row| row.get::<_, i64>(0))
        .optional()?;
    if let Some(seq) = updated {
        search::unindex_message(tx, seq)?;
    }
    Ok(updated)
}

/// The list's summary columns from the thread's messages, as an UPDATE's SET items
/// (`?1` account, `?2` thread id, `?7` the preview's length): set in the same UPDATE
/// as the triage, since each rewrite of a thread's row costs a sync's writes.
pub(super) const SUMMARY_SET: &str = "
    (last_message_at, last_preview, last_direction) = (
        SELECT sent_at, substr(body, 1, ?7), direction FROM messages
        WHERE account = ?1 AND thread_id = ?2
        ORDER BY sent_at DESC, seq DESC LIMIT 1),
    message_count = (SELECT count(*) FROM messages WHERE account = ?1 AND thread_id = ?2),";

/// A row of [`SUMMARY_COLUMNS`], its preview cut to `?3` characters.
fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ThreadSummary> {
    let mut thread = thread_from_row(row)?;
    thread.unread = row.get(21)?;
    Ok(ThreadSummary {
        thread,
        last_message_at: row.get::<_, Option<i64>>(17)?.and_then(from_millis),
        preview: row.get(18)?,
        last_direction: row.get::<_, Option<String>>(19)?.as_deref().and_then(Direction::parse),
        message_count: row.get(20)?,
        triage: ThreadTriage::from_row(row, 22)?,
    })
}

fn thread_from_row(row: &Row<'_>) -> rusqlite::Result<Thread> {
    let provider: String = row.get(2)?;
    let date = |index: usize| -> rusqlite::Result<_> {
        Ok(row.get::<_, Option<String>>(index)?.and_then(|d| d.parse::<jiff::civil::Date>().ok()))
    };
    let reservation = row
        .get::<_, Option<String>>(9)?
        .map(|id| -> rusqlite::Result<_> {
            let status = row.get::<_, Option<String>>(16)?.as_deref().and_then(ReservationStatus::from_wire);
            Ok(Reservation { id, check_in: date(10)?, check_out: date(11)?, status })
        })
        .transpose()?;
    Ok(Thread {
        account: row.get(0)?,
        id: row.get(1)?,
        provider: ProviderKind::parse(&provider).ok_or_else(|| {
            let reason = format!("unknown provider `{provider}`, written by a newer innbox?");
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, reason.into())
        })?,
        channel: row.get::<_, Option<String>>(3)?.as_deref().and_then(Channel::from_wire),
        guest: Guest { name: row.get(4)?, email: row.get(5)?, phone: row.get(6)? },
        property_id: row.get(7)?,
        property_name: row.get(8)?,
        reservation,
        subject: row.get(12)?,
        unread: row.get(13)?,
        reply: match row.get::<_, Option<String>>(14)? {
            Some(reason) => ReplyAbility::Blocked(known_reason(reason)),
            None => ReplyAbility::Allowed,
        },
        updated_at: row.get::<_, Option<i64>>(15)?.and_then(from_millis),
    })
}

/// One of the providers' fixed reasons is borrowed, not copied: most blocked threads
/// of a large inbox share one of three.
fn known_reason(reason: String) -> Cow<'static, str> {
    ProviderKind::ALL
        .into_iter()
        .map(crate::providers::read_only_reason)
        .find(|known| *known == reason)
        .map_or(Cow::Owned(reason), Cow::Borrowed)
}

fn message_from_row(row: &Row<'_>) -> rusqlite::Result<Message> {
    let direction: String = row.get(1)?;
    let attachments: String = row.get(8)?;
    Ok(Message {
        id: row.get(0)?,
        direction: Direction::parse(&direction).unwrap_or(Direction::System),
        sender: row.get(2)?,
        body: row.get(3)?,
        sent_at: row.get::<_, Option<i64>>(4)?.and_then(from_millis),
        status: row.get(5)?,
        automatic: row.get(6)?,
        kind: row.get(7)?,
        attachments: serde_json::from_str::<Vec<Attachment>>(&attachments).unwrap_or_default(),
    })
}
