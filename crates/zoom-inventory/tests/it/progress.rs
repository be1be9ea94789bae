//! The progress of a fetch on stderr: bars on a terminal (a pseudo-terminal from `script`),
//! plain lines when stderr is a pipe, nothing with `--quiet`; a line of totals at the end.

use std::process::Command;

use crate::support::{Sim, assert_code, stderr, stdout, zi};

fn fetch_args(sim: &Sim, db: &std::path::Path) -> Vec<String> {
    let mut args = vec![
        "fetch".to_owned(),
        "--db".to_owned(),
        db.display().to_string(),
    ];
    args.extend(sim.url_flags());
    args
}

/// The totals line: `fetched with N requests in T (W in rate-limit waits, ...)`, N > 0.
fn assert_totals(line: &str) {
    let rest = line
        .strip_prefix("fetched with ")
        .unwrap_or_else(|| panic!("not a totals line: {line:?}"));
    let (requests, rest) = rest.split_once(" requests in ").expect(line);
    assert!(requests.parse::<u64>().expect(line) > 0, "{line}");
    assert!(rest.contains(" in rate-limit waits"), "{line}");
}

#[test]
fn a_pipe_gets_plain_lines_and_the_totals_and_quiet_gets_nothing() {
    let sim = Sim::with_users(40);
    let dir = tempfile::tempdir().expect("temp dir");
    let output = zi(&fetch_args(&sim, &dir.path().join("a.db")), &sim.env());
    assert_code(&output, 0);
    let text = stderr(&output);
    assert!(!text.contains('\u{1b}'), "no terminal escapes: {text:?}");
    // The requests line comes every 10 s (from 10 s on: `progress.rs` tests the period); a
    // fetch this short prints the totals alone.
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert_totals(lines[0]);
    assert!(
        stdout(&output).starts_with("run 1 complete"),
        "data stays on stdout"
    );

    let mut quiet = vec!["--quiet".to_owned()];
    quiet.extend(fetch_args(&sim, &dir.path().join("b.db")));
    let output = zi(&quiet, &sim.env());
    assert_code(&output, 0);
    assert_eq!(stderr(&output), "", "--quiet prints no progress");
}

#[test]
fn a_terminal_gets_bars_then_the_totals() {
    let sim = Sim::with_users(40);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command_line = vec![env!("CARGO_BIN_EXE_zoom-inventory").to_owned()];
    command_line.extend(fetch_args(&sim, &dir.path().join("a.db")));
    // `script` runs the command on a pseudo-terminal (stdin, stdout and stderr all on it) and
    // copies what it wrote to its own stdout.
    let mut script = Command::new("script");
    script
        .args(["--quiet", "--return", "--command"])
        .arg(command_line.join(" "))
        .arg("/dev/null")
        .env("RUST_BACKTRACE", "0")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("TERM", "xterm")
        .env_remove("RUST_LOG");
    for (key, value) in sim.env() {
        script.env(key, value);
    }
    let output = script.output().expect("util-linux `script` runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains('\u{1b}'),
        "bars are redrawn in place: {text:?}"
    );
    assert!(text.contains("users/active"), "a bar per source: {text:?}");
    assert!(text.contains(" made, "), "the requests bar: {text:?}");
    let totals = text
        .split(['\r', '\n', '\u{1b}'])
        .find(|part| part.contains("fetched with "))
        .unwrap_or_else(|| panic!("no totals line: {text:?}"));
    let start = totals.find("fetched with ").expect("found");
    assert_totals(totals[start..].trim_end());
}
