//! Devices of the five kinds Zoom knows: H.323/SIP endpoints, Zoom Rooms, the devices of Zoom
//! Rooms, Zoom Device Management devices, and the laptops and phones seen joining meetings.

use std::collections::HashMap;

use jiff::Timestamp;
use serde::Serialize;
use zoom_api::wire::{
    CalendarResource, H323Device, MeetingParticipant, RoomDevice, WithRaw, ZdmDevice, ZoomRoom,
};

use crate::value::{hostname, ip_addresses, mac_addresses, non_empty, timestamp};
use crate::{Asset, Record};

/// The five kinds of device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceType {
    /// An H.323 or SIP room system registered with Zoom.
    H323,
    /// A laptop, phone or other client seen joining past meetings.
    MeetingDevice,
    /// A Zoom Room (or, unless excluded, a calendar resource with no room).
    ZoomRoom,
    /// A computer, controller or display of a Zoom Room.
    ZoomRoomDevice,
    /// A device managed by Zoom Device Management.
    Zdm,
}

impl DeviceType {
    /// Every device type, as spelled in `device_type` and `--type`.
    pub const ALL: [DeviceType; 5] = [
        DeviceType::H323,
        DeviceType::MeetingDevice,
        DeviceType::ZoomRoom,
        DeviceType::ZoomRoomDevice,
        DeviceType::Zdm,
    ];

    /// The type's name.
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceType::H323 => "h323",
            DeviceType::MeetingDevice => "meeting_device",
            DeviceType::ZoomRoom => "zoom_room",
            DeviceType::ZoomRoomDevice => "zoom_room_device",
            DeviceType::Zdm => "zdm",
        }
    }

    /// Parses a type name (`zoom_room`, also `zoom-room`).
    pub fn parse(text: &str) -> Option<DeviceType> {
        let text = text.trim().replace('-', "_").to_lowercase();
        DeviceType::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// An operating system as an inventory groups them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Os {
    /// `windows`, `macos`, `ios`, `ipados`, `android`, `linux`, `chromeos`, or Zoom's own name
    /// lowercased when it is none of these.
    #[serde(rename = "type")]
    pub os_type: Option<String>,
    /// The version, when Zoom gives one.
    pub version: Option<String>,
}

/// The normalized device (product contract, `kind = "device"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Device {
    /// Which of the five kinds.
    pub device_type: DeviceType,
    /// The device's name.
    pub name: Option<String>,
    /// Host name, lowercase.
    pub hostname: Option<String>,
    /// MAC addresses, lowercase, colon-separated, deduplicated.
    pub mac_addresses: Vec<String>,
    /// IP addresses.
    pub ip_addresses: Vec<String>,
    /// Operating system.
    pub os: Option<Os>,
    /// Manufacturer or vendor.
    pub manufacturer: Option<String>,
    /// Model.
    pub model: Option<String>,
    /// Serial number.
    pub serial_number: Option<String>,
    /// Version of the Zoom software on it.
    pub app_version: Option<String>,
    /// Status as Zoom reports it, lowercase (`online`, `offline`, `available`, ...).
    pub status: Option<String>,
    /// The Zoom Room it belongs to.
    pub room_id: Option<String>,
    /// Email of the user it belongs to, where Zoom says.
    pub owner_email: Option<String>,
    /// When Zoom last saw it (last join, last online).
    pub last_seen_at: Option<Timestamp>,
}

/// The fields of [`Device`], in declaration order.
pub const FIELD_NAMES: &[&str] = &[
    "device_type",
    "name",
    "hostname",
    "mac_addresses",
    "ip_addresses",
    "os",
    "manufacturer",
    "model",
    "serial_number",
    "app_version",
    "status",
    "room_id",
    "owner_email",
    "last_seen_at",
];

impl Device {
    fn new(device_type: DeviceType) -> Device {
        Device {
            device_type,
            name: None,
            hostname: None,
            mac_addresses: Vec::new(),
            ip_addresses: Vec::new(),
            os: None,
            manufacturer: None,
            model: None,
            serial_number: None,
            app_version: None,
            status: None,
            room_id: None,
            owner_email: None,
            last_seen_at: None,
        }
    }

    /// Whether both a host name and a MAC address are known (the reference adapter's
    /// "Fetch devices only with hostname and MAC address").
    pub fn has_hostname_and_mac(&self) -> bool {
        self.hostname.is_some() && !self.mac_addresses.is_empty()
    }

    fn into_record(self, source_id: String, scope: &str, raw: serde_json::Value) -> Record {
        Record {
            id: format!("{}:{source_id}", self.device_type.as_str()),
            source_id,
            scope: scope.to_owned(),
            asset: Asset::Device(self),
            raw,
        }
    }
}

/// The scope of each device type's listing.
pub fn scope(device_type: DeviceType) -> String {
    format!("devices/{}", device_type.as_str())
}

/// An H.323/SIP device (`GET /h323/devices`).
pub fn h323(device: &WithRaw<H323Device>) -> Option<Record> {
    let item = &device.item;
    let source_id = non_empty(item.id.as_deref())?;
    let mut normalized = Device::new(DeviceType::H323);
    normalized.name = non_empty(Some(&item.name));
    // Zoom gives only a name, an address, the protocol and encryption: the last two stay in
    // `raw`, since neither is a model.
    normalized.ip_addresses = ip_addresses([item.ip.as_str()]);
    Some(normalized.into_record(source_id, &scope(DeviceType::H323), device.raw.clone()))
}

/// A Zoom Room (`GET /rooms`).
pub fn zoom_room(room: &WithRaw<ZoomRoom>) -> Option<Record> {
    let item = &room.item;
    let source_id = non_empty(item.id.as_deref())?;
    let mut normalized = Device::new(DeviceType::ZoomRoom);
    normalized.name = non_empty(item.name.as_deref());
    normalized.status = lowercase(item.status.as_deref());
    normalized.room_id = Some(source_id.clone());
    Some(normalized.into_record(source_id, &scope(DeviceType::ZoomRoom), room.raw.clone()))
}

/// A calendar resource that no Zoom Room uses: a room that exists only in the calendar.
/// Its status is `calendar_only`.
pub fn calendar_room(resource: &WithRaw<CalendarResource>) -> Option<Record> {
    let item = &resource.item;
    let resource_id = non_empty(item.calendar_resource_id.as_deref())?;
    let mut normalized = Device::new(DeviceType::ZoomRoom);
    normalized.name = non_empty(item.calendar_resource_name.as_deref())
        .or_else(|| non_empty(item.calendar_resource_email.as_deref()));
    normalized.status = Some("calendar_only".to_owned());
    Some(normalized.into_record(
        format!("calendar:{resource_id}"),
        &scope(DeviceType::ZoomRoom),
        resource.raw.clone(),
    ))
}

/// A device of a Zoom Room (`GET /rooms/{roomId}/devices`).
pub fn zoom_room_device(device: &WithRaw<RoomDevice>, room_id: &str) -> Option<Record> {
    let item = &device.item;
    let source_id = non_empty(item.id.as_deref())?;
    let mut normalized = Device::new(DeviceType::ZoomRoomDevice);
    let kind = non_empty(item.device_type.as_deref());
    normalized.name = match (non_empty(item.room_name.as_deref()), &kind) {
        (Some(room), Some(kind)) => Some(format!("{room} ({kind})")),
        (room, kind) => room.or_else(|| kind.clone()),
    };
    normalized.hostname = hostname(item.device_hostname.as_deref());
    normalized.mac_addresses = mac_addresses(item.device_mac_addresses.iter().map(String::as_str));
    normalized.ip_addresses = ip_addresses(item.ip_address.as_deref());
    normalized.os = os(item.device_system.as_deref(), None);
    normalized.manufacturer = non_empty(item.device_manufacturer.as_deref());
    normalized.model = non_empty(item.device_model.as_deref());
    normalized.serial_number = non_empty(item.serial_number.as_deref());
    normalized.app_version = non_empty(item.app_version.as_deref());
    normalized.status = lowercase(item.status.as_deref());
    normalized.room_id = non_empty(Some(room_id));
    Some(normalized.into_record(
        source_id,
        &scope(DeviceType::ZoomRoomDevice),
        device.raw.clone(),
    ))
}

/// A Zoom Device Management device (`GET /devices`).
pub fn zdm(device: &WithRaw<ZdmDevice>) -> Option<Record> {
    let item = &device.item;
    let source_id = non_empty(item.device_id.as_deref())?;
    let mut normalized = Device::new(DeviceType::Zdm);
    normalized.name = non_empty(item.device_name.as_deref());
    normalized.mac_addresses = mac_addresses(item.mac_address.as_deref());
    normalized.os = os(item.platform_os.as_deref(), None);
    normalized.manufacturer = non_empty(item.vendor.as_deref());
    normalized.model = non_empty(item.model.as_deref());
    normalized.serial_number = non_empty(item.serial_number.as_deref());
    normalized.app_version = non_empty(item.app_version.as_deref());
    normalized.status = item.device_status.map(|status| {
        match status {
            1 => "online",
            0 => "offline",
            -1 => "unlinked",
            _ => "unknown",
        }
        .to_owned()
    });
    normalized.room_id = non_empty(item.room_id.as_deref());
    normalized.owner_email = email(item.user_email.as_deref());
    normalized.last_seen_at = timestamp(item.last_online.as_deref());
    Some(normalized.into_record(source_id, &scope(DeviceType::Zdm), device.raw.clone()))
}

/// Gathers the devices seen in meeting participants: one record per physical device, keyed by
/// its MAC address, else its host name, however many meetings it joined. The latest join wins
/// for every field (and gives `last_seen_at`); the owner is the latest join that names one; the
/// IP addresses of every join are kept, sorted. The result does not depend on the order in
/// which joins are added.
#[derive(Debug, Default)]
pub struct MeetingDevices {
    by_key: HashMap<String, Seen>,
    /// Joins that named neither a MAC nor a host name: no physical device can be told.
    pub unidentified_joins: u64,
}

#[derive(Debug)]
struct Seen {
    device: Device,
    raw: serde_json::Value,
    /// Orders joins: the latest join wins, and among joins at the same time, the greatest JSON
    /// text, so that the result does not depend on the order the joins arrive in.
    latest: (Option<Timestamp>, String),
    /// The owner's email and the join that gave it: the latest join that named one.
    owner: Option<((Option<Timestamp>, String), String)>,
}

impl MeetingDevices {
    /// Adds one participant's join.
    pub fn add(&mut self, participant: &WithRaw<MeetingParticipant>) {
        let item = &participant.item;
        let macs = mac_addresses(item.mac_addr.as_deref());
        let host = hostname(item.pc_name.as_deref());
        let key = match (macs.first(), &host) {
            (Some(mac), _) => mac.clone(),
            (None, Some(host)) => format!("host:{host}"),
            (None, None) => {
                self.unidentified_joins += 1;
                return;
            }
        };
        let joined = timestamp(item.join_time.as_deref());
        let mut device = Device::new(DeviceType::MeetingDevice);
        device.name = host
            .clone()
            .or_else(|| non_empty(item.device_name.as_deref()));
        device.hostname = host;
        device.mac_addresses = macs;
        device.ip_addresses = ip_addresses(
            item.ip_address
                .as_deref()
                .into_iter()
                .chain(item.internal_ip_addresses.iter().map(String::as_str)),
        );
        device.os = os(
            item.os.as_deref().or(item.device.as_deref()),
            item.os_version.as_deref(),
        );
        device.app_version = non_empty(item.version.as_deref());
        device.last_seen_at = joined;
        let order = (joined, participant.raw.to_string());
        let owner = email(item.email.as_deref()).map(|email| (order.clone(), email));

        match self.by_key.get_mut(&key) {
            None => {
                self.by_key.insert(
                    key,
                    Seen {
                        device,
                        raw: participant.raw.clone(),
                        latest: order,
                        owner,
                    },
                );
            }
            Some(seen) => {
                let mut ips = std::mem::take(&mut seen.device.ip_addresses);
                for ip in &device.ip_addresses {
                    if !ips.contains(ip) {
                        ips.push(ip.clone());
                    }
                }
                if order > seen.latest {
                    seen.device = device;
                    seen.raw = participant.raw.clone();
                    seen.latest = order;
                }
                seen.device.ip_addresses = ips;
                if let Some(owner) = owner
                    && seen.owner.as_ref().is_none_or(|(at, _)| owner.0 > *at)
                {
                    seen.owner = Some(owner);
                }
            }
        }
    }

    /// Adds a device as an earlier run stored it (its record's `source_id`, normalized fields
    /// and raw JSON, which is the latest join's participant), so that a run reading only new
    /// meetings keeps the IP addresses and owner of every join ever read. Adding the same join
    /// again changes nothing, so a run that re-reads old meetings gets the same records.
    /// Returns `false` (and adds nothing) when the raw JSON is not a participant.
    pub fn add_stored(
        &mut self,
        source_id: &str,
        fields: &serde_json::Value,
        raw: &serde_json::Value,
    ) -> bool {
        let Ok(item) = serde_json::from_value::<MeetingParticipant>(raw.clone()) else {
            return false;
        };
        let unidentified = self.unidentified_joins;
        self.add(&WithRaw {
            item,
            raw: raw.clone(),
        });
        self.unidentified_joins = unidentified;
        let Some(seen) = self.by_key.get_mut(source_id) else {
            return false;
        };
        let stored_ips = fields["ip_addresses"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(serde_json::Value::as_str);
        for ip in stored_ips {
            if !seen.device.ip_addresses.iter().any(|known| known == ip) {
                seen.device.ip_addresses.push(ip.to_owned());
            }
        }
        if seen.owner.is_none()
            && let Some(owner) = fields["owner_email"].as_str()
        {
            seen.owner = Some((seen.latest.clone(), owner.to_owned()));
        }
        true
    }

    /// Devices seen so far.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether none was seen.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The records, sorted by id. With `require_hostname_and_mac`, devices lacking either are
    /// left out.
    pub fn into_records(self, require_hostname_and_mac: bool) -> Vec<Record> {
        let scope = scope(DeviceType::MeetingDevice);
        let mut records: Vec<Record> = self
            .by_key
            .into_iter()
            .filter(|(_, seen)| !require_hostname_and_mac || seen.device.has_hostname_and_mac())
            .map(|(key, seen)| {
                let mut device = seen.device;
                device.owner_email = seen.owner.map(|(_, email)| email);
                // Joins arrive in any order: sorted addresses are the same every run.
                device.ip_addresses.sort();
                device.into_record(key, &scope, seen.raw)
            })
            .collect();
        records.sort_by(|a, b| a.id.cmp(&b.id));
        records
    }
}

/// An operating system from Zoom's names (`Win 10`, `Windows`, `macOS 14.5`, `Mac`, `iOS`,
/// `iPadOS 17.4`, `Android 12`, `win`, `mac`, `ipad`, `iphone`, `linux`, ...) and an optional
/// separate version.
pub fn os(name: Option<&str>, version: Option<&str>) -> Option<Os> {
    let name = non_empty(name);
    let mut version = non_empty(version);
    let os_type = name.as_deref().map(|name| {
        let lower = name.to_lowercase();
        let family = if lower.starts_with("win") {
            "windows"
        } else if lower.starts_with("mac") || lower.contains("os x") || lower == "darwin" {
            "macos"
        } else if lower.starts_with("ipados") || lower.starts_with("ipad") {
            "ipados"
        } else if lower.starts_with("ios") || lower.starts_with("iphone") {
            "ios"
        } else if lower.starts_with("android") {
            "android"
        } else if lower.starts_with("chrome") {
            "chromeos"
        } else if lower.starts_with("linux") || lower.starts_with("ubuntu") {
            "linux"
        } else {
            return lower;
        };
        if version.is_none() {
            // "Win 10", "macOS 14.5", "Win10 Build 19043": the version follows the name,
            // spaced or not.
            let mut words = lower.split_whitespace();
            let glued = words
                .next()
                .map(|first| first.trim_start_matches(|c: char| c.is_alphabetic()));
            version = glued
                .into_iter()
                .chain(words)
                .find(|word| word.starts_with(|c: char| c.is_ascii_digit()))
                .map(str::to_owned);
        }
        family.to_owned()
    });
    (os_type.is_some() || version.is_some()).then_some(Os { os_type, version })
}

fn lowercase(text: Option<&str>) -> Option<String> {
    non_empty(text).map(|text| text.to_lowercase())
}

fn email(text: Option<&str>) -> Option<String> {
    non_empty(text)
        .filter(|text| text.contains('@'))
        .map(|text| text.to_lowercase())
}
