//! One fetch, start to commit.

use std::path::Path;
use std::sync::Arc;

use futures_util::future::join_all;
use inventory_store::{RunEnd, RunInfo, RunOutcome, RunStart, RunStatus};
use jiff::Timestamp;
use secrecy::ExposeSecret;
use zoom_api::{Client, ClientConfig};

use crate::sources::{self, Context, SourceOutcome};
use crate::writer::RunSink;
use crate::{Event, FetchError, Settings};

/// The callback a fetch reports its progress to.
pub(crate) type Events = Arc<dyn Fn(Event) + Send + Sync>;

/// What a finished fetch stored.
#[derive(Debug, Clone)]
pub struct FetchReport {
    /// The run as committed: counts, status, reason, issues.
    pub run: RunInfo,
}

impl FetchReport {
    /// Whether some source failed (the run is stored, marked partial).
    pub fn is_partial(&self) -> bool {
        self.run.status == RunStatus::Partial
    }
}

/// Runs one fetch of the account in `settings` into the database at `db`.
///
/// Fails without writing anything when no token can be had or when every source fails; a run
/// where only some sources failed is committed as partial.
pub async fn fetch(
    settings: &Settings,
    db: &Path,
    on_event: impl Fn(Event) + Send + Sync + 'static,
) -> Result<FetchReport, FetchError> {
    let events: Events = Arc::new(on_event);
    let client = Client::new(client_config(settings)).map_err(FetchError::Client)?;

    events(Event::Authenticating);
    client
        .access_token_check()
        .await
        .map_err(FetchError::Authenticate)?;

    let sink = RunSink::open(
        db,
        RunStart {
            started_at: Timestamp::now(),
            settings_digest: settings.digest(),
        },
    )
    .await?;
    events(Event::RunStarted {
        run_id: sink.run_id(),
    });

    let context = Context {
        client,
        settings: settings.fetch.clone(),
        sink: sink.handle(),
        events: Arc::clone(&events),
    };
    let (directory, mut outcomes) = sources::directory(&context).await;
    let users = sources::users::enabled_statuses(&context.settings)
        .map(|status| sources::users::fetch(&context, &directory, status));
    outcomes.extend(join_all(users).await);
    drop(context);

    finish(sink, outcomes, &events).await
}

async fn finish(
    sink: RunSink,
    outcomes: Vec<SourceOutcome>,
    events: &Events,
) -> Result<FetchReport, FetchError> {
    let stored: u64 = outcomes.iter().map(|outcome| outcome.stored).sum();
    let failures: Vec<String> = outcomes
        .iter()
        .filter(|outcome| outcome.failed())
        .map(SourceOutcome::describe)
        .collect();

    if stored == 0 && !failures.is_empty() {
        let failed = failures.len();
        if let Some(first) = outcomes.into_iter().find_map(|outcome| outcome.error) {
            // Nothing to keep: leave the database exactly as it was.
            sink.abandon().await?;
            let summary = match failed {
                1 => "the only source that could store anything failed".to_owned(),
                n => format!("{n} sources failed, the first with"),
            };
            return Err(FetchError::NothingFetched { summary, first });
        }
        unreachable!("a source that failed without an error stored something");
    }

    let complete_scopes = outcomes
        .iter()
        .filter(|outcome| outcome.completes_scope())
        .map(|outcome| outcome.scope.clone())
        .collect();
    let (status, reason) = if failures.is_empty() {
        (RunOutcome::Complete, None)
    } else {
        (RunOutcome::Partial, Some(failures.join("; ")))
    };
    events(Event::Committing);
    let run = sink
        .finish(RunEnd {
            finished_at: Timestamp::now(),
            status,
            reason,
            complete_scopes,
        })
        .await?;
    Ok(FetchReport { run })
}

fn client_config(settings: &Settings) -> ClientConfig {
    let mut config = ClientConfig::new(
        settings.account_id.clone(),
        settings.client_id.clone(),
        settings.client_secret.expose_secret().to_owned().into(),
    );
    config.api_url = settings.api_url.clone();
    config.oauth_url = settings.oauth_url.clone();
    config.verify_ssl = settings.verify_ssl;
    config.ca_cert = settings.ca_cert.clone();
    config.https_proxy = settings.https_proxy.clone();
    config
}
