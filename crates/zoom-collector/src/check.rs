//! `check`: a token, then each enabled source probed once with its smallest request, like a
//! "test connection" button that says exactly what is missing.

use futures_util::{Stream, StreamExt};
use serde::Serialize;
use zoom_api::endpoints::{self, Endpoint};
use zoom_api::wire::WithRaw;
use zoom_api::{Client, UserStatus};

use crate::clock::utc_date;
use crate::run::client_config;
use crate::{AssetType, Clock, FetchError, Settings};

/// How one source answered its probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// It answered.
    Ok,
    /// The app lacks scopes: grant them.
    MissingScope,
    /// The plan or the account does not include it (Zoom's code 200, or a not-enabled feature).
    NotAvailable,
    /// The request did not get through (network, TLS, timeouts).
    Network,
    /// Anything else Zoom answered.
    Error,
}

/// One source's probe.
#[derive(Debug, Clone, Serialize)]
pub struct SourceCheck {
    /// The source, as runs name it.
    pub source: &'static str,
    /// How it answered.
    pub status: CheckStatus,
    /// The scopes to grant, for a missing scope.
    pub missing_scopes: Vec<String>,
    /// What Zoom (or the network) said, when it was not ok.
    pub detail: Option<String>,
    /// The endpoint's rate-limit category.
    pub category: String,
}

/// Gets a token, then probes every source the settings enable. Fails only when no token can
/// be had; each source's answer, good or bad, is in the result.
pub async fn check(settings: &Settings) -> Result<Vec<SourceCheck>, FetchError> {
    check_with_clock(settings, Clock::system()).await
}

/// [`check`], probing the dated sources for the UTC day `clock` reads.
pub async fn check_with_clock(
    settings: &Settings,
    clock: Clock,
) -> Result<Vec<SourceCheck>, FetchError> {
    let client = Client::new(client_config(settings)).map_err(FetchError::Client)?;
    client
        .access_token_check()
        .await
        .map_err(FetchError::Authenticate)?;
    let wanted = &settings.fetch;
    let today = utc_date(clock.now());
    let mut checks = vec![
        probe(
            "users",
            &endpoints::LIST_USERS,
            first(client.list_users(UserStatus::Active)),
        )
        .await,
        probe(
            "groups",
            &endpoints::LIST_GROUPS,
            first(client.list_groups()),
        )
        .await,
        probe("roles", &endpoints::LIST_ROLES, async {
            client.list_roles().await.map(drop)
        })
        .await,
    ];
    if wanted.wants(AssetType::H323) {
        checks.push(
            probe(
                "devices/h323",
                &endpoints::LIST_H323_DEVICES,
                first(client.list_h323_devices()),
            )
            .await,
        );
    }
    if wanted.wants(AssetType::ZoomRooms) || wanted.wants(AssetType::ZoomRoomDevices) {
        checks.push(
            probe(
                "devices/zoom_room",
                &endpoints::LIST_ROOMS,
                first(client.list_rooms()),
            )
            .await,
        );
    }
    if wanted.wants(AssetType::Zdm) {
        checks.push(
            probe(
                "devices/zdm",
                &endpoints::LIST_ZDM_DEVICES,
                first(client.list_zdm_slice(zoom_api::wire::ZdmSlice::ZOOM_DEFAULTS)),
            )
            .await,
        );
    }
    if wanted.wants(AssetType::MeetingDevices) {
        checks.push(
            probe(
                "devices/meeting_device",
                &endpoints::LIST_PAST_MEETINGS,
                first(client.list_past_meetings(today, today)),
            )
            .await,
        );
    }
    if wanted.activity_logs {
        checks.push(
            probe(
                "activities/sign_in_out",
                &endpoints::LIST_SIGN_IN_ACTIVITIES,
                first(client.list_sign_in_activities(today, today)),
            )
            .await,
        );
        checks.push(
            probe(
                "activities/operations",
                &endpoints::LIST_OPERATION_LOGS,
                first(client.list_operation_logs(today, today)),
            )
            .await,
        );
    }
    if settings.saas.api {
        checks.push(
            probe("saas/account", &endpoints::ACCOUNT_SETTINGS, async {
                client.account_settings().await.map(drop)
            })
            .await,
        );
        checks.push(
            probe(
                "saas/account/locks",
                &endpoints::ACCOUNT_LOCK_SETTINGS,
                async { client.account_lock_settings().await.map(drop) },
            )
            .await,
        );
        checks.push(
            probe("saas/account/seats", &endpoints::USERS_SUMMARY, async {
                client.users_summary().await.map(drop)
            })
            .await,
        );
        checks.push(
            probe("saas/account/plan", &endpoints::PLAN_USAGE, async {
                client.plan_usage().await.map(drop)
            })
            .await,
        );
        checks.push(
            probe("saas/account/domains", &endpoints::MANAGED_DOMAINS, async {
                client.managed_domains().await.map(drop)
            })
            .await,
        );
        // The Member role always exists.
        checks.push(
            probe("saas/roles", &endpoints::GET_ROLE, async {
                client.get_role("2").await.map(drop)
            })
            .await,
        );
        // `GET /accounts/me/plans` is not probed: Zoom opens it to approved partners only, so
        // a refusal is the usual answer and not a fault (the portal reads the renewal date).
        checks.push(
            probe(
                "saas/apps",
                &endpoints::LIST_APPS,
                first(client.list_installed_apps()),
            )
            .await,
        );
        // The first added app's details (its requested scopes); nothing to read without one.
        checks.push(
            probe("saas/apps/details", &endpoints::GET_APP, async {
                let mut apps = std::pin::pin!(client.list_installed_apps());
                match apps.next().await {
                    Some(Ok(app)) => match &app.item.app_id {
                        Some(id) => client.get_app(id).await.map(drop),
                        None => Ok(()),
                    },
                    Some(Err(error)) => Err(error),
                    None => Ok(()),
                }
            })
            .await,
        );
    }
    if let Some(portal) = &settings.saas.portal {
        // A full sign-in and read, without keeping the session: what a fetch would do.
        let mut config = crate::run::portal_config(portal, settings.verify_ssl, None);
        config.session_file = None;
        let (status, detail) = match zoom_portal::collect(&config).await {
            Ok(_) => (CheckStatus::Ok, None),
            Err(error) => (CheckStatus::Error, Some(crate::error_chain(&error))),
        };
        checks.push(SourceCheck {
            source: crate::sources::portal::SCOPE,
            status,
            missing_scopes: Vec::new(),
            detail,
            category: "web portal".to_owned(),
        });
    }
    Ok(checks)
}

/// The first item of a listing (one request), or its error.
async fn first<T>(
    listing: impl Stream<Item = Result<WithRaw<T>, zoom_api::Error>>,
) -> Result<(), zoom_api::Error> {
    let mut listing = std::pin::pin!(listing);
    match listing.next().await {
        Some(Err(error)) => Err(error),
        _ => Ok(()),
    }
}

async fn probe(
    source: &'static str,
    endpoint: &Endpoint,
    request: impl Future<Output = Result<(), zoom_api::Error>>,
) -> SourceCheck {
    let category = endpoint.category.to_string();
    let result = request.await;
    let (status, missing_scopes, detail) = match &result {
        Ok(()) => (CheckStatus::Ok, Vec::new(), None),
        Err(error) => {
            let detail = Some(crate::error_chain(error));
            match error.last_attempt() {
                zoom_api::Error::MissingScopes { scopes, .. } => {
                    (CheckStatus::MissingScope, scopes.clone(), detail)
                }
                _ if error.zoom_code() == Some(200) || error.http_status() == Some(403) => {
                    (CheckStatus::NotAvailable, Vec::new(), detail)
                }
                zoom_api::Error::Transport { .. } => (CheckStatus::Network, Vec::new(), detail),
                _ => (CheckStatus::Error, Vec::new(), detail),
            }
        }
    };
    SourceCheck {
        source,
        status,
        missing_scopes,
        detail,
        category,
    }
}
