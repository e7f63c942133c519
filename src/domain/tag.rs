//! Thread tags a provider keeps for us: read marks and "no reply needed". Only
//! Booking.com has an API for them; elsewhere both stay local to innbox.

use super::ProviderKind;
use jiff::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// The guest's messages are read (Booking.com's `message_read`).
    Read,
    /// The conversation needs no answer (Booking.com's `no_reply_needed`).
    NoReplyNeeded,
}

impl Tag {
    pub const ALL: [Tag; 2] = [Self::Read, Self::NoReplyNeeded];

    /// Booking.com's name for it, also the store's.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "message_read",
            Self::NoReplyNeeded => "no_reply_needed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|tag| tag.as_str() == s)
    }

    /// "mark … read", for messages about a tag change.
    pub fn describe(self, on: bool, whose: &str) -> String {
        match (self, on) {
            (Self::Read, true) => format!("mark {whose} conversation read"),
            (Self::Read, false) => format!("mark {whose} conversation unread"),
            (Self::NoReplyNeeded, true) => format!("mark {whose} conversation as needing no reply"),
            (Self::NoReplyNeeded, false) => format!("mark {whose} conversation as needing a reply"),
        }
    }
}

/// What the user wants a thread's tag to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagWish {
    pub tag: Tag,
    pub on: bool,
    /// For a read mark: the newest message the user had seen. Messages that came
    /// later stay unread at the provider.
    pub up_to: Option<Timestamp>,
}

impl ProviderKind {
    /// Whether the provider keeps tags for us; for the others they are local only.
    pub fn keeps_tags(self) -> bool {
        matches!(self, Self::Booking)
    }
}
