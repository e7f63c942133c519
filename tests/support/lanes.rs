//! The fixture's inbox triaged: some threads wait on us (one urgent, one overdue,
//! one due soon), one is snoozed, one snoozed until half past, one done.

use super::drive::{HEIGHT, WIDTH, answer_from, feed, starting};
use super::inbox::{self, at, key_of, loaded};
use innbox::app::{AppState, Effect, Msg};
use innbox::store::{ThreadSummary, ThreadTriage};

/// Guest, urgent, waiting since, snoozed until, done.
#[rustfmt::skip]
const TRIAGE: &[(&str, bool, &str, Option<&str>, bool)] = &[
    ("James O'Connor", true, "2026-11-21T11:40:00Z", None, false),
    ("Yuki Tanaka", false, "2026-11-21T11:52:00Z", None, false),
    ("Lukas Becker", false, "2026-11-21T10:50:00Z", None, false),
    ("Emma Johansson", false, "2026-11-21T11:10:00Z", None, false),
    ("李娜", false, "2026-11-21T09:30:00Z", Some("2026-11-23T09:00:00Z"), false),
    ("Anna Kowalska", false, "2026-11-21T06:10:00Z", None, true),
    ("Hannah Schmidt", true, "2026-11-18T08:30:00Z", Some("2026-11-21T12:30:00Z"), false),
];

pub fn summaries() -> Vec<ThreadSummary> {
    let mut summaries = inbox::summaries();
    for summary in &mut summaries {
        let guest = summary.thread.guest.name.as_deref();
        if let Some(&(_, urgent, since, snoozed, done)) = TRIAGE.iter().find(|row| Some(row.0) == guest) {
            summary.triage =
                ThreadTriage::new(true, urgent, Some(at(since))).with_snooze(snoozed.map(at)).with_done(done);
        }
    }
    summaries
}

/// Answers loads from the triaged fixture.
pub fn answer(state: &mut AppState, effects: &[Effect]) {
    answer_from(state, effects, &summaries, &loaded);
}

/// The triaged inbox at 120x36, as loaded at start-up.
pub fn inbox() -> AppState {
    let mut state = starting(WIDTH, HEIGHT);
    feed(&mut state, Msg::AccountsLoaded(inbox::account_statuses()));
    feed(&mut state, Msg::DraftsLoaded(Default::default()));
    feed(&mut state, Msg::OutboxCount(0));
    let effects = feed(&mut state, Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect()));
    answer(&mut state, &effects);
    state
}

/// Presses `keys`, answering loads from the triaged fixture.
pub fn drive(state: &mut AppState, keys: &str) -> Vec<Effect> {
    let mut all = Vec::new();
    for c in keys.chars() {
        let effects = feed(state, Msg::Key(super::drive::key(c)));
        answer(state, &effects);
        all.extend(effects);
    }
    all
}

/// The guests of the threads the list shows, in order.
pub fn shown(state: &AppState) -> Vec<String> {
    let rows = state.visible_rows(usize::MAX);
    rows.map(|row| row.summary.thread.guest.name.clone().unwrap_or_default()).collect()
}

pub fn guest_key(guest: &str) -> innbox::domain::ThreadKey {
    key_of(Some(guest))
}
