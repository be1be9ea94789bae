//! Command-line flags and environment into the collector's settings.

use secrecy::SecretString;
use zoom_collector::{FetchOverrides, Overrides, SaasOverrides, Settings, SettingsFile};

use crate::cli::{ConnectionArgs, FetchFlags, SaasFlags};

/// The environment variable holding the client secret (never a flag: flags show in `ps`).
pub(crate) const CLIENT_SECRET_ENV: &str = "ZOOM_CLIENT_SECRET";
/// The environment variable holding the portal user's password.
pub(crate) const PORTAL_PASSWORD_ENV: &str = "ZOOM_PORTAL_PASSWORD";
/// The environment variable holding the portal user's TOTP secret.
pub(crate) const MFA_SECRET_ENV: &str = "ZOOM_MFA_SECRET";

fn secret_from_env(name: &str) -> Option<SecretString> {
    std::env::var(name)
        .ok()
        .filter(|secret| !secret.is_empty())
        .map(SecretString::from)
}

/// Settings from the config file (if any), the environment and the flags, in that order.
pub(crate) fn settings(
    config: Option<&std::path::Path>,
    connection: ConnectionArgs,
    fetch: FetchFlags,
) -> Result<Settings, zoom_collector::SettingsError> {
    let file = match config {
        Some(path) => SettingsFile::load(path)?,
        None => SettingsFile::default(),
    };
    let mut overrides = overrides(connection, fetch, secret_from_env(CLIENT_SECRET_ENV));
    overrides.saas.password = secret_from_env(PORTAL_PASSWORD_ENV);
    overrides.saas.mfa_secret = secret_from_env(MFA_SECRET_ENV);
    Settings::resolve(file, overrides)
}

pub(crate) fn overrides(
    connection: ConnectionArgs,
    fetch: FetchFlags,
    client_secret: Option<SecretString>,
) -> Overrides {
    let ConnectionArgs {
        api_url,
        oauth_url,
        account_id,
        client_id,
        client_secret_file,
        verify_ssl,
        ca_cert,
        https_proxy,
        plan,
        pace_requests,
        timeout,
    } = connection;
    Overrides {
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
        saas: saas_overrides(fetch.saas.clone()),
        timeout,
        fetch: fetch_overrides(fetch),
    }
}

fn saas_overrides(flags: SaasFlags) -> SaasOverrides {
    let SaasFlags {
        saas_api,
        saas_enabled,
        portal_url,
        portal_username,
        portal_password_file,
        mfa_secret_file,
        webdriver_url,
        portal_session_file,
    } = flags;
    SaasOverrides {
        api: saas_api,
        enabled: saas_enabled,
        portal_url,
        username: portal_username,
        password: None,
        password_file: portal_password_file,
        mfa_secret: None,
        mfa_secret_file,
        webdriver_url,
        session_file: portal_session_file,
    }
}

fn fetch_overrides(flags: FetchFlags) -> FetchOverrides {
    let FetchFlags {
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
        saas: _,
    } = flags;
    FetchOverrides {
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
    }
}
