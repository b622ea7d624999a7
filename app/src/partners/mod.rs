//! Partners (PRODUCT.md §4, seed 001): UNPP profiles in seven sections with completeness,
//! agencies' partner codes and spending history, verification and flags, the PSEA
//! self-assessment, support requests. So far its pure rules (`domain`); its tables, server
//! functions and pages come next (issue 14).
pub mod domain;
