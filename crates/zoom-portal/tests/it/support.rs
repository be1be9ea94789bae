//! Shared helpers: a simulator with a fixed reference time, the portal configuration for it,
//! the facts its account should yield (from the simulator's ground truth), the lock that keeps
//! browser tests serial, and process listings.

use std::future::Future;
use std::path::Path;
use std::time::Duration;

use secrecy::SecretString;
use zoom_portal::PortalConfig;
use zoom_portal::facts::{
    Billing, Group, Integration, PortalFacts, Profile, Role, Security, Sso, User,
};
use zoom_sim::{Account, SimConfig, Simulator, TwoFactor, UserType};

/// The simulator the fixtures were captured from: seed 42, 20 users, 2025-06-15T00:00:00Z.
pub(crate) fn fixture_config() -> SimConfig {
    SimConfig {
        users: 20,
        now: jiff::Timestamp::from_second(1_749_945_600).unwrap(),
        ..SimConfig::default()
    }
}

pub(crate) async fn start(config: SimConfig) -> Simulator {
    Simulator::start(config).await.unwrap()
}

/// The portal user's configuration, with a session file in `dir`.
pub(crate) fn portal_config(sim: &Simulator, dir: &Path) -> PortalConfig {
    let user = sim.account().saas.portal_user.clone();
    let mut config = PortalConfig::new(
        sim.portal_url().parse().unwrap(),
        user.email,
        SecretString::from(user.password),
        SecretString::from(user.mfa_secret),
    );
    config.session_file = Some(dir.join("portal-session.json"));
    config.timeout = Duration::from_secs(20);
    config
}

/// One browser test at a time (Chromium is heavy on a 2-core machine), each within a time limit
/// so that a hung browser fails the test instead of stalling the run.
pub(crate) async fn serially<T>(test: impl Future<Output = T>) -> T {
    static BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _turn = BROWSER.lock().await;
    tokio::time::timeout(Duration::from_secs(120), test)
        .await
        .expect("a browser test took longer than 120 s")
}

/// What the portal of `account` shows, built from the simulator's ground truth.
pub(crate) fn expected_facts(account: &Account) -> PortalFacts {
    let subscription = &account.saas.subscription;
    let security = &account.saas.security;
    let sso = &account.saas.sso;
    let role_name = |id: &String| account.role(id).unwrap().name.clone();
    let group_name = |id: &String| {
        account
            .groups
            .iter()
            .find(|g| &g.id == id)
            .unwrap()
            .name
            .clone()
    };
    PortalFacts {
        profile: Profile {
            account_name: account.company.clone(),
            account_number: account.account_number.to_string(),
            owner_email: account.owner().email.clone(),
        },
        billing: Billing {
            plan_name: subscription.plan_name.clone(),
            seats_purchased: subscription.seats_purchased as u64,
            seats_assigned: account.seats_assigned() as u64,
            renewal_date: subscription.renewal_date.map(|d| d.to_string()),
            amount_cents: subscription.amount_cents,
            currency: subscription.currency.clone(),
            cycle: subscription.cycle.as_str().to_owned(),
        },
        security: Security {
            two_factor: security.two_factor.as_str().to_owned(),
            two_factor_targets: match &security.two_factor {
                TwoFactor::Roles(ids) => ids.iter().map(role_name).collect(),
                TwoFactor::Groups(ids) => ids.iter().map(group_name).collect(),
                TwoFactor::All | TwoFactor::None => Vec::new(),
            },
            password_min_length: security.password_min_length,
            password_special_character: security.password_special_character,
            password_consecutive_characters_length: security.password_consecutive_characters_length,
            weak_enhance_detection: security.weak_enhance_detection,
        },
        sso: Sso {
            enabled: sso.enabled,
            require_for_domains: sso.require_for_domains,
            idp_name: sso.idp_name.clone(),
            issuer: sso.issuer.clone(),
            domains: sso.domains.clone(),
        },
        roles: account
            .roles
            .iter()
            .map(|role| Role {
                id: role.id.clone(),
                name: role.name.clone(),
                privileges: account
                    .saas
                    .role_privileges
                    .iter()
                    .find(|(id, _)| *id == role.id)
                    .map(|(_, p)| p.clone())
                    .unwrap_or_default(),
                members: role.total_members as u64,
            })
            .collect(),
        groups: account
            .groups
            .iter()
            .map(|g| Group {
                id: g.id.clone(),
                name: g.name.clone(),
                members: g.total_members as u64,
            })
            .collect(),
        users: account
            .users
            .iter()
            .map(|user| User {
                email: user.email.clone(),
                license_type: match user.user_type {
                    UserType::Basic => "Basic",
                    UserType::Licensed => "Licensed",
                    UserType::Unassigned => "Unassigned",
                }
                .to_owned(),
                advanced_settings: account
                    .user_advanced_settings(user)
                    .into_iter()
                    .map(|(name, on)| (name.to_owned(), if on { "on" } else { "off" }.to_owned()))
                    .collect(),
            })
            .collect(),
        integrations: account
            .saas
            .apps
            .iter()
            .map(|app| Integration {
                app_id: app.app_id.clone(),
                name: app.app_name.clone(),
                developer: app.developer_type.clone(),
                scopes: app.scopes.iter().map(|(s, _)| s.clone()).collect(),
                installed_by: account.user(&app.approver_id).unwrap().email.clone(),
                installed_at: app.approved_time.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            })
            .collect(),
    }
}

/// Asserts `actual == expected` part by part, so a failure names the part.
pub(crate) fn assert_facts(actual: &PortalFacts, expected: &PortalFacts) {
    assert_eq!(actual.profile, expected.profile);
    assert_eq!(actual.billing, expected.billing);
    assert_eq!(actual.security, expected.security);
    assert_eq!(actual.sso, expected.sso);
    assert_eq!(actual.roles, expected.roles);
    assert_eq!(actual.groups, expected.groups);
    assert_eq!(actual.users, expected.users);
    assert_eq!(actual.integrations, expected.integrations);
}

/// A live process: parent, process group, command name.
#[derive(Debug, Clone)]
pub(crate) struct Process {
    pub(crate) parent: u32,
    pub(crate) group: u32,
    pub(crate) name: String,
}

/// Every process that is not a zombie, from `/proc`.
pub(crate) fn processes() -> Vec<Process> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        if entry.file_name().to_string_lossy().parse::<u32>().is_err() {
            continue;
        }
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_owned();
        let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        if fields.len() < 3 || fields[0] == "Z" || fields[0] == "X" {
            continue;
        }
        found.push(Process {
            parent: fields[1].parse().unwrap_or(0),
            group: fields[2].parse().unwrap_or(0),
            name,
        });
    }
    found
}

/// Live processes of process group `group`.
pub(crate) fn in_group(group: u32) -> Vec<Process> {
    processes()
        .into_iter()
        .filter(|p| p.group == group)
        .collect()
}

/// Live chromedriver processes started by this test process.
pub(crate) fn our_chromedrivers() -> Vec<Process> {
    let me = std::process::id();
    processes()
        .into_iter()
        .filter(|p| p.parent == me && p.name == "chromedriver")
        .collect()
}
