//! Zoom Rooms: every response of `/rooms`, `/rooms/{roomId}`, `/rooms/{roomId}/devices`,
//! `/rooms/locations` and the calendar endpoints validated (all pages) against
//! `zoom-rooms.json`; room accounts among the users; calendar resources with and without rooms;
//! plan gates and errors.

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};
use zoom_sim::{Plan, RoomDeviceType, SimConfig};

use crate::common::{Harness, Reply, config, start};
use crate::schema::{assert_conforms, spec_schema};

const ROOMS: &str = "zoom-rooms.json";
const USERS: &str = "zoom-users.json";

fn conforms_all(path: &str, pages: &[Reply]) {
    for page in pages {
        assert_eq!(page.status, 200, "{}", page.json);
        assert_conforms(ROOMS, "GET", path, 200, &page.json);
    }
}

fn items<'a>(pages: &'a [Reply], key: &str) -> Vec<&'a Value> {
    pages
        .iter()
        .flat_map(|p| p.json[key].as_array().unwrap().iter())
        .collect()
}

async fn business() -> Harness {
    start(config(600)).await
}

#[tokio::test]
async fn every_rooms_response_conforms() {
    let h = business().await;
    let account = h.sim.account();
    assert_eq!(account.rooms.len(), 12);

    let pages = h.walk("/rooms?page_size=5").await;
    assert_eq!(pages.len(), 3);
    conforms_all("/rooms", &pages);
    let listed = items(&pages, "rooms");
    assert_eq!(listed.len(), account.rooms.len());
    for (wire, room) in listed.iter().zip(&account.rooms) {
        assert_eq!(wire["id"], json!(room.id));
        assert_eq!(wire["room_id"], json!(room.room_id));
        assert_eq!(wire["status"], json!(room.status.as_str()));
        assert_eq!(wire["location_id"], json!(room.location_id));
    }
    for query in [
        "/rooms",
        "/rooms?status=Available",
        "/rooms?type=ZoomRoom",
        "/rooms?type=Kiosk",
        "/rooms?unassigned_rooms=true",
        "/rooms?query_name=b1",
        "/rooms?page_size=1000",
    ] {
        conforms_all("/rooms", &[h.get(query).await]);
    }

    for room in &account.rooms {
        let profile = h.get(&format!("/rooms/{}", room.id)).await;
        conforms_all("/rooms/{roomId}", std::slice::from_ref(&profile));
        assert_eq!(profile.json["basic"]["name"], json!(room.name));
        assert_eq!(
            profile.json["basic"]["calendar_resource_id"],
            room.calendar_resource_id
                .as_deref()
                .map_or(Value::Null, |id| json!(id))
        );
        // Only Personal Zoom Rooms carry `basic.user_id` (the spec); these are not personal.
        assert!(profile.json["basic"].get("user_id").is_none());

        let devices = h.get(&format!("/rooms/{}/devices", room.id)).await;
        conforms_all("/rooms/{roomId}/devices", std::slice::from_ref(&devices));
        let wire = devices.json["devices"].as_array().unwrap();
        assert_eq!(wire.len(), room.devices.len());
        assert_eq!(wire[0]["device_type"], json!("Zoom Rooms Computer"));
        for (w, d) in wire.iter().zip(&room.devices) {
            assert_eq!(w["device_mac_addresses"], json!(d.mac_addresses));
            assert_eq!(w["serial_number"], json!(d.serial_number));
            assert_eq!(w["room_name"], json!(room.name));
        }
    }

    let pages = h.walk("/rooms/locations?page_size=4").await;
    assert!(pages.len() >= 2);
    conforms_all("/rooms/locations", &pages);
    assert_eq!(items(&pages, "locations").len(), account.locations.len());
    for query in [
        "/rooms/locations?type=floor",
        "/rooms/locations?type=country",
        &format!(
            "/rooms/locations?parent_location_id={}",
            account.locations[0].id
        ),
    ] {
        conforms_all("/rooms/locations", &[h.get(query).await]);
    }

    let services = h.get("/rooms/calendar/services").await;
    conforms_all("/rooms/calendar/services", std::slice::from_ref(&services));
    for service in services.json["calendar_services"].as_array().unwrap() {
        let id = service["calendar_service_id"].as_str().unwrap();
        let pages = h
            .walk(&format!(
                "/rooms/calendar/services/{id}/resources?page_size=3"
            ))
            .await;
        conforms_all("/rooms/calendar/services/{serviceId}/resources", &pages);
        assert_eq!(
            items(&pages, "calendar_resources").len(),
            service["calendar_resource_total_number"].as_u64().unwrap() as usize
        );
    }
}

#[tokio::test]
async fn rooms_sit_in_a_location_hierarchy_and_have_devices() {
    let h = business().await;
    let account = h.sim.account();
    let by_id: HashMap<&str, &zoom_sim::SimLocation> = account
        .locations
        .iter()
        .map(|l| (l.id.as_str(), l))
        .collect();
    // Every room is on a floor whose parent chain ends at a country under the account.
    for room in &account.rooms {
        let mut chain = vec![];
        let mut at = by_id[room.location_id.as_str()];
        loop {
            chain.push(at.location_type.as_str());
            match by_id.get(at.parent_location_id.as_str()) {
                Some(parent) => at = parent,
                None => {
                    assert_eq!(at.parent_location_id, account.account_id);
                    break;
                }
            }
        }
        assert_eq!(
            chain,
            ["floor", "building", "campus", "city", "states", "country"]
        );
        // One computer, 1-2 controllers, maybe more.
        assert_eq!(
            room.devices
                .iter()
                .filter(|d| d.device_type == RoomDeviceType::ZoomRoomsComputer)
                .count(),
            1
        );
        let controllers = room
            .devices
            .iter()
            .filter(|d| d.device_type == RoomDeviceType::Controller)
            .count();
        assert!((1..=2).contains(&controllers));
    }
    // Filters: parent, type, location subtree on /rooms.
    let countries = h.get("/rooms/locations?type=country").await;
    for c in countries.json["locations"].as_array().unwrap() {
        assert_eq!(c["parent_location_id"], json!(account.account_id));
    }
    let under_account = h
        .get(&format!(
            "/rooms/locations?parent_location_id={}",
            account.account_id
        ))
        .await;
    assert_eq!(under_account.json["locations"], countries.json["locations"]);
    let country = countries.json["locations"][0]["id"].as_str().unwrap();
    let in_country = h
        .walk(&format!("/rooms?location_id={country}&page_size=300"))
        .await;
    assert!(!items(&in_country, "rooms").is_empty());
    let floor = &account.rooms[0].location_id;
    let on_floor = h.get(&format!("/rooms?location_id={floor}")).await;
    assert!(
        on_floor.json["rooms"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["location_id"] == json!(floor))
    );
    let available = h.get("/rooms?status=Available&page_size=300").await;
    assert_eq!(
        available.json["rooms"].as_array().unwrap().len(),
        account
            .rooms
            .iter()
            .filter(|r| r.status.as_str() == "Available")
            .count()
    );
    assert_eq!(
        h.get("/rooms?type=Kiosk").await.json["rooms"],
        json!([]),
        "every simulated room is a ZoomRoom"
    );

    // MAC formats vary across room devices; a few report an all-zero MAC or none at all.
    let account = zoom_sim::Account::generate(&config(3000));
    let macs: Vec<&String> = account
        .rooms
        .iter()
        .flat_map(|r| r.devices.iter().flat_map(|d| d.mac_addresses.iter()))
        .collect();
    let styles: HashSet<&str> = macs.iter().map(|m| mac_style(m)).collect();
    assert!(styles.len() >= 5, "{styles:?}");
    assert!(macs.iter().any(|m| *m == "00:00:00:00:00:00"));
    assert!(
        account
            .rooms
            .iter()
            .any(|r| r.devices.iter().any(|d| d.mac_addresses.is_empty()))
    );
}

/// A MAC address's format: `aa:bb:...`, `aa-bb-...`, `aabb.ccdd.eeff`, `aabb-ccdd-eeff`, bare.
fn mac_style(mac: &str) -> &'static str {
    let upper = mac.chars().any(|c| c.is_ascii_uppercase());
    match (mac.len(), mac.contains(':'), mac.contains('.'), upper) {
        (17, true, _, _) => "colon",
        (17, false, _, true) => "HYPHEN",
        (17, false, _, false) => "hyphen",
        (14, _, true, _) => "cisco",
        (14, _, false, _) => "groups",
        (12, ..) => "bare",
        _ => "other",
    }
}

#[tokio::test]
async fn room_accounts_are_users() {
    let h = business().await;
    let account = h.sim.account();
    let pages = h.walk("/users?status=active&page_size=300").await;
    let emails: HashSet<&str> = pages
        .iter()
        .flat_map(|p| p.json["users"].as_array().unwrap().iter())
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(account.users.len(), 600, "room accounts count as users");
    for room in &account.rooms {
        assert!(
            emails.contains(room.user_email.as_str()),
            "{}",
            room.user_email
        );
        assert!(room.user_email.starts_with("room-"));
        assert!(room.user_email.ends_with(&format!("@{}", account.domain)));
        let user = account.user(&room.user_id).unwrap();
        assert_eq!(user.email, room.user_email);
        assert_eq!(account.room_of_user(&user.id).unwrap().id, room.id);
        let detail = h.get(&format!("/users/{}", room.user_id)).await;
        assert_conforms(USERS, "GET", "/users/{userId}", 200, &detail.json);
        assert_eq!(detail.json["login_types"], json!([100]));
        assert_eq!(detail.json["role_id"], json!("2"));
        assert_eq!(detail.json["role_name"], json!("Member"));
        assert_eq!(detail.json["status"], json!("active"));
        assert_eq!(detail.json["display_name"], json!(room.name));
    }
}

#[tokio::test]
async fn calendar_resources_with_and_without_rooms() {
    let h = business().await;
    let account = h.sim.account();
    let mut assigned = 0;
    let mut calendar_only = 0;
    for service in &account.calendar_services {
        let pages = h
            .walk(&format!(
                "/rooms/calendar/services/{}/resources?page_size=300",
                service.id
            ))
            .await;
        for r in items(&pages, "calendar_resources") {
            match r.get("assigned_room_id") {
                Some(room_id) => {
                    let room = account.room(room_id.as_str().unwrap()).unwrap();
                    assert_eq!(
                        room.calendar_resource_id.as_deref(),
                        r["calendar_resource_id"].as_str()
                    );
                    assigned += 1;
                }
                None => calendar_only += 1,
            }
        }
    }
    let services = h.get("/rooms/calendar/services").await;
    let total: u64 = services.json["calendar_services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["calendar_resource_assigned_number"].as_u64().unwrap())
        .sum();
    assert_eq!(total, assigned);
    assert_eq!(
        assigned as usize,
        account
            .rooms
            .iter()
            .filter(|r| r.calendar_resource_id.is_some())
            .count()
    );
    assert!(assigned >= 1);
    assert!(calendar_only >= 2, "calendar-only rooms");

    // Errors: unknown service; an account with a subscription but no room.
    assert!(
        spec_schema(
            ROOMS,
            "GET",
            "/rooms/calendar/services/{serviceId}/resources",
            404
        )
        .is_none()
    );
    h.get("/rooms/calendar/services/nope/resources")
        .await
        .assert_error(404, 4061, "Calendar service does not exist: nope.");
    let tiny = start(SimConfig {
        plan: Plan::Pro,
        ..config(5)
    })
    .await;
    assert!(tiny.sim.account().rooms.is_empty());
    let empty = tiny.get("/rooms").await;
    conforms_all("/rooms", std::slice::from_ref(&empty));
    assert_eq!(empty.json["rooms"], json!([]));
    let empty = tiny.get("/rooms/locations").await;
    conforms_all("/rooms/locations", std::slice::from_ref(&empty));
    assert_eq!(empty.json["locations"], json!([]));
    for path in [
        "/rooms/calendar/services",
        "/rooms/calendar/services/x/resources",
    ] {
        tiny.get(path)
            .await
            .assert_error(400, 200, "At least one normal Zoom Rooms required.");
    }
}

#[tokio::test]
async fn errors_and_plan_gate() {
    let h = business().await;
    for (path, status) in [
        ("/rooms/{roomId}", 400),
        ("/rooms/{roomId}", 404),
        ("/rooms/{roomId}/devices", 400),
        ("/rooms/locations", 400),
        ("/rooms/locations", 404),
        ("/rooms/calendar/services", 400),
    ] {
        assert!(spec_schema(ROOMS, "GET", path, status).is_none(), "{path}");
    }
    h.get("/rooms/nope")
        .await
        .assert_error(404, 1012, "Room not found: nope.");
    h.get("/rooms/nope/devices")
        .await
        .assert_error(404, 1012, "Room not found: nope.");
    let room = h.sim.account().rooms[0].id.clone();
    h.get(&format!("/rooms/{room}?regenerate_activation_code=true"))
        .await
        .assert_error(
            400,
            200,
            "No permission to regenerate an activation code for a Zoom Room.",
        );
    h.get("/rooms/locations?type=galaxy")
        .await
        .assert_error(400, 300, "Location type not exist.");
    h.get("/rooms/locations?parent_location_id=nowhere")
        .await
        .assert_error(404, 4801, "Location not found:nowhere.");
    h.get("/rooms?status=Busy")
        .await
        .assert_error(400, 300, "Validation Failed.");
    h.get("/rooms?next_page_token=stale").await.assert_error(
        400,
        300,
        "The next page token is invalid or expired.",
    );

    let free = start(SimConfig {
        plan: Plan::Free,
        ..config(60)
    })
    .await;
    assert!(free.sim.account().rooms.is_empty());
    for path in [
        "/rooms",
        "/rooms/x",
        "/rooms/x/devices",
        "/rooms/locations",
        "/rooms/calendar/services",
        "/rooms/calendar/services/x/resources",
    ] {
        free.get(path).await.assert_error(
            400,
            200,
            "Zoom Room subscription not found. Try again after purchasing a Zoom Room subscription.",
        );
    }
    // No room accounts among a Free account's users.
    assert!(
        free.sim
            .account()
            .users
            .iter()
            .all(|u| !u.email.starts_with("room-"))
    );
}
