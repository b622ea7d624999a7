//! Design-system components shared by every module.
pub mod drafts;
pub mod errors;
pub mod format;
pub mod forms;
pub mod history;
pub mod layout;
