//! What sync workers report. The TUI's `update` consumes exactly these; the CLI
//! prints them.

use crate::domain::ThreadKey;
use crate::providers::Progress;
use crate::store::OutboxEntry;
use jiff::Timestamp;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub enum SyncEvent {
    Started {
        account: String,
    },
    Progress {
        account: String,
        progress: Progress,
    },
    /// These threads' stored content changed; views showing them should reload.
    ThreadsChanged {
        account: String,
        threads: Vec<ThreadKey>,
    },
    Finished {
        account: String,
        at: Timestamp,
        report: SyncReport,
    },
    Failed {
        account: String,
        at: Timestamp,
        error: SyncFailure,
    },
    /// Something the user should know that did not stop the sync.
    Warning {
        account: String,
        message: String,
    },
    /// A reply changed state (queued, sending, sent, failed, unknown).
    Outbox(OutboxEntry),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncReport {
    pub threads_changed: usize,
    /// HTTP requests, retries and token exchanges included.
    pub requests: u64,
    pub elapsed: Duration,
    /// Items the provider sent that innbox could not read.
    pub skipped: usize,
}

/// Why an account's sync failed: a full sentence, and a few words for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncFailure {
    pub message: String,
    pub short: String,
}
