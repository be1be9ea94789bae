//! Every output format of `list`, `runs`, `diff`, `check` and `posture`, and `export`'s OCSF,
//! pinned by snapshots,
//! over a seeded simulated account fetched twice with changes in between. The account's clock
//! is fixed, and so are the runs' times and their settings digest in the database (see
//! [`pin_run_times`]), so that every table keeps its widths from one test run to the next.

use std::path::Path;

use zoom_sim::SimConfig;

use crate::support::{Sim, assert_code, runs, stdout, zi};

/// The simulated account's "now": its users, devices and settings are the same whatever the day
/// the test runs.
const ACCOUNT_NOW: &str = "2026-01-05T00:00:00Z";

/// Gives run N the times of 09:00 on January N + 5 (after the account's "now"), each asset its
/// runs' times, and every run the same settings digest: the digest covers the API URL, whose
/// port is the simulator's, new on every test run.
fn pin_run_times(db: &Path) {
    let connection = rusqlite::Connection::open(db).expect("the database opens");
    connection
        .execute_batch(
            "UPDATE runs SET started_at = printf('2026-01-%02dT09:00:00.000Z', id + 5),
                             finished_at = printf('2026-01-%02dT09:00:02.500Z', id + 5),
                             settings_digest = '5e771265d16e5700';
             UPDATE assets SET
                 first_seen = (SELECT started_at FROM runs WHERE runs.id = first_seen_run),
                 last_seen = (SELECT started_at FROM runs WHERE runs.id = last_seen_run);",
        )
        .expect("the runs' times are pinned");
}

/// Runs the binary, expecting success, and returns what it printed.
fn printed(args: &[&str], env: &[(&str, String)]) -> String {
    let output = zi(args, env);
    assert_code(&output, 0);
    stdout(&output)
}

#[test]
fn every_format_of_every_report() {
    let sim = Sim::start(SimConfig {
        users: 12,
        now: ACCOUNT_NOW.parse().expect("a timestamp"),
        ..SimConfig::default()
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let urls = sim.url_flags();
    let with_urls = |args: &[&str]| -> Vec<String> {
        let mut all: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
        all.extend(urls.iter().cloned());
        all
    };
    let fetch = with_urls(&["fetch", "--db", db_arg]);
    assert_code(&zi(&fetch, &sim.env()), 0);
    sim.sim.edit(|account| {
        let members: Vec<usize> = (0..account.users.len())
            .filter(|&index| account.users[index].role_id == "2")
            .collect();
        let promoted = &mut account.users[members[0]];
        promoted.job_title = Some("Head of Security".to_owned());
        promoted.dept = Some("Security".to_owned());
        account.users.remove(members[1]);
    });
    assert_code(&zi(&fetch, &sim.env()), 0);
    let digests: Vec<_> = runs(&db)
        .iter()
        .map(|run| run["settings_digest"].clone())
        .collect();
    assert_eq!(digests.len(), 2);
    assert_eq!(digests[0], digests[1], "both runs had the same settings");
    pin_run_times(&db);

    for format in ["table", "json", "ndjson", "csv"] {
        let text = printed(&["list", "users", "--format", format, "--db", db_arg], &[]);
        insta::assert_snapshot!(format!("list_users_{format}"), text);
    }
    // Kinds also in the singular, values in any case; every user fetched is active.
    assert_eq!(
        printed(
            &[
                "list", "user", "--status", "ACTIVE", "-f", "ndjson", "--db", db_arg
            ],
            &[]
        ),
        printed(&["list", "users", "-f", "ndjson", "--db", db_arg], &[]),
    );
    for format in ["table", "json", "ndjson"] {
        let text = printed(&["runs", "--format", format, "--db", db_arg], &[]);
        insta::assert_snapshot!(format!("runs_{format}"), text);
        let text = printed(&["diff", "--format", format, "--db", db_arg], &[]);
        insta::assert_snapshot!(format!("diff_{format}"), text);
        let check = with_urls(&["check", "--format", format]);
        let text = printed(
            &check.iter().map(String::as_str).collect::<Vec<_>>(),
            &sim.env(),
        );
        insta::assert_snapshot!(format!("check_{format}"), text);
    }
    for format in ["table", "json", "sarif", "ocsf"] {
        let text = printed(&["posture", "--format", format, "--db", db_arg], &[]);
        insta::assert_snapshot!(format!("posture_{format}"), text);
    }
    let text = printed(
        &[
            "export", "--format", "ocsf", "--kind", "user", "--db", db_arg,
        ],
        &[],
    );
    insta::assert_snapshot!("export_users_ocsf", text);
}
