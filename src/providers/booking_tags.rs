//! Booking.com's tags: `message_read` (per message, for one participant) and
//! `no_reply_needed` (per conversation), set with PUT and cleared with DELETE.
//! Both are idempotent, so every transient failure is retried.

use super::booking::{Booking, authorize};
use super::booking_wire::{DetailData, Envelope, read_state};
use super::http::{Repeat, decode, path_segment};
use super::{ErrorKind, ProviderError};
use crate::domain::{Tag, TagWish, Thread};
use reqwest::Method;
use secrecy::SecretString;
use serde_json::{Value, json};

impl Booking {
    /// See [`super::ProviderClient::set_tag`].
    pub async fn set_tag(&self, thread: &Thread, wish: TagWish) -> Result<Option<u32>, ProviderError> {
        let property_id = thread.property_id.as_deref().unwrap_or_default();
        let conversation =
            format!("/properties/{}/conversations/{}", path_segment(property_id), path_segment(&thread.id));
        let method = if wish.on { Method::PUT } else { Method::DELETE };
        let path = format!("{conversation}/tags/{}", wish.tag.as_str());
        if wish.tag == Tag::NoReplyNeeded {
            self.write_tag(method, &path, None).await?;
            return Ok(None);
        }
        // The participant id and the message ids come from the conversation as the
        // provider has it now. Its newest page is enough: unread counts are read
        // from the newest message back to the first read marker of ours.
        let first: DetailData = self.get(&conversation, None).await?;
        let state = read_state(first.conversation);
        let ours = state.ours.ok_or_else(|| {
            let detail = "the conversation names no property participant to mark it read for";
            ProviderError::new(ErrorKind::Decode, format!("GET {conversation}"), Some(detail.into()))
        })?;
        let (ids, unread_left) = if wish.on {
            let (seen, later): (Vec<_>, Vec<_>) = state
                .unread
                .into_iter()
                .partition(|(_, at)| at.zip(wish.up_to).is_none_or(|(at, up_to)| at <= up_to));
            (seen.into_iter().map(|(id, _)| id).collect(), Some(later.len() as u32))
        } else {
            (state.newest_from_guest.into_iter().collect::<Vec<_>>(), None)
        };
        if !ids.is_empty() {
            let body = json!({ "message_ids": ids, "participant_id": ours });
            self.write_tag(method, &path, Some(body)).await?;
        }
        Ok(unread_left)
    }

    /// One PUT or DELETE; on 401 the token is exchanged again, once. The envelope's
    /// `ok` must not be false.
    async fn write_tag(&self, method: Method, path: &str, body: Option<Value>) -> Result<(), ProviderError> {
        let url = self.endpoint.url(path);
        let label = format!("{method} {path}");
        let attempt = |token: SecretString| {
            let (method, url, label, body) = (method.clone(), &url, &label, &body);
            async move {
                // `no_reply_needed` takes no body at all, as public clients send it.
                let build = |r| match body {
                    Some(body) => authorize(r, &token).json(body),
                    None => authorize(r, &token),
                };
                self.endpoint.execute(method, url, label, &build, Repeat::Safe).await
            }
        };
        let token = self.tokens.token(&self.endpoint).await?;
        let response = match attempt(token.clone()).await {
            Err(e) if e.kind == (ErrorKind::Unauthorized { status: 401 }) => {
                let Some(fresh) = self.tokens.renew(&self.endpoint, &token).await? else { return Err(e) };
                attempt(fresh).await?
            }
            other => other?,
        };
        decode::<Envelope>(&label, &response)?.into_data(&label).map(drop)
    }
}
