//! `fetch`: one run with a progress display, then its summary (also what `demo` prints).

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use zoom_collector::{FetchReport, Settings};

use crate::cli::FetchArgs;
use crate::config;
use crate::exit::Outcome;
use crate::progress::Progress;

pub(crate) async fn run(args: FetchArgs, quiet: bool) -> anyhow::Result<Outcome> {
    let settings = config::settings(args.config.as_deref(), &args.settings)?;
    let report = fetch_with_progress(&settings, &args.db.db, quiet).await?;
    print_summary(&report, &args.db.db)?;
    Ok(outcome(&report))
}

/// Runs the collector with a progress display on stderr.
pub(super) async fn fetch_with_progress(
    settings: &Settings,
    db: &Path,
    quiet: bool,
) -> anyhow::Result<FetchReport> {
    let progress = Arc::new(Progress::new(quiet));
    let events = Arc::clone(&progress);
    // On Ctrl-C the fetch is dropped: its run rolls back and what it started (a browser for
    // the portal) is stopped, rather than killed with the process and left behind.
    let result = tokio::select! {
        result = zoom_collector::fetch(settings, db, move |event| events.on_event(event)) => result,
        _ = tokio::signal::ctrl_c() => {
            progress.clear();
            anyhow::bail!(
                "interrupted (Ctrl-C): nothing of this run was stored; the inventory is as it was"
            );
        }
    };
    progress.finish(result.is_ok());
    Ok(result?)
}

pub(super) fn outcome(report: &FetchReport) -> Outcome {
    if report.is_partial() {
        Outcome::Partial
    } else {
        Outcome::Success
    }
}

/// The run as committed, on stdout.
pub(super) fn print_summary(report: &FetchReport, db: &Path) -> anyhow::Result<()> {
    let run = &report.run;
    let mut out = std::io::stdout().lock();
    writeln!(out, "run {} {} into {}", run.id, run.status, db.display())?;
    for (kind, counts) in &run.counts {
        writeln!(
            out,
            "  {:<10} {:>7}  (+{} added, {} changed, -{} removed)",
            kind.plural(),
            counts.present,
            counts.added,
            counts.changed,
            counts.removed
        )?;
    }
    if let Some(reason) = &run.reason {
        writeln!(out, "partial: {reason}")?;
    }
    Ok(())
}
