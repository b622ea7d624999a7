//! Accreditation (PRODUCT.md §3, issue #5): representatives, quotas, secretariat, badges,
//! meeting rooms. `domain` holds the pure rules, `api` the server functions, `repo` the SQL,
//! `pages` the screens.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
