//! The words this module gives the shared screens (`crate::words`, registered by `app::modules`):
//! its audit actions and the codes its changes carry (histories), its error codes (forms).
use crate::i18n::*;
use crate::partners::domain::profile::Section;
use crate::words::ModuleWords;

pub const WORDS: ModuleWords = ModuleWords {
    module: "partners",
    action,
    code,
    error,
    typed: &["partners.partner_code_linked", "partners.spending_imported"],
};

/// The words of this module's audit actions.
fn action(l: Locale, name: &str) -> Option<&'static str> {
    crate::audit_words!(l, name; profile_section_saved, organisation_fields_moved, partner_code_linked, spending_imported, profile_verified, flag_raised, flag_changed, psea_started, psea_submitted, psea_reviewed, support_opened, support_replied, support_moved, call_created, call_edited, call_published, call_closed, call_finalised, application_submitted, application_withdrawn, reviewer_assigned, reviewer_removed, application_scored, application_preselected, application_recommended, application_rejected, application_awarded, application_retracted, application_accepted, application_declined, application_feedback)
}

/// The words of the codes this module's changes carry: sections, and the documents' purposes
/// (by the field each answers).
fn code(l: Locale, code: &str) -> Option<String> {
    if let Some(s) = Section::parse(code) {
        return Some(crate::partners::labels::section_label(l, s).to_string());
    }
    if let Some(words) = crate::partners::labels::verification_code(l, code) {
        return Some(words.to_string());
    }
    if let Some(s) = crate::partners::domain::psea::AssessmentStatus::parse(code) {
        return Some(crate::partners::psea::pages::status_label(l, s).to_string());
    }
    if let Some(s) = crate::partners::domain::support::RequestStatus::parse(code) {
        return Some(crate::partners::support::pages::status_label(l, s).to_string());
    }
    if let Some(c) = crate::partners::domain::support::Category::parse(code) {
        return Some(crate::partners::support::pages::category_label(l, c).to_string());
    }
    if let Some(s) = crate::partners::domain::calls::CallState::parse(code) {
        return Some(crate::partners::calls::pages::state_label(l, s).to_string());
    }
    if let Some(s) = crate::partners::domain::applications::ApplicationState::parse(code) {
        return Some(crate::partners::calls::pages::application_state_label(l, s).to_string());
    }
    if let Some(r) = crate::partners::domain::calls::FinalReason::parse(code) {
        return Some(crate::partners::calls::pages::reason_label(l, r).to_string());
    }
    if let Some(r) = crate::partners::domain::psea::Rating::parse(code) {
        return Some(crate::partners::labels::rating_label(l, r).to_string());
    }
    let field = crate::partners::files::DOCUMENTS
        .iter()
        .find(|(_, p)| p.code() == code)
        .map(|(f, _)| *f)?;
    crate::partners::labels::field_label(l, field).map(str::to_string)
}

/// The messages of this module's error codes.
fn error(l: Locale, code: &str) -> Option<&'static str> {
    crate::error_words!(l, code; file_invalid, partner_code_taken, partner_code_invalid, partner_code_required, partner_code_unknown, spending_file_too_large, file_too_large, not_csv, spending_year_invalid, year_out_of_range, amount_negative, amount_required, amount_invalid, duplicate_row, too_many_rows, no_rows, risk_not_stated, profile_incomplete, assessment_locked, assessment_once_a_year, evidence_required, request_resolved, reopen_too_late, too_many_files, call_state_not_allowed, call_not_closed, weights_not_100, criteria_required, date_before_previous, call_not_open, headquarters_cannot_apply, profile_not_complete, already_applied, score_above_weight, reviews_missing, partner_not_verified, partner_red_flag, review_not_open, review_locked, not_a_reviewer, reviewer_has_reviewed, no_accepted_award)
}
