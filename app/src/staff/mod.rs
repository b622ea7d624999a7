//! Staff (PRODUCT.md §1): secretariat accounts with scoped roles, granted and removed by a
//! platform administrator.
pub mod api;
pub mod domain;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod repo;
