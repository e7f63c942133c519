//! Snapshots of real screens: each state is reached by feeding `update` the
//! messages and keys the running app would see, then drawn on a `TestBackend`.

#[path = "tui_snapshots/keys.rs"]
mod keys;
#[path = "tui_snapshots/lanes.rs"]
mod lanes;
#[path = "tui_snapshots/panel.rs"]
mod panel;
#[path = "tui_snapshots/privacy.rs"]
mod privacy;
#[path = "tui_snapshots/replies.rs"]
mod replies;
mod support;

use innbox::app::{Effect, Msg};
use innbox::store::OutboxState;
use innbox::sync::SyncEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use support::drive::{
    HEIGHT, answer, ctrl, drive, empty_store, failed, feed, finished, inbox, inbox_at, key, open_guest,
    progress, select_guest, started, typing,
};
use support::inbox::{self as fixture, CANAL, HARBOUR, LAKESIDE, SUNSET};
use support::screen::draw;
use unicode_width::UnicodeWidthStr;

#[test]
fn empty_store_before_the_first_sync() {
    insta::assert_snapshot!(draw(&empty_store()));
}

#[test]
fn first_sync_in_progress() {
    let mut state = empty_store();
    for account in [LAKESIDE, HARBOUR, SUNSET, CANAL] {
        feed(&mut state, started(account));
    }
    feed(&mut state, progress(LAKESIDE, 12, Some(40)));
    feed(&mut state, progress(HARBOUR, 3, None));
    // Canal House is done and its threads are in the store: the list shows them.
    let canal: Vec<_> = fixture::summaries().into_iter().filter(|s| s.thread.account == CANAL).collect();
    let threads = canal.iter().map(|s| s.thread.key()).collect();
    feed(&mut state, Msg::Sync(SyncEvent::ThreadsChanged { account: CANAL.into(), threads }));
    feed(&mut state, finished(CANAL, "2026-11-21T11:59:40Z"));
    let effects = feed(&mut state, Msg::ThreadsLoaded(canal.into_iter().map(Box::new).collect()));
    answer(&mut state, &effects);
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn full_inbox() {
    insta::assert_snapshot!(draw(&inbox()));
}

#[test]
fn thread_with_long_wide_automated_and_system_messages() {
    let mut state = inbox();
    open_guest(&mut state, Some("Yuki Tanaka"));
    insta::assert_snapshot!("yuki_newest", draw(&state));
    // The top of the thread: the system message and the automated welcome.
    drive(&mut state, [key('g')]);
    insta::assert_snapshot!("yuki_oldest", draw(&state));
}

#[test]
fn compose_with_a_saved_draft() {
    let mut state = inbox();
    select_guest(&mut state, Some("James O'Connor"));
    drive(&mut state, [key('r')]);
    drive(&mut state, typing(" now"));
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn read_only_thread() {
    let mut state = inbox();
    open_guest(&mut state, Some("Lukas Becker"));
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn failed_reply_in_an_open_thread() {
    let mut state = inbox();
    open_guest(&mut state, Some("Marco Rossi"));
    // The worker's second attempt fails too, and says so.
    let marco = fixture::key_of(Some("Marco Rossi"));
    let again = fixture::reply(40, &marco, fixture::MARCO_REPLY, OutboxState::Failed, Some(fixture::BOUNCED));
    feed(&mut state, Msg::Sync(SyncEvent::Outbox(again)));
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn help_overlay() {
    let mut state = inbox();
    drive(&mut state, [key('?')]);
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn failed_account_in_the_status_line() {
    let mut state = inbox();
    feed(&mut state, started(SUNSET));
    feed(&mut state, failed(SUNSET, "token rejected (401)"));
    feed(&mut state, progress(LAKESIDE, 7, Some(19)));
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn filtering_by_text() {
    let mut state = inbox();
    drive(&mut state, [key('/')]);
    drive(&mut state, typing("lakeside"));
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn narrow_terminal_shows_one_pane() {
    let mut state = inbox_at(60, HEIGHT);
    insta::assert_snapshot!("narrow_list", draw(&state));
    open_guest(&mut state, Some("Yuki Tanaka"));
    insta::assert_snapshot!("narrow_thread", draw(&state));
    drive(&mut state, [key('r')]);
    drive(&mut state, typing("Of course!"));
    insta::assert_snapshot!("narrow_compose", draw(&state));
}

/// The reply shows as queued in its thread at once; the composer is empty again.
#[test]
fn compose_right_after_sending() {
    let mut state = inbox();
    select_guest(&mut state, Some("Emma Johansson"));
    drive(&mut state, [key('r')]);
    drive(&mut state, typing("Yes, both are in the cabin."));
    let sent = drive(&mut state, [ctrl('s')]);
    let [Effect::QueueReply { key, body }] = &sent[..] else { panic!("one reply queued, got {sent:?}") };
    // The executor's answer once the outbox row is committed.
    feed(&mut state, Msg::ReplyQueued(fixture::reply(42, key, body, OutboxState::Queued, None)));
    insta::assert_snapshot!(draw(&state));
}

// Snapshots record text only; these check the styles that carry meaning.

/// The list pane at 120x36.
const LIST: Rect = Rect::new(0, 0, 54, 34);

/// The first cell where `text` is drawn inside `area` (single-width text only).
fn find(buffer: &Buffer, area: Rect, text: &str) -> (u16, u16) {
    let spelled_at = |x: u16, y: u16| {
        text.chars().enumerate().all(|(i, c)| {
            let x = x + i as u16;
            x < area.right() && buffer[(x, y)].symbol() == c.to_string()
        })
    };
    (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .find(|&(x, y)| spelled_at(x, y))
        .unwrap_or_else(|| panic!("{text:?} is not on screen"))
}

#[test]
fn the_selected_row_is_highlighted_across_the_list_even_with_wide_text() {
    let mut state = inbox();
    select_guest(&mut state, Some("Yuki Tanaka"));
    let buffer = draw(&state).buffer().clone();
    let (_, y) = find(&buffer, LIST, "Yuki Tanaka");
    for row in [y, y + 1] {
        let mut covered_by_wide = 0;
        for x in 1..53 {
            let cell = &buffer[(x, row)];
            // A wide glyph's second column is drawn by the glyph itself.
            if covered_by_wide == 0 {
                assert_eq!(cell.bg, Color::DarkGray, "({x}, {row}) {:?}", cell.symbol());
            }
            covered_by_wide = covered_by_wide.max(cell.symbol().width()).saturating_sub(1);
        }
    }
    let (_, other) = find(&buffer, LIST, "Lukas Becker");
    assert_ne!(buffer[(10, other)].bg, Color::DarkGray, "only the selected row");
}

#[test]
fn a_failed_reply_is_drawn_as_an_error_and_the_focused_pane_stands_out() {
    let mut state = inbox();
    open_guest(&mut state, Some("Marco Rossi"));
    let buffer = draw(&state).buffer().clone();
    let (x, y) = find(&buffer, buffer.area, "failed: Calry");
    assert_eq!((buffer[(x, y)].fg, buffer[(x, y)].modifier.contains(Modifier::BOLD)), (Color::Red, true));

    let (history_title, top) = find(&buffer, buffer.area, "Conversation");
    let (list_title, _) = find(&buffer, LIST, "Needs reply");
    assert_eq!(buffer[(history_title, top)].fg, Color::Cyan, "History has the focus");
    assert_eq!(buffer[(list_title, top)].fg, Color::DarkGray);
}
