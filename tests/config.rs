//! Config loading: every sample in fixtures/config/invalid fails with the one-line
//! error its `# expect:` header names; the valid samples load as documented.

use innbox::config::{BookingAuth, Config, ProviderConfig};
use innbox::domain::{Channel, ProviderKind};
use secrecy::ExposeSecret;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/config").join(name)
}

/// Loads a copy only its owner can read, as a config with inline secrets must be
/// (a checkout leaves fixtures readable by all).
fn load_private(path: &Path) -> Config {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    Config::load(&config_file(dir.path(), &text, 0o600), true).unwrap()
}

#[test]
fn every_invalid_sample_fails_with_its_expected_one_line_error() {
    let mut checked = 0;
    for entry in std::fs::read_dir(fixture("invalid")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = text.lines().next().and_then(|l| l.strip_prefix("# expect: ")).expect("expect header");
        let err =
            Config::load(&path, true).expect_err(&format!("{} should fail", path.display())).to_string();
        assert!(err.contains(expected), "{}:\n  got:      {err}\n  expected: {expected}", path.display());
        assert!(!err.contains('\n'), "{}: error is not one line: {err}", path.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} invalid samples found");
}

#[test]
fn all_providers_sample_loads_with_defaults_and_resolved_secrets() {
    let config = load_private(&fixture("valid/all_providers.toml"));
    assert_eq!(config.poll_interval.as_secs(), 45);
    let kinds: Vec<_> = config.accounts.iter().map(|a| a.kind()).collect();
    assert_eq!(kinds, ProviderKind::ALL);

    let calry = config.account("Lakeside Rentals").unwrap();
    assert_eq!(calry.base_url, "https://dev.calry.app/api/v2/vrs");
    let ProviderConfig::Calry { lookback_days, lookahead_days, quiet_rounds, .. } = &calry.provider else {
        panic!()
    };
    assert_eq!((*lookback_days, *lookahead_days, *quiet_rounds), (10, 180, 10));

    let ProviderConfig::HostelMate { api_key } = &config.account("Harbour Hostel").unwrap().provider else {
        panic!()
    };
    assert_eq!(api_key.expose_secret(), "hm_key_from_cmd");

    assert_eq!(config.account("Sunset Villas").unwrap().base_url, "http://127.0.0.1:9/trellis/v1");

    let booking = config.account("Canal House").unwrap();
    let ProviderConfig::Booking { property_ids, auth } = &booking.provider else { panic!() };
    assert_eq!(property_ids, &["6378711", "6378712"]);
    let BookingAuth::ClientCredentials { client_secret, auth_url, .. } = auth else { panic!() };
    assert_eq!(client_secret.expose_secret(), "s3cret");
    assert!(auth_url.starts_with("https://connectivity-authentication.booking.com/"));
}

#[test]
fn secrets_never_show_in_debug_output() {
    let config = load_private(&fixture("valid/all_providers.toml"));
    let debug = format!("{config:?}");
    for secret in ["trls_test_abc", "hm_key_from_cmd", "s3cret", "eyJhbGciOiJub25lIn0"] {
        assert!(!debug.contains(secret), "{secret} leaked into Debug output");
    }
    assert!(debug.contains("Sunset Villas"), "the rest is still there to debug with");
}

#[test]
fn zero_accounts_and_a_missing_default_file_are_fine() {
    assert!(Config::load(&fixture("valid/empty.toml"), true).unwrap().accounts.is_empty());
    assert!(Config::load(&fixture("valid/nope.toml"), false).unwrap().accounts.is_empty());
    let err = Config::load(&fixture("valid/nope.toml"), true).unwrap_err().to_string();
    assert!(err.contains("cannot read config") && err.contains("nope.toml"), "{err}");
}

fn config_file(dir: &Path, text: &str, mode: u32) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    #[cfg(unix)]
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(mode)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn inline_secrets_in_a_file_others_can_read_are_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let inline = "[[accounts]]\nname = \"V\"\nprovider = \"trellis\"\ntoken = \"canary-7f3a\"\n";
    for mode in [0o644, 0o640, 0o604] {
        let path = config_file(dir.path(), inline, mode);
        let err = Config::load(&path, true).unwrap_err().to_string();
        assert!(err.contains("other users can read it") && err.contains("chmod 600"), "{mode:o}: {err}");
        assert!(err.contains("allow_readable_secrets"), "the override is named: {err}");
        assert!(!err.contains("canary-7f3a"), "the secret is not echoed: {err}");
    }
    assert!(Config::load(&config_file(dir.path(), inline, 0o600), true).is_ok());
    let allowed = format!("allow_readable_secrets = true\n{inline}");
    assert!(Config::load(&config_file(dir.path(), &allowed, 0o644), true).is_ok());
}

#[cfg(unix)]
#[test]
fn secrets_from_commands_may_live_in_a_readable_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = config_file(
        dir.path(),
        "[[accounts]]\nname = \"V\"\nprovider = \"trellis\"\ntoken_cmd = \"echo t\"\n",
        0o644,
    );
    assert!(Config::load(&path, true).is_ok());
}

fn sample_config() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/config.sample.toml")).unwrap()
}

#[test]
fn the_commented_sample_in_assets_is_a_valid_config() {
    let sample = sample_config();
    // Point the sample's secret sources at things that exist on any machine.
    let runnable: String = sample
        .lines()
        .map(|line| match line.split_once(" = ") {
            Some((key, _)) if key.ends_with("_cmd") => format!("{key} = \"echo sample-secret\""),
            Some((key, _)) if key.ends_with("_env") => format!("{key} = \"PATH\""),
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let config = Config::parse_str(&runnable).unwrap();
    assert_eq!(config.accounts.len(), 4);
    assert_eq!(config.poll_interval.as_secs(), 30);
}

#[test]
fn the_triage_table_adds_words_regexes_ignores_and_reply_targets() {
    let config = Config::parse_str(
        r#"
        [triage]
        urgent_words = ["wasp*", "pipe burst"]
        urgent_regexes = ['\bno (wifi|internet)\b']
        urgent_ignore = ["broken"]

        [triage.reply_targets]
        "Booking.com" = "6h"
        whatsapp = "30m"
        default = "2h"
        "#,
    )
    .unwrap();
    let rules = &config.triage;
    let urgent = |text: &str| -> Vec<String> {
        rules.urgency.matches(std::iter::once(("m", text))).into_iter().map(|m| m.rule).collect()
    };
    assert_eq!(urgent("Wasps everywhere, and a pipe burst"), ["wasp*", "pipe burst"]);
    assert_eq!(urgent("no internet since noon"), [r"\bno (wifi|internet)\b"]);
    assert!(urgent("the chair is broken").is_empty(), "ignored");
    assert_eq!(urgent("we're locked out"), ["locked out"], "the other built-ins stay");
    let hours = |channel: Option<Channel>| rules.targets.target(channel.as_ref()).as_secs_f64() / 3_600.0;
    assert_eq!(hours(Some(Channel::Booking)), 6.0);
    assert_eq!(hours(Some(Channel::Whatsapp)), 0.5);
    assert_eq!(hours(Some(Channel::Airbnb)), 24.0, "the built-in target stays");
    assert_eq!(hours(Some(Channel::Email)), 2.0);
}

#[test]
fn without_a_triage_table_the_defaults_apply() {
    let config = Config::parse_str("").unwrap();
    assert_eq!(config.triage.targets.target(Some(&Channel::Booking)).as_secs(), 12 * 3_600);
    let leak = config.triage.urgency.matches(std::iter::once(("m", "a leak")));
    assert_eq!(leak.len(), 1);
}

#[cfg(unix)]
#[test]
fn offline_commands_load_only_the_triage_table_and_run_no_secret_command() {
    let dir = tempfile::tempdir().unwrap();
    let witness = dir.path().join("ran");
    let text = format!(
        "[triage]\nurgent_words = [\"wasp\"]\n\n[[accounts]]\nname = \"V\"\nprovider = \"trellis\"\n\
         token_cmd = \"touch {}\"\nbogus_field = 1\n",
        witness.display()
    );
    let path = config_file(dir.path(), &text, 0o644);
    assert!(Config::load(&path, true).is_err(), "the full load refuses the account's typo");
    let rules = Config::load_triage(&path, true).unwrap();
    assert_eq!(rules.urgency.matches(std::iter::once(("m", "a wasp"))).len(), 1);
    assert!(!witness.exists(), "no token_cmd ran");

    let bad = config_file(dir.path(), "[triage]\nurgent_ignore = [\"fyre\"]\n", 0o644);
    let err = Config::load_triage(&bad, true).unwrap_err().to_string();
    assert!(err.contains("`triage.urgent_ignore`: no built-in rule is named \"fyre\""), "{err}");
    assert!(Config::load_triage(&dir.path().join("nope.toml"), false).is_ok(), "missing: defaults");
}

#[test]
fn the_keys_table_remaps_and_the_samples_example_is_valid() {
    use innbox::keymap::{Action, Context};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let sample = sample_config();
    // The commented example, uncommented: from `# [keys]` to the blank line after it.
    let example: String = sample
        .lines()
        .skip_while(|line| *line != "# [keys]")
        .take_while(|line| !line.is_empty())
        .map(|line| format!("{}\n", line.trim_start_matches("# ")))
        .collect();
    assert!(example.starts_with("[keys]\n"), "{example}");
    let keymap = Config::parse_str(&example).unwrap().keymap;
    let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
    assert_eq!(keymap.action(Context::Compose, ctrl_x), Some(Action::Send));
    let a = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(keymap.action(Context::List, a), Some(Action::Reply));
    assert_eq!(keymap.action(Context::History, a), None);
}
