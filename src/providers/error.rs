//! Typed provider errors. Each says what happened to which request and what to do;
//! the sync layer adds the account name.

use std::fmt;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// 401/403: the credentials were refused.
    Unauthorized { status: u16 },
    /// 404: the thing is gone, or the feature is off for it.
    NotFound,
    /// 429 after the retries allowed.
    RateLimited { retry_after: Option<Duration> },
    /// 5xx after the retries allowed.
    Server { status: u16 },
    /// Any other 4xx: the request itself was refused.
    Rejected { status: u16 },
    /// No answer in time. For a send, the outcome is unknown.
    Timeout,
    /// The connection could not be made; the request never left.
    Connect,
    /// The connection broke after the request may have left.
    Network,
    /// A 2xx whose JSON is not what the documentation describes.
    Decode,
    /// A 2xx whose body is no JSON at all: empty, cut off, or an HTML page from
    /// something between innbox and the provider (a proxy, a Wi-Fi sign-in page).
    NotJson,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderError {
    pub kind: ErrorKind,
    /// `GET /conversations`: the method and path, never the query or headers.
    pub request: String,
    /// What the provider said (its error message, ruid) or what failed to decode.
    pub detail: Option<String>,
}

impl ProviderError {
    pub fn new(kind: ErrorKind, request: impl Into<String>, detail: Option<String>) -> Self {
        Self { kind, request: request.into(), detail }
    }

    /// Whether repeating the same idempotent request may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::RateLimited { .. }
                | ErrorKind::Server { .. }
                | ErrorKind::Timeout
                | ErrorKind::Connect
                | ErrorKind::Network
        )
    }

    /// A short form for the status line: "HTTP 401", "timeout"...
    pub fn short(&self) -> String {
        match self.kind {
            ErrorKind::Unauthorized { status }
            | ErrorKind::Server { status }
            | ErrorKind::Rejected { status } => {
                format!("HTTP {status}")
            }
            ErrorKind::NotFound => "HTTP 404".into(),
            ErrorKind::RateLimited { .. } => "rate limited".into(),
            ErrorKind::Timeout => "timeout".into(),
            ErrorKind::Connect => "unreachable".into(),
            ErrorKind::Network => "connection lost".into(),
            ErrorKind::Decode | ErrorKind::NotJson => "bad response".into(),
        }
    }

    fn what_happened(&self) -> String {
        match self.kind {
            ErrorKind::Unauthorized { status } => format!("credentials refused (HTTP {status})"),
            ErrorKind::NotFound => "not found (HTTP 404)".into(),
            ErrorKind::RateLimited { retry_after: Some(wait) } => {
                format!("rate limited (HTTP 429, retry after {}s)", wait.as_millis().div_ceil(1000))
            }
            ErrorKind::RateLimited { retry_after: None } => "rate limited (HTTP 429)".into(),
            ErrorKind::Server { status } => format!("server error (HTTP {status})"),
            ErrorKind::Rejected { status } => format!("request refused (HTTP {status})"),
            ErrorKind::Timeout => "no answer in time".into(),
            ErrorKind::Connect => "cannot connect".into(),
            ErrorKind::Network => "connection lost".into(),
            ErrorKind::Decode => "unexpected response".into(),
            ErrorKind::NotJson => "no JSON in the response".into(),
        }
    }

    fn what_to_do(&self) -> &'static str {
        match self.kind {
            ErrorKind::Unauthorized { .. } => "check this account's credentials in the config",
            ErrorKind::NotFound => "the thread may be gone, or messaging is off for this property",
            ErrorKind::RateLimited { .. } | ErrorKind::Server { .. } => {
                "innbox will try again at the next sync"
            }
            ErrorKind::Rejected { .. } => "see the provider's message above",
            ErrorKind::Timeout => "check the network, or raise request_timeout_secs",
            ErrorKind::Connect | ErrorKind::Network => "check the network and this account's base_url",
            ErrorKind::Decode => "the provider changed its format; the log file has details",
            ErrorKind::NotJson => {
                "innbox will try again at the next sync; if this goes on, check the network and this account's base_url"
            }
        }
    }
}

impl fmt::Display for ProviderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.request, self.what_happened())?;
        if let Some(detail) = &self.detail {
            write!(f, ": {}", detail.trim_end_matches('.'))?;
        }
        write!(f, "; {}", self.what_to_do())
    }
}

impl std::error::Error for ProviderError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_says_what_where_and_what_to_do() {
        let err = ProviderError::new(
            ErrorKind::Unauthorized { status: 401 },
            "GET /conversations",
            Some("Invalid or missing API key.".into()),
        );
        assert_eq!(
            err.to_string(),
            "GET /conversations: credentials refused (HTTP 401): Invalid or missing API key; \
             check this account's credentials in the config"
        );
    }

    #[test]
    fn only_retryable_kinds_are_transient() {
        let err = |kind| ProviderError::new(kind, "GET /", None);
        assert!(err(ErrorKind::Server { status: 503 }).is_transient());
        assert!(err(ErrorKind::RateLimited { retry_after: None }).is_transient());
        assert!(!err(ErrorKind::NotFound).is_transient());
        assert!(!err(ErrorKind::Decode).is_transient());
    }
}
