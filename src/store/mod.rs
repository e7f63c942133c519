//! The local SQLite store: the cache that makes start-up instant and works offline,
//! and the durable home of drafts and the outbox. One `Store` is one connection.

mod accounts;
mod drafts;
mod outbox;
mod schema;
mod search;
mod shared;
mod threads;

pub use accounts::AccountStatus;
pub use outbox::{Delivery, OutboxEntry, OutboxState};
pub use schema::CURRENT_VERSION as SCHEMA_VERSION;
pub use shared::SharedStore;
pub use threads::ThreadSummary;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database file inside the data dir.
pub const DB_FILE: &str = "innbox.sqlite3";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the inbox database {path}: {reason}; check that the data dir is writable")]
    Open { path: PathBuf, reason: String },
    #[error("the inbox database {path} cannot be used: {reason}")]
    Schema { path: PathBuf, reason: String },
    #[error("inbox database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("no thread {0} in the inbox; run `innbox sync` or check the account name and id")]
    UnknownThread(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir` and migrates it.
    pub fn open_in(data_dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| StoreError::Open { path: data_dir.to_owned(), reason: e.to_string() })?;
        Self::open(&data_dir.join(DB_FILE))
    }

    pub fn open(path: &Path) -> Result<Self> {
        let open_error =
            |e: rusqlite::Error| StoreError::Open { path: path.to_owned(), reason: e.to_string() };
        let conn = Connection::open(path).map_err(open_error)?;
        Self::prepare(conn, path)
    }

    /// A private database for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self> {
        Self::prepare(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    fn prepare(mut conn: Connection, path: &Path) -> Result<Self> {
        let schema_error = |reason: String| StoreError::Schema { path: path.to_owned(), reason };
        // WAL lets the TUI read while a sync (or `innbox send` in another shell) writes.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| schema_error(e.to_string()))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(Duration::from_secs(5))?;
        schema::migrate(&mut conn).map_err(|e| schema_error(e.to_string()))?;
        Ok(Self { conn })
    }

    pub fn schema_version(&self) -> Result<u32> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }
}
