//! The inbox as a user runs it: the real `innbox` binary in a pseudo-terminal,
//! against the in-process simulator, driven by keystrokes and checked by what the
//! screen shows and what reached the simulator.
#![cfg(unix)]

#[path = "e2e/files.rs"]
mod files;
#[path = "e2e/pty.rs"]
mod pty;
#[path = "e2e/terminal.rs"]
mod terminal;

use files::Files;
use innbox::sim::{Direction, Provider, SimHandle, SimOptions, Thread, ThreadWire, World};
use jiff::ToSpan;
use pty::{Screen, Terminal};
use std::time::Duration;

const ROWS: u16 = 40;
const COLS: u16 = 140;
/// Generous for a loaded CI machine; a wait normally ends within a second.
const WAIT: Duration = Duration::from_secs(45);
/// Quitting waits at most 3 s for a send in flight, so this leaves room.
const EXIT_WAIT: Duration = Duration::from_secs(10);
const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_S: &str = "\x13";
/// The focused pane's border and title are cyan (`theme::border(true)`).
const FOCUS_COLOUR: vt100::Color = vt100::Color::Idx(6);

#[test]
fn replies_to_a_calry_and_a_booking_guest_then_quits_to_a_clean_terminal() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    // Providers answer after 200 ms, as over a real network. Without that a reply is
    // queued, sent and re-read within one 16 ms frame, and its delivery state never
    // shows. A smaller inbox than the default 300 threads keeps the first sync short.
    let options = SimOptions { latency_ms: 200, threads: 120, ..SimOptions::default() };
    let sim = runtime.block_on(innbox::sim::start(options)).expect("the simulator starts");
    let world = sim.world();
    let calry_guest = guest_to_answer(&world, Provider::Calry, reservation_in_window(&world));
    let booking_guest = guest_to_answer(&world, Provider::Booking, |_| true);
    let files = Files::new(&sim.config_toml());
    let mut inbox = Terminal::spawn(files.innbox(), ROWS, COLS);

    let accounts: Vec<String> = world.accounts.iter().map(|a| a.name.clone()).collect();
    inbox.wait_for("every account synced", WAIT, move |screen| {
        let status = View::of(screen).status;
        accounts.iter().all(|name| status.contains(&format!("{name} ✓")))
    });
    reply(&mut inbox, &sim, &calry_guest, "Your room is ready from 15:00 — à bientôt!");
    reply(&mut inbox, &sim, &booking_guest, "Late check-in is fine: the key is at the café next door.");

    inbox.type_keys("q");
    quits_cleanly(&mut inbox);
    // The normal screen is as the test found it: no warning before the inbox, no
    // panic message after it.
    assert_eq!(inbox.screen().contents().trim(), "", "innbox printed outside its alternate screen");
}

#[test]
fn opening_a_booking_thread_marks_it_read_at_booking_too() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let options = SimOptions { latency_ms: 20, threads: 120, ..SimOptions::default() };
    let sim = runtime.block_on(innbox::sim::start(options)).expect("the simulator starts");
    let world = sim.world();
    let unread = |thread: &Thread| {
        thread.messages.last().is_some_and(|m| m.direction == Direction::Inbound && !m.read)
    };
    let guest = guest_to_answer(&world, Provider::Booking, unread);
    let files = Files::new(&sim.config_toml());
    let mut inbox = Terminal::spawn(files.innbox(), ROWS, COLS);
    inbox.wait_for("Booking.com synced", WAIT, |screen| View::of(screen).status.contains("Canal House ✓"));

    let name = guest.name.clone();
    inbox.type_keys(&format!("/{name}{ENTER}"));
    inbox.wait_for(format!("the list filtered to {name}"), WAIT, |screen| {
        View::of(screen).list_title().contains("All 1 of ")
    });
    let read_at_booking = || {
        let world = sim.world();
        let thread =
            world.account(Provider::Booking).unwrap().threads.iter().find(|t| t.id == guest.thread_id);
        thread.unwrap().messages.iter().filter(|m| m.direction == Direction::Inbound).all(|m| m.read)
    };
    assert!(!read_at_booking(), "selecting a thread does not read it");
    inbox.type_keys(ENTER);
    // Well before the next poll (30 s by default): opening woke the account's worker.
    let woken = Duration::from_secs(15);
    pty::eventually(format!("{name}'s conversation read at Booking.com"), woken, read_at_booking);

    inbox.type_keys("q");
    quits_cleanly(&mut inbox);
    let store = innbox::store::Store::open_in(&files.data_dir()).unwrap();
    let key = innbox::domain::ThreadKey::new(guest.account, guest.thread_id);
    assert_eq!(store.thread(&key).unwrap().unread, 0, "what Booking.com counts unread now");
    assert_eq!(store.pending_tags("Canal House").unwrap(), [], "nothing left to send");
}

/// Waits for innbox to exit, which it must do successfully, leaving the terminal as
/// it found it.
fn quits_cleanly(inbox: &mut Terminal) {
    let status = inbox.wait_for_exit(EXIT_WAIT);
    let screen = inbox.screen();
    assert!(status.success(), "innbox exited with {status:?}; the screen:\n{}", screen.contents());
    assert!(!screen.alternate_screen(), "innbox left the terminal on the alternate screen");
    assert!(!screen.hide_cursor(), "innbox left the cursor hidden");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse reporting left on");
    assert!(!screen.bracketed_paste(), "bracketed paste left on");
    if let Some(change) = inbox.settings_changed() {
        panic!("innbox left the terminal's settings changed (raw mode?): {change}");
    }
}

/// A guest whose thread can be answered, and who is the only one the inbox finds
/// by their name.
struct Guest {
    account: String,
    thread_id: String,
    name: String,
}

/// Filters the list to `guest`, writes `text` to them and sends it, as a user does;
/// checks it is shown sent and reached their thread once; then backs out to the
/// whole inbox.
fn reply(inbox: &mut Terminal, sim: &SimHandle, guest: &Guest, text: &'static str) {
    let name = guest.name.clone();
    inbox.type_keys(&format!("/{name}{ENTER}"));
    inbox.wait_for(format!("the list filtered to {name}, whose thread is open"), WAIT, move |screen| {
        let view = View::of(screen);
        view.list_title().contains("All 1 of ")
            && view.thread.get(1).is_some_and(|header| header.starts_with(&format!("│{name} · ")))
            && view.thread.iter().any(|row| row.contains(&format!(" Reply to {name} ")))
    });

    inbox.type_keys("r");
    inbox.wait_for("the compose box to take the reply", WAIT, |screen| {
        View::of(screen).thread.iter().any(|row| row.contains("Ctrl-s sends"))
    });
    inbox.type_keys(text);
    inbox.wait_for(format!("the compose box to show {text:?}"), WAIT, move |screen| {
        View::of(screen).thread.iter().any(|row| row.contains(text))
    });
    inbox.type_keys(CTRL_S);
    inbox.wait_for(format!("{text:?} shown as sent"), WAIT, move |screen| {
        // The sender line above the reply ends with its delivery state.
        View::of(screen)
            .thread
            .windows(2)
            .any(|rows| rows[1].contains(text) && inside_borders(&rows[0]).ends_with(" · sent"))
    });
    let world = sim.world();
    let thread = world
        .accounts
        .iter()
        .find(|a| a.name == guest.account)
        .and_then(|a| a.threads.iter().find(|t| t.id == guest.thread_id))
        .expect("the thread is still in the simulator");
    let delivered =
        thread.messages.iter().filter(|m| m.direction == Direction::Outbound && m.body == text).count();
    assert_eq!(delivered, 1, "{text:?} reached {}'s thread {delivered} times", guest.name);

    // Esc leaves the compose box for the conversation, then that for the list,
    // where it clears the filter.
    inbox.type_keys(ESC);
    inbox.wait_for("the compose box left", WAIT, |screen| {
        View::of(screen).thread.iter().any(|row| row.contains("r to write"))
    });
    inbox.type_keys(ESC);
    inbox.wait_for("the list focused", WAIT, list_focused);
    inbox.type_keys(ESC);
    inbox.wait_for("the filter cleared", WAIT, |screen| {
        let view = View::of(screen);
        !view.list_title().contains(" of ") && !view.list.iter().any(|row| row.contains("filter:"))
    });
}

/// The screen as a user reads it: the thread list on the left, the open thread
/// (conversation above, compose box below) on the right, the status line under both.
struct View {
    list: Vec<String>,
    thread: Vec<String>,
    status: String,
}

impl View {
    fn of(screen: &Screen) -> Self {
        let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
        let top = screen.rows(0, cols).next().unwrap_or_default();
        // Where the list's top-right corner meets the conversation's top-left one.
        let split = column_of(&top, "┐┌").map_or(0, |column| column + 1);
        let main = usize::from(rows.saturating_sub(2));
        Self {
            list: screen.rows(0, split).take(main).collect(),
            thread: screen.rows(split, cols - split).take(main).collect(),
            status: screen.rows(0, cols).nth(main).unwrap_or_default(),
        }
    }

    fn list_title(&self) -> &str {
        self.list.first().map_or("", String::as_str)
    }
}

fn list_focused(screen: &Screen) -> bool {
    let top = screen.rows(0, COLS).next().unwrap_or_default();
    column_of(&top, "┌ ")
        .and_then(|column| screen.cell(0, column + 1))
        .is_some_and(|cell| cell.fgcolor() == FOCUS_COLOUR)
}

/// The column where `text` starts in a row of one-column characters (the top row:
/// box drawing and ASCII titles).
fn column_of(row: &str, text: &str) -> Option<u16> {
    row.find(text).map(|byte| row[..byte].chars().count() as u16)
}

/// A pane's row without its side borders and padding.
fn inside_borders(row: &str) -> &str {
    row.trim_matches(|c| c == '│' || c == ' ')
}

/// Calry threads are synced through their reservations in the default window (30
/// days back, 180 ahead); these are a day inside it, so midnight cannot matter.
fn reservation_in_window(world: &World) -> impl Fn(&Thread) -> bool + '_ {
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    let (from, to) = (today - 29.days(), today + 179.days());
    let reservations = &world.account(Provider::Calry).unwrap().reservations;
    move |thread| {
        let ThreadWire::Calry(wire) = &thread.wire else { return false };
        reservations
            .iter()
            .find(|r| r.id == wire.reservation_id)
            .is_some_and(|r| r.departure >= from && r.arrival <= to)
    }
}

/// The first thread of `provider` that is synced and can be answered, whose guest's
/// name a user can type and appears in no other thread, so filtering by it leaves
/// exactly this one.
fn guest_to_answer(world: &World, provider: Provider, synced: impl Fn(&Thread) -> bool) -> Guest {
    let account = world.account(provider).unwrap();
    // Everything the filter could match in each thread, lowercased.
    let texts: Vec<(&str, &str, String)> = world
        .accounts
        .iter()
        .flat_map(|a| a.threads.iter().map(move |t| (a.name.as_str(), t.id.as_str(), thread_text(t))))
        .collect();
    let appears_elsewhere = |thread: &Thread, name: &str| {
        let name = name.to_lowercase();
        texts.iter().any(|&(other_account, other_id, ref text)| {
            (other_account, other_id) != (account.name.as_str(), thread.id.as_str()) && text.contains(&name)
        })
    };
    account
        .threads
        .iter()
        .filter(|thread| thread.can_reply && synced(thread))
        .find_map(|thread| {
            let name = thread.guest_name.as_deref().filter(|name| is_plain(name))?;
            (!appears_elsewhere(thread, name)).then(|| Guest {
                account: account.name.clone(),
                thread_id: thread.id.clone(),
                name: name.to_owned(),
            })
        })
        .unwrap_or_else(|| panic!("no {provider:?} guest with a name unique in the inbox to answer"))
}

fn thread_text(thread: &Thread) -> String {
    serde_json::to_string(thread).unwrap().to_lowercase()
}

/// Letters and single spaces (plus hyphens and apostrophes): shown as it is, with
/// no control or invisible characters the inbox would strip.
fn is_plain(name: &str) -> bool {
    name.chars().all(|c| c.is_alphabetic() || " -'".contains(c))
        && name.split_whitespace().collect::<Vec<_>>().join(" ") == name
}
