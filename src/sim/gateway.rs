//! The middleware in front of every provider route: request counting,
//! latency, rate limits, faults, and error bodies in the provider's shape.
//!
//! Order, as a real API gateway would do it: count, wait `latency_ms`, check
//! the rate limit (the request counts against the quota even if a fault then
//! hits it), apply a queued fault or run the handler, and finally add the
//! Trellis `X-RateLimit-*` headers to whatever goes out.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::errors;
use super::faults::{self, FaultAction};
use super::limits::{Verdict, unix_now};
use super::state::{Shared, lock};
use super::world::Provider;

/// The provider a path belongs to, from its first segment.
fn provider_of(path: &str) -> Option<Provider> {
    let first = path.trim_start_matches('/').split('/').next()?;
    Provider::ALL.into_iter().find(|p| p.as_str() == first)
}

pub(crate) async fn gateway(State(sh): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let Some(provider) = provider_of(&path) else {
        return next.run(req).await;
    };
    count(&sh, provider, &path);
    if !sh.latency.is_zero() {
        tokio::time::sleep(sh.latency).await;
    }
    let verdict = rate_limit(&sh, provider, &req);
    let mut resp = match verdict {
        Some(v) if !v.allowed && sh.enforce_limits => too_many(&sh, provider, &v),
        _ => {
            let fault = faults::take(&mut lock(&sh.faults), provider, req.method().as_str(), &path);
            match fault {
                Some(FaultAction::Status { status, retry_after, body }) => {
                    faults::status_response(&sh, provider, status, retry_after.as_deref(), body.as_deref())
                }
                Some(FaultAction::MalformedJson) => faults::malformed_json(provider),
                Some(FaultAction::DelayAfterProcessing { ms }) => {
                    let resp = provider_shaped(&sh, provider, next.run(req).await).await;
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                    resp
                }
                Some(FaultAction::DelayBeforeProcessing { ms }) => {
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                    provider_shaped(&sh, provider, next.run(req).await).await
                }
                None => provider_shaped(&sh, provider, next.run(req).await).await,
            }
        }
    };
    if let (Provider::Trellis, Some(mut v)) = (provider, verdict) {
        if !sh.enforce_limits {
            // Headers must not announce a spent quota that is not enforced.
            v.remaining = v.limit;
        }
        let h = resp.headers_mut();
        h.insert("x-ratelimit-limit", HeaderValue::from(v.limit));
        h.insert("x-ratelimit-remaining", HeaderValue::from(v.remaining));
        h.insert("x-ratelimit-reset", HeaderValue::from(v.reset));
    }
    resp
}

fn count(sh: &Shared, provider: Provider, path: &str) {
    let mut stats = lock(&sh.stats);
    let counter = match provider {
        Provider::Booking if path.ends_with("/token-based-authentication/exchange") => {
            &mut stats.token_exchanges
        }
        Provider::Calry => &mut stats.calry,
        Provider::HostelMate => &mut stats.hostelmate,
        Provider::Trellis => &mut stats.trellis,
        Provider::Booking => &mut stats.booking,
    };
    *counter += 1;
}

/// Hostel Mate limits per client IP, Trellis per API key (whatever
/// `Authorization` holds, valid or not). The others have no documented limit
/// here (Booking.com's token quota lives in `booking_auth`).
fn rate_limit(sh: &Shared, provider: Provider, req: &Request) -> Option<Verdict> {
    let key = match provider {
        Provider::HostelMate => req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string()),
        Provider::Trellis => req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("anonymous")
            .to_string(),
        _ => return None,
    };
    let mut limits = lock(&sh.limits);
    let window = match provider {
        Provider::HostelMate => &mut limits.hostelmate,
        _ => &mut limits.trellis,
    };
    Some(window.hit(&key, unix_now()))
}

fn too_many(sh: &Shared, provider: Provider, v: &Verdict) -> Response {
    let message = format!("Rate limit exceeded: {} requests per minute", v.limit);
    let mut resp = errors::error(sh, provider, StatusCode::TOO_MANY_REQUESTS, &message);
    resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(v.retry_after(unix_now())));
    resp
}

/// Rewrite the framework's own error responses (unknown route, wrong method,
/// an unparsable path or query) into the provider's error shape. Handler
/// errors are JSON already and pass through.
async fn provider_shaped(sh: &Shared, provider: Provider, resp: Response) -> Response {
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let message = if text.is_empty() { errors::reason(status).to_string() } else { text };
    let (new_parts, new_body) = errors::error(sh, provider, status, &message).into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.extend(new_parts.headers);
    Response::from_parts(parts, new_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_from_path() {
        assert_eq!(provider_of("/calry/api/v2/vrs/reservations"), Some(Provider::Calry));
        assert_eq!(provider_of("/booking/token-based-authentication/exchange"), Some(Provider::Booking));
        assert_eq!(provider_of("/__sim/stats"), None);
        assert_eq!(provider_of("/"), None);
    }
}
