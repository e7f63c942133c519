//! Booking.com token-based authentication: the exchange endpoint and the
//! bearer check in front of the Messaging API.
//!
//! Where the docs are silent:
//! - the exchange answers `{"jwt": "...", "ruid": "..."}` and errors in the
//!   usual envelope (400 bad body, 401 bad credentials, 429 with
//!   `Retry-After` past 30 tokens in the current clock hour);
//! - a token is valid if this simulator issued it and its `exp` (one hour,
//!   real wall clock, since clients compare it with their own clock) has not
//!   passed. Signatures are random bytes and never checked.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::credentials::{BOOKING_CLIENT_ID, BOOKING_CLIENT_SECRET, jwt};
use super::errors::error;
use super::limits::unix_now;
use super::rng::Rng;
use super::state::{Shared, lock};
use super::world::Provider;

const LIFETIME: i64 = 3600;

#[derive(Deserialize)]
struct Credentials {
    client_id: String,
    client_secret: String,
}

pub(crate) async fn exchange(State(sh): State<Arc<Shared>>, body: Bytes) -> Response {
    let fail = |status, m: &str| error(&sh, Provider::Booking, status, m);
    let creds: Credentials = match serde_json::from_slice(&body) {
        Ok(c) => c,
        Err(e) => {
            return fail(
                StatusCode::BAD_REQUEST,
                &format!("Expected {{\"client_id\",\"client_secret\"}}: {e}"),
            );
        }
    };
    if creds.client_id != BOOKING_CLIENT_ID || creds.client_secret != BOOKING_CLIENT_SECRET {
        return fail(StatusCode::UNAUTHORIZED, "Invalid client credentials");
    }
    let now = unix_now();
    let verdict = lock(&sh.limits).booking_tokens.hit(&creds.client_id, now);
    if !verdict.allowed {
        let mut resp = fail(StatusCode::TOO_MANY_REQUESTS, "Token limit reached: 30 tokens per hour");
        resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(verdict.retry_after(now)));
        return resp;
    }
    let iat = now as i64;
    let mut tokens = lock(&sh.tokens);
    tokens.retain(|(_, exp)| *exp > iat);
    // Unique per token: the second it was made and how many are live.
    let n = now * 1000 + tokens.len() as u64;
    let payload = json!({
        "sub": "connectivity-auth-proxy",
        "aud": creds.client_id,
        "iss": "urn://connectivity-modern-auth/v1",
        "iat": iat,
        "exp": iat + LIFETIME,
        "jti": Rng::stream(sh.seed, "jti", n).uuid(),
    });
    let token = jwt(&payload, &mut Rng::stream(sh.seed, "jwt", n));
    tokens.push((token.clone(), iat + LIFETIME));
    drop(tokens);
    let (ruid, _) = sh.booking_response();
    Json(json!({"jwt": token, "ruid": ruid})).into_response()
}

/// Let the request through only with `Authorization: Bearer <live token>`.
pub(crate) async fn require_token(State(sh): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let now = unix_now() as i64;
    let valid = bearer.is_some_and(|b| lock(&sh.tokens).iter().any(|(t, exp)| t == b && *exp > now));
    if !valid {
        return error(&sh, Provider::Booking, StatusCode::UNAUTHORIZED, "Missing, invalid or expired token");
    }
    next.run(req).await
}
