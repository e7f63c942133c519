//! Trellis: an offset-paged conversation list, and a detail endpoint with the whole
//! history (oldest first, no paging). Read-only: no send endpoint is documented.

use super::http::{Endpoint, path_segment};
use super::list_rounds::Rounds;
use super::offset::{self, ListRow, OffsetPage};
use super::wire::{Item, decode_items, id, opt_id, opt_text};
use super::{KnownMarkers, PageSink, ProviderError, ThreadUpdate, read_only_reason};
use crate::domain::sanitize::{sanitize_enum, sanitize_line, sanitize_text};
use crate::domain::time::{parse_date, parse_timestamp};
use crate::domain::{
    Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Reservation, ReservationStatus, Thread,
    sort_oldest_first,
};
use jiff::Timestamp;
use reqwest::RequestBuilder;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::Value;
use std::sync::Mutex;

const PAGE_SIZE: usize = 100;

#[derive(Deserialize)]
struct ListPage {
    #[serde(default)]
    data: Vec<Value>,
    #[serde(default)]
    total: Option<usize>,
}

/// Thread enums are UPPER_CASE, message enums lower_case; both are compared loosely.
#[derive(Deserialize)]
struct WireConversation {
    #[serde(deserialize_with = "id")]
    id: String,
    #[serde(default)]
    contact: Option<WireContact>,
    #[serde(default, deserialize_with = "opt_text")]
    channel: Option<String>,
    #[serde(default, deserialize_with = "opt_id")]
    property_id: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    property_name: Option<String>,
    #[serde(default)]
    reservation: Option<WireReservation>,
    #[serde(default)]
    messages: Vec<Value>,
    #[serde(default)]
    unread_count: Option<u32>,
    #[serde(default, deserialize_with = "opt_text")]
    updated_at: Option<String>,
}

#[derive(Deserialize, Default)]
struct WireContact {
    #[serde(default, deserialize_with = "opt_text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    email: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    phone: Option<String>,
}

#[derive(Deserialize)]
struct WireReservation {
    #[serde(default, deserialize_with = "opt_id")]
    id: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    check_in: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    check_out: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    status: Option<String>,
}

#[derive(Deserialize)]
struct WireMessage {
    #[serde(deserialize_with = "id")]
    id: String,
    #[serde(default, deserialize_with = "opt_text")]
    content: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    direction: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    sender_name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    status: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    sent_at: Option<String>,
}

impl ListRow for WireConversation {
    fn id(&self) -> &str {
        &self.id
    }

    fn activity(&self) -> Option<Timestamp> {
        self.updated_at.as_deref().and_then(parse_timestamp)
    }
}

pub struct Trellis {
    account: String,
    endpoint: Endpoint,
    token: SecretString,
    rounds: Mutex<Rounds>,
}

impl Trellis {
    pub fn new(account: String, endpoint: Endpoint, token: SecretString) -> Self {
        Self { account, endpoint, token, rounds: Mutex::default() }
    }

    pub fn requests(&self) -> u64 {
        self.endpoint.requests()
    }

    fn authorize(&self, request: RequestBuilder) -> RequestBuilder {
        request.bearer_auth(self.token.expose_secret())
    }

    pub async fn sync(&self, known: &KnownMarkers, sink: &PageSink) -> Result<(), ProviderError> {
        let read_page = |offset: usize| async move {
            let query = [("limit", PAGE_SIZE.to_string()), ("offset", offset.to_string())];
            let page: ListPage = self.endpoint.get("/conversations", &query, &|r| self.authorize(r)).await?;
            Ok(OffsetPage { rows: page.data, total: page.total, has_more: None })
        };
        let read_thread = |row: Item<WireConversation>| async move {
            Ok(vec![self.detail(&row.value.id, Some(row.fingerprint)).await?])
        };
        offset::walk(sink, known, &self.rounds, PAGE_SIZE, read_page, read_thread).await
    }

    async fn detail(&self, id: &str, marker: Option<String>) -> Result<ThreadUpdate, ProviderError> {
        let path = format!("/conversations/{}", path_segment(id));
        let wire: WireConversation = self.endpoint.get(&path, &[], &|r| self.authorize(r)).await?;
        Ok(self.update(wire, marker))
    }

    pub async fn fetch_thread(&self, thread: &Thread) -> Result<ThreadUpdate, ProviderError> {
        self.detail(&thread.id, None).await
    }

    fn update(&self, wire: WireConversation, marker: Option<String>) -> ThreadUpdate {
        let contact = wire.contact.unwrap_or_default();
        let (decoded, skipped) = decode_items::<WireMessage>("message", wire.messages);
        let mut messages: Vec<Message> = decoded.into_iter().map(|item| map_message(item.value)).collect();
        sort_oldest_first(&mut messages);
        let thread = Thread {
            account: self.account.clone(),
            provider: ProviderKind::Trellis,
            id: wire.id,
            channel: wire.channel.as_deref().and_then(Channel::from_wire),
            guest: Guest {
                name: contact.name.as_deref().and_then(sanitize_line),
                email: contact.email.as_deref().and_then(sanitize_line),
                phone: contact.phone.as_deref().and_then(sanitize_line),
            },
            property_id: wire.property_id,
            property_name: wire.property_name.as_deref().and_then(sanitize_line),
            reservation: wire.reservation.and_then(|r| {
                Some(Reservation {
                    id: r.id?,
                    check_in: r.check_in.as_deref().and_then(parse_date),
                    check_out: r.check_out.as_deref().and_then(parse_date),
                    status: r.status.as_deref().and_then(ReservationStatus::from_wire),
                })
            }),
            subject: None,
            unread: wire.unread_count.unwrap_or(0),
            reply: ReplyAbility::Blocked(read_only_reason(ProviderKind::Trellis).into()),
            updated_at: wire
                .updated_at
                .as_deref()
                .and_then(parse_timestamp)
                .max(messages.last().and_then(|m| m.sent_at)),
        };
        ThreadUpdate { thread, messages, marker, skipped }
    }
}

fn map_message(wire: WireMessage) -> Message {
    let direction = match wire.direction.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("inbound") => Direction::Inbound,
        Some("outbound") => Direction::Outbound,
        _ => Direction::System,
    };
    Message {
        id: wire.id,
        direction,
        sender: wire.sender_name.as_deref().and_then(sanitize_line),
        body: sanitize_text(wire.content.as_deref().unwrap_or_default()),
        sent_at: wire.sent_at.as_deref().and_then(parse_timestamp),
        status: wire.status.as_deref().and_then(sanitize_enum),
        automatic: None,
        kind: None,
        attachments: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::RetryPolicy;

    #[test]
    fn seed_003_conversation_maps_contact_property_reservation_and_history() {
        let client = Trellis::new(
            "Villas".into(),
            Endpoint::new(reqwest::Client::new(), "http://unused", 60, RetryPolicy::none()),
            SecretString::from("trls_test_x"),
        );
        let wire =
            serde_json::from_str(include_str!("../../fixtures/providers/trellis_conversation.json")).unwrap();
        let ThreadUpdate { thread, messages, .. } = client.update(wire, None);
        assert_eq!(thread.channel, Some(Channel::Airbnb));
        assert_eq!(thread.guest.name.as_deref(), Some("Maria Garcia"));
        assert_eq!(thread.guest.email.as_deref(), Some("maria.garcia@example.com"));
        assert_eq!(thread.property_name.as_deref(), Some("Sunset Villa"));
        let reservation = thread.reservation.unwrap();
        assert_eq!(
            (reservation.check_in.unwrap().to_string(), reservation.check_out.unwrap().to_string()),
            ("2026-04-10".into(), "2026-04-15".into())
        );
        assert_eq!(reservation.status, Some(ReservationStatus::Confirmed));
        assert_eq!(thread.unread, 1);
        assert_eq!(thread.reply.blocked_reason(), Some("Trellis has no reply API, so answer in Trellis"));
        let summary: Vec<_> =
            messages.iter().map(|m| (m.id.as_str(), m.direction, m.status.as_deref())).collect();
        assert_eq!(
            summary,
            [
                ("m-001", Direction::Outbound, Some("delivered")),
                ("m-002", Direction::Inbound, Some("read")),
                ("m-003", Direction::Outbound, Some("delivered")),
                ("m-004", Direction::Inbound, Some("read")),
            ]
        );
        assert_eq!(messages[0].sender.as_deref(), Some("Ana Lopez"));
        assert_eq!(thread.updated_at.map(|t| t.to_string()).as_deref(), Some("2026-04-04T18:30:00Z"));
    }
}
