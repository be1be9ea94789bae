//! `check`: a token, then each enabled source probed with its smallest request.

use std::io::{self, BufWriter, Write};

use comfy_table::{Table, presets};
use zoom_collector::CheckStatus;

use crate::cli::{CheckArgs, ReportFormat};
use crate::config;
use crate::exit::Outcome;

/// Probes every enabled source; exits 0 only when every one answered.
pub(crate) async fn run(args: CheckArgs) -> anyhow::Result<Outcome> {
    let settings = config::settings(args.config.as_deref(), &args.settings)?;
    let checks = zoom_collector::check(&settings).await?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &checks)?;
            writeln!(out)?;
        }
        ReportFormat::Ndjson => {
            for check in &checks {
                serde_json::to_writer(&mut out, check)?;
                writeln!(out)?;
            }
        }
        ReportFormat::Table => {
            let mut table = Table::new();
            table.load_style(presets::UTF8_BORDERS_ONLY).set_header([
                "source",
                "status",
                "rate limit",
                "what to do",
            ]);
            for check in &checks {
                let (status, todo) = match check.status {
                    CheckStatus::Ok => ("ok", String::new()),
                    CheckStatus::MissingScope => (
                        "missing scope",
                        format!("grant {}", check.missing_scopes.join(", ")),
                    ),
                    CheckStatus::NotAvailable => {
                        ("not available", check.detail.clone().unwrap_or_default())
                    }
                    CheckStatus::Network => {
                        ("network error", check.detail.clone().unwrap_or_default())
                    }
                    CheckStatus::Error => ("error", check.detail.clone().unwrap_or_default()),
                };
                table.add_row(vec![
                    check.source.to_owned(),
                    status.to_owned(),
                    check.category.clone(),
                    todo,
                ]);
            }
            writeln!(out, "{table}")?;
        }
    }
    out.flush()?;
    if checks.iter().all(|check| check.status == CheckStatus::Ok) {
        Ok(Outcome::Success)
    } else {
        Ok(Outcome::Failed)
    }
}
