//! Privacy mode and the selected message, as drawn.

use super::support::drive::{answer, code, drive, feed, inbox, key, only};
use super::support::inbox::{self as fixture, key_of};
use super::support::messages::{CONTACT, JAMES, james_messages, load_james};
use super::support::screen::draw;
use innbox::app::{AppState, Msg};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

/// Emma's list preview gives her phone number; James's thread holds codes, a phone
/// number and an email; privacy mode is on and the inbox has the history's keys.
fn private_inbox() -> AppState {
    let mut state = inbox();
    let emma = key_of(Some("Emma Johansson"));
    let mut changed = only(fixture::summaries(), std::slice::from_ref(&emma));
    changed[0].preview = Some(CONTACT.into());
    let effects = feed(&mut state, Msg::ThreadsRefreshed(changed));
    answer(&mut state, &effects);
    load_james(&mut state, james_messages());
    drive(&mut state, [code(KeyCode::Enter), key('p')]);
    state
}

#[test]
fn a_thread_in_privacy_mode_with_one_message_revealed() {
    let mut state = private_inbox();
    insta::assert_snapshot!("privacy_all_masked", draw(&state));
    // The host's message with the codes, selected and revealed.
    drive(&mut state, [key('['), key('['), key('v')]);
    insta::assert_snapshot!("privacy_one_revealed", draw(&state));
}

#[test]
fn the_selected_message_has_a_bar_and_a_highlighted_sender_line() {
    let mut state = private_inbox();
    drive(&mut state, [key('[')]);
    let buffer = draw(&state).buffer().clone();
    let area = buffer.area;
    let row_of = |text: &str| {
        (area.top()..area.bottom())
            .find(|&y| {
                (area.left()..area.right())
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
                    .contains(text)
            })
            .unwrap_or_else(|| panic!("{text:?} is not on screen"))
    };
    let sender = row_of(&format!("{JAMES} · 11:50"));
    let body = row_of("Photos of the key box");
    assert_eq!(buffer[(55, body)].symbol(), "▌");
    assert_eq!(buffer[(55, body)].fg, Color::Cyan);
    assert_eq!(buffer[(100, sender)].bg, Color::DarkGray, "the highlight runs across the pane");
    let other = row_of("We arrive on");
    assert_eq!(buffer[(55, other)].symbol(), " ", "only the selected message");
    assert_ne!(buffer[(55, other - 1)].bg, Color::DarkGray);
}
