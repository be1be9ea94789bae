//! The CIS Zoom Benchmark against the simulator, table-driven from `cis.toml`: on an account
//! set to pass every item judged from the API, changing the one fact an item reads makes it
//! fail (and only the items that read the same fact); unlocking the setting of an item that
//! requires the lock fails it; a group or user that sets a setting otherwise fails the item,
//! naming them; manual items are never passed or failed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use inventory_model::posture::{self, Check, Control, Expect, Facts, Profile, SettingRule, Status};
use inventory_store::{AssetQuery, Store};
use serde_json::{Value, json};
use zoom_collector::{AssetType, FetchOverrides, fetch};
use zoom_sim::{Account, SimConfig, Simulator};

use crate::support::settings;

/// A fact an item reads, as the simulator is told to change it.
#[derive(Clone, Debug, PartialEq)]
enum Fact {
    /// A setting of the account.
    Setting(SettingRule),
    /// A field of the account record (the password policy), from `SimSecurity`.
    Field {
        field: String,
        good: Value,
        bad: Value,
    },
}

impl Fact {
    /// What the simulator calls it: the setting's path or the record's field.
    fn name(&self) -> &str {
        match self {
            Fact::Setting(rule) => &rule.path,
            Fact::Field { field, .. } => field,
        }
    }
}

/// The facts a check reads (`all` reads each of its parts).
fn facts_of(check: &Check) -> Vec<Fact> {
    match check {
        Check::Setting(rule) => vec![Fact::Setting(rule.clone())],
        Check::All { checks } => checks.iter().flat_map(facts_of).collect(),
        Check::FieldEquals { field, value } => vec![Fact::Field {
            field: field.clone(),
            good: value.clone(),
            bad: flipped(value),
        }],
        Check::FieldAtLeast { field, min } => vec![Fact::Field {
            field: field.clone(),
            good: number(*min + 5.0),
            bad: number(*min - 1.0),
        }],
        Check::Manual => Vec::new(),
        other => panic!("no CIS item should need {other:?}"),
    }
}

fn number(n: f64) -> Value {
    if n.fract() == 0.0 {
        json!(n.max(0.0) as u64)
    } else {
        json!(n)
    }
}

/// Another value of the same JSON type.
fn flipped(value: &Value) -> Value {
    match value {
        Value::Bool(b) => json!(!b),
        Value::Number(n) => number(n.as_f64().unwrap_or_default() + 1.0),
        Value::String(s) => json!(format!("not-{s}")),
        other => panic!("no flip for {other}"),
    }
}

/// A value that meets `expect`, of the type `current` has.
fn passing(expect: &Expect, current: Option<&Value>) -> Value {
    match expect {
        Expect::Equals(value) => value.clone(),
        Expect::OneOf(values) => values[0].clone(),
        Expect::AtLeast(n) | Expect::AtMost(n) => number(*n),
        Expect::NotEmpty => match current {
            Some(value) if expect.passes(value) => value.clone(),
            Some(Value::String(_)) => json!("example"),
            other => panic!("no non-empty value like {other:?}"),
        },
    }
}

/// A value that fails `expect`, of the type `current` has.
fn failing(expect: &Expect, current: Option<&Value>) -> Value {
    match expect {
        Expect::Equals(value) => flipped(value),
        Expect::OneOf(values) => match &values[0] {
            Value::Bool(b) => json!(!b),
            Value::Number(_) => {
                number(values.iter().filter_map(Value::as_f64).fold(0.0, f64::max) + 1.0)
            }
            _ => json!("not-listed"),
        },
        Expect::AtLeast(n) => number(*n - 1.0),
        Expect::AtMost(n) => number(*n + 1.0),
        Expect::NotEmpty => match current {
            Some(Value::Array(_)) => json!([]),
            Some(Value::String(_)) => json!(""),
            other => panic!("no empty value like {other:?}"),
        },
    }
}

/// The items judged from the API and the facts each reads.
fn judged_items() -> Vec<(Control, Vec<Fact>)> {
    Profile::CisL2
        .controls()
        .into_iter()
        .map(|control| {
            let facts = facts_of(&control.check);
            (control, facts)
        })
        .filter(|(_, facts)| !facts.is_empty())
        .collect()
}

fn set_field(account: &mut Account, field: &str, value: &Value) {
    let security = &mut account.saas.security;
    match field {
        "password_min_length" => security.password_min_length = value.as_u64().unwrap() as u32,
        "password_requires_special_character" => {
            security.password_special_character = value.as_bool().unwrap();
        }
        "password_consecutive_characters_length" => {
            security.password_consecutive_characters_length = value.as_u64().unwrap() as u32;
        }
        "password_weak_detection" => security.weak_enhance_detection = value.as_bool().unwrap(),
        other => panic!("no simulator field for {other}"),
    }
}

/// Sets every fact to a value that passes every item reading it, locks what an item wants
/// locked, and takes away what groups and users set otherwise. Returns the settings an item
/// wants locked that Zoom's lock settings do not name (`in_meeting.watermark`): those items
/// cannot pass, and stay unknown.
fn configure_passing(account: &mut Account, items: &[(Control, Vec<Fact>)]) -> BTreeSet<String> {
    let mut without_lock = BTreeSet::new();
    let mut by_name: BTreeMap<String, Vec<Fact>> = BTreeMap::new();
    for fact in items.iter().flat_map(|(_, facts)| facts) {
        by_name
            .entry(fact.name().to_owned())
            .or_default()
            .push(fact.clone());
    }
    for (name, facts) in &by_name {
        match &facts[0] {
            Fact::Field { good, .. } => set_field(account, name, good),
            Fact::Setting(_) => {
                let rules: Vec<&SettingRule> = facts
                    .iter()
                    .filter_map(|fact| match fact {
                        Fact::Setting(rule) => Some(rule),
                        Fact::Field { .. } => None,
                    })
                    .collect();
                let current = account.setting(name);
                let value = rules
                    .iter()
                    .map(|rule| passing(&rule.expect, current.as_ref()))
                    .find(|value| rules.iter().all(|rule| rule.expect.passes(value)))
                    .unwrap_or_else(|| panic!("no value of {name} passes every item on it"));
                account
                    .set_setting(name, value)
                    .unwrap_or_else(|error| panic!("{name}: {error}"));
                if rules.iter().any(|rule| rule.locked) && !lock(account, name, true) {
                    without_lock.insert(name.clone());
                }
            }
        }
    }
    account.saas.settings.groups.clear();
    account.saas.settings.users.clear();
    without_lock
}

/// Locks (or unlocks) the lock that covers `path`: its own, else the nearest enclosing one;
/// `false` when none does.
fn lock(account: &mut Account, path: &str, locked: bool) -> bool {
    let mut candidate = path;
    loop {
        if account.lock_setting(candidate, locked).is_ok() {
            return true;
        }
        match candidate.rfind('.') {
            Some(end) => candidate = &candidate[..end],
            None => return false,
        }
    }
}

/// Users and H.323 devices only, besides the SaaS side.
fn narrow(user_settings: bool) -> FetchOverrides {
    FetchOverrides {
        asset_types: Some(vec![AssetType::H323]),
        fetch_user_details: Some(false),
        user_settings: Some(user_settings),
        ..FetchOverrides::default()
    }
}

type Judged = BTreeMap<String, (Status, Vec<String>)>;

/// Fetches into `db` and judges the latest run against every CIS item.
async fn judge(sim: &Simulator, db: &Path, user_settings: bool) -> Judged {
    let report = fetch(&settings(sim, narrow(user_settings)), db, |_| {})
        .await
        .expect("fetch");
    assert!(!report.is_partial(), "{:?}", report.run.reason);
    let stored = Store::open(db)
        .expect("store opens")
        .assets(&AssetQuery::default())
        .expect("assets read");
    let facts = Facts::from_assets(
        stored
            .iter()
            .map(|a| (a.kind, a.source_id.as_str(), &a.fields)),
        Some(sim.account().now),
    );
    let judged: Judged = posture::evaluate(&Profile::CisL2.controls(), &facts)
        .into_iter()
        .map(|f| (f.control, (f.status, f.evidence)))
        .collect();
    assert_eq!(judged.len(), 171);
    for (id, (status, _)) in &judged {
        let manual = posture::cis_controls()
            .iter()
            .any(|c| &c.id == id && c.check == Check::Manual);
        assert_eq!(*status == Status::Manual, manual, "{id}: {status:?}");
    }
    judged
}

fn failing_ids(judged: &Judged) -> BTreeSet<String> {
    judged
        .iter()
        .filter(|(_, (status, _))| *status == Status::Fail)
        .map(|(id, _)| id.clone())
        .collect()
}

/// The items that read the fact named `name`.
fn readers(items: &[(Control, Vec<Fact>)], name: &str) -> BTreeSet<String> {
    items
        .iter()
        .filter(|(_, facts)| facts.iter().any(|fact| fact.name() == name))
        .map(|(control, _)| control.id.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_item_judged_from_the_api_fails_alone_when_its_fact_changes() {
    let items = judged_items();
    assert!(items.len() >= 102, "{} items judged", items.len());
    let sim = Simulator::start(SimConfig {
        seed: 16,
        users: 8,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    let without_lock = sim.edit(|account| configure_passing(account, &items));
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");

    let baseline = judge(&sim, &db, false).await;
    let lockless = |facts: &[Fact]| {
        facts
            .iter()
            .any(|f| matches!(f, Fact::Setting(r) if r.locked && without_lock.contains(&r.path)))
    };
    for (control, facts) in &items {
        let (status, evidence) = &baseline[&control.id];
        if lockless(facts) {
            assert_eq!(*status, Status::Unknown, "{}: {evidence:?}", control.id);
            assert!(
                evidence.iter().any(|e| e.contains("do not name")),
                "{}: {evidence:?}",
                control.id
            );
        } else {
            assert_eq!(*status, Status::Pass, "{}: {evidence:?}", control.id);
        }
    }
    assert!(without_lock.len() <= 2, "{without_lock:?}");

    for (control, facts) in &items {
        // The first fact of an item: every part of an `all` fails it alike.
        let fact = &facts[0];
        let name = fact.name().to_owned();
        let restore = sim.edit(|account| match fact {
            Fact::Field { field, good, bad } => {
                set_field(account, field, bad);
                Fact::Field {
                    field: field.clone(),
                    good: good.clone(),
                    bad: bad.clone(),
                }
            }
            Fact::Setting(rule) => {
                let current = account.setting(&name);
                account
                    .set_setting(&name, failing(&rule.expect, current.as_ref()))
                    .unwrap_or_else(|error| panic!("{name}: {error}"));
                Fact::Field {
                    field: name.clone(),
                    good: current.expect("a setting passing before"),
                    bad: Value::Null,
                }
            }
        });
        let judged = judge(&sim, &db, false).await;
        let failed = failing_ids(&judged);
        assert!(
            failed.contains(&control.id),
            "{} did not fail with {name} changed: {:?}",
            control.id,
            judged[&control.id]
        );
        let same_fact = readers(&items, &name);
        let others: BTreeSet<&String> = failed.difference(&same_fact).collect();
        assert!(others.is_empty(), "{name} changed also failed {others:?}");
        sim.edit(|account| match (&restore, fact) {
            (Fact::Field { good, .. }, Fact::Field { field, .. }) => {
                set_field(account, field, good);
            }
            (Fact::Field { good, .. }, Fact::Setting(_)) => {
                account.set_setting(&name, good.clone()).expect("restored");
            }
            _ => unreachable!(),
        });
    }

    // Each item that requires the lock fails, alone, when its setting is unlocked.
    let locked: Vec<&SettingRule> = items
        .iter()
        .flat_map(|(_, facts)| facts)
        .filter_map(|fact| match fact {
            Fact::Setting(rule) if rule.locked && !without_lock.contains(&rule.path) => Some(rule),
            _ => None,
        })
        .collect();
    assert!(locked.len() >= 3, "{locked:?}");
    for rule in locked {
        assert!(sim.edit(|account| lock(account, &rule.path, false)));
        let judged = judge(&sim, &db, false).await;
        let failed = failing_ids(&judged);
        let expected: BTreeSet<String> = items
            .iter()
            .filter(|(_, facts)| {
                facts
                    .iter()
                    .any(|f| matches!(f, Fact::Setting(r) if r.locked && r.path == rule.path))
                    && !lockless(facts)
            })
            .map(|(control, _)| control.id.clone())
            .collect();
        assert_eq!(failed, expected, "{} unlocked", rule.path);
        for id in &expected {
            assert!(
                judged[id].1.iter().any(|e| e.contains("not locked")),
                "{id}: {:?}",
                judged[id].1
            );
        }
        assert!(sim.edit(|account| lock(account, &rule.path, true)));
    }
}

/// The item on in-meeting chat (off).
const CHAT: &str = "CIS-1.1.3.1.1";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_or_user_setting_otherwise_fails_the_item_naming_them() {
    let items = judged_items();
    let sim = Simulator::start(SimConfig {
        seed: 17,
        users: 8,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    let (group, group_name, user_email) = sim.edit(|account| {
        configure_passing(account, &items);
        let group = account.groups[0].clone();
        let user = account
            .users
            .iter()
            .find(|u| u.status == zoom_sim::UserStatus::Active && u.group_ids.is_empty())
            .or_else(|| {
                account
                    .users
                    .iter()
                    .find(|u| u.status == zoom_sim::UserStatus::Active)
            })
            .expect("an active user")
            .clone();
        // Join before host: 1.1.2.4 wants it off.
        account
            .set_group_setting(&group.id, "schedule_meeting.join_before_host", json!(true))
            .expect("group setting");
        account
            .set_user_setting(&user.id, "in_meeting.chat", json!(true))
            .expect("user setting");
        (group.id, group.name, user.email)
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let judged = judge(&sim, &db, false).await;
    let (status, evidence) = &judged["CIS-1.1.2.4"];
    assert_eq!(*status, Status::Fail, "{evidence:?}");
    assert!(
        evidence
            .iter()
            .any(|e| e.contains(&format!("group {group_name} ({group})"))),
        "{evidence:?}"
    );
    let before = failing_ids(&judged);

    // Users' own settings are read when asked for.
    let judged = judge(&sim, &db, true).await;
    let (status, evidence) = &judged[CHAT];
    assert_eq!(*status, Status::Fail, "{evidence:?}");
    assert!(
        evidence.iter().any(|e| e.contains(&user_email)),
        "{evidence:?}"
    );
    assert_eq!(
        failing_ids(&judged),
        before.into_iter().chain([CHAT.to_owned()]).collect()
    );
}
