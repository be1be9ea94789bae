//! The OCSF mapping of stored records and posture findings, pinned by one snapshot: a user that
//! is a service account, a phone and a Zoom Room, a sign-in whose address is not an IP address,
//! operations OCSF has and has not an activity for, and findings with and without a CIS number.
//! (The CLI's tests validate a whole simulated account's events against OCSF's schemas.)

use inventory_model::Kind;
use inventory_model::ocsf::{self, Class, Judged, Product, StoredRecord};
use inventory_model::posture::{Finding, Severity, Status};
use jiff::Timestamp;
use serde_json::{Value, json};

const PRODUCT: Product<'static> = Product {
    name: "zoom-inventory",
    version: "9.9.9",
};

fn at(text: &str) -> Timestamp {
    text.parse().expect("a timestamp")
}

fn event(kind: Kind, source_id: &str, fields: &Value, raw: &Value) -> Value {
    let record = StoredRecord {
        kind,
        id: &format!("{kind}:{source_id}"),
        source_id,
        first_seen: at("2026-01-02T09:00:00Z"),
        last_seen: at("2026-01-05T09:00:00Z"),
        fields,
        raw,
    };
    ocsf::event(&record, PRODUCT).expect("the kind maps")
}

#[test]
fn records_and_findings_as_ocsf_events() {
    let mut events = vec![
        event(
            Kind::User,
            "u1",
            &json!({
                "email": "svc@example.com", "display_name": "Sync", "first_name": "Sync",
                "last_name": null, "status": "active", "license_type": "basic", "role": "Admin",
                "is_admin": true, "department": "", "job_title": null, "groups": ["IT"],
                "created_at": "2024-05-23T18:16:44Z", "last_login_at": null,
                "last_client_version": null, "login_types": ["api_user"],
                "is_service_account": true,
            }),
            &json!({ "id": "u1", "email": "svc@example.com" }),
        ),
        event(
            Kind::Device,
            "c4:9a:3e:98:bc:51",
            &json!({
                "device_type": "meeting_device", "name": "phone", "hostname": "phone",
                "mac_addresses": ["c4:9a:3e:98:bc:51", "c4:9a:3e:98:bc:52"],
                "ip_addresses": ["10.0.0.1"], "os": { "type": "ios", "version": "17.2" },
                "manufacturer": null, "model": null, "serial_number": null,
                "app_version": "6.1.0", "status": null, "room_id": null,
                "owner_email": "a@example.com", "last_seen_at": "2026-01-04T10:00:00Z",
            }),
            &json!({ "mac_addr": "C4:9A:3E:98:BC:51" }),
        ),
        event(
            Kind::Device,
            "r1",
            &json!({
                "device_type": "zoom_room", "name": "Granite", "hostname": null,
                "mac_addresses": [], "ip_addresses": [], "os": null,
                "manufacturer": "Logitech", "model": "Rally", "serial_number": "SN1",
                "app_version": null, "status": "available", "room_id": "r1",
                "owner_email": null, "last_seen_at": null,
            }),
            &json!({ "id": "r1" }),
        ),
        event(
            Kind::Activity,
            "a1",
            &json!({
                "activity_type": "sign_in", "time": "2026-01-04T08:00:00Z",
                "actor_email": "a@example.com", "action": "Sign in", "category": "sign_in_out",
                "detail": null, "ip_address": "somewhere", "client": "Browser 6.2.5",
            }),
            &json!({ "type": "Sign in" }),
        ),
        event(
            Kind::Activity,
            "a2",
            &json!({
                "activity_type": "operation", "time": "2026-01-04T08:30:00Z",
                "actor_email": "admin@example.com", "action": "deactivate", "category": "user",
                "detail": "deactivate user - b@example.com", "ip_address": null, "client": null,
            }),
            &json!({ "action": "deactivate" }),
        ),
        event(
            Kind::Activity,
            "a3",
            &json!({
                "activity_type": "operation", "time": null,
                "actor_email": "admin@example.com", "action": "update", "category": "account",
                "detail": "update account settings - Security: Waiting Room", "ip_address": null,
                "client": null,
            }),
            &json!({ "action": "update" }),
        ),
    ];
    let finding = |control: &str, status, cis: Option<&str>, evidence: &[&str]| Finding {
        control: control.to_owned(),
        title: format!("{control} holds"),
        severity: Severity::High,
        cis: cis.map(str::to_owned),
        level: cis.map(|_| 1),
        section: "Security".to_owned(),
        status,
        evidence: evidence.iter().map(|fact| (*fact).to_owned()).collect(),
        remediation: "Turn it on.".to_owned(),
    };
    let judged = Judged {
        account_id: Some("acct-1"),
        name: Some("Adatum"),
    };
    for finding in [
        finding(
            "ZI-AUTH-001",
            Status::Fail,
            Some("1.1.1"),
            &["two_factor_enforcement = \"none\""],
        ),
        finding("ZI-MTG-001", Status::Pass, None, &[]),
    ] {
        events.push(ocsf::compliance_finding(
            &finding,
            judged,
            at("2026-01-05T09:00:02.5Z"),
            PRODUCT,
        ));
    }
    let classes: Vec<Option<Class>> = events.iter().map(Class::of_event).collect();
    assert_eq!(
        classes,
        [
            Class::UserInventoryInfo,
            Class::DeviceInventoryInfo,
            Class::DeviceInventoryInfo,
            Class::Authentication,
            Class::EntityManagement,
            Class::EntityManagement,
            Class::ComplianceFinding,
            Class::ComplianceFinding,
        ]
        .map(Some)
    );
    insta::assert_json_snapshot!(events);
}

#[test]
fn the_saas_kinds_stay_native() {
    for kind in [
        Kind::Account,
        Kind::License,
        Kind::Role,
        Kind::Group,
        Kind::App,
    ] {
        assert!(ocsf::classes(kind).is_empty(), "{kind}");
        let record = StoredRecord {
            kind,
            id: "x:1",
            source_id: "1",
            first_seen: at("2026-01-02T09:00:00Z"),
            last_seen: at("2026-01-02T09:00:00Z"),
            fields: &json!({}),
            raw: &json!({}),
        };
        assert_eq!(ocsf::event(&record, PRODUCT), None);
    }
}
