//! What the selected message's keys do: `y` copies its text to the clipboard (the
//! run loop writes it to the terminal as OSC 52), `o` opens its attachments' links
//! in the browser (the executor starts it). The text copied is the real one even in
//! privacy mode, since a code is copied to be used; the notice says "(unmasked)".

use super::browser;
use super::clipboard;
use super::effect::{Effect, LoopEffect};
use super::state::{AppState, OpenThread};
use crate::domain::Direction;
use crate::domain::privacy::mask;
use std::borrow::Cow;

impl AppState {
    /// `y`: the selected message's text to the clipboard.
    pub(super) fn copy_selected(&mut self, effects: &mut Vec<Effect>) {
        let Some((open, index)) = self.selected_message() else {
            return self.notify_info("Open a thread to copy one of its messages");
        };
        let body = entry_body(open, index);
        if body.trim().is_empty() {
            return self.notify_info("This message has no text to copy");
        }
        let (text, cut) = clipboard::capped(body);
        let hidden = open.view().is_masked(index) && matches!(mask(text), Cow::Owned(_));
        let notice = format!(
            "Copied {}{}message from {} to the clipboard{}",
            if cut {
                format!("the first {} KB of the ", clipboard::MAX_COPY_BYTES / 1000)
            } else {
                String::new()
            },
            if hidden { "(unmasked) " } else { "" },
            author(open, index),
            if cut { " (terminals drop longer copies)" } else { "" },
        );
        effects.push(Effect::Loop(LoopEffect::Copy(text.to_owned())));
        self.notify_info(notice);
    }

    /// `o`: the selected message's attachment links, in the browser. Links that are
    /// not http or https are refused, and named.
    pub(super) fn open_attachments(&mut self, effects: &mut Vec<Effect>) {
        let Some((open, index)) = self.selected_message() else {
            return self.notify_info("Open a thread to open its attachments");
        };
        let attachments = open.messages.get(index).map_or(&[][..], |m| &m.attachments[..]);
        if attachments.is_empty() {
            return self.notify_info("This message has no attachments");
        }
        let mut links = Vec::new();
        let mut refused = Vec::new();
        for attachment in attachments {
            match attachment.url.as_deref() {
                None => refused.push("an attachment with no link".to_owned()),
                Some(url) => match browser::refusal(url) {
                    None => links.push(url.to_owned()),
                    Some(why) => refused.push(why),
                },
            }
        }
        let opened = match links.len() {
            0 => String::new(),
            1 => "Opened 1 attachment".to_owned(),
            n => format!("Opened {n} attachments"),
        };
        if !links.is_empty() {
            effects.push(Effect::OpenLinks(links));
        }
        match (opened.is_empty(), refused.is_empty()) {
            (_, true) => self.notify_info(opened),
            (true, false) => self
                .notify_error(format!("Not opened: {}; only http and https links open", refused.join(", "))),
            (false, false) => self.notify_error(format!(
                "{opened}; not opened: {} (only http and https links open)",
                refused.join(", ")
            )),
        }
    }

    fn selected_message(&self) -> Option<(&OpenThread, usize)> {
        let open = self.open.as_ref()?;
        Some((open, open.selected_entry()?))
    }
}

fn entry_body(open: &OpenThread, index: usize) -> &str {
    match open.messages.get(index) {
        Some(message) => &message.body,
        None => open.replies.get(index - open.messages.len()).map_or("", |reply| &reply.body),
    }
}

/// Who wrote entry `index`, as the notice names them.
fn author(open: &OpenThread, index: usize) -> String {
    let Some(message) = open.messages.get(index) else { return "you".into() };
    let fallback = match message.direction {
        Direction::Inbound => open.thread.guest.name.as_deref().unwrap_or("the guest"),
        Direction::Outbound => "you",
        Direction::System => "the platform",
    };
    crate::ui::printable::printable(message.sender.as_deref().unwrap_or(fallback)).into_owned()
}
