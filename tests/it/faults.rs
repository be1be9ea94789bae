//! Zoom's rate limits and outages: a fetch under a seeded fault plan stores exactly what a
//! fault-free fetch stores; a daily cap reached mid-run leaves a partial run that says when to
//! resume, and the next run completes.

use std::collections::BTreeMap;
use std::time::Duration;

use inventory_store::{AssetQuery, RunStatus, Store};
use serde_json::Value;
use zoom_collector::{
    Clock, FetchOptions, FetchOverrides, fetch, fetch_with_clock, fetch_with_options,
};
use zoom_sim::{FaultPlan, Plan, RateCategory, RateLimits, SimConfig, Simulator};

use crate::support::{all_statuses, settings, sim_clock};

/// Every asset of the latest run, by id, without the inventory's own timestamps.
fn inventory(db: &std::path::Path) -> BTreeMap<String, Value> {
    let store = Store::open(db).expect("store");
    store
        .assets(&AssetQuery::default())
        .expect("assets")
        .into_iter()
        .map(|asset| {
            let mut json = asset.to_export_json();
            let object = json.as_object_mut().expect("an object");
            object.remove("first_seen");
            object.remove("last_seen");
            (asset.id, json)
        })
        .collect()
}

fn config(users: usize) -> SimConfig {
    SimConfig {
        users,
        ..SimConfig::default()
    }
}

fn everything() -> FetchOverrides {
    FetchOverrides {
        activity_logs: Some(true),
        ..all_statuses()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_seeded_fault_plans_each_store_the_ground_truth() {
    // The ground truth: the same account fetched with no fault at all.
    let clean = Simulator::start(config(120)).await.expect("sim");
    let dir = tempfile::tempdir().expect("temp dir");
    let truth_db = dir.path().join("truth.db");
    let report = fetch(&settings(&clean, everything()), &truth_db, |_| {})
        .await
        .expect("clean fetch");
    assert_eq!(report.run.status, RunStatus::Complete);
    let truth = inventory(&truth_db);
    assert!(
        truth.len() > 120,
        "users, devices and activities: {}",
        truth.len()
    );

    for seed in 1..=20 {
        let plan = FaultPlan::parse(&format!(
            "seed={seed},5xx=0.10,reset=0.02,revoke-token-after=40,expire-page-tokens=0.2"
        ))
        .expect("a valid plan");
        let faulty = Simulator::start(SimConfig {
            faults: plan,
            ..config(120)
        })
        .await
        .expect("sim");
        let db = dir.path().join(format!("seed-{seed}.db"));
        let report = fetch(&settings(&faulty, everything()), &db, |_| {})
            .await
            .unwrap_or_else(|error| panic!("seed {seed}: {error:?}"));
        assert_eq!(
            report.run.status,
            RunStatus::Complete,
            "seed {seed}: {:?}",
            report.run.reason
        );
        let stored = inventory(&db);
        let missing: Vec<&String> = truth
            .keys()
            .filter(|id| !stored.contains_key(*id))
            .collect();
        let extra: Vec<&String> = stored
            .keys()
            .filter(|id| !truth.contains_key(*id))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "seed {seed}: missing {missing:?}, extra {extra:?}"
        );
        for (id, expected) in &truth {
            assert_eq!(&stored[id], expected, "seed {seed}: {id}");
        }
        let stats = faulty.stats();
        assert!(
            stats.faults_injected() > 0,
            "seed {seed}: the plan injected faults"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_cap_reached_mid_run_keeps_what_was_fetched_and_the_next_run_completes() {
    // How many Heavy and Resource-intensive requests one fetch of this account makes.
    let measure = Simulator::start(config(150)).await.expect("sim");
    let dir = tempfile::tempdir().expect("temp dir");
    fetch(
        &settings(&measure, FetchOverrides::default()),
        &dir.path().join("measure.db"),
        |_| {},
    )
    .await
    .expect("fetch");
    let by_category = measure.stats().requests_by_category;
    let heavy: u64 = [RateCategory::Heavy, RateCategory::ResourceIntensive]
        .iter()
        .filter_map(|category| by_category.get(category))
        .sum();
    assert!(heavy > 4, "{heavy} heavy requests");

    // The same account, whose day allows one and a half such fetches (Heavy and
    // Resource-intensive share the daily cap, as on Zoom's Business plan).
    let mut limits = RateLimits::zoom(Plan::Business);
    limits.heavy_and_resource_intensive_daily = Some(heavy * 3 / 2);
    let sim = Simulator::start(SimConfig {
        rate_limits: Some(limits),
        ..config(150)
    })
    .await
    .expect("sim");
    let db = dir.path().join("inventory.db");
    let fetch_settings = settings(&sim, FetchOverrides::default());
    // Full runs: an incremental run would make far fewer of them.
    let run = |_: &Simulator| {
        fetch_with_options(
            &fetch_settings,
            &db,
            Clock::system(),
            FetchOptions { full: true },
            |_| {},
        )
    };

    let first = run(&sim).await.expect("first run");
    assert_eq!(
        first.run.status,
        RunStatus::Complete,
        "{:?}",
        first.run.reason
    );
    let complete = inventory(&db);

    // The second run of the day reaches the cap: partial, saying which source and when.
    let second = run(&sim).await.expect("a partial run is stored");
    assert_eq!(second.run.status, RunStatus::Partial);
    let reason = second.run.reason.clone().unwrap_or_default();
    assert!(reason.contains("daily limit"), "{reason}");
    assert!(
        reason.contains("T00:00:00Z"),
        "says when it resets: {reason}"
    );
    // Nothing was lost: every asset is still there (what the cap stopped is carried over, not
    // removed), and the sources the cap did not touch are as they were.
    let after_cap = inventory(&db);
    assert_eq!(
        after_cap.keys().collect::<Vec<_>>(),
        complete.keys().collect::<Vec<_>>()
    );
    for (id, asset) in &complete {
        if asset["device_type"] != "meeting_device" {
            assert_eq!(&after_cap[id], asset, "{id}");
        }
    }

    // Tomorrow, the cap is reset: the next run completes.
    sim.advance_clock(Duration::from_secs(24 * 3600));
    let third = run(&sim).await.expect("the next run");
    assert_eq!(
        third.run.status,
        RunStatus::Complete,
        "{:?}",
        third.run.reason
    );
    let third = inventory(&db);
    assert_eq!(
        third.keys().collect::<Vec<_>>(),
        complete.keys().collect::<Vec<_>>()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pacing_to_business_limits_receives_no_429() {
    let sim = Simulator::start(SimConfig {
        rate_limits: Some(RateLimits::zoom(Plan::Business)),
        ..config(150)
    })
    .await
    .expect("sim");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let report = fetch(&settings(&sim, everything()), &db, |_| {})
        .await
        .expect("fetch");
    assert_eq!(
        report.run.status,
        RunStatus::Complete,
        "{:?}",
        report.run.reason
    );
    let stats = sim.stats();
    assert!(stats.requests() > 150, "{} requests", stats.requests());
    assert_eq!(stats.throttled(), 0, "no 429 in the steady state");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_gone_before_its_participants_is_recorded_and_the_rest_is_stored() {
    let sim = Simulator::start(config(150)).await.expect("sim");
    // A meeting of the last week that the dashboard lists (two or more participants).
    let now = sim.now();
    let week_ago = now - jiff::SignedDuration::from_hours(24 * 6);
    let account = sim.account();
    let gone = account
        .meetings_between(week_ago, now)
        .next()
        .expect("a meeting in the last week")
        .uuid
        .clone();
    sim.drop_participants(&gone);

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let settings = settings(&sim, FetchOverrides::default());
    let report = fetch_with_clock(&settings, &db, sim_clock(&sim), |_| {})
        .await
        .expect("a partial run is stored");
    assert_eq!(report.run.status, RunStatus::Partial);
    let issue = &report.run.issues[0];
    assert_eq!(issue.source, "devices/meeting_device");
    assert_eq!(issue.item.as_deref(), Some(gone.as_str()));
    assert_eq!(issue.zoom_code, Some(3001));
    assert_eq!(report.run.issues.len(), 1);
    let stored = inventory(&db);
    assert!(
        stored
            .values()
            .any(|asset| asset["device_type"] == "meeting_device"),
        "the other meetings' devices are stored"
    );
    assert!(stored.values().any(|asset| asset["kind"] == "user"));
}
