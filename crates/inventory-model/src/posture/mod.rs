//! Posture: the stored account judged against a set of controls.
//!
//! The controls are data (`controls.toml`, one entry each: id, title, severity, remediation and
//! a [`Check`]); this module only knows how to evaluate the few kinds of check they use. Facts
//! are the records' normalized fields as stored (JSON objects), so a control names the same
//! fields `export` prints.

use std::fmt;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The controls shipped with zoom-inventory.
const CONTROLS: &str = include_str!("controls.toml");

/// How much a failed control matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Low,
    /// Should be fixed.
    Medium,
    /// Fix first.
    High,
}

impl Severity {
    /// `low`, `medium` or `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// One control.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// Stable ID (`ZI-AUTH-001`).
    pub id: String,
    /// What a passing account looks like.
    pub title: String,
    /// How much a failure matters.
    pub severity: Severity,
    /// The CIS Zoom Benchmark recommendation it checks (`1.2.3`), when there is one.
    #[serde(default)]
    pub cis: Option<String>,
    /// What to do about a failure.
    pub remediation: String,
    /// How it is judged.
    pub check: Check,
}

/// The kinds of check controls use.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "check", rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// An account field's value is one of `values`.
    FieldIn {
        /// The account field.
        field: String,
        /// The accepted values.
        values: Vec<Value>,
    },
    /// An account field equals `value`.
    FieldEquals {
        /// The account field.
        field: String,
        /// The expected value.
        value: Value,
    },
    /// A numeric account field is at least `min`.
    FieldAtLeast {
        /// The account field.
        field: String,
        /// The minimum.
        min: f64,
    },
    /// Every check passes.
    All {
        /// The checks.
        checks: Vec<Check>,
    },
    /// `then` passes whenever `when` does (the control does not apply otherwise).
    When {
        /// The condition.
        when: Box<Check>,
        /// What must hold then.
        then: Box<Check>,
    },
    /// No license pool has more than `max_unassigned_percent` of its seats unassigned.
    UnusedLicenses {
        /// The tolerated share of unassigned seats.
        max_unassigned_percent: f64,
    },
    /// No active licensed user has been without a sign-in for `days` days.
    InactiveLicensedUsers {
        /// Days without a sign-in.
        days: i64,
    },
    /// No app of `developer_types` holds a scope ending with one of `scope_suffixes` (or, when
    /// only the API's titles are known, a title containing one of `title_markers`).
    BroadAppScopes {
        /// Developer types concerned (`THIRD_PARTY`).
        developer_types: Vec<String>,
        /// Scope suffixes that mean account-wide access (`:admin`).
        scope_suffixes: Vec<String>,
        /// Words in scope titles that mean account-wide access (`all users'`).
        title_markers: Vec<String>,
    },
}

/// The controls file could not be read.
#[derive(Debug)]
pub struct ControlsError(String);

impl fmt::Display for ControlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid posture controls: {}", self.0)
    }
}

impl std::error::Error for ControlsError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ControlsFile {
    control: Vec<Control>,
}

/// Parses controls written like `controls.toml`.
pub fn parse_controls(text: &str) -> Result<Vec<Control>, ControlsError> {
    let file: ControlsFile =
        toml::from_str(text).map_err(|error| ControlsError(error.to_string()))?;
    let mut ids: Vec<&str> = file.control.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(ControlsError(format!("control {} appears twice", pair[0])));
    }
    Ok(file.control)
}

/// The controls shipped with zoom-inventory.
pub fn controls() -> Vec<Control> {
    // Tested: the shipped file parses.
    parse_controls(CONTROLS).unwrap_or_default()
}

/// What the controls are judged on: the normalized fields of the latest run's records.
#[derive(Clone, Debug, Default)]
pub struct Facts<'a> {
    /// The account record's fields, if the account was read.
    pub account: Option<&'a Value>,
    /// License records' fields.
    pub licenses: Vec<&'a Value>,
    /// App records' fields (with their `source_id`); read with the account, so judged only
    /// when `account` is there.
    pub apps: Vec<(&'a str, &'a Value)>,
    /// User records' fields.
    pub users: Vec<&'a Value>,
    /// When the facts were read (inactivity is measured from here).
    pub as_of: Option<Timestamp>,
}

impl<'a> Facts<'a> {
    /// The facts among stored assets, given as (kind, Zoom's id, normalized fields); other
    /// kinds are ignored.
    pub fn from_assets(
        assets: impl IntoIterator<Item = (crate::Kind, &'a str, &'a Value)>,
        as_of: Option<Timestamp>,
    ) -> Facts<'a> {
        let mut facts = Facts {
            as_of,
            ..Facts::default()
        };
        for (kind, source_id, fields) in assets {
            match kind {
                crate::Kind::Account => facts.account = facts.account.or(Some(fields)),
                crate::Kind::License => facts.licenses.push(fields),
                crate::Kind::App => facts.apps.push((source_id, fields)),
                crate::Kind::User => facts.users.push(fields),
                _ => {}
            }
        }
        facts
    }
}

/// A control's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The account meets the control.
    Pass,
    /// It does not.
    Fail,
    /// The facts it needs were not read.
    Unknown,
}

impl Status {
    /// `pass`, `fail` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
        }
    }
}

/// A control judged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The control's ID.
    pub control: String,
    /// The control's title.
    pub title: String,
    /// Its severity.
    pub severity: Severity,
    /// The CIS Zoom Benchmark recommendation the control checks, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cis: Option<String>,
    /// The outcome.
    pub status: Status,
    /// The facts that decided it (`two_factor_enforcement = "none"`).
    pub evidence: Vec<String>,
    /// What to do about a failure.
    pub remediation: String,
}

/// Judges every control.
pub fn evaluate(controls: &[Control], facts: &Facts<'_>) -> Vec<Finding> {
    controls
        .iter()
        .map(|control| {
            let mut evidence = Vec::new();
            let status = judge(&control.check, facts, &mut evidence);
            Finding {
                control: control.id.clone(),
                title: control.title.clone(),
                severity: control.severity,
                cis: control.cis.clone(),
                status,
                evidence,
                remediation: control.remediation.clone(),
            }
        })
        .collect()
}

fn account_field<'a>(facts: &Facts<'a>, field: &str) -> Option<&'a Value> {
    facts
        .account
        .and_then(|account| account.get(field))
        .filter(|value| !value.is_null())
}

fn judge(check: &Check, facts: &Facts<'_>, evidence: &mut Vec<String>) -> Status {
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
        Check::All { checks } => {
            let statuses: Vec<Status> = checks.iter().map(|c| judge(c, facts, evidence)).collect();
            if statuses.contains(&Status::Fail) {
                Status::Fail
            } else if statuses.contains(&Status::Unknown) {
                Status::Unknown
            } else {
                Status::Pass
            }
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
                Status::Unknown => {
                    evidence.extend(condition);
                    Status::Unknown
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
    }
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
    let mut inactive: Vec<&str> = facts
        .users
        .iter()
        .filter(|user| user["license_type"] == "licensed" && user["status"] == "active")
        .filter(|user| {
            let last = user["last_login_at"]
                .as_str()
                .and_then(|t| t.parse::<Timestamp>().ok());
            last.is_none_or(|last| last < cutoff)
        })
        .filter(|user| user["is_service_account"] != true)
        .filter_map(|user| user["email"].as_str())
        .collect();
    inactive.sort_unstable();
    if inactive.is_empty() {
        evidence.push(format!(
            "every active licensed user signed in within {days} days"
        ));
        return Status::Pass;
    }
    let shown: Vec<&str> = inactive.iter().take(10).copied().collect();
    evidence.push(format!(
        "{} licensed user(s) without a sign-in for {days} days: {}{}",
        inactive.len(),
        shown.join(", "),
        if inactive.len() > shown.len() {
            ", ..."
        } else {
            ""
        }
    ));
    Status::Fail
}

fn broad_scopes(
    facts: &Facts<'_>,
    developer_types: &[String],
    scope_suffixes: &[String],
    title_markers: &[String],
    evidence: &mut Vec<String>,
) -> Status {
    let strings = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
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
        let scopes = strings(&app["scopes"]);
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
