//! The SQLite store: round trips, idempotent re-sync, search, drafts and the outbox.

use innbox::domain::{
    Attachment, Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Reservation,
    ReservationStatus, Thread, ThreadKey,
};
use innbox::providers::ThreadUpdate;
use innbox::store::{Delivery, OutboxState, SCHEMA_VERSION, Store};
use jiff::Timestamp;
use pretty_assertions::assert_eq;

#[path = "store/pending_tags.rs"]
mod pending_tags;
#[path = "store/same_guest.rs"]
mod same_guest;
#[path = "store/search.rs"]
mod search;
#[path = "store/triage_state.rs"]
mod triage_state;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn thread(account: &str, id: &str, guest: &str) -> Thread {
    Thread {
        account: account.into(),
        provider: ProviderKind::Calry,
        id: id.into(),
        channel: Some(Channel::Airbnb),
        guest: Guest { name: Some(guest.into()), email: None, phone: Some("+1 609-468-4215".into()) },
        property_id: Some("383270".into()),
        property_name: Some("Lakeside Cabin".into()),
        reservation: Some(Reservation {
            id: "11039822".into(),
            check_in: Some("2024-07-01".parse().unwrap()),
            check_out: Some("2024-07-06".parse().unwrap()),
            status: Some(ReservationStatus::Confirmed),
        }),
        subject: None,
        unread: 1,
        reply: ReplyAbility::Allowed,
        updated_at: Some(at("2024-07-05T22:24:34Z")),
    }
}

fn message(id: &str, direction: Direction, body: &str, sent_at: &str) -> Message {
    Message {
        id: id.into(),
        direction,
        sender: Some("Genevieve".into()),
        body: body.into(),
        sent_at: Some(at(sent_at)),
        status: Some("sent".into()),
        automatic: Some(false),
        kind: Some("channel".into()),
        attachments: vec![Attachment {
            name: Some("map.pdf".into()),
            url: None,
            mime: Some("application/pdf".into()),
        }],
    }
}

fn update(thread: Thread, messages: Vec<Message>) -> ThreadUpdate {
    ThreadUpdate { thread, messages, marker: Some("m1".into()), skipped: Vec::new() }
}

fn sample() -> ThreadUpdate {
    update(
        thread("Lakeside", "5375328", "Genevieve DiFilippo"),
        vec![
            message("2", Direction::Outbound, "Thanks so much!", "2024-07-05T22:23:56Z"),
            message("1", Direction::Inbound, "Everything was great.\nWe left early.", "2024-07-05T22:22:53Z"),
        ],
    )
}

#[test]
fn a_page_round_trips_with_messages_oldest_first() {
    let mut store = Store::open_in_memory().unwrap();
    let page = sample();
    assert_eq!(store.apply_updates(std::slice::from_ref(&page)).unwrap(), vec![page.thread.key()]);

    assert_eq!(store.thread(&page.thread.key()).unwrap(), page.thread);
    let messages = store.messages(&page.thread.key()).unwrap();
    assert_eq!(messages, vec![page.messages[1].clone(), page.messages[0].clone()]);

    let summaries = store.thread_summaries(None).unwrap();
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].message_count, 2);
    assert_eq!(summaries[0].preview.as_deref(), Some("Thanks so much!"));
    assert_eq!(summaries[0].last_direction, Some(Direction::Outbound));
    assert_eq!(summaries[0].last_message_at, Some(at("2024-07-05T22:23:56Z")));
    assert_eq!(store.markers("Lakeside").unwrap().get("5375328").map(String::as_str), Some("m1"));
}

#[test]
fn re_syncing_the_same_page_is_idempotent_and_changes_are_applied() {
    let mut store = Store::open_in_memory().unwrap();
    let mut page = sample();
    store.apply_updates(std::slice::from_ref(&page)).unwrap();
    assert_eq!(store.apply_updates(std::slice::from_ref(&page)).unwrap(), vec![], "nothing changed");
    assert_eq!(store.messages(&page.thread.key()).unwrap().len(), 2, "no duplicates");

    page.thread.unread = 0;
    page.messages[0].status = Some("delivered".into());
    page.messages.push(message("3", Direction::Inbound, "One more thing", "2024-07-06T08:00:00Z"));
    assert_eq!(store.apply_updates(std::slice::from_ref(&page)).unwrap(), vec![page.thread.key()]);

    let messages = store.messages(&page.thread.key()).unwrap();
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[1].status.as_deref(), Some("delivered"));
    assert_eq!(store.thread(&page.thread.key()).unwrap().unread, 0);
    let summary = &store.thread_summaries(None).unwrap()[0];
    assert_eq!((summary.message_count, summary.preview.as_deref()), (3, Some("One more thing")));
}

#[test]
fn summaries_are_newest_activity_first_and_filter_by_account() {
    let mut store = Store::open_in_memory().unwrap();
    let old = update(
        thread("A", "old", "Old"),
        vec![message("1", Direction::Inbound, "hi", "2024-01-01T00:00:00Z")],
    );
    let new = update(
        thread("B", "new", "New"),
        vec![message("1", Direction::Inbound, "hi", "2025-01-01T00:00:00Z")],
    );
    store.apply_updates(&[old, new]).unwrap();
    let ids: Vec<_> = store.thread_summaries(None).unwrap().into_iter().map(|s| s.thread.id).collect();
    assert_eq!(ids, ["new", "old"]);
    let only_a: Vec<_> =
        store.thread_summaries(Some("A")).unwrap().into_iter().map(|s| s.thread.id).collect();
    assert_eq!(only_a, ["old"]);
}

#[test]
fn the_inbox_reads_its_newest_threads_first_with_a_row_of_preview() {
    let mut store = Store::open_in_memory().unwrap();
    let long = "é".repeat(1000);
    let pages: Vec<_> = (0..5)
        .map(|n| {
            let sent = format!("2025-01-0{}T00:00:00Z", n + 1);
            update(
                thread("A", &format!("t{n}"), "Guest"),
                vec![message("1", Direction::Inbound, &long, &sent)],
            )
        })
        .collect();
    store.apply_updates(&pages).unwrap();
    let newest = store.inbox_threads(Some(2)).unwrap();
    assert_eq!(newest.iter().map(|s| s.thread.id.as_str()).collect::<Vec<_>>(), ["t4", "t3"]);
    assert_eq!(newest[0].preview.as_deref().map(|p| p.chars().count()), Some(100));
    assert_eq!(store.inbox_threads(None).unwrap().len(), 5);
    let stored = store.thread_summaries(None).unwrap();
    assert_eq!(stored[0].preview.as_deref().map(|p| p.chars().count()), Some(400), "export keeps more");
    let changed = [ThreadKey::new("A", "t1"), ThreadKey::new("A", "gone"), ThreadKey::new("A", "t3")];
    let reread = store.inbox_threads_by_key(&changed).unwrap();
    assert_eq!(
        reread.iter().map(|s| s.thread.id.as_str()).collect::<Vec<_>>(),
        ["t1", "t3"],
        "an unknown key is skipped"
    );
    assert_eq!(reread[0], *store.inbox_threads(None).unwrap()[3], "the same row the list reads");
}

#[test]
fn drafts_are_saved_replaced_and_cleared() {
    let mut store = Store::open_in_memory().unwrap();
    let key = ThreadKey::new("Lakeside", "5375328");
    store.save_draft(&key, "Hi Gen", at("2025-01-01T00:00:00Z")).unwrap();
    store.save_draft(&key, "Hi Genevieve,", at("2025-01-01T00:00:01Z")).unwrap();
    assert_eq!(store.draft(&key).unwrap().as_deref(), Some("Hi Genevieve,"));
    assert_eq!(store.drafts().unwrap().len(), 1);
    store.save_draft(&key, "  \n", at("2025-01-01T00:00:02Z")).unwrap();
    assert_eq!(store.draft(&key).unwrap(), None, "an emptied draft is gone");
}

#[test]
fn outbox_sends_each_thread_in_order_and_never_twice() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at("2025-01-01T00:00:00Z");
    let a = ThreadKey::new("Lakeside", "a");
    let b = ThreadKey::new("Lakeside", "b");
    let first = store.enqueue_reply(&a, "first", now).unwrap();
    let second = store.enqueue_reply(&a, "second", now).unwrap();
    let other = store.enqueue_reply(&b, "other thread", now).unwrap();
    assert_eq!(first.state, OutboxState::Queued);
    assert_eq!(store.undelivered_count().unwrap(), 3);

    let claimed = store.claim_next("Lakeside", now).unwrap().unwrap();
    assert_eq!((claimed.id, claimed.state, claimed.attempts), (first.id, OutboxState::Sending, 1));
    let next = store.claim_next("Lakeside", now).unwrap().unwrap();
    assert_eq!(next.id, other.id, "`second` waits behind `first`, which is still sending");
    assert_eq!(store.claim_next("Lakeside", now).unwrap(), None);
    assert_eq!(store.claim_next("Elsewhere", now).unwrap(), None);

    let unknown =
        store.finish_delivery(&claimed, &Delivery::Unknown("timeout".into()), now).unwrap().unwrap();
    assert_eq!(store.claim_next("Lakeside", now).unwrap(), None, "an unknown outcome blocks the thread");
    assert_eq!(store.unknown_replies("Lakeside").unwrap(), vec![unknown.clone()]);

    let sent = Delivery::Sent { provider_message_id: Some("p1".into()) };
    assert_eq!(
        store.finish_delivery(&claimed, &sent, now).unwrap(),
        None,
        "that attempt was already settled"
    );
    assert_eq!(
        store.finish_delivery(&unknown, &sent, now).unwrap().map(|e| e.state),
        Some(OutboxState::Sent)
    );
    let retaken = store.claim_next("Lakeside", now).unwrap().unwrap();
    assert_eq!(retaken.id, second.id);
    let failed = store.finish_delivery(&retaken, &Delivery::Failed("HTTP 400".into()), now).unwrap().unwrap();
    assert_eq!((failed.state, failed.error.as_deref()), (OutboxState::Failed, Some("HTTP 400")));
    assert_eq!(store.retry_reply(second.id, now).unwrap().map(|e| e.state), Some(OutboxState::Queued));
    assert_eq!(store.retry_reply(first.id, now).unwrap(), None, "only failed replies can be retried");
}

#[test]
fn a_reply_left_sending_becomes_unknown_on_restart() {
    let dir = tempfile::tempdir().unwrap();
    let now = at("2025-01-01T00:00:00Z");
    let key = ThreadKey::new("Canal", "c1");
    {
        let mut store = Store::open_in(dir.path()).unwrap();
        store.enqueue_reply(&key, "on its way", now).unwrap();
        store.enqueue_reply(&ThreadKey::new("Lakeside", "l1"), "still queued", now).unwrap();
        store.claim_next("Canal", now).unwrap().unwrap();
    } // the process dies mid-send
    let mut store = Store::open_in(dir.path()).unwrap();
    let later = at("2025-01-01T00:00:01Z");
    let recovered = store.recover_interrupted_sends("Canal", later).unwrap();
    assert_eq!(recovered.len(), 1);
    assert_eq!((recovered[0].state, recovered[0].updated_at), (OutboxState::Unknown, later));
    assert_eq!(store.claim_next("Canal", now).unwrap(), None, "never resent blindly");
    assert_eq!(store.recover_interrupted_sends("Lakeside", later).unwrap(), vec![], "only replies sending");
}

#[test]
fn each_account_has_its_own_delivery_lock_next_to_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let canal = store.delivery_lock_path("Canal").unwrap();
    assert_eq!(canal.parent(), Some(dir.path()));
    assert_eq!(Store::open_in(dir.path()).unwrap().delivery_lock_path("Canal"), Some(canal.clone()));
    assert_ne!(store.delivery_lock_path("Lakeside"), Some(canal));
    assert_eq!(Store::open_in_memory().unwrap().delivery_lock_path("Canal"), None);
}

#[test]
fn a_sent_reply_without_an_id_gets_the_id_of_the_message_it_became() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at("2025-01-01T00:00:00Z");
    let key = ThreadKey::new("Lakeside", "a");
    store.enqueue_reply(&key, "Thanks!", now).unwrap();
    let taken = store.claim_next("Lakeside", now).unwrap().unwrap();
    let sent =
        store.finish_delivery(&taken, &Delivery::Sent { provider_message_id: None }, now).unwrap().unwrap();
    assert_eq!(store.claimed_message_ids(&key, -1).unwrap(), Vec::<String>::new());
    store.record_message_id(sent.id, "m-9").unwrap();
    store.record_message_id(sent.id, "m-10").unwrap();
    assert_eq!(store.claimed_message_ids(&key, -1).unwrap(), ["m-9"], "the first id found stays");
    assert_eq!(store.claimed_message_ids(&key, sent.id).unwrap(), Vec::<String>::new(), "except itself");
}

#[test]
fn pending_replies_hide_once_their_message_is_synced() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at("2025-01-01T00:00:00Z");
    let page = sample();
    store.apply_updates(std::slice::from_ref(&page)).unwrap();
    let key = page.thread.key();
    store.enqueue_reply(&key, "See you soon", now).unwrap();
    let taken = store.claim_next("Lakeside", now).unwrap().unwrap();
    store.finish_delivery(&taken, &Delivery::Sent { provider_message_id: Some("77".into()) }, now).unwrap();
    assert_eq!(store.pending_replies(&key).unwrap().len(), 1, "sent, but not in the synced history yet");

    let mut later = page.clone();
    later.messages.push(message("77", Direction::Outbound, "See you soon", "2025-01-01T00:00:01Z"));
    store.apply_updates(&[later]).unwrap();
    assert_eq!(store.pending_replies(&key).unwrap(), vec![]);
    assert_eq!(store.undelivered_count().unwrap(), 0);
}

#[test]
fn the_schema_is_versioned_and_a_newer_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);
    let reopened = Store::open_in(dir.path()).unwrap();
    assert_eq!(reopened.schema_version().unwrap(), SCHEMA_VERSION, "migrations run once");
    drop(reopened);

    let conn = rusqlite::Connection::open(dir.path().join(innbox::store::DB_FILE)).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    drop(conn);
    let err = Store::open_in(dir.path()).err().unwrap().to_string();
    assert!(err.contains("newer innbox") && err.contains("upgrade innbox"), "{err}");
}

#[test]
fn account_sync_status_keeps_the_last_success_through_failures() {
    let mut store = Store::open_in_memory().unwrap();
    store.ensure_account("Lakeside", ProviderKind::Calry).unwrap();
    store.record_sync("Lakeside", at("2025-01-01T00:00:00Z"), None).unwrap();
    store.record_sync("Lakeside", at("2025-01-01T00:05:00Z"), Some("HTTP 401")).unwrap();
    let status = &store.account_statuses().unwrap()[0];
    assert_eq!(status.last_sync_at, Some(at("2025-01-01T00:00:00Z")));
    assert_eq!(status.last_error.as_deref(), Some("HTTP 401"));
}

#[test]
fn a_thread_read_in_innbox_shows_unread_again_only_when_a_newer_message_arrives() {
    let mut store = Store::open_in_memory().unwrap();
    let mut page = sample();
    page.thread.unread = 2;
    store.apply_updates(std::slice::from_ref(&page)).unwrap();
    let unread = |store: &Store| store.thread_summaries(None).unwrap()[0].thread.unread;
    assert_eq!(unread(&store), 2);

    store.mark_read(&page.thread.key()).unwrap();
    assert_eq!(unread(&store), 0);
    store.apply_updates(std::slice::from_ref(&page)).unwrap();
    assert_eq!(unread(&store), 0, "a re-sync of what was read keeps it read");

    page.thread.unread = 3;
    page.messages.push(message("9", Direction::Inbound, "Are you there?", "2024-07-07T09:00:00Z"));
    store.apply_updates(std::slice::from_ref(&page)).unwrap();
    assert_eq!(unread(&store), 3, "a newer guest message counts again");
}

#[test]
fn a_database_written_by_schema_1_migrates_keeping_threads_drafts_and_unsent_replies() {
    let dir = tempfile::tempdir().unwrap();
    let dump =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/store/v1.sql")).unwrap();
    rusqlite::Connection::open(dir.path().join(innbox::store::DB_FILE))
        .unwrap()
        .execute_batch(&dump)
        .unwrap();

    let mut store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let summaries = store.thread_summaries(None).unwrap();
    let guests: Vec<_> = summaries.iter().map(|s| s.thread.guest.name.clone().unwrap()).collect();
    assert_eq!(guests, ["Jack Hughes", "Genevieve DiFilippo"]);
    let lakeside = summaries[1].thread.key();
    assert_eq!(store.messages(&lakeside).unwrap()[0].body, "Everything was great. 🏡 We left early.");
    assert_eq!(store.draft(&lakeside).unwrap().as_deref(), Some("See you next summer"));
    let canal = summaries[0].thread.key();
    let pending = store.pending_replies(&canal).unwrap();
    assert_eq!(pending.len(), 1, "the unsent reply is still queued");
    assert_eq!(pending[0].state, OutboxState::Queued);
    assert_eq!(store.search("東京").unwrap().threads, [canal.clone()].into(), "search keeps working");
    store.mark_read(&lakeside).unwrap();
    assert_eq!(store.thread_summaries(None).unwrap()[1].thread.unread, 0, "the new read state works");
}

fn damage(path: &std::path::Path, at: u64, bytes: &[u8]) {
    use std::io::{Seek, Write};
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(std::io::SeekFrom::Start(at)).unwrap();
    file.write_all(bytes).unwrap();
}

#[test]
fn a_damaged_database_is_refused_with_advice_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(innbox::store::DB_FILE);
    let not_a_database = "these are my notes, not a database\n".repeat(200);
    std::fs::write(&path, &not_a_database).unwrap();
    let err = Store::open_in(dir.path()).err().unwrap().to_string();
    assert!(err.contains("damaged or is not an innbox database") && err.contains("move it aside"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), not_a_database, "innbox never overwrites it");

    std::fs::remove_file(&path).unwrap();
    {
        let mut store = Store::open_in(dir.path()).unwrap();
        store.apply_updates(&[sample()]).unwrap();
    }
    // Scribble over the first page's table of contents, past the 100-byte header.
    damage(&path, 100, &[0xA5; 400]);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open_in(dir.path()).err().unwrap().to_string();
    assert!(err.contains("damaged") && err.contains(&path.display().to_string()), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a damaged store is not repaired behind the user's back"
    );
}

#[test]
fn a_database_locked_by_another_program_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(innbox::store::DB_FILE);
    // Another program holding an exclusive lock on a rollback-journal database.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("CREATE TABLE mine (x); BEGIN EXCLUSIVE; INSERT INTO mine VALUES (1);").unwrap();
    let err = Store::open_in(dir.path()).err().unwrap().to_string();
    assert!(err.contains("locked by another program") && err.contains("try again"), "{err}");
    other.execute_batch("COMMIT").unwrap();
    drop(other);
    assert!(Store::open_in(dir.path()).is_ok(), "usable once the other program lets go");
}

#[test]
fn a_write_blocked_by_another_program_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let other = rusqlite::Connection::open(dir.path().join(innbox::store::DB_FILE)).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; DELETE FROM drafts;").unwrap();
    let key = sample().thread.key();
    let err = store.save_draft(&key, "hello", at("2024-07-06T00:00:00Z")).unwrap_err().to_string();
    assert!(err.contains("another program held the database"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    store.save_draft(&key, "hello", at("2024-07-06T00:00:00Z")).unwrap();
    assert_eq!(store.draft(&key).unwrap().as_deref(), Some("hello"));
}
