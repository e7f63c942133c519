//! `update` and drafts: saved once typing pauses (the clock comes in as `Tick`s,
//! so no test sleeps), at once when the user leaves them, and handed to the user's
//! editor or kept safe on Ctrl-z.

mod support;

use innbox::app::{AppState, DRAFT_SAVE_DELAY, Effect, LoopEffect, Msg};
use innbox::domain::ThreadKey;
use innbox::keymap::Context;
use jiff::{SignedDuration, Timestamp};
use pretty_assertions::assert_eq;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::drive::{
    code, composer_text, ctrl, drive, empty_store, feed, inbox, key, list_rows, press, select_guest, typing,
};
use support::inbox::{JAMES_DRAFT, key_of, now};

fn ms(millis: i64) -> SignedDuration {
    SignedDuration::from_millis(millis)
}

fn tick(state: &mut AppState, at: Timestamp) -> Vec<Effect> {
    feed(state, Msg::Tick(at))
}

fn saved(key: &ThreadKey, body: &str) -> Effect {
    Effect::SaveDraft { key: key.clone(), body: body.into() }
}

fn tick_at(at: Timestamp) -> Effect {
    Effect::Loop(LoopEffect::TickAt(at))
}

/// Emma's thread open, the composer focused, at the fixture's `now`.
fn composing_to_emma() -> (AppState, ThreadKey) {
    let mut state = inbox();
    select_guest(&mut state, Some("Emma Johansson"));
    drive(&mut state, [key('r')]);
    assert_eq!(state.context(), Context::Compose);
    (state, key_of(Some("Emma Johansson")))
}

#[test]
fn the_draft_is_saved_once_typing_has_paused() {
    let (mut state, emma) = composing_to_emma();
    let due = now() + DRAFT_SAVE_DELAY;

    assert_eq!(press(&mut state, typing("Hi")), [tick_at(due), tick_at(due)], "nothing saved yet");
    assert_eq!(tick(&mut state, due - ms(1)), []);
    assert_eq!(tick(&mut state, due), [saved(&emma, "Hi")]);
    assert_eq!(tick(&mut state, due + ms(5_000)), [], "saved once");
}

#[test]
fn each_keystroke_puts_the_save_off_again() {
    let (mut state, emma) = composing_to_emma();
    press(&mut state, typing("H"));
    assert_eq!(tick(&mut state, now() + ms(200)), []);

    // The clock has moved on: the deadline counts from this keystroke.
    assert_eq!(press(&mut state, typing("i")), [tick_at(now() + ms(200) + DRAFT_SAVE_DELAY)]);
    assert_eq!(tick(&mut state, now() + DRAFT_SAVE_DELAY), [], "typing has not paused long enough");
    assert_eq!(tick(&mut state, now() + ms(200) + DRAFT_SAVE_DELAY), [saved(&emma, "Hi")]);
}

#[test]
fn leaving_the_thread_saves_its_draft_at_once() {
    let (mut state, emma) = composing_to_emma();
    press(&mut state, typing("Hi"));
    assert_eq!(press(&mut state, [code(KeyCode::Esc), code(KeyCode::Esc)]), []);

    let effects = press(&mut state, [key('j')]);
    let saves: Vec<_> = effects.iter().filter(|e| matches!(e, Effect::SaveDraft { .. })).collect();
    assert_eq!(saves, [&saved(&emma, "Hi")], "{effects:?}");
    assert_eq!(tick(&mut state, now() + ms(5_000)), [], "nothing left to save");
}

#[test]
fn stopping_saves_the_unsaved_draft() {
    let (mut state, emma) = composing_to_emma();
    press(&mut state, typing("Hi"));
    press(&mut state, [ctrl('c')]);
    assert!(state.should_quit());

    assert_eq!(feed(&mut state, Msg::Stopping), [saved(&emma, "Hi")]);
    assert_eq!(feed(&mut state, Msg::Stopping), [], "saved once");
}

#[test]
fn a_sent_reply_leaves_no_draft_to_save() {
    let (mut state, emma) = composing_to_emma();
    press(&mut state, typing("Hi"));

    assert_eq!(press(&mut state, [ctrl('s')]), [Effect::QueueReply { key: emma, body: "Hi".into() }]);
    assert_eq!(tick(&mut state, now() + ms(5_000)), []);
}

#[test]
fn an_erased_draft_is_saved_empty_which_deletes_it() {
    let (mut state, emma) = composing_to_emma();
    press(&mut state, typing("Hi"));
    press(&mut state, [code(KeyCode::Backspace), code(KeyCode::Backspace)]);

    assert_eq!(tick(&mut state, now() + DRAFT_SAVE_DELAY), [saved(&emma, "")]);
    let row = state.visible_rows(list_rows(&state)).find(|row| row.selected).expect("a selected row");
    assert!(!row.has_draft);
}

#[test]
fn ctrl_z_saves_the_draft_then_suspends() {
    let (mut state, emma) = composing_to_emma();
    press(&mut state, typing("Hi"));
    assert_eq!(press(&mut state, [ctrl('z')]), [saved(&emma, "Hi"), Effect::Loop(LoopEffect::Suspend)]);
}

#[test]
fn sigtstp_suspends_as_ctrl_z_does() {
    let (mut state, emma) = composing_to_emma();
    press(&mut state, typing("Hi"));
    assert_eq!(feed(&mut state, Msg::Suspend), [saved(&emma, "Hi"), Effect::Loop(LoopEffect::Suspend)]);
}

#[test]
fn ctrl_o_in_the_composer_hands_the_saved_draft_to_the_editor() {
    let (mut state, emma) = composing_to_emma();
    press(&mut state, typing("Hi"));

    let edit = Effect::Loop(LoopEffect::EditDraft { key: emma.clone(), body: "Hi".into() });
    assert_eq!(press(&mut state, [ctrl('o')]), [saved(&emma, "Hi"), edit]);
}

#[test]
fn capital_e_in_the_list_opens_the_thread_for_its_draft_in_the_editor() {
    let mut state = inbox();
    let james = key_of(Some("James O'Connor"));
    let shift_e = KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT);

    let edit = Effect::Loop(LoopEffect::EditDraft { key: james.clone(), body: JAMES_DRAFT.into() });
    assert_eq!(press(&mut state, [shift_e]), [Effect::MarkRead(james), edit]);
    assert_eq!(state.context(), Context::Compose, "the edited draft is shown where it can be sent");
}

#[test]
fn the_edited_draft_replaces_the_composer_cleaned_and_is_saved_at_once() {
    let (mut state, emma) = composing_to_emma();
    press(&mut state, typing("Hi"));
    press(&mut state, [ctrl('o')]);

    let edited = Msg::DraftEdited { key: emma.clone(), body: "Hi Emma,\r\nsee you \x1b[31mat 4".into() };
    assert_eq!(feed(&mut state, edited), [saved(&emma, "Hi Emma,\nsee you at 4")]);
    assert_eq!(composer_text(&state), "Hi Emma,\nsee you at 4");
    assert_eq!(tick(&mut state, now() + ms(5_000)), [], "nothing left to save");
}

#[test]
fn the_editor_keys_open_nothing_where_there_is_nothing_to_answer() {
    let mut state = inbox();
    select_guest(&mut state, Some("Lukas Becker"));
    let effects = press(&mut state, [key('E')]);
    assert!(!effects.iter().any(|e| matches!(e, Effect::Loop(_))), "{effects:?}");
    let notice = state.notice().expect("a notice");
    assert!(notice.is_error && notice.text.contains("Hostel Mate"), "{notice:?}");

    let mut empty = empty_store();
    assert_eq!(press(&mut empty, [key('E')]), []);
    assert_eq!(empty.notice().map(|n| n.text.as_str()), Some("Select a thread to reply to"));
}

#[test]
fn a_draft_typed_before_the_stored_drafts_arrive_is_kept() {
    let mut state = support::drive::starting(support::drive::WIDTH, support::drive::HEIGHT);
    let effects =
        feed(&mut state, Msg::ThreadsLoaded(support::inbox::summaries().into_iter().map(Box::new).collect()));
    support::drive::answer(&mut state, &effects);
    select_guest(&mut state, Some("Emma Johansson"));
    drive(&mut state, [key('r')]);
    press(&mut state, typing("Typed early"));

    let emma = key_of(Some("Emma Johansson"));
    let stored = support::inbox::drafts().into_iter().chain([(emma.clone(), "An old draft".to_owned())]);
    feed(&mut state, Msg::DraftsLoaded(stored.collect()));
    assert_eq!(composer_text(&state), "Typed early", "the newer text stays in the composer");
    assert_eq!(tick(&mut state, now() + DRAFT_SAVE_DELAY), [saved(&emma, "Typed early")]);

    drive(&mut state, [code(KeyCode::Esc), code(KeyCode::Esc)]);
    assert_eq!(state.context(), Context::List);
    select_guest(&mut state, Some("James O'Connor"));
    assert_eq!(composer_text(&state), JAMES_DRAFT, "other threads get their stored drafts");
}
