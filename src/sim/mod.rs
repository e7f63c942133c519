//! The built-in provider simulator.
//!
//! One axum server on 127.0.0.1 speaks the four provider APIs as documented
//! (see `PROVIDERS.md` and the vendor seeds), each under its own prefix:
//!
//! | provider | prefix |
//! |---|---|
//! | Calry | `/calry/api/v2/vrs` |
//! | Hostel Mate | `/hostelmate` |
//! | Trellis | `/trellis/v1` |
//! | Booking.com | `/booking/messaging`, token exchange at `/booking/token-based-authentication/exchange` |
//!
//! The data is generated deterministically from a seed around an anchor time
//! ([`World`] is the ground truth). Tests and the CLI steer it through
//! [`SimHandle`] or over HTTP: `POST /__sim/faults` (a JSON [`Fault`]) and
//! `DELETE /__sim/faults`, `GET /__sim/stats` ([`SimStats`]) and
//! `POST /__sim/guest-message` ([`PushedMessage`]).
//!
//! The knobs for trouble: `latency_ms` delays every response; a [`Fault`]
//! answers an error status (429 with `Retry-After` or Trellis's reset
//! headers, 5xx), a truncated, empty, HTML or wrongly typed body, or hangs,
//! for a number of matching requests or a share of them (its error rate).
//!
//! Where to look: the fixed credentials and the config are in
//! `credentials.rs`; each `gen_*.rs` lists in its header which of its
//! provider's quirks it places where; each provider module's header lists
//! what it decided where the docs are silent.

mod booking;
mod booking_auth;
mod booking_send;
mod calry;
mod credentials;
mod errors;
mod fault_replies;
mod faults;
mod gateway;
mod gen_booking;
mod gen_calry;
mod gen_hostelmate;
mod gen_trellis;
mod generate;
mod hostelmate;
mod limits;
mod live;
mod paging;
mod phrases;
mod rng;
mod script;
mod state;
mod synthetic;
mod templates;
mod timefmt;
mod trellis;
mod world;
#[cfg(test)]
mod world_tests;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, middleware};
use serde::{Deserialize, Serialize};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use faults::{Fault, FaultAction};
pub use synthetic::{PAGE_THREADS, SyntheticInbox};
pub use world::*;

use state::{Shared, lock};

#[derive(Clone, Debug)]
pub struct SimOptions {
    /// 0 picks a free port.
    pub port: u16,
    pub seed: u64,
    /// Threads over the four accounts (at least one each).
    pub threads: usize,
    /// Instead of sharing `threads`, give every account exactly this many.
    pub threads_per_account: Option<usize>,
    /// Added before every provider response.
    pub latency_ms: u64,
    /// Demo: append a new guest message to some thread at this interval.
    pub live_every: Option<Duration>,
    /// "Now" for the generated data.
    pub anchor: jiff::Timestamp,
    /// Hostel Mate 120/min per client IP, Trellis 100/min per key. The
    /// Booking.com quota of 30 tokens an hour always applies.
    pub enforce_rate_limits: bool,
    /// Multiplies the enforced request limits (not the token quota), so that a
    /// benchmark of thousands of threads takes a minute rather than twenty; the
    /// client's budget must be scaled alike.
    pub rate_limit_scale: u32,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            port: 0,
            seed: 42,
            threads: 300,
            threads_per_account: None,
            latency_ms: 0,
            live_every: None,
            anchor: jiff::Timestamp::now(),
            enforce_rate_limits: true,
            rate_limit_scale: 1,
        }
    }
}

/// Requests served per provider (every request under its prefix, rejected
/// ones included); the Booking.com token exchange counts only in
/// `token_exchanges`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimStats {
    pub calry: u64,
    pub hostelmate: u64,
    pub trellis: u64,
    pub booking: u64,
    pub token_exchanges: u64,
}

/// A guest message appended by [`SimHandle::push_guest_message`] or live mode.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushedMessage {
    /// The account name, as in the config.
    pub account: String,
    pub thread_id: String,
    pub body: String,
}

/// Bind 127.0.0.1, generate the world and serve it in a background task.
pub async fn start(opts: SimOptions) -> std::io::Result<SimHandle> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", opts.port)).await?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared::new(&opts));
    let cancel = CancellationToken::new();
    let app = router(shared.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let stop = cancel.clone().cancelled_owned();
    let server = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(stop).await {
            tracing::warn!("simulator server stopped: {e}");
        }
    });
    let live = opts.live_every.map(|every| tokio::spawn(live::run(shared.clone(), every, cancel.clone())));
    Ok(SimHandle { addr, shared, cancel, server: Some(server), live })
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .nest("/calry/api/v2/vrs", calry::router(&shared))
        .nest("/hostelmate", hostelmate::router(&shared))
        .nest("/trellis/v1", trellis::router(&shared))
        .nest("/booking", booking::router(&shared))
        .route("/__sim/faults", post(post_fault).delete(delete_faults))
        .route("/__sim/stats", get(get_stats))
        .route("/__sim/guest-message", post(post_guest_message))
        .layer(middleware::from_fn_with_state(shared.clone(), gateway::gateway))
        .with_state(shared)
}

/// A running simulator. Dropping it stops the server too; [`Self::shutdown`]
/// also waits for it.
pub struct SimHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    cancel: CancellationToken,
    server: Option<JoinHandle<()>>,
    live: Option<JoinHandle<()>>,
}

impl SimHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A ready innbox config with the four accounts of this simulator.
    pub fn config_toml(&self) -> String {
        credentials::config_toml(&self.base_url(), &self.shared.calry_token)
    }

    pub fn stats(&self) -> SimStats {
        lock(&self.shared.stats).clone()
    }

    /// Queue a fault; the first queued fault matching a request applies.
    pub fn inject(&self, fault: Fault) {
        lock(&self.shared.faults).push(fault);
    }

    /// Drop every queued fault: the providers answer normally again.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// Applications left of the queued faults: when it drops, a request a fault
    /// holds (`Hang`) has arrived.
    pub fn faults_pending(&self) -> u32 {
        lock(&self.shared.faults).pending()
    }

    /// Append one new guest message now, as live mode does.
    pub fn push_guest_message(&self) -> PushedMessage {
        live::push_guest_message(&self.shared)
    }

    /// Append one guest message now to the thread `thread_id` (of any account).
    pub fn push_guest_message_to(&self, thread_id: &str, body: &str) -> Option<PushedMessage> {
        live::push_guest_message_to(&self.shared, thread_id, body)
    }

    /// A clone of the current ground truth.
    pub fn world(&self) -> World {
        lock(&self.shared.db).world.clone()
    }

    /// Stop accepting, let open requests finish (at most 5 s) and wait.
    pub async fn shutdown(mut self) {
        self.cancel.cancel();
        for task in [self.server.take(), self.live.take()].into_iter().flatten() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task).await.is_err() {
                abort.abort();
            }
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

async fn post_fault(State(sh): State<Arc<Shared>>, body: Bytes) -> Response {
    match serde_json::from_slice::<Fault>(&body) {
        Ok(fault) => {
            let queued = lock(&sh.faults).push(fault);
            (StatusCode::CREATED, Json(serde_json::json!({"queued": queued}))).into_response()
        }
        Err(e) => {
            (StatusCode::BAD_REQUEST, Json(serde_json::json!({"error": e.to_string()}))).into_response()
        }
    }
}

async fn delete_faults(State(sh): State<Arc<Shared>>) -> StatusCode {
    lock(&sh.faults).clear();
    StatusCode::NO_CONTENT
}

async fn get_stats(State(sh): State<Arc<Shared>>) -> Json<SimStats> {
    Json(lock(&sh.stats).clone())
}

async fn post_guest_message(State(sh): State<Arc<Shared>>) -> Json<PushedMessage> {
    Json(live::push_guest_message(&sh))
}
