//! What saved replies add to the app: the templates and stay times, and the two
//! overlays that take the keys while open (the template picker and the pre-send
//! confirmation).

use super::picker::Picker;
use super::presend_confirm::PendingSend;
use super::state::AppState;
use crate::config::ReplySettings;
use crate::replies::Templates;

#[derive(Default)]
pub(super) struct Replies {
    pub settings: ReplySettings,
    /// None until loaded (off the UI task, at start).
    pub templates: Option<Templates>,
    pub picker: Option<Picker>,
    pub pending: Option<PendingSend>,
}

impl AppState {
    /// The stay times saved replies fill in (from the config's `[replies]`).
    pub fn with_reply_settings(mut self, settings: ReplySettings) -> Self {
        self.replies.settings = settings;
        self
    }

    pub(super) fn on_templates_loaded(&mut self, templates: Templates) {
        self.replies.templates = Some(templates);
        if let Some(picker) = self.replies.picker.as_mut() {
            picker.rank(self.replies.templates.as_ref());
        }
        self.dirty = true;
    }

    /// An overlay is open: the mouse must not move the selection under it.
    pub(super) fn overlay_open(&self) -> bool {
        self.replies.picker.is_some() || self.replies.pending.is_some()
    }

    /// Pasted text goes to the picker's query while it is open; true if an overlay took it.
    pub(super) fn overlay_paste(&mut self, text: &str) -> bool {
        if let Some(picker) = self.replies.picker.as_mut() {
            picker.paste(text, self.replies.templates.as_ref());
        }
        self.overlay_open()
    }
}
