//! `zoom-inventory sim` serves an account that `fetch` reads with the printed settings.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::support::{assert_code, export_users, runs, zi};

/// What `sim` prints for `fetch` to use.
const VARIABLES: [&str; 5] = [
    "ZOOM_API_URL",
    "ZOOM_OAUTH_URL",
    "ZOOM_ACCOUNT_ID",
    "ZOOM_CLIENT_ID",
    "ZOOM_CLIENT_SECRET",
];

/// Kills the simulator process when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn fetch_reads_the_account_that_the_sim_command_serves() {
    let child = Command::new(env!("CARGO_BIN_EXE_zoom-inventory"))
        .args([
            "sim",
            "--listen",
            "127.0.0.1:0",
            "--users",
            "5000",
            "--rate-limits",
            "false",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("sim starts");
    let mut sim = Running(child);
    let stdout = sim.0.stdout.take().expect("piped stdout");

    // The sim prints its size, then `export NAME=value` lines, then waits for Ctrl-C.
    let mut users = 0;
    let mut env: Vec<(&str, String)> = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("a line");
        if let Some(rest) = line.strip_prefix("simulated Zoom account: ") {
            users = rest
                .split(' ')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("the user count");
        }
        if let Some((name, value)) = line
            .strip_prefix("export ")
            .and_then(|rest| rest.split_once('='))
        {
            let name = VARIABLES
                .into_iter()
                .find(|known| *known == name)
                .unwrap_or_else(|| panic!("unexpected variable {name}"));
            env.push((name, value.to_owned()));
        }
        if line.starts_with("# press Ctrl-C") {
            break;
        }
    }
    assert_eq!(env.len(), VARIABLES.len(), "{env:?}");
    // The simulator enforces no limits here: pacing would only slow the test.
    env.push(("ZOOM_PACE_REQUESTS", "false".to_owned()));
    assert!(users >= 5000, "{users} users");
    let api_url = &env
        .iter()
        .find(|(name, _)| *name == "ZOOM_API_URL")
        .expect("url")
        .1;
    assert!(api_url.starts_with("http://127.0.0.1:"), "{api_url}");
    assert!(
        !api_url.ends_with(":0"),
        "the real port is printed: {api_url}"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let db_arg = db.to_str().expect("utf-8");

    let output = zi(&["fetch", "--db", db_arg], &env);
    assert_code(&output, 0);
    let active = export_users(&db);
    assert!(active.iter().all(|record| record["status"] == "active"));
    assert!(
        active.len() > 3500 && active.len() < 5000,
        "{} active users",
        active.len()
    );

    let output = zi(
        &[
            "fetch",
            "--db",
            db_arg,
            "--fetch-inactive-users",
            "true",
            "--fetch-pending-users",
            "true",
        ],
        &env,
    );
    assert_code(&output, 0);
    assert_eq!(export_users(&db).len(), users, "every user of every status");
    assert_eq!(runs(&db).len(), 2);
}
