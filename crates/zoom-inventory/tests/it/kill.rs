//! `kill -9` at seeded random moments of real `fetch` processes: after each kill the database
//! passes SQLite's integrity check, the last complete run is intact and still the latest, and the
//! next fetch completes and stores the simulator's account exactly.
//!
//! Kills are spread over a whole fetch three ways, chosen by a seeded generator: a delay drawn
//! uniformly over the measured duration of a reference fetch (start-up, token, paging,
//! normalization, commit); right after the simulator answered the k-th API request (k drawn over
//! the reference fetch's request count: mid-paging); and a delay after the last request (the
//! tail: normalization and the commit).
//!
//! `ZOOM_INVENTORY_KILLS` sets the number of kills (default 20; `cargo xtask soak` runs 200) and
//! `ZOOM_INVENTORY_KILL_SEED` the seed (default 7).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use inventory_store::{AssetQuery, RunStatus, Store};
use serde_json::Value;
use zoom_sim::SimConfig;

use crate::support::Sim;

/// Every asset of the latest run with data, by id, without the inventory's own timestamps.
fn inventory(db: &Path) -> BTreeMap<String, Value> {
    let store = Store::open(db).expect("the database opens");
    store
        .assets(&AssetQuery::default())
        .expect("assets")
        .into_iter()
        .map(|asset| {
            let mut json = asset.to_export_json();
            let object = json.as_object_mut().expect("an object");
            object.remove("first_seen");
            object.remove("last_seen");
            (asset.id, json)
        })
        .collect()
}

/// `PRAGMA integrity_check` on the file as the killed process left it (before anything of ours
/// opens it through the store).
fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("sqlite opens the file");
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity_check runs")
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

struct Harness {
    sim: Sim,
    db: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Harness {
    fn spawn_fetch(&self) -> Child {
        let mut command = Command::new(env!("CARGO_BIN_EXE_zoom-inventory"));
        command.args(["--quiet", "fetch", "--db"]).arg(&self.db);
        command.args(self.sim.url_flags());
        command.args([
            "--fetch-inactive-users",
            "true",
            "--fetch-pending-users",
            "true",
            "--activity-logs",
            "true",
        ]);
        for (key, _) in std::env::vars() {
            if key.starts_with("ZOOM_") || key == "RUST_LOG" {
                command.env_remove(key);
            }
        }
        command
            .env("RUST_BACKTRACE", "0")
            .env("NO_PROXY", "127.0.0.1,localhost")
            .envs(self.sim.env())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command.spawn().expect("the binary starts")
    }

    /// API requests the simulator has answered since the log was last cleared.
    fn api_requests(&self) -> usize {
        self.sim
            .sim
            .requests()
            .iter()
            .filter(|request| request.path.starts_with("/v2/"))
            .count()
    }

    fn fetch_to_completion(&self) {
        let status = self.spawn_fetch().wait().expect("fetch ends");
        assert_eq!(status.code(), Some(0), "a fetch after a kill completes");
    }
}

/// What a reference fetch looks like from outside: its duration, its API requests, and when the
/// last of them was answered.
struct Reference {
    duration: Duration,
    requests: usize,
    last_request_at: Duration,
}

fn measure(harness: &Harness) -> Reference {
    harness.sim.sim.clear_requests();
    let started = Instant::now();
    let mut child = harness.spawn_fetch();
    let (mut seen, mut last_request_at) = (0, Duration::ZERO);
    loop {
        let now = harness.api_requests();
        if now > seen {
            seen = now;
            last_request_at = started.elapsed();
        }
        if let Some(status) = child.try_wait().expect("wait") {
            assert_eq!(status.code(), Some(0), "the reference fetch completes");
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let duration = started.elapsed();
    Reference {
        duration,
        requests: harness.api_requests().max(seen),
        last_request_at,
    }
}

/// Where a kill is aimed.
#[derive(Debug, Clone, Copy)]
enum Aim {
    /// This long after the process started.
    After(Duration),
    /// As soon as the simulator has answered this many API requests.
    Requests(usize),
    /// This long after the simulator answered the last API request of a fetch.
    Tail(Duration),
}

/// What a kill left behind, as the next open of the store sees it.
#[derive(Debug, Default)]
struct Tally {
    /// Killed before the run began (start-up, token): no run recorded.
    before_run: u32,
    /// Killed mid-run: the run is marked interrupted, nothing of it kept.
    interrupted: u32,
    /// Killed after the commit: the new run is complete.
    committed: u32,
}

fn uniform(rng: &mut fastrand::Rng, upto: Duration) -> Duration {
    let micros = u64::try_from(upto.as_micros()).unwrap_or(u64::MAX).max(1);
    Duration::from_micros(rng.u64(0..=micros))
}

fn kill_at(harness: &Harness, aim: Aim, reference: &Reference) {
    harness.sim.sim.clear_requests();
    let started = Instant::now();
    let mut child = harness.spawn_fetch();
    // Never wait longer than a few reference fetches for a target the process might not reach
    // (a slow machine); the kill then lands wherever the process is.
    let give_up = reference.duration * 4 + Duration::from_secs(2);
    loop {
        let reached = match aim {
            Aim::After(delay) => started.elapsed() >= delay,
            Aim::Requests(k) => harness.api_requests() >= k,
            Aim::Tail(_) => harness.api_requests() >= reference.requests,
        };
        if reached || started.elapsed() > give_up {
            break;
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    if let Aim::Tail(delay) = aim {
        std::thread::sleep(delay);
    }
    // SIGKILL: no destructor, no rollback, no unlock runs in the child.
    let _ = child.kill();
    child.wait().expect("the killed process is reaped");
}

/// The test body, shared by the normal run (20 kills) and `cargo xtask soak` (200).
fn kill_and_verify(kills: u64, seed: u64) -> Tally {
    let dir = tempfile::tempdir().expect("temp dir");
    let harness = Harness {
        sim: Sim::start(SimConfig {
            users: 12,
            ..SimConfig::default()
        }),
        db: dir.path().join("inventory.db"),
        _dir: dir,
    };

    // The ground truth: a fetch that nobody kills, checked against the simulator's own account.
    let reference = measure(&harness);
    let truth = inventory(&harness.db);
    let account = harness.sim.sim.account();
    let mut expected_users: Vec<String> = account
        .users
        .iter()
        .map(|user| format!("user:{}", user.id))
        .collect();
    expected_users.sort();
    let stored_users: Vec<&String> = truth.keys().filter(|id| id.starts_with("user:")).collect();
    assert_eq!(stored_users, expected_users.iter().collect::<Vec<_>>());
    assert!(
        truth
            .keys()
            .any(|id| id.starts_with("device:") || id.contains("zoom_room"))
    );
    assert!(reference.requests > 3, "{} requests", reference.requests);

    let mut rng = fastrand::Rng::with_seed(seed);
    let mut tally = Tally::default();
    let mut latest = Store::open(&harness.db)
        .expect("open")
        .latest_run()
        .expect("runs")
        .expect("a run")
        .id;
    let tail = reference
        .duration
        .saturating_sub(reference.last_request_at)
        .max(Duration::from_millis(1));
    for kill in 0..kills {
        let aim = match rng.u8(0..3) {
            0 => Aim::After(uniform(&mut rng, reference.duration)),
            1 => Aim::Requests(rng.usize(1..reference.requests)),
            _ => Aim::Tail(uniform(&mut rng, tail)),
        };
        kill_at(&harness, aim, &reference);
        let context = format!("kill {kill} ({aim:?}, seed {seed})");

        assert_eq!(integrity(&harness.db), "ok", "{context}");
        let store = Store::open(&harness.db).expect("the database opens after a kill");
        let runs = store.runs().expect("runs");
        assert!(
            runs.iter().all(|run| run.status != RunStatus::Running),
            "{context}: a dead fetch's run is never left running: {runs:?}"
        );
        let newest = &runs[0];
        if newest.id == latest {
            tally.before_run += 1;
        } else if newest.status == RunStatus::Complete {
            tally.committed += 1;
        } else {
            assert_eq!(newest.status, RunStatus::Interrupted, "{context}");
            tally.interrupted += 1;
        }
        let latest_complete = store.latest_run().expect("runs").expect("a run").id;
        assert!(
            latest_complete == latest || latest_complete == newest.id,
            "{context}"
        );
        drop(store);
        // The last complete run (or the one the killed fetch committed) is the account, whole.
        assert_eq!(inventory(&harness.db), truth, "{context}");

        harness.fetch_to_completion();
        assert_eq!(
            integrity(&harness.db),
            "ok",
            "{context}: after the next fetch"
        );
        let store = Store::open(&harness.db).expect("open");
        let next = store.latest_run().expect("runs").expect("a run");
        assert!(
            next.id > latest_complete,
            "{context}: the next fetch is the latest"
        );
        assert_eq!(next.status, RunStatus::Complete, "{context}");
        latest = next.id;
        drop(store);
        assert_eq!(
            inventory(&harness.db),
            truth,
            "{context}: after the next fetch"
        );
    }
    tally
}

#[test]
fn fetches_killed_at_random_moments_lose_and_corrupt_nothing() {
    let kills = env_number("ZOOM_INVENTORY_KILLS", 20);
    let seed = env_number("ZOOM_INVENTORY_KILL_SEED", 7);
    let started = Instant::now();
    let tally = kill_and_verify(kills, seed);
    // With a third of the kills aimed mid-paging, some must have caught a run in progress: the
    // case that matters most.
    assert!(tally.interrupted > 0, "no kill landed mid-run: {tally:?}");
    #[allow(
        clippy::print_stderr,
        reason = "the soak's summary, shown with --nocapture"
    )]
    {
        eprintln!(
            "kill soak: {kills} kills (seed {seed}) in {:.1} s, all checks passed: {} before the run began, {} mid-run (interrupted), {} after the commit",
            started.elapsed().as_secs_f64(),
            tally.before_run,
            tally.interrupted,
            tally.committed
        );
    }
}
