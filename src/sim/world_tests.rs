//! The generated world: deterministic, and every documented quirk present.

use jiff::Timestamp;
use jiff::civil::Date;

use super::generate::generate;
use super::world::*;

fn anchor() -> Timestamp {
    "2026-03-01T12:00:00Z".parse().unwrap()
}

fn world() -> World {
    generate(42, anchor(), 300)
}

fn messages(w: &World, p: Provider) -> impl Iterator<Item = &Message> {
    w.account(p).unwrap().threads.iter().flat_map(|t| &t.messages)
}

#[test]
fn same_seed_same_world_other_seed_other_world() {
    assert_eq!(world(), world());
    assert_ne!(world(), generate(43, anchor(), 300));
    assert_ne!(world(), generate(42, "2026-03-02T12:00:00Z".parse().unwrap(), 300));
}

#[test]
fn default_split_and_scaling() {
    let w = world();
    let counts: Vec<usize> = w.accounts.iter().map(|a| a.threads.len()).collect();
    assert_eq!(counts, [75, 75, 60, 90]);
    let big = generate(42, anchor(), 2000);
    assert!(big.account(Provider::HostelMate).unwrap().threads.len() > 100);
    assert!(big.account(Provider::Trellis).unwrap().threads.len() > 100);
    assert_eq!(generate(42, anchor(), 0).thread_count(), 4);
}

#[test]
fn messages_are_ordered_in_the_past_and_ids_unique() {
    let w = world();
    for a in &w.accounts {
        let mut ids = std::collections::HashSet::new();
        for t in &a.threads {
            assert!(t.messages.windows(2).all(|p| p[0].sent_at < p[1].sent_at), "{}", t.id);
            assert!(t.messages.iter().all(|m| m.sent_at < anchor()));
            assert!(t.messages.iter().all(|m| ids.insert(m.id.clone())), "duplicate id in {}", a.name);
        }
        assert!(a.threads.iter().any(|t| t.unread_count() > 0), "{} has unread threads", a.name);
    }
}

#[test]
fn text_is_varied_and_hostile_in_places() {
    let w = world();
    let all: Vec<&Message> = w.accounts.iter().flat_map(|a| &a.threads).flat_map(|t| &t.messages).collect();
    for lang in ["en", "es", "de", "fr", "it", "pt", "ja", "zh"] {
        assert!(w.accounts.iter().flat_map(|a| &a.threads).any(|t| t.language == lang), "{lang}");
    }
    assert!(all.iter().any(|m| m.body.contains('😍') || m.body.contains('🙏')));
    assert!(all.iter().any(|m| m.body.len() > 3000), "a several-KB message");
    for needle in ["\u{1b}[2J", "\u{1b}]0;pwned\u{7}", "\u{9b}", "\u{7f}", "\u{0}", "\u{202e}", "\r\n"] {
        assert!(all.iter().any(|m| m.body.contains(needle)), "{needle:?}");
    }
    for a in &w.accounts {
        let names = a.threads.iter().filter_map(|t| t.guest_name.as_deref());
        assert!(names.clone().any(|n| n.contains('\u{1b}')), "{}: hostile name", a.name);
        assert!(a.threads.iter().flat_map(|t| &t.messages).any(|m| m.body.contains('\u{1b}')));
    }
}

#[test]
fn calry_quirks() {
    let w = world();
    let acc = w.account(Provider::Calry).unwrap();
    let ts = w.threads::<CalryThread>();
    let rs = &acc.reservations;
    assert!(rs.iter().any(|r| r.numeric_id) && rs.iter().any(|r| !r.numeric_id));
    assert!(ts.iter().any(|(_, c)| c.numeric_id) && ts.iter().any(|(_, c)| !c.numeric_id));
    for style in [TimeStyle::Zulu, TimeStyle::NoZone, TimeStyle::Plus2] {
        assert!(ts.iter().any(|(_, c)| c.time_style == style));
    }
    for key in [Some(AutoKey::Camel), Some(AutoKey::Snake), None] {
        assert!(ts.iter().any(|(_, c)| c.auto_key == key));
    }
    for ch in ["AIRBNB", "SMS", "DIRECT", "EMAIL", "WHATSAPP", "BOOKINGCOM", "VRBO"] {
        assert!(ts.iter().any(|(t, _)| t.channel == ch), "{ch}");
    }
    assert!(ts.iter().any(|(_, c)| c.recipient_email.as_deref() == Some("")));
    assert!(ts.iter().any(|(_, c)| c.recipient_email.is_none()));
    assert!(ts.iter().any(|(_, c)| c.recipient_phone == "+1 000-000-0000"));
    let msgs: Vec<&Message> = messages(&w, Provider::Calry).collect();
    assert!(msgs.iter().any(|m| m.body.contains(" reacted 👍 to ")));
    assert!(msgs.iter().any(|m| m.direction == Direction::System));
    assert!(msgs.iter().any(|m| m.automatic));
    assert!(msgs.iter().any(|m| matches!(&m.wire, MessageWire::Calry(c) if !c.attachments.is_empty())));
    assert!(msgs.iter().any(|m| matches!(&m.wire, MessageWire::Calry(c) if c.numeric_id)));
    // One automated text in two threads of a reservation, under two ids.
    let dup = ts.iter().any(|(a, ca)| {
        ts.iter().any(|(b, cb)| {
            a.id != b.id
                && ca.reservation_id == cb.reservation_id
                && a.messages.iter().any(|m| m.automatic && b.messages.iter().any(|n| n.body == m.body))
        })
    });
    assert!(dup, "the same template in two threads");
    // Several threads per reservation, and reservations outside the window.
    assert!(rs.iter().any(|r| ts.iter().filter(|(_, c)| c.reservation_id == r.id).count() > 1));
    let day = |d: i64| {
        anchor().to_zoned(jiff::tz::TimeZone::UTC).date().checked_add(jiff::Span::new().days(d)).unwrap()
    };
    let (from, to): (Date, Date) = (day(-30), day(180));
    assert!(rs.iter().any(|r| r.departure < from));
    assert!(rs.iter().any(|r| r.arrival > to));
    let inside = rs.iter().filter(|r| r.departure >= from && r.arrival <= to).count();
    assert!(inside * 10 >= rs.len() * 8, "almost all in the default window");
}

#[test]
fn hostelmate_quirks() {
    let w = world();
    let ts = w.threads::<HostelMateThread>();
    assert!(ts.iter().any(|(t, _)| t.messages.len() > 100));
    assert!(ts.iter().any(|(t, _)| t.messages.is_empty()));
    assert!(ts.iter().any(|(t, _)| t.guest_name.is_none()));
    assert!(ts.iter().any(|(t, h)| t.channel == "EMAIL" && h.subject.is_none()));
    assert!(ts.iter().any(|(_, h)| h.archived) && ts.iter().any(|(_, h)| !h.archived));
    for ch in ["EMAIL", "BOOKING_COM", "AIRBNB", "HOSTELWORLD", "WHATSAPP"] {
        assert!(ts.iter().any(|(t, _)| t.channel == ch), "{ch}");
    }
    let shared =
        ts.iter().any(|(a, ha)| ts.iter().any(|(b, hb)| a.id != b.id && ha.booking_id == hb.booking_id));
    assert!(shared, "one booking, two threads");
    let wires: Vec<&HostelMateMessage> = messages(&w, Provider::HostelMate)
        .filter_map(|m| match &m.wire {
            MessageWire::HostelMate(h) => Some(h),
            _ => None,
        })
        .collect();
    for source in ["MANUAL", "AUTOMATED", "GUEST", "VERIFICATION", "CHECK_IN"] {
        assert!(wires.iter().any(|h| h.source == source), "{source}");
    }
    assert!(wires.iter().any(|h| h.sender == "guest") && wires.iter().any(|h| h.sender.contains('@')));
}

#[test]
fn trellis_quirks() {
    let w = world();
    let ts = w.threads::<TrellisThread>();
    assert!(ts.iter().any(|(t, _)| t.channel == "VRBO"));
    for omit in [true, false] {
        assert!(ts.iter().any(|(_, x)| x.omit_missing == omit && x.reservation.is_none()));
        assert!(ts.iter().any(|(_, x)| x.omit_missing == omit && x.assignee.is_none()));
    }
    assert!(ts.iter().any(|(_, x)| x.property_id.is_none()));
    for status in ["TODO", "FOLLOW_UP", "DONE", "CLOSED"] {
        assert!(ts.iter().any(|(_, x)| x.status == status), "{status}");
    }
    let failed = messages(&w, Provider::Trellis)
        .any(|m| matches!(&m.wire, MessageWire::Trellis(x) if x.delivery.as_deref() == Some("failed")));
    assert!(failed);
}

#[test]
fn booking_quirks() {
    let w = world();
    let ts = w.threads::<BookingThread>();
    assert!(ts.iter().any(|(t, _)| t.messages.len() > 50));
    let first = ts.iter().filter(|(_, b)| b.property_id == ts[0].1.property_id).count();
    assert!(first > 50, "two pages of conversations on one property");
    assert!(ts.iter().any(|(t, b)| b.conversation_type == "request_to_book" && t.guest_name.is_none()));
    assert!(ts.iter().any(|(t, _)| !t.can_reply) && ts.iter().any(|(t, _)| t.can_reply));
    assert!(ts.iter().any(|(_, b)| b.reference_numeric));
    assert!(ts.iter().any(|(_, b)| b.guest_type_label == "GUEST"));
    assert!(ts.iter().any(|(_, b)| b.property_type_label == "hotel"));
    assert!(ts.iter().any(|(_, b)| b.no_reply_needed));
    assert!(ts.iter().any(|(t, _)| t.messages.is_empty()));
    let msgs: Vec<(&Message, &BookingMessage)> = messages(&w, Provider::Booking)
        .filter_map(|m| match &m.wire {
            MessageWire::Booking(b) => Some((m, b)),
            _ => None,
        })
        .collect();
    for kind in
        ["free_text", "email", "automatically_sent_template", "self_service_event", "request_to_book_event"]
    {
        assert!(msgs.iter().any(|(_, b)| b.message_type == kind), "{kind}");
    }
    assert!(msgs.iter().any(|(_, b)| b.template.is_some()));
    assert!(msgs.iter().any(|(_, b)| b.self_service_topic.is_some()));
    assert!(msgs.iter().any(|(_, b)| !b.attachment_ids.is_empty()));
    assert!(msgs.iter().any(|(m, _)| m.direction == Direction::Inbound && m.read), "property read tags");
    assert!(msgs.iter().any(|(_, b)| b.guest_read), "guest read tags");
}
