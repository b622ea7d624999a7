//! People (PRODUCT.md §1–2): sign-up with an emailed code, sign-in, recovery, "My details", and
//! the authorisation policy every module asks.
#[cfg(feature = "ssr")]
pub mod actor;
pub mod api;
#[cfg(feature = "ssr")]
pub mod common_passwords;
pub mod details;
pub mod domain;
pub mod pages;
pub mod policy;
pub mod recovery;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod sign_up;
