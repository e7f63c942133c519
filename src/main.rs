use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    innbox::cli::run(innbox::cli::Cli::parse())
}
