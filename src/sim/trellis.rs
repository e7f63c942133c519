//! Trellis (`/trellis/v1`): the conversation list and one conversation.
//! Read-only. Rate-limit headers and 429s come from the gateway.
//!
//! Where the docs are silent:
//! - the list is sorted by `updated_at`, newest first; filters match exactly
//!   (`status` and `channel` without case), `assigned_to` is the assignee id;
//! - `last_message` is null for an empty thread;
//! - an inbound message's `status` is `read` once the property has seen it,
//!   `delivered` before.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Map, Value, json};

use super::credentials::TRELLIS_API_KEY;
use super::errors::error;
use super::paging::limit_offset;
use super::state::{Shared, lock};
use super::timefmt::zulu_seconds;
use super::world::*;

pub(crate) fn router(sh: &Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/conversations", get(list))
        .route("/conversations/{id}", get(detail))
        .route_layer(middleware::from_fn_with_state(sh.clone(), auth))
}

async fn auth(State(sh): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let bearer = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    if bearer.and_then(|b| b.strip_prefix("Bearer ")) != Some(TRELLIS_API_KEY) {
        return error(&sh, Provider::Trellis, StatusCode::UNAUTHORIZED, "Invalid or missing API key.");
    }
    next.run(req).await
}

async fn list(State(sh): State<Arc<Shared>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let (limit, offset) = match limit_offset(&q, 50) {
        Ok(p) => p,
        Err(m) => return error(&sh, Provider::Trellis, StatusCode::BAD_REQUEST, m),
    };
    let db = lock(&sh.db);
    let mut threads = db.world.threads::<TrellisThread>();
    threads.retain(|(t, w)| {
        q.get("status").is_none_or(|s| s.eq_ignore_ascii_case(&w.status))
            && q.get("channel").is_none_or(|c| c.eq_ignore_ascii_case(&t.channel))
            && q.get("assigned_to").is_none_or(|a| w.assignee.as_ref().is_some_and(|p| p.id == *a))
            && q.get("property_id").is_none_or(|p| w.property_id.as_deref() == Some(p.as_str()))
    });
    threads.sort_by(|a, b| b.0.last_activity().cmp(&a.0.last_activity()).then(a.0.id.cmp(&b.0.id)));
    let total = threads.len();
    let data: Vec<Value> = threads
        .iter()
        .skip(offset)
        .take(limit)
        .map(|(t, w)| Value::Object(conversation(t, w, false)))
        .collect();
    Json(json!({"data": data, "total": total, "limit": limit, "offset": offset})).into_response()
}

async fn detail(State(sh): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let db = lock(&sh.db);
    let Some((t, w)) = db.world.thread::<TrellisThread>(&id) else {
        return error(
            &sh,
            Provider::Trellis,
            StatusCode::NOT_FOUND,
            "No conversation found with the specified ID.",
        );
    };
    let mut c = conversation(t, w, true);
    let reservation = w.reservation.as_ref().map(|r| {
        json!({"id": r.id, "check_in": r.check_in.to_string(), "check_out": r.check_out.to_string(), "status": r.status})
    });
    put(&mut c, "reservation", reservation, w.omit_missing);
    let messages: Vec<Value> = t.messages.iter().map(message).collect();
    c.insert("messages".into(), messages.into());
    Json(Value::Object(c)).into_response()
}

/// Insert `value`, or null, or nothing when missing fields are omitted.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>, omit_missing: bool) {
    match value {
        Some(v) => {
            map.insert(key.into(), v);
        }
        None if !omit_missing => {
            map.insert(key.into(), Value::Null);
        }
        None => {}
    }
}

/// The fields the list and the detail share; `detail` adds `contact.type`.
fn conversation(t: &Thread, w: &TrellisThread, detail: bool) -> Map<String, Value> {
    let omit = w.omit_missing;
    let mut contact = Map::new();
    contact.insert("id".into(), w.contact_id.as_str().into());
    contact.insert("name".into(), t.guest_name.as_deref().into());
    put(&mut contact, "email", w.contact_email.as_deref().map(Value::from), omit);
    put(&mut contact, "phone", w.contact_phone.as_deref().map(Value::from), omit);
    if detail {
        contact.insert("type".into(), "guest".into());
    }
    let mut c = Map::new();
    c.insert("id".into(), t.id.as_str().into());
    c.insert("contact".into(), Value::Object(contact));
    c.insert("channel".into(), t.channel.as_str().into());
    c.insert("status".into(), w.status.as_str().into());
    put(&mut c, "property_id", w.property_id.as_deref().map(Value::from), omit);
    put(&mut c, "property_name", w.property_name.as_deref().map(Value::from), omit);
    put(&mut c, "assigned_to", w.assignee.as_ref().map(|p| json!({"id": p.id, "name": p.name})), omit);
    if !detail {
        let last = t.messages.last().map(|m| {
            json!({"content": m.body, "direction": direction(m.direction), "sent_at": zulu_seconds(m.sent_at)})
        });
        c.insert("last_message".into(), last.into());
    }
    c.insert("unread_count".into(), t.unread_count().into());
    c.insert("created_at".into(), zulu_seconds(t.created_at).into());
    c.insert("updated_at".into(), zulu_seconds(t.last_activity()).into());
    c
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Inbound => "inbound",
        _ => "outbound",
    }
}

fn message(m: &Message) -> Value {
    let MessageWire::Trellis(mw) = &m.wire else {
        return Value::Null;
    };
    let status = match (&mw.delivery, m.read) {
        (Some(d), _) => d.as_str(),
        (None, true) => "read",
        (None, false) => "delivered",
    };
    json!({
        "id": m.id,
        "content": m.body,
        "direction": direction(m.direction),
        "sender_name": mw.sender_name,
        "status": status,
        "sent_at": zulu_seconds(m.sent_at),
    })
}
