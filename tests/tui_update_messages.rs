//! The history's selected message and what acts on it: `[` / `]` move it, privacy
//! mode (`p`) masks every message but the one `v` reveals, `y` copies one, `o` opens
//! its attachment links.

mod support;

use innbox::app::{AppState, Effect, LoopEffect, Msg};
use innbox::config::Config;
use innbox::domain::Direction;
use pretty_assertions::assert_eq;
use ratatui::crossterm::event::KeyCode;
use support::drive::{HEIGHT, WIDTH, answer, code, drive, feed, inbox, open_guest, press, starting};
use support::inbox::summaries;
use support::messages::{CODES, PDF, PHOTOS, james_messages, load_james};
use support::screen::draw;

/// The inbox with James's thread holding the privacy fixture, focused.
fn james() -> AppState {
    let mut state = inbox();
    load_james(&mut state, james_messages());
    drive(&mut state, [code(KeyCode::Enter)]);
    state
}

fn selected(state: &AppState) -> Option<usize> {
    state.open_thread().and_then(|open| open.selected_entry())
}

fn screen(state: &AppState) -> String {
    let backend = draw(state);
    let buffer = backend.buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The fixture thread after the guest wrote again.
fn with_a_new_message() -> Vec<innbox::domain::Message> {
    let mut messages = james_messages();
    let hello = support::inbox::message("j5", Direction::Inbound, "2026-11-21T11:59:00Z", "Hello?");
    messages.push(hello);
    messages
}

fn notice(state: &AppState) -> String {
    state.notice().map(|n| n.text.clone()).unwrap_or_default()
}

#[test]
fn brackets_move_the_selection_and_j_k_only_scroll() {
    let mut state = james();
    assert_eq!(selected(&state), Some(3), "the newest by default");
    press(&mut state, [key('[')]);
    assert_eq!(selected(&state), Some(2));
    press(&mut state, [key('['), key('['), key('['), key('[')]);
    assert_eq!(selected(&state), Some(0), "stops at the oldest");
    press(&mut state, [key('j'), key('k'), key('k')]);
    assert_eq!(selected(&state), Some(0), "j and k scroll lines");
    press(&mut state, [key(']'), key(']'), key(']'), key(']')]);
    assert_eq!(selected(&state), Some(3), "stops at the newest");

    // Back on the newest, the selection follows new messages.
    load_james(&mut state, with_a_new_message());
    assert_eq!(selected(&state), Some(4));
}

#[test]
fn a_reload_keeps_the_selected_and_revealed_message() {
    let mut state = james();
    press(&mut state, [key('p'), key('['), key('['), key('v')]);
    assert_eq!(selected(&state), Some(1));
    load_james(&mut state, with_a_new_message());
    let open = state.open_thread().unwrap();
    assert_eq!(open.selected_entry(), Some(1));
    assert!(!open.view().is_masked(1), "still revealed");
    assert!(open.view().is_masked(0));
}

#[test]
fn the_selection_scrolls_into_view() {
    let mut state = inbox();
    open_guest(&mut state, Some("Yuki Tanaka"));
    assert!(!screen(&state).contains("Reservation confirmed"), "the oldest is above the screen");
    for _ in 0..6 {
        press(&mut state, [key('[')]);
    }
    assert_eq!(selected(&state), Some(0));
    assert!(screen(&state).contains("Reservation confirmed"));
    press(&mut state, [key(']'), key(']'), key(']'), key(']'), key(']'), key(']')]);
    assert!(screen(&state).contains("sending…"), "back at the newest, our reply");
}

#[test]
fn privacy_masks_until_one_message_is_revealed() {
    let mut state = james();
    assert!(screen(&state).contains("code 4471"));
    press(&mut state, [key('p')]);
    assert!(state.privacy_mode());
    let masked = screen(&state);
    for hidden in ["4471", "Canal2024", "7700", "james.oc@example.com"] {
        assert!(!masked.contains(hidden), "{hidden} shows:\n{masked}");
    }
    assert!(masked.contains("code •••. Wifi: •••"), "{masked}");
    assert!(masked.contains("2026-11-21 at 15:00, the €120"), "dates, times and prices stay");
    assert!(masked.contains("privacy on"));

    // Reveal the codes, then the contact message: the codes are hidden again.
    press(&mut state, [key('['), key('['), key('v')]);
    let s = screen(&state);
    assert!(s.contains("code 4471. Wifi:"), "{s}");
    press(&mut state, [key('['), key('v')]);
    let shown = screen(&state);
    assert!(shown.contains("+44 7700 900123") && !shown.contains("4471"), "{shown}");
    // `v` again hides it.
    press(&mut state, [key('v')]);
    assert!(!screen(&state).contains("7700"));

    // Off and on again: everything is masked, nothing stays revealed.
    press(&mut state, [key('v'), key('p')]);
    assert!(screen(&state).contains("7700") && screen(&state).contains("4471"));
    press(&mut state, [key('p')]);
    let again = screen(&state);
    assert!(!again.contains("7700") && !again.contains("4471"), "{again}");
}

#[test]
fn the_config_can_start_in_privacy_mode() {
    assert!(Config::parse_str("privacy_mode = true").unwrap().privacy_mode);
    assert!(!Config::parse_str("").unwrap().privacy_mode);
    assert!(Config::parse_str("privacy_mode = 1").is_err());
    let mut state = starting(WIDTH, HEIGHT).with_privacy_mode(true);
    let effects = feed(&mut state, Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect()));
    answer(&mut state, &effects);
    assert!(state.privacy_mode());
    assert!(!screen(&state).contains("4471"), "James's thread opens masked");
}

#[test]
fn v_without_privacy_mode_says_nothing_is_hidden() {
    let mut state = james();
    press(&mut state, [key('v')]);
    assert_eq!(notice(&state), "Privacy mode is off: nothing is hidden (p turns it on)");
}

#[test]
fn y_copies_the_selected_message_and_says_when_it_was_masked() {
    let mut state = james();
    let effects = press(&mut state, [key('['), key('['), key('y')]);
    assert_eq!(effects, [Effect::Loop(LoopEffect::Copy(CODES.into()))]);
    assert_eq!(notice(&state), "Copied message from Canal House to the clipboard");

    press(&mut state, [key('p')]);
    let effects = press(&mut state, [key('y')]);
    assert_eq!(effects, [Effect::Loop(LoopEffect::Copy(CODES.into()))], "the real text");
    assert_eq!(notice(&state), "Copied (unmasked) message from Canal House to the clipboard");

    // Nothing was hidden in this one.
    let effects = press(&mut state, [key(']'), key('y')]);
    assert_eq!(effects, [Effect::Loop(LoopEffect::Copy(PHOTOS.into()))]);
    assert_eq!(notice(&state), "Copied message from James O'Connor to the clipboard");
}

#[test]
fn y_cuts_a_huge_message_and_says_so() {
    let mut state = inbox();
    let huge = "a".repeat(200_000);
    load_james(
        &mut state,
        vec![support::inbox::message("j1", Direction::Inbound, "2026-11-21T11:00:00Z", &huge)],
    );
    let effects = press(&mut state, [key('y')]);
    let [Effect::Loop(LoopEffect::Copy(text))] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!(text.len(), 75_000);
    assert_eq!(
        notice(&state),
        "Copied the first 75 KB of the message from James O'Connor to the clipboard (terminals drop longer copies)"
    );
}

#[test]
fn o_opens_http_links_and_refuses_other_schemes_by_name() {
    let mut state = james();
    let effects = press(&mut state, [key('['), key('o')]);
    assert_eq!(effects, [Effect::OpenLinks(vec![PDF.into()])]);
    assert_eq!(
        notice(&state),
        "Opened 1 attachment; not opened: a `file:` link, a `javascript:` link (only http and https links open)"
    );
    assert!(state.notice().unwrap().is_error);

    let effects = press(&mut state, [key(']'), key('o')]);
    assert_eq!(effects, []);
    assert_eq!(notice(&state), "This message has no attachments");
}

#[test]
fn o_with_several_links_opens_them_all() {
    let mut state = inbox();
    let mut messages = james_messages();
    messages[2].attachments[1].url = Some("https://files.example/door.jpg".into());
    messages[2].attachments.truncate(2);
    load_james(&mut state, messages);
    let effects = press(&mut state, [key('['), key('o')]);
    assert_eq!(effects, [Effect::OpenLinks(vec![PDF.into(), "https://files.example/door.jpg".into()])]);
    assert_eq!(notice(&state), "Opened 2 attachments");
    assert!(!state.notice().unwrap().is_error);
}

#[test]
fn keys_without_an_open_thread_say_what_to_do() {
    let mut state = support::drive::empty_store();
    assert_eq!(press(&mut state, [key('y')]), []);
    assert_eq!(notice(&state), "Open a thread to copy one of its messages");
    assert_eq!(press(&mut state, [key('o'), key('['), key(']')]), []);
}

fn key(c: char) -> ratatui::crossterm::event::KeyEvent {
    support::drive::key(c)
}

#[test]
fn a_sender_named_by_an_email_is_masked_too() {
    let mut state = james();
    let mut messages = james_messages();
    messages[3].sender = Some("guest.7781@example.com".into());
    load_james(&mut state, messages);
    assert!(screen(&state).contains("guest.7781@example.com · 11:58"));
    press(&mut state, [key('p')]);
    let masked = screen(&state);
    assert!(!masked.contains("guest.7781") && masked.contains("•••@••• · 11:58"), "{masked}");
    press(&mut state, [key('v')]);
    assert!(screen(&state).contains("guest.7781@example.com · 11:58"), "revealed whole");
}
