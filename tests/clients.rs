//! Each provider client against the built-in simulator over real HTTP: every
//! thread round-trips, paging reaches the end, replies go out and come back, and
//! every failure becomes the right typed error.

#[path = "clients/booking_tags.rs"]
mod booking_tags;
mod common;

use common::*;
use innbox::domain::sanitize::sanitize_text;
use innbox::domain::{Direction, Thread};
use innbox::providers::{
    ErrorKind, KnownMarkers, ProviderClient, RetryPolicy, SendOutcome, ThreadUpdate, shared_client,
};
use innbox::sim::{FaultAction, SimOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

async fn assert_round_trip(account: &str) {
    let sim = sim().await;
    let world = sim.world();
    let client = client(&sim, account, quick_retries());
    let (updates, skipped) = sync_all(&client, &KnownMarkers::new()).await.unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    let got: BTreeMap<&str, &ThreadUpdate> = updates.iter().map(|u| (u.thread.id.as_str(), u)).collect();
    let expected = expected_threads(&world, account);
    assert_eq!(
        got.keys().copied().collect::<BTreeSet<_>>(),
        expected.iter().map(|t| t.id.as_str()).collect::<BTreeSet<_>>(),
        "{account}: thread ids"
    );
    for thread in expected {
        let update = got[thread.id.as_str()];
        assert_eq!(update.thread.account, account);
        assert_eq!(update.thread.reply.is_allowed(), thread.can_reply, "{account}/{}: can reply", thread.id);
        let want: Vec<_> = thread
            .messages
            .iter()
            .map(|m| (m.id.clone(), direction(m.direction), sanitize_text(&m.body)))
            .collect();
        let have: Vec<_> =
            update.messages.iter().map(|m| (m.id.clone(), m.direction, m.body.clone())).collect();
        assert_eq!(have, want, "{account}/{}: messages, oldest first", thread.id);
        let times: Vec<_> = update.messages.iter().map(|m| m.sent_at).collect();
        let want_times: Vec<_> = thread.messages.iter().map(|m| Some(m.sent_at)).collect();
        assert_eq!(times, want_times, "{account}/{}: every timestamp shape lands in UTC", thread.id);
    }
}

#[tokio::test]
async fn calry_reads_every_thread_in_the_reservation_window() {
    assert_round_trip(CALRY).await;
}

#[tokio::test]
async fn hostelmate_reads_every_thread_and_pages_long_histories() {
    assert_round_trip(HOSTELMATE).await;
}

#[tokio::test]
async fn trellis_reads_every_thread() {
    assert_round_trip(TRELLIS).await;
}

#[tokio::test]
async fn booking_reads_every_conversation_across_list_and_message_pages() {
    assert_round_trip(BOOKING).await;
}

#[tokio::test]
async fn paging_crosses_page_boundaries() {
    let sim = sim().await;
    let longest = |updates: &[ThreadUpdate]| updates.iter().map(|u| u.messages.len()).max().unwrap_or(0);
    let (hostel, _) =
        sync_all(&client(&sim, HOSTELMATE, quick_retries()), &KnownMarkers::new()).await.unwrap();
    assert!(longest(&hostel) > 100, "a Hostel Mate thread longer than one 100-message page");
    let (booking, _) = sync_all(&client(&sim, BOOKING, quick_retries()), &KnownMarkers::new()).await.unwrap();
    assert!(longest(&booking) > 50, "a Booking.com conversation longer than one 50-message page");
    let on_first_property =
        booking.iter().filter(|u| u.thread.property_id.as_deref() == Some("8011234")).count();
    assert!(on_first_property > 50, "a property list longer than one 50-conversation page");
}

#[tokio::test]
async fn guest_text_arrives_sanitized_everywhere() {
    let sim = sim().await;
    for account in [CALRY, HOSTELMATE, TRELLIS, BOOKING] {
        let (updates, _) =
            sync_all(&client(&sim, account, quick_retries()), &KnownMarkers::new()).await.unwrap();
        let texts = updates.iter().flat_map(|u| {
            let t = &u.thread;
            [
                t.guest.name.clone(),
                t.guest.email.clone(),
                t.guest.phone.clone(),
                t.property_name.clone(),
                t.subject.clone(),
            ]
            .into_iter()
            .flatten()
            .chain(
                u.messages
                    .iter()
                    .flat_map(|m| [Some(m.body.clone()), m.sender.clone()].into_iter().flatten()),
            )
            .collect::<Vec<_>>()
        });
        for text in texts {
            assert!(
                text.chars().all(|c| c == '\n' || c == '\t' || !c.is_control()) && !text.contains('\u{202e}'),
                "{account}: unsanitized text {text:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_second_sync_fetches_only_the_list_when_nothing_changed() {
    let sim = sim().await;
    // Calry has no conversation list to compare against, so it always re-reads
    // each reservation; it still reports nothing as changed.
    let (calry, _) = sync_all(&client(&sim, CALRY, quick_retries()), &KnownMarkers::new()).await.unwrap();
    let known = calry.iter().filter_map(|u| Some((u.thread.id.clone(), u.marker.clone()?))).collect();
    assert_eq!(sync_all(&client(&sim, CALRY, quick_retries()), &known).await.unwrap().0, vec![]);
    for account in [HOSTELMATE, TRELLIS, BOOKING] {
        let client = client(&sim, account, quick_retries());
        let (first, _) = sync_all(&client, &KnownMarkers::new()).await.unwrap();
        let known: KnownMarkers =
            first.iter().filter_map(|u| Some((u.thread.id.clone(), u.marker.clone()?))).collect();
        let requests = client.requests();
        let (second, _) = sync_all(&client, &known).await.unwrap();
        assert!(second.is_empty(), "{account}: {} threads reported changed", second.len());
        let again = client.requests() - requests;
        assert!(again * 2 < requests, "{account}: {again} requests the second time, {requests} the first");
    }
}

/// Hostel Mate and Trellis lists come newest first in the simulator, as the first
/// full walk finds; later rounds read from the front only as far as something changed.
#[tokio::test]
async fn a_new_message_deep_in_a_long_list_costs_a_few_requests_at_hostel_mate_and_trellis() {
    let options =
        SimOptions { threads_per_account: Some(250), enforce_rate_limits: false, ..SimOptions::default() };
    let sim = innbox::sim::start(options).await.unwrap();
    let mut config = config(&sim);
    for account in [HOSTELMATE, TRELLIS] {
        let account_config = config.accounts.iter_mut().find(|a| a.name == account).unwrap();
        // Only the simulator's limits are lifted otherwise; the client would keep to the real ones.
        account_config.requests_per_minute = Some(100_000);
        let client =
            ProviderClient::new(account_config, shared_client(Duration::from_secs(5)), quick_retries());
        let (first, _) = sync_all(&client, &KnownMarkers::new()).await.unwrap();
        let known: KnownMarkers =
            first.iter().filter_map(|u| Some((u.thread.id.clone(), u.marker.clone()?))).collect();
        let requests = client.requests();
        assert_eq!(sync_all(&client, &known).await.unwrap().0, vec![]);
        assert_eq!(client.requests() - requests, 1, "{account}: nothing new costs the first page");

        let oldest = first.iter().min_by_key(|u| u.thread.updated_at).unwrap().thread.id.clone();
        sim.push_guest_message_to(&oldest, "Could we check out at noon?").unwrap();
        let requests = client.requests();
        let (second, _) = sync_all(&client, &known).await.unwrap();
        let ids: Vec<_> = second.iter().map(|u| u.thread.id.as_str()).collect();
        assert_eq!(ids, [oldest.as_str()], "{account}");
        assert!(second[0].messages.iter().any(|m| m.body == "Could we check out at noon?"));
        // The first page, which now holds it; the second, unchanged; the first again; the thread.
        assert_eq!(client.requests() - requests, 4, "{account}");
    }
}

async fn thread_where(client: &ProviderClient, wanted: impl Fn(&Thread) -> bool) -> Thread {
    let (updates, _) = sync_all(client, &KnownMarkers::new()).await.unwrap();
    updates.into_iter().map(|u| u.thread).find(|t| wanted(t)).expect("a matching thread")
}

async fn assert_reply_round_trips(account: &str) {
    let sim = sim().await;
    let client = client(&sim, account, quick_retries());
    let thread = thread_where(&client, |t| t.reply.is_allowed()).await;
    let body = format!("Hi! Your early check-in on {} is confirmed 🙂", thread.id);
    let SendOutcome::Sent { provider_message_id } = client.send(&thread, &body).await else {
        panic!("{account}: the reply was not sent")
    };
    let reread = client.fetch_thread(&thread).await.unwrap();
    let mine = reread.messages.iter().find(|m| m.body == body).expect("the reply is in the thread");
    assert_eq!(mine.direction, Direction::Outbound);
    assert_eq!(
        Some(&mine.id),
        provider_message_id.as_ref(),
        "{account}: the id the send returned is the message's id"
    );
    assert_eq!(reread.thread.reservation.as_ref().map(|r| &r.id), thread.reservation.as_ref().map(|r| &r.id));
}

#[tokio::test]
async fn calry_sends_a_reply_and_reads_it_back() {
    assert_reply_round_trips(CALRY).await;
}

#[tokio::test]
async fn booking_sends_a_reply_and_reads_it_back() {
    assert_reply_round_trips(BOOKING).await;
}

#[tokio::test]
async fn read_only_threads_refuse_without_touching_the_network() {
    let sim = sim().await;
    for (account, reason) in [
        (HOSTELMATE, "Hostel Mate has no reply API, so answer in Hostel Mate"),
        (TRELLIS, "Trellis has no reply API, so answer in Trellis"),
        (BOOKING, "this Booking.com conversation is read-only"),
    ] {
        let client = client(&sim, account, quick_retries());
        let thread = thread_where(&client, |t| !t.reply.is_allowed()).await;
        let requests = client.requests();
        assert_eq!(client.send(&thread, "hello").await, SendOutcome::Refused(reason.into()));
        assert_eq!(client.requests(), requests, "{account}: no request was made");
    }
}

async fn first_error(account: &str, path: &str, action: FaultAction) -> innbox::providers::ProviderError {
    let sim = sim().await;
    let provider =
        innbox::config::Config::parse_str(&sim.config_toml()).unwrap().account(account).unwrap().kind();
    sim.inject(fault(provider.as_str(), path, 1, action));
    sync_all(&client(&sim, account, RetryPolicy::none()), &KnownMarkers::new()).await.unwrap_err()
}

#[tokio::test]
async fn http_failures_become_typed_errors() {
    let err = first_error(TRELLIS, "/conversations", status(401, None)).await;
    assert_eq!(err.kind, ErrorKind::Unauthorized { status: 401 });
    assert!(err.to_string().starts_with("GET /conversations: credentials refused (HTTP 401)"), "{err}");

    let err = first_error(HOSTELMATE, "/conversations", status(404, None)).await;
    assert_eq!(err.kind, ErrorKind::NotFound);

    let err = first_error(CALRY, "/reservations", status(429, Some("7"))).await;
    assert_eq!(err.kind, ErrorKind::RateLimited { retry_after: Some(Duration::from_secs(7)) });

    let err = first_error(HOSTELMATE, "/conversations", status(503, None)).await;
    assert_eq!(err.kind, ErrorKind::Server { status: 503 });
    assert_eq!(err.detail.as_deref(), Some("messaging_unavailable"), "the provider's own word is kept");

    let err = first_error(BOOKING, "/conversations", FaultAction::MalformedJson).await;
    assert_eq!(err.kind, ErrorKind::NotJson);
    assert!(err.to_string().contains("the body ends mid-way, as if cut off"), "{err}");

    let err = first_error(TRELLIS, "/conversations", FaultAction::HtmlPage { status: 200 }).await;
    assert_eq!(err.kind, ErrorKind::NotJson);
    assert!(err.to_string().contains("an HTML page, “Sign in to Guest Wi-Fi”"), "{err}");
}

#[tokio::test]
async fn transient_failures_are_retried_and_retry_after_is_honoured() {
    let sim = sim().await;
    sim.inject(fault("trellis", "/conversations", 2, status(503, None)));
    let trellis = client(&sim, TRELLIS, quick_retries());
    let (updates, _) = sync_all(&trellis, &KnownMarkers::new()).await.unwrap();
    assert_eq!(updates.len(), 60);

    sim.inject(fault("hostelmate", "/conversations", 1, status(429, Some("1"))));
    let hostel = client(&sim, HOSTELMATE, quick_retries());
    let started = std::time::Instant::now();
    sync_all(&hostel, &KnownMarkers::new()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "waited as Retry-After asked");
}

#[tokio::test]
async fn one_unreadable_thread_is_skipped_and_the_rest_synced() {
    let sim = sim().await;
    let broken = sim.world().accounts.iter().find(|a| a.name == TRELLIS).unwrap().threads[7].id.clone();
    sim.inject(fault("trellis", &format!("/conversations/{broken}"), 1, FaultAction::WrongType));
    let (updates, skipped) =
        sync_all(&client(&sim, TRELLIS, quick_retries()), &KnownMarkers::new()).await.unwrap();
    assert_eq!(updates.len(), 59);
    assert!(updates.iter().all(|u| u.thread.id != broken));
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].contains(&broken) && skipped[0].contains("unexpected response"), "{skipped:?}");
    assert!(skipped[0].contains("the provider changed its format"), "{skipped:?}");
}

#[tokio::test]
async fn booking_exchanges_its_token_once_and_again_after_a_401() {
    let sim = sim().await;
    let client = client(&sim, BOOKING, quick_retries());
    sync_all(&client, &KnownMarkers::new()).await.unwrap();
    assert_eq!(sim.stats().token_exchanges, 1, "one token serves the whole sync");

    sim.inject(fault("booking", "/conversations", 1, status(401, None)));
    sync_all(&client, &KnownMarkers::new()).await.unwrap();
    assert_eq!(sim.stats().token_exchanges, 2, "a 401 makes exactly one new exchange");
}
