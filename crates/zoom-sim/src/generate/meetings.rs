//! Past meetings and their participants, as the Dashboard API (`/metrics/meetings`,
//! `/metrics/meetings/{meetingId}/participants`, `fixtures/openapi/zoom-accounts.json`) shows them.
//!
//! Meetings cover the 200 days before the simulator's "now" (so any window an inventory asks for
//! within Zoom's six-month limit has data), a few per day per 20 users, capped at about 30 a day
//! so that large accounts stay fast. Participants join from a pool of physical devices
//! ([`SimMeetingDevice`]): each user's laptop and phone, and each Zoom Room's computer. The same
//! device joins many meetings with the same `pc_name`, `mac_addr` and `harddisk_id`, which is what
//! an inventory deduplicates. Web joins, phone apps, dial-ins, H.323/SIP endpoints and external
//! guests expose no PC name or MAC address.

use std::collections::HashSet;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use fastrand::Rng;
use jiff::Timestamp;

use super::devices::SimH323Device;
use super::hardware::{MacStyle, format_mac, random_mac};
use super::names::{
    AUDIO_VIDEO_MAC, AUDIO_VIDEO_WINDOWS, CLIENT_VERSIONS, DATA_CENTERS, FIRST_NAMES,
    GUEST_LOCATIONS, LAPTOP_MODELS, LAST_NAMES, LOCATION_LABELS, LOCATIONS, MEETING_TOPICS,
    PHONE_MODELS,
};
use super::random::{DAY, percent, pick, ts, uuid};
use super::rooms::{RoomComputer, RoomStatus, SimRoom};
use super::users::{SimUser, UserStatus, UserType};
use crate::config::Plan;

const MEETING_STREAM: u64 = 0x4d45_4554_494e_4753; // "MEETINGS"
/// Days of meeting history before "now".
pub(crate) const HISTORY_DAYS: i64 = 200;

/// What kind of physical device a [`SimMeetingDevice`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeetingDeviceKind {
    /// A user's laptop (Windows or Mac): reports PC name, MAC address and hard disk ID when the
    /// Zoom client joins from it.
    Laptop,
    /// A user's phone (iOS or Android): reports neither PC name nor MAC address.
    Phone,
    /// A Zoom Room's computer: joins as the room's user account and reports its host name and MAC.
    RoomComputer,
}

/// A physical device that joins meetings. Participants point at it with
/// [`SimParticipant::meeting_device`]; what the API serves for it is exactly these fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimMeetingDevice {
    /// Laptop, phone or room computer.
    pub kind: MeetingDeviceKind,
    /// The user who owns it (for a room computer: the room's user account).
    pub owner_user_id: String,
    /// That user's e-mail address.
    pub owner_email: String,
    /// For a room computer: the room's `id`.
    pub room_id: Option<String>,
    /// The participants' `device` value: `Windows`, `Mac`, `iOS` or `Android`.
    pub device: &'static str,
    /// `os`.
    pub os: &'static str,
    /// `os_version`.
    pub os_version: &'static str,
    /// `device_name` (phones).
    pub device_name: Option<&'static str>,
    /// `pc_name` as served; `None`: not served (phones).
    pub pc_name: Option<String>,
    /// `mac_addr` as served, in this device's format (which varies between devices); `Some("")`
    /// for a laptop that does not report one, `None` for phones. A few laptops report
    /// `00:00:00:00:00:00`-style addresses. Several laptops share generic PC names
    /// (`MacBook-Pro`), so a PC name alone does not identify a device.
    pub mac_addr: Option<String>,
    /// `harddisk_id` as served.
    pub harddisk_id: Option<String>,
    /// `domain` as served (Windows laptops joined to the company domain).
    pub domain: Option<String>,
    /// `microphone`, `speaker`, `camera`.
    pub microphone: Option<&'static str>,
    /// See `microphone`.
    pub speaker: Option<&'static str>,
    /// See `microphone`.
    pub camera: Option<&'static str>,
}

/// How a participant joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JoinKind {
    /// The Zoom client on the participant's laptop or phone ([`SimParticipant::meeting_device`]).
    App,
    /// The web client in a browser on the participant's laptop: no PC name or MAC address.
    Web,
    /// A Zoom Room, from its computer, as the room's user account.
    ZoomRoom,
    /// A guest from outside the account: no e-mail, ID, PC name; MAC address, hard disk ID and
    /// domain are empty strings (the spec's rule for external users).
    External,
    /// Telephone dial-in (`device` `Phone`).
    DialIn,
    /// An H.323/SIP endpoint (one of the account's H.323 devices).
    H323,
}

/// `device` of a participant (the spec's enum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParticipantDevice {
    /// `Windows`.
    Windows,
    /// `Mac`.
    Mac,
    /// `iOS`.
    Ios,
    /// `Android`.
    Android,
    /// `Phone` (PSTN).
    Phone,
    /// `H.323/SIP`.
    H323Sip,
}

impl ParticipantDevice {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantDevice::Windows => "Windows",
            ParticipantDevice::Mac => "Mac",
            ParticipantDevice::Ios => "iOS",
            ParticipantDevice::Android => "Android",
            ParticipantDevice::Phone => "Phone",
            ParticipantDevice::H323Sip => "H.323/SIP",
        }
    }

    fn from_str(device: &str) -> ParticipantDevice {
        match device {
            "Windows" => ParticipantDevice::Windows,
            "Mac" => ParticipantDevice::Mac,
            "iOS" => ParticipantDevice::Ios,
            _ => ParticipantDevice::Android,
        }
    }
}

/// `role` of a participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParticipantRole {
    /// `host`.
    Host,
    /// `attendee`.
    Attendee,
}

impl ParticipantRole {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantRole::Host => "host",
            ParticipantRole::Attendee => "attendee",
        }
    }
}

/// `network_type` of a participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NetworkType {
    /// `Wired`.
    Wired,
    /// `Wifi`.
    Wifi,
    /// `Cellular`.
    Cellular,
    /// `Others`.
    Others,
}

impl NetworkType {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkType::Wired => "Wired",
            NetworkType::Wifi => "Wifi",
            NetworkType::Cellular => "Cellular",
            NetworkType::Others => "Others",
        }
    }
}

/// `audio_call` of a dial-in participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimAudioCall {
    /// The caller's (masked) number.
    pub call_number: String,
    /// The Zoom number dialled.
    pub zoom_number: String,
}

/// One participant record of a meeting. A participant who left and rejoined has one record per
/// join, as the spec says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimParticipant {
    /// `id` and `participant_user_id`: the account user's ID when signed in, else `""`.
    pub id: String,
    /// `user_id`: the per-meeting participant number, e.g. `16778240`.
    pub user_id: String,
    /// `participant_uuid`.
    pub participant_uuid: String,
    /// `user_name`.
    pub user_name: String,
    /// `email`; `None` for guests, dial-ins and H.323 (not served).
    pub email: Option<String>,
    /// Host or attendee.
    pub role: ParticipantRole,
    /// How the participant joined.
    pub join_kind: JoinKind,
    /// `device`.
    pub device: ParticipantDevice,
    /// The physical device (index into `Account::meeting_devices`) the participant used, if it is
    /// one of the account's (for web joins: the laptop the browser ran on).
    pub meeting_device: Option<usize>,
    /// `os`.
    pub os: Option<&'static str>,
    /// `os_version`.
    pub os_version: Option<&'static str>,
    /// `version` (Zoom client).
    pub version: Option<&'static str>,
    /// `device_name` (phones).
    pub device_name: Option<&'static str>,
    /// `browser_name` (web joins).
    pub browser_name: Option<&'static str>,
    /// `browser_version` (web joins).
    pub browser_version: Option<&'static str>,
    /// `ip_address` (public).
    pub ip_address: Option<String>,
    /// The one entry of `internal_ip_addresses`.
    pub internal_ip_address: Option<String>,
    /// `location`, e.g. `San Jose (US)`.
    pub location: Option<&'static str>,
    /// `network_type`.
    pub network_type: Option<NetworkType>,
    /// `data_center`.
    pub data_center: Option<&'static str>,
    /// `connection_type`.
    pub connection_type: Option<&'static str>,
    /// `join_time`.
    pub join_time: Timestamp,
    /// `leave_time`.
    pub leave_time: Timestamp,
    /// `leave_reason`: one of the spec's fixed values; `None` (not served) when the participant
    /// left on their own, whose spec value (`$name left the meeting.`) carries a placeholder.
    pub leave_reason: Option<&'static str>,
    /// `share_desktop`.
    pub share_desktop: bool,
    /// `recording`.
    pub recording: bool,
    /// `audio_quality`.
    pub audio_quality: &'static str,
    /// `video_quality` (`None` for audio-only joins).
    pub video_quality: Option<&'static str>,
    /// `sip_uri` (H.323/SIP joins).
    pub sip_uri: Option<String>,
    /// `audio_call` (dial-ins).
    pub audio_call: Option<SimAudioCall>,
    /// `in_room_participants` (Zoom Rooms).
    pub in_room_participants: Option<u32>,
}

impl SimParticipant {
    /// The physical device whose `pc_name`, `mac_addr` and `harddisk_id` this record serves:
    /// [`Self::meeting_device`] for app and Zoom Rooms joins, `None` otherwise.
    #[must_use]
    pub fn reported_device(&self) -> Option<usize> {
        match self.join_kind {
            JoinKind::App | JoinKind::ZoomRoom => self.meeting_device,
            _ => None,
        }
    }
}

/// A past meeting (one instance: its own UUID).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimMeeting {
    /// The instance's UUID (24 characters of base64, some starting with `/` or containing `//`,
    /// which clients must double-encode).
    pub uuid: String,
    /// The meeting number. Not unique: recurring meetings and personal meeting rooms reuse it.
    pub id: u64,
    /// Topic.
    pub topic: String,
    /// The host's user ID.
    pub host_id: String,
    /// `host`: the host's display name.
    pub host_name: String,
    /// `email`: the host's e-mail address.
    pub host_email: String,
    /// `dept`.
    pub host_dept: Option<String>,
    /// `user_type`: `Basic`, `Licensed` or `Unassigned`.
    pub host_user_type: &'static str,
    /// `start_time` (the host's join time).
    pub start_time: Timestamp,
    /// `end_time`.
    pub end_time: Timestamp,
    /// Participant records in join order, the host first.
    pub participants: Vec<SimParticipant>,
    /// `has_video`.
    pub has_video: bool,
    /// `has_screen_share`.
    pub has_screen_share: bool,
    /// `has_recording`.
    pub has_recording: bool,
    /// `has_automated_captions`.
    pub has_automated_captions: bool,
    /// `has_poll`.
    pub has_poll: bool,
    /// `audio_quality`, `video_quality`, `screen_share_quality`.
    pub audio_quality: &'static str,
    /// See `audio_quality`.
    pub video_quality: &'static str,
    /// See `audio_quality`.
    pub screen_share_quality: &'static str,
    /// Tracking fields `(field, value)`.
    pub tracking_fields: Vec<(String, String)>,
}

impl SimMeeting {
    /// Attended by only one user: listed by `type=pastOne`, not by `type=past`.
    #[must_use]
    pub fn is_one_user(&self) -> bool {
        self.participants.len() == 1
    }

    /// Whether the UUID must be double-encoded in a path: it holds a `/` anywhere. Zoom's text
    /// names only a leading `/` or `//`, but practitioners report that any `/` fails when encoded
    /// once (`transloadit/uppy` pull request 2526, `techies23/video-conference-zoom` pull
    /// request 141), and the simulator answers as they report.
    #[must_use]
    pub fn needs_double_encoding(&self) -> bool {
        self.uuid.contains('/')
    }

    /// `has_pstn`.
    #[must_use]
    pub fn has_pstn(&self) -> bool {
        self.participants
            .iter()
            .any(|p| p.join_kind == JoinKind::DialIn)
    }

    /// `has_voip`.
    #[must_use]
    pub fn has_voip(&self) -> bool {
        self.participants
            .iter()
            .any(|p| !matches!(p.join_kind, JoinKind::DialIn | JoinKind::H323))
    }

    /// `has_sip`.
    #[must_use]
    pub fn has_sip(&self) -> bool {
        self.participants
            .iter()
            .any(|p| p.join_kind == JoinKind::H323)
    }

    /// `duration`: `mm:ss`, or `hh:mm:ss` from one hour (the spec: "`16:08` for 16 minutes and
    /// 8 seconds").
    #[must_use]
    pub fn duration(&self) -> String {
        let secs = (self.end_time.as_second() - self.start_time.as_second()).max(0);
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        if h > 0 {
            format!("{h:02}:{m:02}:{s:02}")
        } else {
            format!("{m:02}:{s:02}")
        }
    }
}

/// What [`generate`] needs from the account.
pub(crate) struct Inputs<'a> {
    pub(crate) seed: u64,
    pub(crate) plan: Plan,
    pub(crate) now: i64,
    pub(crate) users: &'a [SimUser],
    /// `true` for the users that are Zoom Rooms accounts or API-only service users.
    pub(crate) not_a_person: &'a [bool],
    pub(crate) rooms: &'a [SimRoom],
    pub(crate) room_computers: &'a [RoomComputer],
    pub(crate) h323: &'a [SimH323Device],
    /// NetBIOS domain of the company's Windows laptops, e.g. `NORTHWIND`.
    pub(crate) windows_domain: &'a str,
}

struct Gen<'a> {
    input: &'a Inputs<'a>,
    rng: Rng,
    devices: Vec<SimMeetingDevice>,
    /// Per user: (laptop, phone) device indices, created on first join.
    user_devices: Vec<Option<(usize, Option<usize>)>>,
    /// Per room: its computer's device index.
    room_devices: Vec<Option<usize>>,
    /// Per user: the user's office (true) or home share, and recurring meeting numbers.
    series: Vec<Vec<u64>>,
    asset_prefix: String,
    uuids: HashSet<String>,
}

pub(crate) fn generate(input: &Inputs<'_>) -> (Vec<SimMeetingDevice>, Vec<SimMeeting>) {
    let n = input.users.len();
    let mut g = Gen {
        input,
        rng: Rng::with_seed(input.seed ^ MEETING_STREAM),
        devices: Vec::new(),
        user_devices: vec![None; n],
        room_devices: vec![None; input.rooms.len()],
        series: vec![Vec::new(); n],
        asset_prefix: input.windows_domain.chars().take(2).collect(),
        uuids: HashSet::new(),
    };
    // People who host and attend: active, not rooms or service accounts.
    let people: Vec<usize> = (0..n)
        .filter(|&i| input.users[i].status == UserStatus::Active && !input.not_a_person[i])
        .collect();
    let people = if people.is_empty() { vec![0] } else { people };
    let rooms: Vec<usize> = (0..input.rooms.len())
        .filter(|&r| input.rooms[r].status != RoomStatus::UnderConstruction)
        .collect();
    let per_day = (n / 10).clamp(1, 30);
    let today = input.now - input.now.rem_euclid(DAY);
    let mut meetings = Vec::new();
    for back in (0..=HISTORY_DAYS).rev() {
        let day = today - back * DAY;
        let count = g.rng.usize(per_day.div_ceil(2)..=per_day + per_day / 2);
        let mut starts: Vec<i64> = (0..count)
            .map(|_| day + g.rng.i64(6 * 3600..21 * 3600) / 300 * 300 + g.rng.i64(0..180))
            .collect();
        starts.sort_unstable();
        for start in starts {
            if let Some(meeting) = g.meeting(start, &people, &rooms) {
                meetings.push(meeting);
            }
        }
    }
    (g.devices, meetings)
}

/// An upper-case UUID-shaped participant ID (`D444CD06-2ABB-2FCC-019B-39E41D8DADF7`).
fn participant_uuid(rng: &mut Rng) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(36);
    let (mut a, mut b) = (rng.u64(..), rng.u64(..));
    for k in 0..32 {
        if matches!(k, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        let bits = if k < 16 { &mut a } else { &mut b };
        out.push(char::from(HEX[usize::try_from(*bits & 0xf).unwrap_or(0)]));
        *bits >>= 4;
    }
    out
}

/// `City (CC)` labels of [`LOCATIONS`], in the same order.
fn location_label(city: Option<&str>) -> (usize, &'static str) {
    let i = city
        .and_then(|c| LOCATIONS.iter().position(|l| l.0 == c))
        .unwrap_or(0);
    (i, LOCATION_LABELS[i])
}

fn quality(rng: &mut Rng) -> &'static str {
    match rng.u32(0..100) {
        0..78 => "good",
        78..92 => "fair",
        92..98 => "poor",
        _ => "bad",
    }
}

impl Gen<'_> {
    fn meeting(&mut self, start: i64, people: &[usize], rooms: &[usize]) -> Option<SimMeeting> {
        let input = self.input;
        let minutes = match self.rng.u32(0..100) {
            0..20 => 15,
            20..55 => 30,
            55..70 => 45,
            70..90 => 60,
            90..97 => 90,
            _ => 120,
        };
        let minutes = if input.plan == Plan::Free {
            minutes.min(40)
        } else {
            minutes
        };
        let end = start + minutes * 60 - self.rng.i64(0..240) + self.rng.i64(0..300);
        if end > input.now - 600 {
            return None;
        }
        let host_ix = *pick(&mut self.rng, people);
        let host = &input.users[host_ix];
        let (id, topic) = match self.rng.u32(0..100) {
            0..25 => (
                host.pmi,
                format!("{}'s Personal Meeting Room", host.display_name),
            ),
            25..60 => {
                if self.series[host_ix].is_empty() {
                    let k = self.rng.usize(1..=3);
                    self.series[host_ix] = (0..k)
                        .map(|_| self.rng.u64(81_000_000_000..99_999_999_999))
                        .collect();
                }
                let k = self.rng.usize(..self.series[host_ix].len());
                let id = self.series[host_ix][k];
                (
                    id,
                    MEETING_TOPICS[usize::try_from(id % MEETING_TOPICS.len() as u64).unwrap_or(0)]
                        .to_owned(),
                )
            }
            60..80 => (
                self.rng.u64(81_000_000_000..99_999_999_999),
                format!("{}'s Zoom Meeting", host.display_name),
            ),
            _ => (
                self.rng.u64(81_000_000_000..99_999_999_999),
                (*pick(&mut self.rng, MEETING_TOPICS)).to_owned(),
            ),
        };
        let meeting_uuid = self.meeting_uuid();

        let attendees = match self.rng.u32(0..100) {
            0..4 => 0,
            4..64 => self.rng.usize(1..=3),
            64..94 => self.rng.usize(4..=10),
            _ => self.rng.usize(11..=25),
        };
        let has_screen_share = percent(&mut self.rng, 55);
        let has_recording = input.plan != Plan::Free && percent(&mut self.rng, 15);
        let mut participants = Vec::with_capacity(attendees + 2);
        let mut present: Vec<usize> = vec![host_ix];
        let host_record = self.user_join(
            host_ix,
            ParticipantRole::Host,
            start,
            end,
            Some("Host ended the meeting."),
        );
        participants.push(host_record);
        if attendees >= 2 && !rooms.is_empty() && percent(&mut self.rng, 25) {
            let r = *pick(&mut self.rng, rooms);
            let join = start + self.rng.i64(0..300);
            participants.push(self.room_join(r, join, end));
        }
        for _ in 0..attendees {
            let join = start + self.rng.i64(0..((end - start) / 3).clamp(1, 600));
            let (leave, reason) = match self.rng.u32(0..100) {
                0..75 => (end, Some("Host ended the meeting.")),
                75..95 => (self.rng.i64(join + 60..end.max(join + 61)), None),
                _ => (
                    self.rng.i64(join + 60..end.max(join + 61)),
                    Some("Network connection error."),
                ),
            };
            let roll = self.rng.u32(0..100);
            let record = match roll {
                66..86 => self.guest_join(join, leave, reason),
                86..93 => self.dial_in(join, leave, reason),
                93..96 if !input.h323.is_empty() => self.h323_join(join, leave, reason),
                _ => {
                    let mut candidate = None;
                    for _ in 0..4 {
                        let c = *pick(&mut self.rng, people);
                        if !present.contains(&c) {
                            candidate = Some(c);
                            break;
                        }
                    }
                    match candidate {
                        Some(c) => {
                            present.push(c);
                            self.user_join(c, ParticipantRole::Attendee, join, leave, reason)
                        }
                        None => self.guest_join(join, leave, reason),
                    }
                }
            };
            // A participant who dropped off rejoins on the same device.
            let rejoin =
                (reason == Some("Network connection error.") && leave + 120 < end).then(|| {
                    let mut again = record.clone();
                    again.participant_uuid = participant_uuid(&mut self.rng);
                    again.join_time = ts(leave + self.rng.i64(20..120));
                    again.leave_time = ts(end);
                    again.leave_reason = Some("Host ended the meeting.");
                    again
                });
            participants.push(record);
            participants.extend(rejoin);
        }
        participants.sort_by_key(|p| p.join_time);
        // Zoom numbers participants in join order for the meeting's duration.
        for (k, p) in participants.iter_mut().enumerate() {
            p.user_id = (16_778_240 + k * 1024).to_string();
        }
        if has_screen_share {
            participants[0].share_desktop = true;
        }
        if has_recording {
            participants[0].recording = true;
        }
        let has_video = participants.iter().any(|p| p.video_quality.is_some());
        let tracking_fields = if percent(&mut self.rng, 10) {
            vec![(
                "Cost Center".to_owned(),
                format!("CC-{}", self.rng.u32(1000..1100)),
            )]
        } else {
            Vec::new()
        };
        Some(SimMeeting {
            uuid: meeting_uuid,
            id,
            topic,
            host_id: host.id.clone(),
            host_name: host.display_name.clone(),
            host_email: host.email.clone(),
            host_dept: host.dept.clone(),
            host_user_type: match host.user_type {
                UserType::Basic => "Basic",
                UserType::Licensed => "Licensed",
                UserType::Unassigned => "Unassigned",
            },
            start_time: ts(start),
            end_time: ts(end),
            participants,
            has_video,
            has_screen_share,
            has_recording,
            has_automated_captions: percent(&mut self.rng, 10),
            has_poll: percent(&mut self.rng, 3),
            audio_quality: quality(&mut self.rng),
            video_quality: quality(&mut self.rng),
            screen_share_quality: quality(&mut self.rng),
            tracking_fields,
        })
    }

    /// A base64 meeting UUID; every 23rd starts with `/`, every 29th contains `//`.
    fn meeting_uuid(&mut self) -> String {
        loop {
            let mut uuid = STANDARD.encode(self.rng.u128(..).to_le_bytes());
            let k = self.uuids.len();
            if k % 23 == 5 {
                uuid.replace_range(0..1, "/");
            } else if k % 29 == 11 {
                uuid.replace_range(7..9, "//");
            }
            if self.uuids.insert(uuid.clone()) {
                return uuid;
            }
        }
    }

    fn base(&mut self, role: ParticipantRole, join: i64, leave: i64) -> SimParticipant {
        SimParticipant {
            id: String::new(),
            user_id: String::new(),
            participant_uuid: participant_uuid(&mut self.rng),
            user_name: String::new(),
            email: None,
            role,
            join_kind: JoinKind::External,
            device: ParticipantDevice::Windows,
            meeting_device: None,
            os: None,
            os_version: None,
            version: None,
            device_name: None,
            browser_name: None,
            browser_version: None,
            ip_address: None,
            internal_ip_address: None,
            location: None,
            network_type: None,
            data_center: Some(*pick(&mut self.rng, DATA_CENTERS)),
            connection_type: Some(match self.rng.u32(0..10) {
                0..7 => "UDP",
                7..9 => "TCP",
                _ => "SSL",
            }),
            join_time: ts(join),
            leave_time: ts(leave),
            leave_reason: None,
            share_desktop: false,
            recording: false,
            audio_quality: quality(&mut self.rng),
            video_quality: None,
            sip_uri: None,
            audio_call: None,
            in_room_participants: None,
        }
    }

    /// The user's laptop and phone, created on first use.
    fn devices_of(&mut self, u: usize) -> (usize, Option<usize>) {
        if let Some(d) = self.user_devices[u] {
            return d;
        }
        let user = &self.input.users[u];
        let windows = percent(&mut self.rng, 60);
        let (device, os, versions) = LAPTOP_MODELS[usize::from(!windows)];
        let style = *pick(&mut self.rng, &MacStyle::ALL);
        let mac = match self.rng.u32(0..100) {
            0..3 => format_mac([0; 6], style),
            3..6 => String::new(),
            _ => format_mac(random_mac(&mut self.rng), style),
        };
        let first = user.first_name.replace(' ', "");
        let pc_name = if windows {
            match self.rng.u32(0..10) {
                0..6 => format!("{}-LT-{:05}", self.asset_prefix, self.rng.u32(0..100_000)),
                6..9 => {
                    let mut s = String::from("DESKTOP-");
                    for _ in 0..7 {
                        s.push(char::from(
                            b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"[self.rng.usize(..34)],
                        ));
                    }
                    s
                }
                _ => format!("{}-PC", first.to_uppercase()),
            }
        } else {
            match self.rng.u32(0..20) {
                0 => "MacBook-Pro".to_owned(),
                1..12 => format!("{first}s-MacBook-Pro"),
                12..16 => format!("{first}s-MacBook-Air"),
                _ => format!("{}-mbp", first.to_lowercase()),
            }
        };
        let harddisk_id = if windows {
            let mut s = String::from("S4EWNX0R");
            for _ in 0..6 {
                s.push(char::from(b'0' + self.rng.u8(0..10)));
            }
            s
        } else {
            uuid(&mut self.rng).to_uppercase()
        };
        let &(microphone, speaker, camera) = if windows {
            pick(&mut self.rng, AUDIO_VIDEO_WINDOWS)
        } else {
            pick(&mut self.rng, AUDIO_VIDEO_MAC)
        };
        self.devices.push(SimMeetingDevice {
            kind: MeetingDeviceKind::Laptop,
            owner_user_id: user.id.clone(),
            owner_email: user.email.clone(),
            room_id: None,
            device,
            os,
            os_version: versions[self.rng.usize(..versions.len())],
            device_name: None,
            pc_name: Some(pc_name),
            mac_addr: Some(mac),
            harddisk_id: Some(harddisk_id),
            domain: windows.then(|| self.input.windows_domain.to_owned()),
            microphone: Some(microphone),
            speaker: Some(speaker),
            camera: Some(camera),
        });
        let laptop = self.devices.len() - 1;
        let phone = percent(&mut self.rng, 55).then(|| {
            let &(device, os, versions, names) = pick(&mut self.rng, PHONE_MODELS);
            self.devices.push(SimMeetingDevice {
                kind: MeetingDeviceKind::Phone,
                owner_user_id: user.id.clone(),
                owner_email: user.email.clone(),
                room_id: None,
                device,
                os,
                os_version: versions[self.rng.usize(..versions.len())],
                device_name: Some(*pick(&mut self.rng, names)),
                pc_name: None,
                mac_addr: None,
                harddisk_id: None,
                domain: None,
                microphone: None,
                speaker: None,
                camera: None,
            });
            self.devices.len() - 1
        });
        self.user_devices[u] = Some((laptop, phone));
        (laptop, phone)
    }

    /// Public IP, internal IP, location and network type of someone at an office of the account
    /// or at home.
    fn network(
        &mut self,
        city: Option<&str>,
        cellular: bool,
    ) -> (String, String, &'static str, NetworkType) {
        let (site, location) = location_label(city);
        if cellular {
            return (
                format!("198.51.100.{}", self.rng.u8(2..250)),
                format!(
                    "100.{}.{}.{}",
                    self.rng.u8(64..128),
                    self.rng.u8(0..255),
                    self.rng.u8(1..255)
                ),
                location,
                NetworkType::Cellular,
            );
        }
        if percent(&mut self.rng, 50) {
            (
                format!("192.0.2.{}", 10 + site),
                format!(
                    "10.{}.{}.{}",
                    10 + site,
                    self.rng.u8(100..140),
                    self.rng.u8(2..254)
                ),
                location,
                if percent(&mut self.rng, 60) {
                    NetworkType::Wired
                } else {
                    NetworkType::Wifi
                },
            )
        } else {
            (
                format!("203.0.113.{}", self.rng.u8(2..250)),
                format!("192.168.{}.{}", self.rng.u8(0..2), self.rng.u8(2..250)),
                location,
                NetworkType::Wifi,
            )
        }
    }

    fn user_join(
        &mut self,
        u: usize,
        role: ParticipantRole,
        join: i64,
        leave: i64,
        reason: Option<&'static str>,
    ) -> SimParticipant {
        let (laptop, phone) = self.devices_of(u);
        let mut p = self.base(role, join, leave);
        let user = &self.input.users[u];
        p.id = user.id.clone();
        p.user_name = user.display_name.clone();
        p.email = Some(user.email.clone());
        p.leave_reason = reason;
        let roll = self.rng.u32(0..100);
        let (device_ix, kind) = match (roll, phone) {
            (0..72, _) | (_, None) => (laptop, JoinKind::App),
            (72..80, _) => (laptop, JoinKind::Web),
            (_, Some(phone)) => (phone, JoinKind::App),
        };
        let device = &self.devices[device_ix];
        let is_phone = device.kind == MeetingDeviceKind::Phone;
        p.join_kind = kind;
        p.meeting_device = Some(device_ix);
        p.device = ParticipantDevice::from_str(device.device);
        p.os = Some(device.os);
        p.os_version = Some(device.os_version);
        p.device_name = device.device_name;
        if kind == JoinKind::Web {
            p.browser_name = Some(if device.device == "Mac" {
                "Safari"
            } else {
                "Chrome"
            });
            p.browser_version = Some(if device.device == "Mac" {
                "17.5"
            } else {
                "126"
            });
        } else {
            p.version = Some(*pick(&mut self.rng, CLIENT_VERSIONS));
            p.video_quality = Some(quality(&mut self.rng));
        }
        let cellular = is_phone && percent(&mut self.rng, 50);
        let (ip, internal, location, network) = self.network(user.location.as_deref(), cellular);
        p.ip_address = Some(ip);
        p.internal_ip_address = Some(internal);
        p.location = Some(location);
        p.network_type = Some(network);
        p
    }

    fn room_join(&mut self, r: usize, join: i64, leave: i64) -> SimParticipant {
        let room = &self.input.rooms[r];
        let device_ix = match self.room_devices[r] {
            Some(d) => d,
            None => {
                let computer = &self.input.room_computers[r];
                let style = *pick(&mut self.rng, &MacStyle::ALL);
                self.devices.push(SimMeetingDevice {
                    kind: MeetingDeviceKind::RoomComputer,
                    owner_user_id: room.user_id.clone(),
                    owner_email: room.user_email.clone(),
                    room_id: Some(room.id.clone()),
                    device: computer.device,
                    os: computer.device,
                    os_version: computer.os_version,
                    device_name: None,
                    pc_name: Some(computer.hostname.clone()),
                    mac_addr: Some(format_mac(computer.mac, style)),
                    harddisk_id: None,
                    domain: None,
                    microphone: Some("Echo Cancelling Speakerphone (Rally Mic Pod)"),
                    speaker: Some("Rally Speaker"),
                    camera: Some("Logitech Rally Camera"),
                });
                self.room_devices[r] = Some(self.devices.len() - 1);
                self.devices.len() - 1
            }
        };
        let mut p = self.base(ParticipantRole::Attendee, join, leave);
        let device = &self.devices[device_ix];
        p.id = room.user_id.clone();
        p.user_name = room.name.clone();
        p.email = Some(room.user_email.clone());
        p.join_kind = JoinKind::ZoomRoom;
        p.meeting_device = Some(device_ix);
        p.device = ParticipantDevice::from_str(device.device);
        p.os = Some(device.os);
        p.os_version = Some(device.os_version);
        p.version = Some(*pick(&mut self.rng, CLIENT_VERSIONS));
        p.video_quality = Some(quality(&mut self.rng));
        p.leave_reason = Some("Host ended the meeting.");
        p.network_type = Some(NetworkType::Wired);
        p.ip_address = Some(format!("192.0.2.{}", self.rng.u8(10..40)));
        p.internal_ip_address = Some(self.input.room_computers[r].ip.clone());
        p.location = Some(self.input.room_computers[r].location);
        p.in_room_participants = Some(self.rng.u32(1..=8));
        p
    }

    fn guest_join(
        &mut self,
        join: i64,
        leave: i64,
        reason: Option<&'static str>,
    ) -> SimParticipant {
        let mut p = self.base(ParticipantRole::Attendee, join, leave);
        p.join_kind = JoinKind::External;
        p.leave_reason = reason;
        let (device, os, version) = match self.rng.u32(0..10) {
            0..5 => ("Windows", "Windows", "10.0.22631"),
            5..8 => ("Mac", "Mac", "14.5"),
            8 => ("iOS", "iOS", "17.5.1"),
            _ => ("Android", "Android", "14"),
        };
        p.device = ParticipantDevice::from_str(device);
        p.os = Some(os);
        p.os_version = Some(version);
        p.version = Some(*pick(&mut self.rng, CLIENT_VERSIONS));
        p.video_quality = Some(quality(&mut self.rng));
        p.user_name = if percent(&mut self.rng, 10) {
            if device == "iOS" {
                "iPhone"
            } else {
                "Galaxy S23"
            }
            .to_owned()
        } else {
            format!(
                "{} {}",
                pick(&mut self.rng, FIRST_NAMES),
                pick(&mut self.rng, LAST_NAMES)
            )
        };
        p.ip_address = Some(format!("198.51.100.{}", self.rng.u8(2..250)));
        p.internal_ip_address = Some(format!(
            "192.168.{}.{}",
            self.rng.u8(0..10),
            self.rng.u8(2..250)
        ));
        p.location = Some(*pick(&mut self.rng, GUEST_LOCATIONS));
        p.network_type = Some(if percent(&mut self.rng, 70) {
            NetworkType::Wifi
        } else {
            NetworkType::Others
        });
        p
    }

    fn dial_in(&mut self, join: i64, leave: i64, reason: Option<&'static str>) -> SimParticipant {
        let mut p = self.base(ParticipantRole::Attendee, join, leave);
        p.join_kind = JoinKind::DialIn;
        p.device = ParticipantDevice::Phone;
        p.leave_reason = reason;
        p.data_center = None;
        p.connection_type = None;
        let number = format!(
            "+1 {}****{}",
            self.rng.u32(201..990),
            self.rng.u32(100..1000)
        );
        p.user_name = number.clone();
        p.audio_call = Some(SimAudioCall {
            call_number: number,
            zoom_number: format!(
                "+1 {} 555 0{}",
                self.rng.u32(201..990),
                self.rng.u32(100..200)
            ),
        });
        p
    }

    fn h323_join(&mut self, join: i64, leave: i64, reason: Option<&'static str>) -> SimParticipant {
        let d = pick(&mut self.rng, self.input.h323);
        let mut p = self.base(ParticipantRole::Attendee, join, leave);
        p.join_kind = JoinKind::H323;
        p.device = ParticipantDevice::H323Sip;
        p.leave_reason = reason;
        p.user_name = d.name.clone();
        p.ip_address = Some(d.ip.clone());
        p.video_quality = Some(quality(&mut self.rng));
        let user = d
            .name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase();
        p.sip_uri = Some(format!("sip:{user}@{}", d.ip));
        p
    }
}
