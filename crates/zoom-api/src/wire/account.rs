//! The account's SaaS side (`zoom-accounts.json`, `zoom-users.json`, `zoom-billing-ma.json`,
//! `zoom-marketplace.json`): settings, lock settings, seats, plan usage, installed apps, managed
//! and trusted domains. Settings of every section are also read whole, as JSON (the model
//! stores each one): [`SettingsOption`] names the `option` variants of the settings endpoints.

use serde::{Deserialize, Serialize};

use super::lenient;

/// The `option` query parameter of the settings endpoints (account, group, user): each selects
/// a part that the default answer does not hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SettingsOption {
    /// `meeting_security`: waiting room, passcodes and their rules, encryption.
    MeetingSecurity,
    /// `meeting_authentication`: only authenticated users join, and the authentication
    /// profiles.
    MeetingAuthentication,
    /// `recording_authentication`: only authenticated users view cloud recordings.
    RecordingAuthentication,
}

impl SettingsOption {
    /// Every option, in Zoom's order.
    pub const ALL: [SettingsOption; 3] = [
        SettingsOption::MeetingSecurity,
        SettingsOption::MeetingAuthentication,
        SettingsOption::RecordingAuthentication,
    ];

    /// The parameter's value: `meeting_security`, `meeting_authentication`,
    /// `recording_authentication`.
    pub fn as_str(self) -> &'static str {
        match self {
            SettingsOption::MeetingSecurity => "meeting_security",
            SettingsOption::MeetingAuthentication => "meeting_authentication",
            SettingsOption::RecordingAuthentication => "recording_authentication",
        }
    }
}

/// `GET /accounts/{accountId}/settings` (default branch): the objects an inventory reads.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct AccountSettings {
    /// Sign-in security.
    #[serde(default)]
    pub security: Option<SecuritySettings>,
    /// Meeting scheduling defaults.
    #[serde(default)]
    pub schedule_meeting: Option<ScheduleMeetingSettings>,
    /// Recording policy.
    #[serde(default)]
    pub recording: Option<RecordingSettings>,
}

/// `settings.security`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct SecuritySettings {
    /// Single sign-on.
    #[serde(default)]
    pub signin_with_sso: Option<SigninWithSso>,
    /// Password rules.
    #[serde(default)]
    pub password_requirement: Option<PasswordRequirement>,
    /// Who must use 2FA: `all`, `group`, `role` or `none`.
    #[serde(default)]
    pub sign_in_with_two_factor_auth: Option<String>,
    /// Group IDs, when 2FA is enforced for groups.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub sign_in_with_two_factor_auth_groups: Vec<String>,
    /// Role IDs, when 2FA is enforced for roles.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub sign_in_with_two_factor_auth_roles: Vec<String>,
    /// Minutes of inactivity on the web before signing in again (0: off).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub sign_again_period_for_inactivity_on_web: Option<i64>,
}

/// `settings.security.signin_with_sso`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct SigninWithSso {
    /// SSO enabled.
    #[serde(default)]
    pub enable: Option<bool>,
    /// SSO required for users of `domains`.
    #[serde(default)]
    pub require_sso_for_domains: Option<bool>,
    /// Managed domains.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub domains: Vec<String>,
}

/// `settings.security.password_requirement`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct PasswordRequirement {
    /// Minimum length.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub minimum_password_length: Option<i64>,
    /// A special character is required.
    #[serde(default)]
    pub have_special_character: Option<bool>,
    /// Longest run of consecutive characters allowed, plus one (0: no rule).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub consecutive_characters_length: Option<i64>,
    /// Enhanced weak-password detection.
    #[serde(default)]
    pub weak_enhance_detection: Option<bool>,
}

/// `settings.schedule_meeting`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct ScheduleMeetingSettings {
    /// Scheduled meetings require a passcode.
    #[serde(default)]
    pub require_password_for_scheduled_meetings: Option<bool>,
}

/// `settings.recording`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct RecordingSettings {
    /// Cloud recording allowed.
    #[serde(default)]
    pub cloud_recording: Option<bool>,
    /// Cloud recordings are deleted automatically.
    #[serde(default)]
    pub auto_delete_cmr: Option<bool>,
    /// After how many days.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub auto_delete_cmr_days: Option<i64>,
}

/// `GET /accounts/{accountId}/settings?option=meeting_security`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct MeetingSecuritySettings {
    /// The meeting security settings.
    #[serde(default)]
    pub meeting_security: Option<MeetingSecurity>,
}

/// `meeting_security`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct MeetingSecurity {
    /// Waiting room on by default.
    #[serde(default)]
    pub waiting_room: Option<bool>,
    /// Scheduled meetings require a passcode.
    #[serde(default)]
    pub require_password_for_scheduled_meeting: Option<bool>,
    /// The passcode is embedded in join links (one-click join).
    #[serde(default)]
    pub embed_password_in_join_link: Option<bool>,
}

/// `GET /users/summary`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct UsersSummary {
    /// Licensed users.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub licensed_users_count: Option<i64>,
    /// Basic users.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub basic_users_count: Option<i64>,
    /// On-prem users.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub on_prem_users_count: Option<i64>,
    /// Zoom Rooms.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub room_users_count: Option<i64>,
    /// Pending users.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub pending_users_count: Option<i64>,
    /// Users without a licence.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub join_only_users_count: Option<i64>,
    /// All of the above.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_users_count: Option<i64>,
}

/// `GET /accounts/{accountId}/plans/usage`: the plans an inventory reads.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct PlanUsage {
    /// The base (meetings) plan.
    #[serde(default)]
    pub plan_base: Option<PlanSeats>,
    /// Zoom Rooms.
    #[serde(default)]
    pub plan_zoom_rooms: Option<PlanSeats>,
}

/// A plan's seats (`plan_base`, `plan_zoom_rooms`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct PlanSeats {
    /// Billing type, e.g. `monthly`, `yearly`.
    #[serde(rename = "type", default)]
    pub plan_type: Option<String>,
    /// Seats bought.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub hosts: Option<i64>,
    /// Seats used.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub usage: Option<i64>,
    /// Active hosts.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub active_hosts: Option<i64>,
    /// Pending licences.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub pending: Option<i64>,
}

/// An item of `GET /marketplace/apps` (`apps[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct MarketplaceApp {
    /// App ID.
    #[serde(default)]
    pub app_id: Option<String>,
    /// Name.
    #[serde(default)]
    pub app_name: Option<String>,
    /// `ZoomApp`, `ChatBotApp`, `OAuthApp` or `GeneralApp`.
    #[serde(default)]
    pub app_type: Option<String>,
    /// `PUBLISHED`, `UNPUBLISHED` or `SHARABLE`.
    #[serde(default)]
    pub app_status: Option<String>,
    /// `THIRD_PARTY`, `ZOOM` or `INTERNAL`.
    #[serde(default)]
    pub app_developer_type: Option<String>,
    /// Short description.
    #[serde(default)]
    pub app_description: Option<String>,
    /// Scopes, as titles (`View all users' meetings`).
    #[serde(default, deserialize_with = "lenient::vec")]
    pub scopes: Vec<AppScope>,
    /// Who approved it, when, for whom.
    #[serde(default)]
    pub approval_info: Option<ApprovalInfo>,
}

/// `GET /marketplace/apps/{appId}`: the fields an inventory reads.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct AppDetails {
    /// App ID.
    #[serde(default)]
    pub app_id: Option<String>,
    /// Name.
    #[serde(default)]
    pub app_name: Option<String>,
    /// The scopes the app requests, as OAuth scope names (`meeting:read`).
    #[serde(default, deserialize_with = "lenient::vec")]
    pub app_scopes: Vec<String>,
}

/// `GET /accounts/{accountId}/plans`: the base plan (the other plans are not read).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct AccountPlans {
    /// The base (meetings) plan.
    #[serde(default)]
    pub plan_base: Option<PlanInformation>,
}

/// A plan of `GET /accounts/{accountId}/plans` (`plan_base`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct PlanInformation {
    /// Billing type, e.g. `monthly`, `yearly`.
    #[serde(rename = "type", default)]
    pub plan_type: Option<String>,
    /// Seats bought.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub hosts: Option<i64>,
    /// `active`, `cancelled` or `expired`.
    #[serde(default)]
    pub status: Option<String>,
    /// When the plan took effect (`YYYY-MM-DD`).
    #[serde(default)]
    pub service_effective_date: Option<String>,
    /// The next invoice, that is the renewal (`YYYY-MM-DD`).
    #[serde(default)]
    pub next_invoice_date: Option<String>,
}

/// `apps[].scopes[]`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct AppScope {
    /// The scope's title.
    #[serde(default)]
    pub scope_name: Option<String>,
    /// What it grants.
    #[serde(default)]
    pub scope_description: Option<String>,
}

/// `apps[].approval_info`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct ApprovalInfo {
    /// `forAllUser` or `forSpecificUser`.
    #[serde(default)]
    pub approved_type: Option<String>,
    /// The approving admin's user ID.
    #[serde(default)]
    pub approver_id: Option<String>,
    /// When.
    #[serde(default)]
    pub approved_time: Option<String>,
}

/// `GET /accounts/{accountId}/managed_domains`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct ManagedDomains {
    /// The domains.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub domains: Vec<ManagedDomain>,
}

/// `domains[]` of [`ManagedDomains`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct ManagedDomain {
    /// The domain's name.
    #[serde(default)]
    pub domain: Option<String>,
    /// Its status (`verified`, `pending`).
    #[serde(default)]
    pub status: Option<String>,
}

/// `GET /accounts/{accountId}/trusted_domains`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct TrustedDomains {
    /// The domains.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub trusted_domains: Vec<String>,
}
