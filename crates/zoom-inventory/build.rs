//! What `--version` says besides the version: the git commit the binary was built from and the
//! date it was built.
//!
//! The commit is `git rev-parse`'s, `unknown` where there is no git (a source archive); the
//! date is `SOURCE_DATE_EPOCH`'s when it is set (reproducible builds: `cargo xtask dist` sets
//! it to the commit's time), else today's (UTC). The script runs again when HEAD moves or
//! `SOURCE_DATE_EPOCH` changes, not on every build.

#![allow(
    clippy::print_stdout,
    reason = "cargo reads a build script's instructions from its stdout"
)]

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    for watched in watched_git_files() {
        println!("cargo:rerun-if-changed={watched}");
    }
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|text| text.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |since| i64::try_from(since.as_secs()).unwrap_or(0))
        });
    println!("cargo:rustc-env=ZOOM_INVENTORY_COMMIT={commit}");
    println!(
        "cargo:rustc-env=ZOOM_INVENTORY_BUILD_DATE={}",
        utc_date(seconds)
    );
}

/// A git command's trimmed output, `None` without git or outside a repository.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_owned())
}

/// The files whose change moves HEAD: HEAD itself, the branch it names, and the packed refs.
/// Only files that exist: cargo runs a script again whenever a watched file is missing.
fn watched_git_files() -> Vec<String> {
    let mut paths = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        paths.push(branch);
    }
    paths
        .iter()
        .filter_map(|path| git(&["rev-parse", "--path-format=absolute", "--git-path", path]))
        .filter(|path| std::path::Path::new(path).exists())
        .collect()
}

/// `YYYY-MM-DD` of a Unix time, in UTC (Howard Hinnant's days-to-civil algorithm).
fn utc_date(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
