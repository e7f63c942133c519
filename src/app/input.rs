//! Keys, mouse and paste: turned into actions by the keymap, or into text for the
//! composer and the filter prompt.

use super::effect::{Effect, LoopEffect};
use super::state::{AppState, Focus};
use crate::domain::sanitize::{sanitize_line, sanitize_text};
use crate::keymap::{Action, Context};
use crate::store::OutboxState;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

/// Lines (or threads) one mouse-wheel notch moves.
const WHEEL_STEP: isize = 3;

impl AppState {
    pub(super) fn on_key(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        let context = self.context();
        let action = self.keymap.action(context, key);
        match (context, action) {
            (_, Some(action @ (Action::Quit | Action::Suspend))) => self.on_action(action, effects),
            (Context::Picker, action) => self.picker_key(action, key, effects),
            (Context::Confirm, action) => self.confirm_key(action, effects),
            (Context::SnoozeMenu, action) => self.snooze_menu_key(action, effects),
            (_, Some(action)) => self.on_action(action, effects),
            (Context::Compose, None) => self.type_reply(key, effects),
            (Context::FilterPrompt, None) => self.type_filter(key, effects),
            (Context::CommandLine, None) => self.type_command(key),
            (_, None) => {}
        }
    }

    fn on_action(&mut self, action: Action, effects: &mut Vec<Effect>) {
        self.dirty = true;
        let in_history = self.focus == Focus::History;
        let page = if in_history { self.areas().history_rows() } else { self.areas().list_rows() }.max(1);
        match action {
            Action::MoveDown if in_history => self.scroll_history(-1),
            Action::MoveUp if in_history => self.scroll_history(1),
            Action::PageDown if in_history => self.scroll_history(-(page as isize)),
            Action::PageUp if in_history => self.scroll_history(page as isize),
            Action::Top if in_history => self.scroll_history(isize::MAX),
            Action::Bottom if in_history => self.scroll_history(isize::MIN),
            Action::MoveDown => self.select(self.cursor + 1, effects),
            Action::MoveUp => self.select(self.cursor.saturating_sub(1), effects),
            Action::PageDown => self.select(self.cursor + page, effects),
            Action::PageUp => self.select(self.cursor.saturating_sub(page), effects),
            Action::Top => self.select(0, effects),
            Action::Bottom => self.select(usize::MAX, effects),
            Action::Open if self.filter.editing => self.filter.editing = false,
            Action::Open if self.command.is_open() => self.run_command_line(effects),
            Action::Back if self.command.is_open() => self.close_command_line(),
            Action::Open => self.open_selected(effects),
            Action::Back => self.back(effects),
            Action::NextPane => self.cycle_pane(1),
            Action::PrevPane => self.cycle_pane(-1),
            Action::Reply | Action::EditInEditor if self.selected().is_none() => {
                self.notify_info("Select a thread to reply to")
            }
            Action::Reply => self.start_reply(effects),
            Action::EditInEditor => {
                self.start_reply(effects);
                self.edit_in_editor(effects);
            }
            Action::Send => self.send(effects),
            Action::Templates => self.open_picker(),
            Action::Retry => self.retry(effects),
            Action::Filter => {
                // A new `/` starts a new filter, as a new search does in less or vim.
                self.focus = Focus::List;
                self.filter.editing = true;
                if !self.filter.text.is_empty() {
                    self.filter.text.clear();
                    self.refilter(effects);
                }
            }
            Action::Command => self.open_command_line(),
            Action::Complete => self.complete_command(1),
            Action::CompleteBack => self.complete_command(-1),
            Action::OlderCommand => self.browse_command_history(-1),
            Action::NewerCommand => self.browse_command_history(1),
            Action::TogglePanel => self.toggle_panel(effects),
            Action::NextMatch => self.pick_match(1),
            Action::PrevMatch => self.pick_match(-1),
            Action::NotSameGuest => self.toggle_same_guest(effects),
            Action::GoToMatch => self.go_to_match(effects),
            Action::Help => self.help_open = true,
            Action::Suspend => self.suspend(effects),
            // The overlays' own: `on_key` hands them over before this.
            Action::SnoozeFor(_) | Action::ConfirmSend => {}
            Action::OlderMessage => self.select_message(-1),
            Action::NewerMessage => self.select_message(1),
            Action::CopyMessage => self.copy_selected(effects),
            Action::OpenAttachments => self.open_attachments(effects),
            Action::TogglePrivacy => self.toggle_privacy(),
            Action::RevealMessage => self.reveal_selected(),
            Action::Quit => self.quit = true,
            Action::Lane(lane) => self.choose_lane(lane, effects),
            Action::NextWaiting => self.jump_to_waiting(effects),
            Action::Snooze => self.open_snooze_menu(),
            Action::Done => self.toggle_done(effects),
            Action::UndoSetAside => self.undo_set_aside(effects),
        }
    }

    /// Focuses the composer; answering a thread means having read it.
    pub(super) fn start_reply(&mut self, effects: &mut Vec<Effect>) {
        if self.focus != Focus::Compose {
            self.open_selected(effects);
            self.focus = Focus::Compose;
        }
    }

    fn edit_in_editor(&mut self, effects: &mut Vec<Effect>) {
        let Some(key) = self.selected_key() else { return };
        if let Some(reason) = self.reply_blocked() {
            let reason = reason.to_owned();
            return self.notify_error(reason);
        }
        self.save_draft_now(effects);
        let body = self.composer.lines().join("\n");
        effects.push(Effect::Loop(LoopEffect::EditDraft { key, body }));
    }

    /// Ctrl-z, or SIGTSTP: the draft is saved before the process stops.
    pub(super) fn suspend(&mut self, effects: &mut Vec<Effect>) {
        self.save_draft_now(effects);
        effects.push(Effect::Loop(LoopEffect::Suspend));
    }

    /// Focuses the selected thread's history and marks it read (here at once, in
    /// the store by effect).
    fn open_selected(&mut self, effects: &mut Vec<Effect>) {
        let Some(&index) = self.visible.get(self.cursor) else { return };
        self.focus = Focus::History;
        let summary = &mut self.threads[index];
        if summary.thread.unread > 0 {
            summary.thread.unread = 0;
            self.unread_visible -= 1;
            self.lanes.note_read();
        }
        self.read_marks.insert(summary.thread.key(), summary.last_message_at);
        effects.push(Effect::MarkRead(summary.thread.key()));
    }

    fn back(&mut self, effects: &mut Vec<Effect>) {
        if self.help_open {
            self.help_open = false;
        } else if self.filter.editing || (self.focus == Focus::List && !self.filter.text.is_empty()) {
            self.filter.editing = false;
            self.filter.text.clear();
            self.refilter(effects);
        } else if self.focus == Focus::List && !self.facets.is_empty() {
            self.facets = Default::default();
            self.refilter(effects);
        } else {
            self.focus = match self.focus {
                Focus::Compose => Focus::History,
                Focus::History | Focus::List => Focus::List,
            };
        }
    }

    fn cycle_pane(&mut self, step: isize) {
        let panes = [Focus::List, Focus::History, Focus::Compose];
        let usable = if self.selected().is_some() { 3 } else { 1 };
        let current = panes.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = panes[(current + step).rem_euclid(usable) as usize];
    }

    fn send(&mut self, effects: &mut Vec<Effect>) {
        let Some(key) = self.selected_key() else { return };
        if let Some(reason) = self.reply_blocked() {
            let reason = reason.to_owned();
            return self.notify_error(reason);
        }
        let body = self.composer.lines().join("\n");
        if body.trim().is_empty() {
            return self.notify_info("Write a reply first");
        }
        self.send_checked(key, body, effects);
    }

    fn retry(&mut self, effects: &mut Vec<Effect>) {
        let failed: Vec<_> = self
            .open
            .iter()
            .flat_map(|open| &open.replies)
            .filter(|reply| reply.state == OutboxState::Failed)
            .map(|reply| Effect::RetryReply { id: reply.id, account: reply.key.account.clone() })
            .collect();
        if failed.is_empty() {
            return self.notify_info("No failed replies in this thread");
        }
        effects.extend(failed);
    }

    /// Keys the composer takes as text. A thread that cannot be answered takes none.
    fn type_reply(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        if self.reply_blocked().is_some() {
            return;
        }
        if self.composer.input(key) {
            self.draft_changed(effects);
        }
    }

    fn type_filter(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        match key.code {
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => self.filter.text.clear(),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => self.filter.text.push(c),
            KeyCode::Backspace => {
                self.filter.text.pop();
            }
            _ => return,
        }
        self.filter_changed(effects);
    }

    fn filter_changed(&mut self, effects: &mut Vec<Effect>) {
        self.refilter(effects);
        if !self.filter.text.trim().is_empty() {
            effects.push(Effect::Search(self.filter.text.clone()));
        }
    }

    /// Pasted text is cleaned like provider text: terminals send line breaks as `\r`,
    /// and a paste can carry control sequences. Tabs become the spaces they look like.
    pub(super) fn on_paste(&mut self, text: &str, effects: &mut Vec<Effect>) {
        if self.overlay_paste(text) {
            return;
        }
        match self.context() {
            Context::Compose if self.reply_blocked().is_none() => {
                let text = sanitize_text(text).replace('\t', "    ");
                let lines: Vec<_> = text.split('\n').map(crate::ui::printable::printable).collect();
                self.composer.insert_str(lines.join("\n"));
                self.draft_changed(effects);
            }
            Context::FilterPrompt => {
                self.filter.text.push_str(&sanitize_line(text).unwrap_or_default());
                self.filter_changed(effects);
            }
            Context::CommandLine => self.paste_command(&sanitize_line(text).unwrap_or_default()),
            _ => {}
        }
    }

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent, effects: &mut Vec<Effect>) {
        if self.overlay_open() {
            return;
        }
        let areas = self.areas();
        let at = Position::new(mouse.column, mouse.row);
        let inside = |area: Option<Rect>| area.is_some_and(|a| a.contains(at));
        let step = match mouse.kind {
            MouseEventKind::ScrollDown => -WHEEL_STEP,
            MouseEventKind::ScrollUp => WHEEL_STEP,
            MouseEventKind::Down(_) if inside(areas.list) => {
                let line = mouse.row.saturating_sub(areas.list.map_or(0, |a| a.y) + 1);
                let row = self.list_offset + usize::from(line / crate::ui::layout::LIST_ROW_HEIGHT);
                // A click on the border or below the last thread selects nothing.
                let on_a_row = row < self.visible.len() && row - self.list_offset < areas.list_rows();
                self.focus = Focus::List;
                if on_a_row {
                    self.select(row, effects);
                }
                self.dirty = true;
                return;
            }
            MouseEventKind::Down(_) if inside(areas.compose) => {
                self.focus = Focus::Compose;
                self.dirty = true;
                return;
            }
            _ => return,
        };
        if inside(areas.history) {
            self.scroll_history(step);
        } else if inside(areas.list) {
            self.select(self.cursor.saturating_add_signed(-step), effects);
        }
    }
}
