//! People, organisations, memberships and staff (PRODUCT.md §1–2).
//! This foundation holds the domain types the first commands need; the accounts issue adds the flows.
#[cfg(feature = "ssr")]
pub mod common_passwords;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
