//! The four provider clients behind one interface. Providers map wire JSON into
//! domain types and hand finished pages to a sink; they never see the store or UI.

mod booking;
mod booking_auth;
mod booking_tags;
mod booking_wire;
#[cfg(test)]
mod booking_wire_tests;
mod calry;
mod calry_schedule;
mod calry_wire;
mod error;
mod hostelmate;
mod http;
mod jwt;
mod list_rounds;
mod lossy;
mod offset;
#[cfg(test)]
mod offset_tests;
mod ratelimit;
mod retry;
mod sink;
mod trellis;
pub mod wire;

pub use calry_schedule::DEFAULT_QUIET_ROUNDS;
pub use error::{ErrorKind, ProviderError};
pub use http::shared_client;
pub use retry::RetryPolicy;
pub use sink::{Page, PageSink, Progress};

use crate::config::{AccountConfig, ProviderConfig};
use crate::domain::{Message, ProviderKind, TagWish, Thread};
use std::collections::HashMap;

/// What a sync learned about one thread: its metadata and its whole history.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadUpdate {
    pub thread: Thread,
    pub messages: Vec<Message>,
    /// The sync cursor for this thread: when the provider shows the same marker
    /// again, the thread has not changed and is not fetched.
    pub marker: Option<String>,
    /// One line per part of the thread (a message, mostly) that could not be read.
    /// The sink drops the marker of such a thread, so the next sync reads it again.
    pub skipped: Vec<String>,
}

/// Thread id → the marker stored at the last sync.
pub type KnownMarkers = HashMap<String, String>;

/// What became of one reply handed to a provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    Sent {
        provider_message_id: Option<String>,
    },
    /// Certainly not delivered, and trying again later may work.
    NotSent(String),
    /// Refused; it will not work without a change.
    Refused(String),
    /// The request may have been processed: re-read the thread before any resend.
    Unknown(String),
}

impl SendOutcome {
    fn from_error(error: ProviderError) -> Self {
        let reason = error.to_string();
        match error.kind {
            ErrorKind::Connect | ErrorKind::RateLimited { .. } => Self::NotSent(reason),
            ErrorKind::Unauthorized { .. } | ErrorKind::NotFound | ErrorKind::Rejected { .. } => {
                Self::Refused(reason)
            }
            // A 5xx, a timeout or a broken connection may all follow a processed send.
            ErrorKind::Server { .. }
            | ErrorKind::Timeout
            | ErrorKind::Network
            | ErrorKind::Decode
            | ErrorKind::NotJson => Self::Unknown(reason),
        }
    }
}

/// A server that keeps announcing more pages must not keep a sync paging forever.
const MAX_PAGES: usize = 10_000;

/// Threads from one page of a detail fetch are emitted together; this many detail
/// requests of one account run at once (the rate limiter still bounds the total).
pub const DETAIL_CONCURRENCY: usize = 4;

/// Requests per minute when the config does not say. Hostel Mate and Trellis
/// document theirs; Calry and Booking.com do not, so these are cautious guesses.
pub fn default_requests_per_minute(kind: ProviderKind) -> u32 {
    match kind {
        ProviderKind::HostelMate => 120,
        ProviderKind::Trellis => 100,
        ProviderKind::Calry => 120,
        ProviderKind::Booking => 300,
    }
}

/// One configured account's client.
pub enum ProviderClient {
    Calry(calry::Calry),
    HostelMate(hostelmate::HostelMate),
    Trellis(trellis::Trellis),
    Booking(booking::Booking),
}

impl ProviderClient {
    pub fn new(account: &AccountConfig, client: reqwest::Client, retry: RetryPolicy) -> Self {
        let per_minute = account.requests_per_minute.unwrap_or(default_requests_per_minute(account.kind()));
        let endpoint = http::Endpoint::new(client.clone(), &account.base_url, per_minute, retry);
        let name = account.name.clone();
        match &account.provider {
            ProviderConfig::Calry {
                token,
                workspace_id,
                integration_account_id,
                lookback_days,
                lookahead_days,
                quiet_rounds,
            } => Self::Calry(calry::Calry::new(calry::CalryConfig {
                account: name,
                endpoint,
                token: token.clone(),
                workspace_id: workspace_id.clone(),
                integration_account_id: integration_account_id.clone(),
                lookback_days: *lookback_days,
                lookahead_days: *lookahead_days,
                quiet_rounds: *quiet_rounds,
            })),
            ProviderConfig::HostelMate { api_key } => {
                Self::HostelMate(hostelmate::HostelMate::new(name, endpoint, api_key.clone()))
            }
            ProviderConfig::Trellis { token } => {
                Self::Trellis(trellis::Trellis::new(name, endpoint, token.clone()))
            }
            ProviderConfig::Booking { property_ids, auth } => {
                let auth = booking_auth::TokenCache::new(auth.clone());
                Self::Booking(booking::Booking::new(name, endpoint, property_ids.clone(), auth))
            }
        }
    }

    pub fn kind(&self) -> ProviderKind {
        match self {
            Self::Calry(_) => ProviderKind::Calry,
            Self::HostelMate(_) => ProviderKind::HostelMate,
            Self::Trellis(_) => ProviderKind::Trellis,
            Self::Booking(_) => ProviderKind::Booking,
        }
    }

    /// HTTP requests made so far, retries and token exchanges included.
    pub fn requests(&self) -> u64 {
        match self {
            Self::Calry(c) => c.requests(),
            Self::HostelMate(c) => c.requests(),
            Self::Trellis(c) => c.requests(),
            Self::Booking(c) => c.requests(),
        }
    }

    /// One round: the threads the provider lists, as far as its round needs
    /// (Booking.com stops early, Calry asks its schedule's reservations), fetching
    /// only those whose marker changed. Pages go to `sink` as they complete. It
    /// leaves a share of the request budget to deliveries, which run beside it.
    pub async fn sync(&self, known: &KnownMarkers, sink: &PageSink) -> Result<(), ProviderError> {
        ratelimit::as_sync(async {
            match self {
                Self::Calry(c) => c.sync(known, sink).await,
                Self::HostelMate(c) => c.sync(known, sink).await,
                Self::Trellis(c) => c.sync(known, sink).await,
                Self::Booking(c) => c.sync(known, sink).await,
            }
        })
        .await
    }

    /// Re-reads one thread in full (after a send, or to settle an unknown outcome).
    pub async fn fetch_thread(&self, thread: &Thread) -> Result<ThreadUpdate, ProviderError> {
        match self {
            Self::Calry(c) => c.fetch_thread(thread).await,
            Self::HostelMate(c) => c.fetch_thread(thread).await,
            Self::Trellis(c) => c.fetch_thread(thread).await,
            Self::Booking(c) => c.fetch_thread(thread).await,
        }
    }

    /// Delivers one reply. Never retried here once it may have reached the provider.
    pub async fn send(&self, thread: &Thread, body: &str) -> SendOutcome {
        if let Some(reason) = thread.reply.blocked_reason() {
            return SendOutcome::Refused(reason.to_owned());
        }
        let result = match self {
            Self::Calry(c) => c.send(thread, body).await,
            Self::Booking(c) => c.send(thread, body).await,
            Self::HostelMate(_) | Self::Trellis(_) => {
                return SendOutcome::Refused(read_only_reason(self.kind()).to_owned());
            }
        };
        result.unwrap_or_else(SendOutcome::from_error)
    }

    /// Tells the provider the user's wish for a thread's tag. A read mark answers
    /// how many guest messages the provider still counts unread (those newer than
    /// the wish). Providers without a tags API keep tags local: nothing is sent.
    pub async fn set_tag(&self, thread: &Thread, wish: TagWish) -> Result<Option<u32>, ProviderError> {
        match self {
            Self::Booking(c) => c.set_tag(thread, wish).await,
            Self::Calry(_) | Self::HostelMate(_) | Self::Trellis(_) => Ok(None),
        }
    }

    /// Things the user should know before they bite, such as a token about to expire.
    pub fn warnings(&self, now: jiff::Timestamp) -> Vec<String> {
        match self {
            Self::Calry(c) => c.warnings(now),
            _ => Vec::new(),
        }
    }
}

/// A re-read of one thread can know less than the sync that first found it (Calry's
/// reservation dates, Hostel Mate's list row): keep what the stored thread knew.
fn keep_known_details(fresh: &mut Thread, stored: &Thread) {
    fresh.channel = fresh.channel.take().or_else(|| stored.channel.clone());
    fresh.guest.name = fresh.guest.name.take().or_else(|| stored.guest.name.clone());
    fresh.guest.email = fresh.guest.email.take().or_else(|| stored.guest.email.clone());
    fresh.guest.phone = fresh.guest.phone.take().or_else(|| stored.guest.phone.clone());
    fresh.property_id = fresh.property_id.take().or_else(|| stored.property_id.clone());
    fresh.property_name = fresh.property_name.take().or_else(|| stored.property_name.clone());
    fresh.subject = fresh.subject.take().or_else(|| stored.subject.clone());
    match (&mut fresh.reservation, &stored.reservation) {
        (Some(fresh), Some(stored)) if fresh.id == stored.id => {
            fresh.check_in = fresh.check_in.or(stored.check_in);
            fresh.check_out = fresh.check_out.or(stored.check_out);
        }
        (fresh @ None, stored) => *fresh = stored.clone(),
        _ => {}
    }
}

/// Why a thread of a read-only provider cannot be answered from innbox.
pub fn read_only_reason(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::HostelMate => "Hostel Mate has no reply API, so answer in Hostel Mate",
        ProviderKind::Trellis => "Trellis has no reply API, so answer in Trellis",
        ProviderKind::Booking => "this Booking.com conversation is read-only",
        ProviderKind::Calry => "this Calry conversation cannot be answered",
    }
}
