//! The account's SaaS side: `GET /accounts/{accountId}/settings` (default and
//! `option=meeting_security`) and `/lock_settings` (`fixtures/openapi/zoom-accounts.json`),
//! `GET /accounts/{accountId}/managed_domains` (`zoom-accounts.json`),
//! `GET /accounts/{accountId}/plans/usage` and `/plans` (`zoom-billing-ma.json`),
//! `GET /users/summary` (`zoom-users.json`), `GET /marketplace/apps` and
//! `/marketplace/apps/{appId}` (`zoom-marketplace.json`) and `GET /roles/{roleId}`
//! (`zoom-accounts.json`).
//!
//! Settings responses carry the objects an inventory reads (`security`, `schedule_meeting`,
//! `recording`; `meeting_security`), not all of Zoom's several hundred fields.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Serialize;

use super::{Params, json, zoom_time};
use crate::generate::account::Account;
use crate::generate::saas::{BillingCycle, TwoFactor};
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

#[derive(Serialize)]
struct SsoBypassUser<'a> {
    id: &'a str,
    email: &'a str,
}

#[derive(Serialize)]
struct SigninWithSso<'a> {
    enable: bool,
    require_sso_for_domains: bool,
    domains: &'a [String],
    sso_bypass_users: Vec<SsoBypassUser<'a>>,
}

#[derive(Serialize)]
struct PasswordRequirement {
    consecutive_characters_length: u32,
    have_special_character: bool,
    minimum_password_length: u32,
    weak_enhance_detection: bool,
}

#[derive(Serialize)]
struct Security<'a> {
    admin_change_user_info: bool,
    hide_billing_info: bool,
    signin_with_sso: SigninWithSso<'a>,
    password_requirement: PasswordRequirement,
    sign_again_period_for_inactivity_on_client: u32,
    sign_again_period_for_inactivity_on_web: u32,
    sign_in_with_two_factor_auth: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sign_in_with_two_factor_auth_groups: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sign_in_with_two_factor_auth_roles: Option<&'a [String]>,
}

#[derive(Serialize)]
struct ScheduleMeeting {
    host_video: bool,
    participant_video: bool,
    join_before_host: bool,
    require_password_for_scheduled_meetings: bool,
    require_password_for_instant_meetings: bool,
    require_password_for_pmi_meetings: &'static str,
}

#[derive(Serialize)]
struct Recording {
    local_recording: bool,
    cloud_recording: bool,
    auto_delete_cmr: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_delete_cmr_days: Option<u32>,
}

#[derive(Serialize)]
struct AccountSettings<'a> {
    security: Security<'a>,
    schedule_meeting: ScheduleMeeting,
    recording: Recording,
}

#[derive(Serialize)]
struct MeetingSecurity {
    auto_security: bool,
    embed_password_in_join_link: bool,
    meeting_password: bool,
    require_password_for_scheduled_meeting: bool,
    waiting_room: bool,
    pmi_password: bool,
}

#[derive(Serialize)]
struct MeetingSecuritySettings {
    meeting_security: MeetingSecurity,
}

/// `GET /accounts/{accountId}/settings`: `option` absent (the account settings) or
/// `meeting_security`; the other options are not simulated.
pub(super) async fn settings(
    State(state): State<Arc<AppState>>,
    Path(account_id): Path<String>,
    params: Params,
) -> Result<Response, ZoomError> {
    let account = state.account();
    own_account(&account, &account_id)?;
    let saas = &account.saas;
    match params.get("option") {
        None => {}
        Some("meeting_security") => {
            let policy = saas.meetings;
            return Ok(json(&MeetingSecuritySettings {
                meeting_security: MeetingSecurity {
                    auto_security: true,
                    embed_password_in_join_link: policy.embed_passcode_in_join_link,
                    meeting_password: policy.require_passcode,
                    require_password_for_scheduled_meeting: policy.require_passcode,
                    waiting_room: policy.waiting_room,
                    pmi_password: policy.require_passcode,
                },
            }));
        }
        Some(_) => return Err(ZoomError::invalid_field("option")),
    }
    let security = &saas.security;
    let (groups, roles) = match &security.two_factor {
        TwoFactor::Groups(ids) => (Some(ids.as_slice()), None),
        TwoFactor::Roles(ids) => (None, Some(ids.as_slice())),
        TwoFactor::All | TwoFactor::None => (None, None),
    };
    let sso_bypass_users = saas
        .sso
        .bypass_user_ids
        .iter()
        .filter_map(|id| account.user(id))
        .map(|u| SsoBypassUser {
            id: &u.id,
            email: &u.email,
        })
        .collect();
    let recording = saas.recording;
    Ok(json(&AccountSettings {
        security: Security {
            admin_change_user_info: true,
            hide_billing_info: false,
            signin_with_sso: SigninWithSso {
                enable: saas.sso.enabled,
                require_sso_for_domains: saas.sso.require_for_domains,
                domains: &saas.sso.domains,
                sso_bypass_users,
            },
            password_requirement: PasswordRequirement {
                consecutive_characters_length: security.password_consecutive_characters_length,
                have_special_character: security.password_special_character,
                minimum_password_length: security.password_min_length,
                weak_enhance_detection: security.weak_enhance_detection,
            },
            sign_again_period_for_inactivity_on_client: 0,
            sign_again_period_for_inactivity_on_web: security
                .sign_again_period_for_inactivity_on_web,
            sign_in_with_two_factor_auth: security.two_factor.as_str(),
            sign_in_with_two_factor_auth_groups: groups,
            sign_in_with_two_factor_auth_roles: roles,
        },
        schedule_meeting: ScheduleMeeting {
            host_video: true,
            participant_video: false,
            join_before_host: !saas.meetings.waiting_room,
            require_password_for_scheduled_meetings: saas.meetings.require_passcode,
            require_password_for_instant_meetings: saas.meetings.require_passcode,
            require_password_for_pmi_meetings: if saas.meetings.require_passcode {
                "all"
            } else {
                "none"
            },
        },
        recording: Recording {
            local_recording: true,
            cloud_recording: recording.cloud_recording,
            auto_delete_cmr: recording.auto_delete,
            auto_delete_cmr_days: recording.auto_delete.then_some(recording.auto_delete_days),
        },
    }))
}

#[derive(Serialize)]
struct LockedRecording {
    cloud_recording: bool,
    auto_delete_cmr: bool,
}

#[derive(Serialize)]
struct LockedScheduleMeeting {
    embed_password_in_join_link: bool,
}

#[derive(Serialize)]
struct LockSettings {
    recording: LockedRecording,
    schedule_meeting: LockedScheduleMeeting,
}

/// `GET /accounts/{accountId}/lock_settings`: which settings users and groups cannot change.
/// The simulated account locks the recording policy when it deletes recordings automatically,
/// and the passcode setting when meetings require one.
pub(super) async fn lock_settings(
    State(state): State<Arc<AppState>>,
    Path(account_id): Path<String>,
) -> Result<Response, ZoomError> {
    let account = state.account();
    own_account(&account, &account_id)?;
    let saas = &account.saas;
    Ok(json(&LockSettings {
        recording: LockedRecording {
            cloud_recording: saas.recording.auto_delete,
            auto_delete_cmr: saas.recording.auto_delete,
        },
        schedule_meeting: LockedScheduleMeeting {
            embed_password_in_join_link: saas.meetings.require_passcode,
        },
    }))
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
struct ManagedDomain<'a> {
    domain: &'a str,
    status: &'static str,
}

#[derive(Serialize)]
struct ManagedDomains<'a> {
    domains: Vec<ManagedDomain<'a>>,
    total_records: usize,
}

/// `GET /accounts/{accountId}/managed_domains` (paid plans only: the endpoint's plan gate): the
/// SSO domains, verified, as an account must verify a domain before requiring SSO for it.
pub(super) async fn managed_domains(
    State(state): State<Arc<AppState>>,
    Path(account_id): Path<String>,
) -> Result<Response, ZoomError> {
    let account = state.account();
    own_account(&account, &account_id)?;
    let domains: Vec<ManagedDomain<'_>> = account
        .saas
        .sso
        .domains
        .iter()
        .map(|domain| ManagedDomain {
            domain,
            status: "verified",
        })
        .collect();
    Ok(json(&ManagedDomains {
        total_records: domains.len(),
        domains,
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
