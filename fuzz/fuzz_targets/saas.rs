//! The account's SaaS side: arbitrary settings, seats, plan usage, roles, groups, apps and
//! portal facts (one JSON object holding each part) through the `saas` normalizers.
#![no_main]

use std::collections::HashMap;

use inventory_model::saas::{self, ApiAccount};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use zoom_api::wire::WithRaw;
use zoom_inventory_fuzz::check;

fn part<T: serde::de::DeserializeOwned>(input: &Value, key: &str) -> Option<WithRaw<T>> {
    WithRaw::from_value(input.get(key)?.clone()).ok()
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let portal = input
        .get("portal")
        .and_then(|p| serde_json::from_value(p.clone()).ok());
    let api = ApiAccount {
        settings: part(&input, "settings"),
        meeting_security: part(&input, "meeting_security"),
        lock_settings: input.get("lock_settings").cloned(),
        users_summary: part(&input, "users_summary"),
        plan_usage: part(&input, "plan_usage"),
        plans: part(&input, "plans"),
        managed_domains: input.get("managed_domains").and_then(|d| d.as_array()).map(|domains| {
            domains
                .iter()
                .filter_map(|d| WithRaw::from_value(d.clone()).ok())
                .collect()
        }),
        role_names: HashMap::new(),
        group_names: HashMap::new(),
    };
    for record in saas::account("account", &api, portal.as_ref()) {
        check(&record);
    }
    if let Some(role) = part(&input, "role")
        && let Some(record) = saas::role(&role, part(&input, "role_details").as_ref(), portal.as_ref())
    {
        check(&record);
    }
    if let Some(group) = part(&input, "group")
        && let Some(record) = saas::group(&group, portal.as_ref())
    {
        check(&record);
    }
    if let Some(app) = part(&input, "app")
        && let Some(record) = saas::app(
            &app,
            part(&input, "app_details").as_ref(),
            portal.as_ref(),
            &HashMap::new(),
        )
    {
        check(&record);
    }
});
