//! People (PRODUCT.md §1–2): sign-up with an emailed code, sign-in, recovery, "My details", and
//! account details. Who is acting is `crate::actor`; each module's `policy` decides what they may do.
pub mod api;
#[cfg(feature = "ssr")]
pub mod common_passwords;
pub mod details;
pub mod domain;
pub mod drafts;
#[cfg(feature = "ssr")]
pub mod hooks;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
pub mod recovery;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod sign_up;
