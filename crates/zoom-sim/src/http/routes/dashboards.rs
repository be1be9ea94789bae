//! Dashboards (`fixtures/openapi/zoom-accounts.json`): `GET /metrics/meetings` and
//! `GET /metrics/meetings/{meetingId}/participants`. Business or higher (the gate is in the
//! endpoint table).
//!
//! Rules, and choices where the docs are silent:
//! - `from` and `to` are required, `yyyy-MM-dd` or `yyyy-MM-dd HH:mm:ss` (UTC); a date means the
//!   whole day. Missing or malformed: 400 300 "Validation Failed." naming the field. `from` more
//!   than six calendar months before today: 400 300 "The request can only be queried for a month
//!   that falls within the last six months." (observed). `to` more than one calendar month after
//!   `from`: 400 300 "The date range must be within one month." (the rule is documented, the
//!   error is not: the wording is ours).
//! - `type` defaults to `live`, and no meeting is live: without `type=past` the list is empty and
//!   participants are 404 3001. `past` lists meetings with more than one participant record,
//!   `pastOne` the one-user meetings (their participants are served with either type).
//! - The list is in `start_time` order.
//! - `meetingId` is a meeting number (the latest instance) or a UUID. The path is decoded once;
//!   if the result still holds a `%` escape it was double-encoded and is decoded again. A UUID
//!   that holds a `/` anywhere must arrive double-encoded: single-encoded, it reaches the handler
//!   with the `/` decoded, which Zoom's front end mangles, and gets 404 3001. Zoom's text names
//!   only a leading `/` or `//`; practitioners report any `/` (`transloadit/uppy` pull request
//!   2526: "fails when a meeting UUID contains '/' character", fixed by double encoding;
//!   `techies23/video-conference-zoom` pull request 141).
//! - Participants: `leave_reason` is served only with the spec's fixed values (`Host ended the
//!   meeting.`, `Network connection error.`); a participant who left on their own has none,
//!   since the spec's value for that carries a `$name` placeholder. Guests get empty
//!   `mac_addr`, `harddisk_id`, `domain`, `microphone`, `speaker`, `camera` and `id`, and no
//!   `email` (the spec's empty string would not be an e-mail address).

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Serialize;

use super::{Params, WindowRules, json, list_param, window, zoom_time};
use crate::generate::account::Account;
use crate::generate::meetings::{JoinKind, SimMeeting, SimParticipant};
use crate::generate::random::YEAR;
use crate::http::error::ZoomError;
use crate::http::paging::PageQuery;
use crate::http::server::AppState;

const DEFAULT_PAGE_SIZE: usize = 30;
const MAX_PAGE_SIZE: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MeetingType {
    Past,
    PastOne,
    Live,
}

fn meeting_type(params: &Params) -> Result<MeetingType, ZoomError> {
    match params.get("type") {
        None | Some("live") => Ok(MeetingType::Live),
        Some("past") => Ok(MeetingType::Past),
        Some("pastOne") => Ok(MeetingType::PastOne),
        Some(_) => Err(ZoomError::invalid_field("type")),
    }
}

#[derive(Serialize)]
struct TrackingField<'a> {
    field: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct MeetingItem<'a> {
    uuid: &'a str,
    id: u64,
    topic: &'a str,
    host: &'a str,
    email: &'a str,
    user_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    dept: Option<&'a str>,
    start_time: String,
    end_time: String,
    duration: String,
    participants: usize,
    has_pstn: bool,
    has_voip: bool,
    has_3rd_party_audio: bool,
    has_video: bool,
    has_screen_share: bool,
    has_recording: bool,
    has_sip: bool,
    has_archiving: bool,
    has_manual_captions: bool,
    has_automated_captions: bool,
    has_poll: bool,
    has_qa: bool,
    has_survey: bool,
    audio_quality: &'static str,
    video_quality: &'static str,
    screen_share_quality: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tracking_fields: Option<Vec<TrackingField<'a>>>,
}

#[derive(Serialize)]
struct MeetingList<'a> {
    from: String,
    to: String,
    next_page_token: String,
    page_count: usize,
    page_size: usize,
    total_records: usize,
    meetings: Vec<MeetingItem<'a>>,
}

fn meeting_item(m: &SimMeeting, tracking: bool) -> MeetingItem<'_> {
    MeetingItem {
        uuid: &m.uuid,
        id: m.id,
        topic: &m.topic,
        host: &m.host_name,
        email: &m.host_email,
        user_type: m.host_user_type,
        dept: m.host_dept.as_deref(),
        start_time: zoom_time(m.start_time),
        end_time: zoom_time(m.end_time),
        duration: m.duration(),
        participants: m.participants.len(),
        has_pstn: m.has_pstn(),
        has_voip: m.has_voip(),
        has_3rd_party_audio: false,
        has_video: m.has_video,
        has_screen_share: m.has_screen_share,
        has_recording: m.has_recording,
        has_sip: m.has_sip(),
        has_archiving: false,
        has_manual_captions: false,
        has_automated_captions: m.has_automated_captions,
        has_poll: m.has_poll,
        has_qa: false,
        has_survey: false,
        audio_quality: m.audio_quality,
        video_quality: m.video_quality,
        screen_share_quality: m.screen_share_quality,
        tracking_fields: tracking.then(|| {
            m.tracking_fields
                .iter()
                .map(|(field, value)| TrackingField { field, value })
                .collect()
        }),
    }
}

/// `GET /metrics/meetings`.
pub(super) async fn list_meetings(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let kind = meeting_type(&params)?;
    let account = &state.account();
    let w = window(
        &params,
        account.now,
        WindowRules {
            allow_time: true,
            required: true,
            too_old: ZoomError::dashboard_outside_six_months,
        },
    )?;
    let page_size = params.page_size(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
    let groups = list_param(&params, "group_id");
    if groups.len() > 7 {
        return Err(ZoomError::invalid_field("group_id"));
    }
    let with_participants = params.flag("group_include_participant")?;
    let tracking = match params.get("include_fields") {
        None => false,
        Some("tracking_fields") => true,
        Some(_) => return Err(ZoomError::invalid_field("include_fields")),
    };
    let by_end = match params.get("query_date_type") {
        None | Some("start_time") => false,
        Some("end_time") => kind == MeetingType::Past,
        Some(_) => return Err(ZoomError::invalid_field("query_date_type")),
    };

    let in_groups = |user_id: &str| {
        account
            .user(user_id)
            .is_some_and(|u| u.group_ids.iter().any(|g| groups.contains(&g.as_str())))
    };
    let selected = |m: &SimMeeting| {
        let kind_ok = match kind {
            MeetingType::Live => false,
            MeetingType::Past => !m.is_one_user(),
            MeetingType::PastOne => m.is_one_user(),
        };
        let at = if by_end { m.end_time } else { m.start_time };
        kind_ok
            && at >= w.from
            && at <= w.to
            && (groups.is_empty()
                || in_groups(&m.host_id)
                || (with_participants
                    && m.participants
                        .iter()
                        .any(|p| !p.id.is_empty() && in_groups(&p.id))))
    };
    let matching: Vec<&SimMeeting> = if by_end {
        account.meetings.iter().filter(|m| selected(m)).collect()
    } else {
        account
            .meetings_started_between(w.from, w.to)
            .filter(|m| selected(m))
            .collect()
    };
    let query = PageQuery {
        fingerprint: format!(
            "GET /metrics/meetings?type={kind:?}&from={}&to={}&by_end={by_end}&group_id={}&with_participants={with_participants}&tracking={tracking}&page_size={page_size}",
            w.from,
            w.to,
            groups.join(","),
        ),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number: None,
    };
    let page = state
        .pages
        .page(&query, matching.len(), state.clock.now())?;
    Ok(json(&MeetingList {
        from: w.from_date.to_string(),
        to: w.to_date.to_string(),
        meetings: matching[page.range.clone()]
            .iter()
            .map(|m| meeting_item(m, tracking))
            .collect(),
        next_page_token: page.next_page_token,
        page_count: page.page_count,
        page_size: page.page_size,
        total_records: page.total_records,
    }))
}

/// Percent-decodes `%XX` escapes; `None` if an escape is malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The meeting a `meetingId` path segment (already decoded once by the router) names.
fn resolve<'a>(account: &'a Account, once_decoded: &str) -> Option<&'a SimMeeting> {
    if !once_decoded.is_empty() && once_decoded.bytes().all(|b| b.is_ascii_digit()) {
        return once_decoded
            .parse::<u64>()
            .ok()
            .and_then(|id| account.latest_meeting(id));
    }
    let uuid = if once_decoded.contains('%') {
        percent_decode(once_decoded)?
    } else if once_decoded.contains('/') {
        // Single-encoded: on Zoom the slash reaches the router and the UUID is lost.
        return None;
    } else {
        once_decoded.to_owned()
    };
    account.meeting(&uuid)
}

#[derive(Serialize)]
struct AudioCall<'a> {
    call_number: &'a str,
    call_type: &'static str,
    zoom_number: &'a str,
}

#[derive(Serialize)]
struct ParticipantItem<'a> {
    id: &'a str,
    user_id: &'a str,
    participant_user_id: &'a str,
    participant_uuid: &'a str,
    user_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    role: &'static str,
    status: &'static str,
    device: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    os: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    os_version: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    browser_name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    browser_version: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal_ip_addresses: Option<[&'a str; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pc_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mac_addr: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    harddisk_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_center: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_data_center: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    connection_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    microphone: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    camera: Option<&'static str>,
    join_time: String,
    leave_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    leave_reason: Option<&'static str>,
    share_application: bool,
    share_desktop: bool,
    share_whiteboard: bool,
    recording: bool,
    has_archiving: bool,
    audio_quality: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    video_quality: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sip_uri: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_room_participants: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audio_call: Option<[AudioCall<'a>; 1]>,
}

#[derive(Serialize)]
struct ParticipantList<'a> {
    next_page_token: String,
    page_count: usize,
    page_size: usize,
    total_records: usize,
    meeting_number: String,
    participants: Vec<ParticipantItem<'a>>,
}

fn participant_item<'a>(account: &'a Account, p: &'a SimParticipant) -> ParticipantItem<'a> {
    let external = p.join_kind == JoinKind::External;
    let device = p
        .reported_device()
        .and_then(|d| account.meeting_devices.get(d));
    let blank = |v: Option<&'static str>| if external { Some("") } else { v };
    ParticipantItem {
        id: &p.id,
        user_id: &p.user_id,
        participant_user_id: &p.id,
        participant_uuid: &p.participant_uuid,
        user_name: &p.user_name,
        email: p.email.as_deref(),
        role: p.role.as_str(),
        status: "in_meeting",
        device: p.device.as_str(),
        device_name: p.device_name,
        os: p.os,
        os_version: p.os_version,
        version: p.version,
        browser_name: p.browser_name,
        browser_version: p.browser_version,
        ip_address: p.ip_address.as_deref(),
        internal_ip_addresses: p.internal_ip_address.as_deref().map(|ip| [ip]),
        location: p.location,
        network_type: p.network_type.map(|n| n.as_str()),
        pc_name: device.and_then(|d| d.pc_name.as_deref()),
        mac_addr: if external {
            Some("")
        } else {
            device.and_then(|d| d.mac_addr.as_deref())
        },
        harddisk_id: if external {
            Some("")
        } else {
            device.and_then(|d| d.harddisk_id.as_deref())
        },
        domain: if external {
            Some("")
        } else {
            device.and_then(|d| d.domain.as_deref())
        },
        data_center: p.data_center,
        full_data_center: p.data_center.map(|dc| format!("{dc};")),
        connection_type: p.connection_type,
        microphone: blank(device.and_then(|d| d.microphone)),
        speaker: blank(device.and_then(|d| d.speaker)),
        camera: blank(device.and_then(|d| d.camera)),
        join_time: zoom_time(p.join_time),
        leave_time: zoom_time(p.leave_time),
        leave_reason: p.leave_reason,
        share_application: false,
        share_desktop: p.share_desktop,
        share_whiteboard: false,
        recording: p.recording,
        has_archiving: false,
        audio_quality: p.audio_quality,
        video_quality: p.video_quality,
        sip_uri: p.sip_uri.as_deref(),
        in_room_participants: p.in_room_participants,
        audio_call: p.audio_call.as_ref().map(|c| {
            [AudioCall {
                call_number: &c.call_number,
                call_type: "call-in",
                zoom_number: &c.zoom_number,
            }]
        }),
    }
}

/// `GET /metrics/meetings/{meetingId}/participants`.
pub(super) async fn list_participants(
    State(state): State<Arc<AppState>>,
    meeting_id: Result<Path<String>, PathRejection>,
    params: Params,
) -> Result<Response, ZoomError> {
    // A segment that does not decode to UTF-8 names no meeting.
    let Ok(Path(meeting_id)) = meeting_id else {
        return Err(ZoomError::meeting_not_found());
    };
    let kind = meeting_type(&params)?;
    let page_size = params.page_size(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
    match params.get("include_fields") {
        None | Some("registrant_id") => {}
        Some(_) => return Err(ZoomError::invalid_field("include_fields")),
    }
    let account = state.account();
    let meeting = resolve(&account, &meeting_id).ok_or_else(ZoomError::meeting_not_found)?;
    let dropped = state
        .meetings_without_participants
        .lock()
        .expect("the set is never poisoned: no panics while held")
        .contains(&meeting.uuid);
    if kind == MeetingType::Live || dropped {
        return Err(ZoomError::meeting_not_found());
    }
    if meeting.start_time.as_second() < account.now.as_second() - YEAR {
        return Err(ZoomError::meeting_a_year_ago());
    }
    let query = PageQuery {
        fingerprint: format!(
            "GET /metrics/meetings/{}/participants?type={kind:?}&page_size={page_size}",
            meeting.uuid
        ),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number: None,
    };
    let page = state
        .pages
        .page(&query, meeting.participants.len(), state.clock.now())?;
    Ok(json(&ParticipantList {
        participants: meeting.participants[page.range.clone()]
            .iter()
            .map(|p| participant_item(&account, p))
            .collect(),
        next_page_token: page.next_page_token,
        page_count: page.page_count,
        page_size: page.page_size,
        total_records: page.total_records,
        meeting_number: meeting.id.to_string(),
    }))
}
