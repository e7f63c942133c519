//! Per-account request budgets. A sliding one-minute window never exceeds the
//! provider's quota however the server counts it, yet allows full bursts.

use std::collections::VecDeque;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

const WINDOW: Duration = Duration::from_secs(60);

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

    /// Waits until one more request fits in the budget, then records it.
    pub async fn acquire(&self) {
        loop {
            let wait_until = {
                let mut window = self.state.lock().await;
                let now = Instant::now();
                while window.sent.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
                    window.sent.pop_front();
                }
                match window.paused_until {
                    Some(until) if until > now => Some(until),
                    _ if window.sent.len() < self.per_minute => {
                        window.sent.push_back(now);
                        None
                    }
                    _ => window.sent.front().map(|oldest| *oldest + WINDOW),
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
    async fn a_server_pause_holds_requests_until_it_ends() {
        let limiter = RateLimiter::per_minute(100);
        let start = Instant::now();
        limiter.pause_until(start + Duration::from_secs(7)).await;
        limiter.acquire().await;
        assert_eq!(start.elapsed(), Duration::from_secs(7));
    }
}
