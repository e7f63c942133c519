//! The offset-paged list walk Hostel Mate and Trellis share: read `limit` rows at
//! `offset` until the provider says there are no more, and fetch in full only the
//! threads whose list row changed since the last sync.

use super::wire::{Item, decode_items};
use super::{KnownMarkers, MAX_PAGES, PageSink, ProviderError, ThreadUpdate};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;

/// One page of a list, as the walk needs it.
pub struct OffsetPage {
    pub rows: Vec<Value>,
    pub total: Option<usize>,
    /// The provider's own word on further pages, where it gives one.
    pub has_more: Option<bool>,
}

/// A list row's thread id.
pub trait ListRow: DeserializeOwned {
    fn id(&self) -> &str;
}

/// Walks the whole list: `read_page(offset)` reads one page of `page_size`, and
/// `read_thread(row)` the full thread of a row whose fingerprint is new.
pub async fn walk<Row, PageFuture, ThreadFuture>(
    sink: &PageSink,
    known: &KnownMarkers,
    page_size: usize,
    read_page: impl Fn(usize) -> PageFuture,
    read_thread: impl Fn(Item<Row>) -> ThreadFuture,
) -> Result<(), ProviderError>
where
    Row: ListRow,
    PageFuture: Future<Output = Result<OffsetPage, ProviderError>>,
    ThreadFuture: Future<Output = Result<Vec<ThreadUpdate>, ProviderError>>,
{
    let mut offset = 0;
    for page_number in 0..MAX_PAGES {
        let page = read_page(offset).await?;
        if page_number == 0 {
            sink.add_total(page.total.unwrap_or(0));
        }
        let listed = page.rows.len();
        let (rows, skipped) = decode_items::<Row>("thread", page.rows);
        let changed: Vec<_> =
            rows.into_iter().filter(|row| known.get(row.value.id()) != Some(&row.fingerprint)).collect();
        // Unchanged and unreadable rows are done now; changed ones as they are fetched.
        sink.emit(Vec::new(), listed - changed.len(), skipped).await;
        let label = |row: &Item<Row>| format!("thread {}", row.value.id());
        sink.fetch_each(changed, label, &read_thread).await?;
        offset += listed;
        let more =
            page.has_more.unwrap_or(listed == page_size) && page.total.is_none_or(|total| offset < total);
        if !more || listed == 0 {
            break;
        }
    }
    Ok(())
}
