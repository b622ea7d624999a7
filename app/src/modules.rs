//! Every module's parts, given to the shared modules that run them: one line per module in each
//! registry. A new module adds its lines here, its pages to the router (`lib.rs`), and its
//! migrations — nothing else outside its folder.
#[cfg(feature = "ssr")]
use crate::{accounts, accreditation, drafts, organisations, uploads};

/// Registers every module's parts (once per process; the server calls it before serving).
pub fn install() {
    #[cfg(feature = "ssr")]
    {
        accounts::hooks::install(vec![organisations::accounts::HOOKS]);
        drafts::registry::install(vec![
            accounts::drafts::server::SOURCE,
            organisations::drafts::server::SOURCE,
            accreditation::designations::drafts::server::SOURCE,
        ]);
        let [logo, certificate] = organisations::files::server::PURPOSES;
        uploads::registry::install(vec![
            logo,
            certificate,
            accreditation::designations::photo::server::PURPOSE,
        ]);
    }
}

/// The modules' plain axum routes (downloads, exports, files), merged by the server.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::ssr::AppState> {
    axum::Router::new()
        .merge(uploads::serve::routes())
        .merge(accreditation::routes())
}

/// The modules' scheduled jobs, run by the server in the background.
#[cfg(feature = "ssr")]
pub fn jobs() -> &'static [crate::ssr::jobs::Job] {
    use crate::ssr::jobs::Job;
    static JOBS: [Job; 4] = [
        crate::ssr::rate_limit::PURGE_JOB,
        drafts::repo::PURGE_JOB,
        accounts::recovery::server::REQUESTS_JOB,
        accreditation::review::api::server::EXPIRY_JOB,
    ];
    &JOBS
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn every_registered_part_is_found_by_its_code_and_codes_are_unique() {
        install();
        for form in ["my_details", "organisation_profile", "designation"] {
            assert!(drafts::registry::source(form).is_some(), "{form}");
        }
        assert!(drafts::registry::source("other").is_none());
        for purpose in ["logo", "certificate", "photo"] {
            assert!(uploads::registry::purpose(purpose).is_some(), "{purpose}");
        }
        let names: std::collections::BTreeSet<_> = jobs().iter().map(|j| j.name).collect();
        assert_eq!(names.len(), jobs().len(), "job names are unique");
    }
}
