//! Hostel Mate Client API (`/hostelmate/api/v1/client/...`): read-only.
//!
//! Where the docs are silent:
//! - threads are listed by latest activity, newest first;
//! - `last_message` is `{id, content, direction, created_at}` with the full
//!   content;
//! - the messages response carries `thread{id, booking_id, channel,
//!   guest_name}`, `results` oldest first and `pagination` like the list;
//!   its `limit` is 1..=100 as well (400 outside);
//! - `search` is a case-insensitive substring match on guest name, subject,
//!   booking id and message content;
//! - there is no POST route, so any other method gets a 405.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use super::credentials::HOSTELMATE_API_KEY;
use super::errors::error;
use super::paging::limit_offset;
use super::state::{Shared, lock};
use super::timefmt::python_utc;
use super::world::*;

pub(crate) fn router(sh: &Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/api/v1/client/conversations", get(list))
        .route("/api/v1/client/conversations/{thread_id}/messages", get(messages))
        .route_layer(middleware::from_fn_with_state(sh.clone(), auth))
}

async fn auth(State(sh): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let key = req.headers().get("x-api-key").and_then(|v| v.to_str().ok());
    if key != Some(HOSTELMATE_API_KEY) {
        return error(&sh, Provider::HostelMate, StatusCode::UNAUTHORIZED, "Invalid or missing API key");
    }
    next.run(req).await
}

fn pagination(total: usize, limit: usize, offset: usize) -> Value {
    json!({"total": total, "limit": limit, "offset": offset, "has_more": offset.saturating_add(limit) < total})
}

async fn list(State(sh): State<Arc<Shared>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let (limit, offset) = match limit_offset(&q, 20) {
        Ok(p) => p,
        Err(m) => return error(&sh, Provider::HostelMate, StatusCode::BAD_REQUEST, m),
    };
    let search = q.get("search").map(|s| s.to_lowercase());
    let db = lock(&sh.db);
    let mut threads = db.world.threads::<HostelMateThread>();
    threads.retain(|(t, w)| {
        q.get("booking_id").is_none_or(|b| *b == w.booking_id)
            && q.get("channel").is_none_or(|c| c.eq_ignore_ascii_case(&t.channel))
            && search.as_deref().is_none_or(|s| matches_search(t, w, s))
    });
    threads.sort_by(|a, b| b.0.last_activity().cmp(&a.0.last_activity()).then(a.0.id.cmp(&b.0.id)));
    let total = threads.len();
    let results: Vec<Value> = threads.iter().skip(offset).take(limit).map(|(t, w)| summary(t, w)).collect();
    Json(json!({"pagination": pagination(total, limit, offset), "results": results})).into_response()
}

fn matches_search(t: &Thread, w: &HostelMateThread, needle: &str) -> bool {
    let has = |s: &str| s.to_lowercase().contains(needle);
    t.guest_name.as_deref().is_some_and(has)
        || w.subject.as_deref().is_some_and(has)
        || has(&w.booking_id)
        || t.messages.iter().any(|m| has(&m.body))
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Inbound => "INBOUND",
        _ => "OUTBOUND",
    }
}

fn summary(t: &Thread, w: &HostelMateThread) -> Value {
    let unread = t.unread_count();
    let last = t.messages.last().map(|m| {
        json!({"id": m.id, "content": m.body, "direction": direction(m.direction), "created_at": python_utc(m.sent_at)})
    });
    json!({
        "id": t.id,
        "booking_id": w.booking_id,
        "channel": t.channel,
        "guest_name": t.guest_name,
        "subject": w.subject,
        "is_read": unread == 0,
        "unread_count": unread,
        "status": if w.archived { "ARCHIVED" } else { "OPEN" },
        "last_message": last,
        "created_at": python_utc(t.created_at),
    })
}

async fn messages(
    State(sh): State<Arc<Shared>>,
    Path(thread_id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (limit, offset) = match limit_offset(&q, 50) {
        Ok(p) => p,
        Err(m) => return error(&sh, Provider::HostelMate, StatusCode::BAD_REQUEST, m),
    };
    let db = lock(&sh.db);
    let Some((t, w)) = db.world.thread::<HostelMateThread>(&thread_id) else {
        return error(&sh, Provider::HostelMate, StatusCode::NOT_FOUND, "Thread not found");
    };
    let results: Vec<Value> = t
        .messages
        .iter()
        .skip(offset)
        .take(limit)
        .map(|m| {
            let MessageWire::HostelMate(mw) = &m.wire else {
                return Value::Null;
            };
            json!({
                "id": m.id,
                "content": m.body,
                "direction": direction(m.direction),
                "source": mw.source,
                "sender": mw.sender,
                "is_read": m.direction != Direction::Inbound || m.read,
                "created_at": python_utc(m.sent_at),
            })
        })
        .collect();
    Json(json!({
        "thread": {"id": t.id, "booking_id": w.booking_id, "channel": t.channel, "guest_name": t.guest_name},
        "results": results,
        "pagination": pagination(t.messages.len(), limit, offset),
    }))
    .into_response()
}
