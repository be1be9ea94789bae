//! Cross-crate tests live in `it/`, the benchmark in `bench/`; this library holds what both
//! need: fetch settings pointing at a simulator.

use secrecy::SecretString;
use zoom_collector::{FetchOverrides, Overrides, Settings, SettingsError};
use zoom_sim::Simulator;

/// Fetch settings pointing at the simulator, paced when it enforces Zoom's limits (pacing
/// would only slow a simulator that enforces none).
pub fn sim_settings(sim: &Simulator, fetch: FetchOverrides) -> Result<Settings, SettingsError> {
    let config = sim.config();
    Settings::resolve(
        Overrides::default(),
        Overrides {
            api_url: Some(sim.api_url()),
            oauth_url: Some(sim.oauth_url()),
            account_id: Some(config.account_id.clone()),
            client_id: Some(config.client_id.clone()),
            client_secret: Some(SecretString::from(config.client_secret.clone())),
            pace_requests: Some(config.rate_limits.is_some()),
            fetch,
            ..Overrides::default()
        },
    )
}
