//! `cargo xtask bench --peers`: the two open Zoom connectors, installed from PyPI at pinned
//! versions into throwaway virtual environments under `target/bench/peers/`, for `zoom-bench`
//! to time against zoom-inventory (`tests/bench/peers.rs`).
//!
//! Each peer gets its own environment: tap-zoom's `singer-python` pins `jsonschema` 2.6.0 and
//! airbyte-cdk 0.67 needs `jsonschema` 3.2, so pip cannot install both into one. An environment
//! that already holds the pinned version is reused.
//!
//! tap-zoom runs on `python3`. source-zoom needs Python 3.9 or 3.10: it declares `<3.12`, and
//! the airbyte-cdk 0.67 it pins fails to import on 3.11 (a dataclass field with an unhashable
//! default, which 3.11 refuses). `AIRBYTE_PYTHON` names one; else `python3.10`, `python3.9`,
//! then pyenv's installed versions are tried.
//!
//! The one change made to an installed package: Airbyte's API base is a literal in
//! `source_zoom/manifest.yaml`; its line is rewritten to read the base from the connector's
//! config (`api_url`), so the simulator's address (a new port every run) goes in the config
//! like the token URL (`authorization_endpoint`) already does.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};

/// Where the environments live.
const DIR: &str = "target/bench/peers";

/// A peer: its environment's folder name, the PyPI distribution, the pinned version and the
/// Python versions it runs on (`None`: any `python3`).
struct Peer {
    venv: &'static str,
    distribution: &'static str,
    version: &'static str,
    pythons: Option<&'static [&'static str]>,
}

const PEERS: [Peer; 2] = [
    Peer {
        venv: "tap-zoom",
        distribution: "tap-zoom",
        version: "2.1.1",
        pythons: None,
    },
    Peer {
        venv: "source-zoom",
        distribution: "airbyte-source-zoom",
        version: "1.1.22",
        pythons: Some(&["3.10", "3.9"]),
    },
];

/// The manifest line naming Zoom's API base, and what it becomes.
const AIRBYTE_URL_BASE: &str = r#"url_base: "https://api.zoom.us/v2""#;
const AIRBYTE_URL_BASE_FROM_CONFIG: &str = r#"url_base: "{{ config['api_url'] }}""#;

/// The arguments for `zoom-bench`: with `--peers`, the peers are installed (or reused) and
/// `--peers` becomes `--peers DIR`; without it, the arguments unchanged.
pub(crate) fn bench_args(args: &[String]) -> anyhow::Result<Vec<String>> {
    if !args.iter().any(|arg| arg == "--peers") {
        return Ok(args.to_vec());
    }
    let not_installed = install()?;
    let mut out = vec!["--peers".to_owned(), DIR.to_owned()];
    for (peer, reason) in not_installed {
        out.push("--not-run".to_owned());
        out.push(format!("{peer}={reason}"));
    }
    out.extend(args.iter().filter(|arg| *arg != "--peers").cloned());
    Ok(out)
}

/// Installs (or reuses) each peer's environment. A peer whose Python version this machine does
/// not have is left out, with the reason, for the table to show it as not run; any other
/// failure (PyPI unreachable, a failed install) stops the bench.
fn install() -> anyhow::Result<Vec<(&'static str, String)>> {
    let mut not_installed = Vec::new();
    for peer in &PEERS {
        let venv = Path::new(DIR).join(peer.venv);
        let pinned = format!("{}=={}", peer.distribution, peer.version);
        if installed_version(&venv, peer.distribution).as_deref() == Some(peer.version) {
            super::say(&format!("reusing {pinned} in {}", venv.display()));
        } else {
            let python = match peer.pythons {
                None => PathBuf::from("python3"),
                Some(versions) => match python_of(versions) {
                    Ok(python) => python,
                    Err(missing) => {
                        super::say(&format!("not installing {pinned}: {missing}"));
                        not_installed.push((peer.venv, missing.to_string()));
                        continue;
                    }
                },
            };
            super::say(&format!("installing {pinned} into {}", venv.display()));
            if venv.exists() {
                std::fs::remove_dir_all(&venv)
                    .with_context(|| format!("cannot remove {}", venv.display()))?;
            }
            run(Command::new(&python).args(["-m", "venv"]).arg(&venv))?;
            run(Command::new(venv.join("bin/pip")).args([
                "install",
                "--quiet",
                "--disable-pip-version-check",
                &pinned,
            ]))?;
        }
    }
    if !not_installed.iter().any(|(venv, _)| *venv == "source-zoom") {
        patch_airbyte_manifest(&Path::new(DIR).join("source-zoom"))?;
    }
    Ok(not_installed)
}

/// An interpreter of one of `versions` ("3.10"): `AIRBYTE_PYTHON`, `pythonX.Y` on the path, or
/// one that pyenv has installed.
fn python_of(versions: &[&str]) -> anyhow::Result<PathBuf> {
    if let Some(python) = std::env::var_os("AIRBYTE_PYTHON") {
        return Ok(PathBuf::from(python));
    }
    for version in versions {
        let found = Command::new(format!("python{version}"))
            .args(["-c", "import sys; print(sys.executable)"])
            .output();
        if let Ok(output) = found
            && output.status.success()
        {
            return Ok(PathBuf::from(
                String::from_utf8_lossy(&output.stdout).trim(),
            ));
        }
    }
    let installed = Command::new("pyenv")
        .args(["versions", "--bare"])
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).into_owned())
        .unwrap_or_default();
    for version in versions {
        let prefix = format!("{version}.");
        if let Some(full) = installed
            .lines()
            .map(str::trim)
            .find(|v| v.starts_with(&prefix))
        {
            let root = Command::new("pyenv").args(["prefix", full]).output()?;
            let root = String::from_utf8_lossy(&root.stdout).trim().to_owned();
            return Ok(Path::new(&root)
                .join("bin")
                .join(format!("python{version}")));
        }
    }
    bail!(
        "source-zoom needs Python {}: install one or set AIRBYTE_PYTHON",
        versions.join(" or ")
    )
}

/// The installed version of `distribution` in `venv`, if the environment works at all.
fn installed_version(venv: &Path, distribution: &str) -> Option<String> {
    let output = Command::new(venv.join("bin/python"))
        .args([
            "-c",
            "import sys, importlib.metadata as m; print(m.version(sys.argv[1]))",
            distribution,
        ])
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn patch_airbyte_manifest(venv: &Path) -> anyhow::Result<()> {
    let manifest = site_packages(venv)?.join("source_zoom/manifest.yaml");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    if text.contains(AIRBYTE_URL_BASE_FROM_CONFIG) {
        return Ok(());
    }
    if text.matches(AIRBYTE_URL_BASE).count() != 1 {
        bail!(
            "{} does not name the API base once as {AIRBYTE_URL_BASE}",
            manifest.display()
        );
    }
    std::fs::write(
        &manifest,
        text.replace(AIRBYTE_URL_BASE, AIRBYTE_URL_BASE_FROM_CONFIG),
    )
    .with_context(|| format!("cannot write {}", manifest.display()))
}

/// `VENV/lib/pythonX.Y/site-packages`.
fn site_packages(venv: &Path) -> anyhow::Result<PathBuf> {
    let lib = venv.join("lib");
    for entry in
        std::fs::read_dir(&lib).with_context(|| format!("cannot list {}", lib.display()))?
    {
        let path = entry?.path().join("site-packages");
        if path.is_dir() {
            return Ok(path);
        }
    }
    bail!("no site-packages under {}", lib.display())
}

fn run(command: &mut Command) -> anyhow::Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed ({status})");
    }
    Ok(())
}
