//! Zoom Rooms (`zoom-rooms.json`): rooms and their profiles, room devices, locations,
//! calendar services and resources.

use serde::{Deserialize, Serialize};

use super::{PageMeta, lenient};

/// An item of `GET /rooms` (`rooms[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct ZoomRoom {
    /// The Zoom Room ID: the `{roomId}` of `/rooms/{roomId}` and `/rooms/{roomId}/devices`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// The room ID used by the Dashboard Zoom Room APIs (`/metrics/zoomrooms`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub room_id: Option<String>,
    /// Room name.
    #[serde(default)]
    pub name: Option<String>,
    /// Activation code.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub activation_code: Option<String>,
    /// Location ID (see [`RoomLocation`]).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub location_id: Option<String>,
    /// `Offline`, `Available`, `InMeeting` or `UnderConstruction`.
    #[serde(default)]
    pub status: Option<String>,
    /// Room tag IDs.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub tag_ids: Vec<String>,
}

/// `GET /rooms` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ZoomRoomListPage {
    /// Paging fields (`next_page_token`, `page_size`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// The rooms.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub rooms: Vec<ZoomRoom>,
}

/// An item of `GET /rooms/{roomId}/devices` (`devices[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct RoomDevice {
    /// Device ID, e.g. `{0.0.1.00000000}.{eff76542-…}`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Name of the room the device is in.
    #[serde(default)]
    pub room_name: Option<String>,
    /// `Zoom Rooms Computer`, `Controller`, `Scheduling Display`, `Zoom Rooms Control System`
    /// or `Companion Whiteboard`. Zoom's field name (not `type`).
    #[serde(default)]
    pub device_type: Option<String>,
    /// Operating system, e.g. `Win10 Build 19043.1266`.
    #[serde(default)]
    pub device_system: Option<String>,
    /// App version, e.g. `5.9.1 (2581)`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_version: Option<String>,
    /// `Online` or `Offline`.
    #[serde(default)]
    pub status: Option<String>,
    /// MAC addresses, e.g. `01-23-45-67-89-AB`.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub device_mac_addresses: Vec<String>,
    /// Host name.
    #[serde(default)]
    pub device_hostname: Option<String>,
    /// Manufacturer.
    #[serde(default)]
    pub device_manufacturer: Option<String>,
    /// Model.
    #[serde(default)]
    pub device_model: Option<String>,
    /// Firmware version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub device_firmware: Option<String>,
    /// IP address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// Serial number.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub serial_number: Option<String>,
}

/// `GET /rooms/{roomId}/devices` response (not paginated in the spec).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct RoomDeviceList {
    /// The devices.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub devices: Vec<RoomDevice>,
}

/// An item of `GET /rooms/locations` (`locations[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct RoomLocation {
    /// Location ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Location name.
    #[serde(default)]
    pub name: Option<String>,
    /// ID of the parent location (a floor's building, a building's campus, …).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub parent_location_id: Option<String>,
    /// Zoom's `type`: `country`, `states`, `city`, `campus`, `building` or `floor`.
    #[serde(rename = "type", default)]
    pub location_type: Option<String>,
}

/// `GET /rooms/locations` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct RoomLocationListPage {
    /// Paging fields (`next_page_token`, `page_size`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// The locations.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub locations: Vec<RoomLocation>,
}

/// An item of `GET /rooms/calendar/services` (`calendar_services[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct CalendarService {
    /// Calendar service ID: the `{serviceId}` of its resources.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub calendar_service_id: Option<String>,
    /// Calendar service name (often the account's email).
    #[serde(default)]
    pub calendar_service_name: Option<String>,
    /// Number of calendar resources.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub calendar_resource_total_number: Option<i64>,
    /// Number of calendar resources assigned to a room.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub calendar_resource_assigned_number: Option<i64>,
    /// When the service was added.
    #[serde(default)]
    pub added_date_time: Option<String>,
    /// Last synchronisation.
    #[serde(default)]
    pub latest_synced_date_time: Option<String>,
}

/// `GET /rooms/calendar/services` response (not paginated in the spec).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct CalendarServiceList {
    /// The calendar services.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub calendar_services: Vec<CalendarService>,
}

/// An item of `GET /rooms/calendar/services/{serviceId}/resources` (`calendar_resources[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct CalendarResource {
    /// Calendar resource ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub calendar_resource_id: Option<String>,
    /// The resource's email.
    #[serde(default)]
    pub calendar_resource_email: Option<String>,
    /// The resource's name.
    #[serde(default)]
    pub calendar_resource_name: Option<String>,
    /// ID of the Zoom Room it is assigned to.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub assigned_room_id: Option<String>,
    /// `Success` or `Failed`.
    #[serde(default)]
    pub sync_status: Option<String>,
}

/// `GET /rooms/calendar/services/{serviceId}/resources` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct CalendarResourceListPage {
    /// Paging fields (`next_page_token`, `page_size`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// The calendar resources.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub calendar_resources: Vec<CalendarResource>,
}

/// `GET /rooms/{roomId}`: a Zoom Room's profile. Only `basic` is typed; `device` and `setup`
/// stay in the raw JSON.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct RoomProfile {
    /// The room's basic settings.
    #[serde(default)]
    pub basic: Option<RoomBasic>,
}

impl RoomProfile {
    /// The id of the room's Zoom user account, when Zoom gives one.
    pub fn user_id(&self) -> Option<String> {
        self.basic
            .as_ref()
            .and_then(|basic| basic.user_id.clone())
            .filter(|id| !id.is_empty())
    }
}

/// The `basic` object of a Zoom Room's profile.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct RoomBasic {
    /// The room's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The name shown on displays.
    #[serde(default)]
    pub display_name: Option<String>,
    /// The Zoom user account of the room.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The calendar resource the room uses.
    #[serde(default)]
    pub calendar_resource_id: Option<String>,
    /// `Kiosk`, `ZoomRoom`, `StandaloneWhiteboard`, ...
    #[serde(default)]
    pub zoom_room_type: Option<String>,
    /// The room's location.
    #[serde(default)]
    pub location_id: Option<String>,
    /// Support email shown in the room.
    #[serde(default)]
    pub support_email: Option<String>,
}
