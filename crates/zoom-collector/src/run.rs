//! One fetch, start to commit.

use std::path::Path;
use std::sync::Arc;

use futures_util::future::join_all;
use inventory_model::Record;
use inventory_store::{RequestTally, RunEnd, RunInfo, RunOutcome, RunStart, RunStatus};
use jiff::civil::Date;
use secrecy::ExposeSecret;
use zoom_api::{Client, ClientConfig};

use crate::clock::utc_date;
use crate::incremental::{self, History, Reader};
use crate::progress::AnnouncedPages;
use crate::sources::devices::ServiceAccounts;
use crate::sources::{
    self, Context, SourceOutcome, activities, devices, meetings, portal, saas, settings, users,
};
use crate::writer::{Keep, RunSink};
use crate::{AssetType, Clock, Event, FetchError, PortalSettings, Settings, SourceError};
use zoom_portal::PortalConfig;

/// The callback a fetch reports its progress to.
pub(crate) type Events = Arc<dyn Fn(Event) + Send + Sync>;

/// How a fetch reads: incrementally (the default) or everything again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FetchOptions {
    /// Read everything again (`fetch --full`): every detail, every meeting's participants and
    /// the whole window of activities, as a first run does.
    pub full: bool,
}

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
/// Fails without writing anything when no token can be had or when every source fails (and a
/// database it created for the fetch is deleted again); a run where only some sources failed is
/// committed as partial.
pub async fn fetch(
    settings: &Settings,
    db: &Path,
    on_event: impl Fn(Event) + Send + Sync + 'static,
) -> Result<FetchReport, FetchError> {
    fetch_with_clock(settings, db, Clock::system(), on_event).await
}

/// [`fetch`], reading the time from `clock`: the run's start (and so the UTC day whose meetings
/// and activities it reads) and its end.
pub async fn fetch_with_clock(
    settings: &Settings,
    db: &Path,
    clock: Clock,
    on_event: impl Fn(Event) + Send + Sync + 'static,
) -> Result<FetchReport, FetchError> {
    fetch_with_options(settings, db, clock, FetchOptions::default(), on_event).await
}

/// [`fetch_with_clock`], reading as `options` say (`fetch --full`).
pub async fn fetch_with_options(
    settings: &Settings,
    db: &Path,
    clock: Clock,
    options: FetchOptions,
    on_event: impl Fn(Event) + Send + Sync + 'static,
) -> Result<FetchReport, FetchError> {
    let new_database = !db.exists();
    // On the heap: the whole fetch's state is large, and callers poll it on their own stack.
    let result = Box::pin(fetch_run(settings, db, clock, options, Arc::new(on_event))).await;
    if result.is_err() && new_database && db.exists() {
        crate::writer::discard_if_unused(db).await;
    }
    result
}

async fn fetch_run(
    settings: &Settings,
    db: &Path,
    clock: Clock,
    options: FetchOptions,
    events: Events,
) -> Result<FetchReport, FetchError> {
    if !settings.verify_ssl {
        tracing::warn!(
            "TLS certificates are not verified (verify_ssl = false): anyone on the network path can read the client secret and the inventory"
        );
    }
    let client = Client::new(client_config(settings)).map_err(FetchError::Client)?;
    crate::writer::check_database(db).await?;

    events(Event::Authenticating);
    client
        .access_token_check()
        .await
        .map_err(FetchError::Authenticate)?;

    // One reading decides both the run's start and its day, even a second before midnight.
    let started_at = clock.now();
    let sink = RunSink::open(
        db,
        RunStart {
            started_at,
            settings_digest: settings.digest(),
        },
        settings.account_id.clone(),
    )
    .await?;
    events(Event::RunStarted {
        run_id: sink.run_id(),
    });
    // Its own connection: it sees the last committed run while this run's transaction is open.
    let reader = Reader::open(db).await?;
    let history = History::load(
        reader,
        &settings.account_id,
        started_at,
        &settings.fetch,
        options.full,
    )
    .await?;

    let context = Context {
        client,
        account_id: settings.account_id.clone(),
        settings: settings.fetch.clone(),
        saas_api: settings.saas.api,
        portal: settings
            .saas
            .portal
            .as_ref()
            .map(|portal| portal_config(portal, settings.verify_ssl, Some(db))),
        sink: sink.handle(),
        events: Arc::clone(&events),
        history,
        started_at,
    };
    let client = context.client.clone();
    let ahead = AnnouncedPages;
    let outcomes = tokio::select! {
        outcomes = run_sources(&context, utc_date(started_at)) => outcomes,
        never = crate::progress::report(client.clone(), &ahead, Arc::clone(&events)) => match never {},
    };
    keep_for_next_run(&context, &outcomes).await;
    drop(context);
    events(Event::RequestTotals(crate::progress::sample(
        &client, &ahead,
    )));

    finish(sink, outcomes, &events, clock).await
}

/// The cursors this run moves, and its requests for the ledger. The cursor of full runs moves
/// only when the full run completed (but for meetings the quota planner deferred, which the
/// next run reads from its cursor), so that a failed one is tried again by the next run.
async fn keep_for_next_run(context: &Context, outcomes: &[SourceOutcome]) {
    let now = context.started_at.to_string();
    let keep = |source: &str| Keep::Cursor {
        source: source.to_owned(),
        position: now.clone(),
    };
    let sink = &context.sink;
    let complete = outcomes
        .iter()
        .all(|outcome| !outcome.failed() || outcome.only_deferred());
    if context.history.full && complete {
        sink.keep(keep(incremental::FULL)).await;
    }
    sink.keep(keep(incremental::DETAILS)).await;
    let counts = context.client.stats().requests_by_category;
    let by_category = zoom_api::RateCategory::ALL
        .into_iter()
        .map(|category| (category.as_str().to_owned(), counts.get(category)))
        .filter(|(_, requests)| *requests > 0)
        .collect();
    sink.keep(Keep::Requests(RequestTally { by_category }))
        .await;
}

async fn finish(
    sink: RunSink,
    outcomes: Vec<SourceOutcome>,
    events: &Events,
    clock: Clock,
) -> Result<FetchReport, FetchError> {
    let stored: u64 = outcomes.iter().map(|outcome| outcome.stored).sum();
    let failures: Vec<String> = outcomes
        .iter()
        .filter(|outcome| outcome.failed())
        .map(SourceOutcome::describe)
        .collect();

    if stored == 0 && !failures.is_empty() {
        // Nothing to keep: leave the database exactly as it was, and say everything the app
        // lacks at once rather than one scope per attempt.
        let mut missing: Vec<&str> = outcomes
            .iter()
            .filter_map(|outcome| match &outcome.error {
                Some(SourceError::Api(zoom_api::Error::MissingScopes { scopes, .. })) => {
                    Some(scopes)
                }
                _ => None,
            })
            .flatten()
            .map(String::as_str)
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let mut summary = match failures.len() {
            1 => "the only source that could store anything failed".to_owned(),
            n => format!("{n} sources failed"),
        };
        if !missing.is_empty() {
            summary.push_str(&format!(
                "; the app lacks the scopes {}: grant them in the app's scopes",
                missing.join(", ")
            ));
        }
        // Users first: what most fetches are for.
        let first = outcomes
            .iter()
            .position(|outcome| outcome.error.is_some() && outcome.scope.starts_with("users/"))
            .or_else(|| outcomes.iter().position(|outcome| outcome.error.is_some()));
        let first_item_failure = outcomes
            .iter()
            .find(|outcome| outcome.failed())
            .map(SourceOutcome::describe_first_item)
            .unwrap_or_default();
        sink.abandon().await?;
        return Err(
            match first.and_then(|index| outcomes.into_iter().nth(index)?.error) {
                Some(first) => FetchError::NothingFetched { summary, first },
                // Every failure was of single items (a server that lists items, then refuses
                // each of them).
                None => FetchError::ItemsFailed {
                    summary,
                    first: first_item_failure,
                },
            },
        );
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
            finished_at: clock.now(),
            status,
            reason,
            complete_scopes,
        })
        .await?;
    Ok(FetchReport { run })
}

/// Every enabled source, in three phases: what normalization needs first (role and group names,
/// the Zoom Rooms and so their service accounts), then everything else concurrently, then the
/// devices that wait for the full list of service accounts.
async fn run_sources(context: &Context, today: Date) -> Vec<SourceOutcome> {
    let wanted = &context.settings;
    let (directory, rooms) = tokio::join!(
        sources::directory(context),
        when(
            wanted.wants(AssetType::ZoomRooms),
            devices::zoom_rooms(context)
        ),
    );
    let (mut directory, listings, mut outcomes) = directory;
    let mut known_rooms = None;
    if let Some((outcome, found)) = rooms {
        outcomes.push(outcome);
        directory.room_account_ids = found.account_ids;
        known_rooms = found.rooms;
    }

    let users = join_all(
        users::enabled_statuses(wanted).map(|status| users::fetch(context, &directory, status)),
    );
    // Groups' settings are read for the groups listed (none when the listing failed).
    let groups_to_read = listings.groups.as_ref().map(|groups| {
        groups
            .iter()
            .filter_map(|group| Some((group.item.id.clone()?, group.item.name.clone())))
            .collect()
    });
    let (
        users,
        h323,
        room_devices,
        zdm,
        meetings,
        sign_ins,
        operations,
        saas,
        setting_records,
        portal,
    ) = tokio::join!(
        users,
        when(wanted.wants(AssetType::H323), devices::h323(context)),
        when(
            wanted.wants(AssetType::ZoomRoomDevices),
            devices::zoom_room_devices(context, known_rooms)
        ),
        when(
            wanted.wants(AssetType::Zdm),
            devices::zdm(context, wanted.skip_service_accounts)
        ),
        when(
            wanted.wants(AssetType::MeetingDevices),
            meetings::source(context, today)
        ),
        when(wanted.activity_logs, activities::sign_ins(context, today)),
        when(wanted.activity_logs, activities::operations(context, today)),
        when(
            context.saas_api,
            saas::gather(context, listings, &directory)
        ),
        when(context.saas_api, settings::fetch(context, groups_to_read)),
        async {
            match &context.portal {
                Some(config) => Some(portal::read(context, config).await),
                None => None,
            }
        },
    );
    let mut service_accounts = ServiceAccounts::default();
    for (outcome, emails) in users {
        outcomes.push(outcome);
        service_accounts.emails.extend(emails);
    }
    if let Some((outcome, room_macs)) = room_devices {
        outcomes.push(outcome);
        service_accounts.room_macs = room_macs;
    }
    outcomes.extend([h323, sign_ins, operations].into_iter().flatten());
    outcomes.extend(setting_records.into_iter().flatten());

    let skip = |record: &Record| wanted.skip_service_accounts && service_accounts.own(record);
    if let Some((mut run, held)) = zdm {
        for record in held.into_iter().filter(|record| !skip(record)) {
            if !run.put(record).await {
                break;
            }
        }
        outcomes.push(run.finish());
    }
    if let Some((mut run, seen)) = meetings {
        let records = seen.into_records(wanted.devices_require_hostname_and_mac);
        for record in records.into_iter().filter(|record| !skip(record)) {
            if !run.put(record).await {
                break;
            }
        }
        outcomes.push(run.finish());
    }
    let portal_facts = portal.and_then(|(outcome, facts)| {
        outcomes.push(outcome);
        facts
    });
    if let Some(saas) = saas {
        outcomes.extend(saas.store(&context.account_id, portal_facts.as_ref()).await);
    }
    outcomes
}

/// Runs `source` only when `enabled`.
async fn when<T>(enabled: bool, source: impl Future<Output = T>) -> Option<T> {
    if enabled { Some(source.await) } else { None }
}

/// How to sign in to the portal; the session is kept next to the database (if there is one)
/// unless the settings say where.
pub(crate) fn portal_config(
    portal: &PortalSettings,
    verify_ssl: bool,
    db: Option<&Path>,
) -> PortalConfig {
    let mut config = PortalConfig::new(
        portal.portal_url.clone(),
        portal.username.clone(),
        portal.password.clone(),
        portal.mfa_secret.clone(),
    );
    config.webdriver_url = portal.webdriver_url.clone();
    config.session_file = portal.session_file.clone().or_else(|| {
        let mut path = db?.as_os_str().to_owned();
        path.push(".portal-session");
        Some(path.into())
    });
    config.accept_invalid_certs = !verify_ssl;
    config.map = portal.map.clone();
    config
}

pub(crate) fn client_config(settings: &Settings) -> ClientConfig {
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
    config.plan = settings.plan;
    config.rate_limit = settings.pace_requests;
    config.max_in_flight = settings.fetch.concurrency;
    config.timeout = settings.timeout;
    config
}
