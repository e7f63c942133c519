use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Who a message came from, seen from the property manager's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From the guest.
    Inbound,
    /// From us (the property, its staff or its automations).
    Outbound,
    /// From the platform itself: logs, booking events, self-service events.
    System,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inbound => "inbound",
            Self::Outbound => "outbound",
            Self::System => "system",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "inbound" => Some(Self::Inbound),
            "outbound" => Some(Self::Outbound),
            "system" => Some(Self::System),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: Option<String>,
    pub url: Option<String>,
    pub mime: Option<String>,
}

/// One message of a thread. Text fields are already sanitized.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: String,
    pub direction: Direction,
    pub sender: Option<String>,
    pub body: String,
    /// None when the provider sent no parseable time.
    pub sent_at: Option<Timestamp>,
    /// The provider's delivery status, lowercased (`sent`, `delivered`, `read`, `failed`...).
    pub status: Option<String>,
    /// None when the provider cannot tell automated messages apart.
    pub automatic: Option<bool>,
    /// The provider's message kind, lowercased (`free_text`, `email`, `channel`, `check_in`...).
    pub kind: Option<String>,
    pub attachments: Vec<Attachment>,
}

impl Message {
    /// Messages sort on (time, id): providers disagree on page order.
    pub fn sort_key(&self) -> (Option<Timestamp>, &str) {
        (self.sent_at, &self.id)
    }
}

/// Puts messages oldest first, the order innbox shows and exports.
pub fn sort_oldest_first(messages: &mut [Message]) {
    messages.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
