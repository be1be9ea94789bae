//! The endpoint table and the handlers behind it.
//!
//! [`ENDPOINTS`] is the one place that says which operations exist, which scopes each accepts
//! (classic and granular, from the spec's `x-extensions`), its rate-limit label (NOTES.md §3.3)
//! and the plan it needs. The router is built from it, and the gate in `gate.rs` reads it for
//! every `/v2` request.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, on};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::Serialize;

use crate::Plan;
use crate::http::error::ZoomError;
use crate::http::server::AppState;

mod account;
mod dashboards;
mod devices;
mod reports;
mod roles;
mod rooms;
mod users;

/// Zoom's rate-limit categories ("Rate Limit Label" in each operation's description).
pub(crate) use crate::controls::ratelimit::RateCategory as RateLabel;

/// The operations the simulator serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Op {
    ListUsers,
    GetUser,
    ListGroups,
    ListRoles,
    ListRoleMembers,
    ListH323Devices,
    ListZdmDevices,
    ListRooms,
    GetRoom,
    ListRoomDevices,
    ListLocations,
    ListCalendarServices,
    ListCalendarResources,
    DashboardMeetings,
    DashboardParticipants,
    ReportActivities,
    ReportOperationLogs,
    AccountSettings,
    AccountLockSettings,
    PlanUsage,
    UsersSummary,
    ListApps,
    GetApp,
    AccountPlans,
    GetRole,
    ManagedDomains,
    TrustedDomains,
    GroupSettings,
    GroupLockSettings,
    UserSettings,
}

/// One row of the endpoint table.
#[derive(Debug)]
pub(crate) struct Endpoint {
    pub(crate) op: Op,
    pub(crate) method: Method,
    /// The spec's path template, without the `/v2` prefix (`/users/{userId}`).
    pub(crate) path: &'static str,
    /// The spec file (in `fixtures/openapi/`) that documents the operation, or the NOTES.md
    /// section for operations without one.
    pub(crate) spec: &'static str,
    pub(crate) classic_scopes: &'static [&'static str],
    pub(crate) granular_scopes: &'static [&'static str],
    /// The rate-limit category the gate counts the operation in.
    pub(crate) rate_label: RateLabel,
    /// The cheapest plan on which the operation works.
    pub(crate) min_plan: Plan,
    /// The error below `min_plan` (all 400 code 200, with the operation's wording).
    pub(crate) plan_error: fn() -> ZoomError,
}

impl Endpoint {
    /// Whether a token with `scopes` may call this endpoint (any classic or granular scope).
    pub(crate) fn accepts(&self, scopes: &[String]) -> bool {
        scopes.iter().any(|s| {
            self.classic_scopes.contains(&s.as_str()) || self.granular_scopes.contains(&s.as_str())
        })
    }

    fn method_router(&self) -> MethodRouter<Arc<AppState>> {
        let filter = MethodFilter::try_from(self.method.clone()).unwrap_or(MethodFilter::GET);
        match self.op {
            Op::ListUsers => on(filter, users::list_users),
            Op::GetUser => on(filter, users::get_user),
            Op::ListGroups => on(filter, users::list_groups),
            Op::ListRoles => on(filter, roles::list_roles),
            Op::ListRoleMembers => on(filter, roles::list_role_members),
            Op::ListH323Devices => on(filter, devices::list_h323_devices),
            Op::ListZdmDevices => on(filter, devices::list_zdm_devices),
            Op::ListRooms => on(filter, rooms::list_rooms),
            Op::GetRoom => on(filter, rooms::get_room),
            Op::ListRoomDevices => on(filter, rooms::list_room_devices),
            Op::ListLocations => on(filter, rooms::list_locations),
            Op::ListCalendarServices => on(filter, rooms::list_calendar_services),
            Op::ListCalendarResources => on(filter, rooms::list_calendar_resources),
            Op::DashboardMeetings => on(filter, dashboards::list_meetings),
            Op::DashboardParticipants => on(filter, dashboards::list_participants),
            Op::ReportActivities => on(filter, reports::sign_in_activities),
            Op::ReportOperationLogs => on(filter, reports::operation_logs),
            Op::AccountSettings => on(filter, account::settings),
            Op::AccountLockSettings => on(filter, account::lock_settings),
            Op::PlanUsage => on(filter, account::plan_usage),
            Op::UsersSummary => on(filter, account::users_summary),
            Op::ListApps => on(filter, account::list_apps),
            Op::GetApp => on(filter, account::get_app),
            Op::AccountPlans => on(filter, account::plans),
            Op::GetRole => on(filter, account::get_role),
            Op::ManagedDomains => on(filter, account::managed_domains),
            Op::TrustedDomains => on(filter, account::trusted_domains),
            Op::GroupSettings => on(filter, account::group_settings),
            Op::GroupLockSettings => on(filter, account::group_lock_settings),
            Op::UserSettings => on(filter, account::user_settings),
        }
    }
}

/// Every operation the simulator serves. Scopes and labels are copied from the operations'
/// `x-extensions` and descriptions in `fixtures/openapi/`; `tests/it/endpoint_table.rs` checks
/// them against those documents through [`endpoint_facts`].
pub(crate) static ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        op: Op::ListUsers,
        method: Method::GET,
        path: "/users",
        spec: "zoom-users.json",
        classic_scopes: &[
            "user:read",
            "user:write",
            "user:read:admin",
            "user:write:admin",
        ],
        granular_scopes: &["user:read:list_users:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::GetUser,
        method: Method::GET,
        path: "/users/{userId}",
        spec: "zoom-users.json",
        classic_scopes: &[
            "user:read",
            "user:write",
            "user:read:admin",
            "user:write:admin",
            "user_profile",
            "user_info:read",
        ],
        granular_scopes: &["user:read:user", "user:read:user:admin"],
        rate_label: RateLabel::Light,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::ListGroups,
        method: Method::GET,
        path: "/groups",
        spec: "zoom-users.json",
        classic_scopes: &["group:read:admin", "group:write:admin"],
        granular_scopes: &["group:read:list_groups:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Pro,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::ListRoles,
        method: Method::GET,
        path: "/roles",
        spec: "zoom-accounts.json",
        classic_scopes: &["role:read:admin", "role:write:admin"],
        granular_scopes: &["role:read:list_roles", "role:read:list_roles:admin"],
        rate_label: RateLabel::Medium,
        // The spec says "Pro or higher plan" but documents no error for it: not gated.
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::ListRoleMembers,
        method: Method::GET,
        path: "/roles/{roleId}/members",
        spec: "zoom-accounts.json",
        classic_scopes: &["role:read:admin", "role:write:admin"],
        granular_scopes: &["role:read:list_members", "role:read:list_members:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    // H.323/SIP: classic scope and label from the 2023 Meetings spec, granular from Zoom's scope
    // reference (NOTES.md §4.5). No plan gate is documented; Free accounts simply have none.
    Endpoint {
        op: Op::ListH323Devices,
        method: Method::GET,
        path: "/h323/devices",
        spec: "zoom-meeting-api-2023-07.json",
        classic_scopes: &["h323:read:admin"],
        granular_scopes: &["h323_device:read:list_devices:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    // ZDM has no spec file. Classic scopes from Zoom's classic-scope reference; the granular
    // scope is unconfirmed (seen in a third-party scope error); label HEAVY, unconfirmed
    // (NOTES.md §3.3, §4.7). No plan gate is documented; Free accounts simply have no devices.
    Endpoint {
        op: Op::ListZdmDevices,
        method: Method::GET,
        path: "/devices",
        spec: "NOTES.md §4.7",
        classic_scopes: &["device:read:admin", "device:write:admin"],
        granular_scopes: &["device:read:list_zdm_devices:admin"],
        rate_label: RateLabel::Heavy,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    // Zoom Rooms: "Pro or a higher plan with Zoom Room license"; Free has no Zoom Rooms
    // subscription (error 200 of the Rooms spec).
    Endpoint {
        op: Op::ListRooms,
        method: Method::GET,
        path: "/rooms",
        spec: "zoom-rooms.json",
        classic_scopes: &["room:read:admin"],
        granular_scopes: &["zoom_rooms:read:list_rooms:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Pro,
        plan_error: ZoomError::rooms_subscription_not_found,
    },
    Endpoint {
        op: Op::GetRoom,
        method: Method::GET,
        path: "/rooms/{roomId}",
        spec: "zoom-rooms.json",
        classic_scopes: &["room:read:admin"],
        granular_scopes: &["zoom_rooms:read:room:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Pro,
        plan_error: ZoomError::rooms_subscription_not_found,
    },
    Endpoint {
        op: Op::ListRoomDevices,
        method: Method::GET,
        path: "/rooms/{roomId}/devices",
        spec: "zoom-rooms.json",
        classic_scopes: &["room:read:admin"],
        granular_scopes: &["zoom_rooms:read:list_devices:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Pro,
        plan_error: ZoomError::rooms_subscription_not_found,
    },
    Endpoint {
        op: Op::ListLocations,
        method: Method::GET,
        path: "/rooms/locations",
        spec: "zoom-rooms.json",
        classic_scopes: &["room:read:admin"],
        granular_scopes: &["zoom_rooms:read:list_locations:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Pro,
        plan_error: ZoomError::rooms_subscription_not_found,
    },
    Endpoint {
        op: Op::ListCalendarServices,
        method: Method::GET,
        path: "/rooms/calendar/services",
        spec: "zoom-rooms.json",
        classic_scopes: &["room:read:admin"],
        granular_scopes: &["zoom_rooms:read:list_calendar_services:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Pro,
        plan_error: ZoomError::rooms_subscription_not_found,
    },
    Endpoint {
        op: Op::ListCalendarResources,
        method: Method::GET,
        path: "/rooms/calendar/services/{serviceId}/resources",
        spec: "zoom-rooms.json",
        classic_scopes: &["room:read:admin"],
        granular_scopes: &["zoom_rooms:read:list_calendar_resources:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Pro,
        plan_error: ZoomError::rooms_subscription_not_found,
    },
    // Dashboards: "Business or a higher plan".
    Endpoint {
        op: Op::DashboardMeetings,
        method: Method::GET,
        path: "/metrics/meetings",
        spec: "zoom-accounts.json",
        classic_scopes: &["dashboard_meetings:read:admin", "dashboard:read:admin"],
        granular_scopes: &["dashboard:read:list_meetings:admin"],
        rate_label: RateLabel::ResourceIntensive,
        min_plan: Plan::Business,
        plan_error: ZoomError::dashboard_unavailable,
    },
    Endpoint {
        op: Op::DashboardParticipants,
        method: Method::GET,
        path: "/metrics/meetings/{meetingId}/participants",
        spec: "zoom-accounts.json",
        classic_scopes: &["dashboard_meetings:read:admin", "dashboard:read:admin"],
        granular_scopes: &["dashboard:read:list_meeting_participants:admin"],
        rate_label: RateLabel::Heavy,
        min_plan: Plan::Business,
        plan_error: ZoomError::dashboard_unavailable,
    },
    // Reports: "Pro or higher plan"; scopes and label from the 2023 Meetings spec, granular
    // scopes from Zoom's scope reference (NOTES.md §4.9).
    Endpoint {
        op: Op::ReportActivities,
        method: Method::GET,
        path: "/report/activities",
        spec: "zoom-meeting-api-2023-07.json",
        classic_scopes: &["report:read:admin"],
        granular_scopes: &["report:read:user_activities:admin"],
        rate_label: RateLabel::Heavy,
        min_plan: Plan::Pro,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::ReportOperationLogs,
        method: Method::GET,
        path: "/report/operationlogs",
        spec: "zoom-meeting-api-2023-07.json",
        classic_scopes: &["report:read:admin"],
        granular_scopes: &["report:read:operation_logs:admin"],
        rate_label: RateLabel::Heavy,
        min_plan: Plan::Pro,
        plan_error: ZoomError::paid_only,
    },
    // The account's SaaS side (NOTES.md §4.4, §4.10–4.12).
    Endpoint {
        op: Op::AccountSettings,
        method: Method::GET,
        path: "/accounts/{accountId}/settings",
        spec: "zoom-accounts.json",
        classic_scopes: &["account:read:admin"],
        granular_scopes: &[
            "account:read:settings:admin",
            "account:read:settings:master",
        ],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    // "Pro or a higher plan"; the granular scope is `…:master` even for the account's own
    // (NOTES.md §4.10: the spec and Zoom's scope reference agree).
    Endpoint {
        op: Op::AccountLockSettings,
        method: Method::GET,
        path: "/accounts/{accountId}/lock_settings",
        spec: "zoom-accounts.json",
        classic_scopes: &["account:read:admin"],
        granular_scopes: &["account:read:lock_settings:master"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Pro,
        plan_error: ZoomError::paid_only,
    },
    // The description: standard accounts use `account:read:admin` with `me`; the macro scopes
    // listed are the master account's.
    Endpoint {
        op: Op::PlanUsage,
        method: Method::GET,
        path: "/accounts/{accountId}/plans/usage",
        spec: "zoom-billing-ma.json",
        classic_scopes: &["account:read:admin", "billing:master", "account:master"],
        granular_scopes: &[
            "billing:read:plan_usage:admin",
            "billing:read:plan_usage:master",
        ],
        rate_label: RateLabel::Heavy,
        min_plan: Plan::Pro,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::UsersSummary,
        method: Method::GET,
        path: "/users/summary",
        spec: "zoom-users.json",
        classic_scopes: &[
            "user:read",
            "user:write",
            "user:read:admin",
            "user:write:admin",
        ],
        granular_scopes: &["user:read:summary:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::ListApps,
        method: Method::GET,
        path: "/marketplace/apps",
        spec: "zoom-marketplace.json",
        classic_scopes: &["marketplace_app:read:admin"],
        granular_scopes: &["marketplace:read:list_apps:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::GetApp,
        method: Method::GET,
        path: "/marketplace/apps/{appId}",
        spec: "zoom-marketplace.json",
        classic_scopes: &["marketplace_app:read:admin", "marketplace_app:read"],
        granular_scopes: &["marketplace:read:app", "marketplace:read:app:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    // A master-account API: the handler refuses accounts that are not an approved partner's
    // master account (`SimConfig::master_account`), whatever their plan.
    Endpoint {
        op: Op::AccountPlans,
        method: Method::GET,
        path: "/accounts/{accountId}/plans",
        spec: "zoom-billing-ma.json",
        classic_scopes: &["billing:master"],
        granular_scopes: &[
            "billing:read:plan_information:master",
            "billing:read:plan_information:admin",
        ],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::GetRole,
        method: Method::GET,
        path: "/roles/{roleId}",
        spec: "zoom-accounts.json",
        classic_scopes: &["role:read:admin", "role:write:admin"],
        granular_scopes: &["role:read:role", "role:read:role:admin"],
        rate_label: RateLabel::Light,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    // "A Pro or a higher paid account with the Master account option enabled", but no error
    // is documented for other accounts: not gated.
    Endpoint {
        op: Op::ManagedDomains,
        method: Method::GET,
        path: "/accounts/{accountId}/managed_domains",
        spec: "zoom-accounts.json",
        classic_scopes: &["account:read:admin"],
        granular_scopes: &["account:read:managed_domains:master"],
        rate_label: RateLabel::Light,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    // "The account must be a paid account", with no error documented for others: not gated.
    Endpoint {
        op: Op::TrustedDomains,
        method: Method::GET,
        path: "/accounts/{accountId}/trusted_domains",
        spec: "zoom-accounts.json",
        classic_scopes: &["account:read:admin"],
        granular_scopes: &["account:read:trusted_domains:master"],
        rate_label: RateLabel::Light,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
    // Groups: "Pro, Business, or Education account", as the group listing.
    Endpoint {
        op: Op::GroupSettings,
        method: Method::GET,
        path: "/groups/{groupId}/settings",
        spec: "zoom-users.json",
        classic_scopes: &["group:read:admin", "group:write:admin"],
        granular_scopes: &["group:read:settings:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Pro,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::GroupLockSettings,
        method: Method::GET,
        path: "/groups/{groupId}/lock_settings",
        spec: "zoom-users.json",
        classic_scopes: &["group:read:admin", "group:write:admin"],
        granular_scopes: &["group:read:lock_settings:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Pro,
        plan_error: ZoomError::paid_only,
    },
    Endpoint {
        op: Op::UserSettings,
        method: Method::GET,
        path: "/users/{userId}/settings",
        spec: "zoom-users.json",
        classic_scopes: &[
            "user:read",
            "user:write",
            "user:read:admin",
            "user:write:admin",
        ],
        granular_scopes: &["user:read:settings", "user:read:settings:admin"],
        rate_label: RateLabel::Medium,
        min_plan: Plan::Free,
        plan_error: ZoomError::paid_only,
    },
];

/// One row of [`ENDPOINTS`] as plain strings: what `tests/it/endpoint_table.rs` compares with
/// Zoom's documents. Not part of the simulator's interface.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct EndpointFacts {
    /// `GET`.
    pub method: &'static str,
    /// The spec's path template, without `/v2`.
    pub path: &'static str,
    /// The spec file in `fixtures/openapi/`, or the NOTES.md section for operations without one.
    pub spec: &'static str,
    /// Classic scopes accepted.
    pub classic_scopes: &'static [&'static str],
    /// Granular scopes accepted.
    pub granular_scopes: &'static [&'static str],
    /// The rate-limit label, as in `X-RateLimit-Category`.
    pub rate_label: &'static str,
}

/// Every row of [`ENDPOINTS`], in table order.
#[doc(hidden)]
pub fn endpoint_facts() -> Vec<EndpointFacts> {
    ENDPOINTS
        .iter()
        .map(|e| EndpointFacts {
            method: e.method.as_str(),
            path: e.path,
            spec: e.spec,
            classic_scopes: e.classic_scopes,
            granular_scopes: e.granular_scopes,
            rate_label: e.rate_label.as_str(),
        })
        .collect()
}

/// The endpoint a request was routed to, from its method and axum's matched path.
pub(crate) fn endpoint(method: &Method, matched_path: &str) -> Option<&'static Endpoint> {
    let path = matched_path.strip_prefix("/v2")?;
    ENDPOINTS
        .iter()
        .find(|e| e.method == *method && e.path == path)
}

/// The `/v2` routes, one per table row.
pub(crate) fn router() -> axum::Router<Arc<AppState>> {
    ENDPOINTS.iter().fold(axum::Router::new(), |router, e| {
        router.route(&format!("/v2{}", e.path), e.method_router())
    })
}

/// The `:admin` granular scopes of every endpoint (or its first granular scope when it has no
/// `:admin` one, as lock settings), deduplicated, in table order.
pub(crate) fn default_scopes() -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    for scope in ENDPOINTS.iter().flat_map(|e| {
        let admin: Vec<&&str> = e
            .granular_scopes
            .iter()
            .filter(|s| s.ends_with(":admin"))
            .collect();
        if admin.is_empty() {
            e.granular_scopes.iter().take(1).collect()
        } else {
            admin
        }
    }) {
        if !scopes.iter().any(|s| s == scope) {
            scopes.push((*scope).to_owned());
        }
    }
    scopes
}

/// The query string as key/value pairs. Never rejects: an undecodable query is treated as
/// empty, and empty values count as absent.
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// The last non-empty value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// `page_size`: `default` if absent or below 1, `max` if above; non-integers are invalid.
    pub(crate) fn page_size(&self, default: usize, max: usize) -> Result<usize, ZoomError> {
        match self.get("page_size") {
            None => Ok(default),
            Some(raw) => {
                let value: i64 = raw
                    .trim()
                    .parse()
                    .map_err(|_| ZoomError::invalid_field("page_size"))?;
                Ok(usize::try_from(value)
                    .ok()
                    .filter(|&v| v >= 1)
                    .map_or(default, |v| v.min(max)))
            }
        }
    }

    /// The deprecated `page_number` (1-based).
    pub(crate) fn page_number(&self) -> Result<Option<usize>, ZoomError> {
        self.get("page_number")
            .map(|raw| {
                raw.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or_else(|| ZoomError::invalid_field("page_number"))
            })
            .transpose()
    }

    /// A boolean parameter (`true` / `false`).
    pub(crate) fn flag(&self, key: &str) -> Result<bool, ZoomError> {
        match self.get(key) {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(_) => Err(ZoomError::invalid_field(key)),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map(|q| Params(q.0))
            .unwrap_or_default())
    }
}

/// A `from`/`to` window of a report or dashboard query, bounds inclusive (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    /// `from` (a date means its 00:00:00).
    pub(crate) from: Timestamp,
    /// `to` (a date means its 23:59:59).
    pub(crate) to: Timestamp,
    pub(crate) from_date: Date,
    pub(crate) to_date: Date,
}

/// How an operation reads `from`/`to`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WindowRules {
    /// Whether `yyyy-MM-dd HH:mm:ss` is accepted besides `yyyy-MM-dd`.
    pub(crate) allow_time: bool,
    /// Whether both are required (else: `to` defaults to today, `from` to a month before `to`).
    pub(crate) required: bool,
    /// The error for a `from` older than six months.
    pub(crate) too_old: fn() -> ZoomError,
}

/// `yyyy-MM-dd`, or with `allow_time` also `yyyy-MM-dd HH:mm:ss`; `true` when a time was given.
fn parse_when(raw: &str, allow_time: bool) -> Option<(DateTime, bool)> {
    let b = raw.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i16> {
        let digits = b.get(range)?;
        digits.iter().all(u8::is_ascii_digit).then(|| {
            digits
                .iter()
                .fold(0i16, |n, d| n * 10 + i16::from(d - b'0'))
        })
    };
    if !(b.len() == 10 || (allow_time && b.len() == 19)) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = Date::new(
        num(0..4)?,
        i8::try_from(num(5..7)?).ok()?,
        i8::try_from(num(8..10)?).ok()?,
    )
    .ok()?;
    if b.len() == 10 {
        return Some((date.to_datetime(Time::midnight()), false));
    }
    if b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let time = Time::new(
        i8::try_from(num(11..13)?).ok()?,
        i8::try_from(num(14..16)?).ok()?,
        i8::try_from(num(17..19)?).ok()?,
        0,
    )
    .ok()?;
    Some((date.to_datetime(time), true))
}

/// Reads and checks `from`/`to`: both parse (else 300 "Validation Failed."), `to` is not before
/// `from`, `from` is within the last six months of `now` (calendar months, by date), and `to` is
/// at most one calendar month after `from`.
pub(crate) fn window(
    params: &Params,
    now: Timestamp,
    rules: WindowRules,
) -> Result<Window, ZoomError> {
    let utc = TimeZone::UTC;
    let today = utc.to_datetime(now).date();
    let month = Span::new().months(1);
    let read = |key: &str| -> Result<Option<(DateTime, bool)>, ZoomError> {
        params
            .get(key)
            .map(|raw| {
                parse_when(raw.trim(), rules.allow_time)
                    .ok_or_else(|| ZoomError::invalid_field(key))
            })
            .transpose()
    };
    let (from, to) = match (read("from")?, read("to")?) {
        (Some(from), Some(to)) => (from, to),
        (None, _) if rules.required => return Err(ZoomError::invalid_field("from")),
        (_, None) if rules.required => return Err(ZoomError::invalid_field("to")),
        (from, to) => {
            let to = to.unwrap_or((today.to_datetime(Time::midnight()), false));
            let from = from.unwrap_or_else(|| {
                let start = to.0.date().checked_sub(month).unwrap_or(to.0.date());
                (start.to_datetime(Time::midnight()), false)
            });
            (from, to)
        }
    };
    let (from_dt, _) = from;
    let to_dt = if to.1 {
        to.0
    } else {
        to.0.date().to_datetime(Time::constant(23, 59, 59, 0))
    };
    if to_dt < from_dt {
        return Err(ZoomError::invalid_field("to"));
    }
    let earliest = today.checked_sub(Span::new().months(6)).unwrap_or(today);
    if from_dt.date() < earliest {
        return Err((rules.too_old)());
    }
    let limit = from_dt.checked_add(month).unwrap_or(from_dt);
    let too_long = if to.1 {
        to_dt > limit
    } else {
        to_dt.date() > limit.date()
    };
    if too_long {
        return Err(ZoomError::date_range_too_long());
    }
    let stamp = |dt: DateTime| utc.to_timestamp(dt).unwrap_or(Timestamp::UNIX_EPOCH);
    Ok(Window {
        from: stamp(from_dt),
        to: stamp(to_dt),
        from_date: from_dt.date(),
        to_date: to_dt.date(),
    })
}

/// A comma-separated list parameter, empty entries dropped.
pub(crate) fn list_param<'a>(params: &'a Params, key: &str) -> Vec<&'a str> {
    params
        .get(key)
        .map(|raw| {
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Zoom's timestamp format: `2024-05-01T12:34:56Z`.
pub(crate) fn zoom_time(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Serializes `body` as a 200 `application/json` response, fields in struct order.
pub(crate) fn json<T: Serialize>(body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            bytes,
        )
            .into_response(),
        Err(error) => ZoomError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            500,
            format!("Internal error: {error}"),
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_has_granular_scopes_and_a_unique_route() {
        for (i, e) in ENDPOINTS.iter().enumerate() {
            assert!(!e.granular_scopes.is_empty(), "{}", e.path);
            assert!(
                e.granular_scopes
                    .iter()
                    .any(|s| s.ends_with(":admin") || s.ends_with(":master")),
                "{}",
                e.path
            );
            for other in &ENDPOINTS[i + 1..] {
                assert!(
                    !(e.method == other.method && e.path == other.path),
                    "{} twice",
                    e.path
                );
            }
        }
    }

    #[test]
    fn windows() {
        let now = Timestamp::from_second(1_749_945_600).unwrap(); // 2025-06-15
        let rules = WindowRules {
            allow_time: true,
            required: true,
            too_old: ZoomError::dashboard_outside_six_months,
        };
        let params = |q: &str| Params(serde_urlencoded_pairs(q));
        let w = window(&params("from=2025-05-15&to=2025-06-15"), now, rules).unwrap();
        assert_eq!(zoom_time(w.from), "2025-05-15T00:00:00Z");
        assert_eq!(zoom_time(w.to), "2025-06-15T23:59:59Z");
        let w = window(
            &params("from=2025-06-01 08:30:00&to=2025-06-02 09:00:00"),
            now,
            rules,
        )
        .unwrap();
        assert_eq!(zoom_time(w.to), "2025-06-02T09:00:00Z");
        // One month: Jan 31 + 1 month = Feb 28.
        let rules_old = WindowRules {
            too_old: ZoomError::report_outside_six_months,
            ..rules
        };
        let old_now = Timestamp::from_second(1_740_787_200).unwrap(); // 2025-03-01
        assert!(window(&params("from=2025-01-31&to=2025-02-28"), old_now, rules_old).is_ok());
        assert_eq!(
            window(&params("from=2025-01-31&to=2025-03-01"), old_now, rules_old)
                .unwrap_err()
                .message,
            "The date range must be within one month."
        );
        assert_eq!(
            window(&params("from=2024-12-14&to=2025-01-01"), now, rules)
                .unwrap_err()
                .code,
            300
        );
        assert!(
            window(&params("from=2024-12-14&to=2025-01-01"), now, rules)
                .unwrap_err()
                .message
                .contains("six months")
        );
        assert!(window(&params("from=2024-12-15&to=2025-01-01"), now, rules).is_ok());
        for bad in [
            "from=2025-06-01",
            "to=2025-06-01",
            "from=2025-6-1&to=2025-06-02",
            "from=2025-06-01T00:00:00&to=2025-06-02",
            "from=2025-06-03&to=2025-06-02",
            "from=2025-02-30&to=2025-03-01",
        ] {
            assert_eq!(
                window(&params(bad), now, rules).unwrap_err().message,
                "Validation Failed.",
                "{bad}"
            );
        }
        let optional = WindowRules {
            required: false,
            allow_time: false,
            ..rules
        };
        let w = window(&params(""), now, optional).unwrap();
        assert_eq!(
            (w.from_date.to_string(), w.to_date.to_string()),
            ("2025-05-15".to_owned(), "2025-06-15".to_owned())
        );
        assert!(
            window(
                &params("from=2025-06-01 08:30:00&to=2025-06-02"),
                now,
                optional
            )
            .is_err()
        );
    }

    fn serde_urlencoded_pairs(q: &str) -> Vec<(String, String)> {
        q.split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_owned(), v.to_owned())
            })
            .collect()
    }

    #[test]
    fn zoom_time_has_no_fraction() {
        let t = Timestamp::from_second(1_714_566_896).unwrap();
        assert_eq!(zoom_time(t), "2024-05-01T12:34:56Z");
    }
}
