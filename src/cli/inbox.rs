//! `innbox` (the inbox on the configured accounts) and `innbox demo` (the inbox on
//! the built-in simulator, with a throwaway data dir and no config).

use super::Paths;
use crate::config::Config;
use crate::sim::{SimOptions, start};
use crate::store::{SharedStore, Store};
use std::process::ExitCode;
use std::time::Duration;

/// A new guest message arrives this often in the demo.
const DEMO_MESSAGE_EVERY: Duration = Duration::from_secs(5);
/// The demo polls often so those messages show up quickly (Calry's request budget
/// stretches its own syncs further apart).
const DEMO_POLL: Duration = Duration::from_secs(10);

pub fn run(paths: &Paths) -> anyhow::Result<ExitCode> {
    let config = super::load_config(paths)?;
    if config.accounts.is_empty() {
        eprintln!(
            "innbox: no accounts in {}; showing the cached inbox (see assets/config.sample.toml, or try `innbox demo`)",
            paths.config.display()
        );
    }
    let store = super::open_store(paths, &config)?;
    super::runtime()?.block_on(crate::app::run(&config, store))?;
    Ok(ExitCode::SUCCESS)
}

pub fn demo(verbosity: crate::logging::Verbosity) -> anyhow::Result<ExitCode> {
    let data = tempfile::Builder::new().prefix("innbox-demo-").tempdir()?;
    let _log = crate::logging::init(&data.path().join("logs"), verbosity);
    let store = SharedStore::new(Store::open_in(data.path())?);
    super::runtime()?.block_on(async {
        let options = SimOptions { live_every: Some(DEMO_MESSAGE_EVERY), ..SimOptions::default() };
        let sim = start(options).await?;
        let mut config = Config::parse_str(&sim.config_toml()).map_err(anyhow::Error::msg)?;
        config.poll_interval = DEMO_POLL;
        // The sample saved replies use these (a real config sets them under [replies]).
        config.replies.times = crate::config::StayTimes {
            check_in: Some(jiff::civil::time(15, 0, 0, 0)),
            check_out: Some(jiff::civil::time(11, 0, 0, 0)),
        };
        let result = crate::app::run(&config, store).await;
        sim.shutdown().await;
        result
    })?;
    Ok(ExitCode::SUCCESS)
}
