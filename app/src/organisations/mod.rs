//! Organisations (PRODUCT.md §1–2): kinds, headquarters → country offices, ECOSOC consultative
//! status, memberships with roles, join requests.
#[cfg(feature = "ssr")]
pub mod accounts;
pub mod api;
pub mod domain;
pub mod drafts;
pub mod files;
pub mod kinds;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod repo;
