//! Snooze and done: putting a thread aside, locally, until a time or until the
//! guest writes again (the store ends either then), and undoing the last of them.
//! The list changes at once; the store follows by effect.

use super::effect::Effect;
use super::state::AppState;
use crate::domain::ThreadKey;
use crate::keymap::Action;
use crate::store::ThreadTriage;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};

/// The snooze menu's choices, keys 1–4 in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnoozePreset {
    OneHour,
    ThreeHours,
    TomorrowMorning,
    NextMonday,
}

/// The local hour "morning" means.
const MORNING: i8 = 9;

impl SnoozePreset {
    pub const ALL: [SnoozePreset; 4] =
        [Self::OneHour, Self::ThreeHours, Self::TomorrowMorning, Self::NextMonday];

    pub fn label(self) -> &'static str {
        match self {
            Self::OneHour => "in 1 hour",
            Self::ThreeHours => "in 3 hours",
            Self::TomorrowMorning => "tomorrow morning",
            Self::NextMonday => "next Monday morning",
        }
    }

    /// When a snooze chosen at `now` ends, in the user's time zone.
    pub fn until(self, now: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
        let today = now.to_zoned(tz.clone()).date();
        let morning_in = |days: i8| {
            let date = today.checked_add(Span::new().days(days)).ok()?;
            Some(date.at(MORNING, 0, 0, 0).to_zoned(tz.clone()).ok()?.timestamp())
        };
        match self {
            Self::OneHour => Some(now + SignedDuration::from_hours(1)),
            Self::ThreeHours => Some(now + SignedDuration::from_hours(3)),
            Self::TomorrowMorning => morning_in(1),
            // A week on when today is Monday.
            Self::NextMonday => morning_in(8 - today.weekday().to_monday_one_offset()),
        }
    }
}

/// A snooze menu entry: the preset and when it would end (None: not a real time there).
pub type SnoozeChoice = (SnoozePreset, Option<Timestamp>);

/// A time ahead as the user reads it: `15:30` today, `Mon 09:00` this week, else the date.
pub fn until_label(until: Timestamp, now: Timestamp, tz: &TimeZone) -> String {
    let (until, now) = (until.to_zoned(tz.clone()), now.to_zoned(tz.clone()));
    let days_ahead = (until.date() - now.date()).get_days();
    let format = match days_ahead {
        0 => "%H:%M",
        1..=6 => "%a %H:%M",
        _ => "%b %-d %H:%M",
    };
    until.strftime(format).to_string()
}

/// The snooze menu, and what `u` undoes.
#[derive(Debug, Clone, Default)]
pub(super) struct SetAside {
    /// The thread the open snooze menu is for.
    pub(super) menu: Option<ThreadKey>,
    undo: Option<Undo>,
}

#[derive(Debug, Clone)]
struct Undo {
    key: ThreadKey,
    before: ThreadTriage,
}

impl AppState {
    /// The thread the snooze menu is open for, with each choice's end.
    pub fn snooze_menu(&self) -> Option<(&ThreadKey, [SnoozeChoice; 4])> {
        let key = self.lanes.aside.menu.as_ref()?;
        Some((key, SnoozePreset::ALL.map(|preset| (preset, preset.until(self.now, &self.time_zone)))))
    }

    pub(super) fn open_snooze_menu(&mut self) {
        match self.selected_key() {
            Some(key) => self.lanes.aside.menu = Some(key),
            None => self.notify_info("Select a thread to snooze"),
        }
    }

    /// Takes a key while the snooze menu is open: a time snoozes, anything else closes it.
    pub(super) fn snooze_menu_key(&mut self, action: Option<Action>, effects: &mut Vec<Effect>) {
        let Some(thread) = self.lanes.aside.menu.take() else { return };
        self.dirty = true;
        // Any other key closes the menu, as Esc does.
        let chosen = match action {
            Some(Action::SnoozeFor(index)) => SnoozePreset::ALL.get(usize::from(index)),
            _ => None,
        };
        let Some(until) = chosen.and_then(|preset| preset.until(self.now, &self.time_zone)) else {
            return;
        };
        let label = until_label(until, self.now, &self.time_zone);
        self.put_aside(
            &thread,
            |before| before.with_snooze(Some(until)),
            effects,
            |guest| format!("Snoozed {guest} until {label} · u undoes"),
        );
    }

    /// Marks the selected thread done; on a done thread, reopens it.
    pub(super) fn toggle_done(&mut self, effects: &mut Vec<Effect>) {
        let Some(key) = self.selected_key() else { return self.notify_info("Select a thread to mark done") };
        let done = !self.selected().is_some_and(|s| s.triage.is_done());
        self.put_aside(
            &key,
            |before| before.with_done(done),
            effects,
            |guest| {
                if done {
                    format!("Done: {guest} · u undoes")
                } else {
                    format!("Reopened {guest} · u undoes")
                }
            },
        );
    }

    /// Puts back the thread the last snooze or done changed.
    pub(super) fn undo_set_aside(&mut self, effects: &mut Vec<Effect>) {
        let Some(Undo { key, before }) = self.lanes.aside.undo.take() else {
            return self.notify_info("Nothing to undo");
        };
        if let Some(guest) = self.set_triage(&key, |_| before, effects) {
            self.notify_info(format!("Undone: {guest} is as before"));
        }
    }

    fn put_aside(
        &mut self,
        key: &ThreadKey,
        change: impl FnOnce(ThreadTriage) -> ThreadTriage,
        effects: &mut Vec<Effect>,
        notice: impl FnOnce(&str) -> String,
    ) {
        let mut before = None;
        let guest = self.set_triage(
            key,
            |triage| {
                before = Some(triage);
                change(triage)
            },
            effects,
        );
        if let (Some(guest), Some(before)) = (guest, before) {
            self.lanes.aside.undo = Some(Undo { key: key.clone(), before });
            self.notify_info(notice(&guest));
        }
    }

    /// Changes the snooze and done of `key` in the list, asks the store to follow, and
    /// returns the guest's name. When the thread leaves the lane, the cursor stays where
    /// it was, on the next thread.
    fn set_triage(
        &mut self,
        key: &ThreadKey,
        change: impl FnOnce(ThreadTriage) -> ThreadTriage,
        effects: &mut Vec<Effect>,
    ) -> Option<String> {
        let index = self.threads.iter().position(|s| s.thread.is(key))?;
        let summary = &mut self.threads[index];
        let before = summary.triage;
        let after = change(before);
        summary.triage = after;
        let guest = summary.thread.guest.name.clone().unwrap_or_else(|| "(no name)".into());
        effects.extend(store_change(key, before, after));
        let stays = self.lanes.lane.admits(&self.threads[index], self.now);
        let neighbour = |offset: isize| {
            let position = self.cursor.checked_add_signed(offset)?;
            self.visible.get(position).map(|&i| self.threads[i].thread.key())
        };
        let keep = if stays { self.selected_key() } else { neighbour(1).or_else(|| neighbour(-1)) };
        self.refilter_keeping(keep, effects);
        Some(guest)
    }
}

/// The one write that takes the store from `before` to `after`.
fn store_change(key: &ThreadKey, before: ThreadTriage, after: ThreadTriage) -> Option<Effect> {
    let key = key.clone();
    if after.is_done() != before.is_done() && (after.is_done() || after.snoozed_until().is_none()) {
        Some(Effect::SetDone { key, done: after.is_done() })
    } else if after.snoozed_until() != before.snoozed_until() {
        Some(Effect::Snooze { key, until: after.snoozed_until() })
    } else {
        None
    }
}
