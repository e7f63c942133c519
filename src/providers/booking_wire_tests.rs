//! The Booking.com decoder on the documented payloads (seed 004) and on the quirks.

use super::booking_wire::*;
use crate::domain::{Channel, Direction, Message, Thread};

fn list(json: &str) -> Vec<(Thread, Vec<Message>)> {
    let envelope: Envelope = serde_json::from_str(json).unwrap();
    let data: ListData = serde_json::from_value(envelope.into_data("GET list").unwrap()).unwrap();
    data.conversations
        .into_iter()
        .map(|c| {
            let (thread, messages, skipped) =
                map_conversation("Canal", "6378711", serde_json::from_value(c).unwrap());
            assert!(skipped.is_empty(), "{skipped:?}");
            (thread, messages)
        })
        .collect()
}

fn detail(json: &str) -> (Thread, Vec<Message>) {
    let envelope: Envelope = serde_json::from_str(json).unwrap();
    let data: DetailData = serde_json::from_value(envelope.into_data("GET one").unwrap()).unwrap();
    let (thread, messages, skipped) = map_conversation("Canal", "6378711", data.conversation);
    assert!(skipped.is_empty(), "{skipped:?}");
    (thread, messages)
}

#[test]
fn v1_2_list_names_the_guest_and_flags_templates() {
    let threads = list(include_str!("../../fixtures/providers/booking_conversations_v1_2.json"));
    assert_eq!(threads.len(), 2);
    let (thread, messages) = &threads[0];
    assert_eq!(thread.id, "a7dd5868-670c-597f-a5b8-8f6d917614bf");
    assert_eq!(thread.channel, Some(Channel::Booking));
    assert_eq!(thread.guest.name.as_deref(), Some("Test Booker"));
    assert_eq!(thread.reservation.as_ref().map(|r| r.id.as_str()), Some("3454799008"));
    assert_eq!(thread.property_id.as_deref(), Some("6378711"));
    assert!(thread.reply.is_allowed());
    assert_eq!(messages[0].direction, Direction::Outbound, "sent by the property participant");
    assert_eq!((messages[0].kind.as_deref(), messages[0].automatic), (Some("free_text"), Some(false)));

    let template = &threads[1].1[0];
    assert_eq!(
        (template.kind.as_deref(), template.automatic),
        (Some("automatically_sent_template"), Some(true))
    );
    assert_eq!(template.sent_at.map(|t| t.to_string()).as_deref(), Some("2020-12-10T10:15:05.275Z"));
}

#[test]
fn v1_0_list_has_no_names_or_types_and_that_is_unknown_not_an_error() {
    let threads = list(include_str!("../../fixtures/providers/booking_conversations_v1_0.json"));
    let (thread, messages) = &threads[0];
    assert_eq!(thread.guest.name, None);
    assert_eq!((messages[0].kind.as_deref(), messages[0].automatic), (None, None));
}

#[test]
fn tags_only_entries_are_read_markers_not_messages() {
    let (thread, messages) = detail(include_str!("../../fixtures/providers/booking_conversation_v1_2.json"));
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].body, "Hello world.");
    assert_eq!(messages[0].attachments[0].name.as_deref(), Some("f2526680-18f6-11eb-a45f-114c8501fcdb"));
    assert_eq!(thread.unread, 0);
    let (by_reservation, _) =
        detail(include_str!("../../fixtures/providers/booking_conversation_by_reservation_v1_2.json"));
    assert_eq!(by_reservation.reservation.map(|r| r.id), Some("3257971028".into()));
}

fn conversation(access: &str, kind: &str, messages: serde_json::Value) -> (Thread, Vec<Message>) {
    let wire = serde_json::json!({
        "conversation_id": "c1", "conversation_reference": 42, "conversation_type": kind, "access": access,
        "participants": [
            {"participant_id": "g", "metadata": {"type": "GUEST", "name": "Ana \u{1b}[31mRuiz"}},
            {"participant_id": "p", "metadata": {"type": "hotel", "id": 6378711}}
        ],
        "messages": messages,
    });
    let (thread, messages, _) = map_conversation("Canal", "6378711", serde_json::from_value(wire).unwrap());
    (thread, messages)
}

#[test]
fn participant_types_match_without_case_and_unread_stops_at_our_read_marker() {
    let msg = |id: &str, sender: &str, at: &str| serde_json::json!({"message_id": id, "sender_id": sender, "content": id, "timestamp": at, "message_type": "free_text"});
    let read_by_us = serde_json::json!({"tags": {"read": {"set": true, "participants": ["p"]}}});
    let entries = serde_json::json!([
        msg("g3", "g", "2026-01-03T00:00:00.000Z"),
        msg("g2", "g", "2026-01-02T00:00:00.000Z"),
        read_by_us,
        msg("g1", "g", "2026-01-01T12:00:00.000Z"),
        msg("p1", "p", "2026-01-01T00:00:00.000Z"),
    ]);
    let (thread, messages) = conversation("read_write", "reservation", entries);
    assert_eq!(thread.guest.name.as_deref(), Some("Ana Ruiz"));
    assert_eq!(thread.unread, 1, "g2 carries our read marker, so only g3 is unread");
    let order: Vec<_> = messages.iter().map(|m| (m.id.as_str(), m.direction)).collect();
    assert_eq!(
        order,
        [
            ("p1", Direction::Outbound),
            ("g1", Direction::Inbound),
            ("g2", Direction::Inbound),
            ("g3", Direction::Inbound)
        ]
    );
    assert_eq!(thread.reservation.map(|r| r.id), Some("42".into()), "numeric references become strings");
}

#[test]
fn read_only_and_request_to_book_conversations() {
    let event = serde_json::json!([{
        "message_id": "e1", "sender_id": "g", "timestamp": "2026-01-01T00:00:00.000",
        "message_type": "self_service_event", "content": "", "attributes": {"self_service_topic": "change_dates_nr"}
    }]);
    let (thread, messages) = conversation("read_only", "request_to_book", event);
    assert_eq!(thread.reply.blocked_reason(), Some("this Booking.com conversation is read-only"));
    assert_eq!(thread.reservation, None, "a request-to-book reference is not a reservation");
    assert_eq!(messages[0].direction, Direction::Inbound, "the guest sent the self-service request");
    assert_eq!(messages[0].kind.as_deref(), Some("self_service_event"));
    assert_eq!(messages[0].body, "Self-service request: change dates nr");
}

#[test]
fn ok_false_is_a_refusal_with_the_errors_and_ruid() {
    let envelope: Envelope = serde_json::from_str(
        r#"{"data":{"ok":"false"},"errors":[{"message":"conversation is read only"}],"meta":{"ruid":"R9"}}"#,
    )
    .unwrap();
    let err = envelope.into_data("POST x").unwrap_err();
    assert_eq!(err.kind, crate::providers::ErrorKind::Rejected { status: 200 });
    assert_eq!(err.detail.as_deref(), Some("conversation is read only (ruid R9)"));
}
