//! Deterministic world generation: what all four generators share.
//!
//! The world depends only on `(seed, anchor, threads)`. Every thread draws
//! from its own PRNG stream, and the quirks are placed by thread index (see
//! [`hostile_slot`] and each `gen_*` module), so every quirk is present
//! whatever the seed, as long as an account has enough threads.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::phrases::Lang;
use super::rng::Rng;
use super::script::{Cast, DAY, HOUR, Line, Party, Stay};
use super::templates::{HOSTILE_BODIES, HOSTILE_NAMES};
use super::world::World;
use super::{gen_booking, gen_calry, gen_hostelmate, gen_trellis};

/// Build the world for `threads` threads in total (at least one per account).
pub(crate) fn generate(seed: u64, anchor: Timestamp, threads: usize) -> World {
    generate_accounts(seed, anchor, shares(threads))
}

/// Build the world with these thread counts for Calry, Hostel Mate, Trellis and
/// Booking.com, in that order.
pub(crate) fn generate_accounts(seed: u64, anchor: Timestamp, counts: [usize; 4]) -> World {
    let ctx = Ctx::new(seed, anchor);
    let [calry, hostelmate, trellis, booking] = counts.map(|n| n.max(1));
    World {
        accounts: vec![
            gen_calry::account(&ctx, calry),
            gen_hostelmate::account(&ctx, hostelmate),
            gen_trellis::account(&ctx, trellis),
            gen_booking::account(&ctx, booking),
        ],
    }
}

/// Calry 25 %, Hostel Mate 25 %, Trellis 20 %, Booking.com the rest (30 %),
/// so the default 300 puts 60 conversations on the first Booking property.
fn shares(total: usize) -> [usize; 4] {
    let calry = (total / 4).max(1);
    let hostelmate = (total / 4).max(1);
    let trellis = (total / 5).max(1);
    let booking = total.saturating_sub(calry + hostelmate + trellis).max(1);
    [calry, hostelmate, trellis, booking]
}

pub(crate) struct Ctx {
    pub(crate) seed: u64,
    /// The anchor in unix seconds.
    pub(crate) now: i64,
    /// Midnight UTC of the anchor's day.
    pub(crate) today: i64,
}

impl Ctx {
    fn new(seed: u64, anchor: Timestamp) -> Self {
        let now = anchor.as_second();
        Ctx { seed, now, today: now - now.rem_euclid(DAY) }
    }

    pub(crate) fn rng(&self, label: &str, index: usize) -> Rng {
        Rng::stream(self.seed, label, index as u64)
    }

    /// A stay arriving `day` days from today for `min..=max` nights, with
    /// check-in at 16:00 and check-out at 11:00. Far-off stays were booked in
    /// the last three weeks.
    pub(crate) fn stay(&self, rng: &mut Rng, day: i64, (min, max): (i64, i64)) -> Stay {
        let nights = rng.range(min, max);
        let arrival = self.today + day * DAY + 16 * HOUR;
        let departure = arrival + nights * DAY - 5 * HOUR;
        let booked = if arrival - self.now > 7 * DAY {
            self.now - rng.range(3 * HOUR, 20 * DAY)
        } else {
            arrival - rng.range(5 * DAY, 45 * DAY)
        };
        Stay { booked: booked.min(self.now - 3 * HOUR), arrival, departure }
    }

    /// Most stays are around today; some are weeks ahead or just over.
    pub(crate) fn typical_day(&self, rng: &mut Rng) -> i64 {
        match rng.below(10) {
            0..=4 => rng.range(-12, 14),
            5..=7 => rng.range(14, 75),
            _ => rng.range(-25, -12),
        }
    }
}

/// A guest and their contact details.
#[derive(Clone, Debug)]
pub(crate) struct Guest {
    pub(crate) first: String,
    pub(crate) full: String,
    pub(crate) lang: Lang,
    pub(crate) email: String,
    pub(crate) phone: String,
}

pub(crate) fn guest(rng: &mut Rng) -> Guest {
    let lang = *rng.pick(&Lang::WEIGHTED);
    let (givens, families) = lang.names();
    let first = rng.pick(givens).to_string();
    let family = rng.pick(families).to_string();
    let ascii = |s: &str| -> String {
        s.chars().filter(|c| c.is_ascii_alphabetic()).collect::<String>().to_lowercase()
    };
    let local = match (ascii(&first), ascii(&family)) {
        (f, l) if !f.is_empty() && !l.is_empty() => format!("{f}.{l}{}", rng.below(100)),
        _ => format!("guest{}", rng.range(1000, 9999)),
    };
    let domain = rng.pick(&["example.com", "example.org", "example.net", "mail.example.com"]);
    let cc = match lang {
        Lang::En => *rng.pick(&["+1", "+44"]),
        Lang::Es => "+34",
        Lang::De => "+49",
        Lang::Fr => "+33",
        Lang::It => "+39",
        Lang::Pt => "+351",
        Lang::Ja => "+81",
        Lang::Zh => "+86",
    };
    Guest {
        full: lang.full_name(&first, &family),
        first,
        lang,
        email: format!("{local}@{domain}"),
        phone: format!("{cc} {} {:04}", rng.range(200, 899), rng.below(10_000)),
    }
}

/// The cast of a stay at `property`, with its own door code and wifi.
pub(crate) fn cast(rng: &mut Rng, guest: &Guest, host: &str, property: &str) -> Cast {
    let wifi_name: String = property.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    Cast {
        guest_first: guest.first.clone(),
        lang: guest.lang,
        host: host.to_string(),
        property: property.to_string(),
        code: format!("{:04}", rng.range(1000, 9999)),
        wifi: format!("{wifi_name}_{}", rng.hex(4).to_uppercase()),
        pass: format!(
            "{}-{}-{}",
            rng.range(1000, 9999),
            rng.pick(&["blue", "sea", "olive", "amber"]),
            rng.range(10, 99)
        ),
    }
}

/// Threads 5, 17 and 29 of every account carry one of the hostile strings.
pub(crate) fn hostile_slot(index: usize) -> Option<usize> {
    [5, 17, 29].iter().position(|&i| i == index)
}

/// Give a hostile thread its hostile name and a hostile guest message.
pub(crate) fn make_hostile(slot: usize, guest: &mut Guest, lines: &mut Vec<Line>, stay: &Stay) {
    guest.full = HOSTILE_NAMES[slot].to_string();
    let at = stay.booked + 30 * 60;
    lines.push(Line::new(at, Party::Guest, super::script::Kind::Chat, HOSTILE_BODIES[slot].to_string()));
}

pub(crate) fn ts(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub(crate) fn ts_ms(millis: i64) -> Timestamp {
    Timestamp::from_millisecond(millis).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub(crate) fn date(secs: i64) -> Date {
    ts(secs).to_zoned(TimeZone::UTC).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_and_keep_one_thread_per_account() {
        assert_eq!(shares(300), [75, 75, 60, 90]);
        assert_eq!(shares(2000).iter().sum::<usize>(), 2000);
        assert_eq!(shares(0), [1, 1, 1, 1]);
    }

    #[test]
    fn every_account_can_get_the_same_count() {
        let world = generate_accounts(42, ts(1_790_000_000), [7; 4]);
        assert!(world.accounts.iter().all(|a| a.threads.len() == 7));
    }
}
