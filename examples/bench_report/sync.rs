//! Issue 5's sync target: a full sync of 4 accounts × 2,000 threads against the
//! simulator with 20 ms per request, measured against the ideal time, then
//! incremental rounds with nothing new: enough of them for every schedule to come
//! round (Calry's quiet rotation, Booking.com's periodic full walk), reported as
//! the typical (median) round and the worst one.
//!
//! The ideal of an account is the least time the API allows for the least work:
//! - the requests the API forces for that data: list pages, plus each thread's
//!   detail pages (Calry: one per reservation in the window; Booking.com: the token
//!   exchange too). Re-reads the client adds by choice do not count.
//! - paced by its rate limit as a sliding window that allows a full burst first:
//!   request k cannot start before floor(k / limit) minutes;
//! - and by latency at `DETAIL_CONCURRENCY` requests in flight: ceil(N / c) × 20 ms.
//!
//! The ideal is the larger of the two bounds. Dependencies (a list page before its
//! threads) are ignored, which makes the ideal stricter than any real client.

use innbox::config::{AccountConfig, Config, ProviderConfig};
use innbox::providers::{DEFAULT_QUIET_ROUNDS, DETAIL_CONCURRENCY, RetryPolicy, default_requests_per_minute};
use innbox::sim::{Account, BookingThread, Provider, SimOptions, World, start};
use innbox::store::{SharedStore, Store};
use innbox::sync::SyncEngine;
use std::time::{Duration, Instant};

const THREADS_PER_ACCOUNT: usize = 2_000;
const LATENCY: Duration = Duration::from_millis(20);
/// At the documented limits a full sync of 2,000 threads takes about 20 minutes
/// (Trellis: 2,020 requests at 100 a minute). Both the simulator's enforced limits
/// and the client's budgets are multiplied by this, and the ideal uses the same
/// multiplied limits, so the run takes about a minute.
const RATE_SCALE: u32 = 12;
const WINDOW: Duration = Duration::from_secs(60);
/// Incremental rounds measured: a whole Calry rotation and Booking.com's full walk
/// every tenth round both fall inside.
const INCREMENTAL_ROUNDS: u32 = DEFAULT_QUIET_ROUNDS + 1;

pub async fn report(figures: &mut super::Figures) -> anyhow::Result<()> {
    let sim = start(SimOptions {
        threads_per_account: Some(THREADS_PER_ACCOUNT),
        latency_ms: LATENCY.as_millis() as u64,
        rate_limit_scale: RATE_SCALE,
        ..SimOptions::default()
    })
    .await?;
    let mut config = Config::parse_str(&sim.config_toml()).map_err(anyhow::Error::msg)?;
    for account in &mut config.accounts {
        account.requests_per_minute = Some(default_requests_per_minute(account.kind()) * RATE_SCALE);
    }
    let world = sim.world();
    let dir = tempfile::tempdir()?;
    let store = SharedStore::new(Store::open_in(dir.path())?);
    let (engine, _events) = SyncEngine::new(&config, store, RetryPolicy::default());
    println!(
        "sync at scale: 4 accounts × {THREADS_PER_ACCOUNT} threads, {} ms per request, rate limits ×{RATE_SCALE} \
         (simulator and client alike; the ideal uses the same limits)",
        LATENCY.as_millis()
    );
    println!(
        "  ideal = max(rate bound, latency bound) over the requests the API forces; rate bound: a sliding \
         one-minute window allowing a full burst first; latency bound: {DETAIL_CONCURRENCY} requests in flight"
    );

    let started = Instant::now();
    let full = engine.run_once().await;
    let wall = started.elapsed();
    let mut worst_ratio: f64 = 0.0;
    for (name, result) in &full {
        let report = result.as_ref().map_err(|e| anyhow::anyhow!("{name}: {}", e.message))?;
        let account = config.accounts.iter().find(|a| &a.name == name).expect("the engine's own account");
        let ideal = Ideal::of(&world, account);
        let ratio = report.elapsed.as_secs_f64() / ideal.time().as_secs_f64();
        worst_ratio = worst_ratio.max(ratio);
        println!(
            "  full        {name:<18} {:>5} requests (API minimum {:>5}) {:>7.2} s; ideal {:>6.2} s at {}/min; ratio {ratio:.2}",
            report.requests,
            ideal.requests,
            report.elapsed.as_secs_f64(),
            ideal.time().as_secs_f64(),
            ideal.per_minute,
        );
    }
    println!("  full        {:<18} {:>7.2} s wall", "all accounts", wall.as_secs_f64());

    let mut rounds: Vec<(String, Vec<u64>)> =
        config.accounts.iter().map(|a| (a.name.clone(), vec![])).collect();
    for _ in 0..INCREMENTAL_ROUNDS {
        for (name, result) in engine.run_once().await {
            let report = result.map_err(|e| anyhow::anyhow!("{name}: {}", e.message))?;
            if report.threads_changed > 0 {
                anyhow::bail!("{name}: {} threads changed with nothing new", report.threads_changed);
            }
            let account = rounds.iter_mut().find(|(n, _)| *n == name).expect("the engine's own account");
            account.1.push(report.requests);
        }
    }
    let (mut typical_max, mut worst_max) = (0, 0);
    for (name, mut requests) in rounds {
        let all = requests.iter().map(u64::to_string).collect::<Vec<_>>().join(" ");
        requests.sort_unstable();
        let (typical, worst) = (requests[requests.len() / 2], requests[requests.len() - 1]);
        (typical_max, worst_max) = (typical_max.max(typical), worst_max.max(worst));
        println!(
            "  incremental {name:<18} {typical:>5} requests a round (median), worst {worst:>5}; rounds: {all}"
        );
    }
    println!("  sync_ratio_to_ideal is the worst account's ratio (the wall time would hide the others)\n");
    figures.insert("sync_ratio_to_ideal".into(), ((worst_ratio * 100.0).round() / 100.0).into());
    figures.insert("sync_incremental_requests".into(), typical_max.into());
    figures.insert("sync_incremental_max_requests".into(), worst_max.into());
    Ok(())
}

/// The least work the API forces for one account's data, and its budget.
struct Ideal {
    requests: u64,
    per_minute: u32,
}

impl Ideal {
    fn of(world: &World, account: &AccountConfig) -> Self {
        let per_minute = account.requests_per_minute.unwrap_or(default_requests_per_minute(account.kind()));
        let data =
            world.accounts.iter().find(|a| a.name == account.name).expect("the simulator's own account");
        Self { requests: minimum_requests(data, &account.provider), per_minute }
    }

    fn time(&self) -> Duration {
        let windows = (self.requests.saturating_sub(1) / u64::from(self.per_minute)) as u32;
        let rate_bound = WINDOW * windows + LATENCY;
        let latency_bound = LATENCY * self.requests.div_ceil(DETAIL_CONCURRENCY as u64) as u32;
        rate_bound.max(latency_bound)
    }
}

fn minimum_requests(data: &Account, provider: &ProviderConfig) -> u64 {
    let pages = |items: usize, size: usize| items.div_ceil(size).max(1) as u64;
    let details = |size: usize| data.threads.iter().map(|t| pages(t.messages.len(), size)).sum::<u64>();
    match (data.provider, provider) {
        (Provider::Calry, ProviderConfig::Calry { lookback_days, lookahead_days, .. }) => {
            let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
            let start = today.saturating_sub(jiff::Span::new().days(i64::from(*lookback_days)));
            let end = today.saturating_add(jiff::Span::new().days(i64::from(*lookahead_days)));
            1 + data.reservations.iter().filter(|r| r.departure >= start && r.arrival <= end).count() as u64
        }
        (Provider::HostelMate, _) => pages(data.threads.len(), 100) + details(100),
        (Provider::Trellis, _) => pages(data.threads.len(), 100) + data.threads.len() as u64,
        (Provider::Booking, ProviderConfig::Booking { property_ids, .. }) => {
            let listed = property_ids
                .iter()
                .map(|property| {
                    let of_property = data
                        .threads
                        .iter()
                        .filter(|t| {
                            innbox::sim::WireOf::of(&t.wire)
                                .is_some_and(|w: &BookingThread| &w.property_id == property)
                        })
                        .count();
                    pages(of_property, 50)
                })
                .sum::<u64>();
            1 + listed + details(50)
        }
        _ => unreachable!("the simulator's config names each provider's own settings"),
    }
}
