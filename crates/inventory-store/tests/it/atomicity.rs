//! A run commits atomically: a dropped, failed or killed fetch leaves the previous data intact.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use inventory_model::Kind;
use inventory_store::{AssetQuery, Error, RunIssue, RunOutcome, RunStatus, Store};

use crate::common::*;

#[test]
fn an_abandoned_run_leaves_no_trace() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let first = run(&mut store, 1, &[alice(), bob()]);
    let before = assets(&store, None);
    let runs_before = store.runs().unwrap();

    let mut writer = store.begin_run(start(2)).unwrap();
    writer.put(&renamed(&alice(), "Changed")).unwrap();
    writer.abandon().unwrap();

    assert_eq!(store.runs().unwrap(), runs_before);
    assert_eq!(assets(&store, None), before);
    assert_eq!(store.latest_run().unwrap().unwrap().id, first.id);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.runs().unwrap(),
        runs_before,
        "nothing shows up on reopen either"
    );
}

#[test]
fn only_a_database_without_runs_is_discarded() {
    let (dir, path) = temp_db();
    let files = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };

    // Created, a run begun and abandoned: nothing in it, so it goes, with every side file.
    let mut store = Store::open(&path).unwrap();
    store.begin_run(start(1)).unwrap().abandon().unwrap();
    assert!(
        files().contains(&"inventory.db-lock".to_owned()),
        "{:?}",
        files()
    );
    assert!(store.discard_if_unused().unwrap());
    assert_eq!(files(), Vec::<String>::new());

    // A database with a run (even an interrupted one) stays as it is.
    let mut store = Store::open(&path).unwrap();
    drop(store.begin_run(start(1)).unwrap());
    assert!(!store.discard_if_unused().unwrap());
    let store = Store::open(&path).unwrap();
    assert_eq!(store.runs().unwrap()[0].status, RunStatus::Interrupted);
    let mut with_data = Store::open(&path).unwrap();
    run(&mut with_data, 2, &[alice()]);
    assert!(!with_data.discard_if_unused().unwrap());
    assert_eq!(assets(&store, None).len(), 1);
}

#[test]
fn a_database_deleted_before_the_run_starts_is_not_written_to_blind() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    // Another process deletes it (a failed first fetch cleaning up) while this one has it open.
    Store::open(&path).unwrap().discard_if_unused().unwrap();
    assert!(!path.exists());
    let error = store.begin_run(start(1)).unwrap_err();
    assert!(matches!(error, Error::Replaced { .. }), "{error:?}");
    assert!(error.to_string().contains("run the fetch again"), "{error}");

    // Replaced by another file at the same path: the same.
    let mut store = Store::open(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    run(&mut Store::open(&path).unwrap(), 1, &[alice()]);
    assert!(matches!(
        store.begin_run(start(2)).unwrap_err(),
        Error::Replaced { .. }
    ));
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.runs().unwrap().len(), 1);
}

#[test]
fn a_dropped_writer_changes_nothing_and_its_run_is_interrupted() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let first = run(&mut store, 1, &[alice(), bob()]);
    let before = assets(&store, None);
    let versions = count(&path, "SELECT count(*) FROM asset_versions");

    let mut writer = store.begin_run(start(2)).unwrap();
    let second = writer.run_id();
    writer.put(&renamed(&alice(), "Changed")).unwrap();
    writer
        .put(&user("c3", "carol@example.com", "Carol"))
        .unwrap();
    drop(writer);

    assert_eq!(assets(&store, None), before);
    assert_eq!(
        count(&path, "SELECT count(*) FROM asset_versions"),
        versions
    );
    assert_eq!(count(&path, "SELECT count(*) FROM assets"), 2);
    assert_eq!(
        store.run(second).unwrap().unwrap().status,
        RunStatus::Interrupted
    );
    drop(store);

    let store = Store::open(&path).unwrap();
    let interrupted = store.run(second).unwrap().unwrap();
    assert_eq!(interrupted.status, RunStatus::Interrupted);
    assert!(interrupted.counts.is_empty());
    assert_eq!(store.latest_run().unwrap().unwrap().id, first.id);
    assert_eq!(assets(&store, None), before);
}

#[test]
fn a_failed_run_records_why_and_changes_no_asset() {
    let mut store = Store::open_in_memory().unwrap();
    let first = run(&mut store, 1, &[alice(), bob()]);
    let before = assets(&store, None);

    let issue = RunIssue {
        source: "token".to_owned(),
        item: None,
        http_status: Some(401),
        zoom_code: Some(124),
        message: "invalid access token".to_owned(),
    };
    let mut writer = store.begin_run(start(2)).unwrap();
    writer.put(&renamed(&alice(), "Changed")).unwrap();
    writer.record_issue(&issue).unwrap();
    let failed = writer
        .finish(end(2, RunOutcome::Failed, &[ACTIVE]))
        .unwrap();

    assert_eq!(failed.status, RunStatus::Failed);
    assert_eq!(failed.reason.as_deref(), Some("Failed on day 2"));
    assert_eq!(failed.issues, [issue]);
    assert!(failed.counts.is_empty());
    assert!(failed.scopes.is_empty(), "a failed run covers no scope");
    assert_eq!(
        assets(&store, None),
        before,
        "bob was not removed, alice not changed"
    );
    assert_eq!(store.latest_run().unwrap().unwrap().id, first.id);
    let err = store
        .assets(&AssetQuery {
            run: Some(failed.id),
            ..AssetQuery::default()
        })
        .unwrap_err();
    assert!(
        matches!(err, Error::RunWithoutData { id, status: RunStatus::Failed, .. } if id == failed.id)
    );
}

/// Set in the child process of [`a_killed_fetch_leaves_the_previous_run_intact`].
const CHILD_DB: &str = "INVENTORY_STORE_TEST_CHILD_DB";
const READY: &str = "child-is-writing-kill-it-now";

/// Not a test on its own: the child process that [`a_killed_fetch_leaves_the_previous_run_intact`]
/// kills with SIGKILL in the middle of a run. Without the environment variable it does nothing.
#[test]
fn killed_child() {
    let Some(path) = std::env::var_os(CHILD_DB) else {
        return;
    };
    let mut store = Store::open(path.as_ref()).unwrap();
    let mut writer = store.begin_run(start(2)).unwrap();
    writer.put(&renamed(&alice(), "Half written")).unwrap();
    writer.set_cursor("acct", "activities", "moved").unwrap();
    writer
        .put_detail("acct", "user:a1", "new-hash", day(2), Some("{}"))
        .unwrap();
    writer.mark_meeting_read("acct", "m2", day(2)).unwrap();
    for i in 0..2_000_000 {
        writer
            .put(&user(&format!("k{i}"), &format!("k{i}@example.com"), "K"))
            .unwrap();
        if i == 2_000 {
            let mut stdout = std::io::stdout();
            writeln!(stdout, "{READY}").unwrap();
            stdout.flush().unwrap();
        }
    }
    // Never reached in the test: the parent kills this process long before.
    std::process::abort();
}

#[test]
fn a_killed_fetch_leaves_the_previous_run_intact() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut writer = store.begin_run(start(1)).unwrap();
    writer.put(&alice()).unwrap();
    writer.put(&bob()).unwrap();
    writer.set_cursor("acct", "activities", "first").unwrap();
    writer
        .put_detail("acct", "user:a1", "hash", day(1), None)
        .unwrap();
    let first = writer
        .finish(end(1, RunOutcome::Complete, &[ACTIVE]))
        .unwrap();
    let before = assets(&store, None);
    let cursors_before = store.cursors("acct").unwrap();
    drop(store);

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "atomicity::killed_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DB, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut ready = false;
    for line in stdout.lines() {
        if line.unwrap().contains(READY) {
            ready = true;
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no unlock but the kernel's
    let status = child.wait().unwrap();
    assert!(ready, "the child never started writing ({status})");
    assert!(!status.success());

    let mut store = Store::open(&path).unwrap();
    let runs = store.runs().unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(
        runs[0].status,
        RunStatus::Interrupted,
        "marked at open: no fetch holds the lock"
    );
    assert!(runs[0].reason.as_deref().unwrap().contains("killed"));
    assert_eq!(store.latest_run().unwrap().unwrap().id, first.id);
    assert_eq!(assets(&store, None), before);
    assert_eq!(
        store.cursors("acct").unwrap(),
        cursors_before,
        "the cursors stay where the last committed run put them"
    );
    assert_eq!(
        store.detail_marks("acct", "user:").unwrap()["user:a1"].list_hash,
        "hash"
    );
    assert!(
        store
            .meetings_read_since("acct", day(1))
            .unwrap()
            .is_empty()
    );
    let integrity: String = raw(&path)
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(count(&path, "SELECT count(*) FROM assets"), 2);

    // The lock died with the child: the next fetch runs normally.
    let third = run(&mut store, 3, &[alice()]);
    assert_eq!(third.counts[&Kind::User].removed, 1);
}
