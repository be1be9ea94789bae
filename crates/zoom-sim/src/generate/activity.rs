//! Report data: sign-in/sign-out activity (`GET /report/activities`) and the admin operation log
//! (`GET /report/operationlogs`), over the 200 days before "now", with bounded totals.
//!
//! Sign-ins agree with the users: every user whose `last_login_time` falls in the window has a
//! `Sign in` record at exactly that time and none later; API-only service users and pending users
//! have none.

use fastrand::Rng;
use jiff::Timestamp;

use super::meetings::HISTORY_DAYS;
use super::names::CLIENT_VERSIONS;
use super::random::{DAY, between, percent, pick, ts};
use super::users::{ADMIN_ROLE_ID, SimUser, UserStatus};

const ACTIVITY_STREAM: u64 = 0x4143_5449_5649_5459; // "ACTIVITY"
const OPLOG_STREAM: u64 = 0x4f50_4552_4154_494f; // "OPERATIO"
/// At most this many users get sign-in history (the rest of a huge account gets none).
const MAX_SIGN_IN_USERS: usize = 5_000;

/// `type` of a sign-in/out record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityType {
    /// `Sign in`.
    SignIn,
    /// `Sign out`.
    SignOut,
}

impl ActivityType {
    /// The wire value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityType::SignIn => "Sign in",
            ActivityType::SignOut => "Sign out",
        }
    }
}

/// A sign-in or sign-out record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimSignInActivity {
    /// The user's e-mail address.
    pub email: String,
    /// When.
    pub time: Timestamp,
    /// Sign in or sign out.
    pub activity_type: ActivityType,
    /// The client's public IP address.
    pub ip_address: String,
    /// `Windows`, `Mac`, `iOS`, `Android`, `Linux` or `Browser`.
    pub client_type: &'static str,
    /// Zoom client version (`5.9.1.2581` style); `None` for the browser (not served).
    pub version: Option<String>,
}

/// An entry of the operation log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimOperationLog {
    /// When.
    pub time: Timestamp,
    /// The admin's e-mail address.
    pub operator: String,
    /// `user`, `user_settings`, `account`, `billing`, `im`, `recording`, `role` or `zoom_rooms`.
    pub category_type: &'static str,
    /// `add`, `update`, `delete`, `deactivate` or `activate` (the spec's example is `delete`).
    pub action: &'static str,
    /// What was done, e.g. `delete user - jill.chill@example.com`.
    pub operation_detail: String,
}

/// The categories `category_type` may filter on (the spec's enum, `all` aside).
pub(crate) const OPERATION_CATEGORIES: &[&str] = &[
    "user",
    "user_settings",
    "account",
    "billing",
    "im",
    "recording",
    "phone_contacts",
    "webinar",
    "sub_account",
    "role",
    "zoom_rooms",
];

fn client_type(version: Option<&str>) -> &'static str {
    match version.and_then(|v| v.split_once('(')).map(|(_, p)| p) {
        Some("win)") => "Windows",
        Some("mac)") => "Mac",
        Some("ios)") => "iOS",
        Some("android)") => "Android",
        Some("linux)") => "Linux",
        _ => "Browser",
    }
}

pub(crate) fn sign_in_activities(seed: u64, now: i64, users: &[SimUser]) -> Vec<SimSignInActivity> {
    let mut rng = Rng::with_seed(seed ^ ACTIVITY_STREAM);
    let window = now - HISTORY_DAYS * DAY;
    let eligible: Vec<&SimUser> = users
        .iter()
        .filter(|u| {
            u.status != UserStatus::Pending
                && !u.login_types.contains(&99)
                && u.last_login_time.is_some_and(|t| t.as_second() >= window)
        })
        .collect();
    let keep = MAX_SIGN_IN_USERS.min(eligible.len());
    let per_user = (20_000 / keep.max(1)).clamp(1, 12);
    let mut out = Vec::new();
    for (k, user) in eligible.iter().enumerate() {
        // Spread the kept users evenly over a huge account.
        if (k * keep) / eligible.len().max(1) == ((k + 1) * keep) / eligible.len().max(1) {
            continue;
        }
        let Some(last) = user.last_login_time.map(Timestamp::as_second) else {
            continue;
        };
        let client = client_type(user.last_client_version.as_deref());
        let version = (client != "Browser").then(|| {
            user.last_client_version
                .as_deref()
                .and_then(|v| v.split('(').next())
                .unwrap_or(CLIENT_VERSIONS[0])
                .to_owned()
        });
        let home = format!("203.0.113.{}", rng.u8(2..250));
        let office = format!("192.0.2.{}", rng.u8(10..30));
        let lo = window.max(user.user_created_at.as_second());
        let mut times: Vec<i64> = (1..rng.usize(1..=per_user))
            .map(|_| between(&mut rng, lo, last - 3600))
            .filter(|&t| t < last - 3600)
            .collect();
        times.sort_unstable();
        times.push(last);
        for (i, &t) in times.iter().enumerate() {
            let ip = if percent(&mut rng, 60) {
                &office
            } else {
                &home
            };
            out.push(SimSignInActivity {
                email: user.email.clone(),
                time: ts(t),
                activity_type: ActivityType::SignIn,
                ip_address: ip.clone(),
                client_type: client,
                version: version.clone(),
            });
            let next = times.get(i + 1).copied().unwrap_or(now);
            let out_at = t + rng.i64(600..10 * 3600);
            if percent(&mut rng, 55) && out_at < next && out_at < now {
                out.push(SimSignInActivity {
                    email: user.email.clone(),
                    time: ts(out_at),
                    activity_type: ActivityType::SignOut,
                    ip_address: ip.clone(),
                    client_type: client,
                    version: version.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.time.cmp(&b.time).then_with(|| a.email.cmp(&b.email)));
    out
}

/// Names the operation log may mention, from the account.
pub(crate) struct OpLogInputs<'a> {
    pub(crate) seed: u64,
    pub(crate) now: i64,
    pub(crate) users: &'a [SimUser],
    pub(crate) role_names: Vec<&'a str>,
    pub(crate) group_names: Vec<&'a str>,
    pub(crate) room_names: Vec<&'a str>,
}

pub(crate) fn operation_logs(input: &OpLogInputs<'_>) -> Vec<SimOperationLog> {
    let mut rng = Rng::with_seed(input.seed ^ OPLOG_STREAM);
    let users = input.users;
    let operators: Vec<&str> = users
        .iter()
        .filter(|u| u.role_id == "0" || u.role_id == ADMIN_ROLE_ID)
        .map(|u| u.email.as_str())
        .collect();
    let per_day = (users.len() / 40).clamp(1, 15);
    let today = input.now - input.now.rem_euclid(DAY);
    let mut out = Vec::new();
    for back in (0..=HISTORY_DAYS).rev() {
        let day = today - back * DAY;
        for _ in 0..rng.usize(0..=per_day * 2) {
            let time = day + rng.i64(7 * 3600..20 * 3600);
            if time >= input.now {
                continue;
            }
            let operator = (*pick(&mut rng, &operators)).to_owned();
            let target = &pick(&mut rng, users).email;
            let (category_type, action, detail) = match rng.u32(0..100) {
                0..18 => ("user", "add", format!("add user - {target}")),
                18..38 => (
                    "user",
                    "update",
                    format!("update user - {target}: Department"),
                ),
                38..44 => ("user", "deactivate", format!("deactivate user - {target}")),
                44..48 => ("user", "delete", format!("delete user - {target}")),
                48..58 => (
                    "user_settings",
                    "update",
                    format!("update user settings - {target}: Cloud recording"),
                ),
                58..66 => (
                    "account",
                    "update",
                    "update account settings - Security: Waiting Room".to_owned(),
                ),
                66..74 => (
                    "role",
                    "update",
                    format!(
                        "update role - {}: add member {target}",
                        pick(&mut rng, &input.role_names)
                    ),
                ),
                74..84 if !input.room_names.is_empty() => (
                    "zoom_rooms",
                    "update",
                    format!(
                        "update zoom room - {}: Room passcode",
                        pick(&mut rng, &input.room_names)
                    ),
                ),
                84..92 => (
                    "recording",
                    "delete",
                    format!("delete recording - {target}: cloud recording"),
                ),
                92..96 if !input.group_names.is_empty() => (
                    "im",
                    "update",
                    format!("update im group - {}", pick(&mut rng, &input.group_names)),
                ),
                _ => (
                    "billing",
                    "update",
                    "update billing - billing contact".to_owned(),
                ),
            };
            out.push(SimOperationLog {
                time: ts(time),
                operator,
                category_type,
                action,
                operation_detail: detail,
            });
        }
    }
    out.sort_by_key(|o| o.time);
    out
}
