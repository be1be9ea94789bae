//! The account generator: pure, seed in, [`crate::Account`] out.

pub(crate) mod account;
pub(crate) mod activity;
pub(crate) mod meetings;
pub(crate) mod names;
pub(crate) mod rooms;
pub(crate) mod saas;
