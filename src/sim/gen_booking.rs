//! Booking.com data: two properties, two thirds of the conversations on the
//! first (60 of the default 90, so its list needs two pages).
//!
//! Quirks and where they are (i = conversation index over both properties):
//! - conversation 0: a long stay under way, 64 messages (two pages);
//! - conversation 3: `request_to_book`, no guest name even in v1.2,
//!   `request_to_book_event` messages;
//! - empty conversations (a new reservation) for i % 17 == 9;
//! - `read_only` once the stay ended more than 10 days ago (forced for
//!   i % 11 == 6);
//! - `conversation_reference` as a JSON number for i % 4 == 1;
//! - participant types `GUEST` (i % 7 == 3) and `hotel` (i % 5 == 2);
//! - `self_service_event` with a topic for i.is_multiple_of(4), `automatically_sent_template`
//!   with template id and name for every host template, `email` messages from
//!   guests without an account (i % 6 == 4), `attachment_ids` (i % 5 == 1);
//! - read tags from the read state; `no_reply_needed` for i % 8 == 5.

use super::credentials::{BOOKING_PROPERTY_IDS, account_name};
use super::generate::{Ctx, cast, guest, hostile_slot, make_hostile, ts_ms};
use super::phrases::Phase;
use super::rng::Rng;
use super::script::{self, DAY, HOUR, Kind, Line, MINUTE, Party};
use super::templates::Template;
use super::world::*;

const PROPERTY_NAMES: [&str; 2] = ["Canal House Herengracht", "Canal House Jordaan"];
const SELF_SERVICE: [(&str, &str); 3] = [
    ("checkin", "Check-in time request: the guest expects to arrive between 15:00 and 16:00."),
    ("parking", "Parking request: the guest would like to reserve a parking space for 1 car."),
    ("extra_bed", "Extra bed request: the guest asked for an extra bed for 1 child."),
];
const RTB_EVENT: &str = "request_to_book_event";

/// The participant id a property has in all its conversations.
fn property_participant(seed: u64, property: usize) -> String {
    Rng::stream(seed, "booking-property", property as u64).uuid()
}

pub(crate) fn account(ctx: &Ctx, n: usize) -> Account {
    let first = (n * 2).div_ceil(3);
    Account {
        name: account_name(Provider::Booking).to_string(),
        provider: Provider::Booking,
        threads: (0..n).map(|i| thread(ctx, i, usize::from(i >= first))).collect(),
        reservations: Vec::new(),
    }
}

fn thread(ctx: &Ctx, i: usize, property: usize) -> Thread {
    let mut rng = ctx.rng("booking", i);
    let rtb = i == 3;
    // Conversation 0 is a long stay under way; i % 11 == 6 ended weeks ago.
    let (day, nights) = match i {
        0 => (rng.range(-20, -10), (25, 40)),
        _ if i % 11 == 6 => (rng.range(-25, -18), (1, 5)),
        _ => (ctx.typical_day(&mut rng), (1, 5)),
    };
    let stay = ctx.stay(&mut rng, day, nights);
    let mut guest = guest(&mut rng);
    let cast = cast(&mut rng, &guest, "Canal House", PROPERTY_NAMES[property]);
    let mut lines = match i {
        0 => script::chatter(&mut rng, &cast, 64, ctx.now),
        3 => request_to_book(&mut rng, &cast, ctx.now),
        _ if i % 17 == 9 => Vec::new(),
        _ => script::conversation(&mut rng, &stay, &cast, true),
    };
    if i.is_multiple_of(4) && !lines.is_empty() {
        let (topic, text) = *rng.pick(&SELF_SERVICE);
        lines.push(Line::new(stay.booked + 2 * HOUR, Party::Guest, Kind::Event(topic), text.to_string()));
    }
    if let Some(slot) = hostile_slot(i) {
        make_hostile(slot, &mut guest, &mut lines, &stay);
    }
    let lines = script::settle(lines, &mut rng, ctx.now);

    let has_account = i % 6 != 4;
    let first_guest = lines.iter().position(|l| l.party == Party::Guest);
    let last_guest = lines.iter().rposition(|l| l.party == Party::Guest);
    let messages: Vec<Message> = lines
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let (direction, message_type) = match (l.party, l.kind) {
                (Party::Guest, Kind::Event(_)) => (Direction::Inbound, "self_service_event"),
                (Party::Guest, _) if has_account => (Direction::Inbound, "free_text"),
                (Party::Guest, _) => (Direction::Inbound, "email"),
                (Party::Host, Kind::Template(_)) => (Direction::Outbound, "automatically_sent_template"),
                (Party::Host, _) => (Direction::Outbound, "free_text"),
                (Party::System, _) => (Direction::System, RTB_EVENT),
            };
            let template = match l.kind {
                Kind::Template(t) => Some(((40_210 + t as u32).to_string(), template_name(t).to_string())),
                _ => None,
            };
            let topic = match (l.party, l.kind) {
                (Party::Guest, Kind::Event(topic)) => Some(topic.to_string()),
                _ => None,
            };
            let attach = i % 5 == 1 && Some(k) == first_guest && topic.is_none();
            Message {
                id: rng.uuid(),
                body: l.text.clone(),
                direction,
                sent_at: ts_ms(l.at * 1000 + rng.range(0, 999)),
                automatic: template.is_some(),
                read: l.read,
                wire: MessageWire::Booking(BookingMessage {
                    message_type: message_type.to_string(),
                    template,
                    self_service_topic: topic,
                    attachment_ids: if attach { vec![rng.uuid()] } else { Vec::new() },
                    guest_read: direction == Direction::Outbound && (last_guest > Some(k) || rng.chance(50)),
                }),
            }
        })
        .collect();

    let reference = rng.range(3_000_000_000, 4_299_999_999).to_string();
    Thread {
        id: rng.uuid(),
        guest_name: (!rtb).then(|| guest.full.clone()),
        channel: if rtb { "request_to_book" } else { "reservation" }.to_string(),
        language: guest.lang.code().to_string(),
        can_reply: rtb || stay.departure >= ctx.now - 10 * DAY,
        created_at: messages.first().filter(|_| rtb).map_or(ts_ms(stay.booked * 1000), |m| m.sent_at),
        messages,
        wire: ThreadWire::Booking(BookingThread {
            property_id: BOOKING_PROPERTY_IDS[property].to_string(),
            conversation_type: if rtb { "request_to_book" } else { "reservation" }.to_string(),
            reference,
            reference_numeric: i % 4 == 1,
            guest_participant_id: rng.uuid(),
            property_participant_id: property_participant(ctx.seed, property),
            guest_type_label: if i % 7 == 3 { "GUEST" } else { "guest" }.to_string(),
            property_type_label: if i % 5 == 2 { "hotel" } else { "property" }.to_string(),
            no_reply_needed: i % 8 == 5,
            guest_has_account: has_account,
        }),
    }
}

/// Extranet template names rather than our internal ones.
fn template_name(t: Template) -> &'static str {
    match t {
        Template::Confirmation => "Welcome Template",
        Template::DoorCode | Template::HouseManual => "Check-in instructions",
        other => other.name(),
    }
}

/// A guest asks before booking; the property accepts the request.
fn request_to_book(rng: &mut Rng, cast: &script::Cast, now: i64) -> Vec<Line> {
    // The property does not know the guest's name before the booking.
    let cast = script::Cast { guest_first: "there".into(), ..cast.clone() };
    let t = now - rng.range(2 * DAY, 5 * DAY);
    let topic = script::pick(rng, Phase::BeforeArrival);
    vec![
        Line::new(t, Party::Guest, Kind::Chat, topic.guest(cast.lang).to_string()),
        Line::new(
            t + 5 * MINUTE,
            Party::System,
            Kind::Event(RTB_EVENT),
            "The guest sent a request to book: 2 adults, 3 nights.".into(),
        ),
        Line::new(t + 40 * MINUTE, Party::Host, Kind::Chat, cast.fill(topic.host)),
        Line::new(
            t + 50 * MINUTE,
            Party::System,
            Kind::Event(RTB_EVENT),
            "The request to book was accepted by the property. Waiting for the guest to confirm.".into(),
        ),
    ]
}
