//! Staff (PRODUCT.md §1): secretariat accounts with scoped roles, granted and removed by a
//! platform administrator.
pub mod api;
pub mod domain;
pub mod entry;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod words;

/// The actions this module records in the audit trail (`audit::install`).
pub const AUDIT_ACTIONS: &[&str] = &["staff.staff_role_granted", "staff.staff_role_removed"];
