//! Lanes: quick views of the list (Urgent, Needs reply, Unread, Snoozed, All) with
//! counts over every thread, and the key that jumps to the next thread waiting on
//! us. Triage comes with each listed thread (`ThreadTriage`), so nothing here reads
//! a message; a snooze running out is noticed on the clock's tick.

use super::effect::Effect;
use super::state::AppState;
use crate::domain::triage::{ReplyClock, ReplyTargets};
use crate::store::{OutboxEntry, OutboxState, ThreadSummary};
use jiff::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    Urgent,
    NeedsReply,
    Unread,
    Snoozed,
    All,
}

impl Lane {
    /// In the lane bar's order, which is also the order of their keys 1–5.
    pub const ALL: [Lane; 5] = [Lane::Urgent, Lane::NeedsReply, Lane::Unread, Lane::Snoozed, Lane::All];

    pub fn label(self) -> &'static str {
        match self {
            Lane::Urgent => "Urgent",
            Lane::NeedsReply => "Needs reply",
            Lane::Unread => "Unread",
            Lane::Snoozed => "Snoozed",
            Lane::All => "All",
        }
    }

    /// Whether `summary` belongs in this lane at `now`. Done and snoozed threads are
    /// put aside: they wait in no lane but their own.
    pub fn admits(self, summary: &ThreadSummary, now: Timestamp) -> bool {
        let triage = &summary.triage;
        match self {
            Lane::Urgent => triage.is_urgent() && triage.needs_reply() && !triage.is_set_aside(now),
            Lane::NeedsReply => triage.needs_reply() && !triage.is_set_aside(now),
            Lane::Unread => summary.thread.unread > 0,
            Lane::Snoozed => triage.is_snoozed(now),
            Lane::All => true,
        }
    }

    fn index(self) -> usize {
        Lane::ALL.iter().position(|&lane| lane == self).unwrap_or(0)
    }
}

/// The lanes' part of the app's state.
#[derive(Debug, Clone)]
pub(super) struct Lanes {
    pub(super) lane: Lane,
    /// Threads in each lane, over all threads (not only those a filter shows).
    counts: [usize; 5],
    pub(super) targets: ReplyTargets,
    /// When the earliest running snooze ends: the counts change then.
    next_wake: Option<Timestamp>,
    pub(super) aside: super::snooze::SetAside,
}

impl Default for Lanes {
    fn default() -> Self {
        Self {
            lane: Lane::All,
            counts: [0; 5],
            targets: ReplyTargets::default(),
            next_wake: None,
            aside: Default::default(),
        }
    }
}

impl Lanes {
    /// Counts every lane over `threads`, one pass.
    pub(super) fn recount(&mut self, threads: &[Box<ThreadSummary>], now: Timestamp) {
        self.counts = [0; 5];
        self.next_wake = None;
        for summary in threads {
            for lane in Lane::ALL {
                self.counts[lane.index()] += usize::from(lane.admits(summary, now));
            }
            if let Some(until) = summary.triage.snoozed_until().filter(|&until| until > now) {
                self.next_wake = Some(self.next_wake.map_or(until, |wake| wake.min(until)));
            }
        }
    }

    /// A thread shown as unread has just been read.
    pub(super) fn note_read(&mut self) {
        let unread = &mut self.counts[Lane::Unread.index()];
        *unread = unread.saturating_sub(1);
    }
}

impl AppState {
    /// The reply targets per channel from `[triage]`, for the reply clock.
    pub fn with_reply_targets(mut self, targets: ReplyTargets) -> Self {
        self.lanes.targets = targets;
        self
    }

    pub fn lane(&self) -> Lane {
        self.lanes.lane
    }

    /// How many threads `lane` holds, whatever the filter shows.
    pub fn lane_count(&self, lane: Lane) -> usize {
        self.lanes.counts[lane.index()]
    }

    /// How long the guest of `summary` has waited against the channel's target; None
    /// when no one waits on us (answered, done or snoozed) or the wait has no start.
    pub fn reply_clock(&self, summary: &ThreadSummary) -> Option<ReplyClock> {
        let triage = &summary.triage;
        if !triage.needs_reply() || triage.is_set_aside(self.now) {
            return None;
        }
        let target = self.lanes.targets.target(summary.thread.channel.as_ref());
        triage.waiting_since().map(|since| ReplyClock::new(since, target, self.now))
    }

    /// A reply that is queued (answering the guest) or failed (not answering after
    /// all) changed its thread's triage in the store: its row is read again.
    pub(super) fn retriage_after(&mut self, reply: &OutboxEntry, effects: &mut Vec<Effect>) {
        if matches!(reply.state, OutboxState::Queued | OutboxState::Failed) {
            self.refresh_threads(vec![reply.key.clone()], effects);
        }
    }

    pub(super) fn choose_lane(&mut self, lane: Lane, effects: &mut Vec<Effect>) {
        self.lanes.lane = lane;
        self.refilter(effects);
    }

    /// On the clock: a snooze that has run out moves its thread back to its lanes.
    pub(super) fn wake_snoozed(&mut self, effects: &mut Vec<Effect>) {
        if self.lanes.next_wake.is_some_and(|wake| wake <= self.now) {
            self.refilter(effects);
        }
    }

    /// Moves to the next other thread below the cursor (wrapping) that is urgent, else
    /// to the next that needs a reply.
    pub(super) fn jump_to_waiting(&mut self, effects: &mut Vec<Effect>) {
        let count = self.visible.len();
        let order = (1..count).map(|step| (self.cursor + step) % count);
        let waiting = |lane: Lane| {
            order.clone().find(|&position| lane.admits(&self.threads[self.visible[position]], self.now))
        };
        match waiting(Lane::Urgent).or_else(|| waiting(Lane::NeedsReply)) {
            Some(position) => self.select(position, effects),
            None => self.notify_info("No thread here is urgent or waits for a reply"),
        }
    }
}
