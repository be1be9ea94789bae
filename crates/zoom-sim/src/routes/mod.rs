//! The endpoint table and the handlers behind it.
//!
//! [`ENDPOINTS`] is the one place that says which operations exist, which scopes each accepts
//! (classic and granular, from the spec's `x-extensions`), its rate-limit label (NOTES.md §3.3)
//! and the plan it needs. The router is built from it, and the gate in `server.rs` reads it for
//! every `/v2` request.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, on};
use jiff::Timestamp;
use serde::Serialize;

use crate::Plan;
use crate::error::ZoomError;
use crate::server::AppState;

mod roles;
mod users;

/// Zoom's rate-limit categories ("Rate Limit Label" in each operation's description).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(
    dead_code,
    reason = "Heavy and ResourceIntensive arrive with reports and dashboards"
)]
pub(crate) enum RateLabel {
    Light,
    Medium,
    Heavy,
    ResourceIntensive,
}

/// The operations the simulator serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Op {
    ListUsers,
    GetUser,
    ListGroups,
    ListRoles,
    ListRoleMembers,
}

/// One row of the endpoint table.
#[derive(Debug)]
pub(crate) struct Endpoint {
    pub(crate) op: Op,
    pub(crate) method: Method,
    /// The spec's path template, without the `/v2` prefix (`/users/{userId}`).
    pub(crate) path: &'static str,
    /// The spec file (in `fixtures/openapi/`) that documents the operation.
    #[allow(dead_code, reason = "documents the source; read by later tooling")]
    pub(crate) spec: &'static str,
    pub(crate) classic_scopes: &'static [&'static str],
    pub(crate) granular_scopes: &'static [&'static str],
    #[allow(dead_code, reason = "read by the rate limiter, next round")]
    pub(crate) rate_label: RateLabel,
    /// The cheapest plan on which the operation works; below it: 400 code 200.
    pub(crate) min_plan: Plan,
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
        }
    }
}

/// Every operation the simulator serves. Scopes and labels are copied from the operations'
/// `x-extensions` and descriptions in `fixtures/openapi/`.
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
    },
];

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

/// The `:admin` granular scopes of every endpoint, deduplicated, in table order.
pub(crate) fn default_scopes() -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    for scope in ENDPOINTS
        .iter()
        .flat_map(|e| e.granular_scopes.iter())
        .filter(|s| s.ends_with(":admin"))
    {
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
                e.granular_scopes.iter().any(|s| s.ends_with(":admin")),
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
    fn zoom_time_has_no_fraction() {
        let t = Timestamp::from_second(1_714_566_896).unwrap();
        assert_eq!(zoom_time(t), "2024-05-01T12:34:56Z");
    }
}
