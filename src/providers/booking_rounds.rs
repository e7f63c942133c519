//! How far a Booking.com round pages a property's conversation list. The list is
//! most recent first, by each conversation's latest message, so a new message moves
//! its conversation to the front: a round may stop at the first page on which every
//! conversation is as the store has it. What moves no row is not seen that way (a
//! change of `access`, a guest name that appears when a request to book becomes a
//! reservation, a conversation-level tag), so some rounds still walk every page:
//! - the first round of the client (every start);
//! - every [`FULL_WALK_EVERY`] rounds;
//! - the round after one that failed, or that fetched a conversation the store
//!   does not hold as fetched (it was skipped as unreadable, or the write failed),
//!   so it is tried again wherever it now is in the list.
//!
//! Read state is not on the list's rows (only the latest message, without read tags),
//! so no walk, full or not, sees it change on a conversation that has no new message.

use super::KnownMarkers;

pub const FULL_WALK_EVERY: u64 = 10;

#[derive(Default)]
pub struct Rounds {
    round: u64,
    /// The round of the last full walk that finished.
    last_full: Option<u64>,
    /// The conversations this round set out to fetch, with their markers.
    wanted: Vec<(String, String)>,
}

impl Rounds {
    /// Starts a round; true when it walks every page.
    pub fn begin(&mut self, known: &KnownMarkers) -> bool {
        self.round += 1;
        let missing = self.wanted.iter().any(|(id, marker)| known.get(id) != Some(marker));
        self.wanted.clear();
        let due = self.last_full.is_none_or(|full| self.round - full >= FULL_WALK_EVERY);
        if missing {
            self.last_full = None;
        }
        missing || due
    }

    pub fn want(&mut self, id: &str, marker: &str) {
        self.wanted.push((id.to_owned(), marker.to_owned()));
    }

    /// Ends a round that succeeded. A failed round never reaches this, so the next
    /// one walks every page.
    pub fn finished(&mut self, full: bool) {
        if full {
            self.last_full = Some(self.round);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(pairs: &[(&str, &str)]) -> KnownMarkers {
        pairs.iter().map(|(id, marker)| (id.to_string(), marker.to_string())).collect()
    }

    #[test]
    fn the_first_round_and_every_tenth_walk_everything() {
        let mut rounds = Rounds::default();
        let full: Vec<bool> = (0..21)
            .map(|_| {
                let full = rounds.begin(&known(&[]));
                rounds.finished(full);
                full
            })
            .collect();
        let walked: Vec<usize> = full.iter().enumerate().filter(|(_, f)| **f).map(|(i, _)| i).collect();
        assert_eq!(walked, [0, 10, 20]);
    }

    #[test]
    fn a_failed_round_or_a_fetch_the_store_lacks_makes_the_next_round_walk_everything() {
        let mut rounds = Rounds::default();
        assert!(rounds.begin(&known(&[])), "first round");
        // It fails: never finished.
        assert!(rounds.begin(&known(&[])), "after a failed full walk");
        rounds.finished(true);
        assert!(!rounds.begin(&known(&[])));
        rounds.want("c1", "v2");
        rounds.finished(false);
        assert!(rounds.begin(&known(&[("c1", "v1")])), "c1 was not stored as fetched");
        rounds.finished(true);
        assert!(!rounds.begin(&known(&[("c1", "v2")])));
        rounds.want("c1", "v3");
        rounds.finished(false);
        assert!(!rounds.begin(&known(&[("c1", "v3")])), "stored as fetched");
    }
}
