//! Zoom's web portal: what the REST API does not give (billing and renewal, the SSO identity
//! provider, role privileges, installed integrations with their scopes, users' licences and
//! advanced settings), read by signing in as a dedicated user with password and TOTP code.
//!
//! The crate is split in two halves and a contract:
//! - [`facts`]: the typed facts the portal yields; always compiled (inventory-model reads them,
//!   with no other feature, so the model stays free of parsers and I/O).
//! - *extract* (feature `extract`): [`extract`], pure functions from a filled page's HTML to
//!   facts, tested on fixture pages without a browser; [`map`], every page, locator and
//!   displayed value of the portal as data (`portal-map.toml`, built in, replaceable by a
//!   user's corrected copy), each entry evidenced or assumed; [`PortalError`].
//! - *drive* (feature `drive`, the default): [`collect`] signs in through headless Chromium over
//!   WebDriver (fantoccini), or reuses the stored session, opens every page, waits for its
//!   script to fill it and hands it to [`extract`]. `chromedriver.rs` starts chromedriver and
//!   stops it with every browser it launched; `totp.rs` computes 2FA codes; `session.rs` keeps
//!   the session file.
//!
//! **What it is not:** a client of Zoom's REST API (that is zoom-api), and never a store of the
//! password or TOTP secret: they are typed into the browser and nowhere else.
//!
//! Start reading at [`collect`] and [`map`].

pub mod facts;

#[cfg(feature = "extract")]
mod error;
#[cfg(feature = "extract")]
pub mod extract;
#[cfg(feature = "extract")]
pub mod map;

#[cfg(feature = "drive")]
pub mod chromedriver;
#[cfg(feature = "drive")]
mod drive;
#[cfg(feature = "drive")]
mod session;
#[cfg(feature = "drive")]
mod totp;

#[cfg(feature = "drive")]
pub use drive::{Collected, PortalConfig, collect, collect_pages};
#[cfg(feature = "extract")]
pub use error::PortalError;
pub use facts::PortalFacts;
