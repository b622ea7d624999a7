//! Organisations (PRODUCT.md §1–2): kinds, headquarters → country offices, ECOSOC consultative
//! status, memberships with roles, join requests.
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
