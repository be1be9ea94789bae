use std::path::Path;
use std::process::{Command, Output};

use zoom_sim::{SimConfig, Simulator};

/// A simulator running on its own runtime, so the test thread can block on the binary.
pub(crate) struct Sim {
    pub(crate) sim: Simulator,
    _runtime: tokio::runtime::Runtime,
}

impl Sim {
    pub(crate) fn start(config: SimConfig) -> Sim {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let sim = runtime
            .block_on(Simulator::start(config))
            .expect("simulator starts");
        Sim {
            sim,
            _runtime: runtime,
        }
    }

    pub(crate) fn with_users(users: usize) -> Sim {
        Sim::start(SimConfig {
            users,
            ..SimConfig::default()
        })
    }

    /// The environment a user sets to point `fetch` at this account.
    pub(crate) fn env(&self) -> Vec<(&'static str, String)> {
        let config = self.sim.config();
        vec![
            ("ZOOM_ACCOUNT_ID", config.account_id.clone()),
            ("ZOOM_CLIENT_ID", config.client_id.clone()),
            ("ZOOM_CLIENT_SECRET", config.client_secret.clone()),
            // Pace only against a simulator that enforces Zoom's limits.
            (
                "ZOOM_PACE_REQUESTS",
                config.rate_limits.is_some().to_string(),
            ),
        ]
    }

    pub(crate) fn url_flags(&self) -> Vec<String> {
        vec![
            "--api-url".into(),
            self.sim.api_url(),
            "--oauth-url".into(),
            self.sim.oauth_url(),
        ]
    }
}

/// Runs the binary with a clean environment (no ZOOM_* from the developer's shell).
pub(crate) fn zi<S: AsRef<std::ffi::OsStr>>(args: &[S], env: &[(&str, String)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zoom-inventory"));
    command.args(args);
    for (key, _) in std::env::vars() {
        if key.starts_with("ZOOM_") || key == "RUST_LOG" {
            command.env_remove(key);
        }
    }
    command
        .env("RUST_BACKTRACE", "0")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .envs(env.iter().map(|(key, value)| (*key, value.as_str())));
    command.output().expect("the binary runs")
}

/// Runs the binary with no environment at all: for output that must not depend on it (`--help`
/// shows the values of the variables it reads).
pub(crate) fn zi_without_env<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zoom-inventory"))
        .args(args)
        .env_clear()
        .output()
        .expect("the binary runs")
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts the exit code, showing both streams when it is wrong.
pub(crate) fn assert_code(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

/// NDJSON export of the latest run, every kind.
pub(crate) fn export(db: &Path) -> Vec<serde_json::Value> {
    export_with(db, &[])
}

/// NDJSON export of the users of the latest run.
pub(crate) fn export_users(db: &Path) -> Vec<serde_json::Value> {
    export_with(db, &["--kind", "user"])
}

fn export_with(db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec![
        "export",
        "--format",
        "ndjson",
        "--db",
        db.to_str().expect("utf-8 path"),
    ];
    args.extend(extra);
    let output = zi(&args, &[]);
    assert_code(&output, 0);
    stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

/// What `runs` prints as JSON.
pub(crate) fn runs(db: &Path) -> Vec<serde_json::Value> {
    let output = zi(
        &[
            "runs",
            "--format",
            "json",
            "--db",
            db.to_str().expect("utf-8 path"),
        ],
        &[],
    );
    assert_code(&output, 0);
    serde_json::from_str(&stdout(&output)).expect("runs as JSON")
}
