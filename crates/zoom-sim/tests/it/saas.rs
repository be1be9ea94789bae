//! The account's SaaS side over the REST API: account settings, lock settings, managed domains,
//! plan usage and plans, the users summary, Marketplace apps and their details, and role details; each response conforms to Zoom's spec and
//! states the account's ground truth. Also [`zoom_sim::Simulator::edit`].

use serde_json::Value;
use zoom_sim::{Plan, SimConfig, TwoFactor, UserStatus, UserType};

use crate::common::{Harness, config, start};
use crate::schema::{schema_errors, spec_schema};

const ACCOUNTS: &str = "zoom-accounts.json";

/// `GET /accounts/{accountId}/settings` answers with one branch of a `oneOf`; an empty
/// branch of it matches any object, so the body is checked against the intended branch.
fn assert_settings_branch(branch: usize, body: &Value) {
    let schema = spec_schema(ACCOUNTS, "GET", "/accounts/{accountId}/settings", 200).unwrap();
    let branch_schema = schema["oneOf"][branch].clone();
    let errors = schema_errors(&format!("settings branch {branch}"), &branch_schema, body);
    assert!(errors.is_empty(), "{errors:?}\n{body}");
}

fn assert_conforms(file: &str, path: &str, body: &Value) {
    crate::schema::assert_conforms(file, "GET", path, 200, body);
}

async fn business(seed: u64) -> Harness {
    start(SimConfig { seed, ..config(80) }).await
}

#[tokio::test]
async fn settings_state_the_accounts_security_and_policies() {
    // Several seeds, so that every 2FA variant and both SSO states are seen.
    let mut two_factor_seen = std::collections::BTreeSet::new();
    for seed in 1..=8 {
        let h = business(seed).await;
        let account = h.sim.account();
        let saas = &account.saas;
        let reply = h.get("/accounts/me/settings").await;
        assert_eq!(reply.status, 200, "{}", reply.json);
        assert_settings_branch(0, &reply.json);
        let security = &reply.json["security"];
        assert_eq!(
            security["sign_in_with_two_factor_auth"],
            saas.security.two_factor.as_str()
        );
        two_factor_seen.insert(saas.security.two_factor.as_str());
        match &saas.security.two_factor {
            TwoFactor::Roles(ids) => {
                assert_eq!(
                    security["sign_in_with_two_factor_auth_roles"],
                    serde_json::json!(ids)
                );
            }
            TwoFactor::Groups(ids) => {
                assert_eq!(
                    security["sign_in_with_two_factor_auth_groups"],
                    serde_json::json!(ids)
                );
            }
            TwoFactor::All | TwoFactor::None => {
                assert!(security.get("sign_in_with_two_factor_auth_roles").is_none());
            }
        }
        assert_eq!(security["signin_with_sso"]["enable"], saas.sso.enabled);
        assert_eq!(
            security["signin_with_sso"]["require_sso_for_domains"],
            saas.sso.require_for_domains
        );
        assert_eq!(
            security["password_requirement"]["minimum_password_length"],
            saas.security.password_min_length
        );
        assert_eq!(
            reply.json["recording"]["auto_delete_cmr"],
            saas.recording.auto_delete
        );
        assert_eq!(
            reply.json["schedule_meeting"]["require_password_for_scheduled_meetings"],
            saas.meetings.require_passcode
        );

        let reply = h.get("/accounts/me/settings?option=meeting_security").await;
        assert_settings_branch(2, &reply.json);
        assert_eq!(
            reply.json["meeting_security"]["waiting_room"],
            saas.meetings.waiting_room
        );

        let by_id = h
            .get(&format!("/accounts/{}/settings", account.account_id))
            .await;
        assert_eq!(by_id.status, 200);
        h.get("/accounts/someone-else/settings").await.assert_error(
            404,
            2001,
            "Account does not exist: someone-else.",
        );
        h.get("/accounts/me/settings?option=bogus")
            .await
            .assert_error(400, 300, "Validation Failed.");

        let locks = h.get("/accounts/me/lock_settings").await;
        assert_eq!(locks.status, 200, "{}", locks.json);
        let schema =
            spec_schema(ACCOUNTS, "GET", "/accounts/{accountId}/lock_settings", 200).unwrap();
        let errors = schema_errors("lock settings", &schema["oneOf"][0], &locks.json);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            locks.json["recording"]["auto_delete_cmr"],
            saas.recording.auto_delete
        );
    }
    assert!(two_factor_seen.len() >= 3, "{two_factor_seen:?}");
}

#[tokio::test]
async fn seats_apps_and_roles() {
    let h = business(3).await;
    let account = h.sim.account();
    let seats = account.seat_counts();

    let summary = h.get("/users/summary").await;
    assert_conforms("zoom-users.json", "/users/summary", &summary.json);
    assert_eq!(summary.json["licensed_users_count"], seats.licensed);
    assert_eq!(summary.json["total_users_count"], account.users.len());
    assert_eq!(summary.json["room_users_count"], account.rooms.len());

    let usage = h.get("/accounts/me/plans/usage").await;
    assert_conforms(
        "zoom-billing-ma.json",
        "/accounts/{accountId}/plans/usage",
        &usage.json,
    );
    assert_eq!(
        usage.json["plan_base"]["hosts"],
        account.saas.subscription.seats_purchased
    );
    assert_eq!(usage.json["plan_base"]["usage"], seats.licensed);
    let rooms: Vec<&str> = account.rooms.iter().map(|r| r.user_id.as_str()).collect();
    let active_hosts = account
        .users
        .iter()
        .filter(|u| u.status == UserStatus::Active && u.user_type == UserType::Licensed)
        .filter(|u| !rooms.contains(&u.id.as_str()))
        .count();
    assert_eq!(usage.json["plan_base"]["active_hosts"], active_hosts);
    assert!(active_hosts > 0 && active_hosts <= seats.licensed);
    assert!(account.saas.subscription.seats_purchased >= seats.licensed);

    let pages = h
        .walk("/marketplace/apps?type=account_added&page_size=2")
        .await;
    let mut names = Vec::new();
    for page in &pages {
        assert_conforms("zoom-marketplace.json", "/marketplace/apps", &page.json);
        for app in page.json["apps"].as_array().unwrap() {
            names.push(app["app_name"].as_str().unwrap().to_owned());
        }
    }
    let expected: Vec<&str> = account
        .saas
        .apps
        .iter()
        .map(|a| a.app_name.as_str())
        .collect();
    assert_eq!(names, expected);
    let requests = h.get("/marketplace/apps").await;
    assert_eq!(requests.json["apps"], serde_json::json!([]));
    // Each app's details: the scopes it requests, by their OAuth names.
    for app in &account.saas.apps {
        let reply = h.get(&format!("/marketplace/apps/{}", app.app_id)).await;
        assert_eq!(reply.status, 200, "{}", reply.json);
        assert_conforms(
            "zoom-marketplace.json",
            "/marketplace/apps/{appId}",
            &reply.json,
        );
        let scopes: Vec<&str> = app.scopes.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(reply.json["app_scopes"], serde_json::json!(scopes));
        assert_eq!(reply.json["app_name"], app.app_name.as_str());
    }
    h.get("/marketplace/apps/nope")
        .await
        .assert_error(404, 1401, "APP ID does not exist: nope");

    for role in &account.roles {
        let reply = h.get(&format!("/roles/{}", role.id)).await;
        assert_conforms(ACCOUNTS, "/roles/{roleId}", &reply.json);
        assert_eq!(reply.json["total_members"], role.total_members);
    }
    let admin = h.get("/roles/1").await;
    assert!(
        admin.json["privileges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Users:Edit")
    );
    h.get("/roles/nope")
        .await
        .assert_error(400, 1034, "Provided role_id does not exist.");
}

#[tokio::test]
async fn the_plans_api_answers_master_accounts_only() {
    // An ordinary account, whatever its plan, is refused.
    let h = business(3).await;
    h.get("/accounts/me/plans")
        .await
        .assert_error(400, 200, "No permission.");

    let h = start(SimConfig {
        master_account: true,
        ..config(40)
    })
    .await;
    let subscription = h.sim.account().saas.subscription.clone();
    let reply = h.get("/accounts/me/plans").await;
    assert_eq!(reply.status, 200, "{}", reply.json);
    assert_conforms(
        "zoom-billing-ma.json",
        "/accounts/{accountId}/plans",
        &reply.json,
    );
    let base = &reply.json["plan_base"];
    assert_eq!(
        base["next_invoice_date"],
        subscription.renewal_date.unwrap().to_string()
    );
    assert_eq!(
        base["service_effective_date"],
        subscription.service_effective_date.to_string()
    );
    assert_eq!(base["hosts"], subscription.seats_purchased);
    assert_eq!(base["status"], "active");
}

#[tokio::test]
async fn free_accounts_have_no_plan_usage_or_lock_settings() {
    let h = start(SimConfig {
        plan: Plan::Free,
        ..config(5)
    })
    .await;
    h.get("/accounts/me/plans/usage").await.assert_error(
        400,
        200,
        "Only available for Paid account.",
    );
    h.get("/accounts/me/lock_settings").await.assert_error(
        400,
        200,
        "Only available for Paid account.",
    );
    let summary = h.get("/users/summary").await;
    assert_eq!(summary.status, 200);
    assert_eq!(h.sim.account().saas.subscription.seats_purchased, 0);
}

#[tokio::test]
async fn edits_change_what_the_api_serves() {
    let h = business(5).await;
    let before = h.get("/users/summary").await.json["total_users_count"].clone();
    let removed = h.sim.edit(|account| {
        // Users are listed owner first and room accounts last: remove a person.
        let user = account.users.remove(1);
        account.saas.security.two_factor = TwoFactor::All;
        user.id
    });
    let after = h.get("/users/summary").await;
    assert_eq!(
        after.json["total_users_count"].as_u64().unwrap() + 1,
        before.as_u64().unwrap()
    );
    h.get(&format!("/users/{removed}")).await.assert_error(
        404,
        1001,
        &format!("User does not exist: {removed}."),
    );
    let settings = h.get("/accounts/me/settings").await;
    assert_eq!(
        settings.json["security"]["sign_in_with_two_factor_auth"],
        "all"
    );
    // Member counts follow the edit.
    let account = h.sim.account();
    let total: usize = account.roles.iter().map(|r| r.total_members).sum();
    assert_eq!(total, account.users.len());
}
