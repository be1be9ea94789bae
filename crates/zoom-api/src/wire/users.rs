//! Users (`zoom-users.json`): the list item, the full user, and the statuses a listing
//! filters on.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{PageMeta, lenient};

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

impl fmt::Display for UserStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
