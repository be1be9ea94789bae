use std::path::Path;

use inventory_model::device::{self, DeviceType};
use inventory_model::{Asset, Kind, MeetingDevices, Record, activity};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use zoom_api::wire::WithRaw;

fn items<T: DeserializeOwned>(fixture: &Value) -> Vec<WithRaw<T>> {
    fixture["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| WithRaw::from_value(item.clone()).expect("the item parses"))
        .collect()
}

fn shown(record: &Record) -> Value {
    json!({
        "id": record.id,
        "source_id": record.source_id,
        "scope": record.scope,
        "fields": record.fields(),
    })
}

/// Normalizes every item of a device or activity fixture with the normalizer it names, and
/// returns what the snapshot shows. Meeting-device cases show both settings of
/// `devices_require_hostname_and_mac`.
fn check_items(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let fixture: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let normalizer = fixture["normalizer"].as_str().expect("normalizer");
    let records: Vec<Record> = match normalizer {
        "h323" => items(&fixture).iter().filter_map(device::h323).collect(),
        "zoom_room" => items(&fixture)
            .iter()
            .filter_map(device::zoom_room)
            .collect(),
        "calendar_room" => items(&fixture)
            .iter()
            .filter_map(device::calendar_room)
            .collect(),
        "zoom_room_device" => {
            let room_id = fixture["room_id"].as_str().expect("room_id");
            items(&fixture)
                .iter()
                .filter_map(|item| device::zoom_room_device(item, room_id))
                .collect()
        }
        "zdm" => items(&fixture).iter().filter_map(device::zdm).collect(),
        "sign_in_out" => items(&fixture).iter().map(activity::sign_in_out).collect(),
        "operation" => items(&fixture).iter().map(activity::operation).collect(),
        "meeting_device" => {
            let gather = |require| {
                let mut devices = MeetingDevices::default();
                for item in items(&fixture) {
                    devices.add(&item);
                }
                let unidentified = devices.unidentified_joins;
                (devices.into_records(require), unidentified)
            };
            let (all, unidentified) = gather(false);
            let (complete, _) = gather(true);
            for record in &complete {
                let Asset::Device(device) = &record.asset else {
                    panic!("a device")
                };
                assert!(device.has_hostname_and_mac(), "{}", record.id);
            }
            return json!({
                "unidentified_joins": unidentified,
                "with_hostname_and_mac": complete.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
                "all": all.iter().map(shown).collect::<Vec<_>>(),
            });
        }
        other => panic!("unknown normalizer {other}"),
    };
    for record in &records {
        let expected_kind = if normalizer.contains("sign") || normalizer == "operation" {
            Kind::Activity
        } else {
            Kind::Device
        };
        assert_eq!(record.kind(), expected_kind);
        assert!(record.id.ends_with(&record.source_id), "{}", record.id);
        assert!(record.raw.is_object(), "raw kept");
        let fields = record.fields();
        let mut names: Vec<&str> = fields
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        let mut expected = expected_kind.field_names().to_vec();
        expected.sort_unstable();
        assert_eq!(names, expected, "every field of the contract, no more");
    }
    Value::Array(records.iter().map(shown).collect())
}

#[test]
fn devices_normalize_as_reviewed() {
    insta::glob!("../../../../fixtures/devices", "*.json", |path| {
        insta::assert_json_snapshot!(check_items(path));
    });
}

#[test]
fn activities_normalize_as_reviewed() {
    insta::glob!("../../../../fixtures/activities", "*.json", |path| {
        insta::assert_json_snapshot!(check_items(path));
    });
}

#[test]
fn an_activity_fetched_twice_is_one_record() {
    let raw = json!({"email": "a@example.com", "time": "2026-11-27T08:00:00Z", "type": "Sign in"});
    let reordered =
        json!({"type": "Sign in", "time": "2026-11-27T08:00:00Z", "email": "a@example.com"});
    let first = activity::sign_in_out(&WithRaw::from_value(raw).expect("parses"));
    let second = activity::sign_in_out(&WithRaw::from_value(reordered).expect("parses"));
    assert_eq!(first.id, second.id);
}

#[test]
fn os_names_of_zoom_map_to_families() {
    let cases = [
        (Some("Win 10"), None, Some("windows"), Some("10")),
        (
            Some("Win10 Build 19043.1266"),
            None,
            Some("windows"),
            Some("10"),
        ),
        (Some("macOS 14.5"), None, Some("macos"), Some("14.5")),
        (Some("Mac"), Some("14.5"), Some("macos"), Some("14.5")),
        (Some("iPadOS 17.4"), None, Some("ipados"), Some("17.4")),
        (Some("iphone"), None, Some("ios"), None),
        (Some("android"), None, Some("android"), None),
        (Some("Linux"), Some("6.1"), Some("linux"), Some("6.1")),
        (Some("BeOS"), None, Some("beos"), None),
    ];
    for (name, version, family, expected_version) in cases {
        let os = device::os(name, version).expect("an os");
        assert_eq!(os.os_type.as_deref(), family, "{name:?}");
        assert_eq!(os.version.as_deref(), expected_version, "{name:?}");
    }
    assert_eq!(device::os(None, None), None);
    assert_eq!(device::os(Some(" "), Some("")), None);
}

#[test]
fn device_types_parse_as_written_on_the_command_line() {
    for device_type in DeviceType::ALL {
        assert_eq!(DeviceType::parse(device_type.as_str()), Some(device_type));
    }
    assert_eq!(DeviceType::parse("zoom-room"), Some(DeviceType::ZoomRoom));
    assert_eq!(DeviceType::parse("laptop"), None);
}

#[test]
fn meeting_devices_do_not_depend_on_the_order_of_joins() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/devices/meeting_device-one-laptop-many-meetings.json");
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON");
    let joins: Vec<WithRaw<zoom_api::wire::MeetingParticipant>> = items(&fixture);
    let gather = |order: &mut dyn Iterator<Item = &WithRaw<zoom_api::wire::MeetingParticipant>>| {
        let mut devices = MeetingDevices::default();
        order.for_each(|join| devices.add(join));
        devices.into_records(false)
    };
    let forward = gather(&mut joins.iter());
    let backward = gather(&mut joins.iter().rev());
    let shuffled = gather(&mut [2, 0, 5, 1, 4, 3].iter().map(|&i| &joins[i]));
    assert_eq!(forward, backward);
    assert_eq!(forward, shuffled);
}

#[test]
fn meeting_devices_stored_then_new_joins_equal_every_join_at_once() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/devices/meeting_device-one-laptop-many-meetings.json");
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON");
    let joins: Vec<WithRaw<zoom_api::wire::MeetingParticipant>> = items(&fixture);
    let gather = |joins: &[WithRaw<zoom_api::wire::MeetingParticipant>], stored: &[Record]| {
        let mut devices = MeetingDevices::default();
        for record in stored {
            assert!(devices.add_stored(&record.source_id, &record.fields(), &record.raw));
        }
        joins.iter().for_each(|join| devices.add(join));
        devices.into_records(false)
    };
    let all = gather(&joins, &[]);
    let (earlier, later) = joins.split_at(3);
    // A run that read the earlier meetings, then one that reads only the later ones.
    let first = gather(earlier, &[]);
    let second = gather(later, &first);
    assert_eq!(
        second, all,
        "IP addresses and owners of every join are kept"
    );
    // A full run re-reading every meeting over what is stored changes nothing.
    assert_eq!(gather(&joins, &all), all);
    // A record that is not a participant is refused.
    let mut devices = MeetingDevices::default();
    assert!(!devices.add_stored("x", &json!({}), &json!({ "join_time": 5 })));
}
