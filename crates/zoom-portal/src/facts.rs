//! What the portal shows, typed. Values are as the portal states them; merging them with the
//! API's view is inventory-model's job.

use serde::{Deserialize, Serialize};

/// Everything read from the portal in one sign-in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalFacts {
    /// Account profile page.
    pub profile: Profile,
    /// Billing and subscription page.
    pub billing: Billing,
    /// Security settings page.
    pub security: Security,
    /// Single sign-on page.
    pub sso: Sso,
    /// Roles with their privileges.
    pub roles: Vec<Role>,
    /// Groups.
    pub groups: Vec<Group>,
    /// Users with their licence and advanced settings.
    pub users: Vec<User>,
    /// Installed Marketplace integrations.
    pub integrations: Vec<Integration>,
}

/// The account profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Account (company) name.
    pub account_name: String,
    /// Account number, as shown.
    pub account_number: String,
    /// The owner's e-mail address.
    pub owner_email: String,
}

/// Plan, seats and billing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Billing {
    /// Plan name, e.g. `Business`.
    pub plan_name: String,
    /// Licensed seats bought.
    pub seats_purchased: u64,
    /// Licensed seats assigned to users.
    pub seats_assigned: u64,
    /// Next renewal date (`YYYY-MM-DD`); `None` when the plan does not renew (Free).
    pub renewal_date: Option<String>,
    /// Amount of one billing cycle, in cents.
    pub amount_cents: u64,
    /// ISO 4217 currency, e.g. `USD`.
    pub currency: String,
    /// `monthly` or `annual`.
    pub cycle: String,
}

/// Sign-in security.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Security {
    /// Who must use two-factor authentication: `all`, `role`, `group` or `none`.
    pub two_factor: String,
    /// The roles or groups (names) that must, when `two_factor` is `role` or `group`.
    pub two_factor_targets: Vec<String>,
    /// Minimum password length.
    pub password_min_length: u32,
    /// Passwords need a special character.
    pub password_special_character: bool,
    /// Longest run of consecutive characters allowed (0: no rule).
    pub password_consecutive_characters_length: u32,
    /// Enhanced weak-password detection.
    pub weak_enhance_detection: bool,
}

/// Single sign-on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sso {
    /// SSO is enabled.
    pub enabled: bool,
    /// Users of the managed domains must sign in with SSO.
    pub require_for_domains: bool,
    /// The identity provider's name, e.g. `Okta`.
    pub idp_name: String,
    /// The identity provider's issuer (entity ID).
    pub issuer: String,
    /// Managed domains.
    pub domains: Vec<String>,
}

/// A role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// Zoom's role ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Privileges, e.g. `Users:Edit`.
    pub privileges: Vec<String>,
    /// Number of members.
    pub members: u64,
}

/// A group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Zoom's group ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Number of members.
    pub members: u64,
}

/// A user as the portal's user list shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// E-mail address.
    pub email: String,
    /// Licence: `Basic`, `Licensed` or `Unassigned`.
    pub license_type: String,
    /// Advanced settings, name to value as shown (e.g. `cloud_recording` -> `on`).
    pub advanced_settings: std::collections::BTreeMap<String, String>,
}

/// An installed Marketplace integration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Integration {
    /// Zoom's app ID.
    pub app_id: String,
    /// Name.
    pub name: String,
    /// Developer: `THIRD_PARTY`, `ZOOM` or `INTERNAL`.
    pub developer: String,
    /// Granted scopes, e.g. `user:read:admin`.
    pub scopes: Vec<String>,
    /// E-mail address of the admin who installed it.
    pub installed_by: String,
    /// When it was installed (RFC 3339).
    pub installed_at: String,
}
