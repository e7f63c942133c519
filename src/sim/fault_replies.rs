//! What each queued fault answers instead of, or on top of, the provider's
//! own response. Bodies are shaped like each provider's, as a client would
//! really meet them.

use std::future::Future;
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::errors;
use super::faults::FaultAction;
use super::state::Shared;
use super::world::Provider;

/// Bodies larger than this are never rewritten (a real response is far smaller).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// The response to a request that `action` hits. `process` runs the request
/// as usual; it is awaited only by faults that process the request.
pub(crate) async fn reply(
    sh: &Shared,
    provider: Provider,
    action: FaultAction,
    process: impl Future<Output = Response>,
) -> Response {
    match action {
        FaultAction::Status { status, retry_after, body, reset_in } => {
            let resp = status_response(sh, provider, status, retry_after.as_deref(), body.as_deref());
            match reset_in {
                Some(secs) => quota_spent(resp, secs),
                None => resp,
            }
        }
        FaultAction::MalformedJson => malformed_json(provider),
        FaultAction::HtmlPage { status } => html_page(status),
        FaultAction::EmptyOk => {
            (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")]).into_response()
        }
        FaultAction::WrongType => wrong_type(provider, process.await).await,
        FaultAction::Hang { ms } => {
            // Dropped with the connection when the client gives up, so the
            // request is processed only if the client still waits.
            tokio::time::sleep(Duration::from_millis(ms)).await;
            process.await
        }
        FaultAction::DelayAfterProcessing { ms } => {
            let resp = process.await;
            tokio::time::sleep(Duration::from_millis(ms)).await;
            resp
        }
    }
}

fn status_response(
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

/// Marks the quota spent until `secs` from now; the gateway leaves these
/// headers as they are.
fn quota_spent(mut resp: Response, secs: u64) -> Response {
    let reset = super::limits::unix_now().saturating_add(secs);
    let headers = resp.headers_mut();
    headers.insert("x-ratelimit-remaining", HeaderValue::from(0));
    headers.insert("x-ratelimit-reset", HeaderValue::from(reset));
    resp
}

/// A 200 whose JSON stops mid-way, shaped like the provider's success body.
fn malformed_json(provider: Provider) -> Response {
    let body = match provider {
        Provider::Calry => r#"{"success":true,"data":[{"id":"5375328","messages":[{"body":"Hi th"#,
        Provider::HostelMate => r#"{"pagination":{"total":12,"limit":20,"offset":0,"has_more":fal"#,
        Provider::Trellis => r#"{"data":[{"id":"c1a2b3c4-5678","contact":{"name":"Mar"#,
        Provider::Booking => r#"{"data":{"ok":"true","conversations":[{"conversation_id":"a7dd"#,
    };
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn html_page(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    let body = if status == StatusCode::OK {
        concat!(
            "<!DOCTYPE html>\n<html><head><title>Sign in to Guest Wi-Fi</title></head>\n",
            "<body><h1>Welcome!</h1><p>Accept the terms of use to get online.</p>\n",
            "<form method=\"post\" action=\"/login\"><button>Connect</button></form></body></html>\n"
        )
        .to_string()
    } else {
        let title = format!("{} {}", status.as_u16(), errors::reason(status));
        format!(
            "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n\
             <hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        )
    };
    (status, [(header::CONTENT_TYPE, "text/html")], body).into_response()
}

/// The provider's own JSON with one field of the wrong type. Error responses
/// and anything that is not JSON pass through.
async fn wrong_type(provider: Provider, resp: Response) -> Response {
    if !resp.status().is_success() {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the simulator could not read its own response")
            .into_response();
    };
    let Ok(mut json) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, bytes.into());
    };
    let id_key = match provider {
        Provider::Booking => "conversation_id",
        _ => "id",
    };
    if !retype_first_id(&mut json, id_key) {
        retype_first_text(&mut json);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, json.to_string().into())
}

/// Turns the first `key` found (an object's own keys before its children's)
/// into an object holding its value.
fn retype_first_id(json: &mut Value, key: &str) -> bool {
    match json {
        Value::Object(map) => {
            if let Some(id) = map.get_mut(key) {
                *id = serde_json::json!({ "value": id.take() });
                return true;
            }
            map.values_mut().any(|v| retype_first_id(v, key))
        }
        Value::Array(items) => items.iter_mut().any(|v| retype_first_id(v, key)),
        _ => false,
    }
}

/// Turns the first string found into a number.
fn retype_first_text(json: &mut Value) -> bool {
    match json {
        Value::String(_) => {
            *json = Value::from(42);
            true
        }
        Value::Object(map) => map.values_mut().any(retype_first_text),
        Value::Array(items) => items.iter_mut().any(retype_first_text),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_first_id_becomes_an_object_and_nothing_else_changes() {
        let mut body = json!({"data": [{"id": 7, "messages": [{"id": "m1"}]}, {"id": 8}]});
        assert!(retype_first_id(&mut body, "id"));
        assert_eq!(body, json!({"data": [{"id": {"value": 7}, "messages": [{"id": "m1"}]}, {"id": 8}]}));
    }

    #[test]
    fn without_an_id_the_first_text_becomes_a_number() {
        let mut body = json!({"jwt": "eyJ..", "expires_in": 3600});
        assert!(!retype_first_id(&mut body, "conversation_id"));
        assert!(retype_first_text(&mut body));
        assert_eq!(body, json!({"jwt": 42, "expires_in": 3600}));
    }
}
