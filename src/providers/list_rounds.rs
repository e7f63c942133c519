//! How far a round pages a conversation list that brings a conversation with a new
//! message to the front. Booking.com documents that order (most recent first, by the
//! latest message); Hostel Mate and Trellis document none, so their order is taken
//! only as each full walk finds it, and a list seen out of order is walked in full
//! every round.
//!
//! In that order a round may stop at the first page on which every conversation is
//! as the store has it. What moves no row is not seen that way (a change of
//! Booking.com's `access`, a guest name that appears when a request to book becomes
//! a reservation, a thread read or closed in the provider's own app), so some rounds
//! still walk every page:
//! - the first round of the client (every start);
//! - every [`FULL_WALK_EVERY`] rounds;
//! - every round, while the last full walk found the list out of order;
//! - the round after one that failed, or that fetched a conversation the store
//!   does not hold as fetched (it was skipped as unreadable, or the write failed),
//!   so it is tried again wherever it now is in the list.
//!
//! Booking.com's read state is not on its list's rows (only the latest message,
//! without read tags), so no walk, full or not, sees it change on a conversation
//! that has no new message.

use super::KnownMarkers;

pub const FULL_WALK_EVERY: u64 = 10;

#[derive(Default)]
pub struct Rounds {
    round: u64,
    /// The round of the last full walk that finished.
    last_full: Option<u64>,
    /// Whether that walk found the list newest first.
    in_order: bool,
    /// The conversations this round set out to fetch, with their markers.
    wanted: Vec<(String, String)>,
    /// Each row this round has listed, with its fingerprint.
    seen: KnownMarkers,
}

impl Rounds {
    /// Starts a round; true when it walks every page.
    pub fn begin(&mut self, known: &KnownMarkers) -> bool {
        self.round += 1;
        let missing = self.wanted.iter().any(|(id, marker)| known.get(id) != Some(marker));
        self.wanted.clear();
        self.seen.clear();
        let due = self.last_full.is_none_or(|full| self.round - full >= FULL_WALK_EVERY);
        if missing {
            self.last_full = None;
        }
        missing || due || !self.in_order
    }

    /// Whether a listed row is to be fetched: the store does not hold it as listed,
    /// and this round has not listed it so before (a row shifted onto the next page,
    /// or the first page read again).
    pub fn fetches(&mut self, known: &KnownMarkers, id: &str, fingerprint: &str) -> bool {
        let listed_before = self.seen.insert(id.to_owned(), fingerprint.to_owned());
        let fetch = listed_before.as_deref() != Some(fingerprint)
            && known.get(id).map(String::as_str) != Some(fingerprint);
        if fetch {
            self.want(id, fingerprint);
        }
        fetch
    }

    fn want(&mut self, id: &str, marker: &str) {
        self.wanted.push((id.to_owned(), marker.to_owned()));
    }

    /// Ends a round that succeeded; a full walk says whether it found the list newest
    /// first. A failed full walk never reaches this, so the next round walks again.
    pub fn finished(&mut self, full: bool, in_order: bool) {
        if full {
            self.last_full = Some(self.round);
            self.in_order = in_order;
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
                rounds.finished(full, true);
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
        rounds.finished(true, true);
        assert!(!rounds.begin(&known(&[])));
        rounds.want("c1", "v2");
        rounds.finished(false, true);
        assert!(rounds.begin(&known(&[("c1", "v1")])), "c1 was not stored as fetched");
        rounds.finished(true, true);
        assert!(!rounds.begin(&known(&[("c1", "v2")])));
        rounds.want("c1", "v3");
        rounds.finished(false, true);
        assert!(!rounds.begin(&known(&[("c1", "v3")])), "stored as fetched");
    }

    #[test]
    fn a_list_found_out_of_order_is_walked_in_full_until_a_walk_finds_it_in_order() {
        let mut rounds = Rounds::default();
        assert!(rounds.begin(&known(&[])));
        rounds.finished(true, false);
        assert!(rounds.begin(&known(&[])), "out of order: a partial walk could miss a change");
        rounds.finished(true, true);
        assert!(!rounds.begin(&known(&[])));
        rounds.finished(false, false);
        assert!(!rounds.begin(&known(&[])), "only a full walk judges the order");
    }
}
