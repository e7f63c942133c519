//! Hostel Mate's Client API: offset-paged thread list, offset-paged messages
//! (oldest first). Read-only: no send endpoint is documented.

use super::http::{Endpoint, path_segment};
use super::list_rounds::Rounds;
use super::offset::{self, ListRow, OffsetPage};
use super::wire::{Item, decode_items, id, opt_id, opt_text};
use super::{KnownMarkers, MAX_PAGES, PageSink, ProviderError, ThreadUpdate, read_only_reason};
use crate::domain::sanitize::{sanitize_enum, sanitize_line, sanitize_text};
use crate::domain::time::parse_timestamp;
use crate::domain::{
    Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Reservation, Thread, sort_oldest_first,
};
use jiff::Timestamp;
use reqwest::RequestBuilder;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::Value;
use std::sync::Mutex;

/// The documented maximum for both lists.
const PAGE_SIZE: usize = 100;

#[derive(Deserialize)]
struct ListPage {
    #[serde(default)]
    pagination: Option<Pagination>,
    #[serde(default)]
    results: Vec<Value>,
}

#[derive(Deserialize)]
struct Pagination {
    #[serde(default)]
    total: Option<usize>,
    #[serde(default)]
    has_more: Option<bool>,
}

#[derive(Deserialize, Default)]
struct WireThread {
    #[serde(deserialize_with = "id")]
    id: String,
    #[serde(default, deserialize_with = "opt_id")]
    booking_id: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    channel: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    guest_name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    subject: Option<String>,
    #[serde(default)]
    is_read: Option<bool>,
    #[serde(default)]
    unread_count: Option<u32>,
    #[serde(default, deserialize_with = "opt_text")]
    created_at: Option<String>,
    #[serde(default)]
    last_message: Option<WireLastMessage>,
}

#[derive(Deserialize)]
struct WireLastMessage {
    #[serde(default, deserialize_with = "opt_text")]
    created_at: Option<String>,
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
    source: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    sender: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    created_at: Option<String>,
}

impl ListRow for WireThread {
    fn id(&self) -> &str {
        &self.id
    }

    /// The latest message's time, or the thread's own for a thread without one.
    fn activity(&self) -> Option<Timestamp> {
        let last_message = self.last_message.as_ref().and_then(|m| m.created_at.as_deref());
        last_message.or(self.created_at.as_deref()).and_then(parse_timestamp)
    }
}

pub struct HostelMate {
    account: String,
    endpoint: Endpoint,
    api_key: SecretString,
    rounds: Mutex<Rounds>,
}

impl HostelMate {
    pub fn new(account: String, endpoint: Endpoint, api_key: SecretString) -> Self {
        Self { account, endpoint, api_key, rounds: Mutex::default() }
    }

    pub fn requests(&self) -> u64 {
        self.endpoint.requests()
    }

    fn authorize(&self, request: RequestBuilder) -> RequestBuilder {
        request.header("X-API-Key", self.api_key.expose_secret())
    }

    async fn page(&self, path: &str, offset: usize) -> Result<ListPage, ProviderError> {
        let query = [("limit", PAGE_SIZE.to_string()), ("offset", offset.to_string())];
        self.endpoint.get(path, &query, &|r| self.authorize(r)).await
    }

    pub async fn sync(&self, known: &KnownMarkers, sink: &PageSink) -> Result<(), ProviderError> {
        let read_page = |offset| async move {
            let page = self.page("/api/v1/client/conversations", offset).await?;
            let pagination = page.pagination.as_ref();
            Ok(OffsetPage {
                total: pagination.and_then(|p| p.total),
                has_more: pagination.and_then(|p| p.has_more),
                rows: page.results,
            })
        };
        let read_thread = |item: Item<WireThread>| async move {
            let (messages, skipped) = self.messages(&item.value.id).await?;
            Ok(vec![self.update(item.value, messages, Some(item.fingerprint), skipped)])
        };
        offset::walk(sink, known, &self.rounds, PAGE_SIZE, read_page, read_thread).await
    }

    /// Every message of a thread, paging until a short page or `has_more: false`, and
    /// a line for each message that could not be read.
    async fn messages(&self, thread_id: &str) -> Result<(Vec<WireMessage>, Vec<String>), ProviderError> {
        let path = format!("/api/v1/client/conversations/{}/messages", path_segment(thread_id));
        let mut messages = Vec::new();
        let mut unreadable = Vec::new();
        let mut offset = 0;
        for _ in 0..MAX_PAGES {
            let page = self.page(&path, offset).await?;
            let listed = page.results.len();
            offset += listed;
            let (decoded, mut skipped) = decode_items::<WireMessage>("message", page.results);
            unreadable.append(&mut skipped);
            messages.extend(decoded.into_iter().map(|item| item.value));
            let has_more = page.pagination.and_then(|p| p.has_more).unwrap_or(listed == PAGE_SIZE);
            if !has_more || listed < PAGE_SIZE {
                break;
            }
        }
        Ok((messages, unreadable))
    }

    pub async fn fetch_thread(&self, thread: &Thread) -> Result<ThreadUpdate, ProviderError> {
        let (messages, skipped) = self.messages(&thread.id).await?;
        // The messages endpoint does not name the guest; the stored thread does.
        let wire = WireThread {
            id: thread.id.clone(),
            guest_name: thread.guest.name.clone(),
            unread_count: Some(thread.unread),
            ..WireThread::default()
        };
        let mut update = self.update(wire, messages, None, skipped);
        super::keep_known_details(&mut update.thread, thread);
        Ok(update)
    }

    fn update(
        &self,
        wire: WireThread,
        wire_messages: Vec<WireMessage>,
        marker: Option<String>,
        skipped: Vec<String>,
    ) -> ThreadUpdate {
        let guest_name = wire.guest_name.as_deref().and_then(sanitize_line);
        let mut messages: Vec<Message> =
            wire_messages.into_iter().map(|m| map_message(m, guest_name.as_deref())).collect();
        sort_oldest_first(&mut messages);
        // Email threads name the guest's address as the sender of inbound messages.
        let email = messages
            .iter()
            .filter(|m| m.direction == Direction::Inbound)
            .find_map(|m| m.sender.as_ref().filter(|s| s.contains('@')).cloned());
        let unread = wire.unread_count.unwrap_or(u32::from(wire.is_read == Some(false)));
        let thread = Thread {
            account: self.account.clone(),
            provider: ProviderKind::HostelMate,
            id: wire.id,
            channel: wire.channel.as_deref().and_then(Channel::from_wire),
            guest: Guest { name: guest_name, email, phone: None },
            property_id: None,
            property_name: None,
            reservation: wire.booking_id.map(|id| Reservation {
                id,
                check_in: None,
                check_out: None,
                status: None,
            }),
            subject: wire.subject.as_deref().and_then(sanitize_line),
            unread,
            reply: ReplyAbility::Blocked(read_only_reason(ProviderKind::HostelMate).into()),
            updated_at: messages
                .last()
                .and_then(|m| m.sent_at)
                .or(wire.created_at.as_deref().and_then(parse_timestamp)),
        };
        ThreadUpdate { thread, messages, marker, skipped }
    }
}

fn map_message(wire: WireMessage, guest_name: Option<&str>) -> Message {
    let source = wire.source.as_deref().map(str::to_ascii_uppercase);
    let direction =
        match (wire.direction.as_deref().map(str::to_ascii_uppercase).as_deref(), source.as_deref()) {
            (Some("INBOUND"), _) | (None, Some("GUEST")) => Direction::Inbound,
            (Some("OUTBOUND"), _) | (None, Some(_)) => Direction::Outbound,
            _ => Direction::System,
        };
    // OTA threads name the sides with the literals "guest" and "property".
    let sender = match wire.sender.as_deref().and_then(sanitize_line) {
        Some(sender) if sender.eq_ignore_ascii_case("guest") => {
            Some(guest_name.unwrap_or("guest").to_owned())
        }
        Some(sender) if sender.eq_ignore_ascii_case("property") => None,
        other => other,
    };
    Message {
        id: wire.id,
        direction,
        sender,
        body: sanitize_text(wire.content.as_deref().unwrap_or_default()),
        sent_at: wire.created_at.as_deref().and_then(parse_timestamp),
        status: None,
        automatic: source.as_deref().map(|s| matches!(s, "AUTOMATED" | "VERIFICATION" | "CHECK_IN")),
        kind: source.as_deref().and_then(sanitize_enum),
        attachments: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::RetryPolicy;

    fn client() -> HostelMate {
        let endpoint = Endpoint::new(reqwest::Client::new(), "http://unused", 60, RetryPolicy::none());
        HostelMate::new("Hostel".into(), endpoint, SecretString::from("key"))
    }

    #[test]
    fn documented_list_fields_decode_with_their_nulls() {
        let page: ListPage =
            serde_json::from_str(include_str!("../../fixtures/providers/hostelmate_conversations.json"))
                .unwrap();
        assert_eq!(page.pagination.as_ref().and_then(|p| p.has_more), Some(false));
        let (threads, skipped) = decode_items::<WireThread>("thread", page.results);
        assert!(skipped.is_empty());
        let updates: Vec<_> = threads
            .into_iter()
            .map(|t| client().update(t.value, Vec::new(), Some(t.fingerprint), Vec::new()))
            .collect();
        let summary: Vec<_> = updates
            .iter()
            .map(|u| (u.thread.channel.clone(), u.thread.guest.name.as_deref(), u.thread.unread))
            .collect();
        assert_eq!(
            summary,
            [
                (Some(Channel::Booking), Some("Lukas Becker"), 2),
                (Some(Channel::Email), None, 0),
                (Some(Channel::Hostelworld), Some("Aiko Tanaka"), 0),
            ]
        );
        assert_eq!(updates[1].thread.subject.as_deref(), Some("Group booking for 12 people"));
        assert_eq!(
            updates[0].thread.reply.blocked_reason(),
            Some("Hostel Mate has no reply API, so answer in Hostel Mate")
        );
    }

    #[test]
    fn messages_map_sources_senders_and_times() {
        let page: ListPage =
            serde_json::from_str(include_str!("../../fixtures/providers/hostelmate_messages.json")).unwrap();
        let (messages, _) = decode_items::<WireMessage>("message", page.results);
        let wire =
            WireThread { id: "t".into(), guest_name: Some("Lukas Becker".into()), ..WireThread::default() };
        let update = client().update(wire, messages.into_iter().map(|m| m.value).collect(), None, Vec::new());
        let summary: Vec<_> = update
            .messages
            .iter()
            .map(|m| (m.direction, m.automatic, m.kind.as_deref(), m.sender.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [
                (Direction::Outbound, Some(true), Some("automated"), Some("reception@harbourhostel.example")),
                (
                    Direction::Outbound,
                    Some(true),
                    Some("verification"),
                    Some("reception@harbourhostel.example")
                ),
                (Direction::Inbound, Some(false), Some("guest"), Some("Lukas Becker")),
                (Direction::Outbound, Some(false), Some("manual"), Some("anna@harbourhostel.example")),
                (Direction::Inbound, Some(false), Some("guest"), Some("Lukas Becker")),
            ]
        );
        assert_eq!(update.messages[2].body, "Hi! We arrive around 23:00,\nis the reception still open?");
        assert_eq!(
            update.messages[2].sent_at.map(|t| t.to_string()).as_deref(),
            Some("2026-03-02T17:30:00Z")
        );
        assert_eq!(update.thread.updated_at, update.messages[4].sent_at);
    }
}
