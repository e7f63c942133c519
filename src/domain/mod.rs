//! The unified model every provider maps into, plus the two ingestion helpers
//! (time parsing and text sanitizing) that run once, at the edge.

mod message;
pub mod sanitize;
pub mod stay;
mod thread;
pub mod time;
pub mod triage;

pub use message::{Attachment, Direction, Message, sort_oldest_first};
pub use thread::{
    Channel, Guest, ProviderKind, ReplyAbility, Reservation, ReservationStatus, Thread, ThreadKey,
};
