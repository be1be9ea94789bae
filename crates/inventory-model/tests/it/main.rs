//! The model's tests: data-driven, one snapshot per fixture.

/// `user::normalize` over `fixtures/users/*.json`.
mod users;
