//! The PSEA self-assessment (PRODUCT.md §4): written and submitted by the partner's
//! administrators and editors, reviewed by an agency officer (agreed, or sent back with
//! comments), one a year, with its history. Its rules are `partners::domain::psea`.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
