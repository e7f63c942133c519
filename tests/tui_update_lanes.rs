//! Lanes, their counts, the jump to the next thread waiting on us, and snooze and
//! done: `update` fed keys and messages over the triaged fixture.

mod support;

use innbox::app::{Effect, Lane, Msg};
use innbox::domain::ThreadKey;
use innbox::store::{OutboxState, ThreadTriage};
use pretty_assertions::assert_eq;
use ratatui::crossterm::event::KeyCode;
use support::drive::{code, feed, selected_guest, typing};
use support::inbox::{at, reply};
use support::lanes::{drive, guest_key, inbox, shown, summaries};

fn counts(state: &innbox::app::AppState) -> [usize; 5] {
    Lane::ALL.map(|lane| state.lane_count(lane))
}

fn notice(state: &innbox::app::AppState) -> String {
    state.notice().map(|n| n.text.clone()).unwrap_or_default()
}

const UNREAD: usize = 6;

#[test]
fn each_lane_counts_every_thread_and_its_key_shows_it() {
    let mut state = inbox();
    assert_eq!(state.lane(), Lane::All, "everything at start");
    assert_eq!(counts(&state), [1, 4, UNREAD, 2, 20]);

    drive(&mut state, "1");
    assert_eq!(shown(&state), ["James O'Connor"], "Hannah is urgent but snoozed");
    drive(&mut state, "2");
    assert_eq!(shown(&state), ["James O'Connor", "Yuki Tanaka", "Lukas Becker", "Emma Johansson"]);
    drive(&mut state, "4");
    assert_eq!(shown(&state), ["李娜", "Hannah Schmidt"]);
    drive(&mut state, "3");
    assert_eq!(state.visible_count(), UNREAD);
    drive(&mut state, "5");
    assert_eq!(state.visible_count(), 20);
}

#[test]
fn a_lane_narrows_the_filter_and_counts_ignore_it() {
    let mut state = inbox();
    drive(&mut state, "2");
    let effects = support::drive::press(&mut state, typing("/lakeside\n"));
    support::lanes::answer(&mut state, &effects);
    assert_eq!(shown(&state), ["Yuki Tanaka", "Emma Johansson"]);
    assert_eq!(counts(&state), [1, 4, UNREAD, 2, 20], "over all threads, not the filtered ones");
}

#[test]
fn n_jumps_to_the_next_urgent_thread_else_the_next_waiting_one() {
    let mut state = inbox();
    assert_eq!(selected_guest(&state).as_deref(), Some("James O'Connor"));
    drive(&mut state, "n");
    assert_eq!(selected_guest(&state).as_deref(), Some("Yuki Tanaka"), "no other urgent: the next waiting");
    drive(&mut state, "n");
    assert_eq!(selected_guest(&state).as_deref(), Some("James O'Connor"), "urgent first, wrapping");

    drive(&mut state, "4");
    drive(&mut state, "n");
    assert_eq!(notice(&state), "No thread here is urgent or waits for a reply");
}

#[test]
fn s_snoozes_from_a_menu_and_the_thread_leaves_its_lanes() {
    let mut state = inbox();
    drive(&mut state, "2j");
    assert_eq!(selected_guest(&state).as_deref(), Some("Yuki Tanaka"));

    let effects = drive(&mut state, "s");
    assert!(state.snooze_menu().is_some() && effects.is_empty());
    feed(&mut state, Msg::Key(code(KeyCode::Esc)));
    assert!(state.snooze_menu().is_none(), "Esc cancels");
    assert_eq!(state.lane(), Lane::NeedsReply, "and does nothing else");

    let effects = drive(&mut state, "s3");
    let until = at("2026-11-22T09:00:00Z");
    assert!(effects.contains(&Effect::Snooze { key: guest_key("Yuki Tanaka"), until: Some(until) }));
    assert_eq!(notice(&state), "Snoozed Yuki Tanaka until Sun 09:00 · u undoes");
    assert_eq!(counts(&state), [1, 3, UNREAD, 3, 20]);
    assert_eq!(selected_guest(&state).as_deref(), Some("Lukas Becker"), "the cursor stays in place");

    let effects = drive(&mut state, "u");
    assert!(effects.contains(&Effect::Snooze { key: guest_key("Yuki Tanaka"), until: None }));
    assert_eq!(counts(&state), [1, 4, UNREAD, 2, 20]);
    assert_eq!(notice(&state), "Undone: Yuki Tanaka is as before");
}

#[test]
fn snooze_presets_end_at_local_times() {
    use innbox::app::SnoozePreset;
    let tz = jiff::tz::TimeZone::get("Europe/Lisbon").unwrap();
    let saturday = at("2026-11-21T12:00:00Z");
    let ends = SnoozePreset::ALL.map(|preset| preset.until(saturday, &tz).unwrap());
    let expected =
        ["2026-11-21T13:00:00Z", "2026-11-21T15:00:00Z", "2026-11-22T09:00:00Z", "2026-11-23T09:00:00Z"];
    assert_eq!(ends, expected.map(at));
    let monday = at("2026-11-23T10:00:00Z");
    assert_eq!(SnoozePreset::NextMonday.until(monday, &tz), Some(at("2026-11-30T09:00:00Z")), "a week on");
}

#[test]
fn d_marks_done_and_again_reopens() {
    let mut state = inbox();
    let james = guest_key("James O'Connor");
    let effects = drive(&mut state, "d");
    assert_eq!(effects, [Effect::SetDone { key: james.clone(), done: true }]);
    assert_eq!(notice(&state), "Done: James O'Connor · u undoes");
    assert_eq!(counts(&state), [0, 3, UNREAD, 2, 20]);
    assert_eq!(selected_guest(&state).as_deref(), Some("James O'Connor"), "All still shows it");

    let effects = drive(&mut state, "d");
    assert_eq!(effects, [Effect::SetDone { key: james, done: false }]);
    assert_eq!(notice(&state), "Reopened James O'Connor · u undoes");
    assert_eq!(counts(&state), [1, 4, UNREAD, 2, 20]);
}

#[test]
fn done_ends_a_snooze_and_undo_brings_it_back() {
    let mut state = inbox();
    drive(&mut state, "4");
    assert_eq!(selected_guest(&state).as_deref(), Some("李娜"));
    let li = guest_key("李娜");
    assert_eq!(drive(&mut state, "d")[0], Effect::SetDone { key: li.clone(), done: true });
    assert_eq!(shown(&state), ["Hannah Schmidt"]);
    let until = at("2026-11-23T09:00:00Z");
    assert_eq!(drive(&mut state, "u")[0], Effect::Snooze { key: li, until: Some(until) });
    assert_eq!(shown(&state), ["李娜", "Hannah Schmidt"]);
    drive(&mut state, "u");
    assert_eq!(notice(&state), "Nothing to undo");
}

#[test]
fn a_snooze_that_runs_out_puts_the_thread_back_in_its_lanes() {
    let mut state = inbox();
    feed(&mut state, Msg::Tick(at("2026-11-21T12:29:59Z")));
    assert_eq!(counts(&state), [1, 4, UNREAD, 2, 20]);
    feed(&mut state, Msg::Tick(at("2026-11-21T12:30:00Z")));
    assert_eq!(counts(&state), [2, 5, UNREAD, 1, 20], "Hannah is urgent again");
}

#[test]
fn counts_follow_threads_a_sync_changes() {
    let mut state = inbox();
    let yuki = guest_key("Yuki Tanaka");
    // The store woke the snoozed 李娜 (she wrote again) and Yuki was answered elsewhere.
    let changed: Vec<_> = summaries()
        .into_iter()
        .filter(|s| [&yuki, &guest_key("李娜")].contains(&&s.thread.key()))
        .map(|mut s| {
            s.triage = if s.thread.key() == yuki {
                ThreadTriage::default()
            } else {
                ThreadTriage::new(true, false, s.triage.waiting_since())
            };
            s
        })
        .collect();
    feed(&mut state, Msg::ThreadsRefreshed(changed));
    assert_eq!(counts(&state), [1, 4, UNREAD, 1, 20]);
}

#[test]
fn a_queued_reply_reads_its_thread_again_for_its_triage() {
    let mut state = inbox();
    let james: ThreadKey = guest_key("James O'Connor");
    let entry = reply(1, &james, "On my way", OutboxState::Queued, None);
    let effects = feed(&mut state, Msg::ReplyQueued(entry));
    assert!(effects.contains(&Effect::LoadChangedThreads(vec![james])), "{effects:?}");
}

#[test]
fn opening_an_unread_thread_counts_it_read() {
    let mut state = inbox();
    drive(&mut state, "l");
    assert_eq!(state.lane_count(Lane::Unread), UNREAD - 1);
}
