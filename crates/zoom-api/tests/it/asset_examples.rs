//! The device, room, dashboard and report wire types parse the examples of Zoom's OpenAPI
//! documents, field for field (assembled from the per-property `example`s as in
//! `spec_examples`). `GET /devices` (ZDM) has no spec file: its example is written by hand from
//! the field list of Zoom's Node SDK typings (NOTES §4.7).

use serde_json::{Value, json};
use zoom_api::wire::{
    AudioCall, CalendarResource, CalendarResourceListPage, CalendarService, CalendarServiceList,
    DashboardMeeting, DashboardMeetingListPage, H323Device, H323DeviceListPage, MeetingParticipant,
    MeetingParticipantListPage, OperationLog, OperationLogListPage, RoomDevice, RoomDeviceList,
    RoomLocation, RoomLocationListPage, RoomProfile, SignInActivity, SignInActivityListPage,
    WithRaw, ZdmDevice, ZdmDeviceListPage, ZoomRoom, ZoomRoomListPage,
};

use crate::spec_examples::{response_example, round_trip, spec};

const ROOMS: &str = "zoom-rooms.json";
const ACCOUNTS: &str = "zoom-accounts.json";
const MTG23: &str = "zoom-meeting-api-2023-07.json";

/// The names of the query parameters of `GET {path}` in `file`.
fn query_params(file: &str, path: &str) -> Vec<String> {
    spec(file)["paths"][path]["get"]["parameters"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn h323_devices_example() {
    let example = response_example(MTG23, "/h323/devices");
    let page: H323DeviceListPage = round_trip(&example);
    assert_eq!(page.page.next_token(), Some("w7587w4eiyfsudgf"));
    assert_eq!(page.page.total_records, Some(20));
    assert_eq!(page.page.page_number, Some(1));
    let d: H323Device = round_trip(&example["devices"][0]);
    assert_eq!(d.id.as_deref(), Some("abceHewahkrehwiK"));
    assert_eq!(d.name, "api_test_20190508");
    assert_eq!(d.ip, "127.0.0.1");
    assert_eq!(d.protocol, "H.323");
    assert_eq!(d.encryption, "auto");
    assert_eq!(page.devices, [d]);
}

/// The spec marks `name`, `protocol`, `ip`, `encryption` required; the wire type agrees.
#[test]
fn h323_required_fields_follow_the_spec() {
    let spec = spec(MTG23);
    let items = &spec["paths"]["/h323/devices"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["properties"]["devices"]["items"];
    let mut required: Vec<&str> = items["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    required.sort_unstable();
    assert_eq!(required, ["encryption", "ip", "name", "protocol"]);
    for missing in required {
        let mut device = json!({ "id": "x", "name": "n", "ip": "10.0.0.1", "protocol": "SIP", "encryption": "no" });
        device.as_object_mut().unwrap().remove(missing);
        let e = serde_json::from_value::<H323Device>(device).unwrap_err();
        assert!(
            e.to_string()
                .contains(&format!("missing field `{missing}`")),
            "{e}"
        );
    }
    let d: H323Device = serde_json::from_value(
        json!({ "name": "n", "ip": "10.0.0.1", "protocol": "SIP", "encryption": "no" }),
    )
    .unwrap();
    assert_eq!(d.id, None);
}

#[test]
fn rooms_example() {
    let example = response_example(ROOMS, "/rooms");
    let page: ZoomRoomListPage = round_trip(&example);
    assert_eq!(
        page.page.next_token(),
        Some("At6eWnFZ1FB3arCXnRxqHLXKhbDW18yz2i2")
    );
    assert_eq!(page.page.page_size, Some(20));
    let r: ZoomRoom = round_trip(&example["rooms"][0]);
    assert_eq!(r.id.as_deref(), Some("qMOLddnySIGGVycz8aX_JQ"));
    assert_eq!(r.room_id.as_deref(), Some("qMOLddnySIGGVycz8aX_JQ"));
    assert_eq!(r.name.as_deref(), Some("My Personal Meeting Room"));
    assert_eq!(r.activation_code.as_deref(), Some("1315-2376-2198-7926"));
    assert_eq!(r.location_id.as_deref(), Some("49D7a0xPQvGQ2DCMZgSe7w"));
    assert_eq!(r.status.as_deref(), Some("Offline"));
    assert_eq!(r.tag_ids, ["90bdda6c226f4f10a4b9a34be8d69f30"]);
    assert_eq!(page.rooms, [r]);
}

#[test]
fn room_profile_example_names_the_room_account() {
    let example = response_example(ROOMS, "/rooms/{roomId}");
    let expected = example["basic"]["user_id"]
        .as_str()
        .expect("the spec's example has basic.user_id")
        .to_owned();
    let profile: WithRaw<RoomProfile> =
        WithRaw::from_value(example.clone()).expect("the profile parses");
    assert_eq!(profile.item.user_id(), Some(expected));
    assert_eq!(
        profile
            .item
            .basic
            .as_ref()
            .and_then(|b| b.name.clone())
            .as_deref(),
        example["basic"]["name"].as_str()
    );
    assert_eq!(profile.raw, example, "device and setup stay in raw");
    let empty: RoomProfile =
        serde_json::from_value(json!({"basic": {"user_id": ""}})).expect("parses");
    assert_eq!(empty.user_id(), None, "an empty id is no id");
}

#[test]
fn room_devices_example() {
    let example = response_example(ROOMS, "/rooms/{roomId}/devices");
    let list: RoomDeviceList = round_trip(&example);
    let d: RoomDevice = round_trip(&example["devices"][0]);
    assert_eq!(
        d.id.as_deref(),
        Some("{0.0.1.00000000}.{eff76542-ac52-4c78-bd90-67f968bab16f}")
    );
    assert_eq!(d.room_name.as_deref(), Some("My Room"));
    assert_eq!(d.device_type.as_deref(), Some("Controller"));
    assert_eq!(d.device_system.as_deref(), Some("Win10 Build 19043.1266"));
    assert_eq!(d.app_version.as_deref(), Some("5.9.1 (2581)"));
    assert_eq!(d.status.as_deref(), Some("Online"));
    assert_eq!(d.device_mac_addresses, ["01-23-45-67-89-AB"]);
    assert_eq!(d.device_hostname.as_deref(), Some("Test Computer"));
    assert_eq!(d.device_manufacturer.as_deref(), Some("Poly"));
    assert_eq!(d.device_model.as_deref(), Some("MacBookPro14,1"));
    assert_eq!(d.device_firmware.as_deref(), Some("1.1.1"));
    assert_eq!(d.ip_address.as_deref(), Some("10.10.10.10"));
    assert_eq!(d.serial_number.as_deref(), Some("6NRN2A0"));
    assert_eq!(list.devices, [d]);
    // Not paginated in the spec: no paging parameter, no next_page_token.
    assert!(query_params(ROOMS, "/rooms/{roomId}/devices").is_empty());
    assert!(example.get("next_page_token").is_none());
}

#[test]
fn room_locations_example() {
    let example = response_example(ROOMS, "/rooms/locations");
    let page: RoomLocationListPage = round_trip(&example);
    assert_eq!(
        page.page.next_token(),
        Some("At6eWnFZ1FB3arCXnRxqHLXKhbDW18yz2i2")
    );
    let l: RoomLocation = round_trip(&example["locations"][0]);
    assert_eq!(l.id.as_deref(), Some("AAAAAAAAAA"));
    assert_eq!(l.name.as_deref(), Some("BuildingA"));
    assert_eq!(
        l.parent_location_id.as_deref(),
        Some("49D7a0xPQvGQ2DCMZgSe7w")
    );
    assert_eq!(l.location_type.as_deref(), Some("building"), "from `type`");
    assert_eq!(page.locations, [l]);
}

#[test]
fn calendar_services_example() {
    let example = response_example(ROOMS, "/rooms/calendar/services");
    let list: CalendarServiceList = round_trip(&example);
    let c: CalendarService = round_trip(&example["calendar_services"][0]);
    assert_eq!(
        c.calendar_service_id.as_deref(),
        Some("rNQUpdDXySFGhVycz7aR-SR")
    );
    assert_eq!(
        c.calendar_service_name.as_deref(),
        Some("zroom1@example.com")
    );
    assert_eq!(c.calendar_resource_total_number, Some(100));
    assert_eq!(c.calendar_resource_assigned_number, Some(10));
    assert_eq!(c.added_date_time.as_deref(), Some("2022-03-31T19:03:03Z"));
    assert_eq!(
        c.latest_synced_date_time.as_deref(),
        Some("2022-03-31T19:03:03Z")
    );
    assert_eq!(list.calendar_services, [c]);
    assert!(query_params(ROOMS, "/rooms/calendar/services").is_empty());
}

#[test]
fn calendar_resources_example() {
    let example = response_example(ROOMS, "/rooms/calendar/services/{serviceId}/resources");
    let page: CalendarResourceListPage = round_trip(&example);
    assert_eq!(page.page.page_size, Some(20));
    let c: CalendarResource = round_trip(&example["calendar_resources"][0]);
    assert_eq!(
        c.calendar_resource_id.as_deref(),
        Some("rNQUpdDXySFGhVycz7aR-SR")
    );
    assert_eq!(
        c.calendar_resource_email.as_deref(),
        Some("zroom1@example.com")
    );
    assert_eq!(c.calendar_resource_name.as_deref(), Some("zroom1"));
    assert_eq!(
        c.assigned_room_id.as_deref(),
        Some("yLom99u5QuKBTw4Q7_P6Pw")
    );
    assert_eq!(c.sync_status.as_deref(), Some("Success"));
    assert_eq!(page.calendar_resources, [c]);
}

/// Written by hand: `GET /devices` has no spec file here. Field names and types are those of
/// Zoom's Node SDK typings `DevicesListDevicesResponse` as listed in NOTES §4.7 (`skd_version`
/// sic); the values are made up in Zoom's style.
fn zdm_example() -> Value {
    json!({
        "next_page_token": "cx7RLGK1gS0Xh2uOHOr9Fy6qFGvCP1CRnI2",
        "page_size": 30,
        "devices": [{
            "device_id": "2d9d3a4a-c5dc-41a6-a1f3-4a4b1fcb5f7e",
            "device_name": "Board Room Controller",
            "mac_address": "00:1a:2b:3c:4d:5e",
            "serial_number": "C02XK0AAJG5J",
            "vendor": "Poly",
            "model": "TC8",
            "platform_os": "android",
            "app_version": "5.17.5 (3947)",
            "tag": "HQ",
            "enrolled_in_zdm": true,
            "connected_to_zdm": false,
            "room_id": "qMOLddnySIGGVycz8aX_JQ",
            "room_name": "Board Room",
            "device_type": 1,
            "skd_version": "5.17.5",
            "device_status": 1,
            "last_online": "2024-03-01T10:15:14Z",
            "user_email": "jchill@example.com"
        }]
    })
}

#[test]
fn zdm_devices_hand_built_example() {
    let example = zdm_example();
    let page: ZdmDeviceListPage = round_trip(&example);
    assert_eq!(
        page.page.next_token(),
        Some("cx7RLGK1gS0Xh2uOHOr9Fy6qFGvCP1CRnI2")
    );
    let d: ZdmDevice = round_trip(&example["devices"][0]);
    assert_eq!(
        d.device_id.as_deref(),
        Some("2d9d3a4a-c5dc-41a6-a1f3-4a4b1fcb5f7e")
    );
    assert_eq!(d.mac_address.as_deref(), Some("00:1a:2b:3c:4d:5e"));
    assert_eq!(d.serial_number.as_deref(), Some("C02XK0AAJG5J"));
    assert_eq!(d.platform_os.as_deref(), Some("android"));
    assert_eq!(d.enrolled_in_zdm, Some(true));
    assert_eq!(d.connected_to_zdm, Some(false));
    assert_eq!(d.device_type, Some(1));
    assert_eq!(d.device_status, Some(1));
    assert_eq!(d.skd_version.as_deref(), Some("5.17.5"));
    assert_eq!(
        d.sdk_version, None,
        "only `Get device detail` spells it sdk_version"
    );
    assert_eq!(d.user_email.as_deref(), Some("jchill@example.com"));
    assert_eq!(page.devices, [d]);

    // The detail spelling is read too, and the integers accept strings.
    let d: ZdmDevice = serde_json::from_value(
        json!({ "device_id": "x", "sdk_version": "6.0.0", "device_type": "5", "device_status": "-1" }),
    )
    .unwrap();
    assert_eq!(d.sdk_version.as_deref(), Some("6.0.0"));
    assert_eq!((d.device_type, d.device_status), (Some(5), Some(-1)));
}

#[test]
fn past_meetings_example() {
    let example = response_example(ACCOUNTS, "/metrics/meetings");
    let page: DashboardMeetingListPage = round_trip(&example);
    assert_eq!(page.from.as_deref(), Some("2022-04-01"));
    assert_eq!(page.to.as_deref(), Some("2022-04-07"));
    assert_eq!(page.page.total_records, Some(1));
    let m: DashboardMeeting = round_trip(&example["meetings"][0]);
    assert_eq!(m.uuid.as_deref(), Some("gm8s9L+PTEC+FG3sFbd1Cw=="));
    assert_eq!(m.id, Some(93_201_235_621));
    assert_eq!(m.topic.as_deref(), Some("Share Now"));
    assert_eq!(m.host.as_deref(), Some("Jill Chill"));
    assert_eq!(m.email.as_deref(), Some("jchill@example.com"));
    assert_eq!(m.user_type.as_deref(), Some("Licensed"));
    assert_eq!(m.start_time.as_deref(), Some("2022-01-04T08:04:27Z"));
    assert_eq!(m.end_time.as_deref(), Some("2022-01-04T07:50:47Z"));
    assert_eq!(m.duration.as_deref(), Some("00:56"));
    assert_eq!(m.participants, Some(2));
    assert_eq!(m.has_sip, Some(true));
    assert_eq!(m.has_poll, Some(false));
    assert_eq!(m.custom_keys[0].key.as_deref(), Some("Host Nation"));
    assert_eq!(m.tracking_fields[0].value.as_deref(), Some("Support"));
    assert_eq!(m.avg_jointime_cost, Some(4.55));
    assert_eq!(page.meetings, [m]);
}

#[test]
fn meeting_participants_example() {
    let example = response_example(ACCOUNTS, "/metrics/meetings/{meetingId}/participants");
    let page: MeetingParticipantListPage = round_trip(&example);
    assert_eq!(page.meeting_number.as_deref(), Some("93201235621"));
    let p: MeetingParticipant = round_trip(&example["participants"][0]);
    assert_eq!(p.id.as_deref(), Some("zJKyaiAyTNC-MWjiWC18KQ"));
    assert_eq!(p.user_id.as_deref(), Some("20162560"));
    assert_eq!(p.user_name.as_deref(), Some("jchill"));
    assert_eq!(p.email.as_deref(), Some("jchill@example.com"));
    assert_eq!(p.device.as_deref(), Some("Phone"));
    assert_eq!(p.os.as_deref(), Some("iOS"));
    assert_eq!(p.os_version.as_deref(), Some("16.5"));
    assert_eq!(p.version.as_deref(), Some("5.9.1.2581"));
    assert_eq!(p.client.as_deref(), Some("Web Meeting SDK 2.18"));
    assert_eq!(p.ip_address.as_deref(), Some("192.0.2.1"));
    assert_eq!(p.internal_ip_addresses, ["192.0.2.1"]);
    assert_eq!(p.location.as_deref(), Some("United States"));
    assert_eq!(p.network_type.as_deref(), Some("Wired"));
    assert_eq!(p.pc_name.as_deref(), Some("HW0010449"));
    assert_eq!(p.mac_addr.as_deref(), Some("f85e-a012-92d8"));
    assert_eq!(p.harddisk_id.as_deref(), Some("Disk01"));
    assert_eq!(p.domain.as_deref(), Some("example.com"));
    assert_eq!(p.join_time.as_deref(), Some("2022-03-01T10:15:14Z"));
    assert_eq!(p.leave_time.as_deref(), Some("2022-03-01T10:17:35Z"));
    assert_eq!(p.leave_reason.as_deref(), Some("Host ended the meeting."));
    assert_eq!(
        p.group_id.as_deref(),
        Some("TcjqVCTzRy6hLa0d8WpAIg"),
        "from `groupId`"
    );
    assert_eq!(p.in_room_participants, Some(2));
    assert_eq!(p.total_jointime_cost, Some(3.98));
    assert_eq!(
        p.audio_call,
        [AudioCall {
            call_number: Some("4131".to_owned()),
            call_type: Some("call-in".to_owned()),
            zoom_number: Some("18773690926".to_owned()),
        }]
    );
    assert_eq!(page.participants, [p]);
}

#[test]
fn sign_in_activities_example() {
    let example = response_example(MTG23, "/report/activities");
    let page: SignInActivityListPage = round_trip(&example);
    assert_eq!(page.from.as_deref(), Some("2019-09-01T00:00:00Z"));
    assert_eq!(
        page.page.next_token(),
        Some("b43YBRLJFg3V4vsSpxvGdKIGtNbxn9h9If2")
    );
    let a: SignInActivity = round_trip(&example["activity_logs"][0]);
    assert_eq!(a.email.as_deref(), Some("jchill@example.com"));
    assert_eq!(a.time.as_deref(), Some("2019-09-15T19:13:41Z"));
    assert_eq!(a.activity_type.as_deref(), Some("Sign out"), "from `type`");
    assert_eq!(a.ip_address.as_deref(), Some("192.0.2.1"));
    assert_eq!(a.client_type.as_deref(), Some("Browser"));
    assert_eq!(a.version.as_deref(), Some("5.9.1.2581"));
    assert_eq!(page.activity_logs, [a]);
}

#[test]
fn operation_logs_example() {
    let example = response_example(MTG23, "/report/operationlogs");
    let page: OperationLogListPage = round_trip(&example);
    assert_eq!(page.page.page_size, Some(30));
    let o: OperationLog = round_trip(&example["operation_logs"][0]);
    assert_eq!(o.time.as_deref(), Some("2022-01-25T17:52:16Z"));
    assert_eq!(o.operator.as_deref(), Some("admin@example.com"));
    assert_eq!(o.category_type.as_deref(), Some("user"));
    assert_eq!(o.action.as_deref(), Some("delete"));
    assert_eq!(
        o.operation_detail.as_deref(),
        Some("delete user - user2@example.com")
    );
    assert_eq!(page.operation_logs, [o]);
}

/// Zoom's type variations on the new types: numbers as strings and strings as numbers, nulls,
/// unknown fields; `WithRaw` keeps what was sent.
#[test]
fn new_types_tolerate_zoom_variations() {
    let raw = json!({
        "uuid": "abc==", "id": "93201235621", "duration": 56, "participants": "3",
        "avg_jointime_cost": "4.5", "custom_keys": null, "has_sip": null, "brand_new": [1]
    });
    let m = WithRaw::<DashboardMeeting>::from_value(raw.clone()).unwrap();
    assert_eq!(m.item.id, Some(93_201_235_621));
    assert_eq!(m.item.duration.as_deref(), Some("56"));
    assert_eq!(m.item.participants, Some(3));
    assert_eq!(m.item.avg_jointime_cost, Some(4.5));
    assert!(m.item.custom_keys.is_empty());
    assert_eq!(m.raw, raw);

    let p: MeetingParticipant = serde_json::from_value(json!({
        "user_id": 16_778_240, "total_jointime_cost": 3, "in_room_participants": "",
        "internal_ip_addresses": null, "version": 5.9
    }))
    .unwrap();
    assert_eq!(p.user_id.as_deref(), Some("16778240"));
    assert_eq!(p.total_jointime_cost, Some(3.0));
    assert_eq!(p.in_room_participants, None);
    assert!(p.internal_ip_addresses.is_empty());
    assert_eq!(p.version.as_deref(), Some("5.9"));

    let e = serde_json::from_value::<DashboardMeeting>(json!({ "avg_jointime_cost": "slow" }))
        .unwrap_err();
    assert!(e.to_string().contains("slow"), "{e}");

    let c: CalendarService = serde_json::from_value(
        json!({ "calendar_resource_total_number": "100", "calendar_resource_assigned_number": null }),
    )
    .unwrap();
    assert_eq!(c.calendar_resource_total_number, Some(100));
    assert_eq!(c.calendar_resource_assigned_number, None);

    let r: ZoomRoom = serde_json::from_value(json!({ "id": "r1", "tag_ids": null })).unwrap();
    assert!(r.tag_ids.is_empty());
    let d: RoomDevice =
        serde_json::from_value(json!({ "device_mac_addresses": null, "serial_number": 123 }))
            .unwrap();
    assert!(d.device_mac_addresses.is_empty());
    assert_eq!(d.serial_number.as_deref(), Some("123"));
}
