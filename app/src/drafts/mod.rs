//! Offline-tolerant drafts (PRODUCT.md §6, issue #4): the server copy of a long form, owned by
//! its person and record, with the record's version to detect changes made meanwhile. The forms
//! are the modules': each declares its `DraftForm` and registers, in `registry`, who may edit the
//! record a draft belongs to (`app::modules::install`). `keeper` is the browser half.
pub mod api;
pub mod domain;
pub mod keeper;
#[cfg(feature = "ssr")]
pub mod registry;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod words;
