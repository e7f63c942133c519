//! The local SQLite store: the cache that makes start-up instant and works offline,
//! and the durable home of drafts, the outbox and tag changes not yet sent. One
//! `Store` is one connection.

mod accounts;
mod drafts;
mod outbox;
mod pending_tags;
mod same_guest;
mod schema;
mod search;
mod shared;
mod threads;
mod triage;
mod triage_state;

pub use accounts::AccountStatus;
pub use outbox::{Delivery, OutboxEntry, OutboxState};
pub use pending_tags::PendingTag;
pub use schema::CURRENT_VERSION as SCHEMA_VERSION;
pub use search::{INDEX_CHUNK, MAX_MATCHING_THREADS, SearchMatches};
pub use shared::SharedStore;
pub use threads::ThreadSummary;
pub use triage_state::{RETRIAGE_CHUNK, ThreadTriage};

use rusqlite::{Connection, ErrorCode};
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
    #[error(
        "the inbox database {path} is damaged or is not an innbox database ({reason}); innbox leaves it \
         untouched: move it aside (it may hold drafts and unsent replies) and run `innbox sync` to rebuild"
    )]
    Damaged { path: PathBuf, reason: String },
    #[error(
        "the inbox database {path} is locked by another program ({reason}); close whatever holds it \
         (an sqlite3 shell, a backup tool) and try again"
    )]
    Locked { path: PathBuf, reason: String },
    #[error("inbox database error: {0}{advice}", advice = advice(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("no thread {0} in the inbox; run `innbox sync` or check the account name and id")]
    UnknownThread(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// How long a write waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Sorts a failure to open or migrate into what the user can act on.
fn opening_error(path: &Path, e: rusqlite::Error) -> StoreError {
    let (path, reason) = (path.to_owned(), e.to_string());
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Damaged { path, reason },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path, reason },
        _ => StoreError::Schema { path, reason },
    }
}

/// What to do about a database error met after opening.
fn advice(e: &rusqlite::Error) -> &'static str {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            "; the database file is damaged: quit innbox, move it aside and run `innbox sync` to rebuild"
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "; another program held the database for over 5 s: close it and try again"
        }
        Some(ErrorCode::DiskFull) => "; the disk is full: free some space",
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
            "; check that the data dir is writable"
        }
        _ => "",
    }
}

pub struct Store {
    conn: Connection,
    triager: triage_state::Triager,
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
        let opening_error = |e: rusqlite::Error| opening_error(path, e);
        // Another innbox process may be mid-write; wait for it rather than fail.
        conn.busy_timeout(BUSY_TIMEOUT).map_err(opening_error)?;
        // WAL lets the TUI read while a sync (or `innbox send` in another shell) writes.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(opening_error)?;
        // FULL makes each commit durable before it returns: an outbox row marked
        // `sending` must survive a power cut, or the reply could be sent twice.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // The bundled SQLite plans with STAT4, which re-prepares a cached statement
        // whenever a rebound parameter might change its plan: measured, a quarter of
        // a sync's write time. innbox runs no ANALYZE, so one plan per statement is right.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        schema::migrate(&mut conn).map_err(|e| match e {
            schema::MigrationError::Sqlite(e) => opening_error(e),
            too_new => StoreError::Schema { path: path.to_owned(), reason: too_new.to_string() },
        })?;
        Ok(Self { conn, triager: Default::default() })
    }

    pub fn schema_version(&self) -> Result<u32> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }
}
