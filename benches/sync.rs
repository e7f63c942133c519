//! The sync paths against the in-process simulator, without latency or rate limits,
//! so they measure innbox's own cost: a full sync of four accounts into an empty
//! store, and an incremental sync with nothing new. `cargo bench --bench sync`.
//! Issue 5's timed target (latency, limits, the ideal) is in bench_report.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use innbox::config::Config;
use innbox::providers::RetryPolicy;
use innbox::sim::{SimHandle, SimOptions};
use innbox::store::{SharedStore, Store};
use innbox::sync::SyncEngine;
use std::time::Duration;
use tokio::runtime::Runtime;

const THREADS_PER_ACCOUNT: usize = 250;

fn unlimited_config(sim: &SimHandle) -> Config {
    let mut config = Config::parse_str(&sim.config_toml()).expect("the simulator prints a valid config");
    for account in &mut config.accounts {
        account.requests_per_minute = Some(1_000_000);
    }
    config
}

fn engine(config: &Config) -> SyncEngine {
    let store = SharedStore::new(Store::open_in_memory().expect("an in-memory store opens"));
    SyncEngine::new(config, store, RetryPolicy::none()).0
}

/// Runs one round and fails the bench if any account failed.
async fn sync(engine: &SyncEngine) {
    for (account, result) in engine.run_once().await {
        if let Err(e) = result {
            panic!("{account}: {}", e.message);
        }
    }
}

fn benches(c: &mut Criterion) {
    let runtime = Runtime::new().expect("a tokio runtime");
    let sim = runtime
        .block_on(innbox::sim::start(SimOptions {
            threads_per_account: Some(THREADS_PER_ACCOUNT),
            enforce_rate_limits: false,
            ..SimOptions::default()
        }))
        .expect("the simulator starts");
    let config = unlimited_config(&sim);
    let mut group = c.benchmark_group("sync");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.bench_function("full, 4 accounts × 250 threads", |b| {
        b.iter_batched(|| engine(&config), |engine| runtime.block_on(sync(&engine)), BatchSize::PerIteration)
    });
    let synced = engine(&config);
    runtime.block_on(sync(&synced));
    group.bench_function("incremental, nothing new", |b| b.iter(|| runtime.block_on(sync(&synced))));
    group.finish();
    runtime.block_on(sim.shutdown());
}

criterion_group!(sync_benches, benches);
criterion_main!(sync_benches);
