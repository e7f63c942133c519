//! Per-account request budgets. A sliding one-minute window never exceeds the
//! provider's quota however the server counts it, yet allows full bursts.
//!
//! A sync would spend the whole window in its first burst and leave a reply queued
//! meanwhile waiting up to a minute, so requests made during a sync (see
//! [`as_sync`]) leave a share of every window to everything else.

use std::collections::VecDeque;
use std::future::Future;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

const WINDOW: Duration = Duration::from_secs(60);
/// The share of each window a sync leaves to deliveries: 1/20, and at least
/// enough for one reply (its send, then the re-read that shows it).
const RESERVE_DIVISOR: usize = 20;
const DELIVERY_REQUESTS: usize = 2;

tokio::task_local! {
    static SYNCING: ();
}

/// Runs `work` as a sync: every request it makes leaves the reserve untouched.
pub async fn as_sync<F: Future>(work: F) -> F::Output {
    SYNCING.scope((), work).await
}

fn syncing() -> bool {
    SYNCING.try_with(|_| ()).is_ok()
}

#[derive(Debug)]
pub struct RateLimiter {
    per_minute: usize,
    state: Mutex<Window>,
}

#[derive(Debug, Default)]
struct Window {
    sent: VecDeque<Instant>,
    /// Set when the server says the quota is spent (X-RateLimit-Remaining: 0).
    paused_until: Option<Instant>,
}

impl RateLimiter {
    pub fn per_minute(per_minute: u32) -> Self {
        Self { per_minute: per_minute.max(1) as usize, state: Mutex::new(Window::default()) }
    }

    /// What a sync may use of each window: all but the reserve, and at least one.
    fn sync_share(&self) -> usize {
        let reserve = (self.per_minute / RESERVE_DIVISOR).max(DELIVERY_REQUESTS);
        self.per_minute.saturating_sub(reserve).max(1)
    }

    /// Waits until one more request fits in the budget, then records it.
    pub async fn acquire(&self) {
        let allowed = if syncing() { self.sync_share() } else { self.per_minute };
        loop {
            let wait_until = {
                let mut window = self.state.lock().await;
                let now = Instant::now();
                while window.sent.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
                    window.sent.pop_front();
                }
                match window.paused_until {
                    Some(until) if until > now => Some(until),
                    _ if window.sent.len() < allowed => {
                        window.sent.push_back(now);
                        None
                    }
                    // The request that frees a slot for this one leaves the window.
                    _ => window.sent.get(window.sent.len() - allowed).map(|t| *t + WINDOW),
                }
            };
            match wait_until {
                None => return,
                Some(until) => tokio::time::sleep_until(until).await,
            }
        }
    }

    /// Holds every request until `until`: the server reported an exhausted quota.
    pub async fn pause_until(&self, until: Instant) {
        let mut window = self.state.lock().await;
        window.paused_until = Some(window.paused_until.map_or(until, |current| current.max(until)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_full_burst_passes_then_the_next_request_waits_for_the_window() {
        let limiter = RateLimiter::per_minute(3);
        let start = Instant::now();
        for _ in 0..3 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        limiter.acquire().await;
        assert_eq!(start.elapsed(), WINDOW);
    }

    #[tokio::test(start_paused = true)]
    async fn a_sync_leaves_the_reserve_to_a_reply() {
        let limiter = RateLimiter::per_minute(40);
        let start = Instant::now();
        as_sync(async {
            for _ in 0..38 {
                limiter.acquire().await;
            }
        })
        .await;
        assert_eq!(start.elapsed(), Duration::ZERO, "38 of 40 are the sync's share");
        limiter.acquire().await;
        limiter.acquire().await;
        assert_eq!(start.elapsed(), Duration::ZERO, "a reply does not wait for the sync's window");
        as_sync(limiter.acquire()).await;
        assert_eq!(start.elapsed(), WINDOW, "the sync's next request waits for its window");
    }

    #[tokio::test(start_paused = true)]
    async fn a_budget_of_one_is_the_syncs_too() {
        let limiter = RateLimiter::per_minute(1);
        as_sync(limiter.acquire()).await;
        assert_eq!(limiter.sync_share(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn a_server_pause_holds_requests_until_it_ends() {
        let limiter = RateLimiter::per_minute(100);
        let start = Instant::now();
        limiter.pause_until(start + Duration::from_secs(7)).await;
        limiter.acquire().await;
        assert_eq!(start.elapsed(), Duration::from_secs(7));
    }
}
