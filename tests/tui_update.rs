//! `update` driven by keys: what each key does to the state, and exactly which
//! effects it asks for. Sync events and effect results are in `tui_update_sync.rs`,
//! drafts, the editor and suspending in `tui_update_drafts.rs`.

mod support;

use innbox::app::{Effect, Focus, LoopEffect, Msg};
use innbox::domain::{ProviderKind, ThreadKey};
use innbox::keymap::Context;
use innbox::store::SearchMatches;
use pretty_assertions::assert_eq;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use support::drive::{
    HEIGHT, WIDTH, answer, code, composer_text, ctrl, drive, empty_store, feed, inbox, key, list_rows, press,
    select_guest, selected_guest, shift_tab, starting, typing,
};
use support::inbox::{key_of, summaries};

fn guest_key(guest: &str) -> innbox::domain::ThreadKey {
    key_of(Some(guest))
}

#[test]
fn j_and_k_move_the_selection_and_load_only_the_new_thread() {
    let mut state = inbox();
    assert_eq!(selected_guest(&state).as_deref(), Some("James O'Connor"));

    let effects = press(&mut state, [key('j')]);
    assert_eq!(selected_guest(&state).as_deref(), Some("Yuki Tanaka"));
    assert_eq!(effects, [Effect::LoadThread(guest_key("Yuki Tanaka"))]);
    answer(&mut state, &effects);

    let effects = press(&mut state, [code(KeyCode::Up)]);
    assert_eq!(selected_guest(&state).as_deref(), Some("James O'Connor"));
    assert_eq!(effects, [Effect::LoadThread(guest_key("James O'Connor"))]);
}

#[test]
fn moving_past_either_end_changes_nothing_and_asks_for_nothing() {
    let mut state = inbox();
    assert_eq!(press(&mut state, [key('k'), key('g')]), []);
    assert_eq!(state.cursor(), 0);

    drive(&mut state, [key('G')]);
    let last = state.visible_count() - 1;
    assert_eq!(state.cursor(), last);
    assert_eq!(press(&mut state, [key('j'), code(KeyCode::PageDown), key('G')]), []);
    assert_eq!(state.cursor(), last);
}

#[test]
fn the_selected_thread_is_asked_for_once_while_its_load_is_on_the_way() {
    let mut state = starting(WIDTH, HEIGHT);
    let james = guest_key("James O'Connor");
    assert_eq!(
        feed(&mut state, Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect())),
        [Effect::LoadThread(james.clone())]
    );

    // The store has not answered yet: keys and resizes that keep the selection wait for it.
    assert_eq!(press(&mut state, [key('k'), key('g')]), []);
    assert_eq!(feed(&mut state, Msg::Resize { width: 100, height: 30 }), []);
    // Leaving drops the answer on its way, so coming back asks again.
    let effects = press(&mut state, [key('j'), key('k')]);
    assert_eq!(effects, [Effect::LoadThread(guest_key("Yuki Tanaka")), Effect::LoadThread(james)]);
}

#[test]
fn g_and_capital_g_jump_to_the_ends_keeping_the_selection_in_view() {
    let mut state = inbox();
    let (count, rows) = (state.visible_count(), list_rows(&state));
    assert!(count > rows, "the fixture must not fit on one screen ({count} threads, {rows} rows)");

    let effects = press(&mut state, [key('G')]);
    assert_eq!((state.cursor(), state.list_offset()), (count - 1, count - rows));
    let oldest = summaries().pop().expect("threads").thread.key();
    assert_eq!(effects, [Effect::LoadThread(oldest)]);
    answer(&mut state, &effects);

    let effects = press(&mut state, [key('g')]);
    assert_eq!((state.cursor(), state.list_offset()), (0, 0));
    assert_eq!(effects, [Effect::LoadThread(guest_key("James O'Connor"))]);
}

#[test]
fn page_down_and_up_move_a_screenful_and_scroll_the_list_just_enough() {
    let mut state = inbox();
    let (count, rows) = (state.visible_count(), list_rows(&state));

    let effects = drive(&mut state, [code(KeyCode::PageDown)]);
    assert_eq!(state.cursor(), rows);
    // The cursor sits on the last row on screen, not at the top of a new page.
    assert_eq!(state.list_offset(), 1);
    assert_eq!(effects, [Effect::LoadThread(summaries()[rows].thread.key())]);

    drive(&mut state, [code(KeyCode::PageDown)]);
    assert_eq!((state.cursor(), state.list_offset()), (count - 1, count - rows));

    drive(&mut state, [code(KeyCode::PageUp)]);
    assert_eq!((state.cursor(), state.list_offset()), (count - 1 - rows, count - 1 - rows));
}

#[test]
fn enter_opens_the_thread_and_marks_it_read_at_once() {
    let mut state = inbox();
    select_guest(&mut state, Some("Yuki Tanaka"));
    assert_eq!(state.selected().map(|s| s.thread.unread), Some(2));
    let unread_before = state.unread_threads();

    let effects = press(&mut state, [code(KeyCode::Enter)]);
    assert_eq!(effects, [Effect::MarkRead(guest_key("Yuki Tanaka"))]);
    assert_eq!(state.focus(), Focus::History);
    assert_eq!(state.selected().map(|s| s.thread.unread), Some(0));
    assert_eq!(state.unread_threads(), unread_before - 1);
}

#[test]
fn l_opens_too_and_an_empty_list_has_nothing_to_open() {
    let mut state = inbox();
    assert_eq!(press(&mut state, [key('l')]), [Effect::MarkRead(guest_key("James O'Connor"))]);
    assert_eq!(state.focus(), Focus::History);

    let mut empty = empty_store();
    assert_eq!(press(&mut empty, [code(KeyCode::Enter), key('l')]), []);
    assert_eq!(empty.focus(), Focus::List);
}

#[test]
fn tab_and_shift_tab_cycle_the_three_panes() {
    let mut state = inbox();
    let mut seen = Vec::new();
    for _ in 0..3 {
        press(&mut state, [code(KeyCode::Tab)]);
        seen.push(state.focus());
    }
    assert_eq!(seen, [Focus::History, Focus::Compose, Focus::List]);

    press(&mut state, [shift_tab()]);
    assert_eq!(state.focus(), Focus::Compose);
    press(&mut state, [shift_tab(), shift_tab()]);
    assert_eq!(state.focus(), Focus::List);
}

#[test]
fn tab_stays_on_the_list_while_there_is_no_thread() {
    let mut state = empty_store();
    press(&mut state, [code(KeyCode::Tab), shift_tab(), key('r')]);
    assert_eq!(state.focus(), Focus::List);
}

#[test]
fn esc_keeps_the_draft_and_coming_back_to_the_thread_restores_it() {
    let mut state = inbox();
    select_guest(&mut state, Some("Emma Johansson"));
    press(&mut state, [key('r')]);
    press(&mut state, typing("Yes, both!"));

    press(&mut state, [code(KeyCode::Esc)]);
    assert_eq!(state.focus(), Focus::History);
    assert_eq!(composer_text(&state), "Yes, both!");

    press(&mut state, [code(KeyCode::Esc)]);
    drive(&mut state, [key('j')]);
    assert_eq!(composer_text(&state), "", "the next thread has its own, empty composer");
    drive(&mut state, [key('k')]);
    assert_eq!(selected_guest(&state).as_deref(), Some("Emma Johansson"));
    assert_eq!(composer_text(&state), "Yes, both!");
    let row = state.visible_rows(list_rows(&state)).find(|row| row.selected).expect("a selected row");
    assert!(row.has_draft, "the list marks threads with a draft");
}

#[test]
fn ctrl_s_queues_exactly_one_reply_and_clears_the_composer() {
    let mut state = inbox();
    select_guest(&mut state, Some("Emma Johansson"));
    press(&mut state, [key('r')]);
    press(&mut state, typing("Yes, both are there.\nSee you on the 3rd!"));

    let effects = press(&mut state, [ctrl('s')]);
    let body = "Yes, both are there.\nSee you on the 3rd!".to_owned();
    assert_eq!(effects, [Effect::QueueReply { key: guest_key("Emma Johansson"), body }]);
    assert_eq!(composer_text(&state), "");
    let row = state.visible_rows(list_rows(&state)).find(|row| row.selected).expect("a selected row");
    assert!(!row.has_draft, "a sent reply is no longer a draft");
}

#[test]
fn ctrl_s_with_nothing_written_only_says_so() {
    let mut state = inbox();
    select_guest(&mut state, Some("Emma Johansson"));
    press(&mut state, [key('r')]);
    press(&mut state, typing("  \n "));
    let effects = press(&mut state, [ctrl('s')]);

    assert!(!effects.iter().any(|e| matches!(e, Effect::QueueReply { .. })), "{effects:?}");
    let notice = state.notice().expect("a notice");
    assert_eq!((notice.text.as_str(), notice.is_error), ("Write a reply first", false));
}

#[test]
fn a_read_only_thread_takes_no_typing_and_says_why_it_cannot_send() {
    let mut state = inbox();
    select_guest(&mut state, Some("Lukas Becker"));
    press(&mut state, [key('r')]);
    assert_eq!(state.focus(), Focus::Compose);

    assert_eq!(press(&mut state, typing("Yes, there are lockers")), []);
    assert_eq!(feed(&mut state, Msg::Paste("pasted".into())), []);
    assert_eq!(composer_text(&state), "");

    assert_eq!(press(&mut state, [ctrl('s')]), []);
    let notice = state.notice().expect("a notice");
    assert!(notice.is_error);
    assert_eq!(notice.text, innbox::providers::read_only_reason(ProviderKind::HostelMate));
}

#[test]
fn q_quits_from_the_list_but_is_a_letter_in_the_composer() {
    let mut state = inbox();
    select_guest(&mut state, Some("Emma Johansson"));
    press(&mut state, [key('r'), key('q')]);
    assert!(!state.should_quit());
    assert_eq!(composer_text(&state), "q");

    press(&mut state, [code(KeyCode::Esc), code(KeyCode::Esc), key('q')]);
    assert!(state.should_quit());
}

#[test]
fn ctrl_z_suspends_and_ctrl_c_quits_from_every_context() {
    let reach: [(&[KeyEvent], Context); 5] = [
        (&[], Context::List),
        (&[code(KeyCode::Enter)], Context::History),
        (&[key('r')], Context::Compose),
        (&[key('/')], Context::FilterPrompt),
        (&[key('?')], Context::Help),
    ];
    for (keys, context) in reach {
        let mut state = inbox();
        press(&mut state, keys.iter().copied());
        assert_eq!(state.context(), context);
        assert_eq!(
            press(&mut state, [ctrl('z')]),
            [Effect::Loop(LoopEffect::Suspend)],
            "Ctrl-z in {context:?}"
        );
        assert_eq!(state.context(), context, "the screen comes back as it was");
        press(&mut state, [ctrl('c')]);
        assert!(state.should_quit(), "Ctrl-c in {context:?}");
    }
}

#[test]
fn question_mark_opens_help_which_swallows_keys_until_esc() {
    let mut state = inbox();
    press(&mut state, [key('?')]);
    assert!(state.help_open());
    assert_eq!(state.context(), Context::Help);

    assert_eq!(press(&mut state, [key('j'), key('r')]), []);
    assert_eq!((state.cursor(), state.focus()), (0, Focus::List));

    press(&mut state, [code(KeyCode::Esc)]);
    assert!(!state.help_open());
    // q closes help rather than quitting, like Esc.
    press(&mut state, [key('?'), key('q')]);
    assert!(!state.help_open() && !state.should_quit());
}

#[test]
fn typing_a_filter_narrows_the_list_and_searches_message_text() {
    let mut state = inbox();
    let all = state.visible_count();
    press(&mut state, [key('/')]);
    assert_eq!(state.context(), Context::FilterPrompt);

    let effects = press(&mut state, typing("anna"));
    // Anna Kowalska, and Hannah Schmidt, whose name contains "anna".
    assert_eq!(state.visible_count(), 2);
    assert!(state.visible_count() < all);
    assert_eq!(state.filter(), ("anna", true));
    // A search per keystroke; James (selected) drops out at "ann", so Anna is loaded.
    let search = |query: &str| Effect::Search(query.into());
    assert_eq!(
        effects,
        [
            search("a"),
            search("an"),
            Effect::LoadThread(guest_key("Anna Kowalska")),
            search("ann"),
            search("anna")
        ]
    );
}

fn text_matches<const N: usize>(threads: [ThreadKey; N]) -> SearchMatches {
    SearchMatches { threads: threads.into(), truncated: false, unindexed: 0 }
}

#[test]
fn search_results_add_message_matches_unless_the_query_is_stale() {
    let mut state = inbox();
    press(&mut state, [key('/')]);
    press(&mut state, typing("lockbox"));
    assert_eq!(state.visible_count(), 0, "no guest, property or preview says lockbox");

    let yuki = guest_key("Yuki Tanaka");
    let stale = Msg::SearchResult { query: "lockb".into(), matches: text_matches([key_of(None)]) };
    assert_eq!(feed(&mut state, stale), []);
    assert_eq!(state.visible_count(), 0);

    let effects = feed(
        &mut state,
        Msg::SearchResult { query: "lockbox".into(), matches: text_matches([yuki.clone()]) },
    );
    assert_eq!(state.visible_count(), 1);
    assert_eq!(selected_guest(&state).as_deref(), Some("Yuki Tanaka"));
    assert_eq!(effects, [Effect::LoadThread(yuki)]);
}

#[test]
fn enter_keeps_the_filter_and_esc_clears_it() {
    let mut state = inbox();
    let all = state.visible_count();
    press(&mut state, [key('/')]);
    press(&mut state, typing("anna"));

    press(&mut state, [code(KeyCode::Enter)]);
    assert_eq!(state.filter(), ("anna", false));
    assert_eq!(state.context(), Context::List);
    assert_eq!(state.visible_count(), 2);

    press(&mut state, [code(KeyCode::Esc)]);
    assert_eq!(state.filter(), ("", false));
    assert_eq!(state.visible_count(), all);
}

#[test]
fn a_new_slash_starts_a_new_filter() {
    let mut state = inbox();
    press(&mut state, [key('/')]);
    press(&mut state, typing("anna"));
    press(&mut state, [code(KeyCode::Enter), key('/')]);
    assert_eq!(state.filter(), ("", true), "the old filter is gone, not appended to");
    press(&mut state, typing("yuki"));
    assert_eq!(selected_guest(&state).as_deref(), Some("Yuki Tanaka"));
}

#[test]
fn esc_in_the_prompt_clears_the_filter_and_keeps_the_selection() {
    let mut state = inbox();
    press(&mut state, [key('/')]);
    press(&mut state, typing("hannah"));
    assert_eq!(selected_guest(&state).as_deref(), Some("Hannah Schmidt"));

    press(&mut state, [code(KeyCode::Esc)]);
    assert_eq!(state.filter(), ("", false));
    assert_eq!(selected_guest(&state).as_deref(), Some("Hannah Schmidt"));
}
