//! What innbox remembers about each account's syncs, so the status line can say
//! "ok 3m ago" or "failed: HTTP 401" before the first sync of a session ends.

use super::{Result, Store};
use crate::domain::ProviderKind;
use crate::domain::time::{from_millis, to_millis};
use jiff::Timestamp;
use rusqlite::params;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStatus {
    pub name: String,
    pub provider: Option<ProviderKind>,
    pub last_sync_at: Option<Timestamp>,
    pub last_error: Option<String>,
}

impl Store {
    pub fn ensure_account(&mut self, name: &str, provider: ProviderKind) -> Result<()> {
        self.conn.execute(
            "INSERT INTO accounts (name, provider) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET provider = excluded.provider",
            params![name, provider.as_str()],
        )?;
        Ok(())
    }

    /// A sync ended: at `at` with success (error None) or with the error's text.
    /// A failure keeps the time of the last success.
    pub fn record_sync(&mut self, name: &str, at: Timestamp, error: Option<&str>) -> Result<()> {
        match error {
            None => self.conn.execute(
                "UPDATE accounts SET last_sync_at = ?2, last_error = NULL WHERE name = ?1",
                params![name, to_millis(at)],
            )?,
            Some(error) => self
                .conn
                .execute("UPDATE accounts SET last_error = ?2 WHERE name = ?1", params![name, error])?,
        };
        Ok(())
    }

    pub fn account_statuses(&self) -> Result<Vec<AccountStatus>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT name, provider, last_sync_at, last_error FROM accounts ORDER BY name")?;
        let rows = statement.query_map([], |row| {
            Ok(AccountStatus {
                name: row.get(0)?,
                provider: ProviderKind::parse(&row.get::<_, String>(1)?),
                last_sync_at: row.get::<_, Option<i64>>(2)?.and_then(from_millis),
                last_error: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
