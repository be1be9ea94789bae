//! Dashboards (`zoom-accounts.json`): past meetings and their participants.

use serde::{Deserialize, Serialize};

use super::{PageMeta, lenient};

/// A custom key of a meeting (`custom_keys[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct CustomKey {
    /// The key.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub key: Option<String>,
    /// Its value.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub value: Option<String>,
}

/// A tracking field of a meeting (`tracking_fields[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct TrackingField {
    /// The tracking field's label.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub field: Option<String>,
    /// Its value.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub value: Option<String>,
}

/// An item of `GET /metrics/meetings` (`meetings[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct DashboardMeeting {
    /// Meeting instance UUID (the `{meetingId}` for its participants).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub uuid: Option<String>,
    /// Meeting number.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub id: Option<i64>,
    /// Topic.
    #[serde(default)]
    pub topic: Option<String>,
    /// Host's display name.
    #[serde(default)]
    pub host: Option<String>,
    /// Host's email.
    #[serde(default)]
    pub email: Option<String>,
    /// Host's licence type, e.g. `Licensed`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub user_type: Option<String>,
    /// Host's department.
    #[serde(default)]
    pub dept: Option<String>,
    /// Start time.
    #[serde(default)]
    pub start_time: Option<String>,
    /// End time.
    #[serde(default)]
    pub end_time: Option<String>,
    /// Duration as Zoom formats it, `hh:mm:ss` or `mm:ss` (e.g. `00:56`): a string in the spec;
    /// a number is kept as its text.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub duration: Option<String>,
    /// Number of participants.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub participants: Option<i64>,
    /// Whether PSTN audio was used.
    #[serde(default)]
    pub has_pstn: Option<bool>,
    /// Whether VoIP was used.
    #[serde(default)]
    pub has_voip: Option<bool>,
    /// Whether third-party audio was used.
    #[serde(default)]
    pub has_3rd_party_audio: Option<bool>,
    /// Whether video was used.
    #[serde(default)]
    pub has_video: Option<bool>,
    /// Whether screen sharing was used.
    #[serde(default)]
    pub has_screen_share: Option<bool>,
    /// Whether it was recorded.
    #[serde(default)]
    pub has_recording: Option<bool>,
    /// Whether a SIP/H.323 device joined.
    #[serde(default)]
    pub has_sip: Option<bool>,
    /// Whether it was archived.
    #[serde(default)]
    pub has_archiving: Option<bool>,
    /// Whether manual captions were used.
    #[serde(default)]
    pub has_manual_captions: Option<bool>,
    /// Whether automated captions were used.
    #[serde(default)]
    pub has_automated_captions: Option<bool>,
    /// Whether a poll was used.
    #[serde(default)]
    pub has_poll: Option<bool>,
    /// Whether Q&A was used.
    #[serde(default)]
    pub has_qa: Option<bool>,
    /// Whether a survey was used.
    #[serde(default)]
    pub has_survey: Option<bool>,
    /// `good`, `fair`, `poor` or `bad`.
    #[serde(default)]
    pub audio_quality: Option<String>,
    /// `good`, `fair`, `poor` or `bad`.
    #[serde(default)]
    pub video_quality: Option<String>,
    /// `good`, `fair`, `poor` or `bad`.
    #[serde(default)]
    pub screen_share_quality: Option<String>,
    /// Video SDK custom session ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub session_key: Option<String>,
    /// Custom keys.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub custom_keys: Vec<CustomKey>,
    /// Tracking fields (only with `include_fields=tracking_fields`).
    #[serde(default, deserialize_with = "lenient::vec")]
    pub tracking_fields: Vec<TrackingField>,
    /// Average join time cost, in seconds.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub avg_jointime_cost: Option<f64>,
}

/// `GET /metrics/meetings` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct DashboardMeetingListPage {
    /// Paging fields (`next_page_token`, `page_count`, `page_size`, `total_records`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// Start of the queried range, as Zoom echoes it.
    #[serde(default)]
    pub from: Option<String>,
    /// End of the queried range, as Zoom echoes it.
    #[serde(default)]
    pub to: Option<String>,
    /// The meetings.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub meetings: Vec<DashboardMeeting>,
}

/// A phone leg of a participant (`audio_call[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct AudioCall {
    /// The participant's phone number.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub call_number: Option<String>,
    /// `call-in` or `call-out`.
    #[serde(default)]
    pub call_type: Option<String>,
    /// The Zoom number used.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub zoom_number: Option<String>,
}

/// An item of `GET /metrics/meetings/{meetingId}/participants` (`participants[]`).
///
/// Zoom may leave `user_name`, `ip_address`, `location` and `email` empty for legacy HIPAA BAA
/// accounts and for users outside the host's account.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct MeetingParticipant {
    /// The participant's UUID: the user ID (as in `GET /users/{userId}`) when signed in to
    /// Zoom, empty otherwise.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Participant ID assigned on joining, valid for this meeting only.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub user_id: Option<String>,
    /// The participant's UUID (as `id`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub participant_user_id: Option<String>,
    /// Participant UUID assigned on joining, valid for this meeting only.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub participant_uuid: Option<String>,
    /// Display name.
    #[serde(default)]
    pub user_name: Option<String>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Registrant ID (only with `include_fields=registrant_id`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub registrant_id: Option<String>,
    /// `host` or `attendee`.
    #[serde(default)]
    pub role: Option<String>,
    /// `in_meeting` or `in_waiting_room`.
    #[serde(default)]
    pub status: Option<String>,
    /// `Phone`, `H.323/SIP`, `Windows`, `Mac`, `iOS` or `Android`.
    #[serde(default)]
    pub device: Option<String>,
    /// Device name, e.g. `iPhone 7 Global`.
    #[serde(default)]
    pub device_name: Option<String>,
    /// Operating system.
    #[serde(default)]
    pub os: Option<String>,
    /// Operating system version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub os_version: Option<String>,
    /// Client, e.g. `Web Meeting SDK 2.18`.
    #[serde(default)]
    pub client: Option<String>,
    /// Client version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub version: Option<String>,
    /// Browser name.
    #[serde(default)]
    pub browser_name: Option<String>,
    /// Browser version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub browser_version: Option<String>,
    /// Public IP address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// Internal IP addresses.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub internal_ip_addresses: Vec<String>,
    /// Location, e.g. `United States`.
    #[serde(default)]
    pub location: Option<String>,
    /// `Wired`, `Wifi`, `PPP`, `Cellular` or `Others`.
    #[serde(default)]
    pub network_type: Option<String>,
    /// Computer name.
    #[serde(default)]
    pub pc_name: Option<String>,
    /// MAC address, e.g. `f85e-a012-92d8`.
    #[serde(default)]
    pub mac_addr: Option<String>,
    /// Hard disk ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub harddisk_id: Option<String>,
    /// The computer's domain.
    #[serde(default)]
    pub domain: Option<String>,
    /// Data center.
    #[serde(default)]
    pub data_center: Option<String>,
    /// All data centers, `;`-separated.
    #[serde(default)]
    pub full_data_center: Option<String>,
    /// Audio connection type, e.g. `UDP`, `SSL+Proxy`.
    #[serde(default)]
    pub connection_type: Option<String>,
    /// Video connection type.
    #[serde(default)]
    pub video_connection_type: Option<String>,
    /// Screen-share connection type.
    #[serde(default)]
    pub as_connection_type: Option<String>,
    /// Microphone.
    #[serde(default)]
    pub microphone: Option<String>,
    /// Speaker.
    #[serde(default)]
    pub speaker: Option<String>,
    /// Camera.
    #[serde(default)]
    pub camera: Option<String>,
    /// Join time.
    #[serde(default)]
    pub join_time: Option<String>,
    /// Leave time.
    #[serde(default)]
    pub leave_time: Option<String>,
    /// Why the participant left, e.g. `Host ended the meeting.`.
    #[serde(default)]
    pub leave_reason: Option<String>,
    /// Whether the participant recorded.
    #[serde(default)]
    pub recording: Option<bool>,
    /// Whether the participant shared an application.
    #[serde(default)]
    pub share_application: Option<bool>,
    /// Whether the participant shared the desktop.
    #[serde(default)]
    pub share_desktop: Option<bool>,
    /// Whether the participant shared a whiteboard.
    #[serde(default)]
    pub share_whiteboard: Option<bool>,
    /// Whether the participant was archived.
    #[serde(default)]
    pub has_archiving: Option<bool>,
    /// `no optional archiving`, `join without archiving` or `join with archiving`.
    #[serde(default)]
    pub optional_archiving: Option<String>,
    /// `""`, `good`, `fair`, `poor` or `bad`.
    #[serde(default)]
    pub audio_quality: Option<String>,
    /// `""`, `good`, `fair`, `poor` or `bad`.
    #[serde(default)]
    pub video_quality: Option<String>,
    /// `""`, `good`, `fair`, `poor` or `bad`.
    #[serde(default)]
    pub screen_share_quality: Option<String>,
    /// SIP Contact header URI (SIP participants only).
    #[serde(default)]
    pub sip_uri: Option<String>,
    /// SIP From header URI (SIP participants only).
    #[serde(default)]
    pub from_sip_uri: Option<String>,
    /// SDK identifier (customer key).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub customer_key: Option<String>,
    /// Number of participants that joined via this Zoom Room.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub in_room_participants: Option<i64>,
    /// Breakout room ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub bo_mtg_id: Option<String>,
    /// Zoom's `groupId` (renamed; the only camelCase field here): the attendee's group ID.
    #[serde(rename = "groupId", default, deserialize_with = "lenient::opt_string")]
    pub group_id: Option<String>,
    /// Phone legs.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub audio_call: Vec<AudioCall>,
    /// Total join time cost, in seconds.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub total_jointime_cost: Option<f64>,
    /// `no disclaimer`, `agree` or `leave meeting`.
    #[serde(default)]
    pub aic_disclaimer: Option<String>,
    /// Zoom thin client plugin version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub zoom_thin_client_plugin_version: Option<String>,
}

/// `GET /metrics/meetings/{meetingId}/participants` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct MeetingParticipantListPage {
    /// Paging fields (`next_page_token`, `page_count`, `page_size`, `total_records`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// The meeting number (a string here).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub meeting_number: Option<String>,
    /// The participants.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub participants: Vec<MeetingParticipant>,
}
