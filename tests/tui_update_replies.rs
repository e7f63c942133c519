//! Saved replies and pre-send checks, driven through `update`: the template
//! picker (t, Ctrl-t) and sending with blockers and warnings.

mod support;

use innbox::app::{Effect, Focus, LoopEffect, Msg};
use pretty_assertions::assert_eq;
use ratatui::crossterm::event::KeyCode;
use support::drive::{code, composer_text, ctrl, drive, feed, inbox, key, press, select_guest, typing};
use support::inbox::key_of;
use support::replies::{DIR, inbox_with_templates, listed, templates};

const EVERY: [&str; 5] =
    ["check-in-details", "door-code", "late-checkout", "thanks-for-staying", "wifi-typo"];

#[test]
fn t_opens_the_picker_and_typing_narrows_it_best_first() {
    let mut state = inbox_with_templates();
    assert_eq!(press(&mut state, [key('t')]), []);
    assert_eq!(listed(&state), EVERY);

    press(&mut state, typing("ch"));
    assert_eq!(listed(&state), ["check-in-details", "late-checkout"], "word starts first");
    let view = state.picker().unwrap();
    assert_eq!(view.matches[1].1, [5, 6], "late-c(h)eckout: the run at the word start");

    press(&mut state, typing("x"));
    assert_eq!(listed(&state), Vec::<String>::new());
    press(&mut state, [code(KeyCode::Backspace)]);
    assert_eq!(listed(&state).len(), 2);
}

#[test]
fn arrows_and_ctrl_n_p_move_and_the_preview_follows_filled_in() {
    let mut state = inbox_with_templates();
    select_guest(&mut state, Some("Yuki Tanaka"));
    press(&mut state, [key('t')]);
    let preview = |state: &innbox::app::AppState| state.picker().unwrap().preview.unwrap();
    assert_eq!(
        preview(&state),
        "Hi Yuki! Check-in at Lakeside Cabin 3 is from 15:00 on Sunday 22 November; check-out by 11:00 on Thursday 26 November (4 nights)."
    );
    press(&mut state, [code(KeyCode::Down), ctrl('n'), ctrl('n')]);
    assert_eq!(state.picker().unwrap().cursor, 3);
    assert_eq!(preview(&state), "Thank you for staying at Lakeside Cabin 3, Yuki!");
    press(&mut state, [ctrl('n'), ctrl('n'), ctrl('n')]);
    assert_eq!(state.picker().unwrap().cursor, 4, "stops at the last");
    press(&mut state, [code(KeyCode::Up), ctrl('p')]);
    assert_eq!(state.picker().unwrap().cursor, 2);
}

#[test]
fn enter_fills_an_empty_draft_and_focuses_the_composer() {
    let mut state = inbox_with_templates();
    select_guest(&mut state, Some("Emma Johansson"));
    let effects =
        drive(&mut state, [key('t')].into_iter().chain(typing("late")).chain([code(KeyCode::Enter)]));

    assert!(state.picker().is_none());
    assert_eq!(state.focus(), Focus::Compose);
    assert_eq!(
        composer_text(&state),
        "Hi Emma, a late check-out on Thursday 10 December is fine until 13:00."
    );
    assert!(effects.contains(&Effect::MarkRead(key_of(Some("Emma Johansson")))), "as r does: {effects:?}");
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Loop(LoopEffect::TickAt(_)))),
        "the draft is saved soon"
    );
}

#[test]
fn ctrl_t_inserts_at_the_cursor_of_a_draft() {
    let mut state = inbox_with_templates();
    select_guest(&mut state, Some("Emma Johansson"));
    press(&mut state, [key('r')]);
    press(&mut state, typing("Sure!\n\nBest, Ana"));
    press(&mut state, [code(KeyCode::Up), code(KeyCode::Home)]);
    press(&mut state, [ctrl('t')]);
    press(&mut state, typing("thanks"));
    press(&mut state, [code(KeyCode::Enter)]);
    assert_eq!(composer_text(&state), "Sure!\nThank you for staying at Lakeside Cabin 1, Emma!\nBest, Ana");
}

#[test]
fn esc_closes_the_picker_and_changes_nothing() {
    let mut state = inbox_with_templates();
    let draft = composer_text(&state);
    press(&mut state, [key('t'), key('d')]);
    assert_eq!(press(&mut state, [code(KeyCode::Esc)]), []);
    assert!(state.picker().is_none());
    assert_eq!(state.focus(), Focus::List);
    assert_eq!(composer_text(&state), draft, "the fixture's saved draft is untouched");
}

#[test]
fn a_template_with_an_unknown_variable_says_so_and_is_not_inserted() {
    let mut state = inbox_with_templates();
    press(&mut state, [key('t')]);
    press(&mut state, typing("wifi"));
    press(&mut state, [code(KeyCode::Enter)]);
    let notice = state.notice().expect("a notice");
    assert!(notice.is_error);
    assert!(
        notice.text.starts_with("Template 'wifi-typo' cannot be used: unknown variable {wifi_name}"),
        "{}",
        notice.text
    );
    assert!(state.picker().is_some(), "the picker stays open to pick another");
    assert_eq!(state.focus(), Focus::List);
}

#[test]
fn the_picker_waits_for_templates_and_says_where_they_go() {
    let mut state = inbox();
    press(&mut state, [key('t')]);
    let view = state.picker().unwrap();
    assert!(view.templates.is_none(), "still loading");
    feed(
        &mut state,
        Msg::TemplatesLoaded(innbox::replies::Templates { dir: Some(DIR.into()), ..Default::default() }),
    );
    let view = state.picker().unwrap();
    assert_eq!(view.templates.unwrap().dir.as_deref(), Some(std::path::Path::new(DIR)));
    assert!(view.matches.is_empty());
    // Templates arriving while it is open are listed.
    feed(&mut state, Msg::TemplatesLoaded(templates()));
    assert_eq!(listed(&state), EVERY);
}

#[test]
fn a_thread_that_cannot_be_answered_opens_no_picker() {
    let mut state = inbox_with_templates();
    select_guest(&mut state, Some("Lukas Becker"));
    press(&mut state, [key('t')]);
    assert!(state.picker().is_none());
    assert!(state.notice().unwrap().is_error);
}

#[test]
fn an_unfilled_variable_blocks_sending_and_keeps_the_draft() {
    // No [replies] times in the config: {check_in_time} stays.
    let mut state = inbox();
    feed(&mut state, Msg::TemplatesLoaded(templates()));
    select_guest(&mut state, Some("Emma Johansson"));
    drive(&mut state, [key('t'), code(KeyCode::Enter)]);
    let draft = composer_text(&state);
    assert!(draft.contains("from {check_in_time} on Thursday 3 December"), "{draft}");

    let effects = press(&mut state, [ctrl('s')]);
    assert!(!effects.iter().any(|e| matches!(e, Effect::QueueReply { .. })), "{effects:?}");
    let notice = state.notice().unwrap();
    assert!(notice.is_error);
    assert_eq!(
        notice.text,
        "Not sent: {check_in_time} is not filled in (innbox has no value for it here): write it in or remove it; \
         {check_out_time} is not filled in (innbox has no value for it here): write it in or remove it"
    );
    assert_eq!(composer_text(&state), draft);
    assert!(state.send_warnings().is_none());
}

#[test]
fn a_warning_asks_first_n_goes_back_and_y_sends() {
    let mut state = inbox_with_templates();
    select_guest(&mut state, Some("Priya Natarajan"));
    press(&mut state, [key('r')]);
    press(&mut state, typing("The door code is 4821."));
    assert_eq!(press(&mut state, [ctrl('s')]), [], "nothing is queued yet");
    assert_eq!(
        state.send_warnings().unwrap(),
        ["a door or access code in a reply to a thread with no reservation"]
    );
    assert_eq!(press(&mut state, [key('q'), key('x')]), [], "other keys wait");
    assert!(!state.should_quit());

    press(&mut state, [key('n')]);
    assert!(state.send_warnings().is_none());
    assert_eq!((state.focus(), composer_text(&state).as_str()), (Focus::Compose, "The door code is 4821."));

    press(&mut state, [ctrl('s')]);
    press(&mut state, [code(KeyCode::Esc)]);
    assert!(state.send_warnings().is_none(), "Esc goes back too");
    press(&mut state, [ctrl('s')]);
    let effects = press(&mut state, [key('y')]);
    assert_eq!(
        effects,
        [Effect::QueueReply { key: key_of(Some("Priya Natarajan")), body: "The door code is 4821.".into() }]
    );
    assert_eq!(composer_text(&state), "");
}

#[test]
fn a_code_to_a_confirmed_reservation_is_sent_at_once() {
    let mut state = inbox_with_templates();
    select_guest(&mut state, Some("Emma Johansson"));
    press(&mut state, [key('r')]);
    press(&mut state, typing("The door code is 4821."));
    assert_eq!(
        press(&mut state, [ctrl('s')]),
        [Effect::QueueReply { key: key_of(Some("Emma Johansson")), body: "The door code is 4821.".into() }]
    );
    assert!(state.send_warnings().is_none());
}

#[test]
fn a_long_sms_warns_with_its_segment_count() {
    let mut state = inbox_with_templates();
    select_guest(&mut state, Some("Priya Natarajan"));
    press(&mut state, [key('r')]);
    press(&mut state, typing(&"Thanks for letting us know. ".repeat(7)));
    press(&mut state, [ctrl('s')]);
    assert_eq!(state.send_warnings().unwrap(), ["the SMS is 2 segments long; each is billed"]);
}

#[test]
fn the_overlays_keys_come_from_the_keymap() {
    let config = innbox::config::Config::parse_str(
        "[keys.picker]\nmove_down = \"ctrl-j\"\n[keys.confirm]\nconfirm_send = \"s\"\nback = \"esc\"\n",
    )
    .unwrap();
    let mut state = inbox_with_templates().with_keymap(config.keymap);
    select_guest(&mut state, Some("Priya Natarajan"));
    press(&mut state, [key('t'), ctrl('n')]);
    assert_eq!(state.picker().unwrap().cursor, 0, "ctrl-n no longer moves");
    press(&mut state, [ctrl('j')]);
    assert_eq!(state.picker().unwrap().cursor, 1);
    press(&mut state, [code(KeyCode::Esc), key('r')]);
    press(&mut state, typing("The door code is 4821."));
    press(&mut state, [ctrl('s'), key('y'), key('n')]);
    assert!(state.send_warnings().is_some(), "y and n are no longer bound here");
    let effects = press(&mut state, [key('s')]);
    assert_eq!(
        effects,
        [Effect::QueueReply { key: key_of(Some("Priya Natarajan")), body: "The door code is 4821.".into() }]
    );
}
