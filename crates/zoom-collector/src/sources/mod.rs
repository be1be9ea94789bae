//! The sources of a fetch. Each source is an async function that reads one listing (or a
//! family of them) and stores what it normalizes through a [`SourceRun`], which keeps the
//! tally, records issues on the run and reports progress.

pub(crate) mod activities;
pub(crate) mod devices;
pub(crate) mod meetings;
pub(crate) mod portal;
pub(crate) mod saas;
pub(crate) mod settings;
pub(crate) mod users;

use futures_util::{Stream, StreamExt, TryStreamExt};
use inventory_model::{Directory, Record};
use inventory_store::RunIssue;
use zoom_api::Client;
use zoom_api::wire::WithRaw;

use crate::incremental::History;
use crate::run::Events;
use crate::writer::{Keep, SinkHandle};
use crate::{Event, FetchSettings, SourceError, error_chain};

/// What every source needs.
pub(crate) struct Context {
    pub(crate) client: Client,
    /// The account's ID (the account record's `source_id`).
    pub(crate) account_id: String,
    pub(crate) settings: FetchSettings,
    /// Read the account's SaaS side over the API.
    pub(crate) saas_api: bool,
    /// Read the web portal, signing in this way.
    pub(crate) portal: Option<zoom_portal::PortalConfig>,
    pub(crate) sink: SinkHandle,
    pub(crate) events: Events,
    /// What the runs before this one left, and what this run reads again.
    pub(crate) history: History,
    /// When the run started (the time details read now are marked with).
    pub(crate) started_at: jiff::Timestamp,
}

/// The details earlier runs stored for `items` (see `inventory_store::Store::details`). When
/// they cannot be read, the caller reads the details again: an empty map, and a warning.
pub(crate) async fn stored_details(
    context: &Context,
    items: Vec<String>,
) -> std::collections::HashMap<String, Option<String>> {
    let account = context.account_id.clone();
    context
        .history
        .reader
        .with(move |store| {
            let items: Vec<&str> = items.iter().map(String::as_str).collect();
            store.details(&account, &items)
        })
        .await
        .unwrap_or_else(|error| {
            tracing::warn!("stored details unreadable, reading them again: {error}");
            std::collections::HashMap::new()
        })
}

/// The details of `items` (item, hash of its list record) that this run need not read again:
/// those the policy of detail reads lets it reuse, stored by an earlier run and understood by
/// `parse` (given the stored text; `None` when none was stored). An item missing from the map
/// is read.
pub(crate) async fn reusable<T>(
    context: &Context,
    items: impl Iterator<Item = (String, String)>,
    parse: impl Fn(Option<String>) -> Option<T>,
) -> std::collections::HashMap<String, T> {
    let policy = &context.history.details;
    let wanted: Vec<String> = items
        .filter(|(item, hash)| !policy.must_read(item, hash))
        .map(|(item, _)| item)
        .collect();
    if wanted.is_empty() {
        return std::collections::HashMap::new();
    }
    stored_details(context, wanted)
        .await
        .into_iter()
        .filter_map(|(item, detail)| Some((item, parse(detail)?)))
        .collect()
}

/// Keeps a detail just read (`None`: the item has none) with the hash of the list record it
/// was read for, until the item's detail is read again.
pub(crate) async fn keep_detail(
    context: &Context,
    item: &str,
    list_hash: &str,
    detail: Option<String>,
) {
    context
        .sink
        .keep(Keep::Detail {
            item: item.to_owned(),
            list_hash: list_hash.to_owned(),
            read_at: context.started_at,
            detail,
        })
        .await;
}

/// How one source ended.
#[derive(Debug)]
pub(crate) struct SourceOutcome {
    /// The source's name, which is also the scope of what it lists (`users/active`).
    pub(crate) scope: String,
    /// Records stored.
    pub(crate) stored: u64,
    /// Items that failed while the listing went on (recorded as issues on the run).
    pub(crate) item_failures: u64,
    /// The first of those: the item and why.
    pub(crate) first_item_failure: Option<String>,
    /// Why the source stopped early, if it did.
    pub(crate) error: Option<SourceError>,
    /// Whether a complete run of this source proves that what it did not list is gone.
    pub(crate) proves_absence: bool,
}

impl SourceOutcome {
    /// Whether the source stopped early or lost items.
    pub(crate) fn failed(&self) -> bool {
        self.error.is_some() || self.item_failures > 0
    }

    /// Whether all the source lacks is what the quota planner deferred to the next run (which
    /// picks it up from the cursor, incremental or not).
    pub(crate) fn only_deferred(&self) -> bool {
        self.item_failures == 0 && matches!(self.error, Some(SourceError::Deferred { .. }))
    }

    /// Whether this run saw the whole scope, so that what it did not see is gone.
    pub(crate) fn completes_scope(&self) -> bool {
        self.proves_absence && !self.failed()
    }

    /// One line for the run's reason.
    pub(crate) fn describe(&self) -> String {
        match &self.error {
            Some(error) => format!("{}: {}", self.scope, error_chain(error)),
            None => format!("{}: {} item(s) failed", self.scope, self.item_failures),
        }
    }

    /// [`SourceOutcome::describe`], followed by the first failed item and its error.
    pub(crate) fn describe_first_item(&self) -> String {
        match &self.first_item_failure {
            Some(item) => format!("{}, the first {item}", self.describe()),
            None => self.describe(),
        }
    }
}

/// One source in progress.
pub(crate) struct SourceRun<'a> {
    context: &'a Context,
    outcome: SourceOutcome,
}

impl<'a> SourceRun<'a> {
    /// Starts a source that lists assets (a complete run proves absences).
    pub(crate) fn assets(context: &'a Context, scope: &str) -> SourceRun<'a> {
        Self::start(context, scope, true)
    }

    /// Starts a source of events or lookups (its absences prove nothing).
    pub(crate) fn events(context: &'a Context, scope: &str) -> SourceRun<'a> {
        Self::start(context, scope, false)
    }

    fn start(context: &'a Context, scope: &str, proves_absence: bool) -> SourceRun<'a> {
        (context.events)(Event::SourceStarted {
            source: scope.to_owned(),
        });
        SourceRun {
            context,
            outcome: SourceOutcome {
                scope: scope.to_owned(),
                stored: 0,
                item_failures: 0,
                first_item_failure: None,
                error: None,
                proves_absence,
            },
        }
    }

    pub(crate) fn context(&self) -> &'a Context {
        self.context
    }

    /// Stores a record. `false` when the store's writer has stopped (its error is reported
    /// when the run ends), so the source should stop too.
    pub(crate) async fn put(&mut self, record: Record) -> bool {
        if !self.context.sink.put(record).await {
            return false;
        }
        self.outcome.stored += 1;
        (self.context.events)(Event::Fetched {
            source: self.outcome.scope.clone(),
            count: self.outcome.stored,
        });
        true
    }

    /// One item failed; the listing goes on.
    pub(crate) async fn item_failed(&mut self, item: &str, error: &zoom_api::Error) {
        self.outcome.item_failures += 1;
        if self.outcome.first_item_failure.is_none() {
            self.outcome.first_item_failure = Some(format!("{item}: {}", error_chain(error)));
        }
        self.record_issue(Some(item), error.http_status(), error.zoom_code(), error)
            .await;
    }

    /// The source cannot go on.
    pub(crate) async fn fail(&mut self, error: impl Into<SourceError>) {
        let error = error.into();
        self.record_issue(None, error.http_status(), error.zoom_code(), &error)
            .await;
        self.outcome.error = Some(error);
    }

    pub(crate) fn has_failed(&self) -> bool {
        self.outcome.error.is_some()
    }

    /// Reads a whole listing, storing what `normalize` makes of each item.
    pub(crate) async fn store_listing<T, S, F>(&mut self, listing: S, mut normalize: F)
    where
        S: Stream<Item = Result<WithRaw<T>, zoom_api::Error>> + Send,
        F: FnMut(&WithRaw<T>) -> Option<Record>,
    {
        let mut listing = std::pin::pin!(listing);
        while let Some(item) = listing.next().await {
            match item {
                Ok(item) => {
                    if let Some(record) = normalize(&item)
                        && !self.put(record).await
                    {
                        return;
                    }
                }
                Err(error) => {
                    self.fail(error).await;
                    return;
                }
            }
        }
    }

    pub(crate) fn finish(self) -> SourceOutcome {
        (self.context.events)(Event::SourceFinished {
            source: self.outcome.scope.clone(),
            count: self.outcome.stored,
            error: self.outcome.error.as_ref().map(|error| error_chain(error)),
        });
        self.outcome
    }

    async fn record_issue(
        &self,
        item: Option<&str>,
        http_status: Option<u16>,
        zoom_code: Option<i64>,
        error: &dyn std::error::Error,
    ) {
        let issue = RunIssue {
            source: self.outcome.scope.clone(),
            item: item.map(str::to_owned),
            http_status,
            zoom_code,
            message: error_chain(error),
        };
        self.context.sink.issue(issue).await;
    }
}

/// Errors that concern one item only (it is gone, or unreadable on its own); anything else
/// (auth, network, rate limits, plan gates) stops the source.
pub(crate) fn is_item_failure(error: &zoom_api::Error) -> bool {
    error.http_status() == Some(404)
}

/// Reads the lookups normalization needs (role and group names), and keeps the listings for
/// the role and group records. A failure leaves ids unresolved and is recorded; the run goes
/// on.
pub(crate) async fn directory(
    context: &Context,
) -> (Directory, saas::Listings, Vec<SourceOutcome>) {
    let client = &context.client;
    let mut roles = SourceRun::events(context, "roles");
    let mut groups = SourceRun::events(context, "groups");
    let (role_list, group_list) = tokio::join!(
        client.list_roles(),
        client.list_groups().try_collect::<Vec<_>>()
    );
    let mut directory = Directory::default();
    let mut listings = saas::Listings::default();
    match role_list {
        Ok(list) => {
            directory.role_names.extend(
                list.iter()
                    .filter_map(|role| Some((role.item.id.clone()?, role.item.name.clone()?))),
            );
            listings.roles = Some(list);
        }
        Err(error) => roles.fail(error).await,
    }
    match group_list {
        Ok(list) => {
            directory.group_names.extend(
                list.iter()
                    .filter_map(|group| Some((group.item.id.clone()?, group.item.name.clone()?))),
            );
            listings.groups = Some(list);
        }
        Err(error) => groups.fail(error).await,
    }
    (directory, listings, vec![roles.finish(), groups.finish()])
}
