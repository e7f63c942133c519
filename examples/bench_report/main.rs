//! Prints the figures innbox's notes quote, measured in one run so their ratios
//! hold on a noisy machine: `cargo run --release --example bench_report`.
//!
//! - a full sync of the default simulated data set (time, requests), with and
//!   without simulated network latency, and the incremental sync after it;
//! - store costs at inbox scale: loading the thread list, one thread, a search;
//! - the inbox's hot paths at 1k and 100k threads (a frame, a key press, a filter
//!   keystroke) and the memory the process peaked at;
//! - at 100k threads / 1M messages: ingest, search as typed, innbox's first screen
//!   and memory;
//! - neomutt's first screen and memory on a Maildir of the same 100k threads.

#[path = "../../benches/support/mod.rs"]
mod support;
mod sync;

mod maildir;
mod peer;
mod scale;
mod screen;

use innbox::app::{Msg, update};
use innbox::config::Config;
use innbox::providers::RetryPolicy;
use innbox::sim::{SimOptions, start};
use innbox::store::{SharedStore, Store};
use innbox::sync::SyncEngine;
use std::time::{Duration, Instant};

/// The figures the last line reports as one JSON object, for the README's table
/// and for comparing runs.
type Figures = serde_json::Map<String, serde_json::Value>;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    println!("innbox bench report (release build recommended)\n");
    let mut figures = Figures::new();
    // Sections named on the command line run alone: `-- scale peer`.
    let only: Vec<String> = std::env::args().skip(1).collect();
    let wants = |section: &str| only.is_empty() || only.iter().any(|name| name == section);
    if wants("sync") {
        for latency_ms in [0, 50] {
            sync_report(latency_ms).await?;
        }
        sync::report(&mut figures).await?;
    }
    if wants("store") {
        store_report().await?;
    }
    if wants("tui") {
        tui_report(&mut figures);
    }
    if wants("scale") {
        scale::report(&mut figures, 100_000, 10)?;
    }
    if wants("peer") {
        peer::report(&mut figures, 100_000, 10, 1)?;
    }
    println!("{}", serde_json::Value::Object(figures));
    Ok(())
}

async fn sync_report(latency_ms: u64) -> anyhow::Result<()> {
    let sim = start(SimOptions { latency_ms, ..SimOptions::default() }).await?;
    let config = Config::parse_str(&sim.config_toml()).map_err(anyhow::Error::msg)?;
    let dir = tempfile::tempdir()?;
    let store = SharedStore::new(Store::open_in(dir.path())?);
    let (engine, _events) = SyncEngine::new(&config, store.clone(), RetryPolicy::default());
    println!(
        "sync of the default data set ({} threads), {latency_ms} ms simulated latency per response:",
        sim.world().thread_count()
    );
    for round in ["first (full)", "second (incremental)"] {
        let started = Instant::now();
        let results = engine.run_once().await;
        let elapsed = started.elapsed();
        let mut requests = 0;
        let mut changed = 0;
        for (account, result) in &results {
            let report = result.as_ref().map_err(|e| anyhow::anyhow!("{account}: {}", e.message))?;
            requests += report.requests;
            changed += report.threads_changed;
            println!(
                "  {round:>21} {account:<18} {:>4} requests {:>4} threads changed {:>7.0} ms",
                report.requests,
                report.threads_changed,
                report.elapsed.as_secs_f64() * 1e3
            );
        }
        println!(
            "  {round:>21} {:<18} {requests:>4} requests {changed:>4} threads changed {:>7.0} ms (wall)\n",
            "all accounts",
            ms(elapsed)
        );
    }
    Ok(())
}

async fn store_report() -> anyhow::Result<()> {
    let sim =
        start(SimOptions { threads: 2000, enforce_rate_limits: false, ..SimOptions::default() }).await?;
    let mut config = Config::parse_str(&sim.config_toml()).map_err(anyhow::Error::msg)?;
    for account in &mut config.accounts {
        account.requests_per_minute = Some(100_000);
    }
    let dir = tempfile::tempdir()?;
    let store = SharedStore::new(Store::open_in(dir.path())?);
    let (engine, _events) = SyncEngine::new(&config, store.clone(), RetryPolicy::default());
    for (account, result) in engine.run_once().await {
        result.map_err(|e| anyhow::anyhow!("{account}: {}", e.message))?;
    }
    let report = store
        .run(|s| {
            let (list, summaries) = timed(|| s.thread_summaries(None));
            let summaries = summaries?;
            let longest = summaries.iter().max_by_key(|t| t.message_count).map(|t| t.thread.key()).unwrap();
            let (thread, messages) = timed(|| s.messages(&longest));
            let (search, found) = timed(|| s.search("check-in").map(|m| m.threads));
            Ok(format!(
                "store at {} threads:\n  thread list load {:>8.2} ms\n  longest thread ({} messages) {:>8.2} ms\n  search \"check-in\" ({} threads) {:>8.2} ms\n",
                summaries.len(),
                ms(list),
                messages?.len(),
                ms(thread),
                found?.len(),
                ms(search)
            ))
        })
        .await?;
    println!("{report}");
    Ok(())
}

fn tui_report(figures: &mut Figures) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    println!("the inbox at scale (160x45 terminal):");
    for (count, label) in [(1_000, "1k"), (100_000, "100k")] {
        let mut state = support::loaded_state(count);
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).unwrap();
        // What a user waits for after a key: the update, then the frame it causes.
        let mut frames: Vec<Duration> = (0..2_000)
            .map(|run| {
                let started = Instant::now();
                update(&mut state, key(if run % 2 == 0 { KeyCode::Char('j') } else { KeyCode::Char('k') }));
                terminal.draw(|frame| innbox::ui::render(frame, &state)).unwrap();
                started.elapsed()
            })
            .collect();
        let frame_p99 = percentile(&mut frames, 99);
        // A sync page's worth of threads with new messages, merged into the list.
        let page: Vec<_> = support::summaries(100)
            .into_iter()
            .map(|mut summary| {
                summary.last_message_at = Some(support::now() + jiff::SignedDuration::from_secs(60));
                summary
            })
            .collect();
        let merge = mean(|| {
            update(&mut state, Msg::ThreadsRefreshed(page.clone()));
        });
        update(&mut state, key(KeyCode::Char('/')));
        let keystroke = mean(|| {
            update(&mut state, key(KeyCode::Char('7')));
        });
        println!(
            "  {count:>7} threads: key + frame p99 {:>7.1} µs, filter keystroke {:>6.3} ms, 100 changed threads merged {:>6.2} ms",
            frame_p99.as_secs_f64() * 1e6,
            ms(keystroke),
            ms(merge)
        );
        figures.insert(format!("frame_p99_us_{label}"), (frame_p99.as_secs_f64() * 1e6).round().into());
    }
    if let Some(peak) = peak_memory() {
        println!("  peak memory of this whole report: {peak}");
    }
}

/// The `pct`th percentile of `samples` (sorts them).
fn percentile(samples: &mut [Duration], pct: usize) -> Duration {
    samples.sort_unstable();
    samples[(samples.len() * pct / 100).min(samples.len() - 1)]
}

fn mean(mut work: impl FnMut()) -> Duration {
    const RUNS: u32 = 200;
    let started = Instant::now();
    for _ in 0..RUNS {
        work();
    }
    started.elapsed() / RUNS
}

/// VmHWM from /proc (Linux): the resident-set high-water mark.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(|v| v.trim().to_owned())
}

fn timed<T>(work: impl FnOnce() -> T) -> (Duration, T) {
    let started = Instant::now();
    let value = work();
    (started.elapsed(), value)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
