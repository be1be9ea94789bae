use crate::support::{Sim, assert_code, export, export_users, runs, zi};

#[test]
fn fetch_with_environment_credentials_stores_active_users_then_every_user() {
    let sim = Sim::with_users(5000);
    let account = sim.sim.account();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let db_arg = db.to_str().expect("utf-8 path").to_owned();

    let mut args = vec!["fetch".to_owned(), "--db".to_owned(), db_arg];
    args.extend(sim.url_flags());
    let output = zi(&args, &sim.env());
    assert_code(&output, 0);
    let first = export_users(&db);
    let active = account
        .users
        .iter()
        .filter(|u| u.status.as_str() == "active")
        .count();
    assert_eq!(first.len(), active);
    assert!(first.iter().all(|record| record["status"] == "active"));

    args.extend(
        [
            "--fetch-inactive-users",
            "true",
            "--fetch-pending-users",
            "true",
        ]
        .map(str::to_owned),
    );
    let output = zi(&args, &sim.env());
    assert_code(&output, 0);
    let second = export_users(&db);
    assert_eq!(second.len(), 5000, "users of all three statuses");

    // The active users were seen twice: first_seen kept, last_seen moved.
    for old in &first {
        let new = second
            .iter()
            .find(|record| record["id"] == old["id"])
            .expect("still there");
        assert_eq!(new["first_seen"], old["first_seen"]);
        assert_ne!(new["last_seen"], old["last_seen"]);
    }
    let history = runs(&db);
    assert_eq!(history.len(), 2);
    assert!(
        history.iter().all(|run| run["status"] == "complete"),
        "{history:?}"
    );
    assert_ne!(
        history[0]["settings_digest"], history[1]["settings_digest"],
        "different settings, different digests"
    );
}

#[test]
fn settings_come_from_the_config_file_and_flags_override_it() {
    let sim = Sim::with_users(40);
    let account = sim.sim.account();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let config = dir.path().join("zoom.toml");
    let secret_file = dir.path().join("secret");
    std::fs::write(
        &secret_file,
        format!("{}\n", sim.sim.config().client_secret),
    )
    .expect("write");
    std::fs::write(
        &config,
        format!(
            "api_url = {:?}\noauth_url = {:?}\naccount_id = {:?}\nclient_id = {:?}\nclient_secret_file = {:?}\n\n[fetch]\nfetch_inactive_users = true\nfetch_pending_users = true\n",
            sim.sim.api_url(),
            sim.sim.oauth_url(),
            sim.sim.config().account_id,
            sim.sim.config().client_id,
            secret_file.display().to_string(),
        ),
    )
    .expect("write config");
    let config_arg = config.to_str().expect("utf-8").to_owned();
    let db_arg = db.to_str().expect("utf-8").to_owned();

    let output = zi(&["fetch", "--config", &config_arg, "--db", &db_arg], &[]);
    assert_code(&output, 0);
    assert_eq!(export_users(&db).len(), account.users.len());

    // A flag wins over the file.
    let output = zi(
        &[
            "fetch",
            "--config",
            &config_arg,
            "--db",
            &db_arg,
            "--fetch-pending-users",
            "false",
        ],
        &[],
    );
    assert_code(&output, 0);
    let pending = account
        .users
        .iter()
        .filter(|u| u.status.as_str() == "pending")
        .count();
    // Pending users were not looked at: they are carried over, not removed.
    assert_eq!(export_users(&db).len(), account.users.len());
    let runs = runs(&db);
    assert_eq!(
        runs[0]["counts"]["user"]["present"],
        account.users.len() as u64,
        "{runs:?}"
    );
    assert_eq!(
        runs[0]["counts"]["user"]["seen"],
        (account.users.len() - pending) as u64,
        "{runs:?}"
    );
    assert!(pending > 0);
}

#[test]
fn a_pro_account_without_dashboard_exits_3_with_everything_else_stored() {
    let sim = Sim::start(zoom_sim::SimConfig {
        users: 60,
        plan: zoom_sim::Plan::Pro,
        ..zoom_sim::SimConfig::default()
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let mut args = vec![
        "fetch".to_owned(),
        "--db".to_owned(),
        db.display().to_string(),
    ];
    args.extend(sim.url_flags());
    let output = zi(&args, &sim.env());
    assert_code(&output, 3);
    let summary = crate::support::stdout(&output);
    assert!(
        summary.contains("partial: devices/meeting_device"),
        "{summary}"
    );
    let history = runs(&db);
    assert_eq!(history[0]["status"], "partial");
    assert_eq!(history[0]["issues"][0]["zoom_code"], 200);
    assert!(history[0]["counts"]["device"]["present"].as_u64() > Some(0));
    assert_eq!(
        export_users(&db).len(),
        60 - sim
            .sim
            .account()
            .users
            .iter()
            .filter(|u| u.status.as_str() != "active")
            .count()
    );
}

#[test]
fn turning_off_tls_verification_warns_on_every_run() {
    let sim = Sim::with_users(10);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let mut args = vec![
        "fetch".to_owned(),
        "--db".to_owned(),
        db.display().to_string(),
    ];
    args.extend(sim.url_flags());
    args.extend(["--verify-ssl".to_owned(), "false".to_owned()]);
    for _ in 0..2 {
        let output = zi(&args, &sim.env());
        assert_code(&output, 0);
        let stderr = crate::support::stderr(&output);
        assert!(
            stderr.contains("TLS certificates are not verified"),
            "{stderr}"
        );
    }
}

#[test]
fn diff_reports_what_the_second_run_added() {
    let sim = Sim::with_users(40);
    let account = sim.sim.account();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let db_arg = db.display().to_string();
    let mut args = vec!["fetch".to_owned(), "--db".to_owned(), db_arg.clone()];
    args.extend(sim.url_flags());
    assert_code(&zi(&args, &sim.env()), 0);

    let only_one = zi(&["diff", "--db", &db_arg], &[]);
    assert_code(&only_one, 2);
    assert!(crate::support::stderr(&only_one).contains("no run with data before run 1"));

    args.extend(
        [
            "--fetch-inactive-users",
            "true",
            "--fetch-pending-users",
            "true",
        ]
        .map(str::to_owned),
    );
    assert_code(&zi(&args, &sim.env()), 0);
    let diff = zi(&["diff", "--format", "ndjson", "--db", &db_arg], &[]);
    assert_code(&diff, 0);
    let changes: Vec<serde_json::Value> = crate::support::stdout(&diff)
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON"))
        .collect();
    let not_active = account
        .users
        .iter()
        .filter(|u| u.status.as_str() != "active")
        .count();
    assert_eq!(changes.len(), not_active, "{changes:?}");
    assert!(
        changes
            .iter()
            .all(|c| c["change"] == "added" && c["kind"] == "user")
    );

    // Unchanged since: no difference.
    assert_code(&zi(&args, &sim.env()), 0);
    let none = zi(&["diff", "--format", "ndjson", "--db", &db_arg], &[]);
    assert_code(&none, 0);
    assert_eq!(crate::support::stdout(&none), "");
    let unknown = zi(&["diff", "--from", "99", "--db", &db_arg], &[]);
    assert_code(&unknown, 2);
}

/// Ctrl-C during a fetch: the run is rolled back, the previous inventory stays the latest, the
/// message says so, and the exit code is 1.
#[test]
fn ctrl_c_rolls_the_run_back_and_says_so() {
    let sim = Sim::start(zoom_sim::SimConfig {
        users: 30,
        ..zoom_sim::SimConfig::default()
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let db_arg = db.to_str().expect("utf-8 path").to_owned();
    let mut args = vec![
        "--quiet".to_owned(),
        "fetch".to_owned(),
        "--db".to_owned(),
        db_arg,
    ];
    args.extend(sim.url_flags());
    let first = zi(&args, &sim.env());
    assert_code(&first, 0);
    let before = export(&db);

    // The same account (same seed), where every request takes a second: the next fetch is
    // still running when interrupted.
    let slow = Sim::start(zoom_sim::SimConfig {
        users: 30,
        faults: "slow=1.0:1000ms".parse().expect("fault plan"),
        ..sim.sim.config().clone()
    });
    let mut args = args.clone();
    args.truncate(4);
    args.extend(slow.url_flags());
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_zoom-inventory"));
    command
        .args(&args)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("RUST_BACKTRACE", "0")
        .envs(slow.env())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = command.spawn().expect("fetch starts");
    // Wait until the run is open: its row says `running` (the fetch is listing).
    let running = || -> i64 {
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|conn| {
                conn.query_row(
                    "SELECT count(*) FROM runs WHERE status = 'running'",
                    [],
                    |row| row.get(0),
                )
            })
            .unwrap_or(0)
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while running() == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the second fetch never opened its run"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // What a terminal sends on Ctrl-C.
    let signalled = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(signalled.success());
    let output = child.wait_with_output().expect("fetch ends");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("interrupted (Ctrl-C)"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(export(&db), before);
}
