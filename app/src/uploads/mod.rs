//! Uploaded files (issue #4): rules (`domain`), the upload server function (`api`), storage
//! (`repo`: rows in the database, bytes under the data directory) and serving to the people
//! allowed to see the record (`serve`).
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod serve;
