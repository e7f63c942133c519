//! The template picker: typing narrows the saved replies (fuzzy, best first),
//! the selected one is previewed filled in for the selected thread, and Enter
//! puts it in the composer.

use super::effect::Effect;
use super::selection::composer_with;
use super::state::AppState;
use crate::keymap::Action;
use crate::replies::{Template, Templates, fill, fuzzy};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Default)]
pub(super) struct Picker {
    query: String,
    /// Indexes into the templates, best first, with the matched characters.
    matches: Vec<(usize, Vec<usize>)>,
    cursor: usize,
}

impl Picker {
    /// Pasted text, on one line and cleaned like provider text.
    pub(super) fn paste(&mut self, text: &str, templates: Option<&Templates>) {
        self.query.push_str(&crate::domain::sanitize::sanitize_line(text).unwrap_or_default());
        self.rank(templates);
    }

    pub(super) fn rank(&mut self, templates: Option<&Templates>) {
        let names = templates.into_iter().flat_map(|t| &t.templates).map(|t| t.name.as_str());
        self.matches = fuzzy::rank(&self.query, names);
        self.cursor = 0;
    }
}

/// What the picker view draws.
pub struct PickerView<'a> {
    pub query: &'a str,
    /// None while the templates load.
    pub templates: Option<&'a Templates>,
    /// The templates that match, best first, each with its matched characters.
    pub matches: Vec<(&'a Template, &'a [usize])>,
    pub cursor: usize,
    /// The selected template filled in for the selected thread.
    pub preview: Option<String>,
}

impl AppState {
    /// `t` / Ctrl-t: pick a saved reply for the selected thread.
    pub(super) fn open_picker(&mut self) {
        if self.selected().is_none() {
            return self.notify_info("Select a thread to reply to");
        }
        if let Some(reason) = self.reply_blocked() {
            let reason = reason.to_owned();
            return self.notify_error(reason);
        }
        let mut picker = Picker::default();
        picker.rank(self.replies.templates.as_ref());
        self.replies.picker = Some(picker);
    }

    pub fn picker(&self) -> Option<PickerView<'_>> {
        let picker = self.replies.picker.as_ref()?;
        let templates = self.replies.templates.as_ref();
        let matches: Vec<_> = picker
            .matches
            .iter()
            .filter_map(|(index, positions)| Some((templates?.templates.get(*index)?, positions.as_slice())))
            .collect();
        let preview = matches
            .get(picker.cursor)
            .zip(self.selected())
            .map(|((template, _), summary)| fill(&template.body, &summary.thread, &self.replies.settings));
        Some(PickerView { query: &picker.query, templates, matches, cursor: picker.cursor, preview })
    }

    pub(super) fn picker_key(&mut self, action: Option<Action>, key: KeyEvent, effects: &mut Vec<Effect>) {
        self.dirty = true;
        let Some(picker) = self.replies.picker.as_mut() else { return };
        let last = picker.matches.len().saturating_sub(1);
        match action {
            Some(Action::Back) => self.replies.picker = None,
            Some(Action::Open) => self.insert_picked(effects),
            Some(Action::MoveUp) => picker.cursor = picker.cursor.saturating_sub(1),
            Some(Action::MoveDown) => picker.cursor = (picker.cursor + 1).min(last),
            Some(_) => {}
            // Unbound keys edit the query.
            None => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                match key.code {
                    KeyCode::Char('u') if ctrl => picker.query.clear(),
                    KeyCode::Backspace => drop(picker.query.pop()),
                    KeyCode::Char(c) if !ctrl && !c.is_control() => picker.query.push(c),
                    _ => return,
                }
                picker.rank(self.replies.templates.as_ref());
            }
        }
    }

    /// Puts the selected template, filled in, into the composer: in place of an
    /// empty draft, else at the cursor. A template with a problem stays out.
    fn insert_picked(&mut self, effects: &mut Vec<Effect>) {
        let picked = self.picker().and_then(|view| {
            let (template, _) = view.matches.get(view.cursor)?;
            Some(match &template.problem {
                Some(problem) => Err(format!("Template '{}' cannot be used: {problem}", template.name)),
                None => Ok(view.preview?),
            })
        });
        let text = match picked {
            None => return,
            Some(Err(problem)) => return self.notify_error(problem),
            Some(Ok(text)) => text,
        };
        self.replies.picker = None;
        if let Some(reason) = self.reply_blocked() {
            let reason = reason.to_owned();
            return self.notify_error(reason);
        }
        self.start_reply(effects);
        if self.composer.is_empty() {
            self.composer = composer_with(&text);
        } else {
            self.composer.insert_str(text);
        }
        self.draft_changed(effects);
    }
}
