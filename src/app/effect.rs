//! What `update` asks the outside world to do. The run loop carries these out off
//! the UI task and answers with a `Msg`.

use crate::domain::ThreadKey;
use jiff::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadThreads,
    /// Read these threads' list rows again: a sync changed them.
    LoadChangedThreads(Vec<ThreadKey>),
    LoadThread(ThreadKey),
    /// Find the threads whose message text contains this.
    Search(String),
    /// Save (or, when empty, delete) the draft of a thread.
    SaveDraft {
        key: ThreadKey,
        body: String,
    },
    /// Commit a reply to the outbox, drop its draft, and wake the account's worker.
    QueueReply {
        key: ThreadKey,
        body: String,
    },
    /// Put a failed reply back in the queue.
    RetryReply {
        id: i64,
        account: String,
    },
    /// Mark read here, and at the provider if it keeps read marks (Booking.com).
    MarkRead(ThreadKey),
    /// Snooze a thread until a time, or with None wake it.
    Snooze {
        key: ThreadKey,
        until: Option<Timestamp>,
    },
    /// Mark a thread done, or reopen it; at Booking.com, it is tagged as needing no
    /// reply, or untagged.
    SetDone {
        key: ThreadKey,
        done: bool,
    },
    CountOutbox,
    /// Open these http(s) links in the browser, detached; a failure comes back as `Msg::Failed`.
    OpenLinks(Vec<String>),
    /// Read the saved replies in this dir (None: the built-in samples).
    LoadTemplates(Option<std::path::PathBuf>),
    /// Find the other threads possibly with this thread's guest.
    FindSameGuest(ThreadKey),
    /// Record whether two threads' guests are the same person (`false` unlinks them);
    /// answered with `thread`'s matches as stored then.
    SetSameGuest {
        thread: ThreadKey,
        other: ThreadKey,
        same: bool,
    },
    /// The run loop's own to carry out.
    Loop(LoopEffect),
}

/// What only the run loop can do: it holds the terminal and the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoopEffect {
    /// Send a `Tick` at this time (a draft is due to be saved then). Only the newest
    /// request counts.
    TickAt(Timestamp),
    /// Give the terminal back to the shell and stop until continued (Ctrl-z).
    Suspend,
    /// Let the user edit a thread's draft in their own editor; answered with
    /// `Msg::DraftEdited`, or `Msg::Failed` saying why the draft is unchanged.
    EditDraft { key: ThreadKey, body: String },
    /// Put this text on the clipboard, through the terminal (OSC 52).
    Copy(String),
}
