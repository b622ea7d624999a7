//! Accreditation (PRODUCT.md §3, issue #5): representatives, quotas, secretariat, badges,
//! meeting rooms. `domain` holds the pure rules, `api` the server functions, `repo` the SQL,
//! `pages` the screens.
pub mod api;
#[cfg(feature = "ssr")]
pub mod badge;
#[cfg(feature = "ssr")]
pub mod badge_pdf;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod export;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod rights;
pub mod rooms;
pub mod rooms_api;
pub mod rooms_pages;
#[cfg(feature = "ssr")]
pub mod rooms_repo;

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

/// What the keys of every new designation's draft at a station start with.
pub fn new_draft_prefix(organisation_id: i64, station: &str) -> String {
    format!("o{organisation_id}-{station}-")
}
