//! The account generator: realism, consistency, plans, and size.

use std::collections::HashSet;
use std::str::FromStr;

use zoom_sim::{Account, Plan, SimConfig, UserStatus, UserType};

use crate::common::config;

fn check_consistency(account: &Account) {
    let n = account.users.len();
    let ids: HashSet<&str> = account.users.iter().map(|u| u.id.as_str()).collect();
    let emails: HashSet<String> = account
        .users
        .iter()
        .map(|u| u.email.to_lowercase())
        .collect();
    let pmis: HashSet<u64> = account.users.iter().map(|u| u.pmi).collect();
    assert_eq!(
        (ids.len(), emails.len(), pmis.len()),
        (n, n, n),
        "ids, e-mails and PMIs are unique"
    );
    assert_eq!(
        account.users.iter().filter(|u| u.role_id == "0").count(),
        1,
        "exactly one owner"
    );
    assert_eq!(account.owner().role_id, "0");
    for role in &account.roles {
        assert_eq!(
            role.total_members,
            account
                .users
                .iter()
                .filter(|u| u.role_id == role.id)
                .count()
        );
    }
    for group in &account.groups {
        assert_eq!(
            group.total_members,
            account
                .users
                .iter()
                .filter(|u| u.group_ids.contains(&group.id))
                .count()
        );
    }
    for user in &account.users {
        assert_eq!(user.id.len(), 22);
        assert!(
            user.id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert!((1_000_000_000..10_000_000_000).contains(&user.pmi));
        assert!(user.group_ids.len() <= 2);
        assert!(user.email.ends_with(&format!("@{}", account.domain)));
        assert!(user.user_created_at <= account.now && user.created_at <= account.now);
        match user.status {
            UserStatus::Pending => assert!(user.last_login_time.is_none() && !user.verified),
            _ => assert!(!user.invitation_expired),
        }
        if let Some(version) = &user.last_client_version {
            let (number, platform) = version.split_once('(').unwrap();
            assert_eq!(number.split('.').count(), 4, "{version}");
            assert!(
                ["win)", "mac)", "ios)", "android)", "linux)", "web)"].contains(&platform),
                "{version}"
            );
        }
        if user.login_types.contains(&99) {
            assert!(user.email.starts_with("svc-"));
        }
    }
}

#[test]
fn a_realistic_business_account() {
    let account = Account::generate(&config(2000));
    check_consistency(&account);
    let users = &account.users;
    let first_last: HashSet<(&str, &str)> = users
        .iter()
        .map(|u| (u.first_name.as_str(), u.last_name.as_str()))
        .collect();
    assert!(
        first_last.len() > 1000,
        "only {} name combinations",
        first_last.len()
    );
    for t in [UserType::Basic, UserType::Licensed, UserType::Unassigned] {
        assert!(users.iter().any(|u| u.user_type == t), "no {t:?} user");
    }
    for login in [1, 27, 99, 100, 101] {
        assert!(
            users.iter().any(|u| u.login_types.contains(&login)),
            "no login type {login}"
        );
    }
    let service = users.iter().filter(|u| u.login_types == [99]).count();
    assert!((1..=6).contains(&service), "{service} service accounts");
    let names: Vec<&str> = account.roles.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(&names[..3], ["Owner", "Admin", "Member"]);
    assert_eq!(account.roles.len(), 6);
    for custom in &account.roles[3..] {
        assert!(
            custom.id.starts_with('R') && custom.id.len() == 23,
            "{}",
            custom.id
        );
        assert!(custom.total_members > 0);
    }
    assert!(account.roles[1].total_members > 0, "no admins");
    assert!((4..=8).contains(&account.groups.len()));
    assert!(users.iter().any(|u| u.group_ids.is_empty()));
    assert!(users.iter().any(|u| u.group_ids.len() == 2));
    assert!(users.iter().any(|u| u.invitation_expired));
    assert!(
        users
            .iter()
            .any(|u| u.status == UserStatus::Active && u.last_login_time.is_none())
    );
    // Logins spread over months, creation over years.
    let now = account.now.as_second();
    let ages: Vec<i64> = users
        .iter()
        .filter_map(|u| u.last_login_time)
        .map(|t| (now - t.as_second()) / 86_400)
        .collect();
    assert!(ages.iter().any(|&d| d < 7) && ages.iter().any(|&d| d > 90));
    let years = users
        .iter()
        .map(|u| (now - u.user_created_at.as_second()) / (365 * 86_400))
        .max()
        .unwrap();
    assert!(years >= 5);
}

#[test]
fn small_accounts_have_every_status() {
    for users in 1..30 {
        let account = Account::generate(&config(users));
        check_consistency(&account);
        if users >= 3 {
            for status in [
                UserStatus::Active,
                UserStatus::Inactive,
                UserStatus::Pending,
            ] {
                assert!(
                    account.users_with_status(status).count() >= 1,
                    "{users} users: no {status:?}"
                );
            }
        }
    }
}

#[test]
fn plans_shape_the_account() {
    let free = Account::generate(&SimConfig {
        plan: Plan::Free,
        ..config(50)
    });
    check_consistency(&free);
    assert!(free.groups.is_empty());
    assert_eq!(free.roles.len(), 3);
    assert!(free.users.iter().all(|u| u.user_type == UserType::Basic));
    let pro = Account::generate(&SimConfig {
        plan: Plan::Pro,
        ..config(50)
    });
    assert_eq!(pro.roles.len(), 5);
    assert!(!pro.groups.is_empty());

    for (text, plan) in [
        ("free", Plan::Free),
        ("pro", Plan::Pro),
        ("business", Plan::Business),
    ] {
        assert_eq!(Plan::from_str(text).unwrap(), plan);
        assert_eq!(plan.to_string(), text);
    }
    assert_eq!(Plan::from_str("Business").unwrap(), Plan::Business);
    assert!(Plan::from_str("enterprise").is_err());
}

#[test]
fn deterministic_per_seed_and_reference_time() {
    let a = Account::generate(&config(500));
    let b = Account::generate(&config(500));
    assert_eq!(a.users, b.users);
    assert_eq!(a.groups, b.groups);
    assert_eq!(a.roles, b.roles);
    let c = Account::generate(&SimConfig {
        seed: 7,
        ..config(500)
    });
    assert_ne!(a.users, c.users);
    let default_day = SimConfig::default().now.as_second();
    assert_eq!(
        default_day % 86_400,
        0,
        "default reference time is midnight UTC"
    );
}

#[test]
fn one_hundred_thousand_users() {
    let account = Account::generate(&config(100_000));
    assert_eq!(account.users.len(), 100_000);
    check_consistency(&account);
}
