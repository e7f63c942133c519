//! Booking.com Messaging API, the writing side: posting a message and the
//! `message_read` / `no_reply_needed` tags.
//!
//! Where the docs are silent: `message_read` needs `participant_id` to be the
//! property's participant in that conversation (a machine account reads for the
//! property, never as the guest) and `message_ids` to be non-empty ids of that
//! conversation's messages (400 otherwise). It marks guest messages; on ours it
//! changes nothing. `no_reply_needed` takes no body and shows in the
//! conversation's `tags` (documented) in the detail view.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::Map;

use super::booking::{check_property, envelope, fail};
use super::state::{Db, Shared, lock};
use super::world::*;

#[derive(Deserialize)]
struct SendBody {
    message: Outgoing,
}

#[derive(Deserialize)]
struct Outgoing {
    #[serde(default)]
    content: String,
    #[serde(default)]
    attachment_ids: Vec<String>,
}

pub(super) async fn send(
    State(sh): State<Arc<Shared>>,
    Path((pid, cid)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if let Err((status, m)) = check_property(&pid) {
        return fail(&sh, status, &m);
    }
    let out = match serde_json::from_slice::<SendBody>(&body) {
        Ok(b) => b.message,
        Err(e) => {
            return fail(&sh, StatusCode::BAD_REQUEST, &format!("Invalid request body: {e}"));
        }
    };
    if out.content.trim().is_empty() {
        return fail(
            &sh,
            StatusCode::BAD_REQUEST,
            "message.content is required (no attachment without content)",
        );
    }
    let mut db = lock(&sh.db);
    let Some((t, w)) = db.world.thread::<BookingThread>(&cid).filter(|(_, w)| w.property_id == pid) else {
        return fail(&sh, StatusCode::NOT_FOUND, "Conversation not found");
    };
    if !t.can_reply {
        return fail(&sh, StatusCode::FORBIDDEN, "This conversation is read only");
    }
    let guest_has_account = w.guest_has_account;
    let Some(m) = append(&sh, &mut db, &cid, Direction::Outbound, out.content, out.attachment_ids) else {
        return fail(&sh, StatusCode::NOT_FOUND, "Conversation not found");
    };
    let mut data = Map::new();
    data.insert("message_id".into(), m.id.into());
    data.insert("guest_has_account".into(), guest_has_account.into());
    envelope(&sh, data)
}

/// Append a free-text message (a reply, or a guest message from live mode).
pub(crate) fn append(
    sh: &Shared,
    db: &mut Db,
    cid: &str,
    direction: Direction,
    body: String,
    attachment_ids: Vec<String>,
) -> Option<Message> {
    let id = db.rng.uuid();
    let t = db.world.thread_mut(Provider::Booking, cid)?;
    let ThreadWire::Booking(w) = &t.wire else {
        return None;
    };
    let by_email = direction == Direction::Inbound && !w.guest_has_account;
    let m = Message {
        id,
        body,
        direction,
        sent_at: sh.next_time(t, true),
        automatic: false,
        read: direction != Direction::Inbound,
        wire: MessageWire::Booking(BookingMessage {
            message_type: if by_email { "email" } else { "free_text" }.to_string(),
            template: None,
            self_service_topic: None,
            attachment_ids,
            guest_read: false,
        }),
    };
    t.messages.push(m.clone());
    Some(m)
}

#[derive(Deserialize)]
struct ReadTag {
    message_ids: Vec<String>,
    participant_id: String,
}

/// PUT marks messages read for a participant, DELETE unread.
pub(super) async fn read_tag(
    State(sh): State<Arc<Shared>>,
    method: Method,
    Path((pid, cid)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if let Err((status, m)) = check_property(&pid) {
        return fail(&sh, status, &m);
    }
    let tag = match serde_json::from_slice::<ReadTag>(&body) {
        Ok(t) => t,
        Err(e) => {
            return fail(&sh, StatusCode::BAD_REQUEST, &format!("Invalid request body: {e}"));
        }
    };
    let set = method == Method::PUT;
    let mut db = lock(&sh.db);
    let Some((t, w)) = db.world.thread::<BookingThread>(&cid).filter(|(_, w)| w.property_id == pid) else {
        return fail(&sh, StatusCode::NOT_FOUND, "Conversation not found");
    };
    if tag.participant_id != w.property_participant_id {
        let message = if tag.participant_id == w.guest_participant_id {
            "participant_id must be the property's participant, not the guest's"
        } else {
            "participant_id is not a participant of this conversation"
        };
        return fail(&sh, StatusCode::BAD_REQUEST, message);
    }
    if tag.message_ids.is_empty() {
        return fail(&sh, StatusCode::BAD_REQUEST, "message_ids must name at least one message");
    }
    if let Some(unknown) = tag.message_ids.iter().find(|id| !t.messages.iter().any(|m| &m.id == *id)) {
        return fail(&sh, StatusCode::BAD_REQUEST, &format!("Unknown message_id {unknown}"));
    }
    if let Some(t) = db.world.thread_mut(Provider::Booking, &cid) {
        for m in t.messages.iter_mut().filter(|m| m.direction == Direction::Inbound) {
            if tag.message_ids.contains(&m.id) {
                m.read = set;
            }
        }
    }
    envelope(&sh, Map::new())
}

/// PUT sets the conversation's no_reply_needed tag, DELETE clears it.
pub(super) async fn no_reply(
    State(sh): State<Arc<Shared>>,
    method: Method,
    Path((pid, cid)): Path<(String, String)>,
) -> Response {
    if let Err((status, m)) = check_property(&pid) {
        return fail(&sh, status, &m);
    }
    let mut db = lock(&sh.db);
    let thread = db.world.thread_mut(Provider::Booking, &cid);
    match thread.map(|t| &mut t.wire) {
        Some(ThreadWire::Booking(w)) if w.property_id == pid => {
            w.no_reply_needed = method == Method::PUT;
            drop(db);
            envelope(&sh, Map::new())
        }
        _ => fail(&sh, StatusCode::NOT_FOUND, "Conversation not found"),
    }
}
