//! Each fetch setting of the reference adapter shows its effect against the simulator.

use std::collections::BTreeSet;

use inventory_model::Kind;
use inventory_model::value::{hostname, mac_addresses};
use inventory_store::{AssetQuery, RunStatus, Store};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde_json::Value;
use zoom_collector::{AssetType, FetchOverrides, fetch, fetch_with_clock};
use zoom_sim::{Plan, SimConfig, Simulator};

use crate::support::{settings, sim, sim_clock, sim_today};

async fn fetch_into(sim: &Simulator, overrides: FetchOverrides) -> (tempfile::TempDir, Vec<Value>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let report = fetch_with_clock(&settings(sim, overrides), &db, sim_clock(sim), |_| {})
        .await
        .expect("fetch stores a run");
    assert_eq!(
        report.run.status,
        RunStatus::Complete,
        "{:?}",
        report.run.reason
    );
    let store = Store::open(&db).expect("store");
    let assets = store
        .assets(&AssetQuery::default())
        .expect("assets")
        .iter()
        .map(|asset| asset.to_export_json())
        .collect();
    (dir, assets)
}

fn devices_of<'a>(assets: &'a [Value], device_type: &str) -> Vec<&'a Value> {
    assets
        .iter()
        .filter(|asset| asset["kind"] == "device" && asset["device_type"] == device_type)
        .collect()
}

/// The physical devices the simulator's participants joined from in the last `days` days, as
/// the inventory keys them (MAC, else host name), with whether each has both.
pub(crate) fn expected_meeting_devices(sim: &Simulator, days: i64) -> Vec<(String, bool)> {
    let account = sim.account();
    let to = sim_today(sim);
    let from = to.checked_sub(jiff::Span::new().days(days)).expect("date");
    let midnight = |date: Date| {
        TimeZone::UTC
            .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
            .expect("a timestamp")
    };
    let start = midnight(from);
    let end = midnight(to.checked_add(jiff::Span::new().days(1)).expect("date"));
    let mut keys: Vec<(String, bool)> = Vec::new();
    for meeting in account.meetings_between(start, end) {
        for participant in &meeting.participants {
            let Some(index) = participant.reported_device() else {
                continue;
            };
            let device = &account.meeting_devices[index];
            let macs = mac_addresses(device.mac_addr.as_deref());
            let host = hostname(device.pc_name.as_deref());
            let key = match (macs.first(), &host) {
                (Some(mac), _) => mac.clone(),
                (None, Some(host)) => format!("host:{host}"),
                (None, None) => continue,
            };
            if !keys.iter().any(|(known, _)| *known == key) {
                keys.push((key, !macs.is_empty() && host.is_some()));
            }
        }
    }
    keys
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meeting_devices_need_hostname_and_mac_unless_told_otherwise() {
    let sim = sim(300).await;
    let expected = expected_meeting_devices(&sim, 7);
    let complete: BTreeSet<String> = expected
        .iter()
        .filter(|(_, both)| *both)
        .map(|(key, _)| key.clone())
        .collect();
    assert!(
        complete.len() < expected.len(),
        "the account has devices lacking one"
    );

    let (_dir, assets) = fetch_into(&sim, FetchOverrides::default()).await;
    let stored: BTreeSet<String> = devices_of(&assets, "meeting_device")
        .iter()
        .map(|device| device["source_id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(stored, complete, "one record per physical device with both");

    let (_dir, assets) = fetch_into(
        &sim,
        FetchOverrides {
            devices_require_hostname_and_mac: Some(false),
            ..FetchOverrides::default()
        },
    )
    .await;
    let stored: BTreeSet<String> = devices_of(&assets, "meeting_device")
        .iter()
        .map(|device| device["source_id"].as_str().expect("id").to_owned())
        .collect();
    let all: BTreeSet<String> = expected.into_iter().map(|(key, _)| key).collect();
    assert_eq!(stored, all, "devices lacking host name or MAC appear too");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn days_of_meetings_decides_which_meetings_are_read() {
    let sim = sim(100).await;
    let windows = |sim: &Simulator| -> Vec<String> {
        sim.requests()
            .into_iter()
            .filter(|request| request.path == "/v2/metrics/meetings")
            .filter_map(|request| request.query)
            .filter(|query| !query.contains("next_page_token"))
            .collect()
    };
    let (_dir, _) = fetch_into(&sim, FetchOverrides::default()).await;
    let week = windows(&sim);
    let from = sim_today(&sim)
        .checked_sub(jiff::Span::new().days(7))
        .expect("date");
    assert!(
        week.iter()
            .any(|query| query.contains(&format!("from={from}"))),
        "{week:?}"
    );
    assert!(
        week.iter()
            .any(|query| query.contains(&format!("to={}", sim_today(&sim)))),
        "the last window ends today: {week:?}"
    );

    sim.clear_requests();
    let (_dir, _) = fetch_into(
        &sim,
        FetchOverrides {
            days_of_meetings: Some(70),
            ..FetchOverrides::default()
        },
    )
    .await;
    let seventy = windows(&sim);
    let from = sim_today(&sim)
        .checked_sub(jiff::Span::new().days(70))
        .expect("date");
    assert!(
        seventy
            .iter()
            .any(|query| query.contains(&format!("from={from}"))),
        "{seventy:?}"
    );
    assert!(
        seventy.len() >= 3,
        "70 days take one-month windows: {seventy:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_devices_and_asset_types_choose_the_device_sources() {
    // Large enough for unenrolled devices and desk phones to exist.
    let sim = sim(300).await;
    let (_dir, assets) = fetch_into(
        &sim,
        FetchOverrides {
            fetch_devices: Some(false),
            ..FetchOverrides::default()
        },
    )
    .await;
    assert!(assets.iter().any(|asset| asset["kind"] == "user"));
    assert!(assets.iter().all(|asset| asset["kind"] != "device"));
    let device_calls = sim
        .requests()
        .into_iter()
        .filter(|request| {
            ["/v2/rooms", "/v2/devices", "/v2/h323", "/v2/metrics"]
                .iter()
                .any(|prefix| request.path.starts_with(prefix))
        })
        .count();
    assert_eq!(device_calls, 0, "no device endpoint was called");

    let (_dir, assets) = fetch_into(
        &sim,
        FetchOverrides {
            asset_types: Some(vec![AssetType::H323, AssetType::Zdm]),
            ..FetchOverrides::default()
        },
    )
    .await;
    let types: BTreeSet<&str> = assets
        .iter()
        .filter_map(|asset| asset["device_type"].as_str())
        .collect();
    assert_eq!(types, BTreeSet::from(["h323", "zdm"]));
    let account = sim.account();
    assert_eq!(
        devices_of(&assets, "h323").len(),
        account.h323_devices.len()
    );
    // Every ZDM device once, also those Zoom's defaults hide: not enrolled, phone appliances.
    assert!(account.zdm_devices.iter().any(|d| !d.enrolled_in_zdm));
    assert!(account.zdm_devices.iter().any(|d| d.device_type == 5));
    assert_eq!(devices_of(&assets, "zdm").len(), account.zdm_devices.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skip_service_accounts_drops_devices_run_by_rooms_and_api_users() {
    let sim = sim(300).await;
    let (_dir, kept) = fetch_into(&sim, FetchOverrides::default()).await;
    let (_dir, skipped) = fetch_into(
        &sim,
        FetchOverrides {
            skip_service_accounts: Some(true),
            ..FetchOverrides::default()
        },
    )
    .await;
    let room_computer_macs: BTreeSet<String> = devices_of(&kept, "zoom_room_device")
        .iter()
        .flat_map(|device| {
            device["mac_addresses"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|mac| mac.as_str().map(str::to_owned))
        .collect();
    let is_room_computer = |device: &&Value| {
        device["mac_addresses"].as_array().is_some_and(|macs| {
            macs.iter()
                .any(|mac| mac.as_str().is_some_and(|m| room_computer_macs.contains(m)))
        })
    };
    let kept_rooms = devices_of(&kept, "meeting_device")
        .into_iter()
        .filter(is_room_computer)
        .count();
    assert!(kept_rooms > 0, "Zoom Rooms computers joined meetings");
    let skipped_rooms = devices_of(&skipped, "meeting_device")
        .into_iter()
        .filter(is_room_computer)
        .count();
    assert_eq!(skipped_rooms, 0, "room computers are skipped");
    let assigned = |assets: &[Value]| {
        devices_of(assets, "zdm")
            .into_iter()
            .filter(|device| !device["room_id"].is_null())
            .count()
    };
    assert!(assigned(&kept) > 0, "some ZDM devices belong to rooms");
    assert_eq!(assigned(&skipped), 0);
    // People's own devices stay.
    assert!(!devices_of(&skipped, "meeting_device").is_empty());
    assert!(
        devices_of(&skipped, "zdm")
            .iter()
            .all(|device| device["room_id"].is_null())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activity_logs_adds_sign_ins_and_operations() {
    let sim = sim(100).await;
    let (_dir, without) = fetch_into(&sim, FetchOverrides::default()).await;
    assert!(without.iter().all(|asset| asset["kind"] != "activity"));

    let (_dir, with) = fetch_into(
        &sim,
        FetchOverrides {
            activity_logs: Some(true),
            ..FetchOverrides::default()
        },
    )
    .await;
    let types: BTreeSet<&str> = with
        .iter()
        .filter(|asset| asset["kind"] == "activity")
        .filter_map(|asset| asset["activity_type"].as_str())
        .collect();
    assert_eq!(types, BTreeSet::from(["operation", "sign_in", "sign_out"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exclude_calendar_rooms_drops_rooms_that_exist_only_in_the_calendar() {
    let sim = sim(300).await;
    let account = sim.account();
    let calendar_only = account
        .calendar_services
        .iter()
        .flat_map(|service| &service.resources)
        .filter(|resource| resource.assigned_room_id.is_none())
        .count();
    assert!(calendar_only > 0);

    let (_dir, with) = fetch_into(&sim, FetchOverrides::default()).await;
    let rooms = devices_of(&with, "zoom_room");
    let calendar = rooms
        .iter()
        .filter(|room| room["status"] == "calendar_only")
        .count();
    assert_eq!(calendar, calendar_only);
    assert_eq!(rooms.len() - calendar, account.rooms.len());

    let (_dir, without) = fetch_into(
        &sim,
        FetchOverrides {
            exclude_calendar_rooms: Some(true),
            ..FetchOverrides::default()
        },
    )
    .await;
    let rooms = devices_of(&without, "zoom_room");
    assert_eq!(rooms.len(), account.rooms.len());
    assert!(rooms.iter().all(|room| room["status"] != "calendar_only"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pro_account_stores_everything_but_the_dashboard_and_says_why() {
    let sim = Simulator::start(SimConfig {
        users: 100,
        plan: Plan::Pro,
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let report = fetch(
        &settings(
            &sim,
            FetchOverrides {
                activity_logs: Some(true),
                ..FetchOverrides::default()
            },
        ),
        &db,
        |_| {},
    )
    .await
    .expect("a partial run is stored");
    assert_eq!(report.run.status, RunStatus::Partial);
    let reason = report.run.reason.clone().unwrap_or_default();
    assert!(reason.contains("devices/meeting_device"), "{reason}");
    assert!(
        reason.contains("Business"),
        "the plan gate is named: {reason}"
    );
    assert_eq!(report.run.issues.len(), 1, "{:?}", report.run.issues);
    assert_eq!(report.run.issues[0].zoom_code, Some(200));

    let store = Store::open(&db).expect("store");
    let assets = store.assets(&AssetQuery::default()).expect("assets");
    let kinds: BTreeSet<Kind> = assets.iter().map(|asset| asset.kind).collect();
    // The SaaS side needs no dashboard: a Pro account has all of it.
    assert_eq!(kinds, BTreeSet::from(Kind::ALL));
    let types: BTreeSet<String> = assets
        .iter()
        .filter_map(|asset| asset.fields["device_type"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        types,
        ["h323", "zdm", "zoom_room", "zoom_room_device"]
            .map(str::to_owned)
            .into()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rooms_are_listed_once_for_rooms_and_their_devices() {
    let sim = sim(300).await;
    let (_dir, assets) = fetch_into(&sim, FetchOverrides::default()).await;
    let account = sim.account();
    assert_eq!(
        devices_of(&assets, "zoom_room_device").len(),
        account
            .rooms
            .iter()
            .map(|room| room.devices.len())
            .sum::<usize>()
    );
    let listings = sim
        .requests()
        .into_iter()
        .filter(|request| request.path == "/v2/rooms")
        .count();
    assert_eq!(listings, 1, "one page of rooms, read once");
}
