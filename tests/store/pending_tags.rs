//! Tag changes waiting for the provider: one per thread and tag, the latest wish,
//! kept across a restart, and only for providers that keep tags.

use super::*;
use innbox::domain::{Tag, TagWish};
use pretty_assertions::assert_eq;

fn booking(id: &str, unread: u32) -> ThreadUpdate {
    let thread = Thread { provider: ProviderKind::Booking, unread, ..thread("Canal House", id, "Ana") };
    let guest =
        message(&format!("{id}-m1"), Direction::Inbound, "Can we check in early?", "2024-07-05T22:24:34Z");
    update(thread, vec![guest])
}

fn no_reply_needed(on: bool) -> TagWish {
    TagWish { tag: Tag::NoReplyNeeded, on, up_to: None }
}

#[test]
fn wishes_collapse_to_the_latest_per_thread_and_tag_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    store.apply_updates(&[booking("c1", 2), booking("c2", 1)]).unwrap();
    let (c1, c2) = (ThreadKey::new("Canal House", "c1"), ThreadKey::new("Canal House", "c2"));

    store.mark_read(&c1).unwrap();
    assert!(store.queue_read_mark(&c1, at("2024-07-06T08:00:00Z")).unwrap());
    assert!(store.queue_tag(&c2, no_reply_needed(true), at("2024-07-06T08:01:00Z")).unwrap());
    let first = store.pending_tags("Canal House").unwrap();
    assert!(store.queue_tag(&c2, no_reply_needed(false), at("2024-07-06T08:02:00Z")).unwrap());
    drop(store);

    let mut store = Store::open_in(dir.path()).unwrap();
    let pending = store.pending_tags("Canal House").unwrap();
    let wishes: Vec<_> = pending.iter().map(|p| (p.key.id.as_str(), p.wish)).collect();
    let read = TagWish { tag: Tag::Read, on: true, up_to: Some(at("2024-07-05T22:24:34Z")) };
    assert_eq!(
        wishes,
        [("c1", read), ("c2", no_reply_needed(false))],
        "oldest wish first, the newest per tag"
    );

    // The worker sent the older wish: the newer one stays to be sent.
    store.finish_tag(&first[1]).unwrap();
    assert_eq!(store.pending_tags("Canal House").unwrap(), pending);
    store.finish_tag(&pending[1]).unwrap();
    store.finish_tag(&pending[0]).unwrap();
    assert_eq!(store.pending_tags("Canal House").unwrap(), []);
}

#[test]
fn only_unread_threads_of_providers_that_keep_tags_are_queued() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .apply_updates(&[booking("read", 0), update(thread("Lakeside", "calry-1", "Bo"), Vec::new())])
        .unwrap();
    let now = at("2024-07-06T08:00:00Z");
    let calry = ThreadKey::new("Lakeside", "calry-1");
    assert!(!store.queue_read_mark(&calry, now).unwrap(), "Calry keeps no read marks");
    assert!(!store.queue_tag(&calry, no_reply_needed(true), now).unwrap());
    let read = ThreadKey::new("Canal House", "read");
    assert!(!store.queue_read_mark(&read, now).unwrap(), "the provider counts nothing unread");
    let gone = ThreadKey::new("Canal House", "gone");
    assert!(!store.queue_tag(&gone, no_reply_needed(true), now).unwrap());
    assert_eq!(store.pending_tags("Lakeside").unwrap(), []);
    assert_eq!(store.pending_tags("Canal House").unwrap(), []);
}

#[test]
fn the_providers_unread_count_is_recorded_once_it_was_told() {
    let mut store = Store::open_in_memory().unwrap();
    store.apply_updates(&[booking("c1", 3)]).unwrap();
    let key = ThreadKey::new("Canal House", "c1");
    store.record_provider_unread(&key, 0).unwrap();
    assert_eq!(store.thread(&key).unwrap().unread, 0);
}
