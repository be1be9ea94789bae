//! The composition root: logging, dispatch, and the mapping of outcomes to exit codes
//! (product contract: 0 success, 1 failure, 2 bad usage or configuration, 3 partial fetch,
//! 4 a posture control at or above `--fail-on` failed).

use std::io;
use std::process::ExitCode;

use tracing_subscriber::EnvFilter;

use crate::cli::Cli;
use crate::commands;

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Everything asked for was done.
    Success,
    /// A fetch finished, but some source failed: what was fetched is stored, marked partial.
    Partial,
    /// The command said what went wrong on stdout (a `check` that found problems).
    Failed,
    /// `posture --fail-on`: a control at or above that severity failed.
    ControlsFailed,
}

/// An error the user can fix in their command line or configuration (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct UsageError(pub(crate) String);

pub(crate) fn run(cli: Cli) -> ExitCode {
    init_logging(cli.verbose);
    match commands::dispatch(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(3),
        Ok(Outcome::Failed) => ExitCode::FAILURE,
        Ok(Outcome::ControlsFailed) => ExitCode::from(4),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // One line (the message, then each distinct cause), never a Debug dump or a
            // backtrace.
            #[allow(clippy::print_stderr, reason = "the CLI's one error line")]
            {
                eprintln!("error: {}", zoom_collector::error_chain(error.as_ref()));
            }
            ExitCode::from(exit_code(&error))
        }
    }
}

/// 2 when anything in the chain says the input or configuration is wrong, else 1. Each library
/// error classifies itself (an exhaustive `match`), so a new variant needs a decision.
fn exit_code(error: &anyhow::Error) -> u8 {
    let usage = error.chain().any(|cause| {
        cause.is::<UsageError>()
            || cause.is::<clap::Error>()
            || cause
                .downcast_ref::<zoom_collector::SettingsError>()
                .is_some_and(zoom_collector::SettingsError::is_usage)
            || cause
                .downcast_ref::<zoom_collector::FetchError>()
                .is_some_and(zoom_collector::FetchError::is_usage)
            || cause
                .downcast_ref::<inventory_store::Error>()
                .is_some_and(inventory_store::Error::is_usage)
    });
    if usage { 2 } else { 1 }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_target(false)
        .init();
}
