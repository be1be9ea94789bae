//! `Store::diff`: what changed between two runs, derived from the versions.

use inventory_model::Kind;
use inventory_store::{ChangeKind, Error, Store};
use serde_json::json;

use crate::common::*;

#[test]
fn diff_lists_added_removed_and_changed_fields() {
    let mut store = Store::open_in_memory().unwrap();
    let first = run(&mut store, 1, &[alice(), bob()]);
    let carol = user("c3", "carol@example.com", "Carol");
    let second = run(&mut store, 2, &[renamed(&alice(), "Alice Liddell"), carol]);

    let changes = store.diff(first.id, second.id, None).unwrap();
    let summary: Vec<(ChangeKind, &str)> = changes
        .iter()
        .map(|change| (change.change, change.id.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (ChangeKind::Changed, "user:a1"),
            (ChangeKind::Removed, "user:b2"),
            (ChangeKind::Added, "user:c3"),
        ]
    );
    let changed = &changes[0];
    assert_eq!(changed.kind, Kind::User);
    assert_eq!(changed.fields.len(), 1, "{:?}", changed.fields);
    assert_eq!(changed.fields[0].field, "display_name");
    assert_eq!(changed.fields[0].old, json!("Alice"));
    assert_eq!(changed.fields[0].new, json!("Alice Liddell"));
    assert!(changes[1].fields.is_empty() && changes[2].fields.is_empty());

    // Backwards, the same changes mirrored.
    let back = store.diff(second.id, first.id, None).unwrap();
    let kinds: Vec<ChangeKind> = back.iter().map(|change| change.change).collect();
    assert_eq!(
        kinds,
        [ChangeKind::Changed, ChangeKind::Added, ChangeKind::Removed]
    );
    assert_eq!(back[0].fields[0].old, json!("Alice Liddell"));
}

#[test]
fn an_unchanged_rerun_has_no_difference() {
    let mut store = Store::open_in_memory().unwrap();
    let first = run(&mut store, 1, &[alice(), bob()]);
    let second = run(&mut store, 2, &[alice(), bob()]);
    assert!(store.diff(first.id, second.id, None).unwrap().is_empty());
    assert!(store.diff(second.id, second.id, None).unwrap().is_empty());
}

#[test]
fn diff_filters_by_kind_and_refuses_unknown_runs() {
    let mut store = Store::open_in_memory().unwrap();
    let first = run(&mut store, 1, &[alice()]);
    let second = run(&mut store, 2, &[alice(), bob()]);
    assert_eq!(
        store
            .diff(first.id, second.id, Some(Kind::User))
            .unwrap()
            .len(),
        1
    );
    assert!(
        store
            .diff(first.id, second.id, Some(Kind::Device))
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.diff(first.id, 99, None),
        Err(Error::NoSuchRun { id: 99, .. })
    ));
}
