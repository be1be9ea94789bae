//! Reading the inventory: `list`, `show`, `export`.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use anyhow::Context as _;
use inventory_model::{DeviceType, Kind, UserStatus, ocsf};
use inventory_store::{AssetQuery, Store};

use super::open_existing;
use crate::cli::{ExportArgs, ExportFormat, ListArgs, ListFormat, ShowArgs};
use crate::exit::{Outcome, UsageError};
use crate::output::{AssetWriter, ocsf_event};

pub(crate) fn list(args: &ListArgs) -> anyhow::Result<Outcome> {
    if args.status.is_some() && args.kind != Kind::User {
        return Err(UsageError("--status applies to users only".into()).into());
    }
    if args.device_type.is_some() && args.kind != Kind::Device {
        return Err(UsageError("--type applies to devices only".into()).into());
    }
    let store = open_existing(&args.db.db)?;
    let run = resolve_run(&store, args.run)?;
    let out = BufWriter::new(io::stdout().lock());
    let mut writer = match args.format {
        ListFormat::Table => AssetWriter::table(out, args.kind),
        ListFormat::Json => AssetWriter::json(out),
        ListFormat::Ndjson => AssetWriter::ndjson(out),
        ListFormat::Csv => AssetWriter::csv(out, &[args.kind])?,
    };
    let query = AssetQuery {
        run: Some(run),
        kind: Some(args.kind),
        ..AssetQuery::default()
    };
    let status = args.status.map(UserStatus::as_str);
    let device_type = args.device_type.map(DeviceType::as_str);
    store.for_each_asset(&query, |asset| {
        let field = |name: &str| asset.fields.get(name).and_then(|value| value.as_str());
        let wanted = status.is_none_or(|status| field("status") == Some(status))
            && device_type.is_none_or(|device_type| field("device_type") == Some(device_type));
        if wanted {
            writer.write(&asset)?;
        }
        Ok::<(), anyhow::Error>(())
    })?;
    writer.finish()?;
    Ok(Outcome::Success)
}

pub(crate) fn show(args: &ShowArgs) -> anyhow::Result<Outcome> {
    let store = open_existing(&args.db.db)?;
    let run = resolve_run(&store, args.run)?;
    let asset = store
        .find_asset(args.kind, &args.id, Some(run))?
        .ok_or_else(|| {
            UsageError(format!(
                "no {} {:?} in run {run}: try `zoom-inventory list {}`",
                args.kind,
                args.id,
                args.kind.plural()
            ))
        })?;
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &asset)?;
    writeln!(out)?;
    Ok(Outcome::Success)
}

pub(crate) fn export(args: &ExportArgs, quiet: bool) -> anyhow::Result<Outcome> {
    if args.format == ExportFormat::Ocsf
        && let Some(kind) = args.kind
        && ocsf::classes(kind).is_empty()
    {
        return Err(UsageError(format!(
            "{kind} records have no OCSF class: export them with --format ndjson (OCSF holds {})",
            ocsf_kinds().join(", ")
        ))
        .into());
    }
    let store = open_existing(&args.db.db)?;
    let run = resolve_run(&store, args.run)?;
    let out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let out = BufWriter::new(out);
    let kinds: Vec<Kind> = args
        .kind
        .map_or_else(|| Kind::ALL.to_vec(), |kind| vec![kind]);
    let mut writer = match args.format {
        ExportFormat::Ndjson => AssetWriter::ndjson(out),
        ExportFormat::Json => AssetWriter::json(out),
        ExportFormat::Csv => AssetWriter::csv(out, &kinds)?,
        ExportFormat::Ocsf => return export_ocsf(&store, run, args.kind, out, quiet),
    };
    let query = AssetQuery {
        run: Some(run),
        kind: args.kind,
        ..AssetQuery::default()
    };
    store.for_each_asset(&query, |asset| {
        writer.write(&asset)?;
        Ok::<(), anyhow::Error>(())
    })?;
    writer.finish()?;
    Ok(Outcome::Success)
}

/// One OCSF event a line for each asset of a kind OCSF has a class for; the others are counted
/// and named on stderr (unless `quiet`), since they stay in the native format.
fn export_ocsf(
    store: &Store,
    run: i64,
    kind: Option<Kind>,
    mut out: impl Write,
    quiet: bool,
) -> anyhow::Result<Outcome> {
    let query = AssetQuery {
        run: Some(run),
        kind,
        ..AssetQuery::default()
    };
    let mut left_out = 0_u64;
    store.for_each_asset(&query, |asset| {
        match ocsf_event(&asset) {
            Some(event) => {
                serde_json::to_writer(&mut out, &event)?;
                out.write_all(b"\n")?;
            }
            None => left_out += 1,
        }
        Ok::<(), anyhow::Error>(())
    })?;
    out.flush()?;
    if left_out > 0 && !quiet {
        let native: Vec<&str> = Kind::ALL
            .into_iter()
            .filter(|kind| ocsf::classes(*kind).is_empty())
            .map(Kind::as_str)
            .collect();
        #[allow(clippy::print_stderr, reason = "a note beside the data on stdout")]
        {
            eprintln!(
                "note: {left_out} {} record(s) have no OCSF class and were left out: export them with --format ndjson",
                native.join(", ")
            );
        }
    }
    Ok(Outcome::Success)
}

/// The kinds the OCSF export holds.
fn ocsf_kinds() -> Vec<&'static str> {
    Kind::ALL
        .into_iter()
        .filter(|kind| !ocsf::classes(*kind).is_empty())
        .map(Kind::plural)
        .collect()
}

/// The run to read: the one asked for, or the latest that stored data.
fn resolve_run(store: &Store, asked: Option<i64>) -> anyhow::Result<i64> {
    match asked {
        Some(id) => match store.run(id)? {
            Some(run) if run.status.has_data() => Ok(id),
            Some(run) => Err(UsageError(format!(
                "run {id} is {} and stored no data: see `zoom-inventory runs`",
                run.status
            ))
            .into()),
            None => {
                Err(UsageError(format!("there is no run {id}: see `zoom-inventory runs`")).into())
            }
        },
        None => store.latest_run()?.map(|run| run.id).ok_or_else(|| {
            UsageError(
                "the inventory has no completed run yet: run `zoom-inventory fetch` first".into(),
            )
            .into()
        }),
    }
}
