//! How each kind of check is judged, with the evidence that decided it.

use std::collections::BTreeSet;

use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

use super::{Check, Facts, SettingRule, Status};

/// At most this many names (users, apps) are listed in one line of evidence.
const NAMES_SHOWN: usize = 10;

/// `count` names, the first [`NAMES_SHOWN`] of them listed.
fn listed(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(NAMES_SHOWN).map(String::as_str).collect();
    let more = if names.len() > shown.len() {
        ", ..."
    } else {
        ""
    };
    format!("{}{more}", shown.join(", "))
}

/// The worst of several outcomes: a failure decides, then anything unknown.
fn worst(statuses: impl IntoIterator<Item = Status>) -> Status {
    let statuses: Vec<Status> = statuses.into_iter().collect();
    if statuses.contains(&Status::Fail) {
        Status::Fail
    } else if statuses.contains(&Status::Unknown) {
        Status::Unknown
    } else if statuses.contains(&Status::Manual) {
        Status::Manual
    } else {
        Status::Pass
    }
}

pub(super) fn judge(check: &Check, facts: &Facts<'_>, evidence: &mut Vec<String>) -> Status {
    match check {
        Check::FieldIn { field, values } => {
            field_check(facts, field, evidence, |value| values.contains(value))
        }
        Check::FieldEquals { field, value } => {
            field_check(facts, field, evidence, |found| found == value)
        }
        Check::FieldAtLeast { field, min } => field_check(facts, field, evidence, |found| {
            found.as_f64().is_some_and(|found| found >= *min)
        }),
        Check::Setting(rule) => setting(facts, rule, evidence),
        Check::Manual => {
            evidence.push("no API shows this setting: review it in the web portal".to_owned());
            Status::Manual
        }
        Check::All { checks } => {
            let statuses: Vec<Status> = checks.iter().map(|c| judge(c, facts, evidence)).collect();
            worst(statuses)
        }
        Check::When { when, then } => {
            let mut condition = Vec::new();
            match judge(when, facts, &mut condition) {
                Status::Pass => {
                    evidence.extend(condition);
                    judge(then, facts, evidence)
                }
                Status::Fail => {
                    evidence.extend(condition);
                    Status::Pass
                }
                status @ (Status::Unknown | Status::Manual) => {
                    evidence.extend(condition);
                    status
                }
            }
        }
        Check::UnusedLicenses {
            max_unassigned_percent,
        } => unused_licenses(facts, *max_unassigned_percent, evidence),
        Check::InactiveLicensedUsers { days } => inactive_users(facts, *days, evidence),
        Check::BroadAppScopes {
            developer_types,
            scope_suffixes,
            title_markers,
        } => broad_scopes(
            facts,
            developer_types,
            scope_suffixes,
            title_markers,
            evidence,
        ),
        Check::AdminsWithoutSso => admins_without_sso(facts, evidence),
        Check::DormantAdmins { days } => dormant_admins(facts, *days, evidence),
        Check::AppsInstalledByNonAdmins { developer_types } => {
            apps_installed_by_non_admins(facts, developer_types, evidence)
        }
        Check::AdminRoleGained => admin_role_gained(facts, evidence),
    }
}

/// The account's values of `paths`, as evidence for whoever reviews the control.
pub(super) fn show(paths: &[String], facts: &Facts<'_>, evidence: &mut Vec<String>) {
    for path in paths {
        match facts.settings.account.get(path.as_str()) {
            Some(value) => evidence.push(format!("{path} = {value}")),
            None => evidence.push(format!("{path} was not read")),
        }
    }
}

fn account_field<'a>(facts: &Facts<'a>, field: &str) -> Option<&'a Value> {
    facts
        .account
        .and_then(|account| account.get(field))
        .filter(|value| !value.is_null())
}

fn field_check(
    facts: &Facts<'_>,
    field: &str,
    evidence: &mut Vec<String>,
    passes: impl Fn(&Value) -> bool,
) -> Status {
    match account_field(facts, field) {
        Some(value) => {
            evidence.push(format!("{field} = {value}"));
            if passes(value) {
                Status::Pass
            } else {
                Status::Fail
            }
        }
        None => {
            evidence.push(format!("{field} was not read"));
            Status::Unknown
        }
    }
}

/// A setting at every level: the account's value, its lock when the rule wants one, then each
/// group's and user's own value.
fn setting(facts: &Facts<'_>, rule: &SettingRule, evidence: &mut Vec<String>) -> Status {
    let settings = &facts.settings;
    let path = rule.path.as_str();
    let expect = &rule.expect;
    let lock = settings.account_lock(path);
    let mut statuses = Vec::new();
    match settings.account.get(path) {
        Some(value) => {
            let passes = expect.passes(value);
            let lock_note = match lock {
                Some(true) => ", locked",
                Some(false) => ", not locked",
                None => "",
            };
            let expected = if passes {
                String::new()
            } else {
                format!("; expected {expect}")
            };
            evidence.push(format!("{path} = {value} (account{lock_note}{expected})"));
            statuses.push(if passes { Status::Pass } else { Status::Fail });
        }
        None if settings.read() => {
            evidence.push(format!("{path} is not in the account's settings"));
            statuses.push(Status::Unknown);
        }
        None => {
            evidence.push(format!("{path} was not read"));
            statuses.push(Status::Unknown);
        }
    }
    if rule.locked {
        match lock {
            Some(true) => statuses.push(Status::Pass),
            Some(false) => {
                evidence.push(format!(
                    "{path} is not locked at the account: groups and users can change it"
                ));
                statuses.push(Status::Fail);
            }
            None if settings.account_locks.is_empty() => {
                evidence.push("the account's lock settings were not read".to_owned());
                statuses.push(Status::Unknown);
            }
            None => {
                evidence.push(format!("the account's lock settings do not name {path}"));
                statuses.push(Status::Unknown);
            }
        }
    }
    for (id, group) in &settings.groups {
        if let Some(value) = group.values.get(path)
            && !expect.passes(value)
        {
            let name = group.name.unwrap_or(id);
            evidence.push(format!("group {name} ({id}) sets {path} = {value}"));
            statuses.push(Status::Fail);
        }
    }
    let mut users: Vec<String> = settings
        .users
        .iter()
        .filter(|(_, user)| {
            user.values
                .get(path)
                .is_some_and(|value| !expect.passes(value))
        })
        .map(|(id, user)| user.name.unwrap_or(id).to_owned())
        .collect();
    if !users.is_empty() {
        users.sort();
        evidence.push(format!(
            "{} user(s) set {path} otherwise: {}",
            users.len(),
            listed(&users)
        ));
        statuses.push(Status::Fail);
    }
    worst(statuses)
}

fn unused_licenses(facts: &Facts<'_>, max_percent: f64, evidence: &mut Vec<String>) -> Status {
    let mut status = if facts.licenses.is_empty() {
        evidence.push("no license pool was read".to_owned());
        Status::Unknown
    } else {
        Status::Pass
    };
    for license in &facts.licenses {
        let product = license["product"].as_str().unwrap_or("?");
        let (Some(purchased), Some(unassigned)) = (
            license["purchased"].as_u64(),
            license["unassigned"].as_u64(),
        ) else {
            continue;
        };
        let limit = (purchased as f64 * max_percent / 100.0).floor();
        evidence.push(format!(
            "{product}: {unassigned} of {purchased} seats unassigned"
        ));
        if unassigned as f64 > limit {
            status = Status::Fail;
        }
    }
    status
}

/// Whether a user's last sign-in is before `cutoff` (or never happened).
fn signed_in_before(user: &Value, cutoff: Timestamp) -> bool {
    let last = user["last_login_at"]
        .as_str()
        .and_then(|t| t.parse::<Timestamp>().ok());
    last.is_none_or(|last| last < cutoff)
}

/// The users' e-mail addresses (their ids when unknown), sorted.
fn emails<'a>(users: impl IntoIterator<Item = &'a Value>) -> Vec<String> {
    let mut out: Vec<String> = users
        .into_iter()
        .filter_map(|user| user["email"].as_str().map(str::to_owned))
        .collect();
    out.sort();
    out
}

fn inactive_users(facts: &Facts<'_>, days: i64, evidence: &mut Vec<String>) -> Status {
    let Some(as_of) = facts.as_of else {
        evidence.push("the time of the run is unknown".to_owned());
        return Status::Unknown;
    };
    if facts.users.is_empty() {
        evidence.push("no user was read".to_owned());
        return Status::Unknown;
    }
    let cutoff = as_of - SignedDuration::from_hours(24 * days);
    let inactive = emails(
        facts
            .users
            .iter()
            .copied()
            .filter(|user| user["license_type"] == "licensed" && user["status"] == "active")
            .filter(|user| signed_in_before(user, cutoff))
            .filter(|user| user["is_service_account"] != true),
    );
    if inactive.is_empty() {
        evidence.push(format!(
            "every active licensed user signed in within {days} days"
        ));
        return Status::Pass;
    }
    evidence.push(format!(
        "{} licensed user(s) without a sign-in for {days} days: {}",
        inactive.len(),
        listed(&inactive)
    ));
    Status::Fail
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn broad_scopes(
    facts: &Facts<'_>,
    developer_types: &[String],
    scope_suffixes: &[String],
    title_markers: &[String],
    evidence: &mut Vec<String>,
) -> Status {
    if facts.account.is_none() {
        // Apps are read with the account: without it, an empty list proves nothing.
        evidence.push("the account's apps were not read".to_owned());
        return Status::Unknown;
    }
    let mut status = Status::Pass;
    for (id, app) in &facts.apps {
        let developer = app["developer_type"].as_str().unwrap_or_default();
        if !developer_types.iter().any(|d| d == developer) {
            continue;
        }
        let name = app["name"].as_str().unwrap_or(id);
        let scopes = strings(&app["requested_scopes"]);
        let broad: Vec<String> = if scopes.is_empty() {
            strings(&app["scope_titles"])
                .into_iter()
                .filter(|title| title_markers.iter().any(|m| title.contains(m.as_str())))
                .collect()
        } else {
            scopes
                .into_iter()
                .filter(|scope| scope_suffixes.iter().any(|s| scope.ends_with(s.as_str())))
                .collect()
        };
        if !broad.is_empty() {
            evidence.push(format!("{name} ({id}): {}", broad.join(", ")));
            status = Status::Fail;
        }
    }
    if status == Status::Pass {
        evidence.push(format!(
            "{} app(s) checked, none of the listed developer types with account-wide scopes",
            facts.apps.len()
        ));
    }
    status
}

fn admins_without_sso(facts: &Facts<'_>, evidence: &mut Vec<String>) -> Status {
    match account_field(facts, "sso_required") {
        None => {
            evidence.push("whether SSO is required was not read".to_owned());
            return Status::Unknown;
        }
        Some(required) if required != true => {
            evidence.push("SSO is not required (ZI-AUTH-002 judges that)".to_owned());
            return Status::Pass;
        }
        Some(_) => {}
    }
    let admins: Vec<&Value> = facts.active_admins().collect();
    if admins.is_empty() {
        evidence.push("no active admin was read".to_owned());
        return Status::Unknown;
    }
    if admins
        .iter()
        .all(|user| strings(&user["login_types"]).is_empty())
    {
        evidence
            .push("the admins' sign-in types were not read (fetch.fetch_user_details)".to_owned());
        return Status::Unknown;
    }
    let bypass: BTreeSet<String> = facts
        .settings
        .account
        .get("security.signin_with_sso.sso_bypass_users")
        .and_then(|users| users.as_array())
        .into_iter()
        .flatten()
        .filter_map(|user| user["email"].as_str().map(str::to_lowercase))
        .collect();
    let mut found = Vec::new();
    for admin in &admins {
        let email = admin["email"].as_str().unwrap_or("?");
        let mut how: Vec<String> = strings(&admin["login_types"])
            .into_iter()
            .filter(|login| login != "sso")
            .collect();
        if bypass.contains(&email.to_lowercase()) {
            how.push("SSO bypass".to_owned());
        }
        if !how.is_empty() {
            found.push(format!("{email} ({})", how.join(", ")));
        }
    }
    found.sort();
    if found.is_empty() {
        evidence.push(format!(
            "the {} active admin(s) sign in with SSO only",
            admins.len()
        ));
        return Status::Pass;
    }
    evidence.push(format!(
        "{} admin(s) can sign in without SSO: {}",
        found.len(),
        listed(&found)
    ));
    Status::Fail
}

fn dormant_admins(facts: &Facts<'_>, days: i64, evidence: &mut Vec<String>) -> Status {
    let Some(as_of) = facts.as_of else {
        evidence.push("the time of the run is unknown".to_owned());
        return Status::Unknown;
    };
    let admins: Vec<&Value> = facts.active_admins().collect();
    if admins.is_empty() {
        evidence.push("no active admin was read".to_owned());
        return Status::Unknown;
    }
    let cutoff = as_of - SignedDuration::from_hours(24 * days);
    let dormant = emails(
        admins
            .iter()
            .copied()
            .filter(|user| signed_in_before(user, cutoff)),
    );
    if dormant.is_empty() {
        evidence.push(format!(
            "the {} active admin(s) signed in within {days} days",
            admins.len()
        ));
        return Status::Pass;
    }
    evidence.push(format!(
        "{} admin(s) without a sign-in for {days} days: {}",
        dormant.len(),
        listed(&dormant)
    ));
    Status::Fail
}

fn apps_installed_by_non_admins(
    facts: &Facts<'_>,
    developer_types: &[String],
    evidence: &mut Vec<String>,
) -> Status {
    if facts.account.is_none() {
        evidence.push("the account's apps were not read".to_owned());
        return Status::Unknown;
    }
    let concerned: Vec<&(&str, &Value)> = facts
        .apps
        .iter()
        .filter(|(_, app)| {
            let developer = app["developer_type"].as_str().unwrap_or_default();
            developer_types.iter().any(|d| d == developer)
        })
        .collect();
    if concerned.is_empty() {
        evidence.push("no app of the listed developer types is installed".to_owned());
        return Status::Pass;
    }
    if facts.users.is_empty() {
        evidence.push("no user was read".to_owned());
        return Status::Unknown;
    }
    let mut by_non_admins = Vec::new();
    let mut installer_unknown = 0;
    for (id, app) in &concerned {
        let name = app["name"].as_str().unwrap_or(id);
        let Some(installer) = app["installed_by"].as_str() else {
            installer_unknown += 1;
            continue;
        };
        let user = facts.users.iter().find(|user| {
            user["email"]
                .as_str()
                .is_some_and(|e| e.eq_ignore_ascii_case(installer))
        });
        match user {
            Some(user) if facts.is_admin(user) => {}
            Some(user) => {
                let role = user["role"].as_str().unwrap_or("no role");
                by_non_admins.push(format!("{name} ({id}) by {installer}, {role}"));
            }
            None => by_non_admins.push(format!("{name} ({id}) by {installer}, not a user now")),
        }
    }
    by_non_admins.sort();
    if installer_unknown == concerned.len() {
        evidence.push("who installed the apps was not read".to_owned());
        return Status::Unknown;
    }
    if by_non_admins.is_empty() {
        evidence.push(format!(
            "{} app(s) checked, each installed by an admin",
            concerned.len() - installer_unknown
        ));
        return Status::Pass;
    }
    evidence.push(format!(
        "{} app(s) installed by someone who is not an admin: {}",
        by_non_admins.len(),
        listed(&by_non_admins)
    ));
    Status::Fail
}

fn admin_role_gained(facts: &Facts<'_>, evidence: &mut Vec<String>) -> Status {
    let Some(previous) = facts.previous else {
        evidence.push("no earlier run to compare with".to_owned());
        return Status::Unknown;
    };
    if facts.users.is_empty() || previous.users.is_empty() {
        evidence.push("the users of this run or the one before were not read".to_owned());
        return Status::Unknown;
    }
    let before: BTreeSet<String> = emails(previous.active_admins()).into_iter().collect();
    let gained: Vec<String> = emails(facts.active_admins())
        .into_iter()
        .filter(|email| !before.contains(email))
        .collect();
    if gained.is_empty() {
        evidence.push(format!(
            "no admin since the run before ({} then)",
            before.len()
        ));
        return Status::Pass;
    }
    let with_roles: Vec<String> = gained
        .iter()
        .map(|email| {
            let role = facts
                .users
                .iter()
                .find(|user| user["email"] == email.as_str())
                .and_then(|user| user["role"].as_str())
                .unwrap_or("?");
            format!("{email} ({role})")
        })
        .collect();
    evidence.push(format!(
        "{} user(s) became admins since the run before: {}",
        with_roles.len(),
        listed(&with_roles)
    ));
    Status::Fail
}
