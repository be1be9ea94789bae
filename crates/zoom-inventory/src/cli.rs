//! The command line, as clap sees it. Every fetch setting is a flag and an environment
//! variable; secrets are environment or file only, never a flag.

#[cfg(feature = "simulator")]
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use inventory_model::{DeviceType, Kind};
use zoom_collector::AssetType;

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
    /// The account's security posture: each control passed or failed, with evidence and
    /// remediation.
    Posture(PostureArgs),
    /// Run the simulated Zoom alone and print its URLs and credentials.
    #[cfg(feature = "simulator")]
    Sim(SimArgs),
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
    pub(crate) connection: ConnectionArgs,
    #[command(flatten)]
    pub(crate) fetch: FetchFlags,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// A TOML config file (see the README).
    #[arg(long, short = 'c', env = "ZOOM_INVENTORY_CONFIG")]
    pub(crate) config: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) connection: ConnectionArgs,
    #[command(flatten)]
    pub(crate) fetch: FetchFlags,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

/// Connection settings. The client secret is deliberately absent: it comes from
/// `ZOOM_CLIENT_SECRET`, `ZOOM_CLIENT_SECRET_FILE` or the config file.
#[derive(Debug, Args)]
pub(crate) struct ConnectionArgs {
    /// Zoom's API base URL [default: https://api.zoom.us].
    #[arg(long, env = "ZOOM_API_URL")]
    pub(crate) api_url: Option<String>,
    /// The OAuth host serving /oauth/token [default: https://zoom.us, or https://zoomgov.com for ZoomGov].
    #[arg(long, env = "ZOOM_OAUTH_URL")]
    pub(crate) oauth_url: Option<String>,
    /// The Server-to-Server OAuth app's account id.
    #[arg(long, env = "ZOOM_ACCOUNT_ID")]
    pub(crate) account_id: Option<String>,
    /// The app's client id.
    #[arg(long, env = "ZOOM_CLIENT_ID")]
    pub(crate) client_id: Option<String>,
    /// A file holding the client secret.
    #[arg(long, env = "ZOOM_CLIENT_SECRET_FILE")]
    pub(crate) client_secret_file: Option<PathBuf>,
    /// Verify TLS certificates [default: true].
    #[arg(long, env = "ZOOM_VERIFY_SSL", value_name = "BOOL")]
    pub(crate) verify_ssl: Option<bool>,
    /// A PEM file of certificates to trust besides the system's.
    #[arg(long, env = "ZOOM_CA_CERT")]
    pub(crate) ca_cert: Option<PathBuf>,
    /// Proxy for HTTPS requests.
    #[arg(long, env = "ZOOM_HTTPS_PROXY")]
    pub(crate) https_proxy: Option<String>,
    /// The account's plan, which sets Zoom's rate limits: free, pro, business [default: business].
    #[arg(long, env = "ZOOM_PLAN")]
    pub(crate) plan: Option<String>,
    /// Pace requests to the plan's rate limits [default: true]; off only for servers without
    /// Zoom's limits.
    #[arg(long, env = "ZOOM_PACE_REQUESTS", value_name = "BOOL")]
    pub(crate) pace_requests: Option<bool>,
    /// Seconds one request may take, body included, before it is given up [default: 30].
    #[arg(
        long,
        env = "ZOOM_TIMEOUT",
        value_name = "SECONDS",
        allow_negative_numbers = true
    )]
    pub(crate) timeout: Option<u64>,
}

/// The `[fetch]` settings as flags.
#[derive(Debug, Clone, Args)]
pub(crate) struct FetchFlags {
    /// Days of past meetings whose devices (and of activities) are read [default: 7].
    #[arg(
        long,
        env = "ZOOM_FETCH_DAYS_OF_MEETINGS",
        value_name = "DAYS",
        allow_negative_numbers = true
    )]
    pub(crate) days_of_meetings: Option<u32>,
    /// Keep only meeting devices with both a host name and a MAC address [default: true].
    #[arg(
        long,
        env = "ZOOM_FETCH_DEVICES_REQUIRE_HOSTNAME_AND_MAC",
        value_name = "BOOL"
    )]
    pub(crate) devices_require_hostname_and_mac: Option<bool>,
    /// Fetch devices at all [default: true].
    #[arg(long, env = "ZOOM_FETCH_FETCH_DEVICES", value_name = "BOOL")]
    pub(crate) fetch_devices: Option<bool>,
    /// Skip devices owned by service accounts (API users, Zoom Rooms accounts) [default: false].
    #[arg(long, env = "ZOOM_FETCH_SKIP_SERVICE_ACCOUNTS", value_name = "BOOL")]
    pub(crate) skip_service_accounts: Option<bool>,
    /// Device sources to read, comma-separated: h323, meeting_devices, zoom_rooms,
    /// zoom_room_devices, zdm [default: all].
    #[arg(long, env = "ZOOM_FETCH_ASSET_TYPES", value_name = "TYPES", value_delimiter = ',', value_parser = parse_asset_type)]
    pub(crate) asset_types: Option<Vec<AssetType>>,
    /// Read sign-in/sign-out and operation logs as activities [default: false].
    #[arg(long, env = "ZOOM_FETCH_ACTIVITY_LOGS", value_name = "BOOL")]
    pub(crate) activity_logs: Option<bool>,
    /// Leave out rooms that exist only as calendar resources [default: false].
    #[arg(long, env = "ZOOM_FETCH_EXCLUDE_CALENDAR_ROOMS", value_name = "BOOL")]
    pub(crate) exclude_calendar_rooms: Option<bool>,
    /// Also fetch inactive users [default: false].
    #[arg(long, env = "ZOOM_FETCH_INACTIVE_USERS", value_name = "BOOL")]
    pub(crate) fetch_inactive_users: Option<bool>,
    /// Also fetch pending users [default: false].
    #[arg(long, env = "ZOOM_FETCH_PENDING_USERS", value_name = "BOOL")]
    pub(crate) fetch_pending_users: Option<bool>,
    /// Read each user's detail for job title and sign-in types [default: true].
    #[arg(long, env = "ZOOM_FETCH_USER_DETAILS", value_name = "BOOL")]
    pub(crate) fetch_user_details: Option<bool>,
    /// Requests in flight at once [default: 16].
    #[arg(
        long,
        env = "ZOOM_FETCH_CONCURRENCY",
        value_name = "N",
        allow_negative_numbers = true
    )]
    pub(crate) concurrency: Option<usize>,
    #[command(flatten)]
    pub(crate) saas: SaasFlags,
}

/// The `[saas]` settings as flags. The password and the TOTP secret are deliberately absent:
/// they come from `ZOOM_PORTAL_PASSWORD` / `ZOOM_MFA_SECRET`, files, or the config file.
#[derive(Debug, Clone, Args)]
pub(crate) struct SaasFlags {
    /// Read the account's settings, seats, roles, groups and apps over the API [default: true].
    #[arg(long, env = "ZOOM_SAAS_API", value_name = "BOOL")]
    pub(crate) saas_api: Option<bool>,
    /// Sign in to the web portal for billing, SSO and integrations [default: false].
    #[arg(long, env = "ZOOM_SAAS_ENABLED", value_name = "BOOL")]
    pub(crate) saas_enabled: Option<bool>,
    /// The web portal, https://<account>.zoom.us.
    #[arg(long, env = "ZOOM_PORTAL_URL")]
    pub(crate) portal_url: Option<String>,
    /// The portal user's e-mail address.
    #[arg(long, env = "ZOOM_PORTAL_USERNAME")]
    pub(crate) portal_username: Option<String>,
    /// A file holding the portal user's password.
    #[arg(long, env = "ZOOM_PORTAL_PASSWORD_FILE")]
    pub(crate) portal_password_file: Option<PathBuf>,
    /// A file holding the portal user's base32 TOTP secret.
    #[arg(long, env = "ZOOM_MFA_SECRET_FILE")]
    pub(crate) mfa_secret_file: Option<PathBuf>,
    /// A running WebDriver server [default: start chromedriver from PATH].
    #[arg(long, env = "ZOOM_WEBDRIVER_URL")]
    pub(crate) webdriver_url: Option<String>,
    /// Where the portal session is kept between runs [default: next to the database].
    #[arg(long, env = "ZOOM_PORTAL_SESSION_FILE")]
    pub(crate) portal_session_file: Option<PathBuf>,
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
}

fn parse_asset_type(text: &str) -> Result<AssetType, String> {
    AssetType::parse(text).map_err(|error| error.to_string())
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
