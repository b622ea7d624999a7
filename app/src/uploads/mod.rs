//! Uploaded files (issue #4): rules (`domain`), receiving an upload for a module's form (`api`),
//! storage (`repo`: rows in the database, bytes under the data directory), serving to the people
//! the owning module allows (`serve`), and what each module keeps files for (`registry`).
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod registry;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod serve;
pub mod words;

/// The actions this module records in the audit trail (`audit::install`).
pub const AUDIT_ACTIONS: &[&str] = &["uploads.file_uploaded"];
