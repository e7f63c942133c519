//! Triage kept on each thread's row: computed as messages and replies are written,
//! recomputed when the rules change; snooze and done end when a guest writes after them.

use super::{at, message, thread, update};
use innbox::domain::triage::TriageRules;
use innbox::domain::{Direction, Message, ThreadKey};
use innbox::store::{Delivery, Store, ThreadTriage};
use jiff::Timestamp;
use pretty_assertions::assert_eq;

const NOW: &str = "2024-07-06T12:00:00Z";

fn guest(id: &str, body: &str, sent_at: &str) -> Message {
    message(id, Direction::Inbound, body, sent_at)
}

/// A store holding one thread with `messages`; its key.
fn store_with(messages: Vec<Message>) -> (Store, ThreadKey) {
    let mut store = Store::open_in_memory().unwrap();
    let page = update(thread("Lakeside", "t1", "Ana Lima"), messages);
    store.apply_updates(std::slice::from_ref(&page)).unwrap();
    (store, page.thread.key())
}

fn triage(store: &Store, key: &ThreadKey) -> ThreadTriage {
    let listed = store.inbox_threads_by_key(std::slice::from_ref(key)).unwrap();
    listed[0].triage
}

fn write(store: &mut Store, key: &ThreadKey, messages: Vec<Message>) {
    let mut page = update(thread(&key.account, &key.id, "Ana Lima"), messages);
    page.thread.unread = 2;
    store.apply_updates(&[page]).unwrap();
}

#[test]
fn a_written_thread_is_triaged_on_its_row() {
    let (store, key) = store_with(vec![
        message("1", Direction::Outbound, "Welcome!", "2024-07-05T08:00:00Z"),
        guest("2", "The door code is not working", "2024-07-05T09:00:00Z"),
        guest("3", "Hello?", "2024-07-05T09:30:00Z"),
    ]);
    assert_eq!(triage(&store, &key), ThreadTriage::new(true, true, Some(at("2024-07-05T09:00:00Z"))));

    let (answered, key) = store_with(vec![
        guest("1", "Is there parking?", "2024-07-05T08:00:00Z"),
        message("2", Direction::Outbound, "Yes, behind the house", "2024-07-05T09:00:00Z"),
    ]);
    assert_eq!(triage(&answered, &key), ThreadTriage::default(), "answered: nothing waits");
}

#[test]
fn a_new_guest_message_triages_the_thread_again() {
    let (mut store, key) =
        store_with(vec![message("1", Direction::Outbound, "Welcome!", "2024-07-05T08:00:00Z")]);
    assert!(!triage(&store, &key).needs_reply());
    write(&mut store, &key, vec![guest("2", "There is a leak under the sink", "2024-07-05T10:00:00Z")]);
    let now = triage(&store, &key);
    assert!(now.needs_reply() && now.is_urgent());
}

#[test]
fn a_queued_reply_answers_the_guest_and_a_failed_one_does_not() {
    let (mut store, key) = store_with(vec![guest("1", "Can we check in early?", "2024-07-05T08:00:00Z")]);
    assert!(triage(&store, &key).needs_reply());
    store.enqueue_reply(&key, "Yes, from noon", at("2024-07-05T09:00:00Z")).unwrap();
    assert!(!triage(&store, &key).needs_reply(), "queued answers");

    let taken = store.claim_next("Lakeside", at("2024-07-05T09:00:01Z")).unwrap().unwrap();
    store.finish_delivery(&taken, &Delivery::Failed("HTTP 400".into()), at("2024-07-05T09:00:02Z")).unwrap();
    assert!(triage(&store, &key).needs_reply(), "a failed reply answers no one");
    store.retry_reply(taken.id, at("2024-07-05T09:05:00Z")).unwrap();
    assert!(!triage(&store, &key).needs_reply(), "queued again");
}

#[test]
fn changed_rules_triage_every_thread_again_once() {
    let (mut store, key) = store_with(vec![guest("1", "A wasp nest by the door", "2024-07-05T08:00:00Z")]);
    assert!(!triage(&store, &key).is_urgent());
    let mut rules = TriageRules::default();
    rules.urgency.add_word("wasp*").unwrap();
    store.set_triage_rules(rules.clone());
    assert_eq!(store.retriage_stale(500).unwrap(), (1, true));
    assert!(triage(&store, &key).is_urgent());
    assert_eq!(store.retriage_stale(500).unwrap(), (0, false), "each thread once");

    // Another process with the same rules finds nothing to do.
    store.set_triage_rules(rules);
    assert_eq!(store.retriage_stale(500).unwrap(), (0, false));
}

#[test]
fn a_snooze_lasts_until_its_time_or_a_newer_guest_message() {
    let (mut store, key) = store_with(vec![guest("1", "Any news?", "2024-07-05T08:00:00Z")]);
    let until = at("2024-07-08T09:00:00Z");
    store.set_snooze(&key, Some(until), at(NOW)).unwrap();
    assert_eq!(triage(&store, &key).snoozed_until(), Some(until));

    // A late-synced message sent before the snooze leaves it; our reply too.
    write(&mut store, &key, vec![guest("2", "Also, towels?", "2024-07-06T11:00:00Z")]);
    write(&mut store, &key, vec![message("3", Direction::Outbound, "On it", "2024-07-06T13:00:00Z")]);
    assert_eq!(triage(&store, &key).snoozed_until(), Some(until));

    write(&mut store, &key, vec![guest("4", "Hello??", "2024-07-06T14:00:00Z")]);
    assert_eq!(triage(&store, &key).snoozed_until(), None, "the guest wrote after the snooze");
}

#[test]
fn done_lasts_until_a_newer_guest_message_and_ends_a_snooze() {
    let (mut store, key) = store_with(vec![guest("1", "Thanks for everything!", "2024-07-05T08:00:00Z")]);
    store.set_snooze(&key, Some(at("2024-07-08T09:00:00Z")), at(NOW)).unwrap();
    store.set_done(&key, true, at(NOW)).unwrap();
    let done = triage(&store, &key);
    assert!(done.is_done() && done.snoozed_until().is_none());

    let mut automatic = guest("2", "Your review is live", "2024-07-06T13:00:00Z");
    automatic.automatic = Some(true);
    write(&mut store, &key, vec![automatic]);
    assert!(triage(&store, &key).is_done(), "an automatic message reopens nothing");

    write(&mut store, &key, vec![guest("3", "One more question", "2024-07-06T14:00:00Z")]);
    assert!(!triage(&store, &key).is_done(), "reopened");
    store.set_done(&key, true, at("2024-07-06T15:00:00Z")).unwrap();
    store.set_done(&key, false, at("2024-07-06T15:01:00Z")).unwrap();
    assert!(!triage(&store, &key).is_done(), "reopened by hand");
}

#[test]
fn snooze_and_done_survive_a_reload_of_the_list() {
    let (mut store, key) = store_with(vec![guest("1", "Hi", "2024-07-05T08:00:00Z")]);
    store.set_done(&key, true, at(NOW)).unwrap();
    let listed = store.inbox_threads(None).unwrap();
    assert!(listed[0].triage.is_done());
    assert!(listed[0].triage.is_set_aside(Timestamp::MAX));
}

#[test]
fn an_older_stores_threads_are_triaged_in_the_background_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let page = update(thread("Lakeside", "t1", "Ana Lima"), vec![guest("1", "Hi!", "2024-07-05T08:00:00Z")]);
    store.apply_updates(std::slice::from_ref(&page)).unwrap();
    drop(store);
    // As migration 6 leaves the rows of a store written by an older innbox.
    let conn = rusqlite::Connection::open(dir.path().join(innbox::store::DB_FILE)).unwrap();
    conn.execute("UPDATE threads SET needs_reply = 0, waiting_since = NULL, triaged_by = NULL", []).unwrap();
    drop(conn);

    let mut store = Store::open_in(dir.path()).unwrap();
    let key = page.thread.key();
    assert!(!triage(&store, &key).needs_reply());
    assert_eq!(store.retriage_stale(500).unwrap(), (1, true));
    assert_eq!(triage(&store, &key), ThreadTriage::new(true, false, Some(at("2024-07-05T08:00:00Z"))));
    assert_eq!(store.retriage_stale(500).unwrap(), (0, false));
    drop(store);
    let mut reopened = Store::open_in(dir.path()).unwrap();
    assert_eq!(reopened.retriage_stale(500).unwrap(), (0, false), "nothing left at the next start");
}
