//! Zoom's web portal: what the REST API does not give (billing and renewal, the SSO identity
//! provider, role privileges, installed integrations with their scopes, users' licences).
//!
//! - [`facts`]: the typed facts the portal yields; always compiled (inventory-model reads them).

pub mod facts;

pub use facts::PortalFacts;
