//! Zoom Rooms (`fixtures/openapi/zoom-rooms.json`): `GET /rooms`, `GET /rooms/{roomId}`,
//! `GET /rooms/{roomId}/devices`, `GET /rooms/locations`, `GET /rooms/calendar/services`,
//! `GET /rooms/calendar/services/{serviceId}/resources`.
//!
//! The plan gate (no Zoom Rooms subscription on Free) is in the endpoint table. Choices where the
//! spec is silent:
//! - An unknown room on `/rooms/{roomId}/devices` gets the profile's 404 1012 (the devices
//!   operation documents no 404).
//! - Every simulated room is a `ZoomRoom`; `type` filters accordingly. `unassigned_rooms=true`
//!   asks for rooms not assigned to anyone (Personal Zoom Rooms without a user): there are none.
//! - `location_id` on `/rooms` matches rooms anywhere below that location, not only on it.
//! - `regenerate_activation_code=true` gets 400 200 "No permission to regenerate an activation
//!   code for a Zoom Room." (the simulated app only reads); `basic.user_id` is not served: the
//!   spec says it is present for Personal Zoom Rooms only.
//! - Calendar resources not assigned to a room (calendar-only rooms) have no `assigned_room_id`.

use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Serialize;

use super::{Params, json, list_param, zoom_time};
use crate::generate::account::Account;
use crate::generate::rooms::{LocationType, RoomStatus, SimRoom};
use crate::http::error::ZoomError;
use crate::http::paging::PageQuery;
use crate::http::server::AppState;

const DEFAULT_PAGE_SIZE: usize = 30;
const MAX_PAGE_SIZE: usize = 300;
const ROOM_TYPES: &[&str] = &[
    "Kiosk",
    "ZoomRoom",
    "StandaloneWhiteboard",
    "SchedulingDisplayOnly",
    "DigitalSignageOnly",
    "PersonalZoomRoom",
];

#[derive(Serialize)]
struct RoomItem<'a> {
    id: &'a str,
    room_id: &'a str,
    name: &'a str,
    activation_code: &'a str,
    location_id: &'a str,
    status: &'static str,
    tag_ids: &'a [String],
}

#[derive(Serialize)]
struct RoomList<'a> {
    next_page_token: String,
    page_size: usize,
    rooms: Vec<RoomItem<'a>>,
}

/// `GET /rooms`.
pub(super) async fn list_rooms(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let status = params
        .get("status")
        .map(|s| RoomStatus::parse(s).ok_or_else(|| ZoomError::invalid_field("status")))
        .transpose()?;
    let room_type = params.get("type");
    if room_type.is_some_and(|t| !ROOM_TYPES.contains(&t)) {
        return Err(ZoomError::invalid_field("type"));
    }
    let unassigned = params.flag("unassigned_rooms")?;
    let tags = list_param(&params, "tag_ids");
    let location = params.get("location_id");
    let query_name = params.get("query_name").map(str::to_lowercase);
    let page_size = params.page_size(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;

    let account = &state.account();
    // The location and everything below it (parents come before children in the list).
    let under: Option<HashSet<&str>> = location.map(|root| {
        let mut set: HashSet<&str> = HashSet::from([root]);
        for l in &account.locations {
            if set.contains(l.parent_location_id.as_str()) {
                set.insert(l.id.as_str());
            }
        }
        set
    });
    // Every simulated room is a `ZoomRoom` assigned to its room account.
    let any = !unassigned && room_type.is_none_or(|t| t == "ZoomRoom");
    let matching: Vec<&SimRoom> = account
        .rooms
        .iter()
        .filter(|_| any)
        .filter(|r| status.is_none_or(|s| r.status == s))
        .filter(|r| tags.is_empty() || r.tag_ids.iter().any(|t| tags.contains(&t.as_str())))
        .filter(|r| {
            under
                .as_ref()
                .is_none_or(|set| set.contains(r.location_id.as_str()))
        })
        .filter(|r| {
            query_name
                .as_deref()
                .is_none_or(|q| r.name.to_lowercase().contains(q))
        })
        .collect();
    let query = PageQuery {
        fingerprint: format!(
            "GET /rooms?status={}&type={}&unassigned_rooms={unassigned}&tag_ids={}&location_id={}&query_name={}&page_size={page_size}",
            status.map_or("", RoomStatus::as_str),
            room_type.unwrap_or_default(),
            tags.join(","),
            location.unwrap_or_default(),
            query_name.as_deref().unwrap_or_default(),
        ),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number: None,
    };
    let page = state
        .pages
        .page(&query, matching.len(), state.clock.now())?;
    Ok(json(&RoomList {
        rooms: matching[page.range.clone()]
            .iter()
            .map(|r| RoomItem {
                id: &r.id,
                room_id: &r.room_id,
                name: &r.name,
                activation_code: &r.activation_code,
                location_id: &r.location_id,
                status: r.status.as_str(),
                tag_ids: &r.tag_ids,
            })
            .collect(),
        next_page_token: page.next_page_token,
        page_size: page.page_size,
    }))
}

#[derive(Serialize)]
struct Basic<'a> {
    name: &'a str,
    activation_code: &'a str,
    support_email: String,
    support_phone: &'static str,
    room_passcode: &'a str,
    required_code_to_ext: bool,
    hide_room_in_contacts: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    calendar_resource_id: Option<&'a str>,
    zoom_room_type: &'static str,
    location_id: &'a str,
    tag_ids: &'a [String],
    capacity: u32,
    show_room_capacity_on_the_zoom_rooms: bool,
    show_room_capacity_on_the_scheduling_display: bool,
}

#[derive(Serialize)]
struct DeviceProfile<'a> {
    device_profile_id: &'a str,
}

#[derive(Serialize)]
struct CheckIn {
    enable: bool,
}

#[derive(Serialize)]
struct Setup {
    under_construction: bool,
    checkin_and_checkout: CheckIn,
    apply_background_image_to_all_displays: bool,
}

#[derive(Serialize)]
struct RoomProfile<'a> {
    basic: Basic<'a>,
    device: DeviceProfile<'a>,
    setup: Setup,
}

fn find_room<'a>(account: &'a Account, room_id: &str) -> Result<&'a SimRoom, ZoomError> {
    account
        .room(room_id)
        .ok_or_else(|| ZoomError::room_not_found(room_id))
}

/// `GET /rooms/{roomId}`.
pub(super) async fn get_room(
    State(state): State<Arc<AppState>>,
    Path(room_id): Path<String>,
    params: Params,
) -> Result<Response, ZoomError> {
    let regenerate = params.flag("regenerate_activation_code")?;
    let account = state.account();
    let room = find_room(&account, &room_id)?;
    if regenerate {
        return Err(ZoomError::no_permission_to_regenerate());
    }
    Ok(json(&RoomProfile {
        basic: Basic {
            name: &room.name,
            activation_code: &room.activation_code,
            support_email: format!("it-support@{}", account.domain),
            support_phone: "18005550100",
            room_passcode: &room.room_passcode,
            required_code_to_ext: true,
            hide_room_in_contacts: false,
            calendar_resource_id: room.calendar_resource_id.as_deref(),
            zoom_room_type: "ZoomRoom",
            location_id: &room.location_id,
            tag_ids: &room.tag_ids,
            capacity: room.capacity,
            show_room_capacity_on_the_zoom_rooms: false,
            show_room_capacity_on_the_scheduling_display: true,
        },
        device: DeviceProfile {
            device_profile_id: &room.device_profile_id,
        },
        setup: Setup {
            under_construction: room.status == RoomStatus::UnderConstruction,
            checkin_and_checkout: CheckIn { enable: false },
            apply_background_image_to_all_displays: true,
        },
    }))
}

#[derive(Serialize)]
struct DeviceItem<'a> {
    id: &'a str,
    room_name: &'a str,
    device_type: &'static str,
    device_system: &'a str,
    app_version: &'a str,
    status: &'static str,
    device_mac_addresses: &'a [String],
    device_hostname: &'a str,
    device_manufacturer: &'a str,
    device_model: &'a str,
    device_firmware: &'a str,
    ip_address: &'a str,
    serial_number: &'a str,
}

#[derive(Serialize)]
struct DeviceList<'a> {
    devices: Vec<DeviceItem<'a>>,
}

/// `GET /rooms/{roomId}/devices` (not paged).
pub(super) async fn list_room_devices(
    State(state): State<Arc<AppState>>,
    Path(room_id): Path<String>,
) -> Result<Response, ZoomError> {
    let account = state.account();
    let room = find_room(&account, &room_id)?;
    let devices: Vec<DeviceItem<'_>> = room
        .devices
        .iter()
        .map(|d| DeviceItem {
            id: &d.id,
            room_name: &room.name,
            device_type: d.device_type.as_str(),
            device_system: &d.device_system,
            app_version: &d.app_version,
            status: d.status.as_str(),
            device_mac_addresses: &d.mac_addresses,
            device_hostname: &d.hostname,
            device_manufacturer: &d.manufacturer,
            device_model: &d.model,
            device_firmware: &d.firmware,
            ip_address: &d.ip_address,
            serial_number: &d.serial_number,
        })
        .collect();
    Ok(json(&DeviceList { devices }))
}

#[derive(Serialize)]
struct LocationItem<'a> {
    id: &'a str,
    name: &'a str,
    parent_location_id: &'a str,
    #[serde(rename = "type")]
    location_type: &'static str,
}

#[derive(Serialize)]
struct LocationList<'a> {
    locations: Vec<LocationItem<'a>>,
    next_page_token: String,
    page_size: usize,
}

/// `GET /rooms/locations`.
pub(super) async fn list_locations(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let location_type = params
        .get("type")
        .map(|t| LocationType::parse(t).ok_or_else(ZoomError::location_type_not_exist))
        .transpose()?;
    let page_size = params.page_size(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
    let account = &state.account();
    let parent = params.get("parent_location_id");
    if let Some(parent) = parent
        && parent != account.account_id
        && account.location(parent).is_none()
    {
        return Err(ZoomError::location_not_found(parent));
    }
    let matching: Vec<usize> = (0..account.locations.len())
        .filter(|&i| {
            let l = &account.locations[i];
            parent.is_none_or(|p| l.parent_location_id == p)
                && location_type.is_none_or(|t| l.location_type == t)
        })
        .collect();
    let query = PageQuery {
        fingerprint: format!(
            "GET /rooms/locations?parent_location_id={}&type={}&page_size={page_size}",
            parent.unwrap_or_default(),
            location_type.map_or("", LocationType::as_str),
        ),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number: None,
    };
    let page = state
        .pages
        .page(&query, matching.len(), state.clock.now())?;
    Ok(json(&LocationList {
        locations: matching[page.range.clone()]
            .iter()
            .map(|&i| {
                let l = &account.locations[i];
                LocationItem {
                    id: &l.id,
                    name: &l.name,
                    parent_location_id: &l.parent_location_id,
                    location_type: l.location_type.as_str(),
                }
            })
            .collect(),
        next_page_token: page.next_page_token,
        page_size: page.page_size,
    }))
}

#[derive(Serialize)]
struct ServiceItem<'a> {
    calendar_service_id: &'a str,
    calendar_service_name: &'a str,
    calendar_resource_total_number: usize,
    calendar_resource_assigned_number: usize,
    added_date_time: String,
    latest_synced_date_time: String,
}

#[derive(Serialize)]
struct ServiceList<'a> {
    calendar_services: Vec<ServiceItem<'a>>,
}

/// `GET /rooms/calendar/services` (not paged).
pub(super) async fn list_calendar_services(
    State(state): State<Arc<AppState>>,
) -> Result<Response, ZoomError> {
    let account = &state.account();
    if account.rooms.is_empty() {
        return Err(ZoomError::no_normal_zoom_rooms());
    }
    Ok(json(&ServiceList {
        calendar_services: account
            .calendar_services
            .iter()
            .map(|s| ServiceItem {
                calendar_service_id: &s.id,
                calendar_service_name: &s.name,
                calendar_resource_total_number: s.resources.len(),
                calendar_resource_assigned_number: s.assigned_resources(),
                added_date_time: zoom_time(s.added_at),
                latest_synced_date_time: zoom_time(s.latest_synced_at),
            })
            .collect(),
    }))
}

#[derive(Serialize)]
struct ResourceItem<'a> {
    calendar_resource_id: &'a str,
    calendar_resource_email: &'a str,
    calendar_resource_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    assigned_room_id: Option<&'a str>,
    sync_status: &'static str,
}

#[derive(Serialize)]
struct ResourceList<'a> {
    next_page_token: String,
    page_size: usize,
    calendar_resources: Vec<ResourceItem<'a>>,
}

/// `GET /rooms/calendar/services/{serviceId}/resources`.
pub(super) async fn list_calendar_resources(
    State(state): State<Arc<AppState>>,
    Path(service_id): Path<String>,
    params: Params,
) -> Result<Response, ZoomError> {
    let page_size = params.page_size(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
    let account = &state.account();
    if account.rooms.is_empty() {
        return Err(ZoomError::no_normal_zoom_rooms());
    }
    let service = account
        .calendar_service(&service_id)
        .ok_or_else(|| ZoomError::calendar_service_not_found(&service_id))?;
    let query = PageQuery {
        fingerprint: format!(
            "GET /rooms/calendar/services/{}/resources?page_size={page_size}",
            service.id
        ),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number: None,
    };
    let page = state
        .pages
        .page(&query, service.resources.len(), state.clock.now())?;
    Ok(json(&ResourceList {
        calendar_resources: service.resources[page.range.clone()]
            .iter()
            .map(|r| ResourceItem {
                calendar_resource_id: &r.id,
                calendar_resource_email: &r.email,
                calendar_resource_name: &r.name,
                assigned_room_id: r.assigned_room_id.as_deref(),
                sync_status: r.sync_status.as_str(),
            })
            .collect(),
        next_page_token: page.next_page_token,
        page_size: page.page_size,
    }))
}
