//! Trellis data.
//!
//! Quirks and where they are (i = thread index):
//! - VRBO, an undocumented channel, on i % 9 == 4;
//! - inquiries without reservation and property (i % 8 == 6) or without
//!   reservation (i % 8 == 3);
//! - no assignee for i % 3 == 2;
//! - missing fields left out (odd i) or sent as null (even i);
//! - statuses TODO, FOLLOW_UP, DONE and CLOSED from the state of the thread;
//!   one failed outbound message (i % 13 == 7);
//! - a long multi-paragraph complaint on i % 11 == 4.

use super::credentials::account_name;
use super::generate::{Ctx, cast, date, guest, hostile_slot, make_hostile, ts};
use super::script::{self, DAY, HOUR, Kind, Line, Party};
use super::templates::LONG_COMPLAINT;
use super::world::*;

const CHANNELS: [&str; 9] =
    ["AIRBNB", "BOOKING", "WHATSAPP", "EMAIL", "VRBO", "AIRBNB", "SMS", "BOOKING", "AIRBNB"];
const PROPERTIES: [(&str, &str); 3] = [
    ("a1b2c3d4-5678-4abc-8ef0-123456789abc", "Sunset Villa"),
    ("b7c1d2e3-4f50-4a6b-9c7d-2468ace02468", "Ocean View Casita"),
    ("c9d8e7f6-0a1b-4c2d-8e3f-13579bdf1357", "Palm Court 3B"),
];
const STAFF: [(&str, &str); 3] = [
    ("u1a2b3c4-1111-4222-8333-444444444444", "Ana Lopez"),
    ("u5e6f7a8-5555-4666-8777-888888888888", "Marcus Lee"),
    ("u9b0c1d2-9999-4aaa-8bbb-cccccccccccc", "Priya Shah"),
];

pub(crate) fn account(ctx: &Ctx, n: usize) -> Account {
    Account {
        name: account_name(Provider::Trellis).to_string(),
        provider: Provider::Trellis,
        threads: (0..n).map(|i| thread(ctx, i)).collect(),
        reservations: Vec::new(),
    }
}

fn thread(ctx: &Ctx, i: usize) -> Thread {
    let mut rng = ctx.rng("trellis", i);
    let channel = CHANNELS[i % CHANNELS.len()];
    let day = ctx.typical_day(&mut rng);
    let stay = ctx.stay(&mut rng, day, (2, 7));
    let mut guest = guest(&mut rng);
    let (property_id, property) = *rng.pick(&PROPERTIES);
    let assignee = (i % 3 != 2).then(|| *rng.pick(&STAFF));
    let host = assignee.map_or("Sunset Villas", |(_, name)| name);
    let cast = cast(&mut rng, &guest, host, property);

    // Inquiries (no reservation) get no booking templates.
    let inquiry = i % 8 == 6;
    let has_reservation = !inquiry && i % 8 != 3;
    let mut lines = script::conversation(&mut rng, &stay, &cast, has_reservation);
    if i % 11 == 4 {
        let text = format!("{LONG_COMPLAINT}{}", guest.full);
        lines.push(Line::new(stay.arrival + 20 * HOUR, Party::Guest, Kind::Chat, text));
    }
    if let Some(slot) = hostile_slot(i) {
        make_hostile(slot, &mut guest, &mut lines, &stay);
    }
    let lines = script::settle(lines, &mut rng, ctx.now);
    let last_outbound = lines.iter().rposition(|l| l.party != Party::Guest);
    let messages: Vec<Message> = lines
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let inbound = l.party == Party::Guest;
            let delivery = (!inbound).then(|| match Some(k) == last_outbound {
                false => "read",
                true if i % 13 == 7 => "failed",
                true if rng.chance(50) => "sent",
                true => "delivered",
            });
            Message {
                id: format!("m-{}", rng.hex(12)),
                body: l.text.clone(),
                direction: if inbound { Direction::Inbound } else { Direction::Outbound },
                sent_at: ts(l.at),
                automatic: false,
                read: l.read,
                wire: MessageWire::Trellis(TrellisMessage {
                    sender_name: if inbound { guest.full.clone() } else { cast.host.clone() },
                    delivery: delivery.map(str::to_string),
                }),
            }
        })
        .collect();

    let status = match messages.last() {
        _ if stay.departure < ctx.now - 5 * DAY => "CLOSED",
        Some(m) if m.direction == Direction::Inbound && !m.read => "TODO",
        Some(m) if m.direction == Direction::Inbound => "FOLLOW_UP",
        _ => "DONE",
    };
    let reservation = has_reservation.then(|| TrellisReservation {
        id: format!("r{}", &rng.uuid()[1..]),
        check_in: date(stay.arrival),
        check_out: date(stay.departure),
        status: if stay.departure < ctx.now { "CHECKED_OUT" } else { "CONFIRMED" }.to_string(),
    });
    let reachable_by_phone = matches!(channel, "WHATSAPP" | "SMS");
    Thread {
        id: rng.uuid(),
        guest_name: Some(guest.full.clone()),
        channel: channel.to_string(),
        language: guest.lang.code().to_string(),
        can_reply: false,
        created_at: ts(stay.booked - rng.range(60, 3_600)),
        messages,
        wire: ThreadWire::Trellis(TrellisThread {
            contact_id: format!("ct-{}", rng.hex(8)),
            contact_email: (!reachable_by_phone).then(|| guest.email.clone()),
            contact_phone: (reachable_by_phone || i.is_multiple_of(2)).then(|| guest.phone.clone()),
            status: status.to_string(),
            property_id: (!inquiry).then(|| property_id.to_string()),
            property_name: (!inquiry).then(|| property.to_string()),
            assignee: assignee.map(|(id, name)| Person { id: id.to_string(), name: name.to_string() }),
            reservation,
            omit_missing: i % 2 == 1,
        }),
    }
}
