//! `zoom_collector::fetch` end to end against the simulator: what is stored status by status,
//! first and last seen across runs, failures that change nothing, partial runs.

use std::collections::HashMap;

use inventory_model::Kind;
use inventory_store::{AssetQuery, RunStatus, Store};
use zoom_collector::{FetchError, FetchOverrides, fetch};
use zoom_sim::{SimConfig, Simulator};

use crate::support::{all_statuses, dump, settings, sim};

fn stored_users(db: &std::path::Path) -> HashMap<String, serde_json::Value> {
    let store = Store::open(db).expect("store opens");
    store
        .assets(&AssetQuery {
            kind: Some(Kind::User),
            ..AssetQuery::default()
        })
        .expect("assets read")
        .into_iter()
        .map(|asset| (asset.source_id.clone(), asset.to_export_json()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fetch_stores_what_the_simulator_serves_status_by_status() {
    let sim = sim(5000).await;
    let account = sim.account();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");

    // Defaults: active users only, as Zoom lists them unless asked.
    let report = fetch(&settings(&sim, FetchOverrides::default()), &db, |_| {})
        .await
        .expect("fetch succeeds");
    assert_eq!(report.run.status, RunStatus::Complete);
    let active: Vec<_> = account
        .users
        .iter()
        .filter(|user| user.status.as_str() == "active")
        .collect();
    let stored = stored_users(&db);
    assert_eq!(stored.len(), active.len());

    // Every status: every user, each field as the simulator has it.
    fetch(&settings(&sim, all_statuses()), &db, |_| {})
        .await
        .expect("fetch succeeds");
    let stored = stored_users(&db);
    assert_eq!(stored.len(), account.users.len());
    for user in &account.users {
        let record = &stored[&user.id];
        assert_eq!(record["kind"], "user");
        assert_eq!(record["id"], format!("user:{}", user.id));
        assert_eq!(record["email"], user.email.to_lowercase());
        assert_eq!(record["status"], user.status.as_str());
        assert_eq!(record["raw"]["id"], user.id.as_str());
        // Zoom keeps no detail for a pending user whose invitation lapsed (code 1120).
        let job_title = user
            .job_title
            .as_deref()
            .filter(|title| !title.is_empty() && !user.invitation_expired);
        assert_eq!(record["job_title"].as_str(), job_title, "{}", user.id);
    }
    let statuses: std::collections::BTreeSet<&str> = stored
        .values()
        .filter_map(|record| record["status"].as_str())
        .collect();
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        ["active", "inactive", "pending"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_run_keeps_first_seen_and_moves_last_seen() {
    let sim = sim(50).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let settings = settings(&sim, all_statuses());

    let first = fetch(&settings, &db, |_| {}).await.expect("first fetch");
    let before = stored_users(&db);
    let second = fetch(&settings, &db, |_| {}).await.expect("second fetch");
    let after = stored_users(&db);

    assert!(second.run.id > first.run.id);
    assert_eq!(before.len(), after.len());
    for (id, old) in &before {
        let new = &after[id];
        assert_eq!(new["first_seen"], old["first_seen"], "first_seen of {id}");
        assert!(
            new["last_seen"].as_str() > old["last_seen"].as_str(),
            "last_seen of {id} moves: {} then {}",
            old["last_seen"],
            new["last_seen"]
        );
    }
    let runs = Store::open(&db).expect("store").runs().expect("runs");
    let ids: Vec<i64> = runs.iter().map(|run| run.id).collect();
    assert_eq!(ids, [second.run.id, first.run.id], "newest first");
    assert!(runs.iter().all(|run| run.status == RunStatus::Complete));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_secret_fails_and_changes_nothing() {
    let sim = sim(20).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    fetch(&settings(&sim, all_statuses()), &db, |_| {})
        .await
        .expect("first fetch");
    let before = dump(&db);

    let mut wrong = settings(&sim, all_statuses());
    wrong.client_secret = "not-the-secret".to_owned().into();
    let error = fetch(&wrong, &db, |_| {})
        .await
        .expect_err("wrong secret fails");
    assert!(matches!(error, FetchError::Authenticate(_)), "{error:?}");
    let message = zoom_collector_error_chain(&error);
    assert!(message.contains("client_id or client_secret"), "{message}");
    assert_eq!(dump(&db), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_server_fails_and_changes_nothing() {
    let sim = sim(20).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    fetch(&settings(&sim, all_statuses()), &db, |_| {})
        .await
        .expect("first fetch");
    let before = dump(&db);

    // A port that was just free: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr");
    let mut unreachable = settings(&sim, all_statuses());
    unreachable.oauth_url = format!("http://{closed}").parse().expect("url");
    unreachable.api_url = unreachable.oauth_url.clone();
    let error = fetch(&unreachable, &db, |_| {})
        .await
        .expect_err("unreachable fails");
    assert!(matches!(error, FetchError::Authenticate(_)), "{error:?}");
    let message = zoom_collector_error_chain(&error);
    assert!(message.contains(&closed.to_string()), "{message}");
    assert_eq!(dump(&db), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_without_scopes_fetches_nothing_names_the_scopes_and_changes_nothing() {
    let config = SimConfig {
        users: 20,
        scopes: Vec::new(),
        ..SimConfig::default()
    };
    let sim = Simulator::start(config).await.expect("sim starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");

    let error = fetch(&settings(&sim, all_statuses()), &db, |_| {})
        .await
        .expect_err("nothing can be fetched");
    assert!(
        matches!(error, FetchError::NothingFetched { .. }),
        "{error:?}"
    );
    let message = zoom_collector_error_chain(&error);
    assert!(message.contains("user:read:list_users:admin"), "{message}");
    let store = Store::open(&db).expect("store opens");
    assert!(store.runs().expect("runs").is_empty(), "no run recorded");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_users_scope_makes_the_run_partial_and_keeps_every_other_source() {
    let mut config = SimConfig {
        users: 20,
        ..SimConfig::default()
    };
    config.scopes.retain(|scope| !scope.starts_with("user:"));
    let sim = Simulator::start(config).await.expect("sim starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");

    let report = fetch(&settings(&sim, all_statuses()), &db, |_| {})
        .await
        .expect("the run is stored");
    assert_eq!(report.run.status, RunStatus::Partial);
    let reason = report.run.reason.clone().unwrap_or_default();
    assert!(reason.contains("user:read:list_users:admin"), "{reason}");
    assert!(stored_users(&db).is_empty());
    let devices = Store::open(&db)
        .expect("store")
        .assets(&AssetQuery {
            kind: Some(Kind::Device),
            ..AssetQuery::default()
        })
        .expect("devices");
    assert!(!devices.is_empty(), "the device sources were stored");
    assert!(
        report
            .run
            .issues
            .iter()
            .all(|issue| issue.zoom_code == Some(4711))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_lookup_scope_makes_the_run_partial_and_keeps_the_users() {
    let mut config = SimConfig {
        users: 20,
        ..SimConfig::default()
    };
    config.scopes.retain(|scope| !scope.starts_with("group:"));
    let sim = Simulator::start(config).await.expect("sim starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");

    let report = fetch(&settings(&sim, all_statuses()), &db, |_| {})
        .await
        .expect("the run is stored");
    assert_eq!(report.run.status, RunStatus::Partial);
    assert!(report.is_partial());
    let reason = report.run.reason.clone().unwrap_or_default();
    assert!(reason.contains("groups"), "{reason}");
    assert!(reason.contains("group:read:list_groups:admin"), "{reason}");
    assert_eq!(stored_users(&db).len(), sim.account().users.len());
    let issue = &report.run.issues[0];
    assert_eq!(issue.source, "groups");
    assert_eq!(issue.zoom_code, Some(4711));
}

fn zoom_collector_error_chain(error: &FetchError) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
