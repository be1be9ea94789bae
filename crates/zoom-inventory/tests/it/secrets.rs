//! The client secret must appear in no output stream, no log line (at trace level), no error and
//! not in the database, whether the fetch succeeds or fails.

use base64::Engine as _;
use zoom_sim::SimConfig;

use crate::support::{Sim, assert_code, stderr, stdout, zi};

const SECRET: &str = "Sup3r-S3cret-Value-4-Tests-Only-xq7";

fn assert_absent(haystack: &[u8], what: &str, config: &SimConfig) {
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", config.client_id, SECRET));
    for needle in [SECRET.as_bytes(), basic.as_bytes()] {
        assert!(
            !haystack
                .windows(needle.len())
                .any(|window| window == needle),
            "the secret (or its Basic encoding) appears in {what}"
        );
    }
}

fn assert_absent_from_files(dir: &std::path::Path, config: &SimConfig) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            let bytes = std::fs::read(&path).expect("read");
            assert_absent(&bytes, &path.display().to_string(), config);
        }
    }
}

#[test]
fn the_secret_leaks_nowhere_on_success_or_failure() {
    let config = SimConfig {
        users: 25,
        client_secret: SECRET.to_owned(),
        ..SimConfig::default()
    };
    let sim = Sim::start(config.clone());
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let mut env = sim.env();
    env.push(("RUST_LOG", "trace".to_owned()));

    let mut args = vec!["-vvv".to_owned(), "fetch".to_owned(), "--db".to_owned()];
    args.push(db.display().to_string());
    args.extend(sim.url_flags());
    args.extend(["--fetch-inactive-users", "true"].map(str::to_owned));
    let success = zi(&args, &env);
    assert_code(&success, 0);
    assert!(
        stderr(&success).contains("TRACE") || stderr(&success).contains("DEBUG"),
        "logs were on: {}",
        stderr(&success)
    );

    // A failure after the token: the app has no scope at all.
    let mut narrow_config = config.clone();
    narrow_config.scopes.clear();
    let narrow = Sim::start(narrow_config);
    let mut failing_args = vec!["-vvv".to_owned(), "fetch".to_owned(), "--db".to_owned()];
    failing_args.push(db.display().to_string());
    failing_args.extend(narrow.url_flags());
    let failure = zi(&failing_args, &env);
    assert_code(&failure, 1);

    // A failure at the token: wrong account.
    let mut wrong_env = env.clone();
    wrong_env.retain(|(key, _)| *key != "ZOOM_ACCOUNT_ID");
    wrong_env.push(("ZOOM_ACCOUNT_ID", "no-such-account".to_owned()));
    let refused = zi(&args, &wrong_env);
    assert_code(&refused, 1);

    for (name, output) in [
        ("success", &success),
        ("failure", &failure),
        ("refused", &refused),
    ] {
        assert_absent(&output.stdout, &format!("stdout of the {name}"), &config);
        assert_absent(&output.stderr, &format!("stderr of the {name}"), &config);
    }
    assert!(!stdout(&success).is_empty());
    assert_absent_from_files(dir.path(), &config);
}

/// The credentials of `sim` in a config file (the secret included), with `mode`.
fn config_with_secret(dir: &std::path::Path, sim: &Sim, secret: &str, mode: u32) -> String {
    use std::os::unix::fs::PermissionsExt as _;
    let config = sim.sim.config();
    let path = dir.join(format!("zoom-{mode:o}.toml"));
    std::fs::write(
        &path,
        format!(
            "account_id = \"{}\"\nclient_id = \"{}\"\nclient_secret = \"{secret}\"\npace_requests = false\n",
            config.account_id, config.client_id
        ),
    )
    .expect("write config");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    path.display().to_string()
}

#[test]
fn the_secret_leaks_nowhere_from_any_source_or_failure() {
    let config = SimConfig {
        users: 15,
        client_secret: SECRET.to_owned(),
        ..SimConfig::default()
    };
    let sim = Sim::start(config.clone());
    let failing = Sim::start(SimConfig {
        faults: zoom_sim::FaultPlan::parse("5xx=1").expect("a fault plan"),
        ..config.clone()
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db").display().to_string();
    let secret_file = dir.path().join("secret");
    std::fs::write(&secret_file, format!("{SECRET}\n")).expect("write");
    let from_config = config_with_secret(dir.path(), &sim, SECRET, 0o600);
    let wrong_secret = "Wr0ng-Secret-Value-Also-Not-To-Leak-k2";
    let from_config_wrong = config_with_secret(dir.path(), &sim, wrong_secret, 0o644);

    let trace = ("RUST_LOG", "trace".to_owned());
    let no_secret_env: Vec<(&str, String)> = sim
        .env()
        .into_iter()
        .filter(|(key, _)| *key != "ZOOM_CLIENT_SECRET")
        .chain([trace.clone()])
        .collect();
    let with_file = {
        let mut env = no_secret_env.clone();
        env.push(("ZOOM_CLIENT_SECRET_FILE", secret_file.display().to_string()));
        env
    };
    let mut env = sim.env();
    env.push(trace);
    let fetch = |target: &Sim, extra: &[&str]| -> Vec<String> {
        let mut args = vec![
            "-vvv".to_owned(),
            "fetch".to_owned(),
            "--db".to_owned(),
            db.clone(),
        ];
        args.extend(target.url_flags());
        args.extend(extra.iter().map(|arg| (*arg).to_owned()));
        args
    };
    let runs: Vec<(&str, std::process::Output, i32)> = vec![
        (
            "config file",
            zi(&fetch(&sim, &["--config", &from_config]), &no_secret_env),
            0,
        ),
        ("secret file", zi(&fetch(&sim, &[]), &with_file), 0),
        (
            "wrong secret",
            zi(
                &fetch(&sim, &["--config", &from_config_wrong]),
                &no_secret_env,
            ),
            1,
        ),
        ("server errors", zi(&fetch(&failing, &[]), &env), 1),
        (
            "check",
            zi(
                &{
                    let mut args = vec!["-vvv".to_owned(), "check".to_owned()];
                    args.extend(sim.url_flags());
                    args
                },
                &env,
            ),
            0,
        ),
        (
            "check against errors",
            zi(
                &{
                    let mut args = vec!["-vvv".to_owned(), "check".to_owned()];
                    args.extend(failing.url_flags());
                    args
                },
                &env,
            ),
            1,
        ),
    ];
    for (name, output, code) in &runs {
        assert_eq!(
            output.status.code(),
            Some(*code),
            "{name}: {}",
            stderr(output)
        );
        assert!(
            stderr(output).contains("TRACE"),
            "{name}: trace logs were on"
        );
        for (what, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            assert_absent(bytes, &format!("{what} of {name}"), &config);
            assert!(
                !bytes
                    .windows(wrong_secret.len())
                    .any(|w| w == wrong_secret.as_bytes()),
                "the wrong secret appears in {what} of {name}"
            );
        }
    }
    // The database and its side files; the config and secret files hold it by design.
    for entry in std::fs::read_dir(dir.path()).expect("read dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        if name.starts_with("inventory.db") {
            let bytes = std::fs::read(&path).expect("read");
            assert_absent(&bytes, name, &config);
        }
    }
}

#[test]
fn a_config_file_with_the_secret_readable_by_others_is_warned_about() {
    let sim = Sim::with_users(15);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db").display().to_string();
    let secret = sim.sim.config().client_secret.clone();
    let env: Vec<(&str, String)> = sim
        .env()
        .into_iter()
        .filter(|(key, _)| *key != "ZOOM_CLIENT_SECRET")
        .collect();
    for (mode, warned) in [
        (0o644, true),
        (0o640, true),
        (0o604, true),
        (0o600, false),
        (0o400, false),
    ] {
        let config = config_with_secret(dir.path(), &sim, &secret, mode);
        let mut args = vec![
            "fetch".to_owned(),
            "--db".to_owned(),
            db.clone(),
            "--config".to_owned(),
            config.clone(),
        ];
        args.extend(sim.url_flags());
        let output = zi(&args, &env);
        assert_code(&output, 0);
        let text = stderr(&output);
        let warning = format!("run `chmod 600 {config}`");
        assert_eq!(text.contains(&warning), warned, "mode {mode:o}: {text}");
        if warned {
            assert!(
                text.contains(&format!("config file {config} holds client_secret")),
                "{text}"
            );
        }
    }
    // A config file without a secret may be world-readable.
    let config = dir.path().join("plain.toml");
    std::fs::write(&config, "pace_requests = false\n").expect("write");
    let mut args = vec![
        "fetch".to_owned(),
        "--db".to_owned(),
        db,
        "--config".to_owned(),
        config.display().to_string(),
    ];
    args.extend(sim.url_flags());
    let output = zi(&args, &sim.env());
    assert_code(&output, 0);
    assert!(!stderr(&output).contains("chmod"), "{}", stderr(&output));
}

#[test]
fn the_secret_is_no_flag() {
    let output = zi(&["fetch", "--client-secret", SECRET], &[]);
    assert_code(&output, 2);
    assert!(stderr(&output).contains("unexpected argument '--client-secret'"));
    let help = zi(
        &["fetch", "--help"],
        &[("ZOOM_CLIENT_SECRET", SECRET.to_owned())],
    );
    assert_code(&help, 0);
    assert!(
        !stdout(&help).contains("--client-secret "),
        "{}",
        stdout(&help)
    );
    assert!(stdout(&help).contains("--client-secret-file"));
    assert_absent(&help.stdout, "help", &SimConfig::default());
}
