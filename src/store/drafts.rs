//! Drafts, one per thread, saved while the user writes (`app` saves each once typing
//! pauses, and at once when the user leaves it), so a crash loses little or nothing.

use super::{Result, Store};
use crate::domain::ThreadKey;
use crate::domain::time::to_millis;
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

impl Store {
    /// Saves the draft; an empty (or whitespace-only) body deletes it.
    pub fn save_draft(&mut self, key: &ThreadKey, body: &str, now: Timestamp) -> Result<()> {
        if body.trim().is_empty() {
            return self.delete_draft(key);
        }
        self.conn.execute(
            "INSERT INTO drafts (account, thread_id, body, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (account, thread_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![key.account, key.id, body, to_millis(now)],
        )?;
        Ok(())
    }

    pub fn draft(&self, key: &ThreadKey) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT body FROM drafts WHERE account = ?1 AND thread_id = ?2",
                params![key.account, key.id],
                |row| row.get(0),
            )
            .optional()?)
    }

    pub fn drafts(&self) -> Result<HashMap<ThreadKey, String>> {
        let mut statement = self.conn.prepare_cached("SELECT account, thread_id, body FROM drafts")?;
        let rows = statement.query_map([], |row| {
            Ok((ThreadKey::new(row.get::<_, String>(0)?, row.get::<_, String>(1)?), row.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete_draft(&mut self, key: &ThreadKey) -> Result<()> {
        self.conn.execute(
            "DELETE FROM drafts WHERE account = ?1 AND thread_id = ?2",
            params![key.account, key.id],
        )?;
        Ok(())
    }
}
