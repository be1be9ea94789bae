//! The account's settings in full: every section of `GET /accounts/{accountId}/settings` and its
//! `option` parts, the lock settings, and what groups and users set otherwise.
//!
//! `settings.json` holds one document per level (`account`, `account_locks`, `group`,
//! `group_locks`, `user`), built from the examples of Zoom's schemas (`zoom-accounts.json`,
//! `zoom-users.json`; the first enum value, `false`, `0`, `""` or `[]` where an example is
//! missing or does not fit its schema). A level's document has the sections of the default
//! answer and one section per option (`meeting_security`, `meeting_authentication`,
//! `recording_authentication`), so a setting has one path whatever request serves it:
//! `in_meeting.chat`, `meeting_security.waiting_room`,
//! `meeting_authentication.meeting_authentication`. Two group fields are left out
//! (`in_meeting.language_interpretation.languages`, `in_meeting.unchecked_data_center_regions`):
//! their schema puts an enum of strings on the array itself, which no answer satisfies.
//!
//! What is served is derived from the account: the account's values ([`SimSettings::account`],
//! varied by seed), except the settings [`SimSaas`]'s policy fields hold (`POLICY_PATHS`: the
//! portal shows them too, so they live in one place); a group's settings are the account's
//! where the group does not set its own ([`SimSettings::groups`]), a user's those of the user's
//! first group, else the account's, where the user does not set its own. Tests change one
//! setting through [`Account::set_setting`] and its siblings inside [`crate::Simulator::edit`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

use fastrand::Rng;
use serde_json::{Map, Value, json};

use super::account::Account;
use super::random::percent;
use super::saas::{SimMeetingPolicy, SimRecordingPolicy, SimSaas, TwoFactor};
use super::users::{SimGroup, SimUser};

/// The documents of every level, as Zoom's schemas describe them.
const TEMPLATES: &str = include_str!("settings.json");

/// The options of the settings endpoints: each is a section of a level's document.
pub(crate) const OPTIONS: [&str; 3] = [
    "meeting_security",
    "meeting_authentication",
    "recording_authentication",
];

/// The options whose answer is the section itself (`{"meeting_security": {...}}`); the others
/// answer with the section's fields at the top.
const WRAPPED_OPTIONS: [&str; 1] = ["meeting_security"];

/// Account settings that [`SimSaas`]'s policy fields hold (sign-in security, SSO, the meeting
/// and recording policies): read from them, written to them, never kept in
/// [`SimSettings::account`].
pub(crate) const POLICY_PATHS: &[&str] = &[
    "security.signin_with_sso.enable",
    "security.signin_with_sso.require_sso_for_domains",
    "security.signin_with_sso.domains",
    "security.signin_with_sso.sso_bypass_users",
    "security.password_requirement.consecutive_characters_length",
    "security.password_requirement.have_special_character",
    "security.password_requirement.minimum_password_length",
    "security.password_requirement.weak_enhance_detection",
    "security.sign_again_period_for_inactivity_on_web",
    "security.sign_in_with_two_factor_auth",
    "security.sign_in_with_two_factor_auth_groups",
    "security.sign_in_with_two_factor_auth_roles",
    "schedule_meeting.require_password_for_scheduled_meetings",
    "meeting_security.require_password_for_scheduled_meeting",
    "meeting_security.waiting_room",
    "meeting_security.embed_password_in_join_link",
    "recording.cloud_recording",
    "recording.auto_delete_cmr",
    "recording.auto_delete_cmr_days",
];

/// Settings of the account, its groups and its users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimSettings {
    /// The account's settings (sections of the default answer and of each option), without
    /// `POLICY_PATHS`.
    pub account: Map<String, Value>,
    /// The account's locks, in the shape of `GET /accounts/{accountId}/lock_settings` (the
    /// `meeting_security` section is its option's answer).
    pub account_locks: Map<String, Value>,
    /// What each group sets otherwise than the account, by group ID.
    pub groups: BTreeMap<String, SimOverrides>,
    /// What each user sets otherwise than the account and the user's group, by user ID.
    pub users: BTreeMap<String, SimOverrides>,
}

/// Settings a group or a user sets itself, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SimOverrides {
    /// Values (`in_meeting.chat` -> `false`).
    pub values: BTreeMap<String, Value>,
    /// Locks (groups only; `in_meeting.chat` -> `true`).
    pub locks: BTreeMap<String, bool>,
}

/// A setting change the simulated account cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SettingError {
    /// Zoom's schema has no such setting at that level.
    #[error("no setting {path:?} in the {level} settings")]
    Unknown {
        /// `account`, `account lock`, `group`, `group lock` or `user`.
        level: &'static str,
        /// The path asked for.
        path: String,
    },
    /// The value is not of the setting's type (served answers must keep Zoom's schema).
    #[error("setting {path:?} holds {expected}, not {given}")]
    WrongType {
        /// The path.
        path: String,
        /// The JSON type the setting holds.
        expected: &'static str,
        /// The value given.
        given: String,
    },
    /// No group or user with this ID.
    #[error("no group or user {0:?}")]
    UnknownOwner(String),
    /// A policy setting that cannot be written as a value (two-factor enforcement, SSO
    /// bypass users): edit [`SimSaas`]'s fields instead.
    #[error("setting {0:?} is edited through the account's policy fields")]
    PolicyOnly(String),
}

/// The parsed templates.
struct Templates {
    account: Map<String, Value>,
    account_locks: Map<String, Value>,
    group: Map<String, Value>,
    group_locks: Map<String, Value>,
    user: Map<String, Value>,
}

fn templates() -> &'static Templates {
    static TEMPLATES_PARSED: OnceLock<Templates> = OnceLock::new();
    TEMPLATES_PARSED.get_or_init(|| {
        let mut all: Map<String, Value> =
            serde_json::from_str(TEMPLATES).expect("settings.json is a JSON object");
        let mut take = |name: &str| match all.remove(name) {
            Some(Value::Object(map)) => map,
            _ => panic!("settings.json has no object {name:?}"),
        };
        Templates {
            account: take("account"),
            account_locks: take("account_locks"),
            group: take("group"),
            group_locks: take("group_locks"),
            user: take("user"),
        }
    })
}

/// Every leaf of `map` (a value that is not a non-empty object), as (dotted path, value), in
/// path order.
pub(crate) fn leaves(map: &Map<String, Value>) -> Vec<(String, &Value)> {
    fn walk<'a>(prefix: &str, map: &'a Map<String, Value>, out: &mut Vec<(String, &'a Value)>) {
        for (key, value) in map {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                Value::Object(inner) if !inner.is_empty() => walk(&path, inner, out),
                _ => out.push((path, value)),
            }
        }
    }
    let mut out = Vec::new();
    walk("", map, &mut out);
    // Sorted here: a map's own order depends on serde_json's features.
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The value at a dotted path.
fn get<'a>(map: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    match (map.get(head)?, rest) {
        (value, None) => Some(value),
        (Value::Object(inner), Some(rest)) => get(inner, rest),
        _ => None,
    }
}

/// Sets the value at a dotted path, creating objects on the way.
fn put(map: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            map.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let entry = map
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(inner) = entry {
                put(inner, rest, value);
            }
        }
    }
}

/// Removes the value at a dotted path.
fn remove(map: &mut Map<String, Value>, path: &str) {
    match path.split_once('.') {
        None => {
            map.remove(path);
        }
        Some((head, rest)) => {
            if let Some(Value::Object(inner)) = map.get_mut(head) {
                remove(inner, rest);
            }
        }
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `Ok` when `value` has the JSON type of `template`.
fn same_type(path: &str, template: &Value, value: &Value) -> Result<(), SettingError> {
    if type_name(template) == type_name(value) {
        Ok(())
    } else {
        Err(SettingError::WrongType {
            path: path.to_owned(),
            expected: type_name(template),
            given: value.to_string(),
        })
    }
}

/// The answer for `option` cut out of a level's whole document: the default answer without
/// the options' sections, or one option's section (wrapped or not, as Zoom answers it).
/// `None` for an option Zoom does not have.
fn answer(mut whole: Map<String, Value>, option: Option<&str>) -> Option<Value> {
    match option {
        None => {
            for option in OPTIONS {
                whole.remove(option);
            }
            Some(Value::Object(whole))
        }
        Some(option) if OPTIONS.contains(&option) => {
            let section = whole.remove(option).unwrap_or(Value::Object(Map::new()));
            if WRAPPED_OPTIONS.contains(&option) {
                Some(json!({ option: section }))
            } else {
                Some(section)
            }
        }
        Some(_) => None,
    }
}

/// Whether `value` can stand where `template` does: the same JSON type, and for arrays items
/// of the template's first item's type (the same name holds strings at one level and objects
/// at another: `tsp.call_out_countries`), so an empty template array takes nothing.
fn fits(template: &Value, value: &Value) -> bool {
    match (template, value) {
        (Value::Array(template), Value::Array(items)) => template
            .first()
            .is_some_and(|first| items.iter().all(|item| type_name(item) == type_name(first))),
        _ => type_name(template) == type_name(value),
    }
}

/// A template filled leaf by leaf from `value_of` where that fits it, else its own value.
fn filled(
    template: &Map<String, Value>,
    value_of: impl Fn(&str) -> Option<Value>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for (path, default) in leaves(template) {
        let value = value_of(&path)
            .filter(|v| fits(default, v))
            .unwrap_or_else(|| default.clone());
        put(&mut out, &path, value);
    }
    out
}

/// A policy setting's value, from [`SimSaas`]'s fields (`None` where the answer leaves it
/// out).
fn policy_value(account: &Account, path: &str) -> Option<Value> {
    let saas = &account.saas;
    let security = &saas.security;
    let SimMeetingPolicy {
        require_passcode,
        waiting_room,
        embed_passcode_in_join_link,
    } = saas.meetings;
    let SimRecordingPolicy {
        cloud_recording,
        auto_delete,
        auto_delete_days,
    } = saas.recording;
    Some(match path {
        "security.signin_with_sso.enable" => json!(saas.sso.enabled),
        "security.signin_with_sso.require_sso_for_domains" => json!(saas.sso.require_for_domains),
        "security.signin_with_sso.domains" => json!(saas.sso.domains),
        "security.signin_with_sso.sso_bypass_users" => Value::Array(
            saas.sso
                .bypass_user_ids
                .iter()
                .filter_map(|id| account.user(id))
                .map(|u| json!({ "id": u.id, "email": u.email }))
                .collect(),
        ),
        "security.password_requirement.consecutive_characters_length" => {
            json!(security.password_consecutive_characters_length)
        }
        "security.password_requirement.have_special_character" => {
            json!(security.password_special_character)
        }
        "security.password_requirement.minimum_password_length" => {
            json!(security.password_min_length)
        }
        "security.password_requirement.weak_enhance_detection" => {
            json!(security.weak_enhance_detection)
        }
        "security.sign_again_period_for_inactivity_on_web" => {
            json!(security.sign_again_period_for_inactivity_on_web)
        }
        "security.sign_in_with_two_factor_auth" => json!(security.two_factor.as_str()),
        "security.sign_in_with_two_factor_auth_groups" => match &security.two_factor {
            TwoFactor::Groups(ids) => json!(ids),
            _ => return None,
        },
        "security.sign_in_with_two_factor_auth_roles" => match &security.two_factor {
            TwoFactor::Roles(ids) => json!(ids),
            _ => return None,
        },
        "schedule_meeting.require_password_for_scheduled_meetings"
        | "meeting_security.require_password_for_scheduled_meeting" => json!(require_passcode),
        "meeting_security.waiting_room" => json!(waiting_room),
        "meeting_security.embed_password_in_join_link" => json!(embed_passcode_in_join_link),
        "recording.cloud_recording" => json!(cloud_recording),
        "recording.auto_delete_cmr" => json!(auto_delete),
        "recording.auto_delete_cmr_days" if auto_delete => json!(auto_delete_days),
        _ => return None,
    })
}

/// Writes a policy setting into [`SimSaas`]'s fields.
fn set_policy(saas: &mut SimSaas, path: &str, value: &Value) -> Result<(), SettingError> {
    let wrong = |expected: &'static str| SettingError::WrongType {
        path: path.to_owned(),
        expected,
        given: value.to_string(),
    };
    let flag = || value.as_bool().ok_or_else(|| wrong("a boolean"));
    let number = || {
        value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| wrong("an integer"))
    };
    match path {
        "security.signin_with_sso.enable" => saas.sso.enabled = flag()?,
        "security.signin_with_sso.require_sso_for_domains" => {
            saas.sso.require_for_domains = flag()?;
        }
        "security.signin_with_sso.domains" => {
            saas.sso.domains =
                serde_json::from_value(value.clone()).map_err(|_| wrong("an array of strings"))?;
        }
        "security.password_requirement.consecutive_characters_length" => {
            saas.security.password_consecutive_characters_length = number()?;
        }
        "security.password_requirement.have_special_character" => {
            saas.security.password_special_character = flag()?;
        }
        "security.password_requirement.minimum_password_length" => {
            saas.security.password_min_length = number()?;
        }
        "security.password_requirement.weak_enhance_detection" => {
            saas.security.weak_enhance_detection = flag()?;
        }
        "security.sign_again_period_for_inactivity_on_web" => {
            saas.security.sign_again_period_for_inactivity_on_web = number()?;
        }
        "schedule_meeting.require_password_for_scheduled_meetings"
        | "meeting_security.require_password_for_scheduled_meeting" => {
            saas.meetings.require_passcode = flag()?;
        }
        "meeting_security.waiting_room" => saas.meetings.waiting_room = flag()?,
        "meeting_security.embed_password_in_join_link" => {
            saas.meetings.embed_passcode_in_join_link = flag()?;
        }
        "recording.cloud_recording" => saas.recording.cloud_recording = flag()?,
        "recording.auto_delete_cmr" => saas.recording.auto_delete = flag()?,
        "recording.auto_delete_cmr_days" => saas.recording.auto_delete_days = number()?,
        _ => return Err(SettingError::PolicyOnly(path.to_owned())),
    }
    Ok(())
}

impl Account {
    /// The account's value of a setting (`in_meeting.chat`, `meeting_security.waiting_room`),
    /// as served.
    #[must_use]
    pub fn setting(&self, path: &str) -> Option<Value> {
        if POLICY_PATHS.contains(&path) {
            return policy_value(self, path);
        }
        get(&self.saas.settings.account, path).cloned()
    }

    /// Whether the account locks a setting (`None`: the lock settings do not name it).
    #[must_use]
    pub fn setting_lock(&self, path: &str) -> Option<bool> {
        get(&self.saas.settings.account_locks, path).and_then(Value::as_bool)
    }

    /// Sets the account's value of a setting (of the type Zoom's schema gives it).
    ///
    /// # Errors
    /// [`SettingError`] for a path the account's settings do not have, a value of another
    /// type, or a policy setting that is not a plain value.
    pub fn set_setting(&mut self, path: &str, value: Value) -> Result<(), SettingError> {
        if POLICY_PATHS.contains(&path) {
            return set_policy(&mut self.saas, path, &value);
        }
        let template = get(&templates().account, path)
            .filter(|t| !t.is_object())
            .ok_or_else(|| SettingError::Unknown {
                level: "account",
                path: path.to_owned(),
            })?;
        same_type(path, template, &value)?;
        put(&mut self.saas.settings.account, path, value);
        Ok(())
    }

    /// Locks or unlocks a setting for the whole account (a path of the lock settings:
    /// `in_meeting.chat`, `meeting_security.waiting_room`).
    ///
    /// # Errors
    /// [`SettingError::Unknown`] for a path the lock settings do not have.
    pub fn lock_setting(&mut self, path: &str, locked: bool) -> Result<(), SettingError> {
        get(&templates().account_locks, path)
            .filter(|t| t.is_boolean())
            .ok_or_else(|| SettingError::Unknown {
                level: "account lock",
                path: path.to_owned(),
            })?;
        put(&mut self.saas.settings.account_locks, path, json!(locked));
        Ok(())
    }

    /// Sets a group's own value of a setting (a path of the group settings).
    ///
    /// # Errors
    /// [`SettingError`] for an unknown group or path, or a value of another type.
    pub fn set_group_setting(
        &mut self,
        group_id: &str,
        path: &str,
        value: Value,
    ) -> Result<(), SettingError> {
        self.check_owner(group_id, true)?;
        let template = leaf_of(&templates().group, "group", path)?;
        same_type(path, template, &value)?;
        let overrides = self
            .saas
            .settings
            .groups
            .entry(group_id.to_owned())
            .or_default();
        overrides.values.insert(path.to_owned(), value);
        Ok(())
    }

    /// Locks or unlocks a setting for a group's members.
    ///
    /// # Errors
    /// [`SettingError`] for an unknown group or lock path.
    pub fn lock_group_setting(
        &mut self,
        group_id: &str,
        path: &str,
        locked: bool,
    ) -> Result<(), SettingError> {
        self.check_owner(group_id, true)?;
        leaf_of(&templates().group_locks, "group lock", path)?;
        let overrides = self
            .saas
            .settings
            .groups
            .entry(group_id.to_owned())
            .or_default();
        overrides.locks.insert(path.to_owned(), locked);
        Ok(())
    }

    /// Sets a user's own value of a setting (a path of the user settings).
    ///
    /// # Errors
    /// [`SettingError`] for an unknown user or path, or a value of another type.
    pub fn set_user_setting(
        &mut self,
        user_id: &str,
        path: &str,
        value: Value,
    ) -> Result<(), SettingError> {
        self.check_owner(user_id, false)?;
        let template = leaf_of(&templates().user, "user", path)?;
        same_type(path, template, &value)?;
        let overrides = self
            .saas
            .settings
            .users
            .entry(user_id.to_owned())
            .or_default();
        overrides.values.insert(path.to_owned(), value);
        Ok(())
    }

    fn check_owner(&self, id: &str, group: bool) -> Result<(), SettingError> {
        let known = if group {
            self.groups.iter().any(|g| g.id == id)
        } else {
            self.user(id).is_some()
        };
        if known {
            Ok(())
        } else {
            Err(SettingError::UnknownOwner(id.to_owned()))
        }
    }

    /// The account's whole settings document: every section, policy settings included.
    fn account_settings_whole(&self) -> Map<String, Value> {
        let mut whole = self.saas.settings.account.clone();
        for path in POLICY_PATHS {
            if let Some(value) = policy_value(self, path) {
                put(&mut whole, path, value);
            }
        }
        whole
    }

    /// `GET /accounts/{accountId}/settings` (`option`: `meeting_security`, `meeting_authentication`, `recording_authentication`, or `security`); `None`
    /// for another option.
    #[must_use]
    pub fn account_settings_answer(&self, option: Option<&str>) -> Option<Value> {
        let mut whole = self.account_settings_whole();
        if option == Some("security") {
            return Some(json!({ "security": whole.remove("security").unwrap_or_default() }));
        }
        answer(whole, option)
    }

    /// `GET /accounts/{accountId}/lock_settings` (`option`: `meeting_security`); `None` for
    /// another option.
    #[must_use]
    pub fn account_lock_settings_answer(&self, option: Option<&str>) -> Option<Value> {
        if option.is_some_and(|o| !WRAPPED_OPTIONS.contains(&o)) {
            return None;
        }
        answer(self.saas.settings.account_locks.clone(), option)
    }

    /// The value a group's members get: the group's own, else the account's.
    fn group_value(&self, group_id: &str, path: &str) -> Option<Value> {
        self.saas
            .settings
            .groups
            .get(group_id)
            .and_then(|o| o.values.get(path).cloned())
            .or_else(|| self.setting(path))
    }

    /// `GET /groups/{groupId}/settings`; `None` for an unknown group or option.
    #[must_use]
    pub fn group_settings_answer(&self, group_id: &str, option: Option<&str>) -> Option<Value> {
        self.groups.iter().find(|g| g.id == group_id)?;
        let whole = filled(&templates().group, |path| self.group_value(group_id, path));
        answer(whole, option)
    }

    /// `GET /groups/{groupId}/lock_settings` (the account's locks where the group sets none);
    /// `None` for an unknown group or option.
    #[must_use]
    pub fn group_lock_settings_answer(
        &self,
        group_id: &str,
        option: Option<&str>,
    ) -> Option<Value> {
        self.groups.iter().find(|g| g.id == group_id)?;
        if option.is_some_and(|o| !WRAPPED_OPTIONS.contains(&o)) {
            return None;
        }
        let own = self.saas.settings.groups.get(group_id);
        let whole = filled(&templates().group_locks, |path| {
            own.and_then(|o| o.locks.get(path))
                .copied()
                .or_else(|| self.setting_lock(path))
                .map(Value::Bool)
                .or(Some(Value::Bool(false)))
        });
        answer(whole, option)
    }

    /// `GET /users/{userId}/settings` (ID or e-mail); `None` for an unknown user or option.
    #[must_use]
    pub fn user_settings_answer(&self, user_id: &str, option: Option<&str>) -> Option<Value> {
        let user = self.user(user_id)?;
        let own = self.saas.settings.users.get(&user.id);
        let group = user.group_ids.first();
        let whole = filled(&templates().user, |path| {
            own.and_then(|o| o.values.get(path).cloned())
                .or_else(|| match group {
                    Some(group) => self.group_value(group, path),
                    None => self.setting(path),
                })
        });
        answer(whole, option)
    }
}

fn leaf_of<'a>(
    template: &'a Map<String, Value>,
    level: &'static str,
    path: &str,
) -> Result<&'a Value, SettingError> {
    get(template, path)
        .filter(|t| !t.is_object())
        .ok_or_else(|| SettingError::Unknown {
            level,
            path: path.to_owned(),
        })
}

/// Inputs of [`generate`].
pub(crate) struct Inputs<'a> {
    pub(crate) seed: u64,
    pub(crate) meetings: SimMeetingPolicy,
    pub(crate) recording: SimRecordingPolicy,
    pub(crate) users: &'a [SimUser],
    pub(crate) groups: &'a [SimGroup],
}

/// Share of the account's boolean settings turned the other way than Zoom's examples.
const FLIPPED_PERCENT: u32 = 15;
/// Share of the lockable settings the account locks.
const LOCKED_PERCENT: u32 = 40;
/// Share of users with a setting of their own.
const USERS_WITH_OWN_PERCENT: u32 = 5;

/// Generates the settings from their own random stream: Zoom's examples with some booleans
/// turned, some settings locked, a few of each group's and some users' settings their own.
pub(crate) fn generate(inputs: &Inputs<'_>) -> SimSettings {
    let mut rng = Rng::with_seed(inputs.seed ^ 0x5e77_1465_0000_0006);
    let templates = templates();

    let mut account = templates.account.clone();
    for path in POLICY_PATHS {
        remove(&mut account, path);
    }
    for (path, value) in leaves(&account.clone()) {
        if let Value::Bool(on) = value
            && percent(&mut rng, FLIPPED_PERCENT)
        {
            put(&mut account, &path, Value::Bool(!on));
        }
    }
    // What the simulator served before it served every setting, derived from the policies.
    let passcode = inputs.meetings.require_passcode;
    for (path, value) in [
        ("security.admin_change_user_info", json!(true)),
        ("security.hide_billing_info", json!(false)),
        (
            "security.sign_again_period_for_inactivity_on_client",
            json!(0),
        ),
        ("schedule_meeting.host_video", json!(true)),
        ("schedule_meeting.participant_video", json!(false)),
        (
            "schedule_meeting.join_before_host",
            json!(!inputs.meetings.waiting_room),
        ),
        (
            "schedule_meeting.require_password_for_instant_meetings",
            json!(passcode),
        ),
        (
            "schedule_meeting.require_password_for_pmi_meetings",
            json!(if passcode { "all" } else { "none" }),
        ),
        ("recording.local_recording", json!(true)),
        ("meeting_security.auto_security", json!(true)),
        ("meeting_security.meeting_password", json!(passcode)),
        ("meeting_security.pmi_password", json!(passcode)),
    ] {
        put(&mut account, path, value);
    }

    // A few lock fields are strings in Zoom's schema: they keep the example.
    let mut account_locks = templates.account_locks.clone();
    for (path, value) in leaves(&templates.account_locks) {
        if value.is_boolean() {
            put(
                &mut account_locks,
                &path,
                Value::Bool(percent(&mut rng, LOCKED_PERCENT)),
            );
        }
    }
    let auto_delete = inputs.recording.auto_delete;
    for (path, locked) in [
        ("recording.cloud_recording", auto_delete),
        ("recording.auto_delete_cmr", auto_delete),
        ("schedule_meeting.embed_password_in_join_link", passcode),
    ] {
        put(&mut account_locks, path, Value::Bool(locked));
    }

    // Groups set a few booleans the other way than the account, and lock a few.
    let shared_flags = |template: &Map<String, Value>| -> Vec<String> {
        leaves(template)
            .into_iter()
            .filter(|(path, value)| value.is_boolean() && get(&account, path).is_some())
            .map(|(path, _)| path)
            .collect()
    };
    let group_flags = shared_flags(&templates.group);
    let group_locks: Vec<String> = leaves(&templates.group_locks)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    let mut groups = BTreeMap::new();
    for group in inputs.groups {
        let mut own = SimOverrides::default();
        for _ in 0..rng.usize(0..=3) {
            let path = &group_flags[rng.usize(..group_flags.len())];
            let on = get(&account, path)
                .and_then(Value::as_bool)
                .unwrap_or(false);
            own.values.insert(path.clone(), Value::Bool(!on));
        }
        for _ in 0..rng.usize(0..=2) {
            let path = &group_locks[rng.usize(..group_locks.len())];
            own.locks.insert(path.clone(), true);
        }
        if own != SimOverrides::default() {
            groups.insert(group.id.clone(), own);
        }
    }

    let user_flags = shared_flags(&templates.user);
    let mut users = BTreeMap::new();
    for user in inputs.users {
        if percent(&mut rng, USERS_WITH_OWN_PERCENT) {
            let path = &user_flags[rng.usize(..user_flags.len())];
            let on = get(&account, path)
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let mut own = SimOverrides::default();
            own.values.insert(path.clone(), Value::Bool(!on));
            users.insert(user.id.clone(), own);
        }
    }

    SimSettings {
        account,
        account_locks,
        groups,
        users,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SimConfig;
    use crate::generate::random::ts;

    fn account(seed: u64) -> Account {
        Account::generate(&SimConfig {
            users: 60,
            seed,
            now: ts(1_750_000_000),
            ..SimConfig::default()
        })
    }

    #[test]
    fn paths_walk_and_write_nested_objects() {
        let mut map = Map::new();
        put(&mut map, "a.b.c", json!(1));
        put(&mut map, "a.d", json!([]));
        assert_eq!(get(&map, "a.b.c"), Some(&json!(1)));
        assert_eq!(get(&map, "a.b.x"), None);
        let paths: Vec<String> = leaves(&map).into_iter().map(|(p, _)| p).collect();
        assert_eq!(paths, ["a.b.c", "a.d"]);
        remove(&mut map, "a.b.c");
        assert_eq!(get(&map, "a.b.c"), None);
    }

    #[test]
    fn policy_settings_live_in_the_policy_fields_only() {
        let mut account = account(3);
        for path in POLICY_PATHS {
            assert!(
                get(&account.saas.settings.account, path).is_none(),
                "{path}"
            );
        }
        account
            .set_setting("meeting_security.waiting_room", json!(false))
            .unwrap();
        assert!(!account.saas.meetings.waiting_room);
        assert_eq!(
            account.setting("meeting_security.waiting_room"),
            Some(json!(false))
        );
        let served = account
            .account_settings_answer(Some("meeting_security"))
            .unwrap();
        assert_eq!(served["meeting_security"]["waiting_room"], json!(false));
        assert!(matches!(
            account.set_setting("security.sign_in_with_two_factor_auth", json!("all")),
            Err(SettingError::PolicyOnly(_))
        ));
    }

    #[test]
    fn one_setting_changes_alone_and_keeps_its_type() {
        let mut account = account(4);
        let before = account.account_settings_answer(None).unwrap();
        account
            .set_setting("in_meeting.chat", json!(false))
            .unwrap();
        account.set_setting("in_meeting.chat", json!(true)).unwrap();
        let after = account.account_settings_answer(None).unwrap();
        let changed: Vec<String> = leaves(before.as_object().unwrap())
            .into_iter()
            .filter(|(path, value)| get(after.as_object().unwrap(), path) != Some(value))
            .map(|(path, _)| path)
            .collect();
        assert!(changed.len() <= 1, "{changed:?}");
        assert_eq!(after["in_meeting"]["chat"], json!(true));
        assert!(matches!(
            account.set_setting("in_meeting.chat", json!("yes")),
            Err(SettingError::WrongType { .. })
        ));
        assert!(matches!(
            account.set_setting("in_meeting.no_such_thing", json!(true)),
            Err(SettingError::Unknown { .. })
        ));
    }

    #[test]
    fn groups_and_users_inherit_what_they_do_not_set() {
        let mut account = account(5);
        let group = account.groups[0].id.clone();
        account.saas.settings.groups.clear();
        account.saas.settings.users.clear();
        account.set_setting("in_meeting.chat", json!(true)).unwrap();
        let served = account.group_settings_answer(&group, None).unwrap();
        assert_eq!(served["in_meeting"]["chat"], json!(true));
        account
            .set_group_setting(&group, "in_meeting.chat", json!(false))
            .unwrap();
        let served = account.group_settings_answer(&group, None).unwrap();
        assert_eq!(served["in_meeting"]["chat"], json!(false));
        let member = account
            .users
            .iter()
            .find(|u| u.group_ids.first() == Some(&group))
            .map(|u| u.id.clone());
        if let Some(member) = member {
            let served = account.user_settings_answer(&member, None).unwrap();
            assert_eq!(served["in_meeting"]["chat"], json!(false));
            account
                .set_user_setting(&member, "in_meeting.chat", json!(true))
                .unwrap();
            let served = account.user_settings_answer(&member, None).unwrap();
            assert_eq!(served["in_meeting"]["chat"], json!(true));
        }
        assert!(account.group_settings_answer("nope", None).is_none());
        assert!(
            account
                .group_settings_answer(&group, Some("bogus"))
                .is_none()
        );
    }

    #[test]
    fn seeds_vary_values_locks_and_group_settings() {
        let a = account(1).saas.settings;
        let b = account(2).saas.settings;
        assert_ne!(a.account, b.account);
        assert_ne!(a.account_locks, b.account_locks);
        let with_own = (1..=8)
            .filter(|&seed| !account(seed).saas.settings.groups.is_empty())
            .count();
        assert!(with_own >= 4, "{with_own}");
        assert_eq!(account(7).saas.settings, account(7).saas.settings);
    }
}
