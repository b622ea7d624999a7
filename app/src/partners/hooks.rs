//! What partners require of organisations (`organisations::hooks`, registered by
//! `app::modules`): a country office is created only under a headquarters whose profile is
//! complete (PRODUCT.md §4).
use crate::AppError;
use crate::organisations::hooks::{OrganisationHooks, Pending};
use crate::partners::domain::profile::completeness;
use crate::ssr::Db;

pub const HOOKS: OrganisationHooks = OrganisationHooks {
    before_country_office,
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
