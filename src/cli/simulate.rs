//! `innbox simulate`: the built-in simulator of the four provider APIs on
//! 127.0.0.1. The config for it goes to stdout, everything else to stderr, so
//! `innbox simulate > sim.toml &` leaves a ready config behind.

use super::Paths;
use crate::sim::{SimOptions, start};
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Seed of the generated guests, threads and messages
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Threads over the four accounts
    #[arg(long, default_value_t = 300)]
    threads: usize,
    /// Delay added to every response, in milliseconds
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// A new guest message every this many seconds (0: never)
    #[arg(long, default_value_t = 0, value_name = "SECS")]
    live_every: u64,
}

pub fn run(args: SimulateArgs, _paths: &Paths) -> anyhow::Result<ExitCode> {
    let options = SimOptions {
        port: args.port,
        seed: args.seed,
        threads: args.threads,
        latency_ms: args.latency_ms,
        live_every: (args.live_every > 0).then(|| Duration::from_secs(args.live_every)),
        ..SimOptions::default()
    };
    let runtime = super::runtime()?;
    runtime.block_on(async {
        let sim = start(options).await.map_err(|e| {
            anyhow::anyhow!("cannot listen on 127.0.0.1:{}: {e}; pick another with --port", args.port)
        })?;
        let mut stdout = std::io::stdout();
        writeln!(stdout, "{}", sim.config_toml())?;
        stdout.flush()?;
        eprintln!(
            "innbox simulate: serving Calry, Hostel Mate, Trellis and Booking.com at {} (seed {}, {} threads); Ctrl-C stops it",
            sim.base_url(),
            args.seed,
            args.threads
        );
        eprintln!("innbox simulate: save the config above, then run `innbox --config FILE sync`");
        tokio::signal::ctrl_c().await?;
        sim.shutdown().await;
        Ok(ExitCode::SUCCESS)
    })
}
