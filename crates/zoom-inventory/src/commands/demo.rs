//! `demo`: starts a simulated Zoom account on loopback, fetches all of it into the database and
//! prints what was stored. Built with the `simulator` feature only.

use std::io::Write;

use anyhow::Context as _;
use zoom_collector::{FetchOverrides, Overrides, SaasOverrides, Settings};
use zoom_sim::{Plan, RateLimits, SimConfig, Simulator};

use super::fetch::{fetch_with_progress, outcome, print_summary};
use crate::cli::DemoArgs;
use crate::exit::Outcome;

/// Starts the simulator on loopback, fetches everything it serves (users of all three
/// statuses, devices of every type, activities), and prints what was stored.
pub(crate) async fn run(args: DemoArgs, quiet: bool) -> anyhow::Result<Outcome> {
    // A Business account with Zoom's rate limits: the fetch paces itself as it would for real.
    let config = SimConfig {
        seed: args.seed,
        users: args.users,
        plan: Plan::Business,
        rate_limits: Some(RateLimits::zoom(Plan::Business)),
        ..SimConfig::default()
    };
    let sim = Simulator::start(config)
        .await
        .context("cannot start the simulated Zoom account")?;
    let sim_config = sim.config();
    let portal = if args.no_portal {
        None
    } else if let Some(missing) = missing_browser() {
        #[allow(clippy::print_stderr, reason = "a note beside the progress display")]
        {
            eprintln!(
                "note: the web-portal part is skipped: {missing} is not installed (`apt-get install -y chromium chromium-driver`; `--no-portal` skips it without this note)"
            );
        }
        None
    } else {
        let user = sim.account().saas.portal_user.clone();
        Some(SaasOverrides {
            enabled: Some(true),
            portal_url: Some(sim.portal_url()),
            username: Some(user.email),
            password: Some(user.password.into()),
            mfa_secret: Some(user.mfa_secret.into()),
            ..SaasOverrides::default()
        })
    };
    let overrides = Overrides {
        api_url: Some(sim.api_url()),
        oauth_url: Some(sim.oauth_url()),
        account_id: Some(sim_config.account_id.clone()),
        client_id: Some(sim_config.client_id.clone()),
        client_secret: Some(sim_config.client_secret.clone().into()),
        fetch: FetchOverrides {
            fetch_inactive_users: Some(true),
            fetch_pending_users: Some(true),
            activity_logs: Some(true),
            ..FetchOverrides::default()
        },
        saas: portal.unwrap_or_default(),
        ..Overrides::default()
    };
    let settings = Settings::resolve(Overrides::default(), overrides)?;
    let report = fetch_with_progress(
        &settings,
        &args.db.db,
        zoom_collector::FetchOptions::default(),
        quiet,
    )
    .await?;
    sim.shutdown().await;

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "fetched a simulated Zoom account ({} users, seed {})",
        args.users, args.seed
    )?;
    drop(out);
    print_summary(&report, &args.db.db)?;
    let db = args.db.db.display();
    let mut out = std::io::stdout().lock();
    writeln!(out, "\nnext:")?;
    writeln!(out, "  zoom-inventory list users --db {db}")?;
    writeln!(out, "  zoom-inventory export --format ndjson --db {db}")?;
    writeln!(out, "  zoom-inventory runs --db {db}")?;
    writeln!(out, "  zoom-inventory posture --db {db}")?;
    Ok(outcome(&report))
}

/// The first of Chromium and chromedriver not found on `PATH`, if one is missing.
fn missing_browser() -> Option<&'static str> {
    let on_path = |name: &str| {
        std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(name).is_file()))
    };
    if !on_path("chromedriver") {
        Some("chromedriver")
    } else if !["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .any(|name| on_path(name))
    {
        Some("Chromium")
    } else {
        None
    }
}
