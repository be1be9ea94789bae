//! `posture`: the latest run's account judged against a profile's controls (zoom-inventory's
//! own, or the CIS Zoom Benchmark's by level), printed by section; `--fail-on` turns a failure
//! at or above a severity into exit code 4.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use anyhow::Context as _;

use comfy_table::{ContentArrangement, Table, presets};
use inventory_model::Kind;
use inventory_model::ocsf::{self, Judged};
use inventory_model::posture::{self, Facts, Finding, Profile, Severity, Status, Tally};
use inventory_store::AssetQuery;
use serde_json::{Value, json};

use super::{open_existing, posture_html};
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
    // The run before with data, for what changed since (an admin role gained): its users and
    // roles are enough.
    let previous_run = store
        .runs()?
        .into_iter()
        .filter(|earlier| earlier.id < run.id && earlier.status.has_data())
        .map(|earlier| earlier.id)
        .max();
    let mut previous_assets = Vec::new();
    for kind in [Kind::User, Kind::Role] {
        if let Some(id) = previous_run {
            previous_assets.extend(store.assets(&AssetQuery {
                run: Some(id),
                kind: Some(kind),
                ..AssetQuery::default()
            })?);
        }
    }
    let previous = Facts::from_assets(
        previous_assets
            .iter()
            .map(|a| (a.kind, a.source_id.as_str(), &a.fields)),
        None,
    );
    let as_of = run.finished_at.unwrap_or(run.started_at);
    let mut facts = Facts::from_assets(
        assets
            .iter()
            .map(|a| (a.kind, a.source_id.as_str(), &a.fields)),
        Some(as_of),
    );
    if previous_run.is_some() {
        facts.previous = Some(&previous);
    }
    let controls = args.profile.controls();
    let findings = posture::evaluate(&controls, &facts);
    let account = assets.iter().find(|a| a.kind == Kind::Account);
    let subject = account.map_or_else(|| "account".to_owned(), |a| a.id.clone());

    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).with_context(|| {
                format!("cannot write the report to {}", path.display())
            })?))
        }
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    match args.format {
        PostureFormat::Table => write_table(&mut out, run.id, args.profile, &findings)?,
        PostureFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &findings)?;
            writeln!(out)?;
        }
        PostureFormat::Html => {
            let changes = match previous_run {
                Some(from) => Some((from, store.diff(from, run.id, None)?)),
                None => None,
            };
            let page = posture_html::render(&posture_html::Report {
                run: run.id,
                subject: &subject,
                as_of: as_of.to_string(),
                profile: args.profile,
                facts: &facts,
                changes: changes
                    .as_ref()
                    .map(|(from, changes)| (*from, changes.as_slice())),
            });
            out.write_all(page.as_bytes())?;
        }
        PostureFormat::Sarif => {
            serde_json::to_writer_pretty(&mut out, &sarif(&findings, &subject, args.profile))?;
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
    let failed_at_or_above = |min: Severity| {
        findings
            .iter()
            .any(|f| f.status == Status::Fail && f.severity >= min)
    };
    Ok(match args.fail_on {
        Some(min) if failed_at_or_above(min) => Outcome::ControlsFailed,
        _ => Outcome::Success,
    })
}

/// `N control(s): a pass, b fail, c manual, d unknown`.
fn counts(tally: Tally) -> String {
    format!(
        "{} control(s): {} pass, {} fail, {} manual, {} unknown",
        tally.total(),
        tally.pass,
        tally.fail,
        tally.manual,
        tally.unknown
    )
}

/// The findings by section, in the order their sections first appear.
fn by_section(findings: &[Finding]) -> Vec<(&str, Vec<&Finding>)> {
    let mut sections: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for finding in findings {
        match sections
            .iter_mut()
            .find(|(title, _)| *title == finding.section)
        {
            Some((_, members)) => members.push(finding),
            None => sections.push((&finding.section, vec![finding])),
        }
    }
    sections
}

fn write_table(
    out: &mut impl Write,
    run: i64,
    profile: Profile,
    findings: &[Finding],
) -> anyhow::Result<()> {
    writeln!(
        out,
        "run {run}, {} ({}): {}",
        profile,
        profile.title(),
        counts(Tally::of(findings))
    )?;
    for (section, members) in by_section(findings) {
        let title = if section.is_empty() {
            "controls"
        } else {
            section
        };
        writeln!(
            out,
            "\n{title}: {}",
            counts(Tally::of(members.iter().copied()))
        )?;
        let mut table = Table::new();
        // Titles and evidence are sentences: wrap them to a readable width.
        table
            .load_style(presets::UTF8_BORDERS_ONLY)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(TABLE_WIDTH)
            .set_header(["control", "severity", "status", "title", "evidence"]);
        for finding in members {
            table.add_row(vec![
                finding.control.clone(),
                finding.severity.as_str().to_owned(),
                finding.status.as_str().to_owned(),
                finding.title.clone(),
                finding.evidence.join("\n"),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    for finding in findings.iter().filter(|f| f.status == Status::Fail) {
        writeln!(out, "{}: {}", finding.control, finding.remediation)?;
    }
    Ok(())
}

/// SARIF 2.1.0: one rule per control (with its CIS number, level and section), one result per
/// control (`kind` pass, fail, review for manual items, open for unknown), located at the
/// account record.
fn sarif(findings: &[Finding], subject: &str, profile: Profile) -> Value {
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
                "properties": sarif_rule_properties(f),
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
                Status::Manual => ("review", "none"),
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
            "properties": { "profile": profile.as_str() },
        }],
    })
}

/// A rule's severity, and for a CIS item its number, level and section (also as tags, which
/// code-scanning tools filter on).
fn sarif_rule_properties(finding: &Finding) -> Value {
    let mut properties = json!({ "severity": finding.severity.as_str() });
    if let Some(cis) = &finding.cis {
        properties["cis"] = json!(cis);
    }
    if let Some(level) = finding.level {
        properties["cis_level"] = json!(level);
    }
    if !finding.section.is_empty() {
        properties["section"] = json!(finding.section);
        let mut tags = vec![finding.section.clone()];
        if let Some(level) = finding.level {
            tags.push(format!("CIS Level {level}"));
        }
        properties["tags"] = json!(tags);
    }
    properties
}
