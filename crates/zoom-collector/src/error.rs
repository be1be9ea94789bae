use std::path::PathBuf;

/// Why a fetch produced no run. A fetch where only some sources failed is not an error: it
/// returns a partial run.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The client could not be built from the settings (for example an unreadable CA file).
    #[error("cannot set up the Zoom client")]
    Client(#[source] zoom_api::Error),
    /// No access token: wrong credentials, unreachable server, disabled app. Nothing was written.
    #[error("cannot authenticate to Zoom")]
    Authenticate(#[source] zoom_api::Error),
    /// The inventory database could not be opened or written.
    #[error("inventory database {path}")]
    Store {
        /// The database file.
        path: PathBuf,
        /// What the store said.
        #[source]
        source: inventory_store::Error,
    },
    /// Every source failed; nothing was stored and the database is unchanged.
    #[error("nothing was fetched ({summary}); first failure")]
    NothingFetched {
        /// The first failure, and how many others.
        summary: String,
        /// The first failure.
        #[source]
        first: SourceError,
    },
    /// The store's writer stopped unexpectedly.
    #[error("the database writer stopped unexpectedly")]
    WriterGone,
}

/// Why a source stopped: Zoom's API, or the web portal.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// A request to Zoom's API failed.
    #[error(transparent)]
    Api(#[from] zoom_api::Error),
    /// Signing in to or reading the web portal failed.
    #[error(transparent)]
    Portal(#[from] zoom_portal::PortalError),
}

impl SourceError {
    /// The HTTP status of the API's answer, when there was one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            SourceError::Api(error) => error.http_status(),
            SourceError::Portal(_) => None,
        }
    }

    /// Zoom's error code, when the API gave one.
    pub fn zoom_code(&self) -> Option<i64> {
        match self {
            SourceError::Api(error) => error.zoom_code(),
            SourceError::Portal(_) => None,
        }
    }
}
