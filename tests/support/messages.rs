//! A conversation with things privacy mode hides (a phone number, an email, a door
//! code, a wifi password) and attachments of every kind, for the selected-message
//! and privacy tests. It replaces James's thread, the one the inbox opens on.

use super::drive::feed;
use super::inbox::{key_of, loaded, message};
use innbox::app::{AppState, LoadedThread, Msg};
use innbox::domain::{Attachment, Direction, Message};

pub const JAMES: &str = "James O'Connor";
pub const CONTACT: &str = "Hi! Call me on +44 7700 900123 or mail james.oc@example.com";
pub const CODES: &str = "Welcome! The key box is left of the door, code 4471. Wifi: Canal2024";
pub const PHOTOS: &str = "Photos of the key box, it doesn't open";
pub const ARRIVAL: &str = "We arrive on 2026-11-21 at 15:00, the €120 deposit is paid.";
pub const PDF: &str = "https://files.example/key-box.pdf";

fn attachment(name: &str, url: &str) -> Attachment {
    Attachment { name: Some(name.into()), url: Some(url.into()), mime: None }
}

pub fn james_messages() -> Vec<Message> {
    vec![
        message("j1", Direction::Inbound, "2026-11-20T15:00:00Z", CONTACT),
        Message {
            sender: Some("Canal House".into()),
            ..message("j2", Direction::Outbound, "2026-11-20T15:30:00Z", CODES)
        },
        Message {
            attachments: vec![
                attachment("key-box.pdf", PDF),
                attachment("door.jpg", "file:///home/guest/door.jpg"),
                attachment("click me", "javascript:alert(1)"),
            ],
            ..message("j3", Direction::Inbound, "2026-11-21T11:50:00Z", PHOTOS)
        },
        message("j4", Direction::Inbound, "2026-11-21T11:58:00Z", ARRIVAL),
    ]
}

/// James's thread, open in the inbox, as the store would load it with `messages`.
pub fn load_james(state: &mut AppState, messages: Vec<Message>) {
    let mut thread = loaded(&key_of(Some(JAMES)));
    thread.messages = messages;
    feed(state, Msg::ThreadLoaded(Box::new(LoadedThread { ..thread })));
}
