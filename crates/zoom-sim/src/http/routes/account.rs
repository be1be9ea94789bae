//! The account's SaaS side: `GET /accounts/{accountId}/settings` (every section, and each
//! `option`), `/lock_settings`, `/managed_domains` and `/trusted_domains`
//! (`fixtures/openapi/zoom-accounts.json`), the settings and lock settings of groups and the
//! settings of users (`zoom-users.json`), `GET /accounts/{accountId}/plans/usage` and `/plans`
//! (`zoom-billing-ma.json`), `GET /users/summary` (`zoom-users.json`), `GET /marketplace/apps`
//! and `/marketplace/apps/{appId}` (`zoom-marketplace.json`) and `GET /roles/{roleId}`
//! (`zoom-accounts.json`).
//!
//! Settings answers are assembled by the account (`generate/settings.rs`): every field of
//! Zoom's schemas, the account's values, and what groups and users set otherwise.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Serialize;

use super::{Params, json, zoom_time};
use crate::generate::account::Account;
use crate::generate::saas::BillingCycle;
use crate::http::error::ZoomError;
use crate::http::paging::PageQuery;
use crate::http::server::AppState;

const APPS_DEFAULT_PAGE_SIZE: usize = 30;
const APPS_MAX_PAGE_SIZE: usize = 300;

/// `accountId` is `me` or the account's own ID (other IDs are sub-accounts: none here).
fn own_account(account: &Account, account_id: &str) -> Result<(), ZoomError> {
    if account_id == "me" || account_id == account.account_id {
        Ok(())
    } else {
        Err(ZoomError::account_not_found(account_id))
    }
}

/// `GET /accounts/{accountId}/settings`: `option` absent (every section of the default
/// answer), `meeting_security`, `meeting_authentication`, `recording_authentication` or
/// `security`.
pub(super) async fn settings(
    State(state): State<Arc<AppState>>,
    Path(account_id): Path<String>,
    params: Params,
) -> Result<Response, ZoomError> {
    let account = state.account();
    own_account(&account, &account_id)?;
    account
        .account_settings_answer(params.get("option"))
        .map(|body| json(&body))
        .ok_or_else(|| ZoomError::invalid_field("option"))
}

/// `GET /accounts/{accountId}/lock_settings` (`option=meeting_security` for that section):
/// which settings users and groups cannot change.
pub(super) async fn lock_settings(
    State(state): State<Arc<AppState>>,
    Path(account_id): Path<String>,
    params: Params,
) -> Result<Response, ZoomError> {
    let account = state.account();
    own_account(&account, &account_id)?;
    account
        .account_lock_settings_answer(params.get("option"))
        .map(|body| json(&body))
        .ok_or_else(|| ZoomError::invalid_field("option"))
}

#[derive(Serialize)]
struct ManagedDomain<'a> {
    domain: &'a str,
    status: &'a str,
}

#[derive(Serialize)]
struct ManagedDomains<'a> {
    domains: Vec<ManagedDomain<'a>>,
    total_records: usize,
}

/// `GET /accounts/{accountId}/managed_domains`.
pub(super) async fn managed_domains(
    State(state): State<Arc<AppState>>,
    Path(account_id): Path<String>,
) -> Result<Response, ZoomError> {
    let account = state.account();
    own_account(&account, &account_id)?;
    let domains = &account.saas.managed_domains;
    Ok(json(&ManagedDomains {
        domains: domains
            .iter()
            .map(|(domain, status)| ManagedDomain { domain, status })
            .collect(),
        total_records: domains.len(),
    }))
}

#[derive(Serialize)]
struct TrustedDomains<'a> {
    trusted_domains: &'a [String],
}

/// `GET /accounts/{accountId}/trusted_domains`.
pub(super) async fn trusted_domains(
    State(state): State<Arc<AppState>>,
    Path(account_id): Path<String>,
) -> Result<Response, ZoomError> {
    let account = state.account();
    own_account(&account, &account_id)?;
    Ok(json(&TrustedDomains {
        trusted_domains: &account.saas.trusted_domains,
    }))
}

/// `GET /groups/{groupId}/settings` (`option`: `meeting_security`, `meeting_authentication`,
/// `recording_authentication`): the account's settings where the group sets none.
pub(super) async fn group_settings(
    State(state): State<Arc<AppState>>,
    Path(group_id): Path<String>,
    params: Params,
) -> Result<Response, ZoomError> {
    let account = state.account();
    if !account.groups.iter().any(|g| g.id == group_id) {
        return Err(ZoomError::group_not_found(&group_id));
    }
    account
        .group_settings_answer(&group_id, params.get("option"))
        .map(|body| json(&body))
        .ok_or_else(|| ZoomError::invalid_field("option"))
}

/// `GET /groups/{groupId}/lock_settings` (`option=meeting_security` for that section).
pub(super) async fn group_lock_settings(
    State(state): State<Arc<AppState>>,
    Path(group_id): Path<String>,
    params: Params,
) -> Result<Response, ZoomError> {
    let account = state.account();
    if !account.groups.iter().any(|g| g.id == group_id) {
        return Err(ZoomError::group_not_found(&group_id));
    }
    account
        .group_lock_settings_answer(&group_id, params.get("option"))
        .map(|body| json(&body))
        .ok_or_else(|| ZoomError::invalid_field("option"))
}

/// `GET /users/{userId}/settings` (ID or e-mail; `option` as for groups): the user's group's,
/// else the account's settings where the user sets none.
pub(super) async fn user_settings(
    State(state): State<Arc<AppState>>,
    Path(user_id): Path<String>,
    params: Params,
) -> Result<Response, ZoomError> {
    let account = state.account();
    let user = account
        .user(&user_id)
        .ok_or_else(|| ZoomError::user_not_found(&user_id))?;
    if user.invitation_expired {
        return Err(ZoomError::invitation_not_found());
    }
    account
        .user_settings_answer(&user.id, params.get("option"))
        .map(|body| json(&body))
        .ok_or_else(|| ZoomError::invalid_field("option"))
}

#[derive(Serialize)]
struct PlanBase {
    #[serde(rename = "type")]
    plan_type: &'static str,
    hosts: usize,
    usage: usize,
    active_hosts: usize,
    pending: usize,
}

#[derive(Serialize)]
struct PlanZoomRooms {
    #[serde(rename = "type")]
    plan_type: &'static str,
    hosts: usize,
    usage: usize,
}

#[derive(Serialize)]
struct PlanUsage {
    plan_base: PlanBase,
    #[serde(skip_serializing_if = "Option::is_none")]
    plan_zoom_rooms: Option<PlanZoomRooms>,
}

/// `GET /accounts/{accountId}/plans/usage` (paid plans only: the endpoint's plan gate).
pub(super) async fn plan_usage(
    State(state): State<Arc<AppState>>,
    Path(account_id): Path<String>,
) -> Result<Response, ZoomError> {
    let account = state.account();
    own_account(&account, &account_id)?;
    let seats = account.seat_counts();
    let subscription = &account.saas.subscription;
    let plan_type = match subscription.cycle {
        BillingCycle::Monthly => "monthly",
        BillingCycle::Annual => "yearly",
    };
    Ok(json(&PlanUsage {
        plan_base: PlanBase {
            plan_type,
            hosts: subscription.seats_purchased,
            usage: seats.licensed,
            active_hosts: seats.active_licensed,
            pending: seats.pending,
        },
        plan_zoom_rooms: (seats.rooms > 0).then_some(PlanZoomRooms {
            plan_type,
            hosts: seats.rooms,
            usage: seats.rooms,
        }),
    }))
}

#[derive(Serialize)]
struct PlanInformation {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    plan_type: Option<&'static str>,
    hosts: usize,
    active_hosts: usize,
    status: &'static str,
    service_effective_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_invoice_date: Option<String>,
}

#[derive(Serialize)]
struct AccountPlans {
    plan_base: PlanInformation,
}

/// `GET /accounts/{accountId}/plans`: a master-account API; every other account is refused
/// (400, code 200), as Zoom opens it to approved partners only. A Free plan has no type or
/// next invoice.
pub(super) async fn plans(
    State(state): State<Arc<AppState>>,
    Path(account_id): Path<String>,
) -> Result<Response, ZoomError> {
    let account = state.account();
    own_account(&account, &account_id)?;
    if !state.config.master_account {
        return Err(ZoomError::no_permission());
    }
    let seats = account.seat_counts();
    let subscription = &account.saas.subscription;
    let paid = subscription.renewal_date.is_some();
    Ok(json(&AccountPlans {
        plan_base: PlanInformation {
            plan_type: paid.then_some(match subscription.cycle {
                BillingCycle::Monthly => "monthly",
                BillingCycle::Annual => "yearly",
            }),
            hosts: subscription.seats_purchased,
            active_hosts: seats.active_licensed,
            status: "active",
            service_effective_date: subscription.service_effective_date.to_string(),
            next_invoice_date: subscription.renewal_date.map(|d| d.to_string()),
        },
    }))
}

#[derive(Serialize)]
struct UserSummary {
    licensed_users_count: usize,
    basic_users_count: usize,
    on_prem_users_count: usize,
    room_users_count: usize,
    pending_users_count: usize,
    join_only_users_count: usize,
    total_users_count: usize,
}

/// `GET /users/summary`.
pub(super) async fn users_summary(State(state): State<Arc<AppState>>) -> Response {
    let seats = state.account().seat_counts();
    json(&UserSummary {
        licensed_users_count: seats.licensed,
        basic_users_count: seats.basic,
        on_prem_users_count: 0,
        room_users_count: seats.rooms,
        pending_users_count: seats.pending,
        join_only_users_count: seats.join_only,
        total_users_count: seats.total(),
    })
}

#[derive(Serialize)]
struct AppScope<'a> {
    scope_name: &'a str,
    scope_description: String,
}

#[derive(Serialize)]
struct ApprovalInfo<'a> {
    approved_type: &'a str,
    approver_id: &'a str,
    approved_time: String,
    app_approval_closed: bool,
}

#[derive(Serialize)]
struct AppItem<'a> {
    app_id: &'a str,
    app_name: &'a str,
    app_type: &'a str,
    app_usage: u8,
    app_status: &'static str,
    app_developer_type: &'a str,
    app_description: &'a str,
    scopes: Vec<AppScope<'a>>,
    approval_info: ApprovalInfo<'a>,
}

#[derive(Serialize)]
struct AppList<'a> {
    next_page_token: String,
    page_size: usize,
    apps: Vec<AppItem<'a>>,
}

/// `GET /marketplace/apps`: `type=account_added` lists the apps added to the account; the
/// request-oriented types (the default `active_requests`, `past_requests`) and the others
/// list none here.
pub(super) async fn list_apps(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let page_size = params.page_size(APPS_DEFAULT_PAGE_SIZE, APPS_MAX_PAGE_SIZE)?;
    let app_type = params.get("type").unwrap_or("active_requests");
    let listed = match app_type {
        "account_added" | "approved_apps" => true,
        "active_requests" | "past_requests" | "public" | "account_created" | "restricted_apps" => {
            false
        }
        _ => return Err(ZoomError::invalid_field("type")),
    };
    let account = state.account();
    let apps: &[crate::SimApp] = if listed { &account.saas.apps } else { &[] };
    let query = PageQuery {
        fingerprint: format!("GET /marketplace/apps?type={app_type}&page_size={page_size}"),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number: None,
    };
    let page = state.pages.page(&query, apps.len(), state.clock.now())?;
    Ok(json(&AppList {
        next_page_token: page.next_page_token,
        page_size: page.page_size,
        apps: apps[page.range]
            .iter()
            .map(|app| AppItem {
                app_id: &app.app_id,
                app_name: &app.app_name,
                app_type: &app.app_type,
                app_usage: 1,
                app_status: "PUBLISHED",
                app_developer_type: &app.developer_type,
                app_description: &app.description,
                scopes: app
                    .scopes
                    .iter()
                    .map(|(_, title)| AppScope {
                        scope_name: title,
                        scope_description: format!(
                            "This app will gain access to: {}.",
                            title.to_lowercase()
                        ),
                    })
                    .collect(),
                approval_info: ApprovalInfo {
                    approved_type: &app.approved_type,
                    approver_id: &app.approver_id,
                    approved_time: zoom_time(app.approved_time),
                    app_approval_closed: false,
                },
            })
            .collect(),
    }))
}

#[derive(Serialize)]
struct AppInfo<'a> {
    app_id: &'a str,
    app_name: &'a str,
    app_description: &'a str,
    /// The spec's enum lacks `GeneralApp`: such apps are served without a type.
    #[serde(skip_serializing_if = "Option::is_none")]
    app_type: Option<&'a str>,
    app_usage: u8,
    app_status: &'static str,
    app_scopes: Vec<&'a str>,
}

/// `GET /marketplace/apps/{appId}`: an app added to the account, with the scopes it requests.
pub(super) async fn get_app(
    State(state): State<Arc<AppState>>,
    Path(app_id): Path<String>,
) -> Result<Response, ZoomError> {
    let account = state.account();
    let app = account
        .saas
        .apps
        .iter()
        .find(|app| app.app_id == app_id)
        .ok_or_else(|| ZoomError::app_not_found(&app_id))?;
    Ok(json(&AppInfo {
        app_id: &app.app_id,
        app_name: &app.app_name,
        app_description: &app.description,
        app_type: ["ZoomApp", "ChatBotApp", "OAuthApp"]
            .contains(&app.app_type.as_str())
            .then_some(app.app_type.as_str()),
        app_usage: 1,
        app_status: "PUBLISHED",
        app_scopes: app.scopes.iter().map(|(scope, _)| scope.as_str()).collect(),
    }))
}

#[derive(Serialize)]
struct RoleInfo<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    #[serde(rename = "type")]
    role_type: &'a str,
    total_members: usize,
    privileges: &'a [String],
}

/// `GET /roles/{roleId}`: the role with its privileges.
pub(super) async fn get_role(
    State(state): State<Arc<AppState>>,
    Path(role_id): Path<String>,
) -> Result<Response, ZoomError> {
    let account = state.account();
    let role = account
        .role(&role_id)
        .ok_or_else(ZoomError::role_not_found)?;
    let privileges = account
        .saas
        .role_privileges
        .iter()
        .find(|(id, _)| *id == role.id)
        .map_or(&[][..], |(_, p)| p.as_slice());
    Ok(json(&RoleInfo {
        id: &role.id,
        name: &role.name,
        description: &role.description,
        role_type: &role.role_type,
        total_members: role.total_members,
        privileges,
    }))
}
