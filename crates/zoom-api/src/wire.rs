//! Zoom's JSON as serde structs, written from Zoom's OpenAPI documents
//! (`fixtures/openapi/zoom-users.json`, `zoom-accounts.json`, `zoom-rooms.json`,
//! `zoom-meeting-api-2023-07.json`), Zoom's Node SDK typings for `GET /devices` (which has no
//! spec file here) and the token response of Server-to-Server OAuth.
//!
//! Rules every type here follows:
//! - unknown fields are ignored (Zoom adds fields without notice);
//! - a field the spec does not mark `required` is an `Option` (arrays: empty when missing or
//!   `null`);
//! - timestamps stay `String` (the model crate parses them leniently);
//! - Rust field names are Zoom's JSON names, except `type` (a keyword), which becomes
//!   `<what>_type` (`user_type`, `role_type`, `location_type`, `activity_type`), and
//!   `groupId` of a meeting participant, which becomes `group_id`;
//! - integers also accept a numeric string, and string fields that hold codes (such as
//!   `plan_united_type`) also accept a number, because Zoom's documents disagree with
//!   themselves on such types (`page_number` is a string in the query of `GET /users` and an
//!   integer in its response).
//!
//! Items the inventory stores come wrapped in [`WithRaw`], which keeps the JSON object exactly
//! as Zoom sent it next to the typed view.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A typed item together with the JSON object Zoom sent for it.
#[derive(Clone, Debug, PartialEq)]
pub struct WithRaw<T> {
    /// The typed view.
    pub item: T,
    /// The item's JSON as received (unknown fields included).
    pub raw: serde_json::Value,
}

impl<T: DeserializeOwned> WithRaw<T> {
    /// Decodes `raw` into `T` and keeps `raw`.
    pub fn from_value(raw: serde_json::Value) -> Result<Self, serde_json::Error> {
        let item = T::deserialize(&raw)?;
        Ok(WithRaw { item, raw })
    }
}

// ---------------------------------------------------------------------------------------------
// OAuth

/// Success body of `POST https://zoom.us/oauth/token` (`grant_type=account_credentials`).
///
/// `Debug` leaves out the access token.
#[derive(Clone, Deserialize, Serialize)]
pub struct TokenResponse {
    /// The bearer token.
    pub access_token: String,
    /// `bearer`.
    #[serde(default)]
    pub token_type: Option<String>,
    /// Lifetime in seconds (3600 in Zoom's docs).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub expires_in: Option<u64>,
    /// Granted scopes, space separated.
    #[serde(default)]
    pub scope: Option<String>,
    /// The region serving the account (for information; the global `api.zoom.us` keeps working).
    #[serde(default)]
    pub api_url: Option<String>,
}

impl TokenResponse {
    /// The granted scopes, split on whitespace.
    pub fn scopes(&self) -> Vec<String> {
        self.scope
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &"[REDACTED]")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .field("api_url", &self.api_url)
            .finish()
    }
}

/// Error body of the token endpoint: `{"reason": "...", "error": "invalid_client"}`.
///
/// `code`/`message` are also read in case the endpoint answers in the API's error shape.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct TokenErrorBody {
    /// Human-readable reason, e.g. "Invalid client_id or client_secret".
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub reason: Option<String>,
    /// OAuth error, e.g. `invalid_client`, `invalid_request`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub error: Option<String>,
    /// Zoom code, when the body uses the API's error shape.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub code: Option<i64>,
    /// Zoom message, when the body uses the API's error shape.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Errors

/// Error body of the REST API: `{"code": 1001, "message": "User does not exist: x."}`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ApiErrorBody {
    /// Zoom's error code (not the HTTP status).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub code: Option<i64>,
    /// Zoom's message.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
    /// Validation failures (code 300).
    #[serde(default, deserialize_with = "lenient::vec")]
    pub errors: Vec<FieldError>,
}

/// One validation failure in an [`ApiErrorBody`].
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct FieldError {
    /// The field, e.g. `user_info.email`.
    #[serde(default)]
    pub field: Option<String>,
    /// What is wrong with it.
    #[serde(default)]
    pub message: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Pagination

/// The paging fields of a list response (which of them appear varies by endpoint).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct PageMeta {
    /// Token for the next page; missing or empty on the last page.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub next_page_token: Option<String>,
    /// Number of pages (legacy paging).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub page_count: Option<i64>,
    /// Page number (legacy paging).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub page_number: Option<i64>,
    /// Records per page.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub page_size: Option<i64>,
    /// Records across all pages.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_records: Option<i64>,
}

impl PageMeta {
    /// The token to request the next page with, or `None` when this was the last page.
    pub fn next_token(&self) -> Option<&str> {
        self.next_page_token.as_deref().filter(|t| !t.is_empty())
    }
}

// ---------------------------------------------------------------------------------------------
// Users (zoom-users.json)

/// A user's status: the `status` query parameter of `GET /users` and the `status` of a user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    /// Users who can sign in.
    Active,
    /// Deactivated users.
    Inactive,
    /// Invited users who have not accepted.
    Pending,
}

impl UserStatus {
    /// Every status.
    pub const ALL: [UserStatus; 3] = [
        UserStatus::Active,
        UserStatus::Inactive,
        UserStatus::Pending,
    ];

    /// The value Zoom expects in the `status` query parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Inactive => "inactive",
            UserStatus::Pending => "pending",
        }
    }

    /// The status Zoom spells `text`, in any case.
    pub fn parse(text: &str) -> Option<UserStatus> {
        UserStatus::ALL
            .into_iter()
            .find(|status| text.eq_ignore_ascii_case(status.as_str()))
    }
}

impl std::fmt::Display for UserStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A custom attribute of a user (`custom_attributes[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct CustomAttribute {
    /// The attribute's unique ID.
    #[serde(default)]
    pub key: Option<String>,
    /// The attribute's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The attribute's value.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub value: Option<String>,
}

/// One licence subscription of a user (`license_info_list[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct LicenseInfo {
    /// `MEETING` or `ZOOM_WORKPLACE_BUNDLE`.
    #[serde(default)]
    pub license_type: Option<String>,
    /// Plan option bit (values up to 2^59).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub license_option: Option<i64>,
    /// Subscription ID.
    #[serde(default)]
    pub subscription_id: Option<String>,
}

/// An item of `GET /users` (`users[]`). The spec requires `email` and `type`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct UserListItem {
    /// User ID; Zoom does not return it for pending users.
    #[serde(default)]
    pub id: Option<String>,
    /// Email address (required).
    pub email: String,
    /// Plan type (required): 1 Basic, 2 Licensed, 4 Unassigned without Meetings Basic, 99 None.
    #[serde(rename = "type", deserialize_with = "lenient::i64")]
    pub user_type: i64,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// `active`, `inactive` or `pending`.
    #[serde(default)]
    pub status: Option<String>,
    /// Personal meeting ID.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub pmi: Option<i64>,
    /// Time zone.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Department.
    #[serde(default)]
    pub dept: Option<String>,
    /// When the user's latest login type was created (deprecated by Zoom).
    #[serde(default)]
    pub created_at: Option<String>,
    /// When the user was created.
    #[serde(default)]
    pub user_created_at: Option<String>,
    /// Last login (three-day buffer).
    #[serde(default)]
    pub last_login_time: Option<String>,
    /// Client version of the last login.
    #[serde(default)]
    pub last_client_version: Option<String>,
    /// 1 if the email is verified, 0 if not.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub verified: Option<i64>,
    /// Role ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub role_id: Option<String>,
    /// Group IDs.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub group_ids: Vec<String>,
    /// IM directory group IDs.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub im_group_ids: Vec<String>,
    /// Division IDs.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub division_ids: Vec<String>,
    /// Employee unique ID (SSO users).
    #[serde(default)]
    pub employee_unique_id: Option<String>,
    /// Host key (only with `include_fields=host_key`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub host_key: Option<String>,
    /// Zoom United plan option, a numeric code as string.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub plan_united_type: Option<String>,
    /// Custom attributes (only with `include_fields=custom_attributes`).
    #[serde(default, deserialize_with = "lenient::vec")]
    pub custom_attributes: Vec<CustomAttribute>,
    /// Licence subscriptions.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub license_info_list: Vec<LicenseInfo>,
}

/// A phone number of a user (`phone_numbers[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct PhoneNumber {
    /// Country calling code, e.g. `+1`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub code: Option<String>,
    /// Country, e.g. `US`.
    #[serde(default)]
    pub country: Option<String>,
    /// `Mobile`, `Office`, `Home` or `Fax`.
    #[serde(default)]
    pub label: Option<String>,
    /// The number.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub number: Option<String>,
    /// Whether the number is verified.
    #[serde(default)]
    pub verified: Option<bool>,
}

/// `GET /users/{userId}`. The spec requires only `type`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct User {
    /// User ID.
    #[serde(default)]
    pub id: Option<String>,
    /// Plan type (required): 1 Basic, 2 Licensed, 4 Unassigned without Meetings Basic, 99 None.
    #[serde(rename = "type", deserialize_with = "lenient::i64")]
    pub user_type: i64,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// `pending`, `active` or `inactive`.
    #[serde(default)]
    pub status: Option<String>,
    /// Role name.
    #[serde(default)]
    pub role_name: Option<String>,
    /// Role ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub role_id: Option<String>,
    /// Personal meeting ID.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub pmi: Option<i64>,
    /// Whether the PMI is used for instant meetings.
    #[serde(default)]
    pub use_pmi: Option<bool>,
    /// Personal meeting URL.
    #[serde(default)]
    pub personal_meeting_url: Option<String>,
    /// Vanity URL.
    #[serde(default)]
    pub vanity_url: Option<String>,
    /// Time zone.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Language, e.g. `en-US`.
    #[serde(default)]
    pub language: Option<String>,
    /// Department.
    #[serde(default)]
    pub dept: Option<String>,
    /// Company.
    #[serde(default)]
    pub company: Option<String>,
    /// Job title.
    #[serde(default)]
    pub job_title: Option<String>,
    /// Cost center.
    #[serde(default)]
    pub cost_center: Option<String>,
    /// Location.
    #[serde(default)]
    pub location: Option<String>,
    /// Manager's email.
    #[serde(default)]
    pub manager: Option<String>,
    /// Phone country (deprecated by Zoom).
    #[serde(default)]
    pub phone_country: Option<String>,
    /// Phone number (deprecated by Zoom).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub phone_number: Option<String>,
    /// Phone numbers.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub phone_numbers: Vec<PhoneNumber>,
    /// Profile picture URL.
    #[serde(default)]
    pub pic_url: Option<String>,
    /// Pronouns.
    #[serde(default)]
    pub pronouns: Option<String>,
    /// How pronouns are shared: 1 ask, 2 always, 3 never.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub pronouns_option: Option<i64>,
    /// When the user's latest login type was created (deprecated by Zoom).
    #[serde(default)]
    pub created_at: Option<String>,
    /// When the user was created.
    #[serde(default)]
    pub user_created_at: Option<String>,
    /// Last login (three-day buffer).
    #[serde(default)]
    pub last_login_time: Option<String>,
    /// Client version of the last login.
    #[serde(default)]
    pub last_client_version: Option<String>,
    /// 1 if the email is verified, 0 if not.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub verified: Option<i64>,
    /// Account ID.
    #[serde(default)]
    pub account_id: Option<String>,
    /// Account number.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub account_number: Option<i64>,
    /// CMS ID (Kaltura).
    #[serde(default)]
    pub cms_user_id: Option<String>,
    /// Cluster, e.g. `us04`.
    #[serde(default)]
    pub cluster: Option<String>,
    /// Jabber ID.
    #[serde(default)]
    pub jid: Option<String>,
    /// Zoom One plan option.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub zoom_one_type: Option<i64>,
    /// Employee unique ID (SSO users).
    #[serde(default)]
    pub employee_unique_id: Option<String>,
    /// Login types: 0 Facebook, 1 Google, 24 Apple, 27 Microsoft, 97 Mobile, 98 RingCentral,
    /// 99 API user, 100 Zoom Work email, 101 SSO (11, 21, 23 China only).
    #[serde(default, deserialize_with = "lenient::vec")]
    pub login_types: Vec<i64>,
    /// Group IDs.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub group_ids: Vec<String>,
    /// IM directory group IDs.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub im_group_ids: Vec<String>,
    /// Division IDs.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub division_ids: Vec<String>,
    /// Zoom United plan option, a numeric code as string.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub plan_united_type: Option<String>,
    /// Custom attributes.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub custom_attributes: Vec<CustomAttribute>,
    /// Licence subscriptions.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub license_info_list: Vec<LicenseInfo>,
}

/// `GET /users` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct UserListPage {
    /// Paging fields.
    #[serde(flatten)]
    pub page: PageMeta,
    /// The users.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub users: Vec<UserListItem>,
}

// ---------------------------------------------------------------------------------------------
// Groups (zoom-users.json)

/// An item of `GET /groups` (`groups[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct Group {
    /// Group ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Group name.
    #[serde(default)]
    pub name: Option<String>,
    /// Number of members.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_members: Option<i64>,
}

/// `GET /groups` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct GroupListPage {
    /// Paging fields (`next_page_token`, `total_records`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// The groups.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub groups: Vec<Group>,
}

// ---------------------------------------------------------------------------------------------
// Roles (zoom-accounts.json)

/// An item of `GET /roles` (`roles[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct Role {
    /// Role ID (`0` Owner, `1` Admin, `2` Member for the built-in roles).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Role name.
    #[serde(default)]
    pub name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Role type (`common` or `iq`).
    #[serde(rename = "type", default)]
    pub role_type: Option<String>,
    /// Number of members.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_members: Option<i64>,
}

/// `GET /roles` response (not paginated: no `next_page_token` in the spec).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct RoleList {
    /// Number of roles.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_records: Option<i64>,
    /// The roles.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub roles: Vec<Role>,
}

/// An item of `GET /roles/{roleId}/members` (`members[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct RoleMember {
    /// User ID.
    #[serde(default)]
    pub id: Option<String>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Department.
    #[serde(default)]
    pub department: Option<String>,
    /// User type (as in [`User::user_type`]).
    #[serde(rename = "type", default, deserialize_with = "lenient::opt_i64")]
    pub user_type: Option<i64>,
}

/// `GET /roles/{roleId}/members` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct RoleMemberPage {
    /// Paging fields.
    #[serde(flatten)]
    pub page: PageMeta,
    /// The members.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub members: Vec<RoleMember>,
}

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
// Zoom Rooms (zoom-rooms.json)

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

// ---------------------------------------------------------------------------------------------
// Zoom Device Management (`GET /devices`; no spec file: fields from Zoom's Node SDK typings
// `DevicesListDevicesResponse`, see NOTES §4.7)

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

// ---------------------------------------------------------------------------------------------
// Dashboards (zoom-accounts.json)

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

// ---------------------------------------------------------------------------------------------
// Reports (zoom-meeting-api-2023-07.json)

/// An item of `GET /report/activities` (`activity_logs[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct SignInActivity {
    /// The user's email.
    #[serde(default)]
    pub email: Option<String>,
    /// When.
    #[serde(default)]
    pub time: Option<String>,
    /// Zoom's `type`: `Sign in` or `Sign out`.
    #[serde(rename = "type", default)]
    pub activity_type: Option<String>,
    /// Client IP address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// Client type, e.g. `Browser`.
    #[serde(default)]
    pub client_type: Option<String>,
    /// Client version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub version: Option<String>,
}

/// `GET /report/activities` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct SignInActivityListPage {
    /// Paging fields (`next_page_token`, `page_size`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// Start of the report, as Zoom echoes it.
    #[serde(default)]
    pub from: Option<String>,
    /// End of the report, as Zoom echoes it.
    #[serde(default)]
    pub to: Option<String>,
    /// The sign-in and sign-out events.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub activity_logs: Vec<SignInActivity>,
}

/// An item of `GET /report/operationlogs` (`operation_logs[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct OperationLog {
    /// When.
    #[serde(default)]
    pub time: Option<String>,
    /// Who (the admin's email).
    #[serde(default)]
    pub operator: Option<String>,
    /// What kind of object: `user`, `user_settings`, `account`, `billing`, `im`, `recording`,
    /// `phone_contacts`, `webinar`, `sub_account`, `role`, `zoom_rooms`.
    #[serde(default)]
    pub category_type: Option<String>,
    /// The action, e.g. `delete`.
    #[serde(default)]
    pub action: Option<String>,
    /// Details, e.g. `delete user - user2@example.com`.
    #[serde(default)]
    pub operation_detail: Option<String>,
}

/// `GET /report/operationlogs` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct OperationLogListPage {
    /// Paging fields (`next_page_token`, `page_size`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// The operations.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub operation_logs: Vec<OperationLog>,
}

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// The account's SaaS side

/// `GET /accounts/{accountId}/settings` (default branch): the objects an inventory reads.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct AccountSettings {
    /// Sign-in security.
    #[serde(default)]
    pub security: Option<SecuritySettings>,
    /// Meeting scheduling defaults.
    #[serde(default)]
    pub schedule_meeting: Option<ScheduleMeetingSettings>,
    /// Recording policy.
    #[serde(default)]
    pub recording: Option<RecordingSettings>,
}

/// `settings.security`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct SecuritySettings {
    /// Single sign-on.
    #[serde(default)]
    pub signin_with_sso: Option<SigninWithSso>,
    /// Password rules.
    #[serde(default)]
    pub password_requirement: Option<PasswordRequirement>,
    /// Who must use 2FA: `all`, `group`, `role` or `none`.
    #[serde(default)]
    pub sign_in_with_two_factor_auth: Option<String>,
    /// Group IDs, when 2FA is enforced for groups.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub sign_in_with_two_factor_auth_groups: Vec<String>,
    /// Role IDs, when 2FA is enforced for roles.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub sign_in_with_two_factor_auth_roles: Vec<String>,
    /// Minutes of inactivity on the web before signing in again (0: off).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub sign_again_period_for_inactivity_on_web: Option<i64>,
}

/// `settings.security.signin_with_sso`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct SigninWithSso {
    /// SSO enabled.
    #[serde(default)]
    pub enable: Option<bool>,
    /// SSO required for users of `domains`.
    #[serde(default)]
    pub require_sso_for_domains: Option<bool>,
    /// Managed domains.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub domains: Vec<String>,
}

/// `settings.security.password_requirement`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct PasswordRequirement {
    /// Minimum length.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub minimum_password_length: Option<i64>,
    /// A special character is required.
    #[serde(default)]
    pub have_special_character: Option<bool>,
    /// Longest run of consecutive characters allowed, plus one (0: no rule).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub consecutive_characters_length: Option<i64>,
    /// Enhanced weak-password detection.
    #[serde(default)]
    pub weak_enhance_detection: Option<bool>,
}

/// `settings.schedule_meeting`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct ScheduleMeetingSettings {
    /// Scheduled meetings require a passcode.
    #[serde(default)]
    pub require_password_for_scheduled_meetings: Option<bool>,
}

/// `settings.recording`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct RecordingSettings {
    /// Cloud recording allowed.
    #[serde(default)]
    pub cloud_recording: Option<bool>,
    /// Cloud recordings are deleted automatically.
    #[serde(default)]
    pub auto_delete_cmr: Option<bool>,
    /// After how many days.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub auto_delete_cmr_days: Option<i64>,
}

/// `GET /accounts/{accountId}/settings?option=meeting_security`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct MeetingSecuritySettings {
    /// The meeting security settings.
    #[serde(default)]
    pub meeting_security: Option<MeetingSecurity>,
}

/// `meeting_security`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct MeetingSecurity {
    /// Waiting room on by default.
    #[serde(default)]
    pub waiting_room: Option<bool>,
    /// Scheduled meetings require a passcode.
    #[serde(default)]
    pub require_password_for_scheduled_meeting: Option<bool>,
    /// The passcode is embedded in join links (one-click join).
    #[serde(default)]
    pub embed_password_in_join_link: Option<bool>,
}

/// `GET /users/summary`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct UsersSummary {
    /// Licensed users.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub licensed_users_count: Option<i64>,
    /// Basic users.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub basic_users_count: Option<i64>,
    /// On-prem users.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub on_prem_users_count: Option<i64>,
    /// Zoom Rooms.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub room_users_count: Option<i64>,
    /// Pending users.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub pending_users_count: Option<i64>,
    /// Users without a licence.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub join_only_users_count: Option<i64>,
    /// All of the above.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_users_count: Option<i64>,
}

/// `GET /accounts/{accountId}/plans/usage`: the plans an inventory reads.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct PlanUsage {
    /// The base (meetings) plan.
    #[serde(default)]
    pub plan_base: Option<PlanSeats>,
    /// Zoom Rooms.
    #[serde(default)]
    pub plan_zoom_rooms: Option<PlanSeats>,
}

/// A plan's seats (`plan_base`, `plan_zoom_rooms`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct PlanSeats {
    /// Billing type, e.g. `monthly`, `yearly`.
    #[serde(rename = "type", default)]
    pub plan_type: Option<String>,
    /// Seats bought.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub hosts: Option<i64>,
    /// Seats used.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub usage: Option<i64>,
    /// Active hosts.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub active_hosts: Option<i64>,
    /// Pending licences.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub pending: Option<i64>,
}

/// An item of `GET /marketplace/apps` (`apps[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct MarketplaceApp {
    /// App ID.
    #[serde(default)]
    pub app_id: Option<String>,
    /// Name.
    #[serde(default)]
    pub app_name: Option<String>,
    /// `ZoomApp`, `ChatBotApp`, `OAuthApp` or `GeneralApp`.
    #[serde(default)]
    pub app_type: Option<String>,
    /// `PUBLISHED`, `UNPUBLISHED` or `SHARABLE`.
    #[serde(default)]
    pub app_status: Option<String>,
    /// `THIRD_PARTY`, `ZOOM` or `INTERNAL`.
    #[serde(default)]
    pub app_developer_type: Option<String>,
    /// Short description.
    #[serde(default)]
    pub app_description: Option<String>,
    /// Scopes, as titles (`View all users' meetings`).
    #[serde(default, deserialize_with = "lenient::vec")]
    pub scopes: Vec<AppScope>,
    /// Who approved it, when, for whom.
    #[serde(default)]
    pub approval_info: Option<ApprovalInfo>,
}

/// `apps[].scopes[]`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct AppScope {
    /// The scope's title.
    #[serde(default)]
    pub scope_name: Option<String>,
    /// What it grants.
    #[serde(default)]
    pub scope_description: Option<String>,
}

/// `apps[].approval_info`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct ApprovalInfo {
    /// `forAllUser` or `forSpecificUser`.
    #[serde(default)]
    pub approved_type: Option<String>,
    /// The approving admin's user ID.
    #[serde(default)]
    pub approver_id: Option<String>,
    /// When.
    #[serde(default)]
    pub approved_time: Option<String>,
}

/// `GET /roles/{roleId}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct RoleDetails {
    /// Role ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// `common` or `iq`.
    #[serde(rename = "type", default)]
    pub role_type: Option<String>,
    /// Number of members.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_members: Option<i64>,
    /// Privileges, e.g. `Users:Edit`.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub privileges: Vec<String>,
}

/// Deserializers that accept the type variations Zoom is known or suspected to send.
mod lenient {
    use std::fmt;

    use serde::de::{self, Deserialize, Deserializer, Visitor};

    /// An integer, or a string holding one; `null` and `""` are `None`.
    pub(super) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        d.deserialize_any(OptI64)
    }

    /// Like [`opt_i64`], for a required field.
    pub(super) fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        opt_i64(d)?.ok_or_else(|| de::Error::invalid_type(de::Unexpected::Unit, &"an integer"))
    }

    /// A non-negative integer, or a string holding one.
    pub(super) fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        match opt_i64(d)? {
            None => Ok(None),
            Some(n) => u64::try_from(n).map(Some).map_err(|_| {
                de::Error::invalid_value(de::Unexpected::Signed(n), &"a non-negative integer")
            }),
        }
    }

    /// A number, or a string holding one; `null` and `""` are `None`.
    pub(super) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        d.deserialize_any(OptF64)
    }

    /// A string, or a number/bool rendered as one; `null` is `None`.
    pub(super) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(OptString)
    }

    /// An array; `null` is empty.
    pub(super) fn vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
    }

    struct OptI64;

    impl<'de> Visitor<'de> for OptI64 {
        type Value = Option<i64>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer or a string holding an integer")
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            i64::try_from(v)
                .map(Some)
                .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            // 1e3 or 30.0: accepted when integral and in range.
            if v.fract() == 0.0 && v >= i64::MIN as f64 && v <= i64::MAX as f64 {
                Ok(Some(v as i64))
            } else {
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let t = v.trim();
            if t.is_empty() {
                return Ok(None);
            }
            t.parse::<i64>()
                .map(Some)
                .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    struct OptF64;

    impl<'de> Visitor<'de> for OptF64 {
        type Value = Option<f64>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number or a string holding a number")
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let t = v.trim();
            if t.is_empty() {
                return Ok(None);
            }
            match t.parse::<f64>() {
                Ok(n) if n.is_finite() => Ok(Some(n)),
                _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
            }
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    struct OptString;

    impl<'de> Visitor<'de> for OptString {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or a number")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }

        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
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
