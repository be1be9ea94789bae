//! Devices: `GET /h323/devices` (`fixtures/openapi/zoom-meeting-api-2023-07.json`) and
//! `GET /devices`, Zoom Device Management, which has no spec file: its query parameters and
//! fields are those NOTES.md §4.7 lists from Zoom's Node SDK typings.
//!
//! Choices for `GET /devices` where nothing is documented: `page_size` default 30, maximum 300
//! (larger values serve 300); `is_enrolled_in_zdm` defaults to `true` and selects enrolled
//! (`true`) or not enrolled (`false`) devices; `device_type` defaults to `-1`, every Zoom Rooms
//! device type (0-4 and 6), so Zoom Phone appliances (5) are listed only when asked for (both
//! defaults as a tool schema generated from Zoom's spec gives them, `ZOOM_LIST_DEVICES_INPUT`:
//! `@default true`, `@default -1`); `search_text` matches name or serial number
//! case-insensitively; `device_vendor` and `device_model` match exactly, ignoring case;
//! `platform_os` in the response uses the query parameter's vocabulary.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;

use super::{Params, json, zoom_time};
use crate::generate::devices::SimZdmDevice;
use crate::http::error::ZoomError;
use crate::http::paging::PageQuery;
use crate::http::server::AppState;

const DEFAULT_PAGE_SIZE: usize = 30;
const MAX_PAGE_SIZE: usize = 300;
const PLATFORMS: &[&str] = &["win", "mac", "ipad", "iphone", "android", "linux"];

#[derive(Serialize)]
struct H323Item<'a> {
    id: &'a str,
    name: &'a str,
    ip: &'a str,
    protocol: &'static str,
    encryption: &'static str,
}

#[derive(Serialize)]
struct H323List<'a> {
    next_page_token: String,
    page_count: usize,
    page_number: usize,
    page_size: usize,
    total_records: usize,
    devices: Vec<H323Item<'a>>,
}

/// `GET /h323/devices`.
pub(super) async fn list_h323_devices(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let page_size = params.page_size(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
    let page_number = params.page_number()?;
    let devices = &state.account().h323_devices;
    let query = PageQuery {
        fingerprint: format!("GET /h323/devices?page_size={page_size}"),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number,
    };
    let page = state.pages.page(&query, devices.len(), state.clock.now())?;
    Ok(json(&H323List {
        devices: devices[page.range.clone()]
            .iter()
            .map(|d| H323Item {
                id: &d.id,
                name: &d.name,
                ip: &d.ip,
                protocol: d.protocol.as_str(),
                encryption: d.encryption.as_str(),
            })
            .collect(),
        next_page_token: page.next_page_token,
        page_count: page.page_count,
        page_number: page.page_number,
        page_size: page.page_size,
        total_records: page.total_records,
    }))
}

#[derive(Serialize)]
struct ZdmItem<'a> {
    device_id: &'a str,
    device_name: &'a str,
    mac_address: &'a str,
    serial_number: &'a str,
    vendor: &'a str,
    model: &'a str,
    platform_os: &'a str,
    app_version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<&'a str>,
    enrolled_in_zdm: bool,
    connected_to_zdm: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    room_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    room_name: Option<&'a str>,
    device_type: u8,
    skd_version: &'a str,
    device_status: i8,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_online: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_email: Option<&'a str>,
}

#[derive(Serialize)]
struct ZdmList<'a> {
    next_page_token: String,
    page_size: usize,
    devices: Vec<ZdmItem<'a>>,
}

fn int_param(
    params: &Params,
    key: &str,
    allowed: std::ops::RangeInclusive<i8>,
) -> Result<Option<i8>, ZoomError> {
    params
        .get(key)
        .map(|raw| {
            raw.trim()
                .parse::<i8>()
                .ok()
                .filter(|v| allowed.contains(v))
                .ok_or_else(|| ZoomError::invalid_field(key))
        })
        .transpose()
}

/// `GET /devices` (ZDM).
pub(super) async fn list_zdm_devices(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ZoomError> {
    let page_size = params.page_size(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
    let enrolled = match params.get("is_enrolled_in_zdm") {
        None | Some("true") => true,
        Some("false") => false,
        Some(_) => return Err(ZoomError::invalid_field("is_enrolled_in_zdm")),
    };
    let platform = params.get("platform_os");
    if platform.is_some_and(|p| !PLATFORMS.contains(&p)) {
        return Err(ZoomError::invalid_field("platform_os"));
    }
    let device_type = int_param(&params, "device_type", -1..=6)?.unwrap_or(-1);
    let device_status = int_param(&params, "device_status", -1..=1)?;
    let search = params.get("search_text").map(str::to_lowercase);
    let vendor = params.get("device_vendor");
    let model = params.get("device_model");

    let matches = |d: &SimZdmDevice| {
        d.enrolled_in_zdm == enrolled
            && platform.is_none_or(|p| d.platform_os == p)
            && match device_type {
                -1 => d.device_type != 5,
                t => i8::try_from(d.device_type).is_ok_and(|dt| dt == t),
            }
            && device_status.is_none_or(|s| d.device_status == s)
            && vendor.is_none_or(|v| d.vendor.eq_ignore_ascii_case(v))
            && model.is_none_or(|m| d.model.eq_ignore_ascii_case(m))
            && search.as_deref().is_none_or(|q| {
                d.device_name.to_lowercase().contains(q)
                    || d.serial_number.to_lowercase().contains(q)
            })
    };
    let devices = &state.account().zdm_devices;
    let matching: Vec<&SimZdmDevice> = devices.iter().filter(|d| matches(d)).collect();
    let query = PageQuery {
        fingerprint: format!(
            "GET /devices?enrolled={enrolled}&platform_os={}&device_type={}&device_status={}&search_text={}&device_vendor={}&device_model={}&page_size={page_size}",
            platform.unwrap_or_default(),
            device_type,
            device_status.map(|s| s.to_string()).unwrap_or_default(),
            search.as_deref().unwrap_or_default(),
            vendor.unwrap_or_default(),
            model.unwrap_or_default(),
        ),
        page_size,
        next_page_token: params.get("next_page_token"),
        page_number: None,
    };
    let page = state
        .pages
        .page(&query, matching.len(), state.clock.now())?;
    Ok(json(&ZdmList {
        devices: matching[page.range.clone()]
            .iter()
            .map(|d| ZdmItem {
                device_id: &d.device_id,
                device_name: &d.device_name,
                mac_address: &d.mac_address,
                serial_number: &d.serial_number,
                vendor: &d.vendor,
                model: &d.model,
                platform_os: &d.platform_os,
                app_version: &d.app_version,
                tag: d.tag.as_deref(),
                enrolled_in_zdm: d.enrolled_in_zdm,
                connected_to_zdm: d.connected_to_zdm,
                room_id: d.room_id.as_deref(),
                room_name: d.room_name.as_deref(),
                device_type: d.device_type,
                skd_version: &d.sdk_version,
                device_status: d.device_status,
                last_online: d.last_online.map(zoom_time),
                user_email: d.user_email.as_deref(),
            })
            .collect(),
        next_page_token: page.next_page_token,
        page_size: page.page_size,
    }))
}
