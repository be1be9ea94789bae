//! Settings of one fetch: the connection and the fetch options of the product contract.
//!
//! Three layers, each overriding the one before: the TOML file, the environment, the command
//! line. The CLI turns the last two into [`Overrides`]; [`Settings::resolve`] merges and checks
//! everything, so that a bad value is reported before any request is made.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use url::Url;
use zoom_api::Plan;

/// Zoom's dashboards answer for the last six months only.
pub const MAX_DAYS_OF_MEETINGS: u32 = 180;

/// Seconds one request may take unless `timeout` says otherwise.
const DEFAULT_TIMEOUT_SECONDS: u64 = 30;

/// The longest `timeout` accepted: an hour.
const MAX_TIMEOUT_SECONDS: u64 = 3600;

/// Zoom's global API host.
pub const DEFAULT_API_URL: &str = "https://api.zoom.us";

/// What went wrong while reading or checking settings. Every message names the setting and
/// what to do.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The config file could not be read.
    #[error("cannot read config file {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The config file is not valid TOML, or has an unknown key or a wrongly typed value.
    #[error("invalid config file {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The TOML parser's message, with line and column.
        message: String,
    },
    /// A required setting has no value.
    #[error("{name} is not set: {hint}")]
    Missing {
        /// The setting's TOML key.
        name: &'static str,
        /// Where it can be given.
        hint: &'static str,
    },
    /// A setting has a value that cannot be used.
    #[error("invalid {name}: {message}")]
    Invalid {
        /// The setting's TOML key.
        name: &'static str,
        /// What is wrong with it.
        message: String,
    },
}

impl SettingsError {
    /// Whether the user can fix this in their settings: so far, every settings error.
    pub fn is_usage(&self) -> bool {
        match self {
            SettingsError::Read { .. }
            | SettingsError::Parse { .. }
            | SettingsError::Missing { .. }
            | SettingsError::Invalid { .. } => true,
        }
    }
}

/// The config file as written (`--config`): every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsFile {
    /// Zoom's API base (`https://api.zoom.us`).
    pub api_url: Option<String>,
    /// The OAuth host (`https://zoom.us`).
    pub oauth_url: Option<String>,
    /// The Server-to-Server OAuth app's account id.
    pub account_id: Option<String>,
    /// The app's client id.
    pub client_id: Option<String>,
    /// The app's client secret (prefer `client_secret_file` or `ZOOM_CLIENT_SECRET`).
    pub client_secret: Option<SecretString>,
    /// A file holding the client secret.
    pub client_secret_file: Option<PathBuf>,
    /// Verify the server's TLS certificate (default true).
    pub verify_ssl: Option<bool>,
    /// A PEM file of certificates to trust in addition to the system's.
    pub ca_cert: Option<PathBuf>,
    /// A proxy for HTTPS requests.
    pub https_proxy: Option<String>,
    /// The account's plan, which sets Zoom's rate limits: `free`, `pro`, `business` (default).
    pub plan: Option<String>,
    /// Pace requests to stay within the plan's rate limits (default true).
    pub pace_requests: Option<bool>,
    /// Seconds one request may take, body included, before it is given up (default 30).
    pub timeout: Option<u64>,
    /// The fetch options.
    #[serde(default)]
    pub fetch: FetchOverrides,
    /// The SaaS options.
    #[serde(default)]
    pub saas: SaasOverrides,
}

impl SettingsFile {
    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<SettingsFile, SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read {
            path: path.to_owned(),
            source,
        })?;
        let file = Self::parse(&text, path)?;
        let secrets: Vec<&str> = [
            ("client_secret", file.client_secret.is_some()),
            ("saas.password", file.saas.password.is_some()),
            ("saas.mfa_secret", file.saas.mfa_secret.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect();
        if !secrets.is_empty() {
            warn_if_readable_by_others(path, &secrets.join(", "));
        }
        Ok(file)
    }

    /// Parses config text; `path` only names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<SettingsFile, SettingsError> {
        toml::from_str(text).map_err(|error| {
            // One line: where, then what (the parser's own rendering spans several lines).
            let mut key = None;
            let place = error.span().map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                let column = before.len() - line_start + 1;
                // Name the key of a `key = value` line (a value of the wrong type).
                let line_text = text[line_start..].lines().next().unwrap_or_default();
                match line_text.split_once('=') {
                    Some((name, _)) if !name.trim().is_empty() && !name.contains('[') => {
                        key = Some(name.trim());
                        format!("line {line}, column {column} (`{}`): ", name.trim())
                    }
                    _ => format!("line {line}, column {column}: "),
                }
            });
            let mut message = error.message().trim_end().replace('\n', " ");
            if key.is_some_and(|key| {
                matches!(
                    key.trim_matches('"'),
                    "client_secret" | "password" | "mfa_secret"
                )
            }) {
                // The parser quotes the value it could not use: never the secret.
                message = "cannot be read as a string (the value is not shown: it is a secret)"
                    .to_owned();
            }
            let hint = did_you_mean(&message)
                .map(|key| format!("; did you mean `{key}`?"))
                .unwrap_or_default();
            SettingsError::Parse {
                path: path.to_owned(),
                message: format!("{}{message}{hint}", place.unwrap_or_default()),
            }
        })
    }
}

/// Warns (on every run) when a config file holding secrets (`held`, their names) can be read by
/// other users.
#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path, held: &str) {
    use std::os::unix::fs::PermissionsExt as _;
    let Ok(metadata) = std::fs::metadata(path) else {
        return;
    };
    let mode = metadata.permissions().mode();
    if mode & 0o044 != 0 {
        tracing::warn!(
            "config file {} holds {held} and other users can read it (mode {:o}): run `chmod 600 {}`",
            path.display(),
            mode & 0o777,
            path.display()
        );
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path, _held: &str) {}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (and "unknown variant"), the
/// expected name nearest to `x`, when it is near enough to be a typo of it.
fn did_you_mean(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (unknown, expected) = rest.split_once('`')?;
    let expected = expected.split_once("expected")?.1;
    let (mut best, mut best_distance) = (None, usize::MAX);
    for candidate in expected.split('`').skip(1).step_by(2) {
        let distance = edit_distance(unknown, candidate);
        if distance < best_distance {
            (best, best_distance) = (Some(candidate), distance);
        }
    }
    // A typo: a few edits, and fewer than half the name.
    best.filter(|_| best_distance <= 3 && best_distance * 2 < unknown.chars().count().max(2))
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Values from the environment and the command line, each overriding the file's.
#[derive(Debug, Default)]
pub struct Overrides {
    /// `--api-url` / `ZOOM_API_URL`.
    pub api_url: Option<String>,
    /// `--oauth-url` / `ZOOM_OAUTH_URL`.
    pub oauth_url: Option<String>,
    /// `ZOOM_ACCOUNT_ID`.
    pub account_id: Option<String>,
    /// `ZOOM_CLIENT_ID`.
    pub client_id: Option<String>,
    /// `ZOOM_CLIENT_SECRET` (never a flag).
    pub client_secret: Option<SecretString>,
    /// `ZOOM_CLIENT_SECRET_FILE`.
    pub client_secret_file: Option<PathBuf>,
    /// `--verify-ssl` / `ZOOM_VERIFY_SSL`.
    pub verify_ssl: Option<bool>,
    /// `--ca-cert` / `ZOOM_CA_CERT`.
    pub ca_cert: Option<PathBuf>,
    /// `--https-proxy` / `ZOOM_HTTPS_PROXY`.
    pub https_proxy: Option<String>,
    /// `--plan` / `ZOOM_PLAN`.
    pub plan: Option<String>,
    /// `--pace-requests` / `ZOOM_PACE_REQUESTS`.
    pub pace_requests: Option<bool>,
    /// `--timeout` / `ZOOM_TIMEOUT`, in seconds.
    pub timeout: Option<u64>,
    /// Fetch options.
    pub fetch: FetchOverrides,
    /// SaaS options (`ZOOM_PORTAL_PASSWORD`, `ZOOM_MFA_SECRET`, `--saas-enabled`, ...).
    pub saas: SaasOverrides,
}

/// The `[saas]` table, every key optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaasOverrides {
    /// See [`SaasSettings::api`].
    pub api: Option<bool>,
    /// Sign in to the web portal (default false).
    pub enabled: Option<bool>,
    /// The portal (`https://<account>.zoom.us`).
    pub portal_url: Option<String>,
    /// The portal user's e-mail address.
    pub username: Option<String>,
    /// The portal user's password (prefer `password_file` or `ZOOM_PORTAL_PASSWORD`).
    pub password: Option<SecretString>,
    /// A file holding the password.
    pub password_file: Option<PathBuf>,
    /// The user's base32 TOTP secret (prefer `mfa_secret_file` or `ZOOM_MFA_SECRET`).
    pub mfa_secret: Option<SecretString>,
    /// A file holding the TOTP secret.
    pub mfa_secret_file: Option<PathBuf>,
    /// A running WebDriver server; default: start `chromedriver` from PATH.
    pub webdriver_url: Option<String>,
    /// Where the portal session is kept between runs; default: next to the database.
    pub session_file: Option<PathBuf>,
}

impl SaasOverrides {
    /// `self` over `base`, key by key.
    fn over(self, base: SaasOverrides) -> SaasOverrides {
        SaasOverrides {
            api: self.api.or(base.api),
            enabled: self.enabled.or(base.enabled),
            portal_url: self.portal_url.or(base.portal_url),
            username: self.username.or(base.username),
            password: self.password.or(base.password),
            password_file: self.password_file.or(base.password_file),
            mfa_secret: self.mfa_secret.or(base.mfa_secret),
            mfa_secret_file: self.mfa_secret_file.or(base.mfa_secret_file),
            webdriver_url: self.webdriver_url.or(base.webdriver_url),
            session_file: self.session_file.or(base.session_file),
        }
    }

    fn resolve(self) -> Result<SaasSettings, SettingsError> {
        let api = self.api.unwrap_or(true);
        if !self.enabled.unwrap_or(false) {
            return Ok(SaasSettings { api, portal: None });
        }
        if !api {
            return Err(SettingsError::Invalid {
                name: "saas.enabled",
                message: "the portal's facts complete the API's SaaS records: with saas.enabled = true, leave saas.api on".into(),
            });
        }
        let portal_url = parse_url(
            "saas.portal_url",
            &required(
                "saas.portal_url",
                self.portal_url,
                "set saas.portal_url (https://<account>.zoom.us), or saas.enabled = false",
            )?,
        )?;
        let username = required(
            "saas.username",
            self.username,
            "set saas.username to the portal user's e-mail address",
        )?;
        let password = secret(
            "saas.password",
            self.password,
            self.password_file,
            "set ZOOM_PORTAL_PASSWORD, or saas.password_file in the config file",
        )?;
        // The secret's format is checked by the portal step, so that a bad one fails that step
        // (the run goes on, partial) rather than the whole fetch.
        let mfa_secret = secret(
            "saas.mfa_secret",
            self.mfa_secret,
            self.mfa_secret_file,
            "set ZOOM_MFA_SECRET, or saas.mfa_secret_file in the config file",
        )?;
        let webdriver_url = self
            .webdriver_url
            .map(|text| parse_url("saas.webdriver_url", &text))
            .transpose()?;
        Ok(SaasSettings {
            api,
            portal: Some(PortalSettings {
                portal_url,
                username,
                password,
                mfa_secret,
                webdriver_url,
                session_file: self.session_file,
            }),
        })
    }
}

/// A secret from its value or a file; required.
fn secret(
    name: &'static str,
    value: Option<SecretString>,
    file: Option<PathBuf>,
    hint: &'static str,
) -> Result<SecretString, SettingsError> {
    let secret = match (value, file) {
        (Some(secret), _) => secret,
        (None, Some(path)) => read_secret_file(name, &path)?,
        (None, None) => return Err(SettingsError::Missing { name, hint }),
    };
    if secret.expose_secret().trim().is_empty() {
        return Err(SettingsError::Invalid {
            name,
            message: "it is empty".into(),
        });
    }
    Ok(secret)
}

/// What the SaaS part of a fetch reads.
#[derive(Clone)]
pub struct SaasSettings {
    /// Read the account's settings, seats, roles, groups and installed apps over the API
    /// (default true).
    pub api: bool,
    /// Sign in to the web portal for what the API does not give (`saas.enabled`).
    pub portal: Option<PortalSettings>,
}

/// How to sign in to the web portal.
#[derive(Clone)]
pub struct PortalSettings {
    /// The portal.
    pub portal_url: Url,
    /// The portal user's e-mail address.
    pub username: String,
    /// The user's password.
    pub password: SecretString,
    /// The user's base32 TOTP secret.
    pub mfa_secret: SecretString,
    /// A running WebDriver server, if not our own chromedriver.
    pub webdriver_url: Option<Url>,
    /// Where the session is kept between runs (default: next to the database).
    pub session_file: Option<PathBuf>,
}

impl fmt::Debug for SaasSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SaasSettings")
            .field("api", &self.api)
            .field("portal", &self.portal)
            .finish()
    }
}

impl fmt::Debug for PortalSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PortalSettings")
            .field("portal_url", &self.portal_url.as_str())
            .field("username", &self.username)
            .field("password", &"[REDACTED]")
            .field("mfa_secret", &"[REDACTED]")
            .field(
                "webdriver_url",
                &self.webdriver_url.as_ref().map(Url::as_str),
            )
            .field("session_file", &self.session_file)
            .finish()
    }
}

/// The `[fetch]` table, every key optional (unset keys keep their defaults).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FetchOverrides {
    /// See [`FetchSettings::days_of_meetings`].
    pub days_of_meetings: Option<u32>,
    /// See [`FetchSettings::devices_require_hostname_and_mac`].
    pub devices_require_hostname_and_mac: Option<bool>,
    /// See [`FetchSettings::fetch_devices`].
    pub fetch_devices: Option<bool>,
    /// See [`FetchSettings::skip_service_accounts`].
    pub skip_service_accounts: Option<bool>,
    /// See [`FetchSettings::asset_types`].
    pub asset_types: Option<Vec<AssetType>>,
    /// See [`FetchSettings::activity_logs`].
    pub activity_logs: Option<bool>,
    /// See [`FetchSettings::exclude_calendar_rooms`].
    pub exclude_calendar_rooms: Option<bool>,
    /// See [`FetchSettings::fetch_inactive_users`].
    pub fetch_inactive_users: Option<bool>,
    /// See [`FetchSettings::fetch_pending_users`].
    pub fetch_pending_users: Option<bool>,
    /// See [`FetchSettings::fetch_user_details`].
    pub fetch_user_details: Option<bool>,
    /// See [`FetchSettings::concurrency`].
    pub concurrency: Option<usize>,
}

impl FetchOverrides {
    fn apply_to(&self, settings: &mut FetchSettings) {
        let FetchOverrides {
            days_of_meetings,
            devices_require_hostname_and_mac,
            fetch_devices,
            skip_service_accounts,
            asset_types,
            activity_logs,
            exclude_calendar_rooms,
            fetch_inactive_users,
            fetch_pending_users,
            fetch_user_details,
            concurrency,
        } = self;
        if let Some(value) = days_of_meetings {
            settings.days_of_meetings = *value;
        }
        if let Some(value) = devices_require_hostname_and_mac {
            settings.devices_require_hostname_and_mac = *value;
        }
        if let Some(value) = fetch_devices {
            settings.fetch_devices = *value;
        }
        if let Some(value) = skip_service_accounts {
            settings.skip_service_accounts = *value;
        }
        if let Some(value) = asset_types {
            let mut value = value.clone();
            value.sort();
            value.dedup();
            settings.asset_types = value;
        }
        if let Some(value) = activity_logs {
            settings.activity_logs = *value;
        }
        if let Some(value) = exclude_calendar_rooms {
            settings.exclude_calendar_rooms = *value;
        }
        if let Some(value) = fetch_inactive_users {
            settings.fetch_inactive_users = *value;
        }
        if let Some(value) = fetch_pending_users {
            settings.fetch_pending_users = *value;
        }
        if let Some(value) = fetch_user_details {
            settings.fetch_user_details = *value;
        }
        if let Some(value) = concurrency {
            settings.concurrency = *value;
        }
    }
}

/// The device sources `asset_types` can select.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetType {
    /// H.323/SIP devices.
    H323,
    /// Devices seen joining past meetings.
    MeetingDevices,
    /// Zoom Rooms (and calendar-only rooms).
    ZoomRooms,
    /// The computers, controllers and displays of Zoom Rooms.
    ZoomRoomDevices,
    /// Zoom Device Management devices.
    Zdm,
}

impl AssetType {
    /// Every asset type (the default of `asset_types`).
    pub const ALL: [AssetType; 5] = [
        AssetType::H323,
        AssetType::MeetingDevices,
        AssetType::ZoomRooms,
        AssetType::ZoomRoomDevices,
        AssetType::Zdm,
    ];

    /// The name used in settings.
    pub fn as_str(self) -> &'static str {
        match self {
            AssetType::H323 => "h323",
            AssetType::MeetingDevices => "meeting_devices",
            AssetType::ZoomRooms => "zoom_rooms",
            AssetType::ZoomRoomDevices => "zoom_room_devices",
            AssetType::Zdm => "zdm",
        }
    }

    /// Parses a name as written in settings (`zoom_rooms`, also `zoom-rooms`).
    pub fn parse(text: &str) -> Result<AssetType, SettingsError> {
        let normalized = text.trim().replace('-', "_").to_lowercase();
        AssetType::ALL
            .into_iter()
            .find(|asset_type| asset_type.as_str() == normalized)
            .ok_or_else(|| SettingsError::Invalid {
                name: "fetch.asset_types",
                message: format!(
                    "unknown asset type {text:?}: expected some of {}",
                    AssetType::ALL.map(AssetType::as_str).join(", ")
                ),
            })
    }
}

/// What a fetch collects (the reference adapter's advanced settings, with its defaults).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FetchSettings {
    /// How many days back devices seen in past meetings (and activities) are read. Default 7.
    pub days_of_meetings: u32,
    /// Keep only meeting devices that have both a host name and a MAC address. Default true.
    pub devices_require_hostname_and_mac: bool,
    /// Fetch devices at all. Default true.
    pub fetch_devices: bool,
    /// Skip devices owned by service accounts (API users, Zoom Rooms accounts). Default false.
    pub skip_service_accounts: bool,
    /// Which device sources to read. Default: all five.
    pub asset_types: Vec<AssetType>,
    /// Read sign-in/sign-out and operation logs as activities. Default false.
    pub activity_logs: bool,
    /// Leave out rooms that exist only as calendar resources. Default false.
    pub exclude_calendar_rooms: bool,
    /// Also list inactive users (Zoom lists only active users unless asked). Default false.
    pub fetch_inactive_users: bool,
    /// Also list pending (invited) users. Default false.
    pub fetch_pending_users: bool,
    /// Read each user's detail (`GET /users/{id}`) for the job title and sign-in types: one
    /// Light request a user. Default true.
    pub fetch_user_details: bool,
    /// Requests in flight at once. Default 16.
    pub concurrency: usize,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            days_of_meetings: 7,
            devices_require_hostname_and_mac: true,
            fetch_devices: true,
            skip_service_accounts: false,
            asset_types: AssetType::ALL.to_vec(),
            activity_logs: false,
            exclude_calendar_rooms: false,
            fetch_inactive_users: false,
            fetch_pending_users: false,
            fetch_user_details: true,
            concurrency: 16,
        }
    }
}

/// Checked, complete settings of one fetch.
#[derive(Clone)]
pub struct Settings {
    /// Zoom's API base, without `/v2`.
    pub api_url: Url,
    /// The OAuth host serving `/oauth/token`.
    pub oauth_url: Url,
    /// The S2S app's account id.
    pub account_id: String,
    /// The S2S app's client id.
    pub client_id: String,
    /// The S2S app's client secret.
    pub client_secret: SecretString,
    /// Verify TLS certificates.
    pub verify_ssl: bool,
    /// Extra trusted certificates.
    pub ca_cert: Option<PathBuf>,
    /// Proxy for HTTPS.
    pub https_proxy: Option<Url>,
    /// The account's plan: it sizes the rate-limit budget.
    pub plan: Plan,
    /// Pace requests to the plan's limits. Off only against servers without Zoom's limits.
    pub pace_requests: bool,
    /// How long one request may take, body included.
    pub timeout: Duration,
    /// What to fetch.
    pub fetch: FetchSettings,
    /// The SaaS part.
    pub saas: SaasSettings,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("api_url", &self.api_url.as_str())
            .field("oauth_url", &self.oauth_url.as_str())
            .field("account_id", &self.account_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .field("verify_ssl", &self.verify_ssl)
            .field("ca_cert", &self.ca_cert)
            .field("https_proxy", &self.https_proxy.as_ref().map(Url::as_str))
            .field("plan", &self.plan)
            .field("pace_requests", &self.pace_requests)
            .field("timeout", &self.timeout)
            .field("fetch", &self.fetch)
            .field("saas", &self.saas)
            .finish()
    }
}

impl Settings {
    /// Merges the file and the overrides and checks the result.
    pub fn resolve(file: SettingsFile, overrides: Overrides) -> Result<Settings, SettingsError> {
        let api_url = parse_url(
            "api_url",
            overrides
                .api_url
                .or(file.api_url)
                .as_deref()
                .unwrap_or(DEFAULT_API_URL),
        )?;
        let oauth_url = match overrides.oauth_url.or(file.oauth_url) {
            Some(text) => parse_url("oauth_url", &text)?,
            None => default_oauth_url(&api_url),
        };
        let account_id = required(
            "account_id",
            overrides.account_id.or(file.account_id),
            "set account_id in the config file or ZOOM_ACCOUNT_ID",
        )?;
        let client_id = required(
            "client_id",
            overrides.client_id.or(file.client_id),
            "set client_id in the config file or ZOOM_CLIENT_ID",
        )?;
        let client_secret = match (
            overrides.client_secret,
            overrides.client_secret_file.or(file.client_secret_file),
            file.client_secret,
        ) {
            (Some(secret), _, _) => secret,
            (None, Some(path), _) => read_secret_file("client_secret_file", &path)?,
            (None, None, Some(secret)) => secret,
            (None, None, None) => {
                return Err(SettingsError::Missing {
                    name: "client_secret",
                    hint: "set ZOOM_CLIENT_SECRET, or client_secret_file (or client_secret) in the config file",
                });
            }
        };
        if client_secret.expose_secret().trim().is_empty() {
            return Err(SettingsError::Invalid {
                name: "client_secret",
                message: "it is empty".into(),
            });
        }
        let https_proxy = overrides
            .https_proxy
            .or(file.https_proxy)
            .map(|text| parse_url("https_proxy", &text))
            .transpose()?;
        let ca_cert = overrides.ca_cert.or(file.ca_cert);
        if let Some(path) = ca_cert.as_ref().filter(|path| !path.is_file()) {
            return Err(SettingsError::Invalid {
                name: "ca_cert",
                message: format!("{} is not a readable file", path.display()),
            });
        }
        let mut fetch = FetchSettings::default();
        file.fetch.apply_to(&mut fetch);
        overrides.fetch.apply_to(&mut fetch);
        if !(1..=MAX_DAYS_OF_MEETINGS).contains(&fetch.days_of_meetings) {
            return Err(SettingsError::Invalid {
                name: "fetch.days_of_meetings",
                message: format!(
                    "{} is outside 1..={MAX_DAYS_OF_MEETINGS} (Zoom keeps dashboard data for six months)",
                    fetch.days_of_meetings
                ),
            });
        }
        if !(1..=256).contains(&fetch.concurrency) {
            return Err(SettingsError::Invalid {
                name: "fetch.concurrency",
                message: format!("{} is outside 1..=256", fetch.concurrency),
            });
        }
        let timeout = overrides
            .timeout
            .or(file.timeout)
            .unwrap_or(DEFAULT_TIMEOUT_SECONDS);
        if !(1..=MAX_TIMEOUT_SECONDS).contains(&timeout) {
            return Err(SettingsError::Invalid {
                name: "timeout",
                message: format!("{timeout} seconds is outside 1..={MAX_TIMEOUT_SECONDS}"),
            });
        }
        let plan = match overrides.plan.or(file.plan) {
            Some(text) => text.parse().map_err(|_| SettingsError::Invalid {
                name: "plan",
                message: format!("{text:?} is not a plan: expected free, pro or business"),
            })?,
            None => Plan::Business,
        };
        let saas = overrides.saas.over(file.saas).resolve()?;
        Ok(Settings {
            api_url,
            oauth_url,
            account_id,
            client_id,
            client_secret,
            verify_ssl: overrides.verify_ssl.or(file.verify_ssl).unwrap_or(true),
            ca_cert,
            https_proxy,
            plan,
            pace_requests: overrides
                .pace_requests
                .or(file.pace_requests)
                .unwrap_or(true),
            timeout: Duration::from_secs(timeout),
            fetch,
            saas,
        })
    }

    /// A short digest of everything that shapes what a fetch returns (never the secret), stored
    /// with each run so that runs made with different settings can be told apart.
    pub fn digest(&self) -> String {
        #[derive(Serialize)]
        struct Shape<'a> {
            api_url: &'a str,
            account_id: &'a str,
            client_id: &'a str,
            plan: String,
            fetch: &'a FetchSettings,
            saas_api: bool,
            portal: Option<(&'a str, &'a str)>,
        }
        let shape = Shape {
            api_url: self.api_url.as_str(),
            account_id: &self.account_id,
            client_id: &self.client_id,
            plan: format!("{:?}", self.plan),
            fetch: &self.fetch,
            saas_api: self.saas.api,
            portal: self
                .saas
                .portal
                .as_ref()
                .map(|p| (p.portal_url.as_str(), p.username.as_str())),
        };
        let json = serde_json::to_vec(&shape).unwrap_or_default();
        let hash = Sha256::digest(&json);
        hash.iter()
            .take(8)
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// `https://zoom.us`, or `https://zoomgov.com` for a Zoom for Government API host.
pub fn default_oauth_url(api_url: &Url) -> Url {
    let gov = api_url
        .host_str()
        .is_some_and(|host| host == "zoomgov.com" || host.ends_with(".zoomgov.com"));
    let text = if gov {
        "https://zoomgov.com"
    } else {
        "https://zoom.us"
    };
    Url::parse(text).expect("constant URL parses")
}

fn parse_url(name: &'static str, text: &str) -> Result<Url, SettingsError> {
    let url = Url::parse(text.trim()).map_err(|error| SettingsError::Invalid {
        name,
        message: format!("{text:?} is not a URL ({error}); expected e.g. https://api.zoom.us"),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(SettingsError::Invalid {
            name,
            message: format!("{text:?} is not an http(s) URL with a host"),
        });
    }
    Ok(url)
}

fn required(
    name: &'static str,
    value: Option<String>,
    hint: &'static str,
) -> Result<String, SettingsError> {
    match value.map(|v| v.trim().to_owned()) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(SettingsError::Missing { name, hint }),
    }
}

fn read_secret_file(name: &'static str, path: &Path) -> Result<SecretString, SettingsError> {
    let text = std::fs::read_to_string(path).map_err(|error| SettingsError::Invalid {
        name,
        message: format!("cannot read {}: {error}", path.display()),
    })?;
    Ok(SecretString::from(text.trim().to_owned()))
}

impl FetchSettings {
    /// Whether the device source `asset_type` is to be read.
    pub fn wants(&self, asset_type: AssetType) -> bool {
        self.fetch_devices && self.asset_types.contains(&asset_type)
    }
}
