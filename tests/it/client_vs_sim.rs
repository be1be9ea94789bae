//! `zoom-api` against `zoom-sim`: listings, details, the shared token and scope errors, where
//! two independent readings of Zoom's docs must agree.

use std::collections::BTreeSet;

use futures_util::{StreamExt, TryStreamExt, future::join_all};
use zoom_api::{Error, UserStatus};
use zoom_sim::{SimConfig, Simulator};

use crate::support::{client, sim};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listings_return_every_user_of_each_status_exactly_once() {
    let sim = sim(4500).await;
    let client = client(&sim);
    let account = sim.account();
    for (status, name) in [
        (UserStatus::Active, "active"),
        (UserStatus::Inactive, "inactive"),
        (UserStatus::Pending, "pending"),
    ] {
        let listed: Vec<_> = client
            .list_users(status)
            .try_collect()
            .await
            .expect("listing succeeds");
        let ids: Vec<String> = listed
            .iter()
            .map(|user| user.item.id.clone().expect("listed users have ids"))
            .collect();
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "no duplicates among {name} users");
        let expected: BTreeSet<&String> = account
            .users
            .iter()
            .filter(|user| user.status.as_str() == name)
            .map(|user| &user.id)
            .collect();
        assert_eq!(unique, expected, "{name} users");
        assert!(!expected.is_empty(), "the account has {name} users");
    }
    // Over 2000 active users at 2000 a page: the listing paged with next_page_token.
    let pages = sim
        .requests()
        .iter()
        .filter(|request| {
            request.path == "/v2/users"
                && request
                    .query
                    .as_deref()
                    .is_some_and(|query| query.contains("next_page_token="))
        })
        .count();
    assert!(pages >= 1, "{pages} follow-up pages");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_detail_matches_the_account() {
    let sim = sim(30).await;
    let client = client(&sim);
    for user in sim
        .account()
        .users
        .iter()
        .filter(|u| !u.invitation_expired)
        .take(10)
    {
        let detail = client.get_user(&user.id).await.expect("detail");
        assert_eq!(detail.item.id.as_deref(), Some(user.id.as_str()));
        assert_eq!(detail.item.email.as_deref(), Some(user.email.as_str()));
        assert_eq!(detail.item.job_title, user.job_title);
        let login_types: Vec<i64> = user
            .login_types
            .iter()
            .map(|&code| i64::from(code))
            .collect();
        assert_eq!(detail.item.login_types, login_types);
        assert_eq!(detail.raw["id"], user.id.as_str());
    }
    let error = client
        .get_user("nobody@example.com")
        .await
        .expect_err("unknown user");
    assert_eq!(error.http_status(), Some(404));
    assert_eq!(error.zoom_code(), Some(1001));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_and_groups_match_the_account() {
    let sim = sim(100).await;
    let client = client(&sim);
    let account = sim.account();
    let roles = client.list_roles().await.expect("roles");
    let names: BTreeSet<String> = roles.iter().filter_map(|r| r.item.name.clone()).collect();
    let expected: BTreeSet<String> = account.roles.iter().map(|r| r.name.clone()).collect();
    assert_eq!(names, expected);
    let groups: Vec<_> = client.list_groups().try_collect().await.expect("groups");
    let names: BTreeSet<String> = groups.iter().filter_map(|g| g.item.name.clone()).collect();
    let expected: BTreeSet<String> = account.groups.iter().map(|g| g.name.clone()).collect();
    assert_eq!(names, expected);

    let owner = roles
        .iter()
        .find(|role| role.item.name.as_deref() == Some("Owner"))
        .and_then(|role| role.item.id.clone())
        .expect("an Owner role");
    let members: Vec<_> = client
        .list_role_members(&owner)
        .try_collect()
        .await
        .expect("members");
    assert_eq!(members.len(), 1, "exactly one owner");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_share_one_token_and_a_revoked_one_is_replaced_once() {
    let sim = sim(100).await;
    let client = client(&sim);
    let account = sim.account();
    let readable: Vec<_> = account
        .users
        .iter()
        .filter(|user| !user.invitation_expired)
        .collect();
    let calls = readable
        .iter()
        .take(40)
        .map(|user| client.get_user(&user.id));
    for result in join_all(calls).await {
        result.expect("detail");
    }
    assert_eq!(
        sim.tokens_issued(),
        1,
        "one token for 40 concurrent requests"
    );

    sim.revoke_tokens();
    let calls = readable
        .iter()
        .take(20)
        .map(|user| client.get_user(&user.id));
    for result in join_all(calls).await {
        result.expect("detail after revocation");
    }
    assert_eq!(
        sim.tokens_issued(),
        2,
        "one refresh for 20 requests that saw the revoked token"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_scope_names_the_scopes_to_grant() {
    let mut config = SimConfig::default();
    config.scopes.retain(|scope| !scope.starts_with("role:"));
    let sim = Simulator::start(config).await.expect("sim");
    let client = client(&sim);
    let error = client.list_roles().await.expect_err("roles need a scope");
    match &error {
        Error::MissingScopes { scopes, .. } => {
            assert!(
                scopes.iter().any(|s| s == "role:read:list_roles:admin"),
                "{scopes:?}"
            );
        }
        other => panic!("expected MissingScopes, got {other:?}"),
    }
    assert!(
        error.to_string().contains("role:read:list_roles:admin"),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_credentials_are_refused_by_the_token_endpoint() {
    let sim = sim(5).await;
    let config = sim.config();
    let mut client_config = zoom_api::ClientConfig::new(
        config.account_id.clone(),
        config.client_id.clone(),
        secrecy::SecretString::from("wrong-secret".to_owned()),
    );
    client_config.api_url = sim.api_url().parse().expect("url");
    client_config.oauth_url = sim.oauth_url().parse().expect("url");
    let client = zoom_api::Client::new(client_config).expect("client");

    let error = client.access_token_check().await.expect_err("refused");
    assert!(error.is_auth(), "{error:?}");
    assert!(
        error.to_string().contains("client_id or client_secret"),
        "{error}"
    );
    let error = client
        .list_users(UserStatus::Active)
        .boxed()
        .next()
        .await
        .expect("one item")
        .expect_err("no listing without a token");
    assert!(error.is_auth(), "{error:?}");
    let api_calls = sim
        .requests()
        .into_iter()
        .filter(|request| request.path.starts_with("/v2"))
        .count();
    assert_eq!(api_calls, 0, "no API call is made without a token");
}
