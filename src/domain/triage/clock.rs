//! The reply clock: how long a guest has waited, against the channel's reply target.

use crate::domain::Channel;
use jiff::Timestamp;
use std::collections::HashMap;
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3_600);

/// How fast each channel expects an answer. Booking.com and Airbnb rank hosts on
/// their response times; everything else defaults to an hour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyTargets {
    default: Duration,
    channels: HashMap<Channel, Duration>,
}

impl Default for ReplyTargets {
    fn default() -> Self {
        Self {
            default: HOUR,
            channels: HashMap::from([(Channel::Booking, 12 * HOUR), (Channel::Airbnb, 24 * HOUR)]),
        }
    }
}

impl ReplyTargets {
    /// Sets the target of one channel, or with None the target of every channel not named.
    pub fn set(&mut self, channel: Option<Channel>, target: Duration) {
        match channel {
            Some(channel) => {
                self.channels.insert(channel, target);
            }
            None => self.default = target,
        }
    }

    /// The target for a thread on `channel` (threads with no known channel get the default).
    pub fn target(&self, channel: Option<&Channel>) -> Duration {
        channel.and_then(|channel| self.channels.get(channel)).copied().unwrap_or(self.default)
    }
}

/// Where a waiting guest stands against the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    OnTime,
    /// Less than a quarter of the target is left.
    DueSoon,
    /// The target has passed.
    Overdue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyClock {
    /// How long the oldest unanswered guest message has waited (zero if its time is
    /// in the future, as a skewed provider clock can make it).
    pub waited: Duration,
    pub target: Duration,
}

impl ReplyClock {
    pub fn new(waiting_since: Timestamp, target: Duration, now: Timestamp) -> Self {
        let waited = now.duration_since(waiting_since).try_into().unwrap_or(Duration::ZERO);
        Self { waited, target }
    }

    pub fn state(&self) -> ClockState {
        if self.waited > self.target {
            ClockState::Overdue
        } else if self.waited * 4 > self.target * 3 {
            ClockState::DueSoon
        } else {
            ClockState::OnTime
        }
    }

    /// How far past the target the wait is; zero while it is not overdue.
    pub fn overdue_by(&self) -> Duration {
        self.waited.saturating_sub(self.target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn default_targets_are_booking_12h_airbnb_24h_others_1h() {
        let targets = ReplyTargets::default();
        assert_eq!(targets.target(Some(&Channel::Booking)), 12 * HOUR);
        assert_eq!(targets.target(Some(&Channel::Airbnb)), 24 * HOUR);
        for other in [Channel::Vrbo, Channel::Whatsapp, Channel::Other("messenger".into())] {
            assert_eq!(targets.target(Some(&other)), HOUR, "{other}");
        }
        assert_eq!(targets.target(None), HOUR, "no channel: the default");
    }

    #[test]
    fn a_set_target_wins_and_the_default_covers_the_rest() {
        let mut targets = ReplyTargets::default();
        targets.set(Some(Channel::Email), 4 * HOUR);
        targets.set(None, 2 * HOUR);
        assert_eq!(targets.target(Some(&Channel::Email)), 4 * HOUR);
        assert_eq!(targets.target(Some(&Channel::Sms)), 2 * HOUR);
        assert_eq!(targets.target(Some(&Channel::Booking)), 12 * HOUR, "built-in channel targets stay");
    }

    #[test]
    fn the_clock_is_on_time_then_due_soon_then_overdue() {
        let since = at("2026-03-01T08:00:00Z");
        let clock = |now: &str| ReplyClock::new(since, 12 * HOUR, at(now));
        assert_eq!(clock("2026-03-01T16:59:00Z").state(), ClockState::OnTime);
        assert_eq!(clock("2026-03-01T17:01:00Z").state(), ClockState::DueSoon, "under 3 h of 12 h left");
        assert_eq!(clock("2026-03-01T20:00:00Z").state(), ClockState::DueSoon, "exactly on target");
        let late = clock("2026-03-01T21:30:00Z");
        assert_eq!(late.state(), ClockState::Overdue);
        assert_eq!(late.overdue_by(), Duration::from_secs(90 * 60));
        assert_eq!(late.waited, Duration::from_secs(13 * 3_600 + 30 * 60));
    }

    #[test]
    fn a_message_from_the_future_has_waited_zero() {
        let clock = ReplyClock::new(at("2026-03-01T09:00:00Z"), HOUR, at("2026-03-01T08:00:00Z"));
        assert_eq!(clock.waited, Duration::ZERO);
        assert_eq!(clock.state(), ClockState::OnTime);
        assert_eq!(clock.overdue_by(), Duration::ZERO);
    }
}
