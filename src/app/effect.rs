//! What `update` asks the outside world to do. The run loop carries these out off
//! the UI task and answers with a `Msg`.

use crate::domain::ThreadKey;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadThreads,
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
    MarkRead(ThreadKey),
    CountOutbox,
}
