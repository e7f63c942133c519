//! Search: what the word index finds, and what it keeps when a query is broad.

use super::{message, sample, thread, update};
use innbox::domain::{Direction, ThreadKey};
use innbox::store::{MAX_MATCHING_THREADS, Store};
use pretty_assertions::assert_eq;

/// What a search finds once the writes so far are indexed, as a sync leaves them.
fn found(store: &mut Store, query: &str) -> Vec<String> {
    store.index_backlog(usize::MAX).unwrap();
    let mut ids: Vec<_> = store.search(query).unwrap().threads.into_iter().map(|k| k.id).collect();
    ids.sort();
    ids
}

#[test]
fn search_finds_message_words_by_prefix_in_any_script() {
    let mut store = Store::open_in_memory().unwrap();
    let tokyo = thread("Trellis", "t2", "Aiko Tanaka");
    let mut accents = sample();
    accents.messages[1].body = "Le séjour était génial ! Check-in à 15 h.".into();
    accents.thread.id = "fr".into();
    store
        .apply_updates(&[
            sample(),
            accents,
            update(
                tokyo,
                vec![message(
                    "9",
                    Direction::Inbound,
                    "東京駅からの行き方を教えてください",
                    "2025-01-01T00:00:00Z",
                )],
            ),
        ])
        .unwrap();
    assert_eq!(found(&mut store, "left early"), ["5375328"], "message text");
    assert_eq!(found(&mut store, "EARLY left"), ["5375328"], "any case, any word order");
    assert_eq!(found(&mut store, "ear"), ["5375328"], "a word being typed matches as a prefix");
    assert_eq!(found(&mut store, "arly"), Vec::<String>::new(), "words match from their start");
    assert_eq!(found(&mut store, "genial sejour"), ["fr"], "diacritics folded");
    assert_eq!(found(&mut store, "check-in"), ["fr"], "punctuation inside a word");
    assert_eq!(found(&mut store, "行き方"), ["t2"], "CJK from the middle of a sentence");
    assert_eq!(found(&mut store, "東"), ["t2"], "one CJK character");
    assert_eq!(found(&mut store, "thanks"), ["5375328", "fr"]);
    assert_eq!(found(&mut store, "\"unbalanced"), Vec::<String>::new(), "quotes are not syntax");
    assert_eq!(found(&mut store, "AND OR NOT * ( ^"), Vec::<String>::new(), "nor are operators");
    assert_eq!(
        found(&mut store, "Genevieve"),
        Vec::<String>::new(),
        "names are the list's to match, not the index's"
    );
    assert_eq!(found(&mut store, "nowhere to be found"), Vec::<String>::new());
}

#[test]
fn messages_sent_at_one_moment_or_at_no_known_time_are_all_kept_and_found() {
    let mut store = Store::open_in_memory().unwrap();
    let same_moment: Vec<_> = (0..5000)
        .map(|n| message(&n.to_string(), Direction::Inbound, "late checkout?", "2025-01-01T00:00:00Z"))
        .collect();
    let mut untimed: Vec<_> = (0..3)
        .map(|n| message(&format!("u{n}"), Direction::Inbound, "late arrival", "2025-01-01T00:00:00Z"))
        .collect();
    untimed.iter_mut().for_each(|m| m.sent_at = None);
    let next_moment = message("next", Direction::Inbound, "late again", "2025-01-01T00:00:00.001Z");
    // The next millisecond first: the overflow of the full one then finds its seq taken.
    store.apply_updates(&[update(thread("A", "busy", "Guest"), vec![next_moment])]).unwrap();
    store.apply_updates(&[update(thread("A", "busy", "Guest"), same_moment)]).unwrap();
    store.apply_updates(&[update(thread("A", "old", "Guest"), untimed)]).unwrap();
    assert_eq!(store.messages(&ThreadKey::new("A", "busy")).unwrap().len(), 5001);
    assert_eq!(store.messages(&ThreadKey::new("A", "old")).unwrap().len(), 3);
    assert_eq!(found(&mut store, "late"), ["busy", "old"]);
}

#[test]
fn written_messages_are_searchable_once_indexed_and_say_so_until_then() {
    let mut store = Store::open_in_memory().unwrap();
    store.apply_updates(&[sample()]).unwrap();
    let before = store.search("early").unwrap();
    assert!(before.threads.is_empty());
    assert_eq!(before.unindexed, 2, "the filter line tells how many are not searchable yet");
    assert_eq!(store.index_backlog(1).unwrap(), 1, "a chunk at a time");
    assert_eq!(store.index_backlog(10).unwrap(), 1);
    assert_eq!(store.index_backlog(10).unwrap(), 0);
    let after = store.search("early").unwrap();
    assert_eq!((after.threads.len(), after.unindexed), (1, 0));
}

#[test]
fn an_edited_message_is_found_by_its_new_words_only() {
    let mut store = Store::open_in_memory().unwrap();
    let mut page = sample();
    store.apply_updates(std::slice::from_ref(&page)).unwrap();
    page.messages[1].body = "The pool heater is broken".into();
    store.apply_updates(std::slice::from_ref(&page)).unwrap();
    assert_eq!(found(&mut store, "heater"), ["5375328"]);
    assert_eq!(found(&mut store, "early"), Vec::<String>::new(), "the old text left the index");
}

#[test]
fn a_broad_search_keeps_the_newest_matching_threads() {
    let mut store = Store::open_in_memory().unwrap();
    let count = MAX_MATCHING_THREADS + 50;
    // Newest first, as a first sync brings them: arrival order is not send order.
    let pages: Vec<_> = (0..count)
        .rev()
        .map(|n| {
            let sent = jiff::Timestamp::from_second(1_700_000_000 + n as i64).unwrap().to_string();
            update(
                thread("A", &format!("t{n}"), "Guest"),
                vec![message("1", Direction::Inbound, "Is parking free?", &sent)],
            )
        })
        .collect();
    store.apply_updates(&pages).unwrap();
    store.index_backlog(usize::MAX).unwrap();
    let matches = store.search("parking").unwrap();
    assert!(matches.truncated);
    assert_eq!(matches.threads.len(), MAX_MATCHING_THREADS);
    assert!(matches.threads.contains(&ThreadKey::new("A", format!("t{}", count - 1))), "the newest is kept");
    assert!(!matches.threads.contains(&ThreadKey::new("A", "t0")), "the oldest is left out");
    assert!(!store.search("free parking").unwrap().threads.is_empty());
}
