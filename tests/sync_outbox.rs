//! The outbox under the failures that matter: a reply is never sent twice, never
//! mistaken for another, never stuck behind a thread that cannot be read, and a
//! reply that certainly did not leave, or never arrived, is tried again.

mod common;

use common::*;
use innbox::domain::ThreadKey;
use innbox::store::{Delivery, OutboxState, SharedStore, Store};
use innbox::sync::{SyncEngine, queue_reply};
use jiff::{SignedDuration, Timestamp};
use std::path::Path;

/// An inbox on disk, synced from the simulator, with one answerable Calry thread.
async fn synced(sim: &innbox::sim::SimHandle, dir: &Path) -> (SharedStore, SyncEngine, ThreadKey) {
    let store = SharedStore::new(Store::open_in(dir).unwrap());
    let (engine, _events) = SyncEngine::new(&config(sim), store.clone(), quick_retries());
    engine.run_once().await;
    let summaries = store.run(|s| s.thread_summaries(Some(CALRY))).await.unwrap();
    let key = summaries.into_iter().find(|s| s.thread.reply.is_allowed()).unwrap().thread.key();
    (store, engine, key)
}

/// Puts a queued reply in the state a crash mid-send leaves, `age` ago.
async fn left_unknown(store: &SharedStore, key: &ThreadKey, body: &str, age: SignedDuration) -> i64 {
    let (key, body) = (key.clone(), body.to_owned());
    store
        .run(move |s| {
            let then = Timestamp::now() - age;
            s.enqueue_reply(&key, &body, then)?;
            let taken = s.claim_next(&key.account, then)?.expect("the reply just queued");
            let unknown = s.finish_delivery(&taken, &Delivery::Unknown("timeout".into()), then)?.unwrap();
            Ok(unknown.id)
        })
        .await
        .unwrap()
}

async fn state_of(store: &SharedStore, id: i64) -> (OutboxState, Option<String>) {
    let entry = store.run(move |s| s.outbox_entry(id)).await.unwrap();
    (entry.state, entry.error)
}

#[tokio::test]
async fn an_identical_earlier_reply_is_not_taken_for_an_unknown_one() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let (store, engine, key) = synced(&sim, dir.path()).await;
    let worker = engine.worker(CALRY).unwrap();
    queue_reply(&store, key.clone(), "Thanks!").await.unwrap();
    worker.deliver().await;

    // A second "Thanks!" whose send never reached the provider, though innbox cannot know.
    let second = left_unknown(&store, &key, "Thanks!", SignedDuration::from_secs(5)).await;
    worker.deliver().await;
    assert_eq!(
        state_of(&store, second).await.0,
        OutboxState::Unknown,
        "the first reply's message is not this one"
    );
}

fn copies_in(sim: &innbox::sim::SimHandle, key: &ThreadKey, body: &str) -> usize {
    let world = sim.world();
    let account = world.accounts.iter().find(|a| a.name == key.account).unwrap();
    let thread = account.threads.iter().find(|t| t.id == key.id).unwrap();
    thread.messages.iter().filter(|m| m.body == body).count()
}

#[tokio::test]
async fn a_reply_a_killed_process_left_sending_is_checked_at_once_but_not_resent_yet() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let (store, engine, key) = synced(&sim, dir.path()).await;
    let (stored_key, body) = (key.clone(), "The towels are in the hall cupboard.");
    let id = store
        .run(move |s| {
            let entry = s.enqueue_reply(&stored_key, body, Timestamp::now())?;
            s.claim_next(&stored_key.account, Timestamp::now())?;
            Ok(entry.id)
        })
        .await
        .unwrap();

    engine.worker(CALRY).unwrap().deliver().await;
    let (state, error) = state_of(&store, id).await;
    assert_eq!(state, OutboxState::Unknown, "no lease to wait out: no live process holds the account");
    assert!(error.is_some_and(|e| e.contains("innbox stopped while this reply was being sent")));
    assert_eq!(copies_in(&sim, &key, body), 0, "not resent before the settle window has passed");
}

#[tokio::test]
async fn an_unknown_reply_still_missing_after_the_settle_window_is_sent_again_once() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let (store, engine, key) = synced(&sim, dir.path()).await;
    let body = "Breakfast is served until 10.";
    let lost = left_unknown(&store, &key, body, SignedDuration::from_mins(3)).await;
    let next = queue_reply(&store, key.clone(), "And the pool opens at 9.").await.unwrap();

    engine.worker(CALRY).unwrap().deliver().await;
    assert_eq!(state_of(&store, lost).await.0, OutboxState::Sent);
    assert_eq!(state_of(&store, next.id).await.0, OutboxState::Sent);
    assert_eq!(copies_in(&sim, &key, body), 1);
    let world = sim.world();
    let thread = world.accounts.iter().flat_map(|a| &a.threads).find(|t| t.id == key.id).unwrap();
    let bodies: Vec<_> = thread.messages.iter().rev().take(2).map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["And the pool opens at 9.", body], "still in the order written");
}

#[tokio::test]
async fn an_unknown_reply_whose_thread_cannot_be_read_stops_blocking_its_thread() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let (store, engine, key) = synced(&sim, dir.path()).await;
    let stuck = left_unknown(&store, &key, "Are you there?", SignedDuration::from_mins(5)).await;
    let next = queue_reply(&store, key.clone(), "Here is the door code.").await.unwrap();
    sim.inject(fault("calry", "/conversations/reservation/", 10, status(404, None)));

    engine.worker(CALRY).unwrap().deliver().await;
    let (state, error) = state_of(&store, stuck).await;
    assert_eq!(state, OutboxState::Failed);
    assert!(error.is_some_and(|e| e.contains("could not be read again")), "says why, and to check first");
    assert_eq!(state_of(&store, next.id).await.0, OutboxState::Sent, "the thread's queue moves on");
}

#[tokio::test]
async fn a_booking_reply_is_simply_retried_when_no_token_could_be_had() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let store = SharedStore::new(Store::open_in(dir.path()).unwrap());
    SyncEngine::new(&config(&sim), store.clone(), quick_retries()).0.run_once().await;
    let summaries = store.run(|s| s.thread_summaries(Some(BOOKING))).await.unwrap();
    let key = summaries.into_iter().find(|s| s.thread.reply.is_allowed()).unwrap().thread.key();
    let reply = queue_reply(&store, key, "Welcome!").await.unwrap();

    // A fresh process: no cached token, and the exchange is failing.
    let (engine, _events) = SyncEngine::new(&config(&sim), store.clone(), quick_retries());
    sim.inject(fault("booking", "/token-based-authentication/exchange", 10, status(503, None)));
    engine.worker(BOOKING).unwrap().deliver().await;
    let (state, error) = state_of(&store, reply.id).await;
    assert_eq!(state, OutboxState::Queued, "it never left, so it is not 'unknown'");
    assert!(error.is_some_and(|e| e.contains("token exchange")));
}

#[tokio::test]
async fn a_stopped_engine_takes_no_new_reply() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let (store, engine, key) = synced(&sim, dir.path()).await;
    let reply = queue_reply(&store, key, "One more thing").await.unwrap();
    engine.stop();
    engine.worker(CALRY).unwrap().deliver().await;
    assert_eq!(state_of(&store, reply.id).await.0, OutboxState::Queued);
    assert_eq!(
        sim.world().accounts[0]
            .threads
            .iter()
            .flat_map(|t| &t.messages)
            .filter(|m| m.body == "One more thing")
            .count(),
        0
    );
}
