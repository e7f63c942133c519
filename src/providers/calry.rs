//! Calry's unified vacation-rental API. No endpoint lists conversations, so a sync
//! lists the reservations in the configured window, then reads the conversations
//! (all threads, whole history, one response) of those its schedule picks.

use super::calry_schedule::{Asked, Listed, Schedule};
use super::calry_wire::{Envelope, WireConversation, WireReservation, map_conversation};
use super::http::{Endpoint, Repeat, decode, path_segment};
use super::wire::{Item, decode_items};
use super::{ErrorKind, KnownMarkers, PageSink, ProviderError, SendOutcome, ThreadUpdate, jwt};
use crate::domain::sanitize::sanitize_line;
use crate::domain::time::parse_date;
use crate::domain::{Channel, Thread};
use jiff::{Timestamp, ToSpan};
use reqwest::{Method, RequestBuilder};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use std::sync::{Mutex, PoisonError};

/// Warn this long before the token's `exp`.
const EXPIRY_WARNING_DAYS: i64 = 7;

pub struct CalryConfig {
    pub account: String,
    pub endpoint: Endpoint,
    pub token: SecretString,
    pub workspace_id: String,
    pub integration_account_id: String,
    pub lookback_days: u32,
    pub lookahead_days: u32,
    /// A quiet reservation is asked at least once every this many rounds.
    pub quiet_rounds: u32,
}

pub struct Calry {
    config: CalryConfig,
    schedule: Mutex<Schedule>,
}

impl Calry {
    pub fn new(config: CalryConfig) -> Self {
        let schedule = Mutex::new(Schedule::new(config.quiet_rounds));
        Self { config, schedule }
    }

    fn schedule(&self) -> std::sync::MutexGuard<'_, Schedule> {
        self.schedule.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn requests(&self) -> u64 {
        self.config.endpoint.requests()
    }

    fn authorize(&self, request: RequestBuilder) -> RequestBuilder {
        request
            .bearer_auth(self.config.token.expose_secret())
            .header("workspaceId", &self.config.workspace_id)
            .header("integrationAccountId", &self.config.integration_account_id)
    }

    /// GET and unwrap `{success, data}`; `success: false` is a refusal with Calry's message.
    async fn get_data(&self, path: &str, query: &[(&str, String)]) -> Result<Value, ProviderError> {
        let envelope: Envelope = self.config.endpoint.get(path, query, &|r| self.authorize(r)).await?;
        let label = format!("GET {path}");
        if envelope.success == Some(false) {
            let message = envelope.message.as_deref().and_then(sanitize_line);
            return Err(ProviderError::new(ErrorKind::Rejected { status: 200 }, label, message));
        }
        envelope.data.ok_or_else(|| {
            ProviderError::new(ErrorKind::Decode, label, Some("no `data` in the response".into()))
        })
    }

    async fn get_list(&self, path: &str, query: &[(&str, String)]) -> Result<Vec<Value>, ProviderError> {
        match self.get_data(path, query).await? {
            Value::Array(items) => Ok(items),
            other => Err(ProviderError::new(
                ErrorKind::Decode,
                format!("GET {path}"),
                Some(format!("expected `data` to be a list, got {}", kind_of(&other))),
            )),
        }
    }

    /// The reservations whose stay overlaps the window, filtered by the server.
    async fn reservations(
        &self,
        today: jiff::civil::Date,
    ) -> Result<(Vec<Item<WireReservation>>, Vec<String>), ProviderError> {
        let window_start = today.saturating_sub(i64::from(self.config.lookback_days).days());
        let window_end = today.saturating_add(i64::from(self.config.lookahead_days).days());
        let query =
            [("departureStartDate", window_start.to_string()), ("arrivalEndDate", window_end.to_string())];
        let items = self.get_list("/reservations", &query).await?;
        Ok(decode_items("reservation", items))
    }

    /// A reservation's conversations, and a line for each one that could not be read.
    async fn conversations(
        &self,
        reservation_id: &str,
    ) -> Result<(Vec<Item<WireConversation>>, Vec<String>), ProviderError> {
        let path = format!("/conversations/reservation/{}", path_segment(reservation_id));
        Ok(decode_items("conversation", self.get_list(&path, &[]).await?))
    }

    /// One round: the reservation list, then the conversations of the reservations
    /// the schedule picks (see [`super::calry_schedule`]).
    pub async fn sync(&self, known: &KnownMarkers, sink: &PageSink) -> Result<(), ProviderError> {
        let now = Timestamp::now();
        let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
        let (reservations, skipped) = self.reservations(today).await?;
        let listed: Vec<Listed> = reservations
            .iter()
            .map(|r| Listed {
                id: &r.value.id,
                fingerprint: &r.fingerprint,
                arrival: r.value.arrival_date.as_deref().and_then(parse_date),
                departure: r.value.departure_date.as_deref().and_then(parse_date),
            })
            .collect();
        let plan = self.schedule().plan(&listed, known, today, now);
        let reservations: Vec<_> = reservations
            .into_iter()
            .enumerate()
            .filter_map(|(index, r)| plan.binary_search(&index).is_ok().then_some(r))
            .collect();
        sink.add_total(reservations.len());
        sink.emit(Vec::new(), 0, skipped).await;
        let label = |r: &Item<WireReservation>| format!("reservation {}", r.value.id);
        sink.fetch_each(reservations, label, |reservation| async move {
            let (conversations, skipped) = self.conversations(&reservation.value.id).await?;
            if !skipped.is_empty() {
                sink.emit(Vec::new(), 0, skipped).await;
            }
            let mut asked = Asked::default();
            let mut changed = Vec::new();
            for conversation in conversations {
                let marker = format!("{}{}", conversation.fingerprint, reservation.fingerprint);
                let unchanged = known.get(&conversation.value.id) == Some(&marker);
                let update = self.update(conversation.value, Some(&reservation.value), Some(marker.clone()));
                asked.note(&update.thread.id, &marker, &update.messages);
                if !unchanged {
                    changed.push(update);
                }
            }
            self.schedule().record(&reservation.value.id, &reservation.fingerprint, asked);
            Ok(changed)
        })
        .await
    }

    fn update(
        &self,
        conversation: WireConversation,
        reservation: Option<&WireReservation>,
        marker: Option<String>,
    ) -> ThreadUpdate {
        let (thread, messages, skipped) = map_conversation(&self.config.account, conversation, reservation);
        ThreadUpdate { thread, messages, marker, skipped }
    }

    pub async fn fetch_thread(&self, thread: &Thread) -> Result<ThreadUpdate, ProviderError> {
        let not_found = |detail: &str| {
            ProviderError::new(ErrorKind::NotFound, format!("thread {}", thread.id), Some(detail.into()))
        };
        let reservation = thread.reservation.as_ref().ok_or_else(|| not_found("it has no reservation id"))?;
        let conversation = self
            .conversations(&reservation.id)
            .await?
            .0
            .into_iter()
            .find(|c| c.value.id == thread.id)
            .ok_or_else(|| not_found("its reservation no longer lists it"))?;
        let mut update = self.update(conversation.value, None, None);
        super::keep_known_details(&mut update.thread, thread);
        Ok(update)
    }

    pub async fn send(&self, thread: &Thread, body: &str) -> Result<SendOutcome, ProviderError> {
        let mut payload = json!({
            "conversationId": thread.id,
            "reservationId": thread.reservation.as_ref().map(|r| r.id.as_str()),
            "body": body,
        });
        if let Some(kind) = send_type(thread.channel.as_ref()) {
            payload["type"] = json!(kind);
        }
        if thread.channel == Some(Channel::Email) {
            let subject = thread.subject.as_deref().unwrap_or("Your stay");
            let subject =
                if subject.starts_with("Re:") { subject.to_owned() } else { format!("Re: {subject}") };
            payload["subject"] = json!(subject);
        }
        let url = self.config.endpoint.url("/conversations");
        let label = "POST /conversations";
        let authorize = |r| self.authorize(r);
        let body = self
            .config
            .endpoint
            .send_json(Method::POST, &url, label, &payload, &authorize, Repeat::OnlyIfUnprocessed)
            .await?;
        // The shape of `data` is undocumented: a 2xx we cannot read still means sent.
        let Ok(envelope) = decode::<Envelope>(label, &body) else {
            return Ok(SendOutcome::Sent { provider_message_id: None });
        };
        if envelope.success == Some(false) {
            return Ok(SendOutcome::Refused(
                envelope
                    .message
                    .as_deref()
                    .and_then(sanitize_line)
                    .unwrap_or_else(|| "Calry refused the message".into()),
            ));
        }
        let id = envelope.data.as_ref().and_then(|data| {
            ["/id", "/messageId", "/message/id"]
                .iter()
                .find_map(|p| data.pointer(p))
                .and_then(super::wire::id_text)
        });
        Ok(SendOutcome::Sent { provider_message_id: id })
    }

    pub fn warnings(&self, now: Timestamp) -> Vec<String> {
        let Some(expires) = jwt::expiry(self.config.token.expose_secret()) else { return Vec::new() };
        let date = expires.to_zoned(jiff::tz::TimeZone::UTC).date();
        if expires <= now {
            vec![format!("the Calry token expired on {date}; get a new one from Calry and update the config")]
        } else if expires.duration_since(now).as_hours() < EXPIRY_WARNING_DAYS * 24 {
            vec![format!("the Calry token expires on {date}; get a new one from Calry before then")]
        } else {
            Vec::new()
        }
    }
}

/// Calry's message `type` for a reply: DIRECT for OTA threads, EMAIL needs a subject.
fn send_type(channel: Option<&Channel>) -> Option<&'static str> {
    Some(match channel? {
        Channel::Email => "EMAIL",
        Channel::Sms => "SMS",
        Channel::Whatsapp => "WHATSAPP",
        Channel::Airbnb | Channel::Booking | Channel::Vrbo | Channel::Hostelworld | Channel::Direct => {
            "DIRECT"
        }
        Channel::Other(_) => return None,
    })
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::RetryPolicy;
    use base64::Engine;

    fn calry_with_token_expiring(at: Timestamp) -> Calry {
        let claims = format!(r#"{{"exp":{}}}"#, at.as_second());
        let token = format!("e30.{}.sig", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(claims));
        Calry::new(CalryConfig {
            account: "Lakeside".into(),
            endpoint: Endpoint::new(reqwest::Client::new(), "http://unused", 60, RetryPolicy::none()),
            token: SecretString::from(token),
            workspace_id: "w".into(),
            integration_account_id: "i".into(),
            lookback_days: 30,
            lookahead_days: 180,
            quiet_rounds: 10,
        })
    }

    #[test]
    fn the_token_warns_a_week_before_it_expires_and_after() {
        let now: Timestamp = "2026-11-21T12:00:00Z".parse().unwrap();
        let days = |d: i64| now + jiff::SignedDuration::from_hours(24 * d);
        assert_eq!(calry_with_token_expiring(days(30)).warnings(now), Vec::<String>::new());
        assert_eq!(
            calry_with_token_expiring(days(3)).warnings(now),
            ["the Calry token expires on 2026-11-24; get a new one from Calry before then"]
        );
        assert_eq!(
            calry_with_token_expiring(days(-1)).warnings(now),
            ["the Calry token expired on 2026-11-20; get a new one from Calry and update the config"]
        );
    }
}
