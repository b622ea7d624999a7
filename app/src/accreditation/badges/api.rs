//! Server functions of badges: verifying a badge's code (public), re-printing one.
#![allow(clippy::too_many_arguments)]
use crate::AppError;
use leptos::prelude::*;

pub use crate::accreditation::domain::BadgeCheck;

/// The organisation withdraws a submitted or approved designation.
/// The public verification of a scanned badge (`/verify/{code}`).
#[server(endpoint = "accreditation/verify")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn verify_badge(code: String) -> Result<BadgeCheck, AppError> {
    crate::ssr::respond(
        async { crate::accreditation::badges::verify(&crate::ssr::db()?, &code).await }.await,
    )
}

/// Re-prints a badge: a new serial; the badge printed before stops being valid. Recorded in the
/// designation's history.
#[server(endpoint = "accreditation/reprint")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reprint_badge(designation_id: i64) -> Result<(), AppError> {
    crate::ssr::respond(server::reprint(designation_id).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;

    use crate::accreditation::repo::{self};

    use crate::actor::server::actor;

    use crate::organisations::domain::MemberRole;
    use crate::organisations::repo::{self as orgs};
    use crate::ssr::{db, redirect};

    pub async fn reprint(designation_id: i64) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let r = repo::designation(&db, designation_id)
            .await?
            .ok_or(AppError::NotFound)?;
        crate::accreditation::badges::may_print(&db, &actor, &r, crate::ssr::db::today()).await?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        crate::accreditation::badges::issue(&mut tx, r.id, me.user_id).await?;
        tx.commit().await?;
        let role = orgs::role_of(&db, r.organisation_id, me.user_id).await?;
        redirect(&if role.is_some_and(MemberRole::edits) {
            format!(
                "/accreditation/{}/{}?saved=reprinted",
                r.organisation_id, r.duty_station
            )
        } else if crate::accreditation::policy::may_decide_designation(&actor, &r.duty_station)
            .is_ok()
        {
            "/secretariat/designations?saved=reprinted".to_string()
        } else {
            "/accreditation/rights?saved=reprinted".to_string()
        });
        Ok(())
    }
}
