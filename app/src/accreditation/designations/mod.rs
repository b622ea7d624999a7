//! An organisation's designations of representatives at a duty station: the station page, the
//! designation form with its draft and photo, submit (quotas), withdraw, copy.
pub mod api;
pub mod drafts;
pub mod pages;
pub mod photo;
