//! One account's stored threads, compared with what they were and with the
//! simulator's ground truth.

use super::common::{direction, expected_threads};
use innbox::domain::sanitize::sanitize_text;
use innbox::domain::{Direction, Message};
use innbox::sim::World;
use innbox::store::{SharedStore, ThreadSummary};
use std::collections::BTreeMap;

/// One account's threads as stored: each with its messages, and the sync cursors.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub threads: BTreeMap<String, (ThreadSummary, Vec<Message>)>,
    markers: BTreeMap<String, String>,
}

impl Snapshot {
    pub async fn of(store: &SharedStore, account: &str) -> Self {
        let account = account.to_owned();
        store
            .run(move |s| {
                let mut threads = BTreeMap::new();
                for summary in s.thread_summaries(Some(&account))? {
                    let messages = s.messages(&summary.thread.key())?;
                    threads.insert(summary.thread.id.clone(), (summary, messages));
                }
                let markers = s.markers(&account)?.into_iter().collect();
                Ok::<_, innbox::store::StoreError>(Snapshot { threads, markers })
            })
            .await
            .unwrap()
    }

    /// The first threads that differ between two snapshots.
    pub fn difference(&self, other: &Snapshot) -> String {
        let ids = self.threads.keys().chain(other.threads.keys());
        let changed: Vec<_> =
            ids.filter(|id| self.threads.get(*id) != other.threads.get(*id)).take(3).collect();
        let markers = if self.markers == other.markers { "" } else { " (and sync cursors)" };
        format!("threads {changed:?}{markers}")
    }

    /// Where the stored threads and messages differ from the simulator's.
    pub fn differences_from(&self, world: &World, account: &str) -> Vec<String> {
        let expected = expected_threads(world, account);
        let mut differences = Vec::new();
        if expected.len() != self.threads.len() {
            differences.push(format!("{} threads stored, {} expected", self.threads.len(), expected.len()));
        }
        for thread in expected {
            match self.threads.get(&thread.id) {
                None => differences.push(format!("thread {} missing", thread.id)),
                Some((_, messages)) if stored(messages) != truth(thread) => {
                    differences.push(format!("thread {}: other messages", thread.id))
                }
                Some(_) => {}
            }
        }
        differences
    }

    /// Whether thread `id` in `after` is as it was in `self`, or holds exactly the
    /// provider's messages: a thread is written whole or not at all.
    pub fn kept_or_synced(&self, after: &Snapshot, world: &World, id: &str) -> bool {
        let truth = world.accounts.iter().flat_map(|a| &a.threads).find(|t| t.id == id).map(truth);
        self.threads.get(id) == after.threads.get(id)
            || after.threads.get(id).is_some_and(|(_, messages)| Some(stored(messages)) == truth)
    }
}

/// A message as the simulator and the store can both tell it.
type Comparable = (String, Direction, String, Option<jiff::Timestamp>);

fn stored(messages: &[Message]) -> Vec<Comparable> {
    messages.iter().map(|m| (m.id.clone(), m.direction, m.body.clone(), m.sent_at)).collect()
}

fn truth(thread: &innbox::sim::Thread) -> Vec<Comparable> {
    thread
        .messages
        .iter()
        .map(|m| (m.id.clone(), direction(m.direction), sanitize_text(&m.body), Some(m.sent_at)))
        .collect()
}
