//! What other modules require of an organisation before it grows, registered by them
//! (`app::modules::install`) so that `organisations` knows none of them: partners require the
//! headquarters' profile to be complete before a country office is created, and tell how
//! complete each profile is for "My organisations".
use crate::AppError;
use crate::ssr::Db;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

pub type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T, AppError>> + Send + 'a>>;

/// (organisation, percent) for those of `ids` whose profile the module keeps.
pub type ProfileCompleteness =
    for<'a> fn(db: &'a Db, ids: &'a [i64]) -> Pending<'a, Vec<(i64, u8)>>;

pub struct OrganisationHooks {
    /// Before a country office is created under `headquarters_id`: an error refuses it.
    pub before_country_office: for<'a> fn(db: &'a Db, headquarters_id: i64) -> Pending<'a, ()>,
    /// How complete (percent) the profile of each of `ids` is that has one.
    pub profile_completeness: ProfileCompleteness,
}

static HOOKS: OnceLock<Vec<OrganisationHooks>> = OnceLock::new();

/// Registers the modules' hooks (once per process; later calls change nothing).
pub fn install(hooks: Vec<OrganisationHooks>) {
    let _ = HOOKS.set(hooks);
}

pub fn registered() -> &'static [OrganisationHooks] {
    HOOKS.get().map_or(&[], Vec::as_slice)
}
