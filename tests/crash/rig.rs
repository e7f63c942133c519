//! The crash harness's rig: one simulator, an inbox synced from it once and copied
//! for every kill point, and the real `innbox` binary run, killed and resumed on
//! each copy.

use innbox::domain::ThreadKey;
use innbox::sim::{SimHandle, SimOptions};
use innbox::store::{DB_FILE, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const CALRY: &str = "Lakeside Rentals";
pub const BOOKING: &str = "Canal House";

/// What the config of every process of one rig says beyond the accounts.
#[derive(Clone, Copy)]
pub struct Settings {
    pub request_timeout_secs: u64,
    pub poll_interval_secs: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self { request_timeout_secs: 30, poll_interval_secs: 30 }
    }
}

pub struct Rig {
    pub sim: SimHandle,
    /// Serves the simulator while the test thread runs and waits on processes.
    _runtime: tokio::runtime::Runtime,
    dir: tempfile::TempDir,
    config: PathBuf,
    template: PathBuf,
    /// Answerable threads, synced in the template.
    pub calry: Vec<ThreadKey>,
    pub booking: Vec<ThreadKey>,
}

impl Rig {
    /// A simulator with a small inbox (`latency_ms` before every response), and the
    /// two accounts that can be answered, Calry and Booking.com, synced once.
    pub fn new(latency_ms: u64, settings: Settings) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        // No rate limits: hundreds of processes in a few minutes would exceed them,
        // and they are not what this harness is about.
        let options =
            SimOptions { threads: 60, latency_ms, enforce_rate_limits: false, ..SimOptions::default() };
        let sim = runtime.block_on(innbox::sim::start(options)).expect("the simulator starts");
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config.toml");
        let token = runtime.block_on(booking_token(&sim));
        std::fs::write(&config, config_toml(&sim, &token, settings)).unwrap();
        std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
        let template = dir.path().join("template");
        let mut rig =
            Self { sim, _runtime: runtime, dir, config, template, calry: Vec::new(), booking: Vec::new() };
        let synced = rig.innbox(&rig.template, "sync").stderr(Stdio::piped()).output().unwrap();
        assert!(synced.status.success(), "{}", String::from_utf8_lossy(&synced.stderr));
        let store = Store::open_in(&rig.template).unwrap();
        rig.calry = answerable(&store, CALRY);
        rig.booking = answerable(&store, BOOKING);
        rig
    }

    /// `innbox ARGS` on the data dir `data`, its output discarded.
    pub fn innbox(&self, data: &Path, args: &str) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_innbox"));
        command.args(args.split_whitespace()).arg("--config").arg(&self.config).arg("--data-dir").arg(data);
        command.env_remove("INNBOX_CONFIG").env_remove("INNBOX_DATA_DIR").env_remove("INNBOX_LOG");
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        command
    }

    /// The same, as a command for a pseudo-terminal.
    pub fn inbox_in_a_terminal(&self, data: &Path) -> portable_pty::CommandBuilder {
        let mut command = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_innbox"));
        command.arg("--config");
        command.arg(&self.config);
        command.arg("--data-dir");
        command.arg(data);
        command.cwd(self.dir.path());
        command.env("TERM", "xterm-256color");
        for variable in ["INNBOX_CONFIG", "INNBOX_DATA_DIR", "INNBOX_LOG"] {
            command.env_remove(variable);
        }
        command
    }

    /// A new data dir holding a copy of the synced inbox.
    pub fn copy_of_the_inbox(&self, name: &str) -> PathBuf {
        let data = self.dir.path().join(name);
        std::fs::create_dir_all(&data).unwrap();
        std::fs::copy(self.template.join(DB_FILE), data.join(DB_FILE)).unwrap();
        data
    }
}

/// A Booking.com token for every process of the rig: each would otherwise exchange
/// its own, and the simulator allows only 30 exchanges an hour.
async fn booking_token(sim: &SimHandle) -> String {
    let config: toml::Table = sim.config_toml().parse().unwrap();
    let booking = accounts(&config).find(|a| a["provider"].as_str() == Some("booking")).unwrap();
    let credentials = serde_json::json!({
        "client_id": booking["client_id"].as_str(),
        "client_secret": booking["client_secret"].as_str(),
    });
    let url = booking["auth_url"].as_str().unwrap();
    let response = reqwest::Client::new().post(url).json(&credentials).send().await.unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    body["jwt"].as_str().expect("the exchange hands out a token").to_owned()
}

fn accounts(config: &toml::Table) -> impl Iterator<Item = &toml::Table> {
    config["accounts"].as_array().unwrap().iter().filter_map(toml::Value::as_table)
}

/// The simulator's config with only the accounts that can be answered, Booking.com
/// on a ready token.
fn config_toml(sim: &SimHandle, booking_token: &str, settings: Settings) -> String {
    let mut config: toml::Table = sim.config_toml().parse().unwrap();
    let mut answerable: Vec<toml::Value> = Vec::new();
    for account in accounts(&config) {
        let mut account = account.clone();
        match account["provider"].as_str() {
            Some("calry") => {}
            Some("booking") => {
                for credential in ["auth_url", "client_id", "client_secret"] {
                    account.remove(credential);
                }
                account.insert("token".into(), booking_token.into());
            }
            _ => continue,
        }
        answerable.push(account.into());
    }
    config.insert("accounts".into(), answerable.into());
    config.insert("request_timeout_secs".into(), (settings.request_timeout_secs as i64).into());
    config.insert("poll_interval_secs".into(), (settings.poll_interval_secs as i64).into());
    toml::to_string(&config).unwrap()
}

fn answerable(store: &Store, account: &str) -> Vec<ThreadKey> {
    let summaries = store.thread_summaries(Some(account)).unwrap();
    let keys: Vec<_> =
        summaries.into_iter().filter(|s| s.thread.reply.is_allowed()).map(|s| s.thread.key()).collect();
    assert!(keys.len() >= 2, "{account} has {} answerable threads", keys.len());
    keys
}
