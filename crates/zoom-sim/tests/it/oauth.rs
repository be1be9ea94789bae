//! The token endpoint, token lifetime and revocation, and scope checks.

use std::time::Duration;

use serde_json::{Value, json};
use zoom_sim::{SimConfig, Simulator};

use crate::common::{Reply, client, config, start, token};

async fn post_token(
    sim: &Simulator,
    query: &[(&str, &str)],
    form: Option<&[(&str, &str)]>,
    auth: Option<(&str, &str)>,
) -> Reply {
    let mut request = client()
        .post(format!("{}/oauth/token", sim.oauth_url()))
        .query(query);
    if let Some(form) = form {
        request = request.form(form);
    }
    if let Some((id, secret)) = auth {
        request = request.basic_auth(id, Some(secret));
    }
    Reply::from(request.send().await.unwrap()).await
}

fn creds(sim: &Simulator) -> (String, String, String) {
    let c = sim.config();
    (
        c.client_id.clone(),
        c.client_secret.clone(),
        c.account_id.clone(),
    )
}

#[tokio::test]
async fn query_string_and_form_body_both_work() {
    let sim = Simulator::start(config(10)).await.unwrap();
    let (id, secret, account) = creds(&sim);
    let params = [
        ("grant_type", "account_credentials"),
        ("account_id", account.as_str()),
    ];

    let by_query = post_token(&sim, &params, None, Some((&id, &secret))).await;
    let by_form = post_token(&sim, &[], Some(&params), Some((&id, &secret))).await;
    for reply in [&by_query, &by_form] {
        assert_eq!(reply.status, 200, "{}", reply.json);
        let object = reply.json.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "access_token",
                "api_url",
                "expires_in",
                "scope",
                "token_type"
            ]
        );
        assert_eq!(reply.json["token_type"], json!("bearer"));
        assert_eq!(reply.json["expires_in"], json!(3600));
        assert_eq!(reply.json["api_url"], json!(sim.base_url()));
        assert_eq!(
            reply.json["scope"],
            json!(SimConfig::default_scopes().join(" "))
        );
        assert!(reply.json["access_token"].as_str().unwrap().len() >= 32);
    }
    assert_ne!(by_query.json["access_token"], by_form.json["access_token"]);
    assert_eq!(sim.tokens_issued(), 2);

    // Several tokens coexist: both work.
    let c = client();
    for reply in [&by_query, &by_form] {
        let response = c
            .get(format!("{}/v2/users", sim.api_url()))
            .bearer_auth(reply.json["access_token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
    }
}

/// Airbyte's source-zoom (1.1.22) sends the parameters in the query string, with
/// `Content-type: application/json` and no body: the body is not a form, the query string counts.
#[tokio::test]
async fn query_string_with_a_json_content_type_and_no_body_works() {
    let sim = Simulator::start(config(10)).await.unwrap();
    let (id, secret, account) = creds(&sim);
    let response = client()
        .post(format!("{}/oauth/token", sim.oauth_url()))
        .query(&[
            ("grant_type", "account_credentials"),
            ("account_id", account.as_str()),
        ])
        .basic_auth(&id, Some(&secret))
        .header("Content-type", "application/json")
        .send()
        .await
        .unwrap();
    let reply = Reply::from(response).await;
    assert_eq!(reply.status, 200, "{}", reply.json);
    assert!(reply.json["access_token"].is_string());
}

#[tokio::test]
async fn token_endpoint_errors_have_exact_bodies() {
    let sim = Simulator::start(config(3)).await.unwrap();
    let (id, secret, account) = creds(&sim);
    let good = [
        ("grant_type", "account_credentials"),
        ("account_id", account.as_str()),
    ];
    let cases: Vec<(Reply, Value)> = vec![
        (
            post_token(&sim, &good, None, Some((&id, "wrong-secret"))).await,
            json!({ "reason": "Invalid client_id or client_secret", "error": "invalid_client" }),
        ),
        (
            post_token(&sim, &good, None, Some(("wrong-id", &secret))).await,
            json!({ "reason": "Invalid client_id or client_secret", "error": "invalid_client" }),
        ),
        (
            post_token(&sim, &good, None, None).await,
            json!({ "reason": "Client ID or client secret is missing", "error": "invalid_request" }),
        ),
        (
            post_token(
                &sim,
                &[
                    ("grant_type", "account_credentials"),
                    ("account_id", "someone-else"),
                ],
                None,
                Some((&id, &secret)),
            )
            .await,
            json!({ "reason": "Account does not exist", "error": "invalid_request" }),
        ),
        (
            post_token(
                &sim,
                &[("grant_type", "account_credentials")],
                None,
                Some((&id, &secret)),
            )
            .await,
            json!({ "reason": "Account does not exist", "error": "invalid_request" }),
        ),
        (
            post_token(
                &sim,
                &[("account_id", account.as_str())],
                None,
                Some((&id, &secret)),
            )
            .await,
            json!({ "reason": "Unsupported grant type", "error": "unsupported_grant_type" }),
        ),
        (
            post_token(
                &sim,
                &[
                    ("grant_type", "client_credentials"),
                    ("account_id", account.as_str()),
                ],
                None,
                Some((&id, &secret)),
            )
            .await,
            json!({ "reason": "Unsupported grant type", "error": "unsupported_grant_type" }),
        ),
    ];
    for (i, (reply, expected)) in cases.iter().enumerate() {
        assert_eq!((reply.status, &reply.json), (400, expected), "case {i}");
    }
    assert_eq!(sim.tokens_issued(), 0);
}

#[tokio::test]
async fn tokens_expire_after_their_ttl() {
    let h = start(SimConfig {
        token_ttl: Duration::from_secs(60),
        ..config(5)
    })
    .await;
    assert_eq!(h.get("/users").await.status, 200);
    h.sim.advance_clock(Duration::from_secs(59));
    assert_eq!(h.get("/users").await.status, 200);
    h.sim.advance_clock(Duration::from_secs(2));
    h.get("/users")
        .await
        .assert_error(401, 124, "Access token is expired.");
    // A new token works; expires_in reports the TTL.
    let fresh = token(&h.sim, &h.client).await;
    assert_eq!(h.get_with("/users", Some(&fresh)).await.status, 200);

    let zero = start(SimConfig {
        token_ttl: Duration::ZERO,
        ..config(2)
    })
    .await;
    zero.get("/users")
        .await
        .assert_error(401, 124, "Access token is expired.");
}

#[tokio::test]
async fn revoked_missing_and_unknown_tokens_get_401_124() {
    let h = start(config(5)).await;
    let other = token(&h.sim, &h.client).await;
    h.sim.revoke_tokens();
    for t in [
        Some(h.token.as_str()),
        Some(other.as_str()),
        Some("not-a-token"),
        None,
    ] {
        h.get_with("/users", t)
            .await
            .assert_error(401, 124, "Invalid access token.");
        h.get_with("/roles", t)
            .await
            .assert_error(401, 124, "Invalid access token.");
    }
    let fresh = token(&h.sim, &h.client).await;
    assert_eq!(h.get_with("/users", Some(&fresh)).await.status, 200);
    assert_eq!(h.sim.tokens_issued(), 3);
    // Basic instead of Bearer is no access token either.
    let response = h
        .client
        .get(format!("{}/v2/users", h.sim.api_url()))
        .basic_auth("simclient0001", Some("x"))
        .send()
        .await
        .unwrap();
    Reply::from(response)
        .await
        .assert_error(401, 124, "Invalid access token.");
}

#[tokio::test]
async fn missing_scopes_get_4711_naming_the_granular_scopes() {
    let h = start(SimConfig {
        scopes: vec!["user:read:list_users:admin".to_owned()],
        ..config(20)
    })
    .await;
    assert_eq!(h.get("/users").await.status, 200);
    let user_id = h.sim.account().owner().id.clone();
    for (path, scopes) in [
        (
            format!("/users/{user_id}"),
            "user:read:user, user:read:user:admin",
        ),
        ("/groups".to_owned(), "group:read:list_groups:admin"),
        (
            "/roles".to_owned(),
            "role:read:list_roles, role:read:list_roles:admin",
        ),
        (
            "/roles/2/members".to_owned(),
            "role:read:list_members, role:read:list_members:admin",
        ),
        // Scope check comes before parameter validation.
        (
            "/roles?type=bogus".to_owned(),
            "role:read:list_roles, role:read:list_roles:admin",
        ),
    ] {
        let message = format!("Invalid access token, does not contain scopes:[{scopes}].");
        h.get(&path).await.assert_error(400, 4711, &message);
    }

    // Classic scopes are accepted as well.
    let classic = start(SimConfig {
        scopes: vec!["user:read:admin".to_owned(), "role:read:admin".to_owned()],
        ..config(20)
    })
    .await;
    let owner = classic.sim.account().owner().id.clone();
    for path in [
        "/users".to_owned(),
        format!("/users/{owner}"),
        "/roles".to_owned(),
        "/roles/0/members".to_owned(),
    ] {
        assert_eq!(classic.get(&path).await.status, 200, "{path}");
    }
    classic.get("/groups").await.assert_error(
        400,
        4711,
        "Invalid access token, does not contain scopes:[group:read:list_groups:admin].",
    );

    // The token response lists what was granted.
    let reply = post_token(
        &classic.sim,
        &[
            ("grant_type", "account_credentials"),
            ("account_id", "sim-account-0001"),
        ],
        None,
        Some(("simclient0001", &classic.sim.config().client_secret)),
    )
    .await;
    assert_eq!(
        reply.json["scope"],
        json!("user:read:admin role:read:admin")
    );
}

#[test]
fn default_scopes_cover_every_endpoint_with_granular_admin_scopes() {
    assert_eq!(
        SimConfig::default_scopes(),
        [
            "user:read:list_users:admin",
            "user:read:user:admin",
            "group:read:list_groups:admin",
            "role:read:list_roles:admin",
            "role:read:list_members:admin",
            "h323_device:read:list_devices:admin",
            "device:read:list_zdm_devices:admin",
            "zoom_rooms:read:list_rooms:admin",
            "zoom_rooms:read:room:admin",
            "zoom_rooms:read:list_devices:admin",
            "zoom_rooms:read:list_locations:admin",
            "zoom_rooms:read:list_calendar_services:admin",
            "zoom_rooms:read:list_calendar_resources:admin",
            "dashboard:read:list_meetings:admin",
            "dashboard:read:list_meeting_participants:admin",
            "report:read:user_activities:admin",
            "report:read:operation_logs:admin",
            "account:read:settings:admin",
            "account:read:lock_settings:master",
            "billing:read:plan_usage:admin",
            "user:read:summary:admin",
            "marketplace:read:list_apps:admin",
            "marketplace:read:app:admin",
            "billing:read:plan_information:admin",
            "role:read:role:admin",
            "account:read:managed_domains:master",
            "account:read:trusted_domains:master",
            "group:read:settings:admin",
            "group:read:lock_settings:admin",
            "user:read:settings:admin",
        ]
    );
    let config = SimConfig::default();
    assert_eq!(config.client_secret.len(), 32);
    assert!(!format!("{config:?}").contains(&config.client_secret));
}
