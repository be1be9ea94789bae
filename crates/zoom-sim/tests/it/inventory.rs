//! The new inventory endpoints together: byte-identical responses for the same seed, different
//! for another seed, across every endpoint.

use zoom_sim::SimConfig;

use crate::common::{Harness, config, start};

async fn transcript(h: &Harness) -> Vec<u8> {
    let account = h.sim.account();
    let room = &account.rooms[0];
    let service = &account.calendar_services[0];
    let meeting = account
        .meetings
        .iter()
        .rev()
        .find(|m| !m.is_one_user())
        .unwrap();
    let mut paths = vec![
        "/rooms?page_size=2".to_owned(),
        format!("/rooms/{}", room.id),
        format!("/rooms/{}/devices", room.id),
        "/rooms/locations?page_size=3".to_owned(),
        "/rooms/calendar/services".to_owned(),
        format!(
            "/rooms/calendar/services/{}/resources?page_size=2",
            service.id
        ),
        "/h323/devices".to_owned(),
        "/devices?page_size=5".to_owned(),
        "/metrics/meetings?type=past&from=2025-06-01&to=2025-06-15&page_size=20".to_owned(),
        format!("/metrics/meetings/{}/participants?type=past", meeting.id),
        "/report/activities?page_size=20".to_owned(),
        "/report/operationlogs?from=2025-06-01&to=2025-06-15&page_size=20".to_owned(),
    ];
    paths.push("/users?page_size=300".to_owned());
    let mut out = Vec::new();
    for path in paths {
        let reply = h.get(&path).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.json);
        out.extend(reply.bytes);
    }
    out
}

#[tokio::test]
async fn same_seed_same_bytes_across_the_new_endpoints() {
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
