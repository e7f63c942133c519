//! Which reservations a Calry round asks for their conversations. Calry has no
//! conversation list and no updated-since filter: only asking a reservation shows
//! its new messages, one request each. So a round asks
//! - every reservation that matters now ([`is_hot`]): arriving within
//!   [`ARRIVING_WITHIN_DAYS`], in house, departed within [`DEPARTED_WITHIN_DAYS`], a
//!   message in the last [`RECENT_MESSAGE_HOURS`], or a guest message from the last
//!   [`REPLY_PENDING_DAYS`] still unanswered;
//! - every reservation it has not asked yet (the first round asks them all), whose
//!   listing changed, or whose threads the store does not hold as last fetched;
//! - and the quiet rest in turn, longest unasked first: at least 1/`quiet_rounds` of
//!   them (never fewer than [`MIN_QUIET_PER_ROUND`]) and every one unasked for
//!   `quiet_rounds` rounds. A quiet thread's new message thus waits at most
//!   `quiet_rounds` rounds.
//!
//! The memory lives as long as the client: a restart asks everything again.

use super::KnownMarkers;
use crate::domain::triage::is_human_reply;
use crate::domain::{Direction, Message};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, ToSpan};
use std::collections::{HashMap, HashSet};

pub const ARRIVING_WITHIN_DAYS: i64 = 1;
pub const DEPARTED_WITHIN_DAYS: i64 = 1;
pub const RECENT_MESSAGE_HOURS: i64 = 24;
pub const REPLY_PENDING_DAYS: i64 = 2;
/// A small account asks all its quiet reservations every round: it costs little.
pub const MIN_QUIET_PER_ROUND: usize = 20;
/// `quiet_rounds` when the config does not say.
pub const DEFAULT_QUIET_ROUNDS: u32 = 10;

/// One reservation as the round's listing shows it.
pub struct Listed<'a> {
    pub id: &'a str,
    /// Changes when anything in its listing does (dates, status...).
    pub fingerprint: &'a str,
    pub arrival: Option<Date>,
    pub departure: Option<Date>,
}

/// What asking a reservation found.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Asked {
    /// Each conversation's id and the marker the sync gave it.
    pub conversations: Vec<(String, String)>,
    pub last_message_at: Option<Timestamp>,
    /// The newest guest message that no answer of ours follows, in any thread.
    pub unanswered_at: Option<Timestamp>,
}

impl Asked {
    /// Notes one conversation: its marker and its messages, oldest first.
    pub fn note(&mut self, id: &str, marker: &str, messages: &[Message]) {
        self.conversations.push((id.to_owned(), marker.to_owned()));
        let last = messages.iter().filter_map(|m| m.sent_at).max();
        self.last_message_at = self.last_message_at.max(last);
        let after_answer = messages.iter().rposition(is_human_reply).map_or(0, |i| i + 1);
        let unanswered = messages[after_answer..]
            .iter()
            .filter(|m| m.direction == Direction::Inbound && m.automatic != Some(true))
            .filter_map(|m| m.sent_at)
            .max();
        self.unanswered_at = self.unanswered_at.max(unanswered);
    }

    /// Whether the store holds every conversation as this ask fetched it.
    fn stored(&self, known: &KnownMarkers) -> bool {
        self.conversations.iter().all(|(id, marker)| known.get(id) == Some(marker))
    }
}

struct Memory {
    fingerprint: String,
    round: u64,
    asked: Asked,
}

pub struct Schedule {
    quiet_rounds: u64,
    round: u64,
    memory: HashMap<String, Memory>,
}

impl Schedule {
    pub fn new(quiet_rounds: u32) -> Self {
        Self { quiet_rounds: u64::from(quiet_rounds.max(1)), round: 0, memory: HashMap::new() }
    }

    /// Starts a round: the indexes of `listed` to ask.
    pub fn plan(
        &mut self,
        listed: &[Listed],
        known: &KnownMarkers,
        today: Date,
        now: Timestamp,
    ) -> Vec<usize> {
        self.round += 1;
        let ids: HashSet<&str> = listed.iter().map(|r| r.id).collect();
        self.memory.retain(|id, _| ids.contains(id.as_str()));
        let mut ask = Vec::new();
        let mut quiet = Vec::new();
        for (index, reservation) in listed.iter().enumerate() {
            match self.memory.get(reservation.id) {
                Some(memory)
                    if memory.fingerprint == reservation.fingerprint
                        && memory.asked.stored(known)
                        && !is_hot(reservation, &memory.asked, today, now) =>
                {
                    quiet.push((memory.round, stagger(reservation.id), index));
                }
                _ => ask.push(index),
            }
        }
        quiet.sort_unstable();
        let overdue = quiet.iter().take_while(|(round, ..)| self.round - round >= self.quiet_rounds).count();
        let share = quiet.len().div_ceil(self.quiet_rounds as usize).max(MIN_QUIET_PER_ROUND);
        ask.extend(quiet.iter().take(share.max(overdue)).map(|&(.., index)| index));
        ask.sort_unstable();
        ask
    }

    /// Remembers what asking `id` found in this round.
    pub fn record(&mut self, id: &str, fingerprint: &str, asked: Asked) {
        let memory = Memory { fingerprint: fingerprint.to_owned(), round: self.round, asked };
        self.memory.insert(id.to_owned(), memory);
    }
}

/// Whether a reservation is asked every round.
fn is_hot(reservation: &Listed, asked: &Asked, today: Date, now: Timestamp) -> bool {
    // Without both dates there is no telling how near the stay is, so ask.
    let near_stay = match (reservation.arrival, reservation.departure) {
        (Some(arrival), Some(departure)) => {
            arrival <= today.saturating_add(ARRIVING_WITHIN_DAYS.days())
                && departure >= today.saturating_sub(DEPARTED_WITHIN_DAYS.days())
        }
        _ => true,
    };
    let since = |hours: i64| now - SignedDuration::from_hours(hours);
    near_stay
        || asked.last_message_at.is_some_and(|at| at >= since(RECENT_MESSAGE_HOURS))
        || asked.unanswered_at.is_some_and(|at| at >= since(REPLY_PENDING_DAYS * 24))
}

/// Spreads reservations last asked in the same round over the following ones, the
/// same way every round (FNV-1a of the id).
fn stagger(id: &str) -> u64 {
    id.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3))
}

#[cfg(test)]
#[path = "calry_schedule_tests.rs"]
mod tests;
