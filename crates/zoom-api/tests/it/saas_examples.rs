//! The SaaS wire types read Zoom's own examples (assembled from the per-property `example`s as
//! in `spec_examples`). These types model the fields an inventory reads, not every documented
//! field, so each test checks those fields' values instead of a full round trip (the users
//! summary, which is modelled whole, gets the full round trip).

use serde_json::Value;
use zoom_api::wire::{
    AccountSettings, MarketplaceApp, MeetingSecuritySettings, PlanUsage, RoleDetails, UsersSummary,
};

use crate::spec_examples::{example_from_schema, response_example, round_trip, spec};

const ACCOUNTS: &str = "zoom-accounts.json";

/// The example of branch `branch` of the settings response's `oneOf`.
fn settings_example(branch: usize) -> Value {
    let spec = spec(ACCOUNTS);
    let schema = &spec["paths"]["/accounts/{accountId}/settings"]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"]["oneOf"][branch];
    example_from_schema(schema)
}

#[test]
fn account_settings_example() {
    let example = settings_example(0);
    let settings: AccountSettings = serde_json::from_value(example.clone()).unwrap();
    let security = settings.security.unwrap();
    let expected = &example["security"];
    assert_eq!(
        security.sign_in_with_two_factor_auth.as_deref(),
        expected["sign_in_with_two_factor_auth"].as_str()
    );
    let sso = security.signin_with_sso.unwrap();
    assert_eq!(sso.enable, expected["signin_with_sso"]["enable"].as_bool());
    assert_eq!(sso.domains, ["test.com", "example.us"]);
    let password = security.password_requirement.unwrap();
    assert_eq!(
        password.minimum_password_length,
        expected["password_requirement"]["minimum_password_length"].as_i64()
    );
    let recording = settings.recording.unwrap();
    assert_eq!(
        recording.auto_delete_cmr_days,
        example["recording"]["auto_delete_cmr_days"].as_i64()
    );
    assert_eq!(
        settings
            .schedule_meeting
            .unwrap()
            .require_password_for_scheduled_meetings,
        example["schedule_meeting"]["require_password_for_scheduled_meetings"].as_bool()
    );
}

#[test]
fn meeting_security_example() {
    let example = settings_example(2);
    let settings: MeetingSecuritySettings = serde_json::from_value(example.clone()).unwrap();
    let security = settings.meeting_security.unwrap();
    let expected = &example["meeting_security"];
    assert_eq!(security.waiting_room, expected["waiting_room"].as_bool());
    assert_eq!(
        security.require_password_for_scheduled_meeting,
        expected["require_password_for_scheduled_meeting"].as_bool()
    );
    assert!(security.waiting_room.is_some());
}

#[test]
fn users_summary_example_round_trips() {
    let example = response_example("zoom-users.json", "/users/summary");
    let summary: UsersSummary = round_trip(&example);
    assert_eq!(summary.total_users_count, Some(120));
}

#[test]
fn plan_usage_example() {
    let example = response_example("zoom-billing-ma.json", "/accounts/{accountId}/plans/usage");
    let usage: PlanUsage = serde_json::from_value(example.clone()).unwrap();
    let base = usage.plan_base.unwrap();
    assert_eq!(base.hosts, Some(88));
    assert_eq!(base.usage, Some(28));
    assert_eq!(base.plan_type.as_deref(), Some("yearly"));
    assert_eq!(
        usage.plan_zoom_rooms.and_then(|r| r.hosts),
        example["plan_zoom_rooms"]["hosts"].as_i64()
    );
}

#[test]
fn marketplace_app_example() {
    let example = response_example("zoom-marketplace.json", "/marketplace/apps");
    let app: MarketplaceApp = serde_json::from_value(example["apps"][0].clone()).unwrap();
    assert_eq!(app.app_id.as_deref(), Some("nqSreNVsQ2eGzUMGnA8AHA"));
    assert_eq!(app.app_developer_type.as_deref(), Some("THIRD_PARTY"));
    assert_eq!(
        app.scopes[0].scope_name.as_deref(),
        Some("View all users' team chat messages")
    );
    let approval = app.approval_info.unwrap();
    assert_eq!(approval.approved_type.as_deref(), Some("forSpecificUser"));
    assert_eq!(
        approval.approver_id.as_deref(),
        Some("1gAKvx8fSUeTg-mHgmYTRA")
    );
}

/// Zoom's role schema leaves some properties without an example, so this body is written by
/// hand; the test checks that the spec names each of its fields.
#[test]
fn role_details_example() {
    let body = serde_json::json!({
        "id": "2",
        "name": "Member",
        "description": "Members have access to basic Zoom video meeting functions.",
        "type": "common",
        "total_members": 12,
        "privileges": ["Users:Read", "Reports:Read"],
    });
    let spec = spec(ACCOUNTS);
    let properties = &spec["paths"]["/roles/{roleId}"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["properties"];
    for field in body.as_object().unwrap().keys() {
        assert!(properties.get(field).is_some(), "the spec has no {field}");
    }
    let role: RoleDetails = serde_json::from_value(body).unwrap();
    assert_eq!(role.id.as_deref(), Some("2"));
    assert_eq!(role.role_type.as_deref(), Some("common"));
    assert_eq!(role.total_members, Some(12));
    assert_eq!(role.privileges, ["Users:Read", "Reports:Read"]);
}
