//! The portal map: every URL path, cookie name, CSS selector, attribute and displayed value of
//! Zoom's web portal that this crate relies on. When the portal changes, this file is the fix;
//! `drive` and `extract` hold no literal of the portal's markup.

/// A page read for facts: its name (in errors), path, and which facts it yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataPage {
    /// Short name, used in errors and fixture file names (`fixtures/portal/<name>.html`).
    pub name: &'static str,
    /// Path below the portal URL.
    pub path: &'static str,
    /// Which facts it yields.
    pub kind: PageKind,
}

/// The kind of facts a page yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// Account profile.
    Profile,
    /// Billing and subscription.
    Billing,
    /// Security settings.
    Security,
    /// Single sign-on.
    Sso,
    /// Roles and their privileges.
    Roles,
    /// Groups.
    Groups,
    /// Users with licences and advanced settings.
    Users,
    /// Installed Marketplace apps.
    Integrations,
}

/// Every page read, in reading order.
pub const PAGES: [DataPage; 8] = [
    DataPage {
        name: "profile",
        path: "/profile",
        kind: PageKind::Profile,
    },
    DataPage {
        name: "billing",
        path: "/billing",
        kind: PageKind::Billing,
    },
    DataPage {
        name: "security",
        path: "/account/setting/security",
        kind: PageKind::Security,
    },
    DataPage {
        name: "sso",
        path: "/account/sso",
        kind: PageKind::Sso,
    },
    DataPage {
        name: "roles",
        path: "/role",
        kind: PageKind::Roles,
    },
    DataPage {
        name: "groups",
        path: "/account/group",
        kind: PageKind::Groups,
    },
    DataPage {
        name: "users",
        path: "/account/user",
        kind: PageKind::Users,
    },
    DataPage {
        name: "integrations",
        path: "/marketplace/installed",
        kind: PageKind::Integrations,
    },
];

/// Sign-in: the first page, e-mail and password.
pub mod signin {
    /// Path of the sign-in page.
    pub const PATH: &str = "/signin";
    /// The e-mail field.
    pub const EMAIL: &str = "#email";
    /// The password field.
    pub const PASSWORD: &str = "#password";
    /// The submit button.
    pub const SUBMIT: &str = "#signin-button";
    /// The form itself: shown when a page needs a session and there is none.
    pub const FORM: &str = "#signin-form";
    /// The alert shown when the sign-in was refused; its [`super::REASON_ATTR`] says why.
    pub const ERROR: &str = "#signin-error";
}

/// The 2FA step: the TOTP code.
pub mod otp {
    /// The code field.
    pub const CODE: &str = "#otp-code";
    /// The submit button.
    pub const SUBMIT: &str = "#otp-submit";
    /// The alert shown when the code was refused; its [`super::REASON_ATTR`] says why.
    pub const ERROR: &str = "#otp-error";
}

/// The attribute of a sign-in or 2FA alert that names the reason.
pub const REASON_ATTR: &str = "data-error";
/// Reason: the account is locked after too many failures.
pub const REASON_LOCKED: &str = "locked";
/// Reason: wrong e-mail or password.
pub const REASON_CREDENTIALS: &str = "credentials";
/// Reason: wrong 2FA code.
pub const REASON_CODE: &str = "code";
/// Reason: a 2FA code already used in its time step.
pub const REASON_REUSED: &str = "reused";

/// Present on every page behind the session: the admin navigation.
pub const SIGNED_IN: &str = "#portal-nav";
/// A page that opens the session without reading anything heavy, to add stored cookies to
/// the browser (cookies can only be set for the page's own origin).
pub const COOKIE_ORIGIN_PATH: &str = "/favicon.ico";
/// The session cookie: its expiry is the session's.
pub const SESSION_COOKIE: &str = "_zm_ssid";

/// The page's content once its script has filled it.
pub const PAGE_READY: &str = "main#content[data-state=\"ready\"]";
/// The page's content when its script failed (an alert inside says why).
pub const PAGE_FAILED: &str = "main#content[data-state=\"error\"]";
/// The alert inside a failed page.
pub const PAGE_ALERT: &str = "[role=\"alert\"]";

/// The `<dd>` of a key-value page holding field `name`.
#[must_use]
pub fn field(name: &str) -> String {
    format!("dd[data-field=\"{name}\"]")
}

/// Items of a list inside a field or cell.
pub const LIST_ITEM: &str = "li";
/// A date inside a field or cell; its [`DATETIME_ATTR`] holds the ISO value.
pub const TIME: &str = "time";
/// The ISO value of a [`TIME`].
pub const DATETIME_ATTR: &str = "datetime";
/// Displayed when a value is absent.
pub const EMPTY: &str = "\u{2014}";
/// Displayed for a switched-on setting.
pub const ON: &str = "On";
/// Displayed for a switched-off setting.
pub const OFF: &str = "Off";

/// Fields of the account profile page.
pub mod profile {
    /// Account name.
    pub const ACCOUNT_NAME: &str = "account_name";
    /// Account number.
    pub const ACCOUNT_NUMBER: &str = "account_number";
    /// Owner's e-mail.
    pub const OWNER_EMAIL: &str = "owner_email";
}

/// Fields of the billing page.
pub mod billing {
    /// Plan name.
    pub const PLAN_NAME: &str = "plan_name";
    /// Licences bought.
    pub const SEATS_PURCHASED: &str = "seats_purchased";
    /// Licences assigned.
    pub const SEATS_ASSIGNED: &str = "seats_assigned";
    /// `Annual` or `Monthly`.
    pub const CYCLE: &str = "cycle";
    /// `USD 1,833.00`.
    pub const AMOUNT: &str = "amount";
    /// A date, or [`super::EMPTY`].
    pub const RENEWAL_DATE: &str = "renewal_date";
    /// Billing cycles as shown, and as [`crate::facts::Billing::cycle`] states them.
    pub const CYCLES: &[(&str, &str)] = &[("Annual", "annual"), ("Monthly", "monthly")];
}

/// Fields of the security settings page.
pub mod security {
    /// [`super::ON`] or [`super::OFF`].
    pub const TWO_FACTOR_ENABLED: &str = "two_factor_enabled";
    /// Who must use 2FA, as one of [`TWO_FACTOR_SCOPES`].
    pub const TWO_FACTOR_SCOPE: &str = "two_factor_scope";
    /// A list of role or group names.
    pub const TWO_FACTOR_TARGETS: &str = "two_factor_targets";
    /// `12 characters`.
    pub const PASSWORD_MIN_LENGTH: &str = "password_min_length";
    /// On or Off.
    pub const PASSWORD_SPECIAL_CHARACTER: &str = "password_special_character";
    /// A number, or Off.
    pub const PASSWORD_CONSECUTIVE: &str = "password_consecutive_characters_length";
    /// On or Off.
    pub const WEAK_ENHANCE_DETECTION: &str = "weak_enhance_detection";
    /// Scopes as shown, and as [`crate::facts::Security::two_factor`] states them.
    pub const TWO_FACTOR_SCOPES: &[(&str, &str)] = &[
        ("All users in your account", "all"),
        ("Users with specific roles", "role"),
        ("Users in specific groups", "group"),
    ];
}

/// Fields of the single sign-on page.
pub mod sso {
    /// `Enabled` or `Disabled`.
    pub const ENABLED: &str = "enabled";
    /// On or Off.
    pub const REQUIRE_FOR_DOMAINS: &str = "require_for_domains";
    /// Name, or [`super::EMPTY`].
    pub const IDP_NAME: &str = "idp_name";
    /// Issuer, or [`super::EMPTY`].
    pub const ISSUER: &str = "issuer";
    /// A list of domains.
    pub const DOMAINS: &str = "domains";
    /// Shown when SSO is on.
    pub const ENABLED_TEXT: &str = "Enabled";
    /// Shown when SSO is off.
    pub const DISABLED_TEXT: &str = "Disabled";
}

/// Rows of a list page carry the item's ID in this attribute.
pub const ROW_ID_ATTR: &str = "data-id";

/// The roles table.
pub mod roles {
    /// One row per role.
    pub const ROWS: &str = "table#roles > tbody > tr";
    /// Name cell.
    pub const NAME: &str = "td.role-name";
    /// Member count cell.
    pub const MEMBERS: &str = "td.role-members";
    /// Privileges cell (a list).
    pub const PRIVILEGES: &str = "td.role-privileges";
}

/// The groups table.
pub mod groups {
    /// One row per group.
    pub const ROWS: &str = "table#groups > tbody > tr";
    /// Name cell.
    pub const NAME: &str = "td.group-name";
    /// Member count cell.
    pub const MEMBERS: &str = "td.group-members";
}

/// The users table.
pub mod users {
    /// One row per user.
    pub const ROWS: &str = "table#users > tbody > tr";
    /// E-mail cell.
    pub const EMAIL: &str = "td.user-email";
    /// Licence cell: `Basic`, `Licensed` or `Unassigned`.
    pub const LICENSE: &str = "td.user-license";
    /// Advanced settings: list items named by [`SETTING_ATTR`], valued On or Off.
    pub const SETTINGS: &str = "td.user-settings li";
    /// The setting's name on its list item.
    pub const SETTING_ATTR: &str = "data-setting";
}

/// The installed apps table.
pub mod integrations {
    /// One row per app.
    pub const ROWS: &str = "table#apps > tbody > tr";
    /// Name cell.
    pub const NAME: &str = "td.app-name";
    /// Developer cell, one of [`DEVELOPERS`].
    pub const DEVELOPER: &str = "td.app-developer";
    /// Scopes cell (a list).
    pub const SCOPES: &str = "td.app-scopes";
    /// Installer's e-mail cell.
    pub const INSTALLED_BY: &str = "td.app-installed-by";
    /// Installation time cell (a [`super::TIME`]).
    pub const INSTALLED_AT: &str = "td.app-installed-at";
    /// Developers as shown, and as [`crate::facts::Integration::developer`] states them.
    pub const DEVELOPERS: &[(&str, &str)] = &[
        ("Third-party", "THIRD_PARTY"),
        ("Zoom", "ZOOM"),
        ("Internal", "INTERNAL"),
    ];
}
