//! Keeping the loaded thread list current while syncs change it: only the changed
//! threads are read again and merged in. Reading the whole list again after every
//! sync page held the store for 200-300 ms at 100k threads, and a search or a
//! thread opened meanwhile waited that long.

use super::effect::Effect;
use super::state::AppState;
use crate::domain::ThreadKey;
use crate::store::ThreadSummary;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};

impl AppState {
    /// `keys` changed in the store: reads them again, or, before the whole list
    /// is in, the whole list once more.
    pub(super) fn refresh_threads(&mut self, keys: Vec<ThreadKey>, effects: &mut Vec<Effect>) {
        if !self.loaded || self.list_partial {
            self.reload_threads(effects);
        } else if self.threads_loading {
            self.changed_while_loading.extend(keys);
        } else {
            self.threads_loading = true;
            effects.push(Effect::LoadChangedThreads(keys));
        }
    }

    /// A list load finished: asks for what changed while it ran.
    pub(super) fn after_list_load(&mut self, effects: &mut Vec<Effect>) {
        self.threads_loading = false;
        if std::mem::take(&mut self.threads_stale) {
            self.changed_while_loading.clear();
            self.reload_threads(effects);
        } else if !self.changed_while_loading.is_empty() {
            let keys = std::mem::take(&mut self.changed_while_loading).into_iter().collect();
            self.refresh_threads(keys, effects);
        }
    }

    /// Puts freshly read threads in place of their old rows, in list order.
    pub(super) fn merge_threads(&mut self, mut fresh: Vec<ThreadSummary>, effects: &mut Vec<Effect>) {
        self.apply_read_marks(fresh.iter_mut());
        fresh.sort_by(list_order);
        // A hash of the id first, so telling 100k rows apart allocates nothing.
        let fresh_keys: Vec<ThreadKey> = fresh.iter().map(|summary| summary.thread.key()).collect();
        let hasher = RandomState::new();
        let fresh_ids: HashSet<u64> = fresh_keys.iter().map(|key| hasher.hash_one(&key.id)).collect();
        let replaced = |old: &ThreadSummary| {
            fresh_ids.contains(&hasher.hash_one(&old.thread.id))
                && fresh_keys.iter().any(|key| old.thread.is(key))
        };
        let selected = self.selected_key();
        let old = std::mem::take(&mut self.threads);
        let mut merged = Vec::with_capacity(old.len() + fresh.len());
        let mut fresh = fresh.into_iter().map(Box::new).peekable();
        for summary in old.into_iter().filter(|old| !replaced(old)) {
            while let Some(next) = fresh.next_if(|next| list_order(next, &summary) == Ordering::Less) {
                merged.push(next);
            }
            merged.push(summary);
        }
        merged.extend(fresh);
        self.threads = merged;
        self.refilter_keeping(selected, effects);
    }
}

/// The list's order, as the store sorts it: newest activity first, then account, id.
fn list_order(a: &ThreadSummary, b: &ThreadSummary) -> Ordering {
    (b.activity().cmp(&a.activity()))
        .then_with(|| a.thread.account.cmp(&b.thread.account))
        .then_with(|| a.thread.id.cmp(&b.thread.id))
}
