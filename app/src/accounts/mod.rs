//! People, organisations, memberships and staff (PRODUCT.md §1–2).
//! This foundation holds the domain types the first commands need; the accounts issue adds the flows.
pub mod api;
#[cfg(feature = "ssr")]
pub mod common_passwords;
pub mod domain;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod repo;
