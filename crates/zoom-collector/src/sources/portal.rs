//! The web portal: signs in (or reuses the stored session) in headless Chromium and reads what
//! the API does not give. Its failure (a wrong password, a locked user, no chromedriver) makes
//! the run partial; the API's records of the same run are stored all the same.

use zoom_portal::{PortalConfig, PortalFacts};

use super::{Context, SourceOutcome, SourceRun};

/// The scope (and source name) of the portal step.
pub(crate) const SCOPE: &str = "saas/portal";

/// Reads the portal, when the settings ask for it.
pub(crate) async fn read(
    context: &Context,
    config: &PortalConfig,
) -> (SourceOutcome, Option<PortalFacts>) {
    let mut run = SourceRun::events(context, SCOPE);
    let facts = match zoom_portal::collect(config).await {
        Ok(collected) => {
            tracing::info!(
                signed_in = collected.signed_in,
                "read the web portal ({})",
                if collected.signed_in {
                    "signed in"
                } else {
                    "reused the stored session"
                }
            );
            Some(collected.facts)
        }
        Err(error) => {
            run.fail(error).await;
            None
        }
    };
    (run.finish(), facts)
}
