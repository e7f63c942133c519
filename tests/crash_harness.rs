//! The kill -9 harness: the real `innbox` binary, killed with SIGKILL at many
//! points of delivering the outbox against the in-process simulator, then resumed
//! by fresh processes (`innbox sync`, sometimes the inbox in a terminal) until the
//! outbox is drained. Each reply must reach its thread exactly once, in the order
//! its thread's replies were queued, and end `sent`.
//!
//! The chosen points are deterministic: they wait on the simulator (a held request
//! has arrived, a reply is stored) before killing. The swept points kill after a
//! seeded pseudo-random time over one run's length; `INNBOX_KILL_POINTS=300` sweeps
//! longer than the default, `INNBOX_KILL_SEED` changes the moments.
//! `cargo test --test crash_harness -- --nocapture` prints the score.
#![cfg(unix)]

#[path = "crash/point.rs"]
mod point;
#[path = "e2e/pty.rs"]
mod pty;
#[path = "crash/rig.rs"]
mod rig;
#[path = "crash/score.rs"]
mod score;

use innbox::domain::ThreadKey;
use innbox::sim::{Fault, FaultAction};
use innbox::store::OutboxState;
use point::{Kill, Point, Resumer};
use rig::{Rig, Settings};
use score::Tally;

const SWEPT_POINTS: usize = 12;
/// Long enough that a held request outlives every process that sent it.
const HOLD: FaultAction = FaultAction::Hang { ms: 600_000 };
const HOLD_ANSWER: FaultAction = FaultAction::DelayAfterProcessing { ms: 600_000 };

/// Three replies to a Calry guest (t0), three to a Booking.com guest (t1) and one to
/// another Calry guest (t2), queued interleaved. The outbox sends an account's
/// replies one at a time, oldest first, so Calry's POSTs go out as t0#1, t2#1,
/// t0#2, t0#3 and Booking.com's as t1#1, t1#2, t1#3. Point `n` picks its guests by
/// `n`, so no thread collects every point's replies.
fn plan(rig: &Rig, n: usize) -> Vec<(ThreadKey, usize)> {
    vec![
        (rig.calry[n % rig.calry.len()].clone(), 3),
        (rig.booking[n % rig.booking.len()].clone(), 3),
        (rig.calry[(n + 1) % rig.calry.len()].clone(), 1),
    ]
}

/// Lets the first `nth - 1` replies `provider` is sent through untouched (a delay
/// of 0 after processing), then applies `action` to the next one.
fn at_post(rig: &Rig, provider: &str, nth: u32, action: FaultAction) {
    let post = |times, action| Fault {
        provider: Some(provider.into()),
        method: Some("POST".into()),
        path_contains: Some("/conversations".into()),
        times,
        probability: None,
        action,
    };
    if nth > 1 {
        rig.sim.inject(post(nth - 1, FaultAction::DelayAfterProcessing { ms: 0 }));
    }
    rig.sim.inject(post(1, action));
}

/// Kills the first process at `kill`, resumes until drained and scores the point.
fn kill_and_resume(rig: &Rig, tally: &mut Tally, point: &Point, kill: Kill, resumer: Resumer) {
    let killed_running = point.kill_sync(kill);
    let at_kill = point.outbox();
    let resumes = point.resume_until_drained(resumer);
    tally.record(point, killed_running, &at_kill, resumes);
    assert_eq!(rig.sim.faults_pending(), 0, "{}: every fault was used", point.name);
}

#[test]
fn kills_at_chosen_points_never_lose_duplicate_or_reorder_a_reply() {
    let rig = Rig::new(0, Settings::default());
    let mut tally = Tally::default();
    // (provider, which of its POSTs, what happens to it, when the kill comes)
    let faulted: [(&str, u32, FaultAction, Kill); 7] = [
        // The request has reached the provider, which has not processed it yet: it
        // never will (the connection dies with the process), so it must be sent later.
        ("calry", 1, HOLD, Kill::FaultsUsed),
        ("calry", 3, HOLD, Kill::FaultsUsed), // t0#2, in the middle of its thread's queue
        ("booking", 1, HOLD, Kill::FaultsUsed),
        ("booking", 2, HOLD, Kill::FaultsUsed),
        // The provider stored the reply but its answer never came: a re-read must
        // find it, and it must not be sent again.
        ("calry", 1, HOLD_ANSWER, Kill::Shown(0)),
        ("calry", 3, HOLD_ANSWER, Kill::Shown(3)),
        ("booking", 2, HOLD_ANSWER, Kill::Shown(4)),
    ];
    for (n, (provider, nth, action, kill)) in faulted.into_iter().enumerate() {
        let point = Point::new(&rig, &format!("f{n}"), &plan(&rig, n));
        at_post(&rig, provider, nth, action);
        let resumer = if n % 3 == 1 { Resumer::Inbox } else { Resumer::Sync };
        kill_and_resume(&rig, &mut tally, &point, kill, resumer);
    }
    // Right as the provider stores reply `i`: its answer is on the wire, or read,
    // or being committed.
    for i in 0..7 {
        let point = Point::new(&rig, &format!("a{i}"), &plan(&rig, 7 + i));
        let resumer = if i % 3 == 2 { Resumer::Inbox } else { Resumer::Sync };
        kill_and_resume(&rig, &mut tally, &point, Kill::Shown(i), resumer);
    }
    tally.assert_clean("chosen kill points");
}

#[test]
fn kills_at_swept_moments_never_lose_duplicate_or_reorder_a_reply() {
    // Every response 15 ms late, as over a network: a run lasts long enough for the
    // kills to land inside requests, between them and inside the sync's pages.
    let rig = Rig::new(15, Settings::default());
    let points = env_number("INNBOX_KILL_POINTS").unwrap_or(SWEPT_POINTS as u64) as usize;
    let mut moments = SplitMix(env_number("INNBOX_KILL_SEED").unwrap_or(4));
    let calibration = Point::new(&rig, "calibration", &plan(&rig, 0));
    let span = calibration.run_sync();
    let mut tally = Tally::default();
    for n in 0..points {
        let point = Point::new(&rig, &format!("s{n}"), &plan(&rig, n));
        // Squared: more moments early in the run, where the replies are sent.
        let after = span.mul_f64(moments.unit().powi(2));
        let resumer = if n % 5 == 4 { Resumer::Inbox } else { Resumer::Sync };
        kill_and_resume(&rig, &mut tally, &point, Kill::After(after), resumer);
    }
    tally.assert_clean(&format!("swept kill points over {span:?}"));
}

#[test]
fn replies_answered_or_processed_after_the_request_timeout_arrive_once() {
    let rig = Rig::new(0, Settings { request_timeout_secs: 1, ..Settings::default() });
    let point = Point::new(&rig, "slow", &plan(&rig, 0));
    // Calry stores t0#1 at once but answers only after innbox gave up on it;
    // Booking.com would take t1#1 only after innbox gave up, so never does.
    at_post(&rig, "calry", 1, FaultAction::DelayAfterProcessing { ms: 3_000 });
    at_post(&rig, "booking", 1, FaultAction::Hang { ms: 3_000 });
    point.run_sync();
    let after_timeouts = point.outbox();
    assert_eq!(
        (after_timeouts[0].state, after_timeouts[1].state),
        (OutboxState::Unknown, OutboxState::Unknown),
        "{after_timeouts:#?}"
    );
    let mut tally = Tally::default();
    let resumes = point.resume_until_drained(Resumer::Sync);
    tally.record(&point, false, &after_timeouts, resumes);
    tally.assert_clean("replies after a timeout");
}

#[test]
fn two_syncs_on_one_store_send_each_reply_once() {
    side_by_side("two syncs at once", &[Resumer::Sync, Resumer::Sync], 5);
}

#[test]
fn the_inbox_and_a_sync_on_one_store_send_each_reply_once() {
    side_by_side("the inbox and a sync at once", &[Resumer::Inbox, Resumer::Sync], 3);
}

/// Runs `processes` at once on one store holding `per_thread` replies to each of
/// four threads; every reply must arrive once, in order, and end `sent`.
fn side_by_side(what: &str, processes: &[Resumer], per_thread: usize) {
    // Slow responses keep the processes delivering at the same time.
    let rig = Rig::new(40, Settings::default());
    let threads = rig.calry[..2].iter().chain(&rig.booking[..2]);
    let plan: Vec<_> = threads.map(|key| (key.clone(), per_thread)).collect();
    let point = Point::new(&rig, "together", &plan);
    point.run_side_by_side(processes);
    let mut tally = Tally::default();
    tally.record(&point, false, &[], 0);
    tally.assert_clean(what);
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(value.parse().unwrap_or_else(|_| panic!("{name}={value} is not a number")))
}

/// A small seeded generator (SplitMix64): the same seed, the same moments.
struct SplitMix(u64);

impl SplitMix {
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) as f64 / 2f64.powi(64)
    }
}
