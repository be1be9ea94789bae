//! What incremental runs keep (cursors, detail marks, meetings read, the request ledger) moves
//! only with a committed run.

use std::collections::BTreeMap;

use inventory_store::{RequestTally, RunOutcome, Store};

use crate::common::*;

fn tally(pairs: &[(&str, u64)]) -> RequestTally {
    RequestTally {
        by_category: pairs
            .iter()
            .map(|(category, requests)| ((*category).to_owned(), *requests))
            .collect(),
    }
}

#[test]
fn cursors_and_details_move_with_a_committed_run_only() {
    let mut store = Store::open_in_memory().unwrap();
    let mut writer = store.begin_run(start(1)).unwrap();
    writer.put(&alice()).unwrap();
    writer.set_cursor("acct", "meetings", "2026-01-01").unwrap();
    writer
        .put_detail("acct", "user:a1", "h1", day(1), Some(r#"{"id":"a1"}"#))
        .unwrap();
    writer
        .put_detail("acct", "room:r1", "h2", day(1), None)
        .unwrap();
    writer.mark_meeting_read("acct", "m1", day(1)).unwrap();
    writer
        .record_requests("acct", tally(&[("Light", 3), ("Heavy", 2)]))
        .unwrap();
    let first = writer
        .finish(end(1, RunOutcome::Complete, &[ACTIVE]))
        .unwrap();

    let cursors = store.cursors("acct").unwrap();
    assert_eq!(cursors["meetings"].position, "2026-01-01");
    assert_eq!(cursors["meetings"].run_id, first.id);
    assert!(store.cursors("other").unwrap().is_empty());
    let users = store.detail_marks("acct", "user:").unwrap();
    assert_eq!(users.len(), 1, "only the items with the prefix");
    assert_eq!(users["user:a1"].list_hash, "h1");
    assert_eq!(users["user:a1"].read_at, day(1));
    let details = store
        .details("acct", &["user:a1", "room:r1", "user:zz"])
        .unwrap();
    assert_eq!(details["user:a1"].as_deref(), Some(r#"{"id":"a1"}"#));
    assert_eq!(details["room:r1"], None, "read, without a detail");
    assert!(!details.contains_key("user:zz"), "never read");
    assert!(
        store
            .meetings_read_since("acct", day(1))
            .unwrap()
            .contains("m1")
    );
    assert!(
        store
            .meetings_read_since("acct", day(2))
            .unwrap()
            .is_empty()
    );

    // A dropped run (an error, Ctrl-C) moves nothing.
    let mut writer = store.begin_run(start(2)).unwrap();
    writer.set_cursor("acct", "meetings", "2026-01-02").unwrap();
    writer
        .put_detail("acct", "user:a1", "changed", day(2), None)
        .unwrap();
    writer.mark_meeting_read("acct", "m2", day(2)).unwrap();
    drop(writer);
    assert_eq!(store.cursors("acct").unwrap(), cursors);
    assert_eq!(store.detail_marks("acct", "user:").unwrap(), users);
    assert!(
        store
            .meetings_read_since("acct", day(2))
            .unwrap()
            .is_empty()
    );

    // A failed run moves nothing either, but its requests count in the ledger.
    let mut writer = store.begin_run(start(1)).unwrap();
    writer.set_cursor("acct", "meetings", "failed").unwrap();
    writer
        .record_requests("acct", tally(&[("Heavy", 5)]))
        .unwrap();
    writer.finish(end(1, RunOutcome::Failed, &[])).unwrap();
    assert_eq!(store.cursors("acct").unwrap(), cursors);
    let today = store
        .requests_between("acct", day(1) - jiff::SignedDuration::from_hours(8), day(2))
        .unwrap();
    assert_eq!(
        today.by_category,
        BTreeMap::from([("Heavy".to_owned(), 7), ("Light".to_owned(), 3)])
    );
    assert!(
        store
            .requests_between("acct", day(2), day(3))
            .unwrap()
            .by_category
            .is_empty()
    );
}

#[test]
fn old_meetings_are_forgotten_and_marks_are_replaced() {
    let mut store = Store::open_in_memory().unwrap();
    let mut writer = store.begin_run(start(1)).unwrap();
    writer.mark_meeting_read("acct", "old", day(1)).unwrap();
    writer.mark_meeting_read("acct", "new", day(3)).unwrap();
    writer
        .put_detail("acct", "user:a1", "h1", day(1), None)
        .unwrap();
    writer.finish(end(1, RunOutcome::Complete, &[])).unwrap();

    let mut writer = store.begin_run(start(4)).unwrap();
    writer.forget_meetings_before("acct", day(2)).unwrap();
    writer
        .put_detail("acct", "user:a1", "h2", day(4), Some("{}"))
        .unwrap();
    writer.finish(end(4, RunOutcome::Complete, &[])).unwrap();
    let read = store.meetings_read_since("acct", day(0)).unwrap();
    assert_eq!(read.into_iter().collect::<Vec<_>>(), ["new"]);
    let marks = store.detail_marks("acct", "user:").unwrap();
    assert_eq!(marks["user:a1"].list_hash, "h2");
    assert_eq!(marks["user:a1"].read_at, day(4));
}

#[test]
fn removed_assets_lose_their_details_and_scopes_stream_their_present_assets() {
    let mut store = Store::open_in_memory().unwrap();
    let mut writer = store.begin_run(start(1)).unwrap();
    writer.put(&alice()).unwrap();
    writer.put(&bob()).unwrap();
    for item in ["user:a1", "user:b2", "user:b2#devices", "user:b20"] {
        writer.put_detail("acct", item, "h", day(1), None).unwrap();
    }
    writer
        .finish(end(1, RunOutcome::Complete, &[ACTIVE]))
        .unwrap();
    let mut present = Vec::new();
    store
        .for_each_present_in_scope(ACTIVE, |source_id, fields, raw| {
            present.push((
                source_id.to_owned(),
                fields["email"].clone(),
                raw["id"].clone(),
            ));
        })
        .unwrap();
    assert_eq!(
        present,
        [
            ("a1".to_owned(), "alice@example.com".into(), "a1".into()),
            ("b2".to_owned(), "bob@example.com".into(), "b2".into()),
        ]
    );

    run(&mut store, 2, &[alice()]);
    let mut marks: Vec<String> = store
        .detail_marks("acct", "user:")
        .unwrap()
        .into_keys()
        .collect();
    marks.sort();
    assert_eq!(
        marks,
        ["user:a1", "user:b20"],
        "bob is removed, b20 is another item"
    );
    let mut present = Vec::new();
    store
        .for_each_present_in_scope(ACTIVE, |source_id, _, _| present.push(source_id.to_owned()))
        .unwrap();
    assert_eq!(present, ["a1"]);
}
