//! Command-line flags and environment into the collector's settings.

use secrecy::SecretString;
use zoom_collector::{FetchOverrides, Overrides, Settings, SettingsFile};

use crate::cli::{ConnectionArgs, FetchFlags};

/// The environment variable holding the client secret (never a flag: flags show in `ps`).
pub(crate) const CLIENT_SECRET_ENV: &str = "ZOOM_CLIENT_SECRET";

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
    let client_secret = std::env::var(CLIENT_SECRET_ENV)
        .ok()
        .filter(|secret| !secret.is_empty())
        .map(SecretString::from);
    Settings::resolve(file, overrides(connection, fetch, client_secret))
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
        timeout,
        fetch: fetch_overrides(fetch),
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
