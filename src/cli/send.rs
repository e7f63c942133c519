//! `innbox send`: check one reply as the inbox does before sending (blockers
//! refuse it; warnings refuse it unless `--force`), queue it, then deliver it
//! through the outbox like any sync would. The exit code says whether it reached
//! the provider.

use super::Paths;
use crate::domain::ThreadKey;
use crate::domain::presend::{self, Findings};
use crate::providers::RetryPolicy;
use crate::store::{OutboxEntry, OutboxState};
use crate::sync::{SyncEngine, queue_reply};
use std::process::ExitCode;
use std::time::Duration;

/// A reply the provider could not take yet is tried this many more times before
/// `send` gives up and leaves it queued for the next sync.
const EXTRA_ATTEMPTS: u32 = 2;
const PAUSE: Duration = Duration::from_secs(3);

pub fn run(paths: &Paths, thread: &str, body: &str, force: bool) -> anyhow::Result<ExitCode> {
    let config = super::load_config(paths)?;
    let names: Vec<&str> = config.accounts.iter().map(|a| a.name.as_str()).collect();
    let key = parse_thread(thread, &names)?;
    let store = super::open_store(paths, &config)?;
    let runtime = super::runtime()?;
    runtime.block_on(async {
        let checked = key.clone();
        let stored = store.run(move |s| s.thread(&checked)).await?;
        refuse(&key, &presend::check(body, &stored), force)?;
        let entry = queue_reply(&store, key.clone(), body).await?;
        eprintln!("{key}: reply #{} queued", entry.id);
        let (engine, _events) = SyncEngine::new(&config, store.clone(), RetryPolicy::default());
        let worker = engine.worker(&key.account).expect("the account was found in the config above");
        let mut entry = entry;
        for attempt in 0..=EXTRA_ATTEMPTS {
            if attempt > 0 {
                tokio::time::sleep(PAUSE * attempt).await;
            }
            worker.deliver().await;
            let id = entry.id;
            entry = store.run(move |s| s.outbox_entry(id)).await?;
            if !matches!(entry.state, OutboxState::Queued | OutboxState::Unknown) {
                break;
            }
        }
        Ok(report(&entry))
    })
}

/// Blockers always stop the reply; warnings stop it unless `force`.
fn refuse(key: &ThreadKey, findings: &Findings, force: bool) -> anyhow::Result<()> {
    if !findings.blockers.is_empty() {
        anyhow::bail!("{key}: not sent: {}", findings.blockers.join("; "));
    }
    if !findings.warnings.is_empty() && !force {
        anyhow::bail!(
            "{key}: not sent: {}; check the reply, and pass --force to send it anyway",
            findings.warnings.join("; ")
        );
    }
    for warning in &findings.warnings {
        eprintln!("{key}: sending anyway (--force): {warning}");
    }
    Ok(())
}

fn report(entry: &OutboxEntry) -> ExitCode {
    let reason = entry.error.as_deref().unwrap_or("no reason given");
    match entry.state {
        OutboxState::Sent => {
            let id = entry
                .provider_message_id
                .as_deref()
                .map(|id| format!(" as message {id}"))
                .unwrap_or_default();
            println!("{}: reply #{} sent{id}", entry.key, entry.id);
            return ExitCode::SUCCESS;
        }
        OutboxState::Failed => eprintln!("{}: reply #{} failed: {reason}", entry.key, entry.id),
        OutboxState::Unknown => eprintln!(
            "{}: reply #{} may or may not have arrived ({reason}); innbox will look for it in the thread at the next sync and will not send it twice",
            entry.key, entry.id
        ),
        OutboxState::Queued | OutboxState::Sending => eprintln!(
            "{}: reply #{} is not sent yet ({reason}); it stays in the outbox and the next `innbox sync` delivers it",
            entry.key, entry.id
        ),
    }
    ExitCode::FAILURE
}

/// Splits `ACCOUNT/THREAD_ID` at the account name that the config knows (account
/// names and thread ids may both contain `/`).
fn parse_thread(raw: &str, accounts: &[&str]) -> anyhow::Result<ThreadKey> {
    accounts
        .iter()
        .filter_map(|name| Some((name, raw.strip_prefix(name)?.strip_prefix('/')?)))
        .filter(|(_, id)| !id.is_empty())
        .max_by_key(|(name, _)| name.len())
        .map(|(name, id)| ThreadKey::new(*name, id))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "--thread '{raw}' does not start with a configured account name and '/' (accounts: {})",
                accounts.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_ids_split_at_the_longest_known_account() {
        let accounts = ["Canal", "Canal/House", "Lakeside Rentals"];
        assert_eq!(
            parse_thread("Lakeside Rentals/5375328", &accounts).unwrap(),
            ThreadKey::new("Lakeside Rentals", "5375328")
        );
        assert_eq!(parse_thread("Canal/House/c-1", &accounts).unwrap(), ThreadKey::new("Canal/House", "c-1"));
        assert_eq!(parse_thread("Canal/x/y", &accounts).unwrap(), ThreadKey::new("Canal", "x/y"));
        let err = parse_thread("Nowhere/1", &accounts).unwrap_err().to_string();
        assert!(err.contains("accounts: Canal, Canal/House, Lakeside Rentals"), "{err}");
        assert!(parse_thread("Canal/", &accounts).is_err());
    }
}
