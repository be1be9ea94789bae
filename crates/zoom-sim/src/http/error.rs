//! Zoom's REST error responses ([`ZoomError`]): HTTP status and `{"code", "message", "errors"?}`,
//! with one constructor per error the simulator answers, each with Zoom's wording and where it
//! comes from.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A Zoom REST error response: HTTP status plus `{"code": .., "message": .., "errors"?: [..]}`
/// (Zoom's "Error Codes" page). Every `/v2` error of the simulator is one of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ZoomError {
    pub(crate) status: StatusCode,
    pub(crate) code: u32,
    pub(crate) message: String,
    pub(crate) errors: Vec<FieldError>,
}

/// One entry of a validation error's `errors` array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FieldError {
    pub(crate) field: String,
    pub(crate) message: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    code: u32,
    message: &'a str,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    errors: &'a [FieldError],
}

impl ZoomError {
    pub(crate) fn new(status: StatusCode, code: u32, message: impl Into<String>) -> Self {
        ZoomError {
            status,
            code,
            message: message.into(),
            errors: Vec::new(),
        }
    }

    /// 401 124: missing, unknown or revoked access token.
    pub(crate) fn invalid_token() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 124, "Invalid access token.")
    }

    /// 401 124: the access token's lifetime is over.
    pub(crate) fn expired_token() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 124, "Access token is expired.")
    }

    /// 400 4711: the token has none of the endpoint's scopes; names its granular scopes.
    pub(crate) fn missing_scopes(granular: &[&str]) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            4711,
            format!(
                "Invalid access token, does not contain scopes:[{}].",
                granular.join(", ")
            ),
        )
    }

    /// 400 300 "Validation Failed." with one invalid field.
    pub(crate) fn invalid_field(field: &str) -> Self {
        ZoomError {
            errors: vec![FieldError {
                field: field.to_owned(),
                message: "Invalid field.".to_owned(),
            }],
            ..Self::new(StatusCode::BAD_REQUEST, 300, "Validation Failed.")
        }
    }

    /// 400 300: unknown, expired or mismatched `next_page_token`.
    pub(crate) fn invalid_page_token() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            300,
            "The next page token is invalid or expired.",
        )
    }

    /// 404 2300: no such endpoint.
    pub(crate) fn endpoint_not_recognized() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            2300,
            "This API endpoint is not recognized.",
        )
    }

    /// 400 200: paid-only endpoint on a Free account (`GET /groups`).
    pub(crate) fn paid_only() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            200,
            "Only available for Paid account.",
        )
    }

    /// 404 1001.
    pub(crate) fn user_not_found(user_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            1001,
            format!("User does not exist: {user_id}."),
        )
    }

    /// 400 1120: a pending user whose invitation expired.
    pub(crate) fn invitation_not_found() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            1120,
            "A valid invitation to join the Zoom account was not found for this user.",
        )
    }

    /// 400 200: Zoom Rooms endpoints on an account without a Zoom Rooms subscription (the Rooms
    /// spec's wording).
    pub(crate) fn rooms_subscription_not_found() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            200,
            "Zoom Room subscription not found. Try again after purchasing a Zoom Room subscription.",
        )
    }

    /// 400 200: calendar endpoints on an account with a subscription but no Zoom Room.
    pub(crate) fn no_normal_zoom_rooms() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            200,
            "At least one normal Zoom Rooms required.",
        )
    }

    /// 400 200: Dashboard endpoints below Business (the Accounts spec's and observed wording).
    pub(crate) fn dashboard_unavailable() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            200,
            "This API is only available for ZMP and Business or higher accounts that have enabled the Dashboard feature.",
        )
    }

    /// 400 200: `regenerate_activation_code=true` with a read-only app.
    pub(crate) fn no_permission_to_regenerate() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            200,
            "No permission to regenerate an activation code for a Zoom Room.",
        )
    }

    /// 404 1012.
    pub(crate) fn room_not_found(room_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            1012,
            format!("Room not found: {room_id}."),
        )
    }

    /// 404 4801 (the spec's wording, without a space after the colon).
    pub(crate) fn location_not_found(location_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            4801,
            format!("Location not found:{location_id}."),
        )
    }

    /// 400 300: an unknown location `type`.
    pub(crate) fn location_type_not_exist() -> Self {
        Self::new(StatusCode::BAD_REQUEST, 300, "Location type not exist.")
    }

    /// 404 4061.
    pub(crate) fn calendar_service_not_found(service_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            4061,
            format!("Calendar service does not exist: {service_id}."),
        )
    }

    /// 404 3001 (the participants spec's wording).
    pub(crate) fn meeting_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            3001,
            "Meeting ID is invalid or has not ended.",
        )
    }

    /// 400 12702 (the participants spec's wording).
    pub(crate) fn meeting_a_year_ago() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            12702,
            "Can not access a meeting a year ago.",
        )
    }

    /// 400 300: `from`..`to` longer than one month. Zoom documents the rule but not the error;
    /// this wording is the simulator's.
    pub(crate) fn date_range_too_long() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            300,
            "The date range must be within one month.",
        )
    }

    /// 400 300: a Dashboard `from` older than six months (observed wording).
    pub(crate) fn dashboard_outside_six_months() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            300,
            "The request can only be queried for a month that falls within the last six months.",
        )
    }

    /// 400 300: a report `from` older than six months (the 2023 Meetings spec's wording).
    pub(crate) fn report_outside_six_months() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            300,
            "Only provide report in recent 6 months",
        )
    }

    /// 404 2001: an `accountId` other than `me` or the account's own.
    pub(crate) fn account_not_found(account_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            2001,
            format!("Account does not exist: {account_id}."),
        )
    }

    /// 404 4130 (the Users spec's wording of group settings).
    pub(crate) fn group_not_found(group_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            4130,
            format!("Group does not exist: {group_id}."),
        )
    }

    /// 400 200 "No permission.": a master-account API called by an account that is not an
    /// approved partner's master account. Zoom's spec documents no error for it; code 200 with
    /// this wording is Zoom's permission refusal elsewhere (NOTES.md §2.2).
    pub(crate) fn no_permission() -> Self {
        Self::new(StatusCode::BAD_REQUEST, 200, "No permission.")
    }

    /// 404 1401 (the Marketplace spec's wording).
    pub(crate) fn app_not_found(app_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            1401,
            format!("APP ID does not exist: {app_id}"),
        )
    }

    /// 400 1034 (wording of the Accounts spec, without its markdown backticks).
    pub(crate) fn role_not_found() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            1034,
            "Provided role_id does not exist.",
        )
    }
}

impl IntoResponse for ZoomError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code,
            message: &self.message,
            errors: &self.errors,
        };
        (self.status, Json(body)).into_response()
    }
}
