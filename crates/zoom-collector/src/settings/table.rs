//! Every setting, declared once: its key, environment variable, flag, default, check and help.
//!
//! Adding a setting is one line here plus its use. The CLI builds its flags from these lists,
//! [`super::Settings::resolve`] merges the config file, the environment and the flags through
//! the generated layers, and a test keeps the README's settings table equal to them.

use std::path::PathBuf;

use secrecy::SecretString;
use serde::Serialize;

use super::declare::settings;
use super::{AssetType, DEFAULT_API_URL, MAX_DAYS_OF_MEETINGS};

/// The longest `timeout` accepted: an hour.
const MAX_TIMEOUT_SECONDS: u64 = 3600;

/// The most requests in flight `concurrency` accepts.
const MAX_CONCURRENCY: usize = 256;

/// The longest activity overlap accepted: a day.
const MAX_OVERLAP_MINUTES: u32 = 1440;

/// The longest refresh or full-run interval accepted: a year.
const MAX_HOURS: u32 = 8760;

settings! {
    /// The connection settings as merged, before they are checked together.
    pub(crate) struct ConnectionValues, layer Overrides, table "", list CONNECTION_SETTINGS;
    /// Zoom's API host (paths under `/v2`); ZoomGov: `https://api.zoomgov.com`, and
    /// `oauth_url` follows.
    api_url: String = DEFAULT_API_URL.to_owned(), env "ZOOM_API_URL", flag "api-url",
        value "URL";
    /// The host serving `/oauth/token`.
    oauth_url: String, env "ZOOM_OAUTH_URL", flag "oauth-url", value "URL",
        shown "`https://zoom.us` (`https://zoomgov.com` for ZoomGov)";
    /// The Server-to-Server OAuth app's account id.
    account_id: String, env "ZOOM_ACCOUNT_ID", flag "account-id", value "ID";
    /// The app's client id.
    client_id: String, env "ZOOM_CLIENT_ID", flag "client-id", value "ID";
    /// The app's client secret.
    client_secret: SecretString, env "ZOOM_CLIENT_SECRET";
    /// A file holding the client secret.
    client_secret_file: PathBuf, env "ZOOM_CLIENT_SECRET_FILE",
        flag "client-secret-file", value "FILE";
    /// Verify TLS certificates.
    verify_ssl: bool = true, env "ZOOM_VERIFY_SSL", flag "verify-ssl";
    /// PEM certificates to trust besides the system's.
    ca_cert: PathBuf, env "ZOOM_CA_CERT", flag "ca-cert", value "FILE";
    /// A proxy for HTTPS requests.
    https_proxy: String, env "ZOOM_HTTPS_PROXY", flag "https-proxy",
        value "URL";
    /// The account's plan (`free`, `pro`, `business`): sizes the rate-limit budget.
    plan: String = "business".to_owned(), env "ZOOM_PLAN", flag "plan", value "PLAN",
        check plan_name;
    /// Pace requests to the plan's limits; turn off only against a server without Zoom's
    /// limits.
    pace_requests: bool = true, env "ZOOM_PACE_REQUESTS", flag "pace-requests";
    /// Seconds one request may take, body included, before it is retried or given up; 1 to
    /// 3600.
    timeout: u64 = 30, env "ZOOM_TIMEOUT", flag "timeout", value "SECONDS",
        check timeout_in_range;
    [sub fetch: FetchOverrides]
    [sub saas: SaasOverrides]
}

settings! {
    /// What a fetch collects (the reference adapter's advanced settings, with its defaults).
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct FetchSettings, layer FetchOverrides, table "fetch.", list FETCH_SETTINGS;
    /// Days of past meetings whose devices are collected (and of activities); 1 to 180.
    days_of_meetings: u32 = 7, env "ZOOM_FETCH_DAYS_OF_MEETINGS", flag "days-of-meetings",
        value "DAYS", check days_in_range;
    /// Keep only meeting devices that have both a host name and a MAC address.
    devices_require_hostname_and_mac: bool = true,
        env "ZOOM_FETCH_DEVICES_REQUIRE_HOSTNAME_AND_MAC",
        flag "devices-require-hostname-and-mac";
    /// Fetch devices at all.
    fetch_devices: bool = true, env "ZOOM_FETCH_FETCH_DEVICES", flag "fetch-devices";
    /// Skip devices owned by service accounts (API users, Zoom Rooms accounts).
    skip_service_accounts: bool = false, env "ZOOM_FETCH_SKIP_SERVICE_ACCOUNTS",
        flag "skip-service-accounts";
    /// Which device sources to read: `h323`, `meeting_devices`, `zoom_rooms`,
    /// `zoom_room_devices`, `zdm` (a TOML list, or comma-separated).
    asset_types: Vec<AssetType> = AssetType::ALL.to_vec(), env "ZOOM_FETCH_ASSET_TYPES",
        flag "asset-types", value "TYPES", shown "all five";
    /// Sign-in/sign-out and operation (admin audit) logs as activities.
    activity_logs: bool = false, env "ZOOM_FETCH_ACTIVITY_LOGS", flag "activity-logs";
    /// Drop rooms that exist only as calendar resources.
    exclude_calendar_rooms: bool = false, env "ZOOM_FETCH_EXCLUDE_CALENDAR_ROOMS",
        flag "exclude-calendar-rooms";
    /// Also list inactive users (Zoom lists active ones unless asked).
    fetch_inactive_users: bool = false, env "ZOOM_FETCH_INACTIVE_USERS",
        flag "fetch-inactive-users";
    /// Also list pending (invited) users.
    fetch_pending_users: bool = false, env "ZOOM_FETCH_PENDING_USERS",
        flag "fetch-pending-users";
    /// Read each user's detail (job title, sign-in types): one Light request per new or changed
    /// user, and per user every `detail_refresh_hours`.
    fetch_user_details: bool = true, env "ZOOM_FETCH_USER_DETAILS",
        flag "fetch-user-details";
    /// Read each active user's own settings (`setting` records of level `user`, with
    /// `saas.api`): one request per user.
    user_settings: bool = false, env "ZOOM_FETCH_USER_SETTINGS", flag "user-settings";
    /// Requests in flight at once; 1 to 256.
    concurrency: usize = 16, env "ZOOM_FETCH_CONCURRENCY", flag "concurrency", value "N",
        check concurrency_in_range;
    /// Minutes before the last run's start from which activities are read again, for events
    /// Zoom reports late (records already stored are recognized, not duplicated); 0 to 1440.
    activity_overlap_minutes: u32 = 15, env "ZOOM_FETCH_ACTIVITY_OVERLAP_MINUTES",
        flag "activity-overlap-minutes", value "MINUTES", check overlap_in_range;
    /// Hours after which a user's or a room's detail is read again even if its list record
    /// did not change (a rotation spreads these reads over the runs); 1 to 8760.
    detail_refresh_hours: u32 = 24, env "ZOOM_FETCH_DETAIL_REFRESH_HOURS",
        flag "detail-refresh-hours", value "HOURS", check hours_in_range;
    /// Make a run full (every detail, every meeting's participants) when the last full run is
    /// older than this many hours; 0: only `fetch --full`.
    full_every_hours: u32 = 24, env "ZOOM_FETCH_FULL_EVERY_HOURS", flag "full-every-hours",
        value "HOURS", check full_hours_in_range;
    /// The share of the account's daily Heavy and Resource-intensive cap that the runs of one
    /// UTC day may use; past it, older meetings' participants wait for the next run; above 0,
    /// at most 1.
    max_daily_share: f64 = 0.5, env "ZOOM_FETCH_MAX_DAILY_SHARE", flag "max-daily-share",
        value "SHARE", check share_in_range;
}

settings! {
    /// The SaaS settings as merged, before they are checked together.
    pub(crate) struct SaasValues, layer SaasOverrides, table "saas.", list SAAS_SETTINGS;
    /// Read the account's settings, seats, roles, groups and installed apps over the API (the
    /// `account`, `license`, `role`, `group`, `app` records).
    api: bool = true, env "ZOOM_SAAS_API", flag "saas-api";
    /// Also sign in to the web portal for what the API does not give (the billing amount, the
    /// renewal date where Zoom refuses its plans API, the SSO identity provider).
    enabled: bool = false, env "ZOOM_SAAS_ENABLED", flag "saas-enabled";
    /// The portal, `https://<account>.zoom.us`.
    portal_url: String, env "ZOOM_PORTAL_URL", flag "portal-url", value "URL";
    /// A dedicated portal user's e-mail address.
    username: String, env "ZOOM_PORTAL_USERNAME", flag "portal-username",
        value "EMAIL";
    /// The portal user's password.
    password: SecretString, env "ZOOM_PORTAL_PASSWORD";
    /// A file holding the portal user's password.
    password_file: PathBuf, env "ZOOM_PORTAL_PASSWORD_FILE",
        flag "portal-password-file", value "FILE";
    /// The portal user's base32 TOTP secret.
    mfa_secret: SecretString, env "ZOOM_MFA_SECRET";
    /// A file holding the portal user's TOTP secret.
    mfa_secret_file: PathBuf, env "ZOOM_MFA_SECRET_FILE",
        flag "mfa-secret-file", value "FILE";
    /// A running WebDriver server.
    webdriver_url: String, env "ZOOM_WEBDRIVER_URL", flag "webdriver-url",
        value "URL", shown "start `chromedriver` from PATH";
    /// Where the portal session is kept between runs (mode 0600; never the password).
    session_file: PathBuf, env "ZOOM_PORTAL_SESSION_FILE",
        flag "portal-session-file", value "FILE", shown "`<db>.portal-session`";
    /// A corrected copy of the portal map (where each page element is found) to use instead
    /// of the built-in one.
    portal_map: PathBuf, env "ZOOM_PORTAL_MAP", flag "portal-map", value "FILE",
        shown "the built-in map";
}

/// Every setting: the connection's, then `[fetch]`, then `[saas]`.
pub fn all() -> impl Iterator<Item = &'static super::Setting> {
    CONNECTION_SETTINGS
        .iter()
        .chain(FETCH_SETTINGS)
        .chain(SAAS_SETTINGS)
}

fn plan_name(text: &str) -> Result<(), String> {
    text.parse::<zoom_api::Plan>()
        .map(drop)
        .map_err(|_| format!("{text:?} is not a plan: expected free, pro or business"))
}

fn timeout_in_range(seconds: &u64) -> Result<(), String> {
    if (1..=MAX_TIMEOUT_SECONDS).contains(seconds) {
        Ok(())
    } else {
        Err(format!(
            "{seconds} seconds is outside 1..={MAX_TIMEOUT_SECONDS}"
        ))
    }
}

fn days_in_range(days: &u32) -> Result<(), String> {
    if (1..=MAX_DAYS_OF_MEETINGS).contains(days) {
        Ok(())
    } else {
        Err(format!(
            "{days} is outside 1..={MAX_DAYS_OF_MEETINGS} (Zoom keeps dashboard data for six months)"
        ))
    }
}

fn overlap_in_range(minutes: &u32) -> Result<(), String> {
    if *minutes <= MAX_OVERLAP_MINUTES {
        Ok(())
    } else {
        Err(format!("{minutes} is outside 0..={MAX_OVERLAP_MINUTES}"))
    }
}

fn hours_in_range(hours: &u32) -> Result<(), String> {
    if (1..=MAX_HOURS).contains(hours) {
        Ok(())
    } else {
        Err(format!("{hours} is outside 1..={MAX_HOURS}"))
    }
}

fn full_hours_in_range(hours: &u32) -> Result<(), String> {
    if *hours <= MAX_HOURS {
        Ok(())
    } else {
        Err(format!("{hours} is outside 0..={MAX_HOURS}"))
    }
}

fn share_in_range(share: &f64) -> Result<(), String> {
    if *share > 0.0 && *share <= 1.0 {
        Ok(())
    } else {
        Err(format!("{share} is not above 0 and at most 1"))
    }
}

fn concurrency_in_range(requests: &usize) -> Result<(), String> {
    if (1..=MAX_CONCURRENCY).contains(requests) {
        Ok(())
    } else {
        Err(format!("{requests} is outside 1..={MAX_CONCURRENCY}"))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::settings::ValueKind;

    const BEGIN: &str =
        "<!-- settings table: generated from crates/zoom-collector/src/settings/table.rs -->\n";
    const END: &str = "<!-- end of settings table -->\n";

    fn quoted(text: &str) -> String {
        format!("`{text}`")
    }

    /// The README's settings table, from the declarations.
    fn markdown_table() -> String {
        let mut table =
            String::from("| key | env | flag | default | meaning |\n|---|---|---|---|---|\n");
        for setting in all() {
            let flag = match (setting.flag, setting.kind) {
                (None, _) => "none".to_owned(),
                (Some(flag), ValueKind::Bool) => format!("`--{flag}`, `--no-{flag}`"),
                (Some(flag), _) => quoted(&format!("--{flag}")),
            };
            let default = match (setting.default)() {
                Some(text) if setting.default_is_prose => text,
                Some(value) => quoted(&value),
                None => String::new(),
            };
            table.push_str(&format!(
                "| {} | {} | {flag} | {default} | {} |\n",
                quoted(setting.key),
                setting.env.map(quoted).unwrap_or_default(),
                setting.help_line(),
            ));
        }
        table
    }

    /// The README's table is the declarations' table: `BLESS=1 cargo test -p zoom-collector
    /// readme` writes it after a declaration changed.
    #[test]
    fn readme_settings_table_matches_the_declarations() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
        let readme = std::fs::read_to_string(&path).expect("README.md reads");
        let start = readme
            .find(BEGIN)
            .expect("README has the settings table's start marker")
            + BEGIN.len();
        let end = start
            + readme[start..]
                .find(END)
                .expect("README has the end marker");
        let expected = markdown_table();
        if readme[start..end] == expected {
            return;
        }
        if std::env::var_os("BLESS").is_some() {
            let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
            std::fs::write(&path, updated).expect("README.md writes");
            return;
        }
        panic!(
            "README.md's settings table differs from the declarations in settings/table.rs; \
             run `BLESS=1 cargo test -p zoom-collector readme` and review the diff.\n\
             expected:\n{expected}"
        );
    }

    #[test]
    fn every_setting_has_help_a_unique_key_flag_and_variable() {
        let mut seen = std::collections::BTreeSet::new();
        for setting in all() {
            assert!(
                !setting.help_line().is_empty(),
                "{} has no help",
                setting.key
            );
            let names = [
                Some(format!("key {}", setting.key)),
                setting.env.map(|env| format!("variable {env}")),
                setting.flag.map(|flag| format!("flag --{flag}")),
                setting.flag.map(|flag| format!("flag --no-{flag}")),
            ];
            for name in names.into_iter().flatten() {
                assert!(seen.insert(name.clone()), "{name} is declared twice");
            }
            assert_eq!(
                setting.flag.is_none(),
                setting.kind == ValueKind::Secret,
                "{}: secrets, and only secrets, have no flag",
                setting.key
            );
            assert!(
                setting.env.is_some_and(|env| env.starts_with("ZOOM_")),
                "{} has no ZOOM_ variable",
                setting.key
            );
        }
    }

    #[test]
    fn each_default_parses_back_as_its_setting() {
        for setting in all() {
            if let (Some(shown), false) = ((setting.default)(), setting.default_is_prose) {
                assert_eq!((setting.parse)(&shown), Ok(()), "{}", setting.key);
            }
        }
    }
}
