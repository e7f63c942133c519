//! State shared by every handler: the world, the clock and the counters.
//!
//! Each piece sits behind its own std `Mutex`, taken for a few statements and
//! never across an `.await`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

use super::faults::FaultQueue;
use super::limits::Limits;
use super::rng::Rng;
use super::world::{Thread, World};
use super::{SimOptions, SimStats, credentials, generate};

pub(crate) struct Shared {
    pub(crate) seed: u64,
    pub(crate) anchor: Timestamp,
    pub(crate) started: Instant,
    pub(crate) latency: Duration,
    pub(crate) enforce_limits: bool,
    pub(crate) calry_token: String,
    pub(crate) db: Mutex<Db>,
    pub(crate) faults: Mutex<FaultQueue>,
    pub(crate) stats: Mutex<SimStats>,
    pub(crate) limits: Mutex<Limits>,
    /// Booking.com JWTs handed out, with their `exp` (unix seconds).
    pub(crate) tokens: Mutex<Vec<(String, i64)>>,
    /// Counts Booking.com responses, for `ruid` and the `ok` spelling.
    responses: AtomicU64,
}

/// The mutable world plus what mutating it needs.
pub(crate) struct Db {
    pub(crate) world: World,
    /// Ids and choices for replies and pushes, deterministic in their order.
    pub(crate) rng: Rng,
    pub(crate) pushes: u64,
    calry_last_id: u64,
}

impl Db {
    /// The next Calry message id, above every generated one.
    pub(crate) fn next_calry_id(&mut self) -> String {
        self.calry_last_id += self.rng.range(3, 400) as u64;
        self.calry_last_id.to_string()
    }
}

impl Shared {
    pub(crate) fn new(opts: &SimOptions) -> Self {
        let world = match opts.threads_per_account {
            Some(each) => generate::generate_accounts(opts.seed, opts.anchor, [each; 4]),
            None => generate::generate(opts.seed, opts.anchor, opts.threads),
        };
        let calry_last_id = world
            .accounts
            .iter()
            .flat_map(|a| &a.threads)
            .flat_map(|t| &t.messages)
            .filter_map(|m| m.id.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        Shared {
            seed: opts.seed,
            anchor: opts.anchor,
            started: Instant::now(),
            latency: Duration::from_millis(opts.latency_ms),
            enforce_limits: opts.enforce_rate_limits,
            calry_token: credentials::calry_token(opts.anchor),
            db: Mutex::new(Db {
                world,
                rng: Rng::stream(opts.seed, "mutations", 0),
                pushes: 0,
                calry_last_id,
            }),
            faults: Mutex::new(FaultQueue::new(opts.seed)),
            stats: Mutex::new(SimStats::default()),
            limits: Mutex::new(Limits::scaled(opts.rate_limit_scale)),
            tokens: Mutex::new(Vec::new()),
            responses: AtomicU64::new(0),
        }
    }

    /// The simulated "now": the anchor plus the time since start, so new
    /// messages always come after the generated ones.
    pub(crate) fn now(&self) -> Timestamp {
        let elapsed = SignedDuration::try_from(self.started.elapsed()).unwrap_or_default();
        self.anchor.checked_add(elapsed).unwrap_or(self.anchor)
    }

    /// The time for a new message in `thread`: now, but strictly after its
    /// newest message, in whole seconds unless `millis`.
    pub(crate) fn next_time(&self, thread: &Thread, millis: bool) -> Timestamp {
        let now = self.now();
        let now = if millis { now.as_millisecond() } else { now.as_second() * 1000 };
        let after = thread.last_activity().as_millisecond() + if millis { 1 } else { 1000 };
        let at = now.max(after);
        let at = if millis { at } else { at - at.rem_euclid(1000) };
        Timestamp::from_millisecond(at).unwrap_or(self.anchor)
    }

    /// A Booking.com-style request id, and the `ok` value of that response:
    /// the string `"true"` and the boolean alternate.
    pub(crate) fn booking_response(&self) -> (String, Value) {
        let n = self.responses.fetch_add(1, Ordering::Relaxed);
        let ruid = STANDARD.encode(Rng::stream(self.seed, "ruid", n).bytes(72));
        let ok = if n.is_multiple_of(2) { Value::from("true") } else { Value::from(true) };
        (ruid, ok)
    }
}

/// Lock, shrugging off poisoning: a panicked handler must not take the
/// simulator down with it.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
