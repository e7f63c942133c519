//! Fixed account names and credentials, and the config file that uses them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::Timestamp;
use serde_json::{Value, json};

use super::rng::Rng;
use super::world::Provider;

pub(crate) const CALRY_WORKSPACE_ID: &str = "6f1c2a9e-3b7d-4e21-9c55-0d8e7a4b1f30";
pub(crate) const CALRY_INTEGRATION_ACCOUNT_ID: &str = "b2e4f6a8-1c3d-4e5f-8a9b-7c6d5e4f3a21";
pub(crate) const HOSTELMATE_API_KEY: &str = "hm_live_4c1f9a7e2b6d4e08a3f5c7b9d1e2f3a4";
pub(crate) const TRELLIS_API_KEY: &str = "trls_test_8a3f29c41e7b4d5fa6c2e9b0d7f1a3c5";
pub(crate) const BOOKING_CLIENT_ID: &str = "innbox-sim-machine-account";
pub(crate) const BOOKING_CLIENT_SECRET: &str = "sim-secret-7d3e9a1f4b2c6e8a5f0d";
pub(crate) const BOOKING_PROPERTY_IDS: [&str; 2] = ["8011234", "8011235"];

pub(crate) fn account_name(provider: Provider) -> &'static str {
    match provider {
        Provider::Calry => "Lakeside Rentals",
        Provider::HostelMate => "Harbour Hostel",
        Provider::Trellis => "Sunset Villas",
        Provider::Booking => "Canal House",
    }
}

/// An unsigned-in-spirit JWT: real header and payload, random signature
/// bytes. The simulator checks tokens by exact match, never by signature.
pub(crate) fn jwt(payload: &Value, rng: &mut Rng) -> String {
    let header = json!({"kid": "innbox-sim", "typ": "JWT", "alg": "RS256"});
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        URL_SAFE_NO_PAD.encode(rng.bytes(64))
    )
}

/// Calry's long-lived token: `exp` is the anchor plus 365 days.
pub(crate) fn calry_token(anchor: Timestamp) -> String {
    let now = anchor.as_second();
    let payload = json!({
        "iss": "https://dev.calry.app/auth",
        "userId": "3d0f8c52-7a41-4b9e-a6c3-51e2f9b8d047",
        "workspaceId": CALRY_WORKSPACE_ID,
        "name": "innbox-sim",
        "source": "microservice",
        "iat": now - 86_400,
        "exp": now + 365 * 86_400,
    });
    jwt(&payload, &mut Rng::new(0xca1))
}

/// The innbox config for a simulator at `base` (`http://127.0.0.1:PORT`).
pub(crate) fn config_toml(base: &str, calry_token: &str) -> String {
    let [p1, p2] = BOOKING_PROPERTY_IDS;
    format!(
        r#"# innbox config for the built-in simulator at {base}
[[accounts]]
name = "{calry}"
provider = "calry"
base_url = "{base}/calry/api/v2/vrs"
token = "{calry_token}"
workspace_id = "{CALRY_WORKSPACE_ID}"
integration_account_id = "{CALRY_INTEGRATION_ACCOUNT_ID}"

[[accounts]]
name = "{hostelmate}"
provider = "hostelmate"
base_url = "{base}/hostelmate"
token = "{HOSTELMATE_API_KEY}"

[[accounts]]
name = "{trellis}"
provider = "trellis"
base_url = "{base}/trellis/v1"
token = "{TRELLIS_API_KEY}"

[[accounts]]
name = "{booking}"
provider = "booking"
base_url = "{base}/booking/messaging"
auth_url = "{base}/booking/token-based-authentication/exchange"
client_id = "{BOOKING_CLIENT_ID}"
client_secret = "{BOOKING_CLIENT_SECRET}"
property_ids = ["{p1}", "{p2}"]
"#,
        calry = account_name(Provider::Calry),
        hostelmate = account_name(Provider::HostelMate),
        trellis = account_name(Provider::Trellis),
        booking = account_name(Provider::Booking),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calry_token_expires_a_year_after_the_anchor() {
        let anchor: Timestamp = "2026-03-01T12:00:00Z".parse().unwrap();
        let token = calry_token(anchor);
        let payload = token.split('.').nth(1).unwrap();
        let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        assert_eq!(claims["exp"], anchor.as_second() + 365 * 86_400);
        assert_eq!(token, calry_token(anchor), "fixed for a given anchor");
    }
}
