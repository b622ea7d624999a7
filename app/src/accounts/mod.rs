//! People (PRODUCT.md §1–2): sign-up with an emailed code, sign-in, recovery, "My details", and
//! account details. Who is acting is `crate::actor`; each module's `policy` decides what they may do.
pub mod api;
#[cfg(feature = "ssr")]
pub mod common_passwords;
pub mod details;
pub mod domain;
pub mod drafts;
pub mod entry;
#[cfg(feature = "ssr")]
pub mod hooks;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
pub mod recovery;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod sign_up;
pub mod words;

/// The actions this module records in the audit trail (`audit::install`).
pub const AUDIT_ACTIONS: &[&str] = &[
    "accounts.signed_up",
    "accounts.details_updated",
    "accounts.username_changed",
    "accounts.email_changed",
    "accounts.password_changed",
    "accounts.password_reset",
    "accounts.newsletter_subscribed",
    "accounts.newsletter_unsubscribed",
    "accounts.created_as_platform_admin",
    "accounts.password_reset_by_command",
];
