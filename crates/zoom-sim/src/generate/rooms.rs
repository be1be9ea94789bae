//! Zoom Rooms with their devices, the location hierarchy they sit in, and the calendar resources
//! they are booked through (`fixtures/openapi/zoom-rooms.json`).
//!
//! Generated in two steps so that every Zoom Room has a user account in `Account::users`:
//! [`plan`] picks the locations and the rooms' names before the users are generated (the room
//! accounts are users), and [`generate`] builds the rooms, their devices and the calendars
//! afterwards, then lets `devices.rs` draw the H.323 and ZDM devices from the same stream.
//! Each step has its own `fastrand::Rng` derived from the seed, so the users' random stream does
//! not depend on how many rooms there are.

use std::collections::HashSet;

use fastrand::Rng;
use jiff::Timestamp;

use super::devices::{self, DeviceExtra, PhoneOwner, SimH323Device, SimZdmDevice};
use super::hardware::{random_mac, serial, served_macs};
use super::names::{
    CALENDAR_ONLY_RESOURCES, LOCATION_LABELS, ROOM_APP_VERSIONS, ROOM_COMPUTERS, ROOM_NAMES,
    ROOM_TABLETS, SITES,
};
use super::random::{DAY, YEAR, between, digits, percent, pick, push_hex, ts, uuid, zoom_id};
use crate::config::Plan;

/// Seeds of this module's random streams (XORed with the config seed).
const PLAN_STREAM: u64 = 0x524f_4f4d_504c_414e; // "ROOMPLAN"
const ROOM_STREAM: u64 = 0x524f_4f4d_4745_4e00; // "ROOMGEN"

/// The type of a Zoom Rooms location (`type` of `GET /rooms/locations`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LocationType {
    /// `country`: top level; its parent is the account.
    Country,
    /// `states`.
    States,
    /// `city`.
    City,
    /// `campus`.
    Campus,
    /// `building`.
    Building,
    /// `floor`: where rooms are.
    Floor,
}

impl LocationType {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LocationType::Country => "country",
            LocationType::States => "states",
            LocationType::City => "city",
            LocationType::Campus => "campus",
            LocationType::Building => "building",
            LocationType::Floor => "floor",
        }
    }

    /// Parses the wire value (exact).
    #[must_use]
    pub fn parse(s: &str) -> Option<LocationType> {
        [
            LocationType::Country,
            LocationType::States,
            LocationType::City,
            LocationType::Campus,
            LocationType::Building,
            LocationType::Floor,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }
}

/// A Zoom Rooms location (a node of the location hierarchy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimLocation {
    /// 22-character ID.
    pub id: String,
    /// Name, e.g. `United States`, `San Jose`, `Building 2`, `Floor 3`.
    pub name: String,
    /// The parent location's ID; for a country, the account ID (as the spec says).
    pub parent_location_id: String,
    /// Level in the hierarchy.
    pub location_type: LocationType,
}

/// `status` of a Zoom Room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoomStatus {
    /// `Offline`.
    Offline,
    /// `Available`.
    Available,
    /// `InMeeting`.
    InMeeting,
    /// `UnderConstruction`.
    UnderConstruction,
}

impl RoomStatus {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RoomStatus::Offline => "Offline",
            RoomStatus::Available => "Available",
            RoomStatus::InMeeting => "InMeeting",
            RoomStatus::UnderConstruction => "UnderConstruction",
        }
    }

    /// Parses the wire value (exact).
    #[must_use]
    pub fn parse(s: &str) -> Option<RoomStatus> {
        [
            RoomStatus::Offline,
            RoomStatus::Available,
            RoomStatus::InMeeting,
            RoomStatus::UnderConstruction,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }
}

/// `device_type` of a Zoom Rooms device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoomDeviceType {
    /// `Zoom Rooms Computer` (a PC, Mac or Android appliance running Zoom Rooms).
    ZoomRoomsComputer,
    /// `Controller` (tablet).
    Controller,
    /// `Scheduling Display` (tablet outside the room).
    SchedulingDisplay,
    /// `Zoom Rooms Control System`.
    ZoomRoomsControlSystem,
    /// `Companion Whiteboard`.
    CompanionWhiteboard,
}

impl RoomDeviceType {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RoomDeviceType::ZoomRoomsComputer => "Zoom Rooms Computer",
            RoomDeviceType::Controller => "Controller",
            RoomDeviceType::SchedulingDisplay => "Scheduling Display",
            RoomDeviceType::ZoomRoomsControlSystem => "Zoom Rooms Control System",
            RoomDeviceType::CompanionWhiteboard => "Companion Whiteboard",
        }
    }
}

/// `status` of a Zoom Rooms device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceStatus {
    /// `Online`.
    Online,
    /// `Offline`.
    Offline,
}

impl DeviceStatus {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceStatus::Online => "Online",
            DeviceStatus::Offline => "Offline",
        }
    }
}

/// A device of a Zoom Room, as `GET /rooms/{roomId}/devices` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimRoomDevice {
    /// Device ID (`{0.0.1.00000000}.{uuid}` for computers, an upper-case UUID for tablets).
    pub id: String,
    /// Device type.
    pub device_type: RoomDeviceType,
    /// Operating system, e.g. `Win 10`, `macOS 14.5`, `Android 12`, `iPadOS 17.4`.
    pub device_system: String,
    /// Zoom Rooms app version, e.g. `6.2.0 (4512)`.
    pub app_version: String,
    /// Online or offline.
    pub status: DeviceStatus,
    /// MAC addresses exactly as served: formats vary between devices (`00:1A:2B:3C:4D:5E`,
    /// `00-1a-2b-3c-4d-5e`, `001A.2B3C.4D5E`, ...); a few devices report `00:00:00:00:00:00`
    /// or nothing at all.
    pub mac_addresses: Vec<String>,
    /// Host name.
    pub hostname: String,
    /// Manufacturer, e.g. `Dell`, `Apple`, `Neat`.
    pub manufacturer: String,
    /// Model.
    pub model: String,
    /// Firmware version.
    pub firmware: String,
    /// IP address (private).
    pub ip_address: String,
    /// Serial number.
    pub serial_number: String,
}

/// A Zoom Room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimRoom {
    /// The Zoom Room ID (`id`; the path parameter of `/rooms/{roomId}`).
    pub id: String,
    /// The ID for the Dashboard Zoom Room APIs (`room_id`).
    pub room_id: String,
    /// Name, e.g. `SJC B2-3F Orion`.
    pub name: String,
    /// Activation code, e.g. `1315-2376-2198-7926`.
    pub activation_code: String,
    /// The floor location the room is on.
    pub location_id: String,
    /// Status.
    pub status: RoomStatus,
    /// Room tag IDs (32 hex digits each).
    pub tag_ids: Vec<String>,
    /// The room's Zoom Rooms user account (a user in `Account::users`).
    pub user_id: String,
    /// That user's e-mail address (`room-<slug>@<domain>`).
    pub user_email: String,
    /// In-room capacity.
    pub capacity: u32,
    /// The calendar resource assigned to the room, if any.
    pub calendar_resource_id: Option<String>,
    /// The room passcode (digits).
    pub room_passcode: String,
    /// The device profile ID.
    pub device_profile_id: String,
    /// Devices: one Zoom Rooms computer first, then 1-2 controllers, sometimes a scheduling
    /// display or a companion whiteboard.
    pub devices: Vec<SimRoomDevice>,
}

/// `sync_status` of a calendar resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyncStatus {
    /// `Success`.
    Success,
    /// `Failed`.
    Failed,
}

impl SyncStatus {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SyncStatus::Success => "Success",
            SyncStatus::Failed => "Failed",
        }
    }
}

/// A calendar resource (a bookable room mailbox) of a calendar service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimCalendarResource {
    /// 22-character ID.
    pub id: String,
    /// The resource's e-mail address.
    pub email: String,
    /// The resource's name.
    pub name: String,
    /// The Zoom Room it is assigned to (`assigned_room_id` = the room's `id`); `None` for
    /// calendar-only rooms without Zoom Rooms hardware (the field is then not served).
    pub assigned_room_id: Option<String>,
    /// Sync status.
    pub sync_status: SyncStatus,
}

/// A calendar service (Exchange, Google, ...) connected to Zoom Rooms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimCalendarService {
    /// 22-character ID.
    pub id: String,
    /// Name (the service account's e-mail address, as in the spec's example).
    pub name: String,
    /// When the service was added.
    pub added_at: Timestamp,
    /// When it last synced.
    pub latest_synced_at: Timestamp,
    /// Its resources.
    pub resources: Vec<SimCalendarResource>,
}

impl SimCalendarService {
    /// `calendar_resource_assigned_number`: resources assigned to a Zoom Room.
    #[must_use]
    pub fn assigned_resources(&self) -> usize {
        self.resources
            .iter()
            .filter(|r| r.assigned_room_id.is_some())
            .count()
    }
}

/// How many Zoom Rooms the account has: none on Free (no Zoom Rooms subscription); about one per
/// 50 users, at least 2, on accounts of 20 users or more; one on accounts of 10 to 19 users.
pub(crate) fn room_count(users: usize, plan: Plan) -> usize {
    if plan == Plan::Free {
        0
    } else if users >= 20 {
        (users / 50).max(2)
    } else {
        users / 10
    }
}

/// A room decided before the users are generated.
#[derive(Debug, Clone)]
pub(crate) struct RoomPlan {
    pub(crate) name: String,
    pub(crate) slug: String,
    /// Index into `SITES`.
    pub(crate) site: usize,
    /// Index into the locations (a floor).
    pub(crate) floor: usize,
    /// Building and floor numbers (for IP addresses).
    pub(crate) building: u8,
    pub(crate) floor_number: u8,
}

impl RoomPlan {
    /// The city of the room (for its user account's `location`).
    pub(crate) fn city(&self) -> &'static str {
        SITES[self.site].1
    }
}

fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// The location hierarchy and the rooms' names and floors.
pub(crate) fn plan(seed: u64, account_id: &str, rooms: usize) -> (Vec<SimLocation>, Vec<RoomPlan>) {
    let mut rng = Rng::with_seed(seed ^ PLAN_STREAM);
    let mut locations: Vec<SimLocation> = Vec::new();
    let mut plans = Vec::with_capacity(rooms);
    if rooms == 0 {
        return (locations, plans);
    }
    let sites = rooms.div_ceil(6).clamp(1, SITES.len());
    fn add(
        locations: &mut Vec<SimLocation>,
        rng: &mut Rng,
        name: String,
        parent: &str,
        location_type: LocationType,
    ) -> usize {
        locations.push(SimLocation {
            id: zoom_id(rng),
            name,
            parent_location_id: parent.to_owned(),
            location_type,
        });
        locations.len() - 1
    }
    // Per site: the floors, with their building and floor numbers.
    let mut site_floors: Vec<Vec<(usize, u8, u8)>> = Vec::with_capacity(sites);
    let mut countries: Vec<(&str, usize)> = Vec::new();
    let mut states: Vec<(&str, usize)> = Vec::new();
    for &(code, city, state, country, _) in &SITES[..sites] {
        let country_ix = match countries.iter().find(|(c, _)| *c == country) {
            Some(&(_, ix)) => ix,
            None => {
                let ix = add(
                    &mut locations,
                    &mut rng,
                    country.to_owned(),
                    account_id,
                    LocationType::Country,
                );
                countries.push((country, ix));
                ix
            }
        };
        let state_ix = match states.iter().find(|(s, _)| *s == state) {
            Some(&(_, ix)) => ix,
            None => {
                let parent = locations[country_ix].id.clone();
                let ix = add(
                    &mut locations,
                    &mut rng,
                    state.to_owned(),
                    &parent,
                    LocationType::States,
                );
                states.push((state, ix));
                ix
            }
        };
        let parent = locations[state_ix].id.clone();
        let city_ix = add(
            &mut locations,
            &mut rng,
            city.to_owned(),
            &parent,
            LocationType::City,
        );
        let parent = locations[city_ix].id.clone();
        let campus_ix = add(
            &mut locations,
            &mut rng,
            format!("{code} Campus"),
            &parent,
            LocationType::Campus,
        );
        let rooms_here = rooms / sites + 1;
        let buildings = (rooms_here / 25 + 1).min(3);
        let mut floors = Vec::new();
        for b in 1..=buildings {
            let parent = locations[campus_ix].id.clone();
            let building_ix = add(
                &mut locations,
                &mut rng,
                format!("Building {b}"),
                &parent,
                LocationType::Building,
            );
            let parent = locations[building_ix].id.clone();
            for f in 1..=rng.u8(2..=5) {
                let floor_ix = add(
                    &mut locations,
                    &mut rng,
                    format!("Floor {f}"),
                    &parent,
                    LocationType::Floor,
                );
                floors.push((floor_ix, u8::try_from(b).unwrap_or(1), f));
            }
        }
        site_floors.push(floors);
    }
    let mut names: HashSet<String> = HashSet::with_capacity(rooms);
    for j in 0..rooms {
        let site = j % sites;
        let &(floor, building, floor_number) = pick(&mut rng, &site_floors[site]);
        let base = format!(
            "{} B{building}-{floor_number}F {}",
            SITES[site].0,
            pick(&mut rng, ROOM_NAMES)
        );
        let mut name = base.clone();
        let mut k = 2;
        while !names.insert(name.clone()) {
            name = format!("{base} {k}");
            k += 1;
        }
        plans.push(RoomPlan {
            slug: slugify(&name),
            name,
            site,
            floor,
            building,
            floor_number,
        });
    }
    (locations, plans)
}

/// What the account's user generator provides for each room: its user account.
#[derive(Debug, Clone)]
pub(crate) struct RoomAccount {
    pub(crate) user_id: String,
    pub(crate) email: String,
}

/// A room's Zoom Rooms computer, as meetings see it when the room joins (one per room, in room
/// order).
#[derive(Debug, Clone)]
pub(crate) struct RoomComputer {
    /// `location` of the room's participants, e.g. `San Jose (US)`.
    pub(crate) location: &'static str,
    /// The computer's (private) IP address.
    pub(crate) ip: String,
    pub(crate) hostname: String,
    pub(crate) mac: [u8; 6],
    /// Participants' `device`: `Windows`, `Mac` or `Android`.
    pub(crate) device: &'static str,
    pub(crate) os_version: &'static str,
}

pub(crate) struct Generated {
    pub(crate) rooms: Vec<SimRoom>,
    pub(crate) calendar_services: Vec<SimCalendarService>,
    pub(crate) h323_devices: Vec<SimH323Device>,
    pub(crate) zdm_devices: Vec<SimZdmDevice>,
    pub(crate) room_computers: Vec<RoomComputer>,
}

/// What [`generate`] needs from the account.
pub(crate) struct Inputs<'a> {
    pub(crate) seed: u64,
    pub(crate) users: usize,
    pub(crate) plan: Plan,
    pub(crate) now: i64,
    pub(crate) domain: &'a str,
    pub(crate) plans: &'a [RoomPlan],
    pub(crate) locations: &'a [SimLocation],
    pub(crate) accounts: &'a [RoomAccount],
    pub(crate) phone_owners: &'a [PhoneOwner],
    /// ZDM devices wanted instead of about one per 20 users ([`crate::SimConfig::zdm_devices`]).
    pub(crate) zdm_devices: Option<usize>,
}

pub(crate) fn generate(input: &Inputs<'_>) -> Generated {
    let mut rng = Rng::with_seed(input.seed ^ ROOM_STREAM);
    let now = input.now;
    let tags: Vec<String> = (0..4)
        .map(|_| {
            let mut t = String::with_capacity(32);
            push_hex(&mut rng, &mut t, 32);
            t
        })
        .collect();
    let mut rooms = Vec::with_capacity(input.plans.len());
    let mut extras: Vec<Vec<DeviceExtra>> = Vec::with_capacity(input.plans.len());
    let mut room_computers = Vec::with_capacity(input.plans.len());
    for (j, (plan, account)) in input.plans.iter().zip(input.accounts).enumerate() {
        let status = match rng.u32(0..100) {
            0..60 => RoomStatus::Available,
            60..78 => RoomStatus::InMeeting,
            78..95 => RoomStatus::Offline,
            _ => RoomStatus::UnderConstruction,
        };
        let online = matches!(status, RoomStatus::Available | RoomStatus::InMeeting);
        let app_version = (*pick(&mut rng, ROOM_APP_VERSIONS)).to_owned();
        let subnet = format!(
            "10.{}.{}",
            plan.site + 10,
            u32::from(plan.building) * 10 + u32::from(plan.floor_number)
        );
        let mut devices = Vec::new();
        let mut device_extras = Vec::new();
        // The computer.
        let &(manufacturer, model, system, platform_os, appliance) = pick(&mut rng, ROOM_COMPUTERS);
        let hostname = if appliance {
            let mut h = format!("{}-", model.replace(' ', ""));
            push_hex(&mut rng, &mut h, 4);
            h.to_uppercase()
        } else if manufacturer == "Apple" {
            format!("{}-zr", plan.slug)
        } else {
            format!("{}-ZR-{:04}", SITES[plan.site].0, j + 1)
        };
        let mac = random_mac(&mut rng);
        let second_mac = (!appliance && percent(&mut rng, 40)).then(|| random_mac(&mut rng));
        let computer_ip = format!("{subnet}.{}", rng.u8(10..60));
        let device_status = |rng: &mut Rng| {
            if online && percent(rng, 95) {
                DeviceStatus::Online
            } else {
                DeviceStatus::Offline
            }
        };
        let computer_id = if appliance {
            uuid(&mut rng).to_uppercase()
        } else {
            format!("{{0.0.1.00000000}}.{{{}}}", uuid(&mut rng))
        };
        devices.push(SimRoomDevice {
            id: computer_id,
            device_type: RoomDeviceType::ZoomRoomsComputer,
            device_system: system.to_owned(),
            app_version: app_version.clone(),
            status: device_status(&mut rng),
            mac_addresses: served_macs(&mut rng, &[Some(mac), second_mac]),
            hostname: hostname.clone(),
            manufacturer: manufacturer.to_owned(),
            model: model.to_owned(),
            firmware: format!("{}.{}.{}", rng.u8(1..3), rng.u8(0..30), rng.u8(0..10)),
            ip_address: computer_ip.clone(),
            serial_number: serial(&mut rng, manufacturer),
        });
        device_extras.push(DeviceExtra {
            mac,
            platform_os,
            appliance,
        });
        room_computers.push(RoomComputer {
            location: LOCATION_LABELS[SITES[plan.site].4],
            ip: computer_ip,
            hostname,
            mac,
            device: match platform_os {
                "win" => "Windows",
                "mac" => "Mac",
                _ => "Android",
            },
            os_version: match platform_os {
                "win" => "10.0.19045",
                "mac" => "14.5",
                _ => "12",
            },
        });
        // Controllers, a scheduling display, sometimes a whiteboard.
        let controllers = if percent(&mut rng, 30) { 2 } else { 1 };
        let mut tablets = vec![RoomDeviceType::Controller; controllers];
        if percent(&mut rng, 40) {
            tablets.push(RoomDeviceType::SchedulingDisplay);
        }
        if percent(&mut rng, 4) {
            tablets.push(RoomDeviceType::CompanionWhiteboard);
        }
        if percent(&mut rng, 2) {
            tablets.push(RoomDeviceType::ZoomRoomsControlSystem);
        }
        for (k, device_type) in tablets.into_iter().enumerate() {
            let &(manufacturer, model, system, platform_os) = pick(&mut rng, ROOM_TABLETS);
            let mac = random_mac(&mut rng);
            let short = plan.name.rsplit(' ').next().unwrap_or("Room");
            let hostname = match device_type {
                RoomDeviceType::Controller if manufacturer == "Apple" => {
                    format!("{short}'s iPad")
                }
                RoomDeviceType::SchedulingDisplay => {
                    format!("{}-SD{}", SITES[plan.site].0, j + 1)
                }
                _ => format!("{}-{}{}", model.replace(' ', ""), short, k + 1),
            };
            devices.push(SimRoomDevice {
                id: uuid(&mut rng).to_uppercase(),
                device_type,
                device_system: system.to_owned(),
                app_version: app_version.clone(),
                status: device_status(&mut rng),
                mac_addresses: served_macs(&mut rng, &[Some(mac)]),
                hostname,
                manufacturer: manufacturer.to_owned(),
                model: model.to_owned(),
                firmware: format!("{}.{}", rng.u8(1..12), rng.u8(0..10)),
                ip_address: format!("{subnet}.{}", rng.u8(60..250)),
                serial_number: serial(&mut rng, manufacturer),
            });
            device_extras.push(DeviceExtra {
                mac,
                platform_os,
                appliance: false,
            });
        }
        let tag_ids = match rng.u32(0..100) {
            0..35 => Vec::new(),
            35..80 => vec![pick(&mut rng, &tags).clone()],
            _ => {
                let a = rng.usize(..tags.len());
                vec![tags[a].clone(), tags[(a + 1) % tags.len()].clone()]
            }
        };
        let capacity = if plan.name.contains("Huddle") {
            4
        } else {
            rng.u32(4..=20)
        };
        rooms.push(SimRoom {
            id: zoom_id(&mut rng),
            room_id: zoom_id(&mut rng),
            name: plan.name.clone(),
            activation_code: format!(
                "{}-{}-{}-{}",
                digits(&mut rng, 4),
                digits(&mut rng, 4),
                digits(&mut rng, 4),
                digits(&mut rng, 4)
            ),
            location_id: input.locations[plan.floor].id.clone(),
            status,
            tag_ids,
            user_id: account.user_id.clone(),
            user_email: account.email.clone(),
            capacity,
            calendar_resource_id: None,
            room_passcode: digits(&mut rng, 6),
            device_profile_id: zoom_id(&mut rng),
            devices,
        });
        extras.push(device_extras);
    }

    let calendar_services = calendars(&mut rng, input, &mut rooms, now);
    // The devices continue this stream: their place here is part of the account's determinism.
    let h323_devices = devices::h323(&mut rng, input);
    let zdm_devices = devices::zdm(&mut rng, input, &rooms, &extras);
    Generated {
        rooms,
        calendar_services,
        h323_devices,
        zdm_devices,
        room_computers,
    }
}

fn calendars(
    rng: &mut Rng,
    input: &Inputs<'_>,
    rooms: &mut [SimRoom],
    now: i64,
) -> Vec<SimCalendarService> {
    if rooms.is_empty() {
        return Vec::new();
    }
    let mut services = vec![SimCalendarService {
        id: zoom_id(rng),
        name: format!("zoomrooms-exchange@{}", input.domain),
        added_at: ts(between(rng, now - 3 * YEAR, now - YEAR)),
        latest_synced_at: ts(now - rng.i64(60..7200)),
        resources: Vec::new(),
    }];
    if rooms.len() >= 10 && percent(rng, 50) {
        services.push(SimCalendarService {
            id: zoom_id(rng),
            name: format!("zr-google-calendar@{}", input.domain),
            added_at: ts(between(rng, now - YEAR, now - 30 * DAY)),
            latest_synced_at: ts(now - rng.i64(60..7200)),
            resources: Vec::new(),
        });
    }
    let sync = |rng: &mut Rng| {
        if percent(rng, 95) {
            SyncStatus::Success
        } else {
            SyncStatus::Failed
        }
    };
    for (j, room) in rooms.iter_mut().enumerate() {
        if !percent(rng, 85) {
            continue;
        }
        let service = if services.len() > 1 && percent(rng, 30) {
            1
        } else {
            0
        };
        let id = zoom_id(rng);
        room.calendar_resource_id = Some(id.clone());
        services[service].resources.push(SimCalendarResource {
            id,
            email: format!("rm-{}@{}", input.plans[j].slug, input.domain),
            name: room.name.clone(),
            assigned_room_id: Some(room.id.clone()),
            sync_status: sync(rng),
        });
    }
    // Calendar-only rooms: bookable spaces without Zoom Rooms hardware.
    let unassigned = (rooms.len() / 5).max(2);
    for k in 0..unassigned {
        let site = SITES[input.plans[k % input.plans.len()].site].0;
        let what = CALENDAR_ONLY_RESOURCES[k % CALENDAR_ONLY_RESOURCES.len()];
        let number = k / CALENDAR_ONLY_RESOURCES.len() + 1;
        let name = format!("{site} {what} {number}");
        let service = if services.len() > 1 && k % 3 == 2 {
            1
        } else {
            0
        };
        services[service].resources.push(SimCalendarResource {
            id: zoom_id(rng),
            email: format!("rm-{}@{}", slugify(&name), input.domain),
            name,
            assigned_room_id: None,
            sync_status: sync(rng),
        });
    }
    services
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_labels_follow_locations() {
        use crate::generate::names::LOCATIONS;
        assert_eq!(LOCATION_LABELS.len(), LOCATIONS.len());
        for (label, l) in LOCATION_LABELS.iter().zip(LOCATIONS) {
            assert_eq!(*label, format!("{} ({})", l.0, l.1));
        }
        for site in SITES {
            assert_eq!(LOCATIONS[site.4].0, site.1);
        }
    }

    #[test]
    fn slugs_and_room_counts() {
        assert_eq!(slugify("SJC B2-3F Orion 2"), "sjc-b2-3f-orion-2");
        assert_eq!(room_count(5000, Plan::Business), 100);
        assert_eq!(room_count(30, Plan::Pro), 2);
        assert_eq!(room_count(15, Plan::Pro), 1);
        assert_eq!(room_count(9, Plan::Pro), 0);
        assert_eq!(room_count(5000, Plan::Free), 0);
    }
}
