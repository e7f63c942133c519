//! When and how long to wait before repeating a request. The server's own word
//! (Retry-After, X-RateLimit-Reset) wins over our exponential backoff.

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::header::HeaderMap;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Total tries of one idempotent request, including the first.
    pub max_attempts: usize,
    pub min_delay: Duration,
    pub max_delay: Duration,
    /// A Retry-After longer than this is not waited out inside one sync; the error
    /// goes up and the next sync tries again.
    pub max_server_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            min_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
            max_server_wait: Duration::from_secs(90),
        }
    }
}

impl RetryPolicy {
    /// No retries at all: tests that want to see the first error.
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// Our own delays between attempts: exponential with jitter.
    pub fn backoff(&self) -> impl Iterator<Item = Duration> {
        ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.max_attempts.saturating_sub(1))
            .with_jitter()
            .build()
    }
}

/// How long the server asks us to wait: `Retry-After` (seconds or an HTTP date),
/// else `X-RateLimit-Reset` (unix seconds) when the quota is spent. Trellis sends
/// the reset time on every response, so without a spent quota it means nothing.
pub fn server_wait(headers: &HeaderMap, now: jiff::Timestamp) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(value) = header("retry-after") {
        if let Ok(secs) = value.parse::<u64>() {
            return Some(Duration::from_secs(secs));
        }
        if let Ok(date) = jiff::fmt::rfc2822::parse(value) {
            return Some(until(date.timestamp(), now));
        }
    }
    if !quota_exhausted(headers) {
        return None;
    }
    let reset = header("x-ratelimit-reset")?.parse::<i64>().ok()?;
    jiff::Timestamp::from_second(reset).ok().map(|at| until(at, now))
}

/// Whether the server says this response used the last request of its quota.
pub fn quota_exhausted(headers: &HeaderMap) -> bool {
    headers.get("x-ratelimit-remaining").and_then(|v| v.to_str().ok()).is_some_and(|v| v.trim() == "0")
}

fn until(at: jiff::Timestamp, now: jiff::Timestamp) -> Duration {
    Duration::try_from(at.duration_since(now)).unwrap_or(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let now: jiff::Timestamp = "2026-11-21T10:00:00Z".parse().unwrap();
        assert_eq!(server_wait(&headers(&[("retry-after", "7")]), now), Some(Duration::from_secs(7)));
        let date = headers(&[("retry-after", "Sat, 21 Nov 2026 10:00:30 GMT")]);
        assert_eq!(server_wait(&date, now), Some(Duration::from_secs(30)));
    }

    #[test]
    fn rate_limit_reset_is_a_unix_time() {
        let now: jiff::Timestamp = "2026-11-21T10:00:00Z".parse().unwrap();
        let reset = (now.as_second() + 12).to_string();
        let spent = headers(&[("x-ratelimit-reset", &reset), ("x-ratelimit-remaining", "0")]);
        assert_eq!(server_wait(&spent, now), Some(Duration::from_secs(12)));
        let left = headers(&[("x-ratelimit-reset", &reset), ("x-ratelimit-remaining", "41")]);
        assert_eq!(server_wait(&left, now), None, "a reset time alone is no request to wait");
        assert_eq!(server_wait(&headers(&[]), now), None);
    }

    #[test]
    fn backoff_yields_one_delay_per_retry() {
        let policy = RetryPolicy { max_attempts: 4, ..RetryPolicy::default() };
        let delays: Vec<_> = policy.backoff().collect();
        assert_eq!(delays.len(), 3);
        assert!(delays.iter().all(|d| *d <= policy.max_delay * 2), "{delays:?}");
        assert_eq!(RetryPolicy::none().backoff().count(), 0);
    }
}
