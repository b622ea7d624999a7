//! How this module's changes read in a history (`ui::history`, registered by `app::modules`).
use crate::i18n::*;
use crate::ui::history::HistoryWords;
use crate::ui::history::lower_first;

pub const WORDS: HistoryWords = HistoryWords {
    module: "accreditation",
    action,
    code,
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
