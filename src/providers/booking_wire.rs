//! Booking.com Messaging API wire format (v1.2, seed 004) and its mapping.
//! Messages arrive newest first, mixed with tags-only read markers.

use super::wire::{id, opt_flag, opt_id, opt_text};
use crate::domain::sanitize::{sanitize_enum, sanitize_line, sanitize_text};
use crate::domain::time::parse_timestamp;
use crate::domain::{
    Attachment, Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Reservation,
    ReservationStatus, Thread, sort_oldest_first,
};
use serde::Deserialize;
use serde_json::Value;

/// `{data:{...,ok}, errors:[], warnings:[], meta:{ruid}}` around every answer.
#[derive(Deserialize)]
pub struct Envelope {
    #[serde(default)]
    pub data: Option<Value>,
    #[serde(default)]
    pub errors: Vec<Value>,
    #[serde(default)]
    pub warnings: Vec<Value>,
    #[serde(default)]
    pub meta: Option<Value>,
}

impl Envelope {
    /// `data`, unless `ok` is false (a string or a boolean) or it is missing.
    pub fn into_data(self, label: &str) -> Result<Value, super::ProviderError> {
        use super::{ErrorKind, ProviderError};
        let refused = |envelope: &Envelope| {
            let body = serde_json::json!({ "errors": envelope.errors, "meta": envelope.meta }).to_string();
            super::http::error_detail(&body)
        };
        match &self.data {
            Some(data) if data.get("ok").is_some_and(|ok| ok == &Value::Bool(false) || ok == "false") => {
                Err(ProviderError::new(ErrorKind::Rejected { status: 200 }, label, refused(&self)))
            }
            Some(_) => Ok(self.data.unwrap_or_default()),
            None => {
                Err(ProviderError::new(ErrorKind::Decode, label, refused(&self).or(Some("no `data`".into()))))
            }
        }
    }
}

#[derive(Deserialize)]
pub struct ListData {
    #[serde(default)]
    pub conversations: Vec<Value>,
    #[serde(default, deserialize_with = "opt_text")]
    pub next_page_id: Option<String>,
}

#[derive(Deserialize)]
pub struct DetailData {
    pub conversation: WireConversation,
    #[serde(default, deserialize_with = "opt_text")]
    pub next_page_id: Option<String>,
}

#[derive(Deserialize)]
pub struct WireConversation {
    #[serde(deserialize_with = "id")]
    pub conversation_id: String,
    #[serde(default, deserialize_with = "opt_id")]
    conversation_reference: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    conversation_type: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    access: Option<String>,
    #[serde(default)]
    participants: Vec<WireParticipant>,
    #[serde(default)]
    pub messages: Vec<Value>,
}

#[derive(Deserialize)]
struct WireParticipant {
    #[serde(deserialize_with = "id")]
    participant_id: String,
    #[serde(default)]
    metadata: Option<WireMetadata>,
}

#[derive(Deserialize)]
struct WireMetadata {
    #[serde(default, rename = "type", deserialize_with = "opt_text")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    name: Option<String>,
}

#[derive(Deserialize)]
struct WireMessage {
    #[serde(deserialize_with = "id")]
    message_id: String,
    #[serde(default, deserialize_with = "opt_text")]
    message_type: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    content: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    timestamp: Option<String>,
    #[serde(default, deserialize_with = "opt_id")]
    sender_id: Option<String>,
    #[serde(default)]
    attachment_ids: Vec<Value>,
    #[serde(default)]
    attributes: Option<WireAttributes>,
}

#[derive(Deserialize)]
struct WireAttributes {
    #[serde(default, deserialize_with = "opt_text")]
    self_service_topic: Option<String>,
}

/// A read marker: `{"tags":{"read":{"set":true,"participants":[...]}}}`. It follows,
/// in array order, the message whose read state it gives.
#[derive(Deserialize)]
struct WireTags {
    tags: TagSet,
}

#[derive(Deserialize)]
struct TagSet {
    #[serde(default)]
    read: Option<ReadTag>,
}

#[derive(Deserialize)]
struct ReadTag {
    #[serde(default, deserialize_with = "opt_flag")]
    set: Option<bool>,
    #[serde(default)]
    participants: Vec<Value>,
}

enum Entry {
    Message(WireMessage),
    ReadBy(Vec<String>),
}

/// The participant roles, matched without case: `property`, `hotel` and `GUEST` all occur.
#[derive(PartialEq, Eq)]
enum Role {
    Guest,
    Property,
    Unknown,
}

fn role(kind: Option<&str>) -> Role {
    match kind.map(str::to_ascii_lowercase).as_deref() {
        Some("guest") => Role::Guest,
        Some("property" | "hotel") => Role::Property,
        _ => Role::Unknown,
    }
}

/// Maps a conversation whose `messages` hold every page's entries, newest first.
pub fn map_conversation(
    account: &str,
    property_id: &str,
    wire: WireConversation,
) -> (Thread, Vec<Message>, Vec<String>) {
    let participant_role = |id: Option<&str>| {
        wire.participants
            .iter()
            .find(|p| Some(p.participant_id.as_str()) == id)
            .map_or(Role::Unknown, |p| role(p.metadata.as_ref().and_then(|m| m.kind.as_deref())))
    };
    let ours: Vec<&str> = wire
        .participants
        .iter()
        .filter(|p| role(p.metadata.as_ref().and_then(|m| m.kind.as_deref())) == Role::Property)
        .map(|p| p.participant_id.as_str())
        .collect();
    let guest_name = wire
        .participants
        .iter()
        .filter_map(|p| p.metadata.as_ref())
        .find(|m| role(m.kind.as_deref()) == Role::Guest)
        .and_then(|m| m.name.as_deref())
        .and_then(sanitize_line);

    let (entries, skipped) = entries(wire.messages);
    let unread = unread_guest_messages(&entries, &ours, |m| participant_role(m.sender_id.as_deref()));
    let mut messages: Vec<Message> = entries
        .into_iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => {
                let role = participant_role(m.sender_id.as_deref());
                Some(map_message(m, role, guest_name.as_deref()))
            }
            Entry::ReadBy(_) => None,
        })
        .collect();
    sort_oldest_first(&mut messages);

    let is_reservation =
        wire.conversation_type.as_deref().is_none_or(|t| t.eq_ignore_ascii_case("reservation"));
    let thread = Thread {
        account: account.to_owned(),
        provider: ProviderKind::Booking,
        id: wire.conversation_id,
        channel: Some(Channel::Booking),
        guest: Guest { name: guest_name, email: None, phone: None },
        property_id: Some(property_id.to_owned()),
        property_name: None,
        // A request_to_book reference is a booking-request id, not a reservation.
        // (inferred) A reservation conversation exists only for a made booking.
        reservation: wire.conversation_reference.filter(|_| is_reservation).map(|id| Reservation {
            id,
            check_in: None,
            check_out: None,
            status: Some(ReservationStatus::Confirmed),
        }),
        subject: None,
        unread,
        reply: if wire.access.as_deref().is_some_and(|a| a.eq_ignore_ascii_case("read_write")) {
            ReplyAbility::Allowed
        } else {
            ReplyAbility::Blocked(super::read_only_reason(ProviderKind::Booking).into())
        },
        updated_at: messages.last().and_then(|m| m.sent_at),
    };
    (thread, messages, skipped)
}

fn entries(raw: Vec<Value>) -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::with_capacity(raw.len());
    let mut skipped = Vec::new();
    for value in raw {
        let is_tags_only = value.get("message_id").is_none() && value.get("tags").is_some();
        let entry = if is_tags_only {
            serde_json::from_value::<WireTags>(value).map(|t| {
                let read = t.tags.read.filter(|r| r.set != Some(false));
                Entry::ReadBy(
                    read.map(|r| r.participants.iter().filter_map(super::wire::id_text).collect())
                        .unwrap_or_default(),
                )
            })
        } else {
            serde_json::from_value::<WireMessage>(value).map(Entry::Message)
        };
        match entry {
            Ok(entry) => entries.push(entry),
            Err(e) => skipped.extend(sanitize_line(&format!("skipped a message innbox cannot read: {e}"))),
        }
    }
    (entries, skipped)
}

/// Guest messages newer than anything we sent or marked read. `entries` are newest first.
fn unread_guest_messages(
    entries: &[Entry],
    ours: &[&str],
    sender_role: impl Fn(&WireMessage) -> Role,
) -> u32 {
    let mut unread = 0;
    let mut previous_from_guest = false;
    for entry in entries {
        match entry {
            Entry::Message(message) => match sender_role(message) {
                Role::Property => break,
                Role::Guest => {
                    unread += 1;
                    previous_from_guest = true;
                }
                Role::Unknown => previous_from_guest = false,
            },
            Entry::ReadBy(readers) if readers.iter().any(|r| ours.contains(&r.as_str())) => {
                unread -= u32::from(previous_from_guest);
                break;
            }
            Entry::ReadBy(_) => {}
        }
    }
    unread
}

/// Direction follows the sender (a guest's self-service request is still the guest
/// asking), except for request-to-book status events, which are the platform's.
fn map_message(wire: WireMessage, sender_role: Role, guest_name: Option<&str>) -> Message {
    let kind = wire.message_type.as_deref().and_then(sanitize_enum);
    let direction = match sender_role {
        _ if kind.as_deref() == Some("request_to_book_event") => Direction::System,
        Role::Guest => Direction::Inbound,
        Role::Property => Direction::Outbound,
        Role::Unknown => Direction::System,
    };
    let mut body = sanitize_text(wire.content.as_deref().unwrap_or_default());
    let topic = wire.attributes.as_ref().and_then(|a| a.self_service_topic.as_deref());
    if let Some(topic) = topic.filter(|_| body.trim().is_empty()) {
        body = format!("Self-service request: {}", sanitize_text(topic).replace('_', " "));
    }
    Message {
        id: wire.message_id,
        direction,
        sender: match direction {
            Direction::Inbound => Some(guest_name.unwrap_or("Guest").to_owned()),
            Direction::System => Some("Booking.com".to_owned()),
            Direction::Outbound => None,
        },
        body,
        sent_at: wire.timestamp.as_deref().and_then(parse_timestamp),
        status: None,
        automatic: kind.as_deref().map(|k| k == "automatically_sent_template"),
        kind,
        attachments: wire
            .attachment_ids
            .iter()
            .filter_map(super::wire::id_text)
            .map(|id| Attachment { name: sanitize_line(&id), url: None, mime: None })
            .collect(),
    }
}
