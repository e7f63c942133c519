//! One `[[accounts]]` table: parsed loosely, then validated per provider so every
//! mistake becomes one line naming the account and the field.

use super::secret::SecretSpec;
use crate::domain::ProviderKind;
use secrecy::SecretString;
use serde::Deserialize;

pub const CALRY_BASE_URL: &str = "https://dev.calry.app/api/v2/vrs";
pub const HOSTELMATE_BASE_URL: &str = "https://api.hostelmate.co";
pub const TRELLIS_BASE_URL: &str = "https://api.trellistech.com/v1";
pub const BOOKING_BASE_URL: &str = "https://supply-xml.booking.com/messaging";
pub const BOOKING_AUTH_URL: &str =
    "https://connectivity-authentication.booking.com/token-based-authentication/exchange";

/// A validated account. Secrets are resolved and wrapped; Debug never shows them.
#[derive(Debug, Clone)]
pub struct AccountConfig {
    pub name: String,
    /// Without a trailing slash; the documented paths are appended to it.
    pub base_url: String,
    /// Overrides the provider's default request budget.
    pub requests_per_minute: Option<u32>,
    pub provider: ProviderConfig,
}

#[derive(Debug, Clone)]
pub enum ProviderConfig {
    Calry {
        token: SecretString,
        workspace_id: String,
        integration_account_id: String,
        lookback_days: u32,
        lookahead_days: u32,
        /// A quiet reservation is asked at least once every this many rounds.
        quiet_rounds: u32,
    },
    HostelMate {
        api_key: SecretString,
    },
    Trellis {
        token: SecretString,
    },
    Booking {
        property_ids: Vec<String>,
        auth: BookingAuth,
    },
}

#[derive(Debug, Clone)]
pub enum BookingAuth {
    /// A ready JWT; it cannot be renewed, so a 401 is final.
    Token(SecretString),
    /// Machine-account credentials exchanged for a JWT at `auth_url`.
    ClientCredentials { client_id: String, client_secret: SecretString, auth_url: String },
}

impl AccountConfig {
    pub fn kind(&self) -> ProviderKind {
        match self.provider {
            ProviderConfig::Calry { .. } => ProviderKind::Calry,
            ProviderConfig::HostelMate { .. } => ProviderKind::HostelMate,
            ProviderConfig::Trellis { .. } => ProviderKind::Trellis,
            ProviderConfig::Booking { .. } => ProviderKind::Booking,
        }
    }
}

/// Property ids are documented as strings but arrive as numbers in examples.
#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
    String(String),
    Number(i64),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAccount {
    pub name: Option<String>,
    provider: Option<String>,
    base_url: Option<String>,
    requests_per_minute: Option<u32>,
    token: Option<String>,
    token_env: Option<String>,
    token_cmd: Option<String>,
    workspace_id: Option<String>,
    integration_account_id: Option<String>,
    lookback_days: Option<u32>,
    lookahead_days: Option<u32>,
    quiet_rounds: Option<u32>,
    property_ids: Option<Vec<StringOrNumber>>,
    client_id: Option<String>,
    client_secret: Option<String>,
    client_secret_env: Option<String>,
    client_secret_cmd: Option<String>,
    auth_url: Option<String>,
}

/// The result of validating one account: the account, plus whether it keeps a secret
/// inline (which makes the file's permissions matter).
pub(super) struct Validated {
    pub account: AccountConfig,
    pub has_inline_secret: bool,
}

impl RawAccount {
    fn token_spec(&self) -> SecretSpec<'_> {
        SecretSpec {
            family: "token",
            inline: self.token.as_deref(),
            env: self.token_env.as_deref(),
            cmd: self.token_cmd.as_deref(),
        }
    }

    fn client_secret_spec(&self) -> SecretSpec<'_> {
        SecretSpec {
            family: "client_secret",
            inline: self.client_secret.as_deref(),
            env: self.client_secret_env.as_deref(),
            cmd: self.client_secret_cmd.as_deref(),
        }
    }

    /// Validates against the provider's needs. The error is worded to follow "account 'X': ".
    pub fn validate(self, name: String) -> Result<Validated, String> {
        let provider_name = self.provider.as_deref().ok_or("missing field `provider`")?;
        let kind = ProviderKind::parse(provider_name).ok_or_else(|| {
            format!("unknown provider `{provider_name}` (expected calry, hostelmate, trellis or booking)")
        })?;
        self.refuse_foreign_fields(kind)?;
        let base_url = normalize_url("base_url", self.base_url.as_deref().unwrap_or(default_base_url(kind)))?;
        let mut has_inline_secret = self.token_spec().is_inline();
        let provider = match kind {
            ProviderKind::Calry => ProviderConfig::Calry {
                token: self.token_spec().resolve()?,
                workspace_id: required("workspace_id", &self.workspace_id, kind)?,
                integration_account_id: required(
                    "integration_account_id",
                    &self.integration_account_id,
                    kind,
                )?,
                lookback_days: self.lookback_days.unwrap_or(30),
                lookahead_days: self.lookahead_days.unwrap_or(180),
                quiet_rounds: match self.quiet_rounds {
                    Some(0) => return Err("`quiet_rounds` must be 1 or more".into()),
                    rounds => rounds.unwrap_or(crate::providers::DEFAULT_QUIET_ROUNDS),
                },
            },
            ProviderKind::HostelMate => ProviderConfig::HostelMate { api_key: self.token_spec().resolve()? },
            ProviderKind::Trellis => ProviderConfig::Trellis { token: self.token_spec().resolve()? },
            ProviderKind::Booking => {
                has_inline_secret |= self.client_secret_spec().is_inline();
                ProviderConfig::Booking { property_ids: self.property_ids()?, auth: self.booking_auth()? }
            }
        };
        let account =
            AccountConfig { name, base_url, requests_per_minute: self.requests_per_minute, provider };
        Ok(Validated { account, has_inline_secret })
    }

    fn property_ids(&self) -> Result<Vec<String>, String> {
        let ids: Vec<String> = self
            .property_ids
            .iter()
            .flatten()
            .map(|id| match id {
                StringOrNumber::String(s) => s.trim().to_owned(),
                StringOrNumber::Number(n) => n.to_string(),
            })
            .collect();
        if ids.is_empty() || ids.iter().any(String::is_empty) {
            return Err("`property_ids` must list at least one Booking.com property id".into());
        }
        Ok(ids)
    }

    fn booking_auth(&self) -> Result<BookingAuth, String> {
        let secret = self.client_secret_spec();
        match (self.token_spec().is_given(), self.client_id.as_deref(), secret.is_given()) {
            (true, None, false) => Ok(BookingAuth::Token(self.token_spec().resolve()?)),
            (true, _, _) => Err("give either `token` or `client_id` + `client_secret`, not both".into()),
            (false, Some(client_id), true) => Ok(BookingAuth::ClientCredentials {
                client_id: client_id.to_owned(),
                client_secret: secret.resolve()?,
                auth_url: normalize_url("auth_url", self.auth_url.as_deref().unwrap_or(BOOKING_AUTH_URL))?,
            }),
            (false, Some(_), false) => Err("missing field `client_secret` (or `client_secret_env` / `client_secret_cmd`)".into()),
            (false, None, _) => Err("missing field `client_id` (Booking.com accounts need `client_id` + `client_secret`, or a ready `token`)".into()),
        }
    }

    /// A field that belongs to another provider is almost always a mistake worth a stop.
    fn refuse_foreign_fields(&self, kind: ProviderKind) -> Result<(), String> {
        let calry_only = [
            ("workspace_id", self.workspace_id.is_some()),
            ("integration_account_id", self.integration_account_id.is_some()),
            ("lookback_days", self.lookback_days.is_some()),
            ("lookahead_days", self.lookahead_days.is_some()),
            ("quiet_rounds", self.quiet_rounds.is_some()),
        ];
        let booking_only = [
            ("property_ids", self.property_ids.is_some()),
            ("client_id", self.client_id.is_some()),
            ("client_secret", self.client_secret.is_some()),
            ("client_secret_env", self.client_secret_env.is_some()),
            ("client_secret_cmd", self.client_secret_cmd.is_some()),
            ("auth_url", self.auth_url.is_some()),
        ];
        let foreign = match kind {
            ProviderKind::Calry => &booking_only[..],
            ProviderKind::Booking => &calry_only[..],
            ProviderKind::HostelMate | ProviderKind::Trellis => {
                return calry_only.iter().chain(&booking_only).try_for_each(|f| refuse(f, kind));
            }
        };
        foreign.iter().try_for_each(|f| refuse(f, kind))
    }
}

fn refuse(&(field, present): &(&str, bool), kind: ProviderKind) -> Result<(), String> {
    if present {
        Err(format!("`{field}` does not apply to {} accounts", kind.display_name()))
    } else {
        Ok(())
    }
}

fn required(field: &str, value: &Option<String>, kind: ProviderKind) -> Result<String, String> {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => Ok(v.to_owned()),
        _ => Err(format!("missing field `{field}` ({} accounts need it)", kind.display_name())),
    }
}

fn default_base_url(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::Calry => CALRY_BASE_URL,
        ProviderKind::HostelMate => HOSTELMATE_BASE_URL,
        ProviderKind::Trellis => TRELLIS_BASE_URL,
        ProviderKind::Booking => BOOKING_BASE_URL,
    }
}

fn normalize_url(field: &str, raw: &str) -> Result<String, String> {
    let url = reqwest::Url::parse(raw.trim()).map_err(|e| format!("`{field}` is not a URL ({e}): {raw}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{field}` must start with https:// (or http:// for a local simulator): {raw}"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}
