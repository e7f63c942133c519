//! `update` fed what comes from outside the keyboard: sync events, the results of
//! effects, the mouse and the terminal size.

mod support;

use innbox::app::{Effect, Focus, Msg, SyncState};
use innbox::providers::Progress;
use innbox::store::{AccountStatus, OutboxState};
use innbox::sync::SyncEvent;
use pretty_assertions::assert_eq;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use support::drive::{
    HEIGHT, answer, code, composer_text, ctrl, drive, failed, feed, finished, history_scroll_limit, inbox,
    inbox_at, key, open_guest, press, progress, select_guest, selected_guest, started, typing,
};
use support::inbox::{BOUNCED, CANAL, HARBOUR, LAKESIDE, SUNSET, at, key_of, reply, summaries};

fn sync_of(state: &innbox::app::AppState, account: &str) -> (SyncState, Option<jiff::Timestamp>) {
    let view = state.accounts().iter().find(|a| a.name == account).expect("a configured account");
    (view.sync.clone(), view.last_ok)
}

fn changed(threads: Vec<innbox::domain::ThreadKey>) -> Msg {
    Msg::Sync(SyncEvent::ThreadsChanged { account: CANAL.into(), threads })
}

#[test]
fn sync_events_move_each_account_through_its_states() {
    let mut state = inbox();
    let (_, synced_before) = sync_of(&state, SUNSET);

    feed(&mut state, started(LAKESIDE));
    assert_eq!(sync_of(&state, LAKESIDE).0, SyncState::Syncing(Progress::default()));
    feed(&mut state, progress(LAKESIDE, 5, Some(19)));
    assert_eq!(sync_of(&state, LAKESIDE).0, SyncState::Syncing(Progress { done: 5, total: Some(19) }));
    feed(&mut state, finished(LAKESIDE, "2026-11-21T11:59:50Z"));
    assert_eq!(sync_of(&state, LAKESIDE), (SyncState::Ok, Some(at("2026-11-21T11:59:50Z"))));

    feed(&mut state, failed(SUNSET, "token rejected (401)"));
    // A failure keeps the last good sync, so the user knows how old the data is.
    assert_eq!(
        sync_of(&state, SUNSET),
        (SyncState::Failed { short: "token rejected (401)".into() }, synced_before)
    );
    assert_eq!(sync_of(&state, HARBOUR).0, SyncState::Waiting, "other accounts are untouched");
}

#[test]
fn an_error_stored_by_an_earlier_session_shows_until_the_account_syncs() {
    let mut state = support::drive::starting(120, HEIGHT);
    let status = AccountStatus {
        name: CANAL.into(),
        provider: None,
        last_sync_at: Some(at("2026-11-20T08:00:00Z")),
        last_error: Some("the property is not connected".into()),
    };
    feed(&mut state, Msg::AccountsLoaded(vec![status]));
    assert_eq!(
        sync_of(&state, CANAL),
        (
            SyncState::Failed { short: "the property is not connected".into() },
            Some(at("2026-11-20T08:00:00Z"))
        )
    );
    feed(&mut state, started(CANAL));
    assert_eq!(sync_of(&state, CANAL).0, SyncState::Syncing(Progress::default()));
}

#[test]
fn threads_changed_reads_only_them_again_once_per_load_in_flight() {
    let mut state = inbox();
    let tom = vec![key_of(Some("Tom Baker"))];

    assert_eq!(feed(&mut state, changed(tom.clone())), [Effect::LoadChangedThreads(tom.clone())]);
    assert_eq!(feed(&mut state, changed(tom.clone())), [], "gathered while the first read runs");
    assert_eq!(feed(&mut state, changed(tom.clone())), []);

    let refreshed = Msg::ThreadsRefreshed(support::drive::only(summaries(), &tom));
    assert_eq!(feed(&mut state, refreshed.clone()), [Effect::LoadChangedThreads(tom)]);
    assert_eq!(feed(&mut state, refreshed), [], "nothing left to catch up on");
}

#[test]
fn threads_changed_before_the_whole_list_is_in_read_the_whole_list_again() {
    let mut state = support::drive::starting(support::drive::WIDTH, HEIGHT);
    feed(&mut state, Msg::FirstThreadsLoaded(summaries().into_iter().take(2).map(Box::new).collect()));
    assert_eq!(feed(&mut state, changed(vec![key_of(Some("Tom Baker"))])), [Effect::LoadThreads]);
}

#[test]
fn threads_changed_reloads_the_selected_thread_when_it_is_among_them() {
    let mut state = inbox();
    let selected = key_of(Some("James O'Connor"));
    let keys = vec![key_of(Some("Tom Baker")), selected.clone()];
    let effects = feed(&mut state, changed(keys.clone()));
    assert_eq!(effects, [Effect::LoadChangedThreads(keys), Effect::LoadThread(selected)]);
}

#[test]
fn a_changed_thread_moves_to_its_place_and_a_new_one_joins_the_list() {
    let mut state = inbox();
    select_guest(&mut state, Some("Emma Johansson"));
    let before: Vec<_> = summaries();
    let count = state.thread_count();
    // The oldest thread gets a new message; a thread the list never had arrives.
    let mut oldest = before.last().unwrap().clone();
    oldest.last_message_at = Some(at("2026-11-21T11:59:00Z"));
    let mut new = before[0].clone();
    new.thread.id = "brand-new".into();
    new.last_message_at = Some(at("2026-11-20T00:00:00Z"));
    let effects = feed(&mut state, Msg::ThreadsRefreshed(vec![new.clone(), oldest.clone()]));
    assert_eq!(state.thread_count(), count + 1, "replaced, not added twice");
    assert_eq!(state.list_offset(), 0, "the fixture's list fits on screen");
    let order: Vec<_> = state.visible_rows(usize::MAX).map(|row| row.summary.thread.key()).collect();
    assert_eq!(order[0], oldest.thread.key(), "newest activity first");
    let mut expected: Vec<_> = before.iter().take(before.len() - 1).cloned().chain([oldest, new]).collect();
    expected.sort_by(|a, b| {
        b.activity()
            .cmp(&a.activity())
            .then(a.thread.account.cmp(&b.thread.account))
            .then(a.thread.id.cmp(&b.thread.id))
    });
    assert_eq!(order, expected.iter().map(|s| s.thread.key()).collect::<Vec<_>>());
    assert_eq!(selected_guest(&state).as_deref(), Some("Emma Johansson"), "the selection stays");
    assert_eq!(effects, [], "the open thread is still the selected one");
}

#[test]
fn a_reply_changing_state_updates_the_open_thread() {
    let mut state = inbox();
    open_guest(&mut state, Some("Yuki Tanaka"));
    let yuki = key_of(Some("Yuki Tanaka"));
    let shown = |state: &innbox::app::AppState| state.open_thread().expect("open").replies[0].state;
    assert_eq!(shown(&state), OutboxState::Sending);

    let effects =
        feed(&mut state, Msg::Sync(SyncEvent::Outbox(reply(41, &yuki, "…", OutboxState::Sent, None))));
    assert_eq!(effects, [Effect::CountOutbox]);
    assert_eq!(shown(&state), OutboxState::Sent);
    assert_eq!(state.open_thread().map(|o| o.replies.len()), Some(1), "the same reply, updated in place");
}

#[test]
fn a_failed_reply_says_why_and_that_r_sends_it_again() {
    let mut state = inbox();
    open_guest(&mut state, Some("Yuki Tanaka"));
    let yuki = key_of(Some("Yuki Tanaka"));
    feed(&mut state, Msg::Sync(SyncEvent::Outbox(reply(41, &yuki, "…", OutboxState::Failed, Some(BOUNCED)))));

    let notice = state.notice().expect("a notice");
    assert!(notice.is_error);
    assert!(notice.text.contains(BOUNCED), "{}", notice.text);
    assert!(notice.text.contains("R sends it again"), "{}", notice.text);
}

#[test]
fn replies_of_threads_not_on_screen_only_update_the_count() {
    let mut state = inbox();
    let other = key_of(Some("Tom Baker"));
    let effects =
        feed(&mut state, Msg::Sync(SyncEvent::Outbox(reply(7, &other, "…", OutboxState::Sent, None))));
    assert_eq!(effects, [Effect::CountOutbox]);
    assert!(state.open_thread().expect("James's thread is open").replies.is_empty());
}

#[test]
fn capital_r_retries_every_failed_reply_of_the_open_thread() {
    let mut state = inbox();
    open_guest(&mut state, Some("Marco Rossi"));
    let marco = key_of(Some("Marco Rossi"));
    let second = reply(44, &marco, "And towels are in the cupboard.", OutboxState::Failed, Some(BOUNCED));
    feed(&mut state, Msg::Sync(SyncEvent::Outbox(second)));

    let retry = |id| Effect::RetryReply { id, account: LAKESIDE.into() };
    assert_eq!(press(&mut state, [key('R')]), [retry(40), retry(44)]);
}

#[test]
fn capital_r_without_failed_replies_asks_for_nothing() {
    let mut state = inbox();
    open_guest(&mut state, Some("Yuki Tanaka"));
    assert_eq!(press(&mut state, [key('R')]), []);
    assert_eq!(state.notice().map(|n| n.text.as_str()), Some("No failed replies in this thread"));
}

#[test]
fn a_queued_reply_shows_in_its_thread_and_recounts_the_outbox() {
    let mut state = inbox();
    open_guest(&mut state, Some("Emma Johansson"));
    let emma = key_of(Some("Emma Johansson"));
    let effects = feed(&mut state, Msg::ReplyQueued(reply(45, &emma, "Yes!", OutboxState::Queued, None)));
    // Its row is read again: the reply answers the guest.
    assert_eq!(effects, [Effect::LoadChangedThreads(vec![emma]), Effect::CountOutbox]);
    assert_eq!(state.open_thread().map(|o| o.replies.len()), Some(1));
    assert_eq!(state.notice(), None, "the history shows it queued; no notice repeats that");
}

/// Writes and sends a reply to Emma; returns the rejection the executor would answer with.
fn send_reply_to_emma(state: &mut innbox::app::AppState) -> (Msg, Effect) {
    select_guest(state, Some("Emma Johansson"));
    press(state, [key('r')]);
    press(state, typing("Both are in the cabin."));
    let sent = press(state, [ctrl('s')]);
    let [Effect::QueueReply { key, body }] = &sent[..] else { panic!("one reply queued, got {sent:?}") };
    assert_eq!(composer_text(state), "");
    let draft = Effect::SaveDraft { key: key.clone(), body: body.clone() };
    (Msg::ReplyRejected { key: key.clone(), body: body.clone(), reason: "disk full".into() }, draft)
}

#[test]
fn a_rejected_reply_comes_back_to_the_composer_and_its_draft() {
    let mut state = inbox();
    let (rejected, draft) = send_reply_to_emma(&mut state);

    let effects = feed(&mut state, rejected);
    assert_eq!(composer_text(&state), "Both are in the cabin.");
    assert_eq!(effects, [draft]);
    let notice = state.notice().expect("a notice");
    assert_eq!((notice.text.as_str(), notice.is_error), ("Not sent: disk full", true));
}

#[test]
fn a_reply_rejected_after_moving_on_waits_in_its_thread() {
    let mut state = inbox();
    let (rejected, _) = send_reply_to_emma(&mut state);
    press(&mut state, [code(KeyCode::Esc), code(KeyCode::Esc)]);
    drive(&mut state, [key('j')]);

    feed(&mut state, rejected);
    assert_eq!(composer_text(&state), "", "the other thread's composer is left alone");
    drive(&mut state, [key('k')]);
    assert_eq!(composer_text(&state), "Both are in the cabin.");
}

fn wheel(kind: MouseEventKind, column: u16, row: u16) -> Msg {
    Msg::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
}

#[test]
fn the_mouse_wheel_over_the_history_scrolls_it_and_stops_at_the_ends() {
    let mut state = inbox();
    open_guest(&mut state, Some("Yuki Tanaka"));
    let scroll = |state: &innbox::app::AppState| state.open_thread().expect("open").scroll_from_bottom();
    // (90, 10) is inside the history pane at 120x36.
    feed(&mut state, wheel(MouseEventKind::ScrollDown, 90, 10));
    assert_eq!(scroll(&state), 0, "already at the newest message");

    feed(&mut state, wheel(MouseEventKind::ScrollUp, 90, 10));
    assert_eq!(scroll(&state), 3);
    for _ in 0..100 {
        feed(&mut state, wheel(MouseEventKind::ScrollUp, 90, 10));
    }
    assert_eq!(scroll(&state), history_scroll_limit(&state), "never past the oldest message");
    feed(&mut state, wheel(MouseEventKind::ScrollDown, 90, 10));
    assert_eq!(scroll(&state), history_scroll_limit(&state) - 3);
}

#[test]
fn the_mouse_wheel_over_the_list_moves_the_selection_and_a_click_selects() {
    let mut state = inbox();
    let effects = feed(&mut state, wheel(MouseEventKind::ScrollDown, 10, 10));
    assert_eq!(state.cursor(), 3);
    assert_eq!(effects, [Effect::LoadThread(summaries()[3].thread.key())]);
    answer(&mut state, &effects);

    // Row 1 and 2 are the first thread's two lines; row 3 starts the second.
    feed(&mut state, wheel(MouseEventKind::Down(MouseButton::Left), 10, 3));
    assert_eq!(state.cursor(), 1);

    // The bottom border (row 34) is no thread, and neither is space below a short list.
    assert_eq!(feed(&mut state, wheel(MouseEventKind::Down(MouseButton::Left), 10, 34)), []);
    assert_eq!(state.cursor(), 1);
    press(&mut state, [key('/')]);
    press(&mut state, typing("emma"));
    assert_eq!(state.visible_count(), 1);
    feed(&mut state, wheel(MouseEventKind::Down(MouseButton::Left), 10, 5));
    assert_eq!(selected_guest(&state).as_deref(), Some("Emma Johansson"));
}

#[test]
fn a_thread_read_here_stays_read_when_an_older_list_arrives() {
    let mut state = inbox();
    let unread_before = state.unread_threads();
    open_guest(&mut state, Some("Emma Johansson"));
    assert_eq!(state.unread_threads(), unread_before - 1);
    // This list was read from the store before the read mark was written.
    feed(&mut state, Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect()));
    assert_eq!(state.selected().map(|s| s.thread.unread), Some(0));
    assert_eq!(state.unread_threads(), unread_before - 1);

    // A newer message makes the thread count again.
    let mut newer = summaries();
    let emma = newer.iter_mut().find(|s| s.thread.guest.name.as_deref() == Some("Emma Johansson")).unwrap();
    emma.last_message_at = Some(at("2026-11-21T11:59:00Z"));
    feed(&mut state, Msg::ThreadsLoaded(newer.into_iter().map(Box::new).collect()));
    assert!(state.selected().is_some_and(|s| s.thread.unread > 0));
}

#[test]
fn a_60_column_terminal_shows_one_pane_at_a_time() {
    let mut state = inbox();
    feed(&mut state, Msg::Resize { width: 60, height: HEIGHT });
    let areas = |state: &innbox::app::AppState| {
        let (width, height) = state.size();
        innbox::ui::layout::Areas::new(width, height, state.focus())
    };
    assert_eq!((areas(&state).list.map(|r| r.width), areas(&state).history), (Some(60), None));

    press(&mut state, [code(KeyCode::Enter)]);
    assert_eq!(state.focus(), Focus::History);
    assert_eq!((areas(&state).list, areas(&state).history.map(|r| r.width)), (None, Some(60)));
}

#[test]
fn resizing_keeps_the_history_scroll_inside_the_thread() {
    let mut state = inbox();
    open_guest(&mut state, Some("Yuki Tanaka"));
    press(&mut state, [key('g')]);
    let scroll = |state: &innbox::app::AppState| state.open_thread().expect("open").scroll_from_bottom();
    assert_eq!(scroll(&state), history_scroll_limit(&state));

    // Wider and taller: fewer lines, so less to scroll.
    feed(&mut state, Msg::Resize { width: 200, height: 60 });
    assert_eq!(scroll(&state), history_scroll_limit(&state));
}

#[test]
fn a_narrow_thread_scrolled_up_then_left_still_scrolls_at_once_after_a_resize() {
    let mut state = inbox_at(60, 20);
    open_guest(&mut state, Some("Yuki Tanaka"));
    press(&mut state, [key('g'), code(KeyCode::Esc)]);
    // Taller while the list is showing: the thread now has fewer lines to scroll.
    feed(&mut state, Msg::Resize { width: 60, height: 40 });
    press(&mut state, [code(KeyCode::Enter)]);
    let scroll = |state: &innbox::app::AppState| state.open_thread().expect("open").scroll_from_bottom();
    assert_eq!(scroll(&state), history_scroll_limit(&state));

    press(&mut state, [key('j')]);
    assert_eq!(scroll(&state), history_scroll_limit(&state) - 1, "one j, one line");
}

#[test]
fn the_selection_follows_its_thread_when_new_activity_reorders_the_list() {
    let mut state = inbox();
    select_guest(&mut state, Some("Emma Johansson"));
    let cursor = state.cursor();
    // A new message moves another thread to the top.
    let mut reordered = summaries();
    let newest = reordered.remove(cursor + 2);
    reordered.insert(0, newest);
    let effects = feed(&mut state, Msg::ThreadsLoaded(reordered.into_iter().map(Box::new).collect()));
    assert_eq!(selected_guest(&state).as_deref(), Some("Emma Johansson"));
    assert_eq!(state.cursor(), cursor + 1);
    assert_eq!(effects, [], "the open thread is still the selected one: nothing to load");
}

#[test]
fn a_warning_repeated_by_every_sync_is_shown_once() {
    let mut state = inbox();
    let warning = || {
        Msg::Sync(SyncEvent::Warning {
            account: LAKESIDE.into(),
            message: "the Calry token expires on 2026-11-24".into(),
        })
    };
    feed(&mut state, warning());
    assert!(state.notice().is_some_and(|n| n.is_error && n.text.contains("token expires")));
    feed(&mut state, Msg::Tick(at("2026-11-21T12:05:00Z")));
    assert_eq!(state.notice(), None, "it expired");
    feed(&mut state, warning());
    assert_eq!(state.notice(), None, "not again at the next sync");
}

#[test]
fn the_newest_threads_show_first_and_the_whole_list_replaces_them() {
    let mut state = support::drive::starting(support::drive::WIDTH, HEIGHT);
    let newest: Vec<_> = summaries().into_iter().take(2).collect();
    let effects = feed(&mut state, Msg::FirstThreadsLoaded(newest.into_iter().map(Box::new).collect()));
    assert!(state.is_list_partial());
    assert_eq!(state.thread_count(), 2);
    assert!(matches!(effects.as_slice(), [Effect::LoadThread(_)]), "the first thread opens at once");
    let title =
        support::screen::draw(&state).buffer().content()[..60].iter().map(|c| c.symbol()).collect::<String>();
    assert!(title.contains("Inbox · loading…"), "no count of a part of the inbox: {title}");

    feed(&mut state, Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect()));
    assert!(!state.is_list_partial());
    assert_eq!(state.thread_count(), summaries().len());
}

#[test]
fn a_first_screen_arriving_after_the_whole_list_is_dropped() {
    let mut state = support::drive::starting(support::drive::WIDTH, HEIGHT);
    feed(&mut state, Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect()));
    let late: Vec<_> = summaries().into_iter().take(1).collect();
    assert_eq!(feed(&mut state, Msg::FirstThreadsLoaded(late.into_iter().map(Box::new).collect())), []);
    assert_eq!(state.thread_count(), summaries().len());
    assert!(!state.is_list_partial());
}
