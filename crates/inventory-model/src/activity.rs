//! Activities: sign-ins and sign-outs (`GET /report/activities`) and admin operations
//! (`GET /report/operationlogs`). Events, not assets: they are never "removed".

use jiff::Timestamp;
use serde::Serialize;
use sha2::{Digest, Sha256};
use zoom_api::wire::{OperationLog, SignInActivity, WithRaw};

use crate::value::{non_empty, timestamp};
use crate::{Asset, Record, canonical_json};

/// What kind of activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityType {
    /// A user signed in.
    SignIn,
    /// A user signed out.
    SignOut,
    /// An admin changed something (operation log).
    Operation,
}

/// The normalized activity (product contract, `kind = "activity"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Activity {
    /// Sign-in, sign-out or operation.
    pub activity_type: ActivityType,
    /// When it happened (RFC 3339 UTC).
    pub time: Option<Timestamp>,
    /// Who did it.
    pub actor_email: Option<String>,
    /// What was done, in Zoom's words (`Sign in`, `Update`, ...).
    pub action: Option<String>,
    /// Zoom's category (`user`, `account`, `role`, ...; `sign_in_out` for sign-ins).
    pub category: Option<String>,
    /// Zoom's description of the operation.
    pub detail: Option<String>,
    /// The client's IP address.
    pub ip_address: Option<String>,
    /// The client and its version (`Browser 6.2.5`).
    pub client: Option<String>,
}

/// The fields of [`Activity`], in declaration order.
pub const FIELD_NAMES: &[&str] = &[
    "activity_type",
    "time",
    "actor_email",
    "action",
    "category",
    "detail",
    "ip_address",
    "client",
];

/// The scope activities are stored under. Never declared complete: events are not removed.
pub const SCOPE: &str = "activities";

/// A sign-in or sign-out.
pub fn sign_in_out(activity: &WithRaw<SignInActivity>) -> Record {
    let item = &activity.item;
    let action = non_empty(item.activity_type.as_deref());
    let activity_type = match action.as_deref().map(str::to_lowercase).as_deref() {
        Some("sign out") | Some("sign_out") | Some("signout") => ActivityType::SignOut,
        _ => ActivityType::SignIn,
    };
    let client = [item.client_type.as_deref(), item.version.as_deref()]
        .into_iter()
        .filter_map(|part| non_empty(part))
        .collect::<Vec<_>>()
        .join(" ");
    record(
        Activity {
            activity_type,
            time: timestamp(item.time.as_deref()),
            actor_email: non_empty(item.email.as_deref()).map(|email| email.to_lowercase()),
            action,
            category: Some("sign_in_out".to_owned()),
            detail: None,
            ip_address: non_empty(item.ip_address.as_deref()),
            client: (!client.is_empty()).then_some(client),
        },
        &activity.raw,
    )
}

/// An operation-log entry.
pub fn operation(log: &WithRaw<OperationLog>) -> Record {
    let item = &log.item;
    record(
        Activity {
            activity_type: ActivityType::Operation,
            time: timestamp(item.time.as_deref()),
            actor_email: non_empty(item.operator.as_deref()).map(|email| email.to_lowercase()),
            action: non_empty(item.action.as_deref()),
            category: non_empty(item.category_type.as_deref()),
            detail: non_empty(item.operation_detail.as_deref()),
            ip_address: None,
            client: None,
        },
        &log.raw,
    )
}

/// Zoom gives activities no id: the id is a digest of the JSON as received (keys sorted), so
/// the same event fetched by two runs is one record.
fn record(activity: Activity, raw: &serde_json::Value) -> Record {
    let canonical = canonical_json(raw);
    let digest = Sha256::digest(canonical.as_bytes());
    let source_id: String = digest
        .iter()
        .take(12)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    Record {
        id: format!("activity:{source_id}"),
        source_id,
        scope: SCOPE.to_owned(),
        asset: Asset::Activity(activity),
        raw: raw.clone(),
    }
}
