//! The portal map: every page, locator, attribute and displayed value of Zoom's web portal that
//! this crate relies on, as data. The built-in map is `portal-map.toml` ([`BUILTIN`]), compiled
//! in; a user whose portal differs passes a corrected copy ([`PortalMap::from_file`]). `drive`
//! and `extract` hold no literal of the portal's markup: they ask the map for an entry by name,
//! and an entry that no longer matches is an error naming it.
//!
//! Each entry says whether it rests on evidence (with its source) or is assumed (and why), so a
//! reader knows which parts of the map to check first.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::PortalError;

/// The built-in map (`src/portal-map.toml`).
pub const BUILTIN: &str = include_str!("portal-map.toml");

/// The map format this build reads.
pub const VERSION: u32 = 1;

/// A page read for facts: its name (in errors and fixture file names), path, and which facts
/// it yields.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataPage {
    /// Short name, used in errors and fixture file names (`fixtures/portal/<name>.html`).
    pub name: String,
    /// Path below the portal URL.
    pub path: String,
    /// Which facts it yields.
    pub kind: PageKind,
    /// Where the path comes from.
    #[serde(flatten)]
    pub basis: Basis,
}

/// The kind of facts a page yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
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

/// Why an entry is believed: exactly one of the two.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Basis {
    /// The public source that shows it.
    #[serde(default)]
    pub evidence: Option<String>,
    /// Why it is a guess (no source shows it, or sources show otherwise).
    #[serde(default)]
    pub assumed: Option<String>,
}

/// The hosts of one cloud (`zoom`, `zoomgov`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cloud {
    /// The portal's origin.
    pub portal: String,
    /// The App Marketplace's origin.
    pub marketplace: String,
    /// Where the hosts come from.
    #[serde(flatten)]
    pub basis: Basis,
}

/// One way to find an element, tried in the entry's order.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Locator {
    /// An element of an accessible role with this name (its text or `aria-label`).
    Role {
        /// `button`, `link`, `textbox`, ...
        role: String,
        /// The accessible name.
        name: String,
    },
    /// The control a `<label>` of this text names, or the `<dd>` after a `<dt>` of this text.
    Label {
        /// The label's text.
        label: String,
    },
    /// A CSS selector.
    Css {
        /// The selector.
        css: String,
    },
}

impl Locator {
    /// The locator as it appears in the map, for messages.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Locator::Role { role, name } => format!("role {role} named {name:?}"),
            Locator::Label { label } => format!("label {label:?}"),
            Locator::Css { css } => format!("css `{css}`"),
        }
    }

    /// The locator as XPath 1.0 (what a browser evaluates for role and label locators).
    #[must_use]
    pub fn xpath(&self) -> Option<String> {
        match self {
            Locator::Role { role, name } => {
                let name = xpath_literal(name);
                let by_tag = match role.as_str() {
                    "button" => "//button",
                    "link" => "//a",
                    "textbox" => "//input",
                    _ => "",
                };
                let by_role = format!(
                    "//*[@role={}][normalize-space(.)={name} or @aria-label={name}]",
                    xpath_literal(role)
                );
                Some(if by_tag.is_empty() {
                    by_role
                } else {
                    format!("{by_tag}[normalize-space(.)={name} or @aria-label={name}] | {by_role}")
                })
            }
            Locator::Label { label } => {
                let label = xpath_literal(label);
                Some(format!(
                    "//*[@id=//label[normalize-space(.)={label}]/@for] \
                     | //dt[normalize-space(.)={label}]/following-sibling::dd[1]"
                ))
            }
            Locator::Css { .. } => None,
        }
    }
}

/// A string as an XPath 1.0 literal (which has no escapes).
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// How an entry's value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Read {
    /// A field to type into.
    Type,
    /// A button to click.
    Click,
    /// Its presence is the fact (a form, an alert, a filled page).
    Present,
    /// Its text.
    Text,
    /// The leading number of its text (`1,234`, `12 characters`; `Off` means 0 where allowed).
    Number,
    /// `on` or `off` of `display.values`.
    OnOff,
    /// The texts of its list items.
    List,
    /// The `datetime` of a `<time>` inside, a date (or `empty` of `display.values`).
    Date,
    /// The `datetime` of a `<time>` inside, an RFC 3339 UTC timestamp.
    Timestamp,
    /// An amount with its currency (`USD 1,833.00`).
    Amount,
    /// A displayed text translated through `values`.
    Choice,
    /// A table: its rows are `value` (a CSS selector below the table).
    Rows,
    /// An attribute named by `value`.
    Attribute,
    /// A cookie named by `value`.
    Cookie,
    /// A path named by `value`.
    Path,
    /// Displayed words shared by the pages (`values`).
    Display,
}

/// One entry of the map.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The page it is on (a page's name, `signin`, `otp` or `any`).
    pub page: String,
    /// Ways to find it, in order of preference.
    #[serde(default)]
    pub locators: Vec<Locator>,
    /// How its value is read.
    pub read: Read,
    /// A name the read needs (an attribute, a cookie, a path, the rows below a table).
    #[serde(default)]
    pub value: Option<String>,
    /// Displayed texts and what they mean.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Where it comes from.
    #[serde(flatten)]
    pub basis: Basis,
}

/// The whole map.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalMap {
    /// The format's version ([`VERSION`]).
    pub version: u32,
    /// The hosts of each cloud.
    pub clouds: BTreeMap<String, Cloud>,
    /// Pages read for facts, in reading order.
    pub pages: Vec<DataPage>,
    /// Every entry by name (`billing.amount`).
    pub entries: BTreeMap<String, Entry>,
    /// Where the map was read from (`built-in` or a file), for messages.
    #[serde(skip)]
    pub origin: String,
}

/// Every entry the code reads, with how it reads it: a map lacking one, or reading it otherwise,
/// is refused when loaded.
pub const REQUIRED: &[(&str, Read)] = &[
    ("signin.path", Read::Path),
    ("signin.form", Read::Present),
    ("signin.email", Read::Type),
    ("signin.password", Read::Type),
    ("signin.submit", Read::Click),
    ("signin.error", Read::Present),
    ("signin.new_device", Read::Present),
    ("signin.cookie_banner", Read::Click),
    ("otp.code", Read::Type),
    ("otp.submit", Read::Click),
    ("otp.error", Read::Present),
    ("refusal.reason", Read::Attribute),
    ("session.signed_in", Read::Present),
    ("session.cookie", Read::Cookie),
    ("session.cookie_origin", Read::Path),
    ("page.ready", Read::Present),
    ("page.failed", Read::Present),
    ("page.alert", Read::Text),
    ("display.values", Read::Display),
    ("profile.account_name", Read::Text),
    ("profile.account_number", Read::Text),
    ("profile.owner_email", Read::Text),
    ("billing.plan_name", Read::Text),
    ("billing.seats_purchased", Read::Number),
    ("billing.seats_assigned", Read::Number),
    ("billing.cycle", Read::Choice),
    ("billing.amount", Read::Amount),
    ("billing.renewal_date", Read::Date),
    ("security.two_factor_enabled", Read::OnOff),
    ("security.two_factor_scope", Read::Choice),
    ("security.two_factor_targets", Read::List),
    ("security.password_min_length", Read::Number),
    ("security.password_special_character", Read::OnOff),
    ("security.password_consecutive", Read::Number),
    ("security.weak_enhance_detection", Read::OnOff),
    ("sso.enabled", Read::Choice),
    ("sso.require_for_domains", Read::OnOff),
    ("sso.idp_name", Read::Text),
    ("sso.issuer", Read::Text),
    ("sso.domains", Read::List),
    ("roles.table", Read::Rows),
    ("roles.name", Read::Text),
    ("roles.members", Read::Number),
    ("roles.privileges", Read::List),
    ("groups.table", Read::Rows),
    ("groups.name", Read::Text),
    ("groups.members", Read::Number),
    ("users.table", Read::Rows),
    ("users.email", Read::Text),
    ("users.license", Read::Text),
    ("users.settings", Read::Attribute),
    ("integrations.table", Read::Rows),
    ("integrations.name", Read::Text),
    ("integrations.developer", Read::Choice),
    ("integrations.scopes", Read::List),
    ("integrations.installed_by", Read::Text),
    ("integrations.installed_at", Read::Timestamp),
];

/// Keys of `display.values` the code reads.
const DISPLAY_KEYS: &[&str] = &[
    "empty",
    "on",
    "off",
    "list_item",
    "time",
    "datetime",
    "row_id",
];

/// Keys of `refusal.reason`'s values the code reads.
const REFUSAL_KEYS: &[&str] = &["locked", "credentials", "code", "reused", "captcha"];

/// Entries whose locators are searched inside a table row: CSS only.
const IN_ROW: &[&str] = &["roles.", "groups.", "users.", "integrations."];

impl PortalMap {
    /// The built-in map.
    ///
    /// # Panics
    /// Never: the built-in map is checked by the crate's tests.
    #[must_use]
    pub fn builtin() -> PortalMap {
        PortalMap::parse(BUILTIN, "the built-in portal map")
            .unwrap_or_else(|error| panic!("{error}"))
    }

    /// A map file, checked.
    ///
    /// # Errors
    /// [`PortalError::Map`] when it cannot be read, is not TOML of this format, or lacks an
    /// entry the code reads.
    pub fn from_file(path: &Path) -> Result<PortalMap, PortalError> {
        let origin = format!("the portal map {}", path.display());
        let text = std::fs::read_to_string(path).map_err(|e| PortalError::Map {
            map: origin.clone(),
            problem: format!("cannot read it: {e}"),
        })?;
        PortalMap::parse(&text, &origin)
    }

    /// A map from its text; `origin` names it in errors.
    ///
    /// # Errors
    /// As [`PortalMap::from_file`].
    pub fn parse(text: &str, origin: &str) -> Result<PortalMap, PortalError> {
        let problem = |problem: String| PortalError::Map {
            map: origin.to_owned(),
            problem,
        };
        let mut map: PortalMap =
            toml::from_str(text).map_err(|e| problem(e.to_string().trim().to_owned()))?;
        map.origin = origin.to_owned();
        if map.version != VERSION {
            return Err(problem(format!(
                "version {} is not the version this build reads ({VERSION})",
                map.version
            )));
        }
        map.check().map_err(problem)?;
        Ok(map)
    }

    fn check(&self) -> Result<(), String> {
        for (name, read) in REQUIRED {
            let Some(entry) = self.entries.get(*name) else {
                return Err(format!("entry `{name}` is missing"));
            };
            if entry.read != *read {
                return Err(format!(
                    "entry `{name}` is read as {:?}; this build reads it as {read:?}",
                    entry.read
                ));
            }
        }
        for (name, entry) in &self.entries {
            check_basis(&format!("entry `{name}`"), &entry.basis)?;
            let needs_value = matches!(
                entry.read,
                Read::Rows | Read::Attribute | Read::Cookie | Read::Path
            );
            if needs_value && entry.value.as_deref().is_none_or(str::is_empty) {
                return Err(format!("entry `{name}` needs a `value`"));
            }
            let needs_locators = !matches!(entry.read, Read::Cookie | Read::Path | Read::Display)
                && name != "refusal.reason";
            if needs_locators && entry.locators.is_empty() {
                return Err(format!("entry `{name}` has no locators"));
            }
            let in_row = IN_ROW.iter().any(|p| name.starts_with(p)) && entry.read != Read::Rows;
            if in_row
                && entry
                    .locators
                    .iter()
                    .any(|l| !matches!(l, Locator::Css { .. }))
            {
                return Err(format!(
                    "entry `{name}` is found inside a table row: give CSS locators only"
                ));
            }
            for locator in &entry.locators {
                if let Locator::Css { css } = locator {
                    scraper::Selector::parse(css)
                        .map_err(|e| format!("entry `{name}`: css `{css}`: {e}"))?;
                }
            }
        }
        for (key, table) in [
            ("display.values", DISPLAY_KEYS),
            ("refusal.reason", REFUSAL_KEYS),
        ] {
            let values = &self.entries[key].values;
            if let Some(missing) = table.iter().find(|k| !values.contains_key(**k)) {
                return Err(format!("entry `{key}` lacks the value `{missing}`"));
            }
        }
        for page in &self.pages {
            check_basis(&format!("page `{}`", page.name), &page.basis)?;
        }
        for (name, cloud) in &self.clouds {
            check_basis(&format!("cloud `{name}`"), &cloud.basis)?;
        }
        Ok(())
    }

    /// The entry `name`, one of [`REQUIRED`] (checked when the map was loaded).
    ///
    /// # Panics
    /// When `name` is not in [`REQUIRED`]: a bug of this crate.
    #[must_use]
    pub fn entry(&self, name: &str) -> &Entry {
        self.entries
            .get(name)
            .unwrap_or_else(|| panic!("`{name}` is not an entry the map is checked for"))
    }

    /// The entry's `value` (checked present for the reads that need one).
    #[must_use]
    pub fn value(&self, name: &str) -> &str {
        self.entry(name).value.as_deref().unwrap_or_default()
    }

    /// A displayed word of `display.values` (`empty`, `on`, `off`, ...).
    #[must_use]
    pub fn display(&self, key: &str) -> &str {
        self.entry("display.values")
            .values
            .get(key)
            .map_or("", String::as_str)
    }

    /// The reason value for refusal `key` (`locked`, `credentials`, `code`, `reused`).
    #[must_use]
    pub fn refusal(&self, key: &str) -> &str {
        self.entry("refusal.reason")
            .values
            .get(key)
            .map_or("", String::as_str)
    }

    /// The pages read for facts, in order.
    #[must_use]
    pub fn pages(&self) -> &[DataPage] {
        &self.pages
    }
}

impl Default for PortalMap {
    fn default() -> Self {
        PortalMap::builtin()
    }
}

fn check_basis(what: &str, basis: &Basis) -> Result<(), String> {
    match (&basis.evidence, &basis.assumed) {
        (Some(source), None) | (None, Some(source)) if !source.trim().is_empty() => Ok(()),
        _ => Err(format!(
            "{what} must say either `evidence` (its source) or `assumed` (why), not both"
        )),
    }
}
