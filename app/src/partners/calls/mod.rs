//! Calls for expression of interest (CFEI, PRODUCT.md §4 "Opportunities"): an agency's officers
//! write a call (criteria weighing 100, dates in order), publish it (the partners of its sectors
//! and countries are mailed), the scheduled job closes it at its deadline, the officers finalise
//! it with a reason; everyone reads the open calls. Rules: `partners::domain::calls`.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
