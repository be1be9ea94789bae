//! Listings follow `next_page_token`, one page at a time, and stop on an empty or missing token.

use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;
use zoom_api::{Error, UserStatus};

use crate::support::{Reply, fake};

fn user(n: u32) -> serde_json::Value {
    json!({ "id": format!("u{n}"), "email": format!("u{n}@example.com"), "type": 1, "extra": n })
}

/// Three pages of users: tokens `p2`, `p3`, then `""`.
fn three_pages(seen: &crate::support::Seen) -> Reply {
    let (users, next) = match seen.query.get("next_page_token").map(String::as_str) {
        None => (vec![user(1), user(2)], "p2"),
        Some("p2") => (vec![user(3)], "p3"),
        Some("p3") => (vec![user(4), user(5)], ""),
        Some(other) => {
            return Reply::json(
                400,
                json!({ "code": 300, "message": format!("bad token {other}") }),
            );
        }
    };
    Reply::json(
        200,
        json!({ "page_size": 300, "total_records": 5, "next_page_token": next, "users": users }),
    )
}

#[tokio::test]
async fn walks_three_pages_and_stops_on_empty_token() {
    let fake = fake().api(three_pages).await;
    let users: Vec<_> = fake
        .client()
        .list_users(UserStatus::Inactive)
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = users.iter().map(|u| u.item.id.clone().unwrap()).collect();
    assert_eq!(ids, ["u1", "u2", "u3", "u4", "u5"]);
    // Raw JSON is kept as received, unknown fields included.
    assert_eq!(users[3].raw, user(4));
    let seen = fake.state.seen();
    assert_eq!(seen.len(), 3);
    for (s, token) in seen.iter().zip([None, Some("p2"), Some("p3")]) {
        assert_eq!(s.path, "/v2/users");
        assert_eq!(s.query.get("status").map(String::as_str), Some("inactive"));
        // Zoom's maximum for users is asked; the server's smaller pages are followed.
        assert_eq!(s.query.get("page_size").map(String::as_str), Some("2000"));
        assert_eq!(s.query.get("next_page_token").map(String::as_str), token);
    }
    assert_eq!(fake.state.tokens(), 1);
}

#[tokio::test]
async fn status_is_always_sent() {
    let fake = fake()
        .api(|_| Reply::json(200, json!({ "users": [] })))
        .await;
    let client = fake.client();
    for status in UserStatus::ALL {
        let n = client.list_users(status).count().await;
        assert_eq!(n, 0);
    }
    let statuses: Vec<_> = fake
        .state
        .seen()
        .iter()
        .map(|s| s.query["status"].clone())
        .collect();
    assert_eq!(statuses, ["active", "inactive", "pending"]);
}

#[tokio::test]
async fn pages_are_fetched_only_as_items_are_consumed() {
    let fake = fake().api(three_pages).await;
    let stream = fake.client().list_users(UserStatus::Active);
    futures_util::pin_mut!(stream);
    assert_eq!(
        fake.state.api_calls(),
        0,
        "nothing is fetched before the stream is polled"
    );
    stream.next().await.unwrap().unwrap();
    stream.next().await.unwrap().unwrap();
    assert_eq!(fake.state.api_calls(), 1);
    stream.next().await.unwrap().unwrap();
    assert_eq!(fake.state.api_calls(), 2);
}

#[tokio::test]
async fn groups_stop_when_the_token_is_missing() {
    let fake = fake()
        .api(|seen| match seen.query.get("next_page_token").map(String::as_str) {
            None => Reply::json(200, json!({ "total_records": 2, "next_page_token": "g2", "groups": [{ "id": "g1", "name": "One", "total_members": 3 }] })),
            _ => Reply::json(200, json!({ "total_records": 2, "groups": [{ "id": "g2", "name": "Two" }] })),
        })
        .await;
    let groups: Vec<_> = fake.client().list_groups().try_collect().await.unwrap();
    let names: Vec<_> = groups
        .iter()
        .map(|g| g.item.name.clone().unwrap())
        .collect();
    assert_eq!(names, ["One", "Two"]);
    assert_eq!(groups[0].item.total_members, Some(3));
    assert!(
        fake.state
            .seen()
            .iter()
            .all(|s| s.path == "/v2/groups" && !s.query.contains_key("status"))
    );
}

#[tokio::test]
async fn role_members_use_an_encoded_role_id() {
    let fake = fake()
        .api(|_| Reply::json(200, json!({ "next_page_token": "", "members": [{ "id": "m1", "email": "m1@example.com", "type": 2 }] })))
        .await;
    let client = fake.client();
    let members: Vec<_> = client.list_role_members("2").try_collect().await.unwrap();
    assert_eq!(members[0].item.user_type, Some(2));
    let _: Vec<_> = client
        .list_role_members("a/b c?d")
        .try_collect()
        .await
        .unwrap();
    let paths: Vec<_> = fake.state.seen().iter().map(|s| s.path.clone()).collect();
    assert_eq!(
        paths,
        ["/v2/roles/2/members", "/v2/roles/a%2Fb%20c%3Fd/members"]
    );
}

#[tokio::test]
async fn roles_are_one_request_without_paging_parameters() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                200,
                json!({ "total_records": 2, "roles": [
                    { "id": "0", "name": "Owner", "type": "common", "total_members": 1 },
                    { "id": "2", "name": "Member", "total_members": "40" }
                ]}),
            )
        })
        .await;
    let roles = fake.client().list_roles().await.unwrap();
    assert_eq!(roles.len(), 2);
    assert_eq!(roles[1].item.total_members, Some(40));
    assert_eq!(roles[1].raw["total_members"], "40");
    let seen = fake.state.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/v2/roles");
    assert!(seen[0].query.is_empty(), "{:?}", seen[0].query);
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_after_its_error() {
    let fake = fake()
        .api(|seen| match seen.query.get("next_page_token") {
            None => Reply::json(200, json!({ "next_page_token": "p2", "users": [user(1)] })),
            Some(_) => Reply::json(
                400,
                json!({ "code": 300, "message": "The next page token is invalid or expired." }),
            ),
        })
        .await;
    let client = fake.client();
    let results: Vec<_> = client.list_users(UserStatus::Active).collect().await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert!(
        matches!(
            &results[1],
            Err(Error::Api {
                status: 400,
                code: Some(300),
                ..
            })
        ),
        "{:?}",
        results[1]
    );
    // An expired token restarts the listing, three times at most: 2 + 3 × 2 requests, and
    // u1 is yielded once.
    assert_eq!(fake.state.api_calls(), 8);
    let stats = client.stats();
    assert_eq!((stats.page_restarts, stats.duplicates_skipped), (3, 3));
}

/// Zoom's answer to an expired page token.
fn expired() -> Reply {
    Reply::json(
        400,
        json!({ "code": 300, "message": "The next page token is invalid or expired." }),
    )
}

fn page(users: &[u32], next: &str) -> Reply {
    let users: Vec<_> = users.iter().map(|n| user(*n)).collect();
    Reply::json(200, json!({ "next_page_token": next, "users": users }))
}

#[tokio::test]
async fn an_expired_page_token_restarts_the_listing_without_duplicates() {
    // Three pages. The token of page 3 has expired by the time it is used; meanwhile u0 was
    // added, so the restarted listing is shifted by one.
    let restarted = std::sync::atomic::AtomicBool::new(false);
    let fake = fake()
        .api(move |seen| {
            use std::sync::atomic::Ordering::SeqCst;
            let token = seen.query.get("next_page_token").map(String::as_str);
            if !restarted.load(SeqCst) {
                match token {
                    None => page(&[1, 2], "p2"),
                    Some("p2") => page(&[3], "p3"),
                    _ => {
                        restarted.store(true, SeqCst);
                        expired()
                    }
                }
            } else {
                match token {
                    None => page(&[0, 1], "q2"),
                    Some("q2") => page(&[2, 3], "q3"),
                    Some("q3") => page(&[4, 5], ""),
                    _ => expired(),
                }
            }
        })
        .await;
    let client = fake.client();
    let users: Vec<_> = client
        .list_users(UserStatus::Active)
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = users.iter().map(|u| u.item.id.clone().unwrap()).collect();
    assert_eq!(
        ids,
        ["u1", "u2", "u3", "u0", "u4", "u5"],
        "each item exactly once"
    );
    let tokens: Vec<_> = fake
        .state
        .seen()
        .iter()
        .map(|s| s.query.get("next_page_token").cloned().unwrap_or_default())
        .collect();
    assert_eq!(tokens, ["", "p2", "p3", "", "q2", "q3"]);
    let stats = client.stats();
    assert_eq!(stats.page_restarts, 1);
    assert_eq!(stats.duplicates_skipped, 3);
}

#[tokio::test]
async fn code_300_on_a_first_page_is_not_a_restart() {
    let fake = fake().api(|_| expired()).await;
    let results: Vec<_> = fake.client().list_users(UserStatus::Active).collect().await;
    assert!(
        matches!(
            &results[..],
            [Err(Error::Api {
                code: Some(300),
                ..
            })]
        ),
        "{results:?}"
    );
    assert_eq!(fake.state.api_calls(), 1);
}

#[tokio::test]
async fn identical_items_within_one_pass_are_all_yielded() {
    let fake = fake().api(|_| page(&[1, 1], "")).await;
    let users: Vec<_> = fake
        .client()
        .list_users(UserStatus::Active)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(users.len(), 2, "only a restart skips items");
}

#[tokio::test]
async fn a_repeated_token_stops_the_stream() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                200,
                json!({ "next_page_token": "same", "users": [user(1)] }),
            )
        })
        .await;
    let results: Vec<_> = fake.client().list_users(UserStatus::Active).collect().await;
    // Page 1 (token "same"), page 2 (token "same" again): its item, then the error.
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    assert!(
        matches!(&results[2], Err(Error::Decode { path, .. }) if path == "next_page_token"),
        "{:?}",
        results[2]
    );
    assert_eq!(fake.state.api_calls(), 2);
}

#[tokio::test]
async fn page_size_follows_the_config() {
    let fake = fake()
        .api(|_| Reply::json(200, json!({ "groups": [] })))
        .await;
    let mut config = fake.config();
    config.page_size = 50;
    let client = zoom_api::Client::new(config).unwrap();
    assert_eq!(client.list_groups().count().await, 0);
    assert_eq!(fake.state.seen()[0].query["page_size"], "50");
}

#[tokio::test]
async fn api_url_with_a_path_prefix_or_v2_suffix() {
    let fake = fake()
        .api(|_| Reply::json(200, crate::support::user_json("x")))
        .await;
    for (base, expected) in [
        ("/v2/", "/v2/users/x"),
        ("/v2", "/v2/users/x"),
        ("/zoom/", "/zoom/v2/users/x"),
    ] {
        let mut config = fake.config();
        config.api_url = fake.url.join(base).unwrap();
        let client = zoom_api::Client::new(config).unwrap();
        client.get_user("x").await.unwrap();
        assert_eq!(
            fake.state.seen().last().unwrap().path,
            expected,
            "api_url ending {base}"
        );
    }
}

/// Streams and futures can be spawned and boxed by callers.
#[tokio::test]
async fn streams_are_send_and_static() {
    fn send_static<T: Send + 'static>(_: &T) {}
    let fake = fake().api(|_| Reply::json(200, json!({}))).await;
    let client = fake.client();
    send_static(&client.list_users(UserStatus::Active));
    send_static(&client.list_groups());
    send_static(&client.list_role_members("r"));
    let c = client.clone();
    let roles = tokio::spawn(async move { c.list_roles().await })
        .await
        .unwrap()
        .unwrap();
    assert!(roles.is_empty());
}

/// Three pages of two users, the first saying so: `page_size` 2, `total_records` 5.
fn announced_pages(seen: &crate::support::Seen) -> Reply {
    let (users, next) = match seen.query.get("next_page_token").map(String::as_str) {
        None => (vec![user(1), user(2)], "p2"),
        Some("p2") => (vec![user(3), user(4)], "p3"),
        _ => (vec![user(5)], ""),
    };
    Reply::json(
        200,
        json!({ "page_size": 2, "total_records": 5, "next_page_token": next, "users": users }),
    )
}

#[tokio::test]
async fn the_pages_a_listing_announces_count_until_requested() {
    let fake = fake().api(announced_pages).await;
    let client = fake.client();
    let ahead = || client.stats().pages_announced_ahead.total();
    assert_eq!(ahead(), 0, "nothing is known before the first page");
    let stream = client.list_users(UserStatus::Active);
    futures_util::pin_mut!(stream);
    stream.next().await.unwrap().unwrap();
    assert_eq!(
        ahead(),
        2,
        "5 records of 2 a page: two pages after the first"
    );
    assert_eq!(client.stats().pages_announced_ahead.medium, 2);
    stream.next().await.unwrap().unwrap();
    stream.next().await.unwrap().unwrap();
    assert_eq!(ahead(), 1, "the second page is requested");
    let rest: Vec<_> = stream.try_collect().await.unwrap();
    assert_eq!(rest.len(), 2);
    assert_eq!(ahead(), 0);

    // A listing dropped half-way no longer counts what it announced.
    let mut stream = Box::pin(client.list_users(UserStatus::Inactive));
    stream.next().await.unwrap().unwrap();
    assert_eq!(ahead(), 2);
    drop(stream);
    assert_eq!(ahead(), 0);
}
