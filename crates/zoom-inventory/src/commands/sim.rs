//! `sim`: serves a simulated Zoom account until Ctrl-C and prints the settings that point a fetch
//! at it. Built with the `simulator` feature only.

use std::io::Write;
use std::time::Duration;

use anyhow::Context as _;
use zoom_sim::{FaultPlan, Plan, PortalMarkup, RateLimits, SimConfig, Simulator};

use crate::cli::SimArgs;
use crate::exit::{Outcome, UsageError};

/// Serves the simulated account until Ctrl-C, after printing how to point a fetch at it.
pub(crate) async fn run(args: SimArgs) -> anyhow::Result<Outcome> {
    let plan: Plan = args.plan.parse().map_err(|_| {
        UsageError(format!(
            "unknown plan {:?}: expected free, pro or business",
            args.plan
        ))
    })?;
    let faults = match &args.faults {
        Some(spec) => {
            FaultPlan::parse(spec).map_err(|error| UsageError(format!("--faults: {error}")))?
        }
        None => FaultPlan::none(),
    };
    let portal_markup = PortalMarkup::parse(&args.portal_markup).ok_or_else(|| {
        UsageError(format!(
            "unknown portal markup {:?}: expected a or b",
            args.portal_markup
        ))
    })?;
    let config = SimConfig {
        portal_markup,
        seed: args.seed,
        users: args.users,
        plan,
        token_ttl: Duration::from_secs(args.token_ttl),
        rate_limits: args.rate_limits.then(|| RateLimits::zoom(plan)),
        faults,
        ..SimConfig::default()
    };
    let sim = Simulator::start_on(config, args.listen)
        .await
        .with_context(|| format!("cannot start the simulator on {}", args.listen))?;
    let config = sim.config();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "simulated Zoom account: {} users, {} plan",
        config.users, config.plan
    )?;
    writeln!(out, "export ZOOM_API_URL={}", sim.api_url())?;
    writeln!(out, "export ZOOM_OAUTH_URL={}", sim.oauth_url())?;
    writeln!(out, "export ZOOM_ACCOUNT_ID={}", config.account_id)?;
    writeln!(out, "export ZOOM_CLIENT_ID={}", config.client_id)?;
    writeln!(out, "export ZOOM_CLIENT_SECRET={}", config.client_secret)?;
    writeln!(out, "# press Ctrl-C to stop")?;
    out.flush()?;
    drop(out);
    tokio::signal::ctrl_c()
        .await
        .context("cannot wait for Ctrl-C")?;
    sim.shutdown().await;
    Ok(Outcome::Success)
}
