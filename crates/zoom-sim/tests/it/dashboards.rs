//! Dashboards: `GET /metrics/meetings` and `GET /metrics/meetings/{meetingId}/participants`,
//! every page validated against `zoom-accounts.json`; the UUID encoding rule, the one-month and
//! six-month rules, plan gates, the physical devices behind participants, the request log.
//!
//! The UUID rule as simulated (see `src/http/routes/dashboards.rs`): a UUID that starts with `/` or
//! contains `//` works double-encoded and gets 404 3001 single-encoded; other UUIDs work single-
//! or double-encoded; a meeting number gives the latest instance.

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};
use zoom_sim::{JoinKind, MeetingDeviceKind, Plan, SimConfig, SimMeeting};

use crate::common::{Harness, Reply, config, fixed_now, start};
use crate::schema::{assert_conforms, spec_schema};

const ACCOUNTS: &str = "zoom-accounts.json";
const LIST: &str = "/metrics/meetings";
const PARTICIPANTS: &str = "/metrics/meetings/{meetingId}/participants";

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The path segment a careful client sends: double-encoded when Zoom requires it.
fn segment(m: &SimMeeting) -> String {
    if m.needs_double_encoding() {
        encode(&encode(&m.uuid))
    } else {
        encode(&m.uuid)
    }
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

fn conforms(path: &str, pages: &[Reply]) {
    for page in pages {
        assert_eq!(page.status, 200, "{}", page.json);
        assert_conforms(ACCOUNTS, "GET", path, 200, &page.json);
    }
}

fn listed(pages: &[Reply], key: &str) -> Vec<Value> {
    pages
        .iter()
        .flat_map(|p| p.json[key].as_array().unwrap().clone())
        .collect()
}

async fn business() -> Harness {
    start(config(120)).await
}

#[tokio::test]
async fn meeting_lists_conform_and_match_the_account() {
    let h = business().await;
    let account = h.sim.account();
    let pages = h
        .walk("/metrics/meetings?type=past&from=2025-05-16&to=2025-06-15&page_size=100")
        .await;
    assert!(pages.len() >= 3);
    conforms(LIST, &pages);
    assert_eq!(pages[0].json["from"], json!("2025-05-16"));
    assert_eq!(pages[0].json["to"], json!("2025-06-15"));
    let wire = listed(&pages, "meetings");
    let truth: Vec<&SimMeeting> = account
        .meetings_between(ts("2025-05-16T00:00:00Z"), ts("2025-06-15T23:59:59Z"))
        .collect();
    assert_eq!(wire.len(), truth.len());
    assert_eq!(pages[0].json["total_records"], json!(truth.len()));
    for (w, m) in wire.iter().zip(&truth) {
        assert_eq!(w["uuid"], json!(m.uuid));
        assert_eq!(w["id"], json!(m.id));
        assert_eq!(w["participants"], json!(m.participants.len()));
        assert_eq!(w["email"], json!(m.host_email));
        assert!(w.get("tracking_fields").is_none());
        assert!(m.participants.len() >= 2);
    }
    // Some UUIDs need double encoding; meeting numbers repeat (recurring meetings, PMIs).
    assert!(truth.iter().any(|m| m.uuid.starts_with('/')));
    assert!(truth.iter().any(|m| m.uuid.contains("//")));
    let ids: HashSet<u64> = truth.iter().map(|m| m.id).collect();
    assert!(ids.len() < truth.len());

    // Variants.
    let one_user = h
        .walk("/metrics/meetings?type=pastOne&from=2025-05-16&to=2025-06-15&page_size=300")
        .await;
    conforms(LIST, &one_user);
    let singles = listed(&one_user, "meetings");
    assert!(!singles.is_empty());
    assert!(singles.iter().all(|m| m["participants"] == json!(1)));
    for query in [
        "/metrics/meetings?from=2025-06-01&to=2025-06-15",
        "/metrics/meetings?type=live&from=2025-06-01&to=2025-06-15",
    ] {
        let reply = h.get(query).await;
        conforms(LIST, std::slice::from_ref(&reply));
        assert_eq!(reply.json["meetings"], json!([]), "no live meetings");
    }
    let tracked = h
        .walk("/metrics/meetings?type=past&from=2025-05-16&to=2025-06-15&include_fields=tracking_fields&page_size=300")
        .await;
    conforms(LIST, &tracked);
    let tracked = listed(&tracked, "meetings");
    assert!(tracked.iter().all(|m| m["tracking_fields"].is_array()));
    assert!(tracked.iter().any(|m| m["tracking_fields"] != json!([])));
    let timed = h
        .get("/metrics/meetings?type=past&from=2025-06-10%2009:00:00&to=2025-06-10+17:00:00&page_size=300")
        .await;
    conforms(LIST, std::slice::from_ref(&timed));
    let expected = account
        .meetings_between(ts("2025-06-10T09:00:00Z"), ts("2025-06-10T17:00:00Z"))
        .count();
    assert_eq!(timed.json["total_records"], json!(expected));
    let by_end = h
        .get("/metrics/meetings?type=past&from=2025-06-10&to=2025-06-10&query_date_type=end_time&page_size=300")
        .await;
    conforms(LIST, std::slice::from_ref(&by_end));
    for m in by_end.json["meetings"].as_array().unwrap() {
        assert!(m["end_time"].as_str().unwrap().starts_with("2025-06-10"));
    }
    let group = &account.groups[0];
    let grouped = h
        .walk(&format!(
            "/metrics/meetings?type=past&from=2025-05-16&to=2025-06-15&group_id={}&page_size=300",
            group.id
        ))
        .await;
    conforms(LIST, &grouped);
    for m in listed(&grouped, "meetings") {
        let host = account.user(m["email"].as_str().unwrap()).unwrap();
        assert!(host.group_ids.contains(&group.id));
    }
}

#[tokio::test]
async fn participants_every_page_conforms() {
    let h = business().await;
    let account = h.sim.account();
    let week: Vec<&SimMeeting> = account
        .meetings_between(ts("2025-06-08T00:00:00Z"), ts("2025-06-15T23:59:59Z"))
        .collect();
    assert!(week.len() > 40);
    for m in &week {
        let reply = h
            .get(&format!(
                "/metrics/meetings/{}/participants?type=past&page_size=300",
                segment(m)
            ))
            .await;
        conforms(PARTICIPANTS, std::slice::from_ref(&reply));
        assert_eq!(reply.json["total_records"], json!(m.participants.len()));
        assert_eq!(reply.json["meeting_number"], json!(m.id.to_string()));
    }
    // Several pages, and the other types.
    for m in week.iter().filter(|m| m.participants.len() >= 5).take(3) {
        let pages = h
            .walk(&format!(
                "/metrics/meetings/{}/participants?type=past&page_size=2",
                segment(m)
            ))
            .await;
        assert!(pages.len() >= 3);
        conforms(PARTICIPANTS, &pages);
        assert_eq!(listed(&pages, "participants").len(), m.participants.len());
    }
    let single = account.meetings.iter().find(|m| m.is_one_user()).unwrap();
    for query in ["type=pastOne", "type=past&include_fields=registrant_id"] {
        let reply = h
            .get(&format!(
                "/metrics/meetings/{}/participants?{query}",
                segment(single)
            ))
            .await;
        conforms(PARTICIPANTS, std::slice::from_ref(&reply));
        assert_eq!(reply.json["participants"][0]["role"], json!("host"));
    }
}

#[tokio::test]
async fn meeting_uuids_and_numbers() {
    let h = business().await;
    let account = h.sim.account();
    let participants = |reply: &Reply| reply.json["total_records"].clone();
    let leading = account
        .meetings
        .iter()
        .find(|m| m.uuid.starts_with('/'))
        .unwrap();
    let doubled = account
        .meetings
        .iter()
        .find(|m| m.uuid.contains("//") && !m.uuid.starts_with('/'))
        .unwrap();
    for m in [leading, doubled] {
        let twice = h
            .get(&format!(
                "/metrics/meetings/{}/participants?type=past",
                encode(&encode(&m.uuid))
            ))
            .await;
        assert_eq!(twice.status, 200, "{}: {}", m.uuid, twice.json);
        assert_eq!(participants(&twice), json!(m.participants.len()));
        assert!(spec_schema(ACCOUNTS, "GET", PARTICIPANTS, 404).is_none());
        h.get(&format!(
            "/metrics/meetings/{}/participants?type=past",
            encode(&m.uuid)
        ))
        .await
        .assert_error(404, 3001, "Meeting ID is invalid or has not ended.");
    }
    // A UUID with a single `/` inside: double-encoded it works, encoded once it is a 404, as
    // practitioners report.
    let inner = account
        .meetings
        .iter()
        .find(|m| m.uuid[1..].contains('/') && !m.uuid.starts_with('/') && !m.uuid.contains("//"))
        .unwrap();
    assert!(inner.needs_double_encoding());
    let reply = h
        .get(&format!(
            "/metrics/meetings/{}/participants?type=past",
            encode(&encode(&inner.uuid))
        ))
        .await;
    assert_eq!(participants(&reply), json!(inner.participants.len()));
    h.get(&format!(
        "/metrics/meetings/{}/participants?type=past",
        encode(&inner.uuid)
    ))
    .await
    .assert_error(404, 3001, "Meeting ID is invalid or has not ended.");
    // A plain UUID (`+` and `=` as they are) works unencoded.
    let plain = account
        .meetings
        .iter()
        .find(|m| !m.uuid.contains('/') && m.uuid.contains('+'))
        .unwrap();
    let reply = h
        .get(&format!(
            "/metrics/meetings/{}/participants?type=past",
            plain.uuid
        ))
        .await;
    assert_eq!(participants(&reply), json!(plain.participants.len()));

    // A meeting number: the latest instance of a recurring meeting.
    let mut by_id: HashMap<u64, Vec<&SimMeeting>> = HashMap::new();
    for m in &account.meetings {
        by_id.entry(m.id).or_default().push(m);
    }
    let (id, instances) = by_id
        .iter()
        .find(|(_, v)| {
            v.len() >= 3 && v.last().unwrap().participants.len() != v[0].participants.len()
        })
        .unwrap();
    let latest = instances.last().unwrap();
    assert_eq!(account.latest_meeting(*id).unwrap().uuid, latest.uuid);
    let reply = h
        .get(&format!(
            "/metrics/meetings/{id}/participants?type=past&page_size=300"
        ))
        .await;
    assert_eq!(participants(&reply), json!(latest.participants.len()));
    assert_eq!(
        reply.json["participants"][0]["participant_uuid"],
        json!(latest.participants[0].participant_uuid)
    );

    // Unknown meetings, live meetings (the default type), bad parameters.
    for path in [
        "/metrics/meetings/12345/participants?type=past",
        "/metrics/meetings/bm9wZQ%3D%3D/participants?type=past",
        "/metrics/meetings/%FF%FE/participants?type=past",
        &format!("/metrics/meetings/{}/participants", segment(latest)),
        &format!(
            "/metrics/meetings/{}/participants?type=live",
            segment(latest)
        ),
    ] {
        h.get(path)
            .await
            .assert_error(404, 3001, "Meeting ID is invalid or has not ended.");
    }
    h.get(&format!(
        "/metrics/meetings/{}/participants?type=future",
        segment(latest)
    ))
    .await
    .assert_error(400, 300, "Validation Failed.");
}

#[tokio::test]
async fn one_month_and_six_month_rules() {
    let h = business().await;
    assert!(spec_schema(ACCOUNTS, "GET", LIST, 400).is_none());
    let ok = |q: &str| format!("/metrics/meetings?type=past&{q}");
    // One month, by calendar: May 15 to June 15 is fine, to June 16 is not.
    assert_eq!(
        h.get(&ok("from=2025-05-15&to=2025-06-15")).await.status,
        200
    );
    for q in [
        "from=2025-05-15&to=2025-06-16",
        "from=2025-01-01&to=2025-06-15",
        "from=2025-05-15%2010:00:00&to=2025-06-15%2010:00:01",
    ] {
        h.get(&ok(q))
            .await
            .assert_error(400, 300, "The date range must be within one month.");
    }
    // Six months back from 2025-06-15 is 2024-12-15; the account has meetings from late 2024.
    assert_eq!(fixed_now().to_string(), "2025-06-15T00:00:00Z");
    let oldest = h
        .get(&ok("from=2024-12-15&to=2025-01-14&page_size=300"))
        .await;
    assert_eq!(oldest.status, 200);
    assert!(oldest.json["total_records"].as_u64().unwrap() > 0);
    assert!(
        h.sim.account().meetings[0].start_time < ts("2024-12-15T00:00:00Z"),
        "the account holds meetings the dashboard no longer serves"
    );
    for q in [
        "from=2024-12-14&to=2025-01-10",
        "from=2024-06-01&to=2024-06-20",
    ] {
        h.get(&ok(q)).await.assert_error(
            400,
            300,
            "The request can only be queried for a month that falls within the last six months.",
        );
    }
    // Required and well-formed.
    for (q, field) in [
        ("to=2025-06-15", "from"),
        ("from=2025-06-01", "to"),
        ("from=06/01/2025&to=2025-06-15", "from"),
        ("from=2025-06-01T00:00:00Z&to=2025-06-15", "from"),
        ("from=2025-06-10&to=2025-06-01", "to"),
    ] {
        let reply = h.get(&ok(q)).await;
        reply.assert_error(400, 300, "Validation Failed.");
        assert_eq!(reply.json["errors"][0]["field"], json!(field), "{q}");
    }
}

#[tokio::test]
async fn plan_gates_come_before_parameters() {
    let message = "This API is only available for ZMP and Business or higher accounts that have enabled the Dashboard feature.";
    for plan in [Plan::Free, Plan::Pro] {
        let h = start(SimConfig { plan, ..config(60) }).await;
        let uuid = encode(&encode(&h.sim.account().meetings[0].uuid));
        for path in [
            "/metrics/meetings?type=past&from=2025-06-01&to=2025-06-15".to_owned(),
            "/metrics/meetings".to_owned(),
            format!("/metrics/meetings/{uuid}/participants?type=past"),
        ] {
            h.get(&path).await.assert_error(400, 200, message);
        }
    }
    // Scopes are checked before the plan.
    let h = start(SimConfig {
        plan: Plan::Pro,
        scopes: vec!["user:read:admin".to_owned()],
        ..config(20)
    })
    .await;
    h.get("/metrics/meetings").await.assert_error(
        400,
        4711,
        "Invalid access token, does not contain scopes:[dashboard:read:list_meetings:admin].",
    );
    let classic = start(SimConfig {
        scopes: vec!["dashboard_meetings:read:admin".to_owned()],
        ..config(20)
    })
    .await;
    assert_eq!(
        classic
            .get("/metrics/meetings?type=past&from=2025-06-01&to=2025-06-15")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn an_inventory_sees_the_physical_devices() {
    let h = business().await;
    let account = h.sim.account();
    h.sim.clear_requests();
    // What an inventory with "days of meetings = 7" does: list, then every meeting's participants.
    let (from, to) = ("2025-06-08", "2025-06-15");
    let pages = h
        .walk(&format!(
            "/metrics/meetings?type=past&from={from}&to={to}&page_size=300"
        ))
        .await;
    let meetings = listed(&pages, "meetings");
    let mut seen: HashMap<(String, String), HashSet<String>> = HashMap::new();
    let mut without_identity = 0;
    let mut guests_without_email = 0;
    for m in &meetings {
        let m = account.meeting(m["uuid"].as_str().unwrap()).unwrap();
        let parts = h
            .walk(&format!(
                "/metrics/meetings/{}/participants?type=past&page_size=300",
                segment(m)
            ))
            .await;
        for p in listed(&parts, "participants") {
            let pc = p["pc_name"].as_str().unwrap_or_default();
            let mac = p["mac_addr"].as_str().unwrap_or_default();
            if pc.is_empty() || mac.is_empty() {
                without_identity += 1;
            } else {
                seen.entry((pc.to_owned(), mac.to_owned()))
                    .or_default()
                    .insert(m.uuid.clone());
            }
            if p["id"] == json!("") && p.get("email").is_none() {
                guests_without_email += 1;
            }
        }
    }
    // Ground truth: the same set from the account.
    let mut truth: HashSet<(String, String)> = HashSet::new();
    for m in account.meetings_between(ts("2025-06-08T00:00:00Z"), ts("2025-06-15T23:59:59Z")) {
        for p in &m.participants {
            if let Some(d) = p.reported_device() {
                let d = &account.meeting_devices[d];
                if let (Some(pc), Some(mac)) = (&d.pc_name, &d.mac_addr)
                    && !pc.is_empty()
                    && !mac.is_empty()
                {
                    truth.insert((pc.clone(), mac.clone()));
                }
            }
        }
    }
    let got: HashSet<(String, String)> = seen.keys().cloned().collect();
    assert_eq!(got, truth);
    assert!(
        seen.values().any(|meetings| meetings.len() >= 3),
        "devices join many meetings"
    );
    assert!(without_identity > 0 && guests_without_email > 0);

    // The request log shows which windows were read.
    let log = h.sim.requests();
    let listing: Vec<&str> = log
        .iter()
        .filter(|r| r.path == "/v2/metrics/meetings")
        .filter_map(|r| r.query.as_deref())
        .collect();
    assert!(!listing.is_empty());
    assert!(
        listing
            .iter()
            .all(|q| q.contains("from=2025-06-08") && q.contains("to=2025-06-15"))
    );

    // Across the whole history: room accounts join from their Zoom Rooms computer; phones and
    // web joins expose nothing; MAC formats vary; a generic PC name is shared by devices.
    let room_join = account
        .meetings
        .iter()
        .flat_map(|m| m.participants.iter().map(move |p| (m, p)))
        .find(|(_, p)| p.join_kind == JoinKind::ZoomRoom)
        .unwrap();
    let reply = h
        .get(&format!(
            "/metrics/meetings/{}/participants?type=past&page_size=300",
            segment(room_join.0)
        ))
        .await;
    let wire = reply.json["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["participant_uuid"] == json!(room_join.1.participant_uuid))
        .unwrap()
        .clone();
    let room = account.room_of_user(&room_join.1.id).unwrap();
    assert_eq!(wire["email"], json!(room.user_email));
    assert_eq!(wire["pc_name"], json!(room.devices[0].hostname));
    let device = &account.meeting_devices[room_join.1.meeting_device.unwrap()];
    assert_eq!(device.kind, MeetingDeviceKind::RoomComputer);
    assert_eq!(device.room_id.as_deref(), Some(room.id.as_str()));

    let big = zoom_sim::Account::generate(&config(2000));
    let laptops: Vec<_> = big
        .meeting_devices
        .iter()
        .filter(|d| d.kind == MeetingDeviceKind::Laptop)
        .collect();
    let formats: HashSet<(usize, bool, bool)> = laptops
        .iter()
        .filter_map(|d| d.mac_addr.as_deref())
        .filter(|m| !m.is_empty())
        .map(|m| (m.len(), m.contains(':'), m.contains('.')))
        .collect();
    assert!(formats.len() >= 4, "{formats:?}");
    assert!(laptops.iter().any(|d| d.mac_addr.as_deref() == Some("")));
    assert!(
        laptops
            .iter()
            .filter_map(|d| d.mac_addr.as_deref())
            .any(|m| !m.is_empty() && m.chars().all(|c| "0:-.".contains(c)))
    );
    let mut names: HashMap<&str, usize> = HashMap::new();
    for d in &laptops {
        *names.entry(d.pc_name.as_deref().unwrap()).or_default() += 1;
    }
    assert!(names.values().any(|&n| n > 1), "some PC names are shared");
    assert!(
        big.meeting_devices
            .iter()
            .any(|d| d.kind == MeetingDeviceKind::Phone
                && d.pc_name.is_none()
                && d.mac_addr.is_none())
    );
    let kinds: HashSet<JoinKind> = big
        .meetings
        .iter()
        .flat_map(|m| m.participants.iter().map(|p| p.join_kind))
        .collect();
    assert_eq!(kinds.len(), 6, "{kinds:?}");
}
