//! Zoom's JSON as serde structs, written from Zoom's OpenAPI documents
//! (`fixtures/openapi/zoom-users.json`, `zoom-accounts.json`) and the token response of
//! Server-to-Server OAuth.
//!
//! Rules every type here follows:
//! - unknown fields are ignored (Zoom adds fields without notice);
//! - a field the spec does not mark `required` is an `Option` (arrays: empty when missing or
//!   `null`);
//! - timestamps stay `String` (the model crate parses them leniently);
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
