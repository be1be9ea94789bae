//! `zoom-bench --peers DIR`: zoom-inventory against the open Zoom connectors, tap-zoom (Singer)
//! and Airbyte's source-zoom, installed by `cargo xtask bench --peers` into `DIR/tap-zoom` and
//! `DIR/source-zoom`.
//!
//! The three fetch the users of one simulated account (the stream all three have), in
//! alternation, several rounds, under two conditions: unthrottled, and enforcing Zoom's rate
//! limits of a plan (Business unless `--plan`). zoom-inventory is restricted to that stream
//! (devices, user details and activity logs off; active users only, as the peers list them), so
//! all three do the same work. Each tool's stderr goes to `DIR/run/<tool>.log`, its stdout to
//! `DIR/run/<tool>.out`.
//!
//! How each peer is pointed at the simulator, without changing what it does:
//! - tap-zoom: `tap_zoom_sim.py` sets the class constant `ZoomClient.BASE_URL` and runs the tap;
//!   `--dev` with an `access_token` in its config skips its OAuth step (it only knows the
//!   refresh-token grant of user-level apps), so the bench fetches the token for it.
//! - source-zoom: the token URL is its config's `authorization_endpoint`; its API base, a
//!   literal in `manifest.yaml`, reads the config's `api_url` (rewritten by the xtask).
//!
//! Both are run the way their launchers run them: `tap-zoom --config --catalog` (Singer) and
//! `source-zoom read --config --catalog` (Airbyte), with a catalog from their own `discover`
//! that selects only `users`. Their records are the `RECORD` messages on stdout.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use zoom_sim::{CategoryLimit, Plan, RateCategory, RateLimits, SimConfig, Simulator, UserStatus};

use super::{fail, records_of_latest_run, round};

const TAP_ZOOM_VERSION: &str = "2.1.1";
const SOURCE_ZOOM_VERSION: &str = "1.1.22";

struct Args {
    bin: PathBuf,
    dir: PathBuf,
    out: PathBuf,
    users: usize,
    rounds: usize,
    plan: Plan,
    /// Peers that could not be installed here, and why: shown as not run.
    not_run: BTreeMap<Tool, String>,
}

fn parse_args(raw: &[String]) -> Args {
    let mut args = Args {
        bin: PathBuf::from("target/release/zoom-inventory"),
        dir: PathBuf::from("target/bench/peers"),
        out: PathBuf::from("target/bench/peers.json"),
        users: 10_000,
        rounds: 3,
        plan: Plan::Business,
        not_run: BTreeMap::new(),
    };
    let mut raw = raw.iter();
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
            "--bin" => args.bin = PathBuf::from(value),
            "--peers" => args.dir = PathBuf::from(value),
            "--out" => args.out = PathBuf::from(value),
            "--users" => args.users = number(),
            "--rounds" => args.rounds = number().max(1),
            "--plan" => {
                args.plan = value
                    .parse()
                    .unwrap_or_else(|error| fail(&format!("--plan: {error}")));
            }
            "--not-run" => {
                let (slug, reason) = value
                    .split_once('=')
                    .unwrap_or_else(|| fail("--not-run takes PEER=REASON"));
                let peer = Tool::PEERS
                    .into_iter()
                    .find(|tool| tool.slug() == slug)
                    .unwrap_or_else(|| fail(&format!("--not-run: no peer named {slug}")));
                args.not_run.insert(peer, reason.to_owned());
            }
            other => fail(&format!("unknown flag {other} (with --peers)")),
        }
    }
    args
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tool {
    ZoomInventory,
    TapZoom,
    SourceZoom,
}

impl Tool {
    const ALL: [Tool; 3] = [Tool::ZoomInventory, Tool::TapZoom, Tool::SourceZoom];
    const PEERS: [Tool; 2] = [Tool::TapZoom, Tool::SourceZoom];

    fn label(self) -> String {
        match self {
            Tool::ZoomInventory => format!("zoom-inventory {}", env!("CARGO_PKG_VERSION")),
            Tool::TapZoom => format!("tap-zoom {TAP_ZOOM_VERSION}"),
            Tool::SourceZoom => format!("airbyte-source-zoom {SOURCE_ZOOM_VERSION}"),
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Tool::ZoomInventory => "zoom-inventory",
            Tool::TapZoom => "tap-zoom",
            Tool::SourceZoom => "source-zoom",
        }
    }
}

/// One run's figures.
#[derive(Debug, Clone)]
struct Run {
    wall: Duration,
    exit_code: i64,
    /// Distinct users fetched.
    records: u64,
    /// Records output more than once.
    duplicates: u64,
    requests: u64,
    throttled: u64,
    peak_rss: u64,
}

/// Where a tool's files are, for one simulator.
struct Setup<'a> {
    args: &'a Args,
    sim: &'a Simulator,
    work: PathBuf,
    /// The plan zoom-inventory is told (it paces to the plan's limits).
    plan: Plan,
    /// zoom-inventory paces its requests to the plan's limits; off for a server without them.
    pace: bool,
}

impl Setup<'_> {
    fn python(&self, venv: &str, program: &str) -> PathBuf {
        self.args.dir.join(venv).join("bin").join(program)
    }

    fn tap_zoom(&self) -> Command {
        let mut command = Command::new(self.python("tap-zoom", "python"));
        command
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/tap_zoom_sim.py"))
            .arg("--config")
            .arg(self.work.join("tap-zoom-config.json"))
            .arg("--dev")
            .env("ZOOM_BENCH_API_URL", format!("{}/v2/", self.sim.base_url()));
        command
    }

    fn source_zoom(&self) -> Command {
        Command::new(self.python("source-zoom", "source-zoom"))
    }

    /// The peers' configs, for this simulator.
    fn write_configs(&self) {
        let config = self.sim.config();
        let tap = json!({
            "client_id": config.client_id,
            "client_secret": config.client_secret,
            "refresh_token": "unused with --dev",
            "access_token": access_token(self.sim),
        });
        let airbyte = json!({
            "account_id": config.account_id,
            "client_id": config.client_id,
            "client_secret": config.client_secret,
            "authorization_endpoint": format!("{}/oauth/token", self.sim.oauth_url()),
            "api_url": format!("{}/v2", self.sim.api_url()),
        });
        write_json(&self.work.join("tap-zoom-config.json"), &tap);
        write_json(&self.work.join("source-zoom-config.json"), &airbyte);
    }

    /// Each peer's own catalog (`discover`), reduced to the users stream.
    fn write_catalogs(&self, tools: &[Tool]) {
        if tools.contains(&Tool::TapZoom) {
            self.write_tap_zoom_catalog();
        }
        if tools.contains(&Tool::SourceZoom) {
            self.write_source_zoom_catalog();
        }
    }

    fn write_tap_zoom_catalog(&self) {
        let output = run_for_stdout(
            self.tap_zoom()
                .arg("--discover")
                .stderr(log_file(&self.work, Tool::TapZoom)),
            "tap-zoom --discover",
        );
        let mut catalog: Value = serde_json::from_str(&output)
            .unwrap_or_else(|error| fail(&format!("tap-zoom --discover: {error}")));
        let streams = catalog["streams"].as_array_mut();
        let streams = streams.unwrap_or_else(|| fail("tap-zoom's catalog has no streams"));
        streams.retain(|stream| stream["tap_stream_id"] == "users");
        for stream in streams.iter_mut() {
            for entry in stream["metadata"].as_array_mut().into_iter().flatten() {
                if entry["breadcrumb"].as_array().is_some_and(Vec::is_empty) {
                    entry["metadata"]["selected"] = json!(true);
                }
            }
        }
        if streams.len() != 1 {
            fail("tap-zoom's catalog has no users stream");
        }
        write_json(&self.work.join("tap-zoom-catalog.json"), &catalog);
    }

    fn write_source_zoom_catalog(&self) {
        let output = run_for_stdout(
            self.source_zoom()
                .arg("discover")
                .arg("--config")
                .arg(self.work.join("source-zoom-config.json"))
                .stderr(log_file(&self.work, Tool::SourceZoom)),
            "source-zoom discover",
        );
        let users = output
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .filter(|message| message["type"] == "CATALOG")
            .flat_map(|message| message["catalog"]["streams"].as_array().cloned())
            .flatten()
            .find(|stream| stream["name"] == "users")
            .unwrap_or_else(|| fail("source-zoom discover named no users stream"));
        let configured = json!({"streams": [{
            "stream": users,
            "sync_mode": "full_refresh",
            "destination_sync_mode": "overwrite",
        }]});
        write_json(&self.work.join("source-zoom-catalog.json"), &configured);
    }

    /// One measured fetch of the users by `tool`.
    fn run(&self, tool: Tool, round: usize) -> Run {
        let me =
            std::env::current_exe().unwrap_or_else(|error| fail(&format!("no own path: {error}")));
        let stdout = self.work.join(format!("{}.out", tool.slug()));
        let db = self.work.join(format!("zoom-inventory-{round}.db"));
        let mut command = Command::new(me);
        command.arg("--measure").arg("--stdout").arg(&stdout);
        match tool {
            Tool::ZoomInventory => {
                let _ = std::fs::remove_file(&db);
                let config = self.sim.config();
                command
                    .arg(&self.args.bin)
                    .args(["--quiet", "fetch", "--db"])
                    .arg(&db)
                    .args(["--api-url", &self.sim.api_url()])
                    .args(["--oauth-url", &self.sim.oauth_url()])
                    .args(["--plan", &self.plan.to_string()])
                    .args(["--pace-requests", if self.pace { "true" } else { "false" }])
                    .args(["--fetch-devices", "false"])
                    .args(["--fetch-user-details", "false"])
                    .args(["--activity-logs", "false"])
                    .args(["--saas-api", "false"])
                    .args(["--fetch-inactive-users", "false"])
                    .args(["--fetch-pending-users", "false"])
                    .env("ZOOM_ACCOUNT_ID", &config.account_id)
                    .env("ZOOM_CLIENT_ID", &config.client_id)
                    .env("ZOOM_CLIENT_SECRET", &config.client_secret);
            }
            Tool::TapZoom => {
                let tap = self.tap_zoom();
                command
                    .arg(tap.get_program())
                    .args(tap.get_args())
                    .arg("--catalog")
                    .arg(self.work.join("tap-zoom-catalog.json"));
                for (key, value) in tap.get_envs() {
                    if let Some(value) = value {
                        command.env(key, value);
                    }
                }
            }
            Tool::SourceZoom => {
                command
                    .arg(self.python("source-zoom", "source-zoom"))
                    .arg("read")
                    .arg("--config")
                    .arg(self.work.join("source-zoom-config.json"))
                    .arg("--catalog")
                    .arg(self.work.join("source-zoom-catalog.json"));
            }
        }
        command
            .env("NO_PROXY", "127.0.0.1,localhost")
            .stderr(log_file(&self.work, tool));
        self.sim.clear_stats();
        let started = Instant::now();
        let output = command
            .output()
            .unwrap_or_else(|error| fail(&format!("cannot run {}: {error}", tool.slug())));
        let wall = started.elapsed();
        let stats = self.sim.stats();
        let text = String::from_utf8_lossy(&output.stdout);
        let mut words = text.split_whitespace().map(str::parse::<i64>);
        let (Some(Ok(exit_code)), Some(Ok(peak_rss))) = (words.next(), words.next()) else {
            fail(&format!("the measuring helper printed {text:?}"));
        };
        let (records, duplicates) = match tool {
            // The store keeps one row per user: nothing to deduplicate.
            Tool::ZoomInventory => (records_of_latest_run(&self.args.bin, &db), 0),
            Tool::TapZoom | Tool::SourceZoom => count_records(&stdout),
        };
        let _ = std::fs::remove_file(&db);
        Run {
            wall,
            exit_code,
            records,
            duplicates,
            requests: stats.requests(),
            throttled: stats.throttled(),
            peak_rss: u64::try_from(peak_rss).unwrap_or(0),
        }
    }
}

fn log_file(work: &Path, tool: Tool) -> Stdio {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(work.join(format!("{}.log", tool.slug())))
        .map_or_else(|_| Stdio::null(), Stdio::from)
}

fn write_json(path: &Path, value: &Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    std::fs::write(path, text + "\n")
        .unwrap_or_else(|error| fail(&format!("cannot write {}: {error}", path.display())));
}

/// Runs `command` to completion and returns its stdout; fails the bench if it fails.
fn run_for_stdout(command: &mut Command, what: &str) -> String {
    let output = command
        .env("NO_PROXY", "127.0.0.1,localhost")
        .output()
        .unwrap_or_else(|error| fail(&format!("cannot run {what}: {error}")));
    if !output.status.success() {
        fail(&format!(
            "{what} failed ({}); its stderr is in the run folder's .log",
            output.status
        ));
    }
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Singer and Airbyte both write one JSON message a line; records are `"type": "RECORD"`, the
/// user in `record` (Singer) or `record.data` (Airbyte). Returns the distinct user ids and how
/// many records repeated one.
fn count_records(path: &Path) -> (u64, u64) {
    let Ok(file) = std::fs::File::open(path) else {
        return (0, 0);
    };
    let mut ids = HashSet::new();
    let mut duplicates = 0;
    for line in BufReader::new(file).lines().map_while(Result::ok) {
        if !line.contains("RECORD") {
            continue;
        }
        let Ok(message) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        if message["type"] != "RECORD" {
            continue;
        }
        let record = &message["record"];
        let user = if record["data"].is_object() {
            &record["data"]
        } else {
            record
        };
        if !ids.insert(user["id"].to_string()) {
            duplicates += 1;
        }
    }
    (ids.len() as u64, duplicates)
}

/// An access token from the simulator's token endpoint (`account_credentials`), for tap-zoom's
/// `--dev` mode. A plain HTTP/1.1 request: the bench needs no HTTP client for one call.
fn access_token(sim: &Simulator) -> String {
    let config = sim.config();
    let body = format!(
        "grant_type=account_credentials&account_id={}",
        config.account_id
    );
    let credentials = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", config.client_id, config.client_secret));
    let addr = sim.local_addr();
    let request = format!(
        "POST /oauth/token HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Basic {credentials}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    let mut response = String::new();
    TcpStream::connect(addr)
        .and_then(|mut stream| {
            stream.write_all(request.as_bytes())?;
            stream.read_to_string(&mut response)
        })
        .unwrap_or_else(|error| fail(&format!("token request: {error}")));
    response
        .split_once("\r\n\r\n")
        .and_then(|(_, body)| serde_json::from_str::<Value>(body).ok())
        .and_then(|token| token["access_token"].as_str().map(str::to_owned))
        .unwrap_or_else(|| fail(&format!("the token endpoint answered {response:?}")))
}

/// A condition's figures for one tool: the median of each.
struct Summary {
    tool: Tool,
    runs: Vec<Run>,
}

impl Summary {
    fn median<T: Copy + Ord>(&self, figure: impl Fn(&Run) -> T) -> T {
        let mut values: Vec<T> = self.runs.iter().map(figure).collect();
        values.sort_unstable();
        values[values.len() / 2]
    }

    fn wall(&self) -> Duration {
        self.median(|run| run.wall)
    }

    fn failures(&self) -> usize {
        self.runs.iter().filter(|run| run.exit_code != 0).count()
    }
}

struct Condition {
    title: String,
    limits: Option<RateLimits>,
    expected_records: usize,
    summaries: Vec<Summary>,
}

pub(super) fn run(raw: &[String]) -> ! {
    let args = parse_args(raw);
    let tools: Vec<Tool> = Tool::ALL
        .into_iter()
        .filter(|tool| !args.not_run.contains_key(tool))
        .collect();
    for peer in Tool::PEERS.into_iter().filter(|peer| tools.contains(peer)) {
        // The environments are named after the peers.
        let venv = peer.slug();
        if !args.dir.join(venv).join("bin/python").exists() {
            fail(&format!(
                "no {venv} environment under {}: run `cargo xtask bench --peers`",
                args.dir.display()
            ));
        }
    }
    for (peer, reason) in &args.not_run {
        progress(&format!("{} is not run: {reason}", peer.label()));
    }
    let work = args.dir.join("run");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)
        .unwrap_or_else(|error| fail(&format!("cannot create {}: {error}", work.display())));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap_or_else(|error| fail(&format!("no runtime: {error}")));

    let mut conditions = Vec::new();
    for limits in [None, Some(RateLimits::zoom(args.plan))] {
        let sim = runtime
            .block_on(Simulator::start(SimConfig {
                users: args.users,
                rate_limits: limits.clone(),
                ..SimConfig::default()
            }))
            .unwrap_or_else(|error| fail(&format!("simulator: {error}")));
        let expected_records = sim
            .account()
            .users
            .iter()
            .filter(|user| user.status == UserStatus::Active)
            .count();
        let title = match &limits {
            None => "Unthrottled".to_owned(),
            Some(limits) => {
                let medium = limits.get(RateCategory::Medium);
                format!(
                    "Under Zoom's {}-plan rate limits (GET /users is Medium: {} a second)",
                    args.plan,
                    per_second(medium)
                )
            }
        };
        progress(&format!(
            "{title}: {} users, {expected_records} active, {} rounds",
            args.users, args.rounds
        ));
        let setup = Setup {
            args: &args,
            sim: &sim,
            work: work.clone(),
            plan: args.plan,
            pace: limits.is_some(),
        };
        setup.write_configs();
        if conditions.is_empty() {
            setup.write_catalogs(&tools);
        }
        let mut runs: BTreeMap<Tool, Vec<Run>> = BTreeMap::new();
        for round in 0..args.rounds {
            // Alternate, and rotate who goes first.
            for i in 0..tools.len() {
                let tool = tools[(i + round) % tools.len()];
                if limits.is_some() {
                    // A full bucket for every run.
                    std::thread::sleep(Duration::from_millis(1100));
                }
                let run = setup.run(tool, round);
                progress(&format!(
                    "  round {} {:<15} {:>8.2} s {:>6} records {:>5} requests {:>4} 429s{}",
                    round + 1,
                    tool.slug(),
                    run.wall.as_secs_f64(),
                    run.records,
                    run.requests,
                    run.throttled,
                    if run.exit_code == 0 {
                        String::new()
                    } else {
                        format!(" (exit {})", run.exit_code)
                    }
                ));
                runs.entry(tool).or_default().push(run);
            }
        }
        conditions.push(Condition {
            title,
            limits,
            expected_records,
            summaries: runs
                .into_iter()
                .map(|(tool, runs)| Summary { tool, runs })
                .collect(),
        });
        runtime.block_on(sim.shutdown());
    }

    let report = report(&args, &conditions);
    #[allow(clippy::print_stdout, reason = "the bench's table is its output")]
    {
        print!("{report}");
    }
    write_json(&args.out, &to_json(&args, &conditions));
    std::process::exit(0)
}

fn progress(line: &str) {
    #[allow(
        clippy::print_stderr,
        reason = "the bench reports progress on the terminal"
    )]
    {
        eprintln!("{line}");
    }
}

/// The Markdown tables, one per condition, with the date and the machine.
fn report(args: &Args, conditions: &[Condition]) -> String {
    let mut out = format!(
        "{}, {} ({} cores): users of a {}-user simulated account, median of {} rounds\n",
        jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M UTC"),
        cpu_model(),
        std::thread::available_parallelism().map_or(0, usize::from),
        thousands(args.users as u64),
        args.rounds,
    );
    for condition in conditions {
        let base = condition
            .summaries
            .iter()
            .find(|summary| summary.tool == Tool::ZoomInventory)
            .map_or(Duration::ZERO, Summary::wall);
        out.push_str(&format!(
            "\n{} ({} active users)\n\n",
            condition.title,
            thousands(condition.expected_records as u64)
        ));
        out.push_str("| tool | wall (median) | records | requests | 429s | peak RSS |");
        if condition.limits.is_some() {
            out.push_str(" rate-limit floor |");
        }
        out.push_str(" wall vs zoom-inventory |\n|---|---:|---:|---:|---:|---:|---:|");
        if condition.limits.is_some() {
            out.push_str("---:|");
        }
        out.push('\n');
        for summary in &condition.summaries {
            let wall = summary.wall();
            let requests = summary.median(|run| run.requests);
            let mut records = records_cell(summary, condition.expected_records as u64);
            if summary.failures() > 0 {
                records.push_str(&format!(
                    " ({} of {} runs failed)",
                    summary.failures(),
                    summary.runs.len()
                ));
            }
            out.push_str(&format!(
                "| {} | {:.2} s | {records} | {} | {} | {:.0} MB |",
                summary.tool.label(),
                wall.as_secs_f64(),
                thousands(requests),
                thousands(summary.median(|run| run.throttled)),
                summary.median(|run| run.peak_rss) as f64 / 1_048_576.0,
            ));
            if let Some(limits) = &condition.limits {
                let floor = requests as f64 / per_second(limits.get(RateCategory::Medium));
                out.push_str(&format!(" {floor:.2} s |"));
            }
            let ratio = wall.as_secs_f64() / base.as_secs_f64().max(f64::EPSILON);
            if summary.tool == Tool::ZoomInventory {
                out.push_str(" 1× |\n");
            } else {
                out.push_str(&format!(" {ratio:.1}× |\n"));
            }
        }
        for (peer, reason) in &args.not_run {
            let empty = if condition.limits.is_some() { 6 } else { 5 };
            out.push_str(&format!(
                "| {} | not run: {reason} |{}\n",
                peer.label(),
                " |".repeat(empty)
            ));
        }
    }
    out.push_str(
        "\nzoom-inventory: users only (--fetch-devices false --fetch-user-details false \
         --activity-logs false --saas-api false), active users as the peers list them; pacing \
         on under limits, off without.\nrecords: distinct users output (Singer and Airbyte \
         RECORD messages) or stored. requests: /v2 requests the simulator counted, token \
         requests not included. rate-limit floor: requests / the Medium rate.\n",
    );
    out
}

fn per_second(limit: &CategoryLimit) -> f64 {
    f64::from(limit.per_window) / limit.window.as_secs_f64()
}

/// The records of every round: one number when they agree, with what falls short of the
/// account's active users.
fn records_cell(summary: &Summary, expected: u64) -> String {
    let min = summary
        .runs
        .iter()
        .map(|run| run.records)
        .min()
        .unwrap_or(0);
    let max = summary
        .runs
        .iter()
        .map(|run| run.records)
        .max()
        .unwrap_or(0);
    let mut cell = if min == max {
        thousands(min)
    } else {
        format!("{}–{}", thousands(min), thousands(max))
    };
    if min < expected {
        cell.push_str(&format!(" (short by {})", thousands(expected - min)));
    }
    let duplicates = summary
        .runs
        .iter()
        .map(|run| run.duplicates)
        .max()
        .unwrap_or(0);
    if duplicates > 0 {
        cell.push_str(&format!(" (+{} duplicates)", thousands(duplicates)));
    }
    cell
}

fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned())
}

fn to_json(args: &Args, conditions: &[Condition]) -> Value {
    let conditions: Vec<Value> = conditions
        .iter()
        .map(|condition| {
            let tools: serde_json::Map<String, Value> = condition
                .summaries
                .iter()
                .map(|summary| {
                    let runs: Vec<Value> = summary
                        .runs
                        .iter()
                        .map(|run| {
                            json!({
                                "wall_seconds": round(run.wall.as_secs_f64()),
                                "exit_code": run.exit_code,
                                "records": run.records,
                                "duplicates": run.duplicates,
                                "requests": run.requests,
                                "throttled": run.throttled,
                                "peak_rss_mb": round(run.peak_rss as f64 / 1_048_576.0),
                            })
                        })
                        .collect();
                    (
                        summary.tool.slug().to_owned(),
                        json!({
                            "median_wall_seconds": round(summary.wall().as_secs_f64()),
                            "runs": runs,
                        }),
                    )
                })
                .collect();
            json!({
                "condition": condition.title,
                "rate_limits": condition.limits.is_some(),
                "active_users": condition.expected_records,
                "tools": tools,
            })
        })
        .collect();
    let not_run: serde_json::Map<String, Value> = args
        .not_run
        .iter()
        .map(|(peer, reason)| (peer.slug().to_owned(), json!(reason)))
        .collect();
    json!({
        "users": args.users,
        "rounds": args.rounds,
        "conditions": conditions,
        "not_run": not_run,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(wall_ms: u64, records: u64) -> Run {
        Run {
            wall: Duration::from_millis(wall_ms),
            exit_code: 0,
            records,
            duplicates: 0,
            requests: 30,
            throttled: 0,
            peak_rss: 30 << 20,
        }
    }

    fn summary(tool: Tool, runs: Vec<Run>) -> Summary {
        Summary { tool, runs }
    }

    #[test]
    fn a_peer_that_fetched_fewer_users_is_reported_short() {
        let short = summary(Tool::TapZoom, vec![measured(900, 800), measured(1000, 790)]);
        assert_eq!(records_cell(&short, 800), "790–800 (short by 10)");
        let complete = summary(Tool::TapZoom, vec![measured(900, 800)]);
        assert_eq!(records_cell(&complete, 800), "800");
    }

    #[test]
    fn a_peer_not_run_gets_a_row_saying_why_in_every_table() {
        let mut args = parse_args(&[]);
        args.not_run.insert(
            Tool::SourceZoom,
            "source-zoom needs Python 3.10 or 3.9".to_owned(),
        );
        let condition = |limits: Option<RateLimits>| Condition {
            title: "a condition".to_owned(),
            limits,
            expected_records: 800,
            summaries: vec![
                summary(Tool::ZoomInventory, vec![measured(100, 800)]),
                summary(Tool::TapZoom, vec![measured(500, 800)]),
            ],
        };
        let table = report(
            &args,
            &[
                condition(None),
                condition(Some(RateLimits::zoom(Plan::Business))),
            ],
        );
        let not_run: Vec<&str> = table
            .lines()
            .filter(|line| line.starts_with("| airbyte-source-zoom"))
            .collect();
        assert_eq!(
            not_run,
            [
                "| airbyte-source-zoom 1.1.22 | not run: source-zoom needs Python 3.10 or 3.9 | | | | | |",
                "| airbyte-source-zoom 1.1.22 | not run: source-zoom needs Python 3.10 or 3.9 | | | | | | |",
            ]
        );
        // Each row has as many cells as its table's header.
        let cells = |line: &str| line.matches('|').count();
        let headers: Vec<usize> = table
            .lines()
            .filter(|line| line.starts_with("| tool |"))
            .map(cells)
            .collect();
        assert_eq!(headers, [cells(not_run[0]), cells(not_run[1])]);
        assert!(
            table.contains("| tap-zoom 2.1.1 | 0.50 s | 800 |"),
            "{table}"
        );
        assert!(table.contains(" 5.0× |"), "{table}");
    }
}
