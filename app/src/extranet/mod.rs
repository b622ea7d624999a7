//! The CNCD extranet (PRODUCT.md §5). For now: registration and its validation by the extranet
//! secretariat (§2).
pub mod api;
pub mod domain;
pub mod entry;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod words;

/// The actions this module records in the audit trail (`audit::install`).
pub const AUDIT_ACTIONS: &[&str] = &[
    "extranet.registered",
    "extranet.decided",
    "extranet.created_at_registration",
];
