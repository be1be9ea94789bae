//! `fetch`: one run with a progress display, then its summary (also what `demo` prints).

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use zoom_collector::{Clock, FetchOptions, FetchReport, Plan, Settings};

use crate::cli::FetchArgs;
use crate::config;
use crate::exit::Outcome;
use crate::progress::Progress;

pub(crate) async fn run(args: FetchArgs, quiet: bool) -> anyhow::Result<Outcome> {
    let settings = config::settings(args.config.as_deref(), &args.settings)?;
    let options = FetchOptions { full: args.full };
    if args.dry_run {
        let plan =
            zoom_collector::plan_fetch(&settings, &args.db.db, Clock::system(), options).await?;
        print_plan(&plan)?;
        return Ok(Outcome::Success);
    }
    let report = fetch_with_progress(&settings, &args.db.db, options, quiet).await?;
    print_summary(&report, &args.db.db)?;
    Ok(outcome(&report))
}

/// Runs the collector with a progress display on stderr.
pub(super) async fn fetch_with_progress(
    settings: &Settings,
    db: &Path,
    options: FetchOptions,
    quiet: bool,
) -> anyhow::Result<FetchReport> {
    let progress = Arc::new(Progress::new(quiet));
    let events = Arc::clone(&progress);
    // On Ctrl-C the fetch is dropped: its run rolls back and what it started (a browser for
    // the portal) is stopped, rather than killed with the process and left behind.
    let result = tokio::select! {
        result = zoom_collector::fetch_with_options(
            settings,
            db,
            Clock::system(),
            options,
            move |event| events.on_event(event),
        ) => result,
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

/// The plan of `fetch --dry-run`, on stdout.
fn print_plan(plan: &Plan) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let kind = if plan.full {
        "a full"
    } else {
        "an incremental"
    };
    writeln!(out, "plan of {kind} run")?;
    let requests = &plan.requests;
    writeln!(
        out,
        "  requests   Light {}, Medium {}, Heavy {}, Resource-intensive {}",
        requests.light, requests.medium, requests.heavy, requests.resource_intensive
    )?;
    match (plan.daily_cap, plan.allowance) {
        (Some(cap), Some(allowance)) => writeln!(
            out,
            "  Heavy/RI   {} of a daily cap of {cap} ({} used today; this run may use {allowance})",
            plan.heavy_ri, plan.used_today
        )?,
        _ => writeln!(out, "  Heavy/RI   {} (no daily cap)", plan.heavy_ri)?,
    }
    writeln!(
        out,
        "  meetings   {} to read, {} deferred",
        plan.meetings_to_read, plan.deferred_meetings
    )?;
    writeln!(
        out,
        "  floor      {:.1} s (the requests at the rate limits' pace)",
        plan.floor.as_secs_f64()
    )?;
    Ok(())
}
