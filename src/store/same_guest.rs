//! "Possibly the same guest" in the store: the normalized name, email and phone
//! (see `domain::guest_match`) of each thread's guest who has an email or phone,
//! kept in a narrow table of their own, and the pairs the user said are not one
//! guest, kept both ways.
//!
//! The keys have no index. A sync page's threads land at random places in an index
//! on names or contacts, so each commit rewrote most of its pages: measured, two such
//! indexes cost a sixth of ingest at 100k threads. New threads instead append to
//! this table, keyed by the thread's seq, and a lookup scans it: a few MB at 100k
//! threads, and only while the side panel is open.

use super::{Result, Store};
use crate::domain::guest_match::{GuestKeys, MatchReason, SameGuest};
use crate::domain::time::from_millis;
use crate::domain::{Channel, Guest, ProviderKind, ThreadKey};
use rusqlite::{OptionalExtension, Transaction, params};

/// More than this is no longer one guest but a shared or made-up contact.
const MAX_MATCHES: usize = 50;

/// A thread's matches, from its keys (?1 name, ?2 email, ?3 phone) and key (?4, ?5).
const LOOKUP: &str = "
    SELECT t.account, t.id, t.provider, t.channel, t.guest_name, coalesce(t.property_name, t.property_id),
           coalesce(t.last_message_at, t.updated_at),
           coalesce(k.email = ?2, 0), coalesce(k.phone = ?3, 0),
           EXISTS (SELECT 1 FROM guests_unlinked AS u WHERE u.account = ?4 AND u.thread_id = ?5
                   AND u.other_account = t.account AND u.other_id = t.id)
    FROM guest_keys AS k JOIN threads AS t ON t.seq = k.thread_seq
    WHERE k.name = ?1 AND (k.email = ?2 OR k.phone = ?3)
      AND NOT (t.account = ?4 AND t.id = ?5)
    ORDER BY coalesce(t.last_message_at, t.updated_at) DESC, t.account, t.id
    LIMIT ?6";

/// The schema's part (migration 8): the key columns, their indexes and the unlinked pairs.
pub(super) const MIGRATION: &str = r#"
    ALTER TABLE threads ADD COLUMN guest_name_key TEXT;
    ALTER TABLE threads ADD COLUMN guest_email_key TEXT;
    ALTER TABLE threads ADD COLUMN guest_phone_key TEXT;
    CREATE INDEX threads_by_guest_email ON threads (guest_email_key, guest_name_key)
        WHERE guest_email_key IS NOT NULL;
    CREATE INDEX threads_by_guest_phone ON threads (guest_phone_key, guest_name_key)
        WHERE guest_phone_key IS NOT NULL;
    CREATE TABLE guests_unlinked (
        account        TEXT NOT NULL,
        thread_id      TEXT NOT NULL,
        other_account  TEXT NOT NULL,
        other_id       TEXT NOT NULL,
        PRIMARY KEY (account, thread_id, other_account, other_id)
    ) WITHOUT ROWID;
"#;

/// Migration 10: the keys move from indexed columns of `threads` to their own table.
pub(super) const TABLE_MIGRATION: &str = r#"
    CREATE TABLE guest_keys (
        thread_seq  INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        email       TEXT,
        phone       TEXT
    );
    INSERT INTO guest_keys (thread_seq, name, email, phone)
        SELECT seq, guest_name_key, guest_email_key, guest_phone_key FROM threads
        WHERE guest_name_key IS NOT NULL AND (guest_email_key IS NOT NULL OR guest_phone_key IS NOT NULL);
    DROP INDEX threads_by_guest_email;
    DROP INDEX threads_by_guest_phone;
    ALTER TABLE threads DROP COLUMN guest_name_key;
    ALTER TABLE threads DROP COLUMN guest_email_key;
    ALTER TABLE threads DROP COLUMN guest_phone_key;
"#;

/// Fills the keys of the threads a store already held when it gained the columns.
pub(super) fn fill_guest_keys(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let mut read = tx.prepare("SELECT seq, guest_name, guest_email, guest_phone FROM threads")?;
    let mut write = tx.prepare(
        "UPDATE threads SET guest_name_key = ?2, guest_email_key = ?3, guest_phone_key = ?4 WHERE seq = ?1",
    )?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let guest = crate::domain::Guest { name: row.get(1)?, email: row.get(2)?, phone: row.get(3)? };
        let keys = GuestKeys::of(&guest);
        write.execute(params![row.get::<_, i64>(0)?, keys.name, keys.email, keys.phone])?;
    }
    Ok(())
}

/// Keeps the keys of the thread `thread_seq` in step with its guest; the writer
/// calls it for every thread whose row changed. A guest with no name, or no email
/// and no phone, matches no one and has none.
pub(super) fn write_guest_keys(tx: &Transaction<'_>, thread_seq: i64, guest: &Guest) -> Result<()> {
    match GuestKeys::of(guest) {
        GuestKeys { name: Some(name), email, phone } if email.is_some() || phone.is_some() => tx
            .prepare_cached(
                "INSERT INTO guest_keys (thread_seq, name, email, phone) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (thread_seq) DO UPDATE SET name = ?2, email = ?3, phone = ?4
                 WHERE (name, email, phone) IS NOT (?2, ?3, ?4)",
            )?
            .execute(params![thread_seq, name, email, phone])?,
        _ => tx.prepare_cached("DELETE FROM guest_keys WHERE thread_seq = ?1")?.execute([thread_seq])?,
    };
    Ok(())
}

impl Store {
    /// The other threads, of any account, whose guest has `key`'s guest's name and
    /// email or phone; newest activity first, those the user unlinked included
    /// (flagged) so they can be linked again.
    pub fn same_guest(&self, key: &ThreadKey) -> Result<Vec<SameGuest>> {
        let keys = self
            .conn
            .prepare_cached(
                "SELECT k.name, k.email, k.phone FROM threads AS t JOIN guest_keys AS k ON k.thread_seq = t.seq
                 WHERE t.account = ?1 AND t.id = ?2",
            )?
            .query_row(params![key.account, key.id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?;
        let Some((name, email, phone)) = keys else { return Ok(Vec::new()) };
        let (name, email, phone): (String, Option<String>, Option<String>) = (name, email, phone);
        let mut statement = self.conn.prepare_cached(LOOKUP)?;
        let params = params![name, email, phone, key.account, key.id, MAX_MATCHES as i64];
        let rows = statement.query_map(params, |row| {
            let provider: String = row.get(2)?;
            let Some(provider) = ProviderKind::parse(&provider) else { return Ok(None) };
            Ok(Some(SameGuest {
                key: ThreadKey::new(row.get::<_, String>(0)?, row.get::<_, String>(1)?),
                provider,
                channel: row.get::<_, Option<String>>(3)?.as_deref().and_then(Channel::from_wire),
                guest_name: row.get(4)?,
                property: row.get(5)?,
                last_activity: row.get::<_, Option<i64>>(6)?.and_then(from_millis),
                reason: MatchReason { email: row.get(7)?, phone: row.get(8)? },
                unlinked: row.get(9)?,
            }))
        })?;
        // A provider this build does not know (a newer innbox wrote it) is left out.
        Ok(rows.filter_map(rusqlite::Result::transpose).collect::<rusqlite::Result<_>>()?)
    }

    /// Records whether the guests of two threads are one person, both ways round:
    /// `false` hides the pair from "possibly the same guest", `true` undoes that.
    pub fn set_same_guest(&mut self, a: &ThreadKey, b: &ThreadKey, same: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (one, other) in [(a, b), (b, a)] {
            let sql = if same {
                "DELETE FROM guests_unlinked
                 WHERE account = ?1 AND thread_id = ?2 AND other_account = ?3 AND other_id = ?4"
            } else {
                "INSERT OR IGNORE INTO guests_unlinked (account, thread_id, other_account, other_id)
                 VALUES (?1, ?2, ?3, ?4)"
            };
            tx.execute(sql, params![one.account, one.id, other.account, other.id])?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_scans_only_the_narrow_keys_and_seeks_each_match_s_thread() {
        let store = Store::open_in_memory().unwrap();
        let mut statement = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {LOOKUP}")).unwrap();
        let plan: Vec<String> = statement
            .query_map(params!["ana lima", "ana@x.com", "5511912345678", "Lakeside", "c1", 50], |row| {
                row.get(3)
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains("SCAN k") && plan.contains("SEARCH t USING INTEGER PRIMARY KEY"), "{plan}");
        assert!(!plan.contains("SCAN t"), "{plan}");
    }
}
