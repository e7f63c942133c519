//! Config loading: every sample in fixtures/config/invalid fails with the one-line
//! error its `# expect:` header names; the valid samples load as documented.

use innbox::config::{BookingAuth, Config, ProviderConfig};
use innbox::domain::ProviderKind;
use secrecy::ExposeSecret;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/config").join(name)
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
    let config = Config::load(&fixture("valid/all_providers.toml"), true).unwrap();
    assert_eq!(config.poll_interval.as_secs(), 45);
    let kinds: Vec<_> = config.accounts.iter().map(|a| a.kind()).collect();
    assert_eq!(kinds, ProviderKind::ALL);

    let calry = config.account("Lakeside Rentals").unwrap();
    assert_eq!(calry.base_url, "https://dev.calry.app/api/v2/vrs");
    let ProviderConfig::Calry { lookback_days, lookahead_days, .. } = &calry.provider else { panic!() };
    assert_eq!((*lookback_days, *lookahead_days), (10, 180));

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
    let config = Config::load(&fixture("valid/all_providers.toml"), true).unwrap();
    let debug = format!("{config:?}");
    for secret in ["trls_test_abc", "hm_key_from_cmd", "s3cret", "eyJhbGciOiJub25lIn0"] {
        assert!(!debug.contains(secret), "{secret} leaked into Debug output");
    }
}

#[test]
fn zero_accounts_and_a_missing_default_file_are_fine() {
    assert!(Config::load(&fixture("valid/empty.toml"), true).unwrap().accounts.is_empty());
    assert!(Config::load(&fixture("valid/nope.toml"), false).unwrap().accounts.is_empty());
    let err = Config::load(&fixture("valid/nope.toml"), true).unwrap_err().to_string();
    assert!(err.contains("cannot read config") && err.contains("nope.toml"), "{err}");
}

#[cfg(unix)]
#[test]
fn inline_secrets_in_a_group_readable_file_warn() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[[accounts]]\nname = \"V\"\nprovider = \"trellis\"\ntoken = \"t\"\n").unwrap();

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let warnings = Config::load(&path, true).unwrap().warnings;
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("chmod 600"), "{warnings:?}");

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(Config::load(&path, true).unwrap().warnings.is_empty());
}

#[cfg(unix)]
#[test]
fn secrets_from_commands_do_not_warn_about_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[[accounts]]\nname = \"V\"\nprovider = \"trellis\"\ntoken_cmd = \"echo t\"\n")
        .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(Config::load(&path, true).unwrap().warnings.is_empty());
}

#[test]
fn the_commented_sample_in_assets_is_a_valid_config() {
    let sample =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/config.sample.toml"))
            .unwrap();
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
