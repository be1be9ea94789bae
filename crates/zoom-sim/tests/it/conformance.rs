//! Every response of every endpoint the simulator serves, validated against Zoom's OpenAPI
//! documents (strictly: no field the spec does not name).
//!
//! Error responses: Zoom's specs declare the error statuses of these operations (400, 404, ...)
//! with a prose description only and **no schema** (`spec_schema` returns `None`, asserted
//! below), so those bodies are validated against the generic error body of Zoom's "Error Codes"
//! page instead (`schema::assert_zoom_error`). Statuses the spec does not list at all for an
//! operation (401 everywhere, 4711, 2300 as 404) are checked against that body too.

use serde_json::Value;
use zoom_sim::{Plan, SimConfig, UserStatus};

use crate::common::{Harness, config, start};
use crate::schema::{assert_conforms, spec_schema};

const USERS: &str = "zoom-users.json";
const ACCOUNTS: &str = "zoom-accounts.json";

fn conforms_all(file: &str, path: &str, pages: &[crate::common::Reply]) {
    for page in pages {
        assert_eq!(page.status, 200, "{}", page.json);
        assert_conforms(file, "GET", path, 200, &page.json);
    }
}

async fn business() -> Harness {
    start(config(120)).await
}

#[tokio::test]
async fn list_users_every_status_every_page_and_variant() {
    let h = business().await;
    for status in ["active", "inactive", "pending"] {
        let pages = h.walk(&format!("/users?status={status}&page_size=7")).await;
        assert!(pages.len() >= 2, "{status}: want a later page too");
        conforms_all(USERS, "/users", &pages);
    }
    // Default query (active), include_fields variants, role filter, page_number paging, the cap.
    for query in [
        "/users",
        "/users?include_fields=host_key",
        "/users?include_fields=custom_attributes&page_size=50",
        "/users?role_id=1",
        "/users?role_id=2&status=pending",
        "/users?page_size=10&page_number=2",
        "/users?page_size=10&page_number=999",
        "/users?page_size=5000",
        "/users?license=zoom_workforce_management",
    ] {
        let reply = h.get(query).await;
        assert_eq!(reply.status, 200, "{query}: {}", reply.json);
        assert_conforms(USERS, "GET", "/users", 200, &reply.json);
    }
}

#[tokio::test]
async fn get_user_every_user() {
    let h = business().await;
    let account = h.sim.account();
    let mut expired_invitations = 0;
    for user in &account.users {
        let reply = h.get(&format!("/users/{}", user.id)).await;
        if user.invitation_expired {
            // 400 is declared without a schema; the body is Zoom's error body.
            assert!(spec_schema(USERS, "GET", "/users/{userId}", 400).is_none());
            reply.assert_error(
                400,
                1120,
                "A valid invitation to join the Zoom account was not found for this user.",
            );
            expired_invitations += 1;
        } else {
            assert_eq!(reply.status, 200, "{}", reply.json);
            assert_conforms(USERS, "GET", "/users/{userId}", 200, &reply.json);
        }
    }
    assert!(expired_invitations < account.users.len());
    // By e-mail, too.
    let owner = account.owner();
    let reply = h
        .get(&format!("/users/{}", owner.email.to_uppercase()))
        .await;
    assert_conforms(USERS, "GET", "/users/{userId}", 200, &reply.json);
}

#[tokio::test]
async fn groups_roles_and_role_members() {
    let h = business().await;
    let groups = h.walk("/groups?page_size=3").await;
    assert!(groups.len() >= 2);
    conforms_all(USERS, "/groups", &groups);
    conforms_all(USERS, "/groups", &[h.get("/groups").await]);

    for query in ["/roles", "/roles?type=common", "/roles?type=iq"] {
        conforms_all(ACCOUNTS, "/roles", &[h.get(query).await]);
    }

    let account = h.sim.account();
    for role in &account.roles {
        let pages = h
            .walk(&format!("/roles/{}/members?page_size=2", role.id))
            .await;
        conforms_all(ACCOUNTS, "/roles/{roleId}/members", &pages);
        let first = h.get(&format!("/roles/{}/members", role.id)).await;
        conforms_all(ACCOUNTS, "/roles/{roleId}/members", &[first]);
        let numbered = h
            .get(&format!(
                "/roles/{}/members?page_size=2&page_number=2",
                role.id
            ))
            .await;
        conforms_all(ACCOUNTS, "/roles/{roleId}/members", &[numbered]);
    }
}

#[tokio::test]
async fn small_and_free_accounts_conform_too() {
    for (users, plan) in [(1, Plan::Free), (3, Plan::Pro), (25, Plan::Free)] {
        let h = start(SimConfig {
            plan,
            ..config(users)
        })
        .await;
        for status in ["active", "inactive", "pending"] {
            conforms_all(
                USERS,
                "/users",
                &h.walk(&format!("/users?status={status}&page_size=2")).await,
            );
        }
        for user in h
            .sim
            .account()
            .users
            .iter()
            .filter(|u| !u.invitation_expired)
        {
            conforms_all(
                USERS,
                "/users/{userId}",
                &[h.get(&format!("/users/{}", user.id)).await],
            );
        }
        conforms_all(ACCOUNTS, "/roles", &[h.get("/roles").await]);
        conforms_all(
            ACCOUNTS,
            "/roles/{roleId}/members",
            &[h.get("/roles/2/members").await],
        );
        if plan == Plan::Free {
            // GET /groups declares 400 (code 200, paid accounts only) without a schema.
            assert!(spec_schema(USERS, "GET", "/groups", 400).is_none());
            h.get("/groups")
                .await
                .assert_error(400, 200, "Only available for Paid account.");
        } else {
            conforms_all(USERS, "/groups", &[h.get("/groups").await]);
        }
    }
}

#[tokio::test]
async fn documented_error_statuses_have_no_schema_and_bodies_are_zoom_errors() {
    let h = business().await;
    // Declared error statuses, all without a JSON schema in the specs:
    for (file, path, status) in [
        (USERS, "/users", 400),
        (USERS, "/users", 403),
        (USERS, "/users", 429),
        (USERS, "/users/{userId}", 400),
        (USERS, "/users/{userId}", 404),
        (USERS, "/groups", 400),
        (USERS, "/groups", 404),
        (ACCOUNTS, "/roles", 400),
        (ACCOUNTS, "/roles/{roleId}/members", 400),
        (ACCOUNTS, "/roles/{roleId}/members", 404),
    ] {
        assert!(
            spec_schema(file, "GET", path, status).is_none(),
            "{path} {status} now has a schema: validate it"
        );
    }

    h.get("/users?next_page_token=nope").await.assert_error(
        400,
        300,
        "The next page token is invalid or expired.",
    );
    let invalid = h.get("/users?status=deleted").await;
    invalid.assert_error(400, 300, "Validation Failed.");
    assert_eq!(
        invalid.json["errors"],
        serde_json::json!([{ "field": "status", "message": "Invalid field." }])
    );
    h.get("/users/nobody@example.com").await.assert_error(
        404,
        1001,
        "User does not exist: nobody@example.com.",
    );
    h.get("/roles/R0000000000000000000000/members")
        .await
        .assert_error(400, 1034, "Provided role_id does not exist.");
    h.get("/no/such/endpoint").await.assert_error(
        404,
        2300,
        "This API endpoint is not recognized.",
    );
    h.get_with("/users", None)
        .await
        .assert_error(401, 124, "Invalid access token.");
}

#[tokio::test]
async fn list_items_carry_list_fields_only() {
    let h = business().await;
    let list = h.get("/users?page_size=300").await;
    let account = h.sim.account();
    for item in list.json["users"].as_array().unwrap() {
        let object = item.as_object().unwrap();
        for detail_only in [
            "job_title",
            "login_types",
            "language",
            "role_name",
            "phone_numbers",
            "pic_url",
            "account_id",
        ] {
            assert!(
                !object.contains_key(detail_only),
                "{detail_only} in a list item"
            );
        }
        let user = account.user(item["id"].as_str().unwrap()).unwrap();
        assert_eq!(user.status, UserStatus::Active);
        assert_eq!(item["email"], Value::from(user.email.as_str()));
    }
}
