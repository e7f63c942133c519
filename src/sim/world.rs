//! The simulator's ground truth.
//!
//! One [`World`] holds every account, thread and message the four fake
//! providers serve. The HTTP handlers render it into each provider's wire
//! shape, and the send endpoints and live mode mutate it, so a test can read a
//! clone ([`super::SimHandle::world`]) and check that a client round-tripped
//! every thread.
//!
//! The common fields of [`Thread`] and [`Message`] record what a client can
//! learn from the wire when it sends `Accept-version: 1.2` to Booking.com:
//! - `guest_name` is `None` where the wire carries no name (Hostel Mate's
//!   null `guest_name`, Booking.com's request-to-book conversation).
//! - `channel` is the provider's own value: Calry's `type`, Hostel Mate's and
//!   Trellis' `channel`, and Booking.com's `conversation_type` (it has no
//!   channel field).
//! - `automatic` is true only where the wire says so: Calry's automatic flag,
//!   Hostel Mate's `source` AUTOMATED/VERIFICATION/CHECK_IN, Booking.com's
//!   `automatically_sent_template`. Trellis has no such flag.
//! - `read` is true when the property side has seen the message. It is
//!   always true for outbound and system messages, and for Calry threads whose
//!   PMS sends no `seenStatus`.
//!
//! Everything only one provider knows lives in the `wire` enums.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Which API an account speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Provider {
    #[serde(rename = "calry")]
    Calry,
    #[serde(rename = "hostelmate")]
    HostelMate,
    #[serde(rename = "trellis")]
    Trellis,
    #[serde(rename = "booking")]
    Booking,
}

impl Provider {
    pub const ALL: [Provider; 4] =
        [Provider::Calry, Provider::HostelMate, Provider::Trellis, Provider::Booking];

    /// The name used in config files, fault filters and URL prefixes.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Calry => "calry",
            Provider::HostelMate => "hostelmate",
            Provider::Trellis => "trellis",
            Provider::Booking => "booking",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Guest to property.
    Inbound,
    /// Property (a person or its automation) to guest.
    Outbound,
    /// Neither: Calry `Log` entries, Booking.com request-to-book events.
    System,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct World {
    /// In the order Calry, Hostel Mate, Trellis, Booking.com.
    pub accounts: Vec<Account>,
}

impl World {
    pub fn account(&self, provider: Provider) -> Option<&Account> {
        self.accounts.iter().find(|a| a.provider == provider)
    }

    fn account_mut(&mut self, provider: Provider) -> Option<&mut Account> {
        self.accounts.iter_mut().find(|a| a.provider == provider)
    }

    pub fn thread_count(&self) -> usize {
        self.accounts.iter().map(|a| a.threads.len()).sum()
    }

    /// One provider's threads, each with its provider-specific data, e.g.
    /// `world.threads::<BookingThread>()`.
    pub fn threads<W: WireOf>(&self) -> Vec<(&Thread, &W)> {
        self.account(W::PROVIDER)
            .map(|a| a.threads.iter().filter_map(|t| Some((t, W::of(&t.wire)?))).collect())
            .unwrap_or_default()
    }

    /// One thread of a provider by wire id.
    pub fn thread<W: WireOf>(&self, id: &str) -> Option<(&Thread, &W)> {
        self.threads::<W>().into_iter().find(|(t, _)| t.id == id)
    }

    pub(crate) fn thread_mut(&mut self, provider: Provider, id: &str) -> Option<&mut Thread> {
        self.account_mut(provider)?.threads.iter_mut().find(|t| t.id == id)
    }
}

/// Picks one provider's variant out of [`ThreadWire`].
pub trait WireOf: Sized {
    const PROVIDER: Provider;
    fn of(wire: &ThreadWire) -> Option<&Self>;
}

impl WireOf for CalryThread {
    const PROVIDER: Provider = Provider::Calry;
    fn of(wire: &ThreadWire) -> Option<&Self> {
        if let ThreadWire::Calry(w) = wire { Some(w) } else { None }
    }
}

impl WireOf for HostelMateThread {
    const PROVIDER: Provider = Provider::HostelMate;
    fn of(wire: &ThreadWire) -> Option<&Self> {
        if let ThreadWire::HostelMate(w) = wire { Some(w) } else { None }
    }
}

impl WireOf for TrellisThread {
    const PROVIDER: Provider = Provider::Trellis;
    fn of(wire: &ThreadWire) -> Option<&Self> {
        if let ThreadWire::Trellis(w) = wire { Some(w) } else { None }
    }
}

impl WireOf for BookingThread {
    const PROVIDER: Provider = Provider::Booking;
    fn of(wire: &ThreadWire) -> Option<&Self> {
        if let ThreadWire::Booking(w) = wire { Some(w) } else { None }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Account {
    /// The account name in [`super::SimHandle::config_toml`].
    pub name: String,
    pub provider: Provider,
    pub threads: Vec<Thread>,
    /// Calry only: the reservations `GET /reservations` serves. Empty otherwise.
    pub reservations: Vec<Reservation>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Thread {
    /// The wire id (Calry may send it as a JSON number; see [`CalryThread`]).
    pub id: String,
    pub guest_name: Option<String>,
    pub channel: String,
    /// The guest's language code (`en`, `es`, `de`, `fr`, `it`, `pt`, `ja`, `zh`).
    pub language: String,
    /// Calry and Booking.com read_write: yes. Booking.com read_only, Hostel
    /// Mate and Trellis: no.
    pub can_reply: bool,
    pub created_at: Timestamp,
    /// Oldest first, strictly increasing `sent_at`.
    pub messages: Vec<Message>,
    pub wire: ThreadWire,
}

impl Thread {
    /// Inbound messages the property has not seen.
    pub fn unread_count(&self) -> usize {
        self.messages.iter().filter(|m| m.direction == Direction::Inbound && !m.read).count()
    }

    /// The time of the newest message, or the creation time of an empty thread.
    pub fn last_activity(&self) -> Timestamp {
        self.messages.last().map_or(self.created_at, |m| m.sent_at)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Message {
    /// The wire id (Calry may send it as a JSON number; see [`CalryMessage`]).
    pub id: String,
    /// Exactly the text on the wire, before any sanitizing.
    pub body: String,
    pub direction: Direction,
    pub sent_at: Timestamp,
    pub automatic: bool,
    pub read: bool,
    pub wire: MessageWire,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ThreadWire {
    Calry(CalryThread),
    HostelMate(HostelMateThread),
    Trellis(TrellisThread),
    Booking(BookingThread),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum MessageWire {
    Calry(CalryMessage),
    HostelMate(HostelMateMessage),
    Trellis(TrellisMessage),
    Booking(BookingMessage),
}

/// A Calry reservation (`GET /reservations`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reservation {
    pub id: String,
    /// Sent as a JSON number rather than a string.
    pub numeric_id: bool,
    pub arrival: Date,
    pub departure: Date,
    pub property_id: String,
    pub status: String,
    pub source: String,
    pub guest_name: String,
    pub guest_email: Option<String>,
    pub guest_phone: String,
}

/// How a Calry PMS writes its timestamps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TimeStyle {
    /// `2024-07-05T22:24:34.000Z`
    Zulu,
    /// `2025-01-13T23:40:49` (UTC without a zone)
    NoZone,
    /// `2025-01-14T01:40:49+02:00`
    Plus2,
}

/// How a Calry PMS spells the automatic flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AutoKey {
    /// `isAutomatic` (the example in the docs)
    Camel,
    /// `is_automatic` (the field table in the docs)
    Snake,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalryThread {
    pub reservation_id: String,
    /// The thread id goes out as a JSON number.
    pub numeric_id: bool,
    pub external_thread_id: Option<String>,
    pub property_id: String,
    /// `Some("")` and `None` (null) both occur.
    pub recipient_email: Option<String>,
    /// May be the placeholder `+1 000-000-0000` or empty.
    pub recipient_phone: String,
    pub recipient_picture: Option<String>,
    pub time_style: TimeStyle,
    /// `None`: this PMS sends no automatic flag at all.
    pub auto_key: Option<AutoKey>,
    /// A PMS with the full field set (seed 001) rather than only
    /// id/createdAt/body/senderType (seed 000).
    pub rich: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalryMessage {
    pub numeric_id: bool,
    pub subject: Option<String>,
    /// Calry's message `type`: CHANNEL, SMS, EMAIL, WHATSAPP.
    pub kind: String,
    pub status: String,
    pub attachments: Vec<Attachment>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attachment {
    pub id: String,
    pub name: String,
    pub url: String,
    pub mime_type: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HostelMateThread {
    pub booking_id: String,
    pub subject: Option<String>,
    pub archived: bool,
    /// The `sender` of the guest's messages: their email on EMAIL threads,
    /// `guest` on OTA threads.
    pub guest_sender: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HostelMateMessage {
    /// MANUAL, AUTOMATED, GUEST, VERIFICATION or CHECK_IN.
    pub source: String,
    /// An email address on EMAIL threads; `guest` / `property` on OTA threads.
    pub sender: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrellisThread {
    pub contact_id: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    /// TODO, FOLLOW_UP, DONE or CLOSED.
    pub status: String,
    pub property_id: Option<String>,
    pub property_name: Option<String>,
    pub assignee: Option<Person>,
    pub reservation: Option<TrellisReservation>,
    /// Missing optional fields are left out rather than sent as null.
    pub omit_missing: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Person {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrellisReservation {
    pub id: String,
    pub check_in: Date,
    pub check_out: Date,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrellisMessage {
    pub sender_name: String,
    /// Outbound delivery state (sent, delivered, read, failed). Inbound
    /// messages derive theirs from [`Message::read`].
    pub delivery: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BookingThread {
    pub property_id: String,
    /// `reservation` or `request_to_book` (also in [`Thread::channel`]).
    pub conversation_type: String,
    pub reference: String,
    /// `conversation_reference` goes out as a JSON number.
    pub reference_numeric: bool,
    pub guest_participant_id: String,
    pub property_participant_id: String,
    /// `guest` or `GUEST`.
    pub guest_type_label: String,
    /// `property` or `hotel`.
    pub property_type_label: String,
    pub no_reply_needed: bool,
    pub guest_has_account: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BookingMessage {
    /// free_text, email, automatically_sent_template, self_service_event or
    /// request_to_book_event.
    pub message_type: String,
    pub template: Option<(String, String)>,
    pub self_service_topic: Option<String>,
    pub attachment_ids: Vec<String>,
    /// Outbound only: the guest has read it (a read tag for the guest).
    pub guest_read: bool,
}
