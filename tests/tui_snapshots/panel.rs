//! The reservation side panel: a column beside the conversation on wide
//! terminals, in the conversation's place below that, with the guest's other
//! threads as the store finds them.

use super::support::drive::{HEIGHT, key};
use super::support::panel::{self, drive};
use super::support::screen::draw;
use innbox::ui::layout::Areas;

/// James O'Connor's Booking.com thread (the newest) with his two older threads.
#[test]
fn wide_with_the_same_guest_in_two_other_accounts() {
    let mut store = panel::store();
    let mut state = panel::inbox_at(160, 40, &mut store);
    drive(&mut state, &mut store, [key('i'), key('}')]);
    let backend = draw(&state);
    // Drawn where `update` thinks it is, for page sizes and mouse hits.
    let panel = Areas::of(&state).panel.expect("the panel's column");
    assert_eq!(backend.buffer()[(panel.x + 2, 0)].symbol(), "G");
    insta::assert_snapshot!(backend);
}

#[test]
fn at_120_columns_with_placeholder_contacts_and_no_match() {
    let mut store = panel::store();
    let mut state = panel::inbox(&mut store);
    drive(&mut state, &mut store, [key('i'), key('j')]);
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn at_100_columns_in_the_conversation_s_place_for_a_read_only_thread() {
    let mut store = panel::store();
    let mut state = panel::inbox_at(100, HEIGHT, &mut store);
    drive(&mut state, &mut store, [key('i'), key('j'), key('j')]);
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn narrow_with_an_unlinked_match() {
    let mut store = panel::store();
    let mut state = panel::inbox_at(60, HEIGHT, &mut store);
    drive(&mut state, &mut store, [key('i'), key('x')]);
    insta::assert_snapshot!(draw(&state));
}
