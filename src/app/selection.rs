//! The list's filter and selection, and the views that follow the selection (the
//! open thread, the composer's draft). Pure state changes plus the effects they need.

use super::effect::Effect;
use super::state::{AppState, Focus, OpenThread};
use crate::domain::ThreadKey;
use crate::store::ThreadSummary;
use crate::ui::layout::Areas;
use ratatui_textarea::TextArea;

impl AppState {
    pub(super) fn areas(&self) -> Areas {
        Areas::of(self)
    }

    pub(super) fn selected_key(&self) -> Option<ThreadKey> {
        self.selected().map(|s| s.thread.key())
    }

    /// Takes a freshly loaded thread list, keeping what this session knows better
    /// (threads read since the store was asked).
    /// Takes the list as the store boxed it, row by row (see `AppState::threads`).
    #[allow(clippy::vec_box)]
    pub(super) fn set_threads(&mut self, mut threads: Vec<Box<ThreadSummary>>, effects: &mut Vec<Effect>) {
        self.apply_read_marks(threads.iter_mut().map(|summary| &mut **summary));
        // Read the selection before the new list replaces the one the cursor points into.
        let selected = self.selected_key();
        self.threads = threads;
        self.refilter_keeping(selected, effects);
    }

    /// Threads read in this session stay read in summaries the store made before it
    /// recorded that.
    pub(super) fn apply_read_marks<'a>(&self, threads: impl Iterator<Item = &'a mut ThreadSummary>) {
        if self.read_marks.is_empty() {
            return;
        }
        for summary in threads {
            let read_at = self.read_marks.get(&summary.thread.key());
            if read_at.is_some_and(|read_at| summary.last_message_at <= *read_at) {
                summary.thread.unread = 0;
            }
        }
    }

    /// Recomputes which threads pass the filter, keeping the selected thread
    /// selected when it still passes.
    pub(super) fn refilter(&mut self, effects: &mut Vec<Effect>) {
        self.refilter_keeping(self.selected_key(), effects);
    }

    pub(super) fn refilter_keeping(&mut self, before: Option<ThreadKey>, effects: &mut Vec<Effect>) {
        let needle = Needle::new(&self.filter.text);
        let text_matches =
            (self.filter.matched_query == self.filter.text).then_some(&self.filter.text_matches.threads);
        let today = self.today();
        self.visible = (0..self.threads.len())
            .filter(|&index| {
                let summary = &self.threads[index];
                self.lanes.lane.admits(summary, self.now)
                    && self.facets.admits(&summary.thread, today)
                    && (needle.is_empty()
                        || needle.found_in_names_of(summary)
                        || text_matches.is_some_and(|m| m.contains(&summary.thread.key())))
            })
            .collect();
        self.lanes.recount(&self.threads, self.now);
        self.unread_visible = self.visible.iter().filter(|&&i| self.threads[i].thread.unread > 0).count();
        let cursor = before
            .as_ref()
            .and_then(|key| self.visible.iter().position(|&i| self.threads[i].thread.is(key)))
            .unwrap_or(0);
        self.select(cursor, effects);
    }

    /// Moves the cursor (clamped) and keeps it on screen. A new thread under the
    /// cursor is loaded, and the composer switches to its draft.
    pub(super) fn select(&mut self, cursor: usize, effects: &mut Vec<Effect>) {
        self.cursor = cursor.min(self.visible.len().saturating_sub(1));
        let rows = self.areas().list_rows().max(1);
        if self.cursor < self.list_offset {
            self.list_offset = self.cursor;
        } else if self.cursor >= self.list_offset + rows {
            self.list_offset = self.cursor + 1 - rows;
        }
        self.list_offset = self.list_offset.min(self.visible.len().saturating_sub(rows));
        let key = self.selected_key();
        if self.open.as_ref().map(|o| o.thread.key()) != key {
            self.open = None;
            if let Some(key) = key.as_ref().filter(|&k| self.open_requested.as_ref() != Some(k)) {
                effects.push(Effect::LoadThread(key.clone()));
            }
            self.open_requested = key.clone();
        }
        if self.composer_key != key {
            self.save_draft_now(effects);
            let draft = key.as_ref().and_then(|k| self.drafts.get(k)).cloned().unwrap_or_default();
            self.composer = composer_with(&draft);
            self.composer_key = key;
        }
        if self.composer_key.is_none() && self.focus != Focus::List {
            self.focus = Focus::List;
        }
        self.dirty = true;
    }

    /// Scrolls the history by `lines` (positive: towards older messages), clamped
    /// to the thread's length at the current width.
    pub(super) fn scroll_history(&mut self, lines: isize) {
        // The history as it is laid out when shown: on a narrow terminal the list
        // replaces it, and clamping to that absent pane would clamp to nothing.
        let areas = Areas::showing_history(self);
        let (width, rows) = (areas.history_width(), areas.history_rows());
        let Some(open) = self.open.as_mut() else { return };
        let wanted = open.scroll_from_bottom.saturating_add_signed(lines);
        // Short of `wanted + rows` only when that is the whole thread.
        let total = crate::ui::history::line_count_up_to(open, width, wanted.saturating_add(rows));
        open.scroll_from_bottom = wanted.min(total.saturating_sub(rows));
        self.dirty = true;
    }

    pub(super) fn set_open(&mut self, open: OpenThread) {
        let same_thread = self.open.as_ref().is_some_and(|o| o.thread.key() == open.thread.key());
        let scroll = if same_thread { self.open.as_ref().map_or(0, |o| o.scroll_from_bottom) } else { 0 };
        let view = self.view_for(&open);
        self.open = Some(OpenThread { scroll_from_bottom: scroll, view, ..open });
        self.scroll_history(0);
    }
}

/// The filter's text, matched case-insensitively against what names a thread:
/// guest, property, account and subject. Message text is the search index's.
/// Nothing is kept per thread: lowercased copies of 100k threads' names cost more
/// memory than matching them afresh on each keystroke costs time.
struct Needle {
    lowercase: String,
}

impl Needle {
    fn new(text: &str) -> Self {
        Self { lowercase: text.trim().to_lowercase() }
    }

    fn is_empty(&self) -> bool {
        self.lowercase.is_empty()
    }

    fn found_in_names_of(&self, summary: &ThreadSummary) -> bool {
        let thread = &summary.thread;
        [
            thread.guest.name.as_deref(),
            thread.property_name.as_deref(),
            thread.property_id.as_deref(),
            thread.subject.as_deref(),
            Some(thread.account.as_str()),
        ]
        .into_iter()
        .flatten()
        .any(|field| self.found_in(field))
    }

    fn found_in(&self, field: &str) -> bool {
        super::facets::contains_folded(field, &self.lowercase)
    }
}

/// A composer holding `text`, cursor at its end.
pub(super) fn composer_with(text: &str) -> TextArea<'static> {
    let mut composer = TextArea::new(text.split('\n').map(str::to_owned).collect());
    composer.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    composer.move_cursor(ratatui_textarea::CursorMove::Bottom);
    composer.move_cursor(ratatui_textarea::CursorMove::End);
    composer
}
