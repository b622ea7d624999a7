//! Offline-tolerant drafts (PRODUCT.md §6, issue #4): the server copy of a long form, owned by
//! its person and record, with the record's version to detect changes made meanwhile.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
