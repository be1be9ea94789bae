//! Settings of one fetch: the connection and the fetch options of the product contract.
//!
//! Each setting is declared once, in `table.rs`. Three layers of [`Overrides`] each override
//! the one before: the TOML file ([`Overrides::load`]), the environment, the command line (the
//! CLI fills the last two from [`Setting`]s with [`Overrides::set`]). [`Settings::resolve`]
//! merges and checks everything, so that a bad value is reported before any request is made.

mod declare;
mod table;

pub use declare::{Layer, Setting, SettingValue, ValueKind};
pub use table::{
    CONNECTION_SETTINGS, FETCH_SETTINGS, FetchOverrides, FetchSettings, Overrides, SAAS_SETTINGS,
    SaasOverrides, all as all_settings,
};
use table::{ConnectionValues, SaasValues};

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use url::Url;
use zoom_api::Plan;
use zoom_portal::map::PortalMap;

/// Zoom's dashboards answer for the last six months only.
pub const MAX_DAYS_OF_MEETINGS: u32 = 180;

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
        hint: String,
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

impl Overrides {
    /// Reads and parses a config file (`--config`).
    pub fn load(path: &Path) -> Result<Overrides, SettingsError> {
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
    pub fn parse(text: &str, path: &Path) -> Result<Overrides, SettingsError> {
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
            let is_secret = |key: &str| {
                all_settings().any(|setting| {
                    setting.kind == ValueKind::Secret
                        && setting.key.rsplit('.').next() == Some(key.trim_matches('"'))
                })
            };
            if key.is_some_and(is_secret) {
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

impl Overrides {
    /// Sets the setting `key` (as in [`Setting::key`]) from a flag's or an environment
    /// variable's text.
    pub fn set(&mut self, key: &str, text: &str) -> Result<(), SettingsError> {
        let known = match key.split_once('.') {
            Some(("fetch", name)) => self.fetch.set_text(name, text),
            Some(("saas", name)) => self.saas.set_text(name, text),
            Some(_) => Ok(false),
            None => self.set_text(key, text),
        };
        match known {
            Ok(true) => Ok(()),
            Ok(false) => Err(SettingsError::Invalid {
                name: "settings",
                message: format!("there is no setting {key:?}"),
            }),
            Err(message) => Err(SettingsError::Invalid {
                name: all_settings()
                    .find(|setting| setting.key == key)
                    .map_or("settings", |setting| setting.key),
                message,
            }),
        }
    }
}

impl SaasValues {
    fn resolve(self) -> Result<SaasSettings, SettingsError> {
        let api = self.api;
        if !self.enabled {
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
            &required("saas.portal_url", self.portal_url)?,
        )?;
        let username = required("saas.username", self.username)?;
        let password = secret(
            ["saas.password", "saas.password_file"],
            self.password,
            self.password_file,
        )?;
        // The secret's format is checked by the portal step, so that a bad one fails that step
        // (the run goes on, partial) rather than the whole fetch.
        let mfa_secret = secret(
            ["saas.mfa_secret", "saas.mfa_secret_file"],
            self.mfa_secret,
            self.mfa_secret_file,
        )?;
        let webdriver_url = self
            .webdriver_url
            .map(|text| parse_url("saas.webdriver_url", &text))
            .transpose()?;
        let map = match &self.portal_map {
            Some(path) => PortalMap::from_file(path).map_err(|error| SettingsError::Invalid {
                name: "saas.portal_map",
                message: error.to_string(),
            })?,
            None => PortalMap::builtin(),
        };
        Ok(SaasSettings {
            api,
            portal: Some(PortalSettings {
                portal_url,
                username,
                password,
                mfa_secret,
                webdriver_url,
                session_file: self.session_file,
                map,
            }),
        })
    }
}

/// A secret from its value or a file; required.
fn secret(
    [name, file_name]: [&'static str; 2],
    value: Option<SecretString>,
    file: Option<PathBuf>,
) -> Result<SecretString, SettingsError> {
    let secret = match (value, file) {
        (Some(secret), _) => secret,
        (None, Some(path)) => read_secret_file(file_name, &path)?,
        (None, None) => {
            return Err(SettingsError::Missing {
                name,
                hint: format!(
                    "set {}, or name a file holding it with {}",
                    ways_to_set(name),
                    ways_to_set(file_name)
                ),
            });
        }
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
    /// Where each element of the portal is found: the built-in map or `saas.portal_map`.
    pub map: PortalMap,
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
            .field("map", &self.map.origin)
            .finish()
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
    /// Merges the config file's layer and the overrides (the environment and the flags) and
    /// checks the result.
    pub fn resolve(file: Overrides, overrides: Overrides) -> Result<Settings, SettingsError> {
        let mut file = file;
        // A layer that gives a secret in either form (value or file) replaces both forms below.
        if overrides.client_secret.is_some() || overrides.client_secret_file.is_some() {
            file.client_secret = None;
            file.client_secret_file = None;
        }
        if overrides.saas.password.is_some() || overrides.saas.password_file.is_some() {
            file.saas.password = None;
            file.saas.password_file = None;
        }
        if overrides.saas.mfa_secret.is_some() || overrides.saas.mfa_secret_file.is_some() {
            file.saas.mfa_secret = None;
            file.saas.mfa_secret_file = None;
        }
        let merged = overrides.over(file);
        let mut fetch = merged.fetch.values();
        fetch.asset_types.sort();
        fetch.asset_types.dedup();
        fetch.check()?;
        let saas = merged.saas.values();
        let values = merged.values();
        values.check()?;
        let ConnectionValues {
            api_url,
            oauth_url,
            account_id,
            client_id,
            client_secret,
            client_secret_file,
            verify_ssl,
            ca_cert,
            https_proxy,
            plan,
            pace_requests,
            timeout,
        } = values;

        let api_url = parse_url("api_url", &api_url)?;
        let oauth_url = match oauth_url {
            Some(text) => parse_url("oauth_url", &text)?,
            None => default_oauth_url(&api_url),
        };
        let account_id = required("account_id", account_id)?;
        let client_id = required("client_id", client_id)?;
        let client_secret = secret(
            ["client_secret", "client_secret_file"],
            client_secret,
            client_secret_file,
        )?;
        let https_proxy = https_proxy
            .map(|text| parse_url("https_proxy", &text))
            .transpose()?;
        if let Some(path) = ca_cert.as_ref().filter(|path| !path.is_file()) {
            return Err(SettingsError::Invalid {
                name: "ca_cert",
                message: format!("{} is not a readable file", path.display()),
            });
        }
        let plan: Plan = plan.parse().map_err(|_| SettingsError::Invalid {
            name: "plan",
            message: format!("{plan:?} is not a plan: expected free, pro or business"),
        })?;
        let saas = saas.resolve()?;
        Ok(Settings {
            api_url,
            oauth_url,
            account_id,
            client_id,
            client_secret,
            verify_ssl,
            ca_cert,
            https_proxy,
            plan,
            pace_requests,
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

fn required(name: &'static str, value: Option<String>) -> Result<String, SettingsError> {
    match value.map(|v| v.trim().to_owned()) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(SettingsError::Missing {
            name,
            hint: format!("set {}", ways_to_set(name)),
        }),
    }
}

/// Where the setting `key` can be given: `ZOOM_X, --x or x in the config file`.
fn ways_to_set(key: &str) -> String {
    let Some(setting) = all_settings().find(|setting| setting.key == key) else {
        return format!("{key} in the config file");
    };
    let others: Vec<String> = [
        setting.env.map(str::to_owned),
        setting.flag.map(|flag| format!("--{flag}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let file = format!("{key} in the config file");
    if others.is_empty() {
        file
    } else {
        format!("{} or {file}", others.join(", "))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A layer with the credentials every resolve needs.
    fn credentials() -> Overrides {
        let mut layer = Overrides::default();
        for (key, text) in [
            ("account_id", "account"),
            ("client_id", "client"),
            ("client_secret", "secret"),
        ] {
            layer.set(key, text).expect("a declared key");
        }
        layer
    }

    fn file(text: &str) -> Overrides {
        Overrides::parse(text, Path::new("zoom.toml")).expect("config parses")
    }

    #[test]
    fn flags_override_the_file_which_overrides_the_defaults() {
        let file = file("timeout = 5\n[fetch]\nconcurrency = 3\ndays_of_meetings = 9\n");
        let mut flags = credentials();
        flags.set("fetch.days_of_meetings", "2").expect("a number");
        let settings = Settings::resolve(file, flags).expect("settings resolve");
        assert_eq!(settings.timeout, Duration::from_secs(5));
        assert_eq!(settings.fetch.concurrency, 3);
        assert_eq!(settings.fetch.days_of_meetings, 2);
        assert_eq!(
            settings.fetch.fetch_user_details,
            FetchSettings::default().fetch_user_details
        );
        assert_eq!(settings.plan, Plan::Business);
    }

    #[test]
    fn a_secret_given_above_in_either_form_replaces_both_forms_below() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("secret");
        std::fs::write(&path, "from-the-file\n").expect("secret file");
        let mut flags = credentials();
        flags.client_secret = None;
        flags
            .set("client_secret_file", path.to_str().expect("UTF-8"))
            .expect("a path");
        let settings = Settings::resolve(file("client_secret = \"inline\"\n"), flags)
            .expect("settings resolve");
        assert_eq!(settings.client_secret.expose_secret(), "from-the-file");
    }

    #[test]
    fn a_portal_map_file_is_loaded_and_checked_with_the_settings() {
        let dir = tempfile::tempdir().expect("temp dir");
        let map = dir.path().join("portal-map.toml");
        let saas = |map_text: Option<&str>| {
            let mut flags = credentials();
            for (key, text) in [
                ("saas.enabled", "true"),
                ("saas.portal_url", "https://zoom.us"),
                ("saas.username", "inventory@example.com"),
                ("saas.password", "password"),
                ("saas.mfa_secret", "JBSWY3DPEHPK3PXP"),
            ] {
                flags.set(key, text).expect("a declared key");
            }
            if let Some(text) = map_text {
                std::fs::write(&map, text).expect("map file");
                flags
                    .set("saas.portal_map", map.to_str().expect("UTF-8"))
                    .expect("a path");
            }
            Settings::resolve(Overrides::default(), flags)
        };
        let builtin = saas(None).expect("settings resolve");
        let portal = builtin.saas.portal.expect("the portal is on");
        assert_eq!(portal.map, PortalMap::builtin());

        let corrected = zoom_portal::map::BUILTIN.replace("table#roles", "table#role-list");
        let settings = saas(Some(&corrected)).expect("settings resolve");
        let portal = settings.saas.portal.expect("the portal is on");
        assert!(portal.map.origin.contains("portal-map.toml"));
        assert_eq!(
            portal.map.entries["roles.table"].locators,
            [zoom_portal::map::Locator::Css {
                css: "table#role-list".to_owned()
            }]
        );

        let broken = zoom_portal::map::BUILTIN
            .replace("[entries.\"sso.issuer\"]", "[entries.\"sso.entity\"]");
        let error = saas(Some(&broken)).expect_err("a broken map is refused");
        assert!(error.is_usage());
        let message = error.to_string();
        assert!(
            message.starts_with("invalid saas.portal_map: "),
            "{message}"
        );
        assert!(message.contains("sso.issuer"), "{message}");
    }

    #[test]
    fn each_check_names_its_key_wherever_the_value_came_from() {
        for (key, text, expected) in [
            (
                "fetch.days_of_meetings",
                "0",
                "invalid fetch.days_of_meetings: 0 is outside 1..=180",
            ),
            (
                "fetch.concurrency",
                "300",
                "invalid fetch.concurrency: 300 is outside 1..=256",
            ),
            (
                "timeout",
                "0",
                "invalid timeout: 0 seconds is outside 1..=3600",
            ),
            ("plan", "gold", "invalid plan: \"gold\" is not a plan"),
        ] {
            let mut flags = credentials();
            flags.set(key, text).expect("the type parses");
            let error = Settings::resolve(Overrides::default(), flags).expect_err("refused");
            assert!(error.to_string().starts_with(expected), "{key}: {error}");
        }
    }

    #[test]
    fn text_that_is_not_of_the_settings_type_names_the_setting() {
        let error = Overrides::default()
            .set("fetch.activity_logs", "yes")
            .expect_err("not a boolean");
        assert_eq!(
            error.to_string(),
            "invalid fetch.activity_logs: expected `true` or `false`"
        );
        let error = Overrides::default()
            .set("fetch.no_such_key", "1")
            .expect_err("not declared");
        assert!(error.to_string().contains("no_such_key"), "{error}");
    }

    #[test]
    fn a_misspelt_key_names_the_nearest_one() {
        let error = Overrides::parse("[fetch]\ndays_of_meeting = 3\n", Path::new("zoom.toml"))
            .expect_err("unknown key");
        assert!(
            error
                .to_string()
                .contains("did you mean `days_of_meetings`?"),
            "{error}"
        );
    }
}
