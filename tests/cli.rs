//! The innbox binary against the simulator: `sync`, `export` and `send` as a user
//! runs them, exit codes and messages included.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

struct Setup {
    _dir: tempfile::TempDir,
    config: PathBuf,
    data: PathBuf,
}

fn setup(config_toml: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, config_toml).unwrap();
    // It holds inline secrets, so innbox refuses it unless only its owner can read it.
    #[cfg(unix)]
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let data = dir.path().join("data");
    Setup { _dir: dir, config, data }
}

/// Runs the binary off the async runtime, so the in-process simulator keeps serving.
async fn innbox(setup: &Setup, args: &[&str]) -> Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_innbox"));
    command.args(args).arg("--config").arg(&setup.config).arg("--data-dir").arg(&setup.data);
    command.env_remove("INNBOX_CONFIG").env_remove("INNBOX_DATA_DIR");
    tokio::task::spawn_blocking(move || command.output().unwrap()).await.unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn export_lines(output: &Output) -> Vec<Value> {
    text(&output.stdout).lines().map(|line| serde_json::from_str(line).expect("each line is JSON")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn sync_then_export_round_trips_every_thread_in_the_contract() {
    let sim = sim().await;
    let setup = setup(&sim.config_toml());
    let sync = innbox(&setup, &["sync"]).await;
    assert!(sync.status.success(), "{}", text(&sync.stderr));
    for account in [CALRY, HOSTELMATE, TRELLIS, BOOKING] {
        assert!(text(&sync.stderr).contains(&format!("{account}: ok, ")), "{}", text(&sync.stderr));
    }

    let export = innbox(&setup, &["export"]).await;
    assert!(export.status.success(), "{}", text(&export.stderr));
    let lines = export_lines(&export);
    assert_eq!(lines.len(), 288);
    let thread_keys = [
        "account",
        "provider",
        "id",
        "channel",
        "guest",
        "property_id",
        "reservation_id",
        "check_in",
        "check_out",
        "reservation_status",
        "unread",
        "can_reply",
        "updated_at",
        "needs_reply",
        "urgent",
        "waiting_since",
        "messages",
    ];
    let message_keys =
        ["id", "direction", "sender", "body", "sent_at", "status", "automatic", "kind", "attachments"];
    let channels = ["airbnb", "booking", "vrbo", "email", "sms", "whatsapp", "hostelworld", "direct"];
    for raw in text(&export.stdout).lines() {
        // Top-level keys come first in their line (messages are last), in contract order.
        let positions: Vec<_> = thread_keys.iter().map(|k| raw.find(&format!("\"{k}\":")).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "field order: {raw}");
    }
    for line in &lines {
        let mut keys: Vec<_> = line.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        let mut want = thread_keys.to_vec();
        want.sort();
        assert_eq!(keys, want, "field names");
        assert!(line["id"].is_string());
        let guest: Vec<_> = line["guest"].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(guest, ["email", "name", "phone"]);
        let channel = line["channel"].as_str().unwrap();
        assert!(channels.contains(&channel), "channel {channel}");
        if line["provider"] == "booking" {
            assert_eq!(channel, "booking", "every Booking.com thread is `booking`");
        }
        assert!(line["updated_at"].as_str().is_none_or(|t| t.ends_with('Z')));
        let (needs_reply, urgent) =
            (line["needs_reply"].as_bool().unwrap(), line["urgent"].as_bool().unwrap());
        assert!(!urgent || needs_reply, "urgent implies needs_reply: {line}");
        let waiting_since = &line["waiting_since"];
        assert!(waiting_since.is_null() || (needs_reply && waiting_since.as_str().unwrap().ends_with('Z')));
        let messages = line["messages"].as_array().unwrap();
        let times: Vec<&str> = messages.iter().filter_map(|m| m["sent_at"].as_str()).collect();
        assert!(times.iter().all(|t| t.ends_with('Z')), "RFC 3339 UTC");
        let parsed: Vec<jiff::Timestamp> = times.iter().map(|t| t.parse().unwrap()).collect();
        assert!(parsed.windows(2).all(|w| w[0] <= w[1]), "oldest first");
        for message in messages {
            let mut keys: Vec<_> = message.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort();
            let mut want = message_keys.to_vec();
            want.sort();
            assert_eq!(keys, want);
            assert!(message["id"].is_string());
            assert!(["inbound", "outbound", "system"].contains(&message["direction"].as_str().unwrap()));
        }
    }
    // Calry and Trellis say where each booking stands; the simulator cancels some.
    let statuses: std::collections::BTreeSet<_> =
        lines.iter().filter_map(|l| l["reservation_status"].as_str()).collect();
    assert_eq!(statuses, ["cancelled", "confirmed"].into(), "reservation statuses");
    let waiting = lines.iter().filter(|l| l["needs_reply"] == true).count();
    assert!(waiting > 0 && waiting < lines.len(), "{waiting} of {} waiting", lines.len());
    let world = sim.world();
    let trellis: Vec<_> = lines.iter().filter(|l| l["account"] == TRELLIS).collect();
    let expected = &world.accounts.iter().find(|a| a.name == TRELLIS).unwrap().threads;
    assert_eq!(trellis.len(), expected.len());
    let one_account = export_lines(&innbox(&setup, &["export", "--account", TRELLIS]).await);
    assert_eq!(one_account.len(), expected.len());
}

#[tokio::test(flavor = "multi_thread")]
async fn send_delivers_a_reply_or_says_why_it_cannot() {
    let sim = sim().await;
    let setup = setup(&sim.config_toml());
    assert!(innbox(&setup, &["sync"]).await.status.success());
    let lines = export_lines(&innbox(&setup, &["export"]).await);
    let thread = |account: &str, can_reply: bool| {
        let line = lines.iter().find(|l| l["account"] == account && l["can_reply"] == can_reply).unwrap();
        format!("{account}/{}", line["id"].as_str().unwrap())
    };

    let calry = thread(CALRY, true);
    let sent = innbox(&setup, &["send", "--thread", &calry, "--body", "The pool heater is on 🔥"]).await;
    assert!(sent.status.success(), "{}", text(&sent.stderr));
    assert!(text(&sent.stdout).contains("sent as message"), "{}", text(&sent.stdout));
    let world = sim.world();
    let (_, id) = calry.split_once('/').unwrap();
    let sim_thread = world.accounts.iter().flat_map(|a| &a.threads).find(|t| t.id == id).unwrap();
    assert_eq!(sim_thread.messages.last().unwrap().body, "The pool heater is on 🔥");

    let hostel = thread(HOSTELMATE, false);
    let refused = innbox(&setup, &["send", "--thread", &hostel, "--body", "hi"]).await;
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("Hostel Mate has no reply API, so answer in Hostel Mate"),
        "{}",
        text(&refused.stderr)
    );

    let unknown = innbox(&setup, &["send", "--thread", "Nowhere/1", "--body", "hi"]).await;
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("does not start with a configured account name"));
}

#[tokio::test(flavor = "multi_thread")]
async fn sync_exits_1_naming_each_failed_account_what_happened_and_what_to_do() {
    let sim = sim().await;
    sim.inject(fault("hostelmate", "/conversations", 50, status(401, None)));
    let portal = innbox::sim::FaultAction::HtmlPage { status: 200 };
    sim.inject(fault("trellis", "/conversations", 50, portal));
    let setup = setup(&sim.config_toml());
    let sync = innbox(&setup, &["sync"]).await;
    assert_eq!(sync.status.code(), Some(1));
    let stderr = text(&sync.stderr);
    assert!(stderr.contains("innbox sync: 2 of 4 accounts failed:"), "{stderr}");
    assert!(stderr.contains("Harbour Hostel: FAILED (HTTP 401)"), "{stderr}");
    assert!(
        stderr.contains(
            "account 'Harbour Hostel': GET /api/v1/client/conversations: credentials refused (HTTP 401): \
             unauthorized; check this account's credentials in the config"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("Sunset Villas: FAILED (bad response)"), "{stderr}");
    assert!(
        stderr.contains(
            "account 'Sunset Villas': GET /conversations: no JSON in the response: an HTML page, \
             “Sign in to Guest Wi-Fi”; innbox will try again at the next sync; if this goes on, \
             check the network and this account's base_url"
        ),
        "{stderr}"
    );
    for account in [CALRY, BOOKING] {
        assert!(stderr.contains(&format!("{account}: ok, ")), "{stderr}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_config_stops_before_anything_starts() {
    let setup = setup("[[accounts]]\nname = \"Beach\"\nprovider = \"airbnb\"\ntoken = \"x\"\n");
    let sync = innbox(&setup, &["sync"]).await;
    assert_eq!(sync.status.code(), Some(1));
    let stderr = text(&sync.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("account 'Beach': unknown provider `airbnb`"), "{stderr}");
    assert!(!Path::new(&setup.data).join(innbox::store::DB_FILE).exists(), "nothing was created");
}

#[tokio::test(flavor = "multi_thread")]
async fn global_options_work_before_the_subcommand_and_from_the_environment() {
    let sim = sim().await;
    let setup = setup(&sim.config_toml());
    let output = tokio::task::spawn_blocking({
        let (config, data) = (setup.config.clone(), setup.data.clone());
        move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_innbox"))
                .arg("--data-dir")
                .arg(&data)
                .arg("sync")
                .env("INNBOX_CONFIG", &config)
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(setup.data.join(innbox::store::DB_FILE).exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn export_into_a_closed_pipe_ends_quietly() {
    let sim = sim().await;
    let setup = setup(&sim.config_toml());
    assert!(innbox(&setup, &["sync"]).await.status.success());
    let (config, data) = (setup.config.clone(), setup.data.clone());
    let output = tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_innbox"))
            .args(["export", "--config"])
            .arg(&config)
            .arg("--data-dir")
            .arg(&data)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // like `| head -c 64`, then close
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    assert_eq!(text(&output.stderr), "", "no 'Broken pipe' error");
}

#[tokio::test(flavor = "multi_thread")]
async fn secrets_never_reach_the_log_or_the_terminal_even_at_trace_level() {
    let sim = sim().await;
    // The simulator's real secrets, plus an account whose canary token it refuses.
    let config = format!(
        "{}\n[[accounts]]\nname = \"Stolen Keys\"\nprovider = \"trellis\"\nbase_url = \"{}/trellis/v1\"\ntoken = \"canary-9d2e7b1f\"\n",
        sim.config_toml(),
        sim.base_url()
    );
    let secrets: Vec<String> = config
        .lines()
        .filter_map(|line| line.split_once(" = "))
        .filter(|(key, _)| ["token", "client_secret"].contains(&key.trim()))
        .map(|(_, value)| value.trim_matches('"').to_owned())
        .collect();
    assert_eq!(secrets.len(), 5, "{secrets:?}");
    let setup = setup(&config);

    let sync = innbox(&setup, &["-vv", "sync"]).await;
    let stderr = text(&sync.stderr);
    assert_eq!(sync.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Stolen Keys") && stderr.contains("credentials"), "{stderr}");
    assert!(stderr.contains("answered"), "-vv prints the log, requests included: {stderr}");
    let mut seen = format!("{}{stderr}", text(&sync.stdout));
    for log in std::fs::read_dir(setup.data.join("logs")).unwrap() {
        seen += &std::fs::read_to_string(log.unwrap().path()).unwrap();
    }
    assert!(seen.contains("sync finished"), "the log file was written");
    for secret in &secrets {
        assert!(!seen.contains(secret.as_str()), "{secret} leaked");
    }
    assert!(!seen.contains("eyJ"), "no JWT leaked (Calry's, or the one Booking.com issued)");
}

#[tokio::test(flavor = "multi_thread")]
async fn summary_hands_the_synced_inbox_over_in_markdown() {
    let sim = sim().await;
    let setup = setup(&format!("[triage]\nurgent_words = [\"check-in\"]\n\n{}", sim.config_toml()));
    assert!(innbox(&setup, &["sync"]).await.status.success());
    let summary = innbox(&setup, &["summary"]).await;
    assert!(summary.status.success(), "{}", text(&summary.stderr));
    let markdown = text(&summary.stdout);
    assert!(markdown.starts_with("# Shift handoff, "), "{markdown}");
    let headings: Vec<_> =
        markdown.lines().filter(|l| l.starts_with("##")).map(|l| l.split(" (").next().unwrap()).collect();
    assert_eq!(headings, ["## Urgent", "## Waiting for a reply", "## Failed or unknown replies"]);
    assert!(
        markdown.contains("“check-in”") || markdown.contains("“Check-in”"),
        "the user's word counts: {markdown}"
    );

    let lines = export_lines(&innbox(&setup, &["export"]).await);
    let count = |field: &str| lines.iter().filter(|l| l[field] == true).count();
    let listed = markdown.lines().filter(|l| l.starts_with("- ")).count();
    assert_eq!(
        listed,
        count("needs_reply"),
        "every waiting thread once, urgent or not (no failed replies yet)"
    );
    assert!(markdown.contains(&format!("## Urgent ({})", count("urgent"))), "{markdown}");

    let one = text(&innbox(&setup, &["summary", "--account", BOOKING]).await.stdout);
    assert!(one.lines().filter(|l| l.starts_with("- ")).all(|l| l.contains("account Canal House")), "{one}");
    let unknown = innbox(&setup, &["summary", "--account", "Nowhere"]).await;
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("no account named 'Nowhere' in the inbox (known: "));
}

#[tokio::test(flavor = "multi_thread")]
async fn triage_of_the_stored_tail_matches_triage_of_every_message() {
    let sim = sim().await;
    let setup = setup(&sim.config_toml());
    assert!(innbox(&setup, &["sync"]).await.status.success());
    let store = innbox::store::Store::open_in(&setup.data).unwrap();
    let rules = innbox::domain::triage::TriageRules::default();
    let now = jiff::Timestamp::now();
    let summaries = store.thread_summaries(None).unwrap();
    let mut shorter = 0;
    for summary in &summaries {
        let (key, channel) = (summary.thread.key(), summary.thread.channel.as_ref());
        let (all, tail) = (store.messages(&key).unwrap(), store.triage_tail(&key).unwrap());
        assert_eq!(rules.assess(channel, &tail, None, now), rules.assess(channel, &all, None, now), "{key}");
        shorter += usize::from(tail.len() < all.len());
    }
    assert!(shorter > summaries.len() / 4, "the tail saves reading: {shorter} of {}", summaries.len());
}
