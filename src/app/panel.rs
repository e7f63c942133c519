//! The reservation side panel (`i`): the selected thread's guest, stay and what
//! its provider allows, and the guest's other threads ("possibly the same guest").
//! Those are asked of the store only while the panel is open, once per thread
//! the selection lands on; an answer for a thread the user has left is dropped.

use super::effect::Effect;
use super::state::AppState;
use crate::domain::ThreadKey;
use crate::domain::guest_match::SameGuest;

/// Open for this session only; closed at start.
#[derive(Debug, Default)]
pub struct Panel {
    pub(super) open: bool,
    /// The thread whose matches are shown, or asked for.
    key: Option<ThreadKey>,
    /// `None` until the store answers for `key`.
    matches: Option<Vec<SameGuest>>,
    /// The match `x` and `>` act on, an index into `matches`.
    picked: usize,
}

impl Panel {
    /// The selected thread's other threads, once the store has answered.
    pub fn matches(&self) -> Option<&[SameGuest]> {
        self.matches.as_deref()
    }

    pub fn picked(&self) -> usize {
        self.picked
    }

    fn picked_match(&self) -> Option<&SameGuest> {
        self.matches.as_ref().and_then(|m| m.get(self.picked))
    }
}

impl AppState {
    pub fn panel_open(&self) -> bool {
        self.panel.open
    }

    /// The side panel, when it is open.
    pub fn panel(&self) -> Option<&Panel> {
        self.panel.open.then_some(&self.panel)
    }

    pub(super) fn toggle_panel(&mut self, effects: &mut Vec<Effect>) {
        self.panel.open = !self.panel.open;
        self.panel.key = None;
        self.panel.matches = None;
        // The panes moved: keep the selected row in the list's new height.
        self.select(self.cursor, effects);
        self.scroll_history(0);
    }

    /// Asks for the selected thread's matches when the selection has moved to
    /// another thread, or when `threads_changed` (a sync may have brought one).
    /// `update` calls it after every message, so every way of moving counts.
    pub(super) fn panel_follows_selection(&mut self, threads_changed: bool, effects: &mut Vec<Effect>) {
        if !self.panel.open {
            return;
        }
        let selected = self.selected_key();
        let moved = selected != self.panel.key;
        if moved {
            self.panel.key = selected.clone();
            self.panel.matches = None;
            self.panel.picked = 0;
        }
        if let Some(key) = selected.filter(|_| moved || threads_changed) {
            effects.push(Effect::FindSameGuest(key));
        }
    }

    pub(super) fn on_same_guest(&mut self, key: ThreadKey, matches: Vec<SameGuest>) {
        if self.panel.open && self.panel.key.as_ref() == Some(&key) {
            self.panel.picked = self.panel.picked.min(matches.len().saturating_sub(1));
            self.panel.matches = Some(matches);
            self.dirty = true;
        }
    }

    pub(super) fn pick_match(&mut self, step: isize) {
        let Some(count) = self.panel_matches_or_say_why() else { return };
        self.panel.picked = self.panel.picked.saturating_add_signed(step).min(count - 1);
    }

    /// `x`: the picked match is not the same guest; on an unlinked one, it is again.
    pub(super) fn toggle_same_guest(&mut self, effects: &mut Vec<Effect>) {
        if self.panel_matches_or_say_why().is_none() {
            return;
        }
        let (Some(thread), Some(picked)) = (self.panel.key.clone(), self.panel.matches.as_mut()) else {
            return;
        };
        let picked = &mut picked[self.panel.picked];
        picked.unlinked = !picked.unlinked;
        let (other, same) = (picked.key.clone(), !picked.unlinked);
        let who = format!(
            "{} ({})",
            crate::ui::guest_text::name(picked.guest_name.as_deref()),
            crate::ui::format::channel(picked.channel.as_ref())
        );
        effects.push(Effect::SetSameGuest { thread, other, same });
        self.notify_info(if same {
            format!("Linked again: {who} is possibly the same guest")
        } else {
            format!("Unlinked {who} · x links it again")
        });
    }

    /// `>`: the list jumps to the picked match's thread.
    pub(super) fn go_to_match(&mut self, effects: &mut Vec<Effect>) {
        if self.panel_matches_or_say_why().is_none() {
            return;
        }
        let Some(target) = self.panel.picked_match().map(|m| m.key.clone()) else { return };
        match self.visible.iter().position(|&index| self.threads[index].thread.is(&target)) {
            Some(row) => self.select(row, effects),
            None if !self.filter.text.is_empty() => {
                self.notify_info("That thread is hidden by the filter: Esc in the list clears it")
            }
            None => self.notify_info("That thread is not in the list yet: it is still loading"),
        }
    }

    /// How many matches the panel shows, or `None` after telling the user why
    /// there is nothing to act on.
    fn panel_matches_or_say_why(&mut self) -> Option<usize> {
        let count = self.panel.matches.as_ref().map(Vec::len);
        match (self.panel.open, count) {
            (false, _) => self.notify_info("i opens the guest panel first"),
            (true, None) => self.notify_info("Still looking for the guest's other threads"),
            (true, Some(0)) => self.notify_info("No other threads of this guest"),
            (true, Some(count)) => return Some(count),
        }
        None
    }
}
