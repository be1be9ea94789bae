//! The account's SaaS side: subscription and billing, security settings, single sign-on,
//! meeting and recording policies, installed Marketplace apps, role privileges, and the
//! dedicated portal user (password + TOTP secret) who signs in to the web portal.
//!
//! Generated from the seed like the rest of the account, so that different seeds give accounts
//! that pass and fail different posture controls; tests set exact values through
//! [`crate::Simulator::edit`].

use fastrand::Rng;
use jiff::Timestamp;
use jiff::civil::Date;

use super::account::Account;
use super::random::{DAY, between, percent, pick, push_hex, zoom_id};
use super::settings::{self, SimSettings};
use super::users::{
    ADMIN_ROLE_ID, MEMBER_ROLE_ID, OWNER_ROLE_ID, SimGroup, SimRole, SimUser, UserStatus, UserType,
};
use crate::config::Plan;

/// The account's SaaS state: what the settings API, the plan API and the web portal show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimSaas {
    /// Plan, seats and billing.
    pub subscription: SimSubscription,
    /// Sign-in security (`settings.security`).
    pub security: SimSecurity,
    /// Single sign-on (`settings.security.signin_with_sso`, plus the IdP the portal shows).
    pub sso: SimSso,
    /// Meeting defaults (`settings.schedule_meeting`, `settings.in_meeting`).
    pub meetings: SimMeetingPolicy,
    /// Cloud recording (`settings.recording`).
    pub recording: SimRecordingPolicy,
    /// Marketplace apps installed on (added to) the account.
    pub apps: Vec<SimApp>,
    /// Privileges of each role, by role ID (the portal's role page; `GET /roles/{roleId}`).
    pub role_privileges: Vec<(String, Vec<String>)>,
    /// The dedicated user who signs in to the web portal.
    pub portal_user: SimPortalUser,
    /// Every other setting of the account, its locks, and what groups and users set
    /// otherwise (`settings.rs`).
    pub settings: SimSettings,
    /// The account's managed (associated) domains, with their status (`verified`,
    /// `pending`).
    pub managed_domains: Vec<(String, String)>,
    /// The account's trusted domains.
    pub trusted_domains: Vec<String>,
}

/// Plan, seats and billing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimSubscription {
    /// Name the portal shows, e.g. `Business`.
    pub plan_name: String,
    /// Licensed (host) seats bought; 0 on Free.
    pub seats_purchased: usize,
    /// Billing cycle.
    pub cycle: BillingCycle,
    /// Amount of one cycle in cents (0 on Free).
    pub amount_cents: u64,
    /// ISO 4217 currency.
    pub currency: String,
    /// Next renewal (invoice) date; `None` on Free.
    pub renewal_date: Option<Date>,
    /// When the current plan started.
    pub service_effective_date: Date,
}

/// How often the plan is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillingCycle {
    /// Every month.
    Monthly,
    /// Every year.
    Annual,
}

impl BillingCycle {
    /// `monthly` or `annual`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            BillingCycle::Monthly => "monthly",
            BillingCycle::Annual => "annual",
        }
    }
}

/// Who must use two-factor authentication (`sign_in_with_two_factor_auth`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TwoFactor {
    /// Every user.
    All,
    /// Users with one of these role IDs.
    Roles(Vec<String>),
    /// Users in one of these group IDs.
    Groups(Vec<String>),
    /// Nobody.
    None,
}

impl TwoFactor {
    /// The wire value: `all`, `role`, `group` or `none`.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            TwoFactor::All => "all",
            TwoFactor::Roles(_) => "role",
            TwoFactor::Groups(_) => "group",
            TwoFactor::None => "none",
        }
    }
}

/// Sign-in security settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimSecurity {
    /// Two-factor enforcement.
    pub two_factor: TwoFactor,
    /// Minimum password length (8 to 32).
    pub password_min_length: u32,
    /// Passwords need a special character.
    pub password_special_character: bool,
    /// Longest run of consecutive characters allowed (0: no rule; else 4 to 8).
    pub password_consecutive_characters_length: u32,
    /// Enhanced weak-password detection.
    pub weak_enhance_detection: bool,
    /// Minutes of inactivity on the web before signing in again (0: never).
    pub sign_again_period_for_inactivity_on_web: u32,
}

/// Single sign-on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimSso {
    /// SSO is configured and enabled.
    pub enabled: bool,
    /// Users of the managed domains must sign in with SSO.
    pub require_for_domains: bool,
    /// Managed domains.
    pub domains: Vec<String>,
    /// The identity provider's name (portal only), e.g. `Okta`; empty when SSO is off.
    pub idp_name: String,
    /// The IdP's issuer (entity ID, portal only).
    pub issuer: String,
    /// IDs of users who may bypass SSO.
    pub bypass_user_ids: Vec<String>,
}

/// Meeting defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimMeetingPolicy {
    /// `schedule_meeting.require_password_for_scheduled_meetings`.
    pub require_passcode: bool,
    /// `in_meeting.waiting_room`.
    pub waiting_room: bool,
    /// `schedule_meeting.embed_password_in_join_link`.
    pub embed_passcode_in_join_link: bool,
}

/// Cloud recording policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimRecordingPolicy {
    /// `recording.cloud_recording`.
    pub cloud_recording: bool,
    /// `recording.auto_delete_cmr`.
    pub auto_delete: bool,
    /// `recording.auto_delete_cmr_days` (30, 60, 90, 120 or more).
    pub auto_delete_days: u32,
}

/// An installed Marketplace app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimApp {
    /// App ID (22 characters).
    pub app_id: String,
    /// Name.
    pub app_name: String,
    /// `ZoomApp`, `ChatBotApp`, `OAuthApp` or `GeneralApp`.
    pub app_type: String,
    /// `THIRD_PARTY`, `ZOOM` or `INTERNAL`.
    pub developer_type: String,
    /// One-line description.
    pub description: String,
    /// Granted scopes: (scope as the portal shows it, e.g. `user:read:admin`; the title the
    /// Marketplace API gives it as `scope_name`, e.g. `View all users' user information`).
    pub scopes: Vec<(String, String)>,
    /// `forAllUser` or `forSpecificUser`.
    pub approved_type: String,
    /// The user ID of the admin who added it.
    pub approver_id: String,
    /// When it was added.
    pub approved_time: Timestamp,
}

/// The dedicated portal user: an admin with a password and a TOTP secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimPortalUser {
    /// The user's ID (one of the account's users).
    pub user_id: String,
    /// E-mail address (the sign-in name).
    pub email: String,
    /// Password.
    pub password: String,
    /// Base32 (RFC 4648, no padding) TOTP secret, 160 bits. Empty: the user has no 2FA and
    /// the portal signs them in with the password alone.
    pub mfa_secret: String,
}

impl Account {
    /// Licensed seats in use: the licensed users of [`crate::Account::seat_counts`] (not
    /// pending, not Zoom Rooms). One definition for the portal's billing page and the API's
    /// `/users/summary` and plan usage.
    #[must_use]
    pub fn seats_assigned(&self) -> usize {
        self.seat_counts().licensed
    }

    /// A user's advanced settings as the portal's user page shows them, name and whether it is
    /// on: the account's policy where a user cannot differ from it, else a deterministic
    /// per-user choice (from the user's ID) within what the policy allows.
    #[must_use]
    pub fn user_advanced_settings(&self, user: &SimUser) -> Vec<(&'static str, bool)> {
        // FNV-1a of the ID: stable across runs and platforms.
        let hash = user.id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let licensed = user.user_type == UserType::Licensed;
        vec![
            (
                "cloud_recording",
                self.saas.recording.cloud_recording && licensed && hash % 5 != 0,
            ),
            ("local_recording", hash % 3 != 0),
            ("host_video", hash % 2 == 0),
            (
                "waiting_room",
                self.saas.meetings.waiting_room || hash % 7 == 0,
            ),
        ]
    }
}

/// Apps an account may have: name, type, developer, description, scopes.
const APPS: &[(&str, &str, &str, &str, &[&str])] = &[
    (
        "Slack for Zoom",
        "GeneralApp",
        "THIRD_PARTY",
        "Start and join meetings from Slack.",
        &["meeting:write", "user:read"],
    ),
    (
        "Google Calendar",
        "OAuthApp",
        "THIRD_PARTY",
        "Schedule Zoom meetings from Google Calendar.",
        &["meeting:write", "meeting:read"],
    ),
    (
        "Acme Recording Archiver",
        "OAuthApp",
        "THIRD_PARTY",
        "Copies every cloud recording to your archive.",
        &[
            "recording:read:admin",
            "recording:write:admin",
            "user:read:admin",
        ],
    ),
    (
        "Zoom Whiteboard",
        "ZoomApp",
        "ZOOM",
        "Collaborate on a shared canvas.",
        &["whiteboard:read", "whiteboard:write"],
    ),
    (
        "HR Directory Sync",
        "OAuthApp",
        "INTERNAL",
        "Keeps users and departments in sync with the HR system.",
        &["user:write:admin", "group:write:admin"],
    ),
    (
        "Polly Polls",
        "ZoomApp",
        "THIRD_PARTY",
        "Polls and quizzes in meetings.",
        &["meeting:read"],
    ),
    (
        "Everything Analytics",
        "OAuthApp",
        "THIRD_PARTY",
        "Usage analytics across the account.",
        &[
            "account:read:admin",
            "dashboard:read:admin",
            "report:read:admin",
            "user:write:admin",
        ],
    ),
];

/// What a scope lets an app do: the title the Marketplace API shows.
fn scope_title(scope: &str) -> String {
    let (resource, rest) = scope.split_once(':').unwrap_or((scope, ""));
    let verb = if rest.starts_with("write") {
        "Manage"
    } else {
        "View"
    };
    let whose = if rest.ends_with(":admin") {
        "all users'"
    } else {
        "your"
    };
    format!("{verb} {whose} {resource} information")
}

/// Privileges of the built-in and custom roles.
fn privileges_of(role: &SimRole) -> Vec<String> {
    let list: &[&str] = match role.id.as_str() {
        OWNER_ROLE_ID | ADMIN_ROLE_ID => &[
            "Account:Edit",
            "AccountSettings:Edit",
            "Billing:Edit",
            "Groups:Edit",
            "IMGroups:Edit",
            "Recording:Edit",
            "Reports:Read",
            "Roles:Edit",
            "SingleSignOn:Edit",
            "Users:Edit",
            "ZoomRooms:Edit",
        ],
        MEMBER_ROLE_ID => &[],
        _ => match role.name.as_str() {
            name if name.contains("Billing") => &["Billing:Edit", "Reports:Read"],
            name if name.contains("Room") => &["ZoomRooms:Edit", "Reports:Read"],
            name if name.contains("Help") => &["Users:Read", "Users:Edit", "Reports:Read"],
            _ => &["Reports:Read", "Users:Read"],
        },
    };
    list.iter().map(|&s| s.to_owned()).collect()
}

/// Inputs of [`generate`]: the parts of the account it depends on.
pub(crate) struct Inputs<'a> {
    pub(crate) seed: u64,
    /// Licensed seats in use.
    pub(crate) licensed_seats: usize,
    pub(crate) plan: Plan,
    pub(crate) now: Timestamp,
    pub(crate) domain: &'a str,
    pub(crate) users: &'a [SimUser],
    pub(crate) roles: &'a [SimRole],
    pub(crate) groups: &'a [SimGroup],
}

/// Generates the SaaS state from its own random stream (so adding it changes nothing else).
pub(crate) fn generate(inputs: &Inputs<'_>) -> SimSaas {
    let mut rng = Rng::with_seed(inputs.seed ^ 0x5aa5_5aa5_0000_0005);
    let licensed = inputs.licensed_seats;
    let today = jiff::tz::Offset::UTC.to_datetime(inputs.now).date();
    let day = |offset: i64| {
        today
            .checked_add(jiff::Span::new().days(offset))
            .unwrap_or(today)
    };
    let cycle = if percent(&mut rng, 60) {
        BillingCycle::Annual
    } else {
        BillingCycle::Monthly
    };
    let (plan_name, monthly_price_cents) = match inputs.plan {
        Plan::Free => ("Basic", 0),
        Plan::Pro => ("Pro", 1_332),
        Plan::Business => ("Business", 1_833),
    };
    // Some accounts buy spare seats, some use exactly what they bought.
    let spare = if inputs.plan == Plan::Free || percent(&mut rng, 50) {
        0
    } else {
        usize::try_from(between(
            &mut rng,
            1,
            1 + i64::try_from(licensed / 5).unwrap_or(0),
        ))
        .unwrap_or(1)
    };
    let seats_purchased = if inputs.plan == Plan::Free {
        0
    } else {
        licensed + spare
    };
    let seats = u64::try_from(seats_purchased).unwrap_or(u64::MAX);
    let amount_cents = match cycle {
        BillingCycle::Monthly => seats * monthly_price_cents,
        BillingCycle::Annual => seats * monthly_price_cents * 10,
    };
    let renewal_date = (inputs.plan != Plan::Free).then(|| day(between(&mut rng, 3, 300)));
    let subscription = SimSubscription {
        plan_name: plan_name.to_owned(),
        seats_purchased,
        cycle,
        amount_cents,
        currency: "USD".to_owned(),
        renewal_date,
        service_effective_date: day(-between(&mut rng, 60, 1_500)),
    };

    let admin_roles: Vec<String> = vec![OWNER_ROLE_ID.to_owned(), ADMIN_ROLE_ID.to_owned()];
    let two_factor = match rng.u32(0..4) {
        0 => TwoFactor::All,
        1 => TwoFactor::Roles(admin_roles),
        2 if !inputs.groups.is_empty() => {
            TwoFactor::Groups(vec![pick(&mut rng, inputs.groups).id.clone()])
        }
        _ => TwoFactor::None,
    };
    let strong = percent(&mut rng, 50);
    let security = SimSecurity {
        two_factor,
        password_min_length: if strong { 12 } else { 8 },
        password_special_character: strong || percent(&mut rng, 50),
        password_consecutive_characters_length: if strong { 4 } else { 0 },
        weak_enhance_detection: strong,
        sign_again_period_for_inactivity_on_web: if strong { 120 } else { 0 },
    };

    let sso = if inputs.plan == Plan::Business && percent(&mut rng, 70) {
        let (idp_name, issuer) = *pick(
            &mut rng,
            &[
                ("Okta", "http://www.okta.com/exk"),
                ("Microsoft Entra ID", "https://sts.windows.net/"),
                (
                    "Google Workspace",
                    "https://accounts.google.com/o/saml2?idpid=",
                ),
            ],
        );
        let mut id = String::new();
        push_hex(&mut rng, &mut id, 16);
        SimSso {
            enabled: true,
            require_for_domains: percent(&mut rng, 60),
            domains: vec![inputs.domain.to_owned()],
            idp_name: idp_name.to_owned(),
            issuer: format!("{issuer}{id}"),
            bypass_user_ids: inputs
                .users
                .first()
                .map(|u| u.id.clone())
                .into_iter()
                .collect(),
        }
    } else {
        SimSso {
            enabled: false,
            require_for_domains: false,
            domains: Vec::new(),
            idp_name: String::new(),
            issuer: String::new(),
            bypass_user_ids: Vec::new(),
        }
    };

    let meetings = SimMeetingPolicy {
        require_passcode: percent(&mut rng, 70),
        waiting_room: percent(&mut rng, 60),
        embed_passcode_in_join_link: percent(&mut rng, 50),
    };
    let recording = SimRecordingPolicy {
        cloud_recording: inputs.plan != Plan::Free,
        auto_delete: inputs.plan != Plan::Free && percent(&mut rng, 50),
        auto_delete_days: *pick(&mut rng, &[30, 60, 90, 120]),
    };

    // The portal user: an active admin, or the owner on accounts without one.
    let portal = inputs
        .users
        .iter()
        .find(|u| u.role_id == ADMIN_ROLE_ID && u.status == UserStatus::Active)
        .or_else(|| inputs.users.first())
        .expect("an account always has its owner");
    let approver_id = portal.id.clone();
    let app_count = match inputs.plan {
        Plan::Free => 2,
        Plan::Pro => 4,
        Plan::Business => APPS.len(),
    };
    let apps = APPS[..app_count]
        .iter()
        .map(|&(name, app_type, developer, description, scopes)| SimApp {
            app_id: zoom_id(&mut rng),
            app_name: name.to_owned(),
            app_type: app_type.to_owned(),
            developer_type: developer.to_owned(),
            description: description.to_owned(),
            scopes: scopes
                .iter()
                .map(|&s| (s.to_owned(), scope_title(s)))
                .collect(),
            approved_type: if percent(&mut rng, 70) {
                "forAllUser".to_owned()
            } else {
                "forSpecificUser".to_owned()
            },
            approver_id: approver_id.clone(),
            approved_time: Timestamp::from_second(
                inputs.now.as_second() - between(&mut rng, 1, 700) * DAY,
            )
            .unwrap_or(inputs.now),
        })
        .collect();
    let role_privileges = inputs
        .roles
        .iter()
        .map(|r| (r.id.clone(), privileges_of(r)))
        .collect();

    let mut password = String::from("Sim-");
    push_hex(&mut rng, &mut password, 12);
    password.push('!');
    let secret: Vec<u8> = (0..20).map(|_| rng.u8(..)).collect();
    let portal_user = SimPortalUser {
        user_id: portal.id.clone(),
        email: portal.email.clone(),
        password,
        mfa_secret: base32::encode(base32::Alphabet::Rfc4648 { padding: false }, &secret),
    };
    let settings = settings::generate(&settings::Inputs {
        seed: inputs.seed,
        meetings,
        recording,
        users: inputs.users,
        groups: inputs.groups,
    });
    // Managed domains: the users' own, verified, and on some accounts a second one still
    // being verified; trusted domains: a partner's, on some accounts. From the settings'
    // stream's neighbour, so the draws above stay as they were.
    let mut domains_rng = Rng::with_seed(inputs.seed ^ 0x5aa5_5aa5_0000_0007);
    let mut managed_domains = vec![(inputs.domain.to_owned(), "verified".to_owned())];
    if percent(&mut domains_rng, 30) {
        managed_domains.push((format!("mail.{}", inputs.domain), "pending".to_owned()));
    }
    let trusted_domains = if inputs.plan != Plan::Free && percent(&mut domains_rng, 50) {
        vec![format!("partner-{}", inputs.domain)]
    } else {
        Vec::new()
    };
    SimSaas {
        subscription,
        security,
        sso,
        meetings,
        recording,
        apps,
        role_privileges,
        portal_user,
        settings,
        managed_domains,
        trusted_domains,
    }
}
