//! Partners (PRODUCT.md §4, seed 001): UNPP profiles in seven sections with completeness that
//! names what is missing, agencies' partner codes and spending history, verification and flags,
//! the PSEA self-assessment, support requests, the agencies' search, and calls for expression of
//! interest.
pub mod api;
pub mod applications;
pub mod calls;
pub mod domain;
pub mod drafts;
pub mod entry;
#[cfg(feature = "ssr")]
pub mod export;
pub mod files;
#[cfg(feature = "ssr")]
pub mod hooks;
pub mod labels;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod moves;
pub mod pages;
pub mod policy;
pub mod psea;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod review;
pub mod support;
pub mod words;

/// The module's plain routes: the agencies' exports of the partner search.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::ssr::AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/agency/partners.csv", get(export::csv))
        .route("/agency/partners.xlsx", get(export::xlsx))
}

/// The actions this module records in the audit trail (`audit::install`).
pub const AUDIT_ACTIONS: &[&str] = &[
    "partners.profile_section_saved",
    "partners.organisation_fields_moved",
    "partners.partner_code_linked",
    "partners.spending_imported",
    "partners.profile_verified",
    "partners.flag_raised",
    "partners.flag_changed",
    "partners.psea_started",
    "partners.psea_submitted",
    "partners.psea_reviewed",
    "partners.support_opened",
    "partners.support_replied",
    "partners.support_moved",
    "partners.call_created",
    "partners.call_edited",
    "partners.call_published",
    "partners.call_closed",
    "partners.call_finalised",
    "partners.application_submitted",
    "partners.application_withdrawn",
    "partners.reviewer_assigned",
    "partners.reviewer_removed",
    "partners.application_scored",
    "partners.application_preselected",
    "partners.application_recommended",
    "partners.application_rejected",
    "partners.application_awarded",
    "partners.application_retracted",
    "partners.application_accepted",
    "partners.application_declined",
    "partners.application_feedback",
];
