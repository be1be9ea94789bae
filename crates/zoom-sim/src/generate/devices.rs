//! H.323/SIP devices (`GET /h323/devices`, `fixtures/openapi/zoom-meeting-api-2023-07.json`) and
//! Zoom Device Management devices (`GET /devices`; no spec file: the fields NOTES.md §4.7 lists
//! from Zoom's Node SDK typings).
//!
//! Both are drawn from the rooms' random stream right after the rooms and calendars
//! ([`super::rooms::generate`] calls [`h323`] and [`zdm`]), so their order there is part of the
//! account's determinism. ZDM lists some of the rooms' own devices (with the real MAC address
//! that the rooms API may hide) besides desk phones assigned to users.

use std::collections::HashSet;

use fastrand::Rng;
use jiff::Timestamp;

use super::hardware::{MacStyle, format_mac, random_mac, serial};
use super::names::{H323_MODELS, PHONE_APPLIANCES, SITES};
use super::random::{DAY, percent, pick, ts, zoom_id};
use super::rooms::{DeviceStatus, Inputs, RoomDeviceType, SimRoom};
use crate::config::Plan;

/// `protocol` of an H.323/SIP device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum H323Protocol {
    /// `H.323`.
    H323,
    /// `SIP`.
    Sip,
}

impl H323Protocol {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            H323Protocol::H323 => "H.323",
            H323Protocol::Sip => "SIP",
        }
    }
}

/// `encryption` of an H.323/SIP device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum H323Encryption {
    /// `auto`.
    Auto,
    /// `yes`.
    Yes,
    /// `no`.
    No,
}

impl H323Encryption {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            H323Encryption::Auto => "auto",
            H323Encryption::Yes => "yes",
            H323Encryption::No => "no",
        }
    }
}

/// An H.323/SIP device registered on the account (`GET /h323/devices`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimH323Device {
    /// Device ID (16 characters, like the spec's example).
    pub id: String,
    /// Name (at most 64 characters, unique).
    pub name: String,
    /// IP address.
    pub ip: String,
    /// Protocol.
    pub protocol: H323Protocol,
    /// Encryption.
    pub encryption: H323Encryption,
}

/// A device in Zoom Device Management (`GET /devices`), with the fields of NOTES.md §4.7.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimZdmDevice {
    /// Device ID.
    pub device_id: String,
    /// Name.
    pub device_name: String,
    /// MAC address in ZDM's own format (upper-case, colons), which differs from the format the
    /// same device shows in `GET /rooms/{roomId}/devices`.
    pub mac_address: String,
    /// Serial number (the same as the room device's).
    pub serial_number: String,
    /// Vendor.
    pub vendor: String,
    /// Model.
    pub model: String,
    /// Platform: `win`, `mac`, `ipad`, `iphone`, `android` or `linux` (the `platform_os` query
    /// parameter's values).
    pub platform_os: String,
    /// App or firmware version.
    pub app_version: String,
    /// Tag, if any.
    pub tag: Option<String>,
    /// Whether the device is enrolled in ZDM.
    pub enrolled_in_zdm: bool,
    /// Whether it is connected to ZDM.
    pub connected_to_zdm: bool,
    /// The Zoom Room it belongs to (`id` of the room), if any.
    pub room_id: Option<String>,
    /// That room's name.
    pub room_name: Option<String>,
    /// 0 ZR computer, 1 ZR controller, 2 scheduling display, 3 ZR control system, 4 ZR
    /// whiteboard, 5 Zoom Phone appliance, 6 ZR computer (with controller).
    pub device_type: u8,
    /// SDK version (served as `skd_version`, sic).
    pub sdk_version: String,
    /// -1 unlinked, 0 offline, 1 online.
    pub device_status: i8,
    /// When the device was last online.
    pub last_online: Option<Timestamp>,
    /// The user a phone appliance is assigned to.
    pub user_email: Option<String>,
}

/// A person who can be given a desk phone (phone appliance in ZDM).
#[derive(Debug, Clone)]
pub(crate) struct PhoneOwner {
    pub(crate) email: String,
    pub(crate) display_name: String,
}

/// One device of a room with its real MAC (ZDM shows the real one even when the rooms API
/// reports none) and ZDM attributes.
pub(crate) struct DeviceExtra {
    pub(crate) mac: [u8; 6],
    pub(crate) platform_os: &'static str,
    pub(crate) appliance: bool,
}

/// About one H.323/SIP device per 100 users (at least 1) on paid plans, named after the rooms.
pub(crate) fn h323(rng: &mut Rng, input: &Inputs<'_>) -> Vec<SimH323Device> {
    if input.plan == Plan::Free {
        return Vec::new();
    }
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let count = (input.users / 100).max(1);
    let mut names = HashSet::with_capacity(count);
    (0..count)
        .map(|k| {
            let &(model, sip) = pick(rng, H323_MODELS);
            let place = match input.plans.get(k) {
                Some(plan) => plan.name.clone(),
                None => format!("{} Conference", SITES[k % SITES.len()].1),
            };
            let mut name = format!("{place} {model}");
            let mut n = 2;
            while !names.insert(name.clone()) {
                name = format!("{place} {model} {n}");
                n += 1;
            }
            let ip = if percent(rng, 70) {
                format!("10.{}.{}.{}", rng.u8(10..20), rng.u8(0..60), rng.u8(2..250))
            } else {
                format!("203.0.113.{}", rng.u8(2..250))
            };
            SimH323Device {
                id: (0..16)
                    .map(|_| char::from(ALNUM[rng.usize(..ALNUM.len())]))
                    .collect(),
                name,
                ip,
                protocol: if sip {
                    H323Protocol::Sip
                } else {
                    H323Protocol::H323
                },
                encryption: match rng.u32(0..10) {
                    0..6 => H323Encryption::Auto,
                    6..9 => H323Encryption::Yes,
                    _ => H323Encryption::No,
                },
            }
        })
        .collect()
}

/// ZDM: about one device per 20 users (at least 2) on paid plans: room devices enrolled in ZDM
/// (the same physical devices the rooms API lists) and Zoom Phone desk phones assigned to users;
/// about one in ten is not enrolled (listed only with `is_enrolled_in_zdm=false`).
pub(crate) fn zdm(
    rng: &mut Rng,
    input: &Inputs<'_>,
    rooms: &[SimRoom],
    extras: &[Vec<DeviceExtra>],
) -> Vec<SimZdmDevice> {
    if input.plan == Plan::Free {
        return Vec::new();
    }
    let now = input.now;
    let target = input.zdm_devices.unwrap_or((input.users / 20).max(2));
    let mut candidates: Vec<(usize, usize)> = rooms
        .iter()
        .enumerate()
        .flat_map(|(r, room)| (0..room.devices.len()).map(move |d| (r, d)))
        .collect();
    rng.shuffle(&mut candidates);
    let from_rooms = candidates.len().min(target * 65 / 100 + 1).min(target);
    candidates.truncate(from_rooms);
    candidates.sort_unstable();
    let phones = if input.phone_owners.is_empty() {
        0
    } else {
        target - from_rooms
    };
    let unenrolled_every = if target >= 5 { 10 } else { usize::MAX };
    let mut out = Vec::with_capacity(from_rooms + phones);
    for (k, &(r, d)) in candidates.iter().enumerate() {
        let room = &rooms[r];
        let device = &room.devices[d];
        let extra = &extras[r][d];
        let enrolled = !(k + 1).is_multiple_of(unenrolled_every);
        let online = enrolled && device.status == DeviceStatus::Online;
        let device_type = match device.device_type {
            RoomDeviceType::ZoomRoomsComputer if extra.appliance => 6,
            RoomDeviceType::ZoomRoomsComputer => 0,
            RoomDeviceType::Controller => 1,
            RoomDeviceType::SchedulingDisplay => 2,
            RoomDeviceType::ZoomRoomsControlSystem => 3,
            RoomDeviceType::CompanionWhiteboard => 4,
        };
        let build = device
            .app_version
            .split(['(', ')'])
            .nth(1)
            .unwrap_or("4000");
        out.push(SimZdmDevice {
            device_id: zoom_id(rng),
            device_name: device.hostname.clone(),
            mac_address: format_mac(extra.mac, MacStyle::UpperColon),
            serial_number: device.serial_number.clone(),
            vendor: device.manufacturer.clone(),
            model: device.model.clone(),
            platform_os: extra.platform_os.to_owned(),
            app_version: device.app_version.clone(),
            tag: percent(rng, 30).then(|| "Conference Room".to_owned()),
            enrolled_in_zdm: enrolled,
            connected_to_zdm: online,
            room_id: Some(room.id.clone()),
            room_name: Some(room.name.clone()),
            device_type,
            sdk_version: format!("5.17.11.{build}"),
            device_status: zdm_status(enrolled, online),
            last_online: Some(last_online(rng, online, now)),
            user_email: None,
        });
    }
    for k in 0..phones {
        let owner = pick(rng, input.phone_owners);
        let &(vendor, model) = pick(rng, PHONE_APPLIANCES);
        let enrolled = !(from_rooms + k + 1).is_multiple_of(unenrolled_every);
        let online = enrolled && percent(rng, 85);
        out.push(SimZdmDevice {
            device_id: zoom_id(rng),
            device_name: format!("{vendor} {model} - {}", owner.display_name),
            mac_address: format_mac(random_mac(rng), MacStyle::UpperColon),
            serial_number: serial(rng, vendor),
            vendor: vendor.to_owned(),
            model: model.to_owned(),
            platform_os: if vendor == "Yealink" {
                "android"
            } else {
                "linux"
            }
            .to_owned(),
            app_version: format!("{}.{}.{}", rng.u8(5..9), rng.u8(0..20), rng.u8(0..100)),
            tag: percent(rng, 20).then(|| "Desk Phone".to_owned()),
            enrolled_in_zdm: enrolled,
            connected_to_zdm: online,
            room_id: None,
            room_name: None,
            device_type: 5,
            sdk_version: format!("5.{}.{}", rng.u8(10..20), rng.u16(1000..9999)),
            device_status: zdm_status(enrolled, online),
            last_online: Some(last_online(rng, online, now)),
            user_email: Some(owner.email.clone()),
        });
    }
    out
}

/// ZDM's `device_status`: -1 not enrolled, 1 online, 0 offline.
fn zdm_status(enrolled: bool, online: bool) -> i8 {
    match (enrolled, online) {
        (false, _) => -1,
        (true, true) => 1,
        (true, false) => 0,
    }
}

/// When a device was last online: within the hour if it is online now, else 1 to 30 days ago.
fn last_online(rng: &mut Rng, online: bool, now: i64) -> Timestamp {
    ts(if online {
        now - rng.i64(30..3600)
    } else {
        now - rng.i64(DAY..30 * DAY)
    })
}
