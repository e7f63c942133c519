//! Booking.com's Connectivity Messaging API: per-property conversation lists (each
//! row carries only the latest message) and paged conversations, newest first.

use super::booking_auth::TokenCache;
use super::booking_wire::{DetailData, Envelope, ListData, WireConversation, map_conversation};
use super::http::{Endpoint, Repeat, decode, path_segment};
use super::list_rounds::Rounds;
use super::wire::{decode_items, id_text};
use super::{ErrorKind, KnownMarkers, MAX_PAGES, PageSink, ProviderError, SendOutcome, ThreadUpdate};
use crate::domain::Thread;
use reqwest::{Method, RequestBuilder};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::json;
use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Without it there is no `message_type`, no attributes and no guest name.
const API_VERSION: &str = "1.2";

pub struct Booking {
    account: String,
    pub(super) endpoint: Endpoint,
    property_ids: Vec<String>,
    pub(super) tokens: TokenCache,
    rounds: Mutex<Rounds>,
}

pub(super) fn authorize(request: RequestBuilder, token: &SecretString) -> RequestBuilder {
    request.bearer_auth(token.expose_secret()).header("Accept-version", API_VERSION)
}

impl Booking {
    pub fn new(account: String, endpoint: Endpoint, property_ids: Vec<String>, tokens: TokenCache) -> Self {
        Self { account, endpoint, property_ids, tokens, rounds: Mutex::default() }
    }

    fn rounds(&self) -> MutexGuard<'_, Rounds> {
        self.rounds.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn requests(&self) -> u64 {
        self.endpoint.requests()
    }

    /// GET with the cached token; on 401 the token is exchanged again, once.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        page_id: Option<&str>,
    ) -> Result<T, ProviderError> {
        let query: Vec<(&str, String)> = page_id.map(|id| ("page_id", id.to_owned())).into_iter().collect();
        let token = self.tokens.token(&self.endpoint).await?;
        let envelope: Envelope = match self.endpoint.get(path, &query, &|r| authorize(r, &token)).await {
            Err(e) if e.kind == (ErrorKind::Unauthorized { status: 401 }) => {
                let Some(fresh) = self.tokens.renew(&self.endpoint, &token).await? else { return Err(e) };
                self.endpoint.get(path, &query, &|r| authorize(r, &fresh)).await?
            }
            other => other?,
        };
        for warning in &envelope.warnings {
            tracing::warn!(account = %self.account, request = path, %warning, "Booking.com warning");
        }
        let label = format!("GET {path}");
        let data = envelope.into_data(&label)?;
        serde_json::from_value(data)
            .map_err(|e| ProviderError::new(ErrorKind::Decode, label, Some(e.to_string())))
    }

    /// One round: each property's list, as far as [`super::list_rounds`] says.
    pub async fn sync(&self, known: &KnownMarkers, sink: &PageSink) -> Result<(), ProviderError> {
        let full = self.rounds().begin(known);
        for property_id in &self.property_ids {
            let mut page_id: Option<String> = None;
            let mut seen_pages = HashSet::new();
            for _ in 0..MAX_PAGES {
                let page = self.list_page(property_id, page_id.as_deref(), known, sink, true);
                let (next, changed) = page.await?;
                if !full && changed == 0 {
                    break;
                }
                match next {
                    Some(next) if seen_pages.insert(next.clone()) => page_id = Some(next),
                    _ => break,
                }
            }
            // New activity while paging shifts pages: read the first page again and
            // fetch whatever changed since this round listed it.
            if !seen_pages.is_empty() {
                self.list_page(property_id, None, known, sink, false).await?;
            }
        }
        // The order is documented, not found.
        self.rounds().finished(full, true);
        Ok(())
    }

    /// One page of a property's conversation list; fetches the changed conversations
    /// and returns the next page id and how many changed. `counts` is false for the
    /// re-read, whose rows were already counted in the progress.
    async fn list_page(
        &self,
        property_id: &str,
        page_id: Option<&str>,
        known: &KnownMarkers,
        sink: &PageSink,
        counts: bool,
    ) -> Result<(Option<String>, usize), ProviderError> {
        let path = format!("/properties/{}/conversations", path_segment(property_id));
        let page: ListData = self.get(&path, page_id).await?;
        let listed = page.conversations.len();
        let (rows, skipped) = decode_items::<WireConversation>("conversation", page.conversations);
        let mut changed = Vec::new();
        for row in rows {
            let id = row.value.conversation_id;
            if self.rounds().fetches(known, &id, &row.fingerprint) {
                changed.push((id, row.fingerprint));
            }
        }
        let unchanged = if counts {
            sink.add_total(listed);
            listed - changed.len()
        } else {
            0
        };
        let changed_count = changed.len();
        sink.emit(Vec::new(), unchanged, skipped).await;
        let label = |(id, _): &(String, String)| format!("conversation {id}");
        sink.fetch_each(changed, label, |(id, marker)| async move {
            Ok(vec![self.conversation(property_id, &id, Some(marker)).await?])
        })
        .await?;
        Ok((page.next_page_id.filter(|id| !id.trim().is_empty()), changed_count))
    }

    /// A whole conversation: every page of messages, newest first, then mapped.
    async fn conversation(
        &self,
        property_id: &str,
        id: &str,
        marker: Option<String>,
    ) -> Result<ThreadUpdate, ProviderError> {
        let path = format!("/properties/{}/conversations/{}", path_segment(property_id), path_segment(id));
        let mut first: DetailData = self.get(&path, None).await?;
        let mut seen_pages = HashSet::new();
        let mut next = first.next_page_id.take();
        while let Some(page_id) =
            next.filter(|p| seen_pages.insert(p.clone()) && seen_pages.len() < MAX_PAGES)
        {
            let mut page: DetailData = self.get(&path, Some(&page_id)).await?;
            first.conversation.messages.append(&mut page.conversation.messages);
            next = page.next_page_id;
        }
        let (thread, messages, skipped) = map_conversation(&self.account, property_id, first.conversation);
        Ok(ThreadUpdate { thread, messages, marker, skipped })
    }

    pub async fn fetch_thread(&self, thread: &Thread) -> Result<ThreadUpdate, ProviderError> {
        let property_id = thread.property_id.as_deref().unwrap_or_default();
        self.conversation(property_id, &thread.id, None).await
    }

    pub async fn send(&self, thread: &Thread, body: &str) -> Result<SendOutcome, ProviderError> {
        let property_id = thread.property_id.as_deref().unwrap_or_default();
        let path =
            format!("/properties/{}/conversations/{}", path_segment(property_id), path_segment(&thread.id));
        let url = self.endpoint.url(&path);
        let label = format!("POST {path}");
        let payload = json!({ "message": { "content": body } });
        let post = |token: SecretString| {
            let (url, label, payload) = (&url, &label, &payload);
            async move {
                let authorize = |r| authorize(r, &token);
                self.endpoint
                    .send_json(Method::POST, url, label, payload, &authorize, Repeat::OnlyIfUnprocessed)
                    .await
            }
        };
        // A token that cannot be had means the message never left: not sent, not unknown.
        let not_sent = |e: ProviderError| SendOutcome::NotSent(e.to_string());
        let token = match self.tokens.token(&self.endpoint).await {
            Ok(token) => token,
            Err(e) => return Ok(not_sent(e)),
        };
        // A 401 means the message was not accepted, so one retry with a new token is safe.
        let response = match post(token.clone()).await {
            Err(e) if e.kind == (ErrorKind::Unauthorized { status: 401 }) => {
                match self.tokens.renew(&self.endpoint, &token).await {
                    Ok(Some(fresh)) => post(fresh).await?,
                    Ok(None) => return Err(e),
                    Err(renew_error) => return Ok(not_sent(renew_error)),
                }
            }
            other => other?,
        };
        // A 2xx we cannot read still means the message was accepted.
        let Ok(envelope) = decode::<Envelope>(&label, &response) else {
            return Ok(SendOutcome::Sent { provider_message_id: None });
        };
        match envelope.into_data(&label) {
            Ok(data) => {
                Ok(SendOutcome::Sent { provider_message_id: data.get("message_id").and_then(id_text) })
            }
            Err(e) if e.kind == (ErrorKind::Rejected { status: 200 }) => {
                Ok(SendOutcome::Refused(e.to_string()))
            }
            Err(_) => Ok(SendOutcome::Sent { provider_message_id: None }),
        }
    }
}
