//! The server around the endpoints: request log, unknown routes, gate order, start and stop.

use std::net::SocketAddr;

use zoom_sim::{SimConfig, SimError, Simulator};

use crate::common::{Reply, client, config, start};

#[tokio::test]
async fn request_log_records_everything() {
    let h = start(config(10)).await;
    let _ = h.get("/users?status=inactive&page_size=2").await;
    let _ = h.get("/no/such/thing").await;
    let _ = h.get_with("/groups", None).await;
    let log = h.sim.requests();
    let summary: Vec<(&str, &str, Option<&str>, u16)> = log
        .iter()
        .map(|r| {
            (
                r.method.as_str(),
                r.path.as_str(),
                r.query.as_deref(),
                r.status,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "POST",
                "/oauth/token",
                Some("grant_type=account_credentials&account_id=sim-account-0001"),
                200
            ),
            ("GET", "/v2/users", Some("status=inactive&page_size=2"), 200),
            ("GET", "/v2/no/such/thing", None, 404),
            ("GET", "/v2/groups", None, 401),
        ]
    );
    for pair in log.windows(2) {
        assert!(pair[0].at <= pair[1].at);
    }
    h.sim.clear_requests();
    assert!(h.sim.requests().is_empty());
    let _ = h.get("/roles").await;
    assert_eq!(h.sim.requests().len(), 1);
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let h = start(config(5)).await;
    for path in ["/nope", "/users/", "/users/x/y/z", ""] {
        h.get(path)
            .await
            .assert_error(404, 2300, "This API endpoint is not recognized.");
    }
    // The token is checked first.
    h.get_with("/nope", None)
        .await
        .assert_error(401, 124, "Invalid access token.");
    // A known path with a method the simulator does not serve.
    let response = h
        .client
        .delete(format!("{}/v2/users", h.sim.api_url()))
        .bearer_auth(&h.token)
        .send()
        .await
        .unwrap();
    Reply::from(response)
        .await
        .assert_error(404, 2300, "This API endpoint is not recognized.");
    // Outside /v2 no token is needed to learn that nothing is there.
    let response = client()
        .get(format!("{}/favicon.ico", h.sim.base_url()))
        .send()
        .await
        .unwrap();
    Reply::from(response)
        .await
        .assert_error(404, 2300, "This API endpoint is not recognized.");
}

#[tokio::test]
async fn token_check_comes_before_parameter_validation() {
    let h = start(config(5)).await;
    h.get_with("/users?status=bogus", None)
        .await
        .assert_error(401, 124, "Invalid access token.");
    h.get_with("/users?next_page_token=bogus", Some("expired?"))
        .await
        .assert_error(401, 124, "Invalid access token.");
    h.get("/users?status=bogus")
        .await
        .assert_error(400, 300, "Validation Failed.");
}

#[tokio::test]
async fn urls_config_and_account() {
    let h = start(config(12)).await;
    let base = h.sim.base_url();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert_eq!(h.sim.api_url(), base);
    assert_eq!(h.sim.oauth_url(), base);
    assert_eq!(base, format!("http://{}", h.sim.local_addr()));
    assert_eq!(h.sim.config().users, 12);
    assert_eq!(h.sim.account().users.len(), 12);
    assert_eq!(h.sim.account().account_id, "sim-account-0001");
}

#[tokio::test]
async fn start_on_a_given_address_and_bind_errors() {
    let sim = Simulator::start_on(config(2), SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    let taken = sim.local_addr();
    match Simulator::start_on(config(2), taken).await {
        Err(SimError::Bind { addr, .. }) => assert_eq!(addr, taken),
        other => panic!("expected a bind error, got {other:?}"),
    }
    assert!(matches!(
        Simulator::start(SimConfig {
            users: 0,
            ..config(1)
        })
        .await,
        Err(SimError::InvalidConfig(_))
    ));
}

#[tokio::test]
async fn shutdown_and_drop_stop_the_server() {
    let h = start(config(3)).await;
    let url = format!("{}/v2/users", h.sim.api_url());
    assert_eq!(
        h.client
            .get(&url)
            .bearer_auth(&h.token)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    h.sim.shutdown().await;
    assert!(
        client().get(&url).send().await.is_err(),
        "still serving after shutdown"
    );

    let sim = Simulator::start(config(3)).await.unwrap();
    let url = format!("{}/oauth/token", sim.oauth_url());
    drop(sim);
    tokio::task::yield_now().await;
    assert!(
        client().post(&url).send().await.is_err(),
        "still serving after drop"
    );
}
