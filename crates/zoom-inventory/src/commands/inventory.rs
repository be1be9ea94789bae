//! Reading the inventory: `list`, `show`, `export`.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use anyhow::Context as _;
use inventory_model::{DeviceType, Kind, UserStatus};
use inventory_store::{AssetQuery, Store};

use super::open_existing;
use crate::cli::{ExportArgs, ExportFormat, ListArgs, ListFormat, ShowArgs};
use crate::exit::{Outcome, UsageError};
use crate::output::AssetWriter;

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

pub(crate) fn export(args: &ExportArgs) -> anyhow::Result<Outcome> {
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
