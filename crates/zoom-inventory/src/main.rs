//! `zoom-inventory`: a complete, trustworthy inventory of a Zoom account.
//!
//! This crate is glue: it parses the command line ([`cli`]), turns it into settings, calls the
//! collector or the store, and prints. Business logic lives in the library crates; see
//! `ARCHITECTURE.md`.

mod cli;
mod commands;
mod config;
mod exit;
mod output;
mod progress;

use std::process::ExitCode;

fn main() -> ExitCode {
    exit::run(cli::parse())
}
