//! Where a guest's stay stands on a given day: the phase the inbox filters by and
//! the side panel shows.

use super::{Reservation, ReservationStatus};
use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StayPhase {
    /// Nothing booked yet: a question, a request to book, a pending booking.
    Inquiry,
    Upcoming,
    /// From the check-in day through the check-out day: guests write about
    /// leaving on the day they leave.
    InHouse,
    CheckedOut,
}

impl StayPhase {
    pub const ALL: [StayPhase; 4] = [Self::Inquiry, Self::Upcoming, Self::InHouse, Self::CheckedOut];

    /// The spelling of `:filter phase=`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inquiry => "inquiry",
            Self::Upcoming => "upcoming",
            Self::InHouse => "in-house",
            Self::CheckedOut => "checked-out",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|phase| phase.as_str() == s)
    }
}

/// The phase of a thread's stay on `today` (the user's local date). A thread with no
/// reservation is an inquiry. None when it cannot be told: a cancelled booking, or a
/// booking whose dates the provider does not give.
pub fn stay_phase(reservation: Option<&Reservation>, today: Date) -> Option<StayPhase> {
    let Some(reservation) = reservation else { return Some(StayPhase::Inquiry) };
    match reservation.status {
        Some(ReservationStatus::Inquiry | ReservationStatus::Pending) => return Some(StayPhase::Inquiry),
        Some(ReservationStatus::Cancelled) => return None,
        _ => {}
    }
    match (reservation.check_in, reservation.check_out) {
        (Some(check_in), _) if today < check_in => Some(StayPhase::Upcoming),
        (_, Some(check_out)) if today > check_out => Some(StayPhase::CheckedOut),
        (Some(_), Some(_)) => Some(StayPhase::InHouse),
        // Only one date, and today is on the far side of it.
        (Some(_), None) | (None, Some(_)) | (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stay(check_in: &str, check_out: &str, status: Option<ReservationStatus>) -> Reservation {
        Reservation {
            id: "r1".into(),
            check_in: Some(check_in.parse().unwrap()),
            check_out: Some(check_out.parse().unwrap()),
            status,
        }
    }

    fn on(day: &str) -> Date {
        day.parse().unwrap()
    }

    #[test]
    fn a_confirmed_stay_moves_through_its_phases() {
        let booked = stay("2026-11-20", "2026-11-23", Some(ReservationStatus::Confirmed));
        let cases = [
            ("2026-11-19", StayPhase::Upcoming),
            ("2026-11-20", StayPhase::InHouse),
            ("2026-11-23", StayPhase::InHouse),
            ("2026-11-24", StayPhase::CheckedOut),
        ];
        for (day, phase) in cases {
            assert_eq!(stay_phase(Some(&booked), on(day)), Some(phase), "{day}");
        }
        let unknown_status = stay("2026-11-20", "2026-11-23", None);
        assert_eq!(stay_phase(Some(&unknown_status), on("2026-11-21")), Some(StayPhase::InHouse));
    }

    #[test]
    fn unbooked_threads_are_inquiries_and_cancelled_ones_have_no_phase() {
        let today = on("2026-11-21");
        assert_eq!(stay_phase(None, today), Some(StayPhase::Inquiry));
        let pending = stay("2026-12-01", "2026-12-03", Some(ReservationStatus::Pending));
        assert_eq!(stay_phase(Some(&pending), today), Some(StayPhase::Inquiry));
        let cancelled = stay("2026-12-01", "2026-12-03", Some(ReservationStatus::Cancelled));
        assert_eq!(stay_phase(Some(&cancelled), today), None);
        let undated = Reservation { id: "b1".into(), check_in: None, check_out: None, status: None };
        assert_eq!(stay_phase(Some(&undated), today), None);
    }

    #[test]
    fn phase_names_round_trip() {
        for phase in StayPhase::ALL {
            assert_eq!(StayPhase::parse(phase.as_str()), Some(phase));
        }
        assert_eq!(StayPhase::parse("in house"), None);
    }
}
