//! Hostile text through the whole ingestion path: each provider's real payload
//! (the fixtures) with hostile strings in every text field, invalid UTF-8 bytes and
//! lone surrogate escapes, served over HTTP, decoded by the real client, written to
//! the store and drawn from it. No page may be lost, and only printable text drawn.

mod common;
mod support;

use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use common::{quick_retries, sync_all};
use innbox::app::{AppState, LoadedThread, Msg, update};
use innbox::config::Config;
use innbox::domain::ProviderKind;
use innbox::providers::{KnownMarkers, ProviderClient, shared_client};
use innbox::store::Store;
use jiff::tz::TimeZone;
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use support::drive::{answer_from, code};
use support::hostile::{cases, first_unprintable, hostile};
use support::screen::draw;

/// Fields whose strings a provider passes on as text (ids that feed URLs stay).
const TEXT_FIELDS: &[&str] = &[
    "name",
    "email",
    "phone",
    "body",
    "subject",
    "guest_name",
    "content",
    "sender",
    "sender_name",
    "property_name",
    "status",
    "channel",
    "property_id",
    "propertyId",
    "reservationId",
    "booking_id",
    "conversation_reference",
    "attachment_ids",
    "template_name",
];
/// Stand-ins that survive JSON serialization, swapped for what JSON cannot carry.
const BAD_UTF8: &str = "<<bad utf-8>>";
const LONE_SURROGATE: &str = "<<lone surrogate>>";

/// Canned responses by path; a key ending in `/` answers every path under it.
type Bodies = Arc<Mutex<HashMap<String, Vec<u8>>>>;

struct Server {
    runtime: tokio::runtime::Runtime,
    base: String,
    bodies: Bodies,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        let bodies = Bodies::default();
        let served = bodies.clone();
        let app = axum::Router::new().fallback(move |uri: Uri| {
            let bodies = served.clone();
            async move { answer(&bodies, uri.path()) }
        });
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("an address"));
        runtime.spawn(async move { axum::serve(listener, app).await });
        Server { runtime, base, bodies }
    })
}

fn answer(bodies: &Bodies, path: &str) -> Response {
    let bodies = bodies.lock().expect("the bodies");
    let prefix = |key: &&String| key.ends_with('/') && path.starts_with(key.as_str());
    let body = bodies.get(path).or_else(|| bodies.keys().filter(prefix).max().map(|key| &bodies[key]));
    match body {
        Some(body) => ([(header::CONTENT_TYPE, "application/json")], body.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn fixture(name: &str) -> Value {
    let path = format!("{}/fixtures/providers/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("a fixture")).expect("fixture JSON")
}

/// Every string of a text field, in document order, becomes the next hostile string.
fn poison(value: &mut Value, field: Option<&str>, texts: &mut impl Iterator<Item = String>) {
    match value {
        Value::Object(map) => map.iter_mut().for_each(|(key, v)| poison(v, Some(key), texts)),
        Value::Array(items) => items.iter_mut().for_each(|v| poison(v, field, texts)),
        Value::String(s) if field.is_some_and(|f| TEXT_FIELDS.contains(&f)) => {
            *s = texts.next().unwrap_or_default()
        }
        _ => {}
    }
}

/// The JSON as bytes, with the stand-ins turned into what JSON cannot carry.
fn wire_bytes(value: &Value) -> Vec<u8> {
    let text = value.to_string().replace(LONE_SURROGATE, r"\ud800");
    let mut bytes = Vec::new();
    for (index, piece) in text.split(BAD_UTF8).enumerate() {
        if index > 0 {
            bytes.extend_from_slice(b"\xff\xfe\xc3");
        }
        bytes.extend_from_slice(piece.as_bytes());
    }
    bytes
}

/// One provider's responses: paths (under the account's base) and fixture documents.
fn responses(kind: ProviderKind) -> Vec<(String, Value)> {
    let at = |path: &str, document| (path.to_owned(), document);
    match kind {
        ProviderKind::Calry => vec![
            at(
                "/reservations",
                json!({"success": true, "data": [{"id": "r1", "arrivalDate": "2026-11-20",
                    "departureDate": "2026-11-25", "propertyId": "p1"}]}),
            ),
            at("/conversations/reservation/", fixture("calry_conversations_by_reservation.json")),
        ],
        ProviderKind::HostelMate => vec![
            at("/api/v1/client/conversations", fixture("hostelmate_conversations.json")),
            at("/api/v1/client/conversations/", fixture("hostelmate_messages.json")),
        ],
        ProviderKind::Trellis => {
            let conversation = fixture("trellis_conversation.json");
            vec![
                at("/conversations", json!({"data": [conversation], "total": 1})),
                at("/conversations/", conversation),
            ]
        }
        ProviderKind::Booking => {
            // Each listed conversation gets the detail fixture under its own id.
            let list = fixture("booking_conversations_v1_2.json");
            let ids = list["data"]["conversations"]
                .as_array()
                .expect("a list")
                .iter()
                .map(|c| c["conversation_id"].clone());
            let details = ids.map(|id| {
                let mut detail = fixture("booking_conversation_v1_2.json");
                detail["data"]["conversation"]["conversation_id"] = id.clone();
                (format!("/properties/p1/conversations/{}", id.as_str().expect("an id")), detail)
            });
            let details: Vec<_> = details.collect();
            [vec![at("/properties/p1/conversations", list)], details].concat()
        }
    }
}

fn client(kind: ProviderKind, base: &str) -> ProviderClient {
    let provider = kind.as_str();
    let extra = match kind {
        ProviderKind::Calry => "workspace_id = \"w\"\nintegration_account_id = \"i\"",
        ProviderKind::Booking => "property_ids = [\"p1\"]",
        ProviderKind::HostelMate | ProviderKind::Trellis => "",
    };
    let toml = format!(
        "[[accounts]]\nname = \"{provider}\"\nprovider = \"{provider}\"\nbase_url = \"{base}/{provider}\"\ntoken = \"t\"\n{extra}\n"
    );
    let config = Config::parse_str(&toml).expect("a valid config");
    ProviderClient::new(&config.accounts[0], shared_client(Duration::from_secs(5)), quick_retries())
}

/// Serves the poisoned payloads, syncs, stores, and returns the inbox as the app
/// shows it, with the first thread open, and how many threads arrived.
fn ingest(kind: ProviderKind, texts: &[String], width: u16, height: u16) -> (AppState, usize) {
    let server = server();
    let mut texts = texts.iter().cloned().cycle();
    for (path, mut document) in responses(kind) {
        poison(&mut document, None, &mut texts);
        let path = format!("/{}{path}", kind.as_str());
        server.bodies.lock().expect("the bodies").insert(path, wire_bytes(&document));
    }
    let client = client(kind, &server.base);
    let (updates, _) = server.runtime.block_on(sync_all(&client, &KnownMarkers::new())).expect("a sync");
    let mut store = Store::open_in_memory().expect("a store");
    store.ensure_account(kind.as_str(), kind).expect("an account");
    store.apply_updates(&updates).expect("stored");
    let summaries = store.thread_summaries(None).expect("the list");
    let loaded = |key: &_| LoadedThread {
        thread: store.thread(key).expect("a thread"),
        messages: store.messages(key).expect("its messages"),
        replies: store.pending_replies(key).expect("its replies"),
    };
    let mut state = AppState::new(vec![kind.as_str().into()], support::inbox::now(), TimeZone::UTC);
    for msg in [
        Msg::Resize { width, height },
        Msg::ThreadsLoaded(summaries.clone().into_iter().map(Box::new).collect()),
        Msg::Key(code(KeyCode::Enter)),
    ] {
        let effects = update(&mut state, msg);
        answer_from(&mut state, &effects, &|| summaries.clone(), &loaded);
    }
    (state, summaries.len())
}

/// Hostile strings, some carrying bytes JSON cannot.
fn texts() -> impl Strategy<Value = Vec<String>> {
    let text = prop_oneof![
        3 => hostile(),
        1 => hostile().prop_map(|t| format!("{t}{BAD_UTF8}{t}")),
        1 => hostile().prop_map(|t| format!("{LONE_SURROGATE}{t}")),
    ];
    prop::collection::vec(text, 1..6)
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    let side = || prop_oneof![1u16..4, 1u16..300];
    (side(), side())
}

/// Threads in each provider's fixture: every one must arrive, whatever its text.
fn check(
    kind: ProviderKind,
    texts: &[String],
    (width, height): (u16, u16),
    threads: usize,
) -> Result<(), TestCaseError> {
    let (state, arrived) = ingest(kind, texts, width, height);
    prop_assert_eq!(arrived, threads, "threads lost");
    prop_assert_eq!(first_unprintable(draw(&state).buffer()), None);
    Ok(())
}

proptest! {
    #![proptest_config(cases(32))]

    #[test]
    fn calry_payloads_draw_only_printable_text(texts in texts(), size in size()) {
        check(ProviderKind::Calry, &texts, size, 2)?;
    }

    #[test]
    fn hostel_mate_payloads_draw_only_printable_text(texts in texts(), size in size()) {
        check(ProviderKind::HostelMate, &texts, size, 3)?;
    }

    #[test]
    fn trellis_payloads_draw_only_printable_text(texts in texts(), size in size()) {
        check(ProviderKind::Trellis, &texts, size, 1)?;
    }

    #[test]
    fn booking_payloads_draw_only_printable_text(texts in texts(), size in size()) {
        check(ProviderKind::Booking, &texts, size, 2)?;
    }
}

#[test]
fn a_bad_byte_and_a_lone_surrogate_cost_one_character_each() {
    let texts = [format!("Jos{BAD_UTF8}é"), format!("{LONE_SURROGATE}Hello")];
    let (state, arrived) = ingest(ProviderKind::Trellis, &texts, 100, 30);
    assert_eq!(arrived, 1);
    let open = state.open_thread().expect("the thread is open");
    assert_eq!(open.thread.guest.name.as_deref(), Some("Jos\u{fffd}\u{fffd}\u{fffd}é"));
    assert!(open.messages.iter().any(|m| m.body == "\u{fffd}Hello"), "{:?}", open.messages);
}
