use std::collections::BTreeSet;

use crate::support::{assert_code, export, stdout, zi};

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

    let records = export(&db);
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

    let csv = zi(&["export", "--format", "csv", "--db", db_arg], &[]);
    assert_code(&csv, 0);
    assert_eq!(
        stdout(&csv).lines().count(),
        121,
        "a header and one row per user"
    );
}
