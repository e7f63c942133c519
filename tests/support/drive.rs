//! Driving `update` the way the app does: keys and messages in, effects out, and a
//! stand-in for the effect executor that answers loads from the fixture.

use super::inbox;
use innbox::app::{AppState, Effect, LoadedThread, Msg, update};
use innbox::domain::ThreadKey;
use innbox::providers::Progress;
use innbox::store::ThreadSummary;
use innbox::sync::{SyncEvent, SyncFailure, SyncReport};
use jiff::tz::TimeZone;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 36;

pub fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn code(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn shift_tab() -> KeyEvent {
    KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
}

/// The keys that type `text`.
pub fn typing(text: &str) -> Vec<KeyEvent> {
    text.chars().map(|c| if c == '\n' { code(KeyCode::Enter) } else { key(c) }).collect()
}

/// Feeds one message; returns what `update` asked for.
pub fn feed(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    update(state, msg)
}

/// Presses `keys` in order; returns every effect they asked for, in order.
pub fn press(state: &mut AppState, keys: impl IntoIterator<Item = KeyEvent>) -> Vec<Effect> {
    keys.into_iter().flat_map(|k| update(state, Msg::Key(k))).collect()
}

/// Does the executor's part for loads: answers each `LoadThread`, `LoadThreads`
/// and `LoadChangedThreads` with what the fixture's store holds, and those
/// answers' own loads in turn.
pub fn answer(state: &mut AppState, effects: &[Effect]) {
    answer_from(state, effects, &inbox::summaries, &inbox::loaded);
}

/// As [`answer`], for a store holding `summaries` and the threads `loaded` returns.
pub fn answer_from(
    state: &mut AppState,
    effects: &[Effect],
    summaries: &dyn Fn() -> Vec<ThreadSummary>,
    loaded: &dyn Fn(&ThreadKey) -> LoadedThread,
) {
    for effect in effects {
        let more = match effect {
            Effect::LoadThread(key) => update(state, Msg::ThreadLoaded(Box::new(loaded(key)))),
            Effect::LoadThreads => {
                update(state, Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect()))
            }
            Effect::LoadChangedThreads(keys) => update(state, Msg::ThreadsRefreshed(only(summaries(), keys))),
            _ => Vec::new(),
        };
        answer_from(state, &more, summaries, loaded);
    }
}

/// The summaries of `keys`, as the store reads changed threads again.
pub fn only(summaries: Vec<ThreadSummary>, keys: &[ThreadKey]) -> Vec<ThreadSummary> {
    summaries.into_iter().filter(|s| keys.contains(&s.thread.key())).collect()
}

/// Presses `keys`, answering loads as they are asked for, as the running app would.
pub fn drive(state: &mut AppState, keys: impl IntoIterator<Item = KeyEvent>) -> Vec<Effect> {
    let mut all = Vec::new();
    for k in keys {
        let effects = update(state, Msg::Key(k));
        answer(state, &effects);
        all.extend(effects);
    }
    all
}

/// The app before the store has answered: accounts known, nothing loaded.
pub fn starting(width: u16, height: u16) -> AppState {
    let mut state = AppState::new(inbox::account_names(), inbox::now(), TimeZone::UTC);
    feed(&mut state, Msg::Resize { width, height });
    state
}

/// A first start: the store is empty and no account has synced yet.
pub fn empty_store() -> AppState {
    let mut state = starting(WIDTH, HEIGHT);
    feed(&mut state, Msg::AccountsLoaded(Vec::new()));
    feed(&mut state, Msg::DraftsLoaded(Default::default()));
    feed(&mut state, Msg::OutboxCount(0));
    feed(&mut state, Msg::ThreadsLoaded(Vec::new().into_iter().map(Box::new).collect()));
    state
}

/// The fixture's inbox at 120x36, loaded as the store answers at start-up, with
/// the newest thread's conversation loaded too.
pub fn inbox() -> AppState {
    inbox_at(WIDTH, HEIGHT)
}

pub fn inbox_at(width: u16, height: u16) -> AppState {
    let mut state = starting(width, height);
    feed(&mut state, Msg::AccountsLoaded(inbox::account_statuses()));
    feed(&mut state, Msg::DraftsLoaded(inbox::drafts()));
    feed(&mut state, Msg::OutboxCount(2));
    let effects =
        feed(&mut state, Msg::ThreadsLoaded(inbox::summaries().into_iter().map(Box::new).collect()));
    answer(&mut state, &effects);
    state
}

/// Moves the list's selection down to `guest`'s thread with `j`, loading as it goes.
pub fn select_guest(state: &mut AppState, guest: Option<&str>) {
    drive(state, [key('g')]);
    for _ in 0..state.visible_count() {
        if state.selected().is_some_and(|s| s.thread.guest.name.as_deref() == guest) {
            return;
        }
        drive(state, [key('j')]);
    }
    panic!("no thread with guest {guest:?} in the list");
}

/// Selects `guest`'s thread and opens it (Enter).
pub fn open_guest(state: &mut AppState, guest: Option<&str>) -> Vec<Effect> {
    select_guest(state, guest);
    drive(state, [code(KeyCode::Enter)])
}

pub fn started(account: &str) -> Msg {
    Msg::Sync(SyncEvent::Started { account: account.into() })
}

pub fn progress(account: &str, done: usize, total: Option<usize>) -> Msg {
    Msg::Sync(SyncEvent::Progress { account: account.into(), progress: Progress { done, total } })
}

pub fn finished(account: &str, at: &str) -> Msg {
    let report = SyncReport { threads_changed: 2, requests: 7, ..SyncReport::default() };
    Msg::Sync(SyncEvent::Finished { account: account.into(), at: inbox::at(at), report })
}

pub fn failed(account: &str, short: &str) -> Msg {
    let error = SyncFailure {
        message: format!("{account}: {short}. Check the token in the config."),
        short: short.into(),
    };
    Msg::Sync(SyncEvent::Failed { account: account.into(), at: inbox::now(), error })
}

/// The guest of the selected thread, as the list names it.
pub fn selected_guest(state: &AppState) -> Option<String> {
    state.selected().and_then(|s| s.thread.guest.name.clone())
}

/// The composer's text, lines joined.
pub fn composer_text(state: &AppState) -> String {
    state.composer().lines().join("\n")
}

/// How far the open thread can scroll up at the state's size, as the history pane
/// lays it out.
pub fn history_scroll_limit(state: &AppState) -> usize {
    let areas = innbox::ui::layout::Areas::showing_history(state);
    let open = state.open_thread().expect("an open thread");
    let whole_thread = innbox::ui::history::line_count_up_to(open, areas.history_width(), usize::MAX);
    whole_thread.saturating_sub(areas.history_rows())
}

/// Threads that fit in the list pane at the state's size and focus.
pub fn list_rows(state: &AppState) -> usize {
    innbox::ui::layout::Areas::of(state).list_rows()
}
