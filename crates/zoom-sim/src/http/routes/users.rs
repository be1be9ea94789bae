//! Users API (`fixtures/openapi/zoom-users.json`): `GET /users`, `GET /users/{userId}`,
//! `GET /groups`.

use std::borrow::Cow;
use std::sync::Arc;

use axum::extract::{Path, State};
use serde::Serialize;

use axum::response::Response;

use super::{Params, json, zoom_time};
use crate::generate::users::{CustomAttribute, PhoneNumber, SimUser, UserStatus};
use crate::http::error::ZoomError;
use crate::http::paging::PageQuery;
use crate::http::server::AppState;

/// Default and maximum `page_size` of `GET /users`: the current spec (`zoom-users.json`) says
/// maximum 2000 (the 2023 spec and the pagination page said 300); larger values serve 2000.
const USERS_DEFAULT_PAGE_SIZE: usize = 30;
pub(crate) const USERS_MAX_PAGE_SIZE: usize = 2000;
/// `GET /groups`: "The maximum is 300"; the spec gives no default, 30 is Zoom's usual one.
const GROUPS_DEFAULT_PAGE_SIZE: usize = 30;
const GROUPS_MAX_PAGE_SIZE: usize = 300;

/// Login types the `login_type` parameter accepts (spec enum).
const LOGIN_TYPES: &[u8] = &[0, 1, 11, 21, 23, 24, 27, 97, 98, 99, 100, 101];

#[derive(Serialize)]
struct CustomAttributeOut<'a> {
    key: &'a str,
    name: &'a str,
    value: &'a str,
}

impl<'a> From<&'a CustomAttribute> for CustomAttributeOut<'a> {
    fn from(a: &'a CustomAttribute) -> Self {
        CustomAttributeOut {
            key: &a.key,
            name: &a.name,
            value: &a.value,
        }
    }
}

#[derive(Serialize)]
struct PhoneNumberOut<'a> {
    code: &'a str,
    country: &'a str,
    label: &'a str,
    number: &'a str,
    verified: bool,
}

impl<'a> From<&'a PhoneNumber> for PhoneNumberOut<'a> {
    fn from(p: &'a PhoneNumber) -> Self {
        PhoneNumberOut {
            code: &p.code,
            country: &p.country,
            label: &p.label,
            number: &p.number,
            verified: p.verified,
        }
    }
}

/// An item of `GET /users`: only the fields of the spec's list schema.
#[derive(Serialize)]
struct UserListItem<'a> {
    id: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    display_name: &'a str,
    email: &'a str,
    #[serde(rename = "type")]
    user_type: u8,
    pmi: u64,
    timezone: &'a str,
    verified: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    dept: Option<&'a str>,
    created_at: String,
    user_created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_login_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_client_version: Option<&'a str>,
    status: &'static str,
    role_id: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    group_ids: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    employee_unique_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host_key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    custom_attributes: Option<Vec<CustomAttributeOut<'a>>>,
}

#[derive(Serialize)]
struct UserList<'a> {
    next_page_token: String,
    page_count: usize,
    page_number: usize,
    page_size: usize,
    total_records: usize,
    users: Vec<UserListItem<'a>>,
}

/// What `include_fields` asked for.
#[derive(Debug, Default, Clone, Copy)]
struct Include {
    custom_attributes: bool,
    host_key: bool,
}

impl Include {
    /// The spec's enum is one value; a comma-separated pair is accepted too.
    fn parse(raw: Option<&str>) -> Result<Include, ZoomError> {
        let mut include = Include::default();
        for field in raw
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            match field {
                "custom_attributes" => include.custom_attributes = true,
                "host_key" => include.host_key = true,
                _ => return Err(ZoomError::invalid_field("include_fields")),
            }
        }
        Ok(include)
    }
}

fn list_item(user: &SimUser, include: Include) -> UserListItem<'_> {
    UserListItem {
        id: &user.id,
        first_name: &user.first_name,
        last_name: &user.last_name,
        display_name: &user.display_name,
        email: &user.email,
        user_type: user.user_type.code(),
        pmi: user.pmi,
        timezone: &user.timezone,
        verified: u8::from(user.verified),
        dept: user.dept.as_deref(),
        created_at: zoom_time(user.created_at),
        user_created_at: zoom_time(user.user_created_at),
        last_login_time: user.last_login_time.map(zoom_time),
        last_client_version: user.last_client_version.as_deref(),
        status: user.status.as_str(),
        role_id: &user.role_id,
        group_ids: &user.group_ids,
        employee_unique_id: user.employee_unique_id.as_deref(),
        host_key: include.host_key.then_some(user.host_key.as_str()),
        custom_attributes: include
            .custom_attributes
            .then(|| user.custom_attributes.iter().map(Into::into).collect()),
    }
}

/// `GET /users`.
pub(super) async fn list_users(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let status = match params.get("status") {
        None => UserStatus::Active,
        Some(raw) => UserStatus::parse(raw).ok_or_else(|| ZoomError::invalid_field("status"))?,
    };
    let page_size = params.page_size(USERS_DEFAULT_PAGE_SIZE, USERS_MAX_PAGE_SIZE)?;
    let page_number = params.page_number()?;
    let include = Include::parse(params.get("include_fields"))?;
    let license = params.get("license");
    if license.is_some_and(|l| {
        !matches!(
            l,
            "zoom_workforce_management" | "zoom_compliance_management"
        )
    }) {
        return Err(ZoomError::invalid_field("license"));
    }
    let role_id = params.get("role_id");

    let account = &state.account();
    let all = account.status_indices(status);
    let matching: Cow<'_, [usize]> = match (role_id, license) {
        (None, None) => Cow::Borrowed(all),
        // No simulated user holds a Workforce or Compliance Management licence.
        (_, Some(_)) => Cow::Owned(Vec::new()),
        (Some(role), None) => Cow::Owned(
            all.iter()
                .copied()
                .filter(|&i| account.users[i].role_id == role)
                .collect(),
        ),
    };
    let query = PageQuery {
        fingerprint: format!(
            "GET /users?status={}&page_size={page_size}&role_id={}&include_fields={}&license={}",
            status.as_str(),
            role_id.unwrap_or_default(),
            params.get("include_fields").unwrap_or_default(),
            license.unwrap_or_default(),
        ),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number,
    };
    let page = state
        .pages
        .page(&query, matching.len(), state.clock.now())?;
    let body = UserList {
        users: matching[page.range.clone()]
            .iter()
            .map(|&i| list_item(&account.users[i], include))
            .collect(),
        next_page_token: page.next_page_token,
        page_count: page.page_count,
        page_number: page.page_number,
        page_size: page.page_size,
        total_records: page.total_records,
    };
    Ok(json(&body))
}

/// `GET /users/{userId}`: every field of the spec's detail schema that the user has.
#[derive(Serialize)]
struct UserDetail<'a> {
    id: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    display_name: &'a str,
    email: &'a str,
    #[serde(rename = "type")]
    user_type: u8,
    role_name: &'a str,
    pmi: u64,
    use_pmi: bool,
    personal_meeting_url: &'a str,
    timezone: &'a str,
    verified: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    dept: Option<&'a str>,
    created_at: String,
    user_created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_login_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_client_version: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pic_url: Option<&'a str>,
    cms_user_id: &'a str,
    jid: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    group_ids: &'a [String],
    account_id: &'a str,
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number: Option<String>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_center: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    login_types: &'a [u8],
    role_id: &'a str,
    account_number: u64,
    cluster: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    company: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    manager: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    phone_numbers: Vec<PhoneNumberOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pronouns: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pronouns_option: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    employee_unique_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    custom_attributes: Vec<CustomAttributeOut<'a>>,
}

pub(super) async fn get_user(
    State(state): State<Arc<AppState>>,
    Path(user_id): Path<String>,
    params: Params,
) -> Result<Response, ZoomError> {
    let login_type = params
        .get("login_type")
        .map(|raw| {
            raw.trim()
                .parse::<u8>()
                .ok()
                .filter(|t| LOGIN_TYPES.contains(t))
                .ok_or_else(|| ZoomError::invalid_field("login_type"))
        })
        .transpose()?;
    let by_unique_id = params.flag("search_by_unique_id")?;
    // `encrypted_email=true`: the simulator cannot decrypt, so such an ID simply matches no one.
    params.flag("encrypted_email")?;

    let account = &state.account();
    let user = if by_unique_id {
        account.user_by_employee_id(&user_id)
    } else {
        account.user(&user_id)
    };
    let user = user
        .filter(|u| login_type.is_none_or(|t| u.login_types.contains(&t)))
        .ok_or_else(|| ZoomError::user_not_found(&user_id))?;
    if user.invitation_expired {
        return Err(ZoomError::invitation_not_found());
    }
    // Spec: pending users' `created_at` shows "the time at which the API call was made".
    let created_at = if user.status == UserStatus::Pending {
        account.now
    } else {
        user.created_at
    };
    let first_phone = user.phone_numbers.first();
    let body = UserDetail {
        id: &user.id,
        first_name: &user.first_name,
        last_name: &user.last_name,
        display_name: &user.display_name,
        email: &user.email,
        user_type: user.user_type.code(),
        role_name: &user.role_name,
        pmi: user.pmi,
        use_pmi: user.use_pmi,
        personal_meeting_url: &user.personal_meeting_url,
        timezone: &user.timezone,
        verified: u8::from(user.verified),
        dept: user.dept.as_deref(),
        created_at: zoom_time(created_at),
        user_created_at: zoom_time(user.user_created_at),
        last_login_time: user.last_login_time.map(zoom_time),
        last_client_version: user.last_client_version.as_deref(),
        pic_url: user.pic_url.as_deref(),
        cms_user_id: &user.cms_user_id,
        jid: &user.jid,
        group_ids: &user.group_ids,
        account_id: &user.account_id,
        language: &user.language,
        phone_country: first_phone.map(|p| p.country.as_str()),
        phone_number: first_phone.map(|p| format!("{} {}", p.code, p.number)),
        status: user.status.as_str(),
        job_title: user.job_title.as_deref(),
        cost_center: user.cost_center.as_deref(),
        location: user.location.as_deref(),
        login_types: &user.login_types,
        role_id: &user.role_id,
        account_number: user.account_number,
        cluster: &user.cluster,
        company: user.company.as_deref(),
        manager: user.manager.as_deref(),
        phone_numbers: user.phone_numbers.iter().map(Into::into).collect(),
        pronouns: user.pronouns.as_deref(),
        pronouns_option: user.pronouns_option,
        employee_unique_id: user.employee_unique_id.as_deref(),
        custom_attributes: user.custom_attributes.iter().map(Into::into).collect(),
    };
    Ok(json(&body))
}

#[derive(Serialize)]
struct GroupItem<'a> {
    id: &'a str,
    name: &'a str,
    total_members: usize,
}

#[derive(Serialize)]
struct GroupList<'a> {
    groups: Vec<GroupItem<'a>>,
    total_records: usize,
    next_page_token: String,
}

/// `GET /groups`.
pub(super) async fn list_groups(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let page_size = params.page_size(GROUPS_DEFAULT_PAGE_SIZE, GROUPS_MAX_PAGE_SIZE)?;
    let query = PageQuery {
        fingerprint: format!("GET /groups?page_size={page_size}"),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number: None,
    };
    let groups = &state.account().groups;
    let page = state.pages.page(&query, groups.len(), state.clock.now())?;
    let body = GroupList {
        groups: groups[page.range.clone()]
            .iter()
            .map(|g| GroupItem {
                id: &g.id,
                name: &g.name,
                total_members: g.total_members,
            })
            .collect(),
        total_records: page.total_records,
        next_page_token: page.next_page_token,
    };
    Ok(json(&body))
}
