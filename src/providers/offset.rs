//! The offset-paged list walk Hostel Mate and Trellis share: read `limit` rows at
//! `offset`, and fetch in full only the threads whose list row changed since the
//! last sync. Neither provider documents its list's order, so a round stops early
//! only while the last full walk found the rows newest first (see `list_rounds`).

use super::list_rounds::Rounds;
use super::wire::{Item, decode_items};
use super::{KnownMarkers, MAX_PAGES, PageSink, ProviderError, ThreadUpdate};
use jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;
use std::sync::{Mutex, PoisonError};

/// One page of a list, as the walk needs it.
pub struct OffsetPage {
    pub rows: Vec<Value>,
    pub total: Option<usize>,
    /// The provider's own word on further pages, where it gives one.
    pub has_more: Option<bool>,
}

/// A list row: its thread's id, and its latest activity, the order a list newest
/// first would be in.
pub trait ListRow: DeserializeOwned {
    fn id(&self) -> &str;
    fn activity(&self) -> Option<Timestamp>;
}

/// Walks the list, every page or as far as `rounds` allows: `read_page(offset)`
/// reads one page of `page_size`, and `read_thread(row)` the full thread of a row
/// whose fingerprint is new.
pub async fn walk<Row, PageFuture, ThreadFuture>(
    sink: &PageSink,
    known: &KnownMarkers,
    rounds: &Mutex<Rounds>,
    page_size: usize,
    read_page: impl Fn(usize) -> PageFuture,
    read_thread: impl Fn(Item<Row>) -> ThreadFuture,
) -> Result<(), ProviderError>
where
    Row: ListRow,
    PageFuture: Future<Output = Result<OffsetPage, ProviderError>>,
    ThreadFuture: Future<Output = Result<Vec<ThreadUpdate>, ProviderError>>,
{
    let lock = || rounds.lock().unwrap_or_else(PoisonError::into_inner);
    let full = lock().begin(known);
    let mut walk = Walk { sink, known, rounds, newest_first: true, last: None };
    let mut offset = 0;
    let mut announced_total = None;
    for page_number in 0..MAX_PAGES {
        let page = read_page(offset).await?;
        let listed = page.rows.len();
        // A full walk's progress knows its end from the first page; a partial one's
        // grows with each page it reads.
        if page_number == 0 {
            announced_total = page.total.filter(|_| full);
            sink.add_total(announced_total.unwrap_or(0));
        }
        if announced_total.is_none() {
            sink.add_total(listed);
        }
        let changed = walk.take(page.rows, true, &read_thread).await?;
        offset += listed;
        let more =
            page.has_more.unwrap_or(listed == page_size) && page.total.is_none_or(|total| offset < total);
        if !more || listed == 0 || (!full && changed == 0) {
            break;
        }
    }
    // New activity while paging moves threads to the front, past this walk: read the
    // first page again and fetch whatever changed since this round listed it.
    if offset > page_size {
        walk.take(read_page(0).await?.rows, false, &read_thread).await?;
    }
    let newest_first = walk.newest_first;
    lock().finished(full, newest_first);
    Ok(())
}

struct Walk<'a> {
    sink: &'a PageSink,
    known: &'a KnownMarkers,
    rounds: &'a Mutex<Rounds>,
    /// Whether every row so far came no newer than the one before it.
    newest_first: bool,
    last: Option<Timestamp>,
}

impl Walk<'_> {
    /// Fetches the rows of a page that neither the store nor this round has seen as
    /// they are now, and returns how many. `first_look` is false for the first page
    /// read again, whose rows were counted and ordered when first read.
    async fn take<Row, ThreadFuture>(
        &mut self,
        rows: Vec<Value>,
        first_look: bool,
        read_thread: &impl Fn(Item<Row>) -> ThreadFuture,
    ) -> Result<usize, ProviderError>
    where
        Row: ListRow,
        ThreadFuture: Future<Output = Result<Vec<ThreadUpdate>, ProviderError>>,
    {
        let listed = rows.len();
        let (rows, skipped) = decode_items::<Row>("thread", rows);
        if first_look {
            for row in &rows {
                let activity = row.value.activity();
                self.newest_first &= activity.is_some_and(|at| self.last.is_none_or(|last| at <= last));
                self.last = activity;
            }
        }
        let changed: Vec<_> = {
            let mut rounds = self.rounds.lock().unwrap_or_else(PoisonError::into_inner);
            rows.into_iter()
                .filter(|row| rounds.fetches(self.known, row.value.id(), &row.fingerprint))
                .collect()
        };
        let count = changed.len();
        // Unchanged and unreadable rows are done now; changed ones as they are fetched.
        if first_look {
            self.sink.emit(Vec::new(), listed - count, skipped).await;
        } else {
            self.sink.add_total(count);
        }
        let label = |row: &Item<Row>| format!("thread {}", row.value.id());
        self.sink.fetch_each(changed, label, read_thread).await?;
        Ok(count)
    }
}
