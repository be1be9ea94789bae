//! `check`: each enabled source probed once, missing scopes and plan gates named.

use zoom_sim::{Plan, SimConfig};

use crate::support::{Sim, assert_code, stdout, zi};

fn check(sim: &Sim, extra: &[&str]) -> (std::process::Output, Vec<serde_json::Value>) {
    let mut args = vec![
        "check".to_owned(),
        "--format".to_owned(),
        "ndjson".to_owned(),
    ];
    args.extend(sim.url_flags());
    args.extend(extra.iter().map(|arg| (*arg).to_owned()));
    let output = zi(&args, &sim.env());
    let lines = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON"))
        .collect();
    (output, lines)
}

#[test]
fn check_passes_when_every_source_answers() {
    let sim = Sim::with_users(20);
    let (output, checks) = check(&sim, &["--activity-logs", "true"]);
    assert_code(&output, 0);
    // Nine inventory sources and eight of the account's SaaS side.
    assert_eq!(checks.len(), 17, "{checks:?}");
    assert!(
        checks.iter().all(|check| check["status"] == "ok"),
        "{checks:?}"
    );
    let saas = checks
        .iter()
        .filter(|c| c["source"].as_str().is_some_and(|s| s.starts_with("saas/")))
        .count();
    assert_eq!(saas, 8);
    let (output, without) = check(&sim, &["--activity-logs", "true", "--saas-api", "false"]);
    assert_code(&output, 0);
    assert_eq!(without.len(), 9, "{without:?}");
    let categories: Vec<&str> = checks
        .iter()
        .filter_map(|c| c["category"].as_str())
        .collect();
    assert!(categories.contains(&"Resource-intensive") && categories.contains(&"Heavy"));
}

#[test]
fn check_names_both_missing_scopes_and_fails() {
    let mut config = SimConfig {
        users: 20,
        ..SimConfig::default()
    };
    config
        .scopes
        .retain(|scope| !scope.starts_with("h323") && !scope.starts_with("group:"));
    let sim = Sim::start(config);
    let (output, checks) = check(&sim, &[]);
    assert_code(&output, 1);
    let missing: Vec<String> = checks
        .iter()
        .filter(|check| check["status"] == "missing_scope")
        .flat_map(|check| {
            check["missing_scopes"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|scope| scope.as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        missing,
        [
            "group:read:list_groups:admin",
            "h323_device:read:list_devices:admin"
        ]
    );
}

#[test]
fn check_reports_a_plan_gate() {
    let sim = Sim::start(SimConfig {
        users: 20,
        plan: Plan::Pro,
        ..SimConfig::default()
    });
    let (output, checks) = check(&sim, &[]);
    assert_code(&output, 1);
    let dashboard = checks
        .iter()
        .find(|check| check["source"] == "devices/meeting_device")
        .expect("the dashboard was probed");
    assert_eq!(dashboard["status"], "not_available", "{dashboard}");
    assert!(
        checks
            .iter()
            .filter(|check| check["status"] == "ok")
            .count()
            >= 5
    );
}
