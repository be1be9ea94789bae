//! The quota planner: before the requests that cost most start, a run estimates its requests
//! per rate-limit category, adds today's use of the daily Heavy and Resource-intensive cap,
//! and keeps within `max_daily_share` of that cap by deferring the participants of the oldest
//! meetings to the next run. Pure arithmetic: [`plan`] takes numbers and returns numbers.

use std::time::Duration;

use zoom_api::{CategoryCounts, RateCategory, RateTable};

use std::path::Path;

use futures_util::StreamExt;
use inventory_model::device::DeviceType;
use zoom_api::Client;

use crate::clock::utc_date;
use crate::incremental::{History, Reader, list_hash};
use crate::run::client_config;
use crate::{AssetType, Clock, FetchError, FetchOptions, FetchSettings, Settings};

/// What a run plans to request, and what it defers. Reported as
/// [`crate::Event::Planned`] and printed by `fetch --dry-run`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Plan {
    /// Whether the run reads everything again (`fetch --full`, or `full_every_hours`).
    pub full: bool,
    /// Requests per rate-limit category: those already made to plan (the listing of past
    /// meetings), and the estimate of the rest.
    #[serde(serialize_with = "counts")]
    pub requests: CategoryCounts,
    /// Heavy and Resource-intensive requests of the plan: what counts against the daily cap.
    pub heavy_ri: u64,
    /// The daily cap of Heavy and Resource-intensive requests, when the plan has one.
    pub daily_cap: Option<u64>,
    /// Heavy and Resource-intensive requests made today before this run's plan: the ledger of
    /// today's runs, or Zoom's count when its daily-limit headers said more.
    pub used_today: u64,
    /// What the run may use: `max_daily_share` of the cap, less `used_today`.
    pub allowance: Option<u64>,
    /// The rate-limit floor: no client can make these requests faster (the slowest category's
    /// requests over its rate).
    pub floor: Duration,
    /// Past meetings whose participants the run reads.
    pub meetings_to_read: u64,
    /// Past meetings whose participants wait for a later run (the oldest ones).
    pub deferred_meetings: u64,
}

fn counts<S: serde::Serializer>(counts: &CategoryCounts, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap as _;
    let mut map = serializer.serialize_map(Some(4))?;
    for category in RateCategory::ALL {
        map.serialize_entry(category.as_str(), &counts.get(category))?;
    }
    map.end()
}

/// The planner's inputs.
#[derive(Clone, Debug)]
pub(crate) struct Estimate {
    /// Full run.
    pub(crate) full: bool,
    /// Requests made or expected, without the participants of meetings.
    pub(crate) requests: CategoryCounts,
    /// Meetings whose participants the run would read (one Heavy request each).
    pub(crate) meetings_wanted: u64,
    /// Heavy and Resource-intensive requests made today before this run.
    pub(crate) used_today: u64,
    /// `max_daily_share`.
    pub(crate) share: f64,
}

/// Adds `n` requests to `category`.
pub(crate) fn add(counts: &mut CategoryCounts, category: RateCategory, n: u64) {
    let slot = match category {
        RateCategory::Light => &mut counts.light,
        RateCategory::Medium => &mut counts.medium,
        RateCategory::Heavy => &mut counts.heavy,
        RateCategory::ResourceIntensive => &mut counts.resource_intensive,
    };
    *slot = slot.saturating_add(n);
}

/// Plans the run that `fetch` would make now, without making it (`fetch --dry-run`): lists the
/// users, the Zoom Rooms and the past meetings (what decides the detail reads and the
/// participants to read), estimates the rest, and writes nothing. A database that does not
/// exist yet is planned as a first run, and is not created.
pub async fn plan_fetch(
    settings: &Settings,
    db: &Path,
    clock: Clock,
    options: FetchOptions,
) -> Result<Plan, FetchError> {
    let client = Client::new(client_config(settings)).map_err(FetchError::Client)?;
    client
        .access_token_check()
        .await
        .map_err(FetchError::Authenticate)?;
    let now = clock.now();
    let reader = if db.exists() {
        Reader::open(db).await?
    } else {
        Reader::nothing(db)
    };
    let fetch = &settings.fetch;
    let history = History::load(reader, &settings.account_id, now, fetch, options.full).await?;
    let policy = &history.details;
    let mut expected = CategoryCounts::default();

    if fetch.fetch_user_details {
        for status in crate::sources::users::enabled_statuses(fetch) {
            let mut users = std::pin::pin!(client.list_users(status));
            while let Some(user) = users.next().await {
                let user = user.map_err(|error| listing_failed("users", error))?;
                let Some(id) = &user.item.id else { continue };
                if policy.must_read(&format!("user:{id}"), &list_hash(&user.raw)) {
                    add(&mut expected, RateCategory::Light, 1);
                }
            }
        }
    }
    if fetch.wants(AssetType::ZoomRooms) || fetch.wants(AssetType::ZoomRoomDevices) {
        let mut rooms = std::pin::pin!(client.list_rooms());
        while let Some(room) = rooms.next().await {
            let room = room.map_err(|error| listing_failed("rooms", error))?;
            let Some(id) = &room.item.id else { continue };
            let hash = list_hash(&room.raw);
            let item = format!("{}:{id}", DeviceType::ZoomRoom.as_str());
            for item in [item.clone(), format!("{item}#devices")] {
                if policy.must_read(&item, &hash) {
                    add(&mut expected, RateCategory::Medium, 1);
                }
            }
        }
    }
    for category in RateCategory::ALL {
        add(&mut expected, category, other_listings(fetch).get(category));
    }
    let meetings = if fetch.wants(AssetType::MeetingDevices) {
        let listed = crate::sources::meetings::list(
            &client,
            fetch,
            &history,
            &settings.account_id,
            utc_date(now),
        )
        .await
        .map_err(|error| listing_failed("past meetings", error))?;
        listed.unread.len() as u64
    } else {
        0
    };
    Ok(plan_with(&client, fetch, &history, meetings, expected))
}

fn listing_failed(what: &'static str, error: zoom_api::Error) -> FetchError {
    FetchError::Plan {
        what,
        source: error,
    }
}

/// The listings whose length is not known before they are read, one request each at least:
/// activities, ZDM devices (a listing per slice: Zoom's defaults hide unenrolled devices and desk
/// phones) and H.323 devices. The meetings source reserves them when it plans, as they may still
/// be under way beside it (at worst counted twice: a handful of requests of the daily cap).
pub(crate) fn other_listings(fetch: &FetchSettings) -> CategoryCounts {
    let mut counts = CategoryCounts::default();
    if fetch.activity_logs {
        add(&mut counts, RateCategory::Heavy, 2);
    }
    if fetch.wants(AssetType::Zdm) {
        let slices = zoom_api::wire::ZdmSlice::EVERY.len() as u64;
        add(&mut counts, RateCategory::Heavy, slices);
    }
    if fetch.wants(AssetType::H323) {
        add(&mut counts, RateCategory::Medium, 1);
    }
    counts
}

/// The plan of a run once its past meetings are listed: the requests made so far plus
/// `expected` (what a dry run has not made), the meetings wanted, and today's use from the
/// ledger of today's runs or from Zoom's daily-limit headers, whichever says more.
pub(crate) fn plan_with(
    client: &Client,
    settings: &FetchSettings,
    history: &History,
    meetings_wanted: u64,
    expected: CategoryCounts,
) -> Plan {
    let table = RateTable::for_plan(client.config().plan);
    let made = client.stats().requests_by_category;
    let mut requests = made;
    for category in RateCategory::ALL {
        add(&mut requests, category, expected.get(category));
    }
    let heavy_ri = |counts: &CategoryCounts| counts.heavy + counts.resource_intensive;
    let ledger: u64 = [RateCategory::Heavy, RateCategory::ResourceIntensive]
        .iter()
        .filter_map(|category| history.requests_today.by_category.get(category.as_str()))
        .sum();
    // Zoom's count includes this run's requests so far, and every other app's.
    let reported = client
        .daily_usage()
        .iter()
        .filter(|usage| usage.categories.contains(&RateCategory::Heavy))
        .map(|usage| u64::from(usage.used).saturating_sub(heavy_ri(&made)))
        .max()
        .unwrap_or(0);
    plan(
        &Estimate {
            full: history.full,
            requests,
            meetings_wanted,
            used_today: ledger.max(reported),
            share: settings.max_daily_share,
        },
        &table,
    )
}

/// The daily cap that counts Heavy requests, if the table has one.
fn heavy_cap(table: &RateTable) -> Option<u64> {
    table
        .daily
        .iter()
        .filter(|cap| cap.categories.contains(&RateCategory::Heavy))
        .map(|cap| u64::from(cap.limit))
        .min()
}

/// The plan: as many meetings as the allowance leaves room for after the other Heavy and
/// Resource-intensive requests, the newest first (the caller orders them).
pub(crate) fn plan(estimate: &Estimate, table: &RateTable) -> Plan {
    let daily_cap = heavy_cap(table);
    let other_heavy = estimate.requests.heavy + estimate.requests.resource_intensive;
    let allowance = daily_cap.map(|cap| {
        let share = (cap as f64 * estimate.share.clamp(0.0, 1.0)).floor() as u64;
        share.saturating_sub(estimate.used_today)
    });
    let meetings_to_read = match allowance {
        Some(allowance) => estimate
            .meetings_wanted
            .min(allowance.saturating_sub(other_heavy)),
        None => estimate.meetings_wanted,
    };
    let mut requests = estimate.requests;
    add(&mut requests, RateCategory::Heavy, meetings_to_read);
    Plan {
        full: estimate.full,
        heavy_ri: requests.heavy + requests.resource_intensive,
        daily_cap,
        used_today: estimate.used_today,
        allowance,
        floor: floor(&requests, table),
        meetings_to_read,
        deferred_meetings: estimate.meetings_wanted - meetings_to_read,
        requests,
    }
}

/// The rate-limit floor of `requests`: the categories are paced independently, so the slowest
/// one decides.
pub(crate) fn floor(requests: &CategoryCounts, table: &RateTable) -> Duration {
    RateCategory::ALL
        .into_iter()
        .map(|category| {
            let rate = table.rate(category);
            rate.per
                .mul_f64(requests.get(category) as f64 / f64::from(rate.limit.max(1)))
        })
        .max()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use zoom_api::Plan as ZoomPlan;

    use super::*;

    fn estimate(heavy: u64, meetings: u64, used_today: u64) -> Estimate {
        Estimate {
            full: false,
            requests: CategoryCounts {
                light: 800,
                medium: 12,
                heavy,
                resource_intensive: 0,
            },
            meetings_wanted: meetings,
            used_today,
            share: 0.5,
        }
    }

    #[test]
    fn within_the_share_every_meeting_is_read() {
        let table = RateTable::for_plan(ZoomPlan::Business);
        let plan = plan(&estimate(20, 125, 1_000), &table);
        assert_eq!(plan.meetings_to_read, 125);
        assert_eq!(plan.deferred_meetings, 0);
        assert_eq!(plan.heavy_ri, 145);
        assert_eq!(plan.daily_cap, Some(60_000));
        assert_eq!(plan.allowance, Some(29_000));
        assert_eq!(plan.requests.heavy, 145);
        // Light decides: 800 at 80/s.
        assert_eq!(plan.floor, Duration::from_secs(10));
    }

    #[test]
    fn past_the_share_the_rest_is_deferred() {
        let table = RateTable::for_plan(ZoomPlan::Business);
        // 30,000 allowed, 29,900 used, 20 for listings: room for 80 meetings.
        let plan = plan(&estimate(20, 125, 29_900), &table);
        assert_eq!(plan.meetings_to_read, 80);
        assert_eq!(plan.deferred_meetings, 45);
        assert_eq!(plan.heavy_ri, 100);
        // Used up: nothing but the listings.
        let spent = super::plan(&estimate(20, 125, 40_000), &table);
        assert_eq!(spent.allowance, Some(0));
        assert_eq!(spent.meetings_to_read, 0);
        assert_eq!(spent.deferred_meetings, 125);
    }

    #[test]
    fn the_floor_is_the_slowest_category() {
        let table = RateTable::for_plan(ZoomPlan::Business);
        let requests = CategoryCounts {
            light: 80,
            medium: 0,
            heavy: 400,
            resource_intensive: 40,
        };
        // Resource-intensive: 40 at 20 a minute.
        assert_eq!(floor(&requests, &table), Duration::from_secs(120));
        let free = RateTable::for_plan(ZoomPlan::Free);
        assert_eq!(heavy_cap(&free), Some(1_000));
    }
}
