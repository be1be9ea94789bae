//! `cargo xtask soak [--iterations N] [--seed N]`: the kill test of `zoom-inventory`
//! (`crates/zoom-inventory/tests/it/kill.rs`) with many more kills than the normal test run,
//! then its summary.

use std::process::Command;
use std::time::Instant;

use anyhow::{Context as _, bail};

/// Kills in a soak unless `--iterations` says otherwise.
const DEFAULT_ITERATIONS: u64 = 200;

pub(crate) fn run(args: &[String]) -> anyhow::Result<()> {
    let mut iterations = DEFAULT_ITERATIONS;
    let mut seed = 7_u64;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> anyhow::Result<u64> {
            let text = args
                .next()
                .with_context(|| format!("{name} needs a number"))?;
            text.parse()
                .with_context(|| format!("{name} {text:?} is not a number"))
        };
        match arg.as_str() {
            "--iterations" => iterations = value("--iterations")?,
            "--seed" => seed = value("--seed")?,
            other => bail!("unknown soak option {other:?}: expected --iterations N or --seed N"),
        }
    }
    if iterations == 0 {
        bail!("--iterations must be at least 1");
    }

    crate::say(&format!(
        "soak: {iterations} kill -9s of fetch at seeded random moments (seed {seed})"
    ));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let started = Instant::now();
    let output = Command::new(cargo)
        .args([
            "test",
            "--package",
            "zoom-inventory",
            "--test",
            "it",
            "--",
            "kill::",
            "--nocapture",
        ])
        .env("ZOOM_INVENTORY_KILLS", iterations.to_string())
        .env("ZOOM_INVENTORY_KILL_SEED", seed.to_string())
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("RUST_BACKTRACE", "0")
        .output()
        .context("cannot run cargo test")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let summary = stderr.lines().find(|line| line.starts_with("kill soak:"));
    if !output.status.success() || summary.is_none() {
        crate::say(&stdout);
        crate::say(&stderr);
        bail!(
            "soak failed after {:.0} s ({})",
            started.elapsed().as_secs_f64(),
            output.status
        );
    }
    crate::say(summary.unwrap_or_default());
    crate::say(&format!(
        "soak passed: {iterations} kills, {:.0} s in all (build included)",
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}
