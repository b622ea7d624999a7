//! Accreditation (PRODUCT.md §3, issue #5), in features: `designations/` (an organisation's
//! designations, the form, drafts, photo), `review/` (the secretariat's queue, decisions, renewal,
//! expiry, exports, directory), `rooms/` (meeting-room bookings), `badges/` (serials and signed
//! codes, PDF, download, verification). Shared by the features, at the top: `domain/` (the pure
//! rules), `policy`, `repo` (designation rows), `rights`, `changes` (mail + audit of a change of
//! state), `labels` (the words of its codes).
pub mod badges;
#[cfg(feature = "ssr")]
pub mod changes;
pub mod designations;
pub mod domain;
pub mod entry;
pub mod labels;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod review;
#[cfg(feature = "ssr")]
pub mod rights;
pub mod rooms;
pub mod words;

/// The key of a designation form's draft: the draft edited (`d{id}`), or a new one at a
/// station (`o{organisation}-{station}-{variant}`: the type asked for, `c{id}` for a copy, or
/// `new`), so that two new forms never restore each other's draft.
pub fn draft_key(
    organisation_id: i64,
    station: &str,
    designation_id: Option<i64>,
    variant: &str,
) -> String {
    match designation_id {
        Some(id) => format!("d{id}"),
        None => format!("{}{variant}", new_draft_prefix(organisation_id, station)),
    }
}

/// What a designation draft's key names (the reverse of `draft_key`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKey<'a> {
    /// A saved draft designation.
    Saved(i64),
    /// A new form of an organisation at a station (`variant`: 1 to 40 characters).
    New {
        organisation_id: i64,
        station: &'a str,
        variant: &'a str,
    },
}

/// Reads a key `draft_key` wrote; `None` for anything else.
pub fn parse_draft_key(key: &str) -> Option<DraftKey<'_>> {
    let key = key.trim();
    if let Some(id) = key.strip_prefix('d') {
        return id.parse().ok().map(DraftKey::Saved);
    }
    let mut parts = key.strip_prefix('o')?.splitn(3, '-');
    let (org, station, variant) = (parts.next()?, parts.next()?, parts.next()?);
    if variant.is_empty() || variant.len() > 40 {
        return None;
    }
    Some(DraftKey::New {
        organisation_id: org.parse().ok()?,
        station,
        variant,
    })
}

/// The draft a new designation's form posted as its own (`draft_key`, a hidden field), if it is
/// one of that organisation's new forms at that station; nothing else is ever discarded for it.
pub fn new_form_draft_key(organisation_id: i64, station: &str, posted: &str) -> Option<String> {
    let posted = posted.trim();
    let variant = posted.strip_prefix(&new_draft_prefix(organisation_id, station))?;
    (!variant.is_empty()).then(|| posted.to_string())
}

/// What the keys of every new designation's draft at a station start with.
pub fn new_draft_prefix(organisation_id: i64, station: &str) -> String {
    format!("o{organisation_id}-{station}-")
}

/// The module's plain routes: badge downloads and the secretariat's exports.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::ssr::AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/accreditation/badges/{id}", get(badges::download))
        .route("/secretariat/designations.csv", get(review::export::csv))
        .route("/secretariat/designations.xlsx", get(review::export::xlsx))
}

/// The actions this module records in the audit trail (`audit::install`).
pub const AUDIT_ACTIONS: &[&str] = &[
    "accreditation.designation_created",
    "accreditation.designation_edited",
    "accreditation.designation_submitted",
    "accreditation.designation_approved",
    "accreditation.designation_rejected",
    "accreditation.designation_withdrawn",
    "accreditation.designation_revoked",
    "accreditation.designation_expired",
    "accreditation.designation_renewed",
    "accreditation.badge_printed",
    "accreditation.badge_reprinted",
    "accreditation.room_added",
    "accreditation.room_booked",
    "accreditation.room_booking_cancelled",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_key_reads_back_what_it_names() {
        assert_eq!(
            parse_draft_key(&draft_key(7, "geneva", Some(12), "x")),
            Some(DraftKey::Saved(12))
        );
        assert_eq!(
            parse_draft_key(&draft_key(7, "geneva", None, "c40")),
            Some(DraftKey::New {
                organisation_id: 7,
                station: "geneva",
                variant: "c40"
            })
        );
        for bad in [
            "",
            "d",
            "dx",
            "o7-geneva-",
            "o7-geneva",
            "ox-geneva-new",
            "z1",
            &format!("o7-geneva-{}", "v".repeat(41)),
        ] {
            assert_eq!(parse_draft_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_new_form_discards_only_its_own_draft() {
        let mine = draft_key(7, "geneva", None, "principal_representative");
        assert_eq!(new_form_draft_key(7, "geneva", &mine), Some(mine.clone()));
        assert_eq!(new_form_draft_key(7, "geneva", ""), None, "nothing named");
        assert_eq!(
            new_form_draft_key(8, "geneva", &mine),
            None,
            "another organisation"
        );
        assert_eq!(
            new_form_draft_key(7, "vienna", &mine),
            None,
            "another station"
        );
        assert_eq!(
            new_form_draft_key(7, "geneva", "d12"),
            None,
            "not a new form"
        );
        assert_eq!(
            new_form_draft_key(7, "geneva", &new_draft_prefix(7, "geneva")),
            None
        );
    }
}
