//! Accreditation (PRODUCT.md §3, issue #5): representatives, quotas, secretariat, badges,
//! meeting rooms. So far its pure rules (`domain`); server functions and pages follow.
pub mod domain;
