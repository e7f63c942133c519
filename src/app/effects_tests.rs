//! The tag effects carried out end to end: effect → the store's queue → the
//! account's worker → the simulated Booking.com.

use super::effects::Executor;
use super::{Effect, Msg};
use crate::config::Config;
use crate::domain::ThreadKey;
use crate::providers::RetryPolicy;
use crate::sim::{BookingThread, SimHandle, SimOptions};
use crate::store::{SharedStore, Store};
use crate::sync::SyncEngine;
use std::sync::Arc;
use tokio::sync::mpsc::unbounded_channel;

const BOOKING: &str = "Canal House";
const CALRY: &str = "Lakeside Rentals";

/// The simulator, an inbox synced from it, and an executor over both.
async fn inbox() -> (SimHandle, SharedStore, Arc<SyncEngine>, Executor) {
    let sim = crate::sim::start(SimOptions::default()).await.unwrap();
    let config = Config::parse_str(&sim.config_toml()).unwrap();
    let store = SharedStore::new(Store::open_in_memory().unwrap());
    let (engine, _events) = SyncEngine::new(&config, store.clone(), RetryPolicy::none());
    engine.run_once().await;
    let engine = Arc::new(engine);
    let (msgs, _) = unbounded_channel::<Msg>();
    let executor = Executor::new(store.clone(), engine.clone(), msgs);
    (sim, store, engine, executor)
}

async fn first_thread(store: &SharedStore, account: &'static str) -> ThreadKey {
    let summaries = store.run(move |s| s.thread_summaries(Some(account))).await.unwrap();
    summaries.into_iter().find(|s| s.thread.unread > 0).unwrap().thread.key()
}

async fn pending(store: &SharedStore, account: &'static str) -> usize {
    store.run(move |s| s.pending_tags(account)).await.unwrap().len()
}

#[tokio::test]
async fn done_reaches_booking_as_no_reply_needed_through_the_queue_and_the_worker() {
    let (sim, store, engine, executor) = inbox().await;
    let key = first_thread(&store, BOOKING).await;
    let kept = |sim: &SimHandle| sim.world().thread::<BookingThread>(&key.id).unwrap().1.no_reply_needed;
    let wanted = !kept(&sim);
    executor.run(Effect::SetDone { key: key.clone(), done: wanted });
    executor.writes_landed().await;
    assert_eq!(pending(&store, BOOKING).await, 1, "committed before anything is sent");
    engine.worker(BOOKING).unwrap().send_tags().await;
    assert_eq!(kept(&sim), wanted);
    assert_eq!(pending(&store, BOOKING).await, 0);
}

#[tokio::test]
async fn threads_of_providers_without_tags_are_marked_read_here_only() {
    let (_sim, store, _engine, executor) = inbox().await;
    let key = first_thread(&store, CALRY).await;
    executor.run(Effect::MarkRead(key.clone()));
    executor.run(Effect::SetDone { key: key.clone(), done: true });
    executor.writes_landed().await;
    assert_eq!(pending(&store, CALRY).await, 0, "Calry keeps no tags: nothing to send");
    let summaries = store.run(|s| s.thread_summaries(Some(CALRY))).await.unwrap();
    assert_eq!(summaries.iter().find(|s| s.thread.key() == key).unwrap().thread.unread, 0, "read here");
}
