//! The terminal and the draft through everything that can happen to them: Ctrl-z
//! and `fg`, the user's editor, a closed terminal (SIGHUP) or SIGTERM, kill -9,
//! and a terminal shrunk to one cell and resized in a burst. The inbox is one
//! stored thread and no accounts, so nothing waits on a sync.

use super::pty::{Terminal, eventually};
use super::{ESC, EXIT_WAIT, Files, WAIT, quits_cleanly};
use innbox::domain::{Direction, Guest, Message, ProviderKind, ReplyAbility, Thread, ThreadKey};
use innbox::providers::ThreadUpdate;
use innbox::store::Store;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const ROWS: u16 = 30;
const COLS: u16 = 100;
const GUEST: &str = "Genevieve DiFilippo";
const ACCOUNT: &str = "Lakeside Rentals";
const THREAD_ID: &str = "5375328";
const CTRL_O: &str = "\x0f";
const CTRL_Z: &str = "\x1a";

#[test]
fn a_closed_terminal_sighup_or_sigterm_saves_the_draft_and_exits_cleanly() {
    let files = one_thread();
    let mut inbox = Terminal::spawn(files.innbox(), ROWS, COLS);
    write_draft(&mut inbox, "Typed as the window closed");
    // Nothing can be written to the terminal any more, not even an error.
    let status = inbox.hang_up(EXIT_WAIT);
    assert!(status.success(), "innbox exited with {status:?} from a closed terminal");
    assert_eq!(stored_draft(&files).as_deref(), Some("Typed as the window closed"));

    for (signal, draft) in [(libc::SIGHUP, "Typed before SIGHUP"), (libc::SIGTERM, "Typed before SIGTERM")] {
        let files = one_thread();
        let mut inbox = Terminal::spawn(files.innbox(), ROWS, COLS);
        write_draft(&mut inbox, draft);

        inbox.signal(signal);
        quits_cleanly(&mut inbox);
        assert_eq!(stored_draft(&files).as_deref(), Some(draft), "signal {signal}");
    }
}

#[test]
fn ctrl_z_and_sigtstp_hand_a_cooked_terminal_back_until_sigcont() {
    let files = one_thread();
    let mut inbox = Terminal::spawn(files.innbox(), ROWS, COLS);
    write_draft(&mut inbox, "Back in a moment");

    inbox.type_keys(CTRL_Z);
    stopped_with_the_terminal_as_it_was(&inbox);
    assert_eq!(stored_draft(&files).as_deref(), Some("Back in a moment"), "saved before stopping");
    continued_and_drawn_whole(&mut inbox);
    // Keys work again: Esc leaves the composer.
    inbox.type_keys(ESC);
    inbox.wait_for("the composer left", WAIT, |screen| screen.contents().contains("r to write"));

    inbox.signal(libc::SIGTSTP);
    stopped_with_the_terminal_as_it_was(&inbox);
    continued_and_drawn_whole(&mut inbox);
    inbox.type_keys(ESC);
    inbox.wait_for("the list focused", WAIT, super::list_focused);
    inbox.type_keys("q");
    quits_cleanly(&mut inbox);
}

fn stopped_with_the_terminal_as_it_was(inbox: &Terminal) {
    eventually("innbox stopped", WAIT, || inbox.is_stopped());
    if let Some(change) = inbox.settings_changed() {
        panic!("innbox stopped with the terminal still changed (raw mode?): {change}");
    }
}

/// After SIGCONT the whole screen is drawn again: the terminal cleared its alternate
/// screen, so a frame of only what changed would leave it blank.
fn continued_and_drawn_whole(inbox: &mut Terminal) {
    inbox.signal(libc::SIGCONT);
    inbox.wait_for("the inbox drawn whole again", WAIT, |screen| {
        let contents = screen.contents();
        screen.alternate_screen() && contents.contains(GUEST) && contents.contains("Back in a moment")
    });
}

#[test]
fn the_editor_gets_the_draft_and_the_keyboard_and_its_text_becomes_the_draft() {
    let files = one_thread();
    // A directory with a space, and an argument: $EDITOR is split as a shell would.
    let editor_dir = files.dir.path().join("my editor");
    std::fs::create_dir(&editor_dir).unwrap();
    let script = editor_dir.join("edit");
    // Notes the file's mode and path, shows a prompt (as a frame ends, so the screen
    // takes it), and appends the line typed: innbox must not swallow those keys.
    let body = format!(
        "#!/bin/sh\n[ \"$1\" = -w ] || exit 3\nstat -c %a \"$2\" > '{dir}/mode'\nprintf %s \"$2\" > '{dir}/path'\n\
         printf 'editor> \\033[?25l'\nIFS= read -r line\nprintf '%s\\n' \"$line\" >> \"$2\"\n",
        dir = editor_dir.display()
    );
    std::fs::write(&script, body).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = files.innbox();
    command.env("EDITOR", format!("'{}' -w", script.display()));
    let mut inbox = Terminal::spawn(command, ROWS, COLS);
    write_draft(&mut inbox, "Hello Genevieve,");

    inbox.type_keys(CTRL_O);
    inbox.wait_for("the editor's prompt", WAIT, |screen| screen.contents().contains("editor>"));
    inbox.type_keys("the lockbox code is 4321\r");
    inbox.wait_for("the edited draft in the composer", WAIT, |screen| {
        let contents = screen.contents();
        screen.alternate_screen()
            && contents.contains("Hello Genevieve,")
            && contents.contains("the lockbox code is 4321")
    });
    let edited = "Hello Genevieve,\nthe lockbox code is 4321";
    eventually("the edited draft saved", WAIT, || stored_draft(&files).as_deref() == Some(edited));
    let mode = std::fs::read_to_string(editor_dir.join("mode")).unwrap();
    assert_eq!(mode.trim(), "600", "the draft's file is readable by others");
    let path = std::fs::read_to_string(editor_dir.join("path")).unwrap();
    assert!(!Path::new(&path).exists(), "the draft's file {path} is left behind");

    leave_the_composer_and_quit(&mut inbox);
}

#[test]
fn a_failing_editor_leaves_the_draft_as_it_was_and_says_so() {
    let files = one_thread();
    let mut command = files.innbox();
    command.env("EDITOR", "false");
    let mut inbox = Terminal::spawn(command, ROWS, COLS);
    write_draft(&mut inbox, "Hello Genevieve,");

    inbox.type_keys(CTRL_O);
    inbox.wait_for("the editor's failure explained", WAIT, |screen| {
        let contents = screen.contents();
        contents.contains("$EDITOR `false` failed: exit status 1; the draft is unchanged")
            && contents.contains("Hello Genevieve,")
    });
    // The save runs off the UI task: it may land just after the notice shows.
    eventually("the draft saved as it was", WAIT, || {
        stored_draft(&files).as_deref() == Some("Hello Genevieve,")
    });
    leave_the_composer_and_quit(&mut inbox);
}

#[test]
fn a_draft_saved_once_typing_paused_survives_kill_9() {
    let files = one_thread();
    let mut inbox = Terminal::spawn(files.innbox(), ROWS, COLS);
    let draft = "Check-out is at 11, no rush";
    write_draft(&mut inbox, draft);
    eventually("the draft saved", WAIT, || stored_draft(&files).as_deref() == Some(draft));

    inbox.signal(libc::SIGKILL);
    assert!(!inbox.wait_for_exit(EXIT_WAIT).success());
    let mut again = Terminal::spawn(files.innbox(), ROWS, COLS);
    again.wait_for("the draft back under the thread", WAIT, move |screen| {
        let contents = screen.contents();
        contents.contains(GUEST) && contents.contains(draft)
    });
    again.type_keys("q");
    quits_cleanly(&mut again);
}

#[test]
fn a_one_cell_terminal_and_a_burst_of_resizes_are_survived() {
    let files = one_thread();
    let mut inbox = Terminal::spawn(files.innbox(), ROWS, COLS);
    inbox.wait_for("the inbox", WAIT, |screen| screen.contents().contains(GUEST));

    // Each tiny size gets a frame of its own: later sizes could not hide a crash.
    for (rows, cols) in [(1, 1), (2, 3)] {
        let seen = inbox.frames();
        inbox.resize(rows, cols);
        inbox.wait_for_frame_after(seen, format!("a frame at {cols}x{rows}"), WAIT);
    }
    // A fixed pseudo-random burst, as fast as the terminal takes it.
    let mut seed: u32 = 0x1dbe_efed;
    for _ in 0..50 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let (rows, cols) = (1 + (seed >> 8) % 60, 1 + (seed >> 16) % 200);
        inbox.resize(rows as u16, cols as u16);
    }
    inbox.resize(ROWS, COLS);
    inbox.wait_for("the whole inbox at 100x30", WAIT, |screen| {
        let rows: Vec<String> = screen.rows(0, COLS).collect();
        let panes_end = usize::from(ROWS) - 3;
        rows[0].starts_with("┌ Urg")
            && rows[0].contains("All 1 ")
            && rows[0].trim_end().ends_with('┐')
            && rows[panes_end].starts_with('└')
            && rows[panes_end].trim_end().ends_with('┘')
            && rows.iter().any(|row| row.contains(GUEST))
    });
    inbox.type_keys("q");
    quits_cleanly(&mut inbox);
}

/// Opens the composer on the stored thread and types `text` into it.
fn write_draft(inbox: &mut Terminal, text: &'static str) {
    inbox.wait_for("the stored thread", WAIT, |screen| screen.contents().contains(GUEST));
    inbox.type_keys("r");
    inbox.wait_for("the composer", WAIT, |screen| screen.contents().contains("Ctrl-s sends"));
    inbox.type_keys(text);
    inbox.wait_for(format!("{text:?} typed"), WAIT, move |screen| screen.contents().contains(text));
}

fn leave_the_composer_and_quit(inbox: &mut Terminal) {
    inbox.type_keys(ESC);
    inbox.wait_for("the composer left", WAIT, |screen| screen.contents().contains("r to write"));
    inbox.type_keys("q");
    quits_cleanly(inbox);
}

/// A run with no accounts over a store holding one thread that can be answered.
fn one_thread() -> Files {
    let files = Files::new("");
    let thread = Thread {
        account: ACCOUNT.into(),
        provider: ProviderKind::Calry,
        id: THREAD_ID.into(),
        channel: None,
        guest: Guest { name: Some(GUEST.into()), email: None, phone: None },
        property_id: None,
        property_name: Some("Lakeside Cabin".into()),
        reservation: None,
        subject: None,
        unread: 1,
        reply: ReplyAbility::Allowed,
        updated_at: None,
    };
    let message = Message {
        id: "1".into(),
        direction: Direction::Inbound,
        sender: Some(GUEST.into()),
        body: "Can we leave our bags after check-out?".into(),
        sent_at: Some(jiff::Timestamp::now()),
        status: None,
        automatic: None,
        kind: None,
        attachments: Vec::new(),
    };
    let mut store = Store::open_in(&files.data_dir()).expect("the store opens");
    store
        .apply_updates(&[ThreadUpdate { thread, messages: vec![message], marker: None, skipped: Vec::new() }])
        .unwrap();
    files
}

fn stored_draft(files: &Files) -> Option<String> {
    let store = Store::open_in(&files.data_dir()).expect("the store opens");
    store.draft(&ThreadKey::new(ACCOUNT, THREAD_ID)).expect("the drafts can be read")
}
