//! Organisations (PRODUCT.md §1–2): kinds, headquarters → country offices, ECOSOC consultative
//! status, memberships with roles, join requests.
#[cfg(feature = "ssr")]
pub mod accounts;
pub mod api;
pub mod domain;
pub mod drafts;
pub mod duplicates;
pub mod entry;
pub mod files;
#[cfg(feature = "ssr")]
pub mod hooks;
pub mod kinds;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod words;

/// The actions this module records in the audit trail (`audit::install`).
pub const AUDIT_ACTIONS: &[&str] = &[
    "organisations.member_attached_at_sign_up",
    "organisations.created",
    "organisations.country_office_added",
    "organisations.profile_updated",
    "organisations.member_added",
    "organisations.member_removed",
    "organisations.member_left",
    "organisations.member_role_changed",
    "organisations.join_requested",
    "organisations.join_request_decided",
    "organisations.consultative_status_set",
];
