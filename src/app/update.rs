//! `update`: the one place the app's state changes. Pure: no IO, no clock reads,
//! no awaits. What it needs from outside it asks for as `Effect`s.

use super::effect::Effect;
use super::msg::{LoadedThread, Msg};
use super::state::{AppState, Notice, OpenThread, SyncState};
use crate::store::{AccountStatus, OutboxEntry, OutboxState};
use crate::sync::SyncEvent;
use jiff::{SignedDuration, Timestamp};

/// How long a notice stays in the status line (errors twice as long): long enough
/// to read, short enough to give the key hints back.
const NOTICE_FOR: SignedDuration = SignedDuration::from_secs(5);

pub fn update(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    let mut effects = Vec::new();
    let threads_changed = matches!(msg, Msg::ThreadsLoaded(_) | Msg::ThreadsRefreshed(_));
    match msg {
        Msg::Key(key) => state.on_key(key, &mut effects),
        Msg::Mouse(mouse) => state.on_mouse(mouse, &mut effects),
        Msg::Paste(text) => state.on_paste(&text, &mut effects),
        Msg::Resize { width, height } => {
            (state.width, state.height) = (width, height);
            state.select(state.cursor, &mut effects);
            state.scroll_history(0);
        }
        Msg::Tick(now) => state.tick(now, &mut effects),
        Msg::Suspend => state.suspend(&mut effects),
        Msg::Stopping => state.save_draft_now(&mut effects),
        Msg::Sync(event) => state.on_sync(event, &mut effects),
        // Only before the whole list: the two loads can finish in either order.
        Msg::FirstThreadsLoaded(threads) if !state.loaded => {
            state.loaded = true;
            state.list_partial = true;
            state.set_threads(threads, &mut effects);
        }
        Msg::FirstThreadsLoaded(_) => {}
        Msg::ThreadsLoaded(threads) => {
            state.loaded = true;
            state.list_partial = false;
            state.set_threads(threads, &mut effects);
            state.after_list_load(&mut effects);
        }
        Msg::ThreadsRefreshed(threads) => {
            state.merge_threads(threads, &mut effects);
            state.after_list_load(&mut effects);
        }
        Msg::ThreadLoaded(loaded) => state.on_thread_loaded(*loaded),
        Msg::AccountsLoaded(statuses) => state.on_accounts_loaded(statuses),
        Msg::DraftsLoaded(stored) => state.on_drafts_loaded(stored),
        Msg::OutboxCount(count) => {
            state.undelivered = count;
            state.dirty = true;
        }
        Msg::SearchResult { query, matches } if query == state.filter.text => {
            state.filter.matched_query = query;
            state.filter.text_matches = matches;
            state.refilter(&mut effects);
        }
        Msg::SearchResult { .. } => {} // an answer to a query the user has typed past
        Msg::ReplyQueued(entry) => {
            // The history shows it as queued at once; a notice would only repeat that.
            state.retriage_after(&entry, &mut effects);
            state.on_reply(entry);
            effects.push(Effect::CountOutbox);
        }
        Msg::ReplyRejected { key, body, reason } => {
            // The text comes back as the draft, unless the user has started a new one.
            if !state.drafts.contains_key(&key) {
                state.replace_draft(key, body, &mut effects);
            }
            state.notify_error(format!("Not sent: {reason}"));
        }
        Msg::DraftEdited { key, body } => state.on_draft_edited(key, &body, &mut effects),
        Msg::TemplatesLoaded(templates) => state.on_templates_loaded(templates),
        Msg::SameGuest { key, matches } => state.on_same_guest(key, matches),
        Msg::Retriaged => state.reload_threads(&mut effects),
        Msg::Failed(reason) => state.notify_error(reason),
    }
    state.panel_follows_selection(threads_changed, &mut effects);
    effects
}

impl AppState {
    fn tick(&mut self, now: Timestamp, effects: &mut Vec<Effect>) {
        // Relative times ("3m") change once a minute; redraw then, not every tick.
        let minute = |t: Timestamp| t.as_second().div_euclid(60);
        if minute(now) != minute(self.now) {
            self.dirty = true;
        }
        self.now = now;
        if self.notice.as_ref().is_some_and(|n| n.until <= now) {
            self.notice = None;
            self.dirty = true;
        }
        self.save_draft_if_due(now, effects);
        self.wake_snoozed(effects);
    }

    fn on_sync(&mut self, event: SyncEvent, effects: &mut Vec<Effect>) {
        self.dirty = true;
        match event {
            SyncEvent::Started { account } => {
                self.set_sync(&account, SyncState::Syncing(Default::default()), None)
            }
            SyncEvent::Progress { account, progress } => {
                self.set_sync(&account, SyncState::Syncing(progress), None)
            }
            SyncEvent::Finished { account, at, .. } => self.set_sync(&account, SyncState::Ok, Some(at)),
            SyncEvent::Failed { account, error, .. } => {
                self.set_sync(&account, SyncState::Failed { short: error.short }, None);
            }
            SyncEvent::Warning { account, message } => {
                // Workers repeat warnings every sync (an expiring token); say each once.
                let text = format!("{account}: {message}");
                if self.warned.insert(text.clone()) {
                    self.notify_error(text);
                }
            }
            SyncEvent::ThreadsChanged { threads, .. } => {
                self.refresh_threads(threads.clone(), effects);
                // The selected thread, even while its first load is still on the way.
                if let Some(selected) = self.selected_key().filter(|key| threads.contains(key)) {
                    effects.push(Effect::LoadThread(selected));
                }
            }
            SyncEvent::Outbox(entry) => {
                if entry.state == OutboxState::Failed {
                    let reason = entry.error.as_deref().unwrap_or("no reason given");
                    let guest = self.guest_of(&entry.key);
                    self.notify_error(format!("Reply to {guest} failed (R sends it again): {reason}"));
                }
                self.retriage_after(&entry, effects);
                self.on_reply(entry);
                effects.push(Effect::CountOutbox);
            }
        }
    }

    fn set_sync(&mut self, account: &str, sync: SyncState, ok_at: Option<Timestamp>) {
        if let Some(view) = self.accounts.iter_mut().find(|a| a.name == account) {
            view.sync = sync;
            view.last_ok = ok_at.or(view.last_ok);
        }
    }

    /// Asks for the thread list again; while one load runs, at most one more follows.
    pub(super) fn reload_threads(&mut self, effects: &mut Vec<Effect>) {
        if self.threads_loading {
            self.threads_stale = true;
        } else {
            self.threads_loading = true;
            effects.push(Effect::LoadThreads);
        }
    }

    fn on_thread_loaded(&mut self, loaded: LoadedThread) {
        // A slow answer for a thread the user has moved away from is dropped.
        if self.selected_key() == Some(loaded.thread.key()) {
            let LoadedThread { thread, messages, replies } = loaded;
            self.open_requested = None;
            self.set_open(OpenThread {
                thread,
                messages,
                replies,
                scroll_from_bottom: 0,
                view: Default::default(),
            });
        }
    }

    fn on_accounts_loaded(&mut self, statuses: Vec<AccountStatus>) {
        for status in statuses {
            if let Some(view) = self.accounts.iter_mut().find(|a| a.name == status.name) {
                view.last_ok = status.last_sync_at;
                if let (SyncState::Waiting, Some(short)) = (&view.sync, status.last_error) {
                    view.sync = SyncState::Failed { short };
                }
            }
        }
        self.dirty = true;
    }

    /// Who a thread is with, as a person would name it.
    fn guest_of(&self, key: &crate::domain::ThreadKey) -> String {
        let thread = self.threads.iter().map(|s| &s.thread).find(|t| t.is(key));
        match thread.and_then(|t| t.guest.name.as_deref()) {
            Some(name) => format!("{name} ({})", key.account),
            None => key.to_string(),
        }
    }

    /// A reply changed state: show it in its thread, if that thread is open.
    fn on_reply(&mut self, entry: OutboxEntry) {
        let Some(open) = self.open.as_mut().filter(|o| o.thread.key() == entry.key) else { return };
        match open.replies.iter_mut().find(|r| r.id == entry.id) {
            Some(existing) => *existing = entry,
            None => open.replies.push(entry),
        }
        self.dirty = true;
    }

    pub(super) fn notify_info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), is_error: false, until: self.now + NOTICE_FOR });
        self.dirty = true;
    }

    pub(super) fn notify_error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), is_error: true, until: self.now + NOTICE_FOR * 2 });
        self.dirty = true;
    }
}
