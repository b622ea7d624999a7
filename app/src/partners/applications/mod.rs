//! Applications to calls for expression of interest (PRODUCT.md §4 "Opportunities"): a
//! partner's administrators and editors apply with a concept note, once per call, while it is
//! open, from a complete profile that is not a headquarters; they withdraw until the deadline.
//! The call's page shows them (`calls::pages`). Rules: `partners::domain::applications`.
pub mod api;
#[cfg(feature = "ssr")]
pub mod repo;
