//! The SaaS side end to end: the records a fetch stores equal the simulator's account field by
//! field; each posture control passes on a well-configured simulated account and fails on a
//! badly configured one; and `diff` between two runs lists exactly what the simulator was told
//! to change.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use inventory_model::Kind;
use inventory_model::posture::{self, Facts, Status};
use inventory_store::{AssetQuery, ChangeKind, Store, StoredAsset};
use jiff::SignedDuration;
use serde_json::{Value, json};
use zoom_collector::{AssetType, Clock, FetchOptions, FetchOverrides, fetch, fetch_with_options};
use zoom_sim::{Account, SimConfig, Simulator, TwoFactor, UserStatus, UserType};

use crate::support::settings;

async fn business(seed: u64, users: usize) -> Simulator {
    Simulator::start(SimConfig {
        seed,
        users,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts")
}

/// Users and H.323 devices only, besides the SaaS side: what these tests change.
fn narrow() -> FetchOverrides {
    FetchOverrides {
        asset_types: Some(vec![AssetType::H323]),
        ..FetchOverrides::default()
    }
}

fn assets(db: &Path) -> Vec<StoredAsset> {
    Store::open(db)
        .expect("store opens")
        .assets(&AssetQuery::default())
        .expect("assets read")
}

fn by_id(assets: &[StoredAsset], kind: Kind) -> BTreeMap<String, Value> {
    assets
        .iter()
        .filter(|a| a.kind == kind)
        .map(|a| (a.id.clone(), a.fields.clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saas_records_equal_the_simulators_account() {
    let sim = business(11, 60).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let report = fetch(&settings(&sim, narrow()), &db, |_| {})
        .await
        .expect("fetch");
    assert!(!report.is_partial(), "{:?}", report.run.reason);
    let account = sim.account();
    let saas = &account.saas;
    let stored = assets(&db);

    let accounts = by_id(&stored, Kind::Account);
    let record = &accounts[&format!("account:{}", account.account_id)];
    let seats = account.seat_counts();
    let expected_targets: Vec<String> = match &saas.security.two_factor {
        TwoFactor::Roles(ids) => ids
            .iter()
            .map(|id| account.role(id).expect("role").name.clone())
            .collect(),
        TwoFactor::Groups(ids) => ids
            .iter()
            .map(|id| {
                account
                    .groups
                    .iter()
                    .find(|g| &g.id == id)
                    .expect("group")
                    .name
                    .clone()
            })
            .collect(),
        TwoFactor::All | TwoFactor::None => Vec::new(),
    };
    let expected = json!({
        "seats_purchased": saas.subscription.seats_purchased,
        "seats_assigned": seats.licensed,
        "billing_cycle": saas.subscription.cycle.as_str(),
        "sso_enabled": saas.sso.enabled,
        "sso_required": saas.sso.require_for_domains,
        "sso_domains": saas.sso.domains,
        "managed_domains": saas.managed_domains.iter().map(|(domain, _)| domain).collect::<Vec<_>>(),
        "two_factor_enforcement": saas.security.two_factor.as_str(),
        "two_factor_targets": expected_targets,
        "password_min_length": saas.security.password_min_length,
        "password_requires_special_character": saas.security.password_special_character,
        "password_consecutive_characters_length": saas.security.password_consecutive_characters_length,
        "password_weak_detection": saas.security.weak_enhance_detection,
        "meeting_passcode_required": saas.meetings.require_passcode,
        "waiting_room": saas.meetings.waiting_room,
        "passcode_in_join_link": saas.meetings.embed_passcode_in_join_link,
        "cloud_recording": saas.recording.cloud_recording,
        "recording_auto_delete": saas.recording.auto_delete,
    });
    for (field, value) in expected.as_object().expect("object") {
        assert_eq!(&record[field], value, "account.{field}");
        assert_eq!(record["sources"][field], "api", "source of {field}");
    }
    // The portal was not read: what only the portal gives is absent, with no source.
    for field in ["renewal_date", "billing_amount_cents", "sso_idp", "plan"] {
        assert!(record[field].is_null(), "{field}: {}", record[field]);
        assert!(record["sources"].get(field).is_none());
    }

    let licenses = by_id(&stored, Kind::License);
    let meetings = &licenses["license:meetings"];
    assert_eq!(meetings["purchased"], saas.subscription.seats_purchased);
    assert_eq!(meetings["assigned"], seats.licensed);
    assert_eq!(
        meetings["unassigned"],
        saas.subscription.seats_purchased - seats.licensed
    );
    let rooms = &licenses["license:zoom_rooms"];
    assert_eq!(rooms["purchased"], account.rooms.len());

    let roles = by_id(&stored, Kind::Role);
    assert_eq!(roles.len(), account.roles.len());
    for role in &account.roles {
        let record = &roles[&format!("role:{}", role.id)];
        let privileges = &saas
            .role_privileges
            .iter()
            .find(|(id, _)| *id == role.id)
            .expect("privileges")
            .1;
        assert_eq!(record["name"], role.name.as_str());
        assert_eq!(record["total_members"], role.total_members);
        assert_eq!(record["privileges"], json!(privileges));
        assert_eq!(
            record["is_admin"],
            privileges.iter().any(|p| p.ends_with(":Edit"))
        );
    }

    let groups = by_id(&stored, Kind::Group);
    assert_eq!(groups.len(), account.groups.len());
    for group in &account.groups {
        let record = &groups[&format!("group:{}", group.id)];
        assert_eq!(record["name"], group.name.as_str());
        assert_eq!(record["total_members"], group.total_members);
    }

    let apps = by_id(&stored, Kind::App);
    assert_eq!(apps.len(), saas.apps.len());
    for app in &saas.apps {
        let record = &apps[&format!("app:{}", app.app_id)];
        assert_eq!(record["name"], app.app_name.as_str());
        assert_eq!(record["developer_type"], app.developer_type.as_str());
        let titles: Vec<&str> = app.scopes.iter().map(|(_, title)| title.as_str()).collect();
        assert_eq!(record["scope_titles"], json!(titles));
        // The scopes the app requests, from its details.
        let scopes: Vec<&str> = app.scopes.iter().map(|(scope, _)| scope.as_str()).collect();
        assert_eq!(record["requested_scopes"], json!(scopes));
        assert_eq!(record["sources"]["requested_scopes"], "api");
        assert_eq!(record["installed_by"], saas.portal_user.email.as_str());
        assert_eq!(
            record["installed_at"],
            app.approved_time.to_string().as_str()
        );
    }
}

/// On an approved partner's master account Zoom's plans API answers: the renewal date comes
/// from the API, without the portal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_plans_api_gives_the_renewal_date_where_zoom_allows_it() {
    let sim = Simulator::start(SimConfig {
        seed: 12,
        users: 30,
        master_account: true,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let report = fetch(&settings(&sim, narrow()), &db, |_| {})
        .await
        .expect("fetch");
    assert!(!report.is_partial(), "{:?}", report.run.reason);
    let account = sim.account();
    let renewal = account.saas.subscription.renewal_date.expect("a paid plan");
    let stored = assets(&db);
    let record = &by_id(&stored, Kind::Account)[&format!("account:{}", account.account_id)];
    assert_eq!(record["renewal_date"], renewal.to_string());
    assert_eq!(record["sources"]["renewal_date"], "api");
    let license = &by_id(&stored, Kind::License)["license:meetings"];
    assert_eq!(license["renewal_date"], renewal.to_string());
    assert_eq!(license["sources"]["renewal_date"], "api");
}

/// Every setting a control reads, set to pass (`good`) or fail.
fn configure(account: &mut Account, good: bool) {
    let saas = &mut account.saas;
    saas.security.two_factor = if good {
        TwoFactor::All
    } else {
        TwoFactor::None
    };
    saas.sso.enabled = true;
    saas.sso.require_for_domains = good;
    saas.sso.domains = vec![account.domain.clone()];
    saas.security.password_min_length = if good { 14 } else { 8 };
    saas.security.password_special_character = good;
    saas.security.weak_enhance_detection = good;
    saas.meetings.require_passcode = good;
    saas.meetings.waiting_room = good;
    saas.recording.cloud_recording = true;
    saas.recording.auto_delete = good;
    let now = account.now;
    let licensed = account
        .users
        .iter()
        .filter(|u| u.user_type == UserType::Licensed && u.status == UserStatus::Active)
        .count();
    // Seats: exactly what is used, or twice as many.
    let used = account.seat_counts().licensed;
    account.saas.subscription.seats_purchased = if good { used } else { used * 2 + 5 };
    // Sign-ins: everyone recently, or one licensed user not for a year.
    for user in &mut account.users {
        user.last_login_time = Some(now - SignedDuration::from_hours(24));
    }
    if !good {
        let stale = account
            .users
            .iter_mut()
            .find(|u| u.user_type == UserType::Licensed && u.status == UserStatus::Active)
            .expect("a licensed user");
        stale.last_login_time = Some(now - SignedDuration::from_hours(24 * 365));
    }
    assert!(licensed > 0);
    // Apps: only apps without account-wide scopes, or the default set (with some).
    if good {
        account.saas.apps.retain(|app| {
            app.scopes
                .iter()
                .all(|(scope, _)| !scope.ends_with(":admin"))
        });
    }
}

/// The identity and app risks, judged on users' sign-ins, roles and installers that
/// `configure` does not set (the model's tests flip each of them).
const IDENTITY_RISKS: [&str; 4] = ["ZI-IAM-001", "ZI-IAM-002", "ZI-IAM-003", "ZI-APP-002"];

/// The controls of the account's configuration.
fn configuration_controls() -> Vec<posture::Control> {
    posture::controls()
        .into_iter()
        .filter(|c| !IDENTITY_RISKS.contains(&c.id.as_str()))
        .collect()
}

async fn judged(sim: &Simulator, db: &Path) -> BTreeMap<String, Status> {
    let report = fetch(&settings(sim, narrow()), db, |_| {})
        .await
        .expect("fetch");
    assert!(!report.is_partial(), "{:?}", report.run.reason);
    let stored = assets(db);
    // The simulator's account is as of its own clock.
    let facts = Facts::from_assets(
        stored
            .iter()
            .map(|a| (a.kind, a.source_id.as_str(), &a.fields)),
        Some(sim.account().now),
    );
    posture::evaluate(&configuration_controls(), &facts)
        .into_iter()
        .map(|f| (f.control, f.status))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_control_passes_on_a_good_account_and_fails_on_a_bad_one() {
    let controls: BTreeSet<String> = configuration_controls().into_iter().map(|c| c.id).collect();
    assert!(controls.len() >= 9, "{controls:?}");
    for (good, expected) in [(true, Status::Pass), (false, Status::Fail)] {
        let sim = business(21, 40).await;
        sim.edit(|account| configure(account, good));
        let dir = tempfile::tempdir().expect("temp dir");
        let statuses = judged(&sim, &dir.path().join("inventory.db")).await;
        assert_eq!(statuses.keys().cloned().collect::<BTreeSet<_>>(), controls);
        for (control, status) in &statuses {
            assert_eq!(*status, expected, "{control} on the good={good} account");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn controls_without_facts_are_unknown_not_passed() {
    let facts = Facts::default();
    for finding in posture::evaluate(&posture::controls(), &facts) {
        assert_eq!(finding.status, Status::Unknown, "{}", finding.control);
        assert!(!finding.evidence.is_empty());
    }
}

/// What changed between two versions of the simulated account, as the inventory should see
/// it: `(change, id)` for users, H.323 devices, roles and groups (member counts), and the
/// account itself.
fn expected_changes(before: &Account, after: &Account) -> BTreeSet<(ChangeKind, String)> {
    let mut changes = BTreeSet::new();
    let active = |account: &Account| -> BTreeMap<String, String> {
        account
            .users
            .iter()
            .filter(|u| u.status == UserStatus::Active)
            .map(|u| (u.id.clone(), format!("{}|{:?}", u.email, u.job_title)))
            .collect()
    };
    let diff_maps = |old: BTreeMap<String, String>,
                     new: BTreeMap<String, String>,
                     prefix: &str,
                     changes: &mut BTreeSet<(ChangeKind, String)>| {
        for (id, value) in &old {
            match new.get(id) {
                None => {
                    changes.insert((ChangeKind::Removed, format!("{prefix}{id}")));
                }
                Some(other) if other != value => {
                    changes.insert((ChangeKind::Changed, format!("{prefix}{id}")));
                }
                Some(_) => {}
            }
        }
        for id in new.keys().filter(|id| !old.contains_key(*id)) {
            changes.insert((ChangeKind::Added, format!("{prefix}{id}")));
        }
    };
    diff_maps(active(before), active(after), "user:", &mut changes);
    let h323 = |account: &Account| -> BTreeMap<String, String> {
        account
            .h323_devices
            .iter()
            .map(|d| (d.id.clone(), d.name.clone()))
            .collect()
    };
    diff_maps(h323(before), h323(after), "h323:", &mut changes);
    let roles = |account: &Account| -> BTreeMap<String, String> {
        account
            .roles
            .iter()
            .map(|r| (r.id.clone(), r.total_members.to_string()))
            .collect()
    };
    diff_maps(roles(before), roles(after), "role:", &mut changes);
    let groups = |account: &Account| -> BTreeMap<String, String> {
        account
            .groups
            .iter()
            .map(|g| (g.id.clone(), g.total_members.to_string()))
            .collect()
    };
    diff_maps(groups(before), groups(after), "group:", &mut changes);
    let (seats_before, seats_after) = (before.seat_counts(), after.seat_counts());
    if before.saas != after.saas || seats_before.licensed != seats_after.licensed {
        changes.insert((ChangeKind::Changed, format!("account:{}", after.account_id)));
    }
    if seats_before.licensed != seats_after.licensed {
        changes.insert((ChangeKind::Changed, "license:meetings".to_owned()));
    }
    // The account's settings, each its own record: those whose served value changed.
    let served = |account: &Account| -> BTreeMap<String, String> {
        let mut leaves = BTreeMap::new();
        for option in [
            None,
            Some("meeting_security"),
            Some("meeting_authentication"),
            Some("recording_authentication"),
        ] {
            let answer = account.account_settings_answer(option).expect("served");
            // `meeting_security` answers inside its own section, the others at the top.
            let name = option.unwrap_or_default();
            let wrapped = answer
                .as_object()
                .is_some_and(|map| map.len() == 1 && map.get(name).is_some_and(Value::is_object));
            flatten(if wrapped { "" } else { name }, &answer, &mut leaves);
        }
        leaves
    };
    diff_maps(
        served(before),
        served(after),
        "setting:account/",
        &mut changes,
    );
    changes
}

/// Every leaf of a settings answer by path under `prefix`.
fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, child, out);
            }
        }
        _ => {
            out.insert(prefix.to_owned(), value.to_string());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diff_reports_exactly_the_changes_made_between_two_runs() {
    let sim = business(31, 60).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let settings = settings(&sim, narrow());
    let first = fetch(&settings, &db, |_| {}).await.expect("first fetch");

    let before = sim.account();
    sim.edit(|account| {
        // Two people leave (Basic or licensed: the first active ones after the owner).
        let leaving: Vec<String> = account
            .users
            .iter()
            .skip(1)
            .filter(|u| u.status == UserStatus::Active && !u.email.starts_with("room-"))
            .take(2)
            .map(|u| u.id.clone())
            .collect();
        account.users.retain(|u| !leaving.contains(&u.id));
        // One joins: a copy of an existing person with a new identity.
        let mut newcomer = account
            .users
            .iter()
            .find(|u| u.status == UserStatus::Active && u.role_id == "2")
            .expect("an active member")
            .clone();
        newcomer.id = "NewcomerId0000000000AA".to_owned();
        newcomer.email = format!("newcomer@{}", account.domain);
        newcomer.pmi = 9_876_543_210;
        account.users.insert(2, newcomer);
        // One changes job.
        let changed = account
            .users
            .iter_mut()
            .skip(3)
            .find(|u| u.status == UserStatus::Active && !u.email.starts_with("room-"))
            .expect("an active user");
        changed.job_title = Some("Chief Inventory Officer".to_owned());
        // An H.323 device is retired; 2FA enforcement flips.
        account.h323_devices.remove(0);
        account.saas.security.two_factor = match account.saas.security.two_factor {
            TwoFactor::All => TwoFactor::None,
            _ => TwoFactor::All,
        };
    });
    let after = sim.account();
    // A job title is in a user's detail only: a full run reads it at once (an incremental one
    // within `detail_refresh_hours`).
    let second = fetch_with_options(
        &settings,
        &db,
        Clock::system(),
        FetchOptions { full: true },
        |_| {},
    )
    .await
    .expect("second fetch");

    let store = Store::open(&db).expect("store");
    let reported: BTreeSet<(ChangeKind, String)> = store
        .diff(first.run.id, second.run.id, None)
        .expect("diff")
        .into_iter()
        .map(|change| (change.change, change.id))
        .collect();
    let expected = expected_changes(&before, &after);
    assert!(expected.len() >= 6, "{expected:?}");
    assert_eq!(reported, expected);

    // The account's changes include the 2FA setting, old and new.
    let account_change = store
        .diff(first.run.id, second.run.id, Some(Kind::Account))
        .expect("diff");
    let fields: Vec<&str> = account_change[0]
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert!(fields.contains(&"two_factor_enforcement"), "{fields:?}");
    let two_factor = account_change[0]
        .fields
        .iter()
        .find(|f| f.field == "two_factor_enforcement")
        .expect("2FA change");
    assert_eq!(two_factor.old, before.saas.security.two_factor.as_str());
    assert_eq!(two_factor.new, after.saas.security.two_factor.as_str());

    // An unchanged re-run: no change, no new version of any asset (raw JSON included).
    let third = fetch(&settings, &db, |_| {}).await.expect("third fetch");
    assert!(
        store
            .diff(second.run.id, third.run.id, None)
            .expect("diff")
            .is_empty()
    );
    for (kind, counts) in &third.run.counts {
        assert_eq!(
            (counts.added, counts.changed, counts.removed),
            (0, 0, 0),
            "{kind}: {counts:?}"
        );
        assert!(
            counts.seen > 0 || *kind == Kind::Activity || *kind == Kind::Device,
            "{kind}"
        );
    }
}
