//! The command line, as clap sees it. The settings' flags come from their declarations
//! (`config.rs`); secrets are environment or file only, never a flag.

#[cfg(feature = "simulator")]
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use inventory_model::posture::{Profile, Severity};
use inventory_model::{DeviceType, Kind, UserStatus};

use crate::config::SettingFlags;

/// Where the inventory lives unless `--db` says otherwise.
pub(crate) const DEFAULT_DB: &str = "zoom-inventory.db";

/// The binary's name, as shells and manual pages call it.
pub(crate) const BIN_NAME: &str = "zoom-inventory";

/// The day the binary was built (`build.rs`: `SOURCE_DATE_EPOCH`'s, else the build's).
pub(crate) const BUILD_DATE: &str = env!("ZOOM_INVENTORY_BUILD_DATE");

/// What `--version` prints after the name: the version, the git commit, the build date.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("ZOOM_INVENTORY_COMMIT"),
    ", built ",
    env!("ZOOM_INVENTORY_BUILD_DATE"),
    ")"
);

/// A complete, trustworthy inventory of a Zoom account: users, devices, activity, and the
/// account's security posture.
#[derive(Debug, Parser)]
#[command(name = "zoom-inventory", version = VERSION, propagate_version = true)]
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
    #[cfg(feature = "simulator")]
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
    /// The account's security posture: each control passed, failed or unknown, with evidence
    /// and remediation.
    Posture(PostureArgs),
    /// Run the simulated Zoom alone and print its URLs and credentials.
    #[cfg(feature = "simulator")]
    Sim(SimArgs),
    /// Print the completion script of a shell (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page, or write one page per command into a directory.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub(crate) struct DbArg {
    /// The inventory database.
    #[arg(long, env = "ZOOM_INVENTORY_DB", default_value = DEFAULT_DB)]
    pub(crate) db: PathBuf,
}

#[cfg(feature = "simulator")]
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
    /// Read everything again (every user's detail, every meeting's participants, the whole
    /// window of activities), as a first run does, rather than what changed.
    #[arg(long)]
    pub(crate) full: bool,
    /// Print the run's plan and stop: requests per rate-limit category, Heavy and
    /// Resource-intensive requests against the daily cap, the rate-limit floor. Only the
    /// listings the plan needs are read; nothing is written.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// A TOML config file (see the README).
    #[arg(long, short = 'c', env = "ZOOM_INVENTORY_CONFIG")]
    pub(crate) config: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) settings: SettingFlags,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
    pub(crate) format: ReportFormat,
}

/// What `list` prints: a table, or the assets as JSON, NDJSON or CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    Table,
    Json,
    Ndjson,
    Csv,
}

/// What `runs`, `diff` and `check` print: a table, or their records as JSON or NDJSON (their
/// records nest lists, which CSV cannot hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    Table,
    Json,
    Ndjson,
}

/// What `export` writes: every asset as NDJSON, JSON or CSV, or the kinds OCSF has a class for
/// as OCSF 1.8.0 events (NDJSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    Ndjson,
    Json,
    Csv,
    Ocsf,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// What to list.
    #[arg(value_parser = kinds(Kind::plural, Kind::as_str), ignore_case = true)]
    pub(crate) kind: Kind,
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
    /// List the assets as of this run instead of the latest.
    #[arg(long)]
    pub(crate) run: Option<i64>,
    /// Only users of this status.
    #[arg(long, value_parser = user_statuses(), ignore_case = true)]
    pub(crate) status: Option<UserStatus>,
    /// Only devices of this type.
    #[arg(
        long = "type",
        value_name = "TYPE",
        value_parser = device_types(),
        ignore_case = true
    )]
    pub(crate) device_type: Option<DeviceType>,
}

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// What kind of asset.
    #[arg(value_parser = kinds(Kind::as_str, Kind::plural), ignore_case = true)]
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
    #[arg(long, value_parser = kinds(Kind::as_str, Kind::plural), ignore_case = true)]
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
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
    pub(crate) format: ReportFormat,
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
    #[arg(long, value_parser = kinds(Kind::as_str, Kind::plural), ignore_case = true)]
    pub(crate) kind: Option<Kind>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
    pub(crate) format: ReportFormat,
}

#[derive(Debug, Args)]
pub(crate) struct PostureArgs {
    #[command(flatten)]
    pub(crate) db: DbArg,
    /// The run to judge [default: the latest run with data].
    #[arg(long)]
    pub(crate) run: Option<i64>,
    /// The controls to judge against: zoom-inventory's own, or the CIS Zoom Benchmark v1.0.0's
    /// Level 1 items (`cis-l1`) or Level 1 and 2 items (`cis-l2`).
    #[arg(long, value_parser = profiles(), ignore_case = true, default_value = "zoom-inventory")]
    pub(crate) profile: Profile,
    /// Exit with code 4 when a control of this severity or higher fails (for cron and CI).
    #[arg(long, value_name = "SEVERITY", value_parser = severities(), ignore_case = true)]
    pub(crate) fail_on: Option<Severity>,
    /// Output format (`html`: one self-contained page to hand over).
    #[arg(long, short = 'f', value_enum, default_value_t = PostureFormat::Table)]
    pub(crate) format: PostureFormat,
    /// Write the report to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

/// What `posture` prints: a table, the findings as JSON, SARIF 2.1.0, OCSF 1.8.0 Compliance
/// Findings (NDJSON), or an HTML report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PostureFormat {
    Table,
    Json,
    Sarif,
    Ocsf,
    Html,
}

#[cfg(feature = "simulator")]
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
    /// The simulated portal's markup: `a`, or `b` with other ids and classes (to try a
    /// corrected portal map).
    #[arg(long, value_name = "VARIANT", default_value = "a")]
    pub(crate) portal_markup: String,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell, e.g. `zoom-inventory completions bash > ~/.local/share/bash-completion/completions/zoom-inventory`.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write `zoom-inventory.1` and a `zoom-inventory-<command>.1` per command into this
    /// directory instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
}

/// The library enums' values as clap's possible values (clap stays out of the libraries), so
/// that `--help` lists them and any other value is a usage error naming them. `parse` turns the
/// value clap accepted into the enum.
fn one_of<T: Clone + Send + Sync + 'static>(
    values: impl IntoIterator<Item = PossibleValue>,
    parse: fn(&str) -> Option<T>,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(values)
        .try_map(move |text| parse(&text).ok_or("not one of the possible values"))
}

/// Kinds, shown as `shown` names them and also accepted as `alias` does: `show`, `export
/// --kind` and `diff --kind` show the singular (`user`), `list` the plural (`users`).
fn kinds(
    shown: fn(Kind) -> &'static str,
    alias: fn(Kind) -> &'static str,
) -> impl TypedValueParser<Value = Kind> {
    one_of(
        Kind::ALL.map(|kind| PossibleValue::new(shown(kind)).alias(alias(kind))),
        |text| text.parse().ok(),
    )
}

fn profiles() -> impl TypedValueParser<Value = Profile> {
    one_of(
        Profile::ALL.map(|profile| PossibleValue::new(profile.as_str())),
        |text| text.parse().ok(),
    )
}

fn severities() -> impl TypedValueParser<Value = Severity> {
    one_of(
        Severity::ALL.map(|severity| PossibleValue::new(severity.as_str())),
        |text| {
            Severity::ALL
                .into_iter()
                .find(|severity| severity.as_str().eq_ignore_ascii_case(text))
        },
    )
}

fn user_statuses() -> impl TypedValueParser<Value = UserStatus> {
    one_of(
        UserStatus::ALL.map(|status| PossibleValue::new(status.as_str())),
        UserStatus::parse,
    )
}

fn device_types() -> impl TypedValueParser<Value = DeviceType> {
    one_of(
        DeviceType::ALL.map(|device_type| PossibleValue::new(device_type.as_str())),
        DeviceType::parse,
    )
}

pub(crate) fn parse() -> Cli {
    Cli::parse()
}

/// The command line as clap builds it, for completions and manual pages.
pub(crate) fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
