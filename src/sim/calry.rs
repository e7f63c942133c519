//! Calry v2 (`/calry/api/v2/vrs`): reservations, the conversations of a
//! reservation, and sending.
//!
//! Where the docs are silent:
//! - `GET /reservations` returns every matching reservation at once (no
//!   paging is documented), sorted by arrival; `status` matches without case;
//!   `realtime` is accepted and ignored. A bad date is a 400.
//! - An unknown reservation is a 404 (not an empty list).
//! - `POST /conversations` answers `{success, data:{id, conversationId, body,
//!   createdAt, senderType:"Owner"}}`; ids may be sent as strings or numbers.
//!   `reservationId` must be the conversation's (400 otherwise).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::credentials::{CALRY_INTEGRATION_ACCOUNT_ID, CALRY_WORKSPACE_ID};
use super::errors::error;
use super::gen_calry::message_kind;
use super::state::{Db, Shared, lock};
use super::timefmt;
use super::world::*;

pub(crate) fn router(sh: &Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/reservations", get(reservations))
        .route("/conversations/reservation/{reservation_id}", get(conversations))
        .route("/conversations", post(send))
        .route_layer(middleware::from_fn_with_state(sh.clone(), auth))
}

/// 401 without the right bearer token, 403 with the wrong workspace or
/// integration account.
async fn auth(State(sh): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let h = req.headers();
    let get = |name: &str| h.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let expected = format!("Bearer {}", sh.calry_token);
    if get(header::AUTHORIZATION.as_str()) != Some(expected.as_str()) {
        return fail(&sh, StatusCode::UNAUTHORIZED, "Unauthorized: invalid or expired token");
    }
    if get("workspaceid") != Some(CALRY_WORKSPACE_ID)
        || get("integrationaccountid") != Some(CALRY_INTEGRATION_ACCOUNT_ID)
    {
        return fail(&sh, StatusCode::FORBIDDEN, "Forbidden: unknown workspaceId or integrationAccountId");
    }
    next.run(req).await
}

fn fail(sh: &Shared, status: StatusCode, message: &str) -> Response {
    error(sh, Provider::Calry, status, message)
}

/// An id as Calry sends it: a JSON number or a string.
fn id_value(id: &str, numeric: bool) -> Value {
    match id.parse::<u64>() {
        Ok(n) if numeric => Value::from(n),
        _ => Value::from(id),
    }
}

async fn reservations(State(sh): State<Arc<Shared>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let mut bounds = [None; 4];
    let keys = ["arrivalStartDate", "arrivalEndDate", "departureStartDate", "departureEndDate"];
    for (bound, key) in bounds.iter_mut().zip(keys) {
        if let Some(v) = q.get(key) {
            match v.parse::<Date>() {
                Ok(d) => *bound = Some(d),
                Err(_) => {
                    return fail(
                        &sh,
                        StatusCode::BAD_REQUEST,
                        &format!("{key} must be a date as YYYY-MM-DD"),
                    );
                }
            }
        }
    }
    let [arr_from, arr_to, dep_from, dep_to] = bounds;
    let status = q.get("status");
    let db = lock(&sh.db);
    let mut list: Vec<&Reservation> =
        db.world.account(Provider::Calry).map(|a| a.reservations.iter().collect()).unwrap_or_default();
    list.retain(|r| {
        arr_from.is_none_or(|d| r.arrival >= d)
            && arr_to.is_none_or(|d| r.arrival <= d)
            && dep_from.is_none_or(|d| r.departure >= d)
            && dep_to.is_none_or(|d| r.departure <= d)
            && status.is_none_or(|s| s.eq_ignore_ascii_case(&r.status))
    });
    list.sort_by_key(|r| (r.arrival, r.id.clone()));
    let data: Vec<Value> = list
        .iter()
        .map(|r| {
            json!({
                "id": id_value(&r.id, r.numeric_id),
                "arrivalDate": r.arrival.to_string(),
                "departureDate": r.departure.to_string(),
                "propertyId": r.property_id,
                "status": r.status,
                "primaryGuest": {"name": r.guest_name, "email": r.guest_email, "phone": r.guest_phone},
                "source": r.source,
            })
        })
        .collect();
    Json(json!({"success": true, "data": data})).into_response()
}

async fn conversations(State(sh): State<Arc<Shared>>, Path(reservation_id): Path<String>) -> Response {
    let db = lock(&sh.db);
    let res = db
        .world
        .account(Provider::Calry)
        .and_then(|a| a.reservations.iter().find(|r| r.id == reservation_id));
    let Some(res) = res else {
        return fail(&sh, StatusCode::NOT_FOUND, "Reservation not found");
    };
    let mut threads = db.world.threads::<CalryThread>();
    threads.retain(|(_, w)| w.reservation_id == res.id);
    threads.sort_by_key(|(t, _)| std::cmp::Reverse(t.last_activity()));
    let data: Vec<Value> = threads.iter().map(|(t, w)| conversation(t, w, res.numeric_id)).collect();
    Json(json!({"success": true, "data": data})).into_response()
}

fn conversation(t: &Thread, w: &CalryThread, reservation_numeric: bool) -> Value {
    let time = |ts: Timestamp| timefmt::calry(ts, w.time_style);
    let mut c = Map::new();
    c.insert("id".into(), id_value(&t.id, w.numeric_id));
    if let Some(x) = &w.external_thread_id {
        c.insert("externalThreadId".into(), x.as_str().into());
    }
    c.insert("reservationId".into(), id_value(&w.reservation_id, reservation_numeric));
    c.insert("propertyId".into(), w.property_id.as_str().into());
    c.insert("type".into(), t.channel.as_str().into());
    if w.rich {
        c.insert("createdAt".into(), time(t.created_at).into());
        c.insert("updatedAt".into(), time(t.last_activity()).into());
    }
    let mut recipient = json!({"name": t.guest_name, "email": w.recipient_email, "phone": w.recipient_phone});
    if let Some(p) = &w.recipient_picture {
        recipient["picture"] = p.as_str().into();
    }
    c.insert("recipient".into(), recipient);
    let messages: Vec<Value> = t.messages.iter().rev().map(|m| message(m, w)).collect();
    c.insert("messages".into(), messages.into());
    Value::Object(c)
}

fn sender_type(d: Direction) -> &'static str {
    match d {
        Direction::Inbound => "Guest",
        Direction::Outbound => "Owner",
        Direction::System => "Log",
    }
}

fn message(m: &Message, w: &CalryThread) -> Value {
    let MessageWire::Calry(mw) = &m.wire else {
        return Value::Null;
    };
    let time = |ts: Timestamp| timefmt::calry(ts, w.time_style);
    let mut o = Map::new();
    o.insert("id".into(), id_value(&m.id, mw.numeric_id));
    o.insert("createdAt".into(), time(m.sent_at).into());
    o.insert("body".into(), m.body.as_str().into());
    o.insert("senderType".into(), sender_type(m.direction).into());
    if !w.rich {
        return Value::Object(o);
    }
    // The PMS stamps its own messages a moment after creating them.
    let updated = match m.direction {
        Direction::Outbound => m.sent_at.checked_add(jiff::SignedDuration::from_secs(2)).unwrap_or(m.sent_at),
        _ => m.sent_at,
    };
    o.insert("updatedAt".into(), time(updated).into());
    if let Some(s) = &mw.subject {
        o.insert("subject".into(), s.as_str().into());
    }
    o.insert("type".into(), mw.kind.as_str().into());
    o.insert("status".into(), mw.status.as_str().into());
    let seen = match m.direction {
        Direction::Inbound if !m.read => "UNSEEN",
        Direction::System => "UNKNOWN",
        _ => "SEEN",
    };
    o.insert("seenStatus".into(), seen.into());
    let attachments: Vec<Value> = mw
        .attachments
        .iter()
        .map(|a| {
            let ext = a.name.rsplit_once('.').map_or("", |(_, e)| e);
            json!({"id": a.id, "name": a.name, "url": a.url, "type": {"extension": ext, "mimeType": a.mime_type}})
        })
        .collect();
    o.insert("attachments".into(), attachments.into());
    match w.auto_key {
        Some(AutoKey::Camel) => o.insert("isAutomatic".into(), m.automatic.into()),
        Some(AutoKey::Snake) => o.insert("is_automatic".into(), m.automatic.into()),
        None => None,
    };
    Value::Object(o)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SendBody {
    conversation_id: Value,
    reservation_id: Option<Value>,
    body: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    subject: Option<String>,
    #[serde(default)]
    attachments: Vec<AttachmentIn>,
}

#[derive(Deserialize)]
struct AttachmentIn {
    name: String,
    url: String,
}

fn id_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

async fn send(State(sh): State<Arc<Shared>>, body: Bytes) -> Response {
    let req: SendBody = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return fail(&sh, StatusCode::BAD_REQUEST, &format!("Invalid request body: {e}"));
        }
    };
    let text = req.body.unwrap_or_default();
    if text.trim().is_empty() {
        return fail(&sh, StatusCode::BAD_REQUEST, "body is required");
    }
    let conversation_id = id_text(&req.conversation_id);
    let mut db = lock(&sh.db);
    let Some((thread, w)) = db.world.thread::<CalryThread>(&conversation_id) else {
        return fail(&sh, StatusCode::NOT_FOUND, "Conversation not found");
    };
    if req.reservation_id.as_ref().is_some_and(|r| id_text(r) != w.reservation_id) {
        return fail(&sh, StatusCode::BAD_REQUEST, "conversationId does not belong to reservationId");
    }
    let email = req.kind.as_deref() == Some("EMAIL") || thread.channel == "EMAIL";
    if email && req.subject.as_deref().is_none_or(|s| s.trim().is_empty()) {
        return fail(&sh, StatusCode::BAD_REQUEST, "subject is required for EMAIL messages");
    }
    let attachments = req
        .attachments
        .into_iter()
        .map(|a| Attachment {
            id: db.rng.range(10_000, 99_999).to_string(),
            mime_type: "application/octet-stream".into(),
            name: a.name,
            url: a.url,
        })
        .collect();
    let Some((m, w)) =
        append(&sh, &mut db, &conversation_id, Direction::Outbound, text, req.subject, attachments)
    else {
        return fail(&sh, StatusCode::NOT_FOUND, "Conversation not found");
    };
    Json(json!({
        "success": true,
        "data": {
            "id": id_value(&m.id, w.numeric_id),
            "conversationId": id_value(&conversation_id, w.numeric_id),
            "body": m.body,
            "createdAt": timefmt::calry(m.sent_at, w.time_style),
            "senderType": "Owner",
        }
    }))
    .into_response()
}

/// Append a message to a Calry thread the way its PMS writes them (a reply,
/// or a guest message from live mode). Without a subject it keeps the
/// thread's last one. Returns the message and the thread's wire style.
pub(crate) fn append(
    sh: &Shared,
    db: &mut Db,
    thread_id: &str,
    direction: Direction,
    body: String,
    subject: Option<String>,
    attachments: Vec<Attachment>,
) -> Option<(Message, CalryThread)> {
    let id = db.next_calry_id();
    let thread = db.world.thread_mut(Provider::Calry, thread_id)?;
    let ThreadWire::Calry(w) = &thread.wire else {
        return None;
    };
    let w = w.clone();
    let last_subject = thread.messages.last().and_then(|m| match &m.wire {
        MessageWire::Calry(mw) => mw.subject.clone(),
        _ => None,
    });
    let m = Message {
        id,
        body,
        direction,
        sent_at: sh.next_time(thread, false),
        automatic: false,
        read: direction != Direction::Inbound || !w.rich,
        wire: MessageWire::Calry(CalryMessage {
            numeric_id: w.numeric_id,
            subject: subject.or(last_subject).or_else(|| w.rich.then(String::new)),
            kind: message_kind(&thread.channel).to_string(),
            status: "SENT".to_string(),
            attachments,
        }),
    };
    thread.messages.push(m.clone());
    Some((m, w))
}
