//! The CNCD extranet (PRODUCT.md §5). For now: registration and its validation by the extranet
//! secretariat (§2).
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod repo;
