//! A fetch half a second before midnight UTC belongs to that day: the simulator's "now" and the
//! collector's clock are both pinned to 23:59:59.5 of a fixed day, so the run's dates and the
//! days of meetings and activities it reads are that day's, whatever the machine's date (near
//! midnight UTC included).

use std::collections::BTreeSet;

use inventory_store::{AssetQuery, RunStatus, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use zoom_collector::{Clock, FetchOverrides, fetch_with_clock};
use zoom_sim::{SimConfig, Simulator};

use crate::settings::expected_meeting_devices;
use crate::support::settings;

/// The query strings of the first page of each window read from `path`.
fn windows(sim: &Simulator, path: &str) -> BTreeSet<String> {
    sim.requests()
        .into_iter()
        .filter(|request| request.path == path)
        .filter_map(|request| request.query)
        .filter(|query| !query.contains("next_page_token"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fetch_in_the_last_second_of_a_day_dates_and_reads_that_day() {
    let at: Timestamp = "2026-03-14T23:59:59.5Z".parse().expect("a timestamp");
    let day: Date = "2026-03-14".parse().expect("a date");
    let week_before: Date = "2026-03-07".parse().expect("a date");
    let sim = Simulator::start(SimConfig {
        users: 300,
        now: at,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let overrides = FetchOverrides {
        activity_logs: Some(true),
        ..FetchOverrides::default()
    };

    let report = fetch_with_clock(&settings(&sim, overrides), &db, Clock::fixed(at), |_| {})
        .await
        .expect("fetch stores a run");

    assert_eq!(
        report.run.status,
        RunStatus::Complete,
        "{:?}",
        report.run.reason
    );
    assert_eq!(report.run.started_at, at);
    assert_eq!(report.run.finished_at, Some(at));
    let store = Store::open(&db).expect("store opens");
    let runs = store.runs().expect("runs read");
    assert_eq!(
        (runs[0].started_at, runs[0].finished_at),
        (at, Some(at)),
        "stored to the millisecond"
    );
    let assets = store.assets(&AssetQuery::default()).expect("assets read");
    assert!(!assets.is_empty());
    for asset in &assets {
        assert_eq!(
            (asset.first_seen, asset.last_seen),
            (at, at),
            "{}",
            asset.id
        );
    }

    // The default week of meetings and activities, ending on that day, not on the next one or
    // on the machine's.
    let window = format!("from={week_before}&to={day}");
    for path in [
        "/v2/metrics/meetings",
        "/v2/report/activities",
        "/v2/report/operationlogs",
    ] {
        let read = windows(&sim, path);
        assert!(
            !read.is_empty() && read.iter().all(|query| query.contains(&window)),
            "{path} is read for {window}: {read:?}"
        );
    }
    let expected: BTreeSet<String> = expected_meeting_devices(&sim, 7)
        .into_iter()
        .filter(|(_, has_both)| *has_both)
        .map(|(key, _)| key)
        .collect();
    let stored: BTreeSet<String> = assets
        .iter()
        .map(|asset| asset.to_export_json())
        .filter(|asset| asset["kind"] == "device" && asset["device_type"] == "meeting_device")
        .filter_map(|device| Some(device["source_id"].as_str()?.to_owned()))
        .collect();
    let start_of_day: Timestamp = "2026-03-14T00:00:00Z".parse().expect("a timestamp");
    assert!(
        sim.account().meetings_between(start_of_day, at).count() > 0,
        "the simulator dated meetings on the day itself"
    );
    assert!(!expected.is_empty(), "the week has meetings");
    assert_eq!(
        stored, expected,
        "the devices of that week's meetings, those of the day itself included"
    );
}
