//! Fixed-window rate limits, on the real wall clock (clients compare
//! `X-RateLimit-Reset` and `Retry-After` with their own clock).

use std::collections::HashMap;

/// Requests per key in aligned windows of `period` seconds.
pub(crate) struct Window {
    limit: u32,
    period: u64,
    /// key -> (window start, requests in it)
    hits: HashMap<String, (u64, u32)>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Verdict {
    pub(crate) allowed: bool,
    pub(crate) limit: u32,
    pub(crate) remaining: u32,
    /// Unix seconds when the window resets.
    pub(crate) reset: u64,
}

impl Verdict {
    /// Whole seconds until the reset, at least 1 (for `Retry-After`).
    pub(crate) fn retry_after(&self, now: u64) -> u64 {
        self.reset.saturating_sub(now).max(1)
    }
}

impl Window {
    pub(crate) fn new(limit: u32, period: u64) -> Self {
        Window { limit, period, hits: HashMap::new() }
    }

    /// Count one request for `key` at unix second `now`.
    pub(crate) fn hit(&mut self, key: &str, now: u64) -> Verdict {
        let start = now - now % self.period;
        let entry = self.hits.entry(key.to_string()).or_insert((start, 0));
        if entry.0 != start {
            *entry = (start, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        Verdict {
            allowed: entry.1 <= self.limit,
            limit: self.limit,
            remaining: self.limit.saturating_sub(entry.1),
            reset: start + self.period,
        }
    }
}

/// The documented limits.
pub(crate) struct Limits {
    /// Hostel Mate: 120 requests a minute per client IP.
    pub(crate) hostelmate: Window,
    /// Trellis: 100 requests a minute per API key.
    pub(crate) trellis: Window,
    /// Booking.com: 30 tokens an hour per machine account.
    pub(crate) booking_tokens: Window,
}

impl Limits {
    /// The documented request limits times `scale` (a benchmark's way to keep a
    /// big sync short); the token quota stays as documented.
    pub(crate) fn scaled(scale: u32) -> Self {
        let scale = scale.max(1);
        Limits {
            hostelmate: Window::new(120 * scale, 60),
            trellis: Window::new(100 * scale, 60),
            booking_tokens: Window::new(30, 3600),
        }
    }
}

pub(crate) fn unix_now() -> u64 {
    jiff::Timestamp::now().as_second().max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_counts_and_resets() {
        let mut w = Window::new(2, 60);
        assert!(w.hit("k", 120).allowed);
        let v = w.hit("k", 130);
        assert!(v.allowed);
        assert_eq!((v.remaining, v.reset), (0, 180));
        assert!(!w.hit("k", 179).allowed);
        assert!(w.hit("other", 179).allowed);
        assert!(w.hit("k", 180).allowed, "a new window");
    }

    #[test]
    fn scaling_multiplies_the_request_limits_but_not_the_token_quota() {
        let mut limits = Limits::scaled(12);
        assert_eq!(limits.hostelmate.hit("ip", 0).limit, 1440);
        assert_eq!(limits.trellis.hit("key", 0).limit, 1200);
        assert_eq!(limits.booking_tokens.hit("account", 0).limit, 30);
    }
}
