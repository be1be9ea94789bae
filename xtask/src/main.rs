//! `cargo xtask`: the one entry point for automation.
//!
//! - `cargo xtask ci`: what CI runs: format check, clippy with warnings denied, `cargo check` of
//!   each feature-gated half of a crate alone ([`FEATURE_HALVES`]), the docs with rustdoc's
//!   warnings denied, every test with snapshots checked (never written), then `cargo install`
//!   of the CLI into a temporary root and `dist` of that build, each checked (`dist.rs`).
//!   The tests include the tidy rules of `tidy.rs`: layering, banned crates, licences, module
//!   docs.
//! - `cargo xtask dist [--profile NAME] [--out-dir DIR]`: the release archive of the host target
//!   (binary, completions, manual pages, README, licence), reproducible (`dist.rs`).
//!   `cargo xtask dist --check` runs CI's install and packaging checks alone.
//! - `cargo xtask test`: every test of the workspace.
//! - `cargo xtask demo [ARGS]`: install Chromium and chromedriver when missing, then run
//!   `zoom-inventory demo ARGS` (release build): the README's first command.
//! - `cargo xtask snapshots`: run the tests writing new snapshots, then list them for review.
//! - `cargo xtask bench [ARGS]`: build in release and run `zoom-bench` (`tests/bench/main.rs`):
//!   a fetch under Zoom's Business limits against its rate-limit floor, and unthrottled
//!   throughput and peak memory on a large account. Prints `name value` lines and writes
//!   `target/bench/results.json`. `cargo xtask bench --peers` times tap-zoom and Airbyte's
//!   source-zoom against zoom-inventory instead (`peers.rs`, `tests/bench/peers.rs`).
//! - `cargo xtask soak [--iterations N] [--seed N]`: `kill -9` of `fetch` at N seeded random
//!   moments (default 200), each followed by integrity and recovery checks (`soak.rs`).
//! - `cargo xtask fuzz [--seconds N] [TARGET...]`: each `cargo fuzz` target of `fuzz/` for N
//!   seconds (default 60) on nightly, then runs per target (`fuzz.rs`).

mod browser;
mod dist;
mod fuzz;
mod peers;
mod soak;
#[cfg(test)]
mod spdx;
mod tidy;

use std::process::{Command, ExitCode};

use anyhow::{Context as _, bail};

fn main() -> ExitCode {
    match run(&std::env::args().skip(1).collect::<Vec<_>>()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            #[allow(clippy::print_stderr, reason = "xtask reports on the terminal")]
            {
                eprintln!("xtask: {error:#}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> anyhow::Result<()> {
    let task = args.first().map(String::as_str).unwrap_or("help");
    match task {
        "ci" => {
            cargo(&["fmt", "--all", "--check"])?;
            cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])?;
            for half in FEATURE_HALVES {
                let mut check = vec!["check"];
                check.extend_from_slice(half);
                cargo(&check)?;
            }
            cargo_env(
                &["doc", "--workspace", "--no-deps"],
                &[("RUSTDOCFLAGS", "-D warnings")],
            )?;
            test()?;
            dist::check()
        }
        "dist" => dist::run(&args[1..]),
        "test" => test(),
        "demo" => {
            // The demo reads the simulated web portal too, with Chromium when it can be had;
            // without it the demo runs all the same and says what it skipped.
            if let Err(error) = browser::ensure() {
                say(&format!(
                    "xtask: cannot install Chromium ({error:#}); the demo runs without the web portal"
                ));
            }
            let mut run = vec!["run", "--release", "-p", "zoom-inventory", "--", "demo"];
            run.extend(args[1..].iter().map(String::as_str));
            cargo(&run)
        }
        "snapshots" => {
            cargo_env(&["test", "--workspace"], &[("INSTA_UPDATE", "always")])?;
            let status = Command::new("git")
                .args(["status", "--short", "--", "*.snap"])
                .status()
                .context("cannot run git")?;
            if !status.success() {
                bail!("git status failed");
            }
            say("review every changed .snap above before committing it");
            Ok(())
        }
        "bench" => {
            cargo(&[
                "build",
                "--release",
                "--package",
                "zoom-inventory",
                "--package",
                "end-to-end",
                "--bins",
            ])?;
            let status = Command::new("target/release/zoom-bench")
                .args(["--bin", "target/release/zoom-inventory"])
                .args(peers::bench_args(&args[1..])?)
                .status()
                .context("cannot run target/release/zoom-bench")?;
            if !status.success() {
                bail!("zoom-bench failed ({status})");
            }
            Ok(())
        }
        "soak" => soak::run(&args[1..]),
        "fuzz" => fuzz::run(&args[1..]),
        "help" | "--help" | "-h" => {
            say(
                "usage: cargo xtask <ci | test | demo [ARGS] | snapshots | bench [--throttled-users N] [--unthrottled-users N] [--unthrottled-devices N] | bench --peers [--users N] [--rounds N]>",
            );
            say("       cargo xtask dist [--profile NAME] [--out-dir DIR] | dist --check");
            say("       cargo xtask soak [--iterations N] [--seed N]");
            say("       cargo xtask fuzz [--seconds N] [TARGET...]");
            Ok(())
        }
        other => {
            bail!(
                "unknown task {other:?}: expected ci, test, demo, snapshots, bench, dist, soak or fuzz"
            )
        }
    }
}

/// The feature-gated halves of crates, each checked alone by `cargo xtask ci`: a workspace build
/// unifies features (zoom-api always gets `client` there, from zoom-collector), so without this
/// a change could break what inventory-model compiles and no other step would notice. One entry
/// per combination (the arguments after `cargo check`); a crate's `[features]` says which exist.
const FEATURE_HALVES: &[&[&str]] = &[
    // Zoom's wire types without the HTTP client: what inventory-model uses.
    &["--package", "zoom-api", "--no-default-features"],
    // The portal's facts alone: what inventory-model uses.
    &["--package", "zoom-portal", "--no-default-features"],
    // The pure extraction from page HTML, without the browser (`drive`).
    &[
        "--package",
        "zoom-portal",
        "--no-default-features",
        "--features",
        "extract",
    ],
    // The CLI without the simulator: what `cargo install --no-default-features` builds.
    &["--package", "zoom-inventory", "--no-default-features"],
];

/// Every test of the workspace, snapshots checked and never written, local servers reached
/// directly even when a proxy is configured.
fn test() -> anyhow::Result<()> {
    browser::ensure()?;
    cargo_env(
        &["test", "--workspace", "--all-targets"],
        &[
            ("INSTA_UPDATE", "no"),
            ("NO_PROXY", "127.0.0.1,localhost"),
            ("RUST_BACKTRACE", "0"),
        ],
    )
}

pub(crate) fn cargo(args: &[&str]) -> anyhow::Result<()> {
    cargo_env(args, &[])
}

pub(crate) fn cargo_env(args: &[&str], env: &[(&str, &str)]) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    say(&format!("$ cargo {}", args.join(" ")));
    let mut command = Command::new(cargo);
    // `cargo run` gave xtask the variables of its own package; ring's build script watches
    // CARGO_MANIFEST_DIR, so passing them on would make every cargo run from here rebuild ring
    // and all above it, then the next plain `cargo build` rebuild them back.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PKG_")
            || matches!(
                &*name,
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
            )
        {
            command.env_remove(&*name);
        }
    }
    let status = command
        .args(args)
        .envs(env.iter().copied())
        .status()
        .with_context(|| format!("cannot run cargo {}", args.join(" ")))?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(())
}

pub(crate) fn say(text: &str) {
    #[allow(clippy::print_stderr, reason = "xtask reports on the terminal")]
    {
        eprintln!("{text}");
    }
}
