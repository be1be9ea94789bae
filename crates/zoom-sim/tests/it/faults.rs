//! The seeded fault plan, seen from a real HTTP client: 5xx, resets, truncated bodies, slow
//! answers, revoked tokens, refused page tokens; rates, reproducibility, spec parsing.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use futures_util::StreamExt as _;
use futures_util::stream;
use serde_json::{Value, json};
use zoom_sim::{FaultKind, FaultPlan, SimConfig, SimError, Simulator};

use crate::common::{Harness, config, start};

/// What the client saw.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Seen {
    /// A complete response: status and body.
    Response(u16, String),
    /// No response: the request failed (connection closed, reset).
    NoResponse,
    /// Status and headers, then the body failed.
    BodyError(u16),
}

impl Seen {
    fn class(&self) -> &'static str {
        match self {
            Seen::Response(500..=504, _) => "5xx",
            Seen::Response(..) => "answered",
            Seen::NoResponse => "reset",
            Seen::BodyError(_) => "truncated",
        }
    }
}

async fn see(client: &reqwest::Client, url: &str, token: &str) -> Seen {
    let response = match client.get(url).bearer_auth(token).send().await {
        Ok(response) => response,
        Err(error) => {
            assert!(error.status().is_none(), "{error:?}");
            return Seen::NoResponse;
        }
    };
    let status = response.status().as_u16();
    match response.bytes().await {
        Ok(bytes) => Seen::Response(status, String::from_utf8_lossy(&bytes).into_owned()),
        Err(_) => Seen::BodyError(status),
    }
}

fn faulty(users: usize, spec: &str) -> SimConfig {
    SimConfig {
        faults: FaultPlan::parse(spec).unwrap(),
        ..config(users)
    }
}

/// Distinct requests: every page size of `/users` and every user.
fn distinct_requests(h: &Harness, count: usize) -> Vec<String> {
    let account = h.sim.account();
    (1..=300)
        .map(|n| format!("/users?page_size={n}"))
        .chain(account.users.iter().map(|u| format!("/users/{}", u.id)))
        .take(count)
        .collect()
}

#[tokio::test]
async fn server_errors_are_zoom_json_or_gateway_pages() {
    let h = start(faulty(20, "seed=1,5xx=1")).await;
    let mut statuses = BTreeMap::new();
    for path in distinct_requests(&h, 40) {
        let response = h
            .client
            .get(format!("{}/v2{path}", h.sim.api_url()))
            .bearer_auth(&h.token)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let content_type = response.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_owned();
        let body = response.text().await.unwrap();
        match status {
            500 | 503 => {
                assert_eq!(content_type, "application/json");
                let json: Value = serde_json::from_str(&body).unwrap();
                assert_eq!(json["code"], json!(status));
                assert!(json["message"].as_str().unwrap().len() > 5);
            }
            502 | 504 => {
                assert_eq!(content_type, "text/html");
                assert!(body.starts_with("<html>"), "{body}");
                assert!(body.contains(&format!("<title>{status} ")), "{body}");
            }
            other => panic!("unexpected status {other}: {body}"),
        }
        *statuses.entry(status).or_insert(0) += 1;
    }
    assert_eq!(statuses.len(), 4, "{statuses:?}");
    // The token endpoint is never faulted: tokens keep coming.
    for _ in 0..5 {
        crate::common::token(&h.sim, &h.client).await;
    }
    let stats = h.sim.stats();
    assert_eq!(stats.faults.server_errors, 40);
    assert_eq!(stats.faults_injected(), 40);
}

#[tokio::test]
async fn a_reset_is_a_connection_error_not_a_response() {
    let h = start(faulty(10, "reset=1")).await;
    for _ in 0..3 {
        let error = h
            .client
            .get(format!("{}/v2/users", h.sim.api_url()))
            .bearer_auth(&h.token)
            .send()
            .await
            .expect_err("no response");
        assert!(error.is_request() || error.is_connect(), "{error:?}");
        assert!(error.status().is_none());
    }
    assert_eq!(h.sim.stats().faults.resets, 3);
    let log = h.sim.requests();
    let v2: Vec<_> = log.iter().filter(|r| r.path == "/v2/users").collect();
    assert_eq!(v2.len(), 3);
    for r in v2 {
        assert_eq!(
            (r.status, r.faults.as_slice()),
            (0, &[FaultKind::Reset][..])
        );
    }
}

#[tokio::test]
async fn a_truncated_body_is_a_body_error_never_clean_json() {
    let h = start(faulty(30, "truncate=1")).await;
    for path in ["/users?page_size=30", "/roles"] {
        let response = h
            .client
            .get(format!("{}/v2{path}", h.sim.api_url()))
            .bearer_auth(&h.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let length = response.content_length().unwrap();
        assert!(length > 100, "{length}");
        let error = response.bytes().await.expect_err("the body is cut");
        assert!(
            error.is_body() || error.is_decode() || error.is_request(),
            "{error:?}"
        );
    }
    assert_eq!(h.sim.stats().faults.truncated, 2);
}

#[tokio::test]
async fn tokens_are_revoked_once_after_the_nth_request() {
    let h = start(faulty(10, "revoke-token-after=3")).await;
    for _ in 0..3 {
        assert_eq!(h.get("/users").await.status, 200);
    }
    h.get("/users")
        .await
        .assert_error(401, 124, "Invalid access token.");
    h.get("/roles")
        .await
        .assert_error(401, 124, "Invalid access token.");
    let fresh = crate::common::token(&h.sim, &h.client).await;
    for _ in 0..20 {
        assert_eq!(h.get_with("/users", Some(&fresh)).await.status, 200);
    }
    assert_eq!(h.sim.stats().faults.token_revocations, 1);
    let log = h.sim.requests();
    let revoked: Vec<_> = log
        .iter()
        .filter(|r| r.faults.contains(&FaultKind::TokensRevoked))
        .collect();
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0].status, 401);
}

#[tokio::test]
async fn page_tokens_are_refused_and_a_retry_rolls_again() {
    let h = start(faulty(60, "seed=5,expire-page-tokens=1")).await;
    let first = h.get("/users?page_size=10").await;
    assert_eq!(first.status, 200, "requests without a token are untouched");
    let token = first.json["next_page_token"].as_str().unwrap().to_owned();
    h.get(&format!("/users?page_size=10&next_page_token={token}"))
        .await
        .assert_error(400, 300, "The next page token is invalid or expired.");
    assert_eq!(h.sim.stats().faults.expired_page_tokens, 1);

    // At one half, retrying the same page eventually works, and the walk completes.
    let h = start(faulty(60, "seed=5,expire-page-tokens=0.5")).await;
    let mut token = String::new();
    let mut pages = 0;
    let mut page_count: Option<u64>;
    let mut refusals = 0;
    loop {
        let query = if token.is_empty() {
            "/users?page_size=10".to_owned()
        } else {
            format!("/users?page_size=10&next_page_token={token}")
        };
        let reply = h.get(&query).await;
        if reply.status == 400 {
            assert_eq!(reply.json["code"], json!(300));
            refusals += 1;
            assert!(refusals < 50, "a request must not fail forever");
            continue;
        }
        assert_eq!(reply.status, 200);
        pages += 1;
        page_count = reply.json["page_count"].as_u64();
        token = reply.json["next_page_token"].as_str().unwrap().to_owned();
        if token.is_empty() {
            break;
        }
    }
    assert!(pages >= 3);
    assert_eq!(Some(pages), page_count);
    assert!(refusals > 0);
    assert_eq!(h.sim.stats().faults.expired_page_tokens, refusals);
}

#[tokio::test]
async fn slow_requests_are_delayed() {
    let h = start(faulty(10, "slow=1:150ms")).await;
    let started = Instant::now();
    assert_eq!(h.get("/roles").await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
    let log = h.sim.requests();
    assert_eq!(
        log.last().unwrap().faults,
        [FaultKind::Slow(Duration::from_millis(150))]
    );
    assert_eq!(h.sim.stats().faults.slow, 1);
}

/// Every request of `requests` as the client sees it, `concurrency` at a time.
async fn transcript(
    h: &Harness,
    requests: &[String],
    concurrency: usize,
) -> BTreeMap<String, Seen> {
    let base = format!("{}/v2", h.sim.api_url());
    stream::iter(requests.iter().cloned())
        .map(|path| {
            let url = format!("{base}{path}");
            async move { (path, see(&h.client, &url, &h.token).await) }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await
}

#[tokio::test]
async fn rates_are_roughly_as_configured() {
    let spec = "seed=11,5xx=0.10,reset=0.05,truncate=0.05,slow=0.05:1ms";
    let h = start(faulty(200, spec)).await;
    let requests = distinct_requests(&h, 400);
    let seen = transcript(&h, &requests, 8).await;
    let mut classes: BTreeMap<&str, u64> = BTreeMap::new();
    for s in seen.values() {
        *classes.entry(s.class()).or_insert(0) += 1;
    }
    let count = |class: &str| classes.get(class).copied().unwrap_or(0);
    // 400 requests: expected 40, 20, 20.
    assert!((25..=55).contains(&count("5xx")), "{classes:?}");
    assert!((8..=35).contains(&count("reset")), "{classes:?}");
    assert!((8..=35).contains(&count("truncated")), "{classes:?}");
    assert_eq!(
        count("answered") + count("5xx") + count("reset") + count("truncated"),
        400
    );
    let stats = h.sim.stats();
    assert_eq!(stats.faults.server_errors, count("5xx"));
    assert_eq!(stats.faults.resets, count("reset"));
    assert_eq!(stats.faults.truncated, count("truncated"));
    assert!((8..=35).contains(&stats.faults.slow), "{stats:?}");
}

#[tokio::test]
async fn the_same_seed_gives_the_same_faults_whatever_the_order() {
    let spec = "seed=7,5xx=0.2,reset=0.1,truncate=0.1";
    let a = start(faulty(60, spec)).await;
    let b = start(faulty(60, spec)).await;
    let c = start(faulty(60, "seed=8,5xx=0.2,reset=0.1,truncate=0.1")).await;
    let requests = distinct_requests(&a, 120);
    let mut reversed = requests.clone();
    reversed.reverse();

    // In order, one at a time; reversed and concurrent. Each request is sent twice (its first and
    // second occurrence), the second after the first everywhere.
    let mut seen_a = Vec::new();
    let mut seen_b = Vec::new();
    for round in 0..2 {
        let ta = transcript(&a, &requests, 1).await;
        let tb = transcript(&b, &reversed, 6).await;
        seen_a.extend(ta.into_iter().map(|(k, v)| ((round, k), v.class())));
        seen_b.extend(tb.into_iter().map(|(k, v)| ((round, k), v.class())));
    }
    seen_a.sort();
    seen_b.sort();
    assert_eq!(seen_a, seen_b);
    assert!(seen_a.iter().any(|(_, class)| *class != "answered"));
    // A retry is a new occurrence: some request faulted the first time is fine the second.
    let first: BTreeMap<_, _> = seen_a
        .iter()
        .filter(|((round, _), _)| *round == 0)
        .map(|((_, k), v)| (k.clone(), *v))
        .collect();
    assert!(
        seen_a.iter().any(|((round, k), class)| *round == 1
            && *class == "answered"
            && first[k] != "answered")
    );
    // Another seed, other faults.
    let tc = transcript(&c, &requests, 6).await;
    let seen_c: Vec<_> = tc.into_iter().map(|(k, v)| ((0, k), v.class())).collect();
    let first_a: Vec<_> = seen_a
        .iter()
        .filter(|((round, _), _)| *round == 0)
        .cloned()
        .collect();
    assert_ne!(first_a, seen_c);
}

#[tokio::test]
async fn specs_parse_and_bad_plans_are_refused() {
    let plan = FaultPlan::parse(
        "seed=7,5xx=0.10,reset=0.02,slow=0.01:250ms,truncate=0.01,revoke-token-after=300,\
         expire-page-tokens=0.05",
    )
    .unwrap();
    assert_eq!(plan.seed, 7);
    assert_eq!(plan.slow_delay, Duration::from_millis(250));
    assert_eq!(plan.revoke_token_after, Some(300));
    assert_eq!(plan.to_string().parse::<FaultPlan>().unwrap(), plan);
    assert!(FaultPlan::parse("").unwrap().is_none());
    let error = FaultPlan::parse("seed=7,5xx=ten").unwrap_err();
    assert_eq!(error.part, "5xx=ten");
    assert!(
        error
            .to_string()
            .starts_with("invalid fault spec item \"5xx=ten\""),
        "{error}"
    );
    assert_eq!(FaultPlan::parse("bogus=1").unwrap_err().part, "bogus=1");

    let bad = FaultPlan {
        server_errors: 0.7,
        resets: 0.7,
        ..FaultPlan::none()
    };
    assert!(matches!(
        Simulator::start(SimConfig { faults: bad, ..config(3) }).await,
        Err(SimError::InvalidConfig(message)) if message.contains("more than 1")
    ));
}
