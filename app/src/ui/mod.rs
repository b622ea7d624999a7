//! Design-system components shared by every module.
#[cfg(feature = "hydrate")]
pub mod dom;
pub mod errors;
pub mod format;
pub mod forms;
pub mod history;
pub mod pager;
pub mod title;
