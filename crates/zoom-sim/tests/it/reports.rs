//! Reports: `GET /report/activities` and `GET /report/operationlogs`, every page validated
//! against `zoom-meeting-api-2023-07.json`; windows, defaults, filters, plan gate.

use std::collections::HashMap;

use serde_json::{Value, json};
use zoom_sim::{ActivityType, Plan, SimConfig, UserStatus};

use crate::common::{Reply, config, start};
use crate::schema::{assert_conforms, spec_schema};

const MEETINGS23: &str = "zoom-meeting-api-2023-07.json";

fn conforms(path: &str, pages: &[Reply]) {
    for page in pages {
        assert_eq!(page.status, 200, "{}", page.json);
        assert_conforms(MEETINGS23, "GET", path, 200, &page.json);
    }
}

fn listed(pages: &[Reply], key: &str) -> Vec<Value> {
    pages
        .iter()
        .flat_map(|p| p.json[key].as_array().unwrap().clone())
        .collect()
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

#[tokio::test]
async fn sign_in_activities() {
    let h = start(config(300)).await;
    let account = h.sim.account();
    let pages = h
        .walk("/report/activities?from=2025-05-16&to=2025-06-15&page_size=100")
        .await;
    assert!(pages.len() >= 2);
    conforms("/report/activities", &pages);
    assert_eq!(pages[0].json["from"], json!("2025-05-16T00:00:00Z"));
    let wire = listed(&pages, "activity_logs");
    let (lo, hi) = (ts("2025-05-16T00:00:00Z"), ts("2025-06-15T23:59:59Z"));
    let truth: Vec<_> = account
        .sign_in_activities
        .iter()
        .filter(|a| a.time >= lo && a.time <= hi)
        .collect();
    assert_eq!(wire.len(), truth.len());
    // Newest first.
    let times: Vec<&str> = wire.iter().map(|a| a["time"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]));
    assert!(wire.iter().any(|a| a["type"] == json!("Sign out")));
    // Defaults: the month up to today.
    let default = h.walk("/report/activities?page_size=300").await;
    conforms("/report/activities", &default);
    assert_eq!(default[0].json["to"], json!("2025-06-15T00:00:00Z"));
    assert_eq!(default[0].json["from"], json!("2025-05-15T00:00:00Z"));

    // Consistent with the users: the latest sign-in of a user is their last login time.
    let mut latest: HashMap<&str, jiff::Timestamp> = HashMap::new();
    for a in account
        .sign_in_activities
        .iter()
        .filter(|a| a.activity_type == ActivityType::SignIn)
    {
        latest.insert(&a.email, a.time);
    }
    assert!(latest.len() > 100);
    for (email, at) in latest {
        let user = account.user(email).unwrap();
        assert_ne!(user.status, UserStatus::Pending);
        assert_eq!(user.last_login_time, Some(at), "{email}");
    }

    // Windows.
    h.get("/report/activities?from=2025-05-01&to=2025-06-02")
        .await
        .assert_error(400, 300, "The date range must be within one month.");
    h.get("/report/activities?from=2024-12-01&to=2024-12-20")
        .await
        .assert_error(400, 300, "Only provide report in recent 6 months");
    h.get("/report/activities?from=2025-06-01%2010:00:00")
        .await
        .assert_error(400, 300, "Validation Failed.");
}

#[tokio::test]
async fn operation_logs() {
    let h = start(config(300)).await;
    let account = h.sim.account();
    let pages = h
        .walk("/report/operationlogs?from=2025-05-16&to=2025-06-15&page_size=50")
        .await;
    assert!(pages.len() >= 2);
    conforms("/report/operationlogs", &pages);
    let wire = listed(&pages, "operation_logs");
    let (lo, hi) = (ts("2025-05-16T00:00:00Z"), ts("2025-06-15T23:59:59Z"));
    assert_eq!(
        wire.len(),
        account
            .operation_logs
            .iter()
            .filter(|o| o.time >= lo && o.time <= hi)
            .count()
    );
    for o in &wire {
        let operator = account.user(o["operator"].as_str().unwrap()).unwrap();
        assert!(operator.role_id == "0" || operator.role_id == "1");
    }
    let users = h
        .walk(
            "/report/operationlogs?from=2025-05-16&to=2025-06-15&category_type=user&page_size=300",
        )
        .await;
    conforms("/report/operationlogs", &users);
    let users = listed(&users, "operation_logs");
    assert!(!users.is_empty());
    assert!(users.iter().all(|o| o["category_type"] == json!("user")));
    let all = h
        .get("/report/operationlogs?from=2025-05-16&to=2025-06-15&category_type=all&page_size=300")
        .await;
    assert_eq!(
        all.json["operation_logs"].as_array().unwrap().len(),
        wire.len().min(300)
    );

    // Errors: both dates required; windows; categories.
    for bad in [
        "/report/operationlogs",
        "/report/operationlogs?from=2025-06-01",
        "/report/operationlogs?from=2025-06-01&to=2025-06-15&category_type=everything",
    ] {
        h.get(bad)
            .await
            .assert_error(400, 300, "Validation Failed.");
    }
    h.get("/report/operationlogs?from=2025-03-01&to=2025-04-15")
        .await
        .assert_error(400, 300, "The date range must be within one month.");
    h.get("/report/operationlogs?from=2024-11-01&to=2024-11-30")
        .await
        .assert_error(400, 300, "Only provide report in recent 6 months");
}

#[tokio::test]
async fn reports_need_a_paid_plan() {
    let free = start(SimConfig {
        plan: Plan::Free,
        ..config(40)
    })
    .await;
    for path in [
        "/report/activities",
        "/report/operationlogs?from=2025-06-01&to=2025-06-15",
        "/report/operationlogs",
    ] {
        free.get(path)
            .await
            .assert_error(400, 200, "Only available for Paid account.");
    }
    let pro = start(SimConfig {
        plan: Plan::Pro,
        ..config(40)
    })
    .await;
    conforms("/report/activities", &[pro.get("/report/activities").await]);
    conforms(
        "/report/operationlogs",
        &[pro
            .get("/report/operationlogs?from=2025-06-01&to=2025-06-15")
            .await],
    );
    // The 2023 spec declares operation logs' error as "HTTP status 300" with no schema.
    assert!(spec_schema(MEETINGS23, "GET", "/report/operationlogs", 300).is_none());
}
