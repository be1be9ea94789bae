//! Chromium and chromedriver for the browser tests (zoom-portal's end-to-end tests drive real
//! headless Chromium). When either is missing from `PATH`, they are installed from Debian
//! (`apt-get install -y chromium chromium-driver`, one command so that their versions match),
//! as root or through `sudo`. When that is impossible this fails: a browser test never skips
//! because something is absent.

use std::process::Command;

use anyhow::{Context as _, bail};

const PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];
const BINARIES: [&str; 2] = ["chromium", "chromedriver"];

/// Makes sure `chromium` and `chromedriver` are on `PATH`, installing them if needed.
pub(crate) fn ensure() -> anyhow::Result<()> {
    let missing = missing_binaries();
    if missing.is_empty() {
        return Ok(());
    }
    crate::say(&format!(
        "{} missing: installing {} (the web portal is read with them)",
        missing.join(" and "),
        PACKAGES.join(" ")
    ));
    if apt(&["install", "-y"]).is_err() {
        // A fresh machine may have no package lists yet.
        apt(&["update"])?;
        apt(&["install", "-y"])?;
    }
    let missing = missing_binaries();
    if !missing.is_empty() {
        bail!(
            "{} still missing from PATH after installing {}",
            missing.join(" and "),
            PACKAGES.join(" ")
        );
    }
    Ok(())
}

fn missing_binaries() -> Vec<&'static str> {
    BINARIES.into_iter().filter(|b| !on_path(b)).collect()
}

fn on_path(binary: &str) -> bool {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .any(|dir| dir.join(binary).is_file())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// `apt-get ARGS [packages]` as root, or through `sudo -n` otherwise.
fn apt(args: &[&str]) -> anyhow::Result<()> {
    let packages: &[&str] = if args.first() == Some(&"install") {
        &PACKAGES
    } else {
        &[]
    };
    let mut command = if is_root() {
        Command::new("apt-get")
    } else if on_path("sudo") {
        let mut sudo = Command::new("sudo");
        sudo.args(["-n", "apt-get"]);
        sudo
    } else {
        bail!(
            "not root and no sudo: install them yourself with `apt-get install -y {}`",
            PACKAGES.join(" ")
        );
    };
    command
        .args(args)
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive");
    crate::say(&format!(
        "$ apt-get {} {}",
        args.join(" "),
        packages.join(" ")
    ));
    let status = command.status().context("cannot run apt-get")?;
    if !status.success() {
        bail!(
            "apt-get {} failed ({status}): install them with `apt-get install -y {}`",
            args.join(" "),
            PACKAGES.join(" ")
        );
    }
    Ok(())
}
