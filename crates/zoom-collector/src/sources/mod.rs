//! The sources of a fetch. Each is a function from the shared [`Context`] to a
//! [`SourceOutcome`]; records go to the store as they arrive.

pub(crate) mod users;

use futures_util::TryStreamExt;
use inventory_model::Directory;
use inventory_store::RunIssue;
use zoom_api::Client;

use crate::run::Events;
use crate::writer::SinkHandle;
use crate::{Event, FetchSettings};

/// What every source needs.
pub(crate) struct Context {
    pub(crate) client: Client,
    pub(crate) settings: FetchSettings,
    pub(crate) sink: SinkHandle,
    pub(crate) events: Events,
}

impl Context {
    /// Records a failure on the run: the source, the item when one item failed, and what Zoom
    /// said.
    pub(crate) async fn record_issue(
        &self,
        source: &str,
        item: Option<&str>,
        error: &zoom_api::Error,
    ) {
        let issue = RunIssue {
            source: source.to_owned(),
            item: item.map(str::to_owned),
            http_status: error.http_status(),
            zoom_code: error.zoom_code(),
            message: error_chain(error),
        };
        self.sink.issue(issue).await;
    }
}

/// How one source ended.
#[derive(Debug)]
pub(crate) struct SourceOutcome {
    /// The scope it fetched (`users/active`); a complete listing of it proves absences.
    pub(crate) scope: String,
    /// Records stored.
    pub(crate) stored: u64,
    /// Items that failed while the listing went on (recorded as issues on the run).
    pub(crate) item_failures: u64,
    /// Why the source stopped early, if it did.
    pub(crate) error: Option<zoom_api::Error>,
    /// Whether the source writes records whose absence means removal.
    pub(crate) lists_assets: bool,
}

impl SourceOutcome {
    /// Whether the source stopped early or lost items.
    pub(crate) fn failed(&self) -> bool {
        self.error.is_some() || self.item_failures > 0
    }

    /// Whether this run saw the whole scope, so that what it did not see is gone.
    pub(crate) fn completes_scope(&self) -> bool {
        self.lists_assets && self.error.is_none()
    }

    /// One line for the run's reason.
    pub(crate) fn describe(&self) -> String {
        match &self.error {
            Some(error) => format!("{}: {}", self.scope, error_chain(error)),
            None => format!("{}: {} item(s) failed", self.scope, self.item_failures),
        }
    }
}

/// The error and its causes on one line.
pub(crate) fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// Reads the lookups normalization needs (role and group names). A failure leaves ids
/// unresolved and is recorded; the run goes on.
pub(crate) async fn directory(context: &Context) -> (Directory, Vec<SourceOutcome>) {
    let client = &context.client;
    let (roles, groups) = tokio::join!(
        client.list_roles(),
        client.list_groups().try_collect::<Vec<_>>()
    );
    let mut directory = Directory::default();
    let mut outcomes = Vec::new();
    for (scope, result) in [
        (
            "roles",
            roles.map(|roles| {
                roles
                    .into_iter()
                    .map(|role| (role.item.id, role.item.name))
                    .collect::<Vec<_>>()
            }),
        ),
        (
            "groups",
            groups.map(|groups| {
                groups
                    .into_iter()
                    .map(|group| (group.item.id, group.item.name))
                    .collect::<Vec<_>>()
            }),
        ),
    ] {
        (context.events)(Event::SourceStarted {
            source: scope.to_owned(),
        });
        let names = match result {
            Ok(names) => names,
            Err(error) => {
                context.record_issue(scope, None, &error).await;
                (context.events)(Event::SourceFinished {
                    source: scope.to_owned(),
                    count: 0,
                    error: Some(error_chain(&error)),
                });
                outcomes.push(SourceOutcome {
                    scope: scope.to_owned(),
                    stored: 0,
                    item_failures: 0,
                    error: Some(error),
                    lists_assets: false,
                });
                continue;
            }
        };
        (context.events)(Event::SourceFinished {
            source: scope.to_owned(),
            count: names.len() as u64,
            error: None,
        });
        let map = if scope == "roles" {
            &mut directory.role_names
        } else {
            &mut directory.group_names
        };
        map.extend(
            names
                .into_iter()
                .filter_map(|(id, name)| Some((id?, name?))),
        );
    }
    (directory, outcomes)
}
