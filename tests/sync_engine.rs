//! The sync engine end to end: simulator → clients → store, with events, failures
//! isolated per account, and the outbox delivered safely.

mod common;
#[path = "sync_engine/tags.rs"]
mod tags;

use common::*;
use innbox::config::Config;
use innbox::domain::{Direction, ThreadKey};
use innbox::sim::FaultAction;
use innbox::store::{OutboxState, SharedStore, Store};
use innbox::sync::{ReplyError, SyncEngine, SyncEvent, queue_reply};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

fn store() -> SharedStore {
    SharedStore::new(Store::open_in_memory().unwrap())
}

fn drain(events: &mut UnboundedReceiver<SyncEvent>) -> Vec<SyncEvent> {
    let mut all = Vec::new();
    while let Ok(event) = events.try_recv() {
        all.push(event);
    }
    all
}

async fn thread_keys(store: &SharedStore, account: &str, can_reply: bool) -> Vec<ThreadKey> {
    let account = account.to_owned();
    let summaries = store.run(move |s| s.thread_summaries(Some(&account))).await.unwrap();
    summaries
        .into_iter()
        .filter(|s| s.thread.reply.is_allowed() == can_reply)
        .map(|s| s.thread.key())
        .collect()
}

#[tokio::test]
async fn every_account_syncs_into_the_store_and_a_second_round_changes_nothing() {
    let sim = sim().await;
    let store = store();
    let (engine, mut events) = SyncEngine::new(&config(&sim), store.clone(), quick_retries());
    let results = engine.run_once().await;
    for (account, result) in &results {
        assert!(result.is_ok(), "{account}: {result:?}");
    }
    let stored = store.run(|s| s.thread_summaries(None)).await.unwrap();
    assert_eq!(stored.len(), 63 + 75 + 60 + 90);

    let events = drain(&mut events);
    let changed: usize = events
        .iter()
        .filter_map(|e| match e {
            SyncEvent::ThreadsChanged { threads, .. } => Some(threads.len()),
            _ => None,
        })
        .sum();
    assert_eq!(changed, stored.len(), "every stored thread was announced");
    assert_eq!(events.iter().filter(|e| matches!(e, SyncEvent::Finished { .. })).count(), 4);
    assert!(
        events.iter().any(|e| matches!(e, SyncEvent::Progress { progress, .. } if progress.total.is_some()))
    );

    for (account, result) in engine.run_once().await {
        assert_eq!(result.unwrap().threads_changed, 0, "{account}: re-sync is idempotent");
    }
    assert_eq!(store.run(|s| s.thread_summaries(None)).await.unwrap().len(), stored.len());
}

#[tokio::test]
async fn a_failing_account_is_reported_and_never_stops_the_others() {
    let sim = sim().await;
    sim.inject(fault("trellis", "/conversations", 50, status(401, None)));
    let store = store();
    let (engine, mut events) = SyncEngine::new(&config(&sim), store.clone(), quick_retries());
    for (account, result) in engine.run_once().await {
        match account.as_str() {
            TRELLIS => {
                let failure = result.unwrap_err();
                assert_eq!(failure.short, "HTTP 401");
                assert!(
                    failure
                        .message
                        .starts_with("account 'Sunset Villas': GET /conversations: credentials refused"),
                    "{}",
                    failure.message
                );
                assert!(failure.message.ends_with("check this account's credentials in the config"));
            }
            _ => assert!(result.is_ok(), "{account}: {result:?}"),
        }
    }
    assert!(
        drain(&mut events)
            .iter()
            .any(|e| matches!(e, SyncEvent::Failed { account, .. } if account == TRELLIS))
    );
    let statuses = store.run(|s| s.account_statuses()).await.unwrap();
    let trellis = statuses.iter().find(|s| s.name == TRELLIS).unwrap();
    assert_eq!((trellis.last_error.as_deref(), trellis.last_sync_at), (Some("HTTP 401"), None));
    assert_eq!(statuses.iter().filter(|s| s.last_error.is_none()).count(), 3);
}

#[tokio::test]
async fn a_queued_reply_is_delivered_and_shows_up_as_the_real_message() {
    let sim = sim().await;
    let store = store();
    let (engine, mut events) = SyncEngine::new(&config(&sim), store.clone(), quick_retries());
    engine.run_once().await;
    let key = thread_keys(&store, CALRY, true).await.remove(0);

    let queued = queue_reply(&store, key.clone(), "  See you at 4 PM!\r\n\u{1b}[2J").await.unwrap();
    assert_eq!((queued.state, queued.body.as_str()), (OutboxState::Queued, "See you at 4 PM!"));
    engine.worker(CALRY).unwrap().deliver().await;

    let id = queued.id;
    let entry = store.run(move |s| s.outbox_entry(id)).await.unwrap();
    assert_eq!(entry.state, OutboxState::Sent);
    let states: Vec<_> = drain(&mut events)
        .into_iter()
        .filter_map(|e| match e {
            SyncEvent::Outbox(entry) => Some(entry.state),
            _ => None,
        })
        .collect();
    assert_eq!(states, [OutboxState::Sending, OutboxState::Sent]);
    let stored_key = key.clone();
    let messages = store.run(move |s| s.messages(&stored_key)).await.unwrap();
    let mine = messages.iter().find(|m| m.body == "See you at 4 PM!").expect("re-read after sending");
    assert_eq!(mine.direction, Direction::Outbound);
    assert_eq!(
        store.run(move |s| s.pending_replies(&key)).await.unwrap(),
        vec![],
        "shown once, as the real message"
    );
}

#[tokio::test]
async fn replies_to_read_only_threads_are_refused_before_the_outbox() {
    let sim = sim().await;
    let store = store();
    let (engine, _events) = SyncEngine::new(&config(&sim), store.clone(), quick_retries());
    engine.run_once().await;
    let key = thread_keys(&store, HOSTELMATE, false).await.remove(0);
    let err = queue_reply(&store, key, "hello").await.unwrap_err();
    assert!(
        matches!(&err, ReplyError::CannotReply { reason, .. } if reason.contains("answer in Hostel Mate")),
        "{err}"
    );
    assert_eq!(store.run(|s| s.undelivered_count()).await.unwrap(), 0);
    let key = thread_keys(&store, CALRY, true).await.remove(0);
    assert!(matches!(queue_reply(&store, key, " \n ").await, Err(ReplyError::Empty)));
}

#[tokio::test]
async fn a_reply_with_an_unknown_outcome_is_settled_by_a_re_read_never_resent() {
    let sim = sim().await;
    let mut config: Config = config(&sim);
    config.request_timeout = Duration::from_millis(700);
    let store = store();
    let (engine, _events) = SyncEngine::new(&config, store.clone(), quick_retries());
    engine.run_once().await;
    let key = thread_keys(&store, BOOKING, true).await.remove(0);
    let body = "Your parking spot is number 4.";
    let entry = queue_reply(&store, key.clone(), body).await.unwrap();

    let delayed = FaultAction::DelayAfterProcessing { ms: 2_000 };
    sim.inject(innbox::sim::Fault {
        method: Some("POST".into()),
        ..fault("booking", "/conversations/", 1, delayed)
    });
    let worker = engine.worker(BOOKING).unwrap();
    worker.deliver().await;
    let id = entry.id;
    let after_timeout = store.run(move |s| s.outbox_entry(id)).await.unwrap();
    assert_eq!(after_timeout.state, OutboxState::Unknown, "{:?}", after_timeout.error);

    worker.deliver().await;
    let settled = store.run(move |s| s.outbox_entry(id)).await.unwrap();
    assert_eq!(settled.state, OutboxState::Sent);
    let world = sim.world();
    let thread = world.accounts.iter().flat_map(|a| &a.threads).find(|t| t.id == key.id).unwrap();
    assert_eq!(thread.messages.iter().filter(|m| m.body == body).count(), 1, "sent exactly once");
    assert_eq!(settled.provider_message_id.as_deref(), thread.messages.last().map(|m| m.id.as_str()));
}

#[tokio::test]
async fn a_rate_limited_reply_stays_queued_for_the_next_round() {
    let sim = sim().await;
    let store = store();
    let (engine, _events) = SyncEngine::new(&config(&sim), store.clone(), quick_retries());
    engine.run_once().await;
    let key = thread_keys(&store, CALRY, true).await.remove(0);
    let entry = queue_reply(&store, key, "Late checkout is fine.").await.unwrap();
    sim.inject(fault("calry", "/conversations", 3, status(429, Some("0"))));
    engine.worker(CALRY).unwrap().deliver().await;
    let id = entry.id;
    let entry = store.run(move |s| s.outbox_entry(id)).await.unwrap();
    assert_eq!(entry.state, OutboxState::Queued);
    assert!(entry.error.as_deref().is_some_and(|e| e.contains("rate limited")), "{:?}", entry.error);

    engine.worker(CALRY).unwrap().deliver().await;
    assert_eq!(store.run(move |s| s.outbox_entry(id)).await.unwrap().state, OutboxState::Sent);
}

#[tokio::test]
async fn a_message_that_could_not_be_read_is_read_again_at_the_next_sync() {
    let sim = sim().await;
    let world = sim.world();
    let hostel = world.accounts.iter().find(|a| a.name == HOSTELMATE).unwrap();
    let thread = hostel.threads.iter().find(|t| !t.messages.is_empty()).unwrap();
    // Its first message's id arrives as an object.
    sim.inject(fault(
        "hostelmate",
        &format!("/conversations/{}/messages", thread.id),
        1,
        FaultAction::WrongType,
    ));
    let store = store();
    let (engine, mut events) = SyncEngine::new(&config(&sim), store.clone(), quick_retries());
    let key = ThreadKey { account: HOSTELMATE.into(), id: thread.id.clone() };
    let stored_ids = || {
        let key = key.clone();
        let store = store.clone();
        async move {
            let messages = store.run(move |s| s.messages(&key)).await.unwrap();
            messages.into_iter().map(|m| m.id).collect::<Vec<_>>()
        }
    };

    let report = engine.worker(HOSTELMATE).unwrap().sync().await.unwrap();
    assert_eq!(report.skipped, 1);
    assert!(!stored_ids().await.contains(&thread.messages[0].id));
    let warned = drain(&mut events).into_iter().any(|e| {
        matches!(e, SyncEvent::Warning { account, message } if account == HOSTELMATE
            && message.starts_with("1 items from the provider could not be read"))
    });
    assert!(warned, "the user hears of it");

    engine.worker(HOSTELMATE).unwrap().sync().await.unwrap();
    let stored = stored_ids().await;
    let missing: Vec<_> = thread.messages.iter().filter(|m| !stored.contains(&m.id)).map(|m| &m.id).collect();
    assert_eq!(missing, Vec::<&String>::new(), "the whole history, once the provider sends it readably");
    assert_eq!(stored.len(), thread.messages.len());
}
