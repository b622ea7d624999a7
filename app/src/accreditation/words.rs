//! The words this module gives the shared screens (`crate::words`, registered by `app::modules`):
//! its audit actions and the codes its changes carry (histories), its error codes (forms).
use crate::i18n::*;
use crate::ui::history::lower_first;
use crate::words::ModuleWords;

pub const WORDS: ModuleWords = ModuleWords {
    module: "accreditation",
    action,
    code,
    error,
    typed: &[],
};

/// The words of this module's audit actions.
fn action(l: Locale, name: &str) -> Option<&'static str> {
    crate::audit_words!(l, name; designation_created, designation_edited, designation_submitted, designation_approved, designation_rejected, designation_withdrawn, designation_revoked, designation_expired, designation_renewed, badge_printed, badge_reprinted, room_added, room_booked, room_booking_cancelled)
}

/// The words of the codes this module's changes carry.
fn code(l: Locale, code: &str) -> Option<String> {
    Some(match code {
        "draft" => lower_first(td_string!(l, acc.status_draft)),
        "submitted" => lower_first(td_string!(l, acc.status_submitted)),
        "approved" => lower_first(td_string!(l, acc.status_approved)),
        "rejected" => lower_first(td_string!(l, acc.status_rejected)),
        "withdrawn" => lower_first(td_string!(l, acc.status_withdrawn)),
        "revoked" => lower_first(td_string!(l, acc.status_revoked)),
        "expired" => lower_first(td_string!(l, acc.status_expired)),
        "new_york" => td_string!(l, acc.station_new_york).to_string(),
        "geneva" => td_string!(l, acc.station_geneva).to_string(),
        "vienna" => td_string!(l, acc.station_vienna).to_string(),
        "booked" => td_string!(l, audit_state.booked).to_string(),
        "cancelled" => td_string!(l, audit_state.cancelled).to_string(),
        _ => return None,
    })
}

/// The messages of this module's error codes.
fn error(l: Locale, code: &str) -> Option<&'static str> {
    crate::error_words!(l, code; quota_full_president_chief_executive, quota_full_administrative_director, quota_full_principal_representative, quota_full_additional_representative, not_same_person_president_chief_executive, not_same_person_administrative_director, transition_not_allowed, copy_not_allowed, no_consultative_status, title_mr_or_ms, phone_invalid, rights_not_allowed, from_before_year_start, from_after_year_end, from_in_past, until_before_from, until_after_year_end, date_of_birth_in_future, date_of_birth_too_early, before_opening, after_closing, end_not_after_start, room_taken, booking_not_live, rights_temporary_only, room_exists, badge_not_valid)
}
