//! First and last seen, versions, removals and counts across runs.

use inventory_model::Kind;
use inventory_store::{KindCounts, RunIssue, RunOutcome, RunStatus, ScopeCoverage, Store};
use serde_json::json;

use crate::common::*;

#[test]
fn first_seen_is_kept_and_last_seen_moves() {
    let mut store = Store::open_in_memory().unwrap();
    let first = run(&mut store, 1, &[alice(), bob()]);
    let second = run(&mut store, 2, &[alice(), bob()]);

    let latest = assets(&store, None);
    assert_eq!(latest.len(), 2);
    for asset in &latest {
        assert_eq!(asset.first_seen, day(1));
        assert_eq!(asset.last_seen, day(2));
        assert_eq!(asset.version_run, first.id);
    }
    // As of the first run, last seen is that run's time.
    assert!(
        assets(&store, Some(first.id))
            .iter()
            .all(|asset| asset.last_seen == day(1))
    );

    let runs = store.runs().unwrap();
    assert_eq!(
        runs.iter().map(|run| run.id).collect::<Vec<_>>(),
        [second.id, first.id]
    );
    assert_eq!(runs[0], second);
    assert_eq!(
        runs[1].counts[&Kind::User],
        KindCounts {
            present: 2,
            seen: 2,
            added: 2,
            changed: 0,
            removed: 0
        }
    );
    assert_eq!(
        runs[0].counts[&Kind::User],
        KindCounts {
            present: 2,
            seen: 2,
            added: 0,
            changed: 0,
            removed: 0
        }
    );
    assert_eq!(second.status, RunStatus::Complete);
    assert_eq!(second.started_at, day(2));
    assert_eq!(second.settings_digest, "digest-2");
    assert_eq!(
        second.scopes,
        [ScopeCoverage {
            scope: ACTIVE.to_owned(),
            complete: true,
            seen: 2
        }]
    );
    assert_eq!(store.latest_run().unwrap().unwrap().id, second.id);
}

#[test]
fn an_unchanged_rerun_writes_no_version_rows() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    run(&mut store, 1, &[alice(), bob()]);
    assert_eq!(count(&path, "SELECT count(*) FROM asset_versions"), 2);

    // Same content, keys of the raw JSON in another order: still unchanged.
    let mut reordered = alice();
    reordered.raw = json!({"role_id": "2", "status": "active", "type": 2,
                           "display_name": "Alice", "email": "alice@example.com", "id": "a1"});
    run(&mut store, 2, &[reordered, bob()]);
    run(&mut store, 3, &[alice(), bob()]);

    assert_eq!(count(&path, "SELECT count(*) FROM asset_versions"), 2);
    // Consecutive sightings extend one range per asset instead of adding rows.
    assert_eq!(count(&path, "SELECT count(*) FROM sightings"), 2);
    assert_eq!(
        count(&path, "SELECT count(*) FROM assets WHERE last_seen_run = 3"),
        2
    );
}

#[test]
fn a_changed_asset_gets_a_new_version_and_old_runs_read_the_old_one() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let first = run(&mut store, 1, &[alice(), bob()]);
    let second = run(&mut store, 2, &[renamed(&alice(), "Alice Liddell"), bob()]);

    assert_eq!(count(&path, "SELECT count(*) FROM asset_versions"), 3);
    assert_eq!(second.counts[&Kind::User].changed, 1);
    assert_eq!(second.counts[&Kind::User].added, 0);

    let now = store.asset("user:a1", None).unwrap().unwrap();
    assert_eq!(name_of(&now), "Alice Liddell");
    assert_eq!(now.raw["display_name"], "Alice Liddell");
    assert_eq!(now.version_run, second.id);
    assert_eq!(now.first_seen, day(1));

    let then = store.asset("user:a1", Some(first.id)).unwrap().unwrap();
    assert_eq!(name_of(&then), "Alice");
    assert_eq!(then.raw["display_name"], "Alice");
    assert_eq!(then.last_seen, day(1));
}

#[test]
fn an_asset_missing_from_a_complete_scope_is_removed_but_stays_in_old_runs() {
    let mut store = Store::open_in_memory().unwrap();
    let first = run(&mut store, 1, &[alice(), bob()]);
    let second = run(&mut store, 2, &[alice()]);

    assert_eq!(ids(&store, None), ["user:a1"]);
    assert_eq!(ids(&store, Some(first.id)), ["user:a1", "user:b2"]);
    assert!(store.asset("user:b2", None).unwrap().is_none());
    assert_eq!(
        second.counts[&Kind::User],
        KindCounts {
            present: 1,
            seen: 1,
            added: 0,
            changed: 0,
            removed: 1
        }
    );

    // Bob comes back: added again, first seen unchanged, last seen moves.
    let third = run(&mut store, 3, &[alice(), bob()]);
    assert_eq!(third.counts[&Kind::User].added, 1);
    let bob = store.asset("user:b2", None).unwrap().unwrap();
    assert_eq!((bob.first_seen, bob.last_seen), (day(1), day(3)));
    assert_eq!(ids(&store, Some(second.id)), ["user:a1"]);
}

#[test]
fn an_asset_missing_from_an_incomplete_scope_is_kept() {
    let mut store = Store::open_in_memory().unwrap();
    run(&mut store, 1, &[alice(), bob()]);
    // The users listing failed half way: the scope is not complete.
    let partial = run_with(&mut store, 2, &[alice()], RunOutcome::Partial, &[]);

    assert_eq!(partial.status, RunStatus::Partial);
    assert_eq!(
        partial.counts[&Kind::User],
        KindCounts {
            present: 2,
            seen: 1,
            added: 0,
            changed: 0,
            removed: 0
        }
    );
    assert_eq!(
        partial.scopes,
        [ScopeCoverage {
            scope: ACTIVE.to_owned(),
            complete: false,
            seen: 1
        }]
    );
    let latest = assets(&store, None);
    assert_eq!(latest.len(), 2);
    let bob = latest.iter().find(|asset| asset.id == "user:b2").unwrap();
    assert_eq!(bob.last_seen, day(1), "not seen by the partial run");
    // The partial run is the latest with data.
    assert_eq!(store.latest_run().unwrap().unwrap().id, partial.id);
}

#[test]
fn a_complete_scope_only_removes_its_own_assets() {
    let mut store = Store::open_in_memory().unwrap();
    let mut carol = user("c3", "carol@example.com", "Carol");
    carol.scope = INACTIVE.to_owned();
    run_with(
        &mut store,
        1,
        &[alice(), carol.clone()],
        RunOutcome::Complete,
        &[ACTIVE, INACTIVE],
    );
    // Inactive users were not fetched this time: only the active scope is complete.
    run(&mut store, 2, &[alice()]);
    assert_eq!(ids(&store, None), ["user:a1", "user:c3"]);

    // Alice is deactivated: she moves to the inactive scope and is not removed from anything.
    let mut deactivated = alice();
    deactivated.scope = INACTIVE.to_owned();
    let third = run_with(
        &mut store,
        3,
        &[deactivated, carol],
        RunOutcome::Complete,
        &[ACTIVE, INACTIVE],
    );
    assert_eq!(ids(&store, None), ["user:a1", "user:c3"]);
    assert_eq!(third.counts[&Kind::User].removed, 0);
    // A scope declared complete with nothing in it is recorded, and empties its assets.
    run_with(&mut store, 4, &[], RunOutcome::Complete, &[INACTIVE]);
    assert!(ids(&store, None).is_empty());
}

#[test]
fn last_seen_of_an_old_run_is_exact_across_a_gap() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let r1 = run(&mut store, 1, &[alice(), bob()]);
    let r2 = run_with(&mut store, 2, &[bob()], RunOutcome::Partial, &[]);
    let r3 = run(&mut store, 3, &[alice(), bob()]);

    let last_seen = |run| {
        store
            .asset("user:a1", Some(run))
            .unwrap()
            .unwrap()
            .last_seen
    };
    assert_eq!(last_seen(r1.id), day(1));
    assert_eq!(last_seen(r2.id), day(1));
    assert_eq!(last_seen(r3.id), day(3));
    assert_eq!(
        store
            .asset("user:b2", Some(r2.id))
            .unwrap()
            .unwrap()
            .last_seen,
        day(2)
    );
    // Alice's sightings: runs 1 and 3; Bob's: one range over 1..=3.
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM sightings WHERE asset_id = 'user:a1'"
        ),
        2
    );
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM sightings WHERE asset_id = 'user:b2'"
        ),
        1
    );
}

#[test]
fn failed_and_interrupted_runs_do_not_break_sighting_ranges() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    run(&mut store, 1, &[alice()]);
    run_with(&mut store, 2, &[alice()], RunOutcome::Failed, &[]);
    drop(store.begin_run(start(3)).unwrap());
    let r4 = run(&mut store, 4, &[alice()]);
    assert_eq!(count(&path, "SELECT count(*) FROM sightings"), 1);
    assert_eq!(
        store
            .asset("user:a1", Some(r4.id))
            .unwrap()
            .unwrap()
            .last_seen,
        day(4)
    );
}

#[test]
fn the_same_id_twice_in_a_run_keeps_the_last_and_counts_once() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let first = run(
        &mut store,
        1,
        &[alice(), renamed(&alice(), "Alice B."), bob()],
    );
    assert_eq!(
        first.counts[&Kind::User],
        KindCounts {
            present: 2,
            seen: 2,
            added: 2,
            changed: 0,
            removed: 0
        }
    );
    assert_eq!(
        name_of(&store.asset("user:a1", None).unwrap().unwrap()),
        "Alice B."
    );

    // Changed, then changed back within one run: no version for this run.
    let second = run(
        &mut store,
        2,
        &[
            renamed(&alice(), "Other"),
            renamed(&alice(), "Alice B."),
            bob(),
        ],
    );
    assert_eq!(count(&path, "SELECT count(*) FROM asset_versions"), 2);
    assert_eq!(second.counts[&Kind::User].changed, 0);
}

#[test]
fn runs_show_reason_issues_and_scopes() {
    let mut store = Store::open_in_memory().unwrap();
    let issue = RunIssue {
        source: "rooms".to_owned(),
        item: Some("room-17".to_owned()),
        http_status: Some(404),
        zoom_code: Some(3001),
        message: "room not found".to_owned(),
    };
    let gate = RunIssue {
        source: "h323_devices".to_owned(),
        item: None,
        http_status: Some(400),
        zoom_code: Some(200),
        message: "requires a business plan".to_owned(),
    };
    let mut writer = store.begin_run(start(1)).unwrap();
    writer.put(&alice()).unwrap();
    writer.record_issue(&issue).unwrap();
    writer.record_issue(&gate).unwrap();
    let info = writer
        .finish(end(1, RunOutcome::Partial, &[ACTIVE, "rooms"]))
        .unwrap();

    assert_eq!(info.status, RunStatus::Partial);
    assert_eq!(info.reason.as_deref(), Some("Partial on day 1"));
    assert_eq!(info.issues, [issue, gate]);
    assert_eq!(
        info.scopes,
        [
            ScopeCoverage {
                scope: "rooms".to_owned(),
                complete: true,
                seen: 0
            },
            ScopeCoverage {
                scope: ACTIVE.to_owned(),
                complete: true,
                seen: 1
            },
        ]
    );
    assert_eq!(
        info.finished_at,
        Some(day(1) + jiff::SignedDuration::from_mins(5))
    );
    assert_eq!(store.runs().unwrap(), [info]);
}

#[test]
fn an_id_cannot_change_kind() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    run(&mut store, 1, &[bob()]);
    // Only one kind exists today: plant an asset of another kind under Alice's id.
    raw(&path)
        .execute(
            "INSERT INTO assets VALUES ('user:a1', 'device', 'a1', 'devices', 1, '2026-01-01T08:00:00Z', \
             1, '2026-01-01T08:00:00Z', NULL)",
            [],
        )
        .unwrap();
    let mut writer = store.begin_run(start(2)).unwrap();
    let err = writer.put(&alice()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "asset user:a1 is stored as a device but was put as a user; ids must not change kind"
    );
}
