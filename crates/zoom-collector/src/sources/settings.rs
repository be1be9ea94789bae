//! Zoom's settings as `setting` records: the account's in full (every section, each `option`
//! part, the lock settings), what each group sets or locks otherwise, with `fetch.user_settings`
//! what each active user sets otherwise, and the managed and trusted domains.
//!
//! Group and user records are what differs from the account, so a group's settings are read
//! only when the account's were.

use futures_util::TryStreamExt;
use futures_util::future::join_all;
use inventory_model::Record;
use inventory_model::settings::{self, Flattened, SettingsRead, scope};
use zoom_api::wire::SettingsOption;
use zoom_api::{Client, UserStatus};

use super::saas::optional;
use super::{Context, SourceOutcome, SourceRun, is_item_failure};

/// A group to read: its ID and name.
pub(crate) type GroupToRead = (String, Option<String>);

/// The account's settings, locks and options, as received; lock settings are `None` on plans
/// without them.
async fn read_account(client: &Client) -> Result<SettingsRead, zoom_api::Error> {
    let (settings, options, locks, security_locks) = tokio::join!(
        async { client.account_settings().await.map(|settings| settings.raw) },
        join_all(
            SettingsOption::ALL
                .into_iter()
                .map(|option| client.account_settings_option(option))
        ),
        client.account_lock_settings(),
        client.account_lock_settings_option(SettingsOption::MeetingSecurity),
    );
    let mut read = SettingsRead {
        settings: Some(settings?),
        ..SettingsRead::default()
    };
    for (option, answer) in SettingsOption::ALL.into_iter().zip(options) {
        read.options.push((option, answer?));
    }
    read.locks = optional(locks)?;
    if let Some(locks) = optional(security_locks)? {
        read.option_locks
            .push((SettingsOption::MeetingSecurity, locks));
    }
    Ok(read)
}

/// A group's settings, options and locks, as received.
async fn read_group(client: &Client, group_id: &str) -> Result<SettingsRead, zoom_api::Error> {
    let (settings, options, locks, security_locks) = tokio::join!(
        client.group_settings(group_id, None),
        join_all(
            SettingsOption::ALL
                .into_iter()
                .map(|option| client.group_settings(group_id, Some(option)))
        ),
        client.group_lock_settings(group_id, None),
        client.group_lock_settings(group_id, Some(SettingsOption::MeetingSecurity)),
    );
    let mut read = SettingsRead {
        settings: Some(settings?),
        locks: Some(locks?),
        ..SettingsRead::default()
    };
    for (option, answer) in SettingsOption::ALL.into_iter().zip(options) {
        read.options.push((option, answer?));
    }
    read.option_locks
        .push((SettingsOption::MeetingSecurity, security_locks?));
    Ok(read)
}

/// Stores `records`; `false` when the store's writer stopped.
async fn put_all(run: &mut SourceRun<'_>, records: Vec<Record>) -> bool {
    for record in records {
        if !run.put(record).await {
            return false;
        }
    }
    true
}

/// Reads and stores every setting record; `groups` is the group listing, when it was read.
pub(crate) async fn fetch(
    context: &Context,
    groups: Option<Vec<GroupToRead>>,
) -> Vec<SourceOutcome> {
    let client = &context.client;
    let mut outcomes = Vec::new();

    let mut account_run = SourceRun::assets(context, scope::ACCOUNT);
    let (account, managed, trusted) = tokio::join!(
        read_account(client),
        client.managed_domains(),
        client.trusted_domains(),
    );
    let account = match account {
        Ok(read) => {
            let flat = read.flatten();
            put_all(
                &mut account_run,
                settings::account(&context.account_id, &flat),
            )
            .await;
            Some(flat)
        }
        Err(error) => {
            account_run.fail(error).await;
            None
        }
    };
    outcomes.push(account_run.finish());

    let mut domains_run = SourceRun::assets(context, scope::DOMAINS);
    match (managed, optional(trusted)) {
        (Ok(managed), Ok(trusted)) => {
            let records = settings::domains(&context.account_id, Some(&managed), trusted.as_ref());
            put_all(&mut domains_run, records).await;
        }
        (Err(error), _) | (_, Err(error)) => domains_run.fail(error).await,
    }
    outcomes.push(domains_run.finish());

    let Some(account) = account else {
        return outcomes;
    };
    if let Some(groups) = groups {
        outcomes.push(fetch_groups(context, &groups, &account).await);
    }
    if context.settings.user_settings {
        outcomes.push(fetch_users(context, &account).await);
    }
    outcomes
}

async fn fetch_groups(
    context: &Context,
    groups: &[GroupToRead],
    account: &Flattened,
) -> SourceOutcome {
    let mut run = SourceRun::assets(context, scope::GROUPS);
    let reads = join_all(groups.iter().map(|(id, _)| read_group(&context.client, id))).await;
    let records = groups.iter().zip(reads).map(|((id, name), read)| {
        let records =
            read.map(|read| settings::group(id, name.as_deref(), &read.flatten(), account));
        (id.as_str(), records)
    });
    store_each(&mut run, records).await;
    run.finish()
}

/// Stores each group's or user's records as read: one gone since it was listed is an item
/// failure, any other error stops the source.
async fn store_each<'i>(
    run: &mut SourceRun<'_>,
    reads: impl IntoIterator<Item = (&'i str, Result<Vec<Record>, zoom_api::Error>)>,
) {
    for (id, read) in reads {
        match read {
            Ok(records) => {
                if !put_all(run, records).await {
                    break;
                }
            }
            Err(error) if is_item_failure(&error) => run.item_failed(id, &error).await,
            Err(error) => {
                run.fail(error).await;
                break;
            }
        }
    }
}

/// Each active user's own settings: one request per user.
async fn fetch_users(context: &Context, account: &Flattened) -> SourceOutcome {
    let client = &context.client;
    let mut run = SourceRun::assets(context, scope::USERS);
    let users = match client
        .list_users(UserStatus::Active)
        .try_collect::<Vec<_>>()
        .await
    {
        Ok(users) => users,
        Err(error) => {
            run.fail(error).await;
            return run.finish();
        }
    };
    let users: Vec<(String, String)> = users
        .into_iter()
        .filter_map(|user| Some((user.item.id?, user.item.email)))
        .collect();
    let reads = join_all(users.iter().map(|(id, _)| client.user_settings(id))).await;
    let records = users.iter().zip(reads).map(|((id, email), read)| {
        let records = read.map(|answer| {
            let read = SettingsRead {
                settings: Some(answer),
                ..SettingsRead::default()
            };
            settings::user(id, Some(email), &read.flatten(), account)
        });
        (id.as_str(), records)
    });
    store_each(&mut run, records).await;
    run.finish()
}
