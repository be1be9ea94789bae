//! `GET /h323/devices` (validated against `zoom-meeting-api-2023-07.json`) and `GET /devices`
//! (Zoom Device Management).
//!
//! ZDM has **no spec file** (NOTES.md §4.7: Zoom's current Meetings OpenAPI document was not
//! obtained), so its responses are checked against a hand-written JSON schema built from the
//! field list NOTES.md §4.7 copies from Zoom's official Node SDK typings
//! (`DevicesListDevicesResponse`), strict like the spec helper: no other field is allowed.

use std::collections::HashSet;

use serde_json::{Value, json};
use zoom_sim::{Plan, SimConfig};

use crate::common::{Reply, config, start};
use crate::schema::{assert_conforms, schema_errors};

const MEETINGS23: &str = "zoom-meeting-api-2023-07.json";

/// NOTES.md §4.7, "Response (RIVET `DevicesListDevicesResponse`)", as a strict JSON schema.
fn zdm_list_schema() -> Value {
    let s = json!({ "type": "string" });
    let b = json!({ "type": "boolean" });
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["next_page_token", "page_size", "devices"],
        "properties": {
            "next_page_token": s,
            "page_size": { "type": "integer" },
            "devices": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["device_id", "device_name", "device_type", "device_status"],
                    "properties": {
                        "device_id": s, "device_name": s, "mac_address": s, "serial_number": s,
                        "vendor": s, "model": s, "platform_os": s, "app_version": s, "tag": s,
                        "enrolled_in_zdm": b, "connected_to_zdm": b,
                        "room_id": s, "room_name": s,
                        "device_type": { "type": "integer", "enum": [0, 1, 2, 3, 4, 5, 6] },
                        "skd_version": s,
                        "device_status": { "type": "integer", "enum": [-1, 0, 1] },
                        "last_online": s,
                        "user_email": s
                    }
                }
            }
        }
    })
}

#[track_caller]
fn assert_zdm(reply: &Reply) {
    assert_eq!(reply.status, 200, "{}", reply.json);
    let errors = schema_errors("zdm-notes-4.7", &zdm_list_schema(), &reply.json);
    assert!(errors.is_empty(), "{errors:?}\n{}", reply.json);
}

fn devices(pages: &[Reply]) -> Vec<Value> {
    pages
        .iter()
        .flat_map(|p| p.json["devices"].as_array().unwrap().clone())
        .collect()
}

#[tokio::test]
async fn h323_devices_every_page_conforms() {
    let h = start(config(900)).await;
    let account = h.sim.account();
    assert_eq!(account.h323_devices.len(), 9);
    let pages = h.walk("/h323/devices?page_size=4").await;
    assert_eq!(pages.len(), 3);
    for page in &pages {
        assert_conforms(MEETINGS23, "GET", "/h323/devices", 200, &page.json);
    }
    let listed = devices(&pages);
    for (wire, truth) in listed.iter().zip(&account.h323_devices) {
        assert_eq!(
            wire,
            &json!({ "id": truth.id, "name": truth.name, "ip": truth.ip,
                     "protocol": truth.protocol.as_str(), "encryption": truth.encryption.as_str() })
        );
    }
    let protocols: HashSet<&str> = account
        .h323_devices
        .iter()
        .map(|d| d.protocol.as_str())
        .collect();
    assert_eq!(protocols.len(), 2, "both H.323 and SIP");
    // Legacy page_number paging and the defaults.
    let second = h.get("/h323/devices?page_size=4&page_number=2").await;
    assert_conforms(MEETINGS23, "GET", "/h323/devices", 200, &second.json);
    assert_eq!(second.json["devices"], pages[1].json["devices"]);
    assert_eq!(second.json["page_number"], json!(2));
    let all = h.get("/h323/devices").await;
    assert_eq!(all.json["page_size"], json!(30));
    assert_eq!(all.json["total_records"], json!(9));
    // Small accounts have one; Free accounts none.
    let small = start(config(20)).await;
    assert_eq!(small.sim.account().h323_devices.len(), 1);
    let free = start(SimConfig {
        plan: Plan::Free,
        ..config(300)
    })
    .await;
    let empty = free.get("/h323/devices").await;
    assert_conforms(MEETINGS23, "GET", "/h323/devices", 200, &empty.json);
    assert_eq!(empty.json["devices"], json!([]));
}

#[tokio::test]
async fn zdm_devices_match_the_notes_field_list() {
    // The hand schema itself rejects what it should.
    let bad = json!({ "next_page_token": "", "page_size": 30,
                      "devices": [{ "device_id": "x", "device_name": "y", "device_type": 7, "device_status": 1 }] });
    assert!(!schema_errors("zdm-notes-4.7", &zdm_list_schema(), &bad).is_empty());
    let extra = json!({ "next_page_token": "", "page_size": 30,
                        "devices": [{ "device_id": "x", "device_name": "y", "device_type": 1, "device_status": 1, "sdk_version": "1" }] });
    assert!(!schema_errors("zdm-notes-4.7", &zdm_list_schema(), &extra).is_empty());

    let h = start(config(1000)).await;
    let account = h.sim.account();
    assert_eq!(account.zdm_devices.len(), 50);
    // Zoom's defaults, `is_enrolled_in_zdm=true` and `device_type=-1`: enrolled Zoom Rooms
    // devices only, no phone appliances (type 5).
    let enrolled: Vec<_> = account
        .zdm_devices
        .iter()
        .filter(|d| d.enrolled_in_zdm && d.device_type != 5)
        .collect();
    let pages = h.walk("/devices?page_size=7").await;
    assert!(pages.len() >= 2);
    for page in &pages {
        assert_zdm(page);
    }
    let listed = devices(&pages);
    assert_eq!(listed.len(), enrolled.len());
    assert!(enrolled.len() < account.zdm_devices.len());
    for (wire, truth) in listed.iter().zip(&enrolled) {
        assert_eq!(wire["device_id"], json!(truth.device_id));
        assert_eq!(wire["serial_number"], json!(truth.serial_number));
        assert_eq!(wire["skd_version"], json!(truth.sdk_version));
    }
    let unenrolled = devices(
        &h.walk("/devices?is_enrolled_in_zdm=false&page_size=300")
            .await,
    );
    assert!(
        unenrolled
            .iter()
            .all(|d| d["enrolled_in_zdm"] == json!(false) && d["device_type"] != json!(5))
    );
    let phones = devices(&h.walk("/devices?device_type=5&page_size=300").await);
    let unenrolled_phones = devices(
        &h.walk("/devices?device_type=5&is_enrolled_in_zdm=false&page_size=300")
            .await,
    );
    // The four slices together are every device, each once.
    let mut every: Vec<&str> = [&listed, &unenrolled, &phones, &unenrolled_phones]
        .into_iter()
        .flatten()
        .map(|d| d["device_id"].as_str().unwrap())
        .collect();
    every.sort_unstable();
    every.dedup();
    assert_eq!(
        listed.len() + unenrolled.len() + phones.len() + unenrolled_phones.len(),
        account.zdm_devices.len()
    );
    assert_eq!(every.len(), account.zdm_devices.len());

    // Room devices carry their room; phone appliances (type 5) their user.
    let in_rooms: Vec<&Value> = listed
        .iter()
        .filter(|d| d.get("room_id").is_some())
        .collect();
    assert!(!in_rooms.is_empty() && !phones.is_empty());
    assert!(phones.iter().all(|d| d["device_type"] == json!(5)));
    for d in &in_rooms {
        let room = account.room(d["room_id"].as_str().unwrap()).unwrap();
        assert_eq!(d["room_name"], json!(room.name));
        // The same physical device as in the room's device list (same serial number).
        assert!(
            room.devices
                .iter()
                .any(|rd| json!(rd.serial_number) == d["serial_number"])
        );
    }
    for d in &phones {
        assert!(account.user(d["user_email"].as_str().unwrap()).is_some());
        assert!(d.get("room_id").is_none());
    }

    // Filters.
    type Check = fn(&Value) -> bool;
    let filters: [(&str, Check); 3] = [
        ("device_type=-1", |d| d["device_type"] != json!(5)),
        ("device_status=1", |d| d["device_status"] == json!(1)),
        ("platform_os=win", |d| d["platform_os"] == json!("win")),
    ];
    for (query, check) in filters {
        let got = devices(&h.walk(&format!("/devices?{query}&page_size=300")).await);
        assert!(got.iter().all(check), "{query}");
        assert_eq!(
            got.len(),
            listed.iter().filter(|d| check(d)).count(),
            "{query}"
        );
    }
    let serial = listed[0]["serial_number"].as_str().unwrap();
    let found = h
        .get(&format!("/devices?search_text={}", serial.to_lowercase()))
        .await;
    assert_zdm(&found);
    assert_eq!(found.json["devices"][0]["serial_number"], json!(serial));
    for bad in [
        "/devices?device_type=9",
        "/devices?platform_os=beos",
        "/devices?is_enrolled_in_zdm=maybe",
        "/devices?device_status=2",
    ] {
        h.get(bad)
            .await
            .assert_error(400, 300, "Validation Failed.");
    }
    // Free: no rooms, no Zoom Phone: nothing to manage.
    let free = start(SimConfig {
        plan: Plan::Free,
        ..config(100)
    })
    .await;
    let empty = free.get("/devices").await;
    assert_zdm(&empty);
    assert_eq!(empty.json["devices"], json!([]));
}
