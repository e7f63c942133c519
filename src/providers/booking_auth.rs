//! Booking.com machine-account tokens: exchanged for a JWT, cached until shortly
//! before it expires (only 30 exchanges are allowed per hour), and renewed once
//! when the API answers 401.

use super::http::{Endpoint, Repeat};
use super::{ErrorKind, ProviderError, jwt};
use crate::config::BookingAuth;
use jiff::{SignedDuration, Timestamp};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use tokio::sync::Mutex;

/// Documented lifetime, used when the JWT does not carry `exp`.
const TOKEN_LIFETIME: SignedDuration = SignedDuration::from_secs(3600);
/// Renew this long before expiry so no request carries a token about to lapse.
const RENEW_MARGIN: SignedDuration = SignedDuration::from_secs(300);

pub struct TokenCache {
    auth: BookingAuth,
    cached: Mutex<Option<Cached>>,
}

struct Cached {
    jwt: SecretString,
    renew_at: Timestamp,
}

impl TokenCache {
    pub fn new(auth: BookingAuth) -> Self {
        Self { auth, cached: Mutex::new(None) }
    }

    /// A valid token: the cached one, or a fresh exchange.
    pub async fn token(&self, endpoint: &Endpoint) -> Result<SecretString, ProviderError> {
        let (client_id, client_secret, auth_url) = match &self.auth {
            BookingAuth::Token(token) => return Ok(token.clone()),
            BookingAuth::ClientCredentials { client_id, client_secret, auth_url } => {
                (client_id, client_secret, auth_url)
            }
        };
        // Holding the lock across the exchange makes concurrent callers share one.
        let mut cached = self.cached.lock().await;
        if let Some(token) = cached.as_ref().filter(|c| Timestamp::now() < c.renew_at) {
            return Ok(token.jwt.clone());
        }
        let body = json!({ "client_id": client_id, "client_secret": client_secret.expose_secret() });
        let label = "POST token exchange";
        let response = endpoint.send_json(Method::POST, auth_url, label, &body, &|r| r, Repeat::Safe).await?;
        let jwt = extract_jwt(&response).ok_or_else(|| {
            ProviderError::new(
                ErrorKind::Decode,
                label,
                Some("the token exchange answered without a `jwt`".into()),
            )
        })?;
        let expires = jwt::expiry(&jwt).unwrap_or_else(|| Timestamp::now() + TOKEN_LIFETIME);
        let jwt = SecretString::from(jwt);
        let renew_at = expires.checked_sub(RENEW_MARGIN).unwrap_or(expires);
        *cached = Some(Cached { jwt: jwt.clone(), renew_at });
        Ok(jwt)
    }

    /// After a 401 with `rejected`: drop it and exchange again, once. None when the
    /// token came from the config and cannot be renewed.
    pub async fn renew(
        &self,
        endpoint: &Endpoint,
        rejected: &SecretString,
    ) -> Result<Option<SecretString>, ProviderError> {
        if matches!(self.auth, BookingAuth::Token(_)) {
            return Ok(None);
        }
        {
            let mut cached = self.cached.lock().await;
            // Another request may have renewed it already; only drop the rejected one.
            if cached.as_ref().is_some_and(|c| c.jwt.expose_secret() == rejected.expose_secret()) {
                *cached = None;
            }
        }
        self.token(endpoint).await.map(Some)
    }
}

fn extract_jwt(body: &str) -> Option<String> {
    let json: Value = serde_json::from_str(body).ok()?;
    ["/jwt", "/data/jwt", "/token", "/access_token"]
        .iter()
        .find_map(|pointer| json.pointer(pointer)?.as_str())
        .filter(|jwt| !jwt.trim().is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_jwt_is_found_where_clients_have_seen_it() {
        assert_eq!(extract_jwt(r#"{"jwt":"a.b.c","ruid":"x"}"#).as_deref(), Some("a.b.c"));
        assert_eq!(extract_jwt(r#"{"data":{"jwt":"d.e.f"}}"#).as_deref(), Some("d.e.f"));
        assert_eq!(extract_jwt(r#"{"jwt":""}"#), None);
        assert_eq!(extract_jwt("not json"), None);
    }
}
