//! Runs one fetch: settings → Zoom's API → normalization → the store.
//!
//! The collector owns the order of a run and what happens when part of it fails; it does no
//! terminal output (it reports [`Event`]s to a callback the CLI draws) and knows no SQL (it
//! hands [`inventory_model::Record`]s to the store's run writer).
//!
//! Start at [`fetch`]. A run goes: build the client and get a token (nothing is written if that
//! fails), open the run in the store (one write transaction, see `inventory-store`), read the
//! lookups (roles, groups), then every enabled source concurrently, each record normalized and
//! streamed to the store as it arrives. A source that fails is recorded on the run as an issue
//! and the others go on; the run is then partial. What was fetched is always kept.
//!
//! The time comes from a [`Clock`]: the system's for [`fetch`] and [`check`], any other for
//! [`fetch_with_clock`] and [`check_with_clock`] (tests pin it to a simulator's "now").

mod check;
mod clock;
mod error;
mod events;
mod incremental;
mod plan;
mod progress;
mod run;
mod settings;
mod sources;
mod writer;

pub use check::{CheckStatus, SourceCheck, check, check_with_clock};
pub use clock::Clock;
pub use error::{FetchError, SourceError, error_chain};
pub use events::Event;
pub use inventory_store::{RunInfo, RunStatus};
pub use plan::{Plan, plan_fetch};
pub use progress::{AnnouncedPages, RequestProgress, RequestsAhead};
pub use run::{FetchOptions, FetchReport, fetch, fetch_with_clock, fetch_with_options};
pub use settings::{
    AssetType, CONNECTION_SETTINGS, DEFAULT_API_URL, FETCH_SETTINGS, FetchOverrides, FetchSettings,
    Layer, MAX_DAYS_OF_MEETINGS, Overrides, PortalSettings, SAAS_SETTINGS, SaasOverrides,
    SaasSettings, Setting, SettingValue, Settings, SettingsError, ValueKind, all_settings,
    default_oauth_url,
};
