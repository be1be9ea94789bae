//! Shared helpers: a simulator, a client and fetch settings pointing at it, and a dump of what
//! a reader can see in a database.

use std::path::Path;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use secrecy::SecretString;
use zoom_api::{Client, ClientConfig};
use zoom_collector::{Clock, FetchOverrides, Settings};
use zoom_sim::{SimConfig, Simulator};

/// A simulator with `users` users and otherwise default settings.
pub(crate) async fn sim(users: usize) -> Simulator {
    Simulator::start(SimConfig {
        users,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts")
}

/// The collector's clock set to the simulator's and running on with it, so that a fetch reads
/// the days the simulated account was generated for, even when the machine's date changes
/// during the test.
pub(crate) fn sim_clock(sim: &Simulator) -> Clock {
    Clock::starting_at(sim.now())
}

/// The UTC day of the simulator's "now" (`SimConfig::now`), the last day of its history.
pub(crate) fn sim_today(sim: &Simulator) -> Date {
    TimeZone::UTC.to_datetime(sim.config().now).date()
}

/// A client with the simulator's credentials.
pub(crate) fn client(sim: &Simulator) -> Client {
    let config = sim.config();
    let mut client_config = ClientConfig::new(
        config.account_id.clone(),
        config.client_id.clone(),
        SecretString::from(config.client_secret.clone()),
    );
    client_config.api_url = sim.api_url().parse().expect("sim URL parses");
    client_config.oauth_url = sim.oauth_url().parse().expect("sim URL parses");
    Client::new(client_config).expect("client builds")
}

/// Fetch settings pointing at the simulator.
pub(crate) fn settings(sim: &Simulator, fetch: FetchOverrides) -> Settings {
    end_to_end::sim_settings(sim, fetch).expect("settings resolve")
}

/// Every status: what a full inventory asks for.
pub(crate) fn all_statuses() -> FetchOverrides {
    FetchOverrides {
        fetch_inactive_users: Some(true),
        fetch_pending_users: Some(true),
        ..FetchOverrides::default()
    }
}

/// Everything a reader can see in the inventory: the runs and every asset of the latest run.
/// Two equal dumps mean a fetch changed nothing a user could notice.
pub(crate) fn dump(db: &Path) -> String {
    let store = inventory_store::Store::open(db).expect("store opens");
    let runs: Vec<String> = store
        .runs()
        .expect("runs read")
        .iter()
        .map(|run| format!("{run:?}"))
        .collect();
    let assets = store
        .assets(&inventory_store::AssetQuery::default())
        .expect("assets read");
    let assets: Vec<serde_json::Value> = assets.iter().map(|a| a.to_export_json()).collect();
    format!(
        "{runs:#?}\n{}",
        serde_json::to_string_pretty(&assets).expect("json")
    )
}
