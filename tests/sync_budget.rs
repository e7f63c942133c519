//! A sync never takes the whole request budget: a reply queued while a sync waits
//! for its next window is sent within the current one.

mod common;

use common::*;
use innbox::store::{SharedStore, Store};
use innbox::sync::{SyncEngine, queue_reply};
use std::time::Duration;

/// Calry's budget in this test: the sync may use 18 of every 20, which leaves a
/// reply its send and the re-read that shows it.
const BUDGET: u32 = 20;

#[tokio::test]
async fn a_reply_is_sent_while_a_sync_waits_for_its_window() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let store = SharedStore::new(Store::open_in(dir.path()).unwrap());
    SyncEngine::new(&config(&sim), store.clone(), quick_retries()).0.run_once().await;
    let summaries = store.run(|s| s.thread_summaries(Some(CALRY))).await.unwrap();
    let key = summaries.into_iter().find(|s| s.thread.reply.is_allowed()).unwrap().thread.key();
    let reservations = sim.world().account(innbox::sim::Provider::Calry).unwrap().reservations.len();
    assert!(reservations > BUDGET as usize, "the sync must need more than one window");

    let mut config = config(&sim);
    config.accounts.iter_mut().find(|a| a.name == CALRY).unwrap().requests_per_minute = Some(BUDGET);
    let (engine, _events) = SyncEngine::new(&config, store.clone(), quick_retries());
    let worker = engine.worker(CALRY).unwrap().clone();
    let before = sim.stats().calry;
    let sync = tokio::spawn({
        let worker = worker.clone();
        async move { worker.sync().await }
    });
    let sync_share = u64::from(BUDGET - 2);
    wait_for(|| sim.stats().calry - before >= sync_share).await;

    queue_reply(&store, key.clone(), "The key is under the mat").await.unwrap();
    tokio::time::timeout(Duration::from_secs(20), worker.deliver())
        .await
        .expect("the reply does not wait for the sync's next window");
    let world = sim.world();
    let thread = world.accounts.iter().flat_map(|a| &a.threads).find(|t| t.id == key.id).unwrap();
    assert_eq!(thread.messages.last().unwrap().body, "The key is under the mat");
    assert_eq!(sim.stats().calry - before, sync_share + 2, "the sync took no more than its share");
    assert!(!sync.is_finished(), "the sync is still waiting for its window");
    sync.abort();
}

/// Polls `done` until it holds; fails the test after 20 s.
async fn wait_for(done: impl Fn() -> bool) {
    tokio::time::timeout(Duration::from_secs(20), async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the sync spends its share of the budget");
}
