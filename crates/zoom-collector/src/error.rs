//! The collector's errors, how each is classified for an exit code, and the one way an error is
//! written on one line ([`error_chain`]).

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
    /// Nothing was stored, and the sources that failed lost single items only (a server that
    /// lists meetings, then refuses every one's participants); the database is unchanged.
    #[error("nothing was fetched ({summary}); first failure: {first}")]
    ItemsFailed {
        /// How many sources failed.
        summary: String,
        /// The first failed source, and its first failed item.
        first: String,
    },
    /// A dry run could not list what it plans from.
    #[error("cannot plan the run: listing the {what} failed")]
    Plan {
        /// What was being listed.
        what: &'static str,
        /// Zoom's answer.
        #[source]
        source: zoom_api::Error,
    },
    /// A run needed what earlier runs stored, and there is no inventory at that path.
    #[error("no inventory at {0}")]
    NoInventory(PathBuf),
    /// The store's writer stopped unexpectedly.
    #[error("the database writer stopped unexpectedly")]
    WriterGone,
}

impl FetchError {
    /// Whether what the user gave is wrong (a client the settings cannot build, a database path
    /// that cannot hold an inventory), rather than something failing along the way.
    pub fn is_usage(&self) -> bool {
        match self {
            FetchError::Client(_) => true,
            FetchError::Store { source, .. } => source.is_usage(),
            FetchError::Authenticate(_)
            | FetchError::NothingFetched { .. }
            | FetchError::ItemsFailed { .. }
            | FetchError::NoInventory(_)
            | FetchError::Plan { .. }
            | FetchError::WriterGone => false,
        }
    }
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
    /// What earlier runs stored, which an incremental run builds on, could not be read back.
    #[error("cannot read back what earlier runs stored; `fetch --full` reads everything again")]
    History(#[source] Box<FetchError>),
    /// The quota planner left part of the source for the next run, to stay within
    /// `max_daily_share` of the daily cap.
    #[error("deferred by quota: {meetings} meetings")]
    Deferred {
        /// Meetings whose participants wait for a later run.
        meetings: u64,
    },
}

impl SourceError {
    /// The HTTP status of the API's answer, when there was one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            SourceError::Api(error) => error.http_status(),
            SourceError::Portal(_) | SourceError::History(_) | SourceError::Deferred { .. } => None,
        }
    }

    /// Zoom's error code, when the API gave one.
    pub fn zoom_code(&self) -> Option<i64> {
        match self {
            SourceError::Api(error) => error.zoom_code(),
            SourceError::Portal(_) | SourceError::History(_) | SourceError::Deferred { .. } => None,
        }
    }
}

/// An error and its causes on one line, each cause once: a cause whose text the line already
/// holds (a message that quotes its source) is left out. The CLI's error line, the reasons and
/// issues of a run, and `check`'s details are all written with it.
pub fn error_chain(error: &dyn std::error::Error) -> String {
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

#[cfg(test)]
mod tests {
    use super::error_chain;

    /// An error with a message and an optional cause.
    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|cause| cause as _)
        }
    }

    #[test]
    fn each_cause_once_in_order() {
        let os = Layer("connection refused (os error 111)", None);
        let transport = Layer(
            "GET /users: cannot connect: connection refused (os error 111)",
            Some(Box::new(os)),
        );
        let hyper = Layer("client error (Connect)", Some(Box::new(transport)));
        let top = Layer("cannot authenticate to zoom", Some(Box::new(hyper)));
        assert_eq!(
            error_chain(&top),
            "cannot authenticate to zoom: client error (Connect): GET /users: cannot connect: \
             connection refused (os error 111)"
        );
    }
}
