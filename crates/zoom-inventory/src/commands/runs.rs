//! `runs`: the fetch history, newest first.

use std::io::{self, BufWriter, Write};

use comfy_table::{Table, presets};
use serde_json::json;

use super::open_existing;
use crate::cli::{ReportFormat, RunsArgs};
use crate::exit::Outcome;

/// Fetch history, newest first.
pub(crate) fn run(args: &RunsArgs) -> anyhow::Result<Outcome> {
    let store = open_existing(&args.db.db)?;
    let runs = store.runs()?;
    let mut out = BufWriter::new(io::stdout().lock());
    let as_json = |run: &inventory_store::RunInfo| {
        json!({
            "id": run.id,
            "started_at": run.started_at.to_string(),
            "finished_at": run.finished_at.map(|t| t.to_string()),
            "status": run.status.to_string(),
            "settings_digest": run.settings_digest,
            "counts": run.counts,
            "reason": run.reason,
            "issues": run.issues.iter().map(|issue| json!({
                "source": issue.source,
                "item": issue.item,
                "http_status": issue.http_status,
                "zoom_code": issue.zoom_code,
                "message": issue.message,
            })).collect::<Vec<_>>(),
        })
    };
    match args.format {
        ReportFormat::Table => {
            let mut table = Table::new();
            table.load_style(presets::UTF8_BORDERS_ONLY).set_header([
                "run", "started", "finished", "status", "settings", "counts", "why",
            ]);
            for run in &runs {
                let counts = run
                    .counts
                    .iter()
                    .map(|(kind, counts)| format!("{}={}", kind.plural(), counts.present))
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut why = run.reason.clone().unwrap_or_default();
                for issue in &run.issues {
                    let line = format!(
                        "{}{}: {}",
                        issue.source,
                        issue
                            .item
                            .as_deref()
                            .map(|item| format!(" [{item}]"))
                            .unwrap_or_default(),
                        issue.message
                    );
                    // A source that stopped is already in the reason, in the same words.
                    if !why.contains(&line) {
                        why.push('\n');
                        why.push_str(&line);
                    }
                }
                table.add_row(vec![
                    run.id.to_string(),
                    run.started_at.to_string(),
                    run.finished_at.map(|t| t.to_string()).unwrap_or_default(),
                    run.status.to_string(),
                    run.settings_digest.clone(),
                    counts,
                    why.trim().to_owned(),
                ]);
            }
            writeln!(out, "{table}")?;
        }
        ReportFormat::Json => {
            let all: Vec<_> = runs.iter().map(as_json).collect();
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        ReportFormat::Ndjson => {
            for run in &runs {
                serde_json::to_writer(&mut out, &as_json(run))?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}
