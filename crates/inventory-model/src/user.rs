//! Zoom users: the normalized user of the product contract and its derivation.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use serde::Serialize;
use zoom_api::UserStatus;
use zoom_api::wire::{User as WireUser, UserListItem, WithRaw};

use crate::value::{non_empty, timestamp};
use crate::{Asset, Record};

/// The normalized user (product contract, `kind = "user"`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct User {
    /// Sign-in email.
    pub email: Option<String>,
    /// Display name, or first and last name when Zoom gives none.
    pub display_name: Option<String>,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// `active`, `inactive` or `pending`.
    pub status: Option<UserStatus>,
    /// From Zoom's user `type`: `basic`, `licensed`, `unassigned_without_meetings_basic`,
    /// `none`, or `unknown:<n>` for a value Zoom has not documented.
    pub license_type: Option<String>,
    /// The role's name, resolved from its id.
    pub role: Option<String>,
    /// Whether the role grants admin rights: every role but Zoom's built-in Member role.
    pub is_admin: bool,
    /// Department (`dept`).
    pub department: Option<String>,
    /// Job title (only in the user's detail).
    pub job_title: Option<String>,
    /// Names of the groups the user belongs to (ids when a group's name is unknown), sorted.
    pub groups: Vec<String>,
    /// When the user was created (RFC 3339 UTC).
    pub created_at: Option<Timestamp>,
    /// Last sign-in (RFC 3339 UTC; Zoom buffers it up to three days).
    pub last_login_at: Option<Timestamp>,
    /// Client version of the last sign-in.
    pub last_client_version: Option<String>,
    /// How the user signs in: `sso`, `work_email`, `google`, `api_user`, ...
    pub login_types: Vec<String>,
    /// API users (login type 99) and Zoom Rooms accounts.
    pub is_service_account: bool,
}

/// The fields of [`User`], in declaration order.
pub const FIELD_NAMES: &[&str] = &[
    "email",
    "display_name",
    "first_name",
    "last_name",
    "status",
    "license_type",
    "role",
    "is_admin",
    "department",
    "job_title",
    "groups",
    "created_at",
    "last_login_at",
    "last_client_version",
    "login_types",
    "is_service_account",
];

/// Names the normalization resolves ids to: roles, groups and the accounts known to be services.
#[derive(Clone, Debug, Default)]
pub struct Directory {
    /// Role id to role name.
    pub role_names: HashMap<String, String>,
    /// Group id to group name.
    pub group_names: HashMap<String, String>,
    /// Ids and emails of the users that are Zoom Rooms accounts (service accounts).
    pub room_account_ids: HashSet<String>,
}

/// Zoom's built-in Member role: the only role without admin rights.
const MEMBER_ROLE_ID: &str = "2";

/// Zoom's login type for API users (service accounts).
const API_USER_LOGIN_TYPE: i64 = 99;

/// Normalizes one user from its listing entry and, when it was read, its detail (which adds the
/// job title and sign-in types and wins where both have a field). `raw` is the detail as received
/// when there is one, else the listing entry. `scope` names the listing that found the user.
pub fn normalize(
    listed: &WithRaw<UserListItem>,
    detail: Option<&WithRaw<WireUser>>,
    directory: &Directory,
    scope: &str,
) -> Record {
    let list = &listed.item;
    let full = detail.map(|detail| &detail.item);
    let pick = |from_detail: Option<&String>, from_list: Option<&String>| {
        non_empty(from_detail.map(String::as_str))
            .or_else(|| non_empty(from_list.map(String::as_str)))
    };

    let source_id = pick(full.and_then(|u| u.id.as_ref()), list.id.as_ref())
        .or_else(|| non_empty(Some(&list.email)))
        .unwrap_or_default();
    // Zoom matches emails without regard to case; so do we.
    let email = pick(full.and_then(|u| u.email.as_ref()), Some(&list.email))
        .map(|email| email.to_lowercase());
    let first_name = pick(
        full.and_then(|u| u.first_name.as_ref()),
        list.first_name.as_ref(),
    );
    let last_name = pick(
        full.and_then(|u| u.last_name.as_ref()),
        list.last_name.as_ref(),
    );
    let display_name = pick(
        full.and_then(|u| u.display_name.as_ref()),
        list.display_name.as_ref(),
    )
    .or_else(|| {
        let joined = [first_name.as_deref(), last_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        (!joined.is_empty()).then_some(joined)
    });
    let status = pick(full.and_then(|u| u.status.as_ref()), list.status.as_ref())
        .and_then(|status| UserStatus::parse(&status));
    let user_type = full.map_or(list.user_type, |u| u.user_type);
    let role_id = pick(full.and_then(|u| u.role_id.as_ref()), list.role_id.as_ref());
    // The detail names the role itself; the listing only has its id.
    let role = pick(full.and_then(|u| u.role_name.as_ref()), None)
        .or_else(|| {
            role_id
                .as_ref()
                .and_then(|id| directory.role_names.get(id).cloned())
        })
        .or_else(|| role_id.clone());
    let is_admin = role_id.as_deref().is_some_and(|id| id != MEMBER_ROLE_ID);

    let group_ids = match full.map(|u| &u.group_ids) {
        Some(ids) if !ids.is_empty() => ids,
        _ => &list.group_ids,
    };
    let mut groups: Vec<String> = group_ids
        .iter()
        .map(|id| {
            directory
                .group_names
                .get(id)
                .cloned()
                .unwrap_or_else(|| id.clone())
        })
        .collect();
    groups.sort();
    groups.dedup();

    let login_type_codes: Vec<i64> = full.map(|u| u.login_types.clone()).unwrap_or_default();
    let login_types = login_type_codes
        .iter()
        .map(|code| login_type_name(*code))
        .collect();
    let is_service_account = login_type_codes.contains(&API_USER_LOGIN_TYPE)
        || directory.room_account_ids.contains(&source_id)
        || email
            .as_ref()
            .is_some_and(|email| directory.room_account_ids.contains(email));

    let created_at = timestamp(
        pick(
            full.and_then(|u| u.user_created_at.as_ref()),
            list.user_created_at.as_ref(),
        )
        .or_else(|| {
            pick(
                full.and_then(|u| u.created_at.as_ref()),
                list.created_at.as_ref(),
            )
        })
        .as_deref(),
    );
    let last_login_at = timestamp(
        pick(
            full.and_then(|u| u.last_login_time.as_ref()),
            list.last_login_time.as_ref(),
        )
        .as_deref(),
    );

    let user = User {
        email,
        display_name,
        first_name,
        last_name,
        status,
        license_type: Some(license_type(user_type)),
        role,
        is_admin,
        department: pick(full.and_then(|u| u.dept.as_ref()), list.dept.as_ref()),
        job_title: pick(full.and_then(|u| u.job_title.as_ref()), None),
        groups,
        created_at,
        last_login_at,
        last_client_version: pick(
            full.and_then(|u| u.last_client_version.as_ref()),
            list.last_client_version.as_ref(),
        ),
        login_types,
        is_service_account,
    };
    let raw = detail.map_or_else(|| listed.raw.clone(), |detail| detail.raw.clone());
    Record {
        id: format!("user:{source_id}"),
        source_id,
        scope: scope.to_owned(),
        asset: Asset::User(user),
        raw,
    }
}

/// Zoom's user `type` as a license name.
fn license_type(code: i64) -> String {
    match code {
        1 => "basic".to_owned(),
        2 => "licensed".to_owned(),
        4 => "unassigned_without_meetings_basic".to_owned(),
        99 => "none".to_owned(),
        other => format!("unknown:{other}"),
    }
}

/// Zoom's `login_types` codes as names (USERS, `GET /users/{userId}`).
fn login_type_name(code: i64) -> String {
    let name = match code {
        0 => "facebook",
        1 => "google",
        11 => "phone",
        21 => "wechat",
        23 => "alipay",
        24 => "apple",
        27 => "microsoft",
        97 => "mobile",
        98 => "ringcentral",
        99 => "api_user",
        100 => "work_email",
        101 => "sso",
        other => return format!("unknown:{other}"),
    };
    name.to_owned()
}
