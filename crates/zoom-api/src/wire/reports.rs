//! Reports (`zoom-meeting-api-2023-07.json`): sign-in and sign-out activities, admin operation
//! logs.

use serde::{Deserialize, Serialize};

use super::{PageMeta, lenient};

/// An item of `GET /report/activities` (`activity_logs[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct SignInActivity {
    /// The user's email.
    #[serde(default)]
    pub email: Option<String>,
    /// When.
    #[serde(default)]
    pub time: Option<String>,
    /// Zoom's `type`: `Sign in` or `Sign out`.
    #[serde(rename = "type", default)]
    pub activity_type: Option<String>,
    /// Client IP address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// Client type, e.g. `Browser`.
    #[serde(default)]
    pub client_type: Option<String>,
    /// Client version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub version: Option<String>,
}

/// `GET /report/activities` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct SignInActivityListPage {
    /// Paging fields (`next_page_token`, `page_size`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// Start of the report, as Zoom echoes it.
    #[serde(default)]
    pub from: Option<String>,
    /// End of the report, as Zoom echoes it.
    #[serde(default)]
    pub to: Option<String>,
    /// The sign-in and sign-out events.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub activity_logs: Vec<SignInActivity>,
}

/// An item of `GET /report/operationlogs` (`operation_logs[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct OperationLog {
    /// When.
    #[serde(default)]
    pub time: Option<String>,
    /// Who (the admin's email).
    #[serde(default)]
    pub operator: Option<String>,
    /// What kind of object: `user`, `user_settings`, `account`, `billing`, `im`, `recording`,
    /// `phone_contacts`, `webinar`, `sub_account`, `role`, `zoom_rooms`.
    #[serde(default)]
    pub category_type: Option<String>,
    /// The action, e.g. `delete`.
    #[serde(default)]
    pub action: Option<String>,
    /// Details, e.g. `delete user - user2@example.com`.
    #[serde(default)]
    pub operation_detail: Option<String>,
}

/// `GET /report/operationlogs` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct OperationLogListPage {
    /// Paging fields (`next_page_token`, `page_size`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// The operations.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub operation_logs: Vec<OperationLog>,
}
