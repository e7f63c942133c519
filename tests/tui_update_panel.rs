//! The side panel driven through `update`: opening and closing it, the lookups
//! it asks for (only while open, once per thread), answers that arrive late,
//! unlinking a match and taking that back, and jumping to a match.

mod support;

use innbox::app::{Effect, Msg};
use innbox::domain::ThreadKey;
use innbox::domain::guest_match::SameGuest;
use pretty_assertions::assert_eq;
use support::drive::{code, feed, key, list_rows, press, selected_guest};
use support::inbox::thread_key;
use support::panel::{self, JAMES_AIRBNB, JAMES_EMAIL_THREAD, drive};

fn james() -> ThreadKey {
    thread_key("Canal House", "bk-9001")
}

fn yuki() -> ThreadKey {
    thread_key("Lakeside Rentals", "cal-1001")
}

fn matches(state: &innbox::app::AppState) -> Option<Vec<(String, bool)>> {
    let found = state.panel()?.matches()?;
    Some(found.iter().map(|m| (m.key.id.clone(), m.unlinked)).collect())
}

#[test]
fn i_opens_the_panel_asking_for_the_guest_s_other_threads_and_closes_it() {
    let mut store = panel::store();
    let mut state = panel::inbox(&mut store);
    assert!(state.panel().is_none());
    assert_eq!(press(&mut state, [key('i')]), [Effect::FindSameGuest(james())]);
    assert!(state.panel_open());
    assert_eq!(matches(&state), None, "looking until the store answers");

    let found = store.same_guest(&james()).unwrap();
    feed(&mut state, Msg::SameGuest { key: james(), matches: found });
    let ids = vec![(JAMES_AIRBNB.1.to_owned(), false), (JAMES_EMAIL_THREAD.1.to_owned(), false)];
    assert_eq!(matches(&state), Some(ids));

    assert_eq!(press(&mut state, [key('i')]), []);
    assert!(!state.panel_open() && state.panel().is_none());
}

#[test]
fn while_open_each_thread_the_selection_lands_on_is_asked_for_once_and_closed_none() {
    let mut store = panel::store();
    let mut state = panel::inbox(&mut store);
    let lookups = |effects: Vec<Effect>| -> Vec<Effect> {
        effects.into_iter().filter(|e| matches!(e, Effect::FindSameGuest(_))).collect()
    };
    assert_eq!(lookups(press(&mut state, [key('j'), key('k')])), [], "closed: no lookups");

    drive(&mut state, &mut store, [key('i')]);
    assert_eq!(lookups(press(&mut state, [key('j')])), [Effect::FindSameGuest(yuki())]);
    assert_eq!(
        lookups(press(&mut state, [code(ratatui::crossterm::event::KeyCode::Tab)])),
        [],
        "same thread"
    );
    // A sync page may bring a new match: the open thread is looked up again.
    let effects = feed(&mut state, Msg::ThreadsRefreshed(Vec::new()));
    assert_eq!(lookups(effects), [Effect::FindSameGuest(yuki())]);
}

#[test]
fn an_answer_for_a_thread_the_user_has_left_is_dropped() {
    let mut store = panel::store();
    let mut state = panel::inbox(&mut store);
    press(&mut state, [key('i'), key('j')]); // James asked for, then Yuki
    let stale = store.same_guest(&james()).unwrap();
    assert_eq!(stale.len(), 2);
    feed(&mut state, Msg::SameGuest { key: james(), matches: stale });
    assert_eq!(matches(&state), None, "James's matches never show under Yuki");
    feed(&mut state, Msg::SameGuest { key: yuki(), matches: Vec::new() });
    assert_eq!(matches(&state), Some(Vec::new()));

    // Closed, even the current thread's answer is dropped.
    press(&mut state, [key('i')]);
    feed(&mut state, Msg::SameGuest { key: yuki(), matches: Vec::new() });
    assert!(state.panel().is_none());
}

#[test]
fn x_unlinks_the_picked_match_in_the_store_and_x_again_links_it_back() {
    let mut store = panel::store();
    let mut state = panel::inbox(&mut store);
    drive(&mut state, &mut store, [key('i'), key('}')]);
    assert_eq!(state.panel().unwrap().picked(), 1);
    let email_thread = thread_key(JAMES_EMAIL_THREAD.0, JAMES_EMAIL_THREAD.1);

    let effects = drive(&mut state, &mut store, [key('x')]);
    assert_eq!(effects, [Effect::SetSameGuest { thread: james(), other: email_thread.clone(), same: false }]);
    assert_eq!(matches(&state).unwrap()[1], (JAMES_EMAIL_THREAD.1.to_owned(), true));
    assert_eq!(state.notice().unwrap().text, "Unlinked JAMES  O'CONNOR (Email) · x links it again");

    // Kept in the store: closing and opening the panel reads it back, and the
    // other thread's panel says the same.
    drive(&mut state, &mut store, [key('i'), key('i')]);
    assert_eq!(matches(&state).unwrap()[1].1, true);
    let theirs: Vec<SameGuest> = store.same_guest(&email_thread).unwrap();
    assert!(theirs.iter().any(|m| m.key == james() && m.unlinked), "both ways round");

    drive(&mut state, &mut store, [key('}')]);
    let effects = drive(&mut state, &mut store, [key('x')]);
    assert_eq!(effects, [Effect::SetSameGuest { thread: james(), other: email_thread.clone(), same: true }]);
    assert_eq!(matches(&state).unwrap()[1].1, false);
    assert!(!store.same_guest(&james()).unwrap()[1].unlinked);
}

#[test]
fn picking_stays_within_the_matches() {
    let mut store = panel::store();
    let mut state = panel::inbox(&mut store);
    drive(&mut state, &mut store, [key('i'), key('{'), key('{')]);
    assert_eq!(state.panel().unwrap().picked(), 0);
    drive(&mut state, &mut store, [key('}'), key('}'), key('}')]);
    assert_eq!(state.panel().unwrap().picked(), 1);
    // Another thread starts from its first match.
    drive(&mut state, &mut store, [key('j'), key('k')]);
    assert_eq!(state.panel().unwrap().picked(), 0);
}

#[test]
fn go_jumps_the_list_to_the_match_whose_panel_finds_the_guest_back() {
    let mut store = panel::store();
    let mut state = panel::inbox(&mut store);
    drive(&mut state, &mut store, [key('i')]);
    let effects = drive(&mut state, &mut store, [key('>')]);
    assert_eq!(state.selected().unwrap().thread.key(), thread_key(JAMES_AIRBNB.0, JAMES_AIRBNB.1));
    assert!(effects.contains(&Effect::FindSameGuest(thread_key(JAMES_AIRBNB.0, JAMES_AIRBNB.1))));
    assert!(
        state.cursor() >= state.list_offset() && state.cursor() < state.list_offset() + list_rows(&state)
    );
    let found = matches(&state).unwrap();
    assert!(found.contains(&("bk-9001".to_owned(), false)), "{found:?}");
}

#[test]
fn go_to_a_match_the_filter_hides_says_so() {
    let mut store = panel::store();
    let mut state = panel::inbox(&mut store);
    drive(&mut state, &mut store, support::drive::typing("/canal"));
    drive(&mut state, &mut store, [code(ratatui::crossterm::event::KeyCode::Enter), key('i'), key('>')]);
    assert_eq!(selected_guest(&state).as_deref(), Some("James O'Connor"), "the selection stays");
    assert!(state.notice().unwrap().text.contains("hidden by the filter"), "{:?}", state.notice());
}

#[test]
fn panel_keys_with_the_panel_closed_or_nothing_found_only_say_why() {
    let mut store = panel::store();
    let mut state = panel::inbox(&mut store);
    for k in ['x', '>', '}'] {
        assert_eq!(drive(&mut state, &mut store, [key(k)]), [], "{k}");
        assert_eq!(state.notice().unwrap().text, "i opens the guest panel first");
    }
    drive(&mut state, &mut store, [key('j'), key('i')]); // Yuki: placeholder contacts, no matches
    assert_eq!(matches(&state), Some(Vec::new()));
    assert_eq!(drive(&mut state, &mut store, [key('x')]), []);
    assert_eq!(state.notice().unwrap().text, "No other threads of this guest");
}

#[test]
fn the_list_keeps_the_selection_in_view_as_the_panel_takes_its_place() {
    // Narrow: the panel shows in the selected thread's place, the list is hidden.
    let mut store = panel::store();
    let mut state = panel::inbox_at(60, 36, &mut store);
    drive(&mut state, &mut store, [key('G')]);
    let last = state.cursor();
    drive(&mut state, &mut store, [key('i')]);
    assert_eq!(list_rows(&state), 0);
    drive(&mut state, &mut store, [key('k'), key('i')]);
    assert_eq!(state.cursor(), last - 1);
    let rows = list_rows(&state);
    assert!(state.cursor() >= state.list_offset() && state.cursor() < state.list_offset() + rows);
}
