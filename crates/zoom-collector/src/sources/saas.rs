//! The account's SaaS side over the API: settings, seats, roles (with privileges), groups and
//! installed apps; merged with the portal's facts when the portal was read.
//!
//! Gathered while the other sources run ([`gather`]), stored once the portal is done
//! ([`Gathered::store`]), since each record merges both views.

use std::collections::{BTreeSet, HashMap};

use futures_util::TryStreamExt;
use futures_util::future::join_all;
use inventory_model::Directory;
use inventory_model::saas::{self, ApiAccount, scope};
use zoom_api::wire::{AppDetails, Group, MarketplaceApp, Role, RoleDetails, WithRaw};
use zoom_portal::PortalFacts;

use super::{Context, SourceOutcome, SourceRun, is_item_failure};

/// Zoom's code for "Only available for paid account": the plan has no such data, which is
/// not a failure.
const PAID_ONLY: i64 = 200;

/// The role and group listings read for the directory.
#[derive(Default)]
pub(crate) struct Listings {
    /// `GET /roles`, when it succeeded.
    pub(crate) roles: Option<Vec<WithRaw<Role>>>,
    /// `GET /groups`, when it succeeded.
    pub(crate) groups: Option<Vec<WithRaw<Group>>>,
}

/// The roles source, the role listing and each role's details by ID.
type RolesRead<'a> = (
    SourceRun<'a>,
    Vec<WithRaw<Role>>,
    HashMap<String, WithRaw<RoleDetails>>,
);

/// What the API gave, with the sources that will store it.
pub(crate) struct Gathered<'a> {
    account: SourceRun<'a>,
    api: ApiAccount,
    roles: Option<RolesRead<'a>>,
    groups: Option<(SourceRun<'a>, Vec<WithRaw<Group>>)>,
    apps: (SourceRun<'a>, Option<Vec<WithRaw<MarketplaceApp>>>),
    /// Each app's details by app ID: the scopes it requests.
    app_details: HashMap<String, WithRaw<AppDetails>>,
    emails: HashMap<String, String>,
}

/// `Ok(None)` for data the plan does not offer.
pub(crate) fn optional<T>(
    result: Result<T, zoom_api::Error>,
) -> Result<Option<T>, zoom_api::Error> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(error) if error.zoom_code() == Some(PAID_ONLY) => Ok(None),
        Err(error) => Err(error),
    }
}

/// `Ok(None)` when Zoom refuses the request (an answer with an HTTP status of 400 or above but
/// 429): for an API Zoom opens to some accounts only, a refusal means "use the portal".
fn allowed<T>(result: Result<T, zoom_api::Error>) -> Result<Option<T>, zoom_api::Error> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(error) if error.http_status().is_some_and(|s| s >= 400 && s != 429) => {
            tracing::debug!(%error, "Zoom refused an optional request; the portal fills in");
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

/// The value, or `None` with the error kept when it is the first.
fn keep<T>(
    result: Result<Option<T>, zoom_api::Error>,
    first_error: &mut Option<zoom_api::Error>,
) -> Option<T> {
    result.unwrap_or_else(|error| {
        first_error.get_or_insert(error);
        None
    })
}

/// Reads the account's settings and seats, each role's details and the installed apps. The
/// directory's role and group names name the account's 2FA targets.
pub(crate) async fn gather<'a>(
    context: &'a Context,
    listings: Listings,
    directory: &Directory,
) -> Gathered<'a> {
    let client = &context.client;
    let mut account = SourceRun::assets(context, scope::ACCOUNT);
    let (settings, meeting_security, lock_settings, users_summary, plan_usage, plans, domains) = tokio::join!(
        client.account_settings(),
        client.meeting_security_settings(),
        client.account_lock_settings(),
        client.users_summary(),
        client.plan_usage(),
        client.account_plans(),
        client.managed_domains(),
    );
    let mut api = ApiAccount {
        role_names: directory.role_names.clone(),
        group_names: directory.group_names.clone(),
        ..ApiAccount::default()
    };
    let mut first_error = None;
    api.settings = keep(settings.map(Some), &mut first_error);
    api.meeting_security = keep(meeting_security.map(Some), &mut first_error);
    api.lock_settings = keep(optional(lock_settings), &mut first_error);
    api.users_summary = keep(users_summary.map(Some), &mut first_error);
    api.plan_usage = keep(optional(plan_usage), &mut first_error);
    api.plans = keep(allowed(plans), &mut first_error);
    api.managed_domains = keep(optional(domains), &mut first_error);
    if let Some(error) = first_error {
        account.fail(error).await;
    }

    let roles = match listings.roles {
        Some(list) => {
            let mut run = SourceRun::assets(context, scope::ROLES);
            let ids: Vec<String> = list.iter().filter_map(|r| r.item.id.clone()).collect();
            let answers = join_all(ids.iter().map(|id| client.get_role(id))).await;
            let mut details = HashMap::new();
            for (id, answer) in ids.into_iter().zip(answers) {
                match answer {
                    Ok(found) => {
                        details.insert(id, found);
                    }
                    Err(error) if is_item_failure(&error) => run.item_failed(&id, &error).await,
                    Err(error) => {
                        if !run.has_failed() {
                            run.fail(error).await;
                        }
                    }
                }
            }
            Some((run, list, details))
        }
        None => None,
    };
    let groups = listings
        .groups
        .map(|list| (SourceRun::assets(context, scope::GROUPS), list));

    let mut apps_run = SourceRun::assets(context, scope::APPS);
    let apps = match client.list_installed_apps().try_collect::<Vec<_>>().await {
        Ok(apps) => Some(apps),
        Err(error) => {
            apps_run.fail(error).await;
            None
        }
    };
    // The scopes each app requests: one request per app (a few dozen at most).
    let app_ids: Vec<String> = apps
        .iter()
        .flatten()
        .filter_map(|app| app.item.app_id.clone())
        .collect();
    let answers = join_all(app_ids.iter().map(|id| client.get_app(id))).await;
    let mut app_details = HashMap::new();
    for (id, answer) in app_ids.into_iter().zip(answers) {
        match answer {
            Ok(found) => {
                app_details.insert(id, found);
            }
            Err(error) if is_item_failure(&error) => apps_run.item_failed(&id, &error).await,
            Err(error) => {
                if !apps_run.has_failed() {
                    apps_run.fail(error).await;
                }
            }
        }
    }
    // Who installed each app: the approvers' e-mail addresses (a handful of admins).
    let approvers: BTreeSet<String> = apps
        .iter()
        .flatten()
        .filter_map(|app| app.item.approval_info.as_ref()?.approver_id.clone())
        .collect();
    let found = join_all(approvers.iter().map(|id| client.get_user(id))).await;
    let emails = approvers
        .into_iter()
        .zip(found)
        .filter_map(|(id, user)| Some((id, user.ok()?.item.email?)))
        .collect();

    Gathered {
        account,
        api,
        roles,
        groups,
        apps: (apps_run, apps),
        app_details,
        emails,
    }
}

impl Gathered<'_> {
    /// Stores the account, its licenses, roles, groups and apps, merged with the portal's
    /// facts when there are some.
    pub(crate) async fn store(
        self,
        account_id: &str,
        portal: Option<&PortalFacts>,
    ) -> Vec<SourceOutcome> {
        let Gathered {
            mut account,
            api,
            roles,
            groups,
            apps: (mut apps_run, apps),
            app_details,
            emails,
        } = self;
        let mut outcomes = Vec::new();
        // A partly read account would overwrite good fields with blanks: keep the last one.
        if !account.has_failed() {
            for record in saas::account(account_id, &api, portal) {
                if !account.put(record).await {
                    break;
                }
            }
        }
        outcomes.push(account.finish());
        if let Some((mut run, list, details)) = roles {
            for listed in &list {
                let found = listed.item.id.as_ref().and_then(|id| details.get(id));
                if let Some(record) = saas::role(listed, found, portal)
                    && !run.put(record).await
                {
                    break;
                }
            }
            outcomes.push(run.finish());
        }
        if let Some((mut run, list)) = groups {
            for listed in &list {
                if let Some(record) = saas::group(listed, portal)
                    && !run.put(record).await
                {
                    break;
                }
            }
            outcomes.push(run.finish());
        }
        for listed in apps.iter().flatten() {
            let details = listed
                .item
                .app_id
                .as_ref()
                .and_then(|id| app_details.get(id));
            if let Some(record) = saas::app(listed, details, portal, &emails)
                && !apps_run.put(record).await
            {
                break;
            }
        }
        outcomes.push(apps_run.finish());
        outcomes
    }
}
