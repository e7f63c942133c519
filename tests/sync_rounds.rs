//! What a sync round costs once the store is full, and what it still finds:
//! Calry's schedule (hot reservations every round, quiet ones in turn) and
//! Booking.com's early stop in its most-recent-first list.

mod common;

use common::*;
use innbox::config::{Config, ProviderConfig};
use innbox::domain::ThreadKey;
use innbox::sim::{SimHandle, SimOptions, World};
use innbox::store::{SharedStore, Store};
use innbox::sync::{AccountWorker, SyncEngine};
use jiff::{SignedDuration, Timestamp, ToSpan};
use std::sync::Arc;

const QUIET_ROUNDS: u32 = 3;

async fn big_sim() -> SimHandle {
    let options =
        SimOptions { threads_per_account: Some(1_000), enforce_rate_limits: false, ..SimOptions::default() };
    innbox::sim::start(options).await.unwrap()
}

fn unlimited(sim: &SimHandle) -> Config {
    let mut config = config(sim);
    for account in &mut config.accounts {
        account.requests_per_minute = Some(1_000_000);
        if let ProviderConfig::Calry { quiet_rounds, .. } = &mut account.provider {
            *quiet_rounds = QUIET_ROUNDS;
        }
    }
    config
}

/// One round of `worker`; returns its requests.
async fn round(worker: &AccountWorker) -> u64 {
    worker.sync().await.unwrap().requests
}

async fn stored(store: &SharedStore, account: &str, thread: &str, body: &str) -> bool {
    let key = ThreadKey { account: account.into(), id: thread.into() };
    store.run(move |s| s.messages(&key)).await.unwrap().iter().any(|m| m.body == body)
}

/// The first thread of each Calry reservation for which `wanted(arrival, departure,
/// last message)` holds, among those in the default sync window.
fn calry_threads(
    world: &World,
    wanted: impl Fn(jiff::civil::Date, jiff::civil::Date, Timestamp) -> bool,
) -> Vec<String> {
    let today = Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    let account = world.account(innbox::sim::Provider::Calry).unwrap();
    account
        .reservations
        .iter()
        .filter(|r| {
            r.departure >= today.saturating_sub(30.days()) && r.arrival <= today.saturating_add(180.days())
        })
        .filter_map(|r| {
            let threads: Vec<_> = account
                .threads
                .iter()
                .filter(|t| matches!(&t.wire, innbox::sim::ThreadWire::Calry(w) if w.reservation_id == r.id))
                .collect();
            let last = threads.iter().map(|t| t.last_activity()).max()?;
            wanted(r.arrival, r.departure, last).then(|| threads[0].id.clone())
        })
        .collect()
}

#[tokio::test]
async fn a_quiet_calry_reservation_is_heard_within_quiet_rounds_and_a_hot_one_the_next_round() {
    let sim = big_sim().await;
    let store = SharedStore::new(Store::open_in_memory().unwrap());
    let (engine, _events) = SyncEngine::new(&unlimited(&sim), store.clone(), quick_retries());
    let worker: Arc<AccountWorker> = engine.worker(CALRY).unwrap().clone();
    let full = round(&worker).await;

    let today = Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    let long_ago = Timestamp::now() - SignedDuration::from_hours(24 * 3);
    let world = sim.world();
    let quiet =
        calry_threads(&world, |arrival, _, last| arrival > today.saturating_add(5.days()) && last < long_ago);
    let hot = calry_threads(&world, |arrival, departure, _| arrival <= today && departure > today);
    assert!(quiet.len() > 40 && !hot.is_empty(), "{} quiet, {} hot", quiet.len(), hot.len());
    let body = |thread: &str| format!("Is parking included? ({thread})");
    for thread in quiet.iter().chain(&hot[..1]) {
        sim.push_guest_message_to(thread, &body(thread)).unwrap();
    }

    let mut heard = Vec::new();
    for n in 1..=QUIET_ROUNDS {
        let requests = round(&worker).await;
        let mut now_heard = 0;
        for thread in &quiet {
            now_heard += usize::from(stored(&store, CALRY, thread, &body(thread)).await);
        }
        heard.push(now_heard);
        if n == 1 {
            assert!(requests * 4 < full * 3, "{requests} requests, the full pass {full}");
            assert!(
                stored(&store, CALRY, &hot[0], &body(&hot[0])).await,
                "the in-house guest is heard at once"
            );
            assert!(
                now_heard > 0 && now_heard < quiet.len(),
                "quiet ones take turns: {now_heard} of {}",
                quiet.len()
            );
        }
    }
    assert_eq!(heard.last(), Some(&quiet.len()), "every quiet one within {QUIET_ROUNDS} rounds: {heard:?}");
}

#[tokio::test]
async fn a_booking_round_reads_one_page_per_property_and_still_finds_a_message_on_the_last_page() {
    let sim = big_sim().await;
    let store = SharedStore::new(Store::open_in_memory().unwrap());
    let (engine, _events) = SyncEngine::new(&unlimited(&sim), store.clone(), quick_retries());
    let worker = engine.worker(BOOKING).unwrap().clone();
    let full = round(&worker).await;
    let properties = 2;
    assert_eq!(round(&worker).await, properties, "nothing new: each property's first page");

    let world = sim.world();
    let oldest = world
        .threads::<innbox::sim::BookingThread>()
        .into_iter()
        .filter(|(t, _)| t.can_reply)
        .min_by_key(|(t, _)| t.last_activity())
        .map(|(t, _)| t.id.clone())
        .unwrap();
    sim.push_guest_message_to(&oldest, "Can we check in early?").unwrap();
    let requests = round(&worker).await;
    assert!(stored(&store, BOOKING, &oldest, "Can we check in early?").await, "moved to the front, fetched");
    // Its page 1, the conversation, page 2 (unchanged: stop), page 1 again; the other property's page 1.
    assert_eq!(requests, 4 + 1);

    // Rounds 4 to 10 stop early again; round 11 is the periodic full walk.
    let mut costs = Vec::new();
    for _ in 4..=11 {
        costs.push(round(&worker).await);
    }
    assert_eq!(&costs[..7], [properties; 7]);
    assert!(costs[7] > properties * 2 && costs[7] < full, "{costs:?}, full {full}");
}
