//! Synthetic inboxes at any size, shaped as a sync writes them but made without a
//! server: `examples/populate` and the scale benchmarks fill stores of 100k threads
//! with them. The same guests, languages and questions as the simulator's world.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::credentials::account_name;
use super::generate;
use super::phrases::{ACK, ARRIVED, Lang, TOPICS};
use super::rng::Rng;
use super::script::Cast;
use super::world::Provider;
use crate::domain::{
    Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Reservation, ReservationStatus, Thread,
};
use crate::providers::{ThreadUpdate, read_only_reason};
use crate::store::{Store, StoreError};
use std::time::{Duration, Instant};

const PROVIDERS: [(Provider, ProviderKind); 4] = [
    (Provider::Calry, ProviderKind::Calry),
    (Provider::HostelMate, ProviderKind::HostelMate),
    (Provider::Trellis, ProviderKind::Trellis),
    (Provider::Booking, ProviderKind::Booking),
];

const PLACES: [&str; 12] = [
    "Lakeside Cabin",
    "Harbour View Loft",
    "Old Town Studio",
    "Pine Ridge Chalet",
    "Canal House",
    "Seaside Villa",
    "Garden Flat",
    "Rooftop Suite",
    "Mill Cottage",
    "Riverside Apartment",
    "Dune House",
    "Vineyard Barn",
];

/// Something a host writes that is longer than a chat line.
const HOUSE_RULES: &str = "Welcome! A few things before you arrive:\n\
    - Check-in is from 15:00, check-out by 11:00.\n\
    - The key box is left of the front door; the code comes the day before you arrive.\n\
    - Quiet hours are 22:00 to 08:00, the neighbours are lovely but light sleepers.\n\
    - Bins go out on Tuesday evening (green for glass, blue for paper).\n\
    Enjoy your stay, and message me here any time 🙂";

/// Threads per transaction in [`SyntheticInbox::write_to`], as a sync page brings them.
pub const PAGE_THREADS: usize = 500;

/// A deterministic inbox of any size, newest activity at `now`.
#[derive(Clone, Debug)]
pub struct SyntheticInbox {
    pub seed: u64,
    pub messages_per_thread: usize,
    pub now: Timestamp,
}

impl SyntheticInbox {
    /// The accounts threads are spread over, with their providers.
    pub fn accounts() -> impl Iterator<Item = (&'static str, ProviderKind)> {
        PROVIDERS.into_iter().map(|(sim, kind)| (account_name(sim), kind))
    }

    /// Writes threads `0..threads` into `store` a page of [`PAGE_THREADS`] at a
    /// time, through the sync's own write path, accounts first. Returns the time
    /// the writes took, apart from making the threads up; `progress` hears how many
    /// threads are written so far.
    pub fn write_to(
        &self,
        store: &mut Store,
        threads: usize,
        mut progress: impl FnMut(usize),
    ) -> Result<Duration, StoreError> {
        for (account, provider) in Self::accounts() {
            store.ensure_account(account, provider)?;
        }
        let mut writing = Duration::ZERO;
        for first in (0..threads).step_by(PAGE_THREADS) {
            let page: Vec<_> = (first..(first + PAGE_THREADS).min(threads)).map(|i| self.thread(i)).collect();
            let started = Instant::now();
            store.apply_updates(&page)?;
            writing += started.elapsed();
            progress(first + page.len());
        }
        Ok(writing)
    }

    /// Thread `index`: older indexes were active longer ago.
    pub fn thread(&self, index: usize) -> ThreadUpdate {
        let mut rng = Rng::stream(self.seed, "synthetic", index as u64);
        let (sim_provider, kind) = PROVIDERS[index % PROVIDERS.len()];
        let guest = generate::guest(&mut rng);
        let property = rng.pick(&PLACES).to_string();
        let cast = generate::cast(&mut rng, &guest, account_name(sim_provider), &property);
        // Roughly a thread every few minutes going back in time, with jitter.
        let last = self.now - SignedDuration::from_secs(index as i64 * 300 + rng.range(0, 299));
        let messages = self.messages(&mut rng, &cast, &guest.full, last);
        let check_in =
            (last + SignedDuration::from_hours(24 * rng.range(-3, 20))).to_zoned(TimeZone::UTC).date();
        let nights = rng.range(1, 14);
        let thread = Thread {
            account: account_name(sim_provider).to_owned(),
            provider: kind,
            id: format!("syn-{index}"),
            channel: Some(channel(kind, &mut rng)),
            property_id: Some(format!("p{}", rng.below(PLACES.len() as u64 * 4))),
            guest: Guest {
                email: rng.chance(60).then_some(guest.email),
                phone: rng.chance(40).then_some(guest.phone),
                name: Some(guest.full),
            },
            property_name: Some(property),
            reservation: Some(Reservation {
                id: format!("R{}", 10_000_000 + index),
                check_in: Some(check_in),
                check_out: check_in.checked_add(jiff::Span::new().days(nights)).ok(),
                status: Some(if index % 10 == 3 {
                    ReservationStatus::Pending
                } else {
                    ReservationStatus::Confirmed
                }),
            }),
            subject: None,
            unread: u32::from(index.is_multiple_of(7)),
            reply: match kind {
                ProviderKind::Calry | ProviderKind::Booking => ReplyAbility::Allowed,
                read_only => ReplyAbility::Blocked(read_only_reason(read_only).into()),
            },
            updated_at: Some(last),
        };
        let marker = Some(format!("syn-{index}-{}", self.messages_per_thread));
        ThreadUpdate { thread, messages, marker, skipped: Vec::new() }
    }

    /// Guest questions and host answers taking turns, ending at `last`.
    fn messages(&self, rng: &mut Rng, cast: &Cast, guest: &str, last: Timestamp) -> Vec<Message> {
        // Built newest first, so ids count down; a bit under half the threads wait on the host.
        let count = self.messages_per_thread;
        let guest_spoke_last = rng.chance(45);
        let mut at = last;
        let mut messages: Vec<Message> = (0..count)
            .map(|n| {
                let from_guest = (n % 2 == 0) == guest_spoke_last;
                let body = if from_guest { guest_text(rng, cast.lang) } else { host_text(rng, cast) };
                let message = Message {
                    id: format!("m{}", count - 1 - n),
                    direction: if from_guest { Direction::Inbound } else { Direction::Outbound },
                    sender: from_guest.then(|| guest.to_owned()),
                    body,
                    sent_at: Some(at),
                    status: None,
                    automatic: Some(false),
                    kind: None,
                    attachments: Vec::new(),
                };
                at -= SignedDuration::from_mins(rng.range(2, 600));
                message
            })
            .collect();
        messages.reverse();
        messages
    }
}

fn channel(kind: ProviderKind, rng: &mut Rng) -> Channel {
    let choices: &[Channel] = match kind {
        ProviderKind::Calry => &[Channel::Airbnb, Channel::Vrbo, Channel::Booking, Channel::Direct],
        ProviderKind::HostelMate => &[Channel::Hostelworld, Channel::Booking, Channel::Direct],
        ProviderKind::Trellis => &[Channel::Sms, Channel::Whatsapp, Channel::Email, Channel::Airbnb],
        ProviderKind::Booking => &[Channel::Booking],
    };
    rng.pick(choices).clone()
}

/// One to three questions, or a short acknowledgement.
fn guest_text(rng: &mut Rng, lang: Lang) -> String {
    match rng.below(10) {
        0 => ACK[lang as usize].to_owned(),
        1 => ARRIVED[lang as usize].to_owned(),
        _ => (0..rng.range(1, 3)).map(|_| rng.pick(TOPICS).guest(lang)).collect::<Vec<_>>().join(" "),
    }
}

/// Mostly a one-line answer, sometimes the long welcome note, with the stay's
/// names and codes filled in as a host's saved reply would have them.
fn host_text(rng: &mut Rng, cast: &Cast) -> String {
    if rng.chance(5) { HOUSE_RULES.to_owned() } else { cast.fill(rng.pick(TOPICS).host) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inbox() -> SyntheticInbox {
        SyntheticInbox { seed: 7, messages_per_thread: 10, now: "2026-11-21T12:00:00Z".parse().unwrap() }
    }

    #[test]
    fn threads_are_deterministic_and_spread_over_every_account() {
        let inbox = inbox();
        assert_eq!(inbox.thread(5).thread, inbox.thread(5).thread);
        let accounts: std::collections::HashSet<_> = (0..8).map(|i| inbox.thread(i).thread.account).collect();
        assert_eq!(accounts.len(), 4);
    }

    #[test]
    fn messages_take_turns_oldest_first_ending_at_the_thread_time() {
        let mut last_directions = std::collections::HashSet::new();
        for index in 0..20 {
            let update = inbox().thread(index);
            assert_eq!(update.messages.len(), 10);
            let times: Vec<_> = update.messages.iter().map(|m| m.sent_at.unwrap()).collect();
            assert!(times.windows(2).all(|w| w[0] < w[1]), "oldest first");
            assert_eq!(times.last().copied(), update.thread.updated_at);
            assert!(update.messages.windows(2).all(|w| w[0].direction != w[1].direction));
            assert!(update.messages.iter().all(|m| !m.body.is_empty()));
            assert!(update.messages.iter().all(|m| !m.body.contains('{')), "placeholders are filled");
            last_directions.insert(update.messages.last().unwrap().direction);
        }
        assert_eq!(last_directions.len(), 2, "some threads wait on the guest, some on the host");
    }
}
