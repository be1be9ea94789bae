//! Two fetches never interleave; readers never block on a fetch and see the last commit.

use inventory_store::{Error, RunStatus, Store};

use crate::common::*;

#[test]
fn a_second_fetch_fails_at_once_with_busy() {
    let (_dir, path) = temp_db();
    let mut first = Store::open(&path).unwrap();
    let mut second = Store::open(&path).unwrap();

    let writer = first.begin_run(start(1)).unwrap();
    let running = writer.run_id();
    let started = std::time::Instant::now();
    let err = second.begin_run(start(1)).unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(matches!(&err, Error::Busy { path: busy } if *busy == path));
    assert_eq!(
        err.to_string(),
        format!(
            "another fetch is writing to {}; wait for it to finish",
            path.display()
        )
    );
    // The refused fetch left no run behind, and opening the database meanwhile did not take
    // the live run for a dead one.
    let third = Store::open(&path).unwrap();
    let runs = third.runs().unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!((runs[0].id, runs[0].status), (running, RunStatus::Running));

    writer
        .finish(end(1, inventory_store::RunOutcome::Complete, &[ACTIVE]))
        .unwrap();
    let next = run(&mut second, 2, &[alice()]);
    assert_eq!(next.status, RunStatus::Complete);
    assert_eq!(second.runs().unwrap().len(), 2);
}

#[test]
fn readers_see_the_last_commit_while_a_fetch_writes() {
    let (_dir, path) = temp_db();
    let mut writer_store = Store::open(&path).unwrap();
    let first = run(&mut writer_store, 1, &[alice(), bob()]);
    let before = assets(&writer_store, None);

    let mut writer = writer_store.begin_run(start(2)).unwrap();
    writer.put(&renamed(&alice(), "Changed")).unwrap();
    writer
        .put(&user("c3", "carol@example.com", "Carol"))
        .unwrap();

    // A reader opened while the fetch holds the write lock: no waiting, last commit only.
    let started = std::time::Instant::now();
    let reader = Store::open(&path).unwrap();
    assert_eq!(assets(&reader, None), before);
    assert_eq!(reader.latest_run().unwrap().unwrap().id, first.id);
    assert_eq!(
        reader.run(writer.run_id()).unwrap().unwrap().status,
        RunStatus::Running
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(2));

    let second = writer
        .finish(end(2, inventory_store::RunOutcome::Complete, &[ACTIVE]))
        .unwrap();
    assert_eq!(reader.latest_run().unwrap().unwrap().id, second.id);
    assert_eq!(
        ids(&reader, None),
        ["user:a1", "user:c3"],
        "bob was removed, carol added"
    );
}

/// The fetch lock is an OS lock on `<database>-lock`: a brief holder (such as `Store::open`
/// cleaning up after a crashed fetch) is waited for, a lasting one makes the fetch busy.
#[test]
fn a_fetch_waits_briefly_for_the_fetch_lock() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut lock_path = path.as_os_str().to_owned();
    lock_path.push("-lock");
    let holder = std::fs::File::create(&lock_path).unwrap();

    holder.lock().unwrap();
    let started = std::time::Instant::now();
    assert!(matches!(store.begin_run(start(1)), Err(Error::Busy { .. })));
    assert!(started.elapsed() < std::time::Duration::from_secs(1));

    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        drop(holder);
    });
    let info = run(&mut store, 1, &[alice()]);
    assert_eq!(info.status, RunStatus::Complete);
    release.join().unwrap();
}

#[test]
fn stores_writers_and_errors_cross_threads() {
    fn send<T: Send>() {}
    fn send_sync<T: Send + Sync + 'static>() {}
    send::<Store>();
    send::<inventory_store::RunWriter<'static>>();
    send_sync::<Error>();
}
