//! "Possibly the same guest": which other threads the store finds for a thread's
//! guest, and the pairs the user unlinked.

use super::{thread, update};
use innbox::domain::guest_match::MatchReason;
use innbox::domain::{Guest, ProviderKind, Thread, ThreadKey};
use innbox::store::Store;
use pretty_assertions::assert_eq;

fn guest(account: &str, id: &str, name: &str, email: Option<&str>, phone: Option<&str>) -> Thread {
    Thread {
        guest: Guest { name: Some(name.into()), email: email.map(Into::into), phone: phone.map(Into::into) },
        ..thread(account, id, name)
    }
}

fn store_with(threads: Vec<Thread>) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let updates: Vec<_> = threads.into_iter().map(|t| update(t, Vec::new())).collect();
    store.apply_updates(&updates).unwrap();
    store
}

/// The ids found for `id`'s guest with why, unlinked ones marked.
fn found(store: &Store, account: &str, id: &str) -> Vec<(String, MatchReason, bool)> {
    let matches = store.same_guest(&ThreadKey::new(account, id)).unwrap();
    matches.into_iter().map(|m| (m.key.id, m.reason, m.unlinked)).collect()
}

const EMAIL: MatchReason = MatchReason { email: true, phone: false };
const PHONE: MatchReason = MatchReason { email: false, phone: true };
const BOTH: MatchReason = MatchReason { email: true, phone: true };

#[test]
fn the_same_name_with_the_same_email_or_phone_is_found_across_accounts() {
    let store = store_with(vec![
        guest("Canal House", "b1", "Ana Lima", Some("ana@x.com"), Some("+351 912 345 678")),
        guest("Lakeside", "c1", "  ANA   lima ", Some("Ana@X.com"), None),
        guest("Lakeside", "c2", "Ána Lima", None, Some("351-912-345-678")),
        guest("Sunset", "t1", "Ana Lima", Some("ana@x.com"), Some("+351912345678")),
    ]);
    let mut found = found(&store, "Canal House", "b1");
    found.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        found,
        [("c1".into(), EMAIL, false), ("c2".into(), PHONE, false), ("t1".into(), BOTH, false)],
        "case, accents and spacing of the name and email, and the phone's punctuation, do not count"
    );
    assert_eq!(self::found(&store, "Lakeside", "c2").len(), 2, "c2 finds b1 and t1 by phone");
}

#[test]
fn placeholders_empty_emails_and_other_names_are_not_matches() {
    let store = store_with(vec![
        guest("Canal House", "b1", "Ana Lima", Some(""), Some("+1 000-000-0000")),
        guest("Lakeside", "c1", "Ana Lima", Some(""), Some("+1 000-000-0000")),
        guest("Canal House", "b2", "Ana Lima", Some("ana@x.com"), Some("+55 11 91234-5678")),
        guest("Lakeside", "c2", "Ana Silva", Some("ana@x.com"), Some("+55 11 91234-5678")),
        guest("Lakeside", "c3", "Ana Lima", Some("lima@y.com"), Some("12345")),
    ]);
    assert_eq!(found(&store, "Canal House", "b1"), [], "a placeholder phone or an empty email is no contact");
    assert_eq!(found(&store, "Canal House", "b2"), [], "another name, or another contact");
    assert_eq!(found(&store, "Lakeside", "c3"), []);
    assert_eq!(found(&store, "Lakeside", "nowhere"), [], "an unknown thread has no matches");
}

#[test]
fn a_guest_whose_contact_changes_is_matched_by_the_new_one() {
    let mut store = store_with(vec![
        guest("Canal House", "b1", "Ana Lima", Some("ana@x.com"), None),
        guest("Lakeside", "c1", "Ana Lima", Some("old@x.com"), None),
    ]);
    assert_eq!(found(&store, "Canal House", "b1"), []);
    let changed = guest("Lakeside", "c1", "Ana Lima", Some("ANA@x.com"), None);
    store.apply_updates(&[update(changed, Vec::new())]).unwrap();
    assert_eq!(found(&store, "Canal House", "b1"), [("c1".into(), EMAIL, false)]);
}

#[test]
fn a_guest_who_loses_every_contact_is_matched_no_more() {
    let mut store = store_with(vec![
        guest("Canal House", "b1", "Ana Lima", Some("ana@x.com"), Some("+351 912 345 678")),
        guest("Lakeside", "c1", "Ana Lima", Some("ana@x.com"), Some("+351 912 345 678")),
    ]);
    assert_eq!(found(&store, "Canal House", "b1"), [("c1".into(), BOTH, false)]);
    let phone_only = guest("Lakeside", "c1", "Ana Lima", None, Some("+351 912 345 678"));
    store.apply_updates(&[update(phone_only, Vec::new())]).unwrap();
    assert_eq!(found(&store, "Canal House", "b1"), [("c1".into(), PHONE, false)], "the email went");
    let none_left = guest("Lakeside", "c1", "Ana Lima", Some(""), None);
    store.apply_updates(&[update(none_left, Vec::new())]).unwrap();
    assert_eq!(found(&store, "Canal House", "b1"), [], "no contact, no match");
}

#[test]
fn an_unlinked_pair_is_flagged_both_ways_and_can_be_linked_again() {
    let mut store = store_with(vec![
        guest("Canal House", "b1", "Ana Lima", Some("ana@x.com"), None),
        guest("Lakeside", "c1", "Ana Lima", Some("ana@x.com"), None),
        guest("Sunset", "t1", "Ana Lima", Some("ana@x.com"), None),
    ]);
    let (b1, c1) = (ThreadKey::new("Canal House", "b1"), ThreadKey::new("Lakeside", "c1"));
    store.set_same_guest(&b1, &c1, false).unwrap();
    store.set_same_guest(&b1, &c1, false).unwrap(); // twice changes nothing
    let unlinked = |store: &Store, account, id| -> Vec<String> {
        found(store, account, id)
            .into_iter()
            .filter(|(_, _, unlinked)| *unlinked)
            .map(|(id, ..)| id)
            .collect()
    };
    assert_eq!(unlinked(&store, "Canal House", "b1"), ["c1"]);
    assert_eq!(unlinked(&store, "Lakeside", "c1"), ["b1"], "both ways round");
    assert_eq!(unlinked(&store, "Sunset", "t1"), Vec::<String>::new(), "other pairs stay linked");

    store.set_same_guest(&c1, &b1, true).unwrap();
    assert_eq!(unlinked(&store, "Canal House", "b1"), Vec::<String>::new());
    assert_eq!(unlinked(&store, "Lakeside", "c1"), Vec::<String>::new());
}

#[test]
fn a_match_says_where_it_is_newest_first() {
    let mut older = guest("Lakeside", "c1", "Ana Lima", Some("ana@x.com"), None);
    older.updated_at = Some(super::at("2024-06-01T10:00:00Z"));
    let mut booking = guest("Canal House", "b2", "Ana Lima", Some("ana@x.com"), None);
    booking.provider = ProviderKind::Booking;
    booking.property_name = None;
    booking.property_id = Some("8011234".into());
    let store = store_with(vec![guest("Sunset", "t1", "Ana Lima", Some("ana@x.com"), None), older, booking]);
    let matches = store.same_guest(&ThreadKey::new("Sunset", "t1")).unwrap();
    let ids: Vec<_> = matches.iter().map(|m| m.key.id.as_str()).collect();
    assert_eq!(ids, ["b2", "c1"]);
    assert_eq!(matches[0].provider, ProviderKind::Booking);
    assert_eq!(matches[0].property.as_deref(), Some("8011234"), "the property id where it has no name");
    assert_eq!(matches[1].property.as_deref(), Some("Lakeside Cabin"));
    assert_eq!(matches[1].last_activity, Some(super::at("2024-06-01T10:00:00Z")));
}

#[test]
fn a_store_from_before_guest_keys_gets_them_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let dump =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/store/v1.sql")).unwrap();
    let path = dir.path().join(innbox::store::DB_FILE);
    rusqlite::Connection::open(&path).unwrap().execute_batch(&dump).unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let jack = guest("Sunset", "t9", "jack hughes", Some("JACK@example.com"), None);
    store.apply_updates(&[update(jack, Vec::new())]).unwrap();
    let found = store.same_guest(&ThreadKey::new("Sunset", "t9")).unwrap();
    assert_eq!(found.len(), 1, "the migrated Jack Hughes thread is found: {found:?}");
    assert_eq!(found[0].key.account, "Canal House");
}
