//! The review of applications to calls (issue 15, item 3): reviewers assigned to a call, their
//! scores, the agency's moves (preselect, recommend, reject, award, retract) and the partner's
//! answer to an award, the feedback. Rules: `partners::domain::applications`.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
