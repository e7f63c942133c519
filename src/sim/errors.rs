//! Each provider's error body, built in one place so handlers, faults and
//! the gateway's rewrite of framework errors all agree.
//!
//! - Calry: `{"success":false,"message":"..."}` (undocumented; Calry-like).
//! - Hostel Mate: `{"error":"not_found","message":"..."}` (the doc shows
//!   only `error`; `message` is extra detail a client may show).
//! - Trellis: `{"error":{"code":"not_found","message":"..."}}`.
//! - Booking.com: the usual envelope with one entry in `errors[]`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::state::Shared;
use super::world::Provider;

pub(crate) fn error(sh: &Shared, provider: Provider, status: StatusCode, message: &str) -> Response {
    (status, Json(error_body(sh, provider, status, message))).into_response()
}

fn error_body(sh: &Shared, provider: Provider, status: StatusCode, message: &str) -> Value {
    let code = code(provider, status);
    match provider {
        Provider::Calry => json!({"success": false, "message": message}),
        Provider::HostelMate => json!({"error": code, "message": message}),
        Provider::Trellis => json!({"error": {"code": code, "message": message}}),
        Provider::Booking => {
            let (ruid, _) = sh.booking_response();
            json!({
                "data": {"ok": false},
                "errors": [{"code": code.to_uppercase(), "message": message}],
                "warnings": [],
                "meta": {"ruid": ruid},
            })
        }
    }
}

fn code(provider: Provider, status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        429 => "rate_limited",
        502 => "bad_gateway",
        503 if provider == Provider::HostelMate => "messaging_unavailable",
        503 => "service_unavailable",
        504 => "gateway_timeout",
        500..=599 => "internal_error",
        _ => "error",
    }
}

/// A short human message for a status, used when nothing better is known.
pub(crate) fn reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("Error")
}
