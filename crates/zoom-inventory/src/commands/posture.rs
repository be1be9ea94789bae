//! `posture`: the latest run's account judged against the shipped controls.

use std::io::{self, BufWriter, Write};

use comfy_table::{ContentArrangement, Table, presets};
use inventory_model::Kind;
use inventory_model::ocsf::{self, Judged};
use inventory_model::posture::{self, Facts, Finding, Severity, Status};
use inventory_store::AssetQuery;
use serde_json::{Value, json};

use super::open_existing;
use crate::cli::{PostureArgs, PostureFormat};
use crate::exit::{Outcome, UsageError};
use crate::output::OCSF_PRODUCT;

/// Width of the findings table (its text columns wrap).
const TABLE_WIDTH: u16 = 140;

/// The SARIF schema the output follows.
const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub(crate) fn run(args: &PostureArgs) -> anyhow::Result<Outcome> {
    let store = open_existing(&args.db.db)?;
    let run = match args.run {
        Some(id) => store.run(id)?,
        None => store.latest_run()?,
    }
    .ok_or_else(|| {
        UsageError("the inventory has no run with data yet: run `zoom-inventory fetch`".into())
    })?;
    let assets = store.assets(&AssetQuery {
        run: Some(run.id),
        ..AssetQuery::default()
    })?;
    let as_of = run.finished_at.unwrap_or(run.started_at);
    let facts = Facts::from_assets(
        assets
            .iter()
            .map(|a| (a.kind, a.source_id.as_str(), &a.fields)),
        Some(as_of),
    );
    let controls = posture::controls();
    let findings = posture::evaluate(&controls, &facts);
    let account = assets.iter().find(|a| a.kind == Kind::Account);
    let subject = account.map_or_else(|| "account".to_owned(), |a| a.id.clone());

    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        PostureFormat::Table => write_table(&mut out, run.id, &findings)?,
        PostureFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &findings)?;
            writeln!(out)?;
        }
        PostureFormat::Sarif => {
            serde_json::to_writer_pretty(&mut out, &sarif(&findings, &subject))?;
            writeln!(out)?;
        }
        PostureFormat::Ocsf => {
            let judged = Judged {
                account_id: account.map(|a| a.source_id.as_str()),
                name: account.and_then(|a| a.fields.get("name")?.as_str()),
            };
            for finding in &findings {
                let event = ocsf::compliance_finding(finding, judged, as_of, OCSF_PRODUCT);
                serde_json::to_writer(&mut out, &event)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn write_table(out: &mut impl Write, run: i64, findings: &[Finding]) -> anyhow::Result<()> {
    let count = |status: Status| findings.iter().filter(|f| f.status == status).count();
    writeln!(
        out,
        "run {run}: {} control(s): {} pass, {} fail, {} unknown",
        findings.len(),
        count(Status::Pass),
        count(Status::Fail),
        count(Status::Unknown)
    )?;
    let mut table = Table::new();
    // Titles and evidence are sentences: wrap them to a readable width.
    table
        .load_style(presets::UTF8_BORDERS_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(TABLE_WIDTH)
        .set_header(["control", "severity", "status", "title", "evidence"]);
    for finding in findings {
        table.add_row(vec![
            finding.control.clone(),
            finding.severity.as_str().to_owned(),
            finding.status.as_str().to_owned(),
            finding.title.clone(),
            finding.evidence.join("\n"),
        ]);
    }
    writeln!(out, "{table}")?;
    for finding in findings.iter().filter(|f| f.status == Status::Fail) {
        writeln!(out, "{}: {}", finding.control, finding.remediation)?;
    }
    Ok(())
}

/// SARIF 2.1.0: one rule per control, one result per control (`kind` pass, fail or open for
/// unknown), located at the account record.
fn sarif(findings: &[Finding], subject: &str) -> Value {
    let level = |severity: Severity| match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    };
    let rules: Vec<Value> = findings
        .iter()
        .map(|f| {
            json!({
                "id": f.control,
                "name": f.control.replace('-', ""),
                "shortDescription": { "text": f.title },
                "help": { "text": f.remediation },
                "defaultConfiguration": { "level": level(f.severity) },
                "properties": { "severity": f.severity.as_str() },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .enumerate()
        .map(|(index, f)| {
            let (kind, level) = match f.status {
                Status::Pass => ("pass", "none"),
                Status::Fail => ("fail", level(f.severity)),
                Status::Unknown => ("open", "none"),
            };
            let evidence = if f.evidence.is_empty() {
                String::new()
            } else {
                format!(": {}", f.evidence.join("; "))
            };
            json!({
                "ruleId": f.control,
                "ruleIndex": index,
                "kind": kind,
                "level": level,
                "message": { "text": format!("{} ({}){evidence}", f.title, f.status.as_str()) },
                "locations": [{
                    "logicalLocations": [{ "fullyQualifiedName": subject, "kind": "resource" }],
                }],
            })
        })
        .collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "zoom-inventory",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/zoom-inventory/zoom-inventory",
                    "rules": rules,
                },
            },
            "results": results,
        }],
    })
}
