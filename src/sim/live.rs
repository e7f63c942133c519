//! New guest messages on demand and in live (demo) mode.
//!
//! Push `n` goes to the accounts in turn (starting with account `n % 4`) and
//! to a thread drawn from the seed's `push` stream, among the threads that
//! can take one:
//! - Calry: a thread whose reservation overlaps the default sync window
//!   (departure at most 30 days ago, arrival at most 180 days ahead);
//! - Hostel Mate and Trellis: any thread (an archived or closed one reopens);
//! - Booking.com: a read_write reservation conversation.

use std::sync::Arc;
use std::time::Duration;

use jiff::ToSpan;
use jiff::tz::TimeZone;
use tokio_util::sync::CancellationToken;

use super::phrases::{ARRIVED, Lang, TOPICS};
use super::rng::Rng;
use super::state::{Db, Shared, lock};
use super::world::*;
use super::{PushedMessage, booking_send, calry};

/// Push one guest message every `every` until cancelled.
pub(crate) async fn run(sh: Arc<Shared>, every: Duration, cancel: CancellationToken) {
    let mut tick = tokio::time::interval(every.max(Duration::from_millis(10)));
    // After a stall, carry on at the usual pace rather than in a burst.
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    tick.tick().await; // the first tick is immediate
    loop {
        tokio::select! {
            _ = cancel.cancelled() => return,
            _ = tick.tick() => {
                let pushed = push_guest_message(&sh);
                tracing::debug!(account = %pushed.account, thread = %pushed.thread_id, "live guest message");
            }
        }
    }
}

/// Append a guest message to some thread now. Empty fields only if no
/// thread anywhere can take one (generation always provides one).
pub(crate) fn push_guest_message(sh: &Shared) -> PushedMessage {
    let mut db = lock(&sh.db);
    let n = db.pushes;
    db.pushes += 1;
    let mut rng = Rng::stream(sh.seed, "push", n);
    let accounts = db.world.accounts.len();
    for k in 0..accounts {
        let a = (n as usize + k) % accounts;
        let candidates = eligible(&db.world.accounts[a], sh);
        if candidates.is_empty() {
            continue;
        }
        let ti = candidates[rng.below(candidates.len() as u64) as usize];
        let thread = &db.world.accounts[a].threads[ti];
        let lang = Lang::from_code(&thread.language);
        let body = if rng.chance(25) {
            ARRIVED[lang as usize].to_string()
        } else {
            rng.pick(TOPICS).guest(lang).to_string()
        };
        let (account, provider, thread_id) =
            (db.world.accounts[a].name.clone(), db.world.accounts[a].provider, thread.id.clone());
        append_guest(sh, &mut db, provider, &thread_id, body.clone());
        return PushedMessage { account, thread_id, body };
    }
    PushedMessage::default()
}

/// Append a guest message to the thread `thread_id` now; None if no account has it.
pub(crate) fn push_guest_message_to(sh: &Shared, thread_id: &str, body: &str) -> Option<PushedMessage> {
    let mut db = lock(&sh.db);
    let account = db.world.accounts.iter().find(|a| a.threads.iter().any(|t| t.id == thread_id))?;
    let (name, provider) = (account.name.clone(), account.provider);
    append_guest(sh, &mut db, provider, thread_id, body.to_owned());
    Some(PushedMessage { account: name, thread_id: thread_id.to_owned(), body: body.to_owned() })
}

fn eligible(account: &Account, sh: &Shared) -> Vec<usize> {
    let today = sh.now().to_zoned(TimeZone::UTC).date();
    let (from, to) = (today.saturating_sub(30.days()), today.saturating_add(180.days()));
    let in_window = |rid: &str| {
        account.reservations.iter().any(|r| r.id == rid && r.departure >= from && r.arrival <= to)
    };
    let ok = |t: &Thread| match &t.wire {
        ThreadWire::Calry(w) => in_window(&w.reservation_id),
        ThreadWire::HostelMate(_) | ThreadWire::Trellis(_) => true,
        ThreadWire::Booking(w) => t.can_reply && w.conversation_type == "reservation",
    };
    account.threads.iter().enumerate().filter(|(_, t)| ok(t)).map(|(i, _)| i).collect()
}

fn append_guest(sh: &Shared, db: &mut Db, provider: Provider, thread_id: &str, body: String) {
    match provider {
        Provider::Calry => {
            calry::append(sh, db, thread_id, Direction::Inbound, body, None, Vec::new());
        }
        Provider::Booking => {
            booking_send::append(sh, db, thread_id, Direction::Inbound, body, Vec::new());
        }
        Provider::HostelMate | Provider::Trellis => {
            let id = match provider {
                Provider::Trellis => format!("m-{}", db.rng.hex(12)),
                _ => db.rng.uuid(),
            };
            let Some(t) = db.world.thread_mut(provider, thread_id) else {
                return;
            };
            let sent_at = sh.next_time(t, false);
            let wire = match &mut t.wire {
                ThreadWire::HostelMate(w) => {
                    w.archived = false;
                    MessageWire::HostelMate(HostelMateMessage {
                        source: "GUEST".into(),
                        sender: w.guest_sender.clone(),
                    })
                }
                ThreadWire::Trellis(w) => {
                    w.status = "TODO".into();
                    let sender_name = t.guest_name.clone().unwrap_or_default();
                    MessageWire::Trellis(TrellisMessage { sender_name, delivery: None })
                }
                _ => return,
            };
            let direction = Direction::Inbound;
            t.messages.push(Message { id, body, direction, sent_at, automatic: false, read: false, wire });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimOptions;

    #[test]
    fn every_account_takes_pushes_even_in_tiny_worlds() {
        for threads in [0, 4, 9, 300] {
            let opts =
                SimOptions { threads, anchor: "2026-03-01T12:00:00Z".parse().unwrap(), ..Default::default() };
            let sh = Shared::new(&opts);
            let pushed: Vec<PushedMessage> = (0..8).map(|_| push_guest_message(&sh)).collect();
            for (n, p) in pushed.iter().enumerate() {
                let world = &lock(&sh.db).world;
                assert_eq!(p.account, world.accounts[n % 4].name, "{threads} threads, push {n}");
                assert!(!p.body.is_empty() && !p.thread_id.is_empty());
            }
        }
    }

    #[test]
    fn pushes_are_deterministic() {
        let opts = SimOptions { anchor: "2026-03-01T12:00:00Z".parse().unwrap(), ..Default::default() };
        let run = || {
            let sh = Shared::new(&opts);
            (0..6).map(|_| push_guest_message(&sh).thread_id).collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }
}
