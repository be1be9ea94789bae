//! Zoom's settings as records (`kind = "setting"`): one record per setting of the account, with
//! whether the account locks it; per group and per user, the settings they set otherwise than
//! the account; and the account's managed and trusted domains.
//!
//! A setting is named by its path in Zoom's answer (`in_meeting.chat`), an option's part under
//! the option's name (`meeting_security.waiting_room`,
//! `meeting_authentication.meeting_authentication`), so that one setting has one path at every
//! level and `diff` shows it changed or unlocked. Groups and users inherit the account's
//! settings; only where they differ is a record stored (a group's lock included), which keeps
//! the store at one record per setting of the account plus the exceptions.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use zoom_api::wire::{ManagedDomains, SettingsOption, TrustedDomains, WithRaw};

use crate::{Asset, Record};

/// Scopes of setting records: each is complete when its reads all succeeded.
pub mod scope {
    /// The account's settings and locks.
    pub const ACCOUNT: &str = "saas/settings";
    /// What groups set otherwise.
    pub const GROUPS: &str = "saas/group_settings";
    /// What users set otherwise (`fetch.user_settings`).
    pub const USERS: &str = "saas/user_settings";
    /// The account's managed and trusted domains.
    pub const DOMAINS: &str = "saas/domains";
}

/// Whose setting it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The account's: what everyone gets unless a group or user sets otherwise.
    Account,
    /// A group's own.
    Group,
    /// A user's own.
    User,
}

impl Level {
    /// `account`, `group` or `user`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Account => "account",
            Level::Group => "group",
            Level::User => "user",
        }
    }
}

/// One setting (product contract, `kind = "setting"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Setting {
    /// `account`, `group` or `user`.
    pub level: Level,
    /// Zoom's ID of the account, group or user.
    pub owner_id: String,
    /// The group's name or the user's e-mail address.
    pub owner: Option<String>,
    /// The setting's path (`in_meeting.chat`).
    pub path: String,
    /// Its value as Zoom gave it; `null` when only its lock was read.
    pub value: Value,
    /// Whether this level locks it (groups and users below cannot change it); `None` when the
    /// lock settings do not name it.
    pub locked: Option<bool>,
}

/// The fields of [`Setting`], in declaration order.
pub const FIELD_NAMES: &[&str] = &["level", "owner_id", "owner", "path", "value", "locked"];

/// One level's settings as read: each answer as received, absent when not read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SettingsRead {
    /// The default answer (every section).
    pub settings: Option<Value>,
    /// Each option's answer.
    pub options: Vec<(SettingsOption, Value)>,
    /// The lock settings' default answer.
    pub locks: Option<Value>,
    /// Each option's lock settings.
    pub option_locks: Vec<(SettingsOption, Value)>,
}

/// A level's settings by path: values, and locks (`true`/`false` leaves of the lock settings).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Flattened {
    /// Each setting's value.
    pub values: BTreeMap<String, Value>,
    /// Each lock.
    pub locks: BTreeMap<String, bool>,
}

impl Flattened {
    /// The lock that covers `path`: its own, else the nearest enclosing one (the lock
    /// `chat.share_files` covers `chat.share_files.enable`).
    pub fn lock_of(&self, path: &str) -> Option<bool> {
        let mut candidate = path;
        loop {
            if let Some(&locked) = self.locks.get(candidate) {
                return Some(locked);
            }
            candidate = &candidate[..candidate.rfind('.')?];
        }
    }
}

/// Every leaf of `value` (a value that is not a non-empty object) under `prefix`.
fn flatten_into(prefix: &str, value: &Value, out: &mut BTreeMap<String, Value>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten_into(&path, child, out);
            }
        }
        _ if !prefix.is_empty() => {
            out.insert(prefix.to_owned(), value.clone());
        }
        _ => {}
    }
}

/// An option's answer under the option's name: `meeting_security` answers with its section
/// (`{"meeting_security": {...}}`), the authentication options with their fields at the top.
fn flatten_option(option: SettingsOption, answer: &Value, out: &mut BTreeMap<String, Value>) {
    let name = option.as_str();
    let wrapped = answer
        .as_object()
        .is_some_and(|map| map.len() == 1 && map.get(name).is_some_and(Value::is_object));
    flatten_into(if wrapped { "" } else { name }, answer, out);
}

impl SettingsRead {
    /// Whether none of the level's settings was read (its lock settings alone do not count).
    pub fn is_empty(&self) -> bool {
        self.settings.is_none() && self.options.is_empty()
    }

    /// Every setting and lock by path.
    pub fn flatten(&self) -> Flattened {
        let mut values = BTreeMap::new();
        if let Some(settings) = &self.settings {
            flatten_into("", settings, &mut values);
        }
        for (option, answer) in &self.options {
            flatten_option(*option, answer, &mut values);
        }
        let mut lock_values = BTreeMap::new();
        if let Some(locks) = &self.locks {
            flatten_into("", locks, &mut lock_values);
        }
        for (option, answer) in &self.option_locks {
            flatten_option(*option, answer, &mut lock_values);
        }
        let locks = lock_values
            .into_iter()
            .filter_map(|(path, value)| Some((path, value.as_bool()?)))
            .collect();
        Flattened { values, locks }
    }
}

fn record(
    level: Level,
    owner_id: &str,
    owner: Option<&str>,
    path: &str,
    value: Value,
    locked: Option<bool>,
) -> Record {
    let source_id = match level {
        Level::Account => format!("account/{path}"),
        Level::Group | Level::User => format!("{}/{owner_id}/{path}", level.as_str()),
    };
    let scope = match level {
        Level::Account => scope::ACCOUNT,
        Level::Group => scope::GROUPS,
        Level::User => scope::USERS,
    };
    Record {
        id: format!("setting:{source_id}"),
        source_id,
        scope: scope.to_owned(),
        raw: value.clone(),
        asset: Asset::Setting(Setting {
            level,
            owner_id: owner_id.to_owned(),
            owner: owner.map(str::to_owned),
            path: path.to_owned(),
            value,
            locked,
        }),
    }
}

/// The account's settings: one record per setting (its lock from the lock that covers it), and
/// one per lock that covers no setting read (its value `null`).
pub fn account(account_id: &str, read: &Flattened) -> Vec<Record> {
    let mut records: Vec<Record> = read
        .values
        .iter()
        .map(|(path, value)| {
            record(
                Level::Account,
                account_id,
                None,
                path,
                value.clone(),
                read.lock_of(path),
            )
        })
        .collect();
    for (path, &locked) in &read.locks {
        let covers_a_value = read
            .values
            .range(path.clone()..)
            .next()
            .is_some_and(|(first, _)| first == path || first.starts_with(&format!("{path}.")));
        if !covers_a_value {
            records.push(record(
                Level::Account,
                account_id,
                None,
                path,
                Value::Null,
                Some(locked),
            ));
        }
    }
    records.sort_by(|a, b| a.id.cmp(&b.id));
    records
}

/// A group's own settings: those whose value differs from the account's, and those the group
/// locks otherwise than the account.
pub fn group(
    group_id: &str,
    name: Option<&str>,
    read: &Flattened,
    account: &Flattened,
) -> Vec<Record> {
    let mut paths: BTreeMap<&str, (Value, Option<bool>)> = BTreeMap::new();
    for (path, value) in &read.values {
        if account.values.get(path) != Some(value) {
            paths.insert(path, (value.clone(), read.lock_of(path)));
        }
    }
    for (path, &locked) in &read.locks {
        if account.lock_of(path) != Some(locked) && !paths.contains_key(path.as_str()) {
            let value = read.values.get(path).cloned().unwrap_or(Value::Null);
            paths.insert(path, (value, Some(locked)));
        }
    }
    paths
        .into_iter()
        .map(|(path, (value, locked))| record(Level::Group, group_id, name, path, value, locked))
        .collect()
}

/// A user's own settings: those whose value differs from the account's.
pub fn user(
    user_id: &str,
    email: Option<&str>,
    read: &Flattened,
    account: &Flattened,
) -> Vec<Record> {
    read.values
        .iter()
        .filter(|(path, value)| account.values.get(*path) != Some(*value))
        .map(|(path, value)| record(Level::User, user_id, email, path, value.clone(), None))
        .collect()
}

/// The account's managed domains (`managed_domains`: `[{"domain", "status"}]` as Zoom gives
/// them) and trusted domains (`trusted_domains`: names), each when read.
pub fn domains(
    account_id: &str,
    managed: Option<&WithRaw<ManagedDomains>>,
    trusted: Option<&WithRaw<TrustedDomains>>,
) -> Vec<Record> {
    let mut records = Vec::new();
    if let Some(managed) = managed {
        let value = managed
            .raw
            .get("domains")
            .cloned()
            .unwrap_or_else(|| Value::Array(Vec::new()));
        records.push(record(
            Level::Account,
            account_id,
            None,
            "managed_domains",
            value,
            None,
        ));
    }
    if let Some(trusted) = trusted {
        let value = serde_json::to_value(&trusted.item.trusted_domains).unwrap_or_default();
        records.push(record(
            Level::Account,
            account_id,
            None,
            "trusted_domains",
            value,
            None,
        ));
    }
    for record in &mut records {
        record.scope = scope::DOMAINS.to_owned();
    }
    records
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read() -> SettingsRead {
        SettingsRead {
            settings: Some(json!({
                "in_meeting": { "chat": true, "watermark": false },
                "chat": { "share_files": { "enable": true, "share_option": "anyone" } },
                "telephony": { "telephony_regions": { "allowed_values": ["USTB"] } },
            })),
            options: vec![
                (
                    SettingsOption::MeetingSecurity,
                    json!({ "meeting_security": { "waiting_room": true } }),
                ),
                (
                    SettingsOption::MeetingAuthentication,
                    json!({ "meeting_authentication": true, "authentication_options": [] }),
                ),
            ],
            locks: Some(json!({
                "in_meeting": { "chat": true, "save_caption": false },
                "chat": { "share_files": true },
            })),
            option_locks: vec![(
                SettingsOption::MeetingSecurity,
                json!({ "meeting_security": { "waiting_room": false } }),
            )],
        }
    }

    fn fields(records: &[Record]) -> Vec<(String, Value)> {
        records.iter().map(|r| (r.id.clone(), r.fields())).collect()
    }

    #[test]
    fn every_setting_is_a_record_with_the_lock_that_covers_it() {
        let flat = read().flatten();
        let records = account("acc", &flat);
        let by_id: BTreeMap<String, Value> = fields(&records).into_iter().collect();
        assert_eq!(
            by_id["setting:account/in_meeting.chat"],
            json!({"level": "account", "owner_id": "acc", "owner": null, "path": "in_meeting.chat", "value": true, "locked": true})
        );
        assert_eq!(
            by_id["setting:account/in_meeting.watermark"]["locked"],
            Value::Null
        );
        assert_eq!(
            by_id["setting:account/chat.share_files.share_option"]["locked"],
            json!(true)
        );
        assert_eq!(
            by_id["setting:account/meeting_security.waiting_room"]["locked"],
            json!(false)
        );
        assert_eq!(
            by_id["setting:account/meeting_authentication.meeting_authentication"]["value"],
            json!(true)
        );
        assert_eq!(
            by_id["setting:account/telephony.telephony_regions.allowed_values"]["value"],
            json!(["USTB"])
        );
        // A lock that covers no setting read is kept, without a value.
        assert_eq!(
            by_id["setting:account/in_meeting.save_caption"],
            json!({"level": "account", "owner_id": "acc", "owner": null, "path": "in_meeting.save_caption", "value": null, "locked": false})
        );
        assert!(records.iter().all(|r| r.scope == scope::ACCOUNT));
        assert_eq!(records.len(), 9);
    }

    #[test]
    fn groups_and_users_keep_what_differs_from_the_account() {
        let account_flat = read().flatten();
        let mut group_read = read();
        group_read.settings = Some(json!({
            "in_meeting": { "chat": false, "watermark": false, "mute_upon_entry": true },
        }));
        group_read.options.clear();
        group_read.option_locks.clear();
        group_read.locks = Some(json!({ "in_meeting": { "chat": true, "watermark": true } }));
        let records = group("g1", Some("Sales"), &group_read.flatten(), &account_flat);
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "setting:group/g1/in_meeting.chat",
                "setting:group/g1/in_meeting.mute_upon_entry",
                "setting:group/g1/in_meeting.watermark",
            ]
        );
        assert_eq!(records[0].fields()["owner"], json!("Sales"));
        assert_eq!(records[0].fields()["value"], json!(false));
        // Locked by the group where the account does not lock it; its value as the account's.
        assert_eq!(records[2].fields()["locked"], json!(true));
        assert_eq!(records[2].fields()["value"], json!(false));
        assert!(records.iter().all(|r| r.scope == scope::GROUPS));

        let user_read = Flattened {
            values: [
                ("in_meeting.chat".to_owned(), json!(true)),
                ("in_meeting.annotation".to_owned(), json!(false)),
            ]
            .into(),
            locks: BTreeMap::new(),
        };
        let records = user("u1", Some("a@x.test"), &user_read, &account_flat);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].id, "setting:user/u1/in_meeting.annotation");
        assert_eq!(records[0].fields()["locked"], Value::Null);
    }

    #[test]
    fn domains_are_account_settings_of_their_own_scope() {
        let managed = WithRaw::<ManagedDomains>::from_value(
            json!({"domains": [{"domain": "x.test", "status": "verified"}], "total_records": 1}),
        )
        .unwrap();
        let trusted =
            WithRaw::<TrustedDomains>::from_value(json!({"trusted_domains": ["y.test"]})).unwrap();
        let records = domains("acc", Some(&managed), Some(&trusted));
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].id, "setting:account/managed_domains");
        assert_eq!(
            records[0].fields()["value"],
            json!([{"domain": "x.test", "status": "verified"}])
        );
        assert_eq!(records[1].fields()["value"], json!(["y.test"]));
        assert!(records.iter().all(|r| r.scope == scope::DOMAINS));
        assert!(domains("acc", None, None).is_empty());
    }
}
