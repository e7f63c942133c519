//! One account's view of the shared HTTP client: its base URL, its request budget,
//! retries with backoff, and the mapping of every failure onto a typed error.

use super::error::{ErrorKind, ProviderError};
use super::ratelimit::RateLimiter;
use super::retry::{RetryPolicy, quota_exhausted, server_wait};
use crate::domain::sanitize::sanitize_line;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Adds an account's auth headers to a request; called again for every attempt.
pub type Authorize<'a> = &'a (dyn Fn(RequestBuilder) -> RequestBuilder + Sync);

/// The one reqwest client of the process: every account shares its connection pool.
pub fn shared_client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(concat!("innbox/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(10).min(timeout))
        .timeout(timeout)
        // None of the four APIs documents redirects, and reqwest would carry custom
        // auth headers (Hostel Mate's X-API-Key) across hosts.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("the TLS backend is compiled in, so building a client cannot fail")
}

#[derive(Debug)]
pub struct Endpoint {
    client: reqwest::Client,
    base_url: String,
    limiter: RateLimiter,
    retry: RetryPolicy,
    requests: AtomicU64,
}

/// Whether repeating a request can do harm: a reply must never be sent twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// Reads: retry every transient failure.
    Safe,
    /// Sends: retry only when the server certainly did nothing (no connection, 429).
    OnlyIfUnprocessed,
}

impl Endpoint {
    pub fn new(client: reqwest::Client, base_url: &str, per_minute: u32, retry: RetryPolicy) -> Self {
        Self {
            client,
            base_url: base_url.trim_end_matches('/').to_owned(),
            limiter: RateLimiter::per_minute(per_minute),
            retry,
            requests: AtomicU64::new(0),
        }
    }

    /// Requests made so far, retries included.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// GET `{base_url}{path}` and decode the JSON body.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        authorize: Authorize<'_>,
    ) -> Result<T, ProviderError> {
        let url = self.url(path);
        let label = format!("GET {path}");
        let body =
            self.execute(Method::GET, &url, &label, &|r| authorize(r.query(query)), Repeat::Safe).await?;
        decode(&label, &body)
    }

    /// Sends a JSON body to a full URL and returns the raw response body.
    pub async fn send_json(
        &self,
        method: Method,
        url: &str,
        label: &str,
        body: &serde_json::Value,
        authorize: Authorize<'_>,
        repeat: Repeat,
    ) -> Result<String, ProviderError> {
        self.execute(method, url, label, &|r| authorize(r.json(body)), repeat).await
    }

    /// Sends the request `build` makes (headers, any body) to a full URL, with
    /// retries as `repeat` allows, and returns the raw response body.
    pub(super) async fn execute(
        &self,
        method: Method,
        url: &str,
        label: &str,
        build: Authorize<'_>,
        repeat: Repeat,
    ) -> Result<String, ProviderError> {
        let mut delays = self.retry.backoff();
        loop {
            self.limiter.acquire().await;
            self.requests.fetch_add(1, Ordering::Relaxed);
            let (error, server_asked) =
                match self.attempt(build(self.client.request(method.clone(), url)), label).await {
                    Ok(body) => return Ok(body),
                    Err(failure) => failure,
                };
            let may_repeat = match repeat {
                Repeat::Safe => error.is_transient(),
                Repeat::OnlyIfUnprocessed => {
                    matches!(error.kind, ErrorKind::Connect | ErrorKind::RateLimited { .. })
                }
            };
            let Some(backoff) = delays.next().filter(|_| may_repeat) else { return Err(error) };
            let wait = match server_asked {
                Some(wait) if wait > self.retry.max_server_wait => return Err(error),
                Some(wait) => wait.max(self.retry.min_delay),
                None => backoff,
            };
            tracing::debug!(request = label, error = %error, ?wait, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// One try. On failure also returns how long the server asked us to wait.
    async fn attempt(
        &self,
        request: RequestBuilder,
        label: &str,
    ) -> Result<String, (ProviderError, Option<Duration>)> {
        let response = request.send().await.map_err(|e| (transport_error(&e, label), None))?;
        let status = response.status();
        tracing::debug!(request = label, status = status.as_u16(), "answered");
        let wait = server_wait(response.headers(), jiff::Timestamp::now());
        if quota_exhausted(response.headers()) {
            // However long the server claims, never hold the account longer than we
            // would wait out a Retry-After.
            let pause = wait.unwrap_or(Duration::from_secs(60)).min(self.retry.max_server_wait);
            self.limiter.pause_until(tokio::time::Instant::now() + pause).await;
        }
        let body = response.bytes().await.map_err(|e| (transport_error(&e, label), None))?;
        let body = super::lossy::utf8(body.into());
        if status.is_success() {
            return Ok(body);
        }
        let kind = match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                ErrorKind::Unauthorized { status: status.as_u16() }
            }
            StatusCode::NOT_FOUND => ErrorKind::NotFound,
            StatusCode::TOO_MANY_REQUESTS => ErrorKind::RateLimited { retry_after: wait },
            s if s.is_server_error() => ErrorKind::Server { status: s.as_u16() },
            s => ErrorKind::Rejected { status: s.as_u16() },
        };
        Err((ProviderError::new(kind, label, error_detail(&body)), wait))
    }
}

/// Ids go into URL paths; percent-encode them so they cannot add segments or a query.
pub fn path_segment(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Decodes a success body. A body that is no JSON at all says so, as it points at
/// the network rather than at the provider's format.
pub fn decode<T: DeserializeOwned>(label: &str, body: &str) -> Result<T, ProviderError> {
    serde_json::from_str(&super::lossy::json_surrogates(body)).map_err(|e| match not_json(body, &e) {
        Some(what) => ProviderError::new(ErrorKind::NotJson, label, Some(what)),
        // serde quotes the offending value, which is provider text.
        None => ProviderError::new(ErrorKind::Decode, label, short_line(&e.to_string())),
    })
}

/// What the body is instead, when it is no JSON at all rather than JSON of another shape.
fn not_json(body: &str, error: &serde_json::Error) -> Option<String> {
    let body = body.trim_start();
    if body.is_empty() {
        Some("the body was empty".into())
    } else if body.starts_with('<') {
        Some(html_summary(body))
    } else {
        error.is_eof().then(|| "the body ends mid-way, as if cut off".into())
    }
}

/// "an HTML page, “502 Bad Gateway”": its title is all it usefully says on one line.
fn html_summary(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let title = lower
        .find("<title>")
        .map(|start| start + "<title>".len())
        .and_then(|start| Some(&html[start..start + lower[start..].find("</title>")?]))
        .and_then(short_line);
    match title {
        Some(title) => format!("an HTML page, “{title}”"),
        None => "an HTML page".into(),
    }
}

/// Provider text for a one-line message: sanitized, and at most 160 characters.
fn short_line(text: &str) -> Option<String> {
    sanitize_line(&text.chars().take(160).collect::<String>())
}

fn transport_error(error: &reqwest::Error, label: &str) -> ProviderError {
    let kind = if error.is_connect() {
        ErrorKind::Connect
    } else if error.is_timeout() {
        ErrorKind::Timeout
    } else {
        ErrorKind::Network
    };
    // reqwest's Display includes the URL; keep only the innermost cause.
    let mut cause: &dyn std::error::Error = error;
    let mut tls = false;
    while let Some(next) = cause.source() {
        cause = next;
        tls |= cause.downcast_ref::<std::io::Error>().is_some_and(is_tls_failure);
    }
    let detail = if tls { format!("TLS failed: {cause}") } else { cause.to_string() };
    ProviderError::new(kind, label, sanitize_line(&detail))
}

/// The TLS layer reports its failures as invalid data on the connection, which the
/// connector wraps in further I/O errors.
fn is_tls_failure(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::InvalidData
        || error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<std::io::Error>())
            .is_some_and(is_tls_failure)
}

/// Pulls the provider's own explanation out of an error body, whatever its shape:
/// `{"error":{"message"}}`, `{"error":"..."}`, `{"message"}`, `{"errors":[{"message"}]}`.
/// Booking's `meta.ruid` is kept because its support asks for it.
pub fn error_detail(body: &str) -> Option<String> {
    let json: serde_json::Value = match serde_json::from_str(body) {
        Ok(json) => json,
        Err(_) => return plain_text_detail(body),
    };
    let text = |v: &serde_json::Value| v.as_str().and_then(sanitize_line);
    let message = [
        json.pointer("/error/message"),
        json.get("error").filter(|e| e.is_string()),
        json.get("message"),
        json.pointer("/errors/0/message"),
        json.pointer("/errors/0/code"),
        json.get("detail"),
    ]
    .into_iter()
    .flatten()
    .find_map(text);
    let ruid = json.pointer("/meta/ruid").and_then(text).map(|ruid| format!("ruid {ruid}"));
    match (message, ruid) {
        (Some(message), Some(ruid)) => Some(format!("{message} ({ruid})")),
        (message, ruid) => message.or(ruid),
    }
}

fn plain_text_detail(body: &str) -> Option<String> {
    let trimmed = body.trim_start();
    if trimmed.starts_with('<') {
        // A proxy's page rather than the provider's answer.
        return Some(html_summary(trimmed));
    }
    short_line(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_details_come_from_every_documented_shape() {
        let detail = |body: &str| error_detail(body).unwrap_or_default();
        assert_eq!(
            detail(r#"{"error":{"code":"not_found","message":"No conversation found."}}"#),
            "No conversation found."
        );
        assert_eq!(detail(r#"{"error":"messaging_unavailable"}"#), "messaging_unavailable");
        assert_eq!(detail(r#"{"success":false,"message":"Unauthorized"}"#), "Unauthorized");
        assert_eq!(
            detail(
                r#"{"data":{"ok":false},"errors":[{"code":"x","message":"read only"}],"meta":{"ruid":"R1"}}"#
            ),
            "read only (ruid R1)"
        );
        assert_eq!(detail("upstream connect error"), "upstream connect error");
        assert_eq!(error_detail("<html><body>502</body></html>").as_deref(), Some("an HTML page"));
        let nginx = "<html>\r\n<head><TITLE>502 Bad Gateway</TITLE></head><body>nginx</body></html>";
        assert_eq!(error_detail(nginx).as_deref(), Some("an HTML page, “502 Bad Gateway”"));
    }

    #[test]
    fn a_body_that_is_no_json_says_what_it_is_instead() {
        let error = |body: &str| decode::<serde_json::Value>("GET /x", body).unwrap_err();
        let captive = "<!DOCTYPE html><html><head><title>Sign in to Guest Wi-Fi</title></head></html>";
        for (body, detail) in [
            ("", "the body was empty"),
            ("  \n", "the body was empty"),
            (r#"{"data":[{"id":"c1","name":"Mar"#, "the body ends mid-way, as if cut off"),
            (captive, "an HTML page, “Sign in to Guest Wi-Fi”"),
        ] {
            let error = error(body);
            assert_eq!((error.kind, error.detail.as_deref()), (ErrorKind::NotJson, Some(detail)), "{body:?}");
        }
        #[derive(Debug, serde::Deserialize)]
        struct Row {
            #[allow(dead_code)] // read only by serde
            id: String,
        }
        let wrong = decode::<Row>("GET /x", r#"{"id":{"value":"\u202e7"}}"#).unwrap_err();
        assert_eq!(wrong.kind, ErrorKind::Decode);
        assert!(!wrong.to_string().contains('\u{202e}'), "provider text is sanitized: {wrong}");
    }

    #[test]
    fn path_segments_cannot_escape_their_segment() {
        assert_eq!(path_segment("abc-123_x.y~z"), "abc-123_x.y~z");
        assert_eq!(path_segment("../a b?c/d"), "..%2Fa%20b%3Fc%2Fd");
        assert_eq!(path_segment("é"), "%C3%A9");
    }

    #[test]
    fn error_details_are_sanitized() {
        assert_eq!(error_detail("{\"message\":\"bad\\u001b[2J key\"}").as_deref(), Some("bad key"));
    }
}
