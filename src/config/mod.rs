//! The TOML config: where it lives, what it holds, and one-line errors for every mistake.

mod account;
mod keys;
mod replies;
mod secret;
mod triage;

pub use account::{AccountConfig, BookingAuth, ProviderConfig};
pub use replies::{ReplySettings, StayTimes};

use crate::domain::sanitize::collapse_whitespace;
use crate::domain::triage::TriageRules;
use crate::keymap::Keymap;
use account::RawAccount;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(30);
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The whole config, validated. Secrets are resolved (commands already ran).
#[derive(Debug, Clone)]
pub struct Config {
    pub poll_interval: Duration,
    pub request_timeout: Duration,
    pub accounts: Vec<AccountConfig>,
    pub triage: TriageRules,
    /// The inbox starts with privacy mode on (`p` toggles it).
    pub privacy_mode: bool,
    pub replies: ReplySettings,
    /// The defaults with the `[keys]` table's overrides.
    pub keymap: Keymap,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            poll_interval: DEFAULT_POLL_INTERVAL,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            accounts: Vec::new(),
            triage: TriageRules::default(),
            privacy_mode: false,
            replies: ReplySettings::default(),
            keymap: Keymap::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("config {path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    poll_interval_secs: Option<u64>,
    request_timeout_secs: Option<u64>,
    /// The owner's explicit choice to keep inline secrets in a file others can read.
    #[serde(default)]
    allow_readable_secrets: bool,
    #[serde(default)]
    privacy_mode: bool,
    #[serde(default)]
    accounts: Vec<toml::Table>,
    #[serde(default)]
    triage: triage::RawTriage,
    #[serde(default)]
    replies: replies::RawReplies,
    /// Read again with its positions by `keys::keymap`.
    #[serde(default, rename = "keys")]
    _keys: Option<toml::Table>,
}

/// Only the `[triage]` table; every other key is left to [`Config::load`].
#[derive(Deserialize)]
struct TriageOnly {
    #[serde(default)]
    triage: triage::RawTriage,
}

impl Config {
    /// Loads `path`. A missing file is an error only when `must_exist` (the user named it);
    /// otherwise it means no accounts yet, and the cache stays browsable.
    pub fn load(path: &Path, must_exist: bool) -> Result<Self, ConfigError> {
        let templates_dir = Some(path.parent().unwrap_or(Path::new(".")).join("templates"));
        let Some(text) = read(path, must_exist)? else {
            let mut config = Self::default();
            config.replies.templates_dir = templates_dir;
            return Ok(config);
        };
        let invalid = |message: String| ConfigError::Invalid { path: path.to_owned(), message };
        let mut parsed = Self::parse(&text).map_err(invalid)?;
        parsed.config.replies.templates_dir = templates_dir;
        // Like ssh with a readable key: refuse rather than run on leaked credentials.
        if parsed.has_inline_secrets && !parsed.allow_readable_secrets && is_readable_by_others(path) {
            return Err(invalid(format!(
                "it holds inline secrets and other users can read it; run `chmod 600 {}`, move the \
                 secrets to token_env or token_cmd, or set `allow_readable_secrets = true` to accept the risk",
                path.display()
            )));
        }
        Ok(parsed.config)
    }

    /// Loads only the triage rules, for the commands that read the store and never the
    /// network: no secret is resolved (no `token_cmd` runs), and a mistake outside
    /// `[triage]` is left for the commands that use the accounts.
    pub fn load_triage(path: &Path, must_exist: bool) -> Result<TriageRules, ConfigError> {
        let Some(text) = read(path, must_exist)? else {
            return Ok(TriageRules::default());
        };
        let invalid = |message: String| ConfigError::Invalid { path: path.to_owned(), message };
        let raw: TriageOnly = toml::from_str(&text).map_err(|e| invalid(toml_error(&text, &e)))?;
        raw.triage.validate().map_err(invalid)
    }

    /// Parses and validates config text. The error is one line naming the account and field.
    pub fn parse_str(text: &str) -> Result<Self, String> {
        Self::parse(text).map(|parsed| parsed.config)
    }

    fn parse(text: &str) -> Result<Parsed, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
        let mut config = Config {
            poll_interval: seconds(
                "poll_interval_secs",
                raw.poll_interval_secs,
                DEFAULT_POLL_INTERVAL,
                86_400,
            )?,
            request_timeout: seconds(
                "request_timeout_secs",
                raw.request_timeout_secs,
                DEFAULT_REQUEST_TIMEOUT,
                600,
            )?,
            triage: raw.triage.validate()?,
            replies: raw.replies.validate()?,
            keymap: keys::keymap(text)?,
            accounts: Vec::new(),
            privacy_mode: raw.privacy_mode,
        };
        let mut has_inline_secrets = false;
        let mut names = HashSet::new();
        for (index, table) in raw.accounts.into_iter().enumerate() {
            let label = account_label(&table, index);
            let raw: RawAccount = table
                .try_into()
                .map_err(|e: toml::de::Error| format!("{label}: {}", collapse_whitespace(e.message())))?;
            let name = match raw.name.as_deref().map(str::trim) {
                Some(name) if !name.is_empty() => name.to_owned(),
                _ => return Err(format!("{label}: missing field `name`")),
            };
            if !names.insert(name.clone()) {
                return Err(format!(
                    "account '{name}': two accounts are named '{name}'; names must be unique"
                ));
            }
            let validated = raw.validate(name).map_err(|e| format!("{label}: {e}"))?;
            has_inline_secrets |= validated.has_inline_secret;
            config.accounts.push(validated.account);
        }
        Ok(Parsed { config, has_inline_secrets, allow_readable_secrets: raw.allow_readable_secrets })
    }

    pub fn account(&self, name: &str) -> Option<&AccountConfig> {
        self.accounts.iter().find(|a| a.name == name)
    }
}

struct Parsed {
    config: Config,
    has_inline_secrets: bool,
    allow_readable_secrets: bool,
}

/// The config's text; None when it is missing and need not exist.
fn read(path: &Path, must_exist: bool) -> Result<Option<String>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => Ok(None),
        Err(source) => Err(ConfigError::Read { path: path.to_owned(), source }),
    }
}

fn account_label(table: &toml::Table, index: usize) -> String {
    match table.get("name").and_then(|v| v.as_str()) {
        Some(name) => format!("account '{name}'"),
        None => format!("account #{}", index + 1),
    }
}

fn seconds(field: &str, value: Option<u64>, default: Duration, max: u64) -> Result<Duration, String> {
    match value {
        None => Ok(default),
        Some(secs) if (1..=max).contains(&secs) => Ok(Duration::from_secs(secs)),
        Some(_) => Err(format!("`{field}` must be between 1 and {max}")),
    }
}

/// "line 3, column 15: invalid basic string" rather than toml's multi-line report.
fn toml_error(text: &str, error: &toml::de::Error) -> String {
    let message = collapse_whitespace(error.message());
    let Some(span) = error.span() else {
        return message;
    };
    format!("{}: {message}", position(text, span.start))
}

/// "line 3, column 15" for a byte offset into `text`.
fn position(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {column}")
}

#[cfg(unix)]
fn is_readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).map(|m| m.permissions().mode() & 0o044 != 0).unwrap_or(false)
}

#[cfg(not(unix))]
fn is_readable_by_others(_path: &Path) -> bool {
    false
}
