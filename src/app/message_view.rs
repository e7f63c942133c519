//! The open thread's selected message and privacy mode. `[` and `]` move the
//! selection (the newest by default) and scroll it into view; `y`, `o` and `v` act
//! on it. Privacy mode masks codes, phone numbers and emails in every message but
//! the one revealed with `v`; revealing another hides the first again.

use super::state::{AppState, Focus, OpenThread};
use crate::ui::layout::Areas;

/// What the history shows of the open thread beyond its text. Entries are the synced
/// messages, then our replies the provider does not show yet, as the history lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageView {
    /// None follows the newest entry, as new messages arrive.
    selected: Option<usize>,
    /// Privacy mode is on for this thread.
    masked: bool,
    /// The one entry shown unmasked.
    revealed: Option<usize>,
}

impl MessageView {
    /// The selected entry of `entries`, if there is one.
    pub fn selected(&self, entries: usize) -> Option<usize> {
        let last = entries.checked_sub(1)?;
        Some(self.selected.unwrap_or(last).min(last))
    }

    /// Whether entry `index` shows masked.
    pub fn is_masked(&self, index: usize) -> bool {
        self.masked && self.revealed != Some(index)
    }
}

impl OpenThread {
    pub fn view(&self) -> &MessageView {
        &self.view
    }

    /// Synced messages, then our replies the provider does not show yet.
    pub fn entry_count(&self) -> usize {
        self.messages.len() + self.replies.len()
    }

    /// The selected entry's index, if the thread has any.
    pub fn selected_entry(&self) -> Option<usize> {
        self.view.selected(self.entry_count())
    }

    /// What identifies entry `index` across reloads of the thread.
    fn entry_id(&self, index: usize) -> Option<EntryId<'_>> {
        match self.messages.get(index) {
            Some(message) => Some(EntryId::Message(&message.id)),
            None => self.replies.get(index - self.messages.len()).map(|reply| EntryId::Reply(reply.id)),
        }
    }

    fn position(&self, id: &EntryId<'_>) -> Option<usize> {
        match id {
            EntryId::Message(id) => self.messages.iter().position(|m| m.id == *id),
            EntryId::Reply(id) => {
                self.replies.iter().position(|r| r.id == *id).map(|at| self.messages.len() + at)
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum EntryId<'a> {
    Message(&'a str),
    Reply(i64),
}

impl AppState {
    /// Privacy mode as the config sets it at start.
    pub fn with_privacy_mode(mut self, on: bool) -> Self {
        self.privacy_mode = on;
        if let Some(open) = self.open.as_mut() {
            open.view.masked = on;
        }
        self
    }

    pub fn privacy_mode(&self) -> bool {
        self.privacy_mode
    }

    /// The view of a freshly loaded thread: a reload of the open one keeps its
    /// selection and revealed message where they still are; a message that is gone
    /// leaves the newest selected and nothing revealed.
    pub(super) fn view_for(&self, loaded: &OpenThread) -> MessageView {
        let masked = self.privacy_mode;
        let Some(open) = self.open.as_ref().filter(|o| o.thread.key() == loaded.thread.key()) else {
            return MessageView { masked, ..MessageView::default() };
        };
        let relocate = |index: Option<usize>| {
            index.and_then(|index| open.entry_id(index)).and_then(|id| loaded.position(&id))
        };
        MessageView { selected: relocate(open.view.selected), masked, revealed: relocate(open.view.revealed) }
    }

    /// Selects the message `step` entries newer (negative: older), clamped, and
    /// scrolls it into view.
    pub(super) fn select_message(&mut self, step: isize) {
        let Some(open) = self.open.as_mut() else { return };
        let Some(current) = open.selected_entry() else { return };
        let last = open.entry_count() - 1;
        let index = current.saturating_add_signed(step).min(last);
        // The newest, chosen, goes on following the newest.
        open.view.selected = (index < last).then_some(index);
        self.scroll_to_selected();
    }

    /// Scrolls the history as little as it takes to show the selected message, its
    /// top first when it is taller than the pane.
    fn scroll_to_selected(&mut self) {
        let areas = Areas::new(self.width, self.height, Focus::History);
        let (width, rows) = (areas.history_width(), areas.history_rows());
        let Some(open) = self.open.as_mut() else { return };
        let Some(index) = open.selected_entry() else { return };
        let (below, height) = crate::ui::history::entry_extent(open, width, index);
        let top = below + height;
        let scroll = open.scroll_from_bottom;
        if height > rows || top > scroll + rows {
            open.scroll_from_bottom = top.saturating_sub(rows);
        } else if below < scroll {
            open.scroll_from_bottom = below;
        }
        self.scroll_history(0);
    }

    /// `p`: privacy mode on or off; turning it on hides every message again.
    pub(super) fn toggle_privacy(&mut self) {
        self.privacy_mode = !self.privacy_mode;
        if let Some(open) = self.open.as_mut() {
            open.view.masked = self.privacy_mode;
            open.view.revealed = None;
        }
        self.after_masking_changed();
        if self.privacy_mode {
            self.notify_info(
                "Privacy on: codes, phone numbers and emails are hidden (v shows the selected message)",
            )
        } else {
            self.notify_info("Privacy off: everything shows")
        }
    }

    /// `v`: shows the selected message unmasked, hiding the one shown before; on the
    /// message already shown, hides it again.
    pub(super) fn reveal_selected(&mut self) {
        if !self.privacy_mode {
            return self.notify_info("Privacy mode is off: nothing is hidden (p turns it on)");
        }
        let Some(open) = self.open.as_mut() else {
            return self.notify_info("Open a thread to show a message");
        };
        let Some(index) = open.selected_entry() else { return };
        let shown = open.view.revealed != Some(index);
        open.view.revealed = shown.then_some(index);
        self.after_masking_changed();
        self.notify_info(if shown { "Showing this message unmasked (v hides it)" } else { "Hidden again" });
    }

    /// Masked text is shorter: the thread's height changed under the scroll.
    fn after_masking_changed(&mut self) {
        self.scroll_history(0);
        self.scroll_to_selected();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_follows_the_newest_until_moved() {
        let view = MessageView::default();
        assert_eq!(view.selected(0), None);
        assert_eq!(view.selected(5), Some(4));
        let moved = MessageView { selected: Some(2), ..view };
        assert_eq!(moved.selected(5), Some(2));
        assert_eq!(moved.selected(2), Some(1), "clamped to a shorter thread");
    }

    #[test]
    fn only_the_revealed_entry_is_unmasked() {
        let view = MessageView { masked: true, revealed: Some(1), ..MessageView::default() };
        assert!(view.is_masked(0));
        assert!(!view.is_masked(1));
        assert!(!MessageView::default().is_masked(0), "privacy off masks nothing");
    }
}
