//! `zoom-bench`: the figures of `cargo xtask bench`, measured in one run so that the ratios
//! mean something on a noisy machine.
//!
//! 1. **Under Zoom's limits.** A simulated Business account enforces Zoom's rate-limit table;
//!    the release `zoom-inventory fetch` reads it. The floor is, for each category, the
//!    requests made divided by the allowed rate (the largest of these is the time no client
//!    can beat); the figure is wall time / floor, with the number of 429s received.
//! 2. **Unthrottled.** A large account with no limits and pacing off: records per second, and
//!    the fetch's peak resident memory.
//!
//! The simulator runs in this process; the fetch is a grandchild: `zoom-bench --measure CMD...`
//! starts it and reports its peak memory. A child started straight from this process would
//! report this process's memory too (Linux carries the peak resident size across `exec`), and
//! the simulated account is large.
//!
//! `zoom-bench --peers DIR` (`cargo xtask bench --peers`) compares zoom-inventory with the open
//! Zoom connectors instead: see `peers.rs`.

mod peers;
mod steady;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use zoom_sim::{Plan, RateCategory, RateLimits, SimConfig, Simulator};

struct Args {
    bin: PathBuf,
    out: PathBuf,
    throttled_users: usize,
    unthrottled_users: usize,
    unthrottled_devices: usize,
    steady: steady::Steady,
    /// The parts to run (`throttled`, `unthrottled`, `steady`): all unless `--only` says.
    only: Option<Vec<String>>,
}

fn parse_args() -> Args {
    let mut args = Args {
        bin: PathBuf::from("target/release/zoom-inventory"),
        out: PathBuf::from("target/bench/results.json"),
        throttled_users: 20_000,
        unthrottled_users: 100_000,
        unthrottled_devices: 50_000,
        steady: steady::Steady {
            users: 20_000,
            meetings_per_day: 3_000,
            rounds: 24,
            days: 7,
        },
        only: None,
    };
    let mut raw = std::env::args().skip(1);
    while let Some(flag) = raw.next() {
        let value = raw
            .next()
            .unwrap_or_else(|| fail(&format!("{flag} needs a value")));
        let number = || {
            value
                .parse()
                .unwrap_or_else(|_| fail(&format!("{flag}: not a number")))
        };
        match flag.as_str() {
            "--bin" => args.bin = PathBuf::from(&value),
            "--out" => args.out = PathBuf::from(&value),
            "--throttled-users" => args.throttled_users = number(),
            "--unthrottled-users" => args.unthrottled_users = number(),
            "--unthrottled-devices" => args.unthrottled_devices = number(),
            "--steady-users" => args.steady.users = number(),
            "--steady-meetings-per-day" => args.steady.meetings_per_day = number(),
            "--steady-rounds" => args.steady.rounds = number(),
            "--steady-days" => {
                args.steady.days = value
                    .parse()
                    .unwrap_or_else(|_| fail(&format!("{flag}: not a number of days")));
            }
            "--only" => args.only = Some(value.split(',').map(str::to_owned).collect()),
            other => fail(&format!("unknown flag {other}")),
        }
    }
    args
}

fn fail(message: &str) -> ! {
    #[allow(clippy::print_stderr, reason = "the bench reports on the terminal")]
    {
        eprintln!("zoom-bench: {message}");
    }
    std::process::exit(2)
}

/// One `zoom-inventory fetch`, measured: wall time and peak resident memory (bytes).
fn run_fetch(bin: &Path, sim: &Simulator, db: &Path, extra: &[&str]) -> (Duration, u64) {
    let config = sim.config();
    let me = std::env::current_exe().unwrap_or_else(|error| fail(&format!("no own path: {error}")));
    let mut command = Command::new(me);
    command
        .arg("--measure")
        .arg(bin)
        .args(["--quiet", "fetch", "--db"])
        .arg(db)
        .args(["--api-url", &sim.api_url(), "--oauth-url", &sim.oauth_url()])
        .args([
            "--fetch-inactive-users",
            "true",
            "--fetch-pending-users",
            "true",
        ])
        .args(extra)
        .env("ZOOM_ACCOUNT_ID", &config.account_id)
        .env("ZOOM_CLIENT_ID", &config.client_id)
        .env("ZOOM_CLIENT_SECRET", &config.client_secret)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .stderr(Stdio::inherit());
    let started = Instant::now();
    let output = command
        .output()
        .unwrap_or_else(|error| fail(&format!("cannot run {}: {error}", bin.display())));
    let elapsed = started.elapsed();
    let text = String::from_utf8_lossy(&output.stdout);
    let mut words = text.split_whitespace().map(str::parse::<i64>);
    let (Some(Ok(code)), Some(Ok(peak_rss))) = (words.next(), words.next()) else {
        fail(&format!("the measuring helper printed {text:?}"));
    };
    if code != 0 && code != 3 {
        fail(&format!("the fetch exited with {code}"));
    }
    (elapsed, u64::try_from(peak_rss).unwrap_or(0))
}

/// `--measure [--stdout FILE] CMD ARGS...`: runs CMD (its output to FILE, else discarded),
/// prints its exit code and peak RSS in bytes. Started from the big benchmark process, this
/// helper's own peak is inflated; its child's is not.
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4 in wait_with_rusage"
)]
fn measure(command: &[String]) -> ! {
    let (stdout, command) = match command {
        [flag, file, rest @ ..] if flag == "--stdout" => {
            let file = std::fs::File::create(file)
                .unwrap_or_else(|error| fail(&format!("cannot create {file}: {error}")));
            (Stdio::from(file), rest)
        }
        _ => (Stdio::null(), command),
    };
    let Some((program, args)) = command.split_first() else {
        fail("--measure needs a command");
    };
    let child = Command::new(program)
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|error| fail(&format!("cannot run {program}: {error}")));
    let (code, peak_rss) = wait_with_rusage(child.id());
    #[allow(clippy::print_stdout, reason = "the helper's report to the benchmark")]
    {
        println!("{code} {peak_rss}");
    }
    std::process::exit(0)
}

/// Waits for a child and returns its exit code and peak RSS (`wait4`, which reports the
/// child's own rusage, unlike `getrusage(RUSAGE_CHILDREN)`).
#[allow(unsafe_code, reason = "wait4 has no safe wrapper in std")]
fn wait_with_rusage(pid: u32) -> (i32, u64) {
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; pid is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = libc::pid_t::try_from(pid).unwrap_or_else(|_| fail("pid out of range"));
    // SAFETY: valid pointers to locals, a child of this process.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if waited != pid {
        fail("wait4 failed");
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    // Linux reports ru_maxrss in kilobytes.
    (code, u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024)
}

/// Records stored by the latest run, from `runs --format json`.
fn records_of_latest_run(bin: &Path, db: &Path) -> u64 {
    let output = Command::new(bin)
        .args(["runs", "--format", "json", "--db"])
        .arg(db)
        .output()
        .unwrap_or_else(|error| fail(&format!("cannot run runs: {error}")));
    let runs: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| fail(&format!("runs printed no JSON: {error}")));
    runs[0]["counts"]
        .as_object()
        .map(|counts| {
            counts
                .values()
                .filter_map(|kind| kind["seen"].as_u64())
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.first().map(String::as_str) == Some("--measure") {
        measure(&raw[1..]);
    }
    if raw.iter().any(|arg| arg == "--peers") {
        peers::run(&raw);
    }
    let args = parse_args();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap_or_else(|error| fail(&format!("no runtime: {error}")));
    let dir = tempfile::tempdir().unwrap_or_else(|error| fail(&format!("no temp dir: {error}")));
    let mut figures: BTreeMap<&str, f64> = BTreeMap::new();

    let wanted = |part: &str| {
        args.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|name| name == part))
    };

    // 1. Under Business limits.
    if wanted("throttled") {
        let limits = RateLimits::zoom(Plan::Business);
        let sim = runtime
            .block_on(Simulator::start(SimConfig {
                users: args.throttled_users,
                rate_limits: Some(limits.clone()),
                ..SimConfig::default()
            }))
            .unwrap_or_else(|error| fail(&format!("simulator: {error}")));
        let db = dir.path().join("throttled.db");
        let (wall, _) = run_fetch(&args.bin, &sim, &db, &["--plan", "business"]);
        let stats = sim.stats();
        let floor = stats
            .requests_by_category
            .iter()
            .map(|(category, requests)| {
                let limit = match category {
                    RateCategory::Light => &limits.light,
                    RateCategory::Medium => &limits.medium,
                    RateCategory::Heavy => &limits.heavy,
                    RateCategory::ResourceIntensive => &limits.resource_intensive,
                };
                let per_second = f64::from(limit.per_window) / limit.window.as_secs_f64();
                *requests as f64 / per_second
            })
            .fold(0.0, f64::max);
        figures.insert(
            "throttled_records",
            records_of_latest_run(&args.bin, &db) as f64,
        );
        figures.insert("throttled_requests", stats.requests() as f64);
        figures.insert("throttled_wall_seconds", wall.as_secs_f64());
        figures.insert("throttled_floor_seconds", floor);
        figures.insert(
            "throttled_wall_over_floor",
            wall.as_secs_f64() / floor.max(f64::EPSILON),
        );
        figures.insert("throttled_429s", stats.throttled() as f64);
        drop(sim);
    }

    // 2. Unthrottled, large.
    if wanted("unthrottled") {
        let sim = runtime
            .block_on(Simulator::start(SimConfig {
                users: args.unthrottled_users,
                zdm_devices: Some(args.unthrottled_devices),
                ..SimConfig::default()
            }))
            .unwrap_or_else(|error| fail(&format!("simulator: {error}")));
        let db = dir.path().join("unthrottled.db");
        let (wall, peak_rss) = run_fetch(&args.bin, &sim, &db, &["--pace-requests", "false"]);
        let records = records_of_latest_run(&args.bin, &db);
        figures.insert("unthrottled_records", records as f64);
        figures.insert("unthrottled_wall_seconds", wall.as_secs_f64());
        figures.insert(
            "unthrottled_records_per_second",
            records as f64 / wall.as_secs_f64(),
        );
        figures.insert("unthrottled_peak_rss_mb", peak_rss as f64 / 1_048_576.0);
        drop(sim);
    }

    // 3. The steady state of an hourly cron.
    if wanted("steady") {
        steady::run(&runtime, &args.steady, dir.path(), &mut figures);
    }

    let mut lines = String::new();
    for (name, value) in &figures {
        lines.push_str(&format!("{name} {}\n", round(*value)));
    }
    #[allow(clippy::print_stdout, reason = "the bench's figures are its output")]
    {
        print!("{lines}");
    }
    if let Some(parent) = args.out.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let json: serde_json::Map<String, serde_json::Value> = figures
        .iter()
        .map(|(name, value)| ((*name).to_owned(), serde_json::json!(round(*value))))
        .collect();
    let text = serde_json::to_string_pretty(&json).unwrap_or_default();
    std::fs::write(&args.out, text + "\n")
        .unwrap_or_else(|error| fail(&format!("cannot write {}: {error}", args.out.display())));
}

/// Three decimals: enough for ratios, no false precision.
fn round(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}
