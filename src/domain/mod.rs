//! The unified model every provider maps into, plus the two ingestion helpers
//! (time parsing and text sanitizing) that run once, at the edge.

pub mod capabilities;
pub mod guest_match;
mod message;
pub mod placeholders;
pub mod presend;
pub mod privacy;
pub mod sanitize;
pub mod stay;
mod tag;
mod thread;
pub mod time;
pub mod triage;

pub use message::{Attachment, Direction, Message, sort_oldest_first};
pub use tag::{Tag, TagWish};
pub use thread::{
    Channel, Guest, ProviderKind, ReplyAbility, Reservation, ReservationStatus, Thread, ThreadKey,
};
