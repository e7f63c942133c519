//! Faults a test or the CLI queues to make the next matching requests fail.
//! What each fault answers is in `fault_replies.rs`.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::rng::Rng;
use super::world::Provider;

/// Which requests a fault hits, how many times, and what it does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// `calry`, `hostelmate`, `trellis` or `booking` (the Booking.com token
    /// exchange included); `None` matches any.
    #[serde(default)]
    pub provider: Option<String>,
    /// `GET`, `POST`...; `None` matches any.
    #[serde(default)]
    pub method: Option<String>,
    /// A substring of the request path (the full path, prefix included).
    #[serde(default)]
    pub path_contains: Option<String>,
    /// How many matching requests it affects before it is used up (default 1).
    #[serde(default = "one")]
    pub times: u32,
    /// The error rate: the share (0.0 to 1.0) of matching requests it hits,
    /// drawn from the simulator's seeded PRNG so a run can be repeated. A
    /// request it spares does not use up one of its `times`. `None` hits all.
    #[serde(default)]
    pub probability: Option<f64>,
    pub action: FaultAction,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultAction {
    /// Answer at once with this status, without processing. The body
    /// defaults to the provider's error shape; `retry_after` becomes the
    /// `Retry-After` header; `reset_in` (seconds) says the quota is spent, as
    /// Trellis does: `X-RateLimit-Remaining: 0` and `X-RateLimit-Reset`.
    Status {
        status: u16,
        #[serde(default)]
        retry_after: Option<String>,
        #[serde(default)]
        body: Option<String>,
        #[serde(default)]
        reset_in: Option<u64>,
    },
    /// 200 with a truncated JSON body, without processing.
    MalformedJson,
    /// An HTML page instead of JSON, without processing, as a proxy or CDN
    /// in front of the API sends: nginx's page for an error status, a Wi-Fi
    /// captive portal's sign-in page for 200.
    HtmlPage { status: u16 },
    /// 200 with an empty body, without processing: a proxy that lost it.
    EmptyOk,
    /// Process the request, then answer with one field of the wrong type:
    /// the first id of the provider's JSON becomes an object (as when a
    /// database id leaks out unconverted), else the first text a number.
    WrongType,
    /// Wait before processing: a slow or hanging provider. A client that gives up
    /// first closes the connection, and the request is never processed.
    Hang { ms: u64 },
    /// Process the request fully (a reply is stored), then wait before
    /// answering, so a client with a shorter timeout cannot know the outcome.
    DelayAfterProcessing { ms: u64 },
}

impl Fault {
    fn matches(&self, provider: Provider, method: &str, path: &str) -> bool {
        self.times > 0
            && self.provider.as_deref().is_none_or(|p| p.eq_ignore_ascii_case(provider.as_str()))
            && self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path_contains.as_deref().is_none_or(|s| path.contains(s))
    }
}

/// The queued faults and the PRNG that decides which requests an error rate hits.
pub(crate) struct FaultQueue {
    queue: VecDeque<Fault>,
    rng: Rng,
}

impl FaultQueue {
    pub(crate) fn new(seed: u64) -> Self {
        Self { queue: VecDeque::new(), rng: Rng::stream(seed, "faults", 0) }
    }

    /// Queues a fault; returns how many are queued now.
    pub(crate) fn push(&mut self, fault: Fault) -> usize {
        self.queue.push_back(fault);
        self.queue.len()
    }

    pub(crate) fn clear(&mut self) {
        self.queue.clear();
    }

    /// Applications left over every queued fault.
    pub(crate) fn pending(&self) -> u32 {
        self.queue.iter().fold(0, |sum, fault| sum.saturating_add(fault.times))
    }

    /// Uses up one application of the first queued fault matching the request,
    /// unless its error rate spares this request.
    pub(crate) fn take(&mut self, provider: Provider, method: &str, path: &str) -> Option<FaultAction> {
        let i = self.queue.iter().position(|f| f.matches(provider, method, path))?;
        let fault = &mut self.queue[i];
        if let Some(share) = fault.probability {
            // A millionth is finer than any error rate a test asks for.
            let draw = self.rng.below(1_000_000) as f64 / 1_000_000.0;
            if draw >= share {
                return None;
            }
        }
        fault.times -= 1;
        let action = fault.action.clone();
        if fault.times == 0 {
            self.queue.remove(i);
        }
        Some(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_shape() {
        let f: Fault = serde_json::from_str(
            r#"{"provider":"booking","times":2,"action":{"kind":"status","status":503,"retry_after":"2"}}"#,
        )
        .unwrap();
        let want =
            FaultAction::Status { status: 503, retry_after: Some("2".into()), body: None, reset_in: None };
        assert_eq!((f.action, f.probability), (want, None));
        let f: Fault =
            serde_json::from_str(r#"{"action":{"kind":"hang","ms":10},"probability":0.5}"#).unwrap();
        assert_eq!((f.times, f.probability, f.action), (1, Some(0.5), FaultAction::Hang { ms: 10 }));
        let kinds = [
            (FaultAction::MalformedJson, serde_json::json!({"kind": "malformed_json"})),
            (FaultAction::EmptyOk, serde_json::json!({"kind": "empty_ok"})),
            (FaultAction::WrongType, serde_json::json!({"kind": "wrong_type"})),
            (FaultAction::HtmlPage { status: 502 }, serde_json::json!({"kind": "html_page", "status": 502})),
        ];
        for (action, json) in kinds {
            assert_eq!(serde_json::to_value(&action).unwrap(), json);
        }
    }

    fn fault(provider: &str, times: u32, probability: Option<f64>) -> Fault {
        Fault {
            provider: Some(provider.into()),
            method: Some("get".into()),
            path_contains: Some("/conversations".into()),
            times,
            probability,
            action: FaultAction::MalformedJson,
        }
    }

    #[test]
    fn take_uses_faults_up_in_order() {
        let mut q = FaultQueue::new(42);
        q.push(fault("trellis", 2, None));
        q.push(fault("calry", 1, None));
        assert!(q.take(Provider::Calry, "POST", "/calry/api/v2/vrs/conversations").is_none());
        assert!(q.take(Provider::Calry, "GET", "/calry/api/v2/vrs/conversations/reservation/1").is_some());
        assert!(q.take(Provider::Calry, "GET", "/calry/api/v2/vrs/conversations/reservation/1").is_none());
        assert!(q.take(Provider::Trellis, "GET", "/trellis/v1/conversations").is_some());
        assert!(q.take(Provider::Trellis, "GET", "/trellis/v1/conversations").is_some());
        assert!(q.queue.is_empty());
    }

    /// Which of `n` requests a fault with this error rate hits.
    fn hits(seed: u64, probability: f64, n: usize) -> Vec<bool> {
        let mut q = FaultQueue::new(seed);
        q.push(fault("trellis", u32::MAX, Some(probability)));
        (0..n).map(|_| q.take(Provider::Trellis, "GET", "/trellis/v1/conversations").is_some()).collect()
    }

    #[test]
    fn an_error_rate_hits_that_share_of_requests_the_same_way_every_run() {
        let run = hits(42, 0.25, 2_000);
        let share = run.iter().filter(|hit| **hit).count() as f64 / run.len() as f64;
        assert!((0.2..0.3).contains(&share), "{share}");
        assert_eq!(run, hits(42, 0.25, 2_000), "the same seed hits the same requests");
        assert_ne!(run, hits(43, 0.25, 2_000), "another seed hits others");
        assert!(hits(42, 0.0, 100).iter().all(|hit| !hit));
        assert!(hits(42, 1.0, 100).iter().all(|hit| *hit));
    }

    #[test]
    fn requests_an_error_rate_spares_do_not_use_the_fault_up() {
        let mut q = FaultQueue::new(7);
        q.push(fault("trellis", 3, Some(0.5)));
        let hit =
            (0..200).filter(|_| q.take(Provider::Trellis, "GET", "/trellis/v1/conversations").is_some());
        assert_eq!(hit.count(), 3, "`times` still bounds it");
    }
}
