//! The CIS Zoom Benchmark as data: all 171 recommendations parse with their numbers and levels,
//! the profiles pick them by level, manual items are never passed or failed, and a setting
//! control reads the account's lock and every group's and user's own value.

use std::collections::BTreeSet;

use inventory_model::posture::{self, Basis, Check, Facts, Profile, Status};
use inventory_model::settings::{self, SettingsRead};
use inventory_model::{Kind, Record};
use serde_json::{Value, json};

#[test]
fn the_benchmark_has_its_171_items_in_two_levels() {
    let controls = posture::cis_controls();
    assert_eq!(controls.len(), 171);
    let numbers: BTreeSet<&str> = controls.iter().filter_map(|c| c.cis.as_deref()).collect();
    // 1.1.3.18 is published twice.
    assert_eq!(numbers.len(), 170);
    for control in &controls {
        let cis = control.cis.as_deref().expect("every item has its number");
        assert!(control.id.starts_with("CIS-"), "{}", control.id);
        assert!(matches!(control.level, Some(1 | 2)), "{}", control.id);
        assert!(!control.section.is_empty(), "{} has a section", control.id);
        assert!(
            control
                .section
                .split(' ')
                .next()
                .is_some_and(|s| cis.starts_with(s)),
            "{} in {}",
            control.id,
            control.section
        );
    }
    let l1 = Profile::CisL1.controls();
    let l2 = Profile::CisL2.controls();
    assert!(l1.iter().all(|c| c.level == Some(1)));
    assert_eq!(l2.len(), 171);
    assert!(l1.len() > 50 && l1.len() < 171, "{}", l1.len());
    let api = controls
        .iter()
        .filter(|c| c.check.basis() != Basis::Manual)
        .count();
    // The reference implementation judges 102 from the API; every one of those is judged here.
    assert!(api >= 102, "{api} items judged automatically");
    assert_eq!(Profile::ZoomInventory.controls(), posture::controls());
    assert_eq!("CIS-L2".parse::<Profile>(), Ok(Profile::CisL2));
    assert!("cis".parse::<Profile>().unwrap_err().contains("cis-l1"));
}

#[test]
fn manual_items_are_never_passed_or_failed() {
    let controls = posture::cis_controls();
    let manual: Vec<_> = controls
        .iter()
        .filter(|c| c.check == Check::Manual)
        .cloned()
        .collect();
    assert!(!manual.is_empty());
    let records = account_records(json!({"in_meeting": {"chat": true}}), json!({}));
    let stored = stored(&records);
    for facts in [Facts::default(), facts_of(&stored)] {
        for finding in posture::evaluate(&manual, &facts) {
            assert_eq!(finding.status, Status::Manual, "{}", finding.control);
            assert!(!finding.evidence.is_empty());
        }
    }
}

fn account_records(values: Value, locks: Value) -> Vec<Record> {
    let read = SettingsRead {
        settings: Some(values),
        locks: Some(locks),
        ..SettingsRead::default()
    };
    settings::account("acc", &read.flatten())
}

/// Each record's Zoom id and normalized fields, as the store gives them.
fn stored(records: &[Record]) -> Vec<(String, Value)> {
    records
        .iter()
        .map(|r| (r.source_id.clone(), r.fields()))
        .collect()
}

fn facts_of(stored: &[(String, Value)]) -> Facts<'_> {
    Facts::from_assets(
        stored
            .iter()
            .map(|(id, fields)| (Kind::Setting, id.as_str(), fields)),
        None,
    )
}

fn judge(id: &str, records: &[Record]) -> (Status, Vec<String>) {
    let control: Vec<_> = posture::cis_controls()
        .into_iter()
        .filter(|c| c.id == id)
        .collect();
    assert_eq!(control.len(), 1, "{id}");
    let stored = stored(records);
    let finding = posture::evaluate(&control, &facts_of(&stored)).remove(0);
    (finding.status, finding.evidence)
}

/// 1.1.2.4: join before host disabled, and locked.
const JOIN_BEFORE_HOST: &str = "CIS-1.1.2.4";

#[test]
fn a_lock_aware_control_fails_when_its_setting_is_unlocked() {
    let values = json!({"schedule_meeting": {"join_before_host": false}});
    let locked = account_records(
        values.clone(),
        json!({"schedule_meeting": {"join_before_host": true}}),
    );
    assert_eq!(judge(JOIN_BEFORE_HOST, &locked).0, Status::Pass);
    let unlocked = account_records(
        values.clone(),
        json!({"schedule_meeting": {"join_before_host": false}}),
    );
    let (status, evidence) = judge(JOIN_BEFORE_HOST, &unlocked);
    assert_eq!(status, Status::Fail);
    assert!(
        evidence.iter().any(|e| e.contains("not locked")),
        "{evidence:?}"
    );
    // Lock settings not read: not known, never passed.
    let no_locks = account_records(values, json!({}));
    assert_eq!(judge(JOIN_BEFORE_HOST, &no_locks).0, Status::Unknown);
    let wrong = account_records(
        json!({"schedule_meeting": {"join_before_host": true}}),
        json!({"schedule_meeting": {"join_before_host": true}}),
    );
    assert_eq!(judge(JOIN_BEFORE_HOST, &wrong).0, Status::Fail);
}

#[test]
fn a_group_or_user_overriding_the_account_fails_the_control_naming_them() {
    let values = json!({"schedule_meeting": {"join_before_host": false}});
    let locks = json!({"schedule_meeting": {"join_before_host": true}});
    let account = SettingsRead {
        settings: Some(values.clone()),
        locks: Some(locks.clone()),
        ..SettingsRead::default()
    }
    .flatten();
    let mut records = settings::account("acc", &account);
    // A group that keeps the account's value stores nothing; one that differs is named.
    let same = SettingsRead {
        settings: Some(values),
        locks: Some(locks),
        ..SettingsRead::default()
    };
    assert!(settings::group("g0", Some("Same"), &same.flatten(), &account).is_empty());
    let sales = SettingsRead {
        settings: Some(json!({"schedule_meeting": {"join_before_host": true}})),
        ..SettingsRead::default()
    };
    records.extend(settings::group(
        "g1",
        Some("Sales"),
        &sales.flatten(),
        &account,
    ));
    let (status, evidence) = judge(JOIN_BEFORE_HOST, &records);
    assert_eq!(status, Status::Fail);
    assert!(
        evidence
            .iter()
            .any(|e| e.contains("group Sales (g1)") && e.contains("true")),
        "{evidence:?}"
    );

    let mut records = settings::account("acc", &account);
    let user = SettingsRead {
        settings: Some(json!({"schedule_meeting": {"join_before_host": true}})),
        ..SettingsRead::default()
    };
    records.extend(settings::user(
        "u1",
        Some("a@x.test"),
        &user.flatten(),
        &account,
    ));
    let (status, evidence) = judge(JOIN_BEFORE_HOST, &records);
    assert_eq!(status, Status::Fail);
    assert!(
        evidence.iter().any(|e| e.contains("a@x.test")),
        "{evidence:?}"
    );
}

#[test]
fn a_setting_not_read_is_unknown() {
    let (status, evidence) = judge(JOIN_BEFORE_HOST, &[]);
    assert_eq!(status, Status::Unknown);
    assert!(evidence[0].contains("was not read"), "{evidence:?}");
}
