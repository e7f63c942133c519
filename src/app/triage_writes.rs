//! The writer's part of triage: snooze and done as the user sets them, and the
//! background re-triage of threads the current rules have not triaged (an older
//! store, a changed `[triage]`), a chunk at a time between the other writes.

use super::Msg;
use crate::domain::ThreadKey;
use crate::store::{RETRIAGE_CHUNK, SharedStore};
use jiff::Timestamp;
use tokio::sync::mpsc::UnboundedSender;

/// A snooze (or, with None, a wake) or done change, written now; a failure says so.
pub(super) async fn snooze(store: &SharedStore, key: ThreadKey, until: Option<Timestamp>) -> Option<Msg> {
    let result = store.run(move |s| s.set_snooze(&key, until, Timestamp::now())).await;
    result.err().map(|e| Msg::Failed(format!("Could not save the snooze: {e}")))
}

/// Marks done or reopens. Booking.com's "no reply needed" belongs here too.
pub(super) async fn set_done(store: &SharedStore, key: ThreadKey, done: bool) -> Option<Msg> {
    let result = store.run(move |s| s.set_done(&key, done, Timestamp::now())).await;
    result.err().map(|e| Msg::Failed(format!("Could not mark the thread done: {e}")))
}

/// The background re-triage: running until a chunk finds nothing left.
#[derive(Default)]
pub(super) struct Retriage {
    pub running: bool,
    changed: bool,
}

impl Retriage {
    /// Triages one chunk; at the end, has the list read again if anything changed.
    pub async fn chunk(&mut self, store: &SharedStore, msgs: &UnboundedSender<Msg>) {
        match store.run(|s| s.retriage_stale(RETRIAGE_CHUNK)).await {
            Ok((0, _)) => {
                self.running = false;
                if std::mem::take(&mut self.changed) {
                    let _ = msgs.send(Msg::Retriaged);
                }
            }
            Ok((_, changed)) => self.changed |= changed,
            Err(e) => {
                self.running = false;
                let _ =
                    msgs.send(Msg::Failed(format!("Could not sort out which threads wait for a reply: {e}")));
            }
        }
    }
}
