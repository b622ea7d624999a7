//! Staff management by platform administrators: list, grant (with its scope), remove.
use crate::AppError;
use leptos::prelude::*;

pub use super::domain::StaffGrant;

#[server(endpoint = "staff/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_staff() -> Result<Vec<StaffGrant>, AppError> {
    crate::ssr::respond(server::list().await)
}

#[server(endpoint = "staff/grant")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn grant_staff_role(
    email: String,
    role: String,
    #[server(default)] scope: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::grant(email, role, scope).await)
}

#[server(endpoint = "staff/revoke")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn revoke_staff_role(grant_id: i64) -> Result<(), AppError> {
    crate::ssr::respond(server::revoke(grant_id).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::StaffGrant;
    use crate::AppError;
    use crate::accounts::repo as accounts;
    use crate::actor::StaffRoleKind;
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::fields::EmailAddress;
    use crate::fields::email_error_code;
    use crate::ssr::{db, redirect};
    use crate::staff::domain::{keeps_a_platform_admin, parse_scope};
    use crate::staff::repo;

    pub async fn list() -> Result<Vec<StaffGrant>, AppError> {
        let (_, actor) = actor().await?;
        crate::staff::policy::may_manage_staff(&actor)?;
        Ok(repo::list(&db()?).await?)
    }

    pub async fn grant(email: String, role: String, scope: String) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        crate::staff::policy::may_manage_staff(&actor)?;
        let email = EmailAddress::parse(&email)
            .map_err(|e| AppError::invalid("email", email_error_code(e)))?;
        let kind =
            StaffRoleKind::parse(&role).ok_or_else(|| AppError::invalid("role", "role_invalid"))?;
        let scope = parse_scope(kind, &scope).map_err(|c| AppError::invalid("scope", c))?;
        let db = db()?;
        let person = accounts::person_by_email(&db, &email)
            .await?
            .filter(|p| p.status == "active")
            .ok_or_else(|| AppError::invalid("email", "user_unknown"))?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        accounts::grant_staff_role(&mut *tx, person.id, kind.as_str(), &scope).await?;
        let to = format!("{} {scope}", kind.as_str());
        record(
            &mut *tx,
            &Change::new("user", person.id, "staff.staff_role_granted")
                .by(me.user_id)
                .to_state(Some(to.trim())),
        )
        .await?;
        tx.commit().await?;
        redirect("/admin/staff?saved=granted");
        Ok(())
    }

    pub async fn revoke(grant_id: i64) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        crate::staff::policy::may_manage_staff(&actor)?;
        let db = db()?;
        let grant = repo::find(&db, grant_id).await?.ok_or(AppError::NotFound)?;
        let kind = StaffRoleKind::parse(&grant.role).ok_or(AppError::Internal)?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        repo::lock_platform_admins(&mut *tx).await?;
        if !keeps_a_platform_admin(repo::count_platform_admins(&mut *tx).await?, kind) {
            return Err(AppError::invalid("_", "last_platform_admin"));
        }
        repo::revoke(&mut *tx, grant_id).await?;
        let from = format!("{} {}", grant.role, grant.scope);
        record(
            &mut *tx,
            &Change::new("user", grant.user_id, "staff.staff_role_removed")
                .by(me.user_id)
                .from_state(Some(from.trim())),
        )
        .await?;
        tx.commit().await?;
        redirect("/admin/staff?saved=removed");
        Ok(())
    }
}
