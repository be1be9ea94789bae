use std::collections::BTreeSet;

use crate::support::{assert_code, export, export_users, stdout, zi};

#[test]
fn demo_stores_users_of_every_status_and_export_prints_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    let db_arg = db.to_str().expect("utf-8 path");

    let output = zi(&["demo", "--users", "120", "--db", db_arg], &[]);
    assert_code(&output, 0);
    let summary = stdout(&output);
    assert!(summary.contains("complete"), "{summary}");
    assert!(summary.contains("user"), "{summary}");

    let records = export_users(&db);
    assert_eq!(records.len(), 120, "one line per simulated user");
    let fields = inventory_model::Kind::User.field_names();
    for record in &records {
        assert_eq!(record["kind"], "user");
        for name in ["id", "source_id", "first_seen", "last_seen", "raw"]
            .iter()
            .chain(fields)
        {
            assert!(record.get(*name).is_some(), "{name} missing from {record}");
        }
        assert!(record["raw"].is_object(), "raw is Zoom's JSON");
        assert_eq!(record["raw"]["id"], record["source_id"]);
    }
    let statuses: BTreeSet<&str> = records
        .iter()
        .filter_map(|record| record["status"].as_str())
        .collect();
    assert_eq!(statuses, BTreeSet::from(["active", "inactive", "pending"]));

    // The other readers agree with the export.
    let list = zi(
        &[
            "list", "users", "--format", "ndjson", "--status", "pending", "--db", db_arg,
        ],
        &[],
    );
    assert_code(&list, 0);
    let pending = records.iter().filter(|r| r["status"] == "pending").count();
    assert_eq!(stdout(&list).lines().count(), pending);

    let email = records[0]["email"].as_str().expect("an email");
    let show = zi(&["show", "user", email, "--db", db_arg], &[]);
    assert_code(&show, 0);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&show)).expect("show prints JSON");
    assert_eq!(shown["id"], records[0]["id"]);

    let csv = zi(
        &[
            "export", "--format", "csv", "--kind", "user", "--db", db_arg,
        ],
        &[],
    );
    assert_code(&csv, 0);
    assert_eq!(
        stdout(&csv).lines().count(),
        121,
        "a header and one row per user"
    );
}

#[test]
fn demo_stores_devices_of_all_five_types_and_activities_as_the_simulator_served_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let output = zi(
        &["demo", "--users", "300", "--seed", "7", "--db", db_arg],
        &[],
    );
    assert_code(&output, 0);
    let summary = stdout(&output);
    for kind in ["users", "devices", "activities"] {
        assert!(
            summary.contains(kind),
            "the summary counts {kind}: {summary}"
        );
    }

    let records = export(&db);
    let devices: Vec<_> = records.iter().filter(|r| r["kind"] == "device").collect();
    let types: BTreeSet<&str> = devices
        .iter()
        .filter_map(|device| device["device_type"].as_str())
        .collect();
    assert_eq!(
        types,
        BTreeSet::from([
            "h323",
            "meeting_device",
            "zdm",
            "zoom_room",
            "zoom_room_device"
        ])
    );
    assert!(records.iter().any(|r| r["kind"] == "activity"));
    for record in &records {
        let kind: inventory_model::Kind = record["kind"]
            .as_str()
            .expect("kind")
            .parse()
            .expect("a kind");
        for name in kind.field_names() {
            assert!(record.get(*name).is_some(), "{name} missing from {record}");
        }
    }

    // The same seed, size and day give the same account: what the demo served.
    let account = zoom_sim::Account::generate(&zoom_sim::SimConfig {
        seed: 7,
        users: 300,
        ..zoom_sim::SimConfig::default()
    });
    for room in &account.rooms {
        for served in &room.devices {
            let stored = devices
                .iter()
                .find(|device| device["source_id"] == served.id.as_str())
                .unwrap_or_else(|| panic!("room device {} stored", served.id));
            let expected_macs = inventory_model::value::mac_addresses(
                served.mac_addresses.iter().map(String::as_str),
            );
            assert_eq!(stored["mac_addresses"], serde_json::json!(expected_macs));
            let hostname = served.hostname.trim_end_matches('.').to_lowercase();
            assert_eq!(
                stored["hostname"].as_str(),
                (!hostname.is_empty()).then_some(hostname.as_str())
            );
        }
    }
}
