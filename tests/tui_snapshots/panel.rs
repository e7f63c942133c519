//! The reservation side panel: a column beside the conversation on wide
//! terminals, in the conversation's place on narrow ones, with the guest's other
//! threads found by the store.

use super::support::drive::{HEIGHT, key};
use super::support::panel::{self, drive};
use super::support::screen::draw;

/// James O'Connor's Booking.com thread (the newest) with his two older threads.
#[test]
fn wide_with_the_same_guest_in_two_other_accounts() {
    let mut store = panel::store();
    let mut state = panel::inbox_at(160, 40, &mut store);
    drive(&mut state, &mut store, [key('i'), key(']')]);
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn at_120_columns_beside_a_read_only_thread_with_a_placeholder_phone() {
    let mut store = panel::store();
    let mut state = panel::inbox(&mut store);
    drive(&mut state, &mut store, [key('i'), key('j')]);
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn narrow_in_the_conversation_s_place_with_an_unlinked_match() {
    let mut store = panel::store();
    let mut state = panel::inbox_at(60, HEIGHT, &mut store);
    drive(&mut state, &mut store, [key('i'), key('x')]);
    insta::assert_snapshot!(draw(&state));
}
