//! The offset walk against a list held in memory, pages of two rows: how many pages
//! a round reads and which threads it fetches.

use super::list_rounds::Rounds;
use super::offset::{ListRow, OffsetPage, walk};
use super::wire::{Item, fingerprint};
use super::{KnownMarkers, PageSink};
use crate::domain::time::parse_timestamp;
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Mutex;

const PAGE: usize = 2;

#[derive(Deserialize)]
struct Row {
    id: String,
    at: Option<String>,
}

impl ListRow for Row {
    fn id(&self) -> &str {
        &self.id
    }

    fn activity(&self) -> Option<Timestamp> {
        self.at.as_deref().and_then(parse_timestamp)
    }
}

fn row(id: &str, minute: u32) -> Value {
    json!({"id": id, "at": format!("2025-01-01T10:{minute:02}:00Z")})
}

/// What happens to the list before a page is served, given how many pages this
/// round served already.
type Meanwhile = Box<dyn Fn(usize, &mut Vec<Value>) + Send + Sync>;

/// A provider's list, newest first unless a test says otherwise.
struct List {
    rows: Mutex<Vec<Value>>,
    rounds: Mutex<Rounds>,
    meanwhile: Meanwhile,
}

/// What one round did: the offsets of the pages it read, and the threads it fetched.
#[derive(Debug, PartialEq)]
struct Round {
    pages: Vec<usize>,
    fetched: Vec<String>,
}

impl List {
    fn new(rows: Vec<Value>) -> Self {
        Self { rows: Mutex::new(rows), rounds: Mutex::default(), meanwhile: Box::new(|_, _| {}) }
    }

    /// What the store holds after a round that stored every thread.
    fn stored(&self) -> KnownMarkers {
        let rows = self.rows.lock().unwrap();
        rows.iter().map(|row| (row["id"].as_str().unwrap().to_owned(), fingerprint(row))).collect()
    }

    fn change(&self, update: impl FnOnce(&mut Vec<Value>)) {
        update(&mut self.rows.lock().unwrap());
    }

    async fn round(&self, known: &KnownMarkers) -> Round {
        let (tx, _rx) = tokio::sync::mpsc::channel(1_000);
        let sink = PageSink::new(tx);
        let pages = Mutex::new(Vec::new());
        let fetched = Mutex::new(Vec::new());
        let read_page = |offset: usize| {
            let mut served = pages.lock().unwrap();
            let mut rows = self.rows.lock().unwrap();
            (self.meanwhile)(served.len(), &mut rows);
            served.push(offset);
            let page = rows.iter().skip(offset).take(PAGE).cloned().collect();
            let total = Some(rows.len());
            async move { Ok(OffsetPage { rows: page, total, has_more: None }) }
        };
        let read_thread = |row: Item<Row>| {
            fetched.lock().unwrap().push(row.value.id);
            async { Ok(Vec::new()) }
        };
        walk(&sink, known, &self.rounds, PAGE, read_page, read_thread).await.unwrap();
        Round { pages: pages.into_inner().unwrap(), fetched: fetched.into_inner().unwrap() }
    }
}

fn newest_first() -> Vec<Value> {
    vec![row("a", 50), row("b", 40), row("c", 30), row("d", 20), row("e", 10)]
}

#[tokio::test]
async fn after_a_walk_finds_the_list_newest_first_a_round_with_nothing_new_reads_one_page() {
    let list = List::new(newest_first());
    let first = list.round(&KnownMarkers::new()).await;
    assert_eq!(first.pages, [0, 2, 4, 0], "the first round walks every page, then the first again");
    assert_eq!(first.fetched, ["a", "b", "c", "d", "e"]);
    assert_eq!(list.round(&list.stored()).await, Round { pages: vec![0], fetched: vec![] });
}

#[tokio::test]
async fn a_thread_with_a_new_message_is_fetched_from_the_front_and_the_walk_stops_after_it() {
    let list = List::new(newest_first());
    list.round(&KnownMarkers::new()).await;
    let known = list.stored();
    list.change(|rows| {
        rows.remove(3);
        rows.insert(0, row("d", 55));
    });
    let round = list.round(&known).await;
    assert_eq!(round, Round { pages: vec![0, 2, 0], fetched: vec!["d".into()] });
}

#[tokio::test]
async fn a_thread_that_moves_to_the_front_while_the_round_pages_is_fetched_by_reading_the_front_again() {
    let mut list = List::new(newest_first());
    list.round(&KnownMarkers::new()).await;
    let known = list.stored();
    list.change(|rows| rows[0] = row("a", 52));
    list.meanwhile = Box::new(|served, rows| {
        if served == 1 {
            rows.remove(4);
            rows.insert(0, row("e", 53));
        }
    });
    let round = list.round(&known).await;
    assert_eq!(round.pages, [0, 2, 0]);
    assert_eq!(round.fetched, ["a", "e"], "e moved past the walk to page one");
}

#[tokio::test]
async fn a_list_out_of_order_or_without_times_is_walked_in_full_every_round() {
    for rows in [
        vec![row("a", 10), row("b", 40), row("c", 30)],
        vec![row("a", 50), json!({"id": "b", "at": null}), row("c", 30)],
    ] {
        let list = List::new(rows);
        list.round(&KnownMarkers::new()).await;
        let again = list.round(&list.stored()).await;
        assert_eq!(again, Round { pages: vec![0, 2, 0], fetched: vec![] }, "a change could be on any page");
    }
}
