//! What controls are judged on: the normalized fields of one run's records, gathered by kind,
//! with the settings indexed by level and path, and optionally the facts of the run before.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde_json::Value;

/// The facts of one run.
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
    /// Role records' fields (which roles are admin roles).
    pub roles: Vec<&'a Value>,
    /// Setting records, by level and path.
    pub settings: SettingsFacts<'a>,
    /// When the facts were read (inactivity is measured from here).
    pub as_of: Option<Timestamp>,
    /// The facts of the run before, for what changed since (an admin role gained).
    pub previous: Option<&'a Facts<'a>>,
}

/// The settings among the facts.
#[derive(Clone, Debug, Default)]
pub struct SettingsFacts<'a> {
    /// The account's values by path (settings read without a value are left out).
    pub account: BTreeMap<&'a str, &'a Value>,
    /// The account's locks by path.
    pub account_locks: BTreeMap<&'a str, bool>,
    /// What each group sets otherwise, by group ID.
    pub groups: BTreeMap<&'a str, OwnSettings<'a>>,
    /// What each user sets otherwise, by user ID.
    pub users: BTreeMap<&'a str, OwnSettings<'a>>,
}

/// The settings a group or a user sets otherwise than the account.
#[derive(Clone, Debug, Default)]
pub struct OwnSettings<'a> {
    /// The group's name or the user's e-mail address.
    pub name: Option<&'a str>,
    /// Values by path.
    pub values: BTreeMap<&'a str, &'a Value>,
    /// Locks by path.
    pub locks: BTreeMap<&'a str, bool>,
}

impl<'a> SettingsFacts<'a> {
    /// Whether any of the account's settings was read.
    pub fn read(&self) -> bool {
        !self.account.is_empty()
    }

    /// The account's lock that covers `path`: its own, else the nearest enclosing one.
    pub fn account_lock(&self, path: &str) -> Option<bool> {
        let mut candidate = path;
        loop {
            if let Some(&locked) = self.account_locks.get(candidate) {
                return Some(locked);
            }
            candidate = &candidate[..candidate.rfind('.')?];
        }
    }

    fn add(&mut self, fields: &'a Value) {
        let text = |key: &str| fields.get(key).and_then(Value::as_str);
        let (Some(level), Some(path)) = (text("level"), text("path")) else {
            return;
        };
        let value = fields.get("value").filter(|v| !v.is_null());
        let locked = fields.get("locked").and_then(Value::as_bool);
        let own = |owners: &mut BTreeMap<&'a str, OwnSettings<'a>>| {
            let Some(owner_id) = text("owner_id") else {
                return;
            };
            let own = owners.entry(owner_id).or_default();
            own.name = own.name.or(text("owner"));
            if let Some(value) = value {
                own.values.insert(path, value);
            }
            if let Some(locked) = locked {
                own.locks.insert(path, locked);
            }
        };
        match level {
            "account" => {
                if let Some(value) = value {
                    self.account.insert(path, value);
                }
                if let Some(locked) = locked {
                    self.account_locks.insert(path, locked);
                }
            }
            "group" => own(&mut self.groups),
            "user" => own(&mut self.users),
            _ => {}
        }
    }
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
                crate::Kind::Role => facts.roles.push(fields),
                crate::Kind::Setting => facts.settings.add(fields),
                _ => {}
            }
        }
        facts
    }

    /// The names of the roles that may change the account (any `…:Edit` privilege), when the
    /// roles were read.
    fn admin_roles(&self) -> Option<Vec<&'a str>> {
        if self.roles.is_empty() {
            return None;
        }
        Some(
            self.roles
                .iter()
                .filter(|role| role["is_admin"] == true)
                .filter_map(|role| role["name"].as_str())
                .collect(),
        )
    }

    /// Whether a user's role may change the account: by the role's privileges when the roles
    /// were read, else by the user record's `is_admin` (any role but Member).
    pub fn is_admin(&self, user: &Value) -> bool {
        match (self.admin_roles(), user["role"].as_str()) {
            (Some(admin_roles), Some(role)) => admin_roles.contains(&role),
            _ => user["is_admin"] == true,
        }
    }

    /// Active users who are admins, people only (no API users or Zoom Rooms accounts).
    pub fn active_admins(&self) -> impl Iterator<Item = &'a Value> + '_ {
        self.users.iter().copied().filter(|user| {
            user["status"] == "active" && user["is_service_account"] != true && self.is_admin(user)
        })
    }
}
