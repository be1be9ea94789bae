//! Posture: the stored account judged against a set of controls.
//!
//! The controls are data: `controls.toml` (zoom-inventory's own) and `cis.toml` (the CIS Zoom
//! Benchmark v1.0.0, all 171 recommendations), one entry each: id, title, severity,
//! remediation, the CIS number and level where there is one, and a [`Check`]. Sections group
//! them (`[[section]]`, matched by id prefix). This module only knows how to evaluate the few
//! kinds of check they use (`judge.rs`). Facts are the records' normalized fields as stored
//! (JSON objects, `facts.rs`), so a control names the same fields and setting paths `export`
//! prints.
//!
//! A [`Profile`] picks the controls: `zoom-inventory`, `cis-l1` (the benchmark's Level 1
//! items) or `cis-l2` (Level 2 as CIS defines it: Level 1 and the items of Level 2).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

mod facts;
mod judge;

pub use facts::{Facts, OwnSettings, SettingsFacts};

/// zoom-inventory's own controls.
const CONTROLS: &str = include_str!("controls.toml");
/// The CIS Zoom Benchmark v1.0.0.
const CIS_CONTROLS: &str = include_str!("cis.toml");

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
    /// Every severity, lowest first.
    pub const ALL: [Severity; 3] = [Severity::Low, Severity::Medium, Severity::High];

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
    /// Stable ID (`ZI-AUTH-001`, `CIS-1.1.1.2`).
    pub id: String,
    /// The CIS Zoom Benchmark's number, as published (`1.1.1.2`).
    #[serde(default)]
    pub cis: Option<String>,
    /// The CIS level: 1 or 2.
    #[serde(default)]
    pub level: Option<u8>,
    /// What a passing account looks like.
    pub title: String,
    /// How much a failure matters.
    pub severity: Severity,
    /// What to do about a failure.
    pub remediation: String,
    /// Settings shown with the evidence, to help whoever reviews it (`in_meeting.ports_range`).
    #[serde(default)]
    pub show: Vec<String>,
    /// How it is judged.
    pub check: Check,
    /// The section it belongs to (`1.1.1 Meeting: security`), from the file's sections.
    #[serde(skip)]
    pub section: String,
}

/// The value a setting must have.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    /// Exactly this value.
    Equals(Value),
    /// One of these values.
    OneOf(Vec<Value>),
    /// A number at least this.
    AtLeast(f64),
    /// A number at most this.
    AtMost(f64),
    /// A list, text or object with something in it.
    NotEmpty,
}

impl Expect {
    /// Whether `value` meets it.
    pub fn passes(&self, value: &Value) -> bool {
        match self {
            Expect::Equals(expected) => value == expected,
            Expect::OneOf(values) => values.contains(value),
            Expect::AtLeast(min) => value.as_f64().is_some_and(|n| n >= *min),
            Expect::AtMost(max) => value.as_f64().is_some_and(|n| n <= *max),
            Expect::NotEmpty => match value {
                Value::Array(items) => !items.is_empty(),
                Value::String(text) => !text.is_empty(),
                Value::Object(map) => !map.is_empty(),
                _ => false,
            },
        }
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expect::Equals(value) => write!(f, "{value}"),
            Expect::OneOf(values) => {
                let shown: Vec<String> = values.iter().map(Value::to_string).collect();
                write!(f, "one of {}", shown.join(", "))
            }
            Expect::AtLeast(min) => write!(f, "at least {min}"),
            Expect::AtMost(max) => write!(f, "at most {max}"),
            Expect::NotEmpty => f.write_str("not empty"),
        }
    }
}

/// A setting check as written: one expectation among the optional fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingCheck {
    path: String,
    #[serde(default)]
    equals: Option<Value>,
    #[serde(default)]
    one_of: Option<Vec<Value>>,
    #[serde(default)]
    at_least: Option<f64>,
    #[serde(default)]
    at_most: Option<f64>,
    #[serde(default)]
    not_empty: bool,
    #[serde(default)]
    locked: bool,
}

/// What a setting check judges: a setting of the account (`in_meeting.chat`) meets `expect`,
/// and so does every group's and user's own value of it; with `locked`, the account locks it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "SettingCheck")]
pub struct SettingRule {
    /// The setting's path.
    pub path: String,
    /// The value it must have.
    pub expect: Expect,
    /// Whether the account must lock it.
    pub locked: bool,
}

impl TryFrom<SettingCheck> for SettingRule {
    type Error = String;

    fn try_from(written: SettingCheck) -> Result<SettingRule, String> {
        let mut expectations = Vec::new();
        if let Some(value) = written.equals {
            expectations.push(Expect::Equals(value));
        }
        if let Some(values) = written.one_of {
            expectations.push(Expect::OneOf(values));
        }
        if let Some(min) = written.at_least {
            expectations.push(Expect::AtLeast(min));
        }
        if let Some(max) = written.at_most {
            expectations.push(Expect::AtMost(max));
        }
        if written.not_empty {
            expectations.push(Expect::NotEmpty);
        }
        match (expectations.pop(), expectations.is_empty()) {
            (Some(expect), true) => Ok(SettingRule {
                path: written.path,
                expect,
                locked: written.locked,
            }),
            _ => Err(format!(
                "setting {} needs exactly one of equals, one_of, at_least, at_most, not_empty",
                written.path
            )),
        }
    }
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
    /// A setting meets its rule at every level.
    Setting(SettingRule),
    /// No API shows it: judged by a person, never `pass` or `fail`.
    Manual,
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
    /// No app of `developer_types` requests a scope ending with one of `scope_suffixes` (or, when
    /// only the API's titles are known, a title containing one of `title_markers`).
    BroadAppScopes {
        /// Developer types concerned (`THIRD_PARTY`).
        developer_types: Vec<String>,
        /// Scope suffixes that mean account-wide access (`:admin`).
        scope_suffixes: Vec<String>,
        /// Words in scope titles that mean account-wide access (`all users'`).
        title_markers: Vec<String>,
    },
    /// When SSO is required, no active admin can sign in otherwise: no sign-in type but SSO,
    /// and not on the SSO bypass list.
    AdminsWithoutSso,
    /// No active admin has been without a sign-in for `days` days.
    DormantAdmins {
        /// Days without a sign-in.
        days: i64,
    },
    /// Every app of `developer_types` was installed by an admin.
    AppsInstalledByNonAdmins {
        /// Developer types concerned (`THIRD_PARTY`).
        developer_types: Vec<String>,
    },
    /// No user is an admin now who was not one at the run before.
    AdminRoleGained,
}

/// Where a control's facts come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Zoom's REST API (settings).
    Api,
    /// The API, or the web portal where the API did not give it (merged records).
    ApiOrPortal,
    /// A person: no API shows it.
    Manual,
}

impl Check {
    /// Where its facts come from: the least automatic of its parts.
    pub fn basis(&self) -> Basis {
        match self {
            Check::Setting(_) => Basis::Api,
            Check::Manual => Basis::Manual,
            Check::All { checks } => checks.iter().map(Check::basis).max().unwrap_or(Basis::Api),
            Check::When { when, then } => when.basis().max(then.basis()),
            _ => Basis::ApiOrPortal,
        }
    }
}

/// A group of controls, by id prefix.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    /// The prefix of its controls' ids (`CIS-1.1.1`, `ZI-AUTH`).
    id: String,
    /// Its title (`1.1.1 Meeting: security`).
    title: String,
}

impl Section {
    /// Whether `control` is in the section: its id is the section's, or continues it after a
    /// `.` or `-`.
    fn holds(&self, control: &str) -> bool {
        control
            .strip_prefix(&self.id)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '-']))
    }
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
    #[serde(default)]
    section: Vec<Section>,
    control: Vec<Control>,
}

/// Parses controls written like `controls.toml`: ids unique, each setting check with exactly
/// one expectation, each control in a section when the file has sections.
pub fn parse_controls(text: &str) -> Result<Vec<Control>, ControlsError> {
    let file: ControlsFile =
        toml::from_str(text).map_err(|error| ControlsError(error.to_string()))?;
    let mut controls = file.control;
    for control in &mut controls {
        if control.level.is_some_and(|level| !(1..=2).contains(&level)) {
            return Err(ControlsError(format!(
                "control {}: level must be 1 or 2",
                control.id
            )));
        }
        let section = file
            .section
            .iter()
            .filter(|section| section.holds(&control.id))
            .max_by_key(|section| section.id.len());
        control.section = match (section, file.section.is_empty()) {
            (Some(section), _) => section.title.clone(),
            (None, true) => String::new(),
            (None, false) => {
                return Err(ControlsError(format!(
                    "control {} is in no section",
                    control.id
                )));
            }
        };
    }
    let mut ids: Vec<&str> = controls.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(ControlsError(format!("control {} appears twice", pair[0])));
    }
    Ok(controls)
}

/// zoom-inventory's own controls.
pub fn controls() -> Vec<Control> {
    // Tested: the shipped file parses.
    parse_controls(CONTROLS).unwrap_or_default()
}

/// The CIS Zoom Benchmark v1.0.0's 171 recommendations, in its order.
pub fn cis_controls() -> Vec<Control> {
    // Tested: the shipped file parses.
    parse_controls(CIS_CONTROLS).unwrap_or_default()
}

/// A set of controls to judge an account against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Profile {
    /// zoom-inventory's own controls (the default).
    #[serde(rename = "zoom-inventory")]
    ZoomInventory,
    /// The CIS Zoom Benchmark's Level 1 items.
    #[serde(rename = "cis-l1")]
    CisL1,
    /// The CIS Zoom Benchmark's Level 2 profile: its Level 1 and Level 2 items.
    #[serde(rename = "cis-l2")]
    CisL2,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 3] = [Profile::ZoomInventory, Profile::CisL1, Profile::CisL2];

    /// `zoom-inventory`, `cis-l1` or `cis-l2`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::ZoomInventory => "zoom-inventory",
            Profile::CisL1 => "cis-l1",
            Profile::CisL2 => "cis-l2",
        }
    }

    /// What it is, for a report's reader.
    pub fn title(self) -> &'static str {
        match self {
            Profile::ZoomInventory => "zoom-inventory controls",
            Profile::CisL1 => "CIS Zoom Benchmark v1.0.0, Level 1",
            Profile::CisL2 => "CIS Zoom Benchmark v1.0.0, Level 2 (Level 1 and 2 items)",
        }
    }

    /// Its controls, in order.
    pub fn controls(self) -> Vec<Control> {
        match self {
            Profile::ZoomInventory => controls(),
            Profile::CisL1 => cis_controls()
                .into_iter()
                .filter(|c| c.level == Some(1))
                .collect(),
            Profile::CisL2 => cis_controls(),
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL
            .into_iter()
            .find(|p| s.eq_ignore_ascii_case(p.as_str()))
            .ok_or_else(|| {
                let known: Vec<&str> = Profile::ALL.iter().map(|p| p.as_str()).collect();
                format!(
                    "unknown profile {s:?}: expected one of {}",
                    known.join(", ")
                )
            })
    }
}

/// A control's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The account meets the control.
    Pass,
    /// It does not.
    Fail,
    /// No API shows it: a person judges it.
    Manual,
    /// The facts it needs were not read.
    Unknown,
}

impl Status {
    /// `pass`, `fail`, `manual` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Manual => "manual",
            Status::Unknown => "unknown",
        }
    }
}

/// A control judged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The control's ID.
    pub control: String,
    /// The CIS Zoom Benchmark's number, as published.
    pub cis: Option<String>,
    /// The CIS level.
    pub level: Option<u8>,
    /// The section it belongs to.
    pub section: String,
    /// The control's title.
    pub title: String,
    /// Its severity.
    pub severity: Severity,
    /// The outcome.
    pub status: Status,
    /// The facts that decided it (`two_factor_enforcement = "none"`).
    pub evidence: Vec<String>,
    /// What to do about a failure.
    pub remediation: String,
}

/// How many findings have each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Passed.
    pub pass: usize,
    /// Failed.
    pub fail: usize,
    /// Left to a person.
    pub manual: usize,
    /// Not judged: facts missing.
    pub unknown: usize,
}

impl Tally {
    /// The statuses of `findings`, counted.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Tally {
        let mut tally = Tally::default();
        for finding in findings {
            match finding.status {
                Status::Pass => tally.pass += 1,
                Status::Fail => tally.fail += 1,
                Status::Manual => tally.manual += 1,
                Status::Unknown => tally.unknown += 1,
            }
        }
        tally
    }

    /// Every finding counted.
    pub fn total(&self) -> usize {
        self.pass + self.fail + self.manual + self.unknown
    }
}

/// Judges every control.
pub fn evaluate(controls: &[Control], facts: &Facts<'_>) -> Vec<Finding> {
    controls
        .iter()
        .map(|control| {
            let mut evidence = Vec::new();
            let status = judge::judge(&control.check, facts, &mut evidence);
            judge::show(&control.show, facts, &mut evidence);
            Finding {
                control: control.id.clone(),
                cis: control.cis.clone(),
                level: control.level,
                section: control.section.clone(),
                title: control.title.clone(),
                severity: control.severity,
                status,
                evidence,
                remediation: control.remediation.clone(),
            }
        })
        .collect()
}
