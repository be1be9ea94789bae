//! The product contract's envelope: [`Kind`] (how kinds are spelled), [`Asset`] (the
//! normalized fields of each kind) and [`Record`] (an asset with its stable id, Zoom's id, the
//! scope of the listing that found it and Zoom's JSON as received).

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::activity::Activity;
use crate::device::Device;
use crate::user::User;

/// The kinds of asset the inventory holds, as spelled in `kind` fields and on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A Zoom user of any status.
    User,
    /// A device of one of the five device types.
    Device,
    /// A sign-in, sign-out or admin operation.
    Activity,
    /// The account: plan, billing, SSO, 2FA, password and meeting policies.
    Account,
    /// A license pool: seats bought and assigned.
    License,
    /// A role and its privileges.
    Role,
    /// A group of users.
    Group,
    /// An installed Marketplace app and its scopes.
    App,
    /// One setting of the account (with its lock), or one a group or user sets otherwise.
    Setting,
}

impl Kind {
    /// Every kind, in the order listings and summaries show them.
    pub const ALL: [Kind; 9] = [
        Kind::User,
        Kind::Device,
        Kind::Activity,
        Kind::Account,
        Kind::License,
        Kind::Role,
        Kind::Group,
        Kind::App,
        Kind::Setting,
    ];

    /// The kind's name as stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::Device => "device",
            Kind::Activity => "activity",
            Kind::Account => "account",
            Kind::License => "license",
            Kind::Role => "role",
            Kind::Group => "group",
            Kind::App => "app",
            Kind::Setting => "setting",
        }
    }

    /// The plural used on the command line (`list users`).
    pub fn plural(self) -> &'static str {
        match self {
            Kind::User => "users",
            Kind::Device => "devices",
            Kind::Activity => "activities",
            Kind::Account => "accounts",
            Kind::License => "licenses",
            Kind::Role => "roles",
            Kind::Group => "groups",
            Kind::App => "apps",
            Kind::Setting => "settings",
        }
    }

    /// The normalized fields of this kind, in the order of the product contract (CSV columns).
    pub fn field_names(self) -> &'static [&'static str] {
        match self {
            Kind::User => crate::user::FIELD_NAMES,
            Kind::Device => crate::device::FIELD_NAMES,
            Kind::Activity => crate::activity::FIELD_NAMES,
            Kind::Account => crate::saas::ACCOUNT_FIELDS,
            Kind::License => crate::saas::LICENSE_FIELDS,
            Kind::Role => crate::saas::ROLE_FIELDS,
            Kind::Group => crate::saas::GROUP_FIELDS,
            Kind::App => crate::saas::APP_FIELDS,
            Kind::Setting => crate::settings::FIELD_NAMES,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind name that is not one of [`Kind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = Kind::ALL.iter().map(|k| k.plural()).collect();
        write!(
            f,
            "unknown kind {:?}: expected one of {}",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for Kind {
    type Err = UnknownKind;

    /// Accepts the singular and the plural (`user`, `users`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| s.eq_ignore_ascii_case(k.as_str()) || s.eq_ignore_ascii_case(k.plural()))
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// The normalized fields of one asset, by kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Asset {
    /// A normalized Zoom user.
    User(User),
    /// A normalized device.
    Device(Device),
    /// A normalized activity.
    Activity(Activity),
    /// The account.
    Account(crate::saas::Account),
    /// A license pool.
    License(crate::saas::License),
    /// A role.
    Role(crate::saas::Role),
    /// A group.
    Group(crate::saas::Group),
    /// An installed app.
    App(crate::saas::App),
    /// A setting.
    Setting(crate::settings::Setting),
}

impl Asset {
    /// The kind of this asset.
    pub fn kind(&self) -> Kind {
        match self {
            Asset::User(_) => Kind::User,
            Asset::Device(_) => Kind::Device,
            Asset::Activity(_) => Kind::Activity,
            Asset::Account(_) => Kind::Account,
            Asset::License(_) => Kind::License,
            Asset::Role(_) => Kind::Role,
            Asset::Group(_) => Kind::Group,
            Asset::App(_) => Kind::App,
            Asset::Setting(_) => Kind::Setting,
        }
    }
}

/// One normalized asset, ready to store: identity, normalized fields and Zoom's JSON as received.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Stable across runs: `<kind>:<source id>` (for example `user:KDcuGIm1QgePTO8WbOqwIQ`).
    pub id: String,
    /// Zoom's own identifier of the asset.
    pub source_id: String,
    /// What fetched it, and so which complete listing can prove it gone (for example
    /// `users/active`). A run that completes a scope marks the scope's unseen assets removed.
    pub scope: String,
    /// The normalized fields.
    pub asset: Asset,
    /// The Zoom JSON as received.
    pub raw: serde_json::Value,
}

impl Record {
    /// The kind of the record's asset.
    pub fn kind(&self) -> Kind {
        self.asset.kind()
    }

    /// The normalized fields as a JSON object (without identity, timestamps of the inventory,
    /// or `raw`), as stored and exported.
    pub fn fields(&self) -> serde_json::Value {
        // Serializing plain structs of strings, numbers and vectors cannot fail.
        serde_json::to_value(&self.asset).unwrap_or(serde_json::Value::Null)
    }
}
