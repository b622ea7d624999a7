//! Mail: templates in the recipient's language (pure), and on the server a job queue that
//! delivers outside the request path — over SMTP when `SMTP_URL` is set, otherwise into the
//! outbox table — retried with back-off, never dropped.
pub mod api;
pub mod domain;
pub mod entry;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod queue;
#[cfg(feature = "ssr")]
pub mod templates;
pub mod words;

/// The actions this module records in the audit trail (`audit::install`).
pub const AUDIT_ACTIONS: &[&str] = &["mail.mail_retried"];
