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
