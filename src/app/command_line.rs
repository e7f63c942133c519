//! The `:` command line on the status line: typing, Tab completion that cycles
//! through candidates, the session's history on Up/Down, Enter runs, Esc cancels.

use super::commands;
use super::effect::Effect;
use super::state::AppState;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Default, Clone)]
pub struct CommandLine {
    open: bool,
    text: String,
    completion: Option<Completion>,
    /// Commands run this session, oldest first.
    history: Vec<String>,
    /// The history entry shown, while Up/Down browse it.
    browsing: Option<usize>,
    /// What was typed before browsing, given back past the newest entry.
    typed: String,
}

/// Tab pressed with several candidates: the text shows `candidates[current]`
/// from `start` on, and Tab again shows the next.
#[derive(Debug, Clone)]
struct Completion {
    start: usize,
    candidates: Vec<String>,
    current: usize,
}

impl CommandLine {
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The text after the `:`.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The completion candidates on show and the one in the text.
    pub fn candidates(&self) -> Option<(&[String], usize)> {
        self.completion.as_ref().map(|c| (c.candidates.as_slice(), c.current))
    }

    fn edited(&mut self) {
        self.completion = None;
        self.browsing = None;
    }
}

impl AppState {
    pub(super) fn open_command_line(&mut self) {
        self.command = CommandLine {
            open: true,
            history: std::mem::take(&mut self.command.history),
            ..Default::default()
        };
    }

    pub(super) fn close_command_line(&mut self) {
        self.command.open = false;
        self.command.edited();
    }

    pub(super) fn type_command(&mut self, key: KeyEvent) {
        let line = &mut self.command;
        match key.code {
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => line.text.clear(),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() => {
                line.text.push(c)
            }
            KeyCode::Backspace if line.text.is_empty() => return self.close_command_line(),
            KeyCode::Backspace => {
                line.text.pop();
            }
            _ => return,
        }
        line.edited();
        self.dirty = true;
    }

    pub(super) fn paste_command(&mut self, text: &str) {
        self.command.text.push_str(text);
        self.command.edited();
        self.dirty = true;
    }

    /// Tab (`step` 1) or Shift-Tab (-1): the next or previous candidate while
    /// cycling, else the candidates for the word being typed.
    pub(super) fn complete_command(&mut self, step: isize) {
        if let Some(completion) = self.command.completion.as_mut() {
            let count = completion.candidates.len() as isize;
            completion.current = (completion.current as isize + step).rem_euclid(count) as usize;
            let candidate = &completion.candidates[completion.current];
            self.command.text.replace_range(completion.start.., candidate);
            return;
        }
        let text = &self.command.text;
        let start = commands::last_word_start(text);
        let word = &text[start..];
        let candidates = if start == 0 || text[..start].trim().is_empty() {
            commands::names_starting(word.trim_start())
        } else {
            let mut before = commands::words(&text[..start]);
            let name = before.remove(0);
            match commands::find(&name) {
                Ok(command) => (command.complete)(self, &before, &commands::words(word).concat()),
                Err(_) => Vec::new(),
            }
        };
        match candidates.as_slice() {
            [] => {}
            [only] => {
                let space = if only.ends_with('=') { "" } else { " " };
                self.command.text.replace_range(start.., &format!("{only}{space}"));
            }
            [first, ..] => {
                self.command.text.replace_range(start.., first);
                self.command.completion = Some(Completion { start, candidates, current: 0 });
            }
        }
    }

    /// Up (`step` -1) or Down (1) through this session's commands.
    pub(super) fn browse_command_history(&mut self, step: isize) {
        let line = &mut self.command;
        let newest = line.history.len();
        let from = match line.browsing {
            Some(index) => index,
            None => {
                line.typed = line.text.clone();
                newest
            }
        };
        let to = from.saturating_add_signed(step).min(newest);
        line.text = if to == newest { line.typed.clone() } else { line.history[to].clone() };
        line.completion = None;
        line.browsing = (to < newest).then_some(to);
    }

    /// Enter: closes the line and runs its command; a mistake becomes a notice.
    pub(super) fn run_command_line(&mut self, effects: &mut Vec<Effect>) {
        let text = self.command.text.trim().to_owned();
        self.close_command_line();
        let mut words = commands::words(&text);
        if words.is_empty() {
            return;
        }
        if self.command.history.last() != Some(&text) {
            self.command.history.push(text);
        }
        let name = words.remove(0);
        let outcome = commands::find(&name).and_then(|command| {
            (command.run)(self, &words, effects).map_err(|e| format!(":{}: {e}", command.name))
        });
        if let Err(message) = outcome {
            // It quotes what was typed.
            self.notify_error(crate::ui::printable::printable(&message));
        }
    }
}
