//! `innbox sync`: one full sync of every account, progress on stderr, exit 1 if
//! any account failed.

use super::Paths;
use crate::providers::RetryPolicy;
use crate::sync::{SyncEngine, SyncEvent};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

pub fn run(paths: &Paths) -> anyhow::Result<ExitCode> {
    let config = super::load_config(paths)?;
    let store = super::open_store(paths, &config)?;
    if config.accounts.is_empty() {
        eprintln!("innbox: no accounts in {}; nothing to sync", paths.config.display());
        return Ok(ExitCode::SUCCESS);
    }
    let runtime = super::runtime()?;
    let results = runtime.block_on(async {
        let (engine, events) = SyncEngine::new(&config, store, RetryPolicy::default());
        let printer = tokio::spawn(print_progress(events, std::io::stderr().is_terminal()));
        let results = engine.run_once().await;
        drop(engine); // closes the event channel so the printer finishes
        let _ = printer.await;
        results
    });
    let failures: Vec<_> = results.iter().filter_map(|(_, r)| r.as_ref().err()).collect();
    if failures.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("innbox sync: {} of {} accounts failed:", failures.len(), results.len());
    for failure in failures {
        eprintln!("  {}", failure.message);
    }
    Ok(ExitCode::FAILURE)
}

/// Permanent lines for what finished; on a terminal also one status line, redrawn
/// in place, for the accounts still running.
async fn print_progress(mut events: tokio::sync::mpsc::UnboundedReceiver<SyncEvent>, live: bool) {
    let mut running: BTreeMap<String, String> = BTreeMap::new();
    let width = ratatui::crossterm::terminal::size().map_or(80, |(columns, _)| usize::from(columns));
    let mut stderr = std::io::stderr();
    while let Some(event) = events.recv().await {
        let line = match event {
            SyncEvent::Started { account } => {
                running.insert(account.clone(), "starting".into());
                (!live).then(|| format!("{account}: syncing"))
            }
            SyncEvent::Progress { account, progress } => {
                let total = progress.total.map_or(String::from("?"), |t| t.to_string());
                running.insert(account, format!("{}/{total}", progress.done));
                None
            }
            SyncEvent::Finished { account, report, .. } => {
                running.remove(&account);
                Some(format!(
                    "{account}: ok, {} threads changed, {} requests in {:.1}s",
                    report.threads_changed,
                    report.requests,
                    report.elapsed.as_secs_f64()
                ))
            }
            SyncEvent::Failed { account, error, .. } => {
                running.remove(&account);
                Some(format!("{account}: FAILED ({})", error.short))
            }
            SyncEvent::Warning { account, message } => Some(format!("{account}: warning: {message}")),
            SyncEvent::Outbox(entry) => {
                let detail = entry.error.as_deref().map(|e| format!(": {e}")).unwrap_or_default();
                Some(format!("{}: reply #{} {}{detail}", entry.key, entry.id, entry.state.as_str()))
            }
            SyncEvent::ThreadsChanged { .. } => None,
        };
        if live {
            let _ = write!(stderr, "\r\x1b[2K");
        }
        if let Some(line) = line {
            let _ = writeln!(stderr, "{line}");
        }
        if live && !running.is_empty() {
            let status: Vec<_> = running.iter().map(|(name, state)| format!("{name} {state}")).collect();
            let status = format!("syncing: {}", status.join(" · "));
            let _ = write!(stderr, "{}", status.chars().take(width.saturating_sub(1)).collect::<String>());
        }
        let _ = stderr.flush();
    }
}
