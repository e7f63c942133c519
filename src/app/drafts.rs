//! The composer's drafts: kept in memory as they are typed and saved once typing
//! pauses, or at once when the user leaves them (another thread, Ctrl-z, the
//! editor, quitting), so a crash or a kill -9 loses at most the last moment's typing.

use super::effect::{Effect, LoopEffect};
use super::selection::composer_with;
use super::state::AppState;
use crate::domain::ThreadKey;
use crate::domain::sanitize::sanitize_text;
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// How long typing must pause before the draft is saved: one write per burst of
/// typing rather than one per keystroke.
pub const DRAFT_SAVE_DELAY: SignedDuration = SignedDuration::from_millis(300);

impl AppState {
    /// The composer's text changed: the draft follows it in memory at once, and is
    /// saved when typing has paused for `DRAFT_SAVE_DELAY`.
    pub(super) fn draft_changed(&mut self, effects: &mut Vec<Effect>) {
        let Some(key) = self.composer_key.clone() else { return };
        self.keep_draft(key, self.composer.lines().join("\n"));
        let due = self.now + DRAFT_SAVE_DELAY;
        self.draft_save_due = Some(due);
        effects.push(Effect::Loop(LoopEffect::TickAt(due)));
        self.dirty = true;
    }

    /// Saves the composer's draft now, if it has changed since it was saved.
    pub(super) fn save_draft_now(&mut self, effects: &mut Vec<Effect>) {
        if self.draft_save_due.take().is_none() {
            return;
        }
        if let Some(key) = self.composer_key.clone() {
            let body = self.drafts.get(&key).cloned().unwrap_or_default();
            effects.push(Effect::SaveDraft { key, body });
        }
    }

    pub(super) fn save_draft_if_due(&mut self, now: Timestamp, effects: &mut Vec<Effect>) {
        if self.draft_save_due.is_some_and(|due| due <= now) {
            self.save_draft_now(effects);
        }
    }

    /// The composer's text went into a reply, which drops its draft: nothing to save.
    pub(super) fn draft_sent(&mut self, key: &ThreadKey) {
        self.drafts.remove(key);
        self.draft_save_due = None;
        self.composer = composer_with("");
    }

    /// The stored drafts arrive after the first frame. One typed meanwhile is newer
    /// than its stored copy, and keeps the composer as it is.
    pub(super) fn on_drafts_loaded(&mut self, stored: HashMap<ThreadKey, String>) {
        for (key, body) in stored {
            if let Entry::Vacant(slot) = self.drafts.entry(key) {
                if self.composer_key.as_ref() == Some(slot.key()) {
                    self.composer = composer_with(&body);
                }
                slot.insert(body);
            }
        }
        self.dirty = true;
    }

    /// The user's editor has written a new draft; it is cleaned like pasted text.
    pub(super) fn on_draft_edited(&mut self, key: ThreadKey, body: &str, effects: &mut Vec<Effect>) {
        self.replace_draft(key, sanitize_text(body), effects);
    }

    /// Puts `body` in as a thread's draft, in the composer too if it shows that
    /// thread, and saves it at once (a blank one is deleted).
    pub(super) fn replace_draft(&mut self, key: ThreadKey, body: String, effects: &mut Vec<Effect>) {
        if self.composer_key.as_ref() == Some(&key) {
            self.composer = composer_with(&body);
        }
        self.keep_draft(key.clone(), body.clone());
        effects.push(Effect::SaveDraft { key, body });
        self.dirty = true;
    }

    /// A blank text is no draft.
    fn keep_draft(&mut self, key: ThreadKey, body: String) {
        if body.trim().is_empty() {
            self.drafts.remove(&key);
        } else {
            self.drafts.insert(key, body);
        }
    }
}
