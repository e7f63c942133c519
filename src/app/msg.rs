//! Everything that enters `update`: input, the clock, sync events and the results
//! of effects. Nothing else changes the app's state.

use crate::domain::{Message, Thread, ThreadKey};
use crate::store::{AccountStatus, OutboxEntry, SearchMatches, ThreadSummary};
use crate::sync::SyncEvent;
use jiff::Timestamp;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize {
        width: u16,
        height: u16,
    },
    /// The clock, for relative times, notices that expire and drafts due to be saved.
    Tick(Timestamp),
    /// Suspend, as Ctrl-z does: asked for from outside (SIGTSTP).
    Suspend,
    /// The app is about to stop: whatever is unsaved is saved now.
    Stopping,
    Sync(SyncEvent),
    /// The whole thread list, newest first.
    ThreadsLoaded(Vec<Box<ThreadSummary>>),
    /// Its newest threads, loaded first so the first frame need not wait for all.
    FirstThreadsLoaded(Vec<Box<ThreadSummary>>),
    /// Threads a sync changed, read again, for the list to merge in.
    ThreadsRefreshed(Vec<ThreadSummary>),
    ThreadLoaded(Box<LoadedThread>),
    /// What the store knew about accounts at start-up.
    AccountsLoaded(Vec<AccountStatus>),
    DraftsLoaded(HashMap<ThreadKey, String>),
    OutboxCount(usize),
    /// Threads whose message text matches `query`.
    SearchResult {
        query: String,
        matches: SearchMatches,
    },
    /// The reply is committed to the outbox.
    ReplyQueued(OutboxEntry),
    /// The reply could not be queued; its text comes back so nothing is lost.
    ReplyRejected {
        key: ThreadKey,
        body: String,
        reason: String,
    },
    /// The user's editor is done with a thread's draft.
    DraftEdited {
        key: ThreadKey,
        body: String,
    },
    /// The saved replies, read at start.
    TemplatesLoaded(crate::replies::Templates),
    /// The other threads possibly with `key`'s guest, for the side panel.
    SameGuest {
        key: ThreadKey,
        matches: Vec<crate::domain::guest_match::SameGuest>,
    },
    /// Threads were triaged again with changed rules: the list is read again.
    Retriaged,
    /// Something failed (a store operation, the editor); the text says what and what to do.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadedThread {
    pub thread: Thread,
    pub messages: Vec<Message>,
    /// Replies not yet visible as synced messages.
    pub replies: Vec<OutboxEntry>,
}
