//! Calry data: reservations with one to four threads each.
//!
//! Quirks and where they are (t = thread index, r = reservation index):
//! - ids as JSON numbers: reservations with r.is_multiple_of(3), threads with
//!   t % 5 < 2 (their messages too, except every 7th);
//! - timestamps: `Z` (t.is_multiple_of(3)), no zone (1), `+02:00` (2);
//! - the automatic flag as `isAutomatic` or `is_automatic` in rich threads,
//!   absent (with seenStatus, status...) in minimal ones (t % 4 == 3);
//! - `\r\n` in every host template; the same door-code text in the SMS or
//!   WhatsApp thread of a reservation, under another id;
//! - recipient email `""` (AIRBNB) or null (DIRECT, some SMS/WhatsApp),
//!   phone `+1 000-000-0000` on AIRBNB threads;
//! - Airbnb reactions as guest text; `Log` entries (rich threads, t % 5 == 2);
//!   attachments (rich threads, t.is_multiple_of(3) host side, t % 6 == 1 guest side);
//! - reservations outside the default 30-day-back/180-day-ahead window:
//!   r % 13 == 5 (weeks ago) and r % 13 == 9 (200+ days ahead).

use super::credentials::account_name;
use super::generate::{Ctx, Guest, cast, guest, hostile_slot, make_hostile, ts};
use super::rng::Rng;
use super::script::{self, Cast, HOUR, Kind, Line, MINUTE, Party, Stay};
use super::templates::{LONG_COMPLAINT, Template, reaction};
use super::world::*;

const PROPERTIES: [(&str, &str); 4] = [
    ("383270", "Lakeview Cabin"),
    ("383271", "Pine Loft"),
    ("383275", "Harbor Cottage"),
    ("384102", "Birch House"),
];
const HOST: &str = "Nora & Tom";
/// The OTA (or direct) thread every reservation starts with, by r % 8.
const PRIMARY: [&str; 8] =
    ["AIRBNB", "BOOKINGCOM", "AIRBNB", "DIRECT", "VRBO", "AIRBNB", "BOOKINGCOM", "DIRECT"];
const TIME_STYLES: [TimeStyle; 3] = [TimeStyle::Zulu, TimeStyle::NoZone, TimeStyle::Plus2];

/// Running id counters, so ids grow like a real PMS's.
struct Ids {
    reservation: u64,
    thread: u64,
    message: u64,
}

pub(crate) fn account(ctx: &Ctx, n: usize) -> Account {
    let mut ids = Ids { reservation: 11_039_822, thread: 5_375_328, message: 47_250_748 };
    let mut threads = Vec::new();
    let mut reservations = Vec::new();
    let mut r = 0;
    while threads.len() < n {
        let mut rng = ctx.rng("calry-reservation", r);
        let (res, stay, guest, cast) = reservation(ctx, &mut rng, r, &mut ids);
        let mut channels = vec![PRIMARY[r % PRIMARY.len()]];
        if r % 5 == 1 || rng.chance(30) {
            channels.push("SMS");
        }
        if r % 7 == 2 || rng.chance(10) {
            channels.push("EMAIL");
        }
        if r % 6 == 3 || rng.chance(10) {
            channels.push("WHATSAPP");
        }
        channels.truncate(n - threads.len());
        for (k, channel) in channels.into_iter().enumerate() {
            let stay_ctx = StayCtx { res: &res, stay: &stay, guest: &guest, cast: &cast, primary: k == 0 };
            threads.push(thread(ctx, threads.len(), channel, &stay_ctx, &mut ids));
        }
        reservations.push(res);
        r += 1;
    }
    Account {
        name: account_name(Provider::Calry).to_string(),
        provider: Provider::Calry,
        threads,
        reservations,
    }
}

fn reservation(ctx: &Ctx, rng: &mut Rng, r: usize, ids: &mut Ids) -> (Reservation, Stay, Guest, Cast) {
    let day = match r % 13 {
        5 => rng.range(-62, -48),
        9 => rng.range(200, 300),
        2 => rng.range(90, 170),
        _ => ctx.typical_day(rng),
    };
    let stay = ctx.stay(rng, day, (2, 7));
    let guest = guest(rng);
    let (property_id, property) = *rng.pick(&PROPERTIES);
    let cast = cast(rng, &guest, HOST, property);
    ids.reservation += rng.range(1_000, 90_000) as u64;
    let res = Reservation {
        id: ids.reservation.to_string(),
        numeric_id: r.is_multiple_of(3),
        arrival: super::generate::date(stay.arrival),
        departure: super::generate::date(stay.departure),
        property_id: property_id.to_string(),
        status: if r % 13 == 11 { "CANCELLED" } else { "CONFIRMED" }.to_string(),
        source: PRIMARY[r % PRIMARY.len()].to_string(),
        guest_name: guest.full.clone(),
        guest_email: (r % 4 != 2).then(|| guest.email.clone()),
        guest_phone: guest.phone.clone(),
    };
    (res, stay, guest, cast)
}

struct StayCtx<'a> {
    res: &'a Reservation,
    stay: &'a Stay,
    guest: &'a Guest,
    cast: &'a Cast,
    /// The reservation's first (OTA or direct) thread, which gets the templates.
    primary: bool,
}

fn thread(ctx: &Ctx, t: usize, channel: &str, s: &StayCtx, ids: &mut Ids) -> Thread {
    let mut rng = ctx.rng("calry", t);
    let rich = t % 4 != 3;
    let auto_key = rich.then_some(if (t / 4).is_multiple_of(2) { AutoKey::Camel } else { AutoKey::Snake });
    let mut guest = s.guest.clone();
    let mut lines = script::conversation(&mut rng, s.stay, s.cast, s.primary);
    if !s.primary {
        let door = s.cast.template(Template::DoorCode);
        let at = s.stay.arrival - 5 * HOUR + rng.range(0, 90);
        lines.push(Line::new(at, Party::Host, Kind::Template(Template::DoorCode), door));
    }
    if rich && t % 5 == 2 {
        let confirmed = format!("Reservation {} confirmed via {}", s.res.id, s.res.source);
        lines.push(Line::new(s.stay.booked + 5, Party::System, Kind::Event("log"), confirmed));
        let lock = format!("Smart lock code {} activated", s.cast.code);
        lines.push(Line::new(s.stay.arrival - 6 * HOUR, Party::System, Kind::Event("log"), lock));
    }
    if t % 11 == 4 {
        let text = format!("{LONG_COMPLAINT}{}", guest.full);
        lines.push(Line::new(s.stay.arrival + 20 * HOUR, Party::Guest, Kind::Chat, text));
    }
    if let Some(slot) = hostile_slot(t) {
        make_hostile(slot, &mut guest, &mut lines, s.stay);
    }
    let mut lines = script::settle(lines, &mut rng, ctx.now);
    if channel == "AIRBNB" {
        add_reaction(&mut rng, &mut lines, &guest.first, ctx.now);
    }

    let style = Style { channel, rich, auto_key, numeric: t % 5 < 2 };
    let first_guest = lines.iter().position(|l| l.party == Party::Guest);
    let mut messages = Vec::with_capacity(lines.len());
    for (k, l) in lines.iter().enumerate() {
        ids.message += rng.range(3, 4_000) as u64;
        let attach = match l.party {
            Party::Host if rich && k == 0 && t.is_multiple_of(3) => {
                Some(("booking-confirmation.pdf", "application/pdf"))
            }
            Party::Guest if rich && t % 6 == 1 && Some(k) == first_guest => {
                Some(("IMG_2041.jpeg", "image/jpeg"))
            }
            _ => None,
        };
        let attachments = attach.map(|(name, mime)| attachment(&mut rng, name, mime)).into_iter().collect();
        messages.push(message(&mut rng, k, l, ids.message, &style, s.cast, attachments));
    }
    let ota = !matches!(channel, "DIRECT" | "SMS" | "EMAIL" | "WHATSAPP");
    let (email, phone) = match channel {
        "AIRBNB" => (Some(String::new()), "+1 000-000-0000".to_string()),
        "DIRECT" => (None, String::new()),
        "EMAIL" => (Some(guest.email.clone()), String::new()),
        "SMS" | "WHATSAPP" => ((t % 2 == 1).then(String::new), guest.phone.clone()),
        _ => (Some(format!("{}@guest.{}.example", rng.hex(10), channel.to_lowercase())), guest.phone.clone()),
    };
    ids.thread += rng.range(5_000, 90_000) as u64;
    Thread {
        id: ids.thread.to_string(),
        guest_name: Some(guest.full.clone()),
        channel: channel.to_string(),
        language: guest.lang.code().to_string(),
        can_reply: true,
        created_at: ts(s.stay.booked),
        messages,
        wire: ThreadWire::Calry(CalryThread {
            reservation_id: s.res.id.clone(),
            numeric_id: style.numeric,
            external_thread_id: (rich && ota).then(|| rng.range(10_000_000, 99_999_999).to_string()),
            property_id: s.res.property_id.clone(),
            recipient_email: email,
            recipient_phone: phone,
            recipient_picture: (rich && channel == "AIRBNB")
                .then(|| format!("https://a0.muscache.example/im/pictures/user/{}.jpg", rng.hex(12))),
            time_style: TIME_STYLES[t % 3],
            auto_key,
            rich,
        }),
    }
}

/// Airbnb turns a guest's reaction to the last host message into text.
fn add_reaction(rng: &mut Rng, lines: &mut Vec<Line>, guest_first: &str, now: i64) {
    let Some(last) = lines.last().filter(|l| l.party == Party::Host) else {
        return;
    };
    let at = last.at + rng.range(MINUTE, HOUR);
    if at < now - MINUTE && rng.chance(60) {
        let mut line = Line::new(at, Party::Guest, Kind::Chat, reaction(guest_first, HOST, &last.text));
        line.read = rng.chance(40);
        lines.push(line);
    }
}

/// How one thread's PMS writes its messages.
struct Style<'a> {
    channel: &'a str,
    rich: bool,
    auto_key: Option<AutoKey>,
    numeric: bool,
}

fn message(
    rng: &mut Rng,
    k: usize,
    l: &Line,
    id: u64,
    st: &Style,
    cast: &Cast,
    attachments: Vec<Attachment>,
) -> Message {
    let template = matches!(l.kind, Kind::Template(_));
    let body = if template { l.text.replace('\n', "\r\n") } else { l.text.clone() };
    let subject = match st.channel {
        "EMAIL" if k == 0 => Some(format!("Your stay at {}", cast.property)),
        "EMAIL" => Some(format!("Re: Your stay at {}", cast.property)),
        _ => st.rich.then(String::new),
    };
    let (direction, status) = match l.party {
        Party::Guest => (Direction::Inbound, "SENT"),
        Party::Host => (Direction::Outbound, if rng.chance(50) { "DELIVERED" } else { "SENT" }),
        Party::System => (Direction::System, "CREATED"),
    };
    Message {
        id: id.to_string(),
        body,
        direction,
        sent_at: ts(l.at),
        automatic: template && st.auto_key.is_some(),
        read: !st.rich || l.read,
        wire: MessageWire::Calry(CalryMessage {
            numeric_id: st.numeric && k % 7 != 3,
            subject,
            kind: message_kind(st.channel).to_string(),
            status: status.to_string(),
            attachments,
        }),
    }
}

/// Calry's message `type` for a thread type.
pub(crate) fn message_kind(channel: &str) -> &'static str {
    match channel {
        "SMS" => "SMS",
        "EMAIL" => "EMAIL",
        "WHATSAPP" => "WHATSAPP",
        _ => "CHANNEL",
    }
}

fn attachment(rng: &mut Rng, name: &str, mime: &str) -> Attachment {
    let id = rng.range(10_000, 99_999).to_string();
    Attachment {
        url: format!("https://files.calry.example/attachments/{id}/{name}"),
        id,
        name: name.to_string(),
        mime_type: mime.to_string(),
    }
}
