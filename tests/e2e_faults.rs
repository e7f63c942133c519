//! The inbox stays responsive while a provider hangs: the real `innbox` binary in
//! a pseudo-terminal, against a simulator where every Trellis request hangs.
#![cfg(unix)]

#[path = "e2e/files.rs"]
mod files;
#[path = "e2e/pty.rs"]
mod pty;

use files::Files;
use innbox::sim::{Fault, FaultAction, SimOptions};
use pty::{Screen, Terminal};
use std::time::Duration;

const ROWS: u16 = 30;
const COLS: u16 = 120;
/// Safety nets: each wait normally ends within a frame or two.
const WAIT: Duration = Duration::from_secs(20);
const EXIT_WAIT: Duration = Duration::from_secs(10);
const HUNG: &str = "Sunset Villas";

#[test]
fn keys_move_filter_and_quit_while_a_provider_hangs() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let sim = runtime
        .block_on(innbox::sim::start(SimOptions { threads: 60, ..SimOptions::default() }))
        .expect("the simulator starts");
    // Far longer than the test: the request stays in flight until innbox quits.
    sim.inject(Fault {
        provider: Some("trellis".into()),
        method: None,
        path_contains: None,
        times: u32::MAX,
        probability: None,
        action: FaultAction::Hang { ms: 600_000 },
    });
    let files = Files::new(&sim.config_toml());
    let mut inbox = Terminal::spawn(files.innbox(), ROWS, COLS);

    let others = ["Lakeside Rentals", "Harbour Hostel", "Canal House"];
    let synced = inbox.wait_for("the other accounts synced while Trellis hangs", WAIT, move |screen| {
        let status = status_line(screen);
        others.iter().all(|name| status.contains(&format!("{name} ✓"))) && hanging(screen)
    });
    let top = open_thread(&synced);

    inbox.type_keys("j");
    let moved = inbox.wait_for("j to open the next thread", WAIT, {
        let top = top.clone();
        move |screen| open_thread(screen) != top && hanging(screen)
    });
    assert_ne!(open_thread(&moved), "", "a thread is open");
    inbox.type_keys("k");
    inbox.wait_for("k to open the first thread again", WAIT, move |screen| {
        open_thread(screen) == top && hanging(screen)
    });

    inbox.type_keys("/Canal");
    inbox.wait_for("the filter to take what is typed", WAIT, |screen| {
        list_title(screen).contains(" of ") && screen.contents().contains("/ Canal") && hanging(screen)
    });
    inbox.type_keys("\x1b");
    inbox.wait_for("Esc to clear the filter", WAIT, |screen| {
        !list_title(screen).contains(" of ") && hanging(screen)
    });

    inbox.type_keys("q");
    let status = inbox.wait_for_exit(EXIT_WAIT);
    assert!(status.success(), "innbox exited with {status:?}; the screen:\n{}", inbox.screen().contents());
    if let Some(change) = inbox.settings_changed() {
        panic!("innbox left the terminal's settings changed: {change}");
    }
}

/// "Urgent 0│Needs reply 3│Unread 4│Snoozed 0│All 18 of 45" while filtered.
fn list_title(screen: &Screen) -> String {
    screen.rows(0, COLS).next().unwrap_or_default()
}

/// Trellis is still syncing: its request has not come back.
fn hanging(screen: &Screen) -> bool {
    status_line(screen).contains(&format!("{HUNG} ⟳"))
}

/// The open thread's header: the first row of the conversation pane.
fn open_thread(screen: &Screen) -> String {
    let header = screen.rows(0, COLS).nth(1).unwrap_or_default();
    header
        .split_once("││")
        .map(|(_, right)| right.trim_end_matches(['│', ' ']).to_owned())
        .unwrap_or_default()
}

fn status_line(screen: &Screen) -> String {
    screen.rows(0, COLS).nth(usize::from(ROWS) - 2).unwrap_or_default()
}
