//! `cargo xtask fuzz [--seconds N] [TARGET...]`: runs each `cargo fuzz` target of `fuzz/` (arbitrary
//! bytes through one `inventory_model` normalizer) for a bounded time on the nightly toolchain,
//! seeded from `fixtures/`, and reports runs per target. Installs cargo-fuzz when missing.

use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, bail};

/// Every target in `fuzz/Cargo.toml`.
const TARGETS: [&str; 10] = [
    "user",
    "h323",
    "zoom_room",
    "room_device",
    "zdm",
    "meeting_participants",
    "sign_in_activity",
    "operation_log",
    "saas",
    "portal_extract",
];

/// Seconds per target unless `--seconds` says otherwise.
const DEFAULT_SECONDS: u64 = 60;

pub(crate) fn run(args: &[String]) -> anyhow::Result<()> {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets: Vec<&str> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                let text = args.next().context("--seconds needs a number")?;
                seconds = text
                    .parse()
                    .with_context(|| format!("--seconds {text:?} is not a number"))?;
            }
            name => match TARGETS.iter().find(|target| **target == name) {
                Some(target) => targets.push(target),
                None => bail!(
                    "unknown fuzz target or option {name:?}: expected --seconds N or some of {}",
                    TARGETS.join(", ")
                ),
            },
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    if seconds == 0 {
        bail!("--seconds must be at least 1");
    }

    ensure_cargo_fuzz()?;
    seed_corpora().context("cannot seed the corpora from fixtures/")?;

    let mut report = Vec::new();
    let mut failed = Vec::new();
    for target in &targets {
        crate::say(&format!("fuzz: {target} for {seconds} s"));
        let output = Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target, "--"])
            .arg(format!("-max_total_time={seconds}"))
            .arg("-timeout=10")
            .output()
            .context("cannot run cargo +nightly fuzz (is the nightly toolchain installed?)")?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        let runs = stderr.lines().rev().find_map(|line| {
            line.strip_prefix("Done ")?
                .split_whitespace()
                .next()?
                .parse::<u64>()
                .ok()
        });
        let result = if output.status.success() {
            "ok".to_owned()
        } else {
            failed.push(*target);
            let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
            crate::say(&tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
            format!("FAILED ({}); see fuzz/artifacts/{target}/", output.status)
        };
        let line = match runs {
            Some(runs) => format!(
                "{target:<22} {runs:>12} runs  {:>9} runs/s  {result}",
                runs / seconds
            ),
            None => format!("{target:<22} {:>12}       {:>9}         {result}", "?", "?"),
        };
        crate::say(&line);
        report.push(line);
    }
    crate::say(&format!("fuzz summary ({seconds} s per target):"));
    for line in &report {
        crate::say(&format!("  {line}"));
    }
    if !failed.is_empty() {
        bail!("fuzz targets failed: {}", failed.join(", "));
    }
    Ok(())
}

fn ensure_cargo_fuzz() -> anyhow::Result<()> {
    let installed = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if installed {
        return Ok(());
    }
    crate::say("installing cargo-fuzz from crates.io");
    let status = Command::new("cargo")
        .args(["install", "cargo-fuzz", "--locked"])
        .status()
        .context("cannot run cargo install")?;
    if !status.success() {
        bail!("cargo install cargo-fuzz failed ({status})");
    }
    Ok(())
}

/// Writes the fixtures' items as seed inputs into `fuzz/corpus/<target>/` (kept across runs,
/// ignored by git), so that the fuzzer starts from Zoom's real shapes.
fn seed_corpora() -> anyhow::Result<()> {
    let mut seeds: Vec<(&str, String, Vec<u8>)> = Vec::new();
    for entry in std::fs::read_dir("fixtures/users")? {
        let path = entry?.path();
        seeds.push(("user", file_name(&path), std::fs::read(&path)?));
    }
    for dir in ["fixtures/devices", "fixtures/activities"] {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let fixture: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)
                .with_context(|| format!("{} is not JSON", path.display()))?;
            let target = match fixture["normalizer"].as_str().unwrap_or_default() {
                "h323" => "h323",
                "zoom_room" | "calendar_room" => "zoom_room",
                "zoom_room_device" => "room_device",
                "zdm" => "zdm",
                "meeting_device" => "meeting_participants",
                "sign_in_out" => "sign_in_activity",
                "operation" => "operation_log",
                _ => continue,
            };
            let items = fixture["items"].as_array().cloned().unwrap_or_default();
            if target == "meeting_participants" {
                seeds.push((target, file_name(&path), serde_json::to_vec(&items)?));
            } else {
                for (index, item) in items.iter().enumerate() {
                    let name = format!("{}-{index}", file_name(&path));
                    seeds.push((target, name, serde_json::to_vec(item)?));
                }
            }
        }
    }
    // Portal pages: the page's index in the portal map, then its filled HTML.
    const PAGE_ORDER: [&str; 8] = [
        "profile",
        "billing",
        "security",
        "sso",
        "roles",
        "groups",
        "users",
        "integrations",
    ];
    for entry in std::fs::read_dir("fixtures/portal")? {
        let path = entry?.path();
        let name = file_name(&path);
        if let Some(index) = PAGE_ORDER.iter().position(|page| *page == name) {
            let mut bytes = vec![u8::try_from(index).unwrap_or(0)];
            bytes.extend(std::fs::read(&path)?);
            seeds.push(("portal_extract", name, bytes));
        }
    }
    // The SaaS side: one input holding each part, in Zoom's shapes.
    seeds.push((
        "saas",
        "account".to_owned(),
        serde_json::to_vec(&serde_json::json!({
            "settings": {"security": {"sign_in_with_two_factor_auth": "role",
                "sign_in_with_two_factor_auth_roles": ["1"],
                "signin_with_sso": {"enable": true, "domains": ["example.com"]},
                "password_requirement": {"minimum_password_length": 10}},
                "recording": {"auto_delete_cmr": true, "auto_delete_cmr_days": 30}},
            "meeting_security": {"meeting_security": {"waiting_room": true}},
            "lock_settings": {"recording": {"auto_delete_cmr": true}},
            "users_summary": {"licensed_users_count": 5},
            "plan_usage": {"plan_base": {"type": "yearly", "hosts": 8, "usage": 5}},
            "plans": {"plan_base": {"type": "yearly", "next_invoice_date": "2027-01-01"}},
            "managed_domains": [{"domain": "example.com", "status": "verified"}],
            "role": {"id": "1", "name": "Admin", "total_members": 2},
            "role_details": {"id": "1", "privileges": ["Users:Edit"]},
            "group": {"id": "g1", "name": "Sales", "total_members": 3},
            "app": {"app_id": "a1", "app_name": "Polls", "app_developer_type": "THIRD_PARTY",
                "scopes": [{"scope_name": "View all users' meetings"}]},
            "app_details": {"app_id": "a1", "app_scopes": ["meeting:read:admin"]},
            "portal": {"billing": {"plan_name": "Business", "seats_purchased": 8,
                "seats_assigned": 5, "renewal_date": "2027-01-01", "amount_cents": 100,
                "currency": "USD", "cycle": "annual"}},
        }))?,
    ));
    for (target, name, bytes) in seeds {
        let dir = Path::new("fuzz/corpus").join(target);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("seed-{name}")), bytes)?;
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}
