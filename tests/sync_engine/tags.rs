//! Tag changes from the store's queue to Booking.com: sent by the account's
//! worker, kept through transient failures, dropped with a warning when refused.

use super::*;
use innbox::domain::{Tag, TagWish};
use innbox::sim::{BookingThread, SimHandle};
use jiff::Timestamp;

/// A synced Booking.com inbox and one thread the provider counts unread.
async fn synced(sim: &SimHandle) -> (SharedStore, SyncEngine, UnboundedReceiver<SyncEvent>, ThreadKey) {
    let store = store();
    let (engine, events) = SyncEngine::new(&config(sim), store.clone(), quick_retries());
    engine.worker(BOOKING).unwrap().sync().await.unwrap();
    let summaries = store.run(|s| s.thread_summaries(Some(BOOKING))).await.unwrap();
    let key = summaries.into_iter().find(|s| s.thread.unread > 0).unwrap().thread.key();
    (store, engine, events, key)
}

async fn open(store: &SharedStore, key: &ThreadKey) {
    let key = key.clone();
    let queued =
        store.run(move |s| s.mark_read(&key).and_then(|()| s.queue_read_mark(&key, Timestamp::now())));
    assert!(queued.await.unwrap(), "a Booking.com thread with unread messages queues its read mark");
}

async fn pending(store: &SharedStore) -> usize {
    store.run(|s| s.pending_tags(BOOKING)).await.unwrap().len()
}

/// Whether the simulator has every guest message of the thread read.
fn read_at_provider(sim: &SimHandle, key: &ThreadKey) -> bool {
    let world = sim.world();
    let (thread, _) = world.thread::<BookingThread>(&key.id).unwrap();
    thread.messages.iter().filter(|m| m.direction == innbox::sim::Direction::Inbound).all(|m| m.read)
}

#[tokio::test]
async fn an_opened_thread_is_marked_read_at_booking_and_a_fresh_sync_counts_it_read() {
    let sim = sim().await;
    let (store, engine, _events, key) = synced(&sim).await;
    open(&store, &key).await;
    assert!(!read_at_provider(&sim, &key), "nothing is sent before the worker runs");

    engine.worker(BOOKING).unwrap().send_tags().await;
    assert!(read_at_provider(&sim, &key));
    assert_eq!(pending(&store).await, 0);
    let stored_key = key.clone();
    assert_eq!(store.run(move |s| s.thread(&stored_key)).await.unwrap().unread, 0, "the provider's count");

    // Another inbox, synced from scratch, learns it from Booking.com's read markers.
    let fresh = self::store();
    let (other, _) = SyncEngine::new(&config(&sim), fresh.clone(), quick_retries());
    other.worker(BOOKING).unwrap().sync().await.unwrap();
    assert_eq!(fresh.run(move |s| s.thread(&key)).await.unwrap().unread, 0);
}

#[tokio::test]
async fn a_tag_change_waits_out_failures_that_pass_and_the_rate_limit() {
    let sim = sim().await;
    let (store, engine, _events, key) = synced(&sim).await;
    let worker = engine.worker(BOOKING).unwrap();
    open(&store, &key).await;

    // More 503s than the retries allowed: the wish stays for the next round.
    sim.inject(fault("booking", "/tags/message_read", 10, status(503, None)));
    worker.send_tags().await;
    assert_eq!(pending(&store).await, 1);
    assert!(!read_at_provider(&sim, &key));
    sim.clear_faults();

    // A 429 is waited out as Booking.com asks, then the mark goes through.
    sim.inject(fault("booking", "/tags/message_read", 1, status(429, Some("1"))));
    let started = std::time::Instant::now();
    worker.send_tags().await;
    assert!(started.elapsed() >= Duration::from_secs(1), "waited as Retry-After asked");
    assert!(read_at_provider(&sim, &key));
    assert_eq!(pending(&store).await, 0);
}

#[tokio::test]
async fn a_refused_tag_change_is_dropped_with_a_warning_saying_why() {
    let sim = sim().await;
    let (store, engine, mut events, key) = synced(&sim).await;
    drain(&mut events);
    let wish = TagWish { tag: Tag::NoReplyNeeded, on: true, up_to: None };
    let queued_key = key.clone();
    assert!(store.run(move |s| s.queue_tag(&queued_key, wish, Timestamp::now())).await.unwrap());

    sim.inject(fault("booking", "/tags/no_reply_needed", 1, status(403, None)));
    engine.worker(BOOKING).unwrap().send_tags().await;
    assert_eq!(pending(&store).await, 0, "a refusal is not tried again");
    let guest = store.run(move |s| s.thread(&key)).await.unwrap().guest.name;
    let whose = guest.map_or("the guest's".into(), |name| format!("{name}'s"));
    let warnings: Vec<String> = drain(&mut events)
        .into_iter()
        .filter_map(|e| match e {
            SyncEvent::Warning { account, message } if account == BOOKING => Some(message),
            _ => None,
        })
        .collect();
    let expected =
        format!("could not mark {whose} conversation as needing no reply at Booking.com: PUT /properties/");
    assert!(warnings.len() == 1 && warnings[0].starts_with(&expected), "{warnings:?}");
    assert!(warnings[0].contains("credentials refused (HTTP 403)"), "{warnings:?}");
    assert!(warnings[0].ends_with("may not change tags: check its permissions"), "{warnings:?}");
}
