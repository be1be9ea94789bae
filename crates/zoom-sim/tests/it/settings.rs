//! Every settings answer: the account's (each option), its locks, each group's settings and
//! locks, users' settings, and the managed and trusted domains; each conforms (strictly) to
//! the branch of Zoom's `oneOf` it answers with, and states the account's ground truth, group
//! and user settings included. Also the setters tests use to change one setting.

use serde_json::{Map, Value, json};
use zoom_sim::{Plan, SettingError, SimConfig};

use crate::common::{Harness, config, start};
use crate::schema::{assert_conforms, schema_errors, spec_schema};

const ACCOUNTS: &str = "zoom-accounts.json";
const USERS: &str = "zoom-users.json";

/// `branch` of the `oneOf` of an operation's 200 schema, then `inner` of that branch's own
/// `oneOf` (the authentication options).
fn assert_branch(file: &str, path: &str, branch: &[usize], body: &Value) {
    let mut schema = spec_schema(file, "GET", path, 200).expect("a 200 schema");
    for &index in branch {
        schema = schema["oneOf"][index].clone();
    }
    assert!(schema.is_object(), "{path} {branch:?}: no such branch");
    let errors = schema_errors(&format!("{file} {path} {branch:?}"), &schema, body);
    assert!(errors.is_empty(), "{path} {branch:?}: {errors:#?}\n{body}");
}

/// Every leaf of a JSON object as (dotted path, value).
fn leaves(value: &Value) -> Vec<(String, Value)> {
    fn walk(prefix: &str, map: &Map<String, Value>, out: &mut Vec<(String, Value)>) {
        for (key, value) in map {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                Value::Object(inner) if !inner.is_empty() => walk(&path, inner, out),
                _ => out.push((path, value.clone())),
            }
        }
    }
    let mut out = Vec::new();
    walk("", value.as_object().expect("an object"), &mut out);
    out
}

/// The answer of an option as paths of the account's namespace (`meeting_authentication.…`).
fn under(option: &str, body: &Value) -> Vec<(String, Value)> {
    if option == "meeting_security" {
        return leaves(body);
    }
    leaves(body)
        .into_iter()
        .map(|(path, value)| (format!("{option}.{path}"), value))
        .collect()
}

async fn business(seed: u64) -> Harness {
    start(SimConfig { seed, ..config(60) }).await
}

#[tokio::test]
async fn account_settings_every_option_conform_and_state_the_account() {
    for seed in [1, 2, 3] {
        let h = business(seed).await;
        let account = h.sim.account();
        let default = h.get("/accounts/me/settings").await;
        assert_eq!(default.status, 200, "{}", default.json);
        assert_branch(
            ACCOUNTS,
            "/accounts/{accountId}/settings",
            &[0],
            &default.json,
        );
        let mut served = leaves(&default.json);
        assert!(served.len() > 300, "{} settings", served.len());
        for (option, branch) in [
            ("meeting_security", vec![2]),
            ("meeting_authentication", vec![1, 0]),
            ("recording_authentication", vec![1, 1]),
        ] {
            let reply = h
                .get(&format!("/accounts/me/settings?option={option}"))
                .await;
            assert_eq!(reply.status, 200, "{option}: {}", reply.json);
            assert_branch(
                ACCOUNTS,
                "/accounts/{accountId}/settings",
                &branch,
                &reply.json,
            );
            served.extend(under(option, &reply.json));
        }
        let security = h.get("/accounts/me/settings?option=security").await;
        assert_branch(
            ACCOUNTS,
            "/accounts/{accountId}/settings",
            &[0],
            &security.json,
        );
        assert_eq!(security.json["security"], default.json["security"]);
        for (path, value) in &served {
            assert_eq!(account.setting(path).as_ref(), Some(value), "{path}");
        }

        let locks = h.get("/accounts/me/lock_settings").await;
        assert_branch(
            ACCOUNTS,
            "/accounts/{accountId}/lock_settings",
            &[0],
            &locks.json,
        );
        let locks_ms = h
            .get("/accounts/me/lock_settings?option=meeting_security")
            .await;
        assert_branch(
            ACCOUNTS,
            "/accounts/{accountId}/lock_settings",
            &[1],
            &locks_ms.json,
        );
        let mut locked = 0;
        for (path, value) in leaves(&locks.json)
            .into_iter()
            .chain(leaves(&locks_ms.json))
        {
            assert_eq!(account.setting_lock(&path), value.as_bool(), "{path}");
            locked += usize::from(value == json!(true));
        }
        assert!(locked > 10, "{locked} locks");
        h.get("/accounts/me/lock_settings?option=bogus")
            .await
            .assert_error(400, 300, "Validation Failed.");
        h.get("/accounts/me/settings?option=bogus")
            .await
            .assert_error(400, 300, "Validation Failed.");
    }
}

#[tokio::test]
async fn group_settings_and_locks_inherit_the_account_where_the_group_sets_nothing() {
    let mut groups_with_own = 0;
    for seed in [1, 2, 3, 4] {
        let h = business(seed).await;
        let account = h.sim.account();
        for group in &account.groups {
            let own = account.saas.settings.groups.get(&group.id);
            groups_with_own += usize::from(own.is_some());
            let base = format!("/groups/{}/settings", group.id);
            let default = h.get(&base).await;
            assert_eq!(default.status, 200, "{}", default.json);
            assert_branch(USERS, "/groups/{groupId}/settings", &[0], &default.json);
            let mut served = leaves(&default.json);
            for (option, branch) in [
                ("meeting_security", vec![2]),
                ("meeting_authentication", vec![1, 0]),
                ("recording_authentication", vec![1, 1]),
            ] {
                let reply = h.get(&format!("{base}?option={option}")).await;
                assert_branch(USERS, "/groups/{groupId}/settings", &branch, &reply.json);
                served.extend(under(option, &reply.json));
            }
            for (path, value) in served.iter().filter(|(_, v)| !v.is_array()) {
                let expected = own
                    .and_then(|o| o.values.get(path).cloned())
                    .or_else(|| account.setting(path));
                if let Some(expected) = expected {
                    assert_eq!(value, &expected, "group {} {path}", group.name);
                }
            }
            if let Some(own) = own {
                for path in own.values.keys() {
                    assert!(served.iter().any(|(p, _)| p == path), "{path} not served");
                }
            }
            let locks = h.get(&format!("/groups/{}/lock_settings", group.id)).await;
            assert_branch(USERS, "/groups/{groupId}/lock_settings", &[0], &locks.json);
            let locks_ms = h
                .get(&format!(
                    "/groups/{}/lock_settings?option=meeting_security",
                    group.id
                ))
                .await;
            assert_branch(
                USERS,
                "/groups/{groupId}/lock_settings",
                &[1],
                &locks_ms.json,
            );
            let lock_flags = leaves(&locks.json)
                .into_iter()
                .chain(leaves(&locks_ms.json))
                .filter(|(_, v)| v.is_boolean());
            for (path, value) in lock_flags {
                let expected = own
                    .and_then(|o| o.locks.get(&path).copied())
                    .or_else(|| account.setting_lock(&path))
                    .unwrap_or(false);
                assert_eq!(value, json!(expected), "group {} lock {path}", group.name);
            }
        }
        h.get("/groups/nope/settings")
            .await
            .assert_error(404, 4130, "Group does not exist: nope.");
        h.get("/groups/nope/lock_settings").await.assert_error(
            404,
            4130,
            "Group does not exist: nope.",
        );
    }
    assert!(
        groups_with_own >= 4,
        "{groups_with_own} groups set their own"
    );
}

#[tokio::test]
async fn user_settings_follow_the_user_then_the_group_then_the_account() {
    let h = business(6).await;
    let account = h.sim.account();
    let mut own_seen = 0;
    for user in account.users.iter().filter(|u| !u.invitation_expired) {
        let reply = h.get(&format!("/users/{}/settings", user.id)).await;
        assert_eq!(reply.status, 200, "{}", reply.json);
        assert_branch(USERS, "/users/{userId}/settings", &[0], &reply.json);
        let own = account.saas.settings.users.get(&user.id);
        own_seen += usize::from(own.is_some());
        let group = user
            .group_ids
            .first()
            .and_then(|g| account.saas.settings.groups.get(g));
        for (path, value) in leaves(&reply.json)
            .into_iter()
            .filter(|(_, v)| !v.is_array())
        {
            let expected = own
                .and_then(|o| o.values.get(&path).cloned())
                .or_else(|| group.and_then(|g| g.values.get(&path).cloned()))
                .or_else(|| account.setting(&path));
            if let Some(expected) = expected {
                assert_eq!(value, expected, "{} {path}", user.email);
            }
        }
    }
    assert!(own_seen >= 1, "no user sets a setting of their own");
    let owner = account.owner();
    let reply = h
        .get(&format!(
            "/users/{}/settings?option=meeting_security",
            owner.id
        ))
        .await;
    assert_branch(USERS, "/users/{userId}/settings", &[3], &reply.json);
    h.get("/users/nobody/settings")
        .await
        .assert_error(404, 1001, "User does not exist: nobody.");
}

#[tokio::test]
async fn domains_conform_and_state_the_account() {
    let h = business(2).await;
    let account = h.sim.account();
    let managed = h.get("/accounts/me/managed_domains").await;
    assert_conforms(
        ACCOUNTS,
        "GET",
        "/accounts/{accountId}/managed_domains",
        200,
        &managed.json,
    );
    let names: Vec<&str> = managed.json["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["domain"].as_str().unwrap())
        .collect();
    assert!(names.contains(&account.domain.as_str()), "{names:?}");
    assert_eq!(
        managed.json["total_records"],
        account.saas.managed_domains.len()
    );
    let trusted = h.get("/accounts/me/trusted_domains").await;
    assert_conforms(
        ACCOUNTS,
        "GET",
        "/accounts/{accountId}/trusted_domains",
        200,
        &trusted.json,
    );
    assert_eq!(
        trusted.json["trusted_domains"],
        json!(account.saas.trusted_domains)
    );
}

#[tokio::test]
async fn free_accounts_have_no_group_settings() {
    let h = start(SimConfig {
        plan: Plan::Free,
        ..config(5)
    })
    .await;
    h.get("/groups/any/settings")
        .await
        .assert_error(400, 200, "Only available for Paid account.");
    let settings = h.get("/accounts/me/settings").await;
    assert_branch(
        ACCOUNTS,
        "/accounts/{accountId}/settings",
        &[0],
        &settings.json,
    );
}

#[tokio::test]
async fn one_setting_is_set_at_each_level_and_served_so() {
    let h = business(3).await;
    let group = h.sim.account().groups[0].id.clone();
    let user = h.sim.account().owner().id.clone();
    h.sim
        .edit(|account| {
            account.set_setting("in_meeting.file_transfer", json!(false))?;
            account.lock_setting("in_meeting.file_transfer", false)?;
            account.set_setting("meeting_security.waiting_room", json!(false))?;
            account.set_group_setting(&group, "in_meeting.file_transfer", json!(true))?;
            account.lock_group_setting(&group, "in_meeting.chat", true)?;
            account.set_user_setting(&user, "in_meeting.annotation", json!(false))?;
            Ok::<(), SettingError>(())
        })
        .unwrap();
    let settings = h.get("/accounts/me/settings").await;
    assert_eq!(settings.json["in_meeting"]["file_transfer"], json!(false));
    let security = h.get("/accounts/me/settings?option=meeting_security").await;
    assert_eq!(
        security.json["meeting_security"]["waiting_room"],
        json!(false)
    );
    let locks = h.get("/accounts/me/lock_settings").await;
    assert_eq!(locks.json["in_meeting"]["file_transfer"], json!(false));
    let of_group = h.get(&format!("/groups/{group}/settings")).await;
    assert_eq!(of_group.json["in_meeting"]["file_transfer"], json!(true));
    let group_locks = h.get(&format!("/groups/{group}/lock_settings")).await;
    assert_eq!(group_locks.json["in_meeting"]["chat"], json!(true));
    let of_user = h.get(&format!("/users/{user}/settings")).await;
    assert_eq!(of_user.json["in_meeting"]["annotation"], json!(false));

    let refused = h.sim.edit(|account| {
        [
            account.set_setting("in_meeting.file_transfer", json!(1)),
            account.set_setting("in_meeting.bogus", json!(true)),
            account.lock_setting("in_meeting.bogus", true),
            account.set_group_setting("nope", "in_meeting.chat", json!(true)),
        ]
    });
    assert!(matches!(refused[0], Err(SettingError::WrongType { .. })));
    assert!(matches!(refused[1], Err(SettingError::Unknown { .. })));
    assert!(matches!(refused[2], Err(SettingError::Unknown { .. })));
    assert!(matches!(refused[3], Err(SettingError::UnknownOwner(_))));
}
