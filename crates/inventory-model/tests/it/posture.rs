//! Each posture control on its own: on facts where every control passes, changing the one fact
//! a control judges makes that control fail, and only it.

use inventory_model::posture::{self, Facts, Finding, Status, parse_controls};
use jiff::Timestamp;
use serde_json::{Value, json};

fn as_of() -> Timestamp {
    "2026-06-01T00:00:00Z".parse().unwrap()
}

/// The account, its licenses, its apps (by ID) and its users.
type Inventory = (Value, Vec<Value>, Vec<(String, Value)>, Vec<Value>);

/// An account that passes every control.
fn good() -> Inventory {
    let account = json!({
        "two_factor_enforcement": "all",
        "sso_enabled": true,
        "sso_required": true,
        "password_min_length": 14,
        "password_requires_special_character": true,
        "password_weak_detection": true,
        "meeting_passcode_required": true,
        "waiting_room": true,
        "cloud_recording": true,
        "recording_auto_delete": true,
    });
    let licenses =
        vec![json!({"product": "meetings", "purchased": 100, "assigned": 95, "unassigned": 5})];
    let apps = vec![
        (
            "a1".to_owned(),
            json!({"name": "Polls", "developer_type": "THIRD_PARTY", "requested_scopes": ["meeting:read"], "scope_titles": [], "installed_by": "admin@x.test"}),
        ),
        (
            "a2".to_owned(),
            json!({"name": "HR Sync", "developer_type": "INTERNAL", "requested_scopes": ["user:write:admin"], "scope_titles": []}),
        ),
    ];
    let users = vec![
        json!({"email": "admin@x.test", "license_type": "basic", "status": "active", "role": "Admin", "is_admin": true, "last_login_at": "2026-05-30T10:00:00Z", "login_types": ["sso"]}),
        json!({"email": "a@x.test", "license_type": "licensed", "status": "active", "last_login_at": "2026-05-20T10:00:00Z"}),
        json!({"email": "b@x.test", "license_type": "basic", "status": "active", "last_login_at": null}),
        json!({"email": "c@x.test", "license_type": "licensed", "status": "inactive", "last_login_at": "2024-01-01T00:00:00Z"}),
    ];
    (account, licenses, apps, users)
}

/// The users of the run before: the good account's.
fn previous_users() -> Vec<Value> {
    good().3
}

fn statuses(
    account: &Value,
    licenses: &[Value],
    apps: &[(String, Value)],
    users: &[Value],
) -> Vec<(String, Status)> {
    findings(account, licenses, apps, users)
        .into_iter()
        .map(|f| (f.control, f.status))
        .collect()
}

/// Every control judged on these facts, the run before having the good account's users.
fn findings(
    account: &Value,
    licenses: &[Value],
    apps: &[(String, Value)],
    users: &[Value],
) -> Vec<Finding> {
    let before = previous_users();
    let previous = Facts {
        users: before.iter().collect(),
        ..Facts::default()
    };
    let facts = Facts {
        account: Some(account),
        licenses: licenses.iter().collect(),
        apps: apps.iter().map(|(id, app)| (id.as_str(), app)).collect(),
        users: users.iter().collect(),
        as_of: Some(as_of()),
        previous: Some(&previous),
        ..Facts::default()
    };
    posture::evaluate(&posture::controls(), &facts)
}

#[test]
fn the_shipped_controls_parse_and_cover_the_documented_set() {
    let ids: Vec<String> = posture::controls().into_iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            "ZI-AUTH-001",
            "ZI-AUTH-002",
            "ZI-AUTH-003",
            "ZI-MTG-001",
            "ZI-MTG-002",
            "ZI-REC-001",
            "ZI-LIC-001",
            "ZI-LIC-002",
            "ZI-APP-001",
            "ZI-IAM-001",
            "ZI-IAM-002",
            "ZI-IAM-003",
            "ZI-APP-002",
        ]
    );
}

#[test]
fn every_control_passes_on_the_good_account() {
    let (account, licenses, apps, users) = good();
    for (control, status) in statuses(&account, &licenses, &apps, &users) {
        assert_eq!(status, Status::Pass, "{control}");
    }
}

/// Applies `change` to the good facts and expects exactly `control` to fail.
fn fails_alone(
    control: &str,
    change: impl FnOnce(&mut Value, &mut Vec<Value>, &mut Vec<(String, Value)>, &mut Vec<Value>),
) {
    let (mut account, mut licenses, mut apps, mut users) = good();
    change(&mut account, &mut licenses, &mut apps, &mut users);
    for (id, status) in statuses(&account, &licenses, &apps, &users) {
        let expected = if id == control {
            Status::Fail
        } else {
            Status::Pass
        };
        assert_eq!(status, expected, "{id} when testing {control}");
    }
}

#[test]
fn two_factor_not_enforced_fails() {
    fails_alone("ZI-AUTH-001", |a, _, _, _| {
        a["two_factor_enforcement"] = json!("none");
    });
    fails_alone("ZI-AUTH-001", |a, _, _, _| {
        a["two_factor_enforcement"] = json!("group");
    });
}

#[test]
fn two_factor_for_admin_roles_passes() {
    let (mut account, licenses, apps, users) = good();
    account["two_factor_enforcement"] = json!("role");
    let statuses = statuses(&account, &licenses, &apps, &users);
    assert!(statuses.iter().all(|(_, s)| *s == Status::Pass));
}

#[test]
fn sso_not_required_fails() {
    fails_alone("ZI-AUTH-002", |a, _, _, _| {
        a["sso_required"] = json!(false);
    });
    fails_alone("ZI-AUTH-002", |a, _, _, _| {
        a["sso_enabled"] = json!(false);
    });
}

#[test]
fn weak_password_policy_fails() {
    fails_alone("ZI-AUTH-003", |a, _, _, _| {
        a["password_min_length"] = json!(8);
    });
    fails_alone("ZI-AUTH-003", |a, _, _, _| {
        a["password_requires_special_character"] = json!(false);
    });
    fails_alone("ZI-AUTH-003", |a, _, _, _| {
        a["password_weak_detection"] = json!(false);
    });
}

#[test]
fn meetings_without_passcode_fail() {
    fails_alone("ZI-MTG-001", |a, _, _, _| {
        a["meeting_passcode_required"] = json!(false);
    });
}

#[test]
fn no_waiting_room_fails() {
    fails_alone("ZI-MTG-002", |a, _, _, _| {
        a["waiting_room"] = json!(false);
    });
}

#[test]
fn recordings_kept_forever_fail_unless_cloud_recording_is_off() {
    fails_alone("ZI-REC-001", |a, _, _, _| {
        a["recording_auto_delete"] = json!(false);
    });
    let (mut account, licenses, apps, users) = good();
    account["recording_auto_delete"] = json!(false);
    account["cloud_recording"] = json!(false);
    let statuses = statuses(&account, &licenses, &apps, &users);
    assert!(statuses.iter().all(|(_, s)| *s == Status::Pass));
}

#[test]
fn unused_licenses_fail() {
    fails_alone("ZI-LIC-001", |_, l, _, _| {
        l[0] = json!({"product": "meetings", "purchased": 100, "assigned": 80, "unassigned": 20});
    });
}

#[test]
fn inactive_licensed_users_fail() {
    fails_alone("ZI-LIC-002", |_, _, _, u| {
        u[1]["last_login_at"] = json!("2026-01-01T00:00:00Z");
    });
    fails_alone("ZI-LIC-002", |_, _, _, u| {
        u[1]["last_login_at"] = Value::Null;
    });
}

#[test]
fn third_party_apps_with_admin_scopes_fail() {
    fails_alone("ZI-APP-001", |_, _, apps, _| {
        apps[0].1["requested_scopes"] = json!(["meeting:read", "recording:write:admin"]);
    });
    // Known only by the API's titles (no portal): the title says "all users'".
    fails_alone("ZI-APP-001", |_, _, apps, _| {
        apps[0].1["requested_scopes"] = json!([]);
        apps[0].1["scope_titles"] = json!(["View all users' recording information"]);
    });
}

#[test]
fn missing_facts_are_unknown() {
    let (mut account, licenses, apps, users) = good();
    account.as_object_mut().unwrap().remove("waiting_room");
    let statuses = statuses(&account, &licenses, &apps, &users);
    let waiting = statuses.iter().find(|(id, _)| id == "ZI-MTG-002").unwrap();
    assert_eq!(waiting.1, Status::Unknown);
}

#[test]
fn controls_files_are_checked() {
    assert!(parse_controls("[[control]]\nid = \"X\"\n").is_err());
    let twice = r#"
[[control]]
id = "X"
title = "t"
severity = "low"
remediation = "r"
check = { check = "field_equals", field = "waiting_room", value = true }
[[control]]
id = "X"
title = "t"
severity = "low"
remediation = "r"
check = { check = "field_equals", field = "waiting_room", value = true }
"#;
    let error = parse_controls(twice).unwrap_err().to_string();
    assert!(error.contains("X appears twice"), "{error}");
    let unknown = r#"
[[control]]
id = "Y"
title = "t"
severity = "low"
remediation = "r"
check = { check = "field_matches", field = "waiting_room" }
"#;
    assert!(parse_controls(unknown).is_err());
}

/// The evidence of `control` with `change` applied to the good facts.
fn evidence_of(
    control: &str,
    change: impl FnOnce(&mut Value, &mut Vec<Value>, &mut Vec<(String, Value)>, &mut Vec<Value>),
) -> Vec<String> {
    let (mut account, mut licenses, mut apps, mut users) = good();
    change(&mut account, &mut licenses, &mut apps, &mut users);
    findings(&account, &licenses, &apps, &users)
        .into_iter()
        .find(|f| f.control == control)
        .expect("the control")
        .evidence
}

#[test]
fn admins_who_can_sign_in_without_sso_fail_naming_them() {
    let change =
        |_: &mut Value, _: &mut Vec<Value>, _: &mut Vec<(String, Value)>, u: &mut Vec<Value>| {
            u[0]["login_types"] = json!(["sso", "work_email"]);
        };
    fails_alone("ZI-IAM-001", change);
    let evidence = evidence_of("ZI-IAM-001", change);
    assert!(
        evidence
            .iter()
            .any(|e| e.contains("admin@x.test (work_email)")),
        "{evidence:?}"
    );
    // Without SSO required, there is no bypass to speak of.
    let (mut account, licenses, apps, mut users) = good();
    account["sso_required"] = json!(false);
    users[0]["login_types"] = json!(["work_email"]);
    let statuses = statuses(&account, &licenses, &apps, &users);
    let iam = statuses.iter().find(|(id, _)| id == "ZI-IAM-001").unwrap();
    assert_eq!(iam.1, Status::Pass);
}

#[test]
fn dormant_admins_fail_naming_them() {
    let change =
        |_: &mut Value, _: &mut Vec<Value>, _: &mut Vec<(String, Value)>, u: &mut Vec<Value>| {
            u[0]["last_login_at"] = json!("2026-01-01T00:00:00Z");
        };
    fails_alone("ZI-IAM-002", change);
    assert!(
        evidence_of("ZI-IAM-002", change)
            .iter()
            .any(|e| e.contains("admin@x.test"))
    );
}

#[test]
fn a_user_who_became_admin_since_the_run_before_fails_naming_them() {
    let change =
        |_: &mut Value, _: &mut Vec<Value>, _: &mut Vec<(String, Value)>, u: &mut Vec<Value>| {
            u[1]["role"] = json!("Admin");
            u[1]["is_admin"] = json!(true);
            u[1]["login_types"] = json!(["sso"]);
        };
    fails_alone("ZI-IAM-003", change);
    let evidence = evidence_of("ZI-IAM-003", change);
    assert!(
        evidence.iter().any(|e| e.contains("a@x.test (Admin)")),
        "{evidence:?}"
    );
    // No run before: unknown, never passed.
    let (account, _, _, users) = good();
    let facts = Facts {
        account: Some(&account),
        users: users.iter().collect(),
        as_of: Some(as_of()),
        ..Facts::default()
    };
    let finding = posture::evaluate(&posture::controls(), &facts)
        .into_iter()
        .find(|f| f.control == "ZI-IAM-003")
        .unwrap();
    assert_eq!(finding.status, Status::Unknown);
}

#[test]
fn third_party_apps_installed_by_non_admins_fail_naming_them() {
    let change =
        |_: &mut Value, _: &mut Vec<Value>, apps: &mut Vec<(String, Value)>, _: &mut Vec<Value>| {
            apps[0].1["installed_by"] = json!("b@x.test");
        };
    fails_alone("ZI-APP-002", change);
    let evidence = evidence_of("ZI-APP-002", change);
    assert!(
        evidence
            .iter()
            .any(|e| e.contains("Polls (a1) by b@x.test")),
        "{evidence:?}"
    );
}
