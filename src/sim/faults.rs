//! Faults a test or the CLI queues to make the next matching requests fail.

use std::collections::VecDeque;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::errors;
use super::state::Shared;
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
    /// `Retry-After` header.
    Status {
        status: u16,
        #[serde(default)]
        retry_after: Option<String>,
        #[serde(default)]
        body: Option<String>,
    },
    /// 200 with a truncated JSON body, without processing.
    MalformedJson,
    /// Process the request fully (a reply is stored), then wait before
    /// answering, so a client with a shorter timeout cannot know the outcome.
    DelayAfterProcessing { ms: u64 },
    /// Hold the request, then process it normally: a slow reply. A client that
    /// gives up first closes the connection, the server drops the request, and
    /// it is never processed.
    DelayBeforeProcessing { ms: u64 },
}

impl Fault {
    fn matches(&self, provider: Provider, method: &str, path: &str) -> bool {
        self.times > 0
            && self.provider.as_deref().is_none_or(|p| p.eq_ignore_ascii_case(provider.as_str()))
            && self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path_contains.as_deref().is_none_or(|s| path.contains(s))
    }
}

/// Use up one application of the first queued fault matching the request.
pub(crate) fn take(
    queue: &mut VecDeque<Fault>,
    provider: Provider,
    method: &str,
    path: &str,
) -> Option<FaultAction> {
    let i = queue.iter().position(|f| f.matches(provider, method, path))?;
    let fault = &mut queue[i];
    fault.times -= 1;
    let action = fault.action.clone();
    if fault.times == 0 {
        queue.remove(i);
    }
    Some(action)
}

/// The response of a `Status` fault.
pub(crate) fn status_response(
    sh: &Shared,
    provider: Provider,
    status: u16,
    retry_after: Option<&str>,
    body: Option<&str>,
) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = match body {
        Some(body) => {
            (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
        }
        None => errors::error(sh, provider, status, errors::reason(status)),
    };
    if let Some(v) = retry_after.and_then(|v| HeaderValue::from_str(v).ok()) {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

/// A 200 whose JSON stops mid-way, shaped like the provider's success body.
pub(crate) fn malformed_json(provider: Provider) -> Response {
    let body = match provider {
        Provider::Calry => r#"{"success":true,"data":[{"id":"5375328","messages":[{"body":"Hi th"#,
        Provider::HostelMate => r#"{"pagination":{"total":12,"limit":20,"offset":0,"has_more":fal"#,
        Provider::Trellis => r#"{"data":[{"id":"c1a2b3c4-5678","contact":{"name":"Mar"#,
        Provider::Booking => r#"{"data":{"ok":"true","conversations":[{"conversation_id":"a7dd"#,
    };
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
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
        assert_eq!(f.action, FaultAction::Status { status: 503, retry_after: Some("2".into()), body: None });
        let f: Fault =
            serde_json::from_str(r#"{"action":{"kind":"delay_after_processing","ms":10}}"#).unwrap();
        assert_eq!(f.times, 1);
        let v = serde_json::to_value(FaultAction::MalformedJson).unwrap();
        assert_eq!(v, serde_json::json!({"kind": "malformed_json"}));
    }

    #[test]
    fn take_uses_faults_up_in_order() {
        let fault = |p: &str, times| Fault {
            provider: Some(p.into()),
            method: Some("get".into()),
            path_contains: Some("/conversations".into()),
            times,
            action: FaultAction::MalformedJson,
        };
        let mut q = VecDeque::from([fault("trellis", 2), fault("calry", 1)]);
        assert!(take(&mut q, Provider::Calry, "POST", "/calry/api/v2/vrs/conversations").is_none());
        assert!(
            take(&mut q, Provider::Calry, "GET", "/calry/api/v2/vrs/conversations/reservation/1").is_some()
        );
        assert!(
            take(&mut q, Provider::Calry, "GET", "/calry/api/v2/vrs/conversations/reservation/1").is_none()
        );
        assert!(take(&mut q, Provider::Trellis, "GET", "/trellis/v1/conversations").is_some());
        assert!(take(&mut q, Provider::Trellis, "GET", "/trellis/v1/conversations").is_some());
        assert!(q.is_empty());
    }
}
