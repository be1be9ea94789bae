//! What every API response shares: Zoom's error body and the paging fields of list
//! responses.

use serde::{Deserialize, Serialize};

use super::lenient;

/// Error body of the REST API: `{"code": 1001, "message": "User does not exist: x."}`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ApiErrorBody {
    /// Zoom's error code (not the HTTP status).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub code: Option<i64>,
    /// Zoom's message.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
    /// Validation failures (code 300).
    #[serde(default, deserialize_with = "lenient::vec")]
    pub errors: Vec<FieldError>,
}

/// One validation failure in an [`ApiErrorBody`].
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct FieldError {
    /// The field, e.g. `user_info.email`.
    #[serde(default)]
    pub field: Option<String>,
    /// What is wrong with it.
    #[serde(default)]
    pub message: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Pagination

/// The paging fields of a list response (which of them appear varies by endpoint).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct PageMeta {
    /// Token for the next page; missing or empty on the last page.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub next_page_token: Option<String>,
    /// Number of pages (legacy paging).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub page_count: Option<i64>,
    /// Page number (legacy paging).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub page_number: Option<i64>,
    /// Records per page.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub page_size: Option<i64>,
    /// Records across all pages.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_records: Option<i64>,
}

impl PageMeta {
    /// The token to request the next page with, or `None` when this was the last page.
    pub fn next_token(&self) -> Option<&str> {
        self.next_page_token.as_deref().filter(|t| !t.is_empty())
    }
}
