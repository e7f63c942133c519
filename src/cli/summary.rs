//! `innbox summary`: a Markdown handoff for the next shift. Urgent threads first, then
//! the other threads waiting for a reply (longest wait first), then the replies that
//! failed or may not have arrived. Reads the store only; no network.

use super::Paths;
use crate::domain::sanitize::sanitize_line;
use crate::domain::triage::{ClockState, ReplyClock, Triage, TriageRules};
use crate::domain::{Thread, ThreadKey};
use crate::store::{OutboxEntry, OutboxState, Store, StoreError};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

pub fn run(paths: &Paths, account: Option<&str>) -> anyhow::Result<ExitCode> {
    let rules = super::load_triage(paths)?;
    let store = Store::open_in(&paths.data_dir)?;
    super::require_known_account(&store, account)?;
    let now = Timestamp::now();
    let handoff = store.read_snapshot(|store| Handoff::gather(store, &rules, account, now))?;
    let text = handoff.render(now, &TimeZone::system());
    super::write_stdout(|out| Ok(out.write_all(text.as_bytes())?))
}

/// A thread someone waits on, with its triage.
struct Waiting {
    thread: Thread,
    triage: Triage,
}

/// A reply that failed or may not have arrived, with its thread when the store has it.
struct Trouble {
    entry: OutboxEntry,
    thread: Option<Thread>,
}

struct Handoff {
    urgent: Vec<Waiting>,
    waiting: Vec<Waiting>,
    troubled: Vec<Trouble>,
}

impl Handoff {
    /// Reads per thread only the messages after our last human reply, so a large inbox
    /// costs a short indexed read per thread, not every message.
    fn gather(
        store: &Store,
        rules: &TriageRules,
        account: Option<&str>,
        now: Timestamp,
    ) -> Result<Self, StoreError> {
        let local_replies = store.local_replies(account)?;
        let (mut urgent, mut waiting) = (Vec::new(), Vec::new());
        for summary in store.thread_summaries(account)? {
            let key = summary.thread.key();
            let tail = store.triage_tail(&key)?;
            let triage =
                rules.assess(summary.thread.channel.as_ref(), &tail, local_replies.get(&key).copied(), now);
            let item = Waiting { thread: summary.thread, triage };
            match (item.triage.is_urgent(), item.triage.needs_reply) {
                (true, _) => urgent.push(item),
                (false, true) => waiting.push(item),
                (false, false) => {}
            }
        }
        // Longest wait first; a wait of unknown length after the known ones.
        let longest_wait = |a: &Waiting, b: &Waiting| {
            let since = |item: &Waiting| (item.triage.waiting_since.is_none(), item.triage.waiting_since);
            let (ta, tb) = (&a.thread, &b.thread);
            since(a).cmp(&since(b)).then_with(|| (&ta.account, &ta.id).cmp(&(&tb.account, &tb.id)))
        };
        urgent.sort_by(longest_wait);
        waiting.sort_by(longest_wait);
        let troubled = store
            .troubled_replies(account)?
            .into_iter()
            .map(|entry| Ok(Trouble { thread: stored_thread(store, &entry.key)?, entry }))
            .collect::<Result<_, StoreError>>()?;
        Ok(Self { urgent, waiting, troubled })
    }

    fn render(&self, now: Timestamp, tz: &TimeZone) -> String {
        let mut out =
            format!("# Shift handoff, {}\n", now.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M %:z"));
        section(&mut out, "Urgent", self.urgent.len(), "Nothing urgent.");
        for item in &self.urgent {
            let why: Vec<String> = item
                .triage
                .urgent
                .iter()
                .map(|hit| format!("{} “{}”", md(&hit.rule), md(&hit.text)))
                .collect();
            let _ = writeln!(
                out,
                "- {}: {}; urgent: {}",
                who(Some(&item.thread)),
                wait(&item.triage),
                why.join(", ")
            );
        }
        let no_one = if self.urgent.is_empty() {
            "No guest is waiting for a reply."
        } else {
            "No other guest is waiting for a reply."
        };
        section(&mut out, "Waiting for a reply", self.waiting.len(), no_one);
        for item in &self.waiting {
            let _ = writeln!(out, "- {}: {}", who(Some(&item.thread)), wait(&item.triage));
        }
        section(&mut out, "Failed or unknown replies", self.troubled.len(), "No failed or unknown replies.");
        for trouble in &self.troubled {
            let entry = &trouble.entry;
            let state = match entry.state {
                OutboxState::Failed => "failed",
                _ => "may not have arrived",
            };
            let age = span(now.duration_since(entry.updated_at).try_into().unwrap_or_default());
            let error = entry.error.as_deref().map(md).unwrap_or_else(|| "no reason given".into());
            let _ = writeln!(
                out,
                "- {}: reply #{} {state} ({age} ago): {error}",
                who(trouble.thread.as_ref()),
                entry.id
            );
        }
        out
    }
}

fn stored_thread(store: &Store, key: &ThreadKey) -> Result<Option<Thread>, StoreError> {
    match store.thread(key) {
        Ok(thread) => Ok(Some(thread)),
        Err(StoreError::UnknownThread(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

fn section(out: &mut String, title: &str, count: usize, empty: &str) {
    let _ = write!(out, "\n## {title} ({count})\n\n");
    if count == 0 {
        let _ = writeln!(out, "{empty}");
    }
}

/// The guest, then the property, channel and account: `**Liam** (Canal House 2B ·
/// Booking.com · account Canal House)`.
fn who(thread: Option<&Thread>) -> String {
    let Some(thread) = thread else {
        return "**(a thread no longer in the inbox)**".into();
    };
    let guest = thread.guest.name.as_deref().map_or_else(|| "(no name)".into(), md);
    let property = thread
        .property_name
        .as_deref()
        .or(thread.property_id.as_deref())
        .map_or_else(|| "no property".into(), md);
    let channel = md(&crate::ui::format::channel(thread.channel.as_ref()));
    format!("**{guest}** ({property} · {channel} · account {})", md(&thread.account))
}

/// How long the guest has waited against the channel's target.
fn wait(triage: &Triage) -> String {
    let Some(clock @ ReplyClock { waited, target }) = triage.clock else {
        return "waiting since an unknown time (the messages carry none)".into();
    };
    // Targets are set in hours and read best that way: "24h", not "1d".
    let target = match target.as_secs() {
        secs if secs % 3_600 == 0 => format!("{}h", secs / 3_600),
        _ => span(target),
    };
    let waited = span(waited);
    match clock.state() {
        ClockState::OnTime => format!("waiting {waited} ({target} target)"),
        ClockState::DueSoon => {
            format!(
                "waiting {waited}, due in {} ({target} target)",
                span(clock.target.saturating_sub(clock.waited))
            )
        }
        ClockState::Overdue => {
            format!("waiting {waited}, **overdue** by {} ({target} target)", span(clock.overdue_by()))
        }
    }
}

/// `2d 3h`, `3h 10m`, `45m`, `under 1m`: enough to act on, short enough to scan.
fn span(duration: Duration) -> String {
    let minutes = duration.as_secs() / 60;
    match (minutes / 1_440, minutes / 60 % 24, minutes % 60) {
        (0, 0, 0) => "under 1m".into(),
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

/// Text from guests and providers, made inert in Markdown: on one line, with every
/// character that could start emphasis, code, a link, a table cell, a heading or an
/// HTML tag escaped.
fn md(text: &str) -> String {
    let line = sanitize_line(text).unwrap_or_default();
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
