//! Each failure a user can meet: the documented exit code, one line naming what to fix, no
//! panic, and the database as it was.

use std::path::Path;

use zoom_sim::SimConfig;

use crate::support::{Sim, assert_code, export, runs, stderr, zi};

/// Asserts that stderr is exactly one error line containing `needle`.
fn assert_one_line_error(output: &std::process::Output, needle: &str) {
    let text = stderr(output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stderr, got:\n{text}");
    assert!(lines[0].starts_with("error: "), "{text}");
    assert!(lines[0].contains(needle), "expected {needle:?} in:\n{text}");
    assert!(!text.contains("panicked"), "{text}");
    assert!(!text.contains("{ "), "no Debug output: {text}");
}

/// A database with one complete run, and a way to prove it unchanged.
struct Baseline {
    sim: Sim,
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    exported: Vec<serde_json::Value>,
    runs: Vec<serde_json::Value>,
}

impl Baseline {
    fn new() -> Baseline {
        let sim = Sim::with_users(30);
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("inventory.db");
        let output = zi(&fetch_args(&sim, &db, &[]), &sim.env());
        assert_code(&output, 0);
        Baseline {
            exported: export(&db),
            runs: runs(&db),
            sim,
            _dir: dir,
            db,
        }
    }

    fn assert_unchanged(&self) {
        assert_eq!(runs(&self.db), self.runs, "runs unchanged");
        assert_eq!(export(&self.db), self.exported, "assets unchanged");
    }
}

fn db_arg(db: &Path) -> &str {
    db.to_str().expect("utf-8 path")
}

fn fetch_args(sim: &Sim, db: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "fetch".to_owned(),
        "--db".to_owned(),
        db.display().to_string(),
    ];
    args.extend(sim.url_flags());
    args.extend(extra.iter().map(|arg| (*arg).to_owned()));
    args
}

#[test]
fn a_wrong_secret_exits_1_and_changes_nothing() {
    let base = Baseline::new();
    let mut env = base.sim.env();
    env.retain(|(key, _)| *key != "ZOOM_CLIENT_SECRET");
    env.push(("ZOOM_CLIENT_SECRET", "wrong-secret".into()));
    let output = zi(&fetch_args(&base.sim, &base.db, &[]), &env);
    assert_code(&output, 1);
    assert_one_line_error(&output, "client_id or client_secret");
    base.assert_unchanged();
}

#[test]
fn a_failed_first_fetch_leaves_no_database_behind() {
    let sim = Sim::start(SimConfig {
        users: 10,
        ..SimConfig::default()
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("new.db");
    let mut env = sim.env();
    env.retain(|(key, _)| *key != "ZOOM_CLIENT_SECRET");
    env.push(("ZOOM_CLIENT_SECRET", "wrong-secret".into()));
    let output = zi(&fetch_args(&sim, &db, &[]), &env);
    assert_code(&output, 1);
    assert_one_line_error(&output, "client_id or client_secret");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn an_unreachable_server_exits_1_and_changes_nothing() {
    let base = Baseline::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr");
    let url = format!("http://{closed}");
    let args = vec![
        "fetch".to_owned(),
        "--db".to_owned(),
        base.db.display().to_string(),
        "--api-url".to_owned(),
        url.clone(),
        "--oauth-url".to_owned(),
        url,
    ];
    let output = zi(&args, &base.sim.env());
    assert_code(&output, 1);
    assert_one_line_error(&output, &closed.to_string());
    assert_eq!(
        stderr(&output).matches("os error").count(),
        1,
        "the OS's cause once: {}",
        stderr(&output)
    );
    base.assert_unchanged();
}

#[test]
fn an_app_without_scopes_exits_1_names_the_scopes_and_changes_nothing() {
    let base = Baseline::new();
    let narrow = Sim::start(SimConfig {
        users: 30,
        scopes: Vec::new(),
        ..SimConfig::default()
    });
    let output = zi(&fetch_args(&narrow, &base.db, &[]), &narrow.env());
    assert_code(&output, 1);
    assert_one_line_error(&output, "user:read:list_users:admin");
    base.assert_unchanged();
}

#[test]
fn a_missing_scope_on_one_source_exits_3_and_keeps_the_others() {
    let base = Baseline::new();
    let mut config = SimConfig {
        users: 30,
        ..SimConfig::default()
    };
    config.scopes.retain(|scope| !scope.starts_with("h323"));
    let narrow = Sim::start(config);
    let output = zi(&fetch_args(&narrow, &base.db, &[]), &narrow.env());
    assert_code(&output, 3);
    let summary = crate::support::stdout(&output);
    assert!(
        summary.contains("h323_device:read:list_devices:admin"),
        "{summary}"
    );
    // The table's "why" says the source's failure once: the run's reason and its issue agree.
    let table = crate::support::stdout(&zi(&["runs", "--db", db_arg(&base.db)], &[]));
    assert_eq!(
        table.matches("h323_device:read:list_devices:admin").count(),
        1,
        "{table}"
    );
    let runs = runs(&base.db);
    assert_eq!(runs[0]["status"], "partial");
    assert_eq!(runs[0]["issues"][0]["source"], "devices/h323");
    assert_eq!(runs[0]["issues"][0]["zoom_code"], 4711);
    assert!(
        export(&base.db)
            .iter()
            .any(|record| record["kind"] == "user")
    );
}

#[test]
fn a_malformed_config_exits_2_naming_the_file_and_line() {
    let base = Baseline::new();
    let config = base.db.with_file_name("broken.toml");
    std::fs::write(&config, "account_id = \"x\"\nclient_id = [unclosed\n").expect("write");
    let mut args = fetch_args(&base.sim, &base.db, &[]);
    args.extend(["--config".to_owned(), config.display().to_string()]);
    let output = zi(&args, &base.sim.env());
    assert_code(&output, 2);
    assert_one_line_error(&output, "broken.toml");
    assert!(stderr(&output).contains("line 2"), "{}", stderr(&output));
    base.assert_unchanged();
}

#[test]
fn an_unknown_config_key_exits_2_naming_the_key() {
    let base = Baseline::new();
    let config = base.db.with_file_name("typo.toml");
    std::fs::write(&config, "[fetch]\nfetch_inactive_user = true\n").expect("write");
    let mut args = fetch_args(&base.sim, &base.db, &[]);
    args.extend(["--config".to_owned(), config.display().to_string()]);
    let output = zi(&args, &base.sim.env());
    assert_code(&output, 2);
    assert_one_line_error(&output, "fetch_inactive_user");
    base.assert_unchanged();
}

#[test]
fn missing_credentials_exit_2_and_say_where_to_set_them() {
    let base = Baseline::new();
    let env: Vec<_> = base
        .sim
        .env()
        .into_iter()
        .filter(|(key, _)| *key != "ZOOM_CLIENT_SECRET")
        .collect();
    let output = zi(&fetch_args(&base.sim, &base.db, &[]), &env);
    assert_code(&output, 2);
    assert_one_line_error(&output, "ZOOM_CLIENT_SECRET");
    base.assert_unchanged();
}

#[test]
fn a_bad_url_exits_2() {
    let base = Baseline::new();
    let args = [
        "fetch".to_owned(),
        "--db".to_owned(),
        base.db.display().to_string(),
        "--api-url".to_owned(),
        "zoom.us without scheme".to_owned(),
    ];
    let output = zi(&args, &base.sim.env());
    assert_code(&output, 2);
    assert_one_line_error(&output, "api_url");
    base.assert_unchanged();
}

#[test]
fn reading_a_missing_inventory_exits_2_and_says_what_to_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("none.db");
    let output = zi(&["list", "users", "--db", db.to_str().expect("utf-8")], &[]);
    assert_code(&output, 2);
    assert_one_line_error(&output, "zoom-inventory fetch");
    assert!(!db.exists(), "reading never creates a database");
}

#[test]
fn a_value_outside_a_commands_list_is_a_usage_error_naming_the_list() {
    let cases: [&[&str]; 9] = [
        &["list", "printers"],
        &["list", "users", "--status", "retired"],
        &["list", "devices", "--type", "printer"],
        &["list", "users", "--format", "yaml"],
        &["runs", "--format", "csv"],
        &["diff", "--format", "csv"],
        &["check", "--format", "csv"],
        &["export", "--kind", "printers"],
        &["posture", "--format", "csv"],
    ];
    let mut table = String::new();
    for args in cases {
        let output = zi(args, &[]);
        assert_code(&output, 2);
        let text = stderr(&output);
        assert!(text.contains("[possible values: "), "{args:?}: {text}");
        table.push_str(&format!("$ zoom-inventory {}\n{text}\n", args.join(" ")));
    }
    insta::assert_snapshot!(table);
}

#[test]
fn a_filter_of_another_kind_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("none.db");
    let db = db.to_str().expect("utf-8");
    for (args, message) in [
        (
            ["list", "devices", "--status", "active"],
            "--status applies to users only",
        ),
        (
            ["list", "users", "--type", "zdm"],
            "--type applies to devices only",
        ),
    ] {
        let output = zi(&[&args[..], &["--db", db]].concat(), &[]);
        assert_code(&output, 2);
        assert_one_line_error(&output, message);
    }
}
