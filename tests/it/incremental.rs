//! Incremental runs against the simulator: what a run after the first one reads (counted in the
//! simulator's request log), the rotation of detail reads, activities read again without
//! duplicates, cursors that only a committed run moves, and full runs that find nothing the
//! incremental runs missed.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::time::Duration;

use inventory_model::Kind;
use inventory_store::{AssetQuery, RunStatus, Store};
use jiff::{SignedDuration, Timestamp};
use zoom_collector::{Clock, Event, FetchOptions, FetchOverrides, FetchReport, fetch_with_options};
use zoom_sim::{SimConfig, Simulator};

use crate::support::{all_statuses, settings};

/// A simulator of `users` users whose account's "now" is 12:00 UTC, so that an hour added to it
/// stays on the same day.
async fn sim_at_noon(users: usize) -> Simulator {
    let noon = Timestamp::from_second(1_767_268_800).expect("valid"); // 2026-01-01T12:00:00Z
    Simulator::start(SimConfig {
        users,
        now: noon,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts")
}

/// One fetch at the simulator's "now".
async fn run(sim: &Simulator, db: &Path, fetch: FetchOverrides, full: bool) -> FetchReport {
    let clock = Clock::fixed(sim.account().now);
    fetch_with_options(
        &settings_of(sim, fetch),
        db,
        clock,
        FetchOptions { full },
        |_| {},
    )
    .await
    .expect("fetch succeeds")
}

/// Settings pointing at the simulator, without the SaaS records (whose look-up of the approvers
/// of apps reads a few users by id: not the users source's detail reads these tests count).
fn settings_of(sim: &Simulator, fetch: FetchOverrides) -> zoom_collector::Settings {
    let mut settings = settings(sim, fetch);
    settings.saas.api = false;
    settings
}

/// Every status, activities, and no full run but the first (or one asked for).
fn incremental() -> FetchOverrides {
    FetchOverrides {
        full_every_hours: Some(0),
        activity_logs: Some(true),
        ..all_statuses()
    }
}

/// The user ids whose detail the logged requests read.
fn details_read(sim: &Simulator) -> BTreeSet<String> {
    sim.requests()
        .iter()
        .filter_map(|request| request.path.strip_prefix("/v2/users/"))
        .filter(|id| *id != "summary" && !id.contains('/'))
        .map(str::to_owned)
        .collect()
}

/// How many participant listings the logged requests made.
fn participant_reads(sim: &Simulator) -> usize {
    sim.requests()
        .iter()
        .filter(|request| request.path.ends_with("/participants"))
        .count()
}

/// An hour passes on the account: its "now" and the simulator's clock move on, `changed` users
/// change department, `meetings` new meetings (copies of recent ones, with new UUIDs) end in
/// it and each copy's participants sign in. Returns the changed users' ids and the new
/// meetings' UUIDs.
fn an_hour_passes(
    sim: &Simulator,
    round: usize,
    changed: usize,
    meetings: usize,
) -> (BTreeSet<String>, BTreeSet<String>) {
    sim.advance_clock(Duration::from_secs(3600));
    sim.edit(|account| {
        let hour = SignedDuration::from_hours(1);
        let before = account.now;
        account.now += hour;
        let users: BTreeSet<String> = account
            .users
            .iter_mut()
            .filter(|user| user.status.as_str() == "active")
            .skip(round * changed)
            .take(changed)
            .map(|user| {
                user.dept = Some(format!("Department {round}"));
                user.id.clone()
            })
            .collect();
        let mut recent: Vec<_> = account.meetings.clone();
        recent.sort_by_key(|meeting| std::cmp::Reverse(meeting.start_time));
        let mut uuids = BTreeSet::new();
        for (index, meeting) in recent.into_iter().take(meetings).enumerate() {
            let mut meeting = meeting;
            let shift = before.duration_since(meeting.start_time)
                + SignedDuration::from_mins(5 + 10 * index as i64);
            meeting.uuid = format!("incr{round:03}x{index:03}AAAAAAAAAAAAAA");
            meeting.start_time += shift;
            meeting.end_time += shift;
            for participant in &mut meeting.participants {
                participant.join_time += shift;
                participant.leave_time += shift;
            }
            uuids.insert(meeting.uuid.clone());
            let sign_in = account.sign_in_activities.first().cloned();
            if let Some(mut sign_in) = sign_in {
                sign_in.time = meeting.start_time;
                sign_in.email = meeting.host_email.clone();
                account.sign_in_activities.push(sign_in);
            }
            account.meetings.push(meeting);
        }
        (users, uuids)
    })
}

/// `path` percent-decoded until nothing is left to decode (meeting UUIDs may be encoded twice).
fn decoded(path: &str) -> String {
    let mut text = path.to_owned();
    while let Some(at) = text.find('%') {
        let Some(byte) = text
            .get(at + 1..at + 3)
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        else {
            break;
        };
        text.replace_range(at..at + 3, &char::from(byte).to_string());
    }
    text
}

fn count(db: &Path, kind: Kind) -> usize {
    Store::open(db)
        .expect("store opens")
        .assets(&AssetQuery {
            kind: Some(kind),
            ..AssetQuery::default()
        })
        .expect("assets read")
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unchanged_account_reads_no_detail_and_no_participants() {
    let sim = sim_at_noon(120).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let first = run(&sim, &db, incremental(), false).await;
    assert_eq!(first.run.status, RunStatus::Complete);
    assert!(
        !details_read(&sim).is_empty(),
        "the first run reads every detail"
    );
    assert!(
        participant_reads(&sim) > 0,
        "and every meeting's participants"
    );

    sim.clear_requests();
    let second = run(&sim, &db, incremental(), false).await;
    assert_eq!(second.run.status, RunStatus::Complete);
    assert_eq!(details_read(&sim), BTreeSet::new());
    assert_eq!(participant_reads(&sim), 0);
    let rooms_read = sim
        .requests()
        .iter()
        .filter(|request| request.path.starts_with("/v2/rooms/") && request.path.len() > 10)
        .filter(|request| !request.path.contains("calendar") && !request.path.contains("locations"))
        .count();
    assert_eq!(rooms_read, 0, "no room's profile or devices read again");
    // Listings stay complete: every status's users, in pages of 2000.
    let listings: Vec<String> = sim
        .requests()
        .iter()
        .filter(|request| request.path == "/v2/users")
        .map(|request| request.query.clone().unwrap_or_default())
        .collect();
    assert_eq!(listings.len(), 3, "{listings:?}");
    assert!(
        listings
            .iter()
            .all(|query| query.contains("page_size=2000"))
    );
    // Nothing changed: the second run added no version.
    let store = Store::open(&db).expect("store opens");
    assert!(
        store
            .diff(first.run.id, second.run.id, None)
            .expect("diff")
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_after_a_change_reads_exactly_the_changed_users_and_the_new_meetings() {
    let sim = sim_at_noon(150).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    run(&sim, &db, incremental(), false).await;
    let devices_before = count(&db, Kind::Device);

    let (changed, new_meetings) = an_hour_passes(&sim, 0, 3, 2);
    sim.clear_requests();
    // A day's refresh over an hour would rotate 150 / 24 users: here it is a year's.
    let report = run(
        &sim,
        &db,
        FetchOverrides {
            detail_refresh_hours: Some(8760),
            ..incremental()
        },
        false,
    )
    .await;
    assert_eq!(
        report.run.status,
        RunStatus::Complete,
        "{:?}",
        report.run.reason
    );
    assert_eq!(details_read(&sim), changed);
    let participants: BTreeSet<String> = sim
        .requests()
        .iter()
        .filter(|request| request.path.ends_with("/participants"))
        .map(|request| request.path.clone())
        .collect();
    assert_eq!(participants.len(), new_meetings.len(), "{participants:?}");
    for uuid in &new_meetings {
        assert!(participants.iter().any(|path| path.contains(uuid.as_str())));
    }
    assert!(
        count(&db, Kind::Device) >= devices_before,
        "stored devices are kept"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rotation_refreshes_every_user_within_the_refresh_interval() {
    let sim = sim_at_noon(60).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    run(&sim, &db, incremental(), false).await;
    let users: HashSet<String> = sim.account().users.iter().map(|u| u.id.clone()).collect();
    let mut read = HashSet::new();
    let mut most_in_one_run = 0;
    for round in 0..24 {
        an_hour_passes(&sim, round, 0, 0);
        sim.clear_requests();
        run(&sim, &db, incremental(), false).await;
        let this_run = details_read(&sim);
        most_in_one_run = most_in_one_run.max(this_run.len());
        read.extend(this_run);
    }
    // Zoom answers no detail for lapsed invitations; those are asked too.
    let missed: Vec<_> = users.difference(&read).collect();
    assert!(
        missed.is_empty(),
        "never re-read within 24 hours: {missed:?}"
    );
    assert!(
        most_in_one_run <= users.len() / 24 + 2,
        "the reads are spread over the runs: {most_in_one_run} in one run"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activities_read_again_in_the_overlap_are_not_duplicated() {
    let sim = sim_at_noon(80).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    run(&sim, &db, incremental(), false).await;
    let first = count(&db, Kind::Activity);
    assert!(first > 0);
    // The overlap reaches back before the first run: everything it read is read again.
    let overlap = FetchOverrides {
        activity_overlap_minutes: Some(1440),
        ..incremental()
    };
    run(&sim, &db, overlap, false).await;
    assert_eq!(count(&db, Kind::Activity), first);
    let (_, meetings) = an_hour_passes(&sim, 0, 0, 3);
    sim.clear_requests();
    run(&sim, &db, incremental(), false).await;
    assert_eq!(count(&db, Kind::Activity), first + meetings.len());
    // Only today's activities were asked for.
    let day = Timestamp::from_second(1_767_268_800)
        .expect("valid")
        .strftime("%Y-%m-%d")
        .to_string();
    for request in sim.requests() {
        if request.path.starts_with("/v2/report/") {
            let query = request.query.unwrap_or_default();
            assert!(query.contains(&format!("from={day}")), "{query}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_killed_mid_way_leaves_the_cursors_where_the_last_committed_run_put_them() {
    let sim = sim_at_noon(400).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    run(&sim, &db, incremental(), false).await;
    let account_id = sim.config().account_id.clone();
    let cursors = || {
        Store::open(&db)
            .expect("store opens")
            .cursors(&account_id)
            .expect("cursors read")
    };
    let committed = cursors();
    assert!(committed.contains_key("meetings") && committed.contains_key("full"));

    an_hour_passes(&sim, 0, 50, 5);
    let settings = settings_of(&sim, incremental());
    let (seen_tx, mut seen_rx) = tokio::sync::mpsc::unbounded_channel();
    let clock = Clock::fixed(sim.account().now);
    let fetch = fetch_with_options(
        &settings,
        &db,
        clock,
        FetchOptions::default(),
        move |event| {
            if matches!(event, Event::Fetched { .. }) {
                let _ = seen_tx.send(());
            }
        },
    );
    // Killed once it has stored something: the fetch is dropped, its transaction rolled back.
    tokio::select! {
        result = fetch => panic!("the run ended before it was killed: {:?}", result.map(|r| r.run.id)),
        seen = seen_rx.recv() => assert!(seen.is_some()),
    }
    assert_eq!(cursors(), committed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_run_after_24_incremental_rounds_finds_no_difference() {
    let sim = sim_at_noon(100).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    run(&sim, &db, incremental(), false).await;
    let mut last = None;
    for round in 0..24 {
        an_hour_passes(&sim, round, 1, 2);
        let report = run(&sim, &db, incremental(), false).await;
        assert_eq!(
            report.run.status,
            RunStatus::Complete,
            "{:?}",
            report.run.reason
        );
        last = Some(report.run.id);
    }
    sim.clear_requests();
    let full = run(&sim, &db, incremental(), true).await;
    assert_eq!(full.run.status, RunStatus::Complete);
    assert!(
        participant_reads(&sim) > 48,
        "the full run read every meeting again"
    );
    let store = Store::open(&db).expect("store opens");
    let changes = store
        .diff(last.expect("rounds ran"), full.run.id, None)
        .expect("diff");
    assert!(changes.is_empty(), "the full run found: {changes:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quota_planner_defers_the_oldest_meetings_and_a_later_run_reads_them() {
    let sim = sim_at_noon(150).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    // A dry run plans the first run and writes nothing: only listings are read.
    let plan = zoom_collector::plan_fetch(
        &settings_of(&sim, incremental()),
        &db,
        Clock::fixed(sim.account().now),
        FetchOptions::default(),
    )
    .await
    .expect("plan");
    assert!(!db.exists(), "a dry run creates no database");
    assert!(plan.full);
    assert_eq!(participant_reads(&sim), 0);
    assert!(details_read(&sim).is_empty());
    let wanted = plan.meetings_to_read;
    assert!(wanted > 40, "{plan:?}");
    assert_eq!(plan.deferred_meetings, 0);
    assert_eq!(plan.daily_cap, Some(60_000));
    assert!(plan.requests.light >= 150, "every user's detail: {plan:?}");

    // 0.001 of 60,000: 60 Heavy and Resource-intensive requests today, listings included.
    sim.clear_requests();
    let tight = FetchOverrides {
        max_daily_share: Some(0.001),
        ..incremental()
    };
    let first = run(&sim, &db, tight, false).await;
    assert_eq!(first.run.status, RunStatus::Partial);
    let reason = first.run.reason.clone().unwrap_or_default();
    let read_first = participant_reads(&sim) as u64;
    let deferred = wanted - read_first;
    assert!(read_first > 0 && deferred > 0, "{reason}");
    assert!(
        reason.contains(&format!("deferred by quota: {deferred} meetings")),
        "{reason}"
    );
    let heavy_ri = sim
        .requests()
        .iter()
        .filter(|request| {
            matches!(
                request.category,
                Some(zoom_sim::RateCategory::Heavy | zoom_sim::RateCategory::ResourceIntensive)
            )
        })
        .count();
    assert!(heavy_ri <= 60, "{heavy_ri} Heavy/RI requests");

    // The newest meetings were read first.
    let account = sim.account();
    let start_of = |path: &str| {
        account
            .meetings
            .iter()
            .find(|meeting| decoded(path).contains(&meeting.uuid))
            .map(|meeting| meeting.start_time)
    };
    let read: Vec<Timestamp> = sim
        .requests()
        .iter()
        .filter(|request| request.path.ends_with("/participants"))
        .filter_map(|request| start_of(&request.path))
        .collect();
    let oldest_read = read.iter().min().copied().expect("some read");
    let unread_newer = account
        .meetings
        .iter()
        .filter(|meeting| !meeting.is_one_user() && meeting.start_time > oldest_read)
        .filter(|meeting| !read.contains(&meeting.start_time))
        .count();
    assert!(unread_newer <= 1, "{unread_newer} newer meetings were left");

    // A later run, with the default share, reads exactly what was deferred and completes.
    sim.clear_requests();
    let second = run(&sim, &db, incremental(), false).await;
    assert_eq!(
        second.run.status,
        RunStatus::Complete,
        "{:?}",
        second.run.reason
    );
    assert_eq!(participant_reads(&sim) as u64, deferred);
    assert!(
        details_read(&sim).is_empty(),
        "the first run was full: nothing left to read"
    );
}
