//! The lanes on screen: the lane bar with its counts, the urgent mark and reply
//! clock on waiting threads, the snooze menu, and an empty lane.

use super::support::drive::{feed, key, starting};
use super::support::inbox::account_statuses;
use super::support::lanes::{answer, drive, inbox, summaries};
use super::support::screen::draw;
use innbox::app::Msg;

#[test]
fn lanes_over_the_triaged_inbox() {
    insta::assert_snapshot!(draw(&inbox()));
}

#[test]
fn the_needs_reply_lane() {
    let mut state = inbox();
    drive(&mut state, "2");
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn the_snooze_menu() {
    let mut state = inbox();
    drive(&mut state, "2j");
    feed(&mut state, Msg::Key(key('s')));
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn an_empty_lane_after_the_last_urgent_thread_is_done() {
    let mut state = inbox();
    drive(&mut state, "1d");
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn a_narrow_list_shortens_the_lane_bar() {
    let mut state = starting(80, 20);
    feed(&mut state, Msg::AccountsLoaded(account_statuses()));
    let effects = feed(&mut state, Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect()));
    answer(&mut state, &effects);
    drive(&mut state, "4/villa\n");
    insta::assert_snapshot!(draw(&state));
}
