//! Reports (`fixtures/openapi/zoom-meeting-api-2023-07.json`): `GET /report/activities` and
//! `GET /report/operationlogs`. Pro or higher (the gate is in the endpoint table).
//!
//! `from`/`to` are dates (`yyyy-MM-dd`, UTC, both days inclusive). For operation logs both are
//! required; for activities both are optional: `to` defaults to today and `from` to one month
//! before `to` (Zoom documents no default; this is the simulator's choice). Range longer than one
//! calendar month: 400 300 "The date range must be within one month." (undocumented wording);
//! `from` more than six calendar months ago: 400 300 "Only provide report in recent 6 months"
//! (the 2023 spec's wording, documented for operation logs and applied to both). Records are
//! served newest first. Activity `from`/`to` are echoed as `yyyy-MM-ddT00:00:00Z`-style times, as
//! in the spec's example.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;

use super::{Params, WindowRules, json, zoom_time};
use crate::generate::activity::{OPERATION_CATEGORIES, SimOperationLog, SimSignInActivity};
use crate::http::error::ZoomError;
use crate::http::paging::PageQuery;
use crate::http::server::AppState;

const DEFAULT_PAGE_SIZE: usize = 30;
const MAX_PAGE_SIZE: usize = 300;

#[derive(Serialize)]
struct ActivityItem<'a> {
    email: &'a str,
    time: String,
    #[serde(rename = "type")]
    activity_type: &'static str,
    ip_address: &'a str,
    client_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
}

#[derive(Serialize)]
struct ActivityList<'a> {
    from: String,
    to: String,
    next_page_token: String,
    page_size: usize,
    activity_logs: Vec<ActivityItem<'a>>,
}

/// The records whose time is in `[from, to]`, newest first. `items` is sorted by time.
fn newest_first<T>(
    items: &[T],
    time: impl Fn(&T) -> jiff::Timestamp,
    from: jiff::Timestamp,
    to: jiff::Timestamp,
) -> impl Iterator<Item = &T> {
    let lo = items.partition_point(|x| time(x) < from);
    let hi = items.partition_point(|x| time(x) <= to).max(lo);
    items[lo..hi].iter().rev()
}

/// `GET /report/activities`.
pub(super) async fn sign_in_activities(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let account = &state.account();
    let w = super::window(
        &params,
        account.now,
        WindowRules {
            allow_time: false,
            required: false,
            too_old: ZoomError::report_outside_six_months,
        },
    )?;
    let page_size = params.page_size(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
    let matching: Vec<&SimSignInActivity> =
        newest_first(&account.sign_in_activities, |a| a.time, w.from, w.to).collect();
    let query = PageQuery {
        fingerprint: format!(
            "GET /report/activities?from={}&to={}&page_size={page_size}",
            w.from, w.to
        ),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number: None,
    };
    let page = state
        .pages
        .page(&query, matching.len(), state.clock.now())?;
    Ok(json(&ActivityList {
        from: format!("{}T00:00:00Z", w.from_date),
        to: format!("{}T00:00:00Z", w.to_date),
        activity_logs: matching[page.range.clone()]
            .iter()
            .map(|a| ActivityItem {
                email: &a.email,
                time: zoom_time(a.time),
                activity_type: a.activity_type.as_str(),
                ip_address: &a.ip_address,
                client_type: a.client_type,
                version: a.version.as_deref(),
            })
            .collect(),
        next_page_token: page.next_page_token,
        page_size: page.page_size,
    }))
}

#[derive(Serialize)]
struct OperationItem<'a> {
    time: String,
    operator: &'a str,
    category_type: &'static str,
    action: &'static str,
    operation_detail: &'a str,
}

#[derive(Serialize)]
struct OperationList<'a> {
    next_page_token: String,
    page_size: usize,
    operation_logs: Vec<OperationItem<'a>>,
}

/// `GET /report/operationlogs`.
pub(super) async fn operation_logs(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let account = &state.account();
    let w = super::window(
        &params,
        account.now,
        WindowRules {
            allow_time: false,
            required: true,
            too_old: ZoomError::report_outside_six_months,
        },
    )?;
    let page_size = params.page_size(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
    let category = match params.get("category_type") {
        None | Some("all") => None,
        Some(c) if OPERATION_CATEGORIES.contains(&c) => Some(c),
        Some(_) => return Err(ZoomError::invalid_field("category_type")),
    };
    let matching: Vec<&SimOperationLog> =
        newest_first(&account.operation_logs, |o| o.time, w.from, w.to)
            .filter(|o| category.is_none_or(|c| o.category_type == c))
            .collect();
    let query = PageQuery {
        fingerprint: format!(
            "GET /report/operationlogs?from={}&to={}&category_type={}&page_size={page_size}",
            w.from,
            w.to,
            category.unwrap_or("all")
        ),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number: None,
    };
    let page = state
        .pages
        .page(&query, matching.len(), state.clock.now())?;
    Ok(json(&OperationList {
        operation_logs: matching[page.range.clone()]
            .iter()
            .map(|o| OperationItem {
                time: zoom_time(o.time),
                operator: &o.operator,
                category_type: o.category_type,
                action: o.action,
                operation_detail: &o.operation_detail,
            })
            .collect(),
        next_page_token: page.next_page_token,
        page_size: page.page_size,
    }))
}
