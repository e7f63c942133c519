//! Helpers shared by the integration tests: a simulator per test, the config it
//! prints, and clients with retries fast enough for tests.
#![allow(dead_code)] // each test binary uses a different subset

use innbox::config::Config;
use innbox::domain::Direction;
use innbox::providers::{Page, PageSink, ProviderClient, RetryPolicy, ThreadUpdate, shared_client};
use innbox::sim::{self, Fault, FaultAction, SimHandle, SimOptions, World};
use std::time::Duration;

pub const CALRY: &str = "Lakeside Rentals";
pub const HOSTELMATE: &str = "Harbour Hostel";
pub const TRELLIS: &str = "Sunset Villas";
pub const BOOKING: &str = "Canal House";

/// A simulator with the default data set, on a free port.
pub async fn sim() -> SimHandle {
    innbox::sim::start(SimOptions::default()).await.expect("the simulator starts")
}

pub fn config(sim: &SimHandle) -> Config {
    Config::parse_str(&sim.config_toml()).expect("the simulator prints a valid config")
}

/// Retries that behave like production's but wait milliseconds, not seconds.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        min_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_server_wait: Duration::from_secs(2),
    }
}

pub fn client(sim: &SimHandle, account: &str, retry: RetryPolicy) -> ProviderClient {
    let config = config(sim);
    let account = config.account(account).unwrap_or_else(|| panic!("no account {account}"));
    ProviderClient::new(account, shared_client(Duration::from_secs(5)), retry)
}

/// One full sync; returns every update and the lines of skipped items.
pub async fn sync_all(
    client: &ProviderClient,
    known: &innbox::providers::KnownMarkers,
) -> Result<(Vec<ThreadUpdate>, Vec<String>), innbox::providers::ProviderError> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Page>(1024);
    let collect = async move {
        let mut pages = Vec::new();
        while let Some(page) = rx.recv().await {
            pages.push(page);
        }
        pages
    };
    let fetch = async move {
        let sink = PageSink::new(tx);
        client.sync(known, &sink).await
    };
    let (result, pages) = tokio::join!(fetch, collect);
    result?;
    let skipped = pages.iter().flat_map(|p| p.skipped.clone()).collect();
    Ok((pages.into_iter().flat_map(|p| p.updates).collect(), skipped))
}

pub fn fault(provider: &str, path_contains: &str, times: u32, action: FaultAction) -> Fault {
    Fault {
        provider: Some(provider.into()),
        method: None,
        path_contains: Some(path_contains.into()),
        times,
        probability: None,
        action,
    }
}

pub fn status(status: u16, retry_after: Option<&str>) -> FaultAction {
    FaultAction::Status { status, retry_after: retry_after.map(Into::into), body: None, reset_in: None }
}

pub fn direction(d: sim::Direction) -> Direction {
    match d {
        sim::Direction::Inbound => Direction::Inbound,
        sim::Direction::Outbound => Direction::Outbound,
        sim::Direction::System => Direction::System,
    }
}

/// The simulator's threads of `account` that a client should see: all, except Calry
/// threads whose reservation lies outside the default 30/180-day window.
pub fn expected_threads<'a>(world: &'a World, account: &str) -> Vec<&'a sim::Thread> {
    let account = world.accounts.iter().find(|a| a.name == account).unwrap();
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    let in_window = |thread: &sim::Thread| match &thread.wire {
        sim::ThreadWire::Calry(calry) => account.reservations.iter().any(|r| {
            r.id == calry.reservation_id
                && r.departure >= today.checked_sub(jiff::Span::new().days(30)).unwrap()
                && r.arrival <= today.checked_add(jiff::Span::new().days(180)).unwrap()
        }),
        _ => true,
    };
    account.threads.iter().filter(|t| in_window(t)).collect()
}
