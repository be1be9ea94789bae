//! Devices outside Zoom Rooms: H.323/SIP devices (`zoom-meeting-api-2023-07.json`) and Zoom
//! Device Management (`GET /devices`, which no spec file here covers).

use serde::{Deserialize, Serialize};

use super::{PageMeta, lenient};

// ---------------------------------------------------------------------------------------------
// H.323/SIP devices (zoom-meeting-api-2023-07.json, `GET /h323/devices`)

/// An item of `GET /h323/devices` (`devices[]`). The spec requires `name`, `ip`, `protocol` and
/// `encryption`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct H323Device {
    /// Device ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Device name (required).
    pub name: String,
    /// IP address (required).
    pub ip: String,
    /// `H.323` or `SIP` (required).
    pub protocol: String,
    /// `auto`, `yes` or `no` (required).
    pub encryption: String,
}

/// `GET /h323/devices` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct H323DeviceListPage {
    /// Paging fields (`next_page_token`, and the legacy `page_count`, `page_number`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// The devices.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub devices: Vec<H323Device>,
}

// ---------------------------------------------------------------------------------------------
// Zoom Device Management (`GET /devices`; no spec file: fields from Zoom's Node SDK typings
// `DevicesListDevicesResponse`, see NOTES §4.7)

/// One slice of `GET /devices`. Zoom's defaults (`is_enrolled_in_zdm=true`, `device_type=-1`,
/// "all Zoom Room devices (0,1,2,3,4,6)") leave out every device not enrolled in ZDM and every
/// Zoom Phone appliance (type 5), so listing every device takes the four slices of
/// [`ZdmSlice::EVERY`]. Source of the defaults: a tool schema generated from Zoom's spec
/// (`ZOOM_LIST_DEVICES_INPUT`: `@default -1`, `@default true`) and NOTES.md §4.7.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ZdmSlice {
    /// `is_enrolled_in_zdm`.
    pub enrolled_in_zdm: bool,
    /// `device_type`: `-1` (every Zoom Rooms device type) or `5` (Zoom Phone appliances).
    pub device_type: i8,
}

impl ZdmSlice {
    /// What Zoom lists when asked nothing.
    pub const ZOOM_DEFAULTS: ZdmSlice = ZdmSlice {
        enrolled_in_zdm: true,
        device_type: -1,
    };

    /// Together, every device: both enrollments of both device-type groups.
    pub const EVERY: [ZdmSlice; 4] = [
        ZdmSlice::ZOOM_DEFAULTS,
        ZdmSlice {
            enrolled_in_zdm: false,
            device_type: -1,
        },
        ZdmSlice {
            enrolled_in_zdm: true,
            device_type: 5,
        },
        ZdmSlice {
            enrolled_in_zdm: false,
            device_type: 5,
        },
    ];
}

/// An item of `GET /devices` (`devices[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct ZdmDevice {
    /// Device ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub device_id: Option<String>,
    /// Device name.
    #[serde(default)]
    pub device_name: Option<String>,
    /// MAC address.
    #[serde(default)]
    pub mac_address: Option<String>,
    /// Serial number.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub serial_number: Option<String>,
    /// Vendor.
    #[serde(default)]
    pub vendor: Option<String>,
    /// Model.
    #[serde(default)]
    pub model: Option<String>,
    /// `win`, `mac`, `ipad`, `iphone`, `android` or `linux`.
    #[serde(default)]
    pub platform_os: Option<String>,
    /// App version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_version: Option<String>,
    /// Tag.
    #[serde(default)]
    pub tag: Option<String>,
    /// Whether the device is enrolled in ZDM.
    #[serde(default)]
    pub enrolled_in_zdm: Option<bool>,
    /// Whether the device is connected to ZDM.
    #[serde(default)]
    pub connected_to_zdm: Option<bool>,
    /// ID of the room the device is in.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub room_id: Option<String>,
    /// Name of that room.
    #[serde(default)]
    pub room_name: Option<String>,
    /// 0 ZR Computer, 1 ZR Controller, 2 Scheduling Display, 3 ZR Control System,
    /// 4 ZR Whiteboard, 5 Zoom Phone Appliance, 6 ZR Computer (with Controller).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub device_type: Option<i64>,
    /// SDK version, as the list response spells it (`skd_version`, sic).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub skd_version: Option<String>,
    /// SDK version, as `GET /devices/{deviceId}` spells it (read in case the list does too).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub sdk_version: Option<String>,
    /// -1 unlinked, 0 offline, 1 online.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub device_status: Option<i64>,
    /// Last time online.
    #[serde(default)]
    pub last_online: Option<String>,
    /// Email of the user the device is assigned to.
    #[serde(default)]
    pub user_email: Option<String>,
}

/// `GET /devices` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ZdmDeviceListPage {
    /// Paging fields (`next_page_token`, `page_size`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// The devices.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub devices: Vec<ZdmDevice>,
}
