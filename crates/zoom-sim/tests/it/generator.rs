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
    assert_eq!(a.rooms, b.rooms);
    assert_eq!(a.locations, b.locations);
    assert_eq!(a.calendar_services, b.calendar_services);
    assert_eq!(a.h323_devices, b.h323_devices);
    assert_eq!(a.zdm_devices, b.zdm_devices);
    assert_eq!(a.meeting_devices, b.meeting_devices);
    assert_eq!(a.meetings, b.meetings);
    assert_eq!(a.sign_in_activities, b.sign_in_activities);
    assert_eq!(a.operation_logs, b.operation_logs);
    let c = Account::generate(&SimConfig {
        seed: 7,
        ..config(500)
    });
    assert_ne!(a.users, c.users);
    assert_ne!(a.rooms, c.rooms);
    assert_ne!(a.meetings, c.meetings);
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

#[test]
fn rooms_devices_meetings_and_reports_are_consistent() {
    let account = Account::generate(&config(1000));
    check_consistency(&account);
    let now = account.now;
    // Room accounts: the last users, one per room.
    assert_eq!(account.rooms.len(), 20);
    let n = account.users.len();
    for (room, user) in account.rooms.iter().zip(&account.users[n - 20..]) {
        assert_eq!(room.user_id, user.id);
        assert_eq!(user.login_types, [100]);
        assert_eq!(user.role_id, "2");
        assert_eq!(user.status, UserStatus::Active);
        assert!(account.location(&room.location_id).is_some());
    }
    let names: HashSet<&str> = account.rooms.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names.len(), account.rooms.len());
    assert_eq!(account.h323_devices.len(), 10);
    assert_eq!(account.zdm_devices.len(), 50);

    // Meetings: in start order, in the 200 days before now, ended, host first, unique UUIDs.
    let uuids: HashSet<&str> = account.meetings.iter().map(|m| m.uuid.as_str()).collect();
    assert_eq!(uuids.len(), account.meetings.len());
    assert!(
        account
            .meetings
            .windows(2)
            .all(|w| w[0].start_time <= w[1].start_time)
    );
    let first = account.meetings[0].start_time.as_second();
    assert!(now.as_second() - first <= 201 * 86_400 && now.as_second() - first > 190 * 86_400);
    for m in &account.meetings {
        assert_eq!(m.uuid.len(), 24);
        assert!(m.end_time < now && m.start_time < m.end_time);
        assert_eq!(m.participants[0].role, zoom_sim::ParticipantRole::Host);
        assert_eq!(m.participants[0].id, m.host_id);
        for p in &m.participants {
            assert!(p.join_time >= m.start_time && p.leave_time <= m.end_time);
            if let Some(d) = p.meeting_device {
                let device = &account.meeting_devices[d];
                assert!(p.id.is_empty() || p.id == device.owner_user_id);
            }
        }
    }
    // Each device joins from one owner; a laptop keeps its identity across meetings.
    let mut joins = vec![0usize; account.meeting_devices.len()];
    for p in account.meetings.iter().flat_map(|m| &m.participants) {
        if let Some(d) = p.reported_device() {
            joins[d] += 1;
        }
    }
    assert!(joins.iter().filter(|&&j| j >= 5).count() > 50);

    // Reports: sorted, inside the window, no sign-in after the last login.
    assert!(
        account
            .sign_in_activities
            .windows(2)
            .all(|w| w[0].time <= w[1].time)
    );
    assert!(
        account
            .operation_logs
            .windows(2)
            .all(|w| w[0].time <= w[1].time)
    );
    for a in &account.sign_in_activities {
        let user = account.user(&a.email).unwrap();
        if a.activity_type == zoom_sim::ActivityType::SignIn {
            assert!(Some(a.time) <= user.last_login_time);
        }
        assert!(a.time <= now);
    }
}

#[test]
fn large_accounts_stay_bounded() {
    let account = Account::generate(&config(5000));
    assert_eq!(account.users.len(), 5000);
    assert_eq!(account.rooms.len(), 100);
    assert!(
        account.meetings.len() <= 45 * 201,
        "{}",
        account.meetings.len()
    );
    let participants: usize = account.meetings.iter().map(|m| m.participants.len()).sum();
    assert!(participants < 60_000, "{participants}");
    assert!(account.sign_in_activities.len() < 40_000);
    assert!(account.operation_logs.len() <= 31 * 201);
}

#[test]
fn free_accounts_have_no_rooms_or_devices() {
    // Free accounts: no rooms, H.323 or ZDM devices; meetings still happen.
    let free = Account::generate(&SimConfig {
        plan: Plan::Free,
        ..config(100)
    });
    check_consistency(&free);
    assert!(
        free.rooms.is_empty() && free.locations.is_empty() && free.calendar_services.is_empty()
    );
    assert!(free.h323_devices.is_empty() && free.zdm_devices.is_empty());
    assert!(!free.meetings.is_empty());
    assert!(free.users.iter().all(|u| !u.email.starts_with("room-")));
}
