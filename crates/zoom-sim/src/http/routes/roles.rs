//! Roles (`fixtures/openapi/zoom-accounts.json`): `GET /roles`, `GET /roles/{roleId}/members`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Serialize;

use super::{Params, json};
use crate::http::error::ZoomError;
use crate::http::paging::PageQuery;
use crate::http::server::AppState;

const MEMBERS_DEFAULT_PAGE_SIZE: usize = 30;
const MEMBERS_MAX_PAGE_SIZE: usize = 300;

#[derive(Serialize)]
struct RoleItem<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    #[serde(rename = "type")]
    role_type: &'a str,
    total_members: usize,
}

#[derive(Serialize)]
struct RoleList<'a> {
    roles: Vec<RoleItem<'a>>,
    total_records: usize,
}

/// `GET /roles`: `type` is `common` (default) or `iq` (Zoom IQ Sales roles: none here).
pub(super) async fn list_roles(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let role_type = params.get("type").unwrap_or("common");
    if !matches!(role_type, "common" | "iq") {
        return Err(ZoomError::invalid_field("type"));
    }
    let account = state.account();
    let roles: Vec<RoleItem<'_>> = account
        .roles
        .iter()
        .filter(|r| r.role_type == role_type)
        .map(|r| RoleItem {
            id: &r.id,
            name: &r.name,
            description: &r.description,
            role_type: &r.role_type,
            total_members: r.total_members,
        })
        .collect();
    Ok(json(&RoleList {
        total_records: roles.len(),
        roles,
    }))
}

#[derive(Serialize)]
struct MemberItem<'a> {
    id: &'a str,
    email: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a str>,
    #[serde(rename = "type")]
    user_type: u8,
}

#[derive(Serialize)]
struct MemberList<'a> {
    members: Vec<MemberItem<'a>>,
    next_page_token: String,
    page_count: usize,
    page_number: usize,
    page_size: usize,
    total_records: usize,
}

/// `GET /roles/{roleId}/members`: users of every status whose `role_id` is `roleId`.
pub(super) async fn list_role_members(
    State(state): State<Arc<AppState>>,
    Path(role_id): Path<String>,
    params: Params,
) -> Result<Response, ZoomError> {
    let page_size = params.page_size(MEMBERS_DEFAULT_PAGE_SIZE, MEMBERS_MAX_PAGE_SIZE)?;
    let page_number = params.page_number()?;
    let account = &state.account();
    let role = account
        .role(&role_id)
        .ok_or_else(ZoomError::role_not_found)?;
    let members: Vec<usize> = (0..account.users.len())
        .filter(|&i| account.users[i].role_id == role.id)
        .collect();
    let query = PageQuery {
        fingerprint: format!("GET /roles/{}/members?page_size={page_size}", role.id),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number,
    };
    let page = state.pages.page(&query, members.len(), state.clock.now())?;
    let body = MemberList {
        members: members[page.range.clone()]
            .iter()
            .map(|&i| {
                let u = &account.users[i];
                MemberItem {
                    id: &u.id,
                    email: &u.email,
                    first_name: &u.first_name,
                    last_name: &u.last_name,
                    department: u.dept.as_deref(),
                    user_type: u.user_type.code(),
                }
            })
            .collect(),
        next_page_token: page.next_page_token,
        page_count: page.page_count,
        page_number: page.page_number,
        page_size: page.page_size,
        total_records: page.total_records,
    };
    Ok(json(&body))
}
