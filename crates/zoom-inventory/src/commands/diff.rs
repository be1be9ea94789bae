//! `diff`: what changed between two runs, field by field.

use std::io::{self, BufWriter, Write};

use comfy_table::{Table, presets};
use inventory_store::{ChangeKind, Store};

use super::open_existing;
use crate::cli::{DiffArgs, ReportFormat};
use crate::exit::{Outcome, UsageError};

/// What changed between two runs.
pub(crate) fn run(args: &DiffArgs) -> anyhow::Result<Outcome> {
    let store = open_existing(&args.db.db)?;
    let (from, to) = runs_to_compare(&store, args.from, args.to)?;
    let changes = store.diff(from, to, args.kind)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ReportFormat::Table => {
            writeln!(
                out,
                "from run {from} to run {to}: {} change(s)",
                changes.len()
            )?;
            if !changes.is_empty() {
                let mut table = Table::new();
                table
                    .load_style(presets::UTF8_BORDERS_ONLY)
                    .set_header(["change", "kind", "id", "fields"]);
                for change in &changes {
                    let fields = change
                        .fields
                        .iter()
                        .map(|field| format!("{}: {} -> {}", field.field, field.old, field.new))
                        .collect::<Vec<_>>()
                        .join("\n");
                    let verb = match change.change {
                        ChangeKind::Added => "added",
                        ChangeKind::Removed => "removed",
                        ChangeKind::Changed => "changed",
                    };
                    table.add_row(vec![
                        verb.to_owned(),
                        change.kind.to_string(),
                        change.id.clone(),
                        fields,
                    ]);
                }
                writeln!(out, "{table}")?;
            }
        }
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &changes)?;
            writeln!(out)?;
        }
        ReportFormat::Ndjson => {
            for change in &changes {
                serde_json::to_writer(&mut out, change)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// The runs asked for; by default the latest run with data and the one with data before it.
fn runs_to_compare(
    store: &Store,
    from: Option<i64>,
    to: Option<i64>,
) -> anyhow::Result<(i64, i64)> {
    let with_data: Vec<i64> = store
        .runs()?
        .iter()
        .filter(|run| run.status.has_data())
        .map(|run| run.id)
        .collect();
    let to = match to {
        Some(to) => to,
        None => *with_data.first().ok_or_else(|| {
            UsageError("the inventory has no run with data yet: run `zoom-inventory fetch`".into())
        })?,
    };
    let from = match from {
        Some(from) => from,
        None => *with_data.iter().find(|id| **id < to).ok_or_else(|| {
            UsageError(format!(
                "there is no run with data before run {to} to compare it with: see `zoom-inventory runs`"
            ))
        })?,
    };
    Ok((from, to))
}
