//! Triage: which threads wait for a reply, which are urgent, and how long the guest
//! has waited against the channel's target. Pure: the caller brings the messages,
//! the latest reply written in innbox and the time.
//!
//! The rules, precisely:
//! - A message is *human* unless it is a system message (the platform's own) or is
//!   flagged automatic (templates, auto-replies, from either side). Only human
//!   messages count, as questions and as answers.
//! - Our *answer* is the newest human outbound message, or a reply written in innbox
//!   and not failed (queued, sending, sent or unknown: the user did answer, and innbox
//!   is delivering it), whichever is later. A local reply answers the guest messages
//!   sent up to its creation, and those with no time (innbox orders them oldest).
//! - A guest message is *unanswered* when it is human, inbound and after our answer.
//! - **needs_reply**: some guest message is unanswered; that is, the newest human
//!   message is the guest's.
//! - **urgent**: an unanswered guest message matches an urgency rule ([`UrgencyRules`]).
//!   Once answered, it stops being urgent.
//! - **waiting_since**: the time of the oldest unanswered guest message that has one;
//!   None when nothing is unanswered or no unanswered message has a time.
//! - The **reply clock** runs from `waiting_since` against the channel's target.
//!
//! Only the messages after our newest human outbound message matter, so a caller may
//! pass just that tail (see `Store::triage_tail`) and get the same result.

mod clock;
mod urgency;

pub use clock::{ClockState, ReplyClock, ReplyTargets};
pub use urgency::{UrgencyRules, UrgentMatch};

use super::{Channel, Direction, Message};
use jiff::Timestamp;

/// What triage needs from the config: the urgency rules and the reply targets.
#[derive(Debug, Clone, Default)]
pub struct TriageRules {
    pub urgency: UrgencyRules,
    pub targets: ReplyTargets,
}

/// One thread's triage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triage {
    pub needs_reply: bool,
    /// Every urgency rule an unanswered guest message matches; empty when not urgent.
    pub urgent: Vec<UrgentMatch>,
    pub waiting_since: Option<Timestamp>,
    /// None when no one waits, or the wait has no known start.
    pub clock: Option<ReplyClock>,
}

impl Triage {
    pub fn is_urgent(&self) -> bool {
        !self.urgent.is_empty()
    }
}

impl TriageRules {
    /// Triages one thread. `messages` are oldest first, as the store returns them;
    /// `local_reply` is when the latest reply written in innbox that has not failed was
    /// created.
    pub fn assess(
        &self,
        channel: Option<&Channel>,
        messages: &[Message],
        local_reply: Option<Timestamp>,
        now: Timestamp,
    ) -> Triage {
        let after_answer = messages.iter().rposition(is_human_reply).map_or(0, |index| index + 1);
        let answered_locally = |m: &Message| match (local_reply, m.sent_at) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(reply), Some(sent)) => sent <= reply,
        };
        let unanswered: Vec<&Message> = messages[after_answer..]
            .iter()
            .filter(|m| is_human(m) && m.direction == Direction::Inbound && !answered_locally(m))
            .collect();
        let waiting_since = unanswered.iter().filter_map(|m| m.sent_at).min();
        Triage {
            needs_reply: !unanswered.is_empty(),
            urgent: self.urgency.matches(unanswered.iter().map(|m| (m.id.as_str(), m.body.as_str()))),
            waiting_since,
            clock: waiting_since.map(|since| ReplyClock::new(since, self.targets.target(channel), now)),
        }
    }
}

/// Whether a person wrote it: not the platform, not an automation.
fn is_human(message: &Message) -> bool {
    message.direction != Direction::System && message.automatic != Some(true)
}

/// Whether it is one of our answers: outbound and written by a person.
pub fn is_human_reply(message: &Message) -> bool {
    is_human(message) && message.direction == Direction::Outbound
}

#[cfg(test)]
pub(crate) mod tests;
