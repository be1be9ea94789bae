//! Reading assets back: filters, paging, lookups, and the export line.

use inventory_model::Kind;
use inventory_store::{AssetQuery, Error, Store};

use crate::common::*;

fn five_users() -> Vec<inventory_model::Record> {
    ["e5", "c3", "a1", "d4", "b2"]
        .into_iter()
        .map(|id| user(id, &format!("{id}@example.com"), &id.to_uppercase()))
        .collect()
}

#[test]
fn assets_come_ordered_by_kind_then_id_and_page() {
    let mut store = Store::open_in_memory().unwrap();
    run(&mut store, 1, &five_users());
    let page = store
        .assets(&AssetQuery {
            kind: Some(Kind::User),
            limit: Some(2),
            offset: 1,
            ..AssetQuery::default()
        })
        .unwrap();
    assert_eq!(
        page.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["user:b2", "user:c3"]
    );
    assert_eq!(ids(&store, None).len(), 5);

    let mut streamed = Vec::new();
    store
        .for_each_asset(&AssetQuery::default(), |asset| {
            streamed.push(asset.id);
            Ok::<_, Error>(())
        })
        .unwrap();
    assert_eq!(
        streamed,
        ["user:a1", "user:b2", "user:c3", "user:d4", "user:e5"]
    );
}

#[test]
fn a_callback_error_stops_the_stream() {
    let mut store = Store::open_in_memory().unwrap();
    run(&mut store, 1, &five_users());
    #[derive(Debug)]
    enum ExportError {
        Full,
        Store,
    }
    impl From<Error> for ExportError {
        fn from(_: Error) -> Self {
            ExportError::Store
        }
    }
    let mut seen = 0;
    let result = store.for_each_asset(&AssetQuery::default(), |_| {
        seen += 1;
        if seen == 2 {
            Err(ExportError::Full)
        } else {
            Ok(())
        }
    });
    assert!(matches!(result, Err(ExportError::Full)));
    assert_eq!(seen, 2);
    // The store is still usable afterwards (the read snapshot was released).
    run(&mut store, 2, &five_users());
}

#[test]
fn show_finds_a_user_by_id_source_id_or_email() {
    let mut store = Store::open_in_memory().unwrap();
    let first = run(&mut store, 1, &[alice(), bob()]);
    for key in ["user:a1", "a1", "alice@example.com", "ALICE@Example.COM"] {
        let found = store.find_asset(Kind::User, key, None).unwrap();
        assert_eq!(
            found.map(|asset| asset.id).as_deref(),
            Some("user:a1"),
            "{key}"
        );
    }
    assert!(
        store
            .find_asset(Kind::User, "nobody@example.com", None)
            .unwrap()
            .is_none()
    );

    // Removed in the latest run: not found there, found as of the run that had it.
    run(&mut store, 2, &[alice()]);
    assert!(
        store
            .find_asset(Kind::User, "bob@example.com", None)
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .find_asset(Kind::User, "b2", Some(first.id))
            .unwrap()
            .is_some()
    );
}

#[test]
fn reading_an_unknown_run_or_a_run_without_data_is_an_error() {
    let mut store = Store::open_in_memory().unwrap();
    run(&mut store, 1, &[alice()]);
    drop(store.begin_run(start(2)).unwrap());

    let err = store.asset("user:a1", Some(99)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no run 99 in :memory:; list the runs to see which exist"
    );
    let err = store.asset("user:a1", Some(2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "run 2 in :memory: is interrupted and holds no assets; choose a complete or partial run"
    );
}

#[test]
fn an_empty_store_reads_as_empty() {
    let store = Store::open_in_memory().unwrap();
    assert!(store.runs().unwrap().is_empty());
    assert!(store.latest_run().unwrap().is_none());
    assert!(store.run(1).unwrap().is_none());
    assert!(assets(&store, None).is_empty());
    assert!(store.find_asset(Kind::User, "a1", None).unwrap().is_none());
}

#[test]
fn the_export_line_has_identity_times_fields_and_raw() {
    let mut store = Store::open_in_memory().unwrap();
    run(&mut store, 1, &[alice()]);
    run(&mut store, 2, &[alice()]);
    let asset = store.asset("user:a1", None).unwrap().unwrap();
    // Serializing the asset writes the line in the contract's key order.
    let line = serde_json::to_string_pretty(&asset).unwrap();
    insta::assert_snapshot!("export_line", line);
    let reparsed: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(reparsed, asset.to_export_json());
}
