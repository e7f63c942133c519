//! Each thread's triage and local state, kept on its `threads` row so the list knows
//! at 100k threads which ones wait without reading a message. Triage is computed when
//! a thread's messages or replies change, with the rules the store was given; a row
//! triaged by other rules (an older store, a changed `[triage]`) is triaged again in
//! the background. Snooze and done are local: a guest message newer than either ends it.

use super::{Result, Store};
use crate::domain::ThreadKey;
use crate::domain::time::{from_millis, to_millis};
use crate::domain::triage::{Triage, TriageRules};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Row, ToSql, params, params_from_iter};

/// The rules writes triage with, and their fingerprint, stamped on every row they triage.
pub(super) struct Triager {
    rules: TriageRules,
    fingerprint: i64,
    /// Where the background re-triage goes on from: rows are visited in `seq` order.
    resume_after: i64,
}

impl Default for Triager {
    fn default() -> Self {
        Self::new(TriageRules::default())
    }
}

impl Triager {
    fn new(rules: TriageRules) -> Self {
        // Reply targets are applied when drawn; only urgency decides what is stored.
        let fingerprint = super::outbox::fnv1a(&format!("{:?}", rules.urgency)) as i64;
        Self { rules, fingerprint, resume_after: 0 }
    }
}

/// A thread's triage as the list holds it: 12 bytes a thread, times in whole seconds
/// (0 for none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ThreadTriage {
    flags: u8,
    waiting_since: u32,
    snoozed_until: u32,
}

const NEEDS_REPLY: u8 = 1;
const URGENT: u8 = 2;
const DONE: u8 = 4;

impl ThreadTriage {
    pub fn new(needs_reply: bool, urgent: bool, waiting_since: Option<Timestamp>) -> Self {
        let flags = if needs_reply { NEEDS_REPLY } else { 0 } | if urgent { URGENT } else { 0 };
        Self { flags, waiting_since: seconds(waiting_since), snoozed_until: 0 }
    }

    pub fn needs_reply(&self) -> bool {
        self.flags & NEEDS_REPLY != 0
    }

    pub fn is_urgent(&self) -> bool {
        self.flags & URGENT != 0
    }

    pub fn is_done(&self) -> bool {
        self.flags & DONE != 0
    }

    /// The oldest guest message not answered yet, when it has a time.
    pub fn waiting_since(&self) -> Option<Timestamp> {
        timestamp(self.waiting_since)
    }

    pub fn snoozed_until(&self) -> Option<Timestamp> {
        timestamp(self.snoozed_until)
    }

    pub fn is_snoozed(&self, now: Timestamp) -> bool {
        self.snoozed_until().is_some_and(|until| until > now)
    }

    /// Put aside: done, or snoozed until later than `now`.
    pub fn is_set_aside(&self, now: Timestamp) -> bool {
        self.is_done() || self.is_snoozed(now)
    }

    /// Marked done (which ends a snooze), or not.
    pub fn with_done(self, done: bool) -> Self {
        let flags = if done { self.flags | DONE } else { self.flags & !DONE };
        Self { flags, snoozed_until: if done { 0 } else { self.snoozed_until }, ..self }
    }

    /// Snoozed until `until` (which ends done), or with None, not snoozed.
    pub fn with_snooze(self, until: Option<Timestamp>) -> Self {
        let flags = if until.is_some() { self.flags & !DONE } else { self.flags };
        Self { flags, snoozed_until: seconds(until), ..self }
    }

    /// From the columns `triage_columns!` lists, starting at `first`.
    pub(super) fn from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<Self> {
        let time = |index: usize| -> rusqlite::Result<Option<Timestamp>> {
            Ok(row.get::<_, Option<i64>>(first + index)?.and_then(from_millis))
        };
        let triage = Self::new(row.get(first)?, row.get(first + 1)?, time(2)?);
        Ok(triage.with_snooze(time(3)?).with_done(row.get(first + 4)?))
    }
}

/// What [`ThreadTriage::from_row`] reads, in order.
macro_rules! triage_columns {
    () => {
        "needs_reply, urgent, waiting_since, snoozed_until, done_at IS NOT NULL"
    };
}
pub(super) use triage_columns;
const TRIAGE_COLUMNS: &str = triage_columns!();

fn seconds(time: Option<Timestamp>) -> u32 {
    time.map_or(0, |time| time.as_second().clamp(1, i64::from(u32::MAX)) as u32)
}

fn timestamp(seconds: u32) -> Option<Timestamp> {
    (seconds > 0).then(|| Timestamp::from_second(i64::from(seconds)).ok()).flatten()
}

/// Rows the background re-triage takes per transaction: a few ms of the store.
pub const RETRIAGE_CHUNK: usize = 500;

impl Store {
    /// The rules triage is computed with from now on. Rows triaged by other rules
    /// are triaged again by [`Store::retriage_stale`].
    pub fn set_triage_rules(&mut self, rules: TriageRules) {
        self.triager = Triager::new(rules);
    }

    /// Triages again up to `limit` threads that the current rules did not triage, and
    /// says how many it visited and whether any of them changed. None visited: done.
    pub fn retriage_stale(&mut self, limit: usize) -> Result<(usize, bool)> {
        let fingerprint = self.triager.fingerprint;
        let settled: Option<i64> =
            self.conn.query_row("SELECT fingerprint FROM triage_rules", [], |row| row.get(0)).optional()?;
        if settled == Some(fingerprint) {
            return Ok((0, false));
        }
        let tx = self.conn.transaction()?;
        let stale: Vec<(i64, String, String, ThreadTriage)> = tx
            .prepare_cached(&format!(
                "SELECT seq, account, id, {TRIAGE_COLUMNS} FROM threads
                 WHERE seq > ?1 AND triaged_by IS NOT ?2 ORDER BY seq LIMIT ?3"
            ))?
            .query_map(params![self.triager.resume_after, self.triager.fingerprint, limit as i64], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, ThreadTriage::from_row(row, 3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut changed = false;
        for (_, account, id, before) in &stale {
            triage_thread(&tx, &self.triager, account, id)?;
            let after: ThreadTriage = tx.query_row(
                &format!("SELECT {TRIAGE_COLUMNS} FROM threads WHERE account = ?1 AND id = ?2"),
                params![account, id],
                |row| ThreadTriage::from_row(row, 0),
            )?;
            changed |= after != *before;
        }
        if stale.is_empty() {
            tx.execute("DELETE FROM triage_rules", [])?;
            tx.execute("INSERT INTO triage_rules (fingerprint) VALUES (?1)", [fingerprint])?;
        }
        tx.commit()?;
        if let Some((seq, ..)) = stale.last() {
            self.triager.resume_after = *seq;
        }
        Ok((stale.len(), changed))
    }

    /// Triages one thread again: its replies in the outbox changed.
    pub(super) fn retriage(&self, key: &ThreadKey) -> Result<()> {
        triage_thread(&self.conn, &self.triager, &key.account, &key.id)
    }

    /// Snoozes `key` until `until` (ending done), or with None wakes it. `now` is when
    /// it was snoozed: a guest message after that wakes it early.
    pub fn set_snooze(&mut self, key: &ThreadKey, until: Option<Timestamp>, now: Timestamp) -> Result<()> {
        self.conn.execute(
            "UPDATE threads SET snoozed_until = ?3, snoozed_at = CASE WHEN ?3 IS NULL THEN NULL ELSE ?4 END,
                done_at = CASE WHEN ?3 IS NULL THEN done_at END
             WHERE account = ?1 AND id = ?2",
            params![key.account, key.id, until.map(to_millis), to_millis(now)],
        )?;
        Ok(())
    }

    /// Marks `key` done at `now` (ending a snooze), or reopens it. A guest message
    /// after `now` reopens it too.
    pub fn set_done(&mut self, key: &ThreadKey, done: bool, now: Timestamp) -> Result<()> {
        self.conn.execute(
            "UPDATE threads SET done_at = CASE WHEN ?3 THEN ?4 END,
                snoozed_until = CASE WHEN ?3 THEN NULL ELSE snoozed_until END,
                snoozed_at = CASE WHEN ?3 THEN NULL ELSE snoozed_at END
             WHERE account = ?1 AND id = ?2",
            params![key.account, key.id, done, to_millis(now)],
        )?;
        Ok(())
    }
}

/// A guest's own message (inbound, not automatic) sent after the column `$after`.
macro_rules! guest_after {
    ($after:literal) => {
        concat!(
            "EXISTS (SELECT 1 FROM messages AS m WHERE m.account = ?1 AND m.thread_id = ?2
                AND m.direction = 'inbound' AND m.automatic IS NOT 1 AND m.sent_at > ",
            $after,
            ")"
        )
    };
}

/// The triage columns, and the end of a snooze or done that a newer guest message has
/// overtaken, as an UPDATE's SET items (`?3` to `?6`).
const TRIAGE_SET: &str = concat!(
    "needs_reply = ?3, urgent = ?4, waiting_since = ?5, triaged_by = ?6,
        done_at = CASE WHEN done_at IS NULL THEN NULL WHEN ",
    guest_after!("done_at"),
    " THEN NULL ELSE done_at END,
        snoozed_until = CASE WHEN snoozed_at IS NULL THEN snoozed_until WHEN ",
    guest_after!("snoozed_at"),
    " THEN NULL ELSE snoozed_until END,
        snoozed_at = CASE WHEN snoozed_at IS NULL THEN NULL WHEN ",
    guest_after!("snoozed_at"),
    " THEN NULL ELSE snoozed_at END"
);

/// Triages a thread from its stored messages and outbox.
pub(super) fn triage_thread(conn: &Connection, triager: &Triager, account: &str, id: &str) -> Result<()> {
    write_triage(conn, triager, account, id, None)
}

/// Brings a thread's list summary (its preview cut to `preview_chars`) and its triage
/// up to its messages, in one rewrite of its row.
pub(super) fn summarize_and_triage(
    conn: &Connection,
    triager: &Triager,
    account: &str,
    id: &str,
    preview_chars: usize,
) -> Result<()> {
    write_triage(conn, triager, account, id, Some(preview_chars as i64))
}

fn write_triage(
    conn: &Connection,
    triager: &Triager,
    account: &str,
    id: &str,
    preview_chars: Option<i64>,
) -> Result<()> {
    let triage = assess(conn, triager, account, id)?;
    let summary = if preview_chars.is_some() { super::threads::SUMMARY_SET } else { "" };
    let sql = format!("UPDATE threads SET {summary} {TRIAGE_SET} WHERE account = ?1 AND id = ?2");
    let waiting_since = triage.waiting_since.map(to_millis);
    let values: [&dyn ToSql; 6] =
        [&account, &id, &triage.needs_reply, &triage.is_urgent(), &waiting_since, &triager.fingerprint];
    let values = values.into_iter().chain(preview_chars.as_ref().map(|chars| chars as &dyn ToSql));
    conn.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(())
}

fn assess(conn: &Connection, triager: &Triager, account: &str, id: &str) -> Result<Triage> {
    let key = ThreadKey::new(account, id);
    let tail = super::triage::read_tail(conn, &key)?;
    let local_reply = super::triage::local_reply(conn, &key)?;
    // The clock is drawn from `waiting_since` with the reply targets; no time is needed here.
    Ok(triager.rules.assess(None, &tail, local_reply, Timestamp::UNIX_EPOCH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_triage_packs_into_twelve_bytes() {
        assert_eq!(std::mem::size_of::<ThreadTriage>(), 12);
    }

    #[test]
    fn done_and_snooze_end_each_other_and_keep_the_triage() {
        let since = Timestamp::from_second(1_800_000_000).unwrap();
        let triage = ThreadTriage::new(true, true, Some(since));
        let until = since + jiff::SignedDuration::from_hours(3);
        let snoozed = triage.with_snooze(Some(until));
        assert!(snoozed.is_snoozed(since) && !snoozed.is_snoozed(until), "until, not at");
        let done = snoozed.with_done(true);
        assert!(done.is_done() && done.snoozed_until().is_none());
        assert!(!done.with_snooze(Some(until)).is_done());
        assert!(done.needs_reply() && done.is_urgent() && done.waiting_since() == Some(since));
    }
}
