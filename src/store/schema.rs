//! The versioned schema. Each migration runs once, in order, inside a transaction;
//! `PRAGMA user_version` records how far a database has come. Append, never edit.

use rusqlite::{Connection, Transaction};

/// One step of the schema: SQL, then optionally work only Rust can do.
struct Migration {
    sql: &'static str,
    then: Option<fn(&Transaction<'_>) -> rusqlite::Result<()>>,
}

const MIGRATIONS: &[Migration] = &[
    Migration { then: None, sql:
    // 1: accounts, threads with their list summary, messages, cursors, drafts,
    // outbox, and full-text search over bodies, guest names and property names.
    r#"
    CREATE TABLE accounts (
        name          TEXT PRIMARY KEY,
        provider      TEXT NOT NULL,
        last_sync_at  INTEGER,
        last_error    TEXT
    );

    CREATE TABLE threads (
        seq             INTEGER PRIMARY KEY,
        account         TEXT NOT NULL,
        id              TEXT NOT NULL,
        provider        TEXT NOT NULL,
        channel         TEXT,
        guest_name      TEXT,
        guest_email     TEXT,
        guest_phone     TEXT,
        property_id     TEXT,
        property_name   TEXT,
        reservation_id  TEXT,
        check_in        TEXT,
        check_out       TEXT,
        subject         TEXT,
        unread          INTEGER NOT NULL DEFAULT 0,
        reply_blocked   TEXT,
        updated_at      INTEGER,
        last_message_at INTEGER,
        last_preview    TEXT,
        last_direction  TEXT,
        message_count   INTEGER NOT NULL DEFAULT 0,
        UNIQUE (account, id)
    );
    CREATE INDEX threads_by_activity ON threads (last_message_at DESC);

    CREATE TABLE messages (
        seq          INTEGER PRIMARY KEY,
        account      TEXT NOT NULL,
        thread_id    TEXT NOT NULL,
        id           TEXT NOT NULL,
        direction    TEXT NOT NULL,
        sender       TEXT,
        body         TEXT NOT NULL,
        sent_at      INTEGER,
        status       TEXT,
        automatic    INTEGER,
        kind         TEXT,
        attachments  TEXT NOT NULL DEFAULT '[]',
        UNIQUE (account, thread_id, id)
    );
    CREATE INDEX messages_by_thread ON messages (account, thread_id, sent_at);

    CREATE TABLE sync_cursors (
        account    TEXT NOT NULL,
        thread_id  TEXT NOT NULL,
        marker     TEXT NOT NULL,
        PRIMARY KEY (account, thread_id)
    ) WITHOUT ROWID;

    CREATE TABLE drafts (
        account     TEXT NOT NULL,
        thread_id   TEXT NOT NULL,
        body        TEXT NOT NULL,
        updated_at  INTEGER NOT NULL,
        PRIMARY KEY (account, thread_id)
    ) WITHOUT ROWID;

    CREATE TABLE outbox (
        id                   INTEGER PRIMARY KEY AUTOINCREMENT,
        account              TEXT NOT NULL,
        thread_id            TEXT NOT NULL,
        body                 TEXT NOT NULL,
        state                TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
        created_at           INTEGER NOT NULL,
        updated_at           INTEGER NOT NULL,
        attempts             INTEGER NOT NULL DEFAULT 0,
        provider_message_id  TEXT,
        error                TEXT
    );
    CREATE INDEX outbox_by_thread ON outbox (account, thread_id, state);

    CREATE VIRTUAL TABLE messages_fts USING fts5(
        body, content = 'messages', content_rowid = 'seq', tokenize = 'trigram remove_diacritics 1'
    );
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, body) VALUES (new.seq, new.body);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.seq, old.body);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.seq, old.body);
        INSERT INTO messages_fts (rowid, body) VALUES (new.seq, new.body);
    END;

    CREATE VIRTUAL TABLE threads_fts USING fts5(
        guest_name, property_name, content = 'threads', content_rowid = 'seq',
        tokenize = 'trigram remove_diacritics 1'
    );
    CREATE TRIGGER threads_fts_insert AFTER INSERT ON threads BEGIN
        INSERT INTO threads_fts (rowid, guest_name, property_name) VALUES (new.seq, new.guest_name, new.property_name);
    END;
    CREATE TRIGGER threads_fts_delete AFTER DELETE ON threads BEGIN
        INSERT INTO threads_fts (threads_fts, rowid, guest_name, property_name)
            VALUES ('delete', old.seq, old.guest_name, old.property_name);
    END;
    CREATE TRIGGER threads_fts_update AFTER UPDATE OF guest_name, property_name ON threads BEGIN
        INSERT INTO threads_fts (threads_fts, rowid, guest_name, property_name)
            VALUES ('delete', old.seq, old.guest_name, old.property_name);
        INSERT INTO threads_fts (rowid, guest_name, property_name) VALUES (new.seq, new.guest_name, new.property_name);
    END;
    "#},
    Migration { then: None, sql:
    // 2: local read state. Opening a thread in innbox marks it read up to its
    // newest message; a newer message makes the provider's unread count count again.
    r#"
    ALTER TABLE threads ADD COLUMN read_up_to INTEGER;
    "#},
    // Migration 4 renumbers the messages and fills this index; filling it here too
    // only doubled the upgrade of an older store.
    Migration { then: None, sql:
    // 3: a word index the writer keeps, in place of trigram indexes kept by
    // triggers, which capped a sync's writes near 8k messages/s. Guest and
    // property names are matched in memory by the list, so they need no index.
    r#"
    DROP TRIGGER messages_fts_insert;
    DROP TRIGGER messages_fts_delete;
    DROP TRIGGER messages_fts_update;
    DROP TABLE messages_fts;
    DROP TRIGGER threads_fts_insert;
    DROP TRIGGER threads_fts_delete;
    DROP TRIGGER threads_fts_update;
    DROP TABLE threads_fts;
    CREATE VIRTUAL TABLE messages_fts USING fts5(
        body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
    );
    "#},
    Migration { then: Some(super::search::renumber_by_send_time), sql:
    // 4: the list's own order, so the first screen of a 100k-thread inbox reads
    // its rows only instead of sorting every thread; and messages numbered in the
    // order they were sent, so search meets the newest matches first.
    r#"
    DROP INDEX threads_by_activity;
    CREATE INDEX threads_by_recency ON threads (coalesce(last_message_at, updated_at) DESC, account, id);
    "#},
    Migration { then: None, sql:
    // 5: messages written but not yet in the search index. Indexing is half the
    // cost of writing a message, so a sync writes first and indexes when idle.
    r#"
    CREATE TABLE search_backlog (seq INTEGER PRIMARY KEY);
    "#},
    Migration { then: None, sql:
    // 6: where a booking stands, for the stay phase and the pre-send checks.
    r#"
    ALTER TABLE threads ADD COLUMN reservation_status TEXT;
    "#},
    Migration { then: None, sql:
    // 7: tag changes (read, no reply needed) the provider has not been told yet,
    // one per thread and tag: the latest wish. `revision` grows with each wish, so
    // the worker removes only the one it sent.
    r#"
    CREATE TABLE pending_tags (
        account     TEXT NOT NULL,
        thread_id   TEXT NOT NULL,
        tag         TEXT NOT NULL,
        is_set      INTEGER NOT NULL,
        up_to       INTEGER,
        created_at  INTEGER NOT NULL,
        revision    INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (account, thread_id, tag)
    ) WITHOUT ROWID;
    "#},
    // 8: guest keys for "possibly the same guest", and the pairs the user unlinked.
    Migration { then: Some(super::same_guest::fill_guest_keys), sql: super::same_guest::MIGRATION },
    Migration { then: None, sql:
    // 9: each thread's triage, kept by the writer so the list knows which threads
    // wait without reading messages; `triaged_by` names the rules that computed it
    // (NULL: triage it in the background), and `triage_rules` the rules every row was
    // last brought up to, so a start with the same rules skips the check of 100k rows.
    // Snooze and done are local and end when a guest writes after them.
    r#"
    ALTER TABLE threads ADD COLUMN needs_reply INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE threads ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE threads ADD COLUMN waiting_since INTEGER;
    ALTER TABLE threads ADD COLUMN triaged_by INTEGER;
    ALTER TABLE threads ADD COLUMN snoozed_until INTEGER;
    ALTER TABLE threads ADD COLUMN snoozed_at INTEGER;
    ALTER TABLE threads ADD COLUMN done_at INTEGER;
    CREATE TABLE triage_rules (fingerprint INTEGER NOT NULL);
    "#},
    // 10: guest keys in a table of their own, without the indexes that cost a sixth of ingest.
    Migration { then: None, sql: super::same_guest::TABLE_MIGRATION },
];

/// The schema version this build writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the database up to [`CURRENT_VERSION`]. A database from a newer innbox is
/// refused rather than guessed at.
pub fn migrate(conn: &mut Connection) -> Result<(), MigrationError> {
    let version: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version > CURRENT_VERSION {
        return Err(MigrationError::TooNew { found: version, supported: CURRENT_VERSION });
    }
    for (version, migration) in (1..).zip(MIGRATIONS).skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(migration.sql)?;
        if let Some(then) = migration.then {
            then(&tx)?;
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error(
        "it was written by a newer innbox (schema {found}, this one knows up to {supported}); upgrade innbox"
    )]
    TooNew { found: u32, supported: u32 },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}
