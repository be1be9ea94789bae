//! The crate's public errors: why a simulator could not start ([`SimError`]), and the parse
//! errors of a plan name ([`ParsePlanError`]) and of a fault spec ([`ParseFaultPlanError`]).

use std::io;
use std::net::SocketAddr;

/// Why a simulator could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// The configuration cannot describe a Zoom account.
    #[error("invalid simulator configuration: {0}")]
    InvalidConfig(String),
    /// The listening socket could not be bound.
    #[error("cannot bind {addr}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The bind error.
        #[source]
        source: io::Error,
    },
    /// The bound socket's address could not be read.
    #[error("cannot read the bound address")]
    LocalAddr(#[source] io::Error),
}

/// A plan name other than `free`, `pro` or `business`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown plan {input:?} (expected free, pro or business)")]
pub struct ParsePlanError {
    /// What was given.
    pub input: String,
}

/// A fault spec that [`crate::FaultPlan::parse`] cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid fault spec item {part:?}: {reason}")]
pub struct ParseFaultPlanError {
    /// The offending item of the spec (e.g. `5xx=1.5`), or the names of the shares whose total
    /// is too large.
    pub part: String,
    /// What is wrong with it.
    pub reason: String,
}
