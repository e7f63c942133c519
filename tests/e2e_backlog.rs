//! Messages that a sync wrote but did not get to index (it was killed, or the
//! laptop slept) become searchable when the inbox opens, even offline.
#![cfg(unix)]

#[path = "e2e/files.rs"]
mod files;
#[path = "e2e/pty.rs"]
mod pty;

use files::Files;
use innbox::sim::SyntheticInbox;
use innbox::store::Store;
use pty::{Terminal, eventually};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);
const THREADS: usize = 50;
const WORD: &str = "parking";

#[test]
fn written_but_unindexed_messages_become_searchable_when_the_inbox_opens() {
    let files = Files::new(""); // no accounts: nothing will sync
    let synthetic = SyntheticInbox { seed: 3, messages_per_thread: 4, now: jiff::Timestamp::now() };
    let threads: Vec<_> = (0..THREADS).map(|index| synthetic.thread(index)).collect();
    let expected =
        threads.iter().filter(|t| t.messages.iter().any(|m| m.body.to_lowercase().contains(WORD))).count();
    assert!(expected > 0, "the data mentions {WORD}");
    let mut store = Store::open_in(&files.data_dir()).unwrap();
    store.apply_updates(&threads).unwrap();
    assert!(store.search(WORD).unwrap().threads.is_empty(), "written, not yet indexed");
    drop(store);

    let mut inbox = Terminal::spawn(files.innbox(), 30, 120);
    inbox.wait_for("the inbox", WAIT, |screen| screen.contents().contains(&format!("All {THREADS}")));
    let data_dir = files.data_dir();
    eventually("the backlog indexed", WAIT, || {
        Store::open_in(&data_dir).unwrap().search(WORD).unwrap().unindexed == 0
    });
    inbox.type_keys(&format!("/{WORD}"));
    let title = format!("All {expected} of {THREADS}");
    inbox.wait_for(title.clone(), WAIT, move |screen| screen.contents().contains(&title));
    inbox.type_keys("\x1b");
    std::thread::sleep(Duration::from_millis(100));
    inbox.type_keys("q");
    assert!(inbox.wait_for_exit(WAIT).success());
}
