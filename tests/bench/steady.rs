//! The steady state: what an hourly cron costs once the inventory exists.
//!
//! A simulated Business account enforcing Zoom's limits, of `users` users, with its past
//! meetings multiplied to about `meetings_per_day` a day over the window. After a full (cold)
//! run, each round is an hour: the simulator's clock and its account's "now" move on, 1% of the
//! users change (their department, which their list record shows), an hour of meetings ends
//! and their hosts sign in; then an incremental run. The collector runs in this process, its
//! clock pinned to the simulator's, so that an hour passes for it too (the rotation of detail
//! reads and the cursors depend on it). After the rounds, a full run, and the `diff` between the
//! last incremental run and it: what the incremental runs missed.

use std::path::Path;
use std::time::{Duration, Instant};

use inventory_store::Store;
use jiff::SignedDuration;
use zoom_collector::{
    Clock, FetchOptions, FetchOverrides, FetchReport, Settings, fetch_with_options,
};
use zoom_sim::{Account, Plan, RateCategory, RateLimits, SimConfig, SimStats, Simulator};

use crate::fail;

/// The sizes of the steady-state benchmark.
pub(crate) struct Steady {
    pub(crate) users: usize,
    pub(crate) meetings_per_day: usize,
    pub(crate) rounds: usize,
    /// `days_of_meetings` of the fetches (the cold and final runs read that many days).
    pub(crate) days: u32,
}

/// What one run cost, from the simulator's counters.
struct RunCost {
    by_category: [u64; 4],
    throttled: u64,
    wall: Duration,
    floor: f64,
}

impl RunCost {
    fn heavy_ri(&self) -> u64 {
        self.by_category[2] + self.by_category[3]
    }

    fn requests(&self) -> u64 {
        self.by_category.iter().sum()
    }
}

const CATEGORIES: [RateCategory; 4] = [
    RateCategory::Light,
    RateCategory::Medium,
    RateCategory::Heavy,
    RateCategory::ResourceIntensive,
];

/// Runs the steady state and adds its figures.
pub(crate) fn run(
    runtime: &tokio::runtime::Runtime,
    sizes: &Steady,
    dir: &Path,
    figures: &mut std::collections::BTreeMap<&'static str, f64>,
) {
    let limits = RateLimits::zoom(Plan::Business);
    let sim = runtime
        .block_on(Simulator::start(SimConfig {
            users: sizes.users,
            rate_limits: Some(limits.clone()),
            ..SimConfig::default()
        }))
        .unwrap_or_else(|error| fail(&format!("simulator: {error}")));
    sim.edit(|account| multiply_meetings(account, sizes.meetings_per_day));
    let db = dir.join("steady.db");
    let settings = settings(&sim, sizes.days);

    let (cold, _) = measured(runtime, &sim, &limits, &settings, &db, true);
    figures.insert("steady_cold_requests", cold.requests() as f64);
    figures.insert("steady_cold_heavy_ri", cold.heavy_ri() as f64);
    figures.insert("steady_cold_wall_seconds", cold.wall.as_secs_f64());
    figures.insert("steady_cold_floor_seconds", cold.floor);

    let mut rounds = Vec::new();
    let mut last_run = 0;
    for round in 0..sizes.rounds {
        an_hour_passes(&sim, round, sizes.users / 100, sizes.meetings_per_day / 24);
        let cost = measured(runtime, &sim, &limits, &settings, &db, false);
        last_run = cost.1;
        rounds.push(cost.0);
    }
    if let Some(first) = rounds.first() {
        for (name, category) in [
            ("steady_hourly_light", 0),
            ("steady_hourly_medium", 1),
            ("steady_hourly_heavy", 2),
            ("steady_hourly_resource_intensive", 3),
        ] {
            figures.insert(name, first.by_category[category] as f64);
        }
        figures.insert("steady_hourly_requests", first.requests() as f64);
        figures.insert("steady_hourly_heavy_ri", first.heavy_ri() as f64);
        figures.insert("steady_hourly_wall_seconds", first.wall.as_secs_f64());
        figures.insert("steady_hourly_floor_seconds", first.floor);
        figures.insert(
            "steady_hourly_wall_over_floor",
            first.wall.as_secs_f64() / first.floor.max(f64::EPSILON),
        );
        figures.insert("steady_hourly_429s", first.throttled as f64);
    }
    let n = rounds.len().max(1) as f64;
    figures.insert("steady_rounds", rounds.len() as f64);
    figures.insert(
        "steady_rounds_mean_requests",
        rounds.iter().map(RunCost::requests).sum::<u64>() as f64 / n,
    );
    figures.insert(
        "steady_rounds_max_requests",
        rounds.iter().map(RunCost::requests).max().unwrap_or(0) as f64,
    );
    figures.insert(
        "steady_rounds_max_heavy_ri",
        rounds.iter().map(RunCost::heavy_ri).max().unwrap_or(0) as f64,
    );
    let heavy_ri: u64 = rounds.iter().map(RunCost::heavy_ri).sum();
    figures.insert("steady_rounds_heavy_ri", heavy_ri as f64);
    figures.insert(
        "steady_rounds_share_of_daily_cap",
        heavy_ri as f64 / limits.heavy_and_resource_intensive_daily.unwrap_or(1) as f64,
    );
    figures.insert(
        "steady_rounds_429s",
        rounds.iter().map(|cost| cost.throttled).sum::<u64>() as f64,
    );

    sim.advance_clock(Duration::from_secs(60));
    let (full, full_run) = measured(runtime, &sim, &limits, &settings, &db, true);
    figures.insert("steady_final_full_requests", full.requests() as f64);
    figures.insert("steady_final_full_wall_seconds", full.wall.as_secs_f64());
    let store = Store::open(&db).unwrap_or_else(|error| fail(&format!("store: {error}")));
    let changes = store
        .diff(last_run, full_run, None)
        .unwrap_or_else(|error| fail(&format!("diff: {error}")));
    figures.insert("steady_final_full_diff", changes.len() as f64);
    drop(sim);
}

/// Settings of the fetch: every status, every source of the main benchmark, activities, paced
/// to Business limits; full runs only when asked, so that the rounds stay incremental.
fn settings(sim: &Simulator, days: u32) -> Settings {
    let fetch = FetchOverrides {
        days_of_meetings: Some(days),
        fetch_inactive_users: Some(true),
        fetch_pending_users: Some(true),
        activity_logs: Some(true),
        full_every_hours: Some(0),
        ..FetchOverrides::default()
    };
    end_to_end::sim_settings(sim, fetch).unwrap_or_else(|error| fail(&format!("settings: {error}")))
}

/// One fetch at the simulator's "now", measured; returns its cost and its run's id.
fn measured(
    runtime: &tokio::runtime::Runtime,
    sim: &Simulator,
    limits: &RateLimits,
    settings: &Settings,
    db: &Path,
    full: bool,
) -> (RunCost, i64) {
    sim.clear_stats();
    let clock = Clock::fixed(sim.account().now);
    let started = Instant::now();
    let report: FetchReport = runtime
        .block_on(fetch_with_options(
            settings,
            db,
            clock,
            FetchOptions { full },
            |_| {},
        ))
        .unwrap_or_else(|error| fail(&format!("fetch: {}", zoom_collector::error_chain(&error))));
    let wall = started.elapsed();
    if let Some(reason) = &report.run.reason {
        #[allow(clippy::print_stderr, reason = "the bench reports on the terminal")]
        {
            eprintln!("zoom-bench: run {} partial: {reason}", report.run.id);
        }
    }
    let stats = sim.stats();
    let cost = cost(&stats, limits, wall);
    // As it goes: the whole benchmark takes the better part of an hour.
    #[allow(clippy::print_stderr, reason = "the bench reports on the terminal")]
    {
        eprintln!(
            "zoom-bench: steady run {} ({}): requests {:?} (Light, Medium, Heavy, RI), Heavy/RI {}, wall {:.1} s, floor {:.1} s, 429s {}",
            report.run.id,
            if full { "full" } else { "incremental" },
            cost.by_category,
            cost.heavy_ri(),
            cost.wall.as_secs_f64(),
            cost.floor,
            cost.throttled
        );
    }
    (cost, report.run.id)
}

fn cost(stats: &SimStats, limits: &RateLimits, wall: Duration) -> RunCost {
    let by_category = CATEGORIES.map(|category| {
        stats
            .requests_by_category
            .get(&category)
            .copied()
            .unwrap_or(0)
    });
    let floor = CATEGORIES
        .iter()
        .zip(by_category)
        .map(|(category, requests)| {
            let limit = limits.get(*category);
            requests as f64 / (f64::from(limit.per_window) / limit.window.as_secs_f64())
        })
        .fold(0.0, f64::max);
    RunCost {
        by_category,
        throttled: stats.throttled(),
        wall,
        floor,
    }
}

/// Copies each past meeting of the window (and a day before it) until there are about
/// `per_day` a day: new UUIDs, start times spread over the meeting's day.
fn multiply_meetings(account: &mut Account, per_day: usize) {
    let since = account.now - SignedDuration::from_hours(24 * 9);
    let recent: Vec<_> = account
        .meetings
        .iter()
        .filter(|meeting| meeting.start_time >= since && !meeting.is_one_user())
        .cloned()
        .collect();
    let have_per_day = (recent.len() / 9).max(1);
    let copies = per_day.div_ceil(have_per_day).saturating_sub(1);
    for (index, meeting) in recent.iter().enumerate() {
        for copy in 0..copies {
            let mut meeting = meeting.clone();
            // Minutes apart, within the same day mostly; never after "now".
            let shift = SignedDuration::from_secs(-((copy as i64 * 397 + index as i64) % 3600));
            shift_meeting(&mut meeting, shift);
            meeting.uuid = format!("m{index:06}c{copy:04}steadyAAAAAAA");
            account.meetings.push(meeting);
        }
    }
    account.meetings.sort_by_key(|meeting| meeting.start_time);
}

fn shift_meeting(meeting: &mut zoom_sim::SimMeeting, shift: SignedDuration) {
    meeting.start_time += shift;
    meeting.end_time += shift;
    for participant in &mut meeting.participants {
        participant.join_time += shift;
        participant.leave_time += shift;
    }
}

/// An hour passes: the clock and the account's "now" move on, `changed` users change
/// department, `meetings` meetings (copies of recent ones) end within the hour and their hosts
/// sign in.
fn an_hour_passes(sim: &Simulator, round: usize, changed: usize, meetings: usize) {
    sim.advance_clock(Duration::from_secs(3600));
    sim.edit(|account| {
        let before = account.now;
        account.now += SignedDuration::from_hours(1);
        let count = account.users.len().max(1);
        for offset in 0..changed {
            let index = (round * changed + offset) % count;
            account.users[index].dept = Some(format!("Department {round}"));
        }
        let recent: Vec<_> = account
            .meetings
            .iter()
            .rev()
            .filter(|meeting| !meeting.is_one_user())
            .take(meetings)
            .cloned()
            .collect();
        for (index, mut meeting) in recent.into_iter().enumerate() {
            // Starts within the past hour and ends before "now".
            let start = before + SignedDuration::from_secs((index as i64 * 29) % 1800);
            let shift = start.duration_since(meeting.start_time);
            shift_meeting(&mut meeting, shift);
            if meeting.end_time > account.now {
                let back = meeting.end_time.duration_since(account.now);
                shift_meeting(&mut meeting, -back);
            }
            meeting.uuid = format!("r{round:03}n{index:05}steadyAAAAAAAA");
            if let Some(mut sign_in) = account.sign_in_activities.first().cloned() {
                sign_in.time = meeting.start_time;
                sign_in.email = meeting.host_email.clone();
                account.sign_in_activities.push(sign_in);
            }
            account.meetings.push(meeting);
        }
        account.meetings.sort_by_key(|meeting| meeting.start_time);
    });
}
