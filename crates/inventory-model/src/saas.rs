//! The account's SaaS posture: the `account` itself, its `license`s, `role`s, `group`s and
//! installed `app`s, merged from what the REST API gave and what the web portal showed.
//!
//! The API wins where both have a field (it is the documented interface); the portal fills what
//! the API does not give (the profile, billing amounts, the renewal date where Zoom refuses its
//! plans API, the identity provider). Every record carries `sources`: for each field that has a value, `api` or
//! `portal`, so a reader knows where a value came from.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use serde::Serialize;
use zoom_api::wire::{
    AccountPlans, AccountSettings, AppDetails, Group as WireGroup, ManagedDomains, MarketplaceApp,
    MeetingSecurity, MeetingSecuritySettings, PlanInformation, PlanSeats, PlanUsage,
    Role as WireRole, RoleDetails, SecuritySettings, UsersSummary, WithRaw,
};
use zoom_portal::PortalFacts;
use zoom_portal::facts::Billing;

use crate::value::{non_empty, timestamp};
use crate::{Asset, Record};

/// Where a field's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Zoom's REST API.
    Api,
    /// The web portal.
    Portal,
}

/// For each field with a value, where it came from.
pub type Sources = BTreeMap<&'static str, Source>;

/// Scopes of the SaaS records. The account and its licenses are complete whenever everything
/// about the account was read (a license pool missing then is gone); roles, groups and apps
/// when their listing was.
pub mod scope {
    /// The account record.
    pub const ACCOUNT: &str = "saas/account";
    /// License records (read with the account).
    pub const LICENSES: &str = ACCOUNT;
    /// Role records.
    pub const ROLES: &str = "saas/roles";
    /// Group records.
    pub const GROUPS: &str = "saas/groups";
    /// App records.
    pub const APPS: &str = "saas/apps";
}

/// The account (product contract, `kind = "account"`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Account {
    /// Company name.
    pub name: Option<String>,
    /// Account number.
    pub account_number: Option<String>,
    /// The owner's e-mail address.
    pub owner_email: Option<String>,
    /// Plan name (`Business`).
    pub plan: Option<String>,
    /// Licensed seats bought.
    pub seats_purchased: Option<u64>,
    /// Licensed seats assigned.
    pub seats_assigned: Option<u64>,
    /// Next renewal date (`YYYY-MM-DD`).
    pub renewal_date: Option<String>,
    /// `monthly` or `annual`.
    pub billing_cycle: Option<String>,
    /// Amount of one cycle, in cents.
    pub billing_amount_cents: Option<u64>,
    /// ISO 4217.
    pub billing_currency: Option<String>,
    /// SSO enabled.
    pub sso_enabled: Option<bool>,
    /// SSO required for the managed domains.
    pub sso_required: Option<bool>,
    /// The identity provider.
    pub sso_idp: Option<String>,
    /// The domains SSO is required for (`signin_with_sso.domains`).
    pub sso_domains: Vec<String>,
    /// The account's managed (associated) domains, verified or not:
    /// `GET /accounts/{accountId}/managed_domains`.
    pub managed_domains: Vec<String>,
    /// Who must use 2FA: `all`, `role`, `group` or `none`.
    pub two_factor_enforcement: Option<String>,
    /// The roles or groups (names) 2FA is enforced for.
    pub two_factor_targets: Vec<String>,
    /// Minimum password length.
    pub password_min_length: Option<u64>,
    /// Passwords need a special character.
    pub password_requires_special_character: Option<bool>,
    /// Consecutive-characters rule (0: none).
    pub password_consecutive_characters_length: Option<u64>,
    /// Enhanced weak-password detection.
    pub password_weak_detection: Option<bool>,
    /// Minutes of inactivity on the web before signing in again (0: never).
    pub web_session_timeout_minutes: Option<u64>,
    /// Scheduled meetings require a passcode.
    pub meeting_passcode_required: Option<bool>,
    /// Waiting room on by default.
    pub waiting_room: Option<bool>,
    /// Passcodes embedded in join links.
    pub passcode_in_join_link: Option<bool>,
    /// Cloud recording allowed.
    pub cloud_recording: Option<bool>,
    /// Cloud recordings deleted automatically.
    pub recording_auto_delete: Option<bool>,
    /// After how many days.
    pub recording_auto_delete_days: Option<u64>,
    /// Settings locked for the whole account (`recording.auto_delete_cmr`).
    pub locked_settings: Vec<String>,
    /// Where each field came from.
    pub sources: Sources,
}

/// A license pool (product contract, `kind = "license"`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct License {
    /// What it licenses: `meetings` (the base plan) or `zoom_rooms`.
    pub product: String,
    /// Plan name.
    pub plan: Option<String>,
    /// Billing: `monthly` or `annual`.
    pub billing_cycle: Option<String>,
    /// Seats bought.
    pub purchased: Option<u64>,
    /// Seats assigned.
    pub assigned: Option<u64>,
    /// Seats bought and not assigned.
    pub unassigned: Option<u64>,
    /// Next renewal date.
    pub renewal_date: Option<String>,
    /// Where each field came from.
    pub sources: Sources,
}

/// A role (product contract, `kind = "role"`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Role {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `common` or `iq`.
    pub role_type: Option<String>,
    /// Number of members.
    pub total_members: Option<u64>,
    /// Privileges (`Users:Edit`).
    pub privileges: Vec<String>,
    /// Whether the role may change the account (any `:Edit` privilege).
    pub is_admin: bool,
    /// Where each field came from.
    pub sources: Sources,
}

/// A group (product contract, `kind = "group"`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Group {
    /// Name.
    pub name: Option<String>,
    /// Number of members.
    pub total_members: Option<u64>,
    /// Where each field came from.
    pub sources: Sources,
}

/// An installed Marketplace app (product contract, `kind = "app"`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct App {
    /// Name.
    pub name: Option<String>,
    /// `ZoomApp`, `ChatBotApp`, `OAuthApp` or `GeneralApp`.
    pub app_type: Option<String>,
    /// `THIRD_PARTY`, `ZOOM` or `INTERNAL`.
    pub developer_type: Option<String>,
    /// Publication status.
    pub status: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The scopes the app requests, as OAuth scope names (`user:read:admin`):
    /// `GET /marketplace/apps/{appId}`'s `app_scopes`. Zoom does not say whether the account
    /// granted all of them.
    pub requested_scopes: Vec<String>,
    /// Scopes as the app listing titles them (`View all users' meetings`).
    pub scope_titles: Vec<String>,
    /// `all_users` or `specific_users`.
    pub approved_for: Option<String>,
    /// E-mail address of the admin who added it.
    pub installed_by: Option<String>,
    /// When it was added.
    pub installed_at: Option<Timestamp>,
    /// Where each field came from.
    pub sources: Sources,
}

/// The fields of [`Account`], in declaration order.
pub const ACCOUNT_FIELDS: &[&str] = &[
    "name",
    "account_number",
    "owner_email",
    "plan",
    "seats_purchased",
    "seats_assigned",
    "renewal_date",
    "billing_cycle",
    "billing_amount_cents",
    "billing_currency",
    "sso_enabled",
    "sso_required",
    "sso_idp",
    "sso_domains",
    "managed_domains",
    "two_factor_enforcement",
    "two_factor_targets",
    "password_min_length",
    "password_requires_special_character",
    "password_consecutive_characters_length",
    "password_weak_detection",
    "web_session_timeout_minutes",
    "meeting_passcode_required",
    "waiting_room",
    "passcode_in_join_link",
    "cloud_recording",
    "recording_auto_delete",
    "recording_auto_delete_days",
    "locked_settings",
    "sources",
];

/// The fields of [`License`], in declaration order.
pub const LICENSE_FIELDS: &[&str] = &[
    "product",
    "plan",
    "billing_cycle",
    "purchased",
    "assigned",
    "unassigned",
    "renewal_date",
    "sources",
];

/// The fields of [`Role`], in declaration order.
pub const ROLE_FIELDS: &[&str] = &[
    "name",
    "description",
    "role_type",
    "total_members",
    "privileges",
    "is_admin",
    "sources",
];

/// The fields of [`Group`], in declaration order.
pub const GROUP_FIELDS: &[&str] = &["name", "total_members", "sources"];

/// The fields of [`App`], in declaration order.
pub const APP_FIELDS: &[&str] = &[
    "name",
    "app_type",
    "developer_type",
    "status",
    "description",
    "requested_scopes",
    "scope_titles",
    "approved_for",
    "installed_by",
    "installed_at",
    "sources",
];

/// What the API gave about the account (each part absent when its request failed or the plan
/// does not offer it).
#[derive(Clone, Debug, Default)]
pub struct ApiAccount {
    /// `GET /accounts/me/settings`.
    pub settings: Option<WithRaw<AccountSettings>>,
    /// `GET /accounts/me/settings?option=meeting_security`.
    pub meeting_security: Option<WithRaw<MeetingSecuritySettings>>,
    /// `GET /accounts/me/lock_settings`.
    pub lock_settings: Option<serde_json::Value>,
    /// `GET /users/summary`.
    pub users_summary: Option<WithRaw<UsersSummary>>,
    /// `GET /accounts/me/plans/usage`.
    pub plan_usage: Option<WithRaw<PlanUsage>>,
    /// `GET /accounts/me/plans`: absent where Zoom refuses it (every account but an approved
    /// partner's master account).
    pub plans: Option<WithRaw<AccountPlans>>,
    /// `GET /accounts/me/managed_domains` (paid plans).
    pub managed_domains: Option<WithRaw<ManagedDomains>>,
    /// Role names by ID, for 2FA targets.
    pub role_names: HashMap<String, String>,
    /// Group names by ID, for 2FA targets.
    pub group_names: HashMap<String, String>,
}

/// Picks each field from the API, else the portal, noting the source.
#[derive(Default)]
struct Merge {
    sources: Sources,
}

impl Merge {
    fn pick<T>(&mut self, field: &'static str, api: Option<T>, portal: Option<T>) -> Option<T> {
        let (value, source) = match (api, portal) {
            (Some(value), _) => (Some(value), Source::Api),
            (None, Some(value)) => (Some(value), Source::Portal),
            (None, None) => (None, Source::Api),
        };
        if value.is_some() {
            self.sources.insert(field, source);
        }
        value
    }

    fn pick_list(
        &mut self,
        field: &'static str,
        api: Option<Vec<String>>,
        portal: Option<Vec<String>>,
    ) -> Vec<String> {
        let api = api.filter(|list| !list.is_empty());
        let portal = portal.filter(|list| !list.is_empty());
        self.pick(field, api, portal).unwrap_or_default()
    }
}

fn count(value: Option<i64>) -> Option<u64> {
    value.and_then(|v| u64::try_from(v).ok())
}

/// `yearly` (the plan API) and `annual` (the portal) are the same cycle.
fn cycle(text: Option<&str>) -> Option<String> {
    match non_empty(text)?.to_ascii_lowercase().as_str() {
        "yearly" | "annual" | "annually" => Some("annual".to_owned()),
        "monthly" => Some("monthly".to_owned()),
        other => Some(other.to_owned()),
    }
}

/// The account record and its license records. `account_id` names the account (the
/// configured ID; the record's `source_id`).
pub fn account(account_id: &str, api: &ApiAccount, portal: Option<&PortalFacts>) -> Vec<Record> {
    let views = AccountViews::new(api, portal);
    let mut merge = Merge::default();
    let mut account = Account::default();
    merge_profile(&mut account, &mut merge, &views);
    merge_plan_and_billing(&mut account, &mut merge, &views);
    merge_single_sign_on(&mut account, &mut merge, &views);
    merge_sign_in_security(&mut account, &mut merge, &views);
    merge_meeting_policy(&mut account, &mut merge, &views);
    merge_recording_policy(&mut account, &mut merge, &views);
    account.sources = merge.sources;

    let mut records = vec![Record {
        id: format!("account:{account_id}"),
        source_id: account_id.to_owned(),
        scope: scope::ACCOUNT.to_owned(),
        asset: Asset::Account(account.clone()),
        raw: account_raw(api, portal),
    }];
    records.extend(meetings_license(&views, &account));
    records.extend(zoom_rooms_license(&views));
    records
}

/// What the account is merged from: the API's answers and the portal's facts, and the parts of
/// them several fields read, each absent when it was not read.
struct AccountViews<'a> {
    api: &'a ApiAccount,
    settings: Option<&'a AccountSettings>,
    security: Option<&'a SecuritySettings>,
    meeting_security: Option<&'a MeetingSecurity>,
    summary: Option<&'a UsersSummary>,
    /// The base plan's usage (`plan_base`).
    base: Option<&'a PlanSeats>,
    /// The base plan as the plans API describes it.
    plan: Option<&'a PlanInformation>,
    portal: Option<&'a PortalFacts>,
    billing: Option<&'a Billing>,
}

impl<'a> AccountViews<'a> {
    fn new(api: &'a ApiAccount, portal: Option<&'a PortalFacts>) -> Self {
        let settings = api.settings.as_ref().map(|s| &s.item);
        AccountViews {
            api,
            settings,
            security: settings.and_then(|s| s.security.as_ref()),
            meeting_security: api
                .meeting_security
                .as_ref()
                .and_then(|m| m.item.meeting_security.as_ref()),
            summary: api.users_summary.as_ref().map(|s| &s.item),
            base: api
                .plan_usage
                .as_ref()
                .and_then(|p| p.item.plan_base.as_ref()),
            plan: api.plans.as_ref().and_then(|p| p.item.plan_base.as_ref()),
            portal,
            billing: portal.map(|p| &p.billing),
        }
    }

    /// The next invoice date of the plans API, a date.
    fn api_renewal_date(&self) -> Option<String> {
        non_empty(self.plan.and_then(|p| p.next_invoice_date.as_deref()))
            .and_then(|d| d.get(..10).map(str::to_owned))
    }

    /// The base plan's billing cycle: the plan usage's, else the plans API's.
    fn api_cycle(&self) -> Option<String> {
        cycle(self.base.and_then(|b| b.plan_type.as_deref()))
            .or_else(|| cycle(self.plan.and_then(|p| p.plan_type.as_deref())))
    }

    /// The seats the portal says were bought. It shows 0 seats on plans without any; only a
    /// paid plan's figure counts.
    fn portal_seats_purchased(&self) -> Option<u64> {
        self.billing
            .filter(|b| b.seats_purchased > 0 || b.amount_cents > 0)
            .map(|b| b.seats_purchased)
    }
}

/// Company name, account number and owner: the portal's profile page.
fn merge_profile(account: &mut Account, merge: &mut Merge, views: &AccountViews<'_>) {
    let portal = views.portal;
    account.name = merge.pick(
        "name",
        None,
        portal.and_then(|p| non_empty(Some(&p.profile.account_name))),
    );
    account.account_number = merge.pick(
        "account_number",
        None,
        portal.and_then(|p| non_empty(Some(&p.profile.account_number))),
    );
    account.owner_email = merge.pick(
        "owner_email",
        None,
        portal.and_then(|p| non_empty(Some(&p.profile.owner_email)).map(|e| e.to_lowercase())),
    );
}

/// The plan, its seats and what it costs: the plan usage and the user summary over the API,
/// billing from the portal.
fn merge_plan_and_billing(account: &mut Account, merge: &mut Merge, views: &AccountViews<'_>) {
    let (base, billing) = (views.base, views.billing);
    account.plan = merge.pick(
        "plan",
        None,
        billing.and_then(|b| non_empty(Some(&b.plan_name))),
    );
    account.seats_purchased = merge.pick(
        "seats_purchased",
        count(base.and_then(|b| b.hosts)).or_else(|| count(views.plan.and_then(|p| p.hosts))),
        views.portal_seats_purchased(),
    );
    account.seats_assigned = merge.pick(
        "seats_assigned",
        count(views.summary.and_then(|s| s.licensed_users_count)),
        billing.map(|b| b.seats_assigned),
    );
    account.renewal_date = merge.pick(
        "renewal_date",
        views.api_renewal_date(),
        billing.and_then(|b| non_empty(b.renewal_date.as_deref())),
    );
    account.billing_cycle = merge.pick(
        "billing_cycle",
        views.api_cycle(),
        billing.and_then(|b| cycle(Some(&b.cycle))),
    );
    account.billing_amount_cents = merge.pick(
        "billing_amount_cents",
        None,
        billing.map(|b| b.amount_cents),
    );
    account.billing_currency = merge.pick(
        "billing_currency",
        None,
        billing.and_then(|b| non_empty(Some(&b.currency))),
    );
}

/// Single sign-on: whether it is on and required, the identity provider, the managed domains.
fn merge_single_sign_on(account: &mut Account, merge: &mut Merge, views: &AccountViews<'_>) {
    let sso = views.security.and_then(|s| s.signin_with_sso.as_ref());
    let portal = views.portal;
    account.sso_enabled = merge.pick(
        "sso_enabled",
        sso.and_then(|s| s.enable),
        portal.map(|p| p.sso.enabled),
    );
    account.sso_required = merge.pick(
        "sso_required",
        sso.and_then(|s| s.require_sso_for_domains),
        portal.map(|p| p.sso.require_for_domains),
    );
    account.sso_idp = merge.pick(
        "sso_idp",
        None,
        portal.and_then(|p| non_empty(Some(&p.sso.idp_name))),
    );
    account.sso_domains = merge.pick_list(
        "sso_domains",
        sso.map(|s| s.domains.clone()),
        portal.map(|p| p.sso.domains.clone()),
    );
    // Only the API gives them: the portal shows them on a page of their own, not read.
    account.managed_domains = merge.pick_list(
        "managed_domains",
        views.api.managed_domains.as_ref().map(|domains| {
            domains
                .item
                .domains
                .iter()
                .filter_map(|d| non_empty(d.domain.as_deref()))
                .collect()
        }),
        None,
    );
}

/// Signing in: who must use 2FA (the roles or groups by name), the password rules, and the web
/// session's inactivity timeout.
fn merge_sign_in_security(account: &mut Account, merge: &mut Merge, views: &AccountViews<'_>) {
    let (api, security) = (views.api, views.security);
    let portal = views.portal;
    let password = security.and_then(|s| s.password_requirement.as_ref());
    let two_factor = security.and_then(|s| non_empty(s.sign_in_with_two_factor_auth.as_deref()));
    let api_targets = security.map(|s| match two_factor.as_deref() {
        Some("role") => names(&s.sign_in_with_two_factor_auth_roles, &api.role_names),
        Some("group") => names(&s.sign_in_with_two_factor_auth_groups, &api.group_names),
        _ => Vec::new(),
    });
    account.two_factor_enforcement = merge.pick(
        "two_factor_enforcement",
        two_factor,
        portal.and_then(|p| non_empty(Some(&p.security.two_factor))),
    );
    account.two_factor_targets = merge.pick_list(
        "two_factor_targets",
        api_targets,
        portal.map(|p| p.security.two_factor_targets.clone()),
    );
    account.password_min_length = merge.pick(
        "password_min_length",
        count(password.and_then(|p| p.minimum_password_length)),
        portal.map(|p| u64::from(p.security.password_min_length)),
    );
    account.password_requires_special_character = merge.pick(
        "password_requires_special_character",
        password.and_then(|p| p.have_special_character),
        portal.map(|p| p.security.password_special_character),
    );
    account.password_consecutive_characters_length = merge.pick(
        "password_consecutive_characters_length",
        count(password.and_then(|p| p.consecutive_characters_length)),
        portal.map(|p| u64::from(p.security.password_consecutive_characters_length)),
    );
    account.password_weak_detection = merge.pick(
        "password_weak_detection",
        password.and_then(|p| p.weak_enhance_detection),
        portal.map(|p| p.security.weak_enhance_detection),
    );
    account.web_session_timeout_minutes = merge.pick(
        "web_session_timeout_minutes",
        count(security.and_then(|s| s.sign_again_period_for_inactivity_on_web)),
        None,
    );
}

/// Meeting defaults: passcodes (from the meeting security settings, else the scheduling
/// settings) and the waiting room. The API's only.
fn merge_meeting_policy(account: &mut Account, merge: &mut Merge, views: &AccountViews<'_>) {
    let meeting_security = views.meeting_security;
    account.meeting_passcode_required = merge.pick(
        "meeting_passcode_required",
        meeting_security
            .and_then(|m| m.require_password_for_scheduled_meeting)
            .or_else(|| {
                views
                    .settings
                    .and_then(|s| s.schedule_meeting.as_ref())
                    .and_then(|m| m.require_password_for_scheduled_meetings)
            }),
        None,
    );
    account.waiting_room = merge.pick(
        "waiting_room",
        meeting_security.and_then(|m| m.waiting_room),
        None,
    );
    account.passcode_in_join_link = merge.pick(
        "passcode_in_join_link",
        meeting_security.and_then(|m| m.embed_password_in_join_link),
        None,
    );
}

/// Cloud recording and its automatic deletion, and the settings locked for the whole account.
/// The API's only.
fn merge_recording_policy(account: &mut Account, merge: &mut Merge, views: &AccountViews<'_>) {
    let recording = views.settings.and_then(|s| s.recording.as_ref());
    account.cloud_recording = merge.pick(
        "cloud_recording",
        recording.and_then(|r| r.cloud_recording),
        None,
    );
    account.recording_auto_delete = merge.pick(
        "recording_auto_delete",
        recording.and_then(|r| r.auto_delete_cmr),
        None,
    );
    account.recording_auto_delete_days = merge.pick(
        "recording_auto_delete_days",
        count(recording.and_then(|r| r.auto_delete_cmr_days)),
        None,
    );
    account.locked_settings = merge.pick_list(
        "locked_settings",
        views.api.lock_settings.as_ref().map(locked_settings),
        None,
    );
}

/// The account record's `raw`: every answer it was merged from, as received.
fn account_raw(api: &ApiAccount, portal: Option<&PortalFacts>) -> serde_json::Value {
    serde_json::json!({
        "settings": api.settings.as_ref().map(|s| &s.raw),
        "meeting_security": api.meeting_security.as_ref().map(|s| &s.raw),
        "lock_settings": api.lock_settings,
        "users_summary": api.users_summary.as_ref().map(|s| &s.raw),
        "plan_usage": api.plan_usage.as_ref().map(|s| &s.raw),
        "plans": api.plans.as_ref().map(|s| &s.raw),
        "managed_domains": api.managed_domains.as_ref().map(|domains| &domains.raw),
        "portal": portal.map(|p| serde_json::json!({
            "profile": p.profile,
            "billing": p.billing,
            "security": p.security,
            "sso": p.sso,
        })),
    })
}

/// The base plan's seats: a license pool whenever anything says there is one.
fn meetings_license(views: &AccountViews<'_>, account: &Account) -> Option<Record> {
    let (base, billing) = (views.base, views.billing);
    let mut merge = Merge::default();
    let purchased = merge.pick(
        "purchased",
        count(base.and_then(|b| b.hosts)),
        views.portal_seats_purchased(),
    );
    purchased?;
    let assigned = merge.pick(
        "assigned",
        count(base.and_then(|b| b.usage)).or(account.seats_assigned),
        billing.map(|b| b.seats_assigned),
    );
    let unassigned = match (purchased, assigned) {
        (Some(p), Some(a)) => {
            merge.sources.insert("unassigned", Source::Api);
            Some(p.saturating_sub(a))
        }
        _ => None,
    };
    let license = License {
        product: "meetings".to_owned(),
        plan: merge.pick("plan", None, account.plan.clone()),
        billing_cycle: merge.pick(
            "billing_cycle",
            views.api_cycle(),
            billing.and_then(|b| cycle(Some(&b.cycle))),
        ),
        purchased,
        assigned,
        unassigned,
        renewal_date: merge.pick(
            "renewal_date",
            views.api_renewal_date(),
            account.renewal_date.clone(),
        ),
        sources: Sources::new(),
    };
    Some(license_record(
        License {
            sources: merge.sources,
            ..license
        },
        base.map(|b| serde_json::to_value(b).unwrap_or_default()),
    ))
}

/// The Zoom Rooms seats, when the plan usage lists them: the API's only.
fn zoom_rooms_license(views: &AccountViews<'_>) -> Option<Record> {
    let rooms = views
        .api
        .plan_usage
        .as_ref()
        .and_then(|p| p.item.plan_zoom_rooms.as_ref())?;
    let purchased = count(rooms.hosts);
    let assigned = count(rooms.usage);
    let mut sources = Sources::new();
    for (field, present) in [
        ("billing_cycle", rooms.plan_type.is_some()),
        ("purchased", purchased.is_some()),
        ("assigned", assigned.is_some()),
        ("unassigned", purchased.is_some() && assigned.is_some()),
    ] {
        if present {
            sources.insert(field, Source::Api);
        }
    }
    Some(license_record(
        License {
            product: "zoom_rooms".to_owned(),
            plan: None,
            billing_cycle: cycle(rooms.plan_type.as_deref()),
            purchased,
            assigned,
            unassigned: purchased.zip(assigned).map(|(p, a)| p.saturating_sub(a)),
            renewal_date: None,
            sources,
        },
        serde_json::to_value(rooms).ok(),
    ))
}

fn license_record(license: License, raw: Option<serde_json::Value>) -> Record {
    Record {
        id: format!("license:{}", license.product),
        source_id: license.product.clone(),
        scope: scope::LICENSES.to_owned(),
        asset: Asset::License(license),
        raw: raw.unwrap_or(serde_json::Value::Null),
    }
}

/// IDs to names, keeping IDs without a name.
fn names(ids: &[String], by_id: &HashMap<String, String>) -> Vec<String> {
    ids.iter()
        .map(|id| by_id.get(id).cloned().unwrap_or_else(|| id.clone()))
        .collect()
}

/// Every `true` leaf of the lock settings, as `object.setting`, sorted.
fn locked_settings(value: &serde_json::Value) -> Vec<String> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, child, out);
                }
            }
            serde_json::Value::Bool(true) => out.push(prefix.to_owned()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", value, &mut out);
    out.sort();
    out
}

/// A role from its listing entry, its details when they were read, and the portal's view.
pub fn role(
    listed: &WithRaw<WireRole>,
    details: Option<&WithRaw<RoleDetails>>,
    portal: Option<&PortalFacts>,
) -> Option<Record> {
    let id = non_empty(listed.item.id.as_deref())?;
    let seen = portal.and_then(|p| p.roles.iter().find(|r| r.id == id));
    let details = details.map(|d| &d.item);
    let mut merge = Merge::default();
    let privileges = merge.pick_list(
        "privileges",
        details.map(|d| d.privileges.clone()),
        seen.map(|r| r.privileges.clone()),
    );
    let role = Role {
        name: merge.pick(
            "name",
            non_empty(listed.item.name.as_deref()),
            seen.and_then(|r| non_empty(Some(&r.name))),
        ),
        description: merge.pick(
            "description",
            non_empty(listed.item.description.as_deref()),
            None,
        ),
        role_type: merge.pick(
            "role_type",
            non_empty(listed.item.role_type.as_deref()),
            None,
        ),
        total_members: merge.pick(
            "total_members",
            count(listed.item.total_members),
            seen.map(|r| r.members),
        ),
        is_admin: privileges.iter().any(|p| p.ends_with(":Edit")),
        privileges,
        sources: Sources::new(),
    };
    Some(Record {
        id: format!("role:{id}"),
        source_id: id,
        scope: scope::ROLES.to_owned(),
        asset: Asset::Role(Role {
            sources: merge.sources,
            ..role
        }),
        raw: details.map_or_else(
            || listed.raw.clone(),
            |_| serde_json::json!({ "listing": listed.raw, "details": details }),
        ),
    })
}

/// A group from its listing entry and the portal's view.
pub fn group(listed: &WithRaw<WireGroup>, portal: Option<&PortalFacts>) -> Option<Record> {
    let id = non_empty(listed.item.id.as_deref())?;
    let seen = portal.and_then(|p| p.groups.iter().find(|g| g.id == id));
    let mut merge = Merge::default();
    let group = Group {
        name: merge.pick(
            "name",
            non_empty(listed.item.name.as_deref()),
            seen.and_then(|g| non_empty(Some(&g.name))),
        ),
        total_members: merge.pick(
            "total_members",
            count(listed.item.total_members),
            seen.map(|g| g.members),
        ),
        sources: Sources::new(),
    };
    Some(Record {
        id: format!("group:{id}"),
        source_id: id,
        scope: scope::GROUPS.to_owned(),
        asset: Asset::Group(Group {
            sources: merge.sources,
            ..group
        }),
        raw: listed.raw.clone(),
    })
}

/// An installed app from the Marketplace listing, its details (when they were read) and the
/// portal's view. `emails` maps user IDs to e-mail addresses (for who installed it).
pub fn app(
    listed: &WithRaw<MarketplaceApp>,
    details: Option<&WithRaw<AppDetails>>,
    portal: Option<&PortalFacts>,
    emails: &HashMap<String, String>,
) -> Option<Record> {
    let item = &listed.item;
    let id = non_empty(item.app_id.as_deref())?;
    let seen = portal.and_then(|p| p.integrations.iter().find(|i| i.app_id == id));
    let approval = item.approval_info.as_ref();
    let mut merge = Merge::default();
    let app = App {
        name: merge.pick(
            "name",
            non_empty(item.app_name.as_deref()),
            seen.and_then(|i| non_empty(Some(&i.name))),
        ),
        app_type: merge.pick("app_type", non_empty(item.app_type.as_deref()), None),
        developer_type: merge.pick(
            "developer_type",
            non_empty(item.app_developer_type.as_deref()),
            seen.and_then(|i| non_empty(Some(&i.developer))),
        ),
        status: merge.pick("status", non_empty(item.app_status.as_deref()), None),
        description: merge.pick(
            "description",
            non_empty(item.app_description.as_deref()),
            None,
        ),
        requested_scopes: merge.pick_list(
            "requested_scopes",
            details.map(|d| d.item.app_scopes.clone()),
            None,
        ),
        scope_titles: merge.pick_list(
            "scope_titles",
            Some(
                item.scopes
                    .iter()
                    .filter_map(|s| non_empty(s.scope_name.as_deref()))
                    .collect(),
            ),
            None,
        ),
        approved_for: merge.pick(
            "approved_for",
            approval
                .and_then(|a| non_empty(a.approved_type.as_deref()))
                .map(|t| match t.as_str() {
                    "forAllUser" => "all_users".to_owned(),
                    "forSpecificUser" => "specific_users".to_owned(),
                    _ => t,
                }),
            None,
        ),
        installed_by: merge.pick(
            "installed_by",
            approval
                .and_then(|a| a.approver_id.as_ref())
                .and_then(|id| emails.get(id))
                .map(|e| e.to_lowercase()),
            seen.and_then(|i| non_empty(Some(&i.installed_by)))
                .map(|e| e.to_lowercase()),
        ),
        installed_at: merge.pick(
            "installed_at",
            timestamp(approval.and_then(|a| a.approved_time.as_deref())),
            seen.and_then(|i| timestamp(Some(&i.installed_at))),
        ),
        sources: Sources::new(),
    };
    Some(Record {
        id: format!("app:{id}"),
        source_id: id,
        scope: scope::APPS.to_owned(),
        asset: Asset::App(App {
            sources: merge.sources,
            ..app
        }),
        raw: details.map_or_else(
            || listed.raw.clone(),
            |d| serde_json::json!({ "listing": listed.raw, "details": d.raw }),
        ),
    })
}
