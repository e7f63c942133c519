//! Sending through the pre-send checks: blockers keep the reply as a draft and
//! say why; warnings ask first, in an overlay (y sends, n or Esc goes back).

use super::effect::Effect;
use super::state::{AppState, Focus};
use crate::domain::ThreadKey;
use crate::domain::presend;
use crate::keymap::Action;

/// A reply waiting for the user to confirm its warnings.
#[derive(Debug)]
pub(super) struct PendingSend {
    key: ThreadKey,
    body: String,
    warnings: Vec<String>,
}

impl AppState {
    /// Checks the reply to the selected thread, then queues it, or says why not.
    pub(super) fn send_checked(&mut self, key: ThreadKey, body: String, effects: &mut Vec<Effect>) {
        let Some(summary) = self.selected() else { return };
        let findings = presend::check(&body, &summary.thread);
        if !findings.blockers.is_empty() {
            return self.notify_error(format!("Not sent: {}", findings.blockers.join("; ")));
        }
        if findings.warnings.is_empty() {
            self.queue(key, body, effects);
        } else {
            self.replies.pending = Some(PendingSend { key, body, warnings: findings.warnings });
        }
    }

    /// The warnings a reply waits on, while the confirmation is open.
    pub fn send_warnings(&self) -> Option<&[String]> {
        self.replies.pending.as_ref().map(|pending| pending.warnings.as_slice())
    }

    pub(super) fn confirm_key(&mut self, action: Option<Action>, effects: &mut Vec<Effect>) {
        self.dirty = true;
        match action {
            Some(Action::ConfirmSend) => {
                if let Some(PendingSend { key, body, .. }) = self.replies.pending.take() {
                    self.queue(key, body, effects);
                }
            }
            Some(Action::Back) => self.back_to_draft(),
            _ => {}
        }
    }

    fn back_to_draft(&mut self) {
        self.replies.pending = None;
        self.focus = Focus::Compose;
    }

    fn queue(&mut self, key: ThreadKey, body: String, effects: &mut Vec<Effect>) {
        self.draft_sent(&key);
        effects.push(Effect::QueueReply { key, body });
    }
}
