//! `export --format ocsf` and `posture --format ocsf` over a demo account (web portal off):
//! every event validates against OCSF 1.8.0's JSON Schema of its class (`fixtures/ocsf/`, with
//! the `jsonschema` crate, draft 2020-12), every kind that maps is there, `--kind` and `--run`
//! select as they do for the native format, and the validator refuses a broken event.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use inventory_model::ocsf::Class;
use serde_json::Value;

use crate::support::{assert_code, export, stderr, stdout, zi};

/// A validator per class, from the schema files in `fixtures/ocsf/`.
fn validators() -> HashMap<Class, jsonschema::Validator> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/ocsf");
    Class::ALL
        .into_iter()
        .map(|class| {
            let path = dir.join(format!("{}.schema.json", class.name()));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
            assert_eq!(
                schema["$schema"],
                "https://json-schema.org/draft/2020-12/schema",
                "{}",
                class.name()
            );
            let validator = jsonschema::draft202012::new(&schema)
                .unwrap_or_else(|error| panic!("{}: {error}", class.name()));
            (class, validator)
        })
        .collect()
}

/// Every error of `event` against its class's schema.
fn errors(validators: &HashMap<Class, jsonschema::Validator>, event: &Value) -> Vec<String> {
    let Some(class) = Class::of_event(event) else {
        return vec![format!("no known class_uid in {event}")];
    };
    validators[&class]
        .iter_errors(event)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect()
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON event"))
        .collect()
}

fn demo(db: &Path, users: &str) {
    let db = db.to_str().expect("utf-8 path");
    assert_code(
        &zi(&["demo", "--no-portal", "--users", users, "--db", db], &[]),
        0,
    );
}

fn ocsf_export(db: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "export",
        "--format",
        "ocsf",
        "--db",
        db.to_str().expect("utf-8 path"),
    ];
    args.extend(extra);
    zi(&args, &[])
}

#[test]
fn a_demo_accounts_export_and_posture_are_valid_ocsf() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    demo(&db, "60");
    let validators = validators();

    let output = ocsf_export(&db, &[]);
    assert_code(&output, 0);
    let events = lines(&stdout(&output));
    let mut by_class: BTreeMap<&str, usize> = BTreeMap::new();
    for event in &events {
        let errors = errors(&validators, event);
        assert!(errors.is_empty(), "{event:#}\n{errors:#?}");
        let class = Class::of_event(event).expect("a known class");
        *by_class.entry(class.caption()).or_default() += 1;
        assert_eq!(event["metadata"]["product"]["name"], "zoom-inventory");
        assert_eq!(
            event["metadata"]["product"]["version"],
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(event["metadata"]["version"], "1.8.0");
    }
    // One event for every record of a kind that maps; the rest named on stderr.
    let native = export(&db);
    let count = |kinds: &[&str]| {
        native
            .iter()
            .filter(|record| kinds.contains(&record["kind"].as_str().expect("kind")))
            .count()
    };
    assert_eq!(events.len(), count(&["user", "device", "activity"]));
    assert_eq!(by_class["User Inventory Info"], count(&["user"]));
    assert_eq!(by_class["Device Inventory Info"], count(&["device"]));
    for class in ["Authentication", "Entity Management"] {
        assert!(by_class.get(class).is_some_and(|n| *n > 0), "{by_class:?}");
    }
    let left_out = count(&["account", "license", "role", "group", "app", "setting"]);
    assert!(left_out > 0);
    assert!(
        stderr(&output).contains(&format!("note: {left_out} account, license, role")),
        "{}",
        stderr(&output)
    );
    // Zoom's ids are the objects' uids; fields OCSF lacks are kept in `unmapped`.
    let user = native
        .iter()
        .find(|record| record["kind"] == "user")
        .expect("a user");
    let event = events
        .iter()
        .find(|event| event["user"]["uid"] == user["source_id"])
        .expect("the user's event");
    assert_eq!(event["user"]["email_addr"], user["email"]);
    assert_eq!(event["unmapped"]["status"], user["status"]);
    assert_eq!(event["unmapped"]["license_type"], user["license_type"]);
    let raw: Value = serde_json::from_str(event["raw_data"].as_str().expect("raw_data"))
        .expect("raw_data is Zoom's JSON");
    assert_eq!(raw, user["raw"]);

    // The validator is not a rubber stamp: an event without its class's required object, or
    // with a MAC address OCSF's pattern refuses, fails.
    let mut broken = event.clone();
    broken.as_object_mut().expect("an object").remove("user");
    assert!(!errors(&validators, &broken).is_empty());
    let device = events
        .iter()
        .find(|event| event["device"]["mac"].is_string())
        .expect("a device with a MAC address");
    let mut broken = device.clone();
    broken["device"]["mac"] = Value::from("not a mac");
    assert!(!errors(&validators, &broken).is_empty());

    let posture = |format: &str| {
        zi(
            &[
                "posture",
                "--format",
                format,
                "--db",
                db.to_str().expect("utf-8 path"),
            ],
            &[],
        )
    };
    let output = posture("ocsf");
    assert_code(&output, 0);
    let findings = lines(&stdout(&output));
    let json = posture("json");
    let judged: Vec<Value> = serde_json::from_str(&stdout(&json)).expect("json");
    assert_eq!(findings.len(), judged.len());
    for (event, finding) in findings.iter().zip(&judged) {
        let errors = errors(&validators, event);
        assert!(errors.is_empty(), "{event:#}\n{errors:#?}");
        assert_eq!(event["class_uid"], 2003);
        assert_eq!(event["compliance"]["control"], finding["control"]);
        let status = match finding["status"].as_str() {
            Some("pass") => "Pass",
            Some("fail") => "Fail",
            _ => "Unknown",
        };
        assert_eq!(event["compliance"]["status"], status);
        assert_eq!(
            event["evidences"].as_array().map_or(0, Vec::len),
            finding["evidence"].as_array().map_or(0, Vec::len)
        );
    }
}

#[test]
fn kind_and_run_select_as_for_the_native_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    demo(&db, "12");
    demo(&db, "14");

    let users = |extra: &[&str]| {
        let mut args = vec!["--kind", "user"];
        args.extend(extra);
        let output = ocsf_export(&db, &args);
        assert_code(&output, 0);
        assert!(stderr(&output).is_empty(), "{}", stderr(&output));
        let events = lines(&stdout(&output));
        assert!(events.iter().all(|event| event["class_uid"] == 5003));
        events.len()
    };
    // Run 1 read a 12-user account, run 2 the same seed with 14 users.
    assert_eq!(users(&["--run", "1"]), 12);
    assert_eq!(users(&[]), 14);

    let output = ocsf_export(&db, &["--kind", "license"]);
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("license records have no OCSF class"),
        "{}",
        stderr(&output)
    );
}
