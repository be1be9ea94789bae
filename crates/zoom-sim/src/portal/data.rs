//! The JSON the portal's pages fetch (`/api/portal/...`): `{"status": true, "errorCode": 0,
//! "result": {...}}`, or `401` `{"status": false, "errorCode": 201, ...}` without a valid session.

use std::sync::Arc;

use axum::Json;
use axum::extract::{MatchedPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::generate::account::Account;
use crate::generate::saas::TwoFactor;
use crate::http::server::AppState;
use crate::{UserStatus, UserType};

/// Builds an endpoint's `result` from the account.
type Build = fn(&Account) -> Value;

/// Path and builder of every JSON endpoint.
pub(crate) const ENDPOINTS: &[(&str, Build)] = &[
    ("/api/portal/profile", profile),
    ("/api/portal/billing", billing),
    ("/api/portal/security", security),
    ("/api/portal/sso", sso),
    ("/api/portal/roles", roles),
    ("/api/portal/groups", groups),
    ("/api/portal/users", users),
    ("/api/portal/integrations", integrations),
];

/// `GET /api/portal/...`.
pub(crate) async fn endpoint(
    State(state): State<Arc<AppState>>,
    matched: MatchedPath,
    headers: HeaderMap,
) -> Response {
    if super::session_user(&state, &headers).is_none() {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({
                "status": false,
                "errorCode": 201,
                "errorMessage": "Your session has expired. Please sign in again.",
            })),
        )
            .into_response();
    }
    let Some((_, build)) = ENDPOINTS.iter().find(|(path, _)| *path == matched.as_str()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let account = state.account();
    Json(json!({ "status": true, "errorCode": 0, "result": build(&account) })).into_response()
}

fn profile(account: &Account) -> Value {
    json!({
        "accountId": account.account_id,
        "accountName": account.company,
        "accountNumber": account.account_number,
        "owner": { "email": account.owner().email },
    })
}

fn billing(account: &Account) -> Value {
    let plan = &account.saas.subscription;
    json!({
        "plan": {
            "name": plan.plan_name,
            "hosts": plan.seats_purchased,
            "usedHosts": account.seats_assigned(),
            "billingCycle": plan.cycle.as_str(),
            "amount": plan.amount_cents,
            "currency": plan.currency,
            "nextBillingDate": plan.renewal_date.map(|d| d.to_string()),
            "serviceEffectiveDate": plan.service_effective_date.to_string(),
        }
    })
}

fn security(account: &Account) -> Value {
    let security = &account.saas.security;
    let role_name = |id: &String| {
        account
            .role(id)
            .map_or_else(|| id.clone(), |r| r.name.clone())
    };
    let group_name = |id: &String| {
        account
            .groups
            .iter()
            .find(|g| &g.id == id)
            .map_or_else(|| id.clone(), |g| g.name.clone())
    };
    let (roles, groups): (Vec<Value>, Vec<Value>) = match &security.two_factor {
        TwoFactor::Roles(ids) => (
            ids.iter()
                .map(|id| json!({ "id": id, "name": role_name(id) }))
                .collect(),
            Vec::new(),
        ),
        TwoFactor::Groups(ids) => (
            Vec::new(),
            ids.iter()
                .map(|id| json!({ "id": id, "name": group_name(id) }))
                .collect(),
        ),
        TwoFactor::All | TwoFactor::None => (Vec::new(), Vec::new()),
    };
    json!({
        "signInWithTwoFactorAuth": security.two_factor != TwoFactor::None,
        "twoFactorAuthScope": match &security.two_factor {
            TwoFactor::None => Value::Null,
            other => Value::from(other.as_str()),
        },
        "twoFactorAuthRoles": roles,
        "twoFactorAuthGroups": groups,
        "passwordRequirement": {
            "minimumPasswordLength": security.password_min_length,
            "haveSpecialCharacter": security.password_special_character,
            "consecutiveCharactersLength": security.password_consecutive_characters_length,
            "weakEnhanceDetection": security.weak_enhance_detection,
        },
        "signAgainPeriodForInactivityOnWeb": security.sign_again_period_for_inactivity_on_web,
    })
}

fn sso(account: &Account) -> Value {
    let sso = &account.saas.sso;
    json!({
        "enabled": sso.enabled,
        "enforceForDomains": sso.require_for_domains,
        "idp": { "name": sso.idp_name, "issuer": sso.issuer },
        "domains": sso.domains,
    })
}

fn roles(account: &Account) -> Value {
    let roles: Vec<Value> = account
        .roles
        .iter()
        .map(|role| {
            let privileges = account
                .saas
                .role_privileges
                .iter()
                .find(|(id, _)| *id == role.id)
                .map(|(_, p)| p.clone())
                .unwrap_or_default();
            json!({
                "id": role.id,
                "name": role.name,
                "description": role.description,
                "totalMembers": role.total_members,
                "privileges": privileges,
            })
        })
        .collect();
    json!({ "roles": roles })
}

fn groups(account: &Account) -> Value {
    let groups: Vec<Value> = account
        .groups
        .iter()
        .map(|g| json!({ "id": g.id, "name": g.name, "totalMembers": g.total_members }))
        .collect();
    json!({ "groups": groups })
}

/// The licence as the portal's user list names it.
pub(crate) fn license_name(user_type: UserType) -> &'static str {
    match user_type {
        UserType::Basic => "Basic",
        UserType::Licensed => "Licensed",
        UserType::Unassigned => "Unassigned",
    }
}

fn users(account: &Account) -> Value {
    let users: Vec<Value> = account
        .users
        .iter()
        .map(|user| {
            let settings: serde_json::Map<String, Value> = account
                .user_advanced_settings(user)
                .into_iter()
                .map(|(name, on)| (name.to_owned(), Value::Bool(on)))
                .collect();
            json!({
                "id": user.id,
                "email": user.email,
                "displayName": user.display_name,
                "type": user.user_type.code(),
                "license": license_name(user.user_type),
                "status": match user.status {
                    UserStatus::Active => "Active",
                    UserStatus::Inactive => "Inactive",
                    UserStatus::Pending => "Pending",
                },
                "settings": settings,
            })
        })
        .collect();
    json!({ "users": users, "totalRecords": account.users.len() })
}

fn integrations(account: &Account) -> Value {
    let apps: Vec<Value> = account
        .saas
        .apps
        .iter()
        .map(|app| {
            let approver = account
                .user(&app.approver_id)
                .map_or("", |u| u.email.as_str());
            json!({
                "appId": app.app_id,
                "appName": app.app_name,
                "appType": app.app_type,
                "developerType": app.developer_type,
                "description": app.description,
                "scopes": app.scopes.iter()
                    .map(|(scope, description)| json!({ "scope": scope, "description": description }))
                    .collect::<Vec<_>>(),
                "approvedType": app.approved_type,
                "approver": { "id": app.approver_id, "email": approver },
                "approvedTime": crate::http::routes::zoom_time(app.approved_time),
            })
        })
        .collect();
    json!({ "apps": apps })
}
