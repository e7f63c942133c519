//! Full-text search over message bodies, guest names and property names.
//! The trigram tokenizer matches any substring of three characters or more (CJK
//! included); shorter queries fall back to a plain substring scan.

use super::{Result, Store};
use crate::domain::ThreadKey;
use std::collections::HashSet;

impl Store {
    /// The threads whose guest, property or any message contains `query`, ignoring
    /// case (and diacritics, for queries of three characters or more).
    pub fn search(&self, query: &str) -> Result<HashSet<ThreadKey>> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(HashSet::new());
        }
        let (sql, pattern) = if query.chars().count() >= 3 {
            let phrase = format!("\"{}\"", query.replace('"', "\"\""));
            (
                "SELECT account, thread_id FROM messages WHERE seq IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?1)
                 UNION
                 SELECT account, id FROM threads WHERE seq IN (SELECT rowid FROM threads_fts WHERE threads_fts MATCH ?1)",
                phrase,
            )
        } else {
            let escaped = query.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            (
                "SELECT account, thread_id FROM messages WHERE body LIKE ?1 ESCAPE '\\'
                 UNION
                 SELECT account, id FROM threads WHERE guest_name LIKE ?1 ESCAPE '\\' OR property_name LIKE ?1 ESCAPE '\\'",
                format!("%{escaped}%"),
            )
        };
        let mut statement = self.conn.prepare_cached(sql)?;
        let rows = statement.query_map([pattern], |row| {
            Ok(ThreadKey::new(row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
