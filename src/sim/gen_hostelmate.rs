//! Hostel Mate data: one thread per booking and channel.
//!
//! Quirks and where they are (i = thread index):
//! - thread 0: a group booking with 130 messages (two pages at limit 100);
//! - thread 1: a fresh thread with no messages (`last_message: null`) and no
//!   guest name;
//! - `guest_name: null` for i % 6 == 2; `subject: null` on every OTA thread
//!   and on EMAIL threads with i % 10 == 7;
//! - i % 9 == 4 shares the booking of thread i - 1 (two channels, one booking);
//! - sources: GUEST, MANUAL, AUTOMATED, VERIFICATION (i.is_multiple_of(3)) and
//!   CHECK_IN (i % 4 == 1); `sender` is an email on EMAIL threads and
//!   `guest` / `property` on OTA threads;
//! - HOSTELWORLD, an undocumented channel value, on i % 7 == 1 and 6.

use super::credentials::account_name;
use super::generate::{Ctx, cast, guest, hostile_slot, make_hostile, ts};
use super::script::{self, DAY, HOUR, Kind, Line, MINUTE, Party};
use super::world::*;

const CHANNELS: [&str; 7] =
    ["BOOKING_COM", "HOSTELWORLD", "EMAIL", "AIRBNB", "BOOKING_COM", "WHATSAPP", "HOSTELWORLD"];
const HOSTEL: &str = "Harbour Hostel";
const RECEPTION: &str = "reception@harbourhostel.example";

pub(crate) fn account(ctx: &Ctx, n: usize) -> Account {
    Account {
        name: account_name(Provider::HostelMate).to_string(),
        provider: Provider::HostelMate,
        threads: (0..n).map(|i| thread(ctx, i)).collect(),
        reservations: Vec::new(),
    }
}

fn thread(ctx: &Ctx, i: usize) -> Thread {
    // Everything about the booking comes from the booking's stream, so two
    // threads of one booking agree on guest and dates.
    let booking = if i % 9 == 4 { i - 1 } else { i };
    let mut brng = ctx.rng("hostelmate-booking", booking);
    let booking_id = brng.uuid();
    let day = ctx.typical_day(&mut brng);
    let stay = ctx.stay(&mut brng, day, (1, 4));
    let mut guest = guest(&mut brng);
    let cast = cast(&mut brng, &guest, "Harbour Hostel reception", HOSTEL);

    let mut rng = ctx.rng("hostelmate", i);
    let channel = match i {
        0 => "EMAIL",
        _ => CHANNELS[i % CHANNELS.len()],
    };
    let mut lines = match i {
        0 => script::chatter(&mut rng, &cast, 130, ctx.now),
        1 => Vec::new(),
        _ => script::conversation(&mut rng, &stay, &cast, true),
    };
    if i > 1 && i.is_multiple_of(3) {
        let text = format!(
            "Please verify your booking before arrival: https://verify.hostelmate.example/{}",
            rng.hex(8)
        );
        lines.push(Line::new(stay.booked + 10 * MINUTE, Party::Host, Kind::Event("VERIFICATION"), text));
    }
    if i > 1 && i % 4 == 1 {
        let text = "Online check-in is open 🛎️ Complete it in two minutes and skip the queue at reception: https://checkin.hostelmate.example".to_string();
        lines.push(Line::new(stay.arrival - DAY, Party::Host, Kind::Event("CHECK_IN"), text));
        let done = format!(
            "Online check-in completed ✅ Your bed: dorm {}, bed {}B",
            rng.range(1, 8),
            rng.range(1, 12)
        );
        lines.push(Line::new(stay.arrival - DAY + 2 * HOUR, Party::Host, Kind::Event("CHECK_IN"), done));
    }
    if let Some(slot) = hostile_slot(i) {
        make_hostile(slot, &mut guest, &mut lines, &stay);
    }
    let lines = script::settle(lines, &mut rng, ctx.now);
    let email = channel == "EMAIL";
    let guest_sender = if email { guest.email.clone() } else { "guest".to_string() };
    let messages = lines
        .iter()
        .map(|l| {
            let (source, direction) = match (l.party, l.kind) {
                (Party::Guest, _) => ("GUEST", Direction::Inbound),
                (_, Kind::Template(_)) => ("AUTOMATED", Direction::Outbound),
                (_, Kind::Event(label)) => (label, Direction::Outbound),
                _ => ("MANUAL", Direction::Outbound),
            };
            let sender = match (email, direction) {
                (_, Direction::Inbound) => guest_sender.clone(),
                (true, _) => RECEPTION.to_string(),
                (false, _) => "property".to_string(),
            };
            Message {
                id: rng.uuid(),
                body: l.text.clone(),
                direction,
                sent_at: ts(l.at),
                automatic: source != "MANUAL" && direction == Direction::Outbound,
                read: l.read,
                wire: MessageWire::HostelMate(HostelMateMessage { source: source.to_string(), sender }),
            }
        })
        .collect::<Vec<_>>();
    let subject = (email && i % 10 != 7).then(|| match i {
        0 => "Group booking: school trip, 24 beds".to_string(),
        _ => format!("Booking HM-{} question", rng.range(100_000, 999_999)),
    });
    let created = match i {
        1 => ctx.now - 2 * HOUR,
        _ => messages.first().map_or(stay.booked, |m| m.sent_at.as_second()),
    };
    Thread {
        id: rng.uuid(),
        guest_name: (i % 6 != 2 && i != 1).then(|| guest.full.clone()),
        channel: channel.to_string(),
        language: guest.lang.code().to_string(),
        can_reply: false,
        created_at: ts(created),
        messages,
        wire: ThreadWire::HostelMate(HostelMateThread {
            booking_id,
            subject,
            archived: stay.departure < ctx.now - 3 * DAY && i != 0,
            guest_sender,
        }),
    }
}
