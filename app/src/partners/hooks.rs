//! What partners require of organisations (`organisations::hooks`, registered by
//! `app::modules`): a country office is created only under a headquarters whose profile is
//! complete (PRODUCT.md §4); "My organisations" shows how complete each partner profile is.
use crate::AppError;
use crate::organisations::hooks::{OrganisationHooks, Pending};
use crate::partners::domain::profile::completeness;
use crate::ssr::Db;

pub const HOOKS: OrganisationHooks = OrganisationHooks {
    before_country_office,
    profile_completeness,
};

fn before_country_office(db: &Db, headquarters_id: i64) -> Pending<'_, ()> {
    Box::pin(async move {
        let answers = crate::partners::repo::answers(db, headquarters_id).await?;
        if completeness(&answers).is_complete() {
            Ok(())
        } else {
            Err(AppError::invalid("_", "profile_incomplete"))
        }
    })
}

/// The stored completeness of the civil-society organisations among `ids` (a profile never
/// saved: as complete as its empty answers are).
fn profile_completeness<'a>(db: &'a Db, ids: &'a [i64]) -> Pending<'a, Vec<(i64, u8)>> {
    Box::pin(async move {
        let empty = completeness(&Default::default()).percent;
        Ok(crate::partners::repo::completeness_of(db, ids)
            .await?
            .into_iter()
            .map(|(id, stored)| (id, stored.map_or(empty, |p| p.clamp(0, 100) as u8)))
            .collect())
    })
}
