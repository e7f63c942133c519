//! Calry's wire format (seed 000/001) and its mapping into the unified model.
//! Only `id`, `body`, `senderType` and `createdAt` are reliable; everything else
//! depends on the PMS behind Calry and is optional here.

use super::wire::{id, opt_id, opt_text};
use crate::domain::sanitize::{sanitize_enum, sanitize_line, sanitize_text};
use crate::domain::time::{parse_date, parse_timestamp};
use crate::domain::{
    Attachment, Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Reservation,
    ReservationStatus, Thread, sort_oldest_first,
};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
pub struct Envelope {
    #[serde(default)]
    pub success: Option<bool>,
    #[serde(default)]
    pub data: Option<Value>,
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireReservation {
    #[serde(deserialize_with = "id")]
    pub id: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub arrival_date: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub departure_date: Option<String>,
    #[serde(default, deserialize_with = "opt_id")]
    pub property_id: Option<String>,
    /// The booking source (AIRBNB, BOOKING_COM...): the channel when threads do not say.
    #[serde(default, deserialize_with = "opt_text")]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub status: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireConversation {
    #[serde(deserialize_with = "id")]
    pub id: String,
    #[serde(default, deserialize_with = "opt_id")]
    pub reservation_id: Option<String>,
    #[serde(default, deserialize_with = "opt_id")]
    pub property_id: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "opt_text")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub recipient: Option<WireRecipient>,
    #[serde(default)]
    pub messages: Vec<Value>,
}

#[derive(Deserialize, Default)]
pub struct WireRecipient {
    #[serde(default, deserialize_with = "opt_text")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub phone: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireMessage {
    #[serde(deserialize_with = "id")]
    id: String,
    #[serde(default, deserialize_with = "opt_text")]
    created_at: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    body: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    subject: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    sender_type: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "opt_text")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    status: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    seen_status: Option<String>,
    /// The field table spells it `is_automatic`, the example `isAutomatic`.
    #[serde(default)]
    is_automatic: Option<bool>,
    #[serde(default, rename = "is_automatic")]
    is_automatic_snake: Option<bool>,
    #[serde(default)]
    attachments: Vec<WireAttachment>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireAttachment {
    #[serde(default, deserialize_with = "opt_text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    url: Option<String>,
    #[serde(default, rename = "type")]
    file_type: Option<WireFileType>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireFileType {
    #[serde(default, deserialize_with = "opt_text")]
    mime_type: Option<String>,
}

/// Maps one conversation. Messages that cannot be read are skipped and named.
pub fn map_conversation(
    account: &str,
    conversation: WireConversation,
    reservation: Option<&WireReservation>,
) -> (Thread, Vec<Message>, Vec<String>) {
    let recipient = conversation.recipient.unwrap_or_default();
    let guest_name = recipient.name.as_deref().and_then(sanitize_line);
    let (wire_messages, skipped) = super::wire::decode_items::<WireMessage>("message", conversation.messages);
    let wire_messages: Vec<WireMessage> = wire_messages.into_iter().map(|item| item.value).collect();

    let unread = wire_messages
        .iter()
        .filter(|m| direction(m.sender_type.as_deref()) == Direction::Inbound)
        .filter(|m| m.seen_status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("unseen")))
        .count() as u32;
    let channel = channel(conversation.kind.as_deref(), &wire_messages, reservation);
    let subject = latest_subject(&wire_messages);
    let mut messages: Vec<Message> =
        wire_messages.into_iter().map(|m| map_message(m, guest_name.as_deref())).collect();
    sort_oldest_first(&mut messages);

    let thread = Thread {
        account: account.to_owned(),
        provider: ProviderKind::Calry,
        id: conversation.id,
        channel,
        guest: Guest {
            name: guest_name,
            email: recipient.email.as_deref().and_then(sanitize_line),
            phone: recipient.phone.as_deref().and_then(sanitize_line).filter(|p| !is_placeholder_phone(p)),
        },
        property_id: conversation.property_id.or_else(|| reservation.and_then(|r| r.property_id.clone())),
        property_name: None,
        reservation: conversation.reservation_id.or_else(|| reservation.map(|r| r.id.clone())).map(|id| {
            Reservation {
                id,
                check_in: reservation.and_then(|r| r.arrival_date.as_deref()).and_then(parse_date),
                check_out: reservation.and_then(|r| r.departure_date.as_deref()).and_then(parse_date),
                status: reservation.and_then(|r| r.status.as_deref()).and_then(ReservationStatus::from_wire),
            }
        }),
        subject,
        unread,
        reply: ReplyAbility::Allowed,
        updated_at: conversation
            .updated_at
            .as_deref()
            .and_then(parse_timestamp)
            .max(messages.last().and_then(|m| m.sent_at)),
    };
    (thread, messages, skipped)
}

fn map_message(wire: WireMessage, guest_name: Option<&str>) -> Message {
    let direction = direction(wire.sender_type.as_deref());
    let sender = match direction {
        Direction::Inbound => Some(guest_name.unwrap_or("Guest").to_owned()),
        Direction::Outbound => None,
        Direction::System => wire.sender_type.as_deref().and_then(sanitize_line),
    };
    Message {
        id: wire.id,
        direction,
        sender,
        body: sanitize_text(wire.body.as_deref().unwrap_or_default()),
        sent_at: wire.created_at.as_deref().and_then(parse_timestamp),
        status: wire.status.as_deref().and_then(sanitize_enum),
        automatic: wire.is_automatic.or(wire.is_automatic_snake),
        kind: wire.kind.as_deref().and_then(sanitize_enum),
        attachments: wire
            .attachments
            .into_iter()
            .map(|a| Attachment {
                name: a.name.as_deref().and_then(sanitize_line),
                url: a.url.as_deref().and_then(sanitize_line),
                mime: a.file_type.and_then(|t| t.mime_type).as_deref().and_then(sanitize_line),
            })
            .collect(),
    }
}

/// `Owner` is us, `Guest` the guest, `Log` the platform; compared without case.
fn direction(sender_type: Option<&str>) -> Direction {
    match sender_type.map(str::to_ascii_lowercase).as_deref() {
        Some("guest") => Direction::Inbound,
        Some("owner") => Direction::Outbound,
        _ => Direction::System,
    }
}

/// The deprecated conversation `type` first; then the newest specific message
/// `type` (CHANNEL only says "some OTA"); then the reservation's booking source.
fn channel(
    kind: Option<&str>,
    messages: &[WireMessage],
    reservation: Option<&WireReservation>,
) -> Option<Channel> {
    let specific = |raw: &&str| !matches!(raw.to_ascii_uppercase().as_str(), "CHANNEL" | "UNKNOWN" | "");
    let newest_message_kind = messages
        .iter()
        .filter_map(|m| Some((m.created_at.as_deref().and_then(parse_timestamp), m.kind.as_deref()?)))
        .filter(|(_, kind)| specific(kind))
        .max_by_key(|(at, _)| *at)
        .map(|(_, kind)| kind);
    kind.filter(specific)
        .or(newest_message_kind)
        .or_else(|| reservation.and_then(|r| r.source.as_deref()))
        .and_then(Channel::from_wire)
}

fn latest_subject(messages: &[WireMessage]) -> Option<String> {
    messages
        .iter()
        .filter_map(|m| {
            Some((m.created_at.as_deref().and_then(parse_timestamp), sanitize_line(m.subject.as_deref()?)?))
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, subject)| subject)
}

/// PMSes fill in `+1 000-000-0000` when the OTA hides the number: nothing but a
/// country code is not a phone number.
fn is_placeholder_phone(phone: &str) -> bool {
    phone.chars().filter(|c| c.is_ascii_digit() && *c != '0').count() <= 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::wire::decode_items;

    fn conversations(json: &str) -> Vec<(Thread, Vec<Message>)> {
        let envelope: Envelope = serde_json::from_str(json).unwrap();
        let Some(Value::Array(items)) = envelope.data else { panic!("data is not a list") };
        let (items, skipped) = decode_items::<WireConversation>("conversation", items);
        assert!(skipped.is_empty(), "{skipped:?}");
        items
            .into_iter()
            .map(|item| {
                let (thread, messages, skipped) = map_conversation("Lakeside", item.value, None);
                assert!(skipped.is_empty(), "{skipped:?}");
                (thread, messages)
            })
            .collect()
    }

    #[test]
    fn seed_000_reservation_with_an_airbnb_and_an_sms_thread() {
        let threads =
            conversations(include_str!("../../fixtures/providers/calry_conversations_by_reservation.json"));
        let summary: Vec<_> =
            threads.iter().map(|(t, m)| (t.id.as_str(), t.channel.clone(), m.len())).collect();
        assert_eq!(summary, [("5375328", Some(Channel::Airbnb), 9), ("5443830", Some(Channel::Sms), 11)]);

        let (airbnb, messages) = &threads[0];
        assert_eq!(airbnb.guest.name.as_deref(), Some("Genevieve DiFilippo"));
        assert_eq!(airbnb.guest.email, None, "an empty email is absent");
        assert_eq!(airbnb.guest.phone, None, "+1 000-000-0000 is a placeholder");
        assert_eq!(threads[1].0.guest.phone.as_deref(), Some("+1 609-468-4215"));
        assert_eq!(airbnb.reservation.as_ref().map(|r| r.id.as_str()), Some("11039822"));
        assert_eq!(airbnb.property_id.as_deref(), Some("383270"));
        assert!(airbnb.reply.is_allowed());

        // Newest first on the wire, oldest first here.
        assert_eq!(messages.first().map(|m| m.id.as_str()), Some("47250748"));
        assert_eq!(messages.last().map(|m| m.id.as_str()), Some("48548580"));
        let reaction = messages.last().unwrap();
        assert_eq!(reaction.direction, Direction::Inbound);
        assert_eq!(reaction.sender.as_deref(), Some("Genevieve DiFilippo"));
        assert!(reaction.body.starts_with("Genevieve reacted 👍"));
        let checkout = messages.iter().find(|m| m.id == "48547022").unwrap();
        assert_eq!(checkout.direction, Direction::Outbound);
        assert!(checkout.body.contains("Hi Genevieve,\n\nWe hope") && !checkout.body.contains('\r'));
        assert_eq!(checkout.sent_at.map(|t| t.to_string()).as_deref(), Some("2024-07-05T22:06:36Z"));
        assert_eq!(airbnb.updated_at, reaction.sent_at);
    }

    #[test]
    fn seed_001_v2_conversation_with_zone_less_times_flags_and_attachments() {
        let threads = conversations(include_str!("../../fixtures/providers/calry_conversations_v2.json"));
        let (thread, messages) = &threads[0];
        assert_eq!(thread.channel, Some(Channel::Direct));
        assert_eq!((thread.guest.email.as_deref(), thread.guest.phone.as_deref()), (None, None));
        assert_eq!(thread.unread, 3, "three guest messages are UNSEEN");
        assert_eq!(thread.updated_at.map(|t| t.to_string()).as_deref(), Some("2025-01-13T23:40:49Z"));

        let with_attachment = messages.iter().find(|m| m.id == "88776655").unwrap();
        assert_eq!(with_attachment.automatic, Some(false));
        assert_eq!(with_attachment.status.as_deref(), Some("sent"));
        assert_eq!(with_attachment.kind.as_deref(), Some("channel"));
        assert_eq!(
            with_attachment.attachments,
            [Attachment {
                name: Some("booking-confirmation.jpeg".into()),
                url: Some("https://example.com/attachments/booking-confirmation.jpeg".into()),
                mime: Some("image/jpeg".into()),
            }]
        );
    }

    #[test]
    fn log_entries_are_system_messages_and_snake_case_flags_count() {
        let json = r#"{"success":true,"data":[{"id":7,"type":"CHANNEL","messages":[
            {"id":1,"createdAt":"2025-01-13T10:00:00+02:00","body":"Reservation confirmed","senderType":"Log","is_automatic":true,"type":"WHATSAPP"},
            {"id":"2","createdAt":"garbage","body":null,"senderType":"Martian"}]}]}"#;
        let threads = conversations(json);
        let (thread, messages) = &threads[0];
        assert_eq!(thread.channel, Some(Channel::Whatsapp), "CHANNEL says nothing; the message type does");
        let log = messages.iter().find(|m| m.id == "1").unwrap();
        assert_eq!((log.direction, log.automatic), (Direction::System, Some(true)));
        assert_eq!(log.sent_at.map(|t| t.to_string()).as_deref(), Some("2025-01-13T08:00:00Z"));
        let odd = messages.iter().find(|m| m.id == "2").unwrap();
        assert_eq!((odd.direction, odd.sent_at, odd.body.as_str()), (Direction::System, None, ""));
    }
}
