//! Behaviour of the users, groups and roles endpoints: paging, filters, determinism, errors.

use std::collections::HashSet;
use std::time::Duration;

use serde_json::{Value, json};
use zoom_sim::{SimConfig, UserStatus};

use crate::common::{Harness, Reply, config, start};

fn ids(pages: &[Reply], key: &str) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| {
            p.json[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["id"].as_str().unwrap().to_owned())
        })
        .collect()
}

/// Every body of a fixed sequence of requests, concatenated.
async fn transcript(h: &Harness) -> Vec<u8> {
    let mut out = Vec::new();
    for status in ["active", "inactive", "pending"] {
        for page in h
            .walk(&format!("/users?status={status}&page_size=40"))
            .await
        {
            out.extend(page.bytes);
        }
    }
    let account = h.sim.account();
    for user in account.users.iter().take(25) {
        out.extend(h.get(&format!("/users/{}", user.id)).await.bytes);
    }
    for path in ["/groups", "/roles", "/roles/2/members?page_size=50"] {
        out.extend(h.get(path).await.bytes);
    }
    out
}

#[tokio::test]
async fn same_seed_same_bytes_different_seed_different_bytes() {
    let a = start(config(150)).await;
    let b = start(config(150)).await;
    let c = start(SimConfig {
        seed: 43,
        ..config(150)
    })
    .await;
    let (ta, tb, tc) = (
        transcript(&a).await,
        transcript(&b).await,
        transcript(&c).await,
    );
    assert!(ta == tb, "same seed, different responses");
    assert!(ta != tc, "different seed, same responses");
}

#[tokio::test]
async fn status_distribution_and_totals() {
    let h = start(config(1000)).await;
    let account = h.sim.account();
    let mut total = 0;
    for (status, expected_percent) in [("active", 80), ("inactive", 12), ("pending", 8)] {
        let reply = h.get(&format!("/users?status={status}&page_size=1")).await;
        let records = usize::try_from(reply.json["total_records"].as_u64().unwrap()).unwrap();
        let truth = account
            .users_with_status(UserStatus::parse(status).unwrap())
            .count();
        assert_eq!(records, truth);
        let percent = records * 100 / account.users.len();
        assert!(
            percent.abs_diff(expected_percent) <= 2,
            "{status}: {percent}%"
        );
        assert_eq!(reply.json["page_count"], json!(records));
        total += records;
    }
    assert_eq!(total, 1000);
}

#[tokio::test]
async fn pagination_walk_returns_every_user_exactly_once() {
    let h = start(config(1000)).await;
    let mut all = Vec::new();
    for status in ["active", "inactive", "pending"] {
        let pages = h
            .walk(&format!("/users?status={status}&page_size=300"))
            .await;
        let expected_pages = pages[0].json["page_count"].as_u64().unwrap();
        assert_eq!(pages.len() as u64, expected_pages);
        for (i, page) in pages.iter().enumerate() {
            assert_eq!(page.json["page_number"], json!(i + 1));
            assert_eq!(page.json["page_size"], json!(300));
        }
        assert_eq!(pages.last().unwrap().json["next_page_token"], json!(""));
        all.extend(ids(&pages, "users"));
    }
    let unique: HashSet<&String> = all.iter().collect();
    assert_eq!(all.len(), 1000);
    assert_eq!(unique.len(), 1000);
    let account = h.sim.account();
    let truth: HashSet<&String> = account.users.iter().map(|u| &u.id).collect();
    assert_eq!(unique, truth);

    // The deprecated page_number walk gives the same sequence.
    let by_token = ids(&h.walk("/users?page_size=100").await, "users");
    let mut by_number = Vec::new();
    for n in 1.. {
        let page = h
            .get(&format!("/users?page_size=100&page_number={n}"))
            .await;
        let users = page.json["users"].as_array().unwrap().clone();
        if users.is_empty() {
            break;
        }
        assert_eq!(page.json["page_number"], json!(n));
        by_number.extend(users.iter().map(|u| u["id"].as_str().unwrap().to_owned()));
    }
    assert_eq!(by_token, by_number);
}

/// tap-zoom (2.1.1) pages with `page_number`, asks `page_size=1000` first, then uses the
/// `page_size` the server answered and stops at `page_count`: it must see every active user once.
#[tokio::test]
async fn page_number_walk_with_the_served_page_size_sees_every_active_user_once() {
    let h = start(config(1000)).await;
    let mut seen = Vec::new();
    let (mut page_size, mut page_number) = (1000, 1);
    loop {
        let page = h
            .get(&format!(
                "/users?page_size={page_size}&page_number={page_number}"
            ))
            .await;
        assert_eq!(page.status, 200, "{}", page.json);
        seen.extend(ids(std::slice::from_ref(&page), "users"));
        if page_number >= page.json["page_count"].as_u64().unwrap() {
            break;
        }
        page_size = page.json["page_size"].as_u64().unwrap();
        page_number += 1;
    }
    let account = h.sim.account();
    let active: HashSet<&String> = account
        .users
        .iter()
        .filter(|u| u.status == UserStatus::Active)
        .map(|u| &u.id)
        .collect();
    assert_eq!(seen.len(), active.len());
    assert_eq!(seen.iter().collect::<HashSet<_>>(), active);
}

#[tokio::test]
async fn page_size_default_and_cap() {
    let h = start(config(2500)).await;
    let default = h.get("/users").await;
    assert_eq!(default.json["page_size"], json!(30));
    assert_eq!(default.json["users"].as_array().unwrap().len(), 30);
    let served = h.get("/users?page_size=301").await;
    assert_eq!(served.json["users"].as_array().unwrap().len(), 301);
    // Zoom's current maximum is 2000 (zoom-users.json).
    for big in [2000, 2001, 5000] {
        let capped = h.get(&format!("/users?page_size={big}")).await;
        assert_eq!(capped.json["page_size"], json!(2000), "{big}");
        assert_eq!(capped.json["users"].as_array().unwrap().len(), 2000);
    }
    assert_eq!(
        h.get("/users?page_size=0").await.json["page_size"],
        json!(30)
    );
    h.get("/users?page_size=ten")
        .await
        .assert_error(400, 300, "Validation Failed.");
    h.get("/users?page_number=zero")
        .await
        .assert_error(400, 300, "Validation Failed.");
    // The last page has an empty token.
    let small = start(config(5)).await;
    assert_eq!(small.get("/users").await.json["next_page_token"], json!(""));
}

#[tokio::test]
async fn page_tokens_expire_and_are_bound_to_the_query() {
    let h = start(SimConfig {
        page_token_ttl: Duration::from_secs(60),
        ..config(200)
    })
    .await;
    let expired = "The next page token is invalid or expired.";
    let first = h.get("/users?page_size=10").await;
    let token = first.json["next_page_token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 35);
    assert!(token.chars().all(|c| c.is_ascii_alphanumeric()));

    // Valid with the same query; invalid with another page_size, status or role filter.
    assert_eq!(
        h.get(&format!("/users?page_size=10&next_page_token={token}"))
            .await
            .status,
        200
    );
    for other in [
        "page_size=11",
        "page_size=10&status=inactive",
        "page_size=10&role_id=2",
        "",
    ] {
        let reply = h
            .get(&format!("/users?{other}&next_page_token={token}"))
            .await;
        reply.assert_error(400, 300, expired);
    }
    // A token of another endpoint is no good either.
    let members = h.get("/roles/2/members?page_size=10").await;
    let member_token = members.json["next_page_token"].as_str().unwrap();
    h.get(&format!(
        "/users?page_size=10&next_page_token={member_token}"
    ))
    .await
    .assert_error(400, 300, expired);

    // Lifetime: the clock moves past the TTL (a real-time TTL of milliseconds would race a
    // loaded machine).
    h.sim.advance_clock(Duration::from_secs(61));
    h.get(&format!("/users?page_size=10&next_page_token={token}"))
        .await
        .assert_error(400, 300, expired);

    // expire_page_tokens: every outstanding token goes at once.
    let h = start(config(200)).await;
    let a = h.get("/users?page_size=10").await.json["next_page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = h.get("/groups?page_size=1").await.json["next_page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    h.sim.expire_page_tokens();
    h.get(&format!("/users?page_size=10&next_page_token={a}"))
        .await
        .assert_error(400, 300, expired);
    h.get(&format!("/groups?page_size=1&next_page_token={b}"))
        .await
        .assert_error(400, 300, expired);
    // New walks work and get new tokens.
    let fresh = h.get("/users?page_size=10").await.json["next_page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(fresh, a);
    assert_eq!(
        h.get(&format!("/users?page_size=10&next_page_token={fresh}"))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn filters_and_user_lookup() {
    let h = start(config(300)).await;
    let account = h.sim.account();

    // role_id filter, across statuses.
    for role in &account.roles {
        let mut seen = 0;
        for status in [
            UserStatus::Active,
            UserStatus::Inactive,
            UserStatus::Pending,
        ] {
            let pages = h
                .walk(&format!(
                    "/users?status={}&role_id={}&page_size=300",
                    status.as_str(),
                    role.id
                ))
                .await;
            for page in &pages {
                for user in page.json["users"].as_array().unwrap() {
                    assert_eq!(user["role_id"], json!(role.id));
                    assert_eq!(user["status"], json!(status.as_str()));
                    seen += 1;
                }
            }
        }
        assert_eq!(seen, role.total_members, "{}", role.name);
    }
    assert!(
        h.get("/users?role_id=nope").await.json["users"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    h.get("/users?include_fields=everything")
        .await
        .assert_error(400, 300, "Validation Failed.");

    // include_fields.
    let plain = h.get("/users?page_size=5").await;
    assert!(plain.json["users"][0].get("host_key").is_none());
    let with_key = h.get("/users?page_size=5&include_fields=host_key").await;
    assert_eq!(
        with_key.json["users"][0]["host_key"]
            .as_str()
            .unwrap()
            .len(),
        6
    );
    let with_attrs = h
        .get("/users?page_size=5&include_fields=custom_attributes")
        .await;
    assert!(with_attrs.json["users"][0]["custom_attributes"].is_array());

    // Detail by ID, by e-mail in any case; detail-only fields are there.
    let user = account
        .users_with_status(UserStatus::Active)
        .nth(3)
        .unwrap();
    let by_id = h.get(&format!("/users/{}", user.id)).await;
    let by_email = h
        .get(&format!("/users/{}", user.email.to_uppercase()))
        .await;
    assert_eq!(by_id.bytes, by_email.bytes);
    assert_eq!(by_id.json["email"], json!(user.email));
    assert_eq!(by_id.json["login_types"], json!(user.login_types));
    assert_eq!(by_id.json["role_name"], json!(user.role_name));
    assert_eq!(by_id.json["account_id"], json!(account.account_id));
    assert_eq!(by_id.json["type"], json!(user.user_type.code()));
    if let Some(title) = &user.job_title {
        assert_eq!(by_id.json["job_title"], json!(title));
    }
    h.get("/users/me")
        .await
        .assert_error(404, 1001, "User does not exist: me.");
    h.get("/users/zzzzzzzzzzzzzzzzzzzzzz").await.assert_error(
        404,
        1001,
        "User does not exist: zzzzzzzzzzzzzzzzzzzzzz.",
    );
    h.get(&format!("/users/{}?login_type=5", user.id))
        .await
        .assert_error(400, 300, "Validation Failed.");

    // Pending users: created_at is "now"; no login yet.
    let pending = account
        .users_with_status(UserStatus::Pending)
        .find(|u| !u.invitation_expired)
        .unwrap();
    let reply = h.get(&format!("/users/{}", pending.id)).await;
    assert_eq!(reply.json["created_at"], json!("2025-06-15T00:00:00Z"));
    assert!(reply.json.get("last_login_time").is_none());
}

#[tokio::test]
async fn groups_roles_and_members_match_the_account() {
    let h = start(config(250)).await;
    let account = h.sim.account();

    let groups: Vec<Value> = h
        .walk("/groups?page_size=2")
        .await
        .iter()
        .flat_map(|p| p.json["groups"].as_array().unwrap().clone())
        .collect();
    assert_eq!(groups.len(), account.groups.len());
    for (wire, truth) in groups.iter().zip(&account.groups) {
        assert_eq!(
            wire,
            &json!({ "id": truth.id, "name": truth.name, "total_members": truth.total_members })
        );
        let members = account
            .users
            .iter()
            .filter(|u| u.group_ids.contains(&truth.id))
            .count();
        assert_eq!(members, truth.total_members);
    }

    let roles = h.get("/roles").await;
    assert_eq!(roles.json["total_records"], json!(account.roles.len()));
    let names: Vec<&str> = roles.json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(&names[..3], ["Owner", "Admin", "Member"]);
    assert_eq!(roles.json["roles"][0]["id"], json!("0"));
    assert_eq!(roles.json["roles"][0]["total_members"], json!(1));
    assert_eq!(
        h.get("/roles?type=iq").await.json,
        json!({ "roles": [], "total_records": 0 })
    );
    h.get("/roles?type=custom")
        .await
        .assert_error(400, 300, "Validation Failed.");

    for role in &account.roles {
        let pages = h
            .walk(&format!("/roles/{}/members?page_size=7", role.id))
            .await;
        let members = ids(&pages, "members");
        assert_eq!(members.len(), role.total_members);
        assert_eq!(pages[0].json["total_records"], json!(role.total_members));
        for id in &members {
            assert_eq!(account.user(id).unwrap().role_id, role.id);
        }
    }
    let owner = h.get("/roles/0/members").await;
    assert_eq!(
        owner.json["members"][0]["email"],
        json!(account.owner().email)
    );
}
