//! Every provider fault on every provider, through real sync rounds. A fault that
//! clears within the retries costs nothing; one that persists fails its account
//! alone, saying which account, what happened and what to do, and leaves that
//! account's stored threads as they were; the next round without it syncs all.
//!
//! `cargo test --test fault_matrix -- --nocapture` prints the matrix.

mod common;
#[path = "fault_matrix/snapshot.rs"]
mod snapshot;

use common::*;
use futures::StreamExt;
use innbox::config::Config;
use innbox::sim::{FaultAction, Provider, SimHandle, SimOptions};
use innbox::store::{SharedStore, Store};
use innbox::sync::{SyncEngine, SyncEvent, SyncFailure, SyncReport};
use snapshot::Snapshot;
use std::collections::BTreeMap;
use std::time::Duration;

/// Short, so that a hang costs little, yet ample for an honest answer on a busy machine.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(2);
/// Far longer than [`REQUEST_TIMEOUT`]: the client always gives up first.
const HANG_MS: u64 = 20_000;
const ONCE: u32 = 1;
const ALWAYS: u32 = u32::MAX;
/// Cells run at once; each has its own simulator and store.
const CELLS_AT_ONCE: usize = 12;
/// A safety net for one cell (three sync rounds); a cell normally takes seconds.
const CELL_LIMIT: Duration = Duration::from_secs(120);

/// How a row breaks its provider for the second of three rounds.
enum Inject {
    /// Queue this fault on every request to the provider, `times` times.
    Sim { times: u32, action: FaultAction },
    /// Point the account at a port where nothing listens.
    ClosedPort,
    /// Speak TLS to the simulator, which speaks plain HTTP.
    TlsToPlainHttp,
}

#[derive(Clone, Copy)]
enum Expect {
    /// The fault clears within the retries: the account syncs completely.
    Syncs,
    /// The account fails with this status-line word and a message containing each phrase.
    Fails { short: &'static str, says: &'static [&'static str] },
    /// The account syncs what it can read and warns of the rest, which it keeps as stored.
    Skips,
}

struct Row {
    fault: &'static str,
    inject: Inject,
    expect: fn(Provider) -> Expect,
}

fn status(status: u16, retry_after: Option<&str>, reset_in: Option<u64>) -> FaultAction {
    FaultAction::Status { status, retry_after: retry_after.map(Into::into), body: None, reset_in }
}

const RETRY_LATER: &str = "innbox will try again at the next sync";
const CHECK_BASE_URL: &str = "check the network and this account's base_url";
const NO_JSON_ADVICE: &str = "if this goes on, check the network and this account's base_url";

fn rows() -> Vec<Row> {
    let row = |fault, inject, expect| Row { fault, inject, expect };
    let sim = |fault, times, action, expect| row(fault, Inject::Sim { times, action }, expect);
    let syncs: fn(Provider) -> Expect = |_| Expect::Syncs;
    vec![
        sim("429 Retry-After, once", ONCE, status(429, Some("1"), None), syncs),
        sim("429 Retry-After, always", ALWAYS, status(429, Some("1"), None), |_| Expect::Fails {
            short: "rate limited",
            says: &["rate limited (HTTP 429, retry after 1s)", RETRY_LATER],
        }),
        sim("429 X-RateLimit-Reset, once", ONCE, status(429, None, Some(1)), syncs),
        sim("429 X-RateLimit-Reset, always", ALWAYS, status(429, None, Some(1)), |_| Expect::Fails {
            short: "rate limited",
            says: &["rate limited (HTTP 429", RETRY_LATER],
        }),
        sim("500, once", ONCE, status(500, None, None), syncs),
        sim("500, always", ALWAYS, status(500, None, None), |_| Expect::Fails {
            short: "HTTP 500",
            says: &["server error (HTTP 500)", RETRY_LATER],
        }),
        sim("503, once", ONCE, status(503, None, None), syncs),
        sim("503, always", ALWAYS, status(503, None, None), |provider| Expect::Fails {
            short: "HTTP 503",
            says: match provider {
                Provider::HostelMate => &["server error (HTTP 503): messaging_unavailable", RETRY_LATER],
                _ => &["server error (HTTP 503)", RETRY_LATER],
            },
        }),
        sim("timeout, once", ONCE, FaultAction::Hang { ms: HANG_MS }, syncs),
        sim("timeout, always", ALWAYS, FaultAction::Hang { ms: HANG_MS }, |_| Expect::Fails {
            short: "timeout",
            says: &["no answer in time", "raise request_timeout_secs"],
        }),
        row("connection refused", Inject::ClosedPort, |_| Expect::Fails {
            short: "unreachable",
            says: &["cannot connect: Connection refused", CHECK_BASE_URL],
        }),
        row("TLS error", Inject::TlsToPlainHttp, |_| Expect::Fails {
            short: "unreachable",
            says: &["cannot connect: TLS failed", CHECK_BASE_URL],
        }),
        sim("truncated JSON, always", ALWAYS, FaultAction::MalformedJson, |_| Expect::Fails {
            short: "bad response",
            says: &["no JSON in the response: the body ends mid-way", NO_JSON_ADVICE],
        }),
        sim("HTML 502 page, once", ONCE, FaultAction::HtmlPage { status: 502 }, syncs),
        sim("HTML 502 page, always", ALWAYS, FaultAction::HtmlPage { status: 502 }, |_| Expect::Fails {
            short: "HTTP 502",
            says: &["server error (HTTP 502): an HTML page, “502 Bad Gateway”", RETRY_LATER],
        }),
        sim("HTML 200 portal, always", ALWAYS, FaultAction::HtmlPage { status: 200 }, |_| Expect::Fails {
            short: "bad response",
            says: &["no JSON in the response: an HTML page, “Sign in to Guest Wi-Fi”", NO_JSON_ADVICE],
        }),
        // One broken item must not hide the rest: it is skipped, named in the log and
        // counted in a warning, and read again at the next sync.
        sim("wrong-type field, always", ALWAYS, FaultAction::WrongType, |_| Expect::Skips),
        sim("empty 200, always", ALWAYS, FaultAction::EmptyOk, |_| Expect::Fails {
            short: "bad response",
            says: &["no JSON in the response: the body was empty", NO_JSON_ADVICE],
        }),
        sim("401, once", ONCE, status(401, None, None), |provider| match provider {
            // Its token may have been revoked early: one fresh exchange, then on.
            Provider::Booking => Expect::Syncs,
            _ => Expect::Fails { short: "HTTP 401", says: BAD_CREDENTIALS },
        }),
        sim("401, always", ALWAYS, status(401, None, None), |_| Expect::Fails {
            short: "HTTP 401",
            says: BAD_CREDENTIALS,
        }),
    ]
}

const BAD_CREDENTIALS: &[&str] = &["credentials refused (HTTP 401)", "check this account's credentials"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_on_every_provider_fails_its_account_alone_and_heals() {
    let rows = rows();
    let cells = rows.iter().flat_map(|row| Provider::ALL.map(|provider| (row, provider)));
    let outcomes: BTreeMap<(&str, usize), Result<Shown, String>> = futures::stream::iter(cells)
        .map(|(row, provider)| async move {
            let column = Provider::ALL.iter().position(|p| *p == provider).unwrap();
            let outcome = tokio::time::timeout(CELL_LIMIT, cell(row, provider))
                .await
                .unwrap_or_else(|_| Err(format!("still running after {CELL_LIMIT:?}")));
            ((row.fault, column), outcome)
        })
        .buffer_unordered(CELLS_AT_ONCE)
        .collect()
        .await;

    println!("{}", table(&rows, &outcomes));
    let problems: Vec<String> = outcomes
        .iter()
        .filter_map(|((fault, column), outcome)| {
            let provider = Provider::ALL[*column].as_str();
            outcome.as_ref().err().map(|problem| format!("{fault} × {provider}: {problem}"))
        })
        .collect();
    assert!(problems.is_empty(), "{} cells went wrong:\n{}", problems.len(), problems.join("\n"));
}

/// What the faulted account showed in the round with the fault: a few words for
/// the matrix, and its failure message if it failed.
type Shown = (String, Option<String>);

/// The matrix, then each fault's message as the Trellis account reported it.
fn table(rows: &[Row], outcomes: &BTreeMap<(&str, usize), Result<Shown, String>>) -> String {
    let mut lines =
        vec![format!("{:<32}{}", "fault", Provider::ALL.map(|p| format!("{:<22}", p.as_str())).join(""))];
    for row in rows {
        let cells = (0..Provider::ALL.len()).map(|column| match &outcomes[&(row.fault, column)] {
            Ok((outcome, _)) => format!("{outcome:<22}"),
            Err(_) => format!("{:<22}", "✗ WRONG"),
        });
        lines.push(format!("{:<32}{}", row.fault, cells.collect::<String>()));
    }
    let trellis = Provider::ALL.iter().position(|p| *p == Provider::Trellis).unwrap();
    lines.push(String::new());
    for row in rows {
        if let Ok((_, Some(message))) = &outcomes[&(row.fault, trellis)] {
            lines.push(format!("{}: {message}", row.fault));
        }
    }
    lines.join("\n")
}

/// Three rounds on a fresh simulator and store: clean; with the fault (after a
/// new guest message in every account); without it. Returns what the faulted
/// account showed in the second round, or what went wrong.
async fn cell(row: &Row, provider: Provider) -> Result<Shown, String> {
    let sim = innbox::sim::start(SimOptions { threads: 40, ..SimOptions::default() })
        .await
        .map_err(|e| format!("the simulator did not start: {e}"))?;
    let mut config = config(&sim);
    config.request_timeout = REQUEST_TIMEOUT;
    let account = sim.world().account(provider).unwrap().name.clone();
    let store = SharedStore::new(Store::open_in_memory().unwrap());
    let (engine, mut events) = SyncEngine::new(&config, store.clone(), quick_retries());

    let first = engine.run_once().await;
    expect_all_synced("the clean first round", &first, &sim, &store).await?;
    for _ in 0..Provider::ALL.len() {
        sim.push_guest_message(); // one for each account, in turn
    }
    let before = Snapshot::of(&store, &account).await;

    let faulted = match &row.inject {
        Inject::Sim { times, action } => {
            sim.inject(fault(provider.as_str(), "/", *times, action.clone()));
            engine.run_once().await
        }
        broken => {
            let config = broken_config(&config, &sim, provider, broken);
            let (engine, _events) = SyncEngine::new(&config, store.clone(), quick_retries());
            engine.run_once().await
        }
    };
    sim.clear_faults();
    let shown = match (row.expect)(provider) {
        Expect::Syncs => {
            expect_all_synced("the round with the fault", &faulted, &sim, &store).await?;
            ("synced".to_owned(), None)
        }
        Expect::Fails { short, says } => {
            let others: Vec<_> = faulted.iter().filter(|(name, _)| *name != account).cloned().collect();
            expect_all_synced("the others, in the round with the fault", &others, &sim, &store).await?;
            let failure = failure_of(&faulted, &account)?;
            expect_failure(&failure, &account, short, says)?;
            if before.differences_from(&sim.world(), &account).is_empty() {
                return Err("the provider had no news for it: an unchanged store would prove nothing".into());
            }
            let after = Snapshot::of(&store, &account).await;
            if after != before {
                return Err(format!("its stored threads changed: {}", before.difference(&after)));
            }
            expect_status_line(&store, &account, Some(short)).await?;
            (format!("fails: {short}"), Some(failure.message))
        }
        Expect::Skips => {
            let report = match faulted.iter().find(|(name, _)| *name == account) {
                Some((_, Ok(report))) if report.skipped > 0 => report.clone(),
                other => return Err(format!("expected a sync that skips items, got {other:?}")),
            };
            let others: Vec<_> = faulted.iter().filter(|(name, _)| *name != account).cloned().collect();
            expect_all_synced("the others, in the round with the fault", &others, &sim, &store).await?;
            expect_warning(&mut events, &account, "could not be read and were skipped")?;
            let after = Snapshot::of(&store, &account).await;
            let world = sim.world();
            if let Some(id) = after.threads.keys().find(|id| !before.kept_or_synced(&after, &world, id)) {
                return Err(format!("thread {id} is neither as stored before nor as the provider has it"));
            }
            (format!("warns: {} skipped", report.skipped), None)
        }
    };

    let healed = engine.run_once().await;
    expect_all_synced("the round after the fault", &healed, &sim, &store).await?;
    expect_status_line(&store, &account, None).await?;
    Ok(shown)
}

fn failure_of(
    results: &[(String, Result<SyncReport, SyncFailure>)],
    account: &str,
) -> Result<SyncFailure, String> {
    match results.iter().find(|(name, _)| name == account).map(|(_, result)| result) {
        Some(Err(failure)) => Ok(failure.clone()),
        Some(Ok(report)) => Err(format!("expected a failure, but it synced: {report:?}")),
        None => Err("no result for the account".into()),
    }
}

fn expect_failure(failure: &SyncFailure, account: &str, short: &str, says: &[&str]) -> Result<(), String> {
    let message = &failure.message;
    let names_account = message.starts_with(&format!("account '{account}': "));
    let missing: Vec<_> = says.iter().filter(|phrase| !message.contains(*phrase)).collect();
    if failure.short != short || !names_account || !missing.is_empty() {
        return Err(format!("expected {short:?} saying {says:?}, got {:?}: {message}", failure.short));
    }
    Ok(())
}

fn expect_warning(
    events: &mut tokio::sync::mpsc::UnboundedReceiver<SyncEvent>,
    account: &str,
    says: &str,
) -> Result<(), String> {
    while let Ok(event) = events.try_recv() {
        if let SyncEvent::Warning { account: warned, message } = event
            && warned == account
            && message.contains(says)
        {
            return Ok(());
        }
    }
    Err(format!("no warning saying {says:?}"))
}

async fn expect_status_line(store: &SharedStore, account: &str, error: Option<&str>) -> Result<(), String> {
    let statuses = store.run(|s| s.account_statuses()).await.unwrap();
    let shown = statuses.iter().find(|s| s.name == account).and_then(|s| s.last_error.clone());
    if shown.as_deref() != error {
        return Err(format!("the status line shows {shown:?}, expected {error:?}"));
    }
    Ok(())
}

async fn expect_all_synced(
    when: &str,
    results: &[(String, Result<SyncReport, SyncFailure>)],
    sim: &SimHandle,
    store: &SharedStore,
) -> Result<(), String> {
    let world = sim.world();
    for (account, result) in results {
        if let Err(failure) = result {
            return Err(format!("{when}: {account} failed: {}", failure.message));
        }
        let differences = Snapshot::of(store, account).await.differences_from(&world, account);
        if !differences.is_empty() {
            return Err(format!("{when}: {account} differs from the simulator: {}", differences.join("; ")));
        }
    }
    Ok(())
}

/// The config with `provider`'s account pointed somewhere broken.
fn broken_config(config: &Config, sim: &SimHandle, provider: Provider, broken: &Inject) -> Config {
    let base = match broken {
        Inject::ClosedPort => {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let closed = listener.local_addr().unwrap();
            drop(listener);
            format!("http://{closed}")
        }
        Inject::TlsToPlainHttp => format!("https://{}", sim.addr()),
        Inject::Sim { .. } => unreachable!("not a broken URL"),
    };
    // Every URL of the account, Booking.com's token exchange included, starts so.
    let prefix = |base: &str| format!("\"{base}/{}", provider.as_str());
    let toml = sim.config_toml().replace(&prefix(&sim.base_url()), &prefix(&base));
    Config { accounts: Config::parse_str(&toml).unwrap().accounts, ..config.clone() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_long_wait_asked_by_a_429_is_not_waited_out_and_the_next_round_syncs() {
    let sim = innbox::sim::start(SimOptions { threads: 40, ..SimOptions::default() }).await.unwrap();
    let store = SharedStore::new(Store::open_in_memory().unwrap());
    let (engine, _events) = SyncEngine::new(&config(&sim), store.clone(), quick_retries());
    let day = 86_400;
    sim.inject(fault("calry", "/", ALWAYS, status(429, Some(&day.to_string()), None)));
    sim.inject(fault("trellis", "/", ALWAYS, status(429, None, Some(day))));
    // A safety net only: without a cap the round would take a day.
    let safety = Duration::from_secs(60);
    let round = tokio::time::timeout(safety, engine.run_once()).await.expect("the round ends");
    for (account, result) in &round {
        match account.as_str() {
            CALRY | TRELLIS => {
                let failure = result.as_ref().unwrap_err();
                // A reset time is a clock reading: a second may pass before it is read (86399s).
                expect_failure(failure, account, "rate limited", &["retry after 86", RETRY_LATER]).unwrap();
            }
            _ => assert!(result.is_ok(), "{account}: {result:?}"),
        }
    }

    sim.clear_faults();
    let round = tokio::time::timeout(safety, engine.run_once()).await.expect("the round ends");
    expect_all_synced("the round after", &round, &sim, &store).await.unwrap();
}
