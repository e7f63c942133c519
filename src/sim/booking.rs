//! Booking.com Messaging API (`/booking/messaging`), behind the token check.
//!
//! Where the docs are silent:
//! - `page_id`s are opaque offsets (see [`super::paging`]); a foreign or
//!   garbled one is a 400;
//! - a property this machine account does not manage is a 403;
//! - a read tag is a tags-only entry placed right after (older than) the
//!   message it marks, listing who read it: the property participant for a
//!   guest message, the guest for ours. Pages hold 50 messages plus their tag
//!   entries; the conversation list shows only the latest message, untagged;
//! - without `Accept-version: 1.2`, `self_service_event` messages are left
//!   out altogether (v1.0 does not support them), as are `message_type`,
//!   `attributes` and the guest's name;

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde_json::{Map, Value, json};

use super::credentials::BOOKING_PROPERTY_IDS;
use super::errors::error;
use super::paging::{page_id, parse_page_id};
use super::state::{Shared, lock};
use super::timefmt::zulu_millis;
use super::world::*;
use super::{booking_auth, booking_send};

const PAGE: usize = 50;

pub(crate) fn router(sh: &Arc<Shared>) -> Router<Arc<Shared>> {
    let conv = "/properties/{pid}/conversations/{cid}";
    let messaging = Router::new()
        .route("/properties/{pid}/conversations", get(list))
        .route("/properties/{pid}/conversations/type/{ctype}", get(by_reference))
        .route(conv, get(detail).post(booking_send::send))
        .route(
            &format!("{conv}/tags/message_read"),
            put(booking_send::read_tag).delete(booking_send::read_tag),
        )
        .route(
            &format!("{conv}/tags/no_reply_needed"),
            put(booking_send::no_reply).delete(booking_send::no_reply),
        )
        .route_layer(middleware::from_fn_with_state(sh.clone(), booking_auth::require_token));
    Router::new()
        .route("/token-based-authentication/exchange", post(booking_auth::exchange))
        .nest("/messaging", messaging)
}

pub(super) fn fail(sh: &Shared, status: StatusCode, message: &str) -> Response {
    error(sh, Provider::Booking, status, message)
}

/// `{data:{...,ok}, errors:[], warnings:[], meta:{ruid}}`
pub(super) fn envelope(sh: &Shared, mut data: Map<String, Value>) -> Response {
    let (ruid, ok) = sh.booking_response();
    data.insert("ok".into(), ok);
    Json(json!({"data": data, "errors": [], "warnings": [], "meta": {"ruid": ruid}})).into_response()
}

/// A failed check: the status and message of the error to answer.
pub(super) type Reject = (StatusCode, String);

pub(super) fn check_property(pid: &str) -> Result<(), Reject> {
    if BOOKING_PROPERTY_IDS.contains(&pid) {
        Ok(())
    } else {
        Err((StatusCode::FORBIDDEN, format!("This machine account has no access to property {pid}")))
    }
}

fn is_v12(headers: &HeaderMap) -> bool {
    headers.get("accept-version").and_then(|v| v.to_str().ok()).map(str::trim) == Some("1.2")
}

/// The messages a client of this version sees, newest first.
fn visible(t: &Thread, v12: bool) -> Vec<&Message> {
    let shown = |m: &&Message| {
        v12 || !matches!(&m.wire, MessageWire::Booking(mw) if mw.message_type == "self_service_event")
    };
    t.messages.iter().rev().filter(shown).collect()
}

fn sender_id(m: &Message, w: &BookingThread) -> String {
    match m.direction {
        Direction::Inbound => w.guest_participant_id.clone(),
        _ => w.property_participant_id.clone(),
    }
}

fn message(m: &Message, w: &BookingThread, v12: bool) -> Value {
    let MessageWire::Booking(mw) = &m.wire else {
        return Value::Null;
    };
    let mut o = Map::new();
    o.insert("message_id".into(), m.id.as_str().into());
    o.insert("content".into(), m.body.as_str().into());
    o.insert("timestamp".into(), zulu_millis(m.sent_at).into());
    o.insert("sender_id".into(), sender_id(m, w).into());
    if !mw.attachment_ids.is_empty() {
        o.insert("attachment_ids".into(), mw.attachment_ids.clone().into());
    }
    if v12 {
        o.insert("message_type".into(), mw.message_type.as_str().into());
        if let Some((id, name)) = &mw.template {
            o.insert("attributes".into(), json!({"template_id": id, "template_name": name}));
        } else if let Some(topic) = &mw.self_service_topic {
            o.insert("attributes".into(), json!({"self_service_topic": topic}));
        }
    }
    Value::Object(o)
}

/// Who has read `m`, for its tags-only entry.
fn readers(m: &Message, w: &BookingThread) -> Vec<String> {
    match &m.wire {
        MessageWire::Booking(_) if m.direction == Direction::Inbound && m.read => {
            vec![w.property_participant_id.clone()]
        }
        MessageWire::Booking(mw) if m.direction == Direction::Outbound && mw.guest_read => {
            vec![w.guest_participant_id.clone()]
        }
        _ => Vec::new(),
    }
}

/// A conversation with the given messages; the detail view adds read-tag
/// entries and the conversation's own tags.
fn conversation(t: &Thread, w: &BookingThread, msgs: &[&Message], v12: bool, detail: bool) -> Value {
    let mut guest = json!({"type": w.guest_type_label});
    if let (true, Some(name)) = (v12, &t.guest_name) {
        guest["name"] = name.as_str().into();
    }
    let property_id: Value =
        w.property_id.parse::<u64>().map_or_else(|_| w.property_id.as_str().into(), Value::from);
    let mut messages = Vec::new();
    for m in msgs {
        messages.push(message(m, w, v12));
        let who = readers(m, w);
        if detail && !who.is_empty() {
            messages.push(json!({"tags": {"read": {"set": true, "participants": who}}}));
        }
    }
    let reference: Value = match w.reference.parse::<u64>() {
        Ok(n) if w.reference_numeric => n.into(),
        _ => w.reference.as_str().into(),
    };
    let mut c = json!({
        "participants": [
            {"participant_id": w.guest_participant_id, "metadata": guest},
            {"participant_id": w.property_participant_id, "metadata": {"type": w.property_type_label, "id": property_id}},
        ],
        "conversation_reference": reference,
        "messages": messages,
        "access": if t.can_reply { "read_write" } else { "read_only" },
        "conversation_id": t.id,
        "conversation_type": w.conversation_type,
    });
    if detail {
        c["tags"] = json!({"no_reply_needed": {"set": w.no_reply_needed}});
    }
    c
}

fn page_offset(scope: &str, q: &HashMap<String, String>) -> Result<usize, Reject> {
    match q.get("page_id") {
        None => Ok(0),
        Some(id) => parse_page_id(scope, id).ok_or((StatusCode::BAD_REQUEST, "Invalid page_id".to_string())),
    }
}

async fn list(
    State(sh): State<Arc<Shared>>,
    Path(pid): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let offset = match check_property(&pid).and_then(|()| page_offset(&pid, &q)) {
        Ok(o) => o,
        Err((status, m)) => return fail(&sh, status, &m),
    };
    let v12 = is_v12(&headers);
    let db = lock(&sh.db);
    let mut convs = db.world.threads::<BookingThread>();
    convs.retain(|(_, w)| w.property_id == pid);
    convs.sort_by(|a, b| b.0.last_activity().cmp(&a.0.last_activity()).then(a.0.id.cmp(&b.0.id)));
    let page: Vec<Value> = convs
        .iter()
        .skip(offset)
        .take(PAGE)
        .map(|(t, w)| conversation(t, w, &visible(t, v12)[..visible(t, v12).len().min(1)], v12, false))
        .collect();
    let mut data = Map::new();
    data.insert("conversations".into(), page.into());
    if offset + PAGE < convs.len() {
        data.insert("next_page_id".into(), page_id(&pid, offset + PAGE).into());
    }
    envelope(&sh, data)
}

/// One page of a conversation's messages, newest first.
fn conversation_page(
    sh: &Shared,
    t: &Thread,
    w: &BookingThread,
    v12: bool,
    q: &HashMap<String, String>,
) -> Response {
    let offset = match page_offset(&t.id, q) {
        Ok(o) => o,
        Err((status, m)) => return fail(sh, status, &m),
    };
    let all = visible(t, v12);
    let page: Vec<&Message> = all.iter().skip(offset).take(PAGE).copied().collect();
    let mut data = Map::new();
    data.insert("conversation".into(), conversation(t, w, &page, v12, true));
    if offset + PAGE < all.len() {
        data.insert("next_page_id".into(), page_id(&t.id, offset + PAGE).into());
    }
    envelope(sh, data)
}

async fn detail(
    State(sh): State<Arc<Shared>>,
    Path((pid, cid)): Path<(String, String)>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err((status, m)) = check_property(&pid) {
        return fail(&sh, status, &m);
    }
    let db = lock(&sh.db);
    match db.world.thread::<BookingThread>(&cid).filter(|(_, w)| w.property_id == pid) {
        Some((t, w)) => conversation_page(&sh, t, w, is_v12(&headers), &q),
        None => fail(&sh, StatusCode::NOT_FOUND, "Conversation not found"),
    }
}

async fn by_reference(
    State(sh): State<Arc<Shared>>,
    Path((pid, ctype)): Path<(String, String)>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err((status, m)) = check_property(&pid) {
        return fail(&sh, status, &m);
    }
    if ctype != "reservation" && ctype != "request_to_book" {
        return fail(
            &sh,
            StatusCode::BAD_REQUEST,
            "conversation_type must be reservation or request_to_book",
        );
    }
    let Some(reference) = q.get("conversation_reference") else {
        return fail(&sh, StatusCode::BAD_REQUEST, "conversation_reference is required");
    };
    let db = lock(&sh.db);
    let mut convs = db.world.threads::<BookingThread>();
    convs.retain(|(_, w)| w.property_id == pid && w.conversation_type == ctype && w.reference == *reference);
    match convs.first() {
        Some((t, w)) => conversation_page(&sh, t, w, is_v12(&headers), &q),
        None => fail(&sh, StatusCode::NOT_FOUND, "No conversation found for this reference"),
    }
}
