//! The command line, as clap sees it. The settings' flags come from their declarations
//! (`config.rs`); secrets are environment or file only, never a flag.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use inventory_model::{DeviceType, Kind};

use crate::config::SettingFlags;

/// Where the inventory lives unless `--db` says otherwise.
pub(crate) const DEFAULT_DB: &str = "zoom-inventory.db";

/// A complete, trustworthy inventory of a Zoom account: users, devices, activity.
#[derive(Debug, Parser)]
#[command(name = "zoom-inventory", version, propagate_version = true)]
pub(crate) struct Cli {
    /// Log detail on stderr: -v info, -vv debug, -vvv trace (or set RUST_LOG).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,
    /// Hide progress bars.
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Start a simulated Zoom account on loopback, fetch it into the database, print a summary.
    Demo(DemoArgs),
    /// Fetch a Zoom account into the database (one run).
    Fetch(FetchArgs),
    /// Test the connection: a token, then each enabled source, naming missing scopes and plan
    /// gates.
    Check(CheckArgs),
    /// List the assets of the latest run (or --run N).
    List(ListArgs),
    /// Show one asset: normalized fields and Zoom's JSON.
    Show(ShowArgs),
    /// Export every asset of the latest run (or --run N).
    Export(ExportArgs),
    /// Fetch history: when, settings digest, counts, complete or partial and why.
    Runs(RunsArgs),
    /// Assets added, removed and changed (field by field) between two runs.
    Diff(DiffArgs),
    /// The account's security posture: each control passed or failed, with evidence and
    /// remediation.
    Posture(PostureArgs),
    /// Run the simulated Zoom alone and print its URLs and credentials.
    Sim(SimArgs),
}

#[derive(Debug, Args)]
pub(crate) struct DbArg {
    /// The inventory database.
    #[arg(long, env = "ZOOM_INVENTORY_DB", default_value = DEFAULT_DB)]
    pub(crate) db: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// Users in the simulated account.
    #[arg(long, default_value_t = 500)]
    pub(crate) users: usize,
    /// Seed of the simulated account (same seed, same account).
    #[arg(long, default_value_t = 42)]
    pub(crate) seed: u64,
    /// Skip the web portal (billing, SSO, integrations through headless Chromium).
    #[arg(long)]
    pub(crate) no_portal: bool,
}

#[derive(Debug, Args)]
pub(crate) struct FetchArgs {
    /// A TOML config file (see the README).
    #[arg(long, short = 'c', env = "ZOOM_INVENTORY_CONFIG")]
    pub(crate) config: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) db: DbArg,
    #[command(flatten)]
    pub(crate) settings: SettingFlags,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// A TOML config file (see the README).
    #[arg(long, short = 'c', env = "ZOOM_INVENTORY_CONFIG")]
    pub(crate) config: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) settings: SettingFlags,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    Table,
    Json,
    Ndjson,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    Ndjson,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// What to list: users, devices, activities.
    pub(crate) kind: Kind,
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
    /// List the assets as of this run instead of the latest.
    #[arg(long)]
    pub(crate) run: Option<i64>,
    /// Only users of this status (active, inactive, pending).
    #[arg(long)]
    pub(crate) status: Option<String>,
    /// Only devices of this type: h323, meeting_device, zoom_room, zoom_room_device, zdm.
    #[arg(long = "type", value_parser = parse_device_type)]
    pub(crate) device_type: Option<DeviceType>,
}

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// What kind of asset: user, device, activity.
    pub(crate) kind: Kind,
    /// Its id (`user:…`), Zoom's id, or (users) the email.
    pub(crate) id: String,
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// Show the asset as of this run instead of the latest.
    #[arg(long)]
    pub(crate) run: Option<i64>,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Ndjson)]
    pub(crate) format: ExportFormat,
    /// Only this kind.
    #[arg(long)]
    pub(crate) kind: Option<Kind>,
    /// Write to this file instead of stdout.
    #[arg(long, short = 'o')]
    pub(crate) out: Option<PathBuf>,
    /// Export this run instead of the latest.
    #[arg(long)]
    pub(crate) run: Option<i64>,
}

#[derive(Debug, Args)]
pub(crate) struct RunsArgs {
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// The earlier run [default: the run with data before --to].
    #[arg(long)]
    pub(crate) from: Option<i64>,
    /// The later run [default: the latest run with data].
    #[arg(long)]
    pub(crate) to: Option<i64>,
    /// Only this kind.
    #[arg(long)]
    pub(crate) kind: Option<Kind>,
    /// Output format (csv is not offered: changes nest field lists).
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

#[derive(Debug, Args)]
pub(crate) struct PostureArgs {
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// The run to judge [default: the latest run with data].
    #[arg(long)]
    pub(crate) run: Option<i64>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = PostureFormat::Table)]
    pub(crate) format: PostureFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PostureFormat {
    Table,
    Json,
    Sarif,
}

#[derive(Debug, Args)]
pub(crate) struct SimArgs {
    /// Address to listen on (loopback unless you mean otherwise).
    #[arg(long, default_value = "127.0.0.1:9494")]
    pub(crate) listen: SocketAddr,
    /// Users in the simulated account.
    #[arg(long, default_value_t = 500)]
    pub(crate) users: usize,
    /// Seed of the simulated account.
    #[arg(long, default_value_t = 42)]
    pub(crate) seed: u64,
    /// The account's plan: free, pro, business.
    #[arg(long, default_value = "business")]
    pub(crate) plan: String,
    /// Access-token lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    pub(crate) token_ttl: u64,
    /// Enforce Zoom's rate limits of the plan (per second and per day), with 429s as Zoom sends
    /// them.
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub(crate) rate_limits: bool,
    /// Faults to inject, e.g. `seed=7,5xx=0.1,reset=0.02,slow=0.01:250ms,truncate=0.01,revoke-token-after=300,expire-page-tokens=0.05`.
    #[arg(long, value_name = "SPEC")]
    pub(crate) faults: Option<String>,
}

fn parse_device_type(text: &str) -> Result<DeviceType, String> {
    DeviceType::parse(text).ok_or_else(|| {
        format!(
            "unknown device type {text:?}: expected one of {}",
            DeviceType::ALL.map(DeviceType::as_str).join(", ")
        )
    })
}

pub(crate) fn parse() -> Cli {
    Cli::parse()
}
